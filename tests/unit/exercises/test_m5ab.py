"""Exercises of m5a-mutu-aql and m5b-uji-ukuran (the two sessions of the former m5): stable variants,
expected values from the domain, one number, letter or word per answer, items answerable with the
printed tables and a calculator, checks both ways."""

from __future__ import annotations

import math
import re

import pytest
from splitkit import answer_stubs, run_source, stub_lines_are_plain

from alaskaki.domain import inspection, quality, sizes
from alaskaki.exercises import m5, m5a, m5b

IDS = ["p01", "p02", "contoh-01", "Budi_07"]
MODULES = ["m5a-mutu-aql", "m5b-uji-ukuran"]


def test_variants_are_stable_and_differ():
    for mod, key in ((m5a, "rencana"), (m5b, "ukuran_pesanan")):
        assert mod.soal("p01") == mod.soal("p01")
        assert mod.harapan("p01") == mod.harapan("p01")
        assert len({repr(mod.harapan(pid)[key]) for pid in IDS + ["p03", "p04"]}) > 1, mod.MODUL


def test_legacy_m5_shares_the_tables():
    assert m5.LOT_RENCANA is m5a.LOT_RENCANA and m5.CR6_NILAI is m5b.CR6_NILAI and m5.IKM is m5a.IKM


def test_sampling_risk_is_one_calculator_step():
    """Every plan of the sampling-risk item accepts only with zero defects, so P = (1 − p)^n exactly."""
    for lot, aql in m5a.LOT_NOL:
        plan = quality.sampling_plan(lot, aql, "II")
        assert plan.accept == 0 and plan.units_to_inspect < lot, (lot, aql)
        for p in m5a.LAJU_CACAT:
            assert quality.acceptance_probability(plan, p) == pytest.approx(
                (1 - p) ** plan.units_to_inspect
            )
    # the worked example in the notebook: lot 60, AQL 1.0 -> 13 pairs, 5 % defective -> 51.3 %
    plan = quality.sampling_plan(60, 1.0, "II")
    assert plan.units_to_inspect == 13 and round(0.95**13 * 100, 1) == 51.3


@pytest.mark.parametrize("pid", IDS)
def test_m5a_expected_values_by_hand(pid):
    s, h = m5a.soal(pid), m5a.harapan(pid)
    n = quality.sampling_plan(s.lot_nol, s.aql_nol, "II").units_to_inspect
    assert h["peluang_terima"] == pytest.approx((1 - s.laju_cacat) ** n * 100)
    sk = h["studi_kasus"]
    assert sk["lot"] == (
        "terima" if {sk["kritis"], sk["mayor"], sk["minor"]} == {"terima"} else "tolak"
    )
    assert len(h["kelas_cacat"]) == 4 and len(h["grade"]) == 3 and len(h["keputusan"]) == 3


@pytest.mark.parametrize("pid", IDS)
def test_m5b_sizes_are_whole_sizes_a_shoe_carries(pid):
    s, h = m5b.soal(pid), m5b.harapan(pid)
    for foot, size in zip(s.kaki_pesanan, h["ukuran_pesanan"], strict=True):
        assert isinstance(size, int)
        assert size * sizes.PARIS_POINT_MM >= foot + 15 - 1e-9, "the shoe leaves at least 15 mm"
        assert (size - 1) * sizes.PARIS_POINT_MM < foot + 15, "and is the smallest such size"
    assert h["ukuran"]["us"] == s.uk_pria + 1 and h["ukuran"]["mondopoint"] == s.panjang_kaki_mm
    assert set(h["uji_lab"]) <= set("ABCDE"), (
        "a lab test is chosen by its letter, never its ISO number"
    )
    assert sizes.eu_size_to_make(260) == 42 and sizes.eu_size(260) == pytest.approx(41.25)
    assert sizes.eu_size_to_make(265) == 42  # exactly 42.0 stays 42


def test_unrounded_size_gets_a_decision_hint():
    pid = "p01"
    h = m5b.harapan(pid)["ukuran_pesanan"]
    with pytest.raises(AssertionError, match="eu_1: tidak ada sepatu bernomor") as err:
        m5b.uji_ukuran_pesanan(pid, h[0] - 0.25, h[1], h[2])
    # the size in Indonesian notation, the sentences still ending in a full stop
    assert f"bernomor {h[0] - 1},75. Pilih nomor bulat" in str(err.value)
    assert str(err.value).endswith("kelonggaran 15 mm.")
    with pytest.raises(AssertionError, match="KE ATAS"):
        m5b.uji_ukuran_pesanan(pid, h[0] - 1, h[1], h[2])
    m5b.uji_ukuran_pesanan(pid, *h)


def test_lab_letters_follow_the_table():
    assert [m5b.HURUF_UJI[t.key] for t in inspection.LAB_TESTS] == list("ABCDE")
    for t in inspection.LAB_TESTS:
        for c in t.complaints:
            assert m5b._huruf_uji(c) == m5b.HURUF_UJI[t.key]


@pytest.mark.parametrize("modul", MODULES)
@pytest.mark.parametrize("pid", ["p01", "p13", "Budi_07"])
def test_source_solutions_are_right_for_every_participant(modul, pid):
    ns, tests = run_source(modul, pid)
    assert tests == 6 and ns["ID_PESERTA"] == pid


@pytest.mark.parametrize("modul", MODULES)
def test_every_answer_is_one_plain_name(modul):
    assert stub_lines_are_plain(modul) == []
    assert len(answer_stubs(modul)) == 6


def test_checks_name_the_line_and_hint_without_revealing(capsys):
    pid = "p07"
    r = m5a.harapan(pid)["rencana"]
    m5a.uji_rencana(pid, r["kode_huruf"].lower(), r["ukuran_sampel"], r["ac"], r["re"])
    with pytest.raises(AssertionError, match="ukuran_sampel: belum tepat.*panah"):
        m5a.uji_rencana(pid, r["kode_huruf"], r["ukuran_sampel"] + 1, r["ac"], r["re"])
    with pytest.raises(AssertionError, match="pangkat n"):
        m5a.uji_peluang_terima(pid, m5a.harapan(pid)["peluang_terima"] / 2)
    k = m5a.harapan(pid)["kelas_cacat"]
    with pytest.raises(AssertionError, match="belum diisi: kelas_3") as err:
        m5a.uji_kelas_cacat(pid, k[0], k[1], None, k[3])
    assert not re.search(r"\d+ dari \d+", str(err.value))
    m5a.mulai(pid)
    capsys.readouterr()
    m5a.cek_kelas_cacat(None, None, None, None)
    assert "belum Anda jawab" in capsys.readouterr().out


@pytest.mark.parametrize("mod", [m5a, m5b])
def test_every_self_check_has_a_worked_case(mod):
    checks = [n[4:] for n in dir(mod) if n.startswith("cek_")]
    assert set(checks) == set(mod.CONTOH_KERJA), mod.MODUL
    short = mod.MODUL.split("-")[0]
    for name in checks:
        assert getattr(mod, f"cek_{name}").grade_id == f"{short}_{name}"


def test_worked_case_of_the_size_decision_is_right():
    assert math.ceil((252 + 15) / (20 / 3)) == 41 and 40 * 20 / 3 < 267
