"""Costing, price-ladder and certificate-of-origin widgets driven programmatically."""

from __future__ import annotations

import pytest

from alaskaki.domain import costing, incoterms, origin, pricing
from alaskaki.text import rupiah
from alaskaki.widgets.costing import kalkulator_biaya
from alaskaki.widgets.origin import panduan_ska
from alaskaki.widgets.pricing import tangga_harga


def _png(output):
    assert len(output.outputs) == 1
    return output.outputs[0]["data"]["image/png"]


# --- costing calculator -----------------------------------------------------------------------


def test_costing_initial_result_matches_domain():
    box = kalkulator_biaya()
    assert box.hpp.total > 0
    assert rupiah(box.hpp.total) in box.hasil.value
    assert "HPP per pasang" in box.hasil.value
    assert sum(box.data_grafik.values()) == pytest.approx(box.hpp.total)
    assert _png(box.grafik)


def test_leather_price_slider_updates_result_and_chart():
    box = kalkulator_biaya()
    before_total, before_png, before_n = box.hpp.total, _png(box.grafik), box.gambar_ke
    leather_before = box.data_grafik["Kulit atasan"]
    box.kontrol["harga_kulit"].value = 50_000
    # the domain computes the leather line: 22 dm² × 1.10 ÷ 9.290304 × 50,000
    expected = costing.leather_cost(22.0, 50_000, 0.10)
    assert box.data_grafik["Kulit atasan"] == pytest.approx(expected)
    assert box.hpp.total == pytest.approx(before_total + expected - leather_before)
    assert rupiah(box.hpp.total) in box.hasil.value
    assert box.gambar_ke == before_n + 1
    assert _png(box.grafik) != before_png


def test_cutting_loss_slider():
    box = kalkulator_biaya()
    box.kontrol["susut_potong"].value = 0.20
    assert box.data_grafik["Kulit atasan"] == pytest.approx(
        costing.leather_cost(22.0, 38_000, 0.20)
    )
    assert "20%" in box.hasil.value


def test_exchange_rate_changes_imported_share():
    box = kalkulator_biaya()
    share_before = box.hpp.imported_share
    imported_before = box.data_grafik["Bahan impor"]
    box.kontrol["kurs_jual"].value = 18_000  # imported materials are bought with USD at kurs jual
    assert box.data_grafik["Bahan impor"] == pytest.approx(
        imported_before * 18_000 / pricing.CONTOH_KURS_JUAL
    )
    assert box.hpp.imported_share > share_before
    assert f"{box.hpp.imported_share * 100:.1f}".replace(".", ",") + "%" in box.hasil.value


def test_kite_panel_follows_rates():
    box = kalkulator_biaya()
    box.kontrol["tarif_bm"].value = 0.20
    box.kontrol["tarif_ppn"].value = 0.0
    assert box.kite.import_duty == pytest.approx(0.20 * box.kite.imported_materials)
    assert box.kite.import_vat == 0
    assert rupiah(box.kite.levies_relieved) in box.hasil_kite.value
    assert "contoh" in box.hasil_kite.value


def test_bad_rates_show_indonesian_message():
    box = kalkulator_biaya()
    box.kontrol["kurs_beli"].value = 18_500
    assert "Kurs beli bank" in box.pesan.value and "Periksa isian" in box.pesan.value
    box.kontrol["kurs_beli"].value = 15_000
    assert box.pesan.value == ""


# --- price ladder -----------------------------------------------------------------------------


def test_ladder_matches_domain():
    box = tangga_harga()
    k = {name: c.value for name, c in box.kontrol.items()}
    rates = pricing.BankRates(k["kurs_beli"], k["kurs_jual"])
    exw = pricing.usd_price_from_idr(
        pricing.price_from_margin_on_cost(k["hpp"], k["margin"]), rates
    )
    assert box.tangga.exw == pytest.approx(exw)
    assert box.tangga.cif == pytest.approx(pricing.cif_from_cfr(box.tangga.cfr, k["premi"]))
    assert "Harga FOB" in box.hasil.value


def test_margin_kind_toggle():
    box = tangga_harga()
    box.kontrol["hpp"].value = 100_000
    box.kontrol["margin"].value = 0.20
    box.kontrol["jenis_margin"].value = "harga"
    assert box.harga_exw_rp == pytest.approx(125_000)
    box.kontrol["jenis_margin"].value = "biaya"
    assert box.harga_exw_rp == pytest.approx(120_000)
    assert "Rp120.000" in box.hasil.value


def test_freight_and_premium_move_cfr_and_cif():
    box = tangga_harga()
    fob = box.tangga.fob
    box.kontrol["ongkos_laut"].value = 1.0
    assert box.tangga.cfr == pytest.approx(fob + 1.0)
    box.kontrol["premi"].value = 0.01
    assert box.tangga.cif == pytest.approx((fob + 1.0) / (1 - 1.1 * 0.01))


def test_choosing_each_incoterm_redraws_chain_and_shows_its_facts():
    box = tangga_harga()
    codes = [c for c in incoterms.RULES if c != "FOB"] + [
        "FOB"
    ]  # starts on FOB: every pick is a change
    for code in codes:
        png_before, n_before = _png(box.rantai), box.gambar_ke
        box.kontrol["incoterm"].value = code
        r = incoterms.rule(code)
        assert box.gambar_ke == n_before + 1, code
        assert _png(box.rantai) != png_before, code
        assert r.risk_passes_id in box.aturan.value
        assert r.name_en in box.aturan.value
        if r.min_cover:
            assert r.min_cover in box.aturan.value
            assert "110%" in box.aturan.value
        price = box.tangga.price(code)
        if price is None:
            assert f"Harga {code} tidak dihitung" in box.hasil.value
        else:
            assert f"Harga {code}: <b>USD" in box.hasil.value


def test_unchanged_incoterm_does_not_redraw_chain():
    box = tangga_harga()
    n = box.gambar_ke
    box.kontrol["margin"].value = 0.30
    assert box.gambar_ke == n


# --- certificate of origin guide -------------------------------------------------------------


def test_origin_guide_every_destination_matches_domain():
    box = panduan_ska()
    for d in origin.destinations():
        box.kontrol["tujuan"].value = d.key
        assert box.panduan.document == d.document
        assert "<h4>" in box.hasil.value and d.name in box.hasil.value


def test_origin_guide_eu_threshold():
    box = panduan_ska()
    box.kontrol["tujuan"].value = "uni_eropa"
    box.kontrol["nilai_eur"].value = 6000
    assert "Eksportir mana pun boleh" in box.hasil.value
    box.kontrol["nilai_eur"].value = 6500
    assert "harus terdaftar (REX)" in box.hasil.value
    assert "belum terdaftar" in box.hasil.value
    box.kontrol["terdaftar"].value = True
    assert "nomor REX" in box.hasil.value
    assert "<i>statement on origin</i>" in box.hasil.value


def test_origin_guide_other_country():
    box = panduan_ska()
    box.kontrol["tujuan"].value = "lainnya"
    assert "Tidak ada jawaban" in box.hasil.value
    assert box.panduan.known is False


def test_origin_guide_eu_shipping_date():
    """The guide asks for the shipping date; from 1 Jan 2027 it shows no GSP document."""
    from datetime import date

    box = panduan_ska()
    box.kontrol["tujuan"].value = "uni_eropa"
    box.kontrol["nilai_eur"].value = 4000
    assert "Periksa dulu tanggal pengapalan" in box.hasil.value
    box.kontrol["tanggal_kirim"].value = date(2027, 1, 15)
    assert "Tidak ada dokumen GSP" in box.hasil.value and box.panduan.document is None
    box.kontrol["tanggal_kirim"].value = date(2026, 12, 31)
    assert "<i>statement on origin</i>" in box.hasil.value
