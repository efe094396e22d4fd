"""The key printout of a form (GRADER SIDE): the same :mod:`alaskaki_kunci.bank` the grader uses."""

from __future__ import annotations

import html

from alaskaki.cetak import page
from alaskaki_kunci.bank import HURUF, form, num


def kunci_html(modul: str) -> str:
    rows = []
    for n, b in enumerate(form(modul), start=1):
        if b.jenis == "angka":
            jawab = f"{num(float(b.jawaban), 2)} {html.escape(b.satuan)}"
            batas = f"± {num(b.batas(), 2)}"
        else:
            jawab = f"<b>{b.jawaban}</b> — {html.escape(b.opsi[HURUF.index(b.jawaban)])}"
            batas = "tepat"
        rows.append(
            f"<tr><td>{n}</td><td>{b.grade_id}</td><td>{b.kriteria}</td><td>{jawab}</td><td>{batas}</td></tr>"
        )
    body = (
        f"<h1>KUNCI JAWABAN — {modul} (RAHASIA, hanya untuk pelatih)</h1>\n"
        "<p>Kunci ini sama dengan yang dipakai penilai otomatis. Satu poin per soal. Jawaban angka benar bila "
        "selisihnya tidak lebih dari batas di kolom terakhir.</p>\n"
        "<table><thead><tr><th>No</th><th>Butir</th><th>Kriteria</th><th>Jawaban</th><th>Batas</th></tr>"
        "</thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table>"
    )
    return page(f"Kunci {modul}", body)
