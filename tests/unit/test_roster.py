"""The roster reader (alaskaki.roster): a bad file is refused whole, every problem named by row
and column."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from alaskaki import paths
from alaskaki.errors import EXIT_INPUT, AlaskakiError
from alaskaki.roster import name_key, read_roster, read_roster_file

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
    wb.create_sheet("pivot").append(["x"])
    path = tmp_path / "peserta.xlsx"
    wb.save(path)
    res = read_roster_file(path)
    assert [p.id for p in res.people] == ["p01"] and res.sheet == "Peserta"


def test_not_really_xlsx(tmp_path):
    path = write(tmp_path, "this is text", name="peserta.xlsx")
    with pytest.raises(AlaskakiError, match="bukan file Excel"):
        read_roster(path)


# ---- what a spreadsheet can hide (issue 14, requirement 4) --------------------------------------

COLS = ["id", "nama", "ikm", "kelurahan", "jenis_kelamin", "peran"]


def xlsx(tmp_path, rows, *, title="peserta", before=(), name="peserta.xlsx", edit=None):
    """An XLSX roster: optional sheets ``before`` the roster sheet, ``edit(sheet)`` for the rest."""
    wb = Workbook()
    first = wb.active
    for i, (sheet_title, sheet_rows) in enumerate(before):
        sh = first if i == 0 else wb.create_sheet()
        sh.title = sheet_title
        for r in sheet_rows:
            sh.append(r)
    sheet = wb.create_sheet(title) if before else first
    sheet.title = title
    for r in rows:
        sheet.append(r)
    if edit:
        edit(sheet)
    path = tmp_path / name
    wb.save(path)
    return path


def refused(path, *expected: str) -> AlaskakiError:
    with pytest.raises(AlaskakiError) as err:
        read_roster(path)
    text = str(err.value)
    for e in expected:
        assert e in text, text
    assert err.value.exit_code == EXIT_INPUT
    return err.value


def test_the_sheet_with_the_roster_header_is_found_and_named(tmp_path):
    path = xlsx(
        tmp_path,
        [COLS, ["p01", "Ani", "UD A", "Miji", "P", "admin"]],
        title="Data",
        before=[("Petunjuk", [["Isi daftar di lembar Data"]])],
    )
    res = read_roster_file(path)
    assert res.sheet == "Data" and [p.nama for p in res.people] == ["Ani"]


def test_missing_columns_name_the_sheet_read_and_the_others(tmp_path):
    path = xlsx(
        tmp_path,
        [["id", "nama"], ["p01", "Ani"]],
        title="Lembar1",
        before=[("Catatan", [["judul"], ["x"]])],
    )
    refused(path, "lembar 'Catatan'", "kolom wajib tidak ada", "'Lembar1'")


def test_a_sheet_named_peserta_lacking_a_column_is_not_told_to_move_to_peserta(tmp_path):
    """The sheet read BECAUSE it is named 'Peserta': 'move the roster to a sheet named peserta'
    would send the trainer in a circle; the fix is that sheet's header, or renaming it."""
    path = xlsx(
        tmp_path,
        [["id", "nama", "ikm"], ["p01", "Ani", "UD A"]],
        title="Peserta",
        before=[("Data", [COLS, ["p01", "Ani", "UD A", "Miji", "P", "admin"]])],
    )
    err = refused(path, "lembar 'Peserta'", "kolom wajib tidak ada", "'Data'", "ganti nama lembar")
    assert "pindahkan daftar peserta ke lembar bernama" not in str(err)


def test_a_title_row_above_the_header_is_skipped(tmp_path):
    path = xlsx(
        tmp_path, [["DAFTAR PESERTA LOKAKARYA"], COLS, ["p01", "Ani", "UD A", "Miji", "P", "admin"]]
    )
    [p] = read_roster(path)
    assert p.id == "p01"


def test_firm_merged_over_rows_counts_for_each_row_and_is_noted(tmp_path):
    rows = [
        COLS,
        ["p01", "Ani", "UD Sepatu Maju", "Miji", "P", "admin"],
        ["p02", "Budi", None, None, "L", "pemotong"],
        ["p03", "Cici", None, None, "P", "penjahit"],
        ["p04", "Dodi", "CV Lain", "Blooto", "L", "pemilik"],
    ]
    path = xlsx(tmp_path, rows, edit=lambda sh: (sh.merge_cells("C2:C4"), sh.merge_cells("D2:D4")))
    res = read_roster_file(path)
    assert [p.ikm for p in res.people] == ["UD Sepatu Maju"] * 3 + ["CV Lain"]
    assert [p.kelurahan for p in res.people] == ["Miji"] * 3 + ["Blooto"]
    assert any("baris 2–4, kolom ikm: sel digabung" in n for n in res.notes)


def test_merged_names_or_ids_are_refused(tmp_path):
    rows = [COLS, ["p01", "Ani", "", "", "P", ""], ["p02", None, "", "", "L", ""]]
    path = xlsx(tmp_path, rows, edit=lambda sh: sh.merge_cells("B2:B3"))
    err = refused(path, "baris 2–3, kolom nama: sel digabung", "Unmerge")
    assert len(err.details) == 1


def test_a_hidden_row_is_refused_with_the_participant_named(tmp_path):
    rows = [COLS, ["p01", "Ani", "", "", "P", ""], ["p07", "Gani", "", "", "L", ""]]
    path = xlsx(tmp_path, rows, edit=lambda sh: setattr(sh.row_dimensions[3], "hidden", True))
    refused(path, "baris 3 (p07 Gani)", "disembunyikan", "Unhide")


def test_a_date_a_number_or_true_in_a_name_is_refused(tmp_path):
    import datetime as dt

    rows = [
        COLS,
        ["p01", dt.datetime(2026, 12, 1), "", "", "P", ""],
        ["p02", 12345, "", "", "L", ""],
        ["p03", True, "", "", "L", ""],
    ]
    err = refused(xlsx(tmp_path, rows), "baris 2, kolom nama: berisi tanggal/waktu (2026-12-01)")
    text = "\n".join(err.details)
    assert "baris 3, kolom nama: berisi angka (12345)" in text
    assert "baris 4, kolom nama: berisi TRUE" in text
    assert "00:00:00" not in text and len(err.details) == 3


def test_a_numeric_id_is_refused_with_the_fix(tmp_path):
    rows = [COLS, [7, "Budi", "", "", "L", ""], ["p08", "Ani", "", "", "P", ""]]
    err = refused(xlsx(tmp_path, rows), "baris 2, kolom id: 7 tersimpan sebagai angka", "Teks")
    assert len(err.details) == 1  # not also "kosong"


def test_formulas_without_saved_results_are_named_once_per_column(tmp_path):
    rows = [COLS] + [
        [f'="p"&TEXT({i},"00")', f'=CONCAT("Peserta ",{i})', "", "", "L", ""] for i in range(1, 11)
    ]
    err = refused(xlsx(tmp_path, rows), "baris 2–11, kolom id: berisi rumus", "Tempel Nilai")
    assert len(err.details) == 2  # id and nama; not "kosong" ten times
    assert not any("kosong" in d for d in err.details)


def test_a_formula_error_value_is_named(tmp_path):
    rows = [COLS, ["p01", "#REF!", "", "", "P", ""]]
    refused(xlsx(tmp_path, rows), "baris 2, kolom nama: berisi galat rumus #REF!")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16"])
def test_utf16_with_or_without_bom_is_named(tmp_path, encoding):
    path = write(tmp_path, HEADER + "p01,Ani,UD A,Miji,P,admin\n", encoding=encoding)
    refused(path, "UTF-16", "CSV UTF-8")


def test_an_xlsx_renamed_to_csv_is_named(tmp_path):
    src = xlsx(tmp_path, [COLS, ["p01", "Ani", "", "", "P", ""]])
    path = tmp_path / "peserta.csv"
    path.write_bytes(src.read_bytes())
    refused(path, "sebenarnya file Excel")


@pytest.mark.parametrize(
    "one,other",
    [
        ("Siti  Aminah", "siti aminah"),
        ("Andr\u00e9 Susanto", "Andre\u0301 Susanto"),  # a name copied from a PDF: accents apart
        ("Ani Lestari", "Ani\u200b Lestari"),  # a zero-width space pasted from a chat
        ("Ma'ruf", "Ma\u2019ruf"),  # a word processor's apostrophe
        ("Nur Aisyah", "Nur\u00a0Aisyah"),  # a no-break space
    ],
)
def test_the_same_name_in_another_spelling_is_one_person(one, other):
    assert name_key(one) == name_key(other)


@pytest.mark.parametrize("one,other", [("Andr\u00e9", "Andre"), ("Siti Aminah", "Siti Aminnah")])
def test_a_different_letter_is_another_name(one, other):
    assert name_key(one) != name_key(other)
