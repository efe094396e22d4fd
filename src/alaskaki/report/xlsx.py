"""The cohort report as an XLSX workbook: one sheet per view, typed columns, frozen headers, filters.

Written in openpyxl's write-only mode so that large histories stay fast and small in memory.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from alaskaki.competency.model import CohortResult

from .html import is_percent
from .reviewer import Reviewer
from .views import View, is_complete, notes

HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")
HEADER_FONT = Font(bold=True)
FMT_PCT = "0.0%"
FMT_DATE = "dd-mm-yyyy hh:mm"
FMT_NUM = "0.00"


def _kind(frame: pd.DataFrame, col: str) -> str:
    if is_percent(col):
        return "pct"
    if col.startswith("Gain"):
        return "num"
    series = frame[col].dropna()
    if series.empty:
        return "text"
    first = series.iloc[0]
    if isinstance(first, dt.datetime | pd.Timestamp):
        return "date"
    if pd.api.types.is_integer_dtype(frame[col]):
        return "int"
    if isinstance(first, int | float) and not isinstance(first, bool):
        return "num"
    return "text"


def _clean(value):
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


def _sheet(wb: Workbook, view: View) -> None:
    ws = wb.create_sheet(view.key[:31])
    frame = view.frame
    kinds = {c: _kind(frame, str(c)) for c in frame.columns}
    for i, col in enumerate(frame.columns, start=1):
        width = max(len(str(col)), 8)
        if kinds[col] == "text" and not frame.empty:
            longest = frame[col].dropna().astype(str).str.len().max()
            if longest is not None and not pd.isna(longest):
                width = max(width, min(int(longest), 50))
        ws.column_dimensions[get_column_letter(i)].width = width + 2
    ws.freeze_panes = "C2" if list(frame.columns[:2]) == ["ID", "Nama"] else "A2"
    if len(frame.columns):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{max(len(frame) + 1, 2)}"
    header = []
    for col in frame.columns:
        c = WriteOnlyCell(ws, value=str(col))
        c.font = HEADER_FONT
        c.fill = HEADER_FILL
        c.alignment = Alignment(wrap_text=True, vertical="top")
        header.append(c)
    ws.append(header)
    fmt = {c: {"pct": FMT_PCT, "date": FMT_DATE, "num": FMT_NUM}.get(k) for c, k in kinds.items()}
    styled = [i for i, c in enumerate(frame.columns) if fmt[c] is not None]
    formats = [fmt[c] for c in frame.columns]
    for values in _rows(frame):
        for i in styled:
            v = values[i]
            if v is not None:
                cell = WriteOnlyCell(ws, value=v)
                cell.number_format = formats[i]
                values[i] = cell
        ws.append(values)


def _rows(frame: pd.DataFrame):
    """Rows as lists of plain Python values (None for missing), column by column conversion."""
    columns = []
    for col in frame.columns:
        columns.append([_clean(v) for v in frame[col].tolist()])
    for i in range(len(frame)):
        yield [c[i] for c in columns]


def write(
    result: CohortResult, views: list[View], reviewer: Reviewer, path: Path, *, anonim: bool = False
) -> Path:
    wb = Workbook(write_only=True)
    info = wb.create_sheet("keterangan")
    info.column_dimensions["A"].width = 110
    title = WriteOnlyCell(info, value="Laporan Kompetensi Peserta Pelatihan Ekspor IKM Alas Kaki")
    title.font = Font(bold=True, size=14)
    info.append([title])
    for line in notes(result):  # first thing the reader sees: incomplete grading, anonymity rule
        cell = WriteOnlyCell(info, value=line)
        if not is_complete(result) and line.startswith("PERHATIAN"):
            cell.font = Font(bold=True, color="9C4221")
        info.append([cell])
    for line in reviewer.baris:
        info.append([line])
    for w in result.lokakarya:
        info.append([f"Lokakarya: {w.nama}" + (f" (dibuat {w.dibuat[:10]})" if w.dibuat else "")])
    info.append([f"Jumlah peserta: {len(result.participants)}"])
    info.append([f"Laporan dibuat: {result.dibuat[:16].replace('T', ' ')} UTC"])
    if anonim:
        info.append(["Nama peserta diganti dengan nama samaran yang tetap (anonim)."])
    info.append([])
    info.append(["Lembar dalam berkas ini:"])
    for v in views:
        info.append([f"{v.key}: {v.title}. {v.note}"])
    for v in views:
        _sheet(wb, v)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
