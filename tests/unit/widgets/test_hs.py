"""The HS classifier widget (widgets/hs.py), driven in-process (no kernel)."""

from __future__ import annotations

import pytest

from alaskaki.domain import hs
from alaskaki.widgets.hs import klasifikasi_hs

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
