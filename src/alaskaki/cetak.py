"""``alaskaki cetak``: printable HTML of an uji form or of the reference sheet (no key involved).

A form is printed from the markdown cells of its notebook, which hold every question and option
(docs/architecture.md); code cells are left out and each question gets an answer line, so the
trainer can run the uji on paper and mark it by hand with the key printout
(``alaskaki cetak <form> --kunci``, trainer install only: :mod:`alaskaki_kunci.cetak`).
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
PRINTABLE = (*FORMS, REFERENCE)

STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; max-width: 18cm; margin: 1cm auto; }
h1 { font-size: 16pt; } h2 { font-size: 13pt; border-bottom: 1px solid #444; margin-top: 1.2em; }
h3 { font-size: 11.5pt; margin-bottom: .2em; }
table { border-collapse: collapse; margin: .4em 0; font-size: 9.5pt; }
td, th { border: 1px solid #888; padding: 2px 5px; vertical-align: top; }
.jawab { border: 1px solid #000; height: 1.4em; width: 7cm; margin: .3em 0 1em; }
.kepala { border: 1px solid #000; padding: .4em; margin-bottom: 1em; }
.soal { page-break-inside: avoid; }
@media print { a { color: black; text-decoration: none; } }
"""


def notebook_path(naskah: str) -> Path:
    if naskah == REFERENCE:
        return paths.NOTEBOOKS_DIR / f"{REFERENCE}.ipynb"
    return paths.SOURCE_DIR / naskah / f"{naskah}.ipynb"


def page(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n<title>{html.escape(title)}</title>\n'
        f"<style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def form_html(naskah: str, notebook: str | Path | None = None) -> str:
    """The printable page of a form or of the reference sheet."""
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
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        rendered = mistune.html(cell.source)
        if naskah in FORMS and cell.source.startswith("### Soal"):
            parts.append(f'<div class="soal">{rendered}<div class="jawab"></div></div>')
        else:
            parts.append(rendered)
    title = nb.cells[0].source.splitlines()[0].lstrip("# ") if nb.cells else naskah
    return page(title, "\n".join(parts))
