"""Practice items of m0-orientasi: stable variants, right answers pass, wrong and blank answers get
gentle Indonesian feedback that never gives the answer."""

from __future__ import annotations

import contextlib
import io

import pytest
from modulekit import run_check as _run

from alaskaki import paths
from alaskaki.exercises import m0

PIDS = [f"p{i:02d}" for i in range(1, 41)]
NAMES = [
    "kota",
    "total_harga",
    "uang_muka",
    "biaya_per_pasang",
    "teks_rupiah",
    "jumlah_pasang",
    "studi_kasus",
]


def _args(value) -> tuple:
    """The case study is two plain names (sk_total_pasang, sk_total_nilai): its answers go in order."""
    if isinstance(value, dict):
        return tuple(value.values())
    return (value,)


def run_check(cek, value) -> str:
    return _run(cek, *_args(value))


def right(pid: str, name: str):
    h = m0.harapan(pid)
    if name == "studi_kasus":
        return {"total_pasang": h["total_pasang"], "total_nilai": h["total_nilai"]}
    return h[name]


@pytest.fixture(autouse=True)
def _started():
    with contextlib.redirect_stdout(io.StringIO()):
        m0.mulai("p01")


def test_variants_are_stable_and_differ():
    assert m0.soal("p03") == m0.soal("p03")
    assert len({m0.harapan(p)["total_harga"] for p in PIDS}) > 30


def test_expected_values_are_the_arithmetic_taught():
    for p in PIDS:
        s, h = m0.soal(p), m0.harapan(p)
        assert h["total_harga"] == s.pasang * s.harga_per_pasang
        assert h["uang_muka"] == pytest.approx(h["total_harga"] * s.persen_uang_muka / 100)
        assert h["biaya_per_pasang"] == round(s.biaya_total / s.pasang_dibagi)
        assert h["biaya_per_pasang"] != s.biaya_total / s.pasang_dibagi  # rounding matters
        assert h["jumlah_pasang"] == sum(x["pasang"] for x in s.pesanan)
        assert h["total_nilai"] == sum(x["pasang"] * x["harga"] for x in s.pesanan_kasus)


def test_rupiah_format_uses_dots_for_thousands():
    assert m0._format_rupiah(1250000) == "Rp1.250.000"
    assert m0._format_rupiah(999) == "Rp999"
    assert m0._format_rupiah(12345678.4) == "Rp12.345.678"


@pytest.mark.parametrize("name", NAMES)
def test_right_answer_passes(name):
    assert "✅" in run_check(getattr(m0, f"cek_{name}"), right("p01", name))
    getattr(m0, f"uji_{name}")("p01", *_args(right("p01", name)))


@pytest.mark.parametrize("name", NAMES)
def test_blank_answer_is_explained_gently(name):
    blank = {"a": None, "b": None} if name == "studi_kasus" else None
    printed = run_check(getattr(m0, f"cek_{name}"), blank)
    assert "Tidak apa-apa" in printed and "None" in printed
    with pytest.raises(AssertionError):
        getattr(m0, f"uji_{name}")("p01", *_args(blank))


def _wrong(name, value):
    if name == "kota":
        return "Surabaya"
    if name == "teks_rupiah":
        return value.replace("Rp", "Rp9")
    if name == "studi_kasus":
        return {**value, "total_nilai": value["total_nilai"] * 2}
    return value * 2 + 7


@pytest.mark.parametrize("name", NAMES)
def test_wrong_answer_is_rejected_kindly_without_the_answer(name):
    value = right("p01", name)
    printed = run_check(getattr(m0, f"cek_{name}"), _wrong(name, value))
    assert "❌" in printed and "tidak apa-apa" in printed.lower()
    shown = [str(v) for v in (value.values() if isinstance(value, dict) else [value])]
    for v in shown:
        if any(ch.isdigit() for ch in v):
            assert v not in printed
    with pytest.raises(AssertionError):
        getattr(m0, f"uji_{name}")("p01", *_args(_wrong(name, value)))


def test_rounding_item_tells_an_unrounded_answer_it_is_almost_there():
    s = m0.soal("p01")
    printed = run_check(m0.cek_biaya_per_pasang, s.biaya_total / s.pasang_dibagi)
    assert "Hampir" in printed and "round" in printed
    with pytest.raises(AssertionError):
        m0.uji_biaya_per_pasang("p01", s.biaya_total / s.pasang_dibagi)


def test_typical_beginner_mistakes_get_specific_hints():
    h = m0.harapan("p01")
    assert "tanpa tanda petik" in run_check(m0.cek_total_harga, str(h["total_harga"]))
    assert "koma" in run_check(m0.cek_teks_rupiah, f"Rp{m0.soal('p01').angka_rupiah:,}")
    assert "tanda petik" in run_check(m0.cek_kota, 12)
    m0.uji_kota("p01", "  mojokerto ")
    m0.uji_teks_rupiah("p01", h["teks_rupiah"].replace("Rp", "Rp "))
    sheet = {"total_pasang": h["total_pasang"], "total_nilai": None}
    assert "belum lengkap" in run_check(m0.cek_studi_kasus, sheet)
    blank = run_check(m0.cek_studi_kasus, dict.fromkeys(sheet))
    assert "Tidak apa-apa" in blank and "percobaan" not in blank
    # one price for all models: the hint names the idea (value per model first), not the key
    s = m0.soal("p01")
    one_price = h["total_pasang"] * s.pesanan_kasus[0]["harga"]
    printed = run_check(m0.cek_studi_kasus, dict(sheet, total_nilai=one_price))
    first = printed.splitlines()[0]
    assert "nilai setiap model" in first and "total_nilai" not in first


def test_rupiah_text_is_typed_by_hand_and_python_formatting_is_optional():
    h = m0.harapan("p01")
    m0.uji_teks_rupiah("p01", h["teks_rupiah"])  # typed as on a receipt
    nb_text = (paths.SOURCE_DIR / m0.MODUL / f"{m0.MODUL}.ipynb").read_text(encoding="utf-8")
    assert "Pengayaan (boleh dilewati)" in nb_text
