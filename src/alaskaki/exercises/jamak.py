"""Graded items answered in several plain variables, each one number, letter or word (issue 15 req. 1).

A participant types ``harga_cfr = 12.4`` and ``harga_cif = 12.5`` on two lines instead of a dict or a
list. The self-check cell passes the variables in order, ``latihan.cek_harga_cif(harga_cfr, harga_cif)``;
the checking function of the item still receives one value: a dict by name (:func:`per_nama`) or a
list in order (:func:`berurutan`), or ``None`` while every part is unanswered (so an untouched item is
not counted as a try).
"""

from __future__ import annotations

from collections.abc import Callable

from alaskaki.exercises.base import Hasil, belum_diisi, kosong, pasangan

__all__ = ["per_nama", "berurutan", "periksa_kata"]


def _gabung(cek, uji, pack: Callable[[tuple], object]):
    def cek_n(*nilai: object) -> None:
        # lengkapi() sets grade_id and the worked case on this function; the inner check reads its own.
        cek.grade_id, cek.contoh = cek_n.grade_id, cek_n.contoh
        cek(pack(nilai))

    cek_n.grade_id = None
    cek_n.contoh = None

    def uji_n(participant_id: str, *nilai: object) -> None:
        uji(participant_id, pack(nilai))

    return cek_n, uji_n


def per_nama(
    periksa: Callable[[str, object], Hasil], get_id: Callable[[], str], nama: tuple[str, ...]
):
    """``cek_``/``uji_`` pair whose check receives ``{nama[i]: value_i}`` (``None`` when all are unanswered)."""
    cek, uji = pasangan(periksa, get_id)

    def pack(nilai: tuple) -> object:
        if len(nilai) != len(nama):
            raise TypeError(f"Cek ini memerlukan {len(nama)} jawaban: {', '.join(nama)}.")
        return None if all(kosong(v) for v in nilai) else dict(zip(nama, nilai, strict=True))

    return _gabung(cek, uji, pack)


def berurutan(periksa: Callable[[str, object], Hasil], get_id: Callable[[], str]):
    """``cek_``/``uji_`` pair whose check receives the values as a list (``None`` when all are unanswered)."""
    cek, uji = pasangan(periksa, get_id)

    def pack(nilai: tuple) -> object:
        return None if all(kosong(v) for v in nilai) else list(nilai)

    return _gabung(cek, uji, pack)


def periksa_kata(
    nilai: object,
    harapan: list[str],
    *,
    pilihan: list[str],
    nama: str,
    petunjuk: str = "",
) -> Hasil:
    """One word (or letter) per question, answered in ``<nama>_1``, ``<nama>_2``, ...

    A hint, never which of them is wrong: a count or a position turns the check into a guessing machine.
    """
    if belum_diisi(nilai) or not isinstance(nilai, list):
        return Hasil(
            False,
            f"Jawaban belum diisi. Tulis satu jawaban di setiap baris {nama}_1, {nama}_2, …, "
            'di antara tanda petik, mis. "' + pilihan[0] + '".',
        )
    if len(nilai) != len(harapan):
        return Hasil(
            False, f"Tulis tepat {len(harapan)} jawaban: {nama}_1 sampai {nama}_{len(harapan)}."
        )
    kosong_ = [f"{nama}_{i}" for i, x in enumerate(nilai, 1) if belum_diisi(x)]
    if kosong_:
        return Hasil(False, "Masih ada yang belum diisi: " + ", ".join(kosong_) + ".")
    if not all(isinstance(x, str) for x in nilai):
        return Hasil(
            False, 'Setiap jawaban ditulis di antara tanda petik, mis. "' + pilihan[0] + '".'
        )
    got = [x.strip().casefold() for x in nilai]
    allowed = {p.casefold() for p in pilihan}
    if any(g not in allowed for g in got):
        return Hasil(
            False, "Ada jawaban yang bukan salah satu pilihan: " + ", ".join(pilihan) + "."
        )
    if all(g == w.casefold() for g, w in zip(got, harapan, strict=True)):
        return Hasil(True, "Benar. Semua tepat!")
    return Hasil(False, "Belum semua tepat." + (f" Petunjuk: {petunjuk}" if petunjuk else ""))
