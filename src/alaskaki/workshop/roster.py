"""The participant list (*daftar peserta*): read, validate, import.

A roster is CSV (UTF-8, comma or semicolon) or XLSX with the columns
``id, nama, ikm, kelurahan, jenis_kelamin, peran``. A file with any problem is refused as a whole
and every problem is listed by row and column; nothing is half-imported.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from alaskaki.errors import EXIT_INPUT, EXIT_NOT_FOUND, AlaskakiError
from alaskaki.folder import ID_PATTERN, Participant
from alaskaki.folder import ROSTER_COLUMNS as COLUMNS

__all__ = ["COLUMNS", "Participant", "RosterImport", "import_roster", "read_roster"]
REQUIRED_VALUES = ("id", "nama", "jenis_kelamin")
GENDERS = {"l": "L", "laki-laki": "L", "laki laki": "L", "p": "P", "perempuan": "P"}


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _rows_from_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise AlaskakiError(
            f'File {path.name} memakai encoding UTF-16. Simpan ulang sebagai "CSV UTF-8" lalu impor lagi.',
            exit_code=EXIT_INPUT,
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise AlaskakiError(
            f"File {path.name} bukan teks UTF-8 (baris {line} berisi huruf yang tidak terbaca). "
            'Di Excel pilih Simpan Sebagai → "CSV UTF-8 (Comma delimited)", lalu impor lagi.',
            exit_code=EXIT_INPUT,
        ) from None
    if "\x00" in text:
        raise AlaskakiError(
            f"File {path.name} bukan file CSV (berisi data biner).", exit_code=EXIT_INPUT
        )
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _rows_from_xlsx(path: Path) -> list[list[str]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as err:
        raise AlaskakiError(
            f"File {path.name} bukan file Excel (.xlsx) yang dapat dibaca: {err}",
            exit_code=EXIT_INPUT,
        ) from None
    # A workbook may hold notes or pivot sheets too: prefer a sheet named "peserta", else the first.
    names = {n.strip().lower(): n for n in wb.sheetnames}
    ws = wb[names["peserta"]] if "peserta" in names else wb[wb.sheetnames[0]]
    rows = [[_cell(v) for v in row] for row in ws.iter_rows(values_only=True)]
    wb.close()
    return rows


def read_roster(path: str | Path, *, stored: bool = False) -> list[Participant]:
    """Read and validate a roster file; raise one AlaskakiError listing every problem."""
    path = Path(path)
    if not path.is_file():
        raise AlaskakiError(
            f"File daftar peserta {path} tidak ditemukan.", exit_code=EXIT_NOT_FOUND
        )
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        rows = _rows_from_xlsx(path)
    elif path.suffix.lower() == ".xls":
        raise AlaskakiError(
            f"File {path.name} berformat .xls lama. Simpan ulang sebagai .xlsx atau CSV UTF-8.",
            exit_code=EXIT_INPUT,
        )
    else:
        rows = _rows_from_csv(path)
    rows = [r for r in rows if any(_cell(c) for c in r)]
    if not rows:
        raise AlaskakiError(
            f"File {path.name} kosong: tidak ada judul kolom dan tidak ada peserta.",
            exit_code=EXIT_INPUT,
        )
    header = [_cell(h).lower().replace(" ", "_") for h in rows[0]]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise AlaskakiError(
            f"File {path.name}: kolom wajib tidak ada: {', '.join(missing)}. "
            f"Baris pertama harus berisi judul kolom: {', '.join(COLUMNS)}.",
            exit_code=EXIT_INPUT,
        )
    if len(rows) == 1:
        raise AlaskakiError(
            f"File {path.name} hanya berisi judul kolom, belum ada peserta.", exit_code=EXIT_INPUT
        )
    index = {c: header.index(c) for c in COLUMNS}
    problems: list[str] = []
    seen: dict[str, int] = {}
    people: list[Participant] = []
    for n, row in enumerate(rows[1:], start=2):  # row 1 is the header, as a spreadsheet numbers it
        values = {c: _cell(row[i]) if i < len(row) else "" for c, i in index.items()}
        for col in REQUIRED_VALUES:
            if not values[col]:
                problems.append(f"baris {n}, kolom {col}: kosong")
        pid = values["id"]
        if pid:
            if not _valid_id(pid):
                problems.append(
                    f"baris {n}, kolom id: {pid!r} tidak boleh dipakai sebagai ID "
                    "(hanya huruf, angka, - dan _, diawali huruf atau angka, tanpa spasi)"
                )
            key = pid.lower()
            if key in seen:
                problems.append(f"baris {n}, kolom id: {pid!r} sama dengan ID di baris {seen[key]}")
            else:
                seen[key] = n
        jk = values["jenis_kelamin"]
        if jk:
            norm = GENDERS.get(jk.lower())
            if norm is None:
                problems.append(f"baris {n}, kolom jenis_kelamin: {jk!r} harus L atau P")
            else:
                values["jenis_kelamin"] = norm
        people.append(Participant(**values))
    if problems:
        raise AlaskakiError(
            f"File {path.name} ditolak: {len(problems)} masalah. Tidak ada data yang diimpor. Perbaiki lalu impor lagi:",
            exit_code=EXIT_INPUT,
            details=problems,
        )
    return people


def _valid_id(pid: str) -> bool:
    return bool(ID_PATTERN.match(pid))


def write_roster(people: list[Participant], path: Path) -> None:
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        for p in people:
            writer.writerow(asdict(p))
    os.replace(tmp, path)  # atomic: a crash never leaves half a roster


@dataclass(frozen=True)
class RosterImport:
    added: list[str]
    updated: list[str]
    unchanged: list[str]
    kept: list[str]  # in the workshop but not in this file; kept so no grade is lost


def import_roster(workshop, path: str | Path) -> RosterImport:
    """Validate ``path`` and merge it into the workshop's roster and gradebook.

    New ids are added, known ids get their details updated, ids missing from the file are kept
    (their grades stay). Grades are never touched.
    """
    from alaskaki.workshop.course import Workshop

    ws = workshop if isinstance(workshop, Workshop) else Workshop.open(workshop)
    incoming = read_roster(path)
    current = {p.id: p for p in read_roster(ws.roster_path)} if ws.roster_path.is_file() else {}
    added, updated, unchanged = [], [], []
    merged = dict(current)
    for p in incoming:
        old = current.get(p.id)
        if old is None:
            added.append(p.id)
        elif old != p:
            updated.append(p.id)
        else:
            unchanged.append(p.id)
        merged[p.id] = p
    kept = [pid for pid in current if pid not in {p.id for p in incoming}]
    with ws.gradebook() as gb:
        for p in incoming:
            gb.update_or_create_student(p.id, first_name=p.nama, last_name="")
    write_roster(list(merged.values()), ws.roster_path)
    return RosterImport(added, updated, unchanged, kept)
