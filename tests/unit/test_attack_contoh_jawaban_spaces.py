"""Red team (session 6, R27e, around R27d's fix on branch collect 9368ae0): spaces that NFKC makes.

R27d's fix drops marks (Mn, Me) and names a cell "teks disamarkan" when, after NFKC, it still needs
a letter beyond Latin-1 or hides a mark between two letters. NFKC itself, though, turns the thin
spaces (U+2009 THIN SPACE, U+200A HAIR SPACE, U+2006 SIX-PER-EM SPACE) into plain spaces: pasted
between every two letters, the contoh jawaban looks letter-spaced by a hair on screen, is pure
ASCII after NFKC (so never "disguised"), and falls apart into one-letter words (0 fingerprints).
U+2800 BRAILLE PATTERN BLANK (a symbol, So) renders blank and splits words the same way. The check
for disguise must look at the text as written (a non-ASCII space or blank between two letters),
not only after NFKC. Unit, ~2 s (test_attack_contoh_jawaban's cells and check).
"""

from __future__ import annotations

import re

import pytest
from test_attack_contoh_jawaban import CELLS, flagged

SPACED = {
    "spasi-rambut": "\u200a",
    "spasi-tipis": "\u2009",
    "braille-kosong": "\u2800",
}


@pytest.mark.parametrize("how", sorted(SPACED))
@pytest.mark.parametrize("gid", sorted(CELLS))
def test_the_contoh_jawaban_spaced_out_by_a_hair_is_flagged(gid, how):
    text = re.sub(r"([a-zA-Z])(?=[a-zA-Z])", "\\1" + SPACED[how], CELLS[gid][2])
    hit, figures = flagged(gid, text)
    assert hit, (
        f"{gid}: the contoh jawaban pasted ({how} between letters) is not flagged ({figures})"
    )
