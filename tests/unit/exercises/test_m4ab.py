"""Exercises of m4a-harga-ekspor and m4b-incoterms-pembayaran (the two sessions of the former m4):
stable variants, expected values from the domain, one number or word per answer, checks both ways."""

from __future__ import annotations

import re

import pytest
from splitkit import answer_stubs, run_source, stub_lines_are_plain

from alaskaki.domain import incoterms, payment, pricing
from alaskaki.exercises import m4, m4a, m4b

IDS = ["p01", "p02", "contoh-01", "Budi_07"]


def test_variants_are_stable_and_differ():
    for mod, key in ((m4a, "harga_fob"), (m4b, "harga_cip")):
        assert mod.soal("p01") == mod.soal("p01")
        assert mod.harapan("p01") == mod.harapan("p01")
        values = {repr(mod.harapan(pid)[key]) for pid in IDS}
        assert len(values) > 1, f"{mod.MODUL}: neighbours must not share the same numbers"


@pytest.mark.parametrize("pid", IDS)
def test_m4a_expected_values_follow_the_ladder_by_hand(pid):
    s, h = m4a.soal(pid), m4a.harapan(pid)
    exw = s.hpp * (1 + s.margin_biaya)
    assert h["harga_exw"] == pytest.approx(exw)
    assert h["margin_harga"] == pytest.approx((exw - s.hpp) / exw * 100)
    fob = (exw + s.biaya_sampai_kapal) / s.kurs_beli  # USD from rupiah: the bank buys USD
    assert h["harga_fob"] == pytest.approx(fob)
    assert h["biaya_impor"] == pytest.approx(s.tagihan_impor_usd * s.kurs_jual)
    cfr = fob + s.ongkos_laut_usd / s.pasang
    cif = h["harga_cif"]["cif"]
    assert h["harga_cif"]["cfr"] == pytest.approx(cfr)
    assert cif - cfr == pytest.approx(s.premi * 1.1 * cif)  # the premium is rate × 110 % × CIF
    sk = h["studi_kasus"]
    exw2 = s.sk_hpp / (1 - s.sk_margin_harga)
    assert sk["fob"] == pytest.approx((exw2 + s.sk_biaya_sampai_kapal) / s.kurs_beli)
    assert sk["nilai_cif"] == pytest.approx(sk["cif"] * s.sk_pasang)
    assert sk["aturan"] == "CIP"


@pytest.mark.parametrize("pid", IDS)
def test_m4b_expected_values_by_hand(pid):
    s, h = m4b.soal(pid), m4b.harapan(pid)
    cpt = s.fca_usd + s.ongkos_usd / s.pasang
    assert h["harga_cip"]["cpt"] == pytest.approx(cpt)
    assert h["harga_cip"]["cip"] == pytest.approx(cpt / (1 - 1.1 * s.premi))
    assert h["biaya_bank"]["lc"] == pytest.approx(150 / s.nilai_pesanan_usd * 100)
    assert h["biaya_bank"]["tt"] == pytest.approx(10 / s.nilai_pesanan_usd * 100)
    assert payment.BANK_CHARGES_USD["L/C"][1] == 150 and payment.BANK_CHARGES_USD["T/T"][1] == 10
    assert sorted(h["inkaso"]) == ["D/A", "D/P"]
    assert len(set(s.skenario)) == 3 and len(set(s.kasus_risiko)) == 4


def test_legacy_m4_shares_the_scenario_tables():
    """Workshops made before the split keep their variants: the same tables, the same objects."""
    assert m4.SKENARIO is m4b.SKENARIO and m4.KASUS_RISIKO is m4b.KASUS_RISIKO
    found = [m4b._aturan_untuk(sk) for sk in m4b.SKENARIO]
    assert found == ["FCA", "CPT", "CIP", "FOB", "CFR", "CIF", "EXW", "DPU", "DDP", "FAS"]


def test_each_buyer_message_names_one_rule_risk_and_collection():
    seen = set()
    for p in m4b.PESAN:
        sk = m4b._studi(p)
        assert not incoterms.rule(sk["aturan"]).sea_only, (
            "a container message gets a rule for any mode"
        )
        assert sk["risiko"] == incoterms.segments(sk["aturan"])[p.kejadian][2]
        assert p.kejadian in m4b.KEJADIAN
        seen.add(sk["aturan"])
    assert len(seen) == len(m4b.PESAN), "every message asks for a different rule"
    assert m4a._aturan_kontainer() == "CIP"


@pytest.mark.parametrize("modul", ["m4a-harga-ekspor", "m4b-incoterms-pembayaran"])
@pytest.mark.parametrize("pid", ["p01", "p13", "Budi_07"])
def test_source_solutions_are_right_for_every_participant(modul, pid):
    ns, tests = run_source(modul, pid)
    assert tests == 6 and ns["ID_PESERTA"] == pid


@pytest.mark.parametrize("modul", ["m4a-harga-ekspor", "m4b-incoterms-pembayaran"])
def test_every_answer_is_one_plain_name(modul):
    """Issue 15 req. 1: each answer line is `nama = None`, to be replaced by a number, a letter or a word."""
    assert stub_lines_are_plain(modul) == []
    stubs = answer_stubs(modul)
    assert len(stubs) == 6 and all(stubs.values())


def test_multi_answer_checks_pack_and_name_what_is_missing(capsys):
    m4a.mulai("p05")
    capsys.readouterr()
    m4a.cek_harga_cif(None, None, None)
    out = capsys.readouterr().out
    assert "belum diisi" in out and "belum Anda jawab" in out  # untouched: not counted as a try
    h = m4a.harapan("p05")["harga_cif"]
    m4a.cek_harga_cif(h["cfr"], h["cif"], h["premi"])
    assert capsys.readouterr().out.startswith("✅")
    with pytest.raises(AssertionError, match="harga_cif:.*110%"):
        m4a.uji_harga_cif("p05", h["cfr"], h["cfr"], h["premi"])
    with pytest.raises(AssertionError, match="premi_kiriman"):
        m4a.uji_harga_cif("p05", h["cfr"], h["cif"], h["premi"] / 1.1)
    right = m4b.harapan("p05")["aturan"]
    with pytest.raises(AssertionError, match="belum diisi: aturan_2"):
        m4b.uji_aturan("p05", right[0], None, right[2])
    m4b.uji_aturan("p05", *[c.lower() for c in right])  # case ignored
    with pytest.raises(AssertionError, match="bukan salah satu pilihan"):
        m4b.uji_aturan("p05", right[0], "XYZ", right[2])


def test_wrong_rate_and_margin_get_hints_in_indonesian():
    pid = "p01"
    s, h = m4a.soal(pid), m4a.harapan(pid)
    with pytest.raises(AssertionError, match="Belum tepat.*kurs beli"):
        m4a.uji_harga_fob(pid, (h["harga_exw"] + s.biaya_sampai_kapal) / s.kurs_jual)
    with pytest.raises(AssertionError, match="kurs jual"):
        m4a.uji_biaya_impor(pid, s.tagihan_impor_usd * s.kurs_beli)
    exw = pricing.price_from_margin_on_cost(s.sk_hpp, s.sk_margin_harga)
    sk = h["studi_kasus"]
    wrong_fob = (exw + s.sk_biaya_sampai_kapal) / s.kurs_beli
    with pytest.raises(AssertionError, match="sk_fob.*HARGA JUAL"):
        m4a.uji_studi_kasus(pid, wrong_fob, sk["cif"], sk["nilai_cif"], sk["aturan"])
    with pytest.raises(AssertionError, match="sk_aturan.*kontainer"):
        m4a.uji_studi_kasus(pid, sk["fob"], sk["cif"], sk["nilai_cif"], "CIF")


def test_case_study_hints_without_revealing():
    pid = "p02"
    h = m4b.harapan(pid)["studi_kasus"]
    other = "penjual" if h["risiko"] == "pembeli" else "pembeli"
    with pytest.raises(AssertionError, match="sk_risiko") as err:
        m4b.uji_studi_kasus(pid, h["aturan"], other, h["dokumen"])
    assert h["risiko"] not in str(err.value).split("Petunjuk")[0]
    m4b.uji_studi_kasus(pid, h["aturan"].lower(), h["risiko"], h["dokumen"])
    assert not re.search(r"\d+ dari \d+", str(err.value))


@pytest.mark.parametrize("mod", [m4a, m4b])
def test_every_self_check_has_a_worked_case(mod):
    checks = [n[4:] for n in dir(mod) if n.startswith("cek_")]
    assert set(checks) == set(mod.CONTOH_KERJA), mod.MODUL
    for name in checks:
        assert getattr(mod, f"cek_{name}").grade_id == f"{mod.MODUL.split('-')[0]}_{name}"
