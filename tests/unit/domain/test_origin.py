"""Every branch of the certificate-of-origin guide (brief §1.4)."""

from __future__ import annotations

import pytest

from alaskaki.domain.origin import REX_THRESHOLD_EUR, certificate_of_origin, destinations

ASEAN = [
    "brunei",
    "kamboja",
    "laos",
    "malaysia",
    "myanmar",
    "filipina",
    "singapura",
    "thailand",
    "vietnam",
]


def test_destinations_cover_the_brief():
    keys = [d.key for d in destinations()]
    assert keys == [*ASEAN, "tiongkok", "jepang", "uni_eropa", "australia"]
    assert len([d for d in destinations() if d.group == "asean"]) == 9


@pytest.mark.parametrize("key", ASEAN)
def test_asean_form_d(key):
    g = certificate_of_origin(key)
    assert (g.known, g.preferential, g.document, g.agreement) == (True, True, "Form D", "ATIGA")
    assert not g.self_certified
    assert "e-SKA" in g.text
    assert "Eksportir Tersertifikasi" in g.text  # ES may replace Form D by a DAB
    electronic = "Form D elektronik" in g.text
    assert electronic == (key in {"malaysia", "singapura", "vietnam"})
    if electronic:
        assert "1 Januari 2018" in g.text


def test_china_form_e():
    g = certificate_of_origin("Tiongkok")
    assert (g.document, g.agreement, g.preferential) == ("Form E", "ACFTA", True)


def test_japan_form_ijepa():
    g = certificate_of_origin("jepang")
    assert (g.document, g.agreement, g.preferential) == ("Form IJEPA", "IJEPA", True)


def test_australia_only_what_the_brief_says():
    g = certificate_of_origin("australia")
    assert g.document == "Form IA-CEPA"
    assert "menggantikan Form IA-CEPA" in g.text


def test_eu_threshold_is_eur_6000():
    assert REX_THRESHOLD_EUR == 6000


def test_eu_without_value_explains_both_sides():
    g = certificate_of_origin("uni_eropa")
    assert g.self_certified and g.preferential
    assert g.registration_required is None
    assert "EUR 6.000" in g.text and "REX" in g.text
    assert "IEU-CEPA belum berlaku" in g.text


def test_eu_exactly_6000_any_exporter():
    g = certificate_of_origin("uni_eropa", 6000)
    assert g.registration_required is False
    assert "eksportir mana pun" in g.text


def test_eu_above_6000_needs_registration():
    g = certificate_of_origin("uni_eropa", 6000.01)
    assert g.registration_required is True
    assert "harus terdaftar" in g.text
    assert "EUR 6.000,01" in g.text


def test_eu_above_6000_registered_or_not():
    assert (
        "belum terdaftar"
        in certificate_of_origin("uni_eropa", 9000, registered_exporter=False).text
    )
    assert "nomor REX" in certificate_of_origin("uni_eropa", 9000, registered_exporter=True).text
    assert "nomor REX" not in certificate_of_origin("uni_eropa", 100, registered_exporter=True).text


def test_value_outside_eu_has_no_threshold_in_brief():
    g = certificate_of_origin("jepang", 50_000)
    assert g.document == "Form IJEPA"
    assert "tidak memuat batas nilai" in g.text


def test_unknown_destination_says_so():
    g = certificate_of_origin("amerika_serikat", 10_000)
    assert not g.known
    assert g.document is None and g.preferential is None
    assert "tidak memuat aturan" in g.text
    assert "Non-Preferensi" in g.text and "Preferensi" in g.text


def test_negative_value():
    with pytest.raises(ValueError, match="negatif"):
        certificate_of_origin("uni_eropa", -1)


def test_eu_regime_depends_on_the_shipping_date():
    """GSP for Indonesia ends 1 Jan 2027 (brief §1.4): the day before still GSP, that day no GSP document."""
    from datetime import date, timedelta

    from alaskaki.domain.origin import CEK_TANGGAL_UE, EU_GSP_INDONESIA_ENDS

    last = certificate_of_origin(
        "uni_eropa", 4000, shipping_date=EU_GSP_INDONESIA_ENDS - timedelta(days=1)
    )
    assert last.self_certified and last.registration_required is False and last.document
    assert CEK_TANGGAL_UE in last.steps
    first = certificate_of_origin("uni_eropa", 4000, shipping_date=EU_GSP_INDONESIA_ENDS)
    assert first.known and first.document is None and not first.self_certified
    assert "IEU-CEPA" in first.text and "MFN" in first.text and "31 Desember 2026" in first.text
    # without a date the GSP answer still tells the participant to check the date
    assert CEK_TANGGAL_UE in certificate_of_origin("uni_eropa").steps
    # other destinations do not depend on the date
    assert certificate_of_origin("jepang", shipping_date=date(2027, 3, 1)).document == "Form IJEPA"
