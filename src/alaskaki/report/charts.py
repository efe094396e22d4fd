"""Charts of the report views as PNG bytes (matplotlib, no pyplot state, no display needed)."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from alaskaki.competency.model import (
    BELUM_ADA_BUKTI,
    BELUM_DINILAI,
    BELUM_KOMPETEN,
    KOMPETEN,
    CohortResult,
)
from alaskaki.text import number

COLORS = {
    KOMPETEN: "#1a9850",
    BELUM_KOMPETEN: "#d73027",
    BELUM_DINILAI: "#bdbdbd",
    BELUM_ADA_BUKTI: "#ffffff",
}
ORDER = [KOMPETEN, BELUM_KOMPETEN, BELUM_DINILAI, BELUM_ADA_BUKTI]
WIDTH_IN = 7.0  # fits an A4 page with margins
MAX_LABELLED_ROWS = 60
MAX_GROUPS = 25


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    return buf.getvalue()


def heatmap(result: CohortResult) -> bytes:
    """Participants × units, one colour per status."""
    codes = [u.kode for u in result.units]
    people = result.participants
    n = max(len(people), 1)
    matrix = np.full((n, max(len(codes), 1)), ORDER.index(BELUM_DINILAI))
    for i, p in enumerate(people):
        for j, code in enumerate(codes):
            ur = p.units.get(code)
            if ur is None:
                continue
            matrix[i, j] = ORDER.index(
                BELUM_ADA_BUKTI if ur.keterangan == BELUM_ADA_BUKTI else ur.status
            )
    labelled = len(people) <= MAX_LABELLED_ROWS
    height = min(1.6 + 0.2 * n, 9.5) if labelled else 7.5
    fig = Figure(figsize=(WIDTH_IN, height))
    ax = fig.add_subplot()
    ax.imshow(
        matrix,
        cmap=ListedColormap([COLORS[s] for s in ORDER]),
        vmin=0,
        vmax=len(ORDER) - 1,
        aspect="auto",
        interpolation="nearest",
    )
    ax.set_xticks(range(len(codes)), codes, fontsize=8)
    ax.xaxis.tick_top()
    if labelled:
        ax.set_yticks(range(len(people)), [f"{p.id} {p.nama}"[:32] for p in people], fontsize=7)
        ax.set_xticks(np.arange(-0.5, len(codes)), minor=True)
        ax.set_yticks(np.arange(-0.5, n), minor=True)
        ax.grid(which="minor", color="white", linewidth=1)
        ax.tick_params(which="minor", length=0)
    else:
        ax.set_yticks([])
        ax.set_ylabel(f"{len(people)} peserta (urut ID)")
    ax.legend(
        handles=[Patch(facecolor=COLORS[s], edgecolor="#777777", label=s) for s in ORDER],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.01),
        ncol=4,
        fontsize=8,
        frameon=False,
    )
    return _png(fig)


def _stacked(labels: list[str], counts: dict[str, list[int]], title: str, xlabel: str) -> bytes:
    fig = Figure(figsize=(WIDTH_IN, min(1.4 + 0.32 * max(len(labels), 1), 9.5)))
    ax = fig.add_subplot()
    left = np.zeros(len(labels))
    y = np.arange(len(labels))
    for status in (KOMPETEN, BELUM_KOMPETEN, BELUM_DINILAI):
        vals = np.array(counts[status], dtype=float)
        ax.barh(y, vals, left=left, color=COLORS[status], label=status, edgecolor="white")
        left += vals
    ax.set_yticks(y, [str(s)[:40] for s in labels], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel, fontsize=8)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(title, fontsize=10, pad=22)
    ax.legend(fontsize=8, ncol=3, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
    return _png(fig)


def units_chart(units: pd.DataFrame) -> bytes:
    """Stacked bars of statuses per unit."""
    return _stacked(
        [f"{r['Unit']}" for _, r in units.iterrows()],
        {s: units[s].tolist() for s in (KOMPETEN, BELUM_KOMPETEN, BELUM_DINILAI)},
        "Status per unit kompetensi",
        "jumlah peserta",
    )


def group_chart(frame: pd.DataFrame, label: str) -> bytes:
    """Stacked bars of participant × unit statuses per group (largest groups first)."""
    if frame.empty:
        return _stacked(
            [],
            {s: [] for s in (KOMPETEN, BELUM_KOMPETEN, BELUM_DINILAI)},
            f"Per {label.lower()}",
            "",
        )
    sums = frame.groupby(label, sort=False)[[KOMPETEN, BELUM_KOMPETEN, BELUM_DINILAI]].sum()
    sums["_n"] = sums.sum(axis=1)
    sums = sums.sort_values("_n", ascending=False).head(MAX_GROUPS)
    title = f"Status unit per {label if label.isupper() else label.lower()}"
    if frame[label].nunique() > MAX_GROUPS:
        title += f" ({MAX_GROUPS} terbesar)"
    return _stacked(
        list(sums.index),
        {s: sums[s].tolist() for s in (KOMPETEN, BELUM_KOMPETEN, BELUM_DINILAI)},
        title,
        "jumlah peserta × unit",
    )


def gain_chart(gain: pd.DataFrame) -> bytes:
    """Mean pre- and post-test share per unit, with ⟨g⟩ written above each pair."""
    fig = Figure(figsize=(WIDTH_IN, 3.4))
    ax = fig.add_subplot()
    x = np.arange(len(gain))
    pre = gain["Rata-rata tes awal"].astype(float).fillna(0) * 100
    post = gain["Rata-rata tes akhir"].astype(float).fillna(0) * 100
    ax.bar(x - 0.2, pre, 0.4, label="Tes awal", color="#9ecae1")
    ax.bar(x + 0.2, post, 0.4, label="Tes akhir", color="#3182bd")
    for xi, g in zip(x, gain["Gain ternormalisasi <g>"], strict=True):
        text = "-" if g is None or pd.isna(g) else "<g> = " + number(g, 2)
        ax.text(xi, 103, text, ha="center", fontsize=7)
    ax.set_xticks(x, gain["Unit"].tolist(), fontsize=8)
    ax.set_ylim(0, 112)
    ax.set_ylabel("% skor", fontsize=8)
    ax.set_title("Tes awal dan tes akhir per unit", fontsize=10)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return _png(fig)


def modules_chart(modules: pd.DataFrame) -> bytes:
    """% submitted and % late per module (summed over workshops)."""
    agg = modules.groupby("Modul")[["Peserta", "Dikumpulkan", "Terlambat"]].sum()
    fig = Figure(figsize=(WIDTH_IN, min(1.4 + 0.35 * max(len(agg), 1), 9.5)))
    ax = fig.add_subplot()
    y = np.arange(len(agg))
    sub = (agg["Dikumpulkan"] / agg["Peserta"].where(agg["Peserta"] > 0)).fillna(0) * 100
    late = (agg["Terlambat"] / agg["Peserta"].where(agg["Peserta"] > 0)).fillna(0) * 100
    ax.barh(y - 0.2, sub, 0.4, color="#1a9850", label="% dikumpulkan")
    ax.barh(y + 0.2, late, 0.4, color="#fdae61", label="% terlambat (dari semua peserta)")
    ax.set_yticks(y, list(agg.index), fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("% peserta", fontsize=8)
    ax.set_title("Penyelesaian dan keterlambatan per modul", fontsize=10, pad=22)
    ax.legend(fontsize=8, ncol=2, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
    return _png(fig)
