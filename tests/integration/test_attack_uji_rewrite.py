"""Red team (session 5), OPEN on main when written (owner: collect; R14b, around R14's fix): a
copied uji whose answers are written in a way the answer-vector evaluator does not follow.

R14's fix evaluates item cells with an allowlist (constants, arithmetic, names, subscripts of
strings/tuples, a few built-ins and str methods); anything else leaves the value unknown and the
cell's CODE becomes the answer. The judge runs the cell and reads the value. A copier takes a
friend's sheet (0.6: 15 wrong answers) and writes every answer as a lookup in a small dict
(`post_x = {"jawab": 'B'}["jawab"]`), or through a lambda (`post_x = (lambda: 'B')()`): the judge
gives both the friend's score, the vector holds 37 code strings, the pair is not shown. The
allowlist is a text rule like any other — a hint, not a defence: each construct added invites the
next. Suggest: compare the values the judge actually saw (the grader has them: record each item's
judged value beside its score, and compare those), not a re-evaluation of the text.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "attack"))

import serangan  # noqa: E402
from copykit import choice_letters, filled_sheet, honest_answers  # noqa: E402

from tests.integration.test_attack_uji_release import (  # noqa: E402, F401
    MODUL,
    _value,
    uji,
)

pytestmark = [pytest.mark.slow]

STYLES = {
    "kamus": lambda var, v: f'{var} = {{"jawab": {v!r}}}["jawab"]',
    "lambda": lambda var, v: f"{var} = (lambda: {v!r})()",
}


@pytest.mark.parametrize("style", sorted(STYLES))
def test_a_copied_uji_written_through_a_dict_or_lambda_shows_kerja_sama(uji, tmp_path, style):  # noqa: F811
    from alaskaki.workshop import demo
    from alaskaki.workshop.similarity import module_pairs

    ws, released = uji
    ws = type(ws)(shutil.copytree(ws.root, tmp_path / "lokakarya"))
    key = serangan.key(ws.root)
    letters = choice_letters(released)
    skill = demo.skills(ws.participant_ids())
    sheets = {pid: honest_answers(key, letters, pid, s) for pid, s in skill.items()}
    friend = next(p for p, s in sorted(skill.items()) if s == 0.6)
    copier = next(p for p, s in sorted(skill.items()) if s == 0.0)
    notebooks = {pid: filled_sheet(released, pid, a) for pid, a in sheets.items()}
    copied = filled_sheet(released, copier, sheets[friend])
    for cell in copied.cells:
        if cell.cell_type == "code":
            for gid, v in sheets[friend].items():
                cell.source = cell.source.replace(f"{gid} = {v!r}", STYLES[style](gid, v))
    notebooks[copier] = copied
    judged = [
        serangan.right(g, _value(copied, g), ws.root) == serangan.right(g, v, ws.root)
        for g, v in sheets[friend].items()
    ]
    assert all(judged), "premise: the judge reads the rewritten answers as the friend's"
    score = sum(serangan.right(g, v, ws.root) for g, v in sheets[friend].items())
    for pid, nb in notebooks.items():
        dest = ws.submitted(pid, MODUL)
        dest.mkdir(parents=True)
        nbformat.write(nb, dest / f"{MODUL}.ipynb")
    pairs = {tuple(sorted((p.a, p.b))) for p in module_pairs(ws, MODUL)}
    wrong_same = sum(v != key[g] for g, v in sheets[friend].items())
    assert tuple(sorted((friend, copier))) in pairs, (
        f"{copier} copied {friend}'s asesmen-akhir, every answer written as {style} "
        f"({STYLES[style]('post_x', 'B')}): the judge gives both {score}/{len(key)} "
        f"({wrong_same} identical wrong answers); pairs shown: {pairs or 'none'}"
    )
