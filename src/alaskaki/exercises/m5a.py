"""Exercises of module m5a-mutu-aql (defect classes, grades, ISO 2859-1 sampling, lot decisions).

First half of the former m5-mutu-aql (split for a 90-minute session; issue 15). Every number a
participant sees is drawn from their variant (:func:`soal`); every expected value is computed by
:mod:`alaskaki.domain.quality` and :mod:`alaskaki.domain.inspection` from the same variant. Every
item can be answered with the printed ISO 2859-1 tables (the reference sheet has them) and a
calculator; each answer is one number, letter or word per variable. Lot sizes and findings are *contoh*.
"""

from __future__ import annotations

from dataclasses import dataclass

from alaskaki.domain import inspection, quality
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
from alaskaki.exercises.jamak import berurutan, per_nama, periksa_kata
from alaskaki.text import number

MODUL = "m5a-mutu-aql"
LEVEL = "II"  # general inspection level II, the one normally used (brief §4.3)

IKM = [
    ("UD Sepatu Miji Jaya", "Miji"),
    ("CV Langkah Surodinawan", "Surodinawan"),
    ("UD Kulit Prajurit", "Prajurit Kulon"),
    ("IKM Blooto Makmur", "Blooto"),
]

LOT_RENCANA = (60, 120, 200, 400, 500, 800, 1000, 1500, 2000, 3000, 5000)
AQL_RENCANA = (1.0, 1.5, 2.5, 4.0, 6.5)
LOT_STUDI = (500, 800, 1000, 1200, 1500, 2000, 2400)
#: (lot, AQL) whose level-II plan accepts only with zero defects (Ac 0): then the chance that a lot
#: with fraction defective p passes is (1 − p) to the power n, one calculator step (checked by a test
#: against quality.acceptance_probability).
LOT_NOL = (
    (60, 1.0),
    (80, 1.0),
    (120, 1.0),
    (150, 1.0),
    (100, 0.65),
    (200, 0.65),
    (250, 0.65),
    (60, 1.5),
    (90, 1.5),
)
LAJU_CACAT = (0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.10)


def sekitar_ac(r, plan: quality.SamplingPlan) -> int:
    """A number of defects found near the plan's acceptance number (both decisions occur)."""
    return max(0, r.choice([plan.accept - 1, plan.accept, plan.reject, plan.reject + 1]))


def _inspection_plan(lot: int, kelas: str) -> quality.SamplingPlan:
    """Level-II plan for a defect class at the usual AQL of that class: the key of the case
    study's sample sizes and decisions."""
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    return quality.sampling_plan(lot, quality.defect_class(kelas).usual_aql, LEVEL)


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
    lot_nol: int  # lot of the sampling-risk question (a plan with Ac 0)
    aql_nol: float
    laju_cacat: float  # fraction defective for the sampling-risk question
    lot_keputusan: tuple[tuple[int, float, int], ...]  # (lot, aql, defects found)
    # case study: pre-shipment inspection
    sk_lot: int
    sk_persen_selesai: int
    sk_kritis: int
    sk_mayor: int
    sk_minor: int

    def tampilkan(self) -> None:
        print(f"Peserta {self.peserta} — {self.ikm}, Kelurahan {self.kelurahan} (angka contoh)")
        print(f"  Latihan 3  : lot {self.lot} pasang, AQL {_aql(self.aql)}, tingkat II")
        print(
            f"  Latihan 4  : lot {self.lot_nol} pasang, AQL {_aql(self.aql_nol)}, tingkat II; "
            f"cacat sebenarnya {number(self.laju_cacat * 100, 2, trim=True)}%"
        )
        print(
            f"  Studi kasus: pesanan {self.sk_lot} pasang, {self.sk_persen_selesai}% selesai; temuan: "
            f"kritis {self.sk_kritis}, mayor {self.sk_mayor}, minor {self.sk_minor}"
        )


def _aql(x: float) -> str:
    return number(x, 1 if round(x, 1) == x else 2)


def soal(participant_id: str) -> Soal:
    r = rng(MODUL, participant_id)
    ikm, kel = IKM[r.randrange(len(IKM))]
    keputusan = []
    for _ in range(3):
        lot, aql = r.choice(LOT_RENCANA), r.choice(AQL_RENCANA)
        keputusan.append((lot, aql, sekitar_ac(r, quality.sampling_plan(lot, aql, LEVEL))))
    lot_nol, aql_nol = r.choice(LOT_NOL)
    sk_lot = r.choice(LOT_STUDI)
    return Soal(
        peserta=participant_id,
        ikm=ikm,
        kelurahan=kel,
        cacat=tuple(r.sample(range(len(inspection.DEFECT_EXAMPLES)), 4)),
        grade=tuple(r.sample(range(len(inspection.GRADE_EXAMPLES)), 3)),
        lot=r.choice(LOT_RENCANA),
        aql=r.choice(AQL_RENCANA),
        lot_nol=lot_nol,
        aql_nol=aql_nol,
        laju_cacat=r.choice(LAJU_CACAT),
        lot_keputusan=tuple(keputusan),
        sk_lot=sk_lot,
        sk_persen_selesai=r.choice([80, 90, 100]),
        sk_kritis=r.choice([0, 0, 0, 1]),
        sk_mayor=sekitar_ac(r, _inspection_plan(sk_lot, "mayor")),
        sk_minor=sekitar_ac(r, _inspection_plan(sk_lot, "minor")),
    )


def teks_cacat(s: Soal) -> list[str]:
    return [inspection.DEFECT_EXAMPLES[i].text for i in s.cacat]


def teks_grade(s: Soal) -> list[str]:
    return [inspection.GRADE_EXAMPLES[i].text for i in s.grade]


def teks_keputusan(s: Soal) -> list[str]:
    return [
        f"Lot {lot} pasang, AQL {_aql(aql)}, tingkat II: ditemukan {found} pasang cacat di sampel."
        for lot, aql, found in s.lot_keputusan
    ]


# ---- expected values: only domain functions, from the same variant -------------------------


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
    plan = quality.sampling_plan(s.lot, s.aql, LEVEL)
    nol = quality.sampling_plan(s.lot_nol, s.aql_nol, LEVEL)
    return {
        "kelas_cacat": [inspection.DEFECT_EXAMPLES[i].answer for i in s.cacat],
        "grade": [inspection.GRADE_EXAMPLES[i].answer for i in s.grade],
        "rencana": {
            "kode_huruf": plan.lot_code_letter,
            "ukuran_sampel": plan.units_to_inspect,
            "ac": plan.accept,
            "re": plan.reject,
        },
        "peluang_terima": quality.acceptance_probability(nol, s.laju_cacat) * 100,
        "keputusan": [
            quality.lot_decision(quality.sampling_plan(lot, aql, LEVEL), found)
            for lot, aql, found in s.lot_keputusan
        ],
        "studi_kasus": _studi(s),
    }


# ---- checks: one function per exercise, shared by the self-check and the hidden test -------

_sesi = Sesi(soal)
mulai = _sesi.mulai
_id = _sesi.id


def _kelas_cacat(pid: str, nilai: object) -> Hasil:
    return periksa_kata(
        nilai,
        harapan(pid)["kelas_cacat"],
        pilihan=["kritis", "mayor", "minor"],
        nama="kelas",
        petunjuk="kritis = membahayakan pemakai atau melanggar peraturan wajib; mayor = kemungkinan "
        "besar barang dikembalikan; minor = kecil kemungkinan dikembalikan.",
    )


def _grade(pid: str, nilai: object) -> Hasil:
    return periksa_kata(
        nilai,
        harapan(pid)["grade"],
        pilihan=["A", "B", "C"],
        nama="grade",
        petunjuk="B = hanya cacat tampilan; C = cacat fungsi besar atau cacat tampilan yang tidak bisa diperbaiki.",
    )


def _rencana(pid: str, nilai: object) -> Hasil:
    if belum_diisi(nilai) or not isinstance(nilai, dict):
        return Hasil(False, "Jawaban belum diisi. Tulis kode_huruf, ukuran_sampel, ac dan re.")
    ac_re = "baca pasangan Ac/Re di sel rencana yang dipakai."
    return periksa_bagian(
        nilai,
        harapan(pid)["rencana"],
        [
            Bagian(
                "kode_huruf",
                "kode_huruf",
                periksa_pilihan,
                petunjuk="cari baris ukuran lot di Tabel 1, lalu kolom tingkat II.",
            ),
            Bagian(
                "ukuran_sampel",
                "ukuran_sampel",
                periksa_bulat,
                petunjuk="bila sel tabel berisi panah, ikuti panah sampai rencana pertama dan pakai ukuran "
                "sampel baris rencana itu.",
            ),
            Bagian("ac", "ac", periksa_bulat, petunjuk=ac_re),
            Bagian("re", "re", periksa_bulat, petunjuk=ac_re),
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
        petunjuk="cari dulu ukuran sampel n di tabel (rencananya Ac 0). Peluang satu pasang baik = 1 − laju "
        "cacat; peluang semua n pasang baik = (1 − laju cacat) pangkat n. Kalikan 100 untuk persen.",
    )


def _keputusan(pid: str, nilai: object) -> Hasil:
    return periksa_kata(
        nilai,
        harapan(pid)["keputusan"],
        pilihan=["terima", "tolak"],
        nama="keputusan",
        petunjuk="cari rencananya dulu; terima bila cacat ≤ Ac, tolak bila cacat ≥ Re.",
    )


def _studi_kasus(pid: str, nilai: object) -> Hasil:
    if belum_diisi(nilai) or not isinstance(nilai, dict):
        return Hasil(
            False, "Jawaban belum diisi. Isi ketujuh baris laporan (sk_tahap sampai sk_lot)."
        )
    n = "pakai AQL kelas cacat itu dan ikuti panah bila ada."
    return periksa_bagian(
        nilai,
        harapan(pid)["studi_kasus"],
        [
            Bagian(
                "sk_tahap",
                "tahap",
                periksa_pilihan,
                petunjuk="lihat berapa persen pesanan sudah selesai dan cocokkan dengan tabel tahap "
                "pemeriksaan.",
            ),
            Bagian("sk_n_mayor", "n_mayor", periksa_bulat, petunjuk=n),
            Bagian("sk_n_minor", "n_minor", periksa_bulat, petunjuk=n),
            *(
                Bagian(
                    f"sk_{kunci}",
                    kunci,
                    periksa_pilihan,
                    pilihan=["terima", "tolak"],
                    petunjuk=hint,
                )
                for kunci, hint in (
                    ("kritis", "AQL 0: satu cacat kritis saja sudah cukup untuk menolak."),
                    ("mayor", "bandingkan jumlah cacat dengan Ac dan Re rencana mayor."),
                    ("minor", "bandingkan jumlah cacat dengan Ac dan Re rencana minor."),
                    ("lot", "lot hanya diterima bila semua kelas cacat diterima."),
                )
            ),
        ],
        benar="Benar. Laporan pemeriksaan Anda lengkap dan tepat!",
    )


cek_kelas_cacat, uji_kelas_cacat = berurutan(_kelas_cacat, _id)
cek_grade, uji_grade = berurutan(_grade, _id)
cek_rencana, uji_rencana = per_nama(_rencana, _id, ("kode_huruf", "ukuran_sampel", "ac", "re"))
cek_peluang_terima, uji_peluang_terima = pasangan(_peluang, _id)
cek_keputusan, uji_keputusan = berurutan(_keputusan, _id)
cek_studi_kasus, uji_studi_kasus = per_nama(
    _studi_kasus, _id, ("tahap", "n_mayor", "n_minor", "kritis", "mayor", "minor", "lot")
)


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
    "peluang_terima": (
        "Contoh lain: lot 40 pasang, AQL 1,0, tingkat II → huruf D; di kolom 1,0 ada panah turun ke E: "
        "periksa 13 pasang, Ac 0. Bila 7% pasang di lot cacat, peluang satu pasang baik 0,93; peluang 13 "
        "pasang baik semua = 0,93 pangkat 13 = 0,389 → 38,9%. Di kalkulator HP: 0,93 xʸ 13."
    ),
    "rencana": (
        "Contoh lain: lot 700 pasang, AQL 1,5, tingkat II. Tabel 1: 501–1.200 → huruf J. Tabel II-A, "
        "baris J (80 pasang), kolom 1,5: Ac 3, Re 4. Bila selnya berisi panah, ikuti panahnya ke rencana "
        "pertama dan pakai jumlah sampel rencana itu."
    ),
    "studi_kasus": (
        "Cara berpikir: pesanan yang sudah 80–100% selesai diperiksa pada tahap PSI. Buat rencana "
        "sampling terpisah untuk mayor (AQL 2,5) dan minor (AQL 4,0); untuk kritis AQL 0: satu cacat "
        "kritis saja sudah tolak. Lot diterima hanya bila ketiganya diterima."
    ),
}
lengkapi(globals(), "m5a", CONTOH_KERJA)
