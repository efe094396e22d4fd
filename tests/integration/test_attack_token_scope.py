"""Red team (session 4), careless trainer: the uji token and the token mark (R6b fix, T10).

The fix for R6b (a token read on a friend's lent latihan notebook opened his uji) gives the uji
its own token per participant. Which scheme a workshop's cards follow is written in the token mark
``token-dibagikan.txt`` at the workshop's root, a plain text file beside the trainer's other
files. The trainer opens it in Notepad and saves it as "Unicode" (UTF-16), or deletes it as
clutter; the cards already handed out do not change. After that: p02's honest uji, with the token
on his card, must still be installed; p05's blank uji for p02 with the token from p02's lent m3
notebook must still be refused.
"""

from __future__ import annotations

import shutil

import nbformat
import pytest

from tests.integration.test_attack_collect import MODUL, _token, _with

pytestmark = [pytest.mark.slow]

LATIHAN = "m3-biaya-produksi"


def _filled(source, copy, pid: str, skill: float):
    """``pid``'s answers on a personal copy, its setup cell (ID and token) kept as given."""
    from alaskaki.workshop import demo

    nb = demo.simulate_submission(source, copy, pid, skill, MODUL)
    for mine, given in zip(nb.cells, copy.cells, strict=True):
        if "ID_PESERTA" in given.source and "TOKEN_PESERTA" in given.source:
            mine.source = given.source
    return nb


@pytest.mark.parametrize("mark", ["utuh", "dihapus", "notepad-utf16"])
def test_the_uji_token_survives_what_the_trainer_does_to_the_token_mark(
    released_latihan_uji_personal, tmp_path, mark
):
    from alaskaki.workshop.collect import collect_module
    from alaskaki.workshop.release import TOKEN_MARK
    from tests.integration.conftest import personal_copies

    base = released_latihan_uji_personal  # m3 and the uji released with tokens: copied first
    ws = type(base)(shutil.copytree(base.root, tmp_path / "lokakarya", symlinks=True))
    copy = personal_copies(ws, MODUL)
    m3_p02 = personal_copies(ws, LATIHAN)["p02"]
    source = nbformat.read(ws.source_notebook(MODUL), as_version=4)

    path = ws.root / TOKEN_MARK
    if mark == "dihapus":
        path.unlink()
    elif mark == "notepad-utf16":
        path.write_text(path.read_text(encoding="utf-8").replace("\n", "\r\n"), encoding="utf-16")

    stick = tmp_path / "usb-p02"
    stick.mkdir()
    honest = _filled(source, copy["p02"], "p02", 1.0)
    nbformat.write(honest, stick / f"p02_{MODUL}.ipynb")
    first = collect_module(ws, MODUL, source=stick, received="2026-12-01 15:00")
    assert first.installed == ["p02"], f"mark {mark}: p02's own uji with his card's token: {first}"

    stick = tmp_path / "usb-p05"
    stick.mkdir()
    forged = _with(
        _filled(source, copy["p05"], "p05", 0.0),
        pid="p02",
        token=_token(m3_p02),
    )
    nbformat.write(forged, stick / f"p02_{MODUL}.ipynb")
    later = collect_module(ws, MODUL, source=stick, received="2026-12-01 15:30")
    assert "p02" not in later.installed, (
        f"mark {mark}: p02's latihan token (from his lent m3 notebook) opened his uji: {later}"
    )
