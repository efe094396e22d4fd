"""AQL planner widget: lot size, inspection level and AQL → sampling plan, OC curve, simulator.

Every number comes from :mod:`alaskaki.domain.quality`; this file only lays out controls and text.
The returned box exposes its parts so tests (and notebooks) can drive it:

* ``box.kontrol`` — dict of controls: ``ukuran_lot``, ``tingkat``, ``aql``, ``persen_cacat``,
  ``cacat_ditemukan``, ``ambil_sampel`` (button);
* ``box.hasil`` (HTML: the plan), ``box.keputusan`` (HTML: decision for the defects found),
  ``box.simulasi`` (HTML: last random draw), ``box.grafik`` (Output: the OC curve as PNG);
* ``box.rencana`` — the current :class:`~alaskaki.domain.quality.SamplingPlan` (or None).
"""

from __future__ import annotations

import html
import random

import ipywidgets as widgets
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from alaskaki.domain import quality
from alaskaki.text import number
from alaskaki.widgets.controls import slider, tampilkan_gambar

__all__ = ["perencana_aql"]

_LEVEL_LABELS = {
    "I": "I (umum, daya beda kecil)",
    "II": "II (umum, biasa dipakai)",
    "III": "III (umum, daya beda besar)",
    "S-1": "S-1 (khusus, sampel kecil)",
    "S-2": "S-2 (khusus, sampel kecil)",
    "S-3": "S-3 (khusus, sampel kecil)",
    "S-4": "S-4 (khusus, sampel kecil)",
}


def _angka(x: float, digits: int = 1) -> str:
    """A measure on the chart: trailing zeros say nothing there (``2,50`` → ``2,5``)."""
    return number(x, digits, trim=True)


def _oc_figure(plan: quality.SamplingPlan, rate: float) -> Figure:
    x_max = min(1.0, max(0.1, 2.5 * plan.reject / plan.sample_size, rate * 1.2))
    points = quality.oc_curve(plan, max_rate=x_max, points=101)
    fig = Figure(figsize=(6, 3.6))
    ax = fig.add_subplot()
    ax.plot([100 * p for p, _ in points], [pa for _, pa in points], color="#1f5f8b", lw=2)
    pa = quality.acceptance_probability(plan, rate)
    ax.plot([100 * rate], [pa], "o", color="#c0392b")
    ax.annotate(
        f"{_angka(100 * rate)}% cacat → peluang diterima {_angka(100 * pa)}%",
        (100 * rate, pa),
        textcoords="offset points",
        xytext=(8, 8),
        fontsize=8,
    )
    if plan.aql is not None:
        ax.axvline(plan.aql, color="grey", ls="--", lw=1)
        ax.text(plan.aql, 0.02, f" AQL {_angka(plan.aql, 2)}", color="grey", fontsize=8)
    ax.set_xlim(0, 100 * x_max)
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("Persentase cacat dalam lot (%)")
    ax.set_ylabel("Peluang lot diterima")
    ax.set_title(f"Kurva OC: sampel {plan.sample_size} pasang, terima bila cacat ≤ {plan.accept}")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _angka(v)))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _angka(v)))
    ax.grid(alpha=0.3)
    return fig


def _plan_html(plan: quality.SamplingPlan) -> str:
    lines = [
        f"<b>Kode huruf: {plan.code_letter}</b> &nbsp;·&nbsp; "
        f"<b>Ukuran sampel: {plan.sample_size} pasang</b>",
        f"Terima lot bila cacat ≤ <b>{plan.accept}</b> (<i>Ac, acceptance number</i>: angka "
        f"terima) &nbsp;·&nbsp; Tolak lot bila cacat ≥ <b>{plan.reject}</b> "
        f"(<i>Re, rejection number</i>: angka tolak).",
    ]
    if plan.arrow_followed:
        arrow = quality.table_entry(plan.lot_code_letter, plan.aql)  # type: ignore[arg-type]
        where = "di bawahnya" if arrow == "↓" else "di atasnya"
        lines.append(
            f"Tabel 1 memberi kode <b>{plan.lot_code_letter}</b>, tetapi di Tabel II-A sel AQL "
            f"{_angka(plan.aql or 0, 2)} untuk kode itu berisi panah {arrow}. Ikuti panah ke rencana "
            f"pertama {where}: kode <b>{plan.code_letter}</b>, dengan ukuran sampelnya sendiri."
        )
    if plan.full_inspection:
        lines.append(
            f"Ukuran sampel ({plan.sample_size}) sama dengan atau lebih besar daripada lot "
            f"({plan.lot_size} pasang): <b>periksa semua {plan.units_to_inspect} pasang</b> "
            "(inspeksi 100%)."
        )
    return "<br>".join(lines)


def perencana_aql(
    ukuran_lot: int = 1000, tingkat: str = "II", aql: float = 2.5, seed: int | None = None
) -> widgets.VBox:
    """Build the AQL planner (ISO 2859-1, normal inspection, single sampling)."""
    kontrol = {
        "ukuran_lot": widgets.BoundedIntText(
            value=ukuran_lot,
            min=2,
            max=10_000_000,
            description="Ukuran lot (pasang)",
            style={"description_width": "initial"},
        ),
        "tingkat": widgets.Dropdown(
            options=[(_LEVEL_LABELS[lv], lv) for lv in quality.LEVELS],
            value=tingkat,
            description="Tingkat inspeksi",
            style={"description_width": "initial"},
        ),
        "aql": widgets.Dropdown(
            options=[(_angka(a, 2), a) for a in quality.AQL_VALUES],
            value=aql,
            description="AQL (%)",
            style={"description_width": "initial"},
        ),
        "persen_cacat": slider(
            "Cacat sebenarnya dalam lot (%)",
            2.5,
            0.0,
            30.0,
            0.5,
            fmt=".1f",
            live=True,
            label_width="initial",
            width="480px",
        ),
        "cacat_ditemukan": widgets.BoundedIntText(
            value=0,
            min=0,
            max=10_000_000,
            description="Cacat ditemukan di sampel",
            style={"description_width": "initial"},
        ),
        "ambil_sampel": widgets.Button(
            description="Ambil sampel acak", icon="random", button_style="info"
        ),
    }
    hasil = widgets.HTML()
    keputusan = widgets.HTML()
    simulasi = widgets.HTML(
        value="<i>Tekan tombol untuk mencoba mengambil sampel dari lot dengan persentase cacat di atas.</i>"
    )
    grafik = widgets.Output()
    judul = widgets.HTML(
        "<h3>Perencana sampling AQL (ISO 2859-1, inspeksi normal, sampling tunggal)</h3>"
        "<p><i>AQL (acceptance quality limit)</i>: batas mutu yang masih dapat diterima, dalam "
        "persen cacat. Pilih ukuran lot, tingkat inspeksi dan AQL; kit mencari kode huruf, ukuran "
        "sampel, angka terima (Ac) dan angka tolak (Re) dari tabel standar.</p>"
    )
    box = widgets.VBox(
        [
            judul,
            widgets.HBox([kontrol["ukuran_lot"], kontrol["tingkat"], kontrol["aql"]]),
            hasil,
            widgets.HTML("<b>Kurva OC</b> (<i>operating characteristic</i>: peluang lot diterima)"),
            kontrol["persen_cacat"],
            grafik,
            widgets.HTML("<b>Keputusan lot</b>"),
            widgets.HBox([kontrol["cacat_ditemukan"], keputusan]),
            widgets.HTML("<b>Simulasi</b>"),
            widgets.HBox([kontrol["ambil_sampel"], simulasi]),
        ]
    )
    box.kontrol = kontrol
    box.hasil = hasil
    box.keputusan = keputusan
    box.simulasi = simulasi
    box.grafik = grafik
    box.rencana = None
    box.rng = random.Random(seed)

    def rate() -> float:
        return kontrol["persen_cacat"].value / 100

    def update_decision(_change=None) -> None:
        plan = box.rencana
        if plan is None:
            keputusan.value = ""
            return
        try:
            verdict = quality.lot_decision(plan, kontrol["cacat_ditemukan"].value)
        except ValueError as err:
            keputusan.value = f"<span style='color:#c0392b'>{html.escape(str(err))}</span>"
            return
        colour = "#1e8449" if verdict == "terima" else "#c0392b"
        keputusan.value = (
            f"<b style='color:{colour}'>Lot DI{verdict.upper()}</b> "
            f"(Ac {plan.accept}, Re {plan.reject})"
        )

    def update_chart(_change=None) -> None:
        if box.rencana is None:
            grafik.outputs = ()
            return
        tampilkan_gambar(grafik, _oc_figure(box.rencana, rate()), "Kurva OC", dpi=80)

    def update_plan(_change=None) -> None:
        try:
            plan = quality.sampling_plan(
                kontrol["ukuran_lot"].value, kontrol["aql"].value, kontrol["tingkat"].value
            )
        except ValueError as err:
            box.rencana = None
            hasil.value = f"<span style='color:#c0392b'>{html.escape(str(err))}</span>"
        else:
            box.rencana = plan
            hasil.value = _plan_html(plan)
        update_chart()
        update_decision()

    def draw_sample(_button=None) -> None:
        plan = box.rencana
        if plan is None:
            return
        found, verdict = quality.simulate_inspection(plan, rate(), box.rng)
        colour = "#1e8449" if verdict == "terima" else "#c0392b"
        simulasi.value = (
            f"Dari {plan.units_to_inspect} pasang yang diperiksa ditemukan <b>{found}</b> cacat → "
            f"<b style='color:{colour}'>lot di{verdict}</b>."
        )

    for name in ("ukuran_lot", "tingkat", "aql"):
        kontrol[name].observe(update_plan, names="value")
    kontrol["persen_cacat"].observe(update_chart, names="value")
    kontrol["cacat_ditemukan"].observe(update_decision, names="value")
    kontrol["ambil_sampel"].on_click(draw_sample)
    update_plan()
    return box
