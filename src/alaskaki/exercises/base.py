"""Building blocks shared by every module's exercises.

A module file (``m3.py``) builds a participant's variant with :func:`rng`, exposes self-checks
``cek_<name>(nilai)`` that print kind feedback, and hidden-test checks ``uji_<name>(id, nilai)``
that raise :class:`AssertionError` with the same hint. Neither ever shows the expected value.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections.abc import Callable
from dataclasses import dataclass

__all__ = [
    "Hasil",
    "rng",
    "resolve_id",
    "periksa_angka",
    "periksa_pilihan",
    "periksa_urutan",
    "periksa_himpunan",
    "tampilkan",
    "tegaskan",
    "belum_diisi",
]


def rng(modul: str, participant_id: str) -> random.Random:
    """A random generator that is the same for the same module and participant everywhere."""
    digest = hashlib.sha256(f"{modul}:{participant_id.strip()}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


@dataclass(frozen=True)
class Hasil:
    """Outcome of checking one answer: right or not, and a message for the participant."""

    benar: bool
    pesan: str


PLACEHOLDER_ID = "isi-id-anda"


def resolve_id(participant_id: object) -> str:
    """The participant id typed in the first cell; on a workshop server the login name is used when left blank."""
    import os

    pid = str(participant_id or "").strip()
    if not pid or pid.lower() in {PLACEHOLDER_ID, "none"}:
        pid = os.environ.get("JUPYTERHUB_USER", "").strip()
    if not pid:
        raise ValueError(
            'Tulis dulu ID peserta Anda (dari pelatih) di antara tanda petik, mis. ID_PESERTA = "p01", '
            "lalu jalankan sel itu lagi."
        )
    return pid


def belum_diisi(nilai: object) -> bool:
    return nilai is None or nilai is Ellipsis or (isinstance(nilai, str) and not nilai.strip())


def _angka(nilai: object) -> float | None:
    if isinstance(nilai, bool):
        return None
    if isinstance(nilai, int | float):
        return float(nilai)
    try:  # numpy scalars and the like
        return float(nilai)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def periksa_angka(
    nilai: object,
    harapan: float,
    *,
    toleransi: float = 0.005,
    mutlak: float = 0.5,
    petunjuk: str = "",
    satuan: str = "",
) -> Hasil:
    """Compare a numeric answer with the expected value.

    Accepted when within ``toleransi`` (relative) *or* ``mutlak`` (absolute) of the expected value,
    so that rounding to whole rupiah or to two decimals is never punished.
    """
    if belum_diisi(nilai):
        return Hasil(
            False,
            "Jawaban belum diisi. Ganti `None` dengan perhitungan Anda, lalu jalankan sel itu.",
        )
    x = _angka(nilai)
    if x is None or math.isnan(x) or math.isinf(x):
        return Hasil(
            False,
            f"Jawaban harus berupa angka{(' (' + satuan + ')') if satuan else ''}, bukan teks atau daftar.",
        )
    if abs(x - harapan) <= max(mutlak, abs(harapan) * toleransi):
        return Hasil(True, "Benar. Bagus!")
    hint = f" Petunjuk: {petunjuk}" if petunjuk else ""
    if harapan and abs(x) > 0 and (abs(x / harapan - 100) < 1 or abs(x / harapan - 0.01) < 0.0001):
        hint = " Sepertinya ada salah satuan atau persen (dikali/dibagi 100?)." + hint
    elif harapan and abs(x / harapan - 1000) < 1 or harapan and abs(x / harapan - 0.001) < 1e-6:
        hint = " Sepertinya ada salah satuan (dikali/dibagi 1.000?)." + hint
    return Hasil(False, "Belum tepat." + hint)


def periksa_pilihan(
    nilai: object, harapan: str, *, pilihan: list[str] | None = None, petunjuk: str = ""
) -> Hasil:
    """Compare a text choice (case and surrounding spaces ignored)."""
    if belum_diisi(nilai):
        return Hasil(
            False, 'Jawaban belum diisi. Tulis pilihan Anda di antara tanda petik, mis. "A".'
        )
    if not isinstance(nilai, str):
        return Hasil(False, "Jawaban harus berupa teks di antara tanda petik.")
    got = nilai.strip().casefold()
    if pilihan is not None and got not in {p.casefold() for p in pilihan}:
        return Hasil(False, "Jawaban bukan salah satu pilihan: " + ", ".join(pilihan) + ".")
    if got == harapan.strip().casefold():
        return Hasil(True, "Benar. Bagus!")
    return Hasil(False, "Belum tepat." + (f" Petunjuk: {petunjuk}" if petunjuk else ""))


def periksa_urutan(nilai: object, harapan: list[str], *, petunjuk: str = "") -> Hasil:
    """Compare an ordered list of items (e.g. steps)."""
    if belum_diisi(nilai):
        return Hasil(False, 'Jawaban belum diisi. Tulis daftar, mis. ["B", "A", "C"].')
    if not isinstance(nilai, list | tuple) or not all(isinstance(x, str) for x in nilai):
        return Hasil(False, 'Jawaban harus berupa daftar teks, mis. ["B", "A", "C"].')
    got = [x.strip().casefold() for x in nilai]
    want = [x.casefold() for x in harapan]
    if sorted(got) != sorted(want):
        return Hasil(
            False, f"Daftar harus memuat tepat {len(harapan)} langkah, masing-masing sekali."
        )
    if got == want:
        return Hasil(True, "Benar. Urutannya tepat!")
    salah = sum(1 for a, b in zip(got, want, strict=True) if a != b)
    return Hasil(
        False,
        f"Belum tepat: {salah} langkah belum di tempatnya."
        + (f" Petunjuk: {petunjuk}" if petunjuk else ""),
    )


def periksa_himpunan(nilai: object, harapan: set[str], *, petunjuk: str = "") -> Hasil:
    """Compare an unordered set of labels (e.g. which items are wrong)."""
    if belum_diisi(nilai):
        return Hasil(False, "Jawaban belum diisi.")
    if isinstance(nilai, str) or not isinstance(nilai, list | tuple | set):
        return Hasil(False, 'Jawaban harus berupa daftar, mis. ["A", "C"].')
    if not all(isinstance(x, str) for x in nilai):
        return Hasil(False, "Isi daftar harus teks di antara tanda petik.")
    got = {x.strip().casefold() for x in nilai}
    want = {x.casefold() for x in harapan}
    if got == want:
        return Hasil(True, "Benar. Semua ditemukan!")
    kurang, lebih = len(want - got), len(got - want)
    parts = []
    if kurang:
        parts.append(f"{kurang} belum ditemukan")
    if lebih:
        parts.append(f"{lebih} sebenarnya tidak termasuk")
    return Hasil(
        False,
        "Belum tepat: " + ", ".join(parts) + "." + (f" Petunjuk: {petunjuk}" if petunjuk else ""),
    )


def tampilkan(hasil: Hasil) -> bool:
    """Print a self-check result for the participant and return whether it was right."""
    print(("✅ " if hasil.benar else "❌ ") + hasil.pesan)
    return hasil.benar


def tegaskan(hasil: Hasil) -> None:
    """Hidden-test side: fail with the participant-facing hint (never the expected value)."""
    if not hasil.benar:
        raise AssertionError(hasil.pesan)


def pasangan(periksa: Callable[[str, object], Hasil], get_id: Callable[[], str]):
    """Make the ``cek_`` / ``uji_`` pair for one exercise from one checking function."""

    def cek(nilai: object) -> None:
        # Print only: a returned bool would show a stray "True" under the message in the notebook.
        tampilkan(periksa(get_id(), nilai))

    def uji(participant_id: str, nilai: object) -> None:
        tegaskan(periksa(participant_id, nilai))

    return cek, uji


class Sesi:
    """One module in a participant's kernel: who is working, and the numbers of their variant.

    ``soal`` builds the variant of a participant id; its result must have ``tampilkan()``.
    """

    def __init__(self, soal: Callable[[str], object]):
        self._soal = soal
        self._id: str | None = None

    def mulai(self, participant_id: object):
        """Start the module for a participant: remember the id and show their numbers."""
        pid = resolve_id(participant_id)
        self._id = pid
        s = self._soal(pid)
        s.tampilkan()  # type: ignore[attr-defined]
        return s

    def id(self) -> str:
        if self._id is None:
            raise RuntimeError("Jalankan dulu sel pertama (latihan.mulai(ID_PESERTA)).")
        return self._id
