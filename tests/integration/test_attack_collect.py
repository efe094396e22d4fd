"""Red team: a participant with no skill hands in the uji for someone else, offline (issue 13).

The trainer releases asesmen-akhir with personal copies (``release_module(..., personal=True)``:
ID and token filled in per participant) and collects USB sticks with ``collect_module``. p05
knows only his own token. He puts a blank asesmen-akhir for p02 (ID_PESERTA = p02, with his own
token, with no token, with a made-up one) on his stick, collected before p02's. None of the forged
files may become p02's submission; p02's real work is installed and graded as usual.
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

MODUL = serangan.MODUL
TOKEN = re.compile(r'^(TOKEN_PESERTA\s*=\s*)"([^"]*)"', re.M)

pytestmark = [pytest.mark.slow]


def _with(nb, pid: str | None = None, token: str | None = None):
    nb = nbformat.from_dict(nbformat.from_dict(nb))
    for cell in nb.cells:
        if cell.cell_type == "code" and "TOKEN_PESERTA" in cell.source:
            if pid is not None:
                cell.source = re.sub(
                    r'^ID_PESERTA = "[^"]*"', f'ID_PESERTA = "{pid}"', cell.source, flags=re.M
                )
            if token is not None:
                cell.source = TOKEN.sub(lambda m: f'{m[1]}"{token}"', cell.source)
    return nb


def _token(nb) -> str:
    for cell in nb.cells:
        m = TOKEN.search(cell.source) if cell.cell_type == "code" else None
        if m:
            return m[2]
    raise AssertionError("the personal copy carries no TOKEN_PESERTA")


def test_a_file_handed_in_for_someone_else_never_becomes_theirs(tmp_path):
    from alaskaki.workshop import demo
    from alaskaki.workshop.collect import collect_module
    from alaskaki.workshop.course import init_workshop
    from alaskaki.workshop.grader import grade_module
    from alaskaki.workshop.release import release_module

    ws = init_workshop(
        tmp_path / "lokakarya", roster=paths.dataset("contoh_peserta.csv"), modules=[MODUL]
    )
    rel = release_module(ws, MODUL, due="2026-12-01 17:00", personal=True)
    copies = {p.name.split("_", 1)[0]: nbformat.read(p, as_version=4) for p in rel.personal}
    source = nbformat.read(ws.root / "source" / MODUL / f"{MODUL}.ipynb", as_version=4)
    victim, attacker = "p02", "p05"
    own = _token(copies[attacker])

    stick = tmp_path / "usb-p05"
    stick.mkdir()
    nbformat.write(copies[attacker], stick / f"{attacker}_{MODUL}.ipynb")
    forged = {
        f"{victim}_{MODUL}.ipynb": _with(copies[attacker], pid=victim),  # his own token
        f"Salinan dari {victim}_{MODUL}.ipynb": _with(copies[attacker], pid=victim, token=""),
        f"{victim}_{MODUL} (1).ipynb": _with(copies[attacker], pid=victim, token="abcd-efgh"),
    }
    for name, nb in forged.items():
        nbformat.write(nb, stick / name)
    first = collect_module(ws, MODUL, source=stick, received="2026-12-01 15:00")
    assert victim not in first.installed, first
    assert attacker in first.installed, first
    assert not (ws.root / "submitted" / victim).exists()
    assert sorted(h.name for h in first.held) == sorted(forged), first  # named, not dropped

    stick = tmp_path / "usb-p02"
    stick.mkdir()
    real = demo.simulate_submission(source, copies[victim], victim, 1.0, MODUL)
    for mine, given in zip(real.cells, copies[victim].cells, strict=True):
        if "TOKEN_PESERTA" in given.source:  # the setup cell as on p02's personal copy
            mine.source = given.source
    nbformat.write(real, stick / f"{victim}_{MODUL}.ipynb")
    second = collect_module(ws, MODUL, source=stick, received="2026-12-01 15:30")
    assert victim in second.installed, second

    run = grade_module(ws.root, MODUL, participants=[victim, attacker], progress=False)
    score = {r.participant: r.score for r in run.results}
    assert score == {victim: float(len(serangan.key())), attacker: 0.0}, score
    assert own not in (ws.root / "submitted" / victim / MODUL / f"{MODUL}.ipynb").read_text()
