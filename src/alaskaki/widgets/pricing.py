"""Price-ladder widget (*tangga harga*): EXW → FCA/FOB → CFR → CIF and CPT → CIP beside a drawn
supply chain that shows where risk and cost pass from seller to buyer for the chosen Incoterm.

Prices come from :func:`alaskaki.domain.pricing.price_ladder`; who carries each leg comes from
:func:`alaskaki.domain.incoterms.segments`. Costs, freight and premium are *contoh*.

Tests drive it through ``.kontrol`` (dict of controls), ``.hasil`` (HTML: the ladder),
``.aturan`` (HTML: facts of the chosen rule), ``.rantai`` (Output: the drawn chain),
``.tangga`` (the last :class:`~alaskaki.domain.pricing.PriceLadder`) and ``.perbarui()``.
"""

from __future__ import annotations

import textwrap
from functools import partial

import ipywidgets as w
from matplotlib.figure import Figure

from alaskaki.domain import incoterms, pricing
from alaskaki.text import percent, rupiah, usd
from alaskaki.widgets.controls import slider, tampilkan_gambar

WARNA = {incoterms.SELLER: "#1f77b4", incoterms.BUYER: "#ff7f0e"}
GAYA = {"description_width": "18em"}
LEBAR = w.Layout(width="42em")
_slider = partial(slider, label_width=GAYA["description_width"], width="42em")

CONTOH_HPP = 150_000  # rupiah per pair
CONTOH_BIAYA_KE_PENGANGKUT = 3_000  # rupiah per pair: documents, export clearance, trucking
CONTOH_BIAYA_SAMPAI_KAPAL = 4_500  # rupiah per pair: also port handling and loading on board
CONTOH_ONGKOS_LAUT = 0.50  # USD per pair
CONTOH_ONGKOS_ANGKUT = 0.80  # USD per pair, to the named place of destination
CONTOH_PREMI = 0.003  # insurance premium rate


def _pihak(party: str) -> str:
    return "penjual" if party == incoterms.SELLER else "pembeli"


def _gambar_rantai(code: str) -> Figure:
    r = incoterms.rule(code)
    legs = incoterms.segments(code)
    n = len(incoterms.CHAIN)
    fig = Figure(figsize=(9.0, 3.0))
    ax = fig.subplots()
    for i, (_, _, risk, cost) in enumerate(legs):
        ax.plot([i, i + 1], [1, 1], color=WARNA[risk], linewidth=9, solid_capstyle="butt")
        ax.plot([i, i + 1], [0, 0], color=WARNA[cost], linewidth=9, solid_capstyle="butt")
    ax.scatter(range(n), [1] * n, color="black", zorder=3, s=18)
    ax.scatter(range(n), [0] * n, color="black", zorder=3, s=18)
    ax.plot([r.risk_index] * 2, [0.75, 1.25], color="red", linestyle="--")
    ax.plot([r.cost_index] * 2, [-0.25, 0.25], color="red", linestyle="--")
    ax.text(r.risk_index, 1.32, "risiko pindah", ha="center", color="red", fontsize=8)
    ax.text(r.cost_index, 0.32, "biaya penjual berhenti", ha="center", color="red", fontsize=8)
    for i, (_, label) in enumerate(incoterms.CHAIN):
        ax.text(i, -0.4, textwrap.fill(label, 13), ha="center", va="top", fontsize=7)
    ax.text(-0.35, 1, "Risiko", ha="right", va="center", fontsize=9)
    ax.text(-0.35, 0, "Biaya", ha="right", va="center", fontsize=9)
    ax.plot([], [], color=WARNA[incoterms.SELLER], linewidth=6, label="penjual")
    ax.plot([], [], color=WARNA[incoterms.BUYER], linewidth=6, label="pembeli")
    ax.legend(loc="upper center", fontsize=8, ncol=2, frameon=False, bbox_to_anchor=(0.5, 0.02))
    ax.set_xlim(-1.3, n - 0.5)
    ax.set_ylim(-1.3, 1.6)
    ax.axis("off")
    ax.set_title(f"{r.code} ({r.name_en}): siapa menanggung risiko dan biaya", fontsize=10)
    return fig


def tangga_harga() -> w.VBox:
    """The price ladder and the supply chain of the chosen Incoterm (all numbers *contoh*)."""
    kontrol = {
        "incoterm": w.Dropdown(
            options=[(f"{r.code} — {r.name_en}", r.code) for r in incoterms.RULES.values()],
            value="FOB",
            description="Incoterm",
            style=GAYA,
            layout=LEBAR,
        ),
        "hpp": _slider("HPP (Rp per pasang)", CONTOH_HPP, 50_000, 500_000, 5_000),
        "margin": _slider("Margin", 0.25, 0.0, 0.60, 0.01, fmt=".0%"),
        "jenis_margin": w.ToggleButtons(
            options=[("atas biaya (markup)", "biaya"), ("atas harga jual", "harga")],
            value="biaya",
            description="Margin dihitung",
            style=GAYA,
        ),
        "kurs_beli": _slider(
            "Kurs beli bank (Rp per USD)", int(pricing.CONTOH_KURS_BELI), 13_000, 19_000, 50
        ),
        "kurs_jual": _slider(
            "Kurs jual bank (Rp per USD)", int(pricing.CONTOH_KURS_JUAL), 13_000, 19_000, 50
        ),
        "biaya_ke_pengangkut": _slider(
            "Biaya sampai ke pengangkut (Rp/pasang)", CONTOH_BIAYA_KE_PENGANGKUT, 0, 20_000, 500
        ),
        "biaya_sampai_kapal": _slider(
            "Biaya sampai di atas kapal (Rp/pasang)", CONTOH_BIAYA_SAMPAI_KAPAL, 0, 20_000, 500
        ),
        "ongkos_laut": _slider(
            "Ongkos angkut laut (USD/pasang)", CONTOH_ONGKOS_LAUT, 0.0, 3.0, 0.05
        ),
        "ongkos_angkut": _slider(
            "Ongkos angkut ke tempat tujuan (USD/pasang)", CONTOH_ONGKOS_ANGKUT, 0.0, 3.0, 0.05
        ),
        "premi": _slider("Tarif premi asuransi", CONTOH_PREMI, 0.0, 0.02, 0.0005, fmt=".2%"),
    }
    pesan = w.HTML()
    hasil = w.HTML()
    aturan = w.HTML()
    rantai = w.Output()
    box = w.VBox()

    def perbarui(*_):
        pesan.value = ""
        k = {name: c.value for name, c in kontrol.items()}
        try:
            rates = pricing.BankRates(buying=k["kurs_beli"], selling=k["kurs_jual"])
            if k["jenis_margin"] == "biaya":
                exw_rp = pricing.price_from_margin_on_cost(k["hpp"], k["margin"])
            else:
                exw_rp = pricing.price_from_margin_on_price(k["hpp"], k["margin"])
            tangga = pricing.price_ladder(
                pricing.usd_price_from_idr(exw_rp, rates),
                costs_to_carrier=pricing.usd_price_from_idr(k["biaya_ke_pengangkut"], rates),
                costs_to_on_board=pricing.usd_price_from_idr(k["biaya_sampai_kapal"], rates),
                sea_freight=k["ongkos_laut"],
                carriage=k["ongkos_angkut"],
                insurance_rate=k["premi"],
            )
        except ValueError as err:
            pesan.value = f"<p style='color:#b00'><b>Periksa isian:</b> {err}</p>"
            return
        code = k["incoterm"]
        r = incoterms.rule(code)
        box.tangga = tangga
        box.harga_exw_rp = exw_rp
        baris = []
        for c, harga in tangga.steps():
            gaya = " style='background:#ffe9a8;font-weight:bold'" if c == code else ""
            baris.append(
                f"<tr{gaya}><td>{c}</td><td style='text-align:right'>{usd(harga)}</td></tr>"
            )
        harga_pilihan = tangga.price(code)
        if harga_pilihan is None:
            catatan = f"<p>Harga {code} tidak dihitung di alat ini; tangga harga berhenti di CIF dan CIP.</p>"
        else:
            catatan = f"<p>Harga {code}: <b>{usd(harga_pilihan)}</b> per pasang.</p>"
        hasil.value = (
            "<h4>Tangga harga per pasang (angka contoh)</h4>"
            f"<p>Harga EXW: {rupiah(exw_rp)} = {usd(tangga.exw)} dengan <b>kurs beli</b> bank "
            "(dolar dari pembeli nanti Anda jual ke bank).</p>"
            f"<table><tr><th>Incoterm</th><th>Harga</th></tr>{''.join(baris)}</table>{catatan}"
            f"<p><small>Asuransi CIF: {usd(tangga.cif_insurance)} = {percent(k['premi'], 2)} × 110% × harga CIF.</small></p>"
        )
        if r.insurance_by:
            asuransi = f"{_pihak(r.insurance_by)} wajib mengasuransikan, paling sedikit {r.min_cover}, senilai {r.min_insured_percent}% nilai kontrak"
        else:
            asuransi = "aturan ini tidak mewajibkan penjual maupun pembeli mengasuransikan barang"
        aturan.value = (
            f"<h4>{r.code} — {r.name_en} (<i>{r.name_id}</i>)</h4><ul>"
            f"<li>Moda angkut: {'hanya laut dan perairan darat' if r.sea_only else 'semua moda (termasuk peti kemas dan udara)'}</li>"
            f"<li>Tempat yang disebut setelah kode: {r.named_place}</li>"
            f"<li>Risiko pindah ke pembeli: {r.risk_passes_id}</li>"
            f"<li>Angkutan utama dibayar oleh: {_pihak(r.main_carriage_paid_by)}</li>"
            f"<li>Asuransi: {asuransi}</li>"
            f"<li>Izin ekspor diurus oleh: {_pihak(r.export_clearance_by)}; izin impor diurus oleh: {_pihak(r.import_clearance_by)}</li>"
            "</ul>"
        )
        if getattr(box, "_kode_gambar", None) != code:
            tampilkan_gambar(rantai, _gambar_rantai(code), f"Rantai pasok {code}")
            box._kode_gambar = code
            box.gambar_ke = getattr(box, "gambar_ke", 0) + 1

    for c in kontrol.values():
        c.observe(perbarui, names="value")
    box.children = [
        w.HTML(
            "<h3>Tangga harga ekspor dan Incoterms 2020</h3>"
            "<p>Pilih Incoterm dan geser biaya. Semua angka adalah <i>contoh</i>. "
            "Warna biru: ditanggung penjual; jingga: ditanggung pembeli.</p>"
        ),
        *kontrol.values(),
        pesan,
        w.HBox([hasil, rantai]),
        aturan,
    ]
    box.kontrol = kontrol
    box.hasil = hasil
    box.aturan = aturan
    box.rantai = rantai
    box.pesan = pesan
    box.perbarui = perbarui
    perbarui()
    return box
