"""Trainer team: the kit is updated (``git pull`` / ``pip install -U``) while a workshop runs.

A workshop made and released before the update holds its own ``source/`` copy of the uji forms;
its participants answered THOSE forms. Grading after the update must judge each answer against the
form the participant was given, never against the kit's newer form (a right answer on the old form
must never become wrong, nor a wrong one right).

The fixtures ``tests/fixtures/trainerteam/asesmen-akhir-<commit>.ipynb`` are the kit's asesmen-akhir
as committed at 9861413 (before the R4b rewrite of the items, which also changed the CIF item from
one pair to the whole shipment) and at f917dfc (after it, before forms carried their own key).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from alaskaki.folder import Folder
from tests.integration.test_attack_trainer import HEADER, run

pytestmark = pytest.mark.slow

FORM = "asesmen-akhir"
FIXTURES = Path(__file__).parents[1] / "fixtures" / "trainerteam"


def _answered(old_form: Path, pid: str) -> bytes:
    """The old form with the old form's right answers (its instructor solution), as p01 hands it in."""
    nb = json.loads(old_form.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        cell["source"] = src.replace('"isi-id-anda"', f'"{pid}"').replace('"contoh-01"', f'"{pid}"')
    return json.dumps(nb, indent=1).encode("utf-8")


@pytest.mark.parametrize("commit", ["9861413", "f917dfc"])
def test_a_form_released_before_a_kit_update_is_graded_by_its_own_key(
    commit, tmp_path, monkeypatch
):
    old_form = FIXTURES / f"asesmen-akhir-{commit}.ipynb"
    roster = tmp_path / "peserta.csv"
    roster.write_text(HEADER + "p01,Ani,UD A,Miji,P,admin\n", encoding="utf-8")
    ws = tmp_path / "lokakarya-lama"
    assert run(None, "init", str(ws), "--roster", str(roster)).returncode == 0
    # what the old init copied into the workshop, and what the participants were given
    shutil.copyfile(old_form, Folder(ws).source_notebook(FORM))
    # released by the OLD kit: today's release would (rightly) replace a never-released committed
    # form by the workshop's own before handing it out (red team R16), which is not what happened
    # in a workshop that released it before the update
    from alaskaki.workshop import release
    from alaskaki.workshop.course import Workshop

    with monkeypatch.context() as m:
        m.setattr(release, "check_uji_release", lambda *args: None)
        release.release_module(Workshop.open(ws), FORM)
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / f"p01_{FORM}.ipynb").write_bytes(_answered(old_form, "p01"))
    res = run(ws, "collect", FORM, "--from", str(usb), "--tanpa-token")
    if res.returncode != 0 and "--tanpa-token" in res.stderr:  # before collect's uji tokens landed
        res = run(ws, "collect", FORM, "--from", str(usb))
    assert res.returncode == 0, res.stdout + res.stderr
    res = run(ws, "grade", FORM, "--workers", "1")
    assert res.returncode == 0, res.stdout + res.stderr
    rows = json.loads(run(ws, "--json", "status").stdout)["rincian"]
    p01 = next(r for r in rows if r["modul"] == FORM and r["peserta"] == "p01")
    assert p01["nilai"] == p01["nilai_maks"] == 37, (
        "every answer was right on the form p01 was given:\n" + res.stdout
    )
