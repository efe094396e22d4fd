"""Red team (session 5): the public *contoh jawaban* of the rubric cells against R9's flag.

The m7a/m7b rubric cells (uji evidence of STR-01, scored by the trainer) have their *contoh
jawaban* in the kit's public instructor notebooks. Since R9 a written answer is flagged "sama
dengan contoh jawaban" when it shares >= 12 fingerprints with the contoh jawaban AND they cover
>= 50 % of the cell's own writing or of the contoh jawaban (similarity.model_matches); the guide
scores a pasted contoh jawaban 0 for that cell. The flag is a text match: a hint for the trainer,
never a defence by itself.

Defended here (kept on main): the whole contoh jawaban pasted with the layout changed (bullets
reordered, bold marks dropped, no-break spaces, upper case, the firm's name changed) is flagged.
Open when written (branch redteam-pending4, tests/unit/test_attack_contoh_jawaban_open.py):
a part pasted beside own words, a light synonym paraphrase, look-alike letters.

Fast: fingerprints only, from the kit's instructor notebooks; no workshop, no kernel.
"""

from __future__ import annotations

import json
import re

import pytest

from alaskaki import paths
from alaskaki.workshop import similarity as sim

MODULES = ("m7a-daya-saing", "m7b-kemitraan")


def _rubric_cells() -> dict[str, tuple[dict, str, str]]:
    """grade_id -> (source cell, the released frame, the contoh jawaban) of every rubric cell."""
    out = {}
    for modul in MODULES:
        nb = json.loads((paths.SOURCE_DIR / modul / f"{modul}.ipynb").read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if sim.is_written_answer(cell):
                src = sim._src(cell)
                frame = src.split("### BEGIN SOLUTION")[0]
                body = re.search(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", src, re.S)[1]
                out[cell["metadata"]["nbgrader"]["grade_id"]] = (cell, frame, body)
    return out


CELLS = _rubric_cells()


def flagged(gid: str, text: str) -> tuple[bool, str]:
    """Is ``text``, written in rubric cell ``gid``, flagged as the contoh jawaban? (+ the figures)"""
    cell, frame, _ = CELLS[gid]
    model = sim._cell_fingerprints(cell) - sim._stub_of(cell)
    stub = set(sim._stub_of(cell))  # the released frame, fingerprinted as the kit does
    written = {"cell_type": "markdown", "metadata": cell["metadata"], "source": frame + text}
    hits = sim.model_matches({"p05": {"cells": [written]}}, {gid: model}, "m7", stub=stub)
    own = set(sim._cell_fingerprints(written)) - stub
    shared = len(own & model)
    return bool(
        hits
    ), f"{shared} of {len(model)} fingerprints of the contoh jawaban, cell {len(own)}"


def _bullets(body: str) -> list[str]:
    """The contoh jawaban's bullets (a bullet may run over several lines)."""
    return [b.strip() for b in re.split(r"\n(?=- )", body) if b.strip().startswith("- ")]


def test_the_rubric_cells_and_their_contoh_jawaban_are_found():
    assert set(CELLS) >= {"m7a_swot_analisis", "m7b_rencana_kemitraan", "m7b_profil_penawaran"}
    for gid, (_, _, body) in CELLS.items():
        assert len(_bullets(body)) >= 3, gid


LAYOUT = {
    "utuh": lambda b: b,
    "urutan-dibalik": lambda b: "\n".join(reversed(_bullets(b))),
    "tanpa-tebal": lambda b: b.replace("**", ""),
    "spasi-nbsp": lambda b: b.replace(" ", "\u00a0"),
    "huruf-besar": lambda b: b.upper(),
    "nama-usaha-diganti": lambda b: b.replace("Surodinawan Jaya", "Maju Bersama Prajurit Kulon"),
}


@pytest.mark.parametrize("how", sorted(LAYOUT))
@pytest.mark.parametrize("gid", sorted(CELLS))
def test_the_whole_contoh_jawaban_with_its_layout_changed_is_flagged(gid, how):
    hit, figures = flagged(gid, LAYOUT[how](CELLS[gid][2]))
    assert hit, f"{gid}: the contoh jawaban pasted ({how}) is not flagged ({figures})"
