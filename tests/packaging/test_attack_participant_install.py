"""Red team (issue 19 req. 4), the participant install: the walk of tests/redteam/attack.py run by the
Python of a venv that holds only the ``alaskaki-peserta`` wheel, as on a participant's laptop.

tests/redteam/test_participant_side.py runs the same walk on the checkout with the grader side
hidden by bubblewrap; tests/integration/test_hub.py runs it as a participant's Linux account on the
hub. Here nothing is hidden: the install itself must carry no answer. The walk runs both released
forms, types each one-liner of issue 19, walks every object of every importable ``alaskaki`` module,
calls every participant-side function with the participant's id and each form's id, and reads every
file of the installed package (its ``kit/`` data included); the same judge decides.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from wheelkit import wheel_env_vars

pytestmark = [pytest.mark.slow]


def test_the_participant_install_yields_no_answer(peserta_env, tmp_path):
    from alaskaki_kunci import bank
    from tests.redteam import attack
    from tests.redteam.test_participant_side import (
        MUST_FAIL,
        _keyed_leaks,
        _numeric_leaks,
        _release,
    )

    released = [_release(m, tmp_path) for m in (bank.AWAL, bank.AKHIR)]
    py = str(peserta_env / "bin" / "python")
    env = wheel_env_vars(peserta_env, tmp_path)
    package = subprocess.run(
        [py, "-I", "-c", "import alaskaki, os; print(os.path.dirname(alaskaki.__file__))"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert package.startswith(str(peserta_env)), package
    walk = subprocess.run(
        [py, "-I", str(Path(attack.__file__).resolve()), package, *map(str, released)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert walk.returncode == 0, walk.stderr[-3000:]
    harvest = json.loads(walk.stdout)
    assert harvest["import_kunci"] != "imported"
    # the walk did read the installed package: the participant's notebooks and datasets
    assert any(f.startswith("kit/notebooks/") for f in harvest["files"]), harvest["files"][:20]
    assert any(f.startswith("kit/datasets/") for f in harvest["files"])
    assert not any("assignments" in f or "alaskaki_kunci" in f for f in harvest["files"])
    answered = [
        k
        for k, v in harvest["attacks"].items()
        if v == "value" and any(k.endswith(m) for m in MUST_FAIL)
    ]
    assert not answered, answered
    assert not _numeric_leaks(harvest), _numeric_leaks(harvest)
    assert not _keyed_leaks(harvest), _keyed_leaks(harvest)
