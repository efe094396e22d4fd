"""The key of the uji kompetensi, as the grader and the trainer use it (GRADER SIDE).

The hidden tests of asesmen-awal/akhir call :func:`uji`; ``alaskaki cetak ... --kunci`` prints
:func:`kunci`. Both read :mod:`alaskaki_kunci.bank`, so the printed key and the grader's key are
the same by construction.
"""

from __future__ import annotations

from alaskaki_kunci.bank import AKHIR, AWAL, FORMS, Butir, form, item

__all__ = ["AWAL", "AKHIR", "FORMS", "Butir", "form", "item", "kunci", "uji", "butir_kriteria"]


def kunci(modul: str) -> dict[str, str | float]:
    """``{grade_id: expected answer}`` of one form."""
    return {b.grade_id: b.jawaban for b in form(modul)}


def uji(grade_id: str, nilai: object) -> None:
    """Hidden test of one item: raises AssertionError (an Indonesian message, never the answer)."""
    b = item(grade_id)
    if b.benar(nilai):
        return
    if b.jenis == "angka":
        raise AssertionError(
            "Jawaban belum tepat. Baca lagi kasusnya dan periksa setiap langkah hitungan."
        )
    raise AssertionError("Pilihan belum tepat. Baca lagi kasusnya dan lembar rujukan.")


def butir_kriteria() -> dict[str, str]:
    """``{grade_id: criterion code}`` for both forms (the uji evidence per criterion)."""
    return {b.grade_id: b.kriteria for m in FORMS for b in form(m)}
