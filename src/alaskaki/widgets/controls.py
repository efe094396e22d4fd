"""The building blocks every widget uses, built one way: its sliders and its charts.

Whole numbers (rupiah, exchange rates) give an ``IntSlider``, anything else a ``FloatSlider``. A slider
that redraws a chart updates when it is released (``live=False``); a cheap one follows the drag.
"""

from __future__ import annotations

import base64
import html
import io

import ipywidgets as w
from matplotlib.figure import Figure

__all__ = ["slider", "tampilkan_gambar"]


def slider(
    description: str,
    value: float,
    lo: float,
    hi: float,
    step: float,
    *,
    fmt: str | None = None,
    live: bool = False,
    label_width: str = "16em",
    width: str = "40em",
) -> w.IntSlider | w.FloatSlider:
    """A slider from ``lo`` to ``hi``; ``fmt`` is its readout format (``".0%"``, ``".1f"``)."""
    whole = all(isinstance(x, int) and not isinstance(x, bool) for x in (value, lo, hi, step))
    options: dict = {"readout_format": fmt} if fmt else {}
    return (w.IntSlider if whole else w.FloatSlider)(
        value=value,
        min=lo,
        max=hi,
        step=step,
        description=description,
        continuous_update=live,
        style={"description_width": label_width},
        layout=w.Layout(width=width),
        **options,
    )


def tampilkan_gambar(output: w.Output, fig: Figure, alt: str, *, dpi: int = 90) -> None:
    """Put a matplotlib figure into an Output as a PNG (works with and without a kernel)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight")
    png = base64.b64encode(buf.getvalue()).decode("ascii")
    output.outputs = (
        {
            "output_type": "display_data",
            "data": {
                "image/png": png,
                "text/plain": alt,
                # JupyterLab shows the HTML (it ranks above PNG): same picture, with alt text.
                "text/html": f'<img src="data:image/png;base64,{png}" alt="{html.escape(alt)}">',
            },
            "metadata": {},
        },
    )
