"""Red team 3 (session 9): attacks on the fixes of session 8, with the real grader and gradebook.

R50 (grading/manual.py): a trainer's score on an autograded cell stays while every answer of the
notebook is byte-identical to the version he scored. Here the participant hands in the SAME answer
values again with the answer cells' text changed in ways that change nothing the judge scores.

A test that holds is a normal test; a finding is a strict xfail named R6x (see /work/wt/BOARD.md).
"""

from __future__ import annotations

import shutil

import nbformat
import pytest
from copykit import usb_stick

pytestmark = [pytest.mark.slow]

MOD = "m3-biaya-produksi"


def _answer_cells(nb):
    return [
        c
        for c in nb.cells
        if c.cell_type == "code"
        and c.metadata.get("nbgrader", {}).get("solution")
        and c.metadata.get("nbgrader", {}).get("grade_id", "").endswith("_jawab")
    ]


def _lowered_then_again(released_module, tmp_path, change):
    """p01 hands in m3 all right; the trainer lowers every autograded item to 0 in the formgrader
    (answers copied from a friend); p01 hands in the same answers again, changed by ``change``.
    Returns (score after the second grade, p01's status row)."""
    from alaskaki.workshop import collect_module, demo, grade, workshop_status

    base, source, given = released_module(MOD)
    ws = type(base)(shutil.copytree(base.root, tmp_path / "lokakarya", symlinks=True))
    good = demo.simulate_submission(source, given, "p01", 1.0, MOD)
    collect_module(
        ws,
        MOD,
        source=usb_stick(tmp_path, "usb-1", {f"p01_{MOD}.ipynb": good}),
        received="2026-12-01 15:00",
    )
    first = grade(ws, MOD, progress=False, workers=1).by_participant()["p01"]
    assert first.score and first.score == first.max_score
    with ws.gradebook() as gb:  # what the formgrader saves
        sub = gb.find_submission_notebook(MOD, MOD, "p01")
        for g in sub.grades:
            if g.max_score:
                g.manual_score = 0.0
        gb.db.commit()
    lowered = grade(ws, MOD, progress=False, workers=1).by_participant()["p01"]
    assert lowered.score == 0, lowered

    again = nbformat.from_dict(good)
    change(again)
    collect_module(
        ws,
        MOD,
        source=usb_stick(tmp_path, "usb-2", {f"p01_{MOD}.ipynb": again}),
        received="2026-12-01 16:00",
    )
    after = grade(ws, MOD, progress=False, workers=1).by_participant()["p01"]
    row = {e.peserta: e for e in workshop_status(ws, modul=MOD).entries}["p01"]
    return after, row


def _trailing_newline(nb):
    for c in _answer_cells(nb):
        c.source += "\n"


def _comment(nb):
    cell = _answer_cells(nb)[0]
    cell.source = "# sudah saya cek lagi\n" + cell.source


def _moved_below(nb):
    """Every answer typed in a new cell right under its (now empty) answer cell."""
    for c in _answer_cells(nb):
        i = nb.cells.index(c)
        nb.cells.insert(i + 1, nbformat.v4.new_code_cell(c.source))
        c.source = ""


# R60 (red team 3), fixed in session 9: the items wait for the trainer again
@pytest.mark.parametrize(
    "change", [_trailing_newline, _comment, _moved_below], ids=["newline", "komentar", "sel_baru"]
)
def test_a_lowered_score_never_turns_into_full_marks_by_the_same_answers_retyped(
    released_module, tmp_path, change
):
    """The trainer's lowered score on an autograded item must stay, or the item must wait for the
    trainer again, when the participant hands in the very answers he lowered (values equal: the
    judge scores the same readings), only retyped: a newline at the end of each answer cell, a
    comment line, or each answer typed into a new cell under its emptied answer cell."""
    after, row = _lowered_then_again(released_module, tmp_path, change)
    assert after.score == 0 or row.menunggu > 0, (after, row)


def _saved_again_in_jupyter(nb):
    """What Jupyter changes when the same notebook is opened, run and saved on another laptop:
    outputs and execution counts on every code cell, new cell ids, editor metadata."""
    for n, c in enumerate(nb.cells):
        c["id"] = f"sel-baru-{n}"
        c.metadata["collapsed"] = False
        c.metadata["tags"] = ["dicek"]
        if c.cell_type == "code":
            c.execution_count = n + 1
            c.outputs = [
                nbformat.v4.new_output("stream", name="stdout", text="Jawaban tersimpan.\n")
            ]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }


def test_a_lowered_score_stays_when_the_same_answers_come_back_saved_elsewhere(
    released_module, tmp_path
):
    """Holds: outputs added, cell ids changed and editor metadata added (every answer cell's text
    byte-identical) keep the trainer's lowered score (R50's fix)."""
    after, row = _lowered_then_again(released_module, tmp_path, _saved_again_in_jupyter)
    assert after.score == 0 or row.menunggu > 0, (after, row)
