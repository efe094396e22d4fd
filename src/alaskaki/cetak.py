"""``alaskaki cetak``: printable HTML of an uji form, the reference sheet, the glossary or a module
(no key involved).

A module is printed as its participants receive it (the released notebook): solution blocks and
hidden tests are removed, locked test cells left out, every answer cell followed by an answer box,
and with ``--peserta ID`` the participant's own numbers on top, for people who work on paper.

A form is printed from the markdown cells of its notebook, which hold every question and option
(docs/architecture.md); code cells and the on-screen-only cells (``metadata.alaskaki.layar``: run a
cell, replace ``None``, save) are left out, the paper instructions are added and each question gets
an answer line, so the trainer can run the uji on paper and mark it by hand with the key printout
(``alaskaki cetak <form> --kunci``, trainer install only: :mod:`alaskaki_kunci.cetak`). With
``--workshop DIR`` the workshop's own form (``DIR/source/<form>/``) is printed.
"""

from __future__ import annotations

import html
from pathlib import Path

import mistune
import nbformat

from alaskaki import paths
from alaskaki.errors import EXIT_NOT_FOUND, AlaskakiError

FORMS = ("asesmen-awal", "asesmen-akhir")
REFERENCE = "lembar-rujukan"
GLOSSARY = "istilah"
MODULES = (
    "m0-orientasi",
    "m1-ekspor-mandiri",
    "m2-klasifikasi-hs",
    "m3-biaya-produksi",
    "m4a-harga-ekspor",
    "m4b-incoterms-pembayaran",
    "m5a-mutu-aql",
    "m5b-uji-ukuran",
    "m6-dokumen-ekspor",
    "m7a-daya-saing",
    "m7b-kemitraan",
)
PRINTABLE = (*FORMS, REFERENCE, GLOSSARY, *MODULES)

STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; max-width: 18cm; margin: 1cm auto; }
h1 { font-size: 16pt; } h2 { font-size: 13pt; border-bottom: 1px solid #444; margin-top: 1.2em; }
h3 { font-size: 11.5pt; margin-bottom: .2em; }
table { border-collapse: collapse; margin: .4em 0; font-size: 9.5pt; }
td, th { border: 1px solid #888; padding: 2px 5px; vertical-align: top; }
.jawab { border: 1px solid #000; height: 1.4em; width: 7cm; margin: .3em 0 1em; }
.kepala { border: 1px solid #000; padding: .4em; margin-bottom: 1em; }
.soal { page-break-inside: avoid; }
pre { background: #f4f4f4; padding: 4px 6px; font-size: 9pt; white-space: pre-wrap; }
.kotak { border: 1px solid #000; min-height: 2.2em; margin: .3em 0 1em; padding: 2px 5px; }
.angka { border: 1px dashed #444; padding: .4em; margin-bottom: 1em; white-space: pre-wrap; font-size: 9.5pt; }
@media print { a { color: black; text-decoration: none; } }
"""


PAPER_NOTE = (
    "<p><b>Menjawab di kertas:</b> tulis jawaban di kotak di bawah setiap soal: satu huruf untuk soal "
    "pilihan, atau angka untuk soal hitungan (desimal boleh dengan koma, mis. 1.234,5). Serahkan lembar ini "
    "kepada pelatih bila sudah selesai.</p>"
)


def notebook_path(naskah: str) -> Path:
    if naskah in (REFERENCE, GLOSSARY):
        return paths.NOTEBOOKS_DIR / f"{naskah}.ipynb"
    return paths.SOURCE_DIR / naskah / f"{naskah}.ipynb"


def page(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n<title>{html.escape(title)}</title>\n'
        f"<style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _released_source(source: str) -> str:
    """A code cell as participants see it: solution and hidden-test blocks removed."""
    out, skip = [], False
    for line in source.splitlines():
        mark = line.strip()
        if mark in ("### BEGIN SOLUTION", "### BEGIN HIDDEN TESTS"):
            skip = True
        elif mark in ("### END SOLUTION", "### END HIDDEN TESTS"):
            skip = False
        elif not skip:
            out.append(line)
    return "\n".join(out).strip("\n")


def _participant_numbers(modul: str, peserta: str) -> str:
    import contextlib
    import importlib
    import io

    ex = importlib.import_module(f"alaskaki.exercises.{modul.split('-')[0]}")
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        ex.soal(peserta).tampilkan()
    return buf.getvalue()


def module_html(modul: str, peserta: str | None = None, notebook: str | Path | None = None) -> str:
    """The printable page of a module, as released to participants (never solutions or hidden tests)."""
    path = Path(notebook) if notebook else notebook_path(modul)
    if not path.is_file():
        raise AlaskakiError(f"Notebook {path} tidak ada.", exit_code=EXIT_NOT_FOUND)
    nb = nbformat.read(path, as_version=4)
    parts = []
    if peserta:
        parts.append(
            f'<div class="angka"><b>Angka soal Anda</b>\n{html.escape(_participant_numbers(modul, peserta))}</div>'
        )
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "markdown":
            if meta.get(
                "solution"
            ):  # a written answer graded by the trainer: a box on paper, with the frame it gives on screen
                frame = _released_source(cell.source)
                parts.append(
                    '<div class="kotak" style="min-height: 8em">'
                    + (mistune.html(frame) if frame else "")
                    + "</div>"
                )
            else:
                parts.append(mistune.html(cell.source))
            continue
        if meta.get("grade") and not meta.get("solution"):
            continue  # locked test cell: nothing to do on paper
        code = _released_source(cell.source)
        if code:
            parts.append(f"<pre>{html.escape(code)}</pre>")
        if meta.get("solution") and meta.get("grade_id", "").endswith("_jawab"):
            parts.append('<div class="kotak">Jawaban:</div>')
    title = nb.cells[0].source.splitlines()[0].lstrip("# ") if nb.cells else modul
    return page(title, "\n".join(parts))


def form_html(naskah: str, notebook: str | Path | None = None) -> str:
    """The printable page of a form, the reference sheet, the glossary or a module."""
    if naskah in MODULES:
        return module_html(naskah, notebook=notebook)
    if naskah not in PRINTABLE:
        raise AlaskakiError(
            f"Tidak dapat mencetak {naskah!r}. Pilih salah satu: {', '.join(PRINTABLE)}.",
            exit_code=EXIT_NOT_FOUND,
        )
    path = Path(notebook) if notebook else notebook_path(naskah)
    if not path.is_file():
        raise AlaskakiError(f"Notebook {path} tidak ada.", exit_code=EXIT_NOT_FOUND)
    nb = nbformat.read(path, as_version=4)
    parts = []
    if naskah in FORMS:
        parts.append(
            '<div class="kepala">Nama: ______________________ &nbsp; ID peserta: __________ &nbsp; '
            "Tanggal: ____________</div>"
        )
    for n, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown" or cell.metadata.get("alaskaki", {}).get("layar"):
            continue
        rendered = mistune.html(cell.source)
        if naskah in FORMS and n == 0:
            rendered += PAPER_NOTE
        if naskah in FORMS and cell.source.startswith("### Soal"):
            parts.append(f'<div class="soal">{rendered}<div class="jawab"></div></div>')
        else:
            parts.append(rendered)
    title = nb.cells[0].source.splitlines()[0].lstrip("# ") if nb.cells else naskah
    return page(title, "\n".join(parts))
