"""Incoterms® 2020 (ICC Publication No. 723): the eleven rules as data.

The table lives in ``datasets/incoterms2020.csv`` (see ``datasets/README.md`` for sources and
reliability); this module only loads it. Party names are Indonesian: ``"penjual"`` (seller) and
``"pembeli"`` (buyer).

The supply chain used to show where risk and cost pass is a fixed sequence of points
(:data:`CHAIN`). For each rule, ``risk_point`` is the point where risk passes to the buyer and
``cost_point`` the point up to which the seller pays; they differ only for the four C-rules
(risk passes at origin, the seller pays the main carriage to destination).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from alaskaki.paths import dataset

SELLER = "penjual"
BUYER = "pembeli"
DATASET = "incoterms2020.csv"

#: Points along the drawn supply chain, in order: (key, Indonesian label).
CHAIN: tuple[tuple[str, str], ...] = (
    ("tempat_penjual", "Tempat penjual"),
    ("pengangkut", "Diserahkan ke pengangkut"),
    ("sisi_kapal", "Di sisi kapal (pelabuhan muat)"),
    ("atas_kapal", "Di atas kapal (pelabuhan muat)"),
    ("tiba_tujuan", "Tiba di tujuan, siap dibongkar"),
    ("dibongkar", "Sudah dibongkar di tujuan"),
    ("tempat_pembeli", "Tempat pembeli"),
)
CHAIN_KEYS: tuple[str, ...] = tuple(k for k, _ in CHAIN)


@dataclass(frozen=True)
class IncotermRule:
    """One Incoterms 2020 rule."""

    code: str
    name_en: str
    name_id: str  # plain Indonesian gloss for teaching, not an official ICC translation
    sea_only: bool  # True for FAS, FOB, CFR, CIF (sea and inland waterway only)
    named_place: str  # what the place after the code names, in Indonesian
    main_carriage_paid_by: str  # "penjual" | "pembeli"
    insurance_by: str | None  # who must insure under the rule; None: the rule sets no duty
    min_cover: str | None  # minimum cover clauses, e.g. "Institute Cargo Clauses (C)"
    min_insured_percent: int | None  # minimum insured value, % of the contract value
    export_clearance_by: str
    import_clearance_by: str
    risk_point: str  # key in CHAIN where risk passes to the buyer
    cost_point: str  # key in CHAIN up to which the seller pays
    risk_passes_id: str  # Indonesian sentence: where risk passes

    @property
    def mode(self) -> str:
        """``"sea"`` for the sea/inland-waterway rules, ``"any"`` for any mode of transport."""
        return "sea" if self.sea_only else "any"

    @property
    def risk_index(self) -> int:
        return CHAIN_KEYS.index(self.risk_point)

    @property
    def cost_index(self) -> int:
        return CHAIN_KEYS.index(self.cost_point)


def _party(value: str, row: dict[str, str], column: str) -> str:
    if value not in (SELLER, BUYER):
        raise ValueError(
            f"{DATASET}, aturan {row['code']}: kolom {column} harus 'penjual' atau 'pembeli', bukan {value!r}."
        )
    return value


def _load() -> dict[str, IncotermRule]:
    rules: dict[str, IncotermRule] = {}
    with dataset(DATASET).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            for column in ("risk_point", "cost_point"):
                if row[column] not in CHAIN_KEYS:
                    raise ValueError(
                        f"{DATASET}, aturan {row['code']}: titik {row[column]!r} tidak dikenal."
                    )
            rules[row["code"]] = IncotermRule(
                code=row["code"],
                name_en=row["name_en"],
                name_id=row["name_id"],
                sea_only=row["sea_only"] == "true",
                named_place=row["named_place"],
                main_carriage_paid_by=_party(
                    row["main_carriage_paid_by"], row, "main_carriage_paid_by"
                ),
                insurance_by=_party(row["insurance_by"], row, "insurance_by")
                if row["insurance_by"]
                else None,
                min_cover=row["min_cover"] or None,
                min_insured_percent=int(row["min_insured_percent"])
                if row["min_insured_percent"]
                else None,
                export_clearance_by=_party(row["export_clearance_by"], row, "export_clearance_by"),
                import_clearance_by=_party(row["import_clearance_by"], row, "import_clearance_by"),
                risk_point=row["risk_point"],
                cost_point=row["cost_point"],
                risk_passes_id=row["risk_passes_id"],
            )
    return rules


@cache
def _rules() -> dict[str, IncotermRule]:
    return _load()


RULES: dict[str, IncotermRule] = _rules()
SEA_ONLY: tuple[str, ...] = tuple(c for c, r in RULES.items() if r.sea_only)


def rule(code: str) -> IncotermRule:
    """The rule for a code such as ``"FOB"`` (case and surrounding spaces ignored)."""
    key = code.strip().upper() if isinstance(code, str) else code
    try:
        return RULES[key]
    except KeyError:
        raise ValueError(
            f"Incoterm {code!r} tidak dikenal. Pilih salah satu dari: {', '.join(RULES)}."
        ) from None


SEA_MODES = ("sea", "inland_waterway")
OTHER_MODES = ("any", "road", "rail", "air", "multimodal")


def rules_for_mode(mode: str) -> list[IncotermRule]:
    """Rules that fit a transport mode.

    ``"sea"`` (or ``"inland_waterway"``): all eleven rules fit, since the seven "any mode" rules
    include sea. ``"any"`` — a shipment not (only) by sea or inland waterway; ``"road"``,
    ``"rail"``, ``"air"`` and ``"multimodal"`` are accepted as the same — only the seven rules for
    any mode fit: the four sea-only rules FAS, FOB, CFR and CIF are left out. The four sea-only
    rules themselves are :data:`SEA_ONLY`.
    """
    key = mode.strip().lower() if isinstance(mode, str) else mode
    if key in SEA_MODES:
        return list(RULES.values())
    if key in OTHER_MODES:
        return [r for r in RULES.values() if not r.sea_only]
    raise ValueError(
        f"Moda angkut harus 'sea' (laut/perairan darat) atau 'any' (moda lain: darat, udara, multimoda), bukan {mode!r}."
    )


def segments(code: str) -> list[tuple[str, str, str, str]]:
    """The legs between consecutive points of :data:`CHAIN` and who carries each under a rule.

    Returns ``(from_key, to_key, risk_party, cost_party)`` per leg. A leg that ends at or before
    the rule's risk point (cost point) is the seller's; every later leg is the buyer's.
    """
    r = rule(code)
    out = []
    for i in range(len(CHAIN_KEYS) - 1):
        out.append(
            (
                CHAIN_KEYS[i],
                CHAIN_KEYS[i + 1],
                SELLER if i < r.risk_index else BUYER,
                SELLER if i < r.cost_index else BUYER,
            )
        )
    return out
