"""Red team (session 6, R27d, around R27c's fix): the contoh jawaban hidden by characters outside
the look-alike table.

R27c's fix (similarity._plain) applies NFKC, drops format characters (category Cf: zero-width
space, soft hyphen, word joiner) and reads 27 Cyrillic/Greek letters as Latin. A list of letters
is a hint, never a defence: the essay is pasted with characters the list does not hold, and it
still reads the same in the formgrader:

* invisible marks between letters that are not "format" characters (category Mn): U+034F
  COMBINING GRAPHEME JOINER, U+FE0F VARIATION SELECTOR-16; a word becomes single letters;
* other scripts' look-alikes: Armenian ո/ս/օ for n/u/o; Latin ı/ɑ/ɡ (dotless i, alpha, script g).

Indonesian prose has no reason to hold a letter outside Latin, nor a combining mark between two
plain letters: a cell whose text needs them should be read as Latin (a confusables skeleton, e.g.
UTS #39's, after dropping default-ignorable code points) or named to the trainer as disguised.
Unit, ~1 s (test_attack_contoh_jawaban's cells and check).
"""

from __future__ import annotations

import re

import pytest
from test_attack_contoh_jawaban import CELLS, flagged

HIDDEN = {
    "penyambung-grafem": lambda b: re.sub(r"([a-zA-Z])(?=[a-zA-Z])", "\\1\u034f", b),
    "pemilih-variasi": lambda b: re.sub(r"([a-zA-Z])(?=[a-zA-Z])", "\\1\ufe0f", b),
    "huruf-armenia": lambda b: b.translate(
        str.maketrans({"n": "\u0578", "u": "\u057d", "o": "\u0585"})
    ),
    "huruf-latin-lain": lambda b: b.translate(
        str.maketrans({"i": "\u0131", "a": "\u0251", "g": "\u0261"})
    ),
}


@pytest.mark.parametrize("how", sorted(HIDDEN))
@pytest.mark.parametrize("gid", sorted(CELLS))
def test_the_contoh_jawaban_behind_characters_outside_the_table_is_flagged(gid, how):
    hit, figures = flagged(gid, HIDDEN[how](CELLS[gid][2]))
    assert hit, (
        f"{gid}: the contoh jawaban pasted ({how}; reads the same) is not flagged ({figures})"
    )


@pytest.mark.parametrize("how", ["penyambung-grafem", "pemilih-variasi"])
@pytest.mark.parametrize("gid", sorted(CELLS))
def test_a_friends_essay_behind_invisible_marks_still_pairs(gid, how):
    """The same marks hide a FRIEND's essay (R9b's pairs): p02's own essay (here: a text as long as
    the contoh jawaban) pasted by p05 with a mark between letters, beside two other writers."""
    from alaskaki.workshop import similarity as sim

    texts = {g: CELLS[g][2] for g in CELLS}
    own = texts[gid]
    others = [t for g, t in sorted(texts.items()) if g != gid]
    docs = {
        "p02": set(sim.fingerprints(own, prose=True)),
        "p05": set(sim.fingerprints(HIDDEN[how](own), prose=True)),
        **{f"p1{i}": set(sim.fingerprints(t, prose=True)) for i, t in enumerate(others)},
    }
    pairs = {(p.a, p.b) for p in sim.compare(docs, "m7")}
    shared = len(docs["p02"] & docs["p05"])
    assert ("p02", "p05") in pairs, (
        f"{gid}: p05 pasted p02's essay ({how}; reads the same): {shared} of "
        f"{len(docs['p02'])} fingerprints shared, no pair"
    )
