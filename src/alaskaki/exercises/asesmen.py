"""Uji kompetensi (asesmen-awal, asesmen-akhir): the PARTICIPANT side — form checks only.

The questions are markdown cells of the notebooks; the key (expected answers, hidden checks,
scoring) lives in the grader-side package ``alaskaki_kunci``, which nothing here imports and which a
participant's kernel cannot read (docs/grading.md, "Threat model of the key"). What this module
holds is question-free and answer-free:

* :func:`mulai_form` starts a form (checks the form id, remembers the participant's id);
* :func:`cek_angka` and :func:`cek_huruf` check the **form** of an answer (filled in, a number, one
  of the letters offered). They never say right or wrong, and never count anything;
* :func:`baca_angka` reads a number written the Indonesian way (``"1.234,5"``) or the Python way
  (``1234.5``); the grader reads answers with the same function.
"""

from __future__ import annotations

import math
import re

from alaskaki.exercises.base import Hasil, belum_diisi, resolve_id
from alaskaki.exercises.base import tampilkan as _tampilkan

AWAL = "asesmen-awal"
AKHIR = "asesmen-akhir"
FORMS = (AWAL, AKHIR)

_SESUDAH = " Benar atau salahnya baru diketahui setelah pelatih menilai."


_ANGKA = re.compile(r"[+-]?\d[\d.,]*")


def _ribuan(bagian: list[str]) -> bool:
    """Groups after the first are three digits each (1.234.567)."""
    return bool(bagian[0]) and len(bagian[0]) <= 3 and all(len(g) == 3 for g in bagian[1:])


def baca_angka(nilai: object) -> tuple[float, ...]:
    """The numbers an answer can mean: ``()`` when it is no number, two readings when it is ambiguous.

    ``1234.5`` and ``1234`` are themselves. Text: ``"1.234,5"`` and ``"1,234.5"`` (the last separator
    is the decimal one), ``"16,53"`` (decimal comma), ``"1.234.567"``; spaces, ``Rp`` and ``USD``
    are ignored. ``"1.234"`` and ``"1,234"`` are ambiguous (a thousand separator or a decimal
    point) and give both readings, which are a factor of 1000 apart.
    """
    if isinstance(nilai, bool):
        return ()
    if isinstance(nilai, int | float):
        return (float(nilai),) if math.isfinite(nilai) else ()
    if not isinstance(nilai, str):
        return ()
    t = re.sub(r"(?i)\s|rp\.?|usd|\u00a0", "", nilai)
    if not _ANGKA.fullmatch(t):
        return ()
    tanda = -1.0 if t.startswith("-") else 1.0
    t = t.lstrip("+-")
    if "." in t and "," in t:
        desimal = "." if t.rfind(".") > t.rfind(",") else ","
        ribu = "," if desimal == "." else "."
        utuh, _, pecahan = t.rpartition(desimal)
        if ribu in pecahan or not _ribuan(utuh.split(ribu)) or not pecahan:
            return ()
        return (tanda * float(utuh.replace(ribu, "") + "." + pecahan),)
    for sep in ".,":
        if sep in t:
            bagian = t.split(sep)
            if len(bagian) > 2:  # only thousand separators
                return (tanda * float("".join(bagian)),) if _ribuan(bagian) else ()
            utuh, pecahan = bagian
            if not utuh or not pecahan:
                return ()
            dibaca = [tanda * float(f"{utuh}.{pecahan}")]
            if len(pecahan) == 3 and _ribuan(bagian):
                dibaca.append(tanda * float(utuh + pecahan))
            return tuple(dibaca)
    return (tanda * float(t),)


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
    """The answer is a number (``1234.5``, or text such as ``"1.234,5"``), not a boolean, not blank."""
    if belum_diisi(nilai):
        hasil = Hasil(False, "Jawaban belum diisi. Ganti `None` dengan angka jawaban Anda.")
    elif isinstance(nilai, tuple) and all(baca_angka(x) for x in nilai):
        hasil = Hasil(
            False,
            "Koma desimal tanpa tanda petik dibaca Python sebagai dua angka. Tulis `1234.5`, atau "
            'tulis di antara tanda petik: `"1.234,5"`.',
        )
    elif not baca_angka(nilai):
        hasil = Hasil(
            False,
            'Jawaban harus berupa angka, mis. `1234.5` atau di antara tanda petik `"1.234,5"`.',
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
