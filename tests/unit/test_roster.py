"""Roster import: a bad file is refused whole, every problem named by row and column."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from alaskaki import paths
from alaskaki.errors import EXIT_INPUT, AlaskakiError
from alaskaki.workshop import import_roster, init_workshop, read_roster

HEADER = "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"


def write(tmp_path, text, name="peserta.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_sample_roster_reads_24_people_of_8_firms():
    people = read_roster(paths.dataset("contoh_peserta.csv"))
    assert len(people) == 24
    assert len({p.ikm for p in people}) == 8
    assert {p.jenis_kelamin for p in people} == {"L", "P"}
    assert len({p.peran for p in people}) >= 3


def test_missing_column_is_named(tmp_path):
    path = write(tmp_path, "id,nama,ikm,kelurahan,peran\np01,Ani,UD A,Miji,admin\n")
    with pytest.raises(AlaskakiError, match="jenis_kelamin") as err:
        read_roster(path)
    assert err.value.exit_code == EXIT_INPUT


def test_every_problem_listed_by_row_and_column(tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "p01,Ani,UD A,Miji,P,admin\n"
        + "p01,Budi,UD A,Miji,L,pemotong\n"  # duplicate id
        + "p 03,Cici,UD B,Blooto,P,penjahit\n"  # invalid id
        + "p04,,UD B,Blooto,X,penjahit\n",  # empty name, bad gender
    )
    with pytest.raises(AlaskakiError) as err:
        read_roster(path)
    details = "\n".join(err.value.details)
    assert (
        "baris 3, kolom id" in details and "baris 2" in details
    )  # duplicate points at the first row
    assert "baris 4, kolom id" in details
    assert "baris 5, kolom nama: kosong" in details
    assert "baris 5, kolom jenis_kelamin" in details
    assert len(err.value.details) == 4


def test_duplicate_ids_differing_only_in_case_are_refused(tmp_path):
    path = write(tmp_path, HEADER + "p01,Ani,,,P,\nP01,Budi,,,L,\n")
    with pytest.raises(AlaskakiError, match="1 masalah"):
        read_roster(path)


@pytest.mark.parametrize("text", ["", "\n\n", HEADER])
def test_empty_file_is_refused(tmp_path, text):
    with pytest.raises(AlaskakiError, match="kosong|belum ada peserta"):
        read_roster(write(tmp_path, text))


def test_wrong_encoding_is_named(tmp_path):
    path = write(tmp_path, HEADER + "p01,Ani Müller,UD A,Miji,P,admin\n", encoding="latin-1")
    with pytest.raises(AlaskakiError, match="UTF-8") as err:
        read_roster(path)
    assert "baris 2" in str(err.value)


def test_utf16_is_named(tmp_path):
    path = write(tmp_path, HEADER + "p01,Ani,UD A,Miji,P,admin\n", encoding="utf-16")
    with pytest.raises(AlaskakiError, match="UTF-16"):
        read_roster(path)


def test_semicolon_csv_from_indonesian_excel_and_bom(tmp_path):
    path = write(
        tmp_path,
        "\ufeffid;nama;ikm;kelurahan;jenis_kelamin;peran\np01;Ani;UD A;Miji;perempuan;admin\n",
    )
    [p] = read_roster(path)
    assert (p.id, p.jenis_kelamin) == ("p01", "P")


def test_xlsx_with_extra_sheets_reads_the_roster_sheet(tmp_path):
    wb = Workbook()
    notes = wb.active
    notes.title = "catatan"
    notes.append(["Ini catatan pelatih, bukan daftar peserta"])
    sheet = wb.create_sheet("Peserta")
    sheet.append(["id", "nama", "ikm", "kelurahan", "jenis_kelamin", "peran"])
    sheet.append(["p01", "Ani", "UD A", "Miji", "P", "admin"])
    sheet.append([7, "Budi", "UD A", "Miji", "L", "pemotong"])  # a number typed as id
    wb.create_sheet("pivot").append(["x"])
    path = tmp_path / "peserta.xlsx"
    wb.save(path)
    people = read_roster(path)
    assert [p.id for p in people] == ["p01", "7"]


def test_not_really_xlsx(tmp_path):
    path = write(tmp_path, "this is text", name="peserta.xlsx")
    with pytest.raises(AlaskakiError, match="bukan file Excel"):
        read_roster(path)


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
    renamed = write(tmp_path, HEADER + "p01,Ani Rahma,UD A,Miji,P,pemilik\n", name="new.csv")
    res = import_roster(ws, renamed)
    assert res.updated == ["p01"] and res.kept == ["p02"]
    with ws.gradebook() as gb:
        assert gb.find_student("p01").first_name == "Ani Rahma"
        assert gb.find_submission("m-x", "p01") is not None  # grades untouched
    assert {p.id for p in read_roster(ws.roster_path)} == {"p01", "p02"}
