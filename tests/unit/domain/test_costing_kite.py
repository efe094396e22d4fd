"""KITE IKM on the imported share of a bill of materials; the existing costing API is unchanged."""

from __future__ import annotations

import pytest

from alaskaki.domain import costing as c

BOM = [
    c.MaterialLine("Kulit atasan", 20.0, "dm2", 40_000, 0.10, price_unit="ft2"),
    c.MaterialLine("Sol karet", 1, "pasang", 15_000, imported=True),
    c.MaterialLine("Lem", 50, "gram", 100, 0.0, imported=True),
    c.MaterialLine("Benang", 25, "meter", 50, 0.0),
]


def test_kite_effect_hand_computed():
    e = c.kite_ikm_effect(BOM, duty_rate=0.10, vat_rate=0.11)
    assert e.imported_materials == pytest.approx(20_000)  # 15,000 + 50 × 100
    leather = 20.0 * 1.10 / 9.290304 * 40_000  # 94,722.56...
    assert e.local_materials == pytest.approx(leather + 1_250)
    assert e.import_duty == pytest.approx(2_000)
    assert e.import_vat == pytest.approx(22_000 * 0.11)  # 2,420
    assert e.levies_relieved == pytest.approx(4_420)
    assert e.paid_at_import_without_kite == pytest.approx(24_420)
    assert e.paid_at_import_with_kite == pytest.approx(20_000)
    assert e.materials_without_kite - e.materials_with_kite == pytest.approx(4_420)


def test_vat_base_without_duty():
    duty, vat = c.import_levies(20_000, 0.10, 0.11, vat_base_includes_duty=False)
    assert (duty, vat) == (pytest.approx(2_000), pytest.approx(2_200))


def test_no_imports_no_relief():
    e = c.kite_ikm_effect([BOM[0], BOM[3]], duty_rate=0.10, vat_rate=0.11)
    assert e.levies_relieved == 0


def test_rates_are_checked():
    with pytest.raises(ValueError, match="Tarif bea masuk"):
        c.kite_ikm_effect(BOM, duty_rate=10, vat_rate=0.11)


def test_existing_api_unchanged():
    b = c.cost_per_pair(BOM, [c.Operation("Jahit", 30, 200)], 5_000)
    assert b.imported_materials == pytest.approx(20_000)
    assert b.imported_share == pytest.approx(c.imported_share(BOM))
    assert b.total == pytest.approx(b.materials + 6_000 + 5_000)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"investment": 1_000_000_000}, True),
        ({"investment": 1_000_000_001}, False),
        ({"net_assets": 50_000_000}, False),
        ({"net_assets": 50_000_001}, True),
        ({"net_assets": 500_000_000}, True),
        ({"annual_sales": 300_000_000}, False),
        ({"annual_sales": 2_500_000_000}, True),
        ({"annual_sales": 2_500_000_001}, False),
        ({"investment": 5_000_000_000, "annual_sales": 1_000_000_000}, True),
    ],
)
def test_small_industry_criteria(kwargs, expected):
    assert c.is_small_industry_for_kite(**kwargs) is expected


def test_small_industry_needs_one_figure():
    with pytest.raises(ValueError):
        c.is_small_industry_for_kite()


def test_facility_and_applicant_lists():
    assert len(c.KITE_IKM_FACILITIES) == 3
    assert len(c.KITE_IKM_APPLICANTS) == 4
