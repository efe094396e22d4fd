"""Roster import into a workshop (alaskaki.workshop.roster): merged with the roster and the
gradebook, all or nothing; ids unique regardless of case."""

from __future__ import annotations

import pytest

from alaskaki.errors import EXIT_INPUT, AlaskakiError
from alaskaki.folder import CONFIG_FILE, Folder
from alaskaki.roster import read_roster
from alaskaki.workshop import import_roster, init_workshop
from alaskaki.workshop.roster import read_named_roster

HEADER = "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"


def write(tmp_path, text, name="peserta.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_workshops_own_roster_named_by_path_says_to_fix_that_file(tmp_path):
    """`init NEW --roster OLD/peserta.csv` (the kit advises it): the fix is in OLD's file."""
    (tmp_path / CONFIG_FILE).write_text("", encoding="utf-8")
    path = write(tmp_path, HEADER + "p01,Ani,,,P,\nP01,Ani Lagi,,,P,\n")
    with pytest.raises(AlaskakiError, match="Daftar peserta lokakarya ini") as err:
        read_named_roster(path)
    assert str(path) in str(err.value) and "hapus baris ganda" in str(err.value)
    other = write(tmp_path, HEADER + "p01,Ani,,,P,\nP01,Ani Lagi,,,P,\n", name="baru.csv")
    with pytest.raises(AlaskakiError, match="baru.csv ditolak"):
        read_named_roster(other)


@pytest.mark.slow
def test_bad_file_imports_nothing_and_reimport_keeps_grades(tmp_path):
    ws = init_workshop(tmp_path / "ws", modules=[])
    good = write(tmp_path, HEADER + "p01,Ani,UD A,Miji,P,admin\np02,Budi,UD A,Miji,L,pemotong\n")
    import_roster(ws, good)
    with ws.gradebook() as gb:
        gb.add_assignment("m-x")
        gb.add_submission("m-x", "p01")
        assert gb.find_student("p01").first_name == "Ani"
    before = ws.roster_path.read_bytes()
    bad = write(
        tmp_path,
        HEADER + "p03,Cici,UD B,Blooto,P,admin\np04,Dodi,UD B,Blooto,Q,admin\n",
        name="bad.csv",
    )
    with pytest.raises(AlaskakiError):
        import_roster(ws, bad)
    assert ws.roster_path.read_bytes() == before
    with ws.gradebook() as gb:
        assert {s.id for s in gb.students} == {"p01", "p02"}
    # p01 has work here: a case/spacing change is the same person, updated with no question
    spaced = write(tmp_path, HEADER + "p01,  ANI ,UD A,Miji,P,admin\n", name="spaced.csv")
    assert import_roster(ws, spaced).updated == ["p01"]
    # another name is refused before anything is written (R68: a reused id is another person)
    renamed = write(tmp_path, HEADER + "p01,Ani Rahma,UD A,Miji,P,pemilik\n", name="new.csv")
    before = ws.roster_path.read_bytes()
    with pytest.raises(AlaskakiError) as asked:
        import_roster(ws, renamed)
    said = str(asked.value)
    assert "baris 2, id p01" in said and "'Ani Rahma'" in said and "'  ANI '" not in said, said
    assert "id baru" in said and "--perbaiki-nama p01" in said and "new.csv" in said, said
    assert ws.roster_path.read_bytes() == before
    with ws.gradebook() as gb:
        assert gb.find_student("p01").first_name.strip() == "ANI"
    # p02 (no work in the folder) may get another name; a spelling fix of p01 says so
    with pytest.raises(AlaskakiError, match="p09.*tidak ada"):
        import_roster(ws, renamed, fix_names=["p09"])
    res = import_roster(ws, renamed, fix_names=["p01"])
    assert res.updated == ["p01"] and res.kept == ["p02"]
    with ws.gradebook() as gb:
        assert gb.find_student("p01").first_name == "Ani Rahma"
        assert gb.find_submission("m-x", "p01") is not None  # grades untouched
    assert {p.id for p in read_roster(ws.roster_path)} == {"p01", "p02"}


# ---- a workshop's roster: ids unique regardless of case; init all or nothing ------------------


@pytest.fixture(scope="module")
def base_ws(tmp_path_factory):
    root = tmp_path_factory.mktemp("rosterws") / "ws"
    ws = init_workshop(root, modules=[])
    good = root.parent / "awal.csv"
    good.write_text(HEADER + "p01,Ani,UD A,Miji,P,admin\n", encoding="utf-8")
    import_roster(ws, good)
    return root


def copy_ws(base, tmp_path):
    import shutil

    return shutil.copytree(base, tmp_path / "ws", symlinks=True)


def test_an_id_differing_only_in_case_from_the_workshop_is_refused(base_ws, tmp_path, capsys):
    import sqlite3

    from alaskaki.cli import main

    ws = copy_ws(base_ws, tmp_path)
    before = Folder(ws).roster_file.read_bytes()
    path = write(tmp_path, HEADER + "p02,Budi,,,L,\nP01,Ani Lain,,,P,\n", name="baru.csv")
    code = main(["roster", "import", str(path), "-w", str(ws)])
    err = capsys.readouterr().err
    assert code == EXIT_INPUT
    assert "baris 3, kolom id: 'P01' sudah ada di lokakarya sebagai 'p01'" in err
    assert Folder(ws).roster_file.read_bytes() == before  # nothing written
    with sqlite3.connect(Folder(ws).own_gradebook) as db:
        assert {r[0] for r in db.execute("select id from student")} == {"p01"}
    # the import the message advises works, and everything after it too
    fixed = write(tmp_path, HEADER + "p02,Budi,,,L,\np01,Ani Lain,,,P,\n", name="baik.csv")
    assert main(["roster", "import", str(fixed), "-w", str(ws)]) == 0
    assert main(["status", "-w", str(ws)]) == 0


def test_a_stored_roster_with_case_duplicates_names_the_file_and_the_fix(base_ws, tmp_path, capsys):
    from alaskaki.cli import main

    ws = copy_ws(base_ws, tmp_path)
    with Folder(ws).roster_file.open("a", encoding="utf-8") as fh:
        fh.write("P01,Ani Lagi,,,P,\n")  # what an older kit let through
    code = main(["status", "-w", str(ws)])
    err = capsys.readouterr().err
    assert code == EXIT_INPUT
    assert str(Folder(ws).roster_file) in err and "hapus baris ganda" in err


def test_init_with_a_bad_roster_leaves_no_workshop(tmp_path, capsys):
    from alaskaki.cli import main

    bad = write(tmp_path, HEADER + "p01,Ani,,,P,\np01,Budi,,,L,\n", name="buruk.csv")
    parent = tmp_path / "lokakarya"
    parent.mkdir()
    code = main(["init", str(parent / "ws"), "--roster", str(bad)])
    err = capsys.readouterr().err
    assert code == EXIT_INPUT and "sama dengan ID di baris 2" in err
    assert list(parent.iterdir()) == []  # no workshop, no half-built folder beside it


@pytest.mark.parametrize(
    "rows", ["p01,Ani,,,P,\np01,Budi,,,L,\n", "P01,Ani Lain,,,P,\n"], ids=["ganda", "huruf-besar"]
)
def test_init_with_a_bad_roster_on_an_existing_workshop_changes_nothing(
    base_ws, tmp_path, capsys, rows
):
    """`init WS --roster` on a workshop that exists: refused before anything is written; its
    roster, gradebook, config and modules are as they were (a backup in cadangan/ and the writers'
    lock note are the only files a refused command may leave)."""
    import hashlib

    from alaskaki.cli import main
    from alaskaki.folder import BACKUP_DIR, LOCK_FILE

    ws = copy_ws(base_ws, tmp_path)

    def state() -> dict[str, str]:
        return {
            str(p.relative_to(ws)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(ws.rglob("*"))
            if p.is_file() and p.parts[len(ws.parts)] != BACKUP_DIR and p.name != LOCK_FILE
        }

    before = state()
    bad = write(tmp_path, HEADER + rows, name="buruk.csv")
    code = main(["init", str(ws), "--roster", str(bad)])
    err = capsys.readouterr().err
    assert code == EXIT_INPUT and "Traceback" not in err, err
    assert state() == before


def test_init_failing_late_removes_its_half_built_folder(tmp_path, monkeypatch):
    from alaskaki.workshop import course

    def boom(ws):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(course, "_snapshot_framework", boom)
    with pytest.raises(AlaskakiError, match="disk penuh") as err:
        init_workshop(tmp_path / "ws", modules=[])
    assert str(tmp_path / "ws") in str(err.value)  # the folder asked for, not the hidden one
    assert list(tmp_path.iterdir()) == []


def test_init_or_report_pointed_at_a_file_says_so(base_ws, tmp_path, capsys):
    from alaskaki.cli import main

    a_file = tmp_path / "catatan.txt"
    a_file.write_text("x")
    assert main(["init", str(a_file)]) != 0
    err = capsys.readouterr().err
    assert "adalah sebuah berkas, bukan folder" in err and "Traceback" not in err
    code = main(["report", "--out", str(a_file), "-w", str(base_ws)])
    err = capsys.readouterr().err
    assert code != 0 and "adalah sebuah berkas, bukan folder" in err


def test_a_hand_edited_roster_is_no_way_around_the_id_reuse_check(base_ws, tmp_path):
    """p01 (Ani) has work in the folder. The trainer edits peserta.csv by hand: p01 becomes
    Budi, or p01's row is deleted and later imported as Budi. Either way `roster import`
    compares with the name p01's work was recorded under (Ani, in the gradebook), not the edited
    file: refused naming both and --perbaiki-nama, nothing written; with --perbaiki-nama the new
    name is recorded."""
    root = copy_ws(base_ws, tmp_path)
    ws = Folder.open(root)
    work = ws.submitted("p01") / "m3-biaya-produksi"
    work.mkdir(parents=True)
    (work / "m3-biaya-produksi.ipynb").write_text("{}", encoding="utf-8")
    roster = ws.roster_file
    roster.write_text(HEADER + "p01,Budi,UD A,Miji,L,admin\n", encoding="utf-8")
    with pytest.raises(AlaskakiError) as err:
        import_roster(ws, roster)
    said = str(err.value)
    assert "'Budi' lain dengan 'Ani'" in said and "--perbaiki-nama p01" in said, said
    assert read_roster(roster)[0].nama == "Budi"  # the hand edit is left for the trainer
    roster.write_text(HEADER + "p02,Cici,UD A,Miji,P,admin\n", encoding="utf-8")  # p01 deleted
    other = write(tmp_path, HEADER + "p01,Budi,UD A,Miji,L,admin\n", name="baru.csv")
    with pytest.raises(AlaskakiError, match="'Budi' lain dengan 'Ani'"):
        import_roster(ws, other)
    roster.write_text(HEADER + "p01,Budi,UD A,Miji,L,admin\n", encoding="utf-8")
    import_roster(ws, roster, fix_names=["p01"])
    with ws.gradebook() as gb:
        assert gb.find_student("p01").first_name == "Budi"
