"""A personalised release (ID and TOKEN_PESERTA filled in) goes through collect and the real
grader unchanged: the token line is collect's business only."""

from __future__ import annotations

import shutil

import nbformat
import pytest

from alaskaki.workshop import collect_module, grade, import_roster, init_workshop, release_module
from alaskaki.workshop.demo import simulate_submission

pytestmark = pytest.mark.slow

MOD = "m3-biaya-produksi"


def test_personal_release_is_collected_and_graded_in_full(tmp_path):
    ws = init_workshop(tmp_path / "ws", modules=[MOD])
    roster = tmp_path / "r.csv"
    roster.write_text(
        "id,nama,ikm,kelurahan,jenis_kelamin,peran\np01,Ani,A,Miji,P,admin\np02,Budi,A,Miji,L,admin\n"
    )
    import_roster(ws, roster)
    rel = release_module(ws, MOD, due="2026-12-01 17:00", personal=True)
    source = nbformat.read(ws.source_notebook(MOD), as_version=4)
    usb = tmp_path / "usb"
    usb.mkdir()
    for path in rel.personal:
        pid = path.name.split("_", 1)[0]
        personal = nbformat.read(path, as_version=4)
        answered = simulate_submission(source, personal, pid, 1.0 if pid == "p01" else 0.0, MOD)
        # the participant answers every cell but leaves the personalised setup cell as it came
        for mine, came in zip(answered.cells, personal.cells, strict=True):
            if "ID_PESERTA" in came.source and "alaskaki.exercises" in came.source:
                mine.source = came.source
        nbformat.write(answered, usb / path.name)
    # p02 hands in p01's personalised copy renamed as their own: the token betrays it
    shutil.copy(usb / f"p01_{MOD}.ipynb", tmp_path / "salinan.ipynb")
    (usb / f"p02_{MOD}.ipynb").unlink()
    shutil.copy(tmp_path / "salinan.ipynb", usb / f"p02_{MOD}.ipynb")
    res = collect_module(ws, MOD, source=usb)
    assert list(res.collected) == ["p01"], (res.skipped, res.held, res.notes)
    assert [h.peserta for h in res.held] == ["p02"] and "p01" in res.held[0].reason
    run = grade(ws, MOD, progress=False, workers=1)
    r = run.by_participant()["p01"]
    assert r.score is not None and r.score == r.max_score and not r.flags, r
