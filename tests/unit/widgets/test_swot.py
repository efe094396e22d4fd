"""The SWOT board (alaskaki.widgets.swot): composes the participant's points, judges nothing."""

from __future__ import annotations

from alaskaki.widgets.swot import papan_swot


def test_swot_board_composes_markdown_and_judges_nothing():
    box = papan_swot("SWOT uji", contoh={"kekuatan": ["Sentra Surodinawan"]})
    box.kontrol["ancaman"].value = "- Sepatu impor\nTarif\n\n"
    text = box.susun_teks()
    assert "**Kekuatan (*Strengths*)**\n- Sentra Surodinawan" in text
    assert "- Sepatu impor\n- Tarif" in text
    assert "(belum diisi)" in text  # kelemahan and peluang are empty
    assert "2 poin" in box.hasil.value
    box.kontrol["susun"].click()
    assert box.teks.value == text
