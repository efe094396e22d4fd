"""widgets/controls.py: the one slider factory of the widgets (issue 18)."""

from __future__ import annotations

import ipywidgets as w

from alaskaki.widgets.controls import slider


def test_whole_numbers_give_an_int_slider_that_updates_on_release():
    s = slider("Harga kulit (Rp per ft²)", 38_000, 20_000, 80_000, 1_000)
    assert type(s) is w.IntSlider
    assert (s.value, s.min, s.max, s.step) == (38_000, 20_000, 80_000, 1_000)
    assert s.description == "Harga kulit (Rp per ft²)"
    assert s.continuous_update is False
    assert s.style.description_width == "16em" and s.layout.width == "40em"


def test_a_fraction_gives_a_float_slider_with_its_readout_and_look():
    s = slider(
        "Susut", 0.10, 0, 1, 0.01, fmt=".0%", live=True, label_width="initial", width="480px"
    )
    assert type(s) is w.FloatSlider
    assert s.readout_format == ".0%" and s.continuous_update is True
    assert s.style.description_width == "initial" and s.layout.width == "480px"
    assert (
        slider("Panjang kaki (mm)", 260, 100.0, 350.0, 1.0).value == 260.0
    )  # one float: FloatSlider
