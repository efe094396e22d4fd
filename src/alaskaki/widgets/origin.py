"""Certificate-of-origin guide (*panduan SKA*): choose a destination and the consignment value →
which proof of origin, and what to do.

The answer comes from :func:`alaskaki.domain.origin.certificate_of_origin`; this module only lays it
out. Tests drive it through ``.kontrol`` (dict of controls), ``.hasil`` (HTML), ``.panduan`` (the
last :class:`~alaskaki.domain.origin.OriginGuidance`) and ``.perbarui()``.
"""

from __future__ import annotations

import html
import re

import ipywidgets as w

from alaskaki.domain import origin
from alaskaki.domain.regulations import date_text

LAINNYA = "lainnya"
GAYA = {"description_width": "16em"}


def _teks(text: str) -> str:
    """Escape for HTML and turn the domain's *italic* marks into <i>."""
    return re.sub(r"\*(.+?)\*", r"<i>\1</i>", html.escape(text))


def panduan_ska() -> w.VBox:
    """The certificate-of-origin guide."""
    kontrol = {
        "tujuan": w.Dropdown(
            options=[(d.name, d.key) for d in origin.destinations()]
            + [("Negara lain (mis. Amerika Serikat)", LAINNYA)],
            value="uni_eropa",
            description="Negara tujuan",
            style=GAYA,
        ),
        "nilai_eur": w.BoundedFloatText(
            value=0.0,
            min=0.0,
            max=10_000_000.0,
            step=100.0,
            description="Nilai kiriman (EUR; 0 = belum diisi)",
            style=GAYA,
        ),
        "tanggal_kirim": w.DatePicker(
            value=None, description="Tanggal pengapalan (boleh kosong)", style=GAYA
        ),
        "terdaftar": w.Checkbox(
            value=False, description="Saya eksportir terdaftar (REX)", indent=False
        ),
    }
    hasil = w.HTML()
    box = w.VBox()

    def perbarui(*_):
        nilai = kontrol["nilai_eur"].value or None
        g = origin.certificate_of_origin(
            kontrol["tujuan"].value,
            nilai,
            registered_exporter=kontrol["terdaftar"].value,
            shipping_date=kontrol["tanggal_kirim"].value,
        )
        box.panduan = g
        if not g.known:
            judul = "<h4>Tidak ada jawaban di bahan pelatihan</h4>"
        elif g.document is None:
            judul = (
                "<h4>Tidak ada dokumen GSP untuk tanggal pengapalan ini</h4>"
                "<p>Periksa dulu aturan mana yang berlaku pada tanggal pengapalan.</p>"
            )
        else:
            jenis = "preferensi" if g.preferential else "non-preferensi"
            siapa = (
                "dibuat sendiri oleh eksportir" if g.self_certified else "diterbitkan oleh IPSKA"
            )
            judul = f"<h4>{_teks(g.document)}</h4><p>Dokumen asal barang {jenis}, {siapa}.</p>"
        if g.registration_required is True:
            judul += "<p style='color:#b00'><b>Eksportir harus terdaftar (REX) untuk kiriman ini.</b></p>"
        elif g.registration_required is False:
            judul += "<p style='color:#070'><b>Eksportir mana pun boleh membuat pernyataan asal barang untuk kiriman ini.</b></p>"
        langkah = "".join(f"<li>{_teks(s)}</li>" for s in g.steps)
        hasil.value = f"{judul}<ol>{langkah}</ol>"

    for c in kontrol.values():
        c.observe(perbarui, names="value")
    box.children = [
        w.HTML(
            "<h3>Panduan Surat Keterangan Asal (SKA)</h3>"
            "<p>Pilih negara tujuan. Untuk Uni Eropa, isi juga nilai kiriman dalam euro dan tanggal "
            f"pengapalan: aturan untuk Uni Eropa berubah pada {date_text(origin.EU_GSP_INDONESIA_ENDS)}.</p>"
        ),
        *kontrol.values(),
        hasil,
    ]
    box.kontrol = kontrol
    box.hasil = hasil
    box.perbarui = perbarui
    perbarui()
    return box
