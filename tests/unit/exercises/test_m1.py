"""Exercises of m1-ekspor-mandiri: variants are stable, expected answers are the domain's, checks
accept right answers and reject wrong ones with an Indonesian hint that never gives the answer."""

from __future__ import annotations

import contextlib
import io
from datetime import date, timedelta

import pytest
from modulekit import run_check, run_source_as, solution_regions

from alaskaki import paths
from alaskaki.domain import origin, procedure
from alaskaki.exercises import m1

PIDS = [f"p{i:02d}" for i in range(1, 41)]


@pytest.fixture(autouse=True)
def _started():
    with contextlib.redirect_stdout(io.StringIO()):
        m1.mulai("p01")


def test_variant_is_stable_and_differs_between_participants():
    assert m1.soal("p01") == m1.soal("p01")
    assert m1.harapan("p07") == m1.harapan("p07")
    export_dates = {m1.soal(p).tanggal_ekspor for p in PIDS}
    assert len(export_dates) > 30
    orders = {tuple(m1.harapan(p)["urutan_langkah"]) for p in PIDS}
    assert len(orders) > 10


def test_kbli_expected_values_come_from_the_domain():
    for p in PIDS:
        s = m1.soal(p)
        assert m1.harapan(p)["kbli"] == [procedure.kbli_for(x).code for x in s.produk]
        assert len({procedure.kbli_for(x).code for x in s.produk}) >= 2
        assert "lainnya" not in s.produk


def test_everyday_products_are_15201_and_sports_shoes_15202():
    assert procedure.kbli_for("sandal_kelom").code == "15201"
    assert procedure.kbli_for("sepatu_olahraga").code == "15202"
    assert set(m1.PRODUK_KBLI) >= {"sepatu_harian", "sepatu_olahraga", "sepatu_keperluan_industri"}


def test_step_order_answer_reorders_the_shuffled_steps_into_the_domain_order():
    for p in PIDS[:10]:
        s = m1.soal(p)
        by_letter = {x["huruf"]: x["langkah"] for x in s.langkah}
        ordered = [by_letter[h] for h in m1.harapan(p)["urutan_langkah"]]
        assert [t.split(":")[0] for t in ordered] == [st.name for st in procedure.EXPORT_STEPS]


def test_peb_dates_have_valid_and_invalid_choices_decided_by_the_domain():
    for p in PIDS:
        s = m1.soal(p)
        want = m1.harapan(p)["tanggal_peb"]
        assert 1 <= len(want) < len(s.tanggal_peb)
        for x in s.tanggal_peb:
            valid = procedure.peb_filing_valid(
                x["tanggal"], s.tanggal_ekspor, s.tanggal_masuk_pabean
            )
            assert (x["huruf"] in want) == valid
            # no ambiguous same-day filing: the exercise avoids the day the goods enter
            assert x["tanggal"] != s.tanggal_masuk_pabean
        assert s.tanggal_masuk_pabean < s.tanggal_ekspor


def test_peb_window_reading_taught_in_the_module():
    export = date(2026, 11, 13)
    entry = date(2026, 11, 11)
    assert procedure.peb_filing_valid(export - timedelta(days=7), export, entry)
    assert not procedure.peb_filing_valid(export - timedelta(days=8), export, entry)
    assert not procedure.peb_filing_valid(date(2026, 11, 12), export, entry)


def test_origin_letters_follow_destination_and_eu_threshold():
    assert m1._huruf_dokumen_asal("malaysia", 50_000) == "A"
    assert m1._huruf_dokumen_asal("tiongkok", 1_000) == "B"
    assert m1._huruf_dokumen_asal("jepang", 1_000) == "C"
    assert m1._huruf_dokumen_asal("uni_eropa", origin.REX_THRESHOLD_EUR) == "D"
    assert m1._huruf_dokumen_asal("uni_eropa", origin.REX_THRESHOLD_EUR + 1) == "E"
    # the EU regime depends on the shipping date: no GSP document from 1 January 2027
    akhir = origin.EU_GSP_INDONESIA_ENDS
    assert m1._huruf_dokumen_asal("uni_eropa", 1_000, akhir - timedelta(days=1)) == "D"
    assert m1._huruf_dokumen_asal("uni_eropa", 9_000, akhir) == "F"
    assert m1._huruf_dokumen_asal("jepang", 1_000, akhir) == "C"
    with pytest.raises(ValueError):
        m1._huruf_dokumen_asal("amerika_serikat", 1_000)
    seen = set()
    for p in PIDS:
        s = m1.soal(p)
        assert any(k["tujuan"] == "uni_eropa" for k in s.kiriman)
        assert m1.harapan(p)["dokumen_asal"] == [
            m1._huruf_dokumen_asal(k["tujuan"], k["nilai_eur"], k["tanggal_kirim"])
            for k in s.kiriman
        ]
        seen |= {k["tanggal_kirim"] >= akhir for k in s.kiriman if k["tujuan"] == "uni_eropa"}
    assert seen == {True, False}, "some EU shipments before and some after the end of GSP"


def test_footwear_carries_no_export_duty_in_every_variant():
    for p in PIDS:
        h = m1.harapan(p)
        assert h["studi_kasus"]["bea_keluar"] is False
        s = m1.soal(p)
        for text, truth in zip(s.bea_keluar, h["bea_keluar"], strict=True):
            if "HS Bab 64" in text:
                assert truth is False


def test_statement_banks_do_not_overlap():
    for benar, salah in m1._bank_pernyataan().values():
        assert not set(benar) & set(salah)
    for p in PIDS:
        h = m1.harapan(p)
        assert h["alasan"] and h["akses_pabean"] and h["kite_ikm"]


def test_case_study_earliest_date_is_seven_days_before_export():
    for p in PIDS:
        s = m1.soal(p)
        h = m1.harapan(p)["studi_kasus"]
        assert date.fromisoformat(h["peb_paling_cepat"]) == s.kasus_tanggal_ekspor - timedelta(
            days=7
        )
        assert h["kbli"] == procedure.kbli_for(s.kasus_produk).code
        assert h["arti_respons"] == "ABC"[list(procedure.RESPONSES).index(s.kasus_respons)]


NAMES = [
    "urutan_langkah",
    "alasan",
    "kbli",
    "akses_pabean",
    "tanggal_peb",
    "dokumen_asal",
    "bea_keluar",
    "kite_ikm",
    "studi_kasus",
]


#: Items answered on several plain lines (kbli_1…, asal_1…, bea_keluar_1…, sk_…): how many.
LINES = {"kbli": 3, "dokumen_asal": 3, "bea_keluar": 3, "studi_kasus": 5}


def _args(name: str, value) -> tuple:
    """The values a notebook passes to cek_/uji_: one per answer line."""
    if name not in LINES:
        return (value,)
    if value is None:
        return (None,) * LINES[name]
    if isinstance(value, dict):
        return tuple(value.get(k) for k in m1._KASUS_KUNCI)
    return tuple(value)


def _cek(name: str, value) -> str:
    return run_check(lambda v: getattr(m1, f"cek_{name}")(*_args(name, v)), value)


def _uji(name: str, pid: str, value) -> None:
    getattr(m1, f"uji_{name}")(pid, *_args(name, value))


@pytest.mark.parametrize("name", NAMES)
def test_right_answer_passes_self_check_and_hidden_test(name):
    right = m1.harapan("p01")[name]
    assert "✅" in _cek(name, right)
    _uji(name, "p01", right)


def _wrong(name: str, right):
    if name == "urutan_langkah":
        return list(reversed(right))
    if name in ("alasan", "akses_pabean", "tanggal_peb", "kite_ikm"):
        return sorted(set("ABCDE") - set(right))[:1] or ["Z"]
    if name == "kbli":
        return ["15209" if c != "15209" else "15201" for c in right]
    if name == "dokumen_asal":
        return ["C" if x != "C" else "A" for x in right]
    if name == "bea_keluar":
        return [not x for x in right]
    if name == "studi_kasus":
        return {**right, "dokumen_asal": "C" if right["dokumen_asal"] != "C" else "A"}
    raise AssertionError(name)


@pytest.mark.parametrize("name", NAMES)
def test_wrong_answer_is_rejected_with_indonesian_hint_and_no_answer(name):
    right = m1.harapan("p01")[name]
    printed = _cek(name, _wrong(name, right))
    assert "❌" in printed and ("Belum tepat" in printed or "belum tepat" in printed)
    with pytest.raises(AssertionError) as err:
        _uji(name, "p01", _wrong(name, right))
    codes = right.values() if isinstance(right, dict) else right
    for c in codes:
        if isinstance(c, str) and any(ch.isdigit() for ch in c):
            assert c not in printed and c not in str(err.value)


@pytest.mark.parametrize("name", NAMES)
def test_blank_answer_says_not_filled_in(name):
    printed = _cek(name, None)
    assert "belum diisi" in printed
    with pytest.raises(AssertionError):
        _uji(name, "p01", None)


def test_answers_in_friendly_forms_are_accepted():
    h = m1.harapan("p01")
    _uji("kbli", "p01", [int(c) for c in h["kbli"]])
    m1.uji_alasan("p01", [x.lower() for x in h["alasan"]])
    _uji("bea_keluar", "p01", [" Benar" if x else "salah" for x in h["bea_keluar"]])
    k = dict(h["studi_kasus"])
    d = date.fromisoformat(k["peb_paling_cepat"])
    for form in (d, d.strftime("%d-%m-%Y"), d.strftime("%d/%m/%Y")):
        _uji("studi_kasus", "p01", {**k, "peb_paling_cepat": form, "kbli": int(k["kbli"])})
    _uji("studi_kasus", "p01", {**k, "bea_keluar": "Tidak"})


def test_wrong_shapes_get_a_specific_message():
    assert "kbli_2, kbli_3" in _cek("kbli", ["15201", None, None])
    assert '"benar" atau "salah"' in _cek("bea_keluar", ["betul", "salah", "salah"])
    assert "sk_peb_paling_cepat" in _cek("studi_kasus", {"kbli": "15201"})
    k = dict(m1.harapan("p01")["studi_kasus"])
    assert "TTTT-BB-HH" in _cek("studi_kasus", {**k, "peb_paling_cepat": "minggu depan"})
    assert '"ya"' in _cek("studi_kasus", {**k, "bea_keluar": "mungkin"})


def test_hidden_test_uses_the_given_participant_not_the_started_one():
    other = next(p for p in PIDS if m1.harapan(p)["kbli"] != m1.harapan("p01")["kbli"])
    _uji("kbli", other, m1.harapan(other)["kbli"])
    with pytest.raises(AssertionError):
        _uji("kbli", other, m1.harapan("p01")["kbli"])


# ---- the instructor solutions in the source notebook --------------------------------------------

SOURCE = paths.SOURCE_DIR / m1.MODUL / f"{m1.MODUL}.ipynb"


def test_solutions_never_call_the_answer_key_or_the_hidden_tests():
    """The grader flags an answer cell that calls harapan()/uji_*; the demo copies these solutions."""
    regions = solution_regions(SOURCE)
    assert len(regions) >= 10
    for gid, code in regions.items():
        assert "harapan" not in code and "uji_" not in code, gid


def test_the_tested_variants_show_every_statement_of_the_banks():
    """So the per-variant test below exercises the solutions on every statement they must judge."""
    seen = [m1.soal(p) for p in PIDS]
    for field, (benar, salah) in m1._bank_pernyataan().items():
        banks = benar + salah
        assert {x["pernyataan"] for s in seen for x in getattr(s, field)} == set(banks), field
    assert {t for s in seen for t in s.bea_keluar} == {t for t, _ in m1._bea_keluar_bank()}
    assert {k["tujuan"] for s in seen for k in s.kiriman} == set(m1._ASAL_TUJUAN)
    assert {s.kasus_respons for s in seen} == set(m1.KODE_RESPONS)


@pytest.mark.parametrize("pid", PIDS)
def test_instructor_solutions_are_right_for_every_variant(pid):
    """Derived from each participant's `soal`, not copied from one id: the hidden tests pass for all."""
    ns, graded = run_source_as(SOURCE, pid)
    assert ns["ID_PESERTA"] == pid
    assert {f"m1_{n}" for n in NAMES} <= set(graded)
    h = m1.harapan(pid)
    for name in NAMES:
        assert name == "studi_kasus" or ns[name] == h[name], name
    assert [ns["kbli_1"], ns["kbli_2"], ns["kbli_3"]] == h["kbli"]
    assert [ns["asal_1"], ns["asal_2"], ns["asal_3"]] == h["dokumen_asal"]
    sk = {k: ns[f"sk_{k}"] for k in h["studi_kasus"]}
    assert (
        sk == {**h["studi_kasus"], "bea_keluar": "tidak"}
        and h["studi_kasus"]["bea_keluar"] is False
    )
