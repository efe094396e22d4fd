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
        raise ValueError(
            f"Susut potong harus pecahan antara 0 dan 1 (mis. 0.15 untuk 15%), bukan {loss!r}."
        )


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
            raise ValueError(
                f"Satuan harga {price_unit!r} tidak cocok dengan satuan {self.unit!r} untuk {self.name!r}."
            )
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


# --- KITE IKM: duty-free import of materials for export production ---------------------------
#
# Brief §1.6 (PMK 177/PMK.04/2016 s.t.d.d. PMK 110/PMK.04/2019; PER-01/BC/2017): materials imported
# to be processed into export goods are exempt from import duty (Bea Masuk), and import VAT
# (PPN/PPnBM) is "tidak dipungut" (not collected). The brief has no official rate table, so every
# rate below is an input, and the kit's rates are *contoh*.
#
# Convention, stated once: the imported lines of a bill of materials are priced at their customs
# value (before import levies); without KITE, duty = value × duty rate and import VAT = (value +
# duty) × VAT rate when ``vat_base_includes_duty`` (the default), else value × VAT rate.

KITE_IKM_BASIS = "PMK 177/PMK.04/2016 s.t.d.d. PMK 110/PMK.04/2019; PER-01/BC/2017"

#: The three KITE IKM facility types (brief §1.6, [S]).
KITE_IKM_FACILITIES = (
    "bahan baku",
    "mesin (wajib dipakai dalam produksi paling sedikit 2 tahun)",
    "barang contoh",
)

#: Who may apply (brief §1.6, [V] bcsurakarta); each must be designated "IKM atau Konsorsium KITE".
KITE_IKM_APPLICANTS = (
    "usaha industri kecil atau menengah",
    "badan usaha yang dibentuk oleh gabungan IKM",
    "satu IKM yang ditunjuk oleh beberapa IKM dalam satu Sentra",
    "koperasi",
)


@dataclass(frozen=True)
class KiteEffect:
    """What KITE IKM changes on the imported share of one bill of materials (per pair)."""

    local_materials: float
    imported_materials: float  # customs value of the imported lines
    import_duty: float  # Bea Masuk that would be paid without KITE
    import_vat: float  # PPN impor that would be collected without KITE
    duty_rate: float
    vat_rate: float

    @property
    def levies_relieved(self) -> float:
        """Duty plus import VAT that is not paid/collected under KITE IKM."""
        return self.import_duty + self.import_vat

    @property
    def paid_at_import_without_kite(self) -> float:
        return self.imported_materials + self.levies_relieved

    @property
    def paid_at_import_with_kite(self) -> float:
        return self.imported_materials

    @property
    def materials_without_kite(self) -> float:
        return self.local_materials + self.paid_at_import_without_kite

    @property
    def materials_with_kite(self) -> float:
        return self.local_materials + self.paid_at_import_with_kite


def _check_levy_rate(name: str, rate: float) -> None:
    if not 0 <= rate < 1:
        raise ValueError(
            f"{name} harus pecahan antara 0 dan 1 (mis. 0.10 untuk 10%), bukan {rate!r}."
        )


def import_levies(
    value: float, duty_rate: float, vat_rate: float, *, vat_base_includes_duty: bool = True
) -> tuple[float, float]:
    """(import duty, import VAT) on an imported value, without KITE IKM; rates are inputs (*contoh*)."""
    _check_levy_rate("Tarif bea masuk", duty_rate)
    _check_levy_rate("Tarif PPN impor", vat_rate)
    if value < 0:
        raise ValueError(f"Nilai impor tidak boleh negatif: {value!r}.")
    duty = value * duty_rate
    vat = (value + duty if vat_base_includes_duty else value) * vat_rate
    return duty, vat


def kite_ikm_effect(
    lines: Iterable[MaterialLine],
    *,
    duty_rate: float,
    vat_rate: float,
    vat_base_includes_duty: bool = True,
) -> KiteEffect:
    """Duty and import VAT on the imported lines that KITE IKM relieves; local lines are unchanged."""
    lines = list(lines)
    imported = sum(m.cost() for m in lines if m.imported)
    local = sum(m.cost() for m in lines if not m.imported)
    duty, vat = import_levies(
        imported, duty_rate, vat_rate, vat_base_includes_duty=vat_base_includes_duty
    )
    return KiteEffect(
        local_materials=local,
        imported_materials=imported,
        import_duty=duty,
        import_vat=vat,
        duty_rate=duty_rate,
        vat_rate=vat_rate,
    )


def is_small_industry_for_kite(
    *,
    investment: float | None = None,
    net_assets: float | None = None,
    annual_sales: float | None = None,
) -> bool:
    """KITE IKM small-industry test (brief §1.6, [V] bcsurakarta): at least one criterion met.

    Investment ≤ Rp1 billion (excluding land and buildings when combined with the owner's
    residence); or net assets > Rp50 million up to Rp500 million; or annual sales > Rp300 million
    up to Rp2.5 billion. The firm must also do productive processing, assembling or fitting.
    """
    if investment is None and net_assets is None and annual_sales is None:
        raise ValueError(
            "Isi paling sedikit satu: nilai investasi, kekayaan bersih, atau hasil penjualan tahunan."
        )
    return (
        (investment is not None and 0 <= investment <= 1_000_000_000)
        or (net_assets is not None and 50_000_000 < net_assets <= 500_000_000)
        or (annual_sales is not None and 300_000_000 < annual_sales <= 2_500_000_000)
    )
