"""Costing calculator widget (*kalkulator biaya produksi*): bill of materials, leather price,
cutting loss and exchange-rate sliders, a cost-breakdown chart, the imported share and what
KITE IKM changes on it.

Every number is computed by :mod:`alaskaki.domain.costing` and :mod:`alaskaki.domain.pricing`;
this module only lays out controls and shows results. The example bill of materials, wages and
levy rates are *contoh*.

Tests drive it through the attributes of the returned box: ``.kontrol`` (dict of controls),
``.hasil`` (HTML), ``.hasil_kite`` (HTML), ``.grafik`` (Output holding the PNG chart),
``.data_grafik`` (the numbers last plotted) and ``.perbarui()``.
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as w
from matplotlib.figure import Figure

from alaskaki.domain import costing, pricing
from alaskaki.text import number, percent, rupiah, usd
from alaskaki.widgets.controls import slider, tampilkan_gambar

# --- contoh data ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisBahan:
    """A bill-of-materials line for the calculator; imported lines are priced in USD."""

    nama: str
    jumlah: float
    satuan: str
    harga: float  # rupiah per satuan (local) or USD per satuan (imported)
    susut: float = 0.0
    impor: bool = False


#: Upper leather is driven by the sliders (net pattern area in dm², *contoh*).
CONTOH_KULIT_BERSIH_DM2 = 22.0
CONTOH_BAHAN: tuple[BarisBahan, ...] = (
    BarisBahan("Kulit lapis (lining)", 1.8, "ft2", 10_000, 0.10),
    BarisBahan("Sol karet", 1, "pasang", 1.00, impor=True),
    BarisBahan("Lem", 45, "gram", 0.0065, 0.05, impor=True),
    BarisBahan("Benang", 25, "meter", 50, 0.10),
    BarisBahan("Insole", 1, "pasang", 5_000),
    BarisBahan("Gesper dan aksesori", 1, "pasang", 0.25, impor=True),
    BarisBahan("Kotak sepatu", 1, "buah", 4_000),
)
CONTOH_PROSES: tuple[tuple[str, float], ...] = (
    ("Potong (*clicking*)", 10),
    ("Jahit atasan (*closing*)", 30),
    ("*Lasting* dan pasang sol", 25),
    ("*Finishing* dan kemas", 10),
)
CONTOH_UPAH_BULANAN = 2_900_000
CONTOH_HARI_KERJA = 25
CONTOH_JAM_PER_HARI = 8
CONTOH_OVERHEAD_BULANAN = 9_000_000
CONTOH_PRODUKSI_BULANAN = 1_000
CONTOH_TARIF_BM = 0.10  # contoh, not an official rate
CONTOH_TARIF_PPN = 0.11  # contoh, not an official rate

KULIT_ATASAN = "Kulit atasan"


def _bom(
    harga_kulit: float, susut: float, rates: pricing.BankRates, bahan
) -> list[costing.MaterialLine]:
    lines = [
        costing.MaterialLine(
            KULIT_ATASAN, CONTOH_KULIT_BERSIH_DM2, "dm2", harga_kulit, susut, False, "ft2"
        )
    ]
    for b in bahan:
        harga = pricing.idr_to_buy_usd(b.harga, rates) if b.impor else b.harga
        lines.append(costing.MaterialLine(b.nama, b.jumlah, b.satuan, harga, b.susut, b.impor))
    return lines


def kalkulator_biaya(bahan: tuple[BarisBahan, ...] = CONTOH_BAHAN) -> w.VBox:
    """The costing calculator; ``bahan`` replaces the *contoh* bill of materials (leather excluded)."""
    kontrol = {
        "harga_kulit": slider("Harga kulit atasan (Rp per ft²)", 38_000, 20_000, 80_000, 1_000),
        "susut_potong": slider("Susut potong kulit", 0.10, 0.0, 0.30, 0.01, fmt=".0%"),
        "kurs_beli": slider(
            "Kurs beli bank (Rp per USD)", int(pricing.CONTOH_KURS_BELI), 13_000, 19_000, 50
        ),
        "kurs_jual": slider(
            "Kurs jual bank (Rp per USD)", int(pricing.CONTOH_KURS_JUAL), 13_000, 19_000, 50
        ),
        "tarif_bm": slider("Tarif bea masuk (contoh)", CONTOH_TARIF_BM, 0.0, 0.40, 0.01, fmt=".0%"),
        "tarif_ppn": slider(
            "Tarif PPN impor (contoh)", CONTOH_TARIF_PPN, 0.0, 0.20, 0.01, fmt=".0%"
        ),
    }
    pesan = w.HTML()
    hasil = w.HTML()
    hasil_kite = w.HTML()
    grafik = w.Output()
    box = w.VBox()

    def perbarui(*_):
        pesan.value = ""
        try:
            rates = pricing.BankRates(
                buying=kontrol["kurs_beli"].value, selling=kontrol["kurs_jual"].value
            )
            lines = _bom(kontrol["harga_kulit"].value, kontrol["susut_potong"].value, rates, bahan)
            upah = costing.wage_per_minute(
                CONTOH_UPAH_BULANAN, CONTOH_HARI_KERJA, CONTOH_JAM_PER_HARI
            )
            ops = [costing.Operation(n, m, upah) for n, m in CONTOH_PROSES]
            overhead = costing.overhead_per_pair(CONTOH_OVERHEAD_BULANAN, CONTOH_PRODUKSI_BULANAN)
            hpp = costing.cost_per_pair(lines, ops, overhead)
            kite = costing.kite_ikm_effect(
                lines, duty_rate=kontrol["tarif_bm"].value, vat_rate=kontrol["tarif_ppn"].value
            )
        except ValueError as err:  # the domain's Indonesian message, e.g. kurs beli > kurs jual
            pesan.value = f"<p style='color:#b00'><b>Periksa isian:</b> {err}</p>"
            return
        cost = dict(hpp.lines)
        kulit = cost[KULIT_ATASAN]
        impor = hpp.imported_materials
        data = {
            "Kulit atasan": kulit,
            "Bahan lokal lain": hpp.materials - kulit - impor,
            "Bahan impor": impor,
            "Tenaga kerja": hpp.labour,
            "Overhead": hpp.overhead,
        }
        box.hpp = hpp
        box.kite = kite
        box.data_grafik = data
        baris = "".join(
            f"<tr><td>{m.name}{' (impor)' if m.imported else ''}</td>"
            f"<td style='text-align:right'>{number(m.quantity, 2)} {m.unit}</td>"
            f"<td style='text-align:right'>{percent(m.loss, 0)}</td>"
            f"<td style='text-align:right'>{rupiah(m.cost())}</td></tr>"
            for m in lines
        )
        hasil.value = (
            "<h4>Daftar bahan per pasang (angka contoh)</h4>"
            "<table><tr><th>Bahan</th><th>Jumlah bersih</th><th>Susut</th><th>Biaya</th></tr>"
            f"{baris}</table>"
            "<table style='margin-top:0.5em'>"
            f"<tr><td>Biaya bahan</td><td style='text-align:right'>{rupiah(hpp.materials)}</td></tr>"
            f"<tr><td>Biaya tenaga kerja</td><td style='text-align:right'>{rupiah(hpp.labour)}</td></tr>"
            f"<tr><td>Overhead per pasang</td><td style='text-align:right'>{rupiah(hpp.overhead)}</td></tr>"
            f"<tr><td><b>HPP per pasang</b></td><td style='text-align:right'><b>{rupiah(hpp.total)}</b></td></tr>"
            f"<tr><td>HPP dalam dolar (dengan kurs beli bank)</td>"
            f"<td style='text-align:right'>{usd(pricing.usd_price_from_idr(hpp.total, rates))}</td></tr>"
            f"<tr><td>Porsi bahan impor dari biaya bahan</td>"
            f"<td style='text-align:right'><b>{percent(hpp.imported_share)}</b></td></tr>"
            "</table>"
            "<p><small>Bahan impor dibeli dalam dolar, jadi dihitung dengan <b>kurs jual</b> bank "
            "(bank menjual dolar kepada Anda).</small></p>"
        )
        hasil_kite.value = (
            "<h4>Fasilitas KITE IKM pada bahan impor (tarif contoh, bukan tarif resmi)</h4>"
            "<table>"
            f"<tr><td>Nilai bahan impor per pasang</td><td style='text-align:right'>{rupiah(kite.imported_materials)}</td></tr>"
            f"<tr><td>Bea masuk tanpa KITE</td><td style='text-align:right'>{rupiah(kite.import_duty)}</td></tr>"
            f"<tr><td>PPN impor tanpa KITE</td><td style='text-align:right'>{rupiah(kite.import_vat)}</td></tr>"
            f"<tr><td>Dibayar saat impor, <b>tanpa</b> KITE IKM</td><td style='text-align:right'>{rupiah(kite.paid_at_import_without_kite)}</td></tr>"
            f"<tr><td>Dibayar saat impor, <b>dengan</b> KITE IKM</td><td style='text-align:right'>{rupiah(kite.paid_at_import_with_kite)}</td></tr>"
            f"<tr><td><b>Selisih per pasang</b></td><td style='text-align:right'><b>{rupiah(kite.levies_relieved)}</b></td></tr>"
            "</table>"
            "<p><small>Dengan KITE IKM, bahan yang diimpor untuk diolah menjadi barang ekspor dibebaskan dari bea masuk, "
            "dan PPN/PPnBM impornya tidak dipungut.</small></p>"
        )
        fig = Figure(figsize=(6.5, 3.0))
        ax = fig.subplots()
        names = list(data)
        ax.barh(
            names,
            [data[n] for n in names],
            color=["#8c564b", "#2ca02c", "#d62728", "#1f77b4", "#7f7f7f"],
        )
        ax.invert_yaxis()
        ax.set_xlabel("Rupiah per pasang (contoh)")
        ax.set_title(f"Rincian HPP: {rupiah(hpp.total)} per pasang")
        for i, n in enumerate(names):
            ax.text(data[n], i, " " + rupiah(data[n]), va="center", fontsize=8)
        ax.set_xlim(0, max(data.values()) * 1.35 or 1)
        tampilkan_gambar(grafik, fig, f"Rincian HPP {rupiah(hpp.total)} per pasang")
        box.gambar_ke = getattr(box, "gambar_ke", 0) + 1

    for c in kontrol.values():
        c.observe(perbarui, names="value")
    box.children = [
        w.HTML(
            "<h3>Kalkulator biaya produksi per pasang (HPP)</h3><p>Geser nilai di bawah. Semua harga adalah <i>contoh</i>.</p>"
        ),
        *kontrol.values(),
        pesan,
        w.HBox([hasil, grafik]),
        hasil_kite,
    ]
    box.kontrol = kontrol
    box.hasil = hasil
    box.hasil_kite = hasil_kite
    box.pesan = pesan
    box.grafik = grafik
    box.perbarui = perbarui
    perbarui()
    return box
