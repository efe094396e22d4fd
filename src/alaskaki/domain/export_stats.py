"""Indonesian footwear export figures (brief §6.1, §6.2) and the arithmetic the kit teaches on them.

The figures live once in ``datasets/ekspor_alas_kaki.csv`` (million USD, each row with its source
and the brief's reliability tag); this module loads them and computes:

* **growth** (*pertumbuhan*) from one period to the next, in percent:
  ``(new − old) ÷ old × 100``;
* **average annual growth** (*pertumbuhan rata-rata per tahun*, compound, CAGR) over several years:
  ``((last ÷ first) ** (1 ÷ years) − 1) × 100``;
* **share** (*porsi*, *pangsa*) of a part in a whole, in percent: ``part ÷ whole × 100``.

Rows tagged ``C`` (conflicting) are kept for teaching but never enter a series.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from alaskaki.paths import dataset

DATASET = "ekspor_alas_kaki.csv"
WORLD = "Dunia"
TAGS = ("S", "C", "D")


@dataclass(frozen=True)
class ExportFigure:
    """One row of the dataset."""

    series: str
    period: str
    year: int
    destination: str
    value_musd: float
    tag: str
    source: str
    note: str


@cache
def figures() -> tuple[ExportFigure, ...]:
    """Every row of the dataset, in file order."""
    out = []
    seen = set()
    with dataset(DATASET).open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), start=2):
            if row["tag"] not in TAGS:
                raise ValueError(
                    f"{DATASET}, baris {n}: tag harus salah satu dari {', '.join(TAGS)}, bukan {row['tag']!r}."
                )
            key = (row["seri"], int(row["tahun"]), row["tujuan"])
            if key in seen:
                raise ValueError(
                    f"{DATASET}, baris {n}: seri {key[0]} tahun {key[1]} tujuan {key[2]} muncul dua kali."
                )
            seen.add(key)
            out.append(
                ExportFigure(
                    series=row["seri"],
                    period=row["periode"],
                    year=int(row["tahun"]),
                    destination=row["tujuan"],
                    value_musd=float(row["nilai_juta_usd"]),
                    tag=row["tag"],
                    source=row["sumber"],
                    note=row["catatan"],
                )
            )
    return tuple(out)


def series_names() -> tuple[str, ...]:
    return tuple(dict.fromkeys(f.series for f in figures()))


def series(name: str = "tahunan", destination: str = WORLD) -> dict[int, float]:
    """``{year: million USD}`` of one series and destination, conflicting (``C``) rows left out."""
    if name not in series_names():
        raise ValueError(
            f"Seri {name!r} tidak ada di {DATASET}. Pilih salah satu: {', '.join(series_names())}."
        )
    return {
        f.year: f.value_musd
        for f in figures()
        if f.series == name and f.destination == destination and f.tag != "C"
    }


def value(year: int, name: str = "tahunan", destination: str = WORLD) -> float:
    """One figure, in million USD."""
    data = series(name, destination)
    if year not in data:
        raise ValueError(f"Tidak ada angka {destination} tahun {year} di seri {name!r}.")
    return data[year]


def figure(year: int, name: str = "tahunan", destination: str = WORLD) -> ExportFigure:
    """The dataset row behind :func:`value` (for its source and tag)."""
    for f in figures():
        if f.series == name and f.year == year and f.destination == destination and f.tag != "C":
            return f
    raise ValueError(f"Tidak ada angka {destination} tahun {year} di seri {name!r}.")


def destinations(name: str) -> dict[str, float]:
    """``{destination: million USD}`` of one destination series (``Dunia`` included when present)."""
    if name not in series_names():
        raise ValueError(f"Seri {name!r} tidak ada di {DATASET}.")
    return {f.destination: f.value_musd for f in figures() if f.series == name and f.tag != "C"}


def growth_percent(old: float, new: float) -> float:
    """Growth from ``old`` to ``new`` in percent: ``(new − old) ÷ old × 100``."""
    if old <= 0:
        raise ValueError(f"Nilai awal harus lebih dari nol, bukan {old!r}.")
    return (new - old) / old * 100


def average_growth_percent(first: float, last: float, years: int) -> float:
    """Compound average annual growth (CAGR) in percent over ``years`` years."""
    if first <= 0 or last <= 0:
        raise ValueError("Nilai awal dan akhir harus lebih dari nol.")
    if years <= 0:
        raise ValueError(f"Jumlah tahun harus lebih dari nol, bukan {years!r}.")
    return ((last / first) ** (1 / years) - 1) * 100


def share_percent(part: float, whole: float) -> float:
    """Share of ``part`` in ``whole`` in percent."""
    if whole <= 0:
        raise ValueError(f"Nilai keseluruhan harus lebih dari nol, bukan {whole!r}.")
    return part / whole * 100


def growth_between(
    year_from: int, year_to: int, name: str = "tahunan", destination: str = WORLD
) -> float:
    """Growth of a series between two of its years, in percent."""
    return growth_percent(value(year_from, name, destination), value(year_to, name, destination))


def average_growth_between(year_from: int, year_to: int, name: str = "tahunan") -> float:
    """Compound average annual growth of the world total between two years, in percent."""
    return average_growth_percent(value(year_from, name), value(year_to, name), year_to - year_from)


def share_in(name: str, part: str, whole: str | None = WORLD) -> float:
    """Share of one destination in a destination series, in percent.

    ``whole=WORLD`` divides by the series' all-destination total; ``whole=None`` divides by the sum
    of the named destinations in the series (when the source gives no total).
    """
    data = destinations(name)
    if part not in data:
        raise ValueError(f"Tujuan {part!r} tidak ada di seri {name!r}.")
    if whole is None:
        total = sum(v for k, v in data.items() if k != WORLD)
    else:
        if whole not in data:
            raise ValueError(f"Seri {name!r} tidak memuat nilai {whole!r}.")
        total = data[whole]
    return share_percent(data[part], total)
