"""The cohort report as one self-contained HTML file (charts embedded as PNG, prints on A4)."""

from __future__ import annotations

import base64
import datetime as dt
import html
import math
import re

import pandas as pd

from alaskaki.competency.model import (
    BELUM_ADA_BUKTI,
    BELUM_DINILAI,
    BELUM_KOMPETEN,
    KOMPETEN,
    CohortResult,
)
from alaskaki.text import number, percent

from . import charts
from .reviewer import Reviewer
from .views import GROUPS, View, is_complete, notes

MAX_HTML_ROWS = 500  # longer tables: the reviewer is pointed to the XLSX/CSV

PERCENT_COLUMNS = ("%", "Capaian", "Penyelesaian", "Rata-rata", "Ambang", "Latihan selesai")
PERCENT_NAMES = {"Skor latihan", "Skor uji", "Tes awal", "Tes akhir"}
CRITERION_COLUMN = re.compile(r"^[A-Z]{2,4}-\d+\.\d+\.\d+$")  # wide criteria view: shares


def is_percent(column: str) -> bool:
    """Columns holding a share 0..1, shown as a percentage."""
    return (
        column in PERCENT_NAMES
        or any(column.startswith(p) for p in PERCENT_COLUMNS)
        or bool(CRITERION_COLUMN.match(column))
    )


STATUS_CLASS = {KOMPETEN: "k", BELUM_KOMPETEN: "bk", BELUM_DINILAI: "bd", BELUM_ADA_BUKTI: "bab"}

CSS = """
@page { size: A4; margin: 14mm 12mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #222; max-width: 190mm; margin: 0 auto; }
h1 { font-size: 16pt; margin-bottom: 2pt; } h2 { font-size: 12.5pt; margin-top: 16pt; border-bottom: 1px solid #999; }
.kop { color: #444; margin: 0 0 8pt 0; } .catatan { color: #555; font-size: 8.5pt; }
table { border-collapse: collapse; width: 100%; font-size: 8pt; margin: 4pt 0 8pt 0; }
th, td { border: 1px solid #bbb; padding: 2pt 3pt; text-align: left; vertical-align: top; }
th { background: #eee; } td.n { text-align: right; }
thead { display: table-header-group; } tr { page-break-inside: avoid; }
.peringatan { border: 2px solid #c05621; background: #fff4e5; padding: 4pt 8pt; margin: 6pt 0; }
td.k { background: #c7e9c0; } td.bk { background: #fcbba1; } td.bd { background: #eeeeee; } td.bab { color: #888; }
img { max-width: 100%; height: auto; display: block; margin: 4pt 0; }
figure { margin: 0; page-break-inside: avoid; }
section { page-break-inside: auto; }
@page lebar { size: A4 landscape; margin: 10mm; }
section#peserta { page: lebar; overflow-x: auto; } section#peserta table { font-size: 7pt; }
@media print { h2 { page-break-after: avoid; } .pisah { page-break-before: always; } }
"""


def fmt_id(value, column: str = "") -> str:
    """A cell value in Indonesian notation (decimal comma, percent with one decimal)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, int) or (hasattr(value, "dtype") and "int" in str(value.dtype)):
        return str(int(value))
    if isinstance(value, float):
        if is_percent(column):
            return percent(value, 1)
        if value.is_integer():
            return str(int(value))
        return number(value, 2)
    return str(value)


def table(frame: pd.DataFrame, *, table_id: str, max_rows: int = MAX_HTML_ROWS) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for rec in frame.head(max_rows).itertuples(index=False):
        cells = []
        for col, val in zip(frame.columns, rec, strict=True):
            text = fmt_id(val, str(col))
            cls = STATUS_CLASS.get(text, "")
            if not cls and isinstance(val, int | float) and not isinstance(val, bool):
                cls = "n"
            attr = f' class="{cls}"' if cls else ""
            cells.append(f"<td{attr}>{html.escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    more = ""
    if len(frame) > max_rows:
        more = (
            f'<p class="catatan">Tabel ini menampilkan {max_rows} dari {len(frame)} baris. '
            "Tabel lengkap ada di berkas XLSX dan CSV laporan ini.</p>"
        )
    return f'<table id="tabel-{table_id}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>{more}'


def img(png: bytes, alt: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return f'<figure><img alt="{html.escape(alt)}" src="data:image/png;base64,{data}"></figure>'


def _header(result: CohortResult, reviewer: Reviewer, *, anonim: bool, title: str) -> str:
    parts = [f"<h1>{html.escape(title)}</h1>"]
    parts += [f'<p class="kop">{html.escape(line)}</p>' for line in reviewer.header_lines]
    ws = "; ".join(
        html.escape(w.nama + (f" (dibuat {w.dibuat[:10]})" if w.dibuat else ""))
        for w in result.lokakarya
    )
    parts.append(
        f"<p>Lokakarya: {ws or '–'}<br>Jumlah peserta: {len(result.participants)}<br>Laporan dibuat: {html.escape(result.dibuat[:16].replace('T', ' '))} UTC</p>"
    )
    if anonim:
        parts.append(
            '<p class="catatan">Nama peserta diganti dengan nama samaran yang tetap (anonim) agar laporan dapat dibagikan ke luar kantor.</p>'
        )
    return "\n".join(parts)


def warnings(result: CohortResult) -> str:
    """The incomplete-grading warning as a banner, and the notes (e.g. the anonymity rule)."""
    out = []
    if not is_complete(result):
        first = notes(result)[0]
        out.append(f'<div class="peringatan" role="alert"><b>{html.escape(first)}</b></div>')
    out += [f'<p class="catatan">{html.escape(c)}</p>' for c in result.catatan]
    return "\n".join(out)


LEGEND = (
    "<p class='catatan'>Status unit diputuskan hanya dari <b>bukti uji</b>: butir asesmen akhir yang "
    "tersegel dan jawaban yang dinilai pelatih dengan rubrik. <b>Latihan</b> modul (dengan cek mandiri) "
    "ditampilkan di sampingnya sebagai kesiapan, tidak pernah sebagai keputusan. "
    "<b>Kompeten</b>: semua kriteria unjuk kerja unit terpenuhi. "
    "<b>Belum Kompeten</b>: sedikitnya satu kriteria belum mencapai ambang. "
    "<b>Belum dinilai</b>: bukti uji belum lengkap (belum dikumpulkan, belum dinilai, menunggu penilaian pelatih, "
    "atau dikumpulkan ulang dan perlu dinilai ulang); ini <i>bukan</i> berarti gagal. "
    "<b>Belum ada bukti uji</b>: kerangka belum punya butir uji untuk unit ini.</p>"
)


def render(
    result: CohortResult, views: list[View], reviewer: Reviewer, *, anonim: bool = False
) -> str:
    """The whole report as an HTML string."""
    return (
        '<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Laporan Kompetensi</title><style>{CSS}</style></head><body>\n"
        + body(result, views, reviewer, anonim=anonim)
        + "\n</body></html>\n"
    )


def body(
    result: CohortResult,
    views: list[View],
    reviewer: Reviewer,
    *,
    anonim: bool = False,
    max_rows: int = MAX_HTML_ROWS,
    header: bool = True,
) -> str:
    """The report's content without the page around it (the dashboard shows the same)."""
    by = {v.key: v for v in views}
    title = "Laporan Kompetensi Peserta Pelatihan Ekspor IKM Alas Kaki"
    out = [_header(result, reviewer, anonim=anonim, title=title)] if header else []
    out.append(warnings(result))
    out.append(LEGEND)

    def section(key: str, chart: bytes | None, *, pisah: bool = False, frame=None, note="") -> None:
        v = by[key]
        cls = ' class="pisah"' if pisah else ""
        out.append(
            f'<section id="{key}"{cls}><h2>{html.escape(v.title)}</h2><p class="catatan">{html.escape(v.note + note)}</p>'
        )
        if chart is not None:
            out.append(img(chart, v.title))
        out.append(table(v.frame if frame is None else frame, table_id=key, max_rows=max_rows))
        out.append("</section>")

    out.append('<section id="peta"><h2>Peta status: peserta × unit</h2>')
    out.append(img(charts.heatmap(result), "Peta status peserta dan unit"))
    out.append("</section>")
    # the participant table on paper: units without evidence and a one-value workshop column go
    # (they stay in XLSX/CSV), and the section prints on a landscape page
    people = by["peserta"].frame
    drop = [u.kode for u in result.units if not u.ada_bukti]
    if len(result.lokakarya) <= 1:
        drop.append("Lokakarya")
    drop += ["Penalti keterlambatan (poin)", "Kriteria belum terpenuhi"]  # long: in XLSX and rapor
    hidden = [u.kode for u in result.units if not u.ada_bukti]
    note = (
        f" Unit yang belum punya bukti ({', '.join(hidden)}) tidak ditampilkan." if hidden else ""
    )
    section(
        "peserta",
        None,
        frame=people.drop(columns=[c for c in drop if c in people.columns]),
        note=note,
    )
    section("unit", charts.units_chart(by["unit"].frame), pisah=True)
    section("kesiapan", None)
    for attr, label in GROUPS.items():
        section(f"per_{attr}", charts.group_chart(by[f"per_{attr}"].frame, label))
    section("gain", charts.gain_chart(by["gain"].frame), pisah=True)
    section("modul", charts.modules_chart(by["modul"].frame))
    out.append(
        "<p class='catatan'>Cara menghitung: skor diambil dari gradebook nbgrader (nilai pelatih menggantikan nilai otomatis); "
        "penalti keterlambatan mengurangi skor setiap sel pada notebook yang terlambat secara sebanding. "
        "Rincian per kriteria ada di lembar 'kriteria' pada berkas XLSX.</p>"
    )
    return "\n".join(out)
