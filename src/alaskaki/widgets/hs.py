"""HS classifier widget: choose the upper, the outer sole and the features → HS code and reason.

The code, descriptions and reasons come from :func:`alaskaki.domain.hs.explain_footwear`; this
file holds no rule. The returned box exposes ``box.kontrol`` (dict of controls: ``upper``,
``sol``, and one checkbox per feature), ``box.hasil`` (HTML) and ``box.klasifikasi`` (the current
:class:`~alaskaki.domain.hs.HsClassification`).
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from alaskaki.domain import hs

__all__ = ["klasifikasi_hs"]

# checkbox name -> (keyword of explain_footwear, Indonesian label)
_FITUR: dict[str, tuple[str, str]] = {
    "olahraga": (
        "sports",
        "Alas kaki olahraga (bisa dipasangi paku/pul, atau sepatu seluncur, gulat, tinju, sepeda)",
    ),
    "ski": ("ski", "Sepatu ski, ski lintas alam atau snowboard"),
    "menutupi_mata_kaki": ("covers_ankle", "Menutupi mata kaki"),
    "menutupi_lutut": ("covers_knee", "Menutupi lutut"),
    "pelindung_jari_logam": ("metal_toe_cap", "Ada pelindung jari dari logam (toe-cap)"),
    "kedap_air_tanpa_jahitan": (
        "waterproof_unstitched",
        "Kedap air, upper tidak dipasang dengan jahitan, paku, sekrup atau sumbat",
    ),
    "tali_disumbat": ("toe_post_plugged", "Tali/pita upper dipasang ke sol dengan sumbat (plug)"),
    "tali_kulit_punggung_kaki": (
        "instep_toe_straps",
        "Upper berupa tali kulit di punggung kaki dan melingkari ibu jari",
    ),
}


def _result_html(result: hs.HsClassification) -> str:
    steps = "".join(f"<li>{html.escape(step)}</li>" for step in result.steps)
    return (
        f"<div style='font-size:1.6em'><b>{result.code}</b></div>"
        f"<div>{html.escape(result.description_id)}</div>"
        f"<div style='color:#555'><i>{html.escape(result.description_en)}</i></div>"
        f"<div style='margin-top:0.5em'>Pos {result.heading}: "
        f"{html.escape(hs.description(result.heading))}</div>"
        f"<div style='margin-top:0.5em'><b>Alasan</b><ol>{steps}</ol></div>"
        "<div style='color:#555'>Kode 6 digit HS 2022. Kode 8 digit BTKI diambil dari BTKI 2022 "
        "(PMK 26/PMK.010/2022) atau INSW, tidak dari alat ini.</div>"
    )


def klasifikasi_hs(upper: str = "leather", sol: str = "rubber_plastics") -> widgets.VBox:
    """Build the HS Chapter 64 classifier."""
    style = {"description_width": "initial"}
    kontrol: dict[str, widgets.ValueWidget] = {
        "upper": widgets.Dropdown(
            options=[(name, key) for key, name in hs.UPPER_MATERIALS.items()],
            value=upper,
            description="Bahan upper (bagian atas)",
            style=style,
        ),
        "sol": widgets.Dropdown(
            options=[(name, key) for key, name in hs.OUTSOLE_MATERIALS.items()],
            value=sol,
            description="Bahan sol luar",
            style=style,
        ),
    }
    for name, (_, label) in _FITUR.items():
        kontrol[name] = widgets.Checkbox(
            value=False, description=label, indent=False, layout=widgets.Layout(width="auto")
        )
    hasil = widgets.HTML()
    judul = widgets.HTML(
        "<h3>Klasifikasi HS alas kaki (Bab 64)</h3>"
        "<p>Kode HS ditentukan oleh bahan <i>upper</i> (bagian atas sepatu: bahan dengan luas "
        "permukaan luar terbesar, aksesori dan penguat tidak dihitung) dan bahan <i>outer sole</i> "
        "(sol luar: bahan dengan luas bidang sentuh tanah terbesar), lalu oleh jenis dan ciri "
        "sepatu.</p>"
    )
    box = widgets.VBox(
        [
            judul,
            widgets.HBox([kontrol["upper"], kontrol["sol"]]),
            widgets.VBox([kontrol[name] for name in _FITUR]),
            hasil,
        ]
    )
    box.kontrol = kontrol
    box.hasil = hasil
    box.klasifikasi = None

    def update(_change=None) -> None:
        features = {kw: bool(kontrol[name].value) for name, (kw, _) in _FITUR.items()}
        try:
            result = hs.explain_footwear(kontrol["upper"].value, kontrol["sol"].value, **features)
        except ValueError as err:
            box.klasifikasi = None
            hasil.value = f"<span style='color:#c0392b'>{html.escape(str(err))}</span>"
            return
        box.klasifikasi = result
        hasil.value = _result_html(result)

    for widget in kontrol.values():
        widget.observe(update, names="value")
    update()
    return box
