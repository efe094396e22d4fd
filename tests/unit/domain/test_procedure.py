"""Export procedure: KBLI, step order, PEB filing window, customs responses, export duty (brief §1.1–1.3)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from alaskaki.domain import procedure as pr

EXPORT = date(2026, 3, 20)


def test_kbli_codes_and_names():
    assert {k: v.name for k, v in pr.KBLI.items()} == {
        "15201": "Industri Alas Kaki Untuk Keperluan Sehari-hari",
        "15202": "Industri Sepatu Olahraga",
        "15203": "Industri Sepatu Teknik Lapangan/Keperluan Industri",
        "15209": "Industri Alas Kaki Lainnya",
    }


@pytest.mark.parametrize(
    ("product", "code"),
    [
        ("sepatu_harian", "15201"),
        ("sepatu santai", "15201"),
        ("sepatu_sandal", "15201"),
        ("sandal_kelom", "15201"),
        ("selop", "15201"),
        ("sepatu_olahraga", "15202"),
        ("sepatu_teknik_lapangan", "15203"),
        ("sepatu_keperluan_industri", "15203"),
        ("lainnya", "15209"),
    ],
)
def test_kbli_for(product, code):
    assert pr.kbli_for(product).code == code


def test_kbli_for_unknown_does_not_guess():
    with pytest.raises(ValueError, match="tidak dikenal"):
        pr.kbli_for("sepatu pengaman")


def test_steps_in_order():
    assert [s.key for s in pr.EXPORT_STEPS] == ["oss", "nib", "insw", "peb", "npe"]
    assert "CEISA" in pr.EXPORT_STEPS[3].name
    assert pr.steps_in_order(["OSS", "nib", "insw", "peb", "npe"])
    assert not pr.steps_in_order(["nib", "oss", "insw", "peb", "npe"])
    assert not pr.steps_in_order(["oss", "nib", "peb", "npe"])


def test_peb_exactly_7_days_before_is_valid():
    assert pr.earliest_peb_date(EXPORT) == date(2026, 3, 13)
    assert pr.peb_filing_valid(date(2026, 3, 13), EXPORT)


def test_peb_8_days_before_is_too_early():
    assert not pr.peb_filing_valid(date(2026, 3, 12), EXPORT)
    assert "Terlalu cepat" in pr.peb_filing_problems(date(2026, 3, 12), EXPORT)[0]


def test_peb_before_goods_enter_customs_area():
    assert pr.peb_filing_valid(date(2026, 3, 15), EXPORT, date(2026, 3, 16))


def test_peb_after_goods_entered_customs_area_is_too_late():
    assert not pr.peb_filing_valid(date(2026, 3, 17), EXPORT, date(2026, 3, 16))
    assert (
        "kawasan pabean" in pr.peb_filing_problems(date(2026, 3, 17), EXPORT, date(2026, 3, 16))[0]
    )


def test_peb_same_day_as_entry():
    # plain dates: same day counts as too late; with times, before is fine and after is not
    assert not pr.peb_filing_valid(date(2026, 3, 16), EXPORT, date(2026, 3, 16))
    assert pr.peb_filing_valid(datetime(2026, 3, 16, 8, 0), EXPORT, datetime(2026, 3, 16, 14, 0))
    assert not pr.peb_filing_valid(
        datetime(2026, 3, 16, 15, 0), EXPORT, datetime(2026, 3, 16, 14, 0)
    )


def test_peb_after_export_date_is_too_late():
    assert not pr.peb_filing_valid(date(2026, 3, 21), EXPORT)


def test_peb_too_early_and_too_late_both_reported():
    assert len(pr.peb_filing_problems(date(2026, 3, 1), EXPORT, date(2026, 2, 28))) == 2


def test_responses():
    assert pr.response_meaning("npe").startswith("NPE (Nota Pelayanan Ekspor)")
    assert "salah atau belum lengkap" in pr.response_meaning("NPP")
    assert "Nota Pemberitahuan Persyaratan Dokumen" in pr.response_meaning("NPPD")
    with pytest.raises(ValueError):
        pr.response_meaning("SPPB")


def test_export_duty():
    assert len(pr.EXPORT_DUTY_GROUPS) == 6
    assert pr.export_duty_applies("6403.99") is False
    assert pr.export_duty_applies("64") is False
    assert (
        pr.export_duty_applies("4104.11") is None
    )  # leather: the brief does not settle the HS scope
    with pytest.raises(ValueError):
        pr.export_duty_applies("6")
