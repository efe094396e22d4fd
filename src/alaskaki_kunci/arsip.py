"""The key of the uji forms committed before the key moved into the hidden tests (GRADER SIDE).

Forms generated before 2026-12-02 21:16 (kit commits c927bd5 .. f917dfc) have hidden tests
``kunci.uji("<id>", <answer>)`` without the expected answer, and their items changed between commits
(f917dfc's CIF item asks for the whole shipment, 69563cc's for one pair: same grade id, another
answer). A workshop made with one of them keeps that form in its ``source/`` and must be graded by
the key of THAT form, never by whatever the installed kit's bank says today (trainer team T8).

So the key of an old item is looked up by the item itself: :func:`sidik` hashes the grade id and the
question text the participant was shown (the markdown cell right before the answer cell, options
and numbers included), and :data:`KUNCI_LAMA` maps that fingerprint to the answer and tolerance
the kit graded it with. The table was computed once from each commit's own bank and committed
form (c927bd5, ba3672b, af98819, 69563cc, f917dfc; where only the tolerance changed between
commits for the same text, the later tolerance is kept, as the kit graded it since). It is frozen:
never regenerate it from today's bank.

:func:`lengkapi` writes the looked-up key into such a form's hidden tests before grading
(``harapan=``/``batas=``, as every form since carries them), so the grader and ``cetak --kunci``
judge an old form exactly like a new one. An item whose text is in no table (a trainer edited an
old form's question) is refused with a sentence naming it: a guessed key would grade silently wrong.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

from nbformat.notebooknode import NotebookNode

_UJI_LAMA = re.compile(r'kunci\.uji\("(?P<gid>\w+)",\s*(?P<var>\w+)\)')
_SIDIK = re.compile(r'kunci\.uji\("(?P<gid>\w+)",[^\n]*\bsidik="(?P<sidik>[0-9a-f]+)"')


class KunciLamaTidakDikenal(Exception):
    """Hidden tests without a key whose question text is in no frozen table."""

    def __init__(self, butir: list[str]):
        self.butir = butir
        super().__init__(", ".join(butir))


class SoalDiubah(Exception):
    """Hidden tests whose key was made for another question text than the one now before them."""

    def __init__(self, butir: list[str]):
        self.butir = butir
        super().__init__(", ".join(butir))


def soal_diubah(modul: str, butir: list[str]) -> str:
    """The refusal of a form whose questions were edited after its key was made (R29): the grader's
    and the key printout's (``alaskaki cetak --kunci``) words for :class:`SoalDiubah`."""
    return (
        f"Kunci formulir {modul} di lokakarya ini tidak dipakai: teks soal butir {', '.join(butir)} "
        f"di source/{modul}/{modul}.ipynb berbeda dari teks saat formulir dan kuncinya dibuat "
        "(pilihan ditukar, angka atau kalimat diubah dengan tangan?). Kunci di sel uji "
        "tersembunyinya dibuat untuk teks lama, jadi nilainya akan salah tanpa tanda. Kembalikan "
        "teks soal itu persis seperti semula (dari cadangan lokakarya), lalu jalankan grade lagi. "
        "Bila formulir ini dengan teks yang diubah sudah dibagikan, jawaban peserta tidak bisa "
        f"dinilai dengan kunci itu: tutup putaran ini (`alaskaki tutup {modul}`) dan beri formulir "
        f"baru (`alaskaki ulang {modul} --peserta ID...`)."
    )


def sidik(grade_id: str, soal: str) -> str:
    """Fingerprint of one item: its grade id and the question text shown to the participant."""
    return hashlib.sha256(f"{grade_id}\n{soal.strip()}".encode()).hexdigest()[:16]


def _sel_dan_soal(nb: NotebookNode) -> Iterator[tuple[NotebookNode, str]]:
    """Every cell of ``nb`` that is not markdown, with the question shown right before it: the
    source of the last markdown cell above (what :func:`sidik` fingerprints). One walk for the form
    in ``source/`` and for a participant's sheet, so both read "the question" alike; a sheet's
    markdown cell whose source is not text counts as no question."""
    soal = ""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            soal = cell.source if isinstance(cell.source, str) else ""
            continue
        yield cell, soal


def _sel_dinilai(nb: NotebookNode) -> Iterator[tuple[NotebookNode, str]]:
    """The graded code cells of a form (its tests) with their questions."""
    for cell, soal in _sel_dan_soal(nb):
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade"):
            yield cell, soal


def lengkapi(nb: NotebookNode) -> int:
    """Give every key-less hidden test of ``nb`` (an old form) its frozen key, in place.

    Returns the number of tests completed (0 for a form that carries its key). Raises
    :class:`KunciLamaTidakDikenal` naming the items whose question text no table knows.
    """
    done, unknown = 0, []
    for cell, soal in _sel_dinilai(nb):
        m = _UJI_LAMA.search(cell.source)
        if not m:
            continue
        gid = m.group("gid")
        row = KUNCI_LAMA.get(sidik(gid, soal))
        if row is None or row[0] != gid:
            unknown.append(gid)
            continue
        _, harapan, batas = row
        call = f'kunci.uji("{gid}", {m.group("var")}, harapan={harapan!r}, batas={batas!r})'
        cell.source = cell.source[: m.start()] + call + cell.source[m.end() :]
        done += 1
    if unknown:
        raise KunciLamaTidakDikenal(unknown)
    return done


def cocokkan(nb: NotebookNode) -> int:
    """Check that every hidden test carrying ``sidik=`` still stands after the question it was made for.

    A form since session 6 writes the fingerprint of each item's question (grade id + the markdown
    cell before the answer cell) beside its key. A trainer who reorders the options or edits the
    numbers by hand in ``source/`` leaves a key that no longer fits the question the participants
    see (red team R29: options C/A exchanged, every participant -1, silently). Returns the number of
    items checked; raises :class:`SoalDiubah` naming the items whose text changed. Forms made before
    (no ``sidik=``) are not checked here: old key-less ones by :func:`lengkapi`.
    """
    checked, changed = 0, []
    for cell, soal in _sel_dinilai(nb):
        m = _SIDIK.search(cell.source)
        if not m:
            continue
        checked += 1
        if sidik(m.group("gid"), soal) != m.group("sidik"):
            changed.append(m.group("gid"))
    if changed:
        raise SoalDiubah(changed)
    return checked


def sidik_form(nb: NotebookNode) -> dict[str, str]:
    """Grade id -> the fingerprint its hidden test carries (``sidik=``), for a form that has them."""
    return {
        m.group("gid"): m.group("sidik")
        for c in nb.cells
        if c.cell_type == "code"
        for m in [_SIDIK.search(c.source)]
        if m
    }


def soal_kiriman_berbeda(kiriman: NotebookNode, sidik_kunci: dict[str, str]) -> list[str]:
    """Items of a SUBMISSION whose question is not the one the key was made for (red team R29b).

    :func:`cocokkan` checks the form in ``source/``; a trainer who edits the copy he hands out
    (``release/``, the USB sticks) leaves ``source/`` whole, and a participant may type into a
    question cell. The submission carries the question each answer was given to: the markdown cell
    right before the item's first graded cell (its answer cell ``<id>_jawab`` or its test cell), as
    in the form. Returns the grade ids whose fingerprint differs from ``sidik_kunci`` (from
    :func:`sidik_form` of the source), in sheet order. Items the sheet lacks are named elsewhere
    (a deleted test cell is flagged by the grader); forms without ``sidik=`` give nothing to check.
    """
    if not sidik_kunci:
        return []
    cells_of = {f"{gid}_jawab": gid for gid in sidik_kunci} | {gid: gid for gid in sidik_kunci}
    seen: set[str] = set()
    berbeda = []
    for cell, soal in _sel_dan_soal(kiriman):
        nbg = cell.metadata.get("nbgrader") if isinstance(cell.metadata, dict) else None
        cid = nbg.get("grade_id") if isinstance(nbg, dict) else None
        gid = cells_of.get(cid) if isinstance(cid, str) else None
        if gid is None or gid in seen:
            continue
        seen.add(gid)
        if sidik(gid, soal) != sidik_kunci[gid]:
            berbeda.append(gid)
    return berbeda


#: item fingerprint (:func:`sidik`) -> (grade id, expected answer, accepted distance or None)
KUNCI_LAMA: dict[str, tuple[str, str | float, float | None]] = {
    "4030bfc798c4a1e3": ("post_bya01_hpp", 120184.61538461539, 120.1846153846154),
    "ee1026c6ed70529a": ("post_bya01_impor", 22.477614695836795, 0.22477614695836795),
    "d72e5aaf52e7eb00": ("post_bya01_kulit", 71610.14322028644, 358.0507161014322),
    "470717d9177b33e4": ("post_bya01_overhead", 4681.818181818182, 4.681818181818182),
    "460489fe467cc666": ("post_bya01_upah", 20723.443223443224, 20.723443223443226),
    "72c7a5b09ac97ca1": ("post_eks01_akses", "B", None),
    "8104e4d9efdd9515": ("post_eks01_akses", "B", None),
    "d12df9f2299a384b": ("post_eks01_akses", "B", None),
    "f1f90b2d8d1cd8bf": ("post_eks01_alasan", "A", None),
    "fe477aaf1f9483d7": ("post_eks01_alasan", "A", None),
    "21f96b79c91e1806": ("post_eks01_kbli", "B", None),
    "7bb123d10134c073": ("post_eks01_kbli", "B", None),
    "899d0821a2061aa4": ("post_eks01_kbli", "B", None),
    "7104cf2805f56b06": ("post_eks01_kite", "C", None),
    "f3eb470c55beaf23": ("post_eks01_kite", "C", None),
    "06c3121f77ba60f4": ("post_eks01_peb", "D", None),
    "4cd2e63aa579c4a9": ("post_eks01_peb", "D", None),
    "96dd947393fb8c02": ("post_eks01_peb", "D", None),
    "2d3897fa18a25f88": ("post_eks01_ska_asia", "A", None),
    "4d5f04dafe0818a1": ("post_eks01_ska_asia", "A", None),
    "7a197f492c6be112": ("post_eks01_ska_asia", "A", None),
    "47c4c5eabe316920": ("post_eks01_ska_eu", "A", None),
    "d871dd4e26d5fae5": ("post_eks01_ska_eu", "A", None),
    "fecf8656289aeb36": ("post_eks01_ska_eu", "A", None),
    "128d9311c00a10b5": ("post_eks02_bagian", "C", None),
    "9c42fae518d360c4": ("post_eks02_bagian", "C", None),
    "a711304d773dc36e": ("post_eks02_bagian", "C", None),
    "a6f29a76558118f4": ("post_eks02_btki", "C", None),
    "bba831cd80f6da46": ("post_eks02_btki", "C", None),
    "f4c4ecc08352ed35": ("post_eks02_btki", "C", None),
    "db032d41910ab437": ("post_eks02_hs6", "B", None),
    "a2968b058cd4a1f8": ("post_eks02_sol", "B", None),
    "b550c94d9bd8bea3": ("post_eks02_sol", "B", None),
    "4468501b6dc3301a": ("post_eks02_upper", "A", None),
    "673459760d767e98": ("post_eks02_upper", "A", None),
    "a229e3dd6fe143c1": ("post_eks03_cif", 16.50446473362095, 0.0330089294672419),
    "bd5540e0ecdf4d32": ("post_eks03_cif", 49513.394200862844, 2),
    "6f565ea31c8d3608": ("post_eks03_fob", 15.28640776699029, 0.04585922330097087),
    "2e1e6f1e0cfee150": ("post_eks03_incoterm", "D", None),
    "a4ebb2ab699dab77": ("post_eks03_incoterm", "D", None),
    "a50ec93f82dab434": ("post_eks03_incoterm", "D", None),
    "877ecf99e9fc3486": ("post_eks03_inkaso", "A", None),
    "aff6b007357ccdd8": ("post_eks03_inkaso", "A", None),
    "da9bba2f956171c2": ("post_eks03_inkaso", "A", None),
    "060575fc3f887eda": ("post_eks03_lc", "C", None),
    "a591f9d166e89cce": ("post_eks03_lc", "C", None),
    "b645754150fa045c": ("post_eks03_lc", "C", None),
    "c1533db35b04e9fd": ("post_eks04_angkut", "B", None),
    "e4071efbab9f62b9": ("post_eks04_angkut", "B", None),
    "b34044d169a8a867": ("post_eks04_cocok", "D", None),
    "57947a29017e2b16": ("post_eks04_invoice", 15149.82, 7.57491),
    "eb10c34bc199190d": ("post_eks04_packing", 1019.2, 1.0192),
    "3304fa10afc36f72": ("post_eks04_perbaiki", "A", None),
    "84e474f02d26c532": ("post_eks04_perbaiki", "A", None),
    "fd331495eec995d2": ("post_eks04_perbaiki", "A", None),
    "87717fbf6dc22c33": ("post_mtu01_kelas", "C", None),
    "b7b5e668159ec0f0": ("post_mtu01_kelas", "C", None),
    "47b18dd5196c4df2": ("post_mtu01_keputusan", "C", None),
    "a2f785de9b7b270a": ("post_mtu01_keputusan", "C", None),
    "05aa11575d572908": ("post_mtu01_sampel", 80.0, 0),
    "5933ba9a4f6fb70d": ("post_mtu01_sampel", 80.0, 0),
    "04c3c049f5ec6151": ("post_mtu01_sni", "B", None),
    "cddfb586f2346f6f": ("post_mtu01_sni", "B", None),
    "e641a814be1f2635": ("post_mtu01_sni", "B", None),
    "4f3d7ba0f83e1fc7": ("post_mtu01_ukuran", 40.0, 0),
    "189206db1ecbcc2d": ("post_str01_kapasitas", 5.0, 0),
    "5e4f5d31813f2854": ("post_str01_mitra", "B", None),
    "7040fbdd43358793": ("post_str01_mitra", "B", None),
    "e3df58129a2ca99e": ("post_str01_mitra", "B", None),
    "40a1c6e97c91bcb2": ("post_str01_penawaran", 15.311550151975684, 0.045934650455927054),
    "4a973c14adb677f3": ("post_str01_swot", "D", None),
    "c3db873189e39ff3": ("post_str01_swot", "D", None),
    "7cb4b958b76311eb": ("post_str01_tumbuh", 3173.9999999999995, 6.347999999999999),
    "70c1808ee5604b65": ("pre_bya01_hpp", 114833.33333333333, 114.83333333333333),
    "957341b826a6dd82": ("pre_bya01_impor", 21.43549951503395, 0.2143549951503395),
    "b8d11398d16aa70c": ("pre_bya01_kulit", 66884.3559909342, 334.421779954671),
    "a33d29d5a88fe4f5": ("pre_bya01_overhead", 5055.555555555556, 5.055555555555555),
    "2ef3a14c407f1859": ("pre_bya01_upah", 17400.0, 17.400000000000002),
    "60107a0d88b6253e": ("pre_eks01_akses", "A", None),
    "674423093e1b3e2a": ("pre_eks01_akses", "A", None),
    "f7d5c60a17fda4b7": ("pre_eks01_akses", "A", None),
    "3b790707ec76a0e9": ("pre_eks01_alasan", "C", None),
    "8b5568a9f79d4ac4": ("pre_eks01_alasan", "C", None),
    "2f2bb1eeb11719fc": ("pre_eks01_kbli", "A", None),
    "66f968f3a3dbc4bc": ("pre_eks01_kbli", "A", None),
    "c03f3cc0df0bed1d": ("pre_eks01_kbli", "A", None),
    "778e2316d4f3274a": ("pre_eks01_kite", "A", None),
    "8424662f9dad020c": ("pre_eks01_kite", "A", None),
    "2c8e453a4c76feff": ("pre_eks01_peb", "B", None),
    "ef125a2cad768f72": ("pre_eks01_peb", "B", None),
    "f68b835a23f34a18": ("pre_eks01_peb", "B", None),
    "134932ce6bc86e8b": ("pre_eks01_ska_asia", "A", None),
    "f0fd129226a560ca": ("pre_eks01_ska_asia", "A", None),
    "f6c885a899d8f8b1": ("pre_eks01_ska_asia", "A", None),
    "43c2dfc7f1b721b5": ("pre_eks01_ska_eu", "A", None),
    "8b8a0135b171b925": ("pre_eks01_ska_eu", "A", None),
    "c238b29e6f81662e": ("pre_eks01_ska_eu", "A", None),
    "1d35c149e2e09e12": ("pre_eks02_bagian", "A", None),
    "fd67683575e3dced": ("pre_eks02_bagian", "A", None),
    "658eb89970d65b29": ("pre_eks02_btki", "D", None),
    "b2d73d35665b0753": ("pre_eks02_btki", "D", None),
    "b94db232279a909e": ("pre_eks02_hs6", "B", None),
    "82b22d5a4c8439cb": ("pre_eks02_sol", "D", None),
    "e87a4a07d94dd29a": ("pre_eks02_sol", "D", None),
    "65e4def68381d798": ("pre_eks02_upper", "C", None),
    "f7016c33accd0fac": ("pre_eks02_upper", "C", None),
    "2d4b88760605a887": ("pre_eks03_cif", 15.166733627963037, 0.030333467255926075),
    "634e38ac1a410aea": ("pre_eks03_cif", 36400.16070711129, 2),
    "df8c4897df5544e0": ("pre_eks03_fob", 14.246153846153845, 0.04273846153846154),
    "9554333790924e0f": ("pre_eks03_incoterm", "B", None),
    "a5e5436e5ce15b55": ("pre_eks03_incoterm", "B", None),
    "c43cff4422d2c8d4": ("pre_eks03_incoterm", "B", None),
    "0b6b70b936ddc938": ("pre_eks03_inkaso", "D", None),
    "5bc7412a140b6c1c": ("pre_eks03_inkaso", "D", None),
    "97bd380efee50f96": ("pre_eks03_inkaso", "D", None),
    "7b760462cdfc77ba": ("pre_eks03_lc", "B", None),
    "b7c1bc7afd17738b": ("pre_eks03_lc", "B", None),
    "ddea540330f4f2fd": ("pre_eks03_lc", "B", None),
    "9ae142a4f3eee347": ("pre_eks04_angkut", "C", None),
    "aedfd60b34a778b5": ("pre_eks04_angkut", "C", None),
    "e45c7623b73bd552": ("pre_eks04_angkut", "C", None),
    "5f139d834e1c3c28": ("pre_eks04_cocok", "C", None),
    "30e20342be702901": ("pre_eks04_invoice", 15760.56, 7.88028),
    "a026e544ac2528c5": ("pre_eks04_packing", 1044.0, 1.044),
    "7b38ff5e3fa18632": ("pre_eks04_perbaiki", "B", None),
    "ce7c03dde400ad81": ("pre_eks04_perbaiki", "B", None),
    "f31f71f6f732e084": ("pre_eks04_perbaiki", "B", None),
    "2ee9f56a855a04c4": ("pre_mtu01_kelas", "A", None),
    "956a137652116a41": ("pre_mtu01_kelas", "A", None),
    "73c4439ef67a52ff": ("pre_mtu01_keputusan", "B", None),
    "edaa6e8206134c78": ("pre_mtu01_keputusan", "B", None),
    "2e6d5abb57a7d44f": ("pre_mtu01_sampel", 13.0, 0),
    "c3dfb3eb4a7849a2": ("pre_mtu01_sampel", 13.0, 0),
    "25028bb568306829": ("pre_mtu01_sni", "B", None),
    "970111f53cbad4ae": ("pre_mtu01_sni", "B", None),
    "c77bcc3d882adc34": ("pre_mtu01_sni", "B", None),
    "b4359507856804de": ("pre_mtu01_ukuran", 41.0, 0),
    "94287731b982fe75": ("pre_str01_kapasitas", 3.0, 0),
    "804d248aba09513a": ("pre_str01_mitra", "D", None),
    "f18851bb010c2fe6": ("pre_str01_mitra", "D", None),
    "fb42a75d804bed8e": ("pre_str01_mitra", "D", None),
    "954b6af65a5c54b3": ("pre_str01_penawaran", 15.05112474437628, 0.04515337423312884),
    "c5b299b87b6f43e2": ("pre_str01_swot", "C", None),
    "07add4c1e2428b3e": ("pre_str01_tumbuh", 2812.5, 5.625),
}
