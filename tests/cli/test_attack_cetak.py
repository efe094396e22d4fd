"""Red team: the key printout (``alaskaki cetak <form> --kunci``) is the whole key of a form. On a
shared workshop server the trainer runs it where they stand (a shared folder, /tmp); the file must
not be readable by other accounts (participants) whatever the umask."""

from __future__ import annotations

import os
import stat

import pytest

from alaskaki.cli import main


@pytest.mark.parametrize("modul", ["asesmen-awal", "asesmen-akhir"])
def test_the_key_printout_is_readable_by_its_owner_only(tmp_path, monkeypatch, modul):
    monkeypatch.chdir(tmp_path)
    old = os.umask(0o022)  # Debian's default
    try:
        assert main(["cetak", modul, "--kunci"]) == 0
    finally:
        os.umask(old)
    out = tmp_path / f"{modul}-kunci.html"
    assert "KUNCI JAWABAN" in out.read_text(encoding="utf-8")
    mode = stat.S_IMODE(out.stat().st_mode)
    assert not mode & 0o077, f"{out.name} has mode {mode:o}: other accounts can read the key"


@pytest.mark.parametrize("kunci", [False, True])
def test_printing_inside_a_workshop_prints_its_own_form(tmp_path, monkeypatch, kunci):
    """A trainer standing in the workshop folder (as for `alaskaki grade`, whose -w defaults to
    it) prints the uji for paper: the workshop's own form and key, never the committed form,
    whose key is public."""
    from alaskaki import paths
    from alaskaki.workshop.course import init_workshop

    ws = init_workshop(
        tmp_path / "lokakarya",
        roster=paths.dataset("contoh_peserta.csv"),
        modules=["asesmen-akhir"],
    )
    committed, own = tmp_path / "bawaan.html", tmp_path / "milik.html"
    extra = ["--kunci"] if kunci else []
    assert main(["cetak", "asesmen-akhir", *extra, "--out", str(committed)]) == 0
    assert main(["cetak", "asesmen-akhir", *extra, "-w", str(ws.root), "--out", str(own)]) == 0
    assert committed.read_bytes() != own.read_bytes(), "the workshop has no form of its own"
    monkeypatch.chdir(ws.root)
    printed = tmp_path / "dicetak.html"
    assert main(["cetak", "asesmen-akhir", *extra, "--out", str(printed)]) == 0
    assert printed.read_bytes() == own.read_bytes(), (
        "inside the workshop folder, `alaskaki cetak asesmen-akhir` printed the committed form "
        "(public key) instead of the workshop's own"
    )
