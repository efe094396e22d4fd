"""The key printout of a form (GRADER SIDE): the key the grader uses.

For the kit's committed forms that is :mod:`alaskaki_kunci.bank`; for a workshop's own forms
(``--workshop DIR``) it is read from the form's own hidden tests (:func:`alaskaki_kunci.bengkel.kunci_form`),
the very key its grading uses.
"""

from __future__ import annotations

import html
from pathlib import Path

from alaskaki.cetak import page
from alaskaki_kunci.bank import HURUF, form, num


def _rows_bank(modul: str) -> list[dict]:
    return [
        dict(
            grade_id=b.grade_id,
            kriteria=b.kriteria,
            harapan=b.jawaban,
            batas=b.batas() if b.jenis == "angka" else None,
            opsi=b.opsi[HURUF.index(b.jawaban)] if b.jenis == "huruf" else "",
            satuan=b.satuan,
        )
        for b in form(modul)
    ]


def kunci_html(modul: str, notebook: str | Path | None = None, judul: str = "") -> str:
    """The key of ``modul``: the kit's committed form, or the form in ``notebook`` (a workshop's)."""
    from alaskaki_kunci.bengkel import kunci_form

    rows = kunci_form(notebook) if notebook else _rows_bank(modul)
    out = []
    for n, r in enumerate(rows, start=1):
        if isinstance(r["harapan"], str):
            jawab = f"<b>{r['harapan']}</b> — {html.escape(r['opsi'])}"
            batas = "tepat"
        else:
            jawab = f"{num(float(r['harapan']), 2)} {html.escape(r.get('satuan', ''))}".rstrip()
            batas = f"± {num(r['batas'] or 0.0, 2)}"
        out.append(
            f"<tr><td>{n}</td><td>{r['grade_id']}</td><td>{r['kriteria']}</td><td>{jawab}</td><td>{batas}</td></tr>"
        )
    asal = f" — {html.escape(judul)}" if judul else ""
    body = (
        f"<h1>KUNCI JAWABAN — {modul}{asal} (RAHASIA, hanya untuk pelatih)</h1>\n"
        "<p>Kunci ini sama dengan yang dipakai penilai otomatis. Satu poin per soal. Jawaban angka benar bila "
        "selisihnya tidak lebih dari batas di kolom terakhir; angka boleh ditulis 1.234,5 atau 1234.5.</p>\n"
        "<table><thead><tr><th>No</th><th>Butir</th><th>Kriteria</th><th>Jawaban</th><th>Batas</th></tr>"
        "</thead><tbody>\n" + "\n".join(out) + "\n</tbody></table>"
    )
    return page(f"Kunci {modul}", body)
