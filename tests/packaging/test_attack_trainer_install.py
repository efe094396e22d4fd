"""Red team: the trainer's WHEEL install grades the uji; a submission must not read the key there.

In a wheel install the kit's data (instructor notebooks with every solution, under
``alaskaki/kit/``) and possibly the key package sit in site-packages, inside the venv that the
grading sandbox binds read-only. A participant with no skill submits asesmen-akhir with the attack
cell of tests/fixtures/attack/payload.py (import the key, walk every readable file) and must score
what a blank notebook scores, while an honest participant graded in the same run scores in full.
"""

from __future__ import annotations

import json
import subprocess
import textwrap
from pathlib import Path

import nbformat
import pytest
from wheelkit import ROOT, fixture_module, wheel_env_vars

serangan = fixture_module(ROOT / "tests" / "fixtures" / "attack" / "serangan.py")

pytestmark = [pytest.mark.slow]
MODUL = serangan.MODUL


def _run(env_dir: Path, home: Path, code: str) -> dict:
    import sysconfig

    env = wheel_env_vars(env_dir, home)
    # the sandbox binds PYTHONPATH folders: the third-party libraries this test venv lends the
    # wheel's venv (through a .pth the sandbox would not see) must be reachable inside it too
    env["PYTHONPATH"] = sysconfig.get_paths()["purelib"]
    res = subprocess.run(
        [str(env_dir / "bin" / "python"), "-c", textwrap.dedent(code)],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert res.returncode == 0, res.stderr[-3000:]
    return json.loads(res.stdout.strip().splitlines()[-1])


def test_a_submission_cannot_read_the_key_in_the_trainer_install(pelatih_env, tmp_path):
    from alaskaki.workshop import sandbox as sb

    if not sb.bwrap_available() or not sb.zygotes_usable(True):
        pytest.skip("needs bubblewrap and root (warm sandboxes)")
    root = tmp_path / "lokakarya"
    made = _run(
        pelatih_env,
        tmp_path,
        f"""
        import json
        from alaskaki import paths
        from alaskaki.workshop.course import init_workshop
        from alaskaki.workshop.release import release_module
        ws = init_workshop({str(root)!r}, roster=paths.dataset("contoh_peserta.csv"), modules=[{MODUL!r}])
        release_module(ws, {MODUL!r}, due="2026-12-01 17:00")
        print(json.dumps({{"kit": str(paths.KIT_ROOT), "ids": ws.participant_ids()}}))
        """,
    )
    assert made["kit"].startswith(str(pelatih_env)), made  # the kit read from the installed wheel
    from alaskaki.folder import Folder
    from alaskaki.workshop import demo

    source = nbformat.read(Folder(root).source_notebook(MODUL), as_version=4)
    released = nbformat.read(Folder(root).release_notebook(MODUL), as_version=4)
    ids = made["ids"]
    subs = {
        ids[0]: serangan.attack_notebook(released, ids[0], ["files"]),
        ids[1]: serangan.attack_notebook(released, ids[1], ["import", "sys_modules", "gc"]),
        ids[2]: demo.simulate_submission(source, released, ids[2], 1.0, MODUL),
        ids[3]: demo.simulate_submission(source, released, ids[3], 0.0, MODUL),
    }
    for pid, nb in subs.items():
        dest = Folder(root).submitted(pid, MODUL)
        dest.mkdir(parents=True)
        nbformat.write(nb, dest / f"{MODUL}.ipynb")
        (dest / "timestamp.txt").write_text("2026-12-01 05:00:00.000000 UTC")
    graded = _run(
        pelatih_env,
        tmp_path,
        f"""
        import json
        from alaskaki.workshop.grader import grade_module
        run = grade_module({str(root)!r}, {MODUL!r}, workers=1, progress=False, sandbox=True)
        print(json.dumps({{"sandboxed": run.sandboxed,
                           "scores": {{r.participant: r.score for r in run.results}},
                           "errors": [r.error for r in run.results if r.error]}}))
        """,
    )
    assert graded["sandboxed"], graded
    score = graded["scores"]
    assert score[ids[2]] == len(serangan.key()), graded  # honest work graded in full
    assert score[ids[3]] == 0.0, graded
    reports = {}
    for pid in ids[:2]:
        nb = nbformat.read(Folder(root).autograded(pid, MODUL) / f"{MODUL}.ipynb", as_version=4)
        reports[pid] = serangan.stolen(nb).get("lapor")
        assert reports[pid] is not None, pid  # the attack cell ran
    assert score[ids[0]] == 0.0 and score[ids[1]] == 0.0, (score, reports)
