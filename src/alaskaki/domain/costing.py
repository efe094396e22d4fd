"""Cost of a pair of shoes (harga pokok produksi, HPP): materials, labour, overhead.

Conventions, stated once and used everywhere in the kit:

* Leather is bought per square foot (ft²) and patterns are measured in square decimetres (dm²);
  1 ft² = 9.290304 dm² exactly (0.3048 m squared).
* **Cutting loss** (*susut potong*) is an allowance added on top of the net pattern area:
  ``gross = net × (1 + loss)``. A loss of 0.15 means 15 % more material is bought than the pattern
  pieces cover.
* Labour is minutes per operation × a wage per minute.
* Overhead is allocated per pair: overhead of a period ÷ pairs made in that period.

All money is in rupiah (IDR) unless a name says otherwise. Prices in the kit's examples are *contoh*.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

FT2_IN_DM2 = 9.290304  # 1 ft = 3.048 dm, squared


def ft2_to_dm2(ft2: float) -> float:
    return ft2 * FT2_IN_DM2


def dm2_to_ft2(dm2: float) -> float:
    return dm2 / FT2_IN_DM2


def _check_loss(loss: float) -> None:
    if not 0 <= loss < 1:
        raise ValueError(f"Susut potong harus pecahan antara 0 dan 1 (mis. 0.15 untuk 15%), bukan {loss!r}.")


def gross_quantity(net: float, loss: float) -> float:
    """Quantity to buy for a net quantity with a cutting-loss allowance (``net × (1 + loss)``)."""
    _check_loss(loss)
    if net < 0:
        raise ValueError(f"Jumlah bersih tidak boleh negatif: {net!r}.")
    return net * (1 + loss)


def leather_cost(net_dm2: float, price_per_ft2: float, loss: float) -> float:
    """Leather cost per pair from the net pattern area (dm²), the price per ft² and the cutting loss."""
    return dm2_to_ft2(gross_quantity(net_dm2, loss)) * price_per_ft2


@dataclass(frozen=True)
class MaterialLine:
    """One line of a bill of materials (*daftar bahan*), per pair."""

    name: str
    quantity: float  # net quantity per pair, in `unit`
    unit: str  # "dm2", "ft2", "pasang", "m", "gram", ...
    unit_price: float  # rupiah per `price_unit`
    loss: float = 0.0  # cutting-loss allowance, see module docstring
    imported: bool = False
    price_unit: str | None = None  # defaults to `unit`; "ft2" with unit "dm2" converts

    def cost(self) -> float:
        qty = gross_quantity(self.quantity, self.loss)
        price_unit = self.price_unit or self.unit
        if self.unit == "dm2" and price_unit == "ft2":
            qty = dm2_to_ft2(qty)
        elif price_unit != self.unit:
            raise ValueError(f"Satuan harga {price_unit!r} tidak cocok dengan satuan {self.unit!r} untuk {self.name!r}.")
        return qty * self.unit_price


@dataclass(frozen=True)
class Operation:
    """One production operation (*proses*): minutes per pair at a wage per minute."""

    name: str
    minutes: float
    wage_per_minute: float

    def cost(self) -> float:
        if self.minutes < 0 or self.wage_per_minute < 0:
            raise ValueError(f"Menit dan upah untuk {self.name!r} tidak boleh negatif.")
        return self.minutes * self.wage_per_minute


def material_cost(lines: Iterable[MaterialLine]) -> float:
    return sum(line.cost() for line in lines)


def labour_cost(operations: Iterable[Operation]) -> float:
    return sum(op.cost() for op in operations)


def wage_per_minute(monthly_wage: float, working_days: float, hours_per_day: float) -> float:
    """Wage per minute from a monthly wage and the working time in that month."""
    minutes = working_days * hours_per_day * 60
    if minutes <= 0:
        raise ValueError("Hari kerja dan jam kerja harus lebih dari nol.")
    return monthly_wage / minutes


def overhead_per_pair(period_overhead: float, pairs_in_period: float) -> float:
    """Overhead (electricity, rent, depreciation, ...) of a period spread over its pairs."""
    if pairs_in_period <= 0:
        raise ValueError("Jumlah pasang dalam periode harus lebih dari nol.")
    return period_overhead / pairs_in_period


def imported_share(lines: Iterable[MaterialLine]) -> float:
    """Share (0..1) of material cost that is imported."""
    lines = list(lines)
    total = material_cost(lines)
    if total == 0:
        return 0.0
    return sum(line.cost() for line in lines if line.imported) / total


@dataclass(frozen=True)
class CostBreakdown:
    """Cost per pair (HPP) split into its parts."""

    materials: float
    labour: float
    overhead: float
    imported_materials: float = 0.0
    lines: tuple[tuple[str, float], ...] = field(default_factory=tuple)

    @property
    def total(self) -> float:
        return self.materials + self.labour + self.overhead

    @property
    def imported_share(self) -> float:
        """Imported share of material cost (0..1)."""
        return self.imported_materials / self.materials if self.materials else 0.0


def cost_per_pair(
    materials: Iterable[MaterialLine], operations: Iterable[Operation], overhead: float
) -> CostBreakdown:
    """HPP per pair: material + labour + allocated overhead."""
    materials = list(materials)
    return CostBreakdown(
        materials=material_cost(materials),
        labour=labour_cost(operations),
        overhead=overhead,
        imported_materials=sum(m.cost() for m in materials if m.imported),
        lines=tuple((m.name, m.cost()) for m in materials),
    )
