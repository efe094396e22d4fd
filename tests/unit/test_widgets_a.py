"""AQL planner, HS classifier and size converter widgets, driven in-process (no kernel)."""

from __future__ import annotations

import base64

import pytest

from alaskaki.domain import hs, quality, sizes
from alaskaki.widgets.aql import perencana_aql
from alaskaki.widgets.hs import klasifikasi_hs
from alaskaki.widgets.sizes import konversi_ukuran


def _png(output_widget) -> bytes:
    (item,) = output_widget.outputs
    data = base64.b64decode(item["data"]["image/png"])
    assert data.startswith(b"\x89PNG")
    return data


# ------------------------------------------------------------------------- AQL planner


def test_aql_planner_shows_the_plan_for_the_chosen_lot():
    box = perencana_aql()
    k = box.kontrol
    k["ukuran_lot"].value = 2000
    k["tingkat"].value = "II"
    k["aql"].value = 4.0
    assert "Kode huruf: K" in box.hasil.value
    assert "Ukuran sampel: 125 pasang" in box.hasil.value
    assert "≤ <b>10</b>" in box.hasil.value and "≥ <b>11</b>" in box.hasil.value
    assert box.rencana == quality.sampling_plan(2000, 4.0, "II")


def test_aql_planner_explains_an_arrow():
    box = perencana_aql(ukuran_lot=60, aql=2.5)
    assert "Kode huruf: F" in box.hasil.value and "Ukuran sampel: 20 pasang" in box.hasil.value
    assert "kode <b>E</b>" in box.hasil.value and "↓" in box.hasil.value


def test_aql_planner_full_inspection_message():
    box = perencana_aql()
    box.kontrol["aql"].value = 0.65
    box.kontrol["ukuran_lot"].value = 10
    assert "periksa semua 10 pasang" in box.hasil.value


def test_aql_planner_level_changes_the_plan():
    box = perencana_aql(ukuran_lot=1000, aql=2.5)
    assert "Kode huruf: J" in box.hasil.value
    box.kontrol["tingkat"].value = "S-2"  # C -> 2.5 is 0/1 at C, n = 5
    assert "Kode huruf: C" in box.hasil.value and "Ukuran sampel: 5 pasang" in box.hasil.value


def test_aql_chart_redraws_when_plan_or_defect_rate_changes():
    box = perencana_aql(ukuran_lot=1000, aql=2.5)
    first = _png(box.grafik)
    box.kontrol["persen_cacat"].value = 10.0
    second = _png(box.grafik)
    assert second != first
    box.kontrol["ukuran_lot"].value = 50_000
    assert _png(box.grafik) != second


def test_aql_decision_follows_ac_and_re():
    box = perencana_aql(ukuran_lot=1000, aql=2.5)  # J: 5/6
    box.kontrol["cacat_ditemukan"].value = 5
    assert "DITERIMA" in box.keputusan.value
    box.kontrol["cacat_ditemukan"].value = 6
    assert "DITOLAK" in box.keputusan.value
    box.kontrol["cacat_ditemukan"].value = 500  # more than the sample
    assert "lebih banyak" in box.keputusan.value


def test_aql_simulator_draws_a_sample():
    box = perencana_aql(ukuran_lot=1000, aql=2.5, seed=3)
    box.kontrol["persen_cacat"].value = 0.0
    box.kontrol["ambil_sampel"].click()
    assert "Dari 80 pasang" in box.simulasi.value and "<b>0</b> cacat" in box.simulasi.value
    assert "diterima" in box.simulasi.value
    box.kontrol["persen_cacat"].value = 30.0
    box.kontrol["ambil_sampel"].click()
    assert "ditolak" in box.simulasi.value


# ------------------------------------------------------------------------- HS classifier


def test_hs_widget_shows_code_description_and_reason():
    box = klasifikasi_hs()
    k = box.kontrol
    k["upper"].value = "leather"
    k["sol"].value = "rubber_plastics"
    assert "<b>6403.99</b>" in box.hasil.value
    k["menutupi_mata_kaki"].value = True
    assert "<b>6403.91</b>" in box.hasil.value
    assert hs.description("6403.91") in box.hasil.value
    assert "Catatan 4(a)" in box.hasil.value


def test_hs_widget_note_3_and_sports():
    box = klasifikasi_hs()
    k = box.kontrol
    k["upper"].value = "coated_textile"
    k["sol"].value = "rubber_plastics"
    assert "<b>6402.99</b>" in box.hasil.value and "Catatan 3" in box.hasil.value
    k["upper"].value = "textile"
    k["olahraga"].value = True
    assert "<b>6404.11</b>" in box.hasil.value
    assert box.klasifikasi.code == "6404.11"


@pytest.mark.parametrize(
    ("upper", "sol", "features"),
    [
        (c[0], c[1], c[2])
        for c in [
            (
                "rubber_plastics",
                "rubber_plastics",
                {"kedap_air_tanpa_jahitan": True, "pelindung_jari_logam": True},
            ),
            ("rubber_plastics", "rubber_plastics", {"tali_disumbat": True}),
            ("leather", "leather", {"tali_kulit_punggung_kaki": True}),
            ("leather", "rubber_plastics", {"olahraga": True, "ski": True}),
            (
                "rubber_plastics",
                "rubber_plastics",
                {
                    "kedap_air_tanpa_jahitan": True,
                    "menutupi_mata_kaki": True,
                    "menutupi_lutut": True,
                },
            ),
        ]
    ],
)
def test_hs_widget_matches_the_domain_for_each_checkbox(upper, sol, features):
    box = klasifikasi_hs(upper=upper, sol=sol)
    for name, value in features.items():
        box.kontrol[name].value = value
    keywords = {
        "kedap_air_tanpa_jahitan": "waterproof_unstitched",
        "pelindung_jari_logam": "metal_toe_cap",
        "tali_disumbat": "toe_post_plugged",
        "tali_kulit_punggung_kaki": "instep_toe_straps",
        "olahraga": "sports",
        "ski": "ski",
        "menutupi_mata_kaki": "covers_ankle",
        "menutupi_lutut": "covers_knee",
    }
    expected = hs.classify_footwear(upper, sol, **{keywords[n]: v for n, v in features.items()})
    assert f"<b>{expected}</b>" in box.hasil.value


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
