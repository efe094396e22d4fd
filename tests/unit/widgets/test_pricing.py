"""The price-ladder widget (widgets/pricing.py), driven programmatically."""

from __future__ import annotations

import pytest
from widgetkit import png

from alaskaki.domain import incoterms, pricing
from alaskaki.widgets.pricing import tangga_harga

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
        png_before, n_before = png(box.rantai), box.gambar_ke
        box.kontrol["incoterm"].value = code
        r = incoterms.rule(code)
        assert box.gambar_ke == n_before + 1, code
        assert png(box.rantai) != png_before, code
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
