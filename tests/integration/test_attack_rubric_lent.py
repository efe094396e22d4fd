"""Red team (session 6, R35b, around R35's fix): the essay module has no closing.

R35's fix gives m7a/m7b (trainer-scored essays, uji evidence of STR-01) their own token. But the
token is in the participant's own m7a notebook, and an m7a has no round to close (`tutup` is for the
asesmen forms only): p02's m7a is graded; he lends it afterwards ("see how I did my SWOT"); p05
hands in a blank m7a as p02 with the m7a token read from it, later: installed over p02's graded
essays, verified. The forms close this window with `tutup`; the essay modules need the same (a
later file of a graded uji module held for the trainer's --pilih, or closed with the post-test).
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

RUBRIK = "m7a-daya-saing"
TOKEN = serangan.TOKEN
_token = serangan.token_of
VICTIM, ATTACKER = "p02", "p05"


def test_a_graded_essay_module_lent_afterwards_does_not_hand_in_its_replacement(tmp_path):
    from alaskaki.workshop.collect import collect_module, unverified_identity
    from alaskaki.workshop.course import init_workshop
    from alaskaki.workshop.grading.record import write_marker
    from alaskaki.workshop.release import release_module

    ws = init_workshop(
        tmp_path / "lokakarya", roster=paths.dataset("contoh_peserta.csv"), modules=[RUBRIK]
    )
    release_module(ws, RUBRIK, due="2026-12-01 17:00", personal=True)
    own = nbformat.read(ws.personal(RUBRIK) / f"{VICTIM}_{RUBRIK}.ipynb", as_version=4)
    for cell in own.cells:
        if cell.cell_type == "markdown" and cell.metadata.get("nbgrader", {}).get("solution"):
            cell.source = "Kekuatan kami: pengrajin berpengalaman 15 tahun di Miji. " * 4
    usb1 = tmp_path / "usb1"
    usb1.mkdir()
    nbformat.write(own, usb1 / f"{VICTIM}_{RUBRIK}.ipynb")
    first = collect_module(ws, RUBRIK, source=usb1, received="2026-12-01 15:00")
    assert VICTIM in first.collected, (first.held, first.skipped)
    write_marker(ws.root, RUBRIK, VICTIM, {"key": "x", "score": 12.0, "max_score": 20.0})
    installed = ws.submitted(VICTIM, RUBRIK) / f"{RUBRIK}.ipynb"
    graded = installed.read_bytes()

    # p02 lends his graded m7a; p05 hands in the blank released m7a as p02 with its token
    forged = nbformat.read(ws.release_notebook(RUBRIK), as_version=4)
    for cell in forged.cells:
        if cell.cell_type == "code" and "TOKEN_PESERTA" in cell.source:
            cell.source = re.sub(
                r'^ID_PESERTA = "[^"]*"', f'ID_PESERTA = "{VICTIM}"', cell.source, flags=re.M
            )
            cell.source = TOKEN.sub(lambda m: f'{m[1]}"{_token(own)}"', cell.source)
    usb2 = tmp_path / "usb2"
    usb2.mkdir()
    nbformat.write(forged, usb2 / f"{VICTIM}_{RUBRIK}.ipynb")
    second = collect_module(ws, RUBRIK, source=usb2, received="2026-12-09 10:00")
    replaced = installed.read_bytes() != graded
    assert not replaced or VICTIM in unverified_identity(ws, RUBRIK), (
        f"{ATTACKER} handed in a blank {RUBRIK} as {VICTIM} with the token read from {VICTIM}'s "
        f"graded {RUBRIK}, lent afterwards: installed over {VICTIM}'s graded essays, verified "
        f"(held: {[h.reason for h in second.held]})"
    )
