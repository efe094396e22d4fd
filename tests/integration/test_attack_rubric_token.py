"""Red team (session 6, R35): the uji evidence INSIDE a latihan module is opened by the latihan token.

R6 gave each participant a separate uji token, so that a latihan notebook lent to a friend (it
carries the owner's latihan token) cannot be used to hand in an uji in the owner's name. But the
uji is not only the asesmen forms: grading/kompetensi.yml lists m7a's ``m7a_swot_analisis`` and
m7b's ``m7b_rencana_kemitraan``/``m7b_profil_penawaran`` (essays the trainer scores) as ``uji``
evidence of STR-01, the K/BK decision. Those modules are collected with the LATIHAN token. p02
lends his m3 notebook after the m3 session ("see how I did the costing"); p05 (no skill) reads
p02's TOKEN_PESERTA in it and hands in a blank m7a-daya-saing as p02 with that token, later than
p02's own: collect installs it over p02's essays, verified (nothing held, nothing marked). A file
that carries uji evidence must need the uji token (or be held as not verified), like the forms.
~40 s: one init of two modules, personal copies, two collects; no grading.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
import pytest

from alaskaki import paths

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "attack"))

import serangan  # noqa: E402

pytestmark = [pytest.mark.slow]

LATIHAN, RUBRIK = "m3-biaya-produksi", "m7a-daya-saing"
TOKEN = serangan.TOKEN
_token = serangan.token_of
VICTIM, ATTACKER = "p02", "p05"


def test_a_lent_latihan_token_does_not_hand_in_a_rubric_uji_in_the_owners_name(tmp_path):
    from alaskaki.workshop.collect import collect_module
    from alaskaki.workshop.course import init_workshop
    from alaskaki.workshop.release import release_module

    ws = init_workshop(
        tmp_path / "lokakarya",
        roster=paths.dataset("contoh_peserta.csv"),
        modules=[LATIHAN, RUBRIK],
    )
    release_module(ws, LATIHAN, due="2026-11-30 17:00", personal=True)
    release_module(ws, RUBRIK, due="2026-12-01 17:00", personal=True)
    pribadi = ws.personal()
    lent = nbformat.read(pribadi / LATIHAN / f"{VICTIM}_{LATIHAN}.ipynb", as_version=4)
    own = pribadi / RUBRIK / f"{VICTIM}_{RUBRIK}.ipynb"

    # p02 hands in his own m7a (his personal copy: his id and token), essays written
    mine = nbformat.read(own, as_version=4)
    for cell in mine.cells:
        if cell.cell_type == "markdown" and cell.metadata.get("nbgrader", {}).get("solution"):
            cell.source = "Kekuatan kami: pengrajin berpengalaman 15 tahun di Miji. " * 4
    usb1 = tmp_path / "usb1"
    usb1.mkdir()
    nbformat.write(mine, usb1 / f"{VICTIM}_{RUBRIK}.ipynb")
    first = collect_module(ws, RUBRIK, source=usb1)
    assert VICTIM in first.collected, (first.held, first.skipped)
    installed = ws.submitted(VICTIM, RUBRIK) / f"{RUBRIK}.ipynb"
    p02_work = installed.read_bytes()

    # p05: the released m7a (blank), p02's id and the token read from p02's lent m3 notebook
    forged = nbformat.read(ws.release_notebook(RUBRIK), as_version=4)
    for cell in forged.cells:
        if cell.cell_type == "code" and "TOKEN_PESERTA" in cell.source:
            cell.source = re.sub(
                r'^ID_PESERTA = "[^"]*"', f'ID_PESERTA = "{VICTIM}"', cell.source, flags=re.M
            )
            cell.source = TOKEN.sub(lambda m: f'{m[1]}"{_token(lent)}"', cell.source)
    usb2 = tmp_path / "usb2"
    usb2.mkdir()
    nbformat.write(forged, usb2 / f"{VICTIM}_{RUBRIK}.ipynb")
    second = collect_module(ws, RUBRIK, source=usb2)

    from alaskaki.workshop.collect import unverified_identity

    replaced = installed.read_bytes() != p02_work
    unverified = VICTIM in unverified_identity(ws, RUBRIK)
    assert not replaced or unverified, (
        f"{ATTACKER} handed in a blank {RUBRIK} (uji evidence m7a_swot_analisis of STR-01) as "
        f"{VICTIM} with the LATIHAN token read from {VICTIM}'s lent {LATIHAN}: installed over "
        f"{VICTIM}'s essays as verified (held: {[h.reason for h in second.held]})"
    )
