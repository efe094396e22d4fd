"""Building blocks shared by every module's exercises.

A module file (``m3.py``) builds a participant's variant with :func:`rng`, exposes self-checks
``cek_<name>(nilai)`` that print kind feedback, and hidden-test checks ``uji_<name>(id, nilai)``
that raise :class:`AssertionError` with the same hint. Neither ever shows the expected value.
"""

from __future__ import annotations

import datetime
import hashlib
import math
import numbers
import random
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

__all__ = [
    "Hasil",
    "rng",
    "resolve_id",
    "periksa_angka",
    "periksa_pilihan",
    "periksa_urutan",
    "periksa_himpunan",
    "periksa_bulat",
    "periksa_kode",
    "Bagian",
    "periksa_bagian",
    "tampilkan",
    "tegaskan",
    "belum_diisi",
    "kosong",
    "lengkapi",
    "pesan_cek",
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
    if isinstance(nilai, tuple) and nilai and all(isinstance(v, int) for v in nilai):
        # 10,59 or 1,500,000 typed as on paper: Python reads the commas as a list of separate numbers.
        return Hasil(
            False,
            "Python membaca koma sebagai pemisah beberapa nilai. Untuk desimal pakai titik, mis. 10.59 "
            "(bukan 10,59), dan tulis ribuan tanpa titik atau koma, mis. 1500000.",
        )
    if isinstance(nilai, str) and any(ch.isdigit() for ch in nilai):
        return Hasil(
            False,
            "Jawaban ini teks (ada tanda petik). Tulis angkanya tanpa tanda petik dan tanpa Rp atau "
            "titik ribuan, mis. 1500000 atau 10.59.",
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
        return Hasil(
            False, 'Jawaban belum diisi. Tulis hurufnya berurutan, dipisah koma, mis. "B, A, C".'
        )
    if isinstance(nilai, str):  # typed as text, "B, A, C"
        nilai = [x for x in nilai.replace(";", ",").split(",") if x.strip()]
    if not isinstance(nilai, list | tuple) or not all(isinstance(x, str) for x in nilai):
        return Hasil(
            False,
            'Tulis hurufnya berurutan, dipisah koma, mis. "B, A, C" (atau daftar ["B", "A", "C"]).',
        )
    got = [x.strip().casefold() for x in nilai]
    want = [x.casefold() for x in harapan]
    if sorted(got) != sorted(want):
        return Hasil(
            False, f"Daftar harus memuat tepat {len(harapan)} langkah, masing-masing sekali."
        )
    if got == want:
        return Hasil(True, "Benar. Urutannya tepat!")
    # No count of misplaced steps: a count turns the self-check into a guessing machine.
    return Hasil(
        False,
        "Urutannya belum tepat. Untuk setiap langkah, tanyakan: hasil langkah mana yang ia butuhkan?"
        + (f" Petunjuk: {petunjuk}" if petunjuk else ""),
    )


def periksa_himpunan(nilai: object, harapan: set[str], *, petunjuk: str = "") -> Hasil:
    """Compare an unordered set of labels (e.g. which items are wrong)."""
    if belum_diisi(nilai):
        return Hasil(False, 'Jawaban belum diisi. Tulis huruf-hurufnya, dipisah koma, mis. "A, C".')
    if isinstance(
        nilai, str
    ):  # typed as text, "A, C": the audience rule allows letters without a list
        nilai = [x for x in nilai.replace(";", ",").split(",") if x.strip()]
    if not isinstance(nilai, list | tuple | set):
        return Hasil(
            False, 'Tulis huruf-hurufnya, dipisah koma, mis. "A, C" (atau daftar ["A", "C"]).'
        )
    if not all(isinstance(x, str) for x in nilai):
        return Hasil(False, "Isi daftar harus teks di antara tanda petik.")
    got = {x.strip().casefold() for x in nilai}
    want = {x.casefold() for x in harapan}
    if got == want:
        return Hasil(True, "Benar. Semua ditemukan!")
    # No "n missing, m extra": counts let a participant search the answer instead of thinking it.
    return Hasil(
        False,
        "Pilihan Anda belum tepat. Periksa setiap pilihan satu per satu dengan aturannya."
        + (f" Petunjuk: {petunjuk}" if petunjuk else ""),
    )


def periksa_bulat(nilai: object, harapan: int, *, petunjuk: str) -> Hasil:
    """Compare a whole number (a sample size, a shoe size); the message is read after a part's name."""
    if belum_diisi(nilai):
        return Hasil(False, "belum diisi.")
    if isinstance(nilai, bool) or not isinstance(nilai, numbers.Real) or nilai != int(nilai):
        return Hasil(False, "harus bilangan bulat, tanpa tanda petik.")
    if int(nilai) == harapan:
        return Hasil(True, "Benar.")
    return Hasil(False, f"belum tepat. Petunjuk: {petunjuk}")


def periksa_kode(nilai: object, harapan: str, *, petunjuk: str) -> Hasil:
    """Compare a code typed as text in any case (an Incoterms rule, ``"CIP"``); read after a part's name."""
    if isinstance(nilai, str) and nilai.strip().upper() == harapan:
        return Hasil(True, "Benar.")
    return Hasil(False, f"belum tepat. Petunjuk: {petunjuk}")


class Bagian:
    """One part of an answer in several parts: a row of the table :func:`periksa_bagian` walks.

    ``nama`` is what the participant reads before the part's message: the variable's name in the split
    modules (``"harga_cfr"``), a label in the older worksheets (``"Harga CFR"``). ``kunci`` is the part's
    key in the answer and in the expected values; the part is checked with
    ``periksa(answer[kunci], expected[kunci], **opsi)``.
    """

    __slots__ = ("nama", "kunci", "periksa", "opsi")

    def __init__(
        self,
        nama: str,
        kunci: str,
        periksa: Callable[..., Hasil] = periksa_angka,
        **opsi: object,
    ):
        self.nama, self.kunci, self.periksa, self.opsi = nama, kunci, periksa, opsi


def periksa_bagian(
    nilai: Mapping[str, object],
    harapan: Mapping[str, object],
    bagian: Iterable[Bagian],
    *,
    benar: str,
    salah: str = "{nama}: {pesan}",
) -> Hasil:
    """Check the parts in order: the first wrong one answers, as ``"<nama>: <its message>"``.

    One part at a time and never how many are wrong (a count turns the check into a guessing machine);
    ``Hasil(True, benar)`` when every part is right. ``salah`` words the miss from the part's ``nama``
    and its check's ``pesan``: a case study whose parts are told by the idea behind them, not by a
    name, gives that idea as ``nama`` and its own sentence (m3, m6).
    """
    for b in bagian:
        hasil = b.periksa(nilai.get(b.kunci), harapan[b.kunci], **b.opsi)
        if not hasil.benar:
            return Hasil(False, salah.format(nama=b.nama, pesan=hasil.pesan))
    return Hasil(True, benar)


def tampilkan(hasil: Hasil) -> bool:
    """Print a self-check result for the participant and return whether it was right."""
    print(("✅ " if hasil.benar else "❌ ") + hasil.pesan)
    return hasil.benar


#: From this many misses on one self-check, the reasoning on a similar worked case is shown.
CONTOH_SETELAH = 3

LANJUT = "Perbaiki jawaban Anda, jalankan sel jawabannya, lalu jalankan cek ini lagi."
LAGI = "Tidak apa-apa — perbaiki jawaban Anda, jalankan sel jawabannya, lalu jalankan cek ini lagi."
#: How a self-check opens a miss (issue 15 req. 3: as warm as Modul 0); the hidden tests keep "Belum tepat.".
BELUM = "Belum tepat. Tidak apa-apa, di sini kita belajar dari salah."
#: A right answer: said warmly, and with what it means for the job when the item has no message of its own.
BENAR_UMUM = {
    "Benar. Bagus!": "Benar. Bagus — langkah dan hitungan Anda tepat!",
    "Benar. Semua ditemukan!": "Benar. Semua pilihan yang tepat sudah Anda temukan!",
}
TANPA_CONTOH = (
    "Baca lagi contoh yang dikerjakan di atas latihan ini, langkah demi langkah, dan bandingkan dengan langkah "
    "Anda. Bila masih buntu, tanyakan ke pelatih: itu bagian dari belajar."
)

#: Self-check history of this kernel session: grade id -> right/wrong of each counted try.
_RIWAYAT: dict[str, list[bool]] = {}


def kosong(nilai: object) -> bool:
    """An unanswered value: not counted as a try.

    A worksheet dict whose every blank is still ``None`` (``{"nilai": None, ...}``) is unanswered too.
    """
    if isinstance(nilai, dict):
        return all(belum_diisi(v) for v in nilai.values())
    return belum_diisi(nilai) or (isinstance(nilai, list | tuple | set) and not nilai)


def pesan_cek(hasil: Hasil, riwayat: list[bool], contoh: str | None) -> str:
    """The text a participant reads after a counted try; ``riwayat`` includes this try."""
    if hasil.benar:
        teks = "✅ " + BENAR_UMUM.get(hasil.pesan, hasil.pesan)
        if len(riwayat) > 1:
            teks += f" Anda berhasil pada percobaan ke-{len(riwayat)}: tekun itu kunci belajar."
        return teks
    pesan = hasil.pesan
    if pesan.startswith("Belum tepat."):
        pesan = BELUM + pesan.removeprefix("Belum tepat.")
    # Warm once, and always a way forward: what to do next after reading the hint.
    teks = "❌ " + pesan + "\n" + (LANJUT if "tidak apa-apa" in pesan.casefold() else LAGI)
    salah = sum(1 for ok in riwayat if not ok)
    if salah >= CONTOH_SETELAH:
        teks += (
            f"\n\nSudah {salah} kali belum tepat. Ini cara berpikirnya pada kasus lain (bukan soal Anda):\n"
            + (contoh or TANPA_CONTOH)
            + ("\nLalu kerjakan soal Anda dengan langkah yang sama." if contoh else "")
        )
    return teks


def _tampil(teks: str, meta: dict | None) -> None:
    """Show the message; inside a kernel, as display output whose metadata records the try."""
    ip = None
    try:
        from IPython import get_ipython

        ip = get_ipython()
    except ImportError:  # plain Python: the message is all there is
        pass
    if ip is None or meta is None:
        print(teks)
        return
    from IPython.display import display

    display({"text/plain": teks}, raw=True, metadata=meta)


def tegaskan(hasil: Hasil) -> None:
    """Hidden-test side: fail with the participant-facing hint (never the expected value)."""
    if not hasil.benar:
        raise AssertionError(hasil.pesan)


def polos(nilai: object, _depth: int = 0) -> object:
    """``nilai`` as data of Python's own types (str, int, float, and lists, tuples, sets and dicts
    of them), whatever class the notebook gave it; None and ``...`` unchanged; anything else
    as the float it stands for, or :data:`TAK_TERBACA` (R100).

    A check compares the answer with the key: an answer of the notebook's own class (a str whose
    ``strip`` returns itself and whose ``__eq__`` keeps what it is compared with) would be handed
    the key by the comparison, with no call into the key the grading sandbox could record (R76).
    The copies are made by the builtin types' own methods, so no method of the notebook runs on
    anything the key touches."""
    if _depth > 20 or nilai is None or nilai is Ellipsis or isinstance(nilai, bool):
        return nilai
    if isinstance(nilai, str):
        return str.__str__(nilai)
    if isinstance(nilai, int):
        return int.__int__(nilai)
    if isinstance(nilai, float):
        return float.__float__(nilai)
    if isinstance(nilai, numbers.Integral):  # numpy integers
        return int.__int__(int(nilai))
    if isinstance(nilai, numbers.Real):
        return float.__float__(float(nilai))
    if isinstance(nilai, dict):
        return {polos(k, _depth + 1): polos(v, _depth + 1) for k, v in dict.items(nilai)}
    for kind in (list, tuple, set, frozenset):
        if isinstance(nilai, kind):
            return kind(polos(v, _depth + 1) for v in list(nilai))
    if isinstance(nilai, datetime.date):  # date(2026, 3, 5) for m1's PEB day: copied, as above
        if isinstance(nilai, datetime.datetime):
            return datetime.datetime(*nilai.timetuple()[:6], nilai.microsecond, nilai.tzinfo)
        return datetime.date(nilai.year, nilai.month, nilai.day)
    # Any other class (a Decimal, a numpy array, the notebook's own): its code must not run once
    # the check holds the key. An answer of the notebook's class whose __float__ resumed an idle
    # generator read the check's frames through f_back, with no audit event (red team R100). The
    # number it stands for is taken now, before the key exists; else a stand-in no check accepts.
    try:
        return float.__float__(float(nilai))  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 - not a number: a stand-in every check refuses
        return TAK_TERBACA


class _TakTerbaca:
    """The stand-in :func:`polos` gives for an answer of a class it cannot copy: no method of
    it is the notebook's, and every check refuses it as of the wrong kind."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<jawaban tak terbaca>"


TAK_TERBACA = _TakTerbaca()


#: A self-check that could not read an answer (nan where a whole number is asked, for one).
TIDAK_TERBACA = (
    "Jawaban ini tidak bisa diperiksa. Tulis angka biasa (bukan nan atau inf) atau teks di antara "
    "tanda petik, lalu jalankan cek ini lagi."
)


def _verdict(periksa: Callable[[str, object], Hasil], pid: str, nilai: object) -> Hasil:
    """``periksa``'s verdict, or :data:`TIDAK_TERBACA` when it fails on the answer.

    Never an exception out of a self-check: its traceback's frames hold the check's locals, the
    key among them, for the notebook to read without calling the key (red team R80); and a
    participant reads a sentence, not a traceback."""
    try:
        return periksa(pid, nilai)
    except Exception:  # noqa: BLE001 - whatever failed, the key's frames must not leave
        pass
    # outside the except block: the exception and its frames are gone once we are here
    return Hasil(False, TIDAK_TERBACA)


def pasangan(periksa: Callable[[str, object], Hasil], get_id: Callable[[], str]):
    """Make the ``cek_`` / ``uji_`` pair for one exercise from one checking function."""

    def cek(nilai: object) -> None:
        # Show only: a returned bool would show a stray "True" under the message in the notebook.
        nilai = polos(nilai)
        hasil = _verdict(periksa, get_id(), nilai)
        gid = cek.grade_id
        if kosong(nilai) or gid is None:  # an unanswered exercise is not a try
            teks = ("✅ " if hasil.benar else "❌ ") + hasil.pesan
            if kosong(nilai) and "tidak apa-apa" not in hasil.pesan.casefold():
                teks += " Tidak apa-apa: artinya latihan ini belum Anda jawab."
            _tampil(teks, None)
            return
        riwayat = _RIWAYAT.setdefault(gid, [])
        riwayat.append(hasil.benar)
        from alaskaki.exercises import attempts

        _tampil(pesan_cek(hasil, riwayat, cek.contoh), attempts.metadata(gid, riwayat))

    cek.grade_id = None  # set by lengkapi() at the end of the module file
    cek.contoh = None

    def uji(participant_id: str, nilai: object) -> None:
        # The key marker: a read of a fresh lambda's __code__, which Python's audit hooks hear and
        # participant code cannot stub out (no name is looked up); the grading sandbox records a
        # call into a key function from a participant's cell by it (sandbox.key_recorder, R76).
        (lambda: None).__code__  # noqa: B018
        tegaskan(periksa(participant_id, nilai))

    return cek, uji


def lengkapi(namespace: dict, short: str, contoh: dict[str, str]) -> None:
    """Give every ``cek_<name>`` of a module file its grade id (``<short>_<name>``) and worked case.

    Called once at the end of the module file with ``globals()``; the grade id is what the attempt
    record in the notebook carries, the worked case what a participant reads after repeated misses.
    """
    for name, fn in list(namespace.items()):
        if name.startswith("cek_") and hasattr(fn, "contoh"):
            fn.grade_id = f"{short}_{name[4:]}"
            fn.contoh = contoh.get(name[4:])


def _tabel_utuh() -> None:
    """Tables show their text in full: pandas cuts a cell at 50 characters ("…terlihat dila..."), and the
    deciding word of a case is lost (reader, issue 15). One setting for every module, made when it starts."""
    try:
        import pandas as pd
    except ImportError:  # a participant install without pandas shows no tables
        return
    pd.set_option("display.max_colwidth", None)


class Sesi:
    """One module in a participant's kernel: who is working, and the numbers of their variant.

    ``soal`` builds the variant of a participant id; its result must have ``tampilkan()``.
    """

    def __init__(self, soal: Callable[[str], object]):
        self._soal = soal
        self._id: str | None = None

    def mulai(self, participant_id: object):
        """Start the module for a participant: remember the id and show their numbers."""
        _tabel_utuh()
        pid = resolve_id(participant_id)
        self._id = pid
        s = self._soal(pid)
        s.tampilkan()  # type: ignore[attr-defined]
        return s

    def id(self) -> str:
        if self._id is None:
            raise RuntimeError("Jalankan dulu sel pertama (latihan.mulai(ID_PESERTA)).")
        return self._id
