"""Export documents: commercial invoice, packing list, export-declaration (PEB) data, and the
consistency check across them.

The invoice and packing list are the basic supporting customs documents of a PEB (brief §1.2,
§1.5). The field sets here are the kit's simplified teaching models, not the official BC 3.0
layout: they hold what the consistency check compares.

Comparison conventions (stated once):

* quantities (pairs) and cartons must be equal;
* weights (kg) and values must agree to within :data:`WEIGHT_TOLERANCE_KG` and
  :data:`VALUE_TOLERANCE` (rounding on a printed document, nothing more);
* currency and Incoterm codes are compared without case or surrounding spaces;
* consignee names are compared without case, punctuation or repeated spaces;
* HS codes are compared without dots and spaces; a shorter code agrees with a longer one that
  starts with it (a six-digit HS subheading on the invoice agrees with the eight-digit tariff line
  in the PEB), and each document's set of codes must cover the other's.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from alaskaki.text import number

WEIGHT_TOLERANCE_KG = 0.01
VALUE_TOLERANCE = 0.01

INVOICE = "invoice"
PACKING_LIST = "packing_list"
PEB = "peb"

#: How each document is named to a participant.
DOCUMENT_NAMES = {
    INVOICE: "*invoice* (faktur komersial)",
    PACKING_LIST: "*packing list* (daftar kemasan)",
    PEB: "PEB (Pemberitahuan Ekspor Barang)",
}

#: Mismatch kinds and how each field is named to a participant.
FIELD_NAMES = {
    "quantity": "jumlah pasang",
    "cartons": "jumlah karton",
    "net_weight": "berat bersih (kg)",
    "gross_weight": "berat kotor (kg)",
    "value": "nilai barang",
    "currency": "mata uang",
    "hs_code": "kode HS",
    "incoterm": "Incoterm",
    "consignee": "penerima barang (*consignee*)",
}


def _positive(name: str, value: float, *, allow_zero: bool = False) -> None:
    bad = value < 0 if allow_zero else value <= 0
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or math.isnan(value) or bad:
        raise ValueError(
            f"{name} harus angka {'tidak negatif' if allow_zero else 'lebih dari nol'}, bukan {value!r}."
        )


@dataclass(frozen=True)
class InvoiceLine:
    """One line of a commercial invoice: an article, its HS code, pairs and price per pair."""

    description: str
    hs_code: str
    quantity: int  # pairs
    unit_price: float  # per pair, in the invoice currency

    def __post_init__(self) -> None:
        _positive(f"Jumlah pasang untuk {self.description!r}", self.quantity)
        _positive(f"Harga per pasang untuk {self.description!r}", self.unit_price, allow_zero=True)

    @property
    def amount(self) -> float:
        return self.quantity * self.unit_price


@dataclass(frozen=True)
class CommercialInvoice:
    """A commercial invoice (*invoice*): who sells to whom, on which terms, and for how much."""

    number: str
    exporter: str
    consignee: str
    currency: str
    incoterm: str
    lines: tuple[InvoiceLine, ...]
    named_place: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", tuple(self.lines))
        if not self.lines:
            raise ValueError(f"Invoice {self.number!r} belum punya baris barang.")

    @property
    def total_quantity(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def total_value(self) -> float:
        return sum(line.amount for line in self.lines)

    @property
    def hs_codes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(line.hs_code for line in self.lines))


@dataclass(frozen=True)
class PackingLine:
    """One line of a packing list: identical cartons of one article."""

    description: str
    cartons: int
    pairs_per_carton: int
    net_kg_per_carton: float
    gross_kg_per_carton: float
    hs_code: str = ""

    def __post_init__(self) -> None:
        _positive(f"Jumlah karton untuk {self.description!r}", self.cartons)
        _positive(f"Isi pasang per karton untuk {self.description!r}", self.pairs_per_carton)
        _positive(f"Berat bersih per karton untuk {self.description!r}", self.net_kg_per_carton)
        _positive(f"Berat kotor per karton untuk {self.description!r}", self.gross_kg_per_carton)
        if self.gross_kg_per_carton < self.net_kg_per_carton:
            raise ValueError(
                f"Berat kotor per karton untuk {self.description!r} ({self.gross_kg_per_carton} kg) tidak boleh lebih kecil dari berat bersihnya ({self.net_kg_per_carton} kg)."
            )

    @property
    def quantity(self) -> int:
        return self.cartons * self.pairs_per_carton

    @property
    def net_weight(self) -> float:
        return self.cartons * self.net_kg_per_carton

    @property
    def gross_weight(self) -> float:
        return self.cartons * self.gross_kg_per_carton


@dataclass(frozen=True)
class PackingList:
    """A packing list (*daftar kemasan*): what is in which cartons, and what they weigh."""

    number: str
    consignee: str
    lines: tuple[PackingLine, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", tuple(self.lines))
        if not self.lines:
            raise ValueError(f"Packing list {self.number!r} belum punya baris kemasan.")

    @property
    def total_cartons(self) -> int:
        return sum(line.cartons for line in self.lines)

    @property
    def total_quantity(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def total_net_weight(self) -> float:
        return sum(line.net_weight for line in self.lines)

    @property
    def total_gross_weight(self) -> float:
        return sum(line.gross_weight for line in self.lines)

    @property
    def hs_codes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(line.hs_code for line in self.lines if line.hs_code))


@dataclass(frozen=True)
class ExportDeclaration:
    """The data of an export declaration (PEB, form BC 3.0) that must agree with invoice and packing list."""

    exporter: str
    consignee: str
    hs_codes: tuple[str, ...]
    quantity: int  # pairs
    cartons: int  # jumlah kemasan
    net_weight: float  # kg
    gross_weight: float  # kg
    value: float  # value of the goods as invoiced, in `currency`
    currency: str
    incoterm: str  # cara penyerahan

    def __post_init__(self) -> None:
        codes = (self.hs_codes,) if isinstance(self.hs_codes, str) else tuple(self.hs_codes)
        object.__setattr__(self, "hs_codes", codes)


@dataclass(frozen=True)
class Mismatch:
    """One disagreement between two documents."""

    kind: str  # key of FIELD_NAMES
    documents: tuple[str, str]  # keys of DOCUMENT_NAMES
    values: tuple[object, object]  # value in the first, value in the second document
    message: str  # Indonesian, names both documents

    def __str__(self) -> str:
        return self.message


def _fmt(value: object) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return number(value, 0)
    if isinstance(value, float):
        return number(value, 2)
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value) or "(kosong)"
    return repr(value) if value == "" else str(value)


def _mismatch(kind: str, doc_a: str, a: object, doc_b: str, b: object) -> Mismatch:
    label = FIELD_NAMES[kind][0].upper() + FIELD_NAMES[kind][1:]
    message = (
        f"{label} tidak sama: {DOCUMENT_NAMES[doc_a]} menulis {_fmt(a)}, "
        f"sedangkan {DOCUMENT_NAMES[doc_b]} menulis {_fmt(b)}."
    )
    return Mismatch(kind=kind, documents=(doc_a, doc_b), values=(a, b), message=message)


def _code(text: str) -> str:
    return text.strip().upper()


def _name(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _hs(text: str) -> str:
    return re.sub(r"[\s.]", "", text)


def hs_codes_agree(a: Iterable[str], b: Iterable[str]) -> bool:
    """True when every code of each set is matched by a code of the other (prefix rule, see module doc)."""
    a_norm = [_hs(c) for c in a if c.strip()]
    b_norm = [_hs(c) for c in b if c.strip()]

    def covered(xs: list[str], ys: list[str]) -> bool:
        return all(any(x.startswith(y) or y.startswith(x) for y in ys) for x in xs)

    return covered(a_norm, b_norm) and covered(b_norm, a_norm)


@dataclass
class _Checker:
    found: list[Mismatch] = field(default_factory=list)

    def exact(
        self, kind: str, doc_a: str, a: object, doc_b: str, b: object, key=lambda v: v
    ) -> None:
        if key(a) != key(b):
            self.found.append(_mismatch(kind, doc_a, a, doc_b, b))

    def close(self, kind: str, doc_a: str, a: float, doc_b: str, b: float, tol: float) -> None:
        if not math.isclose(a, b, rel_tol=0, abs_tol=tol):
            self.found.append(_mismatch(kind, doc_a, round(a, 2), doc_b, round(b, 2)))


def check_consistency(
    invoice: CommercialInvoice, packing_list: PackingList, peb: ExportDeclaration
) -> list[Mismatch]:
    """Every disagreement across invoice, packing list and PEB data; an empty list when all agree.

    Checked pairs: quantity (invoice–packing list, invoice–PEB), cartons (packing list–PEB),
    net and gross weight (packing list–PEB), value and currency (invoice–PEB), HS codes
    (invoice–PEB, and invoice–packing list when the packing list carries codes), Incoterm
    (invoice–PEB), consignee (invoice–packing list, invoice–PEB).
    """
    c = _Checker()
    iv, pl = invoice, packing_list
    c.exact("quantity", INVOICE, iv.total_quantity, PACKING_LIST, pl.total_quantity)
    c.exact("quantity", INVOICE, iv.total_quantity, PEB, peb.quantity)
    c.exact("cartons", PACKING_LIST, pl.total_cartons, PEB, peb.cartons)
    c.close(
        "net_weight", PACKING_LIST, pl.total_net_weight, PEB, peb.net_weight, WEIGHT_TOLERANCE_KG
    )
    c.close(
        "gross_weight",
        PACKING_LIST,
        pl.total_gross_weight,
        PEB,
        peb.gross_weight,
        WEIGHT_TOLERANCE_KG,
    )
    c.close("value", INVOICE, iv.total_value, PEB, peb.value, VALUE_TOLERANCE)
    c.exact("currency", INVOICE, iv.currency, PEB, peb.currency, key=_code)
    if not hs_codes_agree(iv.hs_codes, peb.hs_codes):
        c.found.append(_mismatch("hs_code", INVOICE, iv.hs_codes, PEB, peb.hs_codes))
    if pl.hs_codes and not hs_codes_agree(iv.hs_codes, pl.hs_codes):
        c.found.append(_mismatch("hs_code", INVOICE, iv.hs_codes, PACKING_LIST, pl.hs_codes))
    c.exact("incoterm", INVOICE, iv.incoterm, PEB, peb.incoterm, key=_code)
    c.exact("consignee", INVOICE, iv.consignee, PACKING_LIST, pl.consignee, key=_name)
    c.exact("consignee", INVOICE, iv.consignee, PEB, peb.consignee, key=_name)
    return c.found
