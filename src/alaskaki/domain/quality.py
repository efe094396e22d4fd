"""ISO 2859-1 acceptance sampling (normal inspection, single sampling) and defect classes.

The tables are ISO 2859-1:1999 Table 1 (sample size code letters) and Table II-A (single sampling
plans, normal inspection), identical to ANSI/ASQ Z1.4 and MIL-STD-105E. They live in
``datasets/iso2859_kode_huruf.csv`` and ``datasets/iso2859_rencana_normal.csv`` exactly as the brief
(§4.3) prints them, arrows included; this module only reads and resolves them.

Conventions:

* ``code_letter(lot, level)`` is the letter from Table 1.
* ``sampling_plan(lot, aql, level)`` resolves the arrows of Table II-A as the standard says:
  ``↓`` = use the first plan *below* the arrow, ``↑`` = the first plan *above*, each **with that
  plan's** sample size and code letter. ``SamplingPlan.code_letter`` is the letter of the plan
  actually used; ``lot_code_letter`` keeps the letter Table 1 gave.
* When the sample size equals or exceeds the lot size, ``full_inspection`` is True: every unit of the
  lot is inspected (``units_to_inspect == lot_size``); ``sample_size``, ``accept`` and ``reject``
  stay the table's values.
* ``acceptance_probability`` is binomial on the units inspected: ``sample_size``, or the lot size
  under full inspection (the same count the simulator and ``lot_decision`` use).
* Defect classes (kritis, mayor, minor) are data in ``datasets/kelas_cacat.csv``.

Bad input raises :class:`ValueError` with a message in Bahasa Indonesia.
"""

from __future__ import annotations

import csv
import math
import numbers
import random
from dataclasses import dataclass, field
from functools import cache

from alaskaki.paths import dataset

__all__ = [
    "AQL_VALUES",
    "LEVELS",
    "CODE_LETTERS",
    "SamplingPlan",
    "DefectClass",
    "code_letter",
    "sampling_plan",
    "plan_for_code",
    "table_entry",
    "acceptance_probability",
    "oc_curve",
    "lot_decision",
    "simulate_inspection",
    "defect_classes",
    "defect_class",
    "LEVEL_DESCRIPTIONS",
]

CODE_LETTER_FILE = "iso2859_kode_huruf.csv"
NORMAL_PLAN_FILE = "iso2859_rencana_normal.csv"
DEFECT_CLASS_FILE = "kelas_cacat.csv"

LEVELS: tuple[str, ...] = ("S-1", "S-2", "S-3", "S-4", "I", "II", "III")

ARROW_DOWN = "↓"
ARROW_UP = "↑"

LEVEL_DESCRIPTIONS: dict[str, str] = {
    "I": "Tingkat umum I: daya beda lebih kecil daripada tingkat II.",
    "II": "Tingkat umum II: tingkat yang biasa dipakai.",
    "III": "Tingkat umum III: daya beda lebih besar daripada tingkat II.",
    "S-1": "Tingkat khusus S-1: bila sampel harus kecil dan risiko sampling yang lebih besar dapat diterima.",
    "S-2": "Tingkat khusus S-2: bila sampel harus kecil dan risiko sampling yang lebih besar dapat diterima.",
    "S-3": "Tingkat khusus S-3: bila sampel harus kecil dan risiko sampling yang lebih besar dapat diterima.",
    "S-4": "Tingkat khusus S-4: bila sampel harus kecil dan risiko sampling yang lebih besar dapat diterima.",
}


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class _LotRow:
    lot_min: int
    lot_max: int | None  # None: "and over"
    letters: dict[str, str]


@cache
def _lot_rows() -> tuple[_LotRow, ...]:
    with dataset(CODE_LETTER_FILE).open(encoding="utf-8", newline="") as fh:
        rows = []
        for rec in csv.DictReader(fh):
            lot_max = rec["ukuran_lot_maks"].strip()
            rows.append(
                _LotRow(
                    lot_min=int(rec["ukuran_lot_min"]),
                    lot_max=int(lot_max) if lot_max else None,
                    letters={lv: rec[lv].strip() for lv in LEVELS},
                )
            )
    return tuple(rows)


@cache
def _plan_table() -> tuple[tuple[str, ...], dict[str, int], dict[tuple[str, float], str]]:
    """(code letters in order, sample size per letter, raw cell per (letter, aql))."""
    with dataset(NORMAL_PLAN_FILE).open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        aql_cols = [c for c in reader.fieldnames or [] if c not in ("kode_huruf", "ukuran_sampel")]
        letters: list[str] = []
        sizes: dict[str, int] = {}
        cells: dict[tuple[str, float], str] = {}
        for rec in reader:
            letter = rec["kode_huruf"].strip()
            letters.append(letter)
            sizes[letter] = int(rec["ukuran_sampel"])
            for col in aql_cols:
                cells[(letter, float(col))] = rec[col].strip()
    return tuple(letters), sizes, cells


def _aql_values() -> tuple[float, ...]:
    _, _, cells = _plan_table()
    return tuple(sorted({aql for _, aql in cells}))


AQL_VALUES: tuple[float, ...] = _aql_values()
CODE_LETTERS: tuple[str, ...] = _plan_table()[0]


# --------------------------------------------------------------------------- input checks


def _check_lot(lot_size: object) -> int:
    if isinstance(lot_size, bool) or not isinstance(lot_size, numbers.Integral):
        raise ValueError(f"Ukuran lot harus bilangan bulat (jumlah pasang), bukan {lot_size!r}.")
    lot = int(lot_size)
    first = _lot_rows()[0].lot_min
    if lot < first:
        raise ValueError(
            f"Ukuran lot minimal {first} pasang menurut Tabel 1 ISO 2859-1; diberikan {lot}."
        )
    return lot


def _check_level(level: object) -> str:
    if not isinstance(level, str):
        raise ValueError(f"Tingkat inspeksi harus teks seperti 'II' atau 'S-3', bukan {level!r}.")
    norm = level.strip().upper().replace(" ", "")
    if len(norm) == 2 and norm[0] == "S" and norm[1].isdigit():
        norm = f"S-{norm[1]}"
    if norm not in LEVELS:
        raise ValueError(
            f"Tingkat inspeksi {level!r} tidak dikenal. Pilih salah satu: {', '.join(LEVELS)}."
        )
    return norm


def _check_aql(aql: object) -> float:
    try:
        if isinstance(aql, bool):
            raise TypeError
        value = float(aql.replace(",", ".")) if isinstance(aql, str) else float(aql)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"AQL harus angka seperti 2.5, bukan {aql!r}.") from None
    for known in AQL_VALUES:
        if math.isclose(value, known, rel_tol=0, abs_tol=1e-9):
            return known
    allowed = ", ".join(f"{a:g}" for a in AQL_VALUES)
    raise ValueError(f"AQL {aql!r} tidak ada di tabel kit ini. Pilih salah satu: {allowed}.")


def _check_letter(letter: object) -> str:
    if not isinstance(letter, str) or letter.strip().upper() not in CODE_LETTERS:
        raise ValueError(
            f"Kode huruf {letter!r} tidak dikenal. Pilih salah satu: {', '.join(CODE_LETTERS)}."
        )
    return letter.strip().upper()


# --------------------------------------------------------------------------- public API


def code_letter(lot_size: int, level: str = "II") -> str:
    """Sample size code letter (ISO 2859-1 Table 1) for a lot size and inspection level."""
    lot = _check_lot(lot_size)
    lv = _check_level(level)
    for row in _lot_rows():
        if lot >= row.lot_min and (row.lot_max is None or lot <= row.lot_max):
            return row.letters[lv]
    raise AssertionError(f"Tabel kode huruf tidak mencakup ukuran lot {lot}.")  # pragma: no cover


def table_entry(letter: str, aql: float) -> str:
    """The raw cell of Table II-A as printed: ``"↓"``, ``"↑"`` or ``"Ac/Re"`` such as ``"1/2"``."""
    _, _, cells = _plan_table()
    return cells[(_check_letter(letter), _check_aql(aql))]


@dataclass(frozen=True)
class SamplingPlan:
    """A single sampling plan, normal inspection.

    ``code_letter`` is the letter of the plan actually used (after following arrows).
    Accept the lot when defects found ≤ ``accept``; reject when ≥ ``reject``.
    """

    code_letter: str
    sample_size: int
    accept: int
    reject: int
    full_inspection: bool = False
    # context, not part of the plan's identity (two lots with the same plan compare equal)
    lot_size: int | None = field(default=None, compare=False)
    aql: float | None = field(default=None, compare=False)
    level: str | None = field(default=None, compare=False)
    lot_code_letter: str | None = field(default=None, compare=False)  # Table 1 letter

    @property
    def units_to_inspect(self) -> int:
        """Units to inspect: the sample, or the whole lot when ``full_inspection``."""
        if self.full_inspection and self.lot_size is not None:
            return self.lot_size
        return self.sample_size

    @property
    def arrow_followed(self) -> bool:
        return self.lot_code_letter is not None and self.lot_code_letter != self.code_letter


def _resolve(letter: str, aql: float) -> tuple[str, int, int]:
    letters, _, cells = _plan_table()
    i = letters.index(letter)
    cell = cells[(letter, aql)]
    if cell in (ARROW_DOWN, ARROW_UP):
        step = 1 if cell == ARROW_DOWN else -1
        j = i + step
        while 0 <= j < len(letters) and cells[(letters[j], aql)] == cell:
            j += step
        if not 0 <= j < len(letters) or cells[(letters[j], aql)] in (ARROW_DOWN, ARROW_UP):
            raise AssertionError(f"Panah di {letter}/{aql} tidak berujung pada rencana.")
        i = j
        cell = cells[(letters[i], aql)]
    ac, re_ = (int(x) for x in cell.split("/"))
    return letters[i], ac, re_


def plan_for_code(letter: str, aql: float) -> SamplingPlan:
    """The plan for a code letter and AQL (Table II-A), arrows resolved; no lot size involved."""
    start = _check_letter(letter)
    used, ac, re_ = _resolve(start, _check_aql(aql))
    _, sizes, _ = _plan_table()
    return SamplingPlan(
        code_letter=used,
        sample_size=sizes[used],
        accept=ac,
        reject=re_,
        aql=_check_aql(aql),
        lot_code_letter=start,
    )


def sampling_plan(lot_size: int, aql: float, level: str = "II") -> SamplingPlan:
    """Single sampling plan, normal inspection, for a lot, an AQL and an inspection level."""
    lot = _check_lot(lot_size)
    lv = _check_level(level)
    value = _check_aql(aql)
    start = code_letter(lot, lv)
    used, ac, re_ = _resolve(start, value)
    n = _plan_table()[1][used]
    return SamplingPlan(
        code_letter=used,
        sample_size=n,
        accept=ac,
        reject=re_,
        full_inspection=n >= lot,
        lot_size=lot,
        aql=value,
        level=lv,
        lot_code_letter=start,
    )


def _check_rate(defect_rate: object) -> float:
    if isinstance(defect_rate, bool) or not isinstance(defect_rate, numbers.Real):
        raise ValueError(f"Proporsi cacat harus angka antara 0 dan 1, bukan {defect_rate!r}.")
    p = float(defect_rate)
    if not 0.0 <= p <= 1.0 or math.isnan(p):
        raise ValueError(
            f"Proporsi cacat harus antara 0 dan 1 (mis. 0.025 untuk 2,5%), bukan {defect_rate!r}."
        )
    return p


def acceptance_probability(plan: SamplingPlan, defect_rate: float) -> float:
    """Probability that a lot with this fraction defective is accepted.

    Binomial on ``plan.units_to_inspect`` (the sample size; the lot size under full inspection).
    """
    p = _check_rate(defect_rate)
    n, ac = plan.units_to_inspect, plan.accept
    if p == 0.0:
        return 1.0
    if p == 1.0:
        return 1.0 if ac >= n else 0.0
    # sum in log space so n = 2000 does not underflow term by term
    log_p, log_q = math.log(p), math.log1p(-p)
    total = 0.0
    for k in range(ac + 1):
        log_term = (
            math.lgamma(n + 1)
            - math.lgamma(k + 1)
            - math.lgamma(n - k + 1)
            + k * log_p
            + (n - k) * log_q
        )
        total += math.exp(log_term)
    return min(1.0, total)


def oc_curve(
    plan: SamplingPlan, max_rate: float = 0.2, points: int = 81
) -> list[tuple[float, float]]:
    """Points (defect rate, acceptance probability) of the plan's operating characteristic curve."""
    max_rate = _check_rate(max_rate)
    if points < 2:
        raise ValueError("Jumlah titik kurva OC minimal 2.")
    return [
        (max_rate * i / (points - 1), acceptance_probability(plan, max_rate * i / (points - 1)))
        for i in range(points)
    ]


def lot_decision(plan: SamplingPlan, defects_found: int) -> str:
    """``"terima"`` when defects found ≤ Ac, ``"tolak"`` when ≥ Re."""
    if isinstance(defects_found, bool) or not isinstance(defects_found, numbers.Integral):
        raise ValueError(f"Jumlah cacat harus bilangan bulat, bukan {defects_found!r}.")
    d = int(defects_found)
    if d < 0:
        raise ValueError(f"Jumlah cacat tidak boleh negatif: {d}.")
    if d > plan.units_to_inspect:
        raise ValueError(
            f"Jumlah cacat ({d}) lebih banyak daripada unit yang diperiksa ({plan.units_to_inspect})."
        )
    if d <= plan.accept:
        return "terima"
    if d >= plan.reject:
        return "tolak"
    raise AssertionError("Rencana tunggal selalu punya Re = Ac + 1.")  # pragma: no cover


def simulate_inspection(
    plan: SamplingPlan, defect_rate: float, rng: random.Random | None = None
) -> tuple[int, str]:
    """Draw the sample from a lot with the given fraction defective: (defects found, decision)."""
    p = _check_rate(defect_rate)
    rng = rng or random.Random()
    found = sum(1 for _ in range(plan.units_to_inspect) if rng.random() < p)
    return found, lot_decision(plan, found)


# --------------------------------------------------------------------------- defect classes


@dataclass(frozen=True)
class DefectClass:
    """A defect class as inspection firms use it (brief §4.2, secondary sources)."""

    key: str  # "kritis", "mayor", "minor"
    name_en: str
    description: str  # Bahasa Indonesia
    usual_aql: float  # one inspection firm's default; 0 = no defect of this class tolerated
    source: str


@cache
def defect_classes() -> tuple[DefectClass, ...]:
    """Defect classes kritis, mayor, minor, from ``datasets/kelas_cacat.csv``."""
    with dataset(DEFECT_CLASS_FILE).open(encoding="utf-8", newline="") as fh:
        return tuple(
            DefectClass(
                key=rec["kelas"].strip(),
                name_en=rec["nama_en"].strip(),
                description=rec["uraian"].strip(),
                usual_aql=float(rec["aql_lazim"]),
                source=rec["sumber"].strip(),
            )
            for rec in csv.DictReader(fh)
        )


def defect_class(key: str) -> DefectClass:
    """One defect class by key (``"kritis"``, ``"mayor"``, ``"minor"``)."""
    for dc in defect_classes():
        if isinstance(key, str) and dc.key == key.strip().lower():
            return dc
    keys = ", ".join(dc.key for dc in defect_classes())
    raise ValueError(f"Kelas cacat {key!r} tidak dikenal. Pilih salah satu: {keys}.")
