"""Pricing arithmetic with hand-computed values."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alaskaki.domain import pricing as p


def test_margin_on_cost_and_on_price():
    assert p.price_from_margin_on_cost(100_000, 0.25) == pytest.approx(125_000)
    assert p.price_from_margin_on_price(100_000, 0.20) == pytest.approx(125_000)
    assert p.margin_on_cost(100_000, 125_000) == pytest.approx(0.25)
    assert p.margin_on_price(100_000, 125_000) == pytest.approx(0.20)
    # the same 25 % gives different prices
    assert p.price_from_margin_on_price(80_000, 0.25) == pytest.approx(106_666.6667, abs=1e-3)
    assert p.price_from_margin_on_cost(80_000, 0.25) == pytest.approx(100_000)
    assert p.margin_on_cost_to_price(0.25) == pytest.approx(0.20)
    assert p.margin_on_price_to_cost(0.20) == pytest.approx(0.25)


def test_margin_errors():
    with pytest.raises(ValueError, match="kurang dari 1"):
        p.price_from_margin_on_price(100, 1.0)
    with pytest.raises(ValueError, match="negatif"):
        p.price_from_margin_on_cost(-1, 0.1)
    with pytest.raises(ValueError):
        p.margin_on_cost(0, 10)
    with pytest.raises(ValueError):
        p.margin_on_price(10, 0)


def test_bank_rates_which_rate_applies():
    rates = p.BankRates(buying=15_289, selling=15_443)  # brief §3.1 worked example
    assert p.proceeds_in_idr(1_000, rates) == pytest.approx(
        15_289_000
    )  # exporter sells USD: kurs beli
    assert p.idr_to_buy_usd(1_000, rates) == pytest.approx(15_443_000)  # buying USD: kurs jual
    assert p.usd_price_from_idr(152_890, rates) == pytest.approx(10.0)
    assert rates == p.CONTOH_KURS
    with pytest.raises(ValueError, match="tidak boleh lebih tinggi"):
        p.BankRates(buying=15_500, selling=15_443)
    with pytest.raises(ValueError):
        p.idr_to_usd(1, 0)


def test_cif_from_cfr_formula():
    # cif = cfr / (1 - 1.1 * rate): 10 / (1 - 0.0055) = 10.055304...
    cif = p.cif_from_cfr(10.0, 0.005)
    assert cif == pytest.approx(10 / 0.9945)
    assert cif == pytest.approx(10.05530, abs=1e-5)
    # the premium really is rate × 110 % × CIF, and CFR + premium = CIF
    assert p.insurance_premium(cif, 0.005) == pytest.approx(0.005 * 1.1 * cif)
    assert 10.0 + p.insurance_premium(cif, 0.005) == pytest.approx(cif)
    assert p.cfr_from_cif(cif, 0.005) == pytest.approx(10.0)
    assert abs(p.INSURED_FRACTION - 1.1) < 1e-12


def test_price_ladder_hand_computed():
    ladder = p.price_ladder(
        10.0,
        costs_to_carrier=0.40,
        costs_to_on_board=0.60,
        sea_freight=0.50,
        carriage=0.70,
        insurance_rate=0.01,
    )
    assert ladder.exw == 10.0
    assert ladder.fca == pytest.approx(10.40)
    assert ladder.fob == pytest.approx(10.60)
    assert ladder.cfr == pytest.approx(11.10)
    assert ladder.cif == pytest.approx(11.10 / 0.989)  # 11.22346...
    assert ladder.cif == pytest.approx(11.22346, abs=1e-5)
    assert ladder.cpt == pytest.approx(11.10)
    assert ladder.cip == pytest.approx(11.10 / 0.989)
    assert ladder.cif_insurance == pytest.approx(11.22346 - 11.10, abs=1e-5)
    assert [c for c, _ in ladder.steps()] == ["EXW", "FCA", "FOB", "CFR", "CIF", "CPT", "CIP"]
    assert ladder.price("fob") == pytest.approx(10.60)
    assert ladder.price("DAP") is None


def test_ladder_rejects_bad_inputs():
    with pytest.raises(ValueError, match="negatif"):
        p.price_ladder(
            10,
            costs_to_carrier=-1,
            costs_to_on_board=0,
            sea_freight=0,
            carriage=0,
            insurance_rate=0,
        )
    with pytest.raises(ValueError, match="premi"):
        p.cif_from_cfr(10, 1.0)


def test_per_unit():
    assert p.per_unit(2_500, 5_000) == pytest.approx(0.5)
    with pytest.raises(ValueError):
        p.per_unit(1, 0)


money = st.floats(min_value=0.01, max_value=1e7, allow_nan=False)
rate = st.floats(min_value=0, max_value=0.05)


@given(money, st.floats(min_value=0, max_value=5))
def test_margin_on_cost_round_trip(cost, m):
    assert p.margin_on_cost(cost, p.price_from_margin_on_cost(cost, m)) == pytest.approx(
        m, abs=1e-9
    )


@given(money, st.floats(min_value=0, max_value=0.95))
def test_margin_on_price_round_trip_and_is_smaller(cost, m):
    price = p.price_from_margin_on_price(cost, m)
    assert p.margin_on_price(cost, price) == pytest.approx(m, abs=1e-9)
    assert p.margin_on_cost(cost, price) >= m - 1e-12


@given(money, rate)
def test_cif_round_trip(cfr, r):
    cif = p.cif_from_cfr(cfr, r)
    assert cif >= cfr
    assert p.cfr_from_cif(cif, r) == pytest.approx(cfr)


@given(money, money, money, money, money, rate)
def test_ladder_never_falls(exw, a, b, f, c, r):
    ladder = p.price_ladder(
        exw, costs_to_carrier=a, costs_to_on_board=b, sea_freight=f, carriage=c, insurance_rate=r
    )
    assert ladder.exw <= ladder.fob <= ladder.cfr <= ladder.cif
    assert ladder.exw <= ladder.fca <= ladder.cpt <= ladder.cip
