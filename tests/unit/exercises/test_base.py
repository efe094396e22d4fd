"""exercises.base: the table-driven check of an answer in several parts (issue 18)."""

from __future__ import annotations

from alaskaki.exercises.base import (
    Bagian,
    Hasil,
    periksa_bagian,
    periksa_bulat,
    periksa_kode,
    periksa_pilihan,
)

HARAPAN = {"harga": 12.5, "n": 80, "aturan": "CIP", "keputusan": "tolak"}
TABEL = [
    Bagian("harga_cif", "harga", satuan="USD", petunjuk="bagi dengan (1 − 1,1 × premi)."),
    Bagian("sk_n", "n", periksa_bulat, petunjuk="ikuti panah."),
    Bagian("sk_aturan", "aturan", periksa_kode, petunjuk="moda apa pun."),
    Bagian("sk_lot", "keputusan", periksa_pilihan, pilihan=["terima", "tolak"], petunjuk="Ac/Re."),
]
BENAR = "Benar. Semua tepat!"


def check(**answer) -> Hasil:
    return periksa_bagian({**HARAPAN, **answer}, HARAPAN, TABEL, benar=BENAR)


def test_every_part_right_gives_the_item_s_own_praise():
    assert check() == Hasil(True, BENAR)
    assert check(harga=12.49, aturan=" cip ", keputusan="TOLAK", n=80.0) == Hasil(True, BENAR)


def test_the_first_wrong_part_answers_under_its_name_and_nothing_says_how_many():
    one = check(harga=20)
    assert one == Hasil(False, "harga_cif: Belum tepat. Petunjuk: bagi dengan (1 − 1,1 × premi).")
    every = check(harga=20, n=81, aturan="FOB", keputusan="terima")
    assert every == one  # three more wrong parts change nothing a participant can count


def test_each_kind_of_part_keeps_its_own_message():
    assert check(n=81.5).pesan == "sk_n: harus bilangan bulat, tanpa tanda petik."
    assert check(n=None).pesan == "sk_n: belum diisi."
    assert check(n=81).pesan == "sk_n: belum tepat. Petunjuk: ikuti panah."
    assert check(aturan="FOB").pesan == "sk_aturan: belum tepat. Petunjuk: moda apa pun."
    assert check(keputusan="ya").pesan == "sk_lot: Jawaban bukan salah satu pilihan: terima, tolak."
    assert check(harga="12,5").pesan.startswith("harga_cif: Jawaban ini teks")


def test_a_part_missing_from_a_worksheet_reads_as_blank():
    answer = {k: v for k, v in HARAPAN.items() if k != "n"}
    assert periksa_bagian(answer, HARAPAN, TABEL, benar=BENAR).pesan == "sk_n: belum diisi."


def test_a_check_hands_the_key_to_no_object_of_the_notebooks_own_class():
    """R76: a str whose strip()/upper() return itself and whose __eq__ keeps what it is compared
    with got the key from periksa_kode through cek_*, a call the grading sandbox lets pass (the
    kit computing a verdict). cek_ compares a plain copy; the answer is still judged the same."""
    from alaskaki.exercises.base import pasangan

    seen: list = []

    class Bocor(str):
        def strip(self, *a):
            return self

        def upper(self):
            return self

        def __eq__(self, other):
            seen.append(other)
            return False

        __hash__ = str.__hash__

    judged: list = []

    def periksa(pid, nilai):
        judged.append(periksa_kode(nilai, "CIP", petunjuk="moda apa pun."))
        return judged[-1]

    cek, _uji = pasangan(periksa, lambda: "p01")
    cek(Bocor("cip"))
    assert seen == [] and judged[-1].benar
    cek([Bocor("x")])  # inside a list too: nothing of the notebook's class reaches the check
    assert seen == []


def test_every_function_the_key_is_computed_with_carries_the_key_marker():
    """The grading sandbox records a call into the key by the marker each key function starts
    with (sandbox.key_recorder, R76): harapan, and every function of the exercises package it
    reaches by name, public or private, in its own module or another (m3._hpp over the
    participant's soal gives the key's HPP; m4 computes with m4b's Incoterms rule). R82: public
    helpers (m4b.aturan_untuk, m5b.huruf_uji, m6.selisih_lc ...) were not followed and carried no
    marker, so a notebook called them for whole answers unrecorded. Only soal is not followed: it
    builds the variant every participant is shown (latihan.mulai)."""
    import importlib
    import pkgutil
    import types

    import alaskaki.exercises as pkg
    from alaskaki.workshop.sandbox import _marked

    def names(code):
        out = set(code.co_names)
        for c in code.co_consts:
            if isinstance(c, types.CodeType):
                out |= names(c)
        return out

    unmarked, helpers = [], 0
    for info in pkgutil.iter_modules(pkg.__path__):
        mod = importlib.import_module(f"alaskaki.exercises.{info.name}")
        if not hasattr(mod, "harapan"):
            continue
        seen, todo = set(), [(mod, "harapan")]
        while todo:
            home, name = todo.pop()
            fn = vars(home).get(name)
            if not isinstance(fn, types.FunctionType) or name == "soal" or fn in seen:
                continue
            if not fn.__module__.startswith(pkg.__name__ + "."):
                continue  # the domain and text modules: the kit's public rules, not the key
            seen.add(fn)
            if not _marked(fn.__code__):
                unmarked.append(f"{fn.__module__}.{name}")
            own = importlib.import_module(fn.__module__)
            todo.extend((own, n) for n in names(fn.__code__))
        helpers += len(seen) - 1
    assert unmarked == [] and helpers >= 30, (unmarked, helpers)
