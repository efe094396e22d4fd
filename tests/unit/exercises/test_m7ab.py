"""Exercises of m7a-daya-saing and m7b-kemitraan (the two sessions of the former m7): stable variants,
expected values from the dataset and the domain, calculator items instead of pandas indexing and `**`,
one number, letter or word per answer, checks both ways."""

from __future__ import annotations

import pytest
from splitkit import answer_stubs, run_source, source_nb, stub_lines_are_plain

from alaskaki.domain import export_stats
from alaskaki.exercises import m7, m7a, m7b

IDS = ["p01", "p02", "contoh-01", "Budi_07"]
MODULES = ["m7a-daya-saing", "m7b-kemitraan"]


def test_variants_are_stable_and_differ():
    for mod, key in ((m7a, "pertumbuhan_rata"), (m7b, "harga_penawaran")):
        assert mod.soal("p01") == mod.soal("p01")
        assert mod.harapan("p01") == mod.harapan("p01")
        assert len({repr(mod.harapan(pid)[key]) for pid in IDS}) > 1, mod.MODUL


def test_legacy_m7_shares_the_tables():
    assert m7._bank_swot is m7a._bank_swot and m7.SKENARIO_KITE is m7b.SKENARIO_KITE


def test_rule_wording_is_in_the_notebook_with_the_key():
    text = "\n".join(
        c.source for c in source_nb("m7a-daya-saing").cells if c.cell_type == "markdown"
    )
    assert m7a.ATURAN_SWOT in text
    for p in m7a._bank_swot():
        assert p.di_dalam == p.teks.startswith("IKM Anda"), p.teks


def test_reliability_rows_cover_every_tag_and_follow_it():
    tags = {m7a._baris(s, t).tag for s, t in m7a.BARIS_KEANDALAN}
    assert tags == set(export_stats.TAGS)
    assert {t: m7a._kutip(t) for t in export_stats.TAGS} == {"S": "ya", "C": "tidak", "D": "tidak"}


@pytest.mark.parametrize("pid", IDS)
def test_m7a_case_study_box_follows_the_sign(pid):
    sk = m7a.harapan(pid)["studi_kasus"]
    assert sk["kotak"] == ("O" if sk["tumbuh"] > 0 else "T")


def test_calculator_example_of_average_growth_is_right():
    assert round(export_stats.average_growth_between(2007, 2024), 2) == 9.09
    assert round(export_stats.growth_between(2023, 2024), 2) == 13.13


def test_no_graded_answer_needs_pandas_indexing_or_power():
    """Issue 15: m7's CAGR with ** and Series indexing becomes a calculator step: the stubs are plain names and
    the exercise text never asks for `tahunan[...]` or `**`."""
    for modul in MODULES:
        for cell in source_nb(modul).cells:
            if cell.cell_type == "markdown" and "Latihan" in cell.source:
                assert "tahunan[" not in cell.source and "\\*\\*" not in cell.source, cell.source[
                    :80
                ]


def test_partnership_scenarios_name_each_model():
    assert {i for _, i in m7b._bank_model()} == set(range(len(m7b.MODEL)))


@pytest.mark.parametrize("modul", MODULES)
@pytest.mark.parametrize("pid", ["p01", "p13", "Budi_07"])
def test_source_solutions_are_right_for_every_participant(modul, pid):
    ns, tests = run_source(modul, pid)
    assert tests == 5 and ns["ID_PESERTA"] == pid


@pytest.mark.parametrize("modul", MODULES)
def test_every_answer_is_one_plain_name(modul):
    assert stub_lines_are_plain(modul) == []
    assert all(answer_stubs(modul).values())


def test_case_study_hints():
    pid = "p03"
    h = m7b.harapan(pid)["studi_kasus"]
    with pytest.raises(AssertionError, match="sk_bulan.*ke ATAS"):
        m7b.uji_studi_kasus(pid, h["bulan"] - 1, h["ikm_tambahan"], h["nilai_usd"])
    m7b.uji_studi_kasus(pid, h["bulan"], h["ikm_tambahan"], h["nilai_usd"])
    s = m7a.harapan(pid)["swot_kelompok"]
    with pytest.raises(AssertionError, match="bukan salah satu pilihan"):
        m7a.uji_swot_kelompok(pid, *(["X"] + s[1:]))
    m7a.uji_swot_kelompok(pid, *[x.lower() for x in s])


@pytest.mark.parametrize("mod", [m7a, m7b])
def test_every_self_check_has_a_worked_case(mod):
    checks = [n[4:] for n in dir(mod) if n.startswith("cek_")]
    assert set(checks) == set(mod.CONTOH_KERJA), mod.MODUL
    short = mod.MODUL.split("-")[0]
    for name in checks:
        assert getattr(mod, f"cek_{name}").grade_id == f"{short}_{name}"
