"""The *rapor*: one participant's feedback sheet (HTML and PDF): units, status, what to practise next."""

from __future__ import annotations

import atexit
import functools
import html
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from alaskaki.competency.model import (
    BELUM_ADA_BUKTI,
    BELUM_DINILAI,
    BELUM_KOMPETEN,
    KOMPETEN,
    KRITERIA_BELUM_DINILAI,
    TIDAK_TERPENUHI,
    CohortResult,
    ParticipantResult,
)
from alaskaki.errors import EXIT_NOT_FOUND, EXIT_USAGE, AlaskakiError

from . import output
from .html import CSS, STATUS_CLASS, fmt_id
from .reviewer import Reviewer, load_reviewer
from .views import GENDER, grading_state

RAPOR_FORMATS = ("html", "pdf")
PARALLEL_FROM = 50  # participants from which write_rapor forks workers by default


@dataclass(frozen=True)
class Line:
    """One row of the rapor's unit table."""

    unit: str
    judul: str
    status: str
    keterangan: str
    awal: float | None
    akhir: float | None
    latihan_selesai: float | None = None  # readiness, never the decision
    latihan_skor: float | None = None

    @property
    def latihan(self) -> str:
        if self.latihan_selesai is None:
            return "–"
        text = f"selesai {fmt_id(self.latihan_selesai, '%')}"
        if self.latihan_skor is not None:
            text += f", skor {fmt_id(self.latihan_skor, '%')}"
        return text


def _framework_index(result: CohortResult) -> tuple[dict, dict, dict]:
    titles, practise, uji = {}, {}, {}
    for u in result.framework.get("unit", []):
        titles[u["kode"]] = u
        for e in u.get("elemen", []):
            for c in e.get("kriteria", []):
                practise[c["kode"]] = c.get("saran") or c.get("latihan") or ""
                if not isinstance(practise[c["kode"]], str):  # schema-1 JSON: advice in `latihan`
                    practise[c["kode"]] = ""
                uji[c["kode"]] = list(c.get("uji", c.get("bukti", [])))
    return titles, practise, uji


def _pending_note(result: CohortResult, ur, modules: list[str], uji: dict) -> str:
    """Why a unit is still Belum dinilai, in the participant's words: what they or the trainer do next."""
    butir = set(result.framework.get("asesmen", {}).get("butir", {}))
    akhir = result.framework.get("asesmen", {}).get("akhir") or "asesmen akhir"
    notes = []
    stale = sorted({e.modul for c in ur.kriteria for e in c.uji if e.basi})
    if stale:
        notes.append(
            f"{', '.join(stale)} dikumpulkan ulang sesudah dinilai dan perlu dinilai ulang oleh pelatih."
        )
    if any(not e.dinilai and not e.basi for c in ur.kriteria for e in c.uji):
        notes.append("Menunggu penilaian pelatih.")
    sources: list[str] = []
    for c in ur.kriteria:
        if c.status != KRITERIA_BELUM_DINILAI:
            continue
        found = {e.grade_id for e in c.uji}
        for gid in uji.get(c.kode, []):
            if gid not in found:
                where = akhir if gid in butir else (", ".join(modules) or "modul unit ini")
                if where not in sources:
                    sources.append(where)
    if sources:
        notes.append(f"Kerjakan dan kumpulkan {' dan '.join(sources)} agar unit ini dapat dinilai.")
    if ur.tanpa_uji:
        notes.append("Belum ada bukti uji untuk kriteria: " + "; ".join(ur.tanpa_uji) + ".")
    missing = [c for c in ur.kriteria if c.status == KRITERIA_BELUM_DINILAI]
    if missing:
        notes.append("Kriteria: " + "; ".join(f"{c.kode} {c.judul}" for c in missing))
    return " ".join(notes) or "Bukti uji belum lengkap."


def rapor_data(result: CohortResult, p: ParticipantResult) -> tuple[list[Line], list[str]]:
    """The unit table and the "what to practise next" list of one participant."""
    titles, practise, uji = _framework_index(result)
    lines: list[Line] = []
    todo: list[str] = []
    for info in result.units:
        ur = p.units.get(info.kode)
        if ur is None:
            continue
        unit_modules = list(titles.get(info.kode, {}).get("modul", []))
        modules = ", ".join(unit_modules) or "modul unit ini"
        if ur.keterangan == BELUM_ADA_BUKTI:
            status, note = BELUM_DINILAI, "Uji untuk unit ini belum tersedia di pelatihan."
        elif ur.status == KOMPETEN:
            status, note = KOMPETEN, "Semua kriteria terpenuhi pada uji."
        elif ur.status == BELUM_KOMPETEN:
            status, note = BELUM_KOMPETEN, "Belum terpenuhi: " + "; ".join(ur.belum_terpenuhi)
        else:
            status = BELUM_DINILAI
            note = _pending_note(result, ur, unit_modules, uji)
        lines.append(
            Line(
                info.kode,
                info.judul,
                status,
                note,
                ur.awal,
                ur.akhir,
                ur.latihan_selesai,
                ur.latihan_skor,
            )
        )
        for c in ur.kriteria:
            if c.status == TIDAK_TERPENUHI:
                hint = practise.get(c.kode) or f"Ulangi latihan di {modules} untuk kriteria ini."
                todo.append(f"{info.kode} — {c.judul}: {hint}")
    return lines, todo


def _intro(p: ParticipantResult, lines: list[Line]) -> str:
    k = sum(line.status == KOMPETEN for line in lines)
    assessed = sum(line.status in (KOMPETEN, BELUM_KOMPETEN) for line in lines)
    return (
        f"Terima kasih sudah mengikuti pelatihan. Anda dinyatakan Kompeten pada {k} dari {assessed} unit "
        "yang sudah dinilai. 'Belum Kompeten' berarti masih ada kriteria yang perlu dilatih lagi, "
        "bukan gagal; 'Belum dinilai' berarti bukti ujinya belum lengkap. Keputusan diambil dari uji "
        "(asesmen akhir dan penilaian pelatih); kolom latihan hanya menunjukkan kesiapan Anda."
    )


def _identity(p: ParticipantResult) -> list[tuple[str, str]]:
    rows = [("Nama", p.nama), ("ID peserta", p.id), ("IKM", p.ikm), ("Kelurahan", p.kelurahan)]
    rows += [("Jenis kelamin", GENDER.get(p.jenis_kelamin, p.jenis_kelamin)), ("Peran", p.peran)]
    rows.append(("Lokakarya", ", ".join(p.lokakarya)))
    return [(a, b) for a, b in rows if b]


def render_html(result: CohortResult, p: ParticipantResult, reviewer: Reviewer) -> str:
    lines, todo = rapor_data(result, p)
    e = html.escape
    out = [f"<h1>Rapor Kompetensi: {e(p.nama or p.id)}</h1>"]
    out += [f'<p class="kop">{e(x)}</p>' for x in reviewer.header_lines]
    out.append(
        "<table id='identitas'>"
        + "".join(f"<tr><th>{e(a)}</th><td>{e(b)}</td></tr>" for a, b in _identity(p))
        + "</table>"
    )
    pending = grading_state(p.modul)
    if pending != "lengkap":
        out.append(
            f'<div class="peringatan" role="alert"><b>Rapor ini belum lengkap:</b> {e(pending)}.</div>'
        )
    out.append(f"<p>{e(_intro(p, lines))}</p>")
    out.append(
        "<h2>Unit kompetensi</h2><table id='tabel-unit'><thead><tr><th>Unit</th><th>Judul</th><th>Status</th><th>Keterangan</th><th>Latihan (kesiapan)</th><th>Tes awal</th><th>Tes akhir</th></tr></thead><tbody>"
    )
    for line in lines:
        cls = STATUS_CLASS.get(line.status, "")
        out.append(
            f"<tr><td>{e(line.unit)}</td><td>{e(line.judul)}</td><td class='{cls}'>{e(line.status)}</td>"
            f"<td>{e(line.keterangan)}</td><td>{e(line.latihan)}</td><td class='n'>{fmt_id(line.awal, '%')}</td><td class='n'>{fmt_id(line.akhir, '%')}</td></tr>"
        )
    out.append("</tbody></table>")
    out.append("<h2>Yang perlu dilatih berikutnya</h2>")
    if todo:
        out.append("<ul id='latihan'>" + "".join(f"<li>{e(t)}</li>" for t in todo) + "</ul>")
    else:
        out.append("<p id='latihan'>Tidak ada kriteria yang belum terpenuhi. Pertahankan!</p>")
    if p.modul:
        out.append(
            "<h2>Modul</h2><table id='tabel-modul'><thead><tr><th>Modul</th><th>Lokakarya</th><th>Dikumpulkan</th><th>Penilaian</th><th>Terlambat</th></tr></thead><tbody>"
        )
        for m in p.modul:
            late = "ya" if m.terlambat else ("–" if not m.dikumpulkan else "tidak")
            out.append(
                f"<tr><td>{e(m.modul)}</td><td>{e(m.lokakarya)}</td><td>{'ya' if m.dikumpulkan else 'belum'}</td><td>{e(m.keadaan)}</td><td>{late}</td></tr>"
            )
        out.append("</tbody></table>")
    return (
        '<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8">'
        f"<title>Rapor {e(p.id)}</title><style>{CSS}</style></head><body>\n"
        + "\n".join(out)
        + "\n</body></html>\n"
    )


def _font_path() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


# fpdf2 parses the TrueType file of every font a document adds and subsets it when the PDF is
# written. DejaVu Sans has 6,000 glyphs, so that was 0.1 s of a rapor's 0.17 s CPU, paid again for
# every participant of a batch. Each process therefore cuts DejaVu once to the characters a rapor's
# text uses in practice (these ranges) and every document parses that small file. The PDF embeds
# the subset of its own glyphs either way, so the outlines, widths and line breaks are DejaVu's;
# a document with a character outside the ranges is laid out again with the whole font.
PDF_CHARS = (
    (0x20, 0x7E),  # ASCII
    (0xA0, 0x17F),  # Latin-1 and Latin Extended-A (names: é, ü, ş, ł ...)
    (0x2010, 0x203A),  # dashes, quotes, bullet, ellipsis, per mille
    (0x20AC, 0x20AC),  # euro
    (0x2122, 0x2122),  # trade mark
    (0x2190, 0x2193),  # arrows
    (0x2212, 0x2212),  # minus
    (0x2248, 0x2248),  # almost equal
    (0x2260, 0x2265),  # not equal, less/greater or equal
)
PDF_FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}


@dataclass(frozen=True)
class PdfFonts:
    """The font files a rapor's PDF adds (style -> path) and the characters they cover."""

    files: dict[str, Path]
    chars: frozenset[int]


@functools.cache
def _full_fonts() -> PdfFonts:
    from fontTools.ttLib import TTFont

    files = {style: _font_path() / name for style, name in PDF_FONT_FILES.items()}
    chars: set[int] = set()
    for f in files.values():
        with TTFont(f, lazy=True) as font:
            chars |= set(font.getBestCmap())
    return PdfFonts(files, frozenset(chars))


@functools.cache
def _prepared_fonts() -> PdfFonts:
    """DejaVu cut to :data:`PDF_CHARS`, in a temporary folder removed when this process ends."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    full = _full_fonts()
    wanted = [c for lo, hi in PDF_CHARS for c in range(lo, hi + 1) if c in full.chars]
    folder = Path(tempfile.mkdtemp(prefix="alaskaki-huruf-"))
    owner = os.getpid()  # a forked worker inherits this registration; only the owner removes
    atexit.register(lambda: os.getpid() == owner and shutil.rmtree(folder, ignore_errors=True))
    files: dict[str, Path] = {}
    chars: set[int] = set()
    for style, source in full.files.items():
        options = subset.Options()
        # keep what fpdf2 reads (glyph names, the font's names) and what it embeds (hinting)
        options.glyph_names = True
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.recommended_glyphs = True
        options.drop_tables += ["FFTM", "GDEF", "GPOS", "GSUB", "MATH", "hdmx", "meta"]
        with TTFont(source, recalcBBoxes=False) as font:  # DejaVu's own bounding box
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=wanted)
            subsetter.subset(font)
            files[style] = folder / source.name
            font.save(files[style])
            chars |= set(font.getBestCmap())
    return PdfFonts(files, frozenset(chars))


def render_pdf(
    result: CohortResult,
    p: ParticipantResult,
    reviewer: Reviewer,
    path: Path,
    fonts: PdfFonts | None = None,
) -> Path:
    """Write the participant's PDF rapor; ``fonts`` None: DejaVu cut once per process."""
    if fonts is not None:
        pdf = _layout_pdf(result, p, reviewer, fonts)
    else:
        cut = _prepared_fonts()
        if not all(f.exists() for f in cut.files.values()):  # a long-lived process lost its /tmp
            _prepared_fonts.cache_clear()
            cut = _prepared_fonts()
        pdf = _layout_pdf(result, p, reviewer, cut)
        needed = {c for f in pdf.fonts.values() for c in getattr(f, "missing_glyphs", ())}
        full = _full_fonts()
        if needed & full.chars:  # a character outside PDF_CHARS that DejaVu has
            pdf = _layout_pdf(result, p, reviewer, full)
    path.parent.mkdir(parents=True, exist_ok=True)
    with output.written(path) as tmp:
        pdf.output(str(tmp))
    return path


def _layout_pdf(
    result: CohortResult,
    p: ParticipantResult,
    reviewer: Reviewer,
    fonts: PdfFonts,
    own_lines: bool = True,
):
    """The rapor laid out. ``own_lines`` False: the unit table by fpdf2's own ``table()``, the
    reference the default layout (:func:`_unit_table`) is tested against."""
    from fpdf import FPDF

    lines, todo = rapor_data(result, p)
    pdf = FPDF(format="A4")
    for style, file in fonts.files.items():
        pdf.add_font("DejaVu", style, str(file))
    pdf.set_title(f"Rapor {p.id}")
    pdf.set_margins(15, 15, 15)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 15)
    pdf.multi_cell(0, 8, f"Rapor Kompetensi: {p.nama or p.id}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9)
    for x in reviewer.header_lines:
        pdf.multi_cell(0, 5, x, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for a, b in _identity(p):
        pdf.multi_cell(0, 5, f"{a}: {b}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("DejaVu", "", 10)
    pending = grading_state(p.modul)
    if pending != "lengkap":
        pdf.set_font("DejaVu", "B", 10)
        pdf.multi_cell(0, 5, f"Rapor ini belum lengkap: {pending}.", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(0, 5, _intro(p, lines), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("DejaVu", "B", 12)
    pdf.cell(0, 7, "Unit kompetensi", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 8)
    rows = [UNIT_HEADING] + [
        (
            line.unit,
            line.judul,
            line.status,
            line.keterangan,
            line.latihan,
            fmt_id(line.awal, "%"),
            fmt_id(line.akhir, "%"),
        )
        for line in lines
    ]
    fills = [None] + [UNIT_FILLS.get(line.status) for line in lines]
    if own_lines and _plain(rows):
        _unit_table(pdf, rows, fills)
    else:
        _unit_table_fpdf(pdf, rows, fills)
    pdf.ln(3)
    pdf.set_font("DejaVu", "B", 12)
    pdf.cell(0, 7, "Yang perlu dilatih berikutnya", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9)
    for t_ in todo or ["Tidak ada kriteria yang belum terpenuhi. Pertahankan!"]:
        pdf.multi_cell(0, 5, f"• {t_}", new_x="LMARGIN", new_y="NEXT")
    return pdf


# The unit table: columns (heading, relative width), one text line's height (mm), status colours.
UNIT_COLUMNS = (
    ("Unit", 15),
    ("Judul", 36),
    ("Status", 22),
    ("Keterangan", 62),
    ("Latihan", 25),
    ("Awal", 12),
    ("Akhir", 12),
)
UNIT_HEADING = tuple(h for h, _ in UNIT_COLUMNS)
UNIT_LINE_H = 4.5
UNIT_FILLS = {
    KOMPETEN: (199, 233, 192),
    BELUM_KOMPETEN: (252, 187, 161),
    BELUM_DINILAI: (238, 238, 238),
}


def _unit_table_fpdf(pdf, rows: list[tuple[str, ...]], fills: list) -> None:
    """The unit table by fpdf2's own ``table()``: the reference :func:`_unit_table` draws the same
    as, and the fallback for text it does not lay out itself (line breaks, soft hyphens, odd spaces)."""
    from fpdf.fonts import FontFace

    with pdf.table(
        col_widths=tuple(w for _, w in UNIT_COLUMNS),
        text_align="LEFT",
        line_height=UNIT_LINE_H,
    ) as t:
        for row, fill in zip(rows, fills, strict=True):
            r = t.row()
            for j, text in enumerate(row):
                r.cell(text, style=FontFace(fill_color=fill) if j == 2 and fill else None)


# Characters fpdf2's line breaking treats specially (breaks, soft hyphen, no-break and other
# spaces); a table holding any of them is left to fpdf2 (_unit_table_fpdf).
_SPECIAL = frozenset(
    "\n\r\f\t\u00ad\u00a0\u200b\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000"
)


def _plain(rows: list[tuple[str, ...]]) -> bool:
    return not any(_SPECIAL.intersection(text) for row in rows for text in row)


def _wrap(text: str, cw, size_pt: float, k: float, max_w: float) -> list[str] | None:
    """``text`` broken into lines as fpdf2's ``multi_cell`` breaks it (word wrap, plain spaces),
    in one pass. fpdf2 re-adds the whole line's width for every character it adds (quadratic in
    the line's length; 75 % of a rapor's CPU when its notes are long); this keeps the running sum
    of the font's integer widths and compares as fpdf2 does, in the same float operations, so the
    lines break at the same characters. None when fpdf2 would refuse (a character wider than the
    column)."""
    lines: list[str] = []
    start = total = 0
    space = -1  # index of the last space on the current line
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        w = cw[ord(ch)]
        if (total * size_pt * 0.001) / k + (w * size_pt * 0.001) / k - max_w > 1e-9:
            if ch == " ":  # the space that overflows is dropped
                lines.append(text[start:i])
                i += 1
            elif space >= 0:  # break at the line's last space, which is dropped
                lines.append(text[start:space])
                i = space + 1
            elif i > start:  # one word wider than the column: cut it here
                lines.append(text[start:i])
            else:
                return None
            start, total, space = i, 0, -1
            continue
        if ch == " ":
            space = i
        total += w
        i += 1
    if total:
        lines.append(text[start:])
    return lines


def _unit_table(pdf, rows: list[tuple[str, ...]], fills: list) -> None:
    """The unit table as fpdf2's ``table()`` draws it (:func:`_unit_table_fpdf`: same columns,
    borders, fills, bold heading repeated after a page break, text centred vertically in its row,
    the same lines at the same places), with the lines broken by :func:`_wrap` and each drawn by
    ``cell``. Falls back to fpdf2's table when a cell cannot be broken."""
    # the same float operations as fpdf2's table and multi_cell, so the same widths and places
    total = sum(w for _, w in UNIT_COLUMNS)
    widths = [float(w / total * pdf.epw) for _, w in UNIT_COLUMNS]
    xs = [pdf.l_margin]
    for w in widths[:-1]:
        xs.append(xs[-1] + w)
    size = pdf.font_size_pt
    laid: list[tuple[list[list[str]], float]] = []
    for i, row in enumerate(rows):
        pdf.set_font(style="B" if i == 0 else "")
        cw, k = pdf.current_font.cw, pdf.k
        cells = []
        for j, text in enumerate(row):
            broken = (
                _wrap(text, cw, size, k, widths[j] - pdf.c_margin - pdf.c_margin) if text else []
            )
            if broken is None:
                pdf.set_font(style="")
                return _unit_table_fpdf(pdf, rows, fills)
            cells.append(broken)
        height = 0.0
        for broken in cells:
            h = 0.0
            for _ in broken:
                h += UNIT_LINE_H
            height = max(height, h)
        laid.append((cells, height or UNIT_LINE_H))

    def draw(i: int) -> None:
        cells, height = laid[i]
        y = pdf.y
        pdf.set_font(style="B" if i == 0 else "")
        for j, broken in enumerate(cells):
            if fills[i] and j == 2:
                pdf.set_fill_color(*fills[i])
                pdf.rect(xs[j], y, widths[j], height, style="DF")
            else:
                pdf.rect(xs[j], y, widths[j], height)
            text_h = 0.0
            for _ in broken:
                text_h += UNIT_LINE_H
            line_y = y + (height - text_h) / 2
            for text in broken:
                pdf.set_xy(xs[j], line_y)
                pdf.cell(widths[j], UNIT_LINE_H, text)
                line_y += UNIT_LINE_H
        pdf.set_y(y)
        pdf.ln(height)

    if len(rows) > 1 and pdf.will_page_break(laid[0][1] + laid[1][1]):
        pdf.add_page(same=True)  # the heading never alone at the foot of a page
    for i in range(len(rows)):
        if pdf.will_page_break(laid[i][1]):
            pdf.add_page(same=True)
            if i > 0:
                draw(0)
        draw(i)
    pdf.set_font(style="")


def write_rapor(
    result: CohortResult,
    out_dir: str | Path,
    *,
    participant: str | None = None,
    formats=RAPOR_FORMATS,
    anonim: bool = False,
    reviewer: str | Path | dict | Reviewer | None = None,
    workers: int | None = None,
) -> list[Path]:
    """Write ``rapor-<id>.html`` / ``.pdf`` for one participant id (or everyone); returns the files.

    ``workers`` > 1 writes the batch in that many forked processes (the files are the same; the
    list keeps the participants' order). ``None``: one process for fewer than
    :data:`PARALLEL_FROM` participants (a workshop's batch takes seconds), else one per CPU core,
    at most 4 (a city's batch).

    A rapor is the participant's own sheet: it always carries the name and the attributes, so
    there is no anonymous rapor (``anonim=True`` is refused before anything is written).
    """
    from . import _check_formats

    if anonim:
        raise AlaskakiError(
            "Rapor tidak dibuat dalam mode anonim: rapor selalu memuat nama dan identitas peserta. "
            "Untuk dibagikan ke luar kantor, pakai laporan anonim (alaskaki report --anonim).",
            exit_code=EXIT_USAGE,
        )
    formats = _check_formats(formats, RAPOR_FORMATS)
    # per-criterion results reach participants only once the uji round is closed (red team R5c)
    from alaskaki.workshop.putaran import check_rapor

    check_rapor([w.folder for w in result.lokakarya])
    rev = load_reviewer(reviewer)
    people = result.participants
    if participant is not None:
        people = [p for p in people if p.id == participant]
        if not people:
            raise AlaskakiError(
                f"Peserta {participant!r} tidak ada di hasil penilaian.", exit_code=EXIT_NOT_FOUND
            )
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if workers is None:
        workers = min(4, os.cpu_count() or 1) if len(people) >= PARALLEL_FROM else 1
    workers = max(1, min(workers, len(people)))
    if "pdf" in formats:
        _prepared_fonts()  # once, before forking: the workers share the cut font files
    if workers == 1:
        return _write_batch(result, people, out, formats, rev)
    # Several processes; forked, so the result is not pickled and the fonts are not cut again.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _BATCH
    _BATCH = (result, people, out, formats, rev)
    chunks = [list(range(i, len(people), workers)) for i in range(workers)]
    by_index: dict[int, list[Path]] = {}
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            for chunk, files in zip(chunks, pool.map(_write_chunk, chunks), strict=True):
                by_index.update(zip(chunk, files, strict=True))
    finally:
        _BATCH = None
    return [f for i in range(len(people)) for f in by_index[i]]


_BATCH = None  # (result, people, out, formats, reviewer) for the forked workers of write_rapor


def _write_chunk(indices: list[int]) -> list[list[Path]]:
    result, people, out, formats, rev = _BATCH
    return [_write_batch(result, [people[i]], out, formats, rev) for i in indices]


def _write_batch(result, people, out: Path, formats, rev) -> list[Path]:
    written = []
    for p in people:
        if "html" in formats:
            f = out / f"rapor-{p.id}.html"
            written.append(output.write_text(f, render_html(result, p, rev)))
        if "pdf" in formats:
            written.append(render_pdf(result, p, rev, out / f"rapor-{p.id}.pdf"))
    return written
