"""Size systems: Paris point, barleycorn, Mondopoint and the foot-to-last allowance (brief §4.6)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alaskaki.domain import sizes as sz


def test_units_are_the_briefs():
    paris, barleycorn = sz.PARIS_POINT_MM, sz.BARLEYCORN_MM
    assert paris == pytest.approx(6.67, abs=0.005)  # 2/3 cm
    assert barleycorn == pytest.approx(8.47, abs=0.005)  # 1/3 inch
    assert barleycorn * 3 == pytest.approx(25.4)
    assert paris * 3 == pytest.approx(20.0)
    assert sz.ALLOWANCE_RANGE_MM == (15.0, 20.0)
    assert sz.DEFAULT_ALLOWANCE_MM == 15.0
    assert sz.MONDOPOINT_GRADING_MM == (5.0, 7.5)


def test_eu_size_is_last_length_in_paris_points_from_zero():
    # foot 260 mm + 15 mm = last 275 mm = 41.25 Paris points
    assert sz.eu_size(260) == pytest.approx(41.25)
    assert sz.eu_size(260, allowance_mm=20) == pytest.approx(42.0)
    assert sz.eu_size(260, allowance_mm=0) == pytest.approx(39.0)


def test_one_eu_size_is_two_thirds_of_a_centimetre():
    assert sz.eu_size(260 + 20 / 3) - sz.eu_size(260) == pytest.approx(1.0)
    assert sz.size_step_mm("eu") == pytest.approx(20 / 3)
    assert sz.size_step_mm("uk") == sz.size_step_mm("us") == pytest.approx(25.4 / 3)


def test_uk_needs_a_zero_point_and_counts_barleycorns():
    with pytest.raises(ValueError, match="Titik nol skala UK"):
        sz.uk_size(260, uk_zero_mm=None)  # type: ignore[arg-type]
    # with a (hypothetical) zero point at 200 mm of last: 275 - 200 = 75 mm = 75 / 8.4667 barleycorns
    assert sz.uk_size(260, uk_zero_mm=200) == pytest.approx(75 / (25.4 / 3))
    assert sz.uk_size(260 + 25.4 / 3, uk_zero_mm=200) - sz.uk_size(
        260, uk_zero_mm=200
    ) == pytest.approx(1.0)


def test_us_mens_is_uk_mens_plus_one():
    assert sz.convert(12, "uk", "us") == 13  # the brief's example
    assert sz.convert(13, "us", "uk") == 12
    assert sz.us_size(260, uk_zero_mm=200) == pytest.approx(sz.uk_size(260, uk_zero_mm=200) + 1)
    with pytest.raises(ValueError, match="wanita belum bersumber"):
        sz.us_size(240, uk_zero_mm=200, gender="wanita")
    with pytest.raises(ValueError, match="wanita"):
        sz.convert(7, "uk", "us", gender="wanita")


def test_mondopoint_is_foot_length_in_mm():
    assert sz.mondopoint(265) == 265
    assert sz.mondopoint(264.6) == 265
    assert sz.mondopoint(264.4) == 264
    assert sz.mondopoint(264.5) == 265


def test_convert_eu_and_mondopoint_through_the_allowance():
    assert sz.convert(265, "mondopoint", "eu") == pytest.approx(42.0)  # (265 + 15) / 6.667
    assert sz.convert(42, "eu", "mondopoint") == pytest.approx(265.0)
    assert sz.convert(42, "eu", "mondopoint", allowance_mm=20) == pytest.approx(260.0)
    assert sz.convert(42, "eu", "eu") == 42


def test_convert_across_scales_needs_uk_zero():
    with pytest.raises(ValueError, match="uk_zero_mm"):
        sz.convert(42, "eu", "uk")
    uk = sz.convert(42, "eu", "uk", uk_zero_mm=200)
    assert uk == pytest.approx((280 - 200) / (25.4 / 3))
    assert sz.convert(uk, "uk", "eu", uk_zero_mm=200) == pytest.approx(42)
    assert sz.convert(uk + 1, "us", "eu", uk_zero_mm=200) == pytest.approx(42)


@pytest.mark.parametrize(
    ("call", "fragment"),
    [
        (lambda: sz.eu_size(0), "lebih dari nol"),
        (lambda: sz.eu_size(-3), "lebih dari nol"),
        (lambda: sz.eu_size("260"), "harus angka"),
        (lambda: sz.eu_size(True), "harus angka"),
        (lambda: sz.eu_size(260, allowance_mm=-1), "tidak boleh negatif"),
        (lambda: sz.convert(42, "eu", "jp"), "tidak dikenal"),
        (lambda: sz.convert(1, "eu", "mondopoint", allowance_mm=20), "lebih pendek"),
        (lambda: sz.us_size(260, uk_zero_mm=200, gender="anak"), "tidak dikenal"),
    ],
)
def test_bad_input_raises_indonesian_valueerror(call, fragment):
    with pytest.raises(ValueError, match=fragment):
        call()


feet = st.floats(min_value=80, max_value=350, allow_nan=False)
allowances = st.floats(min_value=15, max_value=20)


@given(a=feet, b=feet, allowance=allowances)
def test_longer_foot_never_gets_a_smaller_size(a, b, allowance):
    short, long_ = sorted((a, b))
    assert sz.eu_size(short, allowance) <= sz.eu_size(long_, allowance)
    assert sz.mondopoint(short) <= sz.mondopoint(long_)
    assert sz.uk_size(short, uk_zero_mm=100, allowance_mm=allowance) <= sz.uk_size(
        long_, uk_zero_mm=100, allowance_mm=allowance
    )


@given(foot=feet, allowance=allowances, zero=st.floats(min_value=50, max_value=250))
def test_round_trips_are_exact(foot, allowance, zero):
    for system in ("eu", "uk", "us"):
        size = sz.convert(foot, "mondopoint", system, allowance_mm=allowance, uk_zero_mm=zero)
        back = sz.convert(size, system, "mondopoint", allowance_mm=allowance, uk_zero_mm=zero)
        assert back == pytest.approx(foot)
