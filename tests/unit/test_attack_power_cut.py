"""Red team (session 5): the power is pulled while the gradebook is being written, then `pulihkan`.

A command killed mid-transaction (power cut, SIGKILL) leaves `gradebook.db` with half its new
pages written and a hot `gradebook.db-journal` that SQLite needs to roll them back. The trainer's
first command afterwards is `alaskaki pulihkan 1` (the guide's way back). The gradebook it replaces
is kept in cadangan/ ("buku nilai yang diganti tetap disimpan"): that kept copy must be a sound
gradebook with everything committed before the cut, never the half-written file without its
journal. Defended when written (the exclusive-lock probe before the swap rolls the journal back).
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys

from test_folder import cli, cp_a, roster, students, template  # noqa: F401

from alaskaki.folder import Folder

KILLED_MID_WRITE = """
import os, signal, sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("PRAGMA cache_size=1")  # spill dirty pages into the file before the commit
con.execute("BEGIN")
for i in range(3000):
    con.execute(
        "insert into student (id, first_name, last_name) values (?, ?, ?)",
        (f"x{i:05d}", "setengah-tertulis " * 20, ""),
    )
os.kill(os.getpid(), signal.SIGKILL)  # the power is pulled before COMMIT
"""


def test_pulihkan_after_a_power_cut_keeps_a_sound_copy_of_the_gradebook_it_replaces(
    template,  # noqa: F811
    tmp_path,
    capsys,
):
    ws = cp_a(template, tmp_path / "ws")
    assert cli(capsys, "roster", "import", str(roster(tmp_path, "p02,Budi,UD B,Miji,L,\n")),
               "-w", str(ws))[0] == 0  # fmt: skip
    committed = students(ws)
    db = Folder(ws).own_gradebook
    run = subprocess.run([sys.executable, "-c", KILLED_MID_WRITE, str(db)], check=False)
    assert run.returncode == -signal.SIGKILL
    journal = db.with_name("gradebook.db-journal")
    assert journal.is_file() and journal.stat().st_size > 0, "no hot journal: the cut missed"

    code, out, err = cli(capsys, "pulihkan", "1", "--ya", "-w", str(ws))
    assert code == 0, out + err
    kept = [b for b in Folder(ws).backups() if b.doing == "sebelum-pulihkan"]
    assert len(kept) == 1, [b.path.name for b in Folder(ws).backups()]
    with sqlite3.connect(kept[0].path) as con:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
        in_kept = {r[0] for r in con.execute("select id from student")}
    assert in_kept == committed, (
        f"the gradebook replaced by pulihkan after a power cut was kept without its journal: "
        f"{len(in_kept)} students in the kept copy, {len(committed)} committed before the cut"
    )
    assert not journal.exists()
    with sqlite3.connect(db) as con:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
