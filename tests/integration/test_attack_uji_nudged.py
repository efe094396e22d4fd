"""Red team (session 6): a copied uji sheet changed so the answer vector no longer matches, while
the judge still gives the copier the same score (R14 family, the numbers' tolerance).

The judge accepts a number within its tolerance (``Butir.batas``: 0.5 % or the item's absolute
margin), but the answer vector compared numbers EXACTLY (six significant digits; since session 7 it
compares them within the item's tolerance, as the judge does): a copier who
nudges every number of the friend's sheet by a fraction of the tolerance keeps every right answer
right, and shares no number with the friend. A second way costs a little score and no skill: take
the answers from two friends by turns, so each pair shares only half of the sheet. The copier has
no skill (0.0) and knows no key; the pair with a friend must still be shown. No grading run: the
sheets are written to ``submitted/`` (as ``test_attack_uji_release.py``, whose fixture is reused).
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
    uji,
)

pytestmark = [pytest.mark.slow]


def _nudged(answers: dict) -> dict:
    """Every number moved by one in its last place: a rupiah amount (or any number from 1000 up)
    by 1, a smaller number with decimals by 0.01; a whole count below 1000 is left alone. Every
    item's tolerance (the form's rounding rule: rupiah to the unit, USD and kg to the cent) takes
    that, so whatever was right stays right; the copier needs no key."""
    out = {}
    for gid, v in answers.items():
        if not isinstance(v, float):
            out[gid] = v
        elif abs(v) >= 1000:
            out[gid] = v + 1
        elif v.is_integer():
            out[gid] = v
        else:
            out[gid] = round(v + 0.01, 6)
    return out


def _by_turns(a: dict, b: dict) -> dict:
    return {g: (a if i % 2 == 0 else b)[g] for i, g in enumerate(sorted(a))}


# The last was R32, defended since session 7 (numbers compared as the judge does).
CASES = ["geser", "dua-teman", "dua-teman+geser"]


@pytest.mark.parametrize("how", CASES)
def test_a_copy_nudged_within_the_tolerance_or_taken_by_turns_is_still_shown(uji, tmp_path, how):  # noqa: F811
    from alaskaki.workshop import demo
    from alaskaki.workshop.similarity import module_pairs

    ws, released = uji
    ws = type(ws)(shutil.copytree(ws.root, tmp_path / "lokakarya"))
    key = serangan.key(ws.root)
    letters = choice_letters(released)
    skill = demo.skills(ws.participant_ids())
    sheets = {pid: honest_answers(key, letters, pid, s) for pid, s in skill.items()}
    friends = [
        next(p for p, s in sorted(skill.items()) if s == 0.6),
        next(p for p, s in sorted(skill.items()) if s == 0.85),
    ]
    copier = next(p for p, s in sorted(skill.items()) if s == 0.0)
    if how == "geser":
        friends = friends[:1]
        copy = _nudged(sheets[friends[0]])
    else:
        copy = _by_turns(sheets[friends[0]], sheets[friends[1]])
        if how.endswith("geser"):
            copy = _nudged(copy)

    # the judge reads the copy as the answers taken: same right/wrong, item by item
    source = _by_turns(sheets[friends[0]], sheets[friends[-1]])
    changed = {
        g: (v, copy[g])
        for g, v in source.items()
        if serangan.right(g, v, ws.root) != serangan.right(g, copy[g], ws.root)
    }
    assert not changed, changed
    score = sum(serangan.right(g, v, ws.root) for g, v in copy.items())
    same_numbers = sum(
        isinstance(v, float) and any(sheets[f][g] == v for f in friends) for g, v in copy.items()
    )

    notebooks = {pid: filled_sheet(released, pid, a) for pid, a in sheets.items()}
    notebooks[copier] = filled_sheet(released, copier, copy)
    for pid, nb in notebooks.items():
        dest = ws.submitted(pid, MODUL)
        dest.mkdir(parents=True)
        nbformat.write(nb, dest / f"{MODUL}.ipynb")
    pairs = {tuple(sorted((p.a, p.b))) for p in module_pairs(ws, MODUL)}
    mine = {p for p in pairs if copier in p and set(p) & set(friends)}
    assert mine, (
        f"{copier} (no skill) took the asesmen-akhir of {' and '.join(friends)} ({how}): judged "
        f"{score}/{len(key)}, {same_numbers} numbers equal to a friend's; no pair with a friend is "
        f"shown (pairs: {sorted(pairs) or 'none'})"
    )
