"""Red team (session 7, issue 13 R32/R14 after collect's landing): two friends' uji sheets handed
in by turns, each number rewritten so that the judge reads it the same — are they still shown as
*indikasi kerja sama*?

test_attack_uji_nudged (integration) nudges every number by one in its last place. Here the copy
takes the answers of a friend with skill 0.6 and one with 0.85 by turns (half each) and writes the
numbers as a participant might, each way leaving every answer right or wrong as the judge reads it
(checked with the item's own key):

* a different nudge per item, anywhere inside the item's tolerance, up or down;
* rounded to the tolerance (a rupiah amount to the hundred when 0.5 % allows it);
* as text in full-width or Arabic-Indic digits (Python's ``float`` reads them; so does the kit);
* as text with an ``Rp``/``USD`` prefix and an Indonesian decimal comma (``"Rp 73599,31"``);
* as a literal with underscores (``73_599.31``).

Answer vectors are read from item cells by the kit's own reader (:func:`similarity.answers`, with
the form's tolerances) and judged among an honest cohort of 24 (the demo's skills), on the committed
post-test form (no workshop, no grading run: unit, ~2 s).
"""

from __future__ import annotations

import json
import random

import pytest

from alaskaki import paths
from alaskaki.workshop import demo
from alaskaki.workshop import similarity as sim

MODUL = "asesmen-akhir"
FULLWIDTH = str.maketrans("0123456789.", "０１２３４５６７８９.")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.fixture(scope="module")
def form():
    """(answer key gid -> (variable, expected), tolerances, items by grade id) of the form."""
    from tests.fixtures.attack import serangan

    source = json.loads((paths.SOURCE_DIR / MODUL / f"{MODUL}.ipynb").read_text(encoding="utf-8"))
    items = {f"{b.grade_id}_jawab": b for b in serangan.items()}
    return sim.answer_key(source), sim.tolerances(source), items


def _values(key) -> dict[str, object]:
    return {g: v for g, (_, v) in key.items()}


def honest(key, pid: str, skill: float) -> dict[str, object]:
    """Right with probability ``skill``; wrong answers lean on each item's attractive distractor
    (as test_attack_uji_release's participants: a shared misconception, the same slips)."""
    r = random.Random(f"jujur:{pid}")
    out: dict[str, object] = {}
    for gid, right in _values(key).items():
        if r.random() < skill:
            out[gid] = right
            continue
        item = random.Random(f"butir:{gid}")
        if isinstance(right, str):
            wrong = [h for h in "abcd" if h != right]
            item.shuffle(wrong)
            out[gid] = r.choices(wrong, weights=[6, 3, 1])[0]
        else:
            slips = [float(right) * f for f in (1.1, 0.9, 1.18, 0.5)]
            item.shuffle(slips)
            out[gid] = round(r.choices(slips, weights=[6, 3, 1, 1])[0], 2)
    return out


def cohort(key) -> tuple[dict[str, dict], str, list[str]]:
    """Honest vectors of 24, the copier (skill 0) and the two friends (0.6 and 0.85)."""
    ids = [f"p{n:02d}" for n in range(1, 25)]
    skill = demo.skills(ids)
    vectors = {p: honest(key, p, s) for p, s in skill.items()}
    friends = [next(p for p, s in sorted(skill.items()) if s == x) for x in (0.6, 0.85)]
    copier = next(p for p, s in sorted(skill.items()) if s == 0.0)
    return vectors, copier, friends


def by_turns(a: dict, b: dict) -> dict:
    return {g: (a if i % 2 == 0 else b)[g] for i, g in enumerate(sorted(a))}


def _cell(src: str, gid: str) -> dict:
    meta = {"nbgrader": {"grade_id": gid, "solution": True, "grade": True}}
    return {"cell_type": "code", "source": src, "metadata": meta}


def sheet(key, answers: dict[str, str]) -> dict:
    """A notebook whose item cells assign the written answers (source text per item)."""
    return {"cells": [_cell(f"{key[g][0]} = {src}", g) for g, src in answers.items()]}


def _number_text(x: float) -> str:
    return repr(round(x, 6))


WAYS = {
    "geser-acak": lambda x, b, r: _number_text(x + r.uniform(-0.9, 0.9) * b),
    "bulat": lambda x, b, r: _number_text(round(x / 100) * 100 if b >= 50 else round(x, 1)),
    "angka-lebar": lambda x, b, r: repr(_number_text(x).translate(FULLWIDTH)),
    "angka-arab": lambda x, b, r: repr(_number_text(x).translate(ARABIC_INDIC)),
    "rp-koma": lambda x, b, r: repr("Rp " + _number_text(x).replace(".", ",")),
    "garis-bawah": lambda x, b, r: (
        f"{int(x):_}" + (f".{repr(x).split('.')[1]}" if "." in repr(x) else "")
        if abs(x) >= 1000
        else _number_text(x)
    ),
}


def written(key, tol, items, copy: dict, way: str, seed: str = "salin") -> dict[str, str]:
    """The copy's answers written ``way``; asserts the judge reads each as it reads the original."""
    r = random.Random(seed)
    out = {}
    for gid, v in copy.items():
        if isinstance(v, str):
            out[gid] = repr(v.upper())
            continue
        b = tol.get(gid, (0.0, 0.0))[1]
        text = WAYS[way](float(v), b, r) if b > 0 or way not in ("geser-acak", "bulat") else None
        text = text or _number_text(float(v))
        new = sim.answer_of(f"x = {text}", "x")
        if isinstance(new, str):  # text: the judge reads it with the kit's number reader
            new = text
        item = items[gid]
        assert item.benar(v) == item.benar(eval(text)), (way, gid, v, text)  # noqa: S307
        out[gid] = text
    return out


def shown(key, tol, vectors: dict[str, dict], copier: str, friends: list[str]) -> set:
    pairs = sim.answer_pairs(vectors, _values(key), MODUL, tolerance=tol)
    return {
        tuple(sorted((p.a, p.b)))
        for p in pairs
        if copier in (p.a, p.b) and {p.a, p.b} & set(friends)
    }


@pytest.mark.parametrize("way", sorted(WAYS))
def test_a_copy_by_turns_rewritten_so_the_judge_reads_it_the_same_is_still_shown(form, way):
    key, tol, items = form
    vectors, copier, friends = cohort(key)
    copy = by_turns(*(vectors[f] for f in friends))
    text = written(key, tol, items, copy, way)
    vectors[copier] = sim.answers(sheet(key, text), key, tolerance=tol)
    assert shown(key, tol, vectors, copier, friends), (
        f"{copier} (no skill) took the answers of {' and '.join(friends)} by turns, numbers "
        f"written {way}: no pair with a friend is shown"
    )


def _thousands(x: float) -> str:
    """73599.31 -> '73.599': the Indonesian way to write a whole amount (rounded to the unit)."""
    return f"{round(x):,}".replace(",", ".")


def test_a_copy_by_turns_with_amounts_written_the_indonesian_way_is_shown(form):
    """Defended since session 7 (was redteam-pending7): the copy writes every number from 1000 up the way
    Indonesians write an amount, '35.805'. The judge accepts either reading of such text (35.805 or
    35805), so a right answer stays right and a wrong one wrong; the answer vector keeps the key
    when a reading is the key, and otherwise the FIRST reading (35.805): every shared wrong amount
    is now a number nobody else wrote."""
    key, tol, items = form
    vectors, copier, friends = cohort(key)
    copy = by_turns(*(vectors[f] for f in friends))
    text = {
        g: repr(_thousands(v)) if isinstance(v, float) and abs(v) >= 1000 else repr(v)
        for g, v in copy.items()
    }
    for g, v in copy.items():
        assert items[g].benar(v) == items[g].benar(eval(text[g])), (g, v, text[g])  # noqa: S307
    vectors[copier] = sim.answers(sheet(key, text), key, tolerance=tol)
    assert shown(key, tol, vectors, copier, friends), (
        f"{copier} took {' and '.join(friends)}'s answers by turns, amounts written '35.805': no "
        "pair with a friend is shown"
    )


def test_two_copiers_nudging_one_friends_numbers_opposite_ways_are_both_shown(form):
    """Defended since session 7 (was redteam-pending7): a friend right on every letter, with slips of their
    own on the numbers (no one else wrote them); two copiers take the whole sheet, one nudging
    each number up by 0.9 of the item's tolerance, the other down. judge_alike takes the smallest
    of equally common numbers as the centre: the friend's numbers join the copier below, and the
    copier above (1.8 tolerances from the other copier) shares no wrong answer with anyone."""
    key, tol, _ = form
    vectors, _, _ = cohort(key)
    friend = {
        g: v if isinstance(v, str) else round(float(v) * 1.37, 2) for g, v in _values(key).items()
    }

    def nudged(sign: float) -> dict:
        return {
            g: v + sign * 0.9 * tol[g][1] if isinstance(v, float) and g in tol else v
            for g, v in friend.items()
        }

    vectors |= {"teman": friend, "atas": nudged(+1), "bawah": nudged(-1)}
    found = {
        tuple(sorted((p.a, p.b)))
        for p in sim.answer_pairs(vectors, _values(key), MODUL, tolerance=tol)
    }
    alone = [c for c in ("atas", "bawah") if not any(c in p for p in found)]
    assert not alone, f"copied the friend's whole sheet, shown with no one: {alone} ({found})"
