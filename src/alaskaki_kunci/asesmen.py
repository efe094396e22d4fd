"""The key of the uji kompetensi, as the grader and the trainer use it (GRADER SIDE).

The hidden tests of asesmen-awal/akhir call :func:`uji` with the item's expected answer written in
the test itself (``kunci.uji("post_x", post_x, harapan="B")``, numbers with ``batas=``), so a form
is graded with its own key: the kit's committed forms and every workshop's own forms alike
(docs/grading.md, "Workshop forms"). Hidden tests are trainer-side: nbgrader removes them from the
released notebook. Forms generated before the key moved into the tests call ``uji(id, answer)`` and
get the frozen key of their own items written into those tests before grading
(:func:`alaskaki_kunci.arsip.lengkapi`, called by the grader), never today's bank.
``alaskaki cetak ... --kunci`` prints :func:`kunci` (or a workshop's key, read from its forms).
"""

from __future__ import annotations

from alaskaki.exercises.asesmen import baca_angka
from alaskaki_kunci.bank import AKHIR, AWAL, FORMS, Butir, form, item

__all__ = [
    "AWAL",
    "AKHIR",
    "FORMS",
    "Butir",
    "form",
    "item",
    "kunci",
    "uji",
    "benar",
    "butir_kriteria",
]

_KOSONG = object()


def kunci(modul: str, rahasia: str | None = None) -> dict[str, str | float]:
    """``{grade_id: expected answer}`` of one form (a workshop's form with its ``rahasia``)."""
    return {b.grade_id: b.jawaban for b in form(modul, rahasia)}


def benar(harapan: str | float, nilai: object, batas: float | None = None) -> bool:
    """Is ``nilai`` the expected answer: the letter, or a number (any of its readings) within ``batas``."""
    if isinstance(harapan, str):
        return isinstance(nilai, str) and nilai.strip().upper() == harapan.strip().upper()
    return any(abs(x - float(harapan)) <= (batas or 0.0) + 1e-9 for x in baca_angka(nilai))


def uji(
    grade_id: str,
    nilai: object,
    harapan: object = _KOSONG,
    batas: float | None = None,
    sidik: str | None = None,
) -> None:
    """Hidden test of one item: raises AssertionError (an Indonesian message, never the answer).

    ``sidik`` (the question's fingerprint) is checked against the question text by the grader
    before any submission runs (:func:`alaskaki_kunci.arsip.cocokkan`), not here.
    """
    if harapan is _KOSONG:
        # a form generated before the key moved into its hidden tests: only the grader knows its
        # key (looked up by the item's question text, alaskaki_kunci.arsip); never guess it here
        raise RuntimeError(
            f"Butir {grade_id}: sel uji formulir lama tanpa kunci; nilai dengan `alaskaki grade`."
        )
    if benar(harapan, nilai, batas):  # type: ignore[arg-type]
        return
    if not isinstance(harapan, str):
        raise AssertionError(
            "Jawaban belum tepat. Baca lagi kasusnya dan periksa setiap langkah hitungan."
        )
    raise AssertionError("Pilihan belum tepat. Baca lagi kasusnya dan lembar rujukan.")


def butir_kriteria() -> dict[str, str]:
    """``{grade_id: criterion code}`` for both forms (the uji evidence per criterion)."""
    return {b.grade_id: b.kriteria for m in FORMS for b in form(m)}
