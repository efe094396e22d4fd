"""SWOT board widget: four boxes to draft a SWOT analysis, then a tidy text to copy into an answer.

The widget holds no rule and judges nothing: it only lays out what the participant types. Nothing
typed here is graded (widget state does not survive re-execution); the participant copies the text
into the manually graded answer cell.

The returned box exposes its parts so tests (and notebooks) can drive it:

* ``box.kontrol`` — dict of controls: ``kekuatan``, ``kelemahan``, ``peluang``, ``ancaman``
  (Textarea, one point per line) and ``susun`` (button);
* ``box.hasil`` — HTML with the four lists as a 2 × 2 grid, refreshed on every change;
* ``box.teks`` — Textarea (read-only) with the same content as Markdown, ready to copy;
* ``box.susun_teks()`` — the Markdown text for the current content.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

__all__ = ["papan_swot", "KUADRAN"]

#: (key, title, what belongs there) — the standard meaning of the four SWOT boxes.
KUADRAN: tuple[tuple[str, str, str], ...] = (
    ("kekuatan", "Kekuatan (*Strengths*)", "hal baik di dalam IKM / sentra sendiri"),
    ("kelemahan", "Kelemahan (*Weaknesses*)", "hal kurang di dalam IKM / sentra sendiri"),
    ("peluang", "Peluang (*Opportunities*)", "keadaan baik di luar IKM: pasar, program, mitra"),
    ("ancaman", "Ancaman (*Threats*)", "keadaan buruk di luar IKM: pesaing, tarif, aturan"),
)
_COLOURS = {
    "kekuatan": "#e8f5e9",
    "kelemahan": "#fff3e0",
    "peluang": "#e3f2fd",
    "ancaman": "#fce4ec",
}


def _points(text: str) -> list[str]:
    return [line.strip(" -*•\t") for line in text.splitlines() if line.strip(" -*•\t")]


def papan_swot(
    judul: str = "Analisis SWOT", contoh: dict[str, list[str]] | None = None
) -> widgets.VBox:
    """A SWOT drafting board; ``contoh`` pre-fills boxes (``{"kekuatan": ["..."], ...}``)."""
    contoh = contoh or {}
    kontrol: dict[str, widgets.Widget] = {}
    for key, _title, hint in KUADRAN:
        kontrol[key] = widgets.Textarea(
            value="\n".join(contoh.get(key, [])),
            placeholder=f"Satu poin per baris — {hint}",
            description="",
            layout=widgets.Layout(width="98%", height="110px"),
        )
    kontrol["susun"] = widgets.Button(description="Susun teks jawaban", icon="copy")
    hasil = widgets.HTML()
    teks = widgets.Textarea(
        disabled=True,
        layout=widgets.Layout(width="98%", height="160px"),
        placeholder="Teks Markdown muncul di sini.",
    )

    def susun_teks() -> str:
        lines = [f"**{judul}**", ""]
        for key, title, _ in KUADRAN:
            lines.append(f"**{title}**")
            pts = _points(kontrol[key].value)
            lines.extend(f"- {p}" for p in pts) if pts else lines.append("- (belum diisi)")
            lines.append("")
        return "\n".join(lines).rstrip() + "\n"

    def refresh(_=None) -> None:
        cells = []
        for key, title, _ in KUADRAN:
            pts = _points(kontrol[key].value)
            items = (
                "".join(f"<li>{html.escape(p)}</li>" for p in pts) or "<li><i>belum diisi</i></li>"
            )
            name = html.escape(title.replace("*", ""))
            cells.append(
                f'<div style="background:{_COLOURS[key]};padding:6px;border-radius:4px">'
                f"<b>{name}</b> ({len(pts)} poin)<ul style='margin:2px 0'>{items}</ul></div>"
            )
        hasil.value = (
            '<div style="display:grid;grid-template-columns:1fr 1fr;gap:6px">'
            + "".join(cells)
            + "</div>"
        )

    def on_susun(_=None) -> None:
        teks.value = susun_teks()

    for key, _, _ in KUADRAN:
        kontrol[key].observe(refresh, names="value")
    kontrol["susun"].on_click(on_susun)
    refresh()

    grid = widgets.GridBox(
        [
            widgets.VBox([widgets.HTML(f"<b>{html.escape(t.replace('*', ''))}</b>"), kontrol[k]])
            for k, t, _ in KUADRAN
        ],
        layout=widgets.Layout(grid_template_columns="1fr 1fr", width="100%"),
    )
    box = widgets.VBox(
        [widgets.HTML(f"<h4>{html.escape(judul)}</h4>"), grid, hasil, kontrol["susun"], teks]
    )
    box.kontrol = kontrol
    box.hasil = hasil
    box.teks = teks
    box.susun_teks = susun_teks
    return box
