"""Red team (session 5), OPEN on main when written (owner: folder; R17b, around R17's fix): backups
of the SAME content that are not byte-identical still push the last good state out of cadangan/.

R17's fix drops a new backup byte-identical to the newest (filecmp). `alaskaki release MODUL` run
again (a due date re-set, a re-release after a kit update, `--pribadi` for a late participant)
rewrites the same rows, and SQLite lays the pages out in one of two ways by turns: every backup
differs from the newest by bytes while its tables are the same (`.dump` identical). After a mistaken
write (p24's row removed, the good state backed up first) and twelve re-releases of m0: 10 backups
kept, 2 byte patterns, ONE content, none with p24: `pulihkan` cannot bring p24 back. Suggest:
compare by content (a hash of `iterdump()`, or of each table's rows) with the kept backups, not by
bytes with the newest only.
"""

from __future__ import annotations

import sqlite3

from test_attack_backups import _students

from alaskaki import paths


def test_re_releasing_a_module_does_not_push_the_last_good_state_out_of_cadangan(tmp_path, capsys):
    from alaskaki import folder as folder_mod
    from alaskaki.cli import main
    from alaskaki.folder import Folder
    from alaskaki.workshop.course import init_workshop

    root = tmp_path / "lokakarya"
    init_workshop(root, roster=paths.dataset("contoh_peserta.csv"), modules=["m0-orientasi"])

    def command(*argv) -> int:
        folder_mod._backed_up.clear()  # each CLI command is its own process
        code = main([*argv, "-w", str(root)])
        capsys.readouterr()
        return code

    assert command("release", "m0-orientasi") == 0
    folder = Folder(root)
    folder_mod._backed_up.clear()
    folder.before_write("roster")  # the mistaken import backs up the good state first ...
    with folder.gradebook() as gb:
        gb.remove_student("p24")  # ... and removes p24's row
    for _ in range(12):
        assert command("release", "m0-orientasi") == 0  # the same module released again
    kept = folder.backups()
    with_victim = [b for b in kept if "p24" in _students(b.path)]
    contents = set()
    for b in kept:
        with sqlite3.connect(b.path) as con:
            contents.add("\n".join(con.iterdump()))
    assert with_victim, (
        f"after 12 re-releases of one module: {len(kept)} backups, "
        f"{len({b.path.read_bytes() for b in kept})} byte patterns, {len(contents)} content(s), "
        "none from before the mistaken write: p24's row cannot be restored with `pulihkan`"
    )
