"""Red team (session 5; R14c, around R14b's fix defba00): a copy whose answers the judge reads
but the grader's record of judged values leaves out.

Since defba00 the uji answer vector takes what the judge RECEIVED (the done-marker's "jawaban"),
but only short plain values: a text longer than 200 characters is not recorded, and the vector
falls back to reading the cell, where a function of the participant's own stays code. The judge
strips a letter and drops spaces from a number (`benar`: `.strip().upper()`, `baca_angka` ignores
whitespace), so `def jawab(x): return str(x) + " " * 300` gives the copier the friend's score
with every judged value too long to record. The pair must still be shown once graded.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import nbformat
import pytest

# the red team's helpers, as the other attack files find them (this file ran only after one of them)
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "attack"))

import serangan  # noqa: E402
from copykit import choice_letters, filled_sheet, honest_answers  # noqa: E402

from tests.integration.test_attack_uji_release import (  # noqa: F401
    MODUL,
    uji,
)

pytestmark = [pytest.mark.slow]

PADDED = 'def jawab(x):\n    return str(x) + " " * 300\n\n'


def test_a_copy_padded_past_the_recorded_length_is_found_once_graded(uji, tmp_path):  # noqa: F811
    from alaskaki.workshop import demo
    from alaskaki.workshop.grader import grade_module
    from alaskaki.workshop.similarity import module_pairs

    ws, released = uji
    ws = type(ws)(shutil.copytree(ws.root, tmp_path / "lokakarya"))
    key, letters = serangan.key(ws.root), choice_letters(released)
    skill = demo.skills(ws.participant_ids())
    sheets = {pid: honest_answers(key, letters, pid, s) for pid, s in skill.items()}
    friend = next(p for p, s in sorted(skill.items()) if s == 0.6)
    copier = next(p for p, s in sorted(skill.items()) if s == 0.0)
    notebooks = {pid: filled_sheet(released, pid, a) for pid, a in sheets.items()}
    copy = filled_sheet(released, copier, sheets[friend])
    for cell in copy.cells:  # every answer through the copier's own padding function
        cell.source = re.sub(
            r"^((?:pre|post)_\w+) = (.+?)(\s*#.*)?$", r"\1 = jawab(\2)\3", cell.source, flags=re.M
        )
        if "latihan.mulai_form" in cell.source:
            cell.source = PADDED + cell.source
    notebooks[copier] = copy
    for pid, nb in notebooks.items():
        dest = ws.submitted(pid, MODUL)
        dest.mkdir(parents=True)
        nbformat.write(nb, dest / f"{MODUL}.ipynb")
        (dest / "timestamp.txt").write_text("2026-12-01 05:00:00.000000 UTC")
    grade_module(ws.root, MODUL, participants=[copier], progress=False)
    with ws.gradebook() as gb:
        score = {s.student.id: s.score for s in gb.assignment_submissions(MODUL)}[copier]
    expected = sum(serangan.right(g, v, ws.root) for g, v in sheets[friend].items())
    assert score == expected, f"premise: the judge gives the copier the friend's score ({score})"
    pairs = {tuple(sorted((p.a, p.b))) for p in module_pairs(ws, MODUL)}
    wrong_same = sum(v != key[g] for g, v in sheets[friend].items())
    assert tuple(sorted((friend, copier))) in pairs, (
        f"{copier} copied {friend}'s asesmen-akhir through `jawab(x) = str(x) + 300 spaces`: the "
        f"judge gives both {score:g}/{len(key)} ({wrong_same} identical wrong answers), graded; "
        f"pairs shown: {pairs or 'none'}"
    )
