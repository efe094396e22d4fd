"""The participant list (*daftar peserta*): its schema, the one reader, the writer.

A roster is CSV (UTF-8, comma or semicolon) or XLSX with the columns :data:`ROSTER_COLUMNS`. A file
with any problem is refused as a whole and every problem is listed by row and column (and, for
XLSX, the sheet read); nothing is half-imported. The same reader reads a workshop's own
``peserta.csv`` (``stored=True``: :meth:`alaskaki.folder.Folder.participants`), so there is one
schema. Importing a roster into a workshop (merge with the gradebook) is workshop machinery:
:mod:`alaskaki.workshop.roster`.

What a spreadsheet can hide, and what happens to it:

* a sheet other than the roster: the sheet named ``peserta``, else the first sheet whose header has
  every column, is read, and every message names it;
* cells merged over several rows: in ``ikm``, ``kelurahan``, ``jenis_kelamin`` and ``peran`` the value
  counts for every row of the merge (said in a note); in ``id`` or ``nama`` the file is refused;
* a hidden (or filtered-out) row: refused, because it is usually a participant who withdrew;
* a date, a number or TRUE/FALSE where a name is expected, a number as id (Excel drops leading
  zeros), a formula whose result was never saved, a formula error (``#REF!``): refused, each named;
* UTF-16 text, with or without a byte-order mark, and an XLSX file renamed to ``.csv``: named.

Light on import (stdlib only; openpyxl when an XLSX file is read).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

from alaskaki.errors import EXIT_CONFLICT, EXIT_INPUT, EXIT_NOT_FOUND, AlaskakiError

__all__ = [
    "ID_PATTERN",
    "ROSTER_COLUMNS",
    "Participant",
    "RosterFile",
    "read_roster",
    "read_roster_file",
    "name_key",
    "person_key",
    "check_recorded_names",
    "renamed_with_work",
    "write_roster",
]

# ---- the schema (a workshop's peserta.csv) -------------------------------------------------------

ROSTER_COLUMNS = ("id", "nama", "ikm", "kelurahan", "jenis_kelamin", "peran")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


@dataclass(frozen=True)
class Participant:
    id: str
    nama: str
    ikm: str = ""
    kelurahan: str = ""
    jenis_kelamin: str = ""
    peran: str = ""


# Apostrophes a word processor, a phone or a PDF puts in a name (Ma’ruf) for the plain one.
_APOSTROPHES = str.maketrans(dict.fromkeys("\u2018\u2019\u02bc\u02b9\u0060\u00b4\u2032", "'"))


def name_key(nama: str) -> str:
    """A name as it identifies a person: case, spacing and Unicode spelling ignored.

    "siti  aminah" is Siti Aminah; so is a name copied from a PDF with its accents as separate
    marks (NFD), from a chat with a zero-width space in it, or typed with a curly apostrophe:
    the trainer sees two names that look alike and must never be told they are two people.
    """
    text = unicodedata.normalize("NFKC", nama).translate(_APOSTROPHES)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return " ".join(text.split()).casefold()


def person_key(p: Participant) -> tuple[str, str]:
    """Who a roster row is: (id, name), normalised. One id reused for another person (batch 2
    numbered p01, p02 again) is another person; a case or spacing change of the name is not."""
    return p.id.casefold(), name_key(p.nama)


REQUIRED_VALUES = ("id", "nama", "jenis_kelamin")
GENDERS = {"l": "L", "laki-laki": "L", "laki laki": "L", "p": "P", "perempuan": "P"}
MERGE_FILLS = ("ikm", "kelurahan", "jenis_kelamin", "peran")  # a merge means "the same for all"
EXCEL_ERRORS = ("#REF!", "#VALUE!", "#N/A", "#NAME?", "#DIV/0!", "#NUM!", "#NULL!")
HEADER_SEARCH_ROWS = 20  # a title row or two above the header is common


@dataclass(frozen=True)
class RosterFile:
    people: list[Participant]
    rows: list[int]  # the spreadsheet row of each participant
    sheet: str | None = None  # the XLSX sheet read
    notes: list[str] = field(default_factory=list)  # accepted, but worth saying


@dataclass
class _Table:
    """Rows as the file numbers them: (row number, [(value, problem-or-None)])."""

    rows: list[tuple[int, list]]
    sheet: str | None = None
    other_sheets: list[str] = field(default_factory=list)
    hidden: set[int] = field(default_factory=set)
    uncached: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> formula
    merged: list[tuple[int, int, int]] = field(default_factory=list)  # (col, first row, last row)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


# ---- CSV ----------------------------------------------------------------------------------------


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a BOM: one byte of nearly every pair is zero for Latin text."""
    sample = raw[:4000]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    return max(even.count(0) / len(even), odd.count(0) / len(odd)) > 0.6


def _rows_from_csv(path: Path) -> _Table:
    raw = path.read_bytes()
    resave = 'Di Excel pilih Simpan Sebagai → "CSV UTF-8 (Comma delimited)", lalu impor lagi.'
    if raw.startswith(b"PK\x03\x04"):
        raise AlaskakiError(
            f"File {path.name} sebenarnya file Excel (.xlsx) yang diberi akhiran {path.suffix}. "
            "Ganti akhirannya menjadi .xlsx, atau " + resave[3:],
            exit_code=EXIT_INPUT,
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
        raise AlaskakiError(
            f'File {path.name} memakai encoding UTF-16 (mis. dari Simpan Sebagai "Unicode Text"). {resave}',
            exit_code=EXIT_INPUT,
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise AlaskakiError(
            f"File {path.name} bukan teks UTF-8 (baris {line} berisi huruf yang tidak terbaca). {resave}",
            exit_code=EXIT_INPUT,
        ) from None
    if "\x00" in text:
        raise AlaskakiError(
            f"File {path.name} bukan file CSV (berisi data biner). {resave}", exit_code=EXIT_INPUT
        )
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = []
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    for row in reader:
        rows.append((reader.line_num, [(v, None) for v in row]))
    return _Table(rows)


# ---- XLSX ---------------------------------------------------------------------------------------


def _rows_from_xlsx(path: Path) -> _Table:
    import warnings
    import zipfile

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about data validation, styles, ...
            wb = load_workbook(path, data_only=True)  # cached results of formulas
            wf = load_workbook(path, data_only=False)  # the formulas themselves
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, TypeError) as err:
        raise AlaskakiError(
            f"File {path.name} bukan file Excel (.xlsx) yang dapat dibaca ({err.__class__.__name__}). "
            "Buka di Excel atau LibreOffice lalu simpan lagi sebagai .xlsx, atau sebagai CSV UTF-8.",
            exit_code=EXIT_INPUT,
        ) from None
    names = {n.strip().lower(): n for n in wb.sheetnames}
    chosen = names.get("peserta")
    if chosen is None:
        chosen = next(
            (
                n
                for n in wb.sheetnames
                if wb[n].sheet_state == "visible" and _header_row(_sheet_values(wb[n])) is not None
            ),
            wb.sheetnames[0],
        )
    ws, wsf = wb[chosen], wf[chosen]
    table = _Table(
        [(n, [(v, None) for v in row]) for n, row in _sheet_values(ws)],
        sheet=chosen,
        other_sheets=[n for n in wb.sheetnames if n != chosen],
    )
    table.hidden = {n for n, dim in ws.row_dimensions.items() if dim.hidden}
    for n, row in _sheet_values(ws):
        for c, value in enumerate(row):
            formula = wsf.cell(row=n, column=c + 1).value
            if value is None and isinstance(formula, str) and formula.startswith("="):
                table.uncached[(n, c)] = formula
    for rng in ws.merged_cells.ranges:
        if rng.max_row > rng.min_row:
            for col in range(rng.min_col - 1, rng.max_col):
                table.merged.append((col, rng.min_row, rng.max_row))
                top = ws.cell(row=rng.min_row, column=col + 1).value
                for n, row in table.rows:
                    if rng.min_row < n <= rng.max_row and col < len(row):
                        row[col] = (top, "merged")
    return table


def _sheet_values(ws) -> list[tuple[int, list]]:
    return [(n, list(row)) for n, row in enumerate(ws.iter_rows(values_only=True), start=1)]


# ---- validation ---------------------------------------------------------------------------------


def _norm_header(value) -> str:
    return _text(value).lower().replace(" ", "_")


def _header_row(rows) -> int | None:
    """Index in ``rows`` of the first row (among the first few) holding every column name."""
    for i, (_, row) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = {_norm_header(v[0] if isinstance(v, tuple) else v) for v in row}
        if set(ROSTER_COLUMNS) <= names:
            return i
    return None


def _span(rows: list[int]) -> str:
    rows = sorted(set(rows))
    return f"baris {rows[0]}" if len(rows) == 1 else f"baris {rows[0]}–{rows[-1]}"


def _value(col: str, value, where: str, problems: list[str]) -> str:
    """The text of one cell; ``"?"`` and a problem when a spreadsheet typed it as something else."""
    if value is None:
        return ""
    if isinstance(value, bool):
        problems.append(f"{where}: berisi {str(value).upper()}, bukan teks")
        return "?"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        shown = value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat()
        problems.append(
            f"{where}: berisi tanggal/waktu ({shown}), bukan teks. Excel mengubah isinya menjadi tanggal; "
            "format kolom sebagai Teks lalu ketik ulang"
        )
        return "?"
    if isinstance(value, int | float):
        if col == "id":
            problems.append(
                f"{where}: {_text(value)} tersimpan sebagai angka (Excel membuang nol di depan, mis. 007 → 7). "
                "Format kolom id sebagai Teks lalu ketik ulang, atau pakai ID berawalan huruf seperti p07"
            )
            return "?"
        if col == "nama":
            problems.append(f"{where}: berisi angka ({_text(value)}), bukan nama")
            return "?"
        return _text(value)
    text = _text(value)
    if text in EXCEL_ERRORS:
        problems.append(
            f"{where}: berisi galat rumus {text}; perbaiki rumusnya atau ketik nilainya"
        )
        return "?"
    return text


def read_roster_file(path: str | Path, *, stored: bool = False) -> RosterFile:
    """Read and validate a roster; raise one AlaskakiError listing every problem.

    ``stored=True`` reads a workshop's own ``peserta.csv``: the messages then say to fix that file.
    """
    path = Path(path)
    if not path.is_file():
        what = "bukan berkas" if path.exists() else "tidak ditemukan"
        raise AlaskakiError(f"File daftar peserta {path} {what}.", exit_code=EXIT_NOT_FOUND)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        table = _rows_from_xlsx(path)
    elif suffix == ".xls":
        raise AlaskakiError(
            f"File {path.name} berformat .xls lama. Simpan ulang sebagai .xlsx atau CSV UTF-8.",
            exit_code=EXIT_INPUT,
        )
    else:
        table = _rows_from_csv(path)
    label = f"File {path.name}" + (f", lembar {table.sheet!r}," if table.sheet else "")
    label = label.rstrip(",")
    rows = [(n, row) for n, row in table.rows if any(_text(v) for v, _ in row)]
    if not rows:
        raise AlaskakiError(
            f"{label} kosong: tidak ada judul kolom dan tidak ada peserta.", exit_code=EXIT_INPUT
        )
    h = _header_row(rows)
    if h is None:
        header = {_norm_header(v) for v, _ in rows[0][1]}
        missing = [c for c in ROSTER_COLUMNS if c not in header]
        others = ""
        if table.other_sheets and (table.sheet or "").strip().lower() == "peserta":
            # read because of its name: moving the roster to a sheet of that name is no fix
            others = (
                f" Lembar {table.sheet!r} dibaca karena namanya; lengkapi baris judulnya di lembar "
                f"itu, atau bila daftar peserta ada di lembar lain "
                f"({', '.join(map(repr, table.other_sheets))}), ganti nama lembar {table.sheet!r}."
            )
        elif table.other_sheets:
            others = (
                f" Lembar lain di file ini: {', '.join(map(repr, table.other_sheets))}; pindahkan "
                "daftar peserta ke lembar bernama 'peserta'."
            )
        raise AlaskakiError(
            f"{label}: kolom wajib tidak ada: {', '.join(missing)}. "
            f"Baris judul harus berisi kolom: {', '.join(ROSTER_COLUMNS)}.{others}",
            exit_code=EXIT_INPUT,
        )
    header = [_norm_header(v) for v, _ in rows[h][1]]
    body = rows[h + 1 :]
    if not body:
        raise AlaskakiError(
            f"{label} hanya berisi judul kolom, belum ada peserta.", exit_code=EXIT_INPUT
        )
    index = {c: header.index(c) for c in ROSTER_COLUMNS}
    by_index = {i: c for c, i in index.items()}
    problems: list[str] = []
    notes: list[str] = []
    # Merged cells and formulas whose results were never saved: one line per column, not per cell.
    merged_named: set[tuple[int, int]] = set()
    for col, first, last in table.merged:
        name = by_index.get(col)
        if name is None or (col, first) in merged_named:
            continue
        merged_named.add((col, first))
        if name in MERGE_FILLS:
            notes.append(
                f"baris {first}–{last}, kolom {name}: sel digabung (merge); isinya dipakai untuk tiap baris"
            )
        else:
            problems.append(
                f"baris {first}–{last}, kolom {name}: sel digabung (merge). Tiap peserta perlu {name} "
                "sendiri: pisahkan selnya (Unmerge) lalu isi tiap baris"
            )
    uncached_cols: dict[str, list[int]] = {}
    for (n, c), _ in table.uncached.items():
        if c in by_index:
            uncached_cols.setdefault(by_index[c], []).append(n)
    for name, at in uncached_cols.items():
        problems.append(
            f"{_span(at)}, kolom {name}: berisi rumus yang hasilnya tidak tersimpan di file. Buka file di "
            "Excel atau LibreOffice lalu simpan lagi, atau salin kolomnya lalu Tempel Nilai (Paste Values)"
        )
    seen: dict[str, int] = {}
    people: list[Participant] = []
    at_rows: list[int] = []
    for n, row in body:
        values: dict[str, str] = {}
        for c, i in index.items():
            raw, how = row[i] if i < len(row) else (None, None)
            if (n, i) in table.uncached or (how == "merged" and c not in MERGE_FILLS):
                values[c] = "?"  # already named above
                continue
            values[c] = _value(c, raw, f"baris {n}, kolom {c}", problems)
        if n in table.hidden:
            problems.append(
                f"baris {n} ({values['id'] or 'tanpa ID'} {values['nama']}): baris ini disembunyikan "
                "(hidden/filter) di Excel. Bila peserta ini mundur, hapus barisnya; bila ikut, tampilkan "
                "lagi (Unhide)"
            )
        for col in REQUIRED_VALUES:
            if not values[col]:
                problems.append(f"baris {n}, kolom {col}: kosong")
        pid = values["id"]
        if pid and pid != "?":
            if not ID_PATTERN.match(pid):
                problems.append(
                    f"baris {n}, kolom id: {pid!r} tidak boleh dipakai sebagai ID "
                    "(hanya huruf, angka, - dan _, diawali huruf atau angka, tanpa spasi)"
                )
            key = pid.lower()
            if key in seen:
                problems.append(
                    f"baris {n}, kolom id: {pid!r} sama dengan ID di baris {seen[key]} "
                    "(huruf besar/kecil dianggap sama)"
                )
            else:
                seen[key] = n
        jk = values["jenis_kelamin"]
        if jk and jk != "?":
            norm = GENDERS.get(jk.lower())
            if norm is None:
                problems.append(f"baris {n}, kolom jenis_kelamin: {jk!r} harus L atau P")
            else:
                values["jenis_kelamin"] = norm
        people.append(Participant(**values))
        at_rows.append(n)
    if problems:
        if stored:
            head = (
                f"Daftar peserta lokakarya ini ({path}) bermasalah: {len(problems)} masalah. "
                "Perbaiki berkas itu (mis. hapus baris ganda), lalu jalankan lagi:"
            )
        else:
            head = (
                f"{label} ditolak: {len(problems)} masalah. Tidak ada data yang diimpor. "
                "Perbaiki lalu impor lagi:"
            )
        raise AlaskakiError(head, exit_code=EXIT_INPUT, details=problems)
    return RosterFile(people, at_rows, table.sheet, notes)


def read_roster(path: str | Path, *, stored: bool = False) -> list[Participant]:
    """The participants of a roster file (see :func:`read_roster_file`)."""
    return read_roster_file(path, stored=stored).people


def write_roster(people: list[Participant], path: Path) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=ROSTER_COLUMNS)
        writer.writeheader()
        for p in people:
            writer.writerow(asdict(p))
    os.replace(tmp, path)  # atomic: a crash never leaves half a roster


def free_id(taken: set[str]) -> str:
    """An id like ``p25`` not yet taken (the kit's sample numbering), for a refusal's example."""
    low = {t.casefold() for t in taken}
    return next(f"p{n:02d}" for n in range(1, 10_000) if f"p{n:02d}" not in low)


def renamed_with_work(
    roster_file: Path, workshop: Path, changes: list[tuple[str, str, str]], taken: set[str]
) -> AlaskakiError:
    """The refusal for ids whose name in the workshop's ``peserta.csv`` (edited by hand, which
    ``roster import`` never saw) is not the name their work was recorded under (the gradebook's,
    written by ``roster import``): another person under a reused id would be reported with the
    earlier person's results (red team R68). ``changes``: (id, name in the file, recorded name)."""
    details = []
    for pid, in_file, recorded in changes:
        details.append(
            f"id {pid}: di {roster_file.name} tertulis {in_file!r}, tetapi hasilnya (kiriman atau "
            f"nilai) tercatat atas nama {recorded!r}; bila {in_file} orang lain, kembalikan nama "
            f"{recorded} di baris {pid} dan beri {in_file} id baru yang belum dipakai (mis. "
            f"{free_id(taken)}); bila hanya ejaan nama orang yang sama diperbaiki, jalankan "
            f"`alaskaki roster import {roster_file} --perbaiki-nama {pid} -w {workshop}`"
        )
    return AlaskakiError(
        f"Nama di daftar peserta {roster_file} untuk {len(changes)} id yang sudah punya hasil "
        "lain dengan nama yang tercatat di buku nilai (diubah di luar `alaskaki roster import`), "
        "jadi hasil mereka tidak dilaporkan atas nama orang lain. Perbaiki dulu:",
        exit_code=EXIT_CONFLICT,
        details=details,
    )


def check_recorded_names(
    roster_file: Path,
    workshop: Path,
    roster: dict[str, str],
    recorded: dict[str, str],
    worked: set[str],
) -> None:
    """Raise :func:`renamed_with_work` when an id in ``worked`` (a submission or a grade in the
    folder) has a roster name (``{id: name}``) that is not the name its work was recorded under
    (``recorded``, the gradebook's); case and spacing never count (:func:`name_key`). The readers
    that put names beside results call it (``status``, ``report``, the dashboard)."""
    changes = [
        (pid, roster[pid], recorded[pid])
        for pid in sorted(worked)
        if pid in roster and recorded.get(pid) and name_key(roster[pid]) != name_key(recorded[pid])
    ]
    if changes:
        raise renamed_with_work(roster_file, workshop, changes, set(roster) | set(recorded))
