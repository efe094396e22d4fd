"""Red team (session 8): collect and grade, the SECOND turn, with the real grader.

A latihan (m3-biaya-produksi, personal copies with tokens, due 2026-11-30 17:00 WIB) was collected
and graded once, feedback written. Then participants hand in again: on time then late, the same
file twice, a friend's file. What must hold: the newest valid version is graded, late is marked
late, every version stays in arsip/, a friend cannot replace anyone's work. Collect-only findings
live in ``tests/unit/test_attack_second_turn_collect.py``.
"""

from __future__ import annotations

import shutil

import nbformat
import pytest

pytestmark = [pytest.mark.slow]

MOD = "m3-biaya-produksi"


def _work(ws, pid: str, skill: float, copy):
    """``pid``'s answers at ``skill`` on their own personal copy (its setup cell kept as given)."""
    from alaskaki.workshop import demo

    source = nbformat.read(ws.source_notebook(MOD), as_version=4)
    nb = demo.simulate_submission(source, copy, pid, skill, MOD)
    for mine, given in zip(nb.cells, copy.cells, strict=True):
        if "ID_PESERTA" in given.source and "TOKEN_PESERTA" in given.source:
            mine.source = given.source
    return nb


def _hand_in(tmp_path, name: str, files: dict):
    stick = tmp_path / name
    stick.mkdir()
    for fname, nb in files.items():
        nbformat.write(nb, stick / fname)
    return stick


def test_a_late_second_version_is_graded_marked_late_and_the_first_is_kept(
    released_latihan_uji_personal, tmp_path
):
    """p01 hands in at 15:00 (on time, every answer right); graded, feedback written. At 18:00
    (an hour late) he hands in a second version with half the answers changed. The trainer
    collects, runs `grade` again: the second version is the one graded, status says late, the
    first stays in the archive; a copy of the first version handed in by p05 as his own is held
    (p01's token), and collecting the same sticks again changes nothing."""
    from alaskaki.workshop import collect_module, grade, workshop_status
    from alaskaki.workshop.feedback import write_feedback
    from tests.integration.conftest import personal_copies

    base = released_latihan_uji_personal
    ws = type(base)(shutil.copytree(base.root, tmp_path / "lokakarya", symlinks=True))
    copies = personal_copies(ws, MOD)
    first = _work(ws, "p01", 1.0, copies["p01"])
    stick1 = _hand_in(tmp_path, "usb-1500", {f"p01_{MOD}.ipynb": first})
    collect_module(ws, MOD, source=stick1, received="2026-11-30 15:00")
    run = grade(ws, MOD, participants=["p01"], progress=False, workers=1)
    full = run.by_participant()["p01"]
    assert full.score == full.max_score > 0, full
    assert write_feedback(ws.root, MOD, participants=["p01"])

    second = _work(ws, "p01", 0.0, copies["p01"])
    stick2 = _hand_in(
        tmp_path,
        "usb-1800",
        {f"p01_{MOD}.ipynb": second, f"p05_{MOD}.ipynb": first},  # p05: p01's first, renamed
    )
    res = collect_module(ws, MOD, source=stick2, received="2026-11-30 18:00")
    assert res.installed == ["p01"], res
    assert [h.peserta for h in res.held] == ["p05"] and "p01" in res.held[0].reason, res
    row = {e.peserta: e for e in workshop_status(ws, modul=MOD).entries}["p01"]
    assert row.perlu_nilai_ulang and row.terlambat and row.versi == 2, row

    run = grade(ws, MOD, participants=["p01"], progress=False, workers=1)
    again = run.by_participant()["p01"]
    assert again.score < full.score, again
    row = {e.peserta: e for e in workshop_status(ws, modul=MOD).entries}["p01"]
    assert row.terlambat and row.dinilai and not row.perlu_nilai_ulang, row
    assert row.nilai == again.score
    kept = sorted(p.read_bytes() for p in ws.archive("p01", MOD).glob("*.ipynb"))
    assert (stick1 / f"p01_{MOD}.ipynb").read_bytes() in kept and len(kept) == 2
    assert not ws.submitted("p05", MOD).exists()

    # the trainer runs both sticks again: nothing new, nothing regraded
    for stick in (stick1, stick2):
        res = collect_module(ws, MOD, source=stick, received="2026-11-30 19:00")
        assert not res.installed and not res.collected, res
    run = grade(ws, MOD, participants=["p01"], progress=False, workers=1)
    assert run.by_participant()["p01"].status == "tidak berubah"
