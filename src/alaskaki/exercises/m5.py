"""Exercises of module m5-mutu-aql (defect classes, ISO 2859-1 sampling, lab tests, Cr(VI), SNI, sizes) — LEGACY.

The kit now teaches this module in two sessions, m5a-mutu-aql and m5b-uji-ukuran (issue 15). This
file stays, unchanged in behaviour, for workshops made before the split: their
``source/m5-mutu-aql`` notebook imports it and their pinned kompetensi.yml names its grade ids.
Do not extend it; tests/integration/test_legacy_workshop.py keeps it working.

Every number a participant sees is drawn from their variant (:func:`soal`); every expected value is
computed by :mod:`alaskaki.domain.quality`, :mod:`alaskaki.domain.inspection` and
:mod:`alaskaki.domain.sizes` from the same variant. Lot sizes and findings are *contoh*.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

from alaskaki.domain import inspection, quality, sizes
from alaskaki.exercises.base import (
    Bagian,
    Hasil,
    Sesi,
    belum_diisi,
    lengkapi,
    pasangan,
    periksa_angka,
    periksa_bagian,
    periksa_bulat,
    periksa_pilihan,
    rng,
)

MODUL = "m5-mutu-aql"

# Tables shared with the two sessions that replaced this module; the same values keep this module's
# variants identical for workshops made before the split.
from alaskaki.exercises.m5a import (  # noqa: E402
    AQL_RENCANA,
    IKM,
    LEVEL,
    LOT_RENCANA,
    LOT_STUDI,
    _inspection_plan,
)
from alaskaki.exercises.m5a import sekitar_ac as _sekitar_ac  # noqa: E402
from alaskaki.exercises.m5b import CR6_NILAI  # noqa: E402

__all__ = [
    "AQL_RENCANA",
    "CR6_NILAI",
    "IKM",
    "LEVEL",
    "LOT_RENCANA",
    "LOT_STUDI",
]


@dataclass(frozen=True)
class Soal:
    """The numbers of one participant's variant (all *contoh*)."""

    peserta: str
    ikm: str
    kelurahan: str
    cacat: tuple[int, ...]  # indices into inspection.DEFECT_EXAMPLES
    grade: tuple[int, ...]  # indices into inspection.GRADE_EXAMPLES
    lot: int
    aql: float
    laju_cacat: float  # fraction defective for the OC question
    lot_keputusan: tuple[tuple[int, float, int], ...]  # (lot, aql, defects found)
    keluhan: tuple[str, ...]  # complaints from inspection.LAB_TESTS
    cr6: tuple[float, ...]
    jenis: tuple[str, ...]  # footwear types from inspection.FOOTWEAR_TYPES
    panjang_kaki_mm: int
    uk_pria: float
    # case study: pre-shipment inspection
    sk_lot: int
    sk_persen_selesai: int
    sk_kritis: int
    sk_mayor: int
    sk_minor: int

    def tampilkan(self) -> None:
        print(f"Peserta {self.peserta} — {self.ikm}, Kelurahan {self.kelurahan} (angka contoh)")
        print(f"  Lot untuk Latihan 3   : {self.lot} pasang, AQL {self.aql:g}, tingkat inspeksi II")
        print(f"  Panjang kaki pembeli  : {self.panjang_kaki_mm} mm")
        print(f"  Studi kasus           : pesanan {self.sk_lot} pasang")


def soal(participant_id: str) -> Soal:
    r = rng(MODUL, participant_id)
    ikm, kel = IKM[r.randrange(len(IKM))]
    keputusan = []
    for _ in range(3):
        lot, aql = r.choice(LOT_RENCANA), r.choice(AQL_RENCANA)
        keputusan.append((lot, aql, _sekitar_ac(r, quality.sampling_plan(lot, aql, LEVEL))))
    keluhan = tuple(r.choice(t.complaints) for t in r.sample(inspection.LAB_TESTS, 3))
    lain = [j for j, wajib in inspection.FOOTWEAR_TYPES.items() if not wajib]
    pengaman = [j for j, wajib in inspection.FOOTWEAR_TYPES.items() if wajib]
    jenis = r.sample(lain, 3) + pengaman[:1]
    r.shuffle(jenis)
    sk_lot = r.choice(LOT_STUDI)
    mayor = _inspection_plan(sk_lot, "mayor")
    minor = _inspection_plan(sk_lot, "minor")
    return Soal(
        peserta=participant_id,
        ikm=ikm,
        kelurahan=kel,
        cacat=tuple(r.sample(range(len(inspection.DEFECT_EXAMPLES)), 4)),
        grade=tuple(r.sample(range(len(inspection.GRADE_EXAMPLES)), 3)),
        lot=r.choice(LOT_RENCANA),
        aql=r.choice(AQL_RENCANA),
        laju_cacat=r.choice([0.02, 0.04, 0.06, 0.08, 0.10]),
        lot_keputusan=tuple(keputusan),
        keluhan=keluhan,
        cr6=tuple(r.sample(CR6_NILAI, 4)),
        jenis=tuple(jenis),
        panjang_kaki_mm=r.choice(range(235, 291, 5)),
        uk_pria=r.choice([6, 6.5, 7, 7.5, 8, 8.5, 9, 9.5, 10, 10.5, 11]),
        sk_lot=sk_lot,
        sk_persen_selesai=r.choice([80, 90, 100]),
        sk_kritis=r.choice([0, 0, 0, 1]),
        sk_mayor=_sekitar_ac(r, mayor),
        sk_minor=_sekitar_ac(r, minor),
    )


def teks_cacat(s: Soal) -> list[str]:
    return [inspection.DEFECT_EXAMPLES[i].text for i in s.cacat]


def teks_grade(s: Soal) -> list[str]:
    return [inspection.GRADE_EXAMPLES[i].text for i in s.grade]


def teks_keputusan(s: Soal) -> list[str]:
    return [
        f"Lot {lot} pasang, AQL {aql:g}, tingkat II: ditemukan {found} pasang cacat di sampel."
        for lot, aql, found in s.lot_keputusan
    ]


# ---- expected values: only domain functions, from the same variant -------------------------


def _rencana(s: Soal) -> quality.SamplingPlan:
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    return quality.sampling_plan(s.lot, s.aql, LEVEL)


def _studi(s: Soal) -> dict:
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    mayor, minor = _inspection_plan(s.sk_lot, "mayor"), _inspection_plan(s.sk_lot, "minor")
    d_mayor = quality.lot_decision(mayor, s.sk_mayor)
    d_minor = quality.lot_decision(minor, s.sk_minor)
    d_kritis = inspection.critical_decision(s.sk_kritis)
    return {
        "tahap": inspection.stage_for_completion(s.sk_persen_selesai),
        "n_mayor": mayor.units_to_inspect,
        "n_minor": minor.units_to_inspect,
        "kritis": d_kritis,
        "mayor": d_mayor,
        "minor": d_minor,
        "lot": inspection.overall_decision([d_kritis, d_mayor, d_minor]),
    }


def harapan(participant_id: str) -> dict:
    """Expected answers (used by hidden tests and the trainer's tools; never shown to participants)."""
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    s = soal(participant_id)
    plan = _rencana(s)
    return {
        "kelas_cacat": [inspection.DEFECT_EXAMPLES[i].answer for i in s.cacat],
        "grade": [inspection.GRADE_EXAMPLES[i].answer for i in s.grade],
        "rencana": {
            "kode_huruf": plan.lot_code_letter,
            "ukuran_sampel": plan.units_to_inspect,
            "ac": plan.accept,
            "re": plan.reject,
        },
        "peluang_terima": quality.acceptance_probability(plan, s.laju_cacat) * 100,
        "keputusan": [
            quality.lot_decision(quality.sampling_plan(lot, aql, LEVEL), found)
            for lot, aql, found in s.lot_keputusan
        ],
        "uji_lab": [inspection.lab_test_for(k).iso_number for k in s.keluhan],
        "krom": ["boleh" if inspection.cr6_allowed_in_eu(x) else "tidak" for x in s.cr6],
        "sni": ["wajib" if inspection.sni_mandatory(j) else "tidak" for j in s.jenis],
        "ukuran": {
            "mondopoint": sizes.mondopoint(s.panjang_kaki_mm),
            "eu": sizes.eu_size(s.panjang_kaki_mm, sizes.DEFAULT_ALLOWANCE_MM),
            "us": sizes.convert(s.uk_pria, "uk", "us"),
        },
        "studi_kasus": _studi(s),
    }


# ---- checks: one function per exercise, shared by the self-check and the hidden test -------

_sesi = Sesi(soal)
mulai = _sesi.mulai
_id = _sesi.id


def periksa_daftar(
    nilai: object, harapan_: list, *, pilihan: list[str] | None = None, petunjuk: str = ""
) -> Hasil:
    """An ordered list of answers, one per question; a hint, never a count or a value."""
    if belum_diisi(nilai):
        return Hasil(False, 'Jawaban belum diisi. Tulis daftar, mis. ["...", "..."].')
    if not isinstance(nilai, list | tuple):
        return Hasil(False, "Jawaban harus berupa daftar, satu jawaban per soal.")
    if len(nilai) != len(harapan_):
        return Hasil(False, f"Daftar harus berisi tepat {len(harapan_)} jawaban, satu per soal.")

    def norm(x: object) -> object:
        if isinstance(x, str):
            t = x.strip().casefold()
            return int(t) if t.isdigit() else t
        if isinstance(x, numbers.Integral) and not isinstance(x, bool):
            return int(x)
        return x

    got = [norm(x) for x in nilai]
    if pilihan is not None:
        allowed = {p.casefold() for p in pilihan}
        if any(g not in allowed for g in got):
            return Hasil(
                False, "Ada jawaban yang bukan salah satu pilihan: " + ", ".join(pilihan) + "."
            )
    salah = sum(1 for g, w in zip(got, harapan_, strict=True) if g != norm(w))
    if not salah:
        return Hasil(True, "Benar. Semua tepat!")
    return Hasil(
        False,
        "Belum tepat." + (f" Petunjuk: {petunjuk}" if petunjuk else ""),
    )


def _kelas_cacat(pid: str, nilai: object) -> Hasil:
    return periksa_daftar(
        nilai,
        harapan(pid)["kelas_cacat"],
        pilihan=["kritis", "mayor", "minor"],
        petunjuk="kritis = membahayakan pemakai atau melanggar peraturan wajib; mayor = kemungkinan "
        "besar barang dikembalikan; minor = kecil kemungkinan dikembalikan.",
    )


def _grade(pid: str, nilai: object) -> Hasil:
    return periksa_daftar(
        nilai,
        harapan(pid)["grade"],
        pilihan=["A", "B", "C"],
        petunjuk="B = hanya cacat tampilan; C = cacat fungsi besar atau cacat tampilan yang tidak "
        "bisa diperbaiki.",
    )


def _rencana_cek(pid: str, nilai: object) -> Hasil:
    if belum_diisi(nilai):
        return Hasil(
            False, "Jawaban belum diisi. Ganti `None` dengan dict Anda, lalu jalankan sel itu."
        )
    if not isinstance(nilai, dict):
        return Hasil(
            False,
            'Jawaban harus berupa dict: {"kode_huruf": ..., "ukuran_sampel": ..., "ac": ..., "re": ...}.',
        )
    ac_re = "baca pasangan Ac/Re di sel rencana yang dipakai."
    return periksa_bagian(
        nilai,
        harapan(pid)["rencana"],
        [
            Bagian(
                "Kode huruf",
                "kode_huruf",
                periksa_pilihan,
                petunjuk="cari baris ukuran lot di Tabel 1, lalu kolom tingkat II.",
            ),
            Bagian(
                "Ukuran sampel",
                "ukuran_sampel",
                periksa_bulat,
                petunjuk="bila sel tabel berisi panah, ikuti panah sampai rencana pertama dan pakai ukuran "
                "sampel baris rencana itu.",
            ),
            Bagian("Angka terima (Ac)", "ac", periksa_bulat, petunjuk=ac_re),
            Bagian("Angka tolak (Re)", "re", periksa_bulat, petunjuk=ac_re),
        ],
        benar="Benar. Rencana sampling Anda tepat!",
    )


def _peluang(pid: str, nilai: object) -> Hasil:
    return periksa_angka(
        nilai,
        harapan(pid)["peluang_terima"],
        toleransi=0.01,
        mutlak=0.5,
        satuan="persen",
        petunjuk="pakai quality.acceptance_probability(rencana, laju cacat sebagai pecahan), lalu ubah ke persen.",
    )


def _keputusan(pid: str, nilai: object) -> Hasil:
    return periksa_daftar(
        nilai,
        harapan(pid)["keputusan"],
        pilihan=["terima", "tolak"],
        petunjuk="cari rencananya dulu; terima bila cacat ≤ Ac, tolak bila cacat ≥ Re.",
    )


def _uji_lab(pid: str, nilai: object) -> Hasil:
    if isinstance(nilai, list | tuple) and any(
        isinstance(x, float) or (isinstance(x, str) and not x.strip().isdigit()) for x in nilai
    ):
        return Hasil(
            False, "Tulis nomor ISO saja sebagai bilangan bulat, tanpa 'ISO' dan tanpa tahun."
        )
    return periksa_daftar(
        nilai,
        harapan(pid)["uji_lab"],
        petunjuk="tentukan dulu sifat apa yang gagal (rekat sol, lentur sol, lentur atasan, aus sol, "
        "luntur warna), lalu cari nomor ISO-nya di tabel.",
    )


def _krom(pid: str, nilai: object) -> Hasil:
    return periksa_daftar(
        nilai,
        harapan(pid)["krom"],
        pilihan=["boleh", "tidak"],
        petunjuk="kulit tidak boleh dijual di Uni Eropa bila krom VI 3 mg/kg atau lebih.",
    )


def _sni(pid: str, nilai: object) -> Hasil:
    return periksa_daftar(
        nilai,
        harapan(pid)["sni"],
        pilihan=["wajib", "tidak"],
        petunjuk="SNI wajib untuk alas kaki hanya berlaku bagi satu jenis sepatu.",
    )


def _ukuran(pid: str, nilai: object) -> Hasil:
    if belum_diisi(nilai):
        return Hasil(
            False, "Jawaban belum diisi. Ganti `None` dengan dict Anda, lalu jalankan sel itu."
        )
    if not isinstance(nilai, dict):
        return Hasil(False, 'Jawaban harus berupa dict: {"mondopoint": ..., "eu": ..., "us": ...}.')
    return periksa_bagian(
        nilai,
        harapan(pid)["ukuran"],
        [
            Bagian(
                "Mondopoint",
                "mondopoint",
                periksa_bulat,
                petunjuk="Mondopoint = panjang kaki dalam mm.",
            ),
            Bagian(
                "Ukuran EU",
                "eu",
                toleransi=0,
                mutlak=0.06,
                satuan="ukuran EU",
                petunjuk="ukuran EU = (panjang kaki + kelonggaran 15 mm) ÷ 6,67 mm (2/3 cm).",
            ),
            Bagian(
                "Ukuran US",
                "us",
                toleransi=0,
                mutlak=0.01,
                satuan="ukuran US",
                petunjuk="ukuran US pria = ukuran UK pria + 1.",
            ),
        ],
        benar="Benar. Konversi ukuran Anda tepat!",
    )


def _studi_kasus(pid: str, nilai: object) -> Hasil:
    if belum_diisi(nilai):
        return Hasil(
            False, "Jawaban belum diisi. Ganti `None` dengan dict Anda, lalu jalankan sel itu."
        )
    if not isinstance(nilai, dict):
        return Hasil(
            False, "Jawaban studi kasus harus berupa dict dengan kunci seperti pada contoh."
        )
    n = "pakai AQL kelas cacat itu dan ikuti panah bila ada."
    keputusan = ["terima", "tolak"]
    return periksa_bagian(
        nilai,
        harapan(pid)["studi_kasus"],
        [
            Bagian(
                "Tahap pemeriksaan",
                "tahap",
                periksa_pilihan,
                petunjuk="lihat berapa persen pesanan sudah selesai dan cocokkan dengan tabel tahap "
                "pemeriksaan.",
            ),
            Bagian("Ukuran sampel cacat mayor", "n_mayor", periksa_bulat, petunjuk=n),
            Bagian("Ukuran sampel cacat minor", "n_minor", periksa_bulat, petunjuk=n),
            Bagian(
                "Keputusan cacat kritis",
                "kritis",
                periksa_pilihan,
                pilihan=keputusan,
                petunjuk="AQL 0: satu cacat kritis saja sudah cukup untuk menolak.",
            ),
            Bagian(
                "Keputusan cacat mayor",
                "mayor",
                periksa_pilihan,
                pilihan=keputusan,
                petunjuk="bandingkan jumlah cacat dengan Ac dan Re rencana mayor.",
            ),
            Bagian(
                "Keputusan cacat minor",
                "minor",
                periksa_pilihan,
                pilihan=keputusan,
                petunjuk="bandingkan jumlah cacat dengan Ac dan Re rencana minor.",
            ),
            Bagian(
                "Keputusan lot",
                "lot",
                periksa_pilihan,
                pilihan=keputusan,
                petunjuk="lot hanya diterima bila semua kelas cacat diterima.",
            ),
        ],
        benar="Benar. Laporan pemeriksaan Anda lengkap dan tepat!",
    )


cek_kelas_cacat, uji_kelas_cacat = pasangan(_kelas_cacat, _id)
cek_grade, uji_grade = pasangan(_grade, _id)
cek_rencana, uji_rencana = pasangan(_rencana_cek, _id)
cek_peluang_terima, uji_peluang_terima = pasangan(_peluang, _id)
cek_keputusan, uji_keputusan = pasangan(_keputusan, _id)
cek_uji_lab, uji_uji_lab = pasangan(_uji_lab, _id)
cek_krom, uji_krom = pasangan(_krom, _id)
cek_sni, uji_sni = pasangan(_sni, _id)
cek_ukuran, uji_ukuran = pasangan(_ukuran, _id)
cek_studi_kasus, uji_studi_kasus = pasangan(_studi_kasus, _id)


#: After repeated misses a self-check shows the reasoning on a similar case (never the participant's own).
CONTOH_KERJA = {
    "grade": (
        "Contoh lain: jahitan hiasan sedikit tidak lurus, sepatu tetap kuat → B (cacat tampilan saja, "
        "dijual lebih murah). Hak sepatu patah → C (cacat fungsi berat). Tanyakan dua hal: apakah sepatu "
        "masih berfungsi? Apakah cacatnya hanya tampilan dan bisa diterima dengan harga lebih murah?"
    ),
    "kelas_cacat": (
        "Contoh lain: gesper logam bertepi tajam yang bisa melukai → kritis (berbahaya bagi pemakai). Hak"
        " sepatu patah saat dicoba → mayor (tidak layak jual, pasti dikembalikan). Cap merek di kotak "
        "sepatu sedikit miring → minor (di bawah standar, tetapi pembeli tidak akan mengembalikannya)."
    ),
    "keputusan": (
        "Contoh lain: lot 700 pasang, AQL 1,5 → periksa 80 pasang, Ac 3, Re 4. Ditemukan 3 cacat → terima"
        " (≤ Ac). Ditemukan 4 → tolak (≥ Re)."
    ),
    "krom": (
        "Cara berpikir: batasnya 3 mg/kg. Kulit dengan Cr(VI) 3 mg/kg atau lebih tidak boleh dijual di "
        "Uni Eropa; di bawah 3 boleh. Mis. 2,4 → boleh; 3,0 → tidak; 7,8 → tidak."
    ),
    "peluang_terima": (
        "Cara berpikir: dengan rencana yang sama, lot yang cacatnya lebih banyak makin jarang diterima. "
        "Buka perencana AQL, isi lot dan AQL Anda, lalu baca kurva OC pada laju cacat Anda (sumbu "
        "mendatar) — tinggi kurvanya adalah peluang diterima. Tulis dalam persen (mis. 41.3), bukan "
        "pecahan."
    ),
    "rencana": (
        "Contoh lain: lot 700 pasang, AQL 1,5, tingkat II. Tabel 1: 501–1.200 → huruf J. Tabel II-A, "
        "baris J (80 pasang), kolom 1,5: Ac 3, Re 4. Bila selnya berisi panah, ikuti panahnya ke rencana "
        "pertama dan pakai jumlah sampel rencana itu."
    ),
    "sni": (
        "Cara berpikir: di Indonesia SNI wajib untuk alas kaki hanya untuk sepatu pengaman (SNI "
        "8877:2023). Sepatu kerja bersepatu baja untuk pabrik → wajib; sandal, sepatu sekolah, sepatu "
        "olahraga → tidak."
    ),
    "studi_kasus": (
        "Cara berpikir: pesanan yang sudah 80–100% selesai diperiksa pada tahap PSI. Buat rencana "
        "sampling terpisah untuk mayor (AQL 2,5) dan minor (AQL 4,0); untuk kritis AQL 0: satu cacat "
        "kritis saja sudah tolak. Lot diterima hanya bila ketiganya diterima."
    ),
    "uji_lab": (
        "Cara berpikir: cocokkan keluhan dengan sifat yang diuji di tabel uji laboratorium: sol terlepas "
        "→ uji rekat upper–sol; sol retak saat ditekuk → uji lentur sol luar; warna luntur ke kaus kaki →"
        " uji ketahanan luntur."
    ),
    "ukuran": (
        "Contoh lain: kaki 263 mm → Mondopoint 263. EU = (263 + 15) ÷ 6,67 = 278 ÷ (20/3) = 41,7. UK pria"
        " 9 → US pria 10 (US dihitung mulai dari 1, jadi satu lebih besar)."
    ),
}
lengkapi(globals(), "m5", CONTOH_KERJA)
