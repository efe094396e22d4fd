"""Cost per pair (HPP) with values a trainer can check with a calculator (domain/costing.py)."""

from __future__ import annotations

import pytest

from alaskaki.domain import costing as c
from alaskaki.domain import pricing as p

# One pair of a (fictional) Mojokerto IKM's shoe, prices *contoh*:
LEATHER = c.MaterialLine("kulit atasan", 18.580608, "dm2", 40_000, loss=0.25, price_unit="ft2")
SOLE = c.MaterialLine("sol karet", 1, "pasang", 25_000, imported=True)
THREAD = c.MaterialLine("benang", 20, "m", 50, loss=0.10)
OPERATIONS = [c.Operation("potong", 20, 250), c.Operation("jahit", 40, 250)]


def test_square_feet_and_square_decimetres():
    assert c.ft2_to_dm2(1) == pytest.approx(9.290304)  # (3.048 dm)²
    assert c.dm2_to_ft2(18.580608) == pytest.approx(2.0)


def test_cutting_loss_is_added_on_top_of_the_net_quantity():
    assert c.gross_quantity(20, 0.15) == pytest.approx(23.0)
    assert c.gross_quantity(20, 0) == 20
    # 1 ft² net + 25 % loss = 1,25 ft² at Rp38.000
    assert c.leather_cost(9.290304, 38_000, 0.25) == pytest.approx(47_500)


def test_a_loss_typed_as_a_percentage_is_refused_with_the_way_to_write_it():
    with pytest.raises(ValueError, match="0.15 untuk 15%"):
        c.gross_quantity(20, 15)
    with pytest.raises(ValueError, match="negatif"):
        c.gross_quantity(-1, 0.1)


def test_material_lines():
    # 2 ft² net + 25 % = 2,5 ft² × Rp40.000
    assert LEATHER.cost() == pytest.approx(100_000)
    assert SOLE.cost() == 25_000
    # 20 m + 10 % = 22 m × Rp50
    assert THREAD.cost() == pytest.approx(1_100)
    with pytest.raises(ValueError, match="tidak cocok"):
        c.MaterialLine("lem", 30, "gram", 100, price_unit="kg").cost()


def test_labour_wage_per_minute_and_overhead():
    # Rp3.000.000 a month, 25 days × 8 hours = 12.000 minutes
    assert c.wage_per_minute(3_000_000, 25, 8) == pytest.approx(250)
    # (20 + 40) minutes × Rp250
    assert c.labour_cost(OPERATIONS) == pytest.approx(15_000)
    # Rp6.000.000 a month over 1.200 pairs
    assert c.overhead_per_pair(6_000_000, 1_200) == pytest.approx(5_000)
    with pytest.raises(ValueError):
        c.overhead_per_pair(6_000_000, 0)
    with pytest.raises(ValueError):
        c.wage_per_minute(3_000_000, 0, 8)
    with pytest.raises(ValueError, match="negatif"):
        c.Operation("jahit", -1, 250).cost()


def test_cost_per_pair_and_imported_share():
    hpp = c.cost_per_pair([LEATHER, SOLE, THREAD], OPERATIONS, 5_000)
    assert hpp.materials == pytest.approx(126_100)  # 100.000 + 25.000 + 1.100
    assert hpp.labour == pytest.approx(15_000)
    assert hpp.total == pytest.approx(146_100)  # + overhead 5.000
    # only the sole is imported: 25.000 of 126.100
    assert hpp.imported_share == pytest.approx(25_000 / 126_100)
    assert c.imported_share([LEATHER, SOLE, THREAD]) == pytest.approx(hpp.imported_share)
    assert c.imported_share([]) == 0.0
    assert dict(hpp.lines) == pytest.approx(
        {"kulit atasan": 100_000, "sol karet": 25_000, "benang": 1_100}
    )


def test_from_cost_per_pair_to_a_usd_price():
    """HPP → EXW with a 20 % margin on cost → USD at the bank's kurs beli (contoh rates)."""
    hpp = c.cost_per_pair([SOLE], [c.Operation("rakit", 20, 250)], 0).total  # 25.000 + 5.000
    exw = p.price_from_margin_on_cost(hpp, 0.20)
    assert exw == pytest.approx(36_000)
    assert p.usd_price_from_idr(exw, p.BankRates(buying=15_000, selling=15_200)) == pytest.approx(
        2.40
    )
