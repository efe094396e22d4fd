"""Trainer team: the trainer edits the workshop's settings on a Windows laptop.

docs/panduan-pelatih.md tells the trainer to set ``"cadangan": 20`` in ``lokakarya.json``. Notepad
saves UTF-8 *with a byte-order mark* and CRLF line ends; the file still reads as the same JSON to
the trainer, so every command must keep working (and honour the new setting).
"""

from __future__ import annotations

import json

import pytest

from alaskaki.folder import Folder
from tests.integration.test_attack_trainer import HEADER, MOD, run

pytestmark = pytest.mark.slow


def test_lokakarya_json_saved_by_notepad_keeps_the_workshop_working(tmp_path):
    roster = tmp_path / "peserta.csv"
    roster.write_text(HEADER + "p01,Ani,UD A,Miji,P,admin\n", encoding="utf-8")
    ws = tmp_path / "lokakarya"
    assert run(None, "init", str(ws), "--roster", str(roster)).returncode == 0
    meta = json.loads(Folder(ws).meta_file.read_text(encoding="utf-8"))
    meta["cadangan"] = 20
    text = json.dumps(meta, indent=2, ensure_ascii=False).replace("\n", "\r\n")
    Folder(ws).meta_file.write_bytes("\ufeff".encode() + text.encode("utf-8"))
    for argv in (("release", MOD), ("status",), ("report", "--format", "csv")):
        res = run(ws, *argv)
        assert res.returncode == 0, (argv, res.stderr)
