"""Red team (session 5), OPEN on main when written (owner: folder; R30): a formgrader save made
WHILE an alaskaki command writes the gradebook is never backed up by the readers or the trainer's
Jupyter server.

Every command ends with `Folder.remember_state()` (cli.main's finally): the gradebook's file
fingerprint (inode, size, mtime) is recorded as "as alaskaki left it". A manual grade the trainer
saves in the formgrader during a long `grade` run (m7 essays scored while the uji is graded: the
normal afternoon) is inside that fingerprint, so `status`, `report` and
`alaskaki.jupyter_cadangan` see nothing changed outside alaskaki: the save is in NO backup until
the next writing command; a gradebook lost before that (power cut, disk) loses it, and `pulihkan`
brings back the state before it. Injected here deterministically: nbgrader's own Gradebook API
writes (as the formgrader does) in the middle of `roster import`. Suggest: fingerprint what
alaskaki never writes (for SQLite too, as for PostgreSQL: a digest of `grade` manual columns and
`comment`), taken before and after each command; a difference at the end → back up then.
"""

from __future__ import annotations

from test_folder import (  # noqa: F401
    _backed_up_students,
    _formgrader_writes,
    cli,
    cp_a,
    roster,
    students,
    template,
)

from alaskaki.folder import Folder


def test_a_formgrader_save_during_a_writing_command_is_backed_up_by_the_next_reader(
    template,  # noqa: F811
    tmp_path,
    capsys,
    monkeypatch,
):
    import alaskaki.workshop as workshop_pkg

    ws = cp_a(template, tmp_path / "ws")
    real_import = workshop_pkg.import_roster

    def import_while_the_trainer_saves_in_the_formgrader(*args, **kwargs):
        out = real_import(*args, **kwargs)
        _formgrader_writes(ws, "p03")  # saved in the formgrader while the command runs
        return out

    monkeypatch.setattr(
        workshop_pkg, "import_roster", import_while_the_trainer_saves_in_the_formgrader
    )
    new = roster(tmp_path, "p02,Budi,UD B,Miji,L,pemotong\n")
    assert cli(capsys, "roster", "import", str(new), "-w", str(ws))[0] == 0
    monkeypatch.undo()
    assert {"p02", "p03"} <= students(ws)  # both writes are in the live gradebook
    assert cli(capsys, "status", "-w", str(ws))[0] == 0  # the next reader, as after any save
    assert cli(capsys, "report", "--format", "csv", "-w", str(ws))[0] == 0
    kept = [b for b in Folder(ws).backups() if "p03" in _backed_up_students(b.path)]
    assert kept, (
        "the formgrader's save made during `roster import` is in no backup after `status` and "
        f"`report` ({len(Folder(ws).backups())} backups, none with it): the end of the command "
        "recorded it as alaskaki's own"
    )
