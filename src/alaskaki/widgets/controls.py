"""The sliders of the widgets, built one way.

Whole numbers (rupiah, exchange rates) give an ``IntSlider``, anything else a ``FloatSlider``. A slider
that redraws a chart updates when it is released (``live=False``); a cheap one follows the drag.
"""

from __future__ import annotations

import ipywidgets as w

__all__ = ["slider"]


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
