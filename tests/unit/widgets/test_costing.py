"""The costing calculator widget (widgets/costing.py), driven programmatically."""

from __future__ import annotations

import pytest
from widgetkit import png

from alaskaki.domain import costing, pricing
from alaskaki.text import rupiah
from alaskaki.widgets.costing import kalkulator_biaya

# --- costing calculator -----------------------------------------------------------------------


def test_costing_initial_result_matches_domain():
    box = kalkulator_biaya()
    assert box.hpp.total > 0
    assert rupiah(box.hpp.total) in box.hasil.value
    assert "HPP per pasang" in box.hasil.value
    assert sum(box.data_grafik.values()) == pytest.approx(box.hpp.total)
    assert png(box.grafik)


def test_leather_price_slider_updates_result_and_chart():
    box = kalkulator_biaya()
    before_total, before_png, before_n = box.hpp.total, png(box.grafik), box.gambar_ke
    leather_before = box.data_grafik["Kulit atasan"]
    box.kontrol["harga_kulit"].value = 50_000
    # the domain computes the leather line: 22 dm² × 1.10 ÷ 9.290304 × 50,000
    expected = costing.leather_cost(22.0, 50_000, 0.10)
    assert box.data_grafik["Kulit atasan"] == pytest.approx(expected)
    assert box.hpp.total == pytest.approx(before_total + expected - leather_before)
    assert rupiah(box.hpp.total) in box.hasil.value
    assert box.gambar_ke == before_n + 1
    assert png(box.grafik) != before_png


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
