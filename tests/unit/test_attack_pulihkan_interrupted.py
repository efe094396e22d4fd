"""Red team (session 6): Ctrl-C inside `alaskaki pulihkan`, at each step of the swap.

`pulihkan N` copies backup N beside the gradebook (a hidden temp file), moves the gradebook into
cadangan/ ("sebelum-pulihkan"), sets its journals aside and renames the copy in. The trainer
presses Ctrl-C (or the laptop sleeps) between two of those renames. Afterwards the folder must
lose nothing: the trainer's next command names the way back instead of failing with a traceback
or an empty gradebook, following it gives a gradebook holding either the state before
`pulihkan` or the chosen backup, and the rows the trainer had (p01, p02) are still in it.
In-process (the rename is interrupted where the kit calls it); unit, no grading. R37 (LOW, owner
folder): the hidden copy of the backup (``.gradebook-XXXX``, a whole gradebook) stays in the
folder forever after the interruption; each interrupted pulihkan adds one.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_folder import cli, cp_a, roster, students, template  # noqa: F401

from alaskaki import folder as folder_mod
from alaskaki.folder import Folder


@pytest.mark.parametrize("step", ["gradebook ke cadangan", "salinan ke gradebook"])
def test_ctrl_c_inside_pulihkan_loses_nothing(template, tmp_path, capsys, monkeypatch, step):  # noqa: F811
    ws = cp_a(template, tmp_path / "ws")
    code, out, err = cli(
        capsys, "roster", "import", str(roster(tmp_path, "p02,Budi,UD B,Miji,L,\n")), "-w", str(ws)
    )
    assert code == 0, out + err
    before = students(ws)  # p01, p02: the state the trainer has now
    assert {"p01", "p02"} <= before
    chosen = Folder(ws).backups()[0]  # the state before the import (p01 only)
    db = Folder(ws).own_gradebook
    real = os.replace

    def interrupted(src, dst, *a, **kw):
        src, dst = Path(src), Path(dst)
        if step == "gradebook ke cadangan" and src == db:
            raise KeyboardInterrupt
        if step == "salinan ke gradebook" and dst == db and src.name.startswith(".gradebook-"):
            raise KeyboardInterrupt
        return real(src, dst, *a, **kw)

    monkeypatch.setattr(folder_mod.os, "replace", interrupted)
    code, out, err = cli(capsys, "pulihkan", str(chosen.number), "--ya", "-w", str(ws))
    monkeypatch.setattr(folder_mod.os, "replace", real)
    assert code != 0, "the interrupted pulihkan said it was done"

    # the trainer's next command: the way back, by name, never a traceback
    code, out, err = cli(capsys, "status", "-w", str(ws))
    if code != 0:
        assert "galat tak terduga" not in err and "Traceback" not in err, err
        assert "pulihkan" in err, f"the next command after the interrupted pulihkan: {err}"
        code, out, err = cli(capsys, "pulihkan", "1", "--ya", "-w", str(ws))
        assert code == 0, out + err
    now = students(ws)
    assert now in (before, {"p01"}), f"after Ctrl-C in pulihkan ({step}) the gradebook holds {now}"
    # and the state before pulihkan is still somewhere the trainer can take it back from
    kept = set()
    for b in Folder(ws).backups():
        import sqlite3

        with sqlite3.connect(b.path) as con:
            if {r[0] for r in con.execute("select id from student")} == before:
                kept.add(b.path.name)
    assert now == before or kept, "the state before pulihkan (p01, p02) is gone"
    strays = sorted(p.name for p in ws.glob(".gradebook-*"))
    assert not strays, f"a full copy of a backup is left hidden in the folder: {strays}"
