"""Red team (session 5), OPEN on main when written (owner: collect, similarity.py): the public
*contoh jawaban* of the m7a/m7b rubric cells gets past R9's flag "sama dengan contoh jawaban".

* R27a: W and O of m7a's SWOT contoh jawaban (the bullets with sources and figures) pasted
  verbatim, S, T and Strategi in own words: 28 shared fingerprints, 35 % of the contoh jawaban and
  46 % of the cell (both < 50 %), so the trainer, who is told "bagian yang ditulis sendiri dinilai
  seperti biasa", scores the pasted half as own work.
* R27b: a light paraphrase: 11 of the 69 words of m7b's plan replaced by 10 synonyms (selama ->
  sepanjang, karena -> sebab, ...): 17 of 38 fingerprints left (45 % of the cell), not flagged.
R27c is defended (similarity._plain); the R27a/R27b tests stay on branch redteam-pending4 (OPEN).

* R27c: look-alike letters (Cyrillic а/е/о for Latin a/e/o) or zero-width spaces: the essay reads
  the same on the screen and in the formgrader; 2-18 fingerprints left, not flagged (two who paste the same converted text still form a pair).

A text match is a hint, never a defence: the fix is partly normalisation (NFKC, drop format
characters, map confusables to Latin before fingerprinting), partly the rule (flag a cell that
shares a run of the contoh jawaban whatever the share, and show the trainer which lines), and
partly the guide (rubric cases per workshop, like the forms, so that no public text answers them).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_attack_contoh_jawaban import CELLS, flagged  # noqa: E402

LOOK_ALIKE = {
    "huruf-kiril": lambda b: b.translate(
        str.maketrans({"a": "\u0430", "e": "\u0435", "o": "\u043e"})
    ),
    "spasi-lebar-nol": lambda b: re.sub(r"(\w)(?=\w)", "\\1\u200b", b),
}


@pytest.mark.parametrize("how", sorted(LOOK_ALIKE))
@pytest.mark.parametrize("gid", sorted(CELLS))
def test_the_contoh_jawaban_in_look_alike_characters_is_flagged(gid, how):
    hit, figures = flagged(gid, LOOK_ALIKE[how](CELLS[gid][2]))
    assert hit, (
        f"{gid}: the contoh jawaban pasted ({how}; reads the same) is not flagged ({figures})"
    )
