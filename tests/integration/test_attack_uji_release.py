"""Red team (session 4): a released uji form, attacked from what a participant holds.

A copied uji whose answers are *rewritten*, against the answer vector (R14):

``similarity.answer_pairs`` compares what each participant assigned to an item as a literal
(``post_x = 'B'``, ``post_y = 1234.5``); any other way of writing the same answer becomes the
cell's code ("kode: ...") and counts as a wrong answer nobody else gave. The judge, however,
grades the *value*. A participant with no skill copies a friend's sheet, changes the id and writes
every answer another way that the judge reads as the same answer: the score is the friend's, the
vectors share nothing. (A copy of a perfect sheet cannot be told from two experts: 37/37 forms
no pair, by design.) No grading run: one init + release of the form, answer sheets written to
``submitted/`` (as the copy tests of ``test_attack_key_reach.py``).
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import nbformat
import pytest
from copykit import choice_letters, filled_sheet, honest_answers

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "attack"))

import serangan  # noqa: E402

MODUL = serangan.MODUL

pytestmark = [pytest.mark.slow]


@pytest.fixture(scope="module")
def uji(released_akhir):
    """The released asesmen-akhir workshop (tests/integration/conftest.py, built once per run):
    every test copies it before writing."""
    ws, _source, released = released_akhir
    return ws, released


def _rupiah(x: float) -> str:
    """1234567.5 -> '1.234.567,5' (as written on an Indonesian receipt)."""
    whole, _, frac = f"{x:.6g}".partition(".") if "e" not in f"{x:.6g}" else (f"{x:.0f}", "", "")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = ".".join([whole, *groups])
    return f"{text},{frac}" if frac else text


REWRITE = {
    # a letter through a helper variable; a number as Indonesian text
    "teks": lambda var, v: (
        f"pilihan = {v!r}\n{var} = pilihan" if isinstance(v, str) else f"{var} = {_rupiah(v)!r}"
    ),
    # a letter as a string method call; a number as a sum
    "ekspresi": lambda var, v: (
        f"{var} = {v.lower()!r}.upper()"
        if isinstance(v, str)
        else f"{var} = {round(v * 0.5, 6)!r} + {round(v - round(v * 0.5, 6), 6)!r}"
    ),
}


def _value(nb, gid: str) -> object:
    """The value the judge receives for ``gid``: the answer cell run as plain Python."""
    for cell in nb.cells:
        if cell.cell_type == "code" and re.search(rf"^{gid} = ", cell.source, re.M):
            code = "\n".join(
                line for line in cell.source.splitlines() if not line.startswith("latihan.")
            )
            ns: dict = {}
            exec(code, ns)  # noqa: S102 - our own test sheet
            return ns.get(gid)
    return None


CASES = [(None, 0.6), (None, 0.85), ("teks", 0.6), ("ekspresi", 0.6)]  # R14 rewritings


@pytest.mark.parametrize(("style", "friend_skill"), CASES)
def test_a_copied_uji_with_every_answer_rewritten_shows_kerja_sama(
    uji, tmp_path, style, friend_skill
):
    """A copier (no skill) takes the sheet of a friend of middling skill (0.6) or a good one (0.85:
    about eight wrong answers), changes the id and
    writes each answer another way the judge reads as the same answer. The judge gives the copier
    the friend's score; the pair must still be shown. ``None``: copied as written (the control: the
    pair is shown today)."""
    from alaskaki.workshop import demo
    from alaskaki.workshop.similarity import module_pairs

    ws, released = uji
    ws = type(ws)(shutil.copytree(ws.root, tmp_path / "lokakarya"))
    key = serangan.key(ws.root)
    letters = choice_letters(released)
    skill = demo.skills(ws.participant_ids())
    sheets = {pid: honest_answers(key, letters, pid, s) for pid, s in skill.items()}
    friend = next(p for p, s in sorted(skill.items()) if s == friend_skill)
    copier = next(p for p, s in sorted(skill.items()) if s == 0.0)
    notebooks = {pid: filled_sheet(released, pid, a) for pid, a in sheets.items()}
    notebooks[copier] = filled_sheet(released, copier, sheets[friend], REWRITE.get(style))

    # the judge reads the rewritten answers as the friend's: same score
    judged = {
        g: (serangan.right(g, _value(notebooks[copier], g), ws.root), serangan.right(g, v, ws.root))
        for g, v in sheets[friend].items()
    }
    assert all(a == b for a, b in judged.values()), {
        g: ab for g, ab in judged.items() if ab[0] != ab[1]
    }
    score = sum(a for a, _ in judged.values())

    for pid, nb in notebooks.items():
        dest = ws.submitted(pid, MODUL)
        dest.mkdir(parents=True)
        nbformat.write(nb, dest / f"{MODUL}.ipynb")
    pairs = {tuple(sorted((p.a, p.b))) for p in module_pairs(ws, MODUL)}
    wrong_same = sum(v != key[g] for g, v in sheets[friend].items())
    assert tuple(sorted((friend, copier))) in pairs, (
        f"{copier} copied {friend}'s asesmen-akhir and rewrote every answer ({style or 'as written'}): the judge "
        f"gives both {score}/{len(key)} ({wrong_same} identical wrong answers), but the pair is not "
        f"shown (pairs: {pairs or 'none'})"
    )


def test_the_released_checksums_do_not_reveal_the_key(uji):
    """nbgrader writes an md5 checksum into every graded cell of the released notebook. Were it
    taken before the hidden tests are cleared, it would be an oracle: a participant hashes the cell
    with ``kunci.uji(id, x, harapan='A')`` … ``'H'`` and keeps the letter that matches. The
    participant tries every letter of every choice item (and the numeric key as written in the
    instructor's form) against the released checksums: nothing may match."""
    from nbgrader.utils import compute_checksum

    ws, released = uji
    key = serangan.key(ws.root)
    letters = choice_letters(released)
    tried = found = 0
    for cell in released.cells:
        meta = cell.metadata.get("nbgrader", {})
        gid = meta.get("grade_id")
        if not meta.get("grade") or gid not in key:
            continue
        guesses = list(letters.get(gid, "")) or [key[gid]]
        for guess in guesses:
            for tail in (f"harapan={guess!r}", f"harapan={guess!r}, batas="):
                probe = nbformat.from_dict(json.loads(json.dumps(cell)))
                probe.source = (
                    f"{cell.source}\n### BEGIN HIDDEN TESTS\nfrom alaskaki_kunci import asesmen as "
                    f'kunci\n\nkunci.uji("{gid}", {gid}, {tail})\n### END HIDDEN TESTS'
                )
                tried += 1
                found += compute_checksum(probe) == meta["checksum"]
    assert tried > 100, "premise: the participant tries the letters of every choice item"
    assert found == 0, f"{found} released checksums match a cell holding the key"
    # and the checksum is over the released cell itself (what nbgrader checks at grading)
    graded = [c for c in released.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert all(compute_checksum(c) == c.metadata["nbgrader"]["checksum"] for c in graded)


# ------------------------------------------------------------------------------------------
# collect (R14 closed): once graded, the vector holds what the judge received
# ------------------------------------------------------------------------------------------

FUNCTION = "def jawab(x):\n    return x\n\n"


def test_a_copy_rewritten_through_own_functions_is_found_once_graded(uji, tmp_path):
    """The copier writes every answer through a function of their own (``post_x = jawab('B')``):
    no reading of the cells without running them can tell. The grader runs them; what its judge
    received (and scored) is in the grader's marker, and the vector takes it from there. One
    grading run of the copier's sheet only; the honest cohort is read from its cells."""
    from alaskaki.workshop import demo
    from alaskaki.workshop.grader import grade_module
    from alaskaki.workshop.similarity import judged_values, module_pairs

    ws, released = uji
    ws = type(ws)(shutil.copytree(ws.root, tmp_path / "lokakarya"))
    key, letters = serangan.key(ws.root), choice_letters(released)
    skill = demo.skills(ws.participant_ids())
    sheets = {pid: honest_answers(key, letters, pid, s) for pid, s in skill.items()}
    friend = next(p for p, s in sorted(skill.items()) if s == 0.6)
    copier = next(p for p, s in sorted(skill.items()) if s == 0.0)
    notebooks = {pid: filled_sheet(released, pid, a) for pid, a in sheets.items()}
    copy = filled_sheet(released, copier, sheets[friend])
    for cell in copy.cells:  # every answer through the copier's own function
        cell.source = re.sub(
            r"^((?:pre|post)_\w+) = (.+?)(\s*#.*)?$", r"\1 = jawab(\2)\3", cell.source, flags=re.M
        )
        if "latihan.mulai_form" in cell.source:
            cell.source = FUNCTION + cell.source
    notebooks[copier] = copy
    for pid, nb in notebooks.items():
        dest = ws.submitted(pid, MODUL)
        dest.mkdir(parents=True)
        nbformat.write(nb, dest / f"{MODUL}.ipynb")
        (dest / "timestamp.txt").write_text("2026-12-01 05:00:00.000000 UTC")

    def pairs():
        return {tuple(sorted((p.a, p.b))) for p in module_pairs(ws, MODUL)}

    assert tuple(sorted((friend, copier))) not in pairs(), "premise: the cells alone do not tell"
    grade_module(ws.root, MODUL, participants=[copier], progress=False)
    with ws.gradebook() as gb:
        score = {s.student.id: s.score for s in gb.assignment_submissions(MODUL)}[copier]
    expected = sum(serangan.right(g, v, ws.root) for g, v in sheets[friend].items())
    assert score == expected, "premise: the judge gives the copier the friend's score"
    judged = judged_values(ws, MODUL, copier)
    assert {g: judged.get(g) for g in sheets[friend]} == sheets[friend]
    assert tuple(sorted((friend, copier))) in pairs()

    # a later file of the copier is not read through the old marker
    path = ws.submitted(copier, MODUL) / f"{MODUL}.ipynb"
    later = json.loads(path.read_text(encoding="utf-8"))
    later["metadata"]["diubah"] = True
    path.write_text(json.dumps(later), encoding="utf-8")
    assert judged_values(ws, MODUL, copier) == {}
