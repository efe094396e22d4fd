"""Exercises of m5-mutu-aql (legacy, for workshops made before the split into m5a/m5b): stable variants,
expected values from the domain, checks both ways."""

from __future__ import annotations

from pathlib import Path

import pytest

from alaskaki.domain import inspection, quality
from alaskaki.exercises import m5

LEGACY_NB = (
    Path(__file__).parents[2]
    / "fixtures"
    / "pra-pecah"
    / "source"
    / "m5-mutu-aql"
    / "m5-mutu-aql.ipynb"
)

IDS = ["p01", "p02", "contoh-01", "Budi_07", "x9"]


def test_variants_are_stable_and_differ():
    assert m5.soal("p01") == m5.soal("p01")
    assert m5.harapan("p01") == m5.harapan("p01")
    plans = {(m5.soal(pid).lot, m5.soal(pid).aql) for pid in IDS}
    assert len(plans) > 1


def test_plans_match_worked_lookups_of_the_brief():
    # brief §4.3 worked look-ups, level II normal inspection
    p = quality.sampling_plan(60, 2.5, "II")
    assert (p.lot_code_letter, p.sample_size, p.accept, p.reject) == ("E", 20, 1, 2)
    p = quality.sampling_plan(1000, 4.0, "II")
    assert (p.lot_code_letter, p.sample_size, p.accept, p.reject) == ("J", 80, 7, 8)
    assert m5._inspection_plan(500, "mayor").accept == 3  # AQL 2.5 -> 3/4
    assert m5._inspection_plan(500, "minor").accept == 5  # AQL 4.0 -> 5/6


@pytest.mark.parametrize("pid", IDS)
def test_expected_values_come_from_the_domain(pid):
    s, h = m5.soal(pid), m5.harapan(pid)
    plan = quality.sampling_plan(s.lot, s.aql, "II")
    assert h["rencana"] == {
        "kode_huruf": quality.code_letter(s.lot, "II"),
        "ukuran_sampel": plan.sample_size,
        "ac": plan.accept,
        "re": plan.reject,
    }
    assert not plan.full_inspection
    assert 0 <= h["peluang_terima"] <= 100
    assert h["uji_lab"] == [inspection.lab_test_for(k).iso_number for k in s.keluhan]
    assert h["sni"].count("wajib") == 1, "exactly one type (safety shoes) needs a mandatory SNI"
    assert h["ukuran"]["mondopoint"] == s.panjang_kaki_mm
    assert h["ukuran"]["eu"] == pytest.approx((s.panjang_kaki_mm + 15) / (20 / 3))
    assert h["ukuran"]["us"] == s.uk_pria + 1
    sk = h["studi_kasus"]
    assert sk["tahap"] == "PSI"
    if s.sk_kritis:
        assert sk["kritis"] == "tolak" and sk["lot"] == "tolak"
    decisions = [sk["kritis"], sk["mayor"], sk["minor"]]
    assert sk["lot"] == ("terima" if all(d == "terima" for d in decisions) else "tolak")


def test_decisions_across_variants_include_both_outcomes():
    seen = {d for i in range(40) for d in m5.harapan(f"v{i}")["keputusan"]}
    assert seen == {"terima", "tolak"}


def test_inspection_domain_facts():
    assert inspection.cr6_allowed_in_eu(2.9) and not inspection.cr6_allowed_in_eu(3.0)
    assert inspection.stage_for_completion(40) == "DUPRO"
    assert inspection.stage_for_completion(90) == "PSI"
    assert inspection.stage_for_completion(60) is None
    assert inspection.lab_test("adhesi_sol").iso_number == 17708
    assert {t.iso_number for t in inspection.LAB_TESTS} == {17708, 17707, 17694, 20871, 17700}
    assert [sni for sni, _, _ in inspection.MANDATORY_SNI][0] == "SNI 8877:2023"
    assert (
        inspection.critical_decision(0) == "terima" and inspection.critical_decision(1) == "tolak"
    )
    assert inspection.overall_decision(["terima", "tolak"]) == "tolak"
    with pytest.raises(ValueError):
        inspection.cr6_allowed_in_eu(-1)
    with pytest.raises(ValueError):
        inspection.sni_mandatory("sepatu roda")
    for ex in inspection.DEFECT_EXAMPLES:
        quality.defect_class(ex.answer)  # every example uses a real class
    for ex in inspection.GRADE_EXAMPLES:
        inspection.grade(ex.answer)


CHECKS = [
    "kelas_cacat",
    "grade",
    "rencana",
    "peluang_terima",
    "keputusan",
    "uji_lab",
    "krom",
    "sni",
    "ukuran",
    "studi_kasus",
]


@pytest.mark.parametrize("name", CHECKS)
def test_checks_accept_right_and_reject_wrong(name):
    pid = "p02"
    uji = getattr(m5, f"uji_{name}")
    uji(pid, m5.harapan(pid)[name])
    with pytest.raises(AssertionError, match="belum diisi"):
        uji(pid, None)
    with pytest.raises(AssertionError):
        uji(pid, "salah")


def test_arrow_not_followed_is_rejected_with_a_hint():
    # find a variant whose plan needs an arrow, then answer with the lot's own letter's sample size
    for i in range(200):
        pid = f"a{i}"
        s = m5.soal(pid)
        plan = quality.sampling_plan(s.lot, s.aql, "II")
        if plan.arrow_followed:
            break
    else:  # pragma: no cover
        pytest.skip("no arrow in 200 variants")
    right = m5.harapan(pid)["rencana"]
    raw_n = quality._plan_table()[1][plan.lot_code_letter]  # the lot letter's own sample size
    assert raw_n != right["ukuran_sampel"]
    with pytest.raises(AssertionError, match="Ukuran sampel.*panah"):
        m5.uji_rencana(pid, dict(right, ukuran_sampel=raw_n))


def test_lab_answers_accept_digit_strings_and_reject_iso_prefix():
    pid = "p01"
    right = m5.harapan(pid)["uji_lab"]
    m5.uji_uji_lab(pid, [str(x) for x in right])
    with pytest.raises(AssertionError, match="nomor ISO saja"):
        m5.uji_uji_lab(pid, [f"ISO {x}" for x in right])


def test_case_study_names_the_wrong_part():
    pid = "p01"
    right = m5.harapan(pid)["studi_kasus"]
    with pytest.raises(AssertionError, match="Tahap pemeriksaan"):
        m5.uji_studi_kasus(pid, dict(right, tahap="DUPRO"))
    flip = "tolak" if right["lot"] == "terima" else "terima"
    with pytest.raises(AssertionError, match="Keputusan lot"):
        m5.uji_studi_kasus(pid, dict(right, lot=flip))


def test_size_check_rejects_eu_without_allowance():
    pid = "p01"
    s, right = m5.soal(pid), m5.harapan(pid)["ukuran"]
    with pytest.raises(AssertionError, match="Ukuran EU.*kelonggaran"):
        m5.uji_ukuran(pid, dict(right, eu=s.panjang_kaki_mm / (20 / 3)))


def test_self_check_prints_feedback(capsys):
    m5.mulai("p05")
    assert "Peserta p05" in capsys.readouterr().out
    m5.cek_krom(m5.harapan("p05")["krom"])
    assert capsys.readouterr().out.startswith("✅")
    m5.cek_krom(["boleh"])
    assert "tepat 4 jawaban" in capsys.readouterr().out


@pytest.mark.parametrize("pid", ["p01", "p13", "Budi_07"])
def test_source_solutions_are_right_for_every_participant(pid, capsys):
    """The instructor solutions (used by the demo as "right" answers) pass every hidden test for any id."""
    import contextlib

    import nbformat

    nb = nbformat.read(LEGACY_NB, as_version=4)
    ns: dict = {}
    tests = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        src = cell.source.replace('ID_PESERTA = "contoh-01"', f'ID_PESERTA = "{pid}"')
        if src.rstrip().endswith(("()", ")")) and "widgets" in src:
            continue  # widgets need a front end; they are exercised in their own tests
        with contextlib.redirect_stdout(None):
            exec(compile(src, "<cell>", "exec"), ns)
        tests += "### BEGIN HIDDEN TESTS" in src
    assert tests == 10 and ns["ID_PESERTA"] == pid
