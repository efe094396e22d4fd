"""An item answered in several plain variables: the check receives them by name or in order, an
untouched item is no try, a wrong count is named, and the one-word-per-line check hints without
telling which line is wrong."""

from __future__ import annotations

import pytest

from alaskaki.exercises import base
from alaskaki.exercises.base import Hasil
from alaskaki.exercises.jamak import berurutan, per_nama, periksa_kata

NAMA = ("harga_cfr", "harga_cif")
RIGHT = {"harga_cfr": 12.4, "harga_cif": 12.5}


def recording(expected):
    seen = []

    def periksa(pid, nilai):
        seen.append((pid, nilai))
        return Hasil(nilai == expected, "Benar." if nilai == expected else "Belum tepat.")

    return periksa, seen


def test_the_check_receives_the_answers_by_name():
    periksa, seen = recording(RIGHT)
    _, uji = per_nama(periksa, lambda: "p01", NAMA)
    uji("p07", 12.4, 12.5)
    assert seen == [("p07", RIGHT)]
    with pytest.raises(AssertionError, match="Belum tepat"):
        uji("p07", 12.5, 12.4)  # swapped lines are wrong, not the same set


def test_a_wrong_number_of_answers_names_the_variables_needed():
    periksa, _ = recording(RIGHT)
    cek, _ = per_nama(periksa, lambda: "p01", NAMA)
    with pytest.raises(TypeError) as exc:
        cek(12.4)
    assert "2 jawaban" in str(exc.value) and "harga_cfr, harga_cif" in str(exc.value)


def test_an_untouched_item_reaches_the_check_as_none_and_is_no_try(capsys):
    periksa, seen = recording(RIGHT)
    cek, _ = per_nama(periksa, lambda: "p01", NAMA)
    base.lengkapi({"cek_harga": cek}, "mz", {})
    base._RIWAYAT.pop("mz_harga", None)
    cek(None, "  ")
    assert seen == [("p01", None)]
    assert "belum Anda jawab" in capsys.readouterr().out
    assert "mz_harga" not in base._RIWAYAT
    cek(12.4, None)  # one part answered: a try, with the unanswered part as it is
    assert seen[-1] == ("p01", {"harga_cfr": 12.4, "harga_cif": None})
    assert base._RIWAYAT.pop("mz_harga") == [False]


def test_answers_in_order_reach_the_check_as_a_list():
    periksa, seen = recording(["A", "C"])
    cek, uji = berurutan(periksa, lambda: "p01")
    uji("p02", "A", "C")
    assert seen == [("p02", ["A", "C"])]
    cek(None, None)
    assert seen[-1] == ("p01", None)


PILIHAN = ["laut", "udara"]


def kata(nilai, harapan=("laut", "udara")):
    return periksa_kata(nilai, list(harapan), pilihan=PILIHAN, nama="moda", petunjuk="Lihat tabel.")


def test_the_right_words_pass_whatever_their_case_and_spaces():
    assert kata([" Laut", "UDARA "]).benar


def test_a_wrong_word_gets_the_hint_but_not_which_line():
    h = kata(["udara", "laut"])
    assert not h.benar and "Lihat tabel." in h.pesan
    assert "moda_1" not in h.pesan and "moda_2" not in h.pesan


@pytest.mark.parametrize(
    ("nilai", "says"),
    [
        (None, "belum diisi"),
        (["laut"], "tepat 2 jawaban"),
        (["laut", ""], "moda_2"),
        (["laut", 3], "tanda petik"),
        (["laut", "kereta"], "bukan salah satu pilihan: laut, udara"),
    ],
)
def test_an_incomplete_or_odd_answer_is_told_what_to_fix(nilai, says):
    h = kata(nilai)
    assert not h.benar and says in h.pesan
