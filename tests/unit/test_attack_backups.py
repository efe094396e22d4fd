"""Red team (session 4), careless trainer: the gradebook backups of ``cadangan/`` (issue 14 req. 2).

Every ``alaskaki`` command that writes the gradebook (init, roster, release, collect, grade) first
copies it into ``cadangan/``; the newest N (default 10) are kept. Each command is its own process,
so the only memory of "already backed up" is per process (``folder._backed_up``, cleared here to
stand for the next command). A trainer who notices a mistake late has usually run more commands
since: grading each of the 13 modules once is 13 backups.
"""

from __future__ import annotations

import sqlite3

import pytest

from alaskaki import paths


@pytest.fixture
def folder(tmp_path):
    from alaskaki.folder import Folder
    from alaskaki.workshop.course import init_workshop

    init_workshop(
        tmp_path / "lokakarya", roster=paths.dataset("contoh_peserta.csv"), modules=["m0-orientasi"]
    )
    return Folder(tmp_path / "lokakarya")


def _students(db) -> set[str]:
    with sqlite3.connect(db) as con:
        return {r[0] for r in con.execute("select id from student")}


def _next_command(folder, doing: str):
    from alaskaki import folder as folder_mod

    folder_mod._backed_up.clear()  # a new process: nothing backed up yet
    return folder.before_write(doing)


def test_commands_that_change_nothing_do_not_push_the_last_good_state_out_of_cadangan(folder):
    """p24's row is in the gradebook. The trainer runs ``roster import`` with a roster that drops
    p24 by mistake (the import backs up the good state first, then removes the row), then grades
    every module as usual: 13 ``grade`` runs that change nothing. The state from before the mistake
    must still be in ``cadangan/`` for ``alaskaki pulihkan``."""
    gb_file = folder.gradebook_file
    victim = "p24"
    assert victim in _students(gb_file)
    _next_command(folder, "roster")  # backs up the good state
    with folder.gradebook() as gb:  # the mistaken import removes the participant
        gb.remove_student(victim)
    assert victim not in _students(gb_file)

    for _ in range(13):  # `alaskaki grade MODUL` for every module: nothing new to grade
        _next_command(folder, "grade")

    kept = folder.backups()
    good = [b for b in kept if victim in _students(b.path)]
    distinct = {b.path.read_bytes() for b in kept}
    assert good, (
        f"after 13 commands that changed nothing, cadangan/ holds {len(kept)} backups "
        f"({len(distinct)} distinct) and none from before the mistaken roster import: "
        f"{victim}'s row cannot be restored with `alaskaki pulihkan`"
    )
