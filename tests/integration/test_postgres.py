"""Grading and reports run unchanged with the gradebook on PostgreSQL (issue 8 item 5).

A throwaway PostgreSQL cluster (Debian's initdb/pg_ctl, run as the ``postgres`` account on a
free port of 127.0.0.1) holds the gradebook of a workshop made with ``db_url=postgresql://...``;
the sample cohort runs end to end on it and on SQLite, and the competency results must match.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from alaskaki import paths
from alaskaki.folder import Folder

pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.timeout(1500)]

MODUL = "m3-biaya-produksi"


def _units(workshop_dir: Path) -> dict[tuple[str, str], tuple]:
    """(participant, unit) -> (status, [criterion results]) from the competency engine."""
    from alaskaki.competency import assess

    result = assess(workshop_dir)
    return {
        (p.id, code): (unit.status, repr(unit.kriteria))
        for p in result.participants
        for code, unit in p.units.items()
    }


def _scores(ws) -> dict[str, float]:
    with ws.gradebook() as gb:
        return {s.student.id: round(s.score, 4) for s in gb.assignment_submissions(MODUL)}


def test_sample_cohort_on_postgresql(pg_url, tmp_path):
    import sqlalchemy

    from alaskaki.workshop import Workshop, init_workshop
    from alaskaki.workshop.demo import run_demo

    on_pg = tmp_path / "pg"
    init_workshop(
        on_pg,
        roster=paths.dataset("contoh_peserta.csv"),
        name="Demo Lokakarya Ekspor Mandiri Mojokerto",
        db_url=pg_url,
        modules=[MODUL],
    )
    res_pg = run_demo(on_pg, modules=[MODUL], progress=False)
    res_sq = run_demo(tmp_path / "sqlite", modules=[MODUL], progress=False)

    # The gradebook really is on PostgreSQL: no SQLite file, and the server holds the grades.
    assert not Folder(on_pg).own_gradebook.exists()
    engine = sqlalchemy.create_engine(pg_url.replace("postgresql://", "postgresql+psycopg2://"))
    with engine.connect() as con:
        n_sub = con.execute(sqlalchemy.text("select count(*) from submitted_notebook")).scalar()
        n_grade = con.execute(sqlalchemy.text("select count(*) from grade")).scalar()
    engine.dispose()
    assert n_sub == res_pg.submitted[MODUL] == res_sq.submitted[MODUL] > 0
    assert n_grade > n_sub

    # Same grades, same competency results, same reports as on SQLite.
    ws_pg, ws_sq = Workshop.open(on_pg), Workshop.open(tmp_path / "sqlite")
    assert _scores(ws_pg) == _scores(ws_sq)
    # the light reader's SQL (status, assess, reports) reads on PostgreSQL what nbgrader reads
    from competencykit import gradebook_oracle, reader_view

    from alaskaki.competency import gradebook as gbmod

    url = ws_pg.checked_db_url(existing=True)
    assert reader_view(gbmod.read(url)) == gradebook_oracle(url, ws_pg.course_id)
    assert res_pg.graded == res_sq.graded and res_pg.graded[MODUL] > 0
    assert res_pg.units == res_sq.units and res_pg.units
    units_pg = _units(on_pg)
    assert units_pg == _units(tmp_path / "sqlite")
    participants = {p for p, _ in units_pg}
    assert len(participants) == res_pg.participants
    for counts in res_pg.units.values():
        assert sum(counts.values()) == res_pg.participants
    assert sorted(p.name for p in res_pg.reports) == sorted(p.name for p in res_sq.reports)
    for report in res_pg.reports:
        assert report.is_file() and report.stat().st_size > 0


def _new_database(pg_url: str, name: str) -> str:
    import sqlalchemy

    engine = sqlalchemy.create_engine(
        pg_url.replace("postgresql://", "postgresql+psycopg2://"), isolation_level="AUTOCOMMIT"
    )
    with engine.connect() as con:
        con.execute(sqlalchemy.text(f"create database {name}"))
    engine.dispose()
    return pg_url.rsplit("/", 1)[0] + "/" + name


def _students(url: str) -> set[str]:
    import sqlalchemy

    engine = sqlalchemy.create_engine(url.replace("postgresql://", "postgresql+psycopg2://"))
    with engine.connect() as con:
        found = {r[0] for r in con.execute(sqlalchemy.text("select id from student"))}
    engine.dispose()
    return found


def test_postgresql_gradebook_is_dumped_before_writes_and_restored(pg_url, tmp_path, capsys):
    """Issue 14 req. 2 on PostgreSQL: pg_dump into cadangan/ (pruned like SQLite's backups) before
    every command that writes, `alaskaki pulihkan N` restores after confirming, nothing lost."""
    import json

    from alaskaki import folder as folder_mod
    from alaskaki.cli import main
    from alaskaki.folder import Folder
    from alaskaki.workshop import init_workshop

    if folder_mod._pg_tool("pg_dump") is None or folder_mod._pg_tool("pg_restore") is None:
        pytest.fail("pg_dump/pg_restore missing although the server binaries are installed")
    url = _new_database(pg_url, "alaskaki_cadangan")
    header = "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"
    first = tmp_path / "awal.csv"
    first.write_text(header + "p01,Ani,UD A,Miji,P,admin\np02,Budi,UD B,Miji,L,\n", "utf-8")
    ws = tmp_path / "ws"
    init_workshop(ws, roster=first, db_url=url, modules=[])
    meta = json.loads(Folder(ws).meta_file.read_text(encoding="utf-8"))
    Folder(ws).meta_file.write_text(json.dumps({**meta, "cadangan": 2}), encoding="utf-8")

    def command(*argv):
        folder_mod._server_backed_up.clear()  # each CLI command is its own process
        code = main([*argv, "-w", str(ws)])
        out, err = capsys.readouterr()
        return code, out, err

    for pid in ("p03", "p04", "p05"):
        more = tmp_path / f"{pid}.csv"
        more.write_text(header + f"{pid},Nama {pid},UD C,Wates,P,\n", encoding="utf-8")
        code, _, err = command("roster", "import", str(more))
        assert code == 0, err
    everyone = {"p01", "p02", "p03", "p04", "p05"}
    assert _students(url) == everyone
    found = Folder(ws).backups()
    assert [b.path.suffix for b in found] == [".dump", ".dump"]  # pruned to the 2 newest
    assert [b.doing for b in found] == ["sesudah-roster", "sesudah-roster"]  # after each (R30)
    assert all(b.path.stat().st_mode & 0o077 == 0 for b in found)
    assert not list(Folder(ws).backup_dir.glob("*.tmp"))

    # no terminal, no --ya: refused, the server untouched
    code, _, err = command("pulihkan", "2")
    assert code != 0 and "--ya" in err
    assert _students(url) == everyone

    # backup 2 was taken before p05 was added: p01..p04
    code, out, err = command("pulihkan", "2", "--ya")
    assert code == 0, err
    assert _students(url) == {"p01", "p02", "p03", "p04"}
    assert "sebelum-pulihkan" in out  # the replaced state is kept
    # and that one brings everything back
    code, out, err = command("pulihkan", "1", "--ya")
    assert code == 0, err
    assert _students(url) == everyone
    # a SQLite backup cannot be restored into a server gradebook
    stray = Folder(ws).backup_dir / "gradebook-20260101T000000000000Z-grade.db"
    stray.write_bytes(b"")
    code, _, err = command("pulihkan", stray.name, "--ya")
    assert code != 0 and "bukan cadangan untuk buku nilai lokakarya ini" in err
    assert _students(url) == everyone


def test_a_copied_postgresql_workshop_never_grades_into_the_original(pg_url, tmp_path, capsys):
    """Trainer team T5: `cp -a` of a workshop on PostgreSQL is refused (it would overwrite the
    original's grades); a moved one (the original path gone) keeps working."""
    import subprocess as sp

    from alaskaki import folder as folder_mod
    from alaskaki.cli import main
    from alaskaki.workshop import init_workshop

    url = _new_database(pg_url, "alaskaki_salinan")
    header = "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"
    first = tmp_path / "awal.csv"
    first.write_text(header + "p01,Ani,UD A,Miji,P,admin\n", encoding="utf-8")
    original = tmp_path / "asli"
    init_workshop(original, roster=first, db_url=url, modules=[])

    def command(ws, *argv):
        folder_mod._server_claimed.clear()  # each CLI command is its own process
        folder_mod._server_backed_up.clear()
        code = main([*argv, "-w", str(ws)])
        out, err = capsys.readouterr()
        return code, out, err

    copy = tmp_path / "salinan"
    sp.run(["cp", "-a", str(original), str(copy)], check=True)
    more = tmp_path / "p02.csv"
    more.write_text(header + "p02,Budi,UD B,Miji,L,\n", encoding="utf-8")
    for argv in (["status"], ["roster", "import", str(more)], ["report"]):
        code, _, err = command(copy, *argv)
        assert code != 0 and str(original) in err and "salinan" in err, err
        assert len(err.strip().splitlines()) == 1, err
    assert _students(url) == {"p01"}  # the original's gradebook untouched
    assert command(original, "status")[0] == 0

    moved = tmp_path / "pindah"
    original.rename(moved)
    code, _, err = command(moved, "roster", "import", str(more))
    assert code == 0, err
    assert _students(url) == {"p01", "p02"}
    code, _, err = command(copy, "status")  # still a copy, now of the moved folder
    assert code != 0 and str(moved) in err


def test_a_moved_or_branched_postgresql_workshop_says_which_it_is(pg_url, tmp_path, capsys):
    """Trainer team T5b: a copy of a MOVED folder looks like the moved folder; neither adopts the
    database silently. The trainer's word decides: `init --pindahan` (this is the workshop, moved
    to another disk) or `init --db-url NEW` (a separate workshop, its grades copied there). Another
    workshop configured with the same database is refused."""
    import shutil as sh
    import subprocess as sp

    from alaskaki import folder as folder_mod
    from alaskaki.cli import main
    from alaskaki.folder import Folder
    from alaskaki.workshop import init_workshop

    url = _new_database(pg_url, "alaskaki_pindah")
    header = "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"
    first = tmp_path / "awal.csv"
    first.write_text(header + "p01,Ani,UD A,Miji,P,admin\n", encoding="utf-8")
    old_disk = tmp_path / "laptop-lama"
    init_workshop(old_disk, roster=first, db_url=url, modules=[])

    def command(*argv):
        folder_mod._server_claimed.clear()  # each CLI command is its own process
        folder_mod._server_backed_up.clear()
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    # moved to another computer: copied there, the old folder deleted
    new_disk = tmp_path / "laptop-baru"
    sp.run(["cp", "-a", str(old_disk), str(new_disk)], check=True)
    sh.rmtree(old_disk)
    code, _, err = command("status", "-w", str(new_disk))
    assert code != 0 and str(old_disk) in err and str(new_disk) in err, err
    assert "--pindahan" in err and "--db-url" in err and len(err.strip().splitlines()) == 1, err
    code, out, err = command("init", str(new_disk), "--pindahan")
    assert code == 0, err
    assert "sudah ada" in out and "dibuat" not in out.split("\n")[0], out
    more = tmp_path / "p02.csv"
    more.write_text(header + "p02,Budi,UD B,Miji,L,\n", encoding="utf-8")
    assert command("roster", "import", str(more), "-w", str(new_disk))[0] == 0
    assert _students(url) == {"p01", "p02"}

    # a copy that becomes a separate workshop: its own database, starting from the shared grades
    branch = tmp_path / "cabang"
    sp.run(["cp", "-a", str(new_disk), str(branch)], check=True)
    assert command("status", "-w", str(branch))[0] != 0
    # `--pindahan` on the copy while the moved folder is in its place: a copy, not a move (R28)
    code, _, err = command("init", str(branch), "--pindahan")
    assert code != 0 and "masih ada" in err and str(new_disk) in err, err
    assert len(err.strip().splitlines()) == 1, err
    assert command("status", "-w", str(new_disk))[0] == 0  # the recorded folder keeps it
    # nor may the copy put one of its backups back into the original's database
    assert Folder(branch).backups(), "the copy carries the original's backups"
    code, _, err = command("pulihkan", "1", "--ya", "-w", str(branch))
    assert code != 0 and "salinan" in err, err
    assert _students(url) == {"p01", "p02"}
    own = _new_database(pg_url, "alaskaki_cabang")
    code, _, err = command("init", str(branch), "--db-url", own)
    assert code == 0, err
    third = tmp_path / "p03.csv"
    third.write_text(header + "p03,Citra,UD C,Miji,P,\n", encoding="utf-8")
    assert command("roster", "import", str(third), "-w", str(branch))[0] == 0
    assert _students(own) == {"p01", "p02", "p03"}
    assert _students(url) == {"p01", "p02"}  # the original's untouched
    assert command("status", "-w", str(new_disk))[0] == 0  # and the original still works
    code, _, err = command("init", str(branch), "--db-url", url)  # a database in use
    assert code != 0 and "sudah berisi buku nilai" in err, err

    # another workshop given the same database by mistake
    other = tmp_path / "lain"
    code, _, err = command("init", str(other), "--db-url", url)
    assert code != 0 and "lokakarya lain" in err and str(new_disk) in err, err
    assert not other.exists()
    assert _students(url) == {"p01", "p02"}


def test_manual_grades_on_postgresql_are_backed_up_by_the_next_command(pg_url, tmp_path, capsys):
    """Formgrader grades on a server gradebook: the next command of any kind dumps the database
    when its grades or comments changed outside alaskaki, once."""
    import subprocess as sp

    from alaskaki import folder as folder_mod
    from alaskaki.cli import main
    from alaskaki.folder import Folder, _pg_tool
    from alaskaki.workshop import init_workshop

    url = _new_database(pg_url, "alaskaki_manual")
    first = tmp_path / "awal.csv"
    first.write_text("id,nama,ikm,kelurahan,jenis_kelamin,peran\np01,Ani,UD A,Miji,P,admin\n")
    ws = tmp_path / "ws"
    init_workshop(ws, roster=first, db_url=url, modules=[MODUL])

    def command(*argv):
        folder_mod._server_claimed.clear()  # each CLI command is its own process
        folder_mod._server_backed_up.clear()
        code = main([*argv, "-w", str(ws)])
        out, err = capsys.readouterr()
        assert code == 0, err
        return Folder(ws).backups()

    command("release", MODUL)
    with Folder(ws).gradebook() as gb:
        gb.add_submission(MODUL, "p01")
    command("status")
    found = command("status")
    assert found == command("report", "--format", "csv")  # nothing changed: no new dump

    with Folder(ws).gradebook() as gb:  # what the formgrader does when a score is typed
        grade = gb.find_submission(MODUL, "p01").notebooks[0].grades[0]
        grade.manual_score = 0.75
        gb.db.commit()
    after = command("status")
    assert len(after) == len(found) + 1 and after[0].doing == "nilai-manual", after
    data = sp.run(
        [_pg_tool("pg_restore"), "--data-only", "--table=grade", "-f", "-", str(after[0].path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "0.75" in data
    assert command("status") == after


def test_postgresql_commands_that_change_nothing_keep_the_last_good_dump(pg_url, tmp_path):
    """Red team R17 on a server gradebook: a dump of an unchanged database is the newest dump
    again (only its header's time differs), so thirteen commands that change nothing do not push
    the state before a mistake out of the newest N dumps."""
    from alaskaki import folder as folder_mod
    from alaskaki.folder import Folder
    from alaskaki.workshop import init_workshop

    url = _new_database(pg_url, "alaskaki_r17")
    roster = tmp_path / "awal.csv"
    roster.write_text("id,nama,ikm,kelurahan,jenis_kelamin,peran\np01,Ani,UD A,Miji,P,admin\n")
    folder = Folder(init_workshop(tmp_path / "ws", roster=roster, db_url=url, modules=[]).root)

    def next_command():
        folder_mod._server_claimed.clear()  # each CLI command is its own process
        folder_mod._server_backed_up.clear()
        folder.before_write("grade")

    next_command()  # the good state, p01 in it
    with folder.gradebook() as gb:  # a mistaken write
        gb.remove_student("p01")
    for _ in range(13):
        next_command()
    kept = folder.backups()
    assert len(kept) == 2, [b.path.name for b in kept]
    assert _students(url) == set()

    # The same rows rewritten (a module released again): new row versions, which a dump lists in
    # another order. The same content, so no new dump (R17b on PostgreSQL).
    import sqlalchemy

    with folder.gradebook() as gb:
        for pid in ("p02", "p03"):
            gb.update_or_create_student(pid, first_name=pid, last_name="")
    next_command()
    engine = sqlalchemy.create_engine(folder.db_url)
    try:
        orders = []
        for _ in range(3):
            with engine.begin() as con:
                first = con.execute(sqlalchemy.text("select id from student")).scalars().first()
                con.execute(
                    sqlalchemy.text("update student set first_name = first_name where id = :i"),
                    {"i": first},
                )
                orders.append(
                    con.execute(sqlalchemy.text("select id from student")).scalars().all()
                )
            next_command()
    finally:
        engine.dispose()
    assert orders[0] != orders[1], orders  # the rows do move: a dump lists them another way
    kept = folder.backups()
    assert len(kept) == 3, [b.path.name for b in kept]
