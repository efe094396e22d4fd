"""How the kit writes numbers and plain-text tables for people: Indonesian notation, in one place.

Indonesian writes a dot between thousands and a decimal comma: ``Rp1.234.567``, ``1.234,56``,
``12,5%``. Domain messages, widgets, exercises, reports and the command line all call these helpers, so a
number looks the same wherever a participant, trainer or reviewer reads it. Stdlib only: the
participant install carries this module.
"""

from __future__ import annotations

__all__ = ["number", "percent", "rupiah", "table", "usd"]


def number(value: float, decimals: int = 2, *, trim: bool = False) -> str:
    """``1.234,56``: ``value`` with ``decimals`` decimals, written the Indonesian way.

    ``trim`` drops trailing zeros of the decimals (``12,50`` → ``12,5``; ``3,00`` → ``3``), for
    measures where a trailing zero says nothing (mm, sizes, percentages on a chart).
    """
    text = f"{value:,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    if trim and "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


def rupiah(value: float) -> str:
    """``Rp1.234.567``: rounded to whole rupiah."""
    return "Rp" + number(value, 0)


def usd(value: float) -> str:
    """``USD 1.234,50``: always two decimals (cents)."""
    return "USD " + number(value, 2)


def percent(fraction: float, decimals: int = 1) -> str:
    """``12,5%`` for ``0.125``."""
    return number(fraction * 100, decimals) + "%"


def table(rows: list[list], header: list[str]) -> str:
    """A plain-text table with a dashed rule under the header; ``None`` cells are blank."""
    cells = [[str(c) for c in header]] + [["" if c is None else str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
