"""The streamed XLSX workbook reads back in openpyxl with the values, types and formats written."""

from __future__ import annotations

import datetime as dt
import math

import openpyxl
import pandas as pd
import pytest

from alaskaki.errors import AlaskakiError
from alaskaki.report import xlsx
from alaskaki.report.reviewer import load_reviewer
from alaskaki.report.views import View


def _result():
    from competencykit import synthetic_result

    return synthetic_result(3, workshops=1)


def test_values_types_and_layout_survive(tmp_path):
    frame = pd.DataFrame(
        {
            "ID": ["p01", "p02", "p03"],
            "Nama": ["  Siti\x07 Aminah", "A & B <c>", None],
            "Jumlah": pd.Series([3, 0, 7], dtype="int64"),
            "% Kompeten": [0.5, math.nan, 1.0],
            "Waktu": [dt.datetime(2026, 12, 1, 15, 30), pd.NaT, pd.Timestamp("2026-12-02 08:00")],
            "Lulus": [True, False, None],
        }
    )
    view = View("peserta", "Peserta", "catatan", frame)
    path = xlsx.write(_result(), [view], load_reviewer(None), tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["keterangan", "peserta"]
    ws = wb["peserta"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("ID", "Nama", "Jumlah", "% Kompeten", "Waktu", "Lulus")
    # control characters dropped, leading spaces kept, XML specials escaped
    assert rows[1][:3] == ("p01", "  Siti Aminah", 3) and isinstance(rows[1][2], int)
    assert rows[2][1] == "A & B <c>" and rows[2][3] is None and rows[2][4] is None
    assert rows[3][1] is None and rows[3][4] == dt.datetime(2026, 12, 2, 8, 0)
    assert rows[1][4] == dt.datetime(2026, 12, 1, 15, 30) and rows[1][5] is True
    assert ws["D2"].number_format == "0.0%" and ws["E2"].number_format == "dd-mm-yyyy hh:mm"
    assert ws["A1"].font.b and ws.freeze_panes == "C2" and ws.auto_filter.ref == "A1:F4"
    assert ws.column_dimensions["B"].width > ws.column_dimensions["A"].width
    first = [r[0] for r in wb["keterangan"].iter_rows(values_only=True) if r and r[0]]
    assert first[0].startswith("Laporan Kompetensi")


def test_a_failed_write_keeps_the_previous_workbook(tmp_path, monkeypatch):
    good = View("unit", "Unit", "", pd.DataFrame({"Unit": ["EKS-01"]}))
    path = xlsx.write(_result(), [good], load_reviewer(None), tmp_path / "r.xlsx")
    before = path.read_bytes()

    def boom(view):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(xlsx, "_view_sheet", boom)
    with pytest.raises(AlaskakiError) as refused:  # one sentence naming the workbook
        xlsx.write(_result(), [good], load_reviewer(None), path)
    assert str(path) in str(refused.value) and "disk penuh" in str(refused.value)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]  # no temporary file left


@pytest.mark.parametrize("n, letters", [(1, "A"), (26, "Z"), (27, "AA"), (702, "ZZ"), (703, "AAA")])
def test_column_letters(n, letters):
    assert xlsx.column_letter(n) == letters
