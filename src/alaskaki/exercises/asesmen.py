"""Uji kompetensi (asesmen-awal, asesmen-akhir): the PARTICIPANT side — form checks only.

The questions are markdown cells of the notebooks; the key (expected answers, hidden checks,
scoring) lives in the grader-side package ``alaskaki_kunci``, which nothing here imports and which a
participant's kernel cannot read (docs/grading.md, "Threat model of the key"). What this module
holds is question-free and answer-free:

* :func:`mulai_form` starts a form (checks the form id, remembers the participant's id);
* :func:`cek_angka` and :func:`cek_huruf` check the **form** of an answer (filled in, a number, one
  of the letters offered). They never say right or wrong, and never count anything.
"""

from __future__ import annotations

import math

from alaskaki.exercises.base import Hasil, belum_diisi, resolve_id
from alaskaki.exercises.base import tampilkan as _tampilkan

AWAL = "asesmen-awal"
AKHIR = "asesmen-akhir"
FORMS = (AWAL, AKHIR)

_SESUDAH = " Benar atau salahnya baru diketahui setelah pelatih menilai."


def mulai_form(modul: str, participant_id: str) -> None:
    """Start a form for a participant and say how the uji works."""
    if modul not in FORMS:
        raise ValueError(f"Asesmen {modul!r} tidak dikenal. Pilih {AWAL!r} atau {AKHIR!r}.")
    pid = resolve_id(participant_id)
    nama = "asesmen awal" if modul == AWAL else "asesmen akhir"
    print(
        f"Peserta {pid} — {nama}. Baca setiap soal di sel teks, tulis jawaban di sel di bawahnya, lalu "
        "jalankan sel itu. Boleh memakai kalkulator dan Lembar Rujukan."
    )


def cek_angka(nilai: object) -> None:
    """The answer is a number (not text, not a boolean, not blank)."""
    if belum_diisi(nilai):
        hasil = Hasil(False, "Jawaban belum diisi. Ganti `None` dengan angka jawaban Anda.")
    elif isinstance(nilai, bool) or not isinstance(nilai, int | float) or not math.isfinite(nilai):
        hasil = Hasil(
            False, "Jawaban harus berupa angka, tanpa tanda petik dan tanpa titik ribuan."
        )
    else:
        hasil = Hasil(True, "Jawaban tersimpan (angka)." + _SESUDAH)
    _tampilkan(hasil)


def cek_huruf(nilai: object, pilihan: str = "ABCD") -> None:
    """The answer is one of the letters offered (``pilihan``, as printed in the question)."""
    if belum_diisi(nilai):
        hasil = Hasil(False, 'Jawaban belum diisi. Ganti `None` dengan satu huruf, mis. "A".')
    elif (
        not isinstance(nilai, str)
        or len(nilai.strip()) != 1
        or nilai.strip().upper() not in pilihan
    ):
        daftar = ", ".join(f'"{h}"' for h in pilihan)
        hasil = Hasil(False, f"Jawaban harus satu huruf di antara tanda petik: {daftar}.")
    else:
        hasil = Hasil(True, "Jawaban tersimpan (huruf)." + _SESUDAH)
    _tampilkan(hasil)
