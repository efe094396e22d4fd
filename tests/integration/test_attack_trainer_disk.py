"""Trainer team, a full disk: the trainer's laptop (or the flashdisk holding the workshop) runs out
of space while the trainer restores the gradebook. A failed ``alaskaki pulihkan`` must leave the
workshop as it was: the gradebook in place, the next command working, nothing to clean up.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from alaskaki.folder import Folder
from tests.integration.test_attack_trainer import HEADER, MOD, run
from tests.integration.test_os_failures import tmpfs  # noqa: F401 - a fixture

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    """init + release through the CLI: a gradebook with the module in it and a backup of it."""
    base = tmp_path_factory.mktemp("disk")
    roster = base / "peserta.csv"
    roster.write_text(HEADER + "p01,Ani,UD A,Miji,P,admin\n", encoding="utf-8")
    ws = base / "ws"
    assert run(None, "init", str(ws), "--roster", str(roster)).returncode == 0
    res = run(ws, "release", MOD)
    assert res.returncode == 0, res.stderr
    return ws


def _assignments(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return [r[0] for r in con.execute("select name from assignment")]
    finally:
        con.close()


def test_pulihkan_on_a_full_disk_keeps_the_gradebook_in_place(made, tmp_path):
    with tmpfs(tmp_path / "kecil", "8m") as disk:
        ws = disk / "ws"
        subprocess.run(["cp", "-a", str(made), str(ws)], check=True)
        before = Folder(ws).own_gradebook.read_bytes()
        assert MOD in _assignments(Folder(ws).own_gradebook)
        filler = disk / "isi"
        with open(filler, "wb") as fh:  # fill the disk to the last block
            try:
                while True:
                    fh.write(b"\0" * 65536)
                    fh.flush()
            except OSError:
                pass
        res = run(ws, "pulihkan", "1")
        assert res.returncode != 0 and "Traceback" not in res.stderr, res.stdout + res.stderr
        assert "disk penuh" in res.stderr, res.stderr
        # the failed restore changed nothing: the gradebook is where it was, whole
        assert Folder(ws).own_gradebook.is_file(), "pulihkan moved the gradebook away and failed"
        assert Folder(ws).own_gradebook.read_bytes() == before
        assert not [p.name for p in ws.glob(".gradebook-*")], "half-written restore left behind"
        res = run(ws, "status")
        assert res.returncode == 0, res.stderr
        # after freeing space the restore works
        filler.unlink()
        res = run(ws, "pulihkan", "1")
        assert res.returncode == 0, res.stdout + res.stderr
        assert MOD in _assignments(Folder(ws).own_gradebook)
        assert run(ws, "status").returncode == 0
        shutil.rmtree(ws)
