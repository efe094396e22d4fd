"""Red team (session 5), OPEN on main when written (owner: collect, similarity.py): the public
*contoh jawaban* of the m7a/m7b rubric cells gets past R9's flag "sama dengan contoh jawaban".

* R27a: W and O of m7a's SWOT contoh jawaban (the bullets with sources and figures) pasted
  verbatim, S, T and Strategi in own words: 28 shared fingerprints, 35 % of the contoh jawaban and
  46 % of the cell (both < 50 %), so the trainer, who is told "bagian yang ditulis sendiri dinilai
  seperti biasa", scores the pasted half as own work.
* R27b: a light paraphrase: 11 of the 69 words of m7b's plan replaced by 10 synonyms (selama ->
  sepanjang, karena -> sebab, ...): 17 of 38 fingerprints left (45 % of the cell), not flagged.
* R27c: look-alike letters (Cyrillic а/е/о for Latin a/e/o) or zero-width spaces: the essay reads
  the same on the screen and in the formgrader; 2-18 fingerprints left, not flagged (two who paste the same converted text still form a pair).

All three are defended: R27c by similarity._plain, R27a and R27b by similarity.model_matches'
runs (an unbroken passage of PASSAGE_WORDS content words of the contoh jawaban whatever the share,
or runs covering RUN_SHARE of the cell); the lines holding them are shown to the trainer.

A text match is a hint, never a defence: the fix is partly normalisation (NFKC, drop format
characters, map confusables to Latin before fingerprinting), partly the rule (flag a cell that
shares a run of the contoh jawaban whatever the share, and show the trainer which lines), and
partly the guide (rubric cases per workshop, like the forms, so that no public text answers them).
"""

from __future__ import annotations

import re

import pytest
from test_attack_contoh_jawaban import CELLS, _bullets, flagged

# p05's own S, T and Strategi; W and O (the bullets with sources and figures, the "research") pasted
OWN_S = (
    "- **S:** pekerja kami sudah belasan tahun menjahit sepatu kulit dengan tangan, dan bengkel "
    "kami dekat dengan pemasok kulit di sentra."
)
OWN_T = (
    "- **T:** sepatu murah dari luar negeri dijual di toko daring dengan ongkos kirim gratis, "
    "harga kulit naik setiap musim hujan, dan pekerja muda lebih memilih kerja di pabrik besar."
)
OWN_STRATEGI = (
    "- **Strategi:** kami memakai pameran dan pelatihan itu untuk mencari pembeli tetap, membeli "
    "kulit bersama perajin lain supaya lebih murah, dan mengajak pekerja muda belajar di bengkel kami."
)


def test_two_bullets_of_the_contoh_jawaban_beside_own_words_are_flagged():
    gid = "m7a_swot_analisis"
    w, o = _bullets(CELLS[gid][2])[1:3]
    assert w.startswith("- **W:**") and o.startswith("- **O:**")
    hit, figures = flagged(gid, "\n".join([OWN_S, w, o, OWN_T, OWN_STRATEGI]))
    assert hit, (
        f"{gid}: W and O of the contoh jawaban pasted verbatim, S, T and Strategi own words: "
        f"not flagged ({figures})"
    )


SYNONYMS = {
    "bersama": "dengan",
    "selama": "sepanjang",
    "lalu": "kemudian",
    "sekitar": "kira-kira",
    "sebulan": "per bulan",
    "rutin": "tetap",
    "pendampingan": "bimbingan",
    "karena": "sebab",
    "mengurus": "mengajukan",
    "berikan": "tawarkan",
}


def test_the_contoh_jawaban_with_ten_words_swapped_for_synonyms_is_flagged():
    gid = "m7b_rencana_kemitraan"
    body = CELLS[gid][2]
    text = re.sub(r"\w+", lambda m: SYNONYMS.get(m[0], m[0]), body)
    hit, figures = flagged(gid, text)
    assert hit, (
        f"{gid}: the contoh jawaban with {len(SYNONYMS)} synonyms is not flagged ({figures})"
    )


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
