"""Red team (session 5): the separate uji token, the closed round and the trainer's ``--pilih``.

Session 4 gave every participant a second token for the uji (asesmen-awal/akhir; R6) and closed
uji rounds (`alaskaki tutup`, R5c). Attacked offline as a participant with no skill (a USB stick,
a zip, a friend's file) and as a trainer following the guide. Kept here: the attacks that are
defended on main (a late file in a zip after `tutup` is held, the graded file stays). The open
ones (a lent pre-test's token opens the post-test; `--pilih` skips the token check and the closed
round) were on branch redteam-pending4 (tests/integration/test_attack_uji_token_open.py), which
imports this file's helpers.

One workshop (init + release with personal copies) is built once and copied per test; nothing
here grades (a graded submission is what the grader leaves: its done-marker).
"""

from __future__ import annotations

import shutil
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "attack"))

import serangan  # noqa: E402

pytestmark = [pytest.mark.slow]

AKHIR, AWAL = "asesmen-akhir", "asesmen-awal"
TOKEN = serangan.TOKEN
_with, _token = serangan.with_identity, serangan.token_of
VICTIM, ATTACKER = "p02", "p05"


@pytest.fixture(scope="module")
def base(released_uji_personal):
    """Both uji forms released as personal copies (tests/integration/conftest.py, built once per
    run); the ``ws`` fixture hands each test its own copy."""
    return released_uji_personal


@pytest.fixture
def ws(base, tmp_path):
    return type(base)(shutil.copytree(base.root, tmp_path / "lokakarya", symlinks=True))


def _copy(ws, modul: str, pid: str):
    return nbformat.read(ws.personal(modul) / f"{pid}_{modul}.ipynb", as_version=4)


def _source(ws, modul: str = AKHIR):
    return nbformat.read(ws.source_notebook(modul), as_version=4)


def _answered(ws, pid: str, skill: float, given):
    """``pid``'s work (skill 0..1) on the copy ``given`` (its setup cell kept as given)."""
    from alaskaki.workshop import demo

    real = demo.simulate_submission(_source(ws), given, pid, skill, AKHIR)
    for mine, g in zip(real.cells, given.cells, strict=True):
        if "ID_PESERTA" in g.source and "TOKEN_PESERTA" in g.source:
            mine.source = g.source
    return real


def _installed(ws, pid: str) -> bytes:
    return (ws.submitted(pid, AKHIR) / f"{AKHIR}.ipynb").read_bytes()


def _stick(tmp_path, name: str, files: dict[str, object]) -> Path:
    d = tmp_path / name
    d.mkdir()
    for fname, nb in files.items():
        (d / fname).parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, d / fname)
    return d


def _victim_hands_in(ws, tmp_path) -> bytes:
    from alaskaki.workshop.collect import collect_module

    own = _answered(ws, VICTIM, 1.0, _copy(ws, AKHIR, VICTIM))
    stick = _stick(tmp_path, "usb-p02", {f"{VICTIM}_{AKHIR}.ipynb": own})
    collect_module(ws, AKHIR, source=stick, received="2026-12-01 15:00")
    return _installed(ws, VICTIM)


def test_a_zip_after_tutup_keeps_the_graded_file(ws, tmp_path):
    """The same late file in a zip (the other offline way in) after `tutup`: held, graded file kept."""
    from alaskaki.workshop import putaran
    from alaskaki.workshop.collect import collect_module
    from alaskaki.workshop.grading.record import write_marker

    before = _victim_hands_in(ws, tmp_path)
    write_marker(ws.root, AKHIR, VICTIM, {"key": "x", "score": 37.0, "max_score": 37.0})
    putaran.tutup(ws.root, AKHIR)
    late = _answered(ws, VICTIM, 0.5, _copy(ws, AKHIR, VICTIM))
    z = tmp_path / "kiriman.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr(f"{VICTIM}_{AKHIR}.ipynb", nbformat.writes(late))
    got = collect_module(ws, AKHIR, source=z, received="2026-12-02 09:00")
    assert _installed(ws, VICTIM) == before
    assert [h.peserta for h in got.held] == [VICTIM]
