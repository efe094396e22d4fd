"""Size converter widget: foot length → Mondopoint, EU (and UK/US when a UK zero point is given),
plus a converter between systems.

All arithmetic is :mod:`alaskaki.domain.sizes`. The returned box exposes ``box.kontrol`` (dict:
``panjang_kaki``, ``kelonggaran``, ``titik_nol_uk``, ``ukuran``, ``dari``, ``ke``),
``box.hasil`` (HTML: sizes for the foot length) and ``box.konversi`` (HTML: the conversion).
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from alaskaki.domain import sizes
from alaskaki.text import number
from alaskaki.widgets.controls import slider

__all__ = ["konversi_ukuran"]


def _angka(x: float, digits: int = 1) -> str:
    """A length or a size: trailing zeros say nothing there (``40,0`` → ``40``)."""
    return number(x, digits, trim=True)


def _galat(err: Exception) -> str:
    return f"<span style='color:#c0392b'>{html.escape(str(err))}</span>"


def konversi_ukuran(panjang_kaki_mm: float = 260.0) -> widgets.VBox:
    """Build the size converter."""
    style = {"description_width": "initial"}
    gaya_geser = {"live": True, "label_width": "initial", "width": "480px"}
    low, high = sizes.ALLOWANCE_RANGE_MM
    kontrol = {
        "panjang_kaki": slider(
            "Panjang kaki (mm)", panjang_kaki_mm, 100.0, 350.0, 1.0, fmt=".0f", **gaya_geser
        ),
        "kelonggaran": slider(
            "Kelonggaran kaki–acuan (mm)",
            sizes.DEFAULT_ALLOWANCE_MM,
            low,
            high,
            0.5,
            fmt=".1f",
            **gaya_geser,
        ),
        "titik_nol_uk": widgets.BoundedFloatText(
            value=0.0,
            min=0.0,
            max=400.0,
            step=0.5,
            description="Titik nol UK (mm; 0 = belum ada)",
            style=style,
        ),
        "ukuran": widgets.FloatText(value=42.0, description="Ukuran", style=style),
        "dari": widgets.Dropdown(
            options=[(label, key) for key, label in sizes.SYSTEMS.items()],
            value="eu",
            description="dari",
            style=style,
        ),
        "ke": widgets.Dropdown(
            options=[(label, key) for key, label in sizes.SYSTEMS.items()],
            value="mondopoint",
            description="ke",
            style=style,
        ),
    }
    hasil = widgets.HTML()
    konversi = widgets.HTML()
    judul = widgets.HTML(
        "<h3>Konversi ukuran sepatu</h3>"
        f"<p>Satu nomor EU = 2/3 cm (<i>Paris point</i>, {_angka(sizes.PARIS_POINT_MM, 2)} mm). "
        f"Satu nomor UK/US = 1/3 inci (<i>barleycorn</i>, {_angka(sizes.BARLEYCORN_MM, 2)} mm); "
        "US pria = UK pria + 1. <i>Mondopoint</i> = panjang kaki dalam mm. Ukuran EU dan UK "
        "mengukur panjang <i>last</i> (acuan sepatu): panjang kaki ditambah kelonggaran, biasanya "
        f"{_angka(low, 0)}–{_angka(high, 0)} mm.</p>"
        "<p>Titik nol skala UK tidak ada di sumber kit: isi dari tabel ukuran pembeli bila "
        "ingin melihat ukuran UK/US.</p>"
    )
    box = widgets.VBox(
        [
            judul,
            kontrol["panjang_kaki"],
            kontrol["kelonggaran"],
            kontrol["titik_nol_uk"],
            hasil,
            widgets.HTML("<b>Ubah ukuran antar-sistem</b>"),
            widgets.HBox([kontrol["ukuran"], kontrol["dari"], kontrol["ke"]]),
            konversi,
        ]
    )
    box.kontrol = kontrol
    box.hasil = hasil
    box.konversi = konversi

    def uk_zero() -> float | None:
        value = kontrol["titik_nol_uk"].value
        return value if value > 0 else None

    def update_sizes(_change=None) -> None:
        foot = kontrol["panjang_kaki"].value
        allowance = kontrol["kelonggaran"].value
        try:
            rows = [
                ("Mondopoint", str(sizes.mondopoint(foot))),
                ("Panjang acuan (<i>last</i>)", f"{_angka(sizes.last_length(foot, allowance))} mm"),
                ("EU", _angka(sizes.eu_size(foot, allowance))),
            ]
            zero = uk_zero()
            if zero is None:
                rows.append(("UK / US pria", "isi titik nol UK dulu"))
            else:
                uk = sizes.uk_size(foot, uk_zero_mm=zero, allowance_mm=allowance)
                us = sizes.us_size(foot, uk_zero_mm=zero, allowance_mm=allowance)
                rows += [("UK", _angka(uk)), ("US pria", _angka(us))]
        except ValueError as err:
            hasil.value = _galat(err)
            return
        body = "".join(f"<tr><td>{k}</td><td><b>{v}</b></td></tr>" for k, v in rows)
        hasil.value = (
            f"<table>{body}</table><div style='color:#555'>Angka belum dibulatkan; nomor yang "
            "dipakai mengikuti tabel ukuran pembeli.</div>"
        )

    def update_conversion(_change=None) -> None:
        try:
            value = sizes.convert(
                kontrol["ukuran"].value,
                kontrol["dari"].value,
                kontrol["ke"].value,
                allowance_mm=kontrol["kelonggaran"].value,
                uk_zero_mm=uk_zero(),
            )
        except ValueError as err:
            konversi.value = _galat(err)
            return
        src = sizes.SYSTEMS[kontrol["dari"].value]
        dst = sizes.SYSTEMS[kontrol["ke"].value]
        konversi.value = (
            f"{_angka(kontrol['ukuran'].value)} {html.escape(src)} = "
            f"<b>{_angka(value)}</b> {html.escape(dst)}"
        )

    for name in ("panjang_kaki", "kelonggaran", "titik_nol_uk"):
        kontrol[name].observe(update_sizes, names="value")
    for name in ("ukuran", "dari", "ke", "kelonggaran", "titik_nol_uk"):
        kontrol[name].observe(update_conversion, names="value")
    update_sizes()
    update_conversion()
    return box
