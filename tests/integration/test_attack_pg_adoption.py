"""Red team (session 4), careless trainer: who owns a PostgreSQL gradebook (trainer team T5, folder).

The database records the folder that uses it (``alaskaki_folder``); another folder is refused while
the recorded one exists ("a cp -a copy"), and takes the database over when the recorded folder is
gone ("the workshop was moved"). A trainer keeps a backup copy beside the workshop (``cp -a``),
works on in the original, then moves the original (a new disk, a tidier folder) and happens to
open the old backup copy first.
"""

from __future__ import annotations

import subprocess

import pytest

from tests.integration.test_postgres import _new_database, _students

pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.timeout(600)]

HEADER = "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"


def test_a_stale_backup_copy_opened_after_the_original_moved_does_not_take_its_gradebook(
    pg_url,
    tmp_path,
    capsys,
):
    from alaskaki import folder as folder_mod
    from alaskaki.cli import main
    from alaskaki.workshop import init_workshop

    url = _new_database(pg_url, "alaskaki_adopsi")
    first = tmp_path / "awal.csv"
    first.write_text(HEADER + "p01,Ani,UD A,Miji,P,admin\n", encoding="utf-8")
    original = tmp_path / "lokakarya"
    init_workshop(original, roster=first, db_url=url, modules=[])

    def command(ws, *argv):
        folder_mod._server_claimed.clear()  # each CLI command is its own process
        folder_mod._server_backed_up.clear()
        code = main([*argv, "-w", str(ws)])
        out, err = capsys.readouterr()
        return code, out, err

    backup = tmp_path / "lokakarya-cadangan"
    subprocess.run(["cp", "-a", str(original), str(backup)], check=True)
    later = tmp_path / "p02.csv"
    later.write_text(HEADER + "p02,Budi,UD B,Miji,L,\n", encoding="utf-8")
    assert command(original, "roster", "import", str(later))[0] == 0  # work goes on in the original
    assert _students(url) == {"p01", "p02"}

    moved = tmp_path / "arsip-2026" / "lokakarya"
    moved.parent.mkdir()
    original.rename(moved)
    opened_first = command(backup, "status")  # the stale copy, opened by mistake
    real = command(moved, "status")
    assert real[0] == 0, (
        f"the stale backup copy (status exit {opened_first[0]}) took the gradebook over; the real, "
        f"moved workshop is now refused as its copy: {real[2].strip()}"
    )
