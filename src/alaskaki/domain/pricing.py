"""Export price building: margins, exchange rates and the Incoterms price ladder.

Conventions, stated once and used everywhere in the kit:

* **Margin on cost** (*markup*, *margin atas biaya*): ``price = cost × (1 + m)``; m = profit ÷ cost.
* **Margin on price** (*margin atas harga jual*): ``price = cost ÷ (1 − m)``; m = profit ÷ price.
  The same rupiah profit is a larger margin on cost than on price.
* **Bank rates** are quoted in rupiah per US dollar. The bank *buys* USD at its buying rate
  (*kurs beli*) and *sells* USD at its selling rate (*kurs jual*), which is the higher one:

  - an exporter converting USD proceeds into rupiah sells USD to the bank → **kurs beli**;
  - an exporter (or importer of materials) buying USD to pay in dollars → **kurs jual**.

  A USD price built from rupiah costs therefore uses **kurs beli**: that is the rate at which the
  dollars the buyer pays will come back as rupiah.
* **Price ladder** (per pair or per shipment, one currency throughout)::

      FCA = EXW + costs to hand the goods to the carrier (export clearance, documents, trucking)
      FOB = EXW + costs until the goods are on board (inland transport, export handling, loading)
      CFR = FOB + sea freight
      CIF = CFR / (1 − 1.1 × r)        insurance premium = r × 110 % × CIF
      CPT = FCA + carriage to the place of destination
      CIP = CPT / (1 − 1.1 × r)

  The 110 % comes from :mod:`alaskaki.domain.incoterms` (minimum insured value of CIF and CIP).

Numbers used in the kit's examples (rates, freight, premiums) are *contoh*.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

from alaskaki.domain.incoterms import rule
from alaskaki.text import rupiah

#: Exchange rates from the brief's worked EXW example (§3.1, [S] scribd 670453390) — *contoh*.
CONTOH_KURS_BELI = 15289.0
CONTOH_KURS_JUAL = 15443.0
#: JISDOR reference rate on 21 Apr 2025, rupiah per USD (brief §3.1, [S] katadata) — a reference point.
JISDOR_21_APR_2025 = 16808.0


def _insured_fraction(code: str) -> float:
    percent = rule(code).min_insured_percent
    if percent is None:  # pragma: no cover - guarded by the dataset tests
        raise ValueError(f"Aturan {code} tidak mewajibkan asuransi.")
    return percent / 100


INSURED_FRACTION = _insured_fraction("CIF")  # 1.1: 110 % of the contract value


def _check_nonneg(name: str, value: float) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, numbers.Real)
        or math.isnan(value)
        or value < 0
    ):
        raise ValueError(f"{name} harus angka dan tidak boleh negatif, bukan {value!r}.")


# --- margins ---------------------------------------------------------------------------------


def price_from_margin_on_cost(cost: float, margin: float) -> float:
    """Selling price from a margin on cost (*markup*): ``cost × (1 + margin)``; 0.25 = 25 %."""
    _check_nonneg("Biaya", cost)
    if margin <= -1:
        raise ValueError(f"Margin atas biaya harus lebih dari -1 (-100%), bukan {margin!r}.")
    return cost * (1 + margin)


def price_from_margin_on_price(cost: float, margin: float) -> float:
    """Selling price from a margin on price: ``cost ÷ (1 − margin)``; 0.20 = 20 % of the price."""
    _check_nonneg("Biaya", cost)
    if margin >= 1:
        raise ValueError(f"Margin atas harga jual harus kurang dari 1 (100%), bukan {margin!r}.")
    return cost / (1 - margin)


def margin_on_cost(cost: float, price: float) -> float:
    """Inverse of :func:`price_from_margin_on_cost`: ``(price − cost) ÷ cost``."""
    if cost <= 0:
        raise ValueError(
            f"Biaya harus lebih dari nol untuk menghitung margin atas biaya, bukan {cost!r}."
        )
    return (price - cost) / cost


def margin_on_price(cost: float, price: float) -> float:
    """Inverse of :func:`price_from_margin_on_price`: ``(price − cost) ÷ price``."""
    if price <= 0:
        raise ValueError(
            f"Harga jual harus lebih dari nol untuk menghitung margin atas harga, bukan {price!r}."
        )
    return (price - cost) / price


def margin_on_cost_to_price(m: float) -> float:
    """Margin on cost → the equal margin on price: ``m ÷ (1 + m)`` (25 % on cost = 20 % on price)."""
    return m / (1 + m)


def margin_on_price_to_cost(m: float) -> float:
    """Margin on price → the equal margin on cost: ``m ÷ (1 − m)``."""
    return m / (1 - m)


# --- exchange rates --------------------------------------------------------------------------


@dataclass(frozen=True)
class BankRates:
    """A bank's quote in rupiah per USD: it buys USD at ``buying`` and sells USD at ``selling``."""

    buying: float  # kurs beli
    selling: float  # kurs jual

    def __post_init__(self) -> None:
        if not (self.buying > 0 and self.selling > 0):
            raise ValueError("Kurs beli dan kurs jual harus lebih dari nol.")
        if self.buying > self.selling:
            raise ValueError(
                f"Kurs beli bank ({rupiah(self.buying)}) tidak boleh lebih tinggi dari kurs jual ({rupiah(self.selling)})."
            )


CONTOH_KURS = BankRates(buying=CONTOH_KURS_BELI, selling=CONTOH_KURS_JUAL)


def idr_to_usd(idr: float, idr_per_usd: float) -> float:
    """Plain conversion at one rate (rupiah per USD)."""
    if idr_per_usd <= 0:
        raise ValueError(f"Kurs harus lebih dari nol, bukan {idr_per_usd!r}.")
    return idr / idr_per_usd


def usd_to_idr(usd: float, idr_per_usd: float) -> float:
    """Plain conversion at one rate (rupiah per USD)."""
    if idr_per_usd <= 0:
        raise ValueError(f"Kurs harus lebih dari nol, bukan {idr_per_usd!r}.")
    return usd * idr_per_usd


def proceeds_in_idr(usd: float, rates: BankRates) -> float:
    """Rupiah an exporter receives for USD proceeds: the bank buys the USD at its **kurs beli**."""
    return usd_to_idr(usd, rates.buying)


def idr_to_buy_usd(usd: float, rates: BankRates) -> float:
    """Rupiah needed to buy USD (e.g. to pay imported materials): the bank sells at **kurs jual**."""
    return usd_to_idr(usd, rates.selling)


def usd_price_from_idr(idr: float, rates: BankRates) -> float:
    """USD price that brings back a rupiah amount once converted at the bank's **kurs beli**."""
    return idr_to_usd(idr, rates.buying)


def per_unit(total: float, units: float) -> float:
    """A shipment cost (e.g. a container's freight) spread over its units (pairs)."""
    if units <= 0:
        raise ValueError(f"Jumlah unit harus lebih dari nol, bukan {units!r}.")
    return total / units


# --- insurance and the ladder ----------------------------------------------------------------


def _check_rate(rate: float) -> None:
    if not 0 <= rate < 1 / INSURED_FRACTION:
        raise ValueError(
            f"Tarif premi asuransi harus pecahan kecil (mis. 0.003 untuk 0,3%), bukan {rate!r}."
        )


def cif_from_cfr(cfr: float, insurance_rate: float) -> float:
    """CIF from CFR when the premium is ``rate`` on 110 % of CIF: ``cfr / (1 − 1.1 × rate)``."""
    _check_nonneg("CFR", cfr)
    _check_rate(insurance_rate)
    return cfr / (1 - INSURED_FRACTION * insurance_rate)


def cip_from_cpt(cpt: float, insurance_rate: float) -> float:
    """CIP from CPT, the same way as :func:`cif_from_cfr` (CIP also insures 110 %)."""
    _check_nonneg("CPT", cpt)
    _check_rate(insurance_rate)
    return cpt / (1 - _insured_fraction("CIP") * insurance_rate)


def insurance_premium(insured_price: float, insurance_rate: float) -> float:
    """Premium on 110 % of a CIF/CIP price: ``rate × 1.1 × price``."""
    _check_rate(insurance_rate)
    return insurance_rate * INSURED_FRACTION * insured_price


def cfr_from_cif(cif: float, insurance_rate: float) -> float:
    """Inverse of :func:`cif_from_cfr`."""
    return cif - insurance_premium(cif, insurance_rate)


def fob_price(exw: float, costs_to_on_board: float) -> float:
    """FOB = EXW + inland transport, export handling/documents and loading on board."""
    _check_nonneg("EXW", exw)
    _check_nonneg("Biaya sampai di atas kapal", costs_to_on_board)
    return exw + costs_to_on_board


def fca_price(exw: float, costs_to_carrier: float) -> float:
    """FCA = EXW + export clearance, documents and transport until handed to the carrier."""
    _check_nonneg("EXW", exw)
    _check_nonneg("Biaya sampai ke pengangkut", costs_to_carrier)
    return exw + costs_to_carrier


def cfr_price(fob: float, sea_freight: float) -> float:
    """CFR = FOB + sea freight to the port of destination."""
    _check_nonneg("Ongkos angkut laut", sea_freight)
    return fob + sea_freight


def cpt_price(fca: float, carriage: float) -> float:
    """CPT = FCA + carriage to the named place of destination."""
    _check_nonneg("Ongkos angkut", carriage)
    return fca + carriage


@dataclass(frozen=True)
class PriceLadder:
    """Prices under each Incoterm on the ladder, all in one currency."""

    exw: float
    fca: float
    fob: float
    cfr: float
    cif: float
    cpt: float
    cip: float
    insurance_rate: float

    @property
    def cif_insurance(self) -> float:
        return self.cif - self.cfr

    @property
    def cip_insurance(self) -> float:
        return self.cip - self.cpt

    def price(self, code: str) -> float | None:
        """The price for an Incoterm code, or None for the rules the ladder does not build (DAP, DPU, DDP, FAS)."""
        return {
            "EXW": self.exw,
            "FCA": self.fca,
            "FOB": self.fob,
            "CFR": self.cfr,
            "CIF": self.cif,
            "CPT": self.cpt,
            "CIP": self.cip,
        }.get(rule(code).code)

    def steps(self) -> list[tuple[str, float]]:
        """``(code, price)`` in ladder order: EXW, FCA, FOB, CFR, CIF, CPT, CIP."""
        return [(c, self.price(c)) for c in LADDER_CODES]


LADDER_CODES = ("EXW", "FCA", "FOB", "CFR", "CIF", "CPT", "CIP")


def price_ladder(
    exw: float,
    *,
    costs_to_carrier: float,
    costs_to_on_board: float,
    sea_freight: float,
    carriage: float,
    insurance_rate: float,
) -> PriceLadder:
    """Build EXW → FCA/FOB → CFR → CIF and CPT → CIP from EXW and the cost of each step."""
    fca = fca_price(exw, costs_to_carrier)
    fob = fob_price(exw, costs_to_on_board)
    cfr = cfr_price(fob, sea_freight)
    cpt = cpt_price(fca, carriage)
    return PriceLadder(
        exw=exw,
        fca=fca,
        fob=fob,
        cfr=cfr,
        cif=cif_from_cfr(cfr, insurance_rate),
        cpt=cpt,
        cip=cip_from_cpt(cpt, insurance_rate),
        insurance_rate=insurance_rate,
    )
