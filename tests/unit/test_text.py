"""alaskaki.text: the Indonesian notation every reader of the kit sees."""

from __future__ import annotations

from alaskaki.text import number, percent, rupiah, table, usd


def test_rupiah_groups_thousands_with_dots_and_rounds_to_whole_rupiah():
    assert rupiah(1_250_000) == "Rp1.250.000"
    assert rupiah(999) == "Rp999"
    assert rupiah(12_345_678.4) == "Rp12.345.678"
    assert rupiah(0) == "Rp0"


def test_number_writes_a_decimal_comma_and_thousands_dots():
    assert number(1234.5) == "1.234,50"
    assert number(1234.5, 1) == "1.234,5"
    assert number(1_000_000, 0) == "1.000.000"
    assert number(-2.5, 2) == "-2,50"


def test_number_trim_drops_zeros_that_say_nothing():
    assert number(12.50, 2, trim=True) == "12,5"
    assert number(40.0, 1, trim=True) == "40"
    assert number(1000.0, 0, trim=True) == "1.000"  # no decimals: the thousands dot stays
    assert number(0.65, 2, trim=True) == "0,65"


def test_usd_and_percent():
    assert usd(12.5) == "USD 12,50"
    assert usd(1234) == "USD 1.234,00"
    assert percent(0.125) == "12,5%"
    assert percent(0.05, 0) == "5%"
    assert percent(0.0125, 2) == "1,25%"


def test_table_aligns_columns_and_leaves_none_blank():
    text = table([["p01", 80, None], ["p10", 7.5, "ok"]], ["peserta", "nilai", "catatan"])
    assert text.splitlines() == [
        "peserta  nilai  catatan",
        "-------  -----  -------",
        "p01      80",
        "p10      7.5    ok",
    ]
