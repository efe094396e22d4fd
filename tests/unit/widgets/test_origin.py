"""The certificate-of-origin guide widget (widgets/origin.py), driven programmatically."""

from __future__ import annotations

from alaskaki.domain import origin
from alaskaki.widgets.origin import panduan_ska

# --- certificate of origin guide -------------------------------------------------------------


def test_origin_guide_every_destination_matches_domain():
    box = panduan_ska()
    for d in origin.destinations():
        box.kontrol["tujuan"].value = d.key
        assert box.panduan.document == d.document
        assert "<h4>" in box.hasil.value and d.name in box.hasil.value


def test_origin_guide_eu_threshold():
    box = panduan_ska()
    box.kontrol["tujuan"].value = "uni_eropa"
    box.kontrol["nilai_eur"].value = 6000
    assert "Eksportir mana pun boleh" in box.hasil.value
    box.kontrol["nilai_eur"].value = 6500
    assert "harus terdaftar (REX)" in box.hasil.value
    assert "belum terdaftar" in box.hasil.value
    box.kontrol["terdaftar"].value = True
    assert "nomor REX" in box.hasil.value
    assert "<i>statement on origin</i>" in box.hasil.value


def test_origin_guide_other_country():
    box = panduan_ska()
    box.kontrol["tujuan"].value = "lainnya"
    assert "Tidak ada jawaban" in box.hasil.value
    assert box.panduan.known is False


def test_origin_guide_eu_shipping_date():
    """The guide asks for the shipping date; from 1 Jan 2027 it shows no GSP document."""
    from datetime import date

    box = panduan_ska()
    box.kontrol["tujuan"].value = "uni_eropa"
    box.kontrol["nilai_eur"].value = 4000
    assert "Periksa dulu tanggal pengapalan" in box.hasil.value
    box.kontrol["tanggal_kirim"].value = date(2027, 1, 15)
    assert "Tidak ada dokumen GSP" in box.hasil.value and box.panduan.document is None
    box.kontrol["tanggal_kirim"].value = date(2026, 12, 31)
    assert "<i>statement on origin</i>" in box.hasil.value
