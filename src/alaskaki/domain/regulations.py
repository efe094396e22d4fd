"""Dated regulatory facts: what the kit teaches, since when, until when, and what replaces it.

The table lives once in ``datasets/regulasi.csv`` (one row per rule the modules teach, with its
source and reliability tag from the brief). A date is a day (``2023-01-02``), a month (``2025-02``)
or a year (``2026``) when the source gives no day; an empty ``berlaku_sejak`` means the source gives
no start date (or, as for IEU-CEPA, the rule is not in force yet), an empty ``berlaku_sampai`` means
no end is known. ``pengganti`` names the row that replaces a rule when it ends.

:func:`expired_without_successor` is the guard of design principle 12: the kit never teaches an
expired rule without its successor.
"""

from __future__ import annotations

import calendar
import csv
from dataclasses import dataclass
from datetime import date
from functools import cache

from alaskaki.paths import dataset

DATASET = "regulasi.csv"

#: Month names, the one list every Indonesian date in the kit is written with.
BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


def date_text(d: date) -> str:
    """``d`` written the Indonesian way: ``1 Januari 2027``."""
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


@dataclass(frozen=True)
class Period:
    """A date as precise as the source gives it (a day, a month or a year)."""

    text: str

    def _parts(self) -> tuple[int, int | None, int | None]:
        bits = [int(b) for b in self.text.split("-")]
        return bits[0], (bits[1] if len(bits) > 1 else None), (bits[2] if len(bits) > 2 else None)

    @property
    def first_day(self) -> date:
        y, m, d = self._parts()
        return date(y, m or 1, d or 1)

    @property
    def last_day(self) -> date:
        y, m, d = self._parts()
        if d:
            return date(y, m, d)  # type: ignore[arg-type]
        if m:
            return date(y, m, calendar.monthrange(y, m)[1])
        return date(y, 12, 31)

    def indonesian(self) -> str:
        y, m, d = self._parts()
        if d:
            return f"{d} {BULAN[m - 1]} {y}"  # type: ignore[index]
        if m:
            return f"{BULAN[m - 1]} {y}"
        return str(y)


@dataclass(frozen=True)
class Regulation:
    key: str
    name: str  # short Indonesian name (rule and number)
    fact: str  # Indonesian, as taught
    since: Period | None
    until: Period | None
    successor: str | None
    modules: tuple[str, ...]
    tag: str
    source: str

    def validity_id(self) -> str:
        """'berlaku sejak … sampai …' in Indonesian, saying plainly what is not known (no bare dash)."""
        sejak = self.since.indonesian() if self.since else None
        sampai = self.until.indonesian() if self.until else None
        if sejak and sampai:
            return f"berlaku sejak {sejak} sampai {sampai}"
        if sejak:
            return f"berlaku sejak {sejak}; belum ada tanggal akhir"
        if sampai:
            return f"berlaku sampai {sampai}; tanggal mulainya tidak ada di sumber kit"
        return "tanggal mulai berlakunya tidak ada di sumber kit; belum ada tanggal akhir"

    def in_force(self, on: date) -> bool | None:
        """True/False when the dates decide it; None when the start is unknown."""
        if self.until is not None and on > self.until.last_day:
            return False
        if self.since is None:
            return None
        return on >= self.since.first_day


def _period(text: str) -> Period | None:
    text = text.strip()
    if not text:
        return None
    p = Period(text)
    p.first_day  # noqa: B018 — parse now, so a bad date fails when the table is read
    return p


@cache
def regulations() -> dict[str, Regulation]:
    out: dict[str, Regulation] = {}
    with dataset(DATASET).open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), start=2):
            try:
                reg = Regulation(
                    key=row["kunci"].strip(),
                    name=row["nama"].strip(),
                    fact=row["fakta"].strip(),
                    since=_period(row["berlaku_sejak"]),
                    until=_period(row["berlaku_sampai"]),
                    successor=row["pengganti"].strip() or None,
                    modules=tuple(m.strip() for m in row["modul"].split(";") if m.strip()),
                    tag=row["tag"].strip(),
                    source=row["sumber"].strip(),
                )
            except (ValueError, KeyError) as exc:
                raise ValueError(
                    f"{DATASET} baris {n}: tanggal atau kolom tidak terbaca ({exc})."
                ) from exc
            out[reg.key] = reg
    return out


#: Modules the kit split into two sessions (issue 15): a workshop made before the split still has the old
#: notebook, whose validity cell asks for the old id; it is shown the rules of both halves.
SPLIT_MODULES: dict[str, tuple[str, ...]] = {
    "m4-harga-ekspor": ("m4a-harga-ekspor", "m4b-incoterms-pembayaran"),
    "m5-mutu-aql": ("m5a-mutu-aql", "m5b-uji-ukuran"),
    "m7-daya-saing": ("m7a-daya-saing", "m7b-kemitraan"),
}


def for_module(modul: str) -> list[Regulation]:
    wanted = {modul, *SPLIT_MODULES.get(modul, ())}
    return [r for r in regulations().values() if wanted & set(r.modules)]


def expired_without_successor(
    on: date, modul: str | None = None, *, table: dict[str, Regulation] | None = None
) -> list[Regulation]:
    """Taught rules whose validity may have ended by ``on`` (earliest reading of the end date) and that
    name no successor row. An empty list means the kit is safe to teach on that day."""
    table = regulations() if table is None else table
    out = []
    for r in table.values():
        if modul is not None and modul not in r.modules:
            continue
        if (
            r.until is not None
            and on > r.until.first_day
            and (r.successor is None or r.successor not in table)
        ):
            out.append(r)
    return out


def validity_text(modul: str) -> str:
    """What the module shows participants: each dated rule it teaches, its validity and source."""
    # A reference list, not a lesson: the rule itself is taught in the module's text, so each line says only
    # the rule's name, its validity and its source (the reader found ~300 words with the facts repeated).
    lines = [
        "Daftar rujukan, tidak perlu dihafal. Aturan yang dipakai modul ini dan masa berlakunya; bila "
        "tanggalnya sudah lewat, tanyakan aturan penggantinya ke dinas atau Bea Cukai "
        '("s.t.d.d." = sebagaimana telah diubah dengan; [V] sumber resmi, [S] sumber sekunder):'
    ]
    for r in for_module(modul):
        line = f"• {r.name}: {r.validity_id()}."
        if r.successor and r.successor in regulations():
            line += f" Sesudahnya: {regulations()[r.successor].name}."
        lines.append(line + f" Sumber [{r.tag}]: {r.source}")
    return "\n".join(lines)
