"""Module m7-daya-saing (legacy, for workshops made before the split into m7a/m7b): export statistics
from the dataset, variants, checks (the SWOT widget: tests/unit/widgets/test_swot.py)."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from alaskaki import paths
from alaskaki.domain import costing, export_stats, pricing
from alaskaki.exercises import m7

LEGACY_NB = (
    Path(__file__).parents[2]
    / "fixtures"
    / "pra-pecah"
    / "source"
    / "m7-daya-saing"
    / "m7-daya-saing.ipynb"
)

IDS = [f"p{n:02d}" for n in range(1, 31)]


# ---- dataset and domain arithmetic ---------------------------------------------------------------


def test_dataset_rows_carry_source_and_tag():
    with paths.dataset("ekspor_alas_kaki.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows
    for row in rows:
        assert row["sumber"].strip(), row
        assert row["tag"] in {"S", "C", "D"}, row


def test_brief_figures_are_in_the_series():
    """The brief's §6.1 headline values, in million USD."""
    s = export_stats.series()
    assert s[2021] == 6160 and s[2022] == 7740 and s[2024] == 7280 and s[2019] == 4400
    assert export_stats.figure(2023).tag == "D"
    assert export_stats.value(2025, "jan_agu") == 5160


def test_conflicting_figure_is_kept_but_never_used():
    assert any(f.tag == "C" and f.value_musd == 6150 for f in export_stats.figures())
    assert export_stats.value(2022) == 7740


def test_derived_2023_reproduces_reported_2024_growth():
    assert export_stats.growth_between(2023, 2024) == pytest.approx(13.13, abs=0.01)


def test_growth_close_to_reported_where_sources_rounded():
    assert export_stats.growth_between(2024, 2025, "jan_agu") == pytest.approx(11.89, abs=0.1)
    assert export_stats.growth_between(2021, 2022) == pytest.approx(25.65, abs=0.01)


def test_average_growth_is_compound():
    g = export_stats.average_growth_between(2014, 2024)
    assert 4100 * (1 + g / 100) ** 10 == pytest.approx(7280)


def test_shares():
    assert export_stats.share_in("tujuan_2024_04", "Amerika Serikat") == pytest.approx(
        34.06, abs=0.01
    )
    q1 = export_stats.destinations("tujuan_2025_q1")
    assert sum(export_stats.share_in("tujuan_2025_q1", k, None) for k in q1) == pytest.approx(100)


def test_bad_inputs_raise_indonesian_messages():
    with pytest.raises(ValueError, match="Tidak ada angka"):
        export_stats.value(2010)
    with pytest.raises(ValueError, match="Seri"):
        export_stats.series("tidak_ada")
    with pytest.raises(ValueError, match="lebih dari nol"):
        export_stats.growth_percent(0, 5)


# ---- variants and expected values --------------------------------------------------------------


def test_variants_are_stable_and_differ():
    assert m7.soal("p01") == m7.soal("p01")
    assert len({(m7.soal(i).hpp, m7.soal(i).pekerja, m7.soal(i).tujuan) for i in IDS}) > 20


@pytest.mark.parametrize("pid", IDS[:10])
def test_expected_values_come_from_domain(pid):
    s, h = m7.soal(pid), m7.harapan(pid)
    a, b = s.tahun_pertumbuhan
    assert h["pertumbuhan"] == pytest.approx(
        (export_stats.value(b) - export_stats.value(a)) / export_stats.value(a) * 100
    )
    rates = pricing.BankRates(s.kurs_beli, s.kurs_jual)
    fob = pricing.fob_price(pricing.price_from_margin_on_cost(s.hpp, s.margin), s.biaya_fob)
    assert h["harga_penawaran"] == pytest.approx(fob / rates.buying)
    kap = s.pekerja * s.pasang_per_pekerja_per_hari * s.hari_kerja
    assert h["kapasitas"] == kap
    assert h["bulan_produksi"] == math.ceil(s.pesanan_pasang / kap)
    assert kap * s.batas_bulan * (h["ikm_tambahan"] + 1) >= s.pesanan_pasang
    assert costing.KITE_IKM_APPLICANTS[s.skenario_kite] == s.pilihan_kite[h["pemohon_kite"]]


def test_swot_variant_has_every_box_twice():
    for pid in IDS:
        boxes = list(m7.harapan(pid)["swot_kelompok"].values())
        assert sorted(boxes) == sorted(["S", "S", "W", "W", "O", "O", "T", "T"])


# ---- checks accept right answers, reject wrong ones with an Indonesian hint ------------------------

NUMERIC = ["pertumbuhan", "pertumbuhan_rata", "porsi_tujuan", "kapasitas", "harga_penawaran"]


@pytest.mark.parametrize("name", NUMERIC)
def test_numeric_checks(name):
    pid = "p07"
    right = m7.harapan(pid)[name]
    uji = getattr(m7, f"uji_{name}")
    uji(pid, right)
    uji(pid, round(right, 2))
    with pytest.raises(AssertionError, match="Belum tepat"):
        uji(pid, right * 1.1 + 1)
    with pytest.raises(AssertionError, match="belum diisi"):
        uji(pid, None)


def test_growth_rejects_the_simple_average_instead_of_compound():
    pid = next(i for i in IDS if m7.soal(i).tahun_rata == (2014, 2024))
    simple = (7280 / 4100 - 1) / 10 * 100
    with pytest.raises(AssertionError, match="Petunjuk"):
        m7.uji_pertumbuhan_rata(pid, simple)


def test_price_with_selling_rate_is_wrong():
    pid = "p03"
    s = m7.soal(pid)
    fob = s.hpp * (1 + s.margin) + s.biaya_fob
    m7.uji_harga_penawaran(pid, fob / s.kurs_beli)
    with pytest.raises(AssertionError, match="kurs BELI"):
        m7.uji_harga_penawaran(pid, fob / s.kurs_jual)


def test_swot_check():
    pid = "p05"
    right = dict(m7.harapan(pid)["swot_kelompok"])
    m7.uji_swot_kelompok(pid, right)
    m7.uji_swot_kelompok(pid, {k.lower(): v.lower() for k, v in right.items()})
    wrong = dict(right)
    a, b = [k for k in wrong if wrong[k] != wrong["A"]][0], "A"
    wrong[a], wrong[b] = wrong[b], wrong[a]
    with pytest.raises(AssertionError, match="Membantu atau merugikan") as err:
        m7.uji_swot_kelompok(pid, wrong)
    assert "2 pernyataan" not in str(err.value) and m7.ATURAN_SWOT in str(err.value)
    with pytest.raises(AssertionError, match='"S", "W", "O" atau "T"'):
        m7.uji_swot_kelompok(pid, {k: "X" for k in right})
    with pytest.raises(AssertionError, match="tidak lebih, tidak kurang"):
        m7.uji_swot_kelompok(pid, {"A": "S"})


def test_kite_choice():
    pid = "p02"
    right = m7.harapan(pid)["pemohon_kite"]
    m7.uji_pemohon_kite(pid, right.lower())
    other = next(x for x in "ABCD" if x != right)
    with pytest.raises(AssertionError, match="Belum tepat"):
        m7.uji_pemohon_kite(pid, other)


def test_case_study_check():
    pid = "p09"
    h = m7.harapan(pid)
    right = {
        "bulan_produksi": h["bulan_produksi"],
        "ikm_tambahan": h["ikm_tambahan"],
        "nilai_usd": round(h["nilai_usd"], 2),
    }
    m7.uji_studi_kasus(pid, right)
    with pytest.raises(AssertionError, match="Lama produksi"):
        m7.uji_studi_kasus(pid, {**right, "bulan_produksi": h["bulan_produksi"] + 1})
    with pytest.raises(AssertionError, match="IKM mitra tambahan"):
        m7.uji_studi_kasus(pid, {**right, "ikm_tambahan": h["ikm_tambahan"] + 1})
    with pytest.raises(AssertionError, match="Nilai penawaran"):
        m7.uji_studi_kasus(pid, {**right, "nilai_usd": h["nilai_usd"] * 1.05})
    with pytest.raises(AssertionError, match="dict"):
        m7.uji_studi_kasus(pid, [1, 2, 3])


def test_self_check_prints_feedback_without_the_value(capsys):
    m7.mulai("p04")
    capsys.readouterr()
    assert m7.cek_harga_penawaran(1.0) is None  # prints only
    out = capsys.readouterr().out
    assert "❌" in out and f"{m7.harapan('p04')['harga_penawaran']:.2f}" not in out


def test_swot_key_follows_the_rule_the_module_teaches():
    """Each autograded SWOT statement has one box under the module's rule, shown word for word in the notebook.

    Inside the IKM (S/W) exactly when the statement is about "IKM Anda"; anything the government, the market or
    competitors decide is outside (O/T) — e.g. the designation as kompetensi inti daerah is O, not S.
    """
    import nbformat

    nb = nbformat.read(LEGACY_NB, as_version=4)
    swot_cells = [c.source for c in nb.cells if "### Latihan 4" in c.source]
    assert swot_cells and m7.ATURAN_SWOT in swot_cells[0], (
        "the notebook shows the rule the key follows"
    )
    for p in m7._bank_swot():
        assert p.di_dalam == p.teks.startswith("IKM Anda"), p.teks
        assert (
            p.kotak
            == {(True, True): "S", (True, False): "W", (False, True): "O", (False, False): "T"}[
                (p.di_dalam, p.baik)
            ]
        )
        assert p.alasan
    kotak = {p.teks: p.kotak for p in m7._bank_swot()}
    assert [k for t, k in kotak.items() if "kompetensi inti daerah" in t] == ["O"]
    # judgement calls are left to the rubric, not the autograded key
    assert not any("DAK 2024" in t or "380" in t for t in kotak)
    assert all(sum(1 for k in kotak.values() if k == box) >= 2 for box in "SWOT")
