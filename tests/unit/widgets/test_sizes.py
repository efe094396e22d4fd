"""The size converter widget (widgets/sizes.py), driven in-process (no kernel)."""

from __future__ import annotations

from alaskaki.domain import sizes
from alaskaki.widgets.sizes import konversi_ukuran

# ------------------------------------------------------------------------- size converter


def test_size_widget_shows_mondopoint_and_eu():
    box = konversi_ukuran()
    k = box.kontrol
    k["panjang_kaki"].value = 265
    k["kelonggaran"].value = 15
    assert "<b>265</b>" in box.hasil.value  # Mondopoint
    assert "<b>42</b>" in box.hasil.value  # EU: (265 + 15) / 6.667 = 42.0
    assert "280 mm" in box.hasil.value
    assert "isi titik nol UK dulu" in box.hasil.value
    k["kelonggaran"].value = 20
    assert "<b>42,8</b>" in box.hasil.value  # 285 / 6.667 = 42.75


def test_size_widget_uk_and_us_once_a_zero_point_is_given():
    box = konversi_ukuran(panjang_kaki_mm=265)
    box.kontrol["titik_nol_uk"].value = 200.0
    uk = sizes.uk_size(265, uk_zero_mm=200)
    assert f"<b>{uk:.1f}</b>".replace(".", ",") in box.hasil.value
    assert f"<b>{uk + 1:.1f}</b>".replace(".", ",") in box.hasil.value


def test_size_widget_converts_between_systems():
    box = konversi_ukuran()
    k = box.kontrol
    k["ukuran"].value = 42
    k["dari"].value = "eu"
    k["ke"].value = "mondopoint"
    assert "<b>265</b>" in box.konversi.value
    k["dari"].value = "uk"
    k["ke"].value = "us"
    k["ukuran"].value = 12
    assert "<b>13</b>" in box.konversi.value  # US men's 13 = UK men's 12
    k["ke"].value = "eu"
    assert "Titik nol skala UK" in box.konversi.value  # honest: no zero point, no answer
