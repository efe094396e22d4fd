"""Exercises of module m7b-kemitraan (partnership, KITE IKM applicant, capacity, business matching).

Second half of the former m7-daya-saing (split for a 90-minute session; issue 15). Prices come from
:mod:`alaskaki.domain.pricing`, KITE IKM applicant types from :mod:`alaskaki.domain.costing`. Firm
numbers (workers, HPP, margin, costs, rates, orders) are *contoh*, drawn per participant. Each answer
is one number or letter per variable; rounding up is a decision the participant makes, not ``math.ceil``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from alaskaki.domain import costing, pricing
from alaskaki.exercises.base import (
    Bagian,
    Hasil,
    Sesi,
    belum_diisi,
    lengkapi,
    pasangan,
    periksa_angka,
    periksa_bagian,
    periksa_pilihan,
    rng,
)
from alaskaki.exercises.jamak import per_nama
from alaskaki.text import number, percent, rupiah

MODUL = "m7b-kemitraan"

IKM = [
    ("UD Sepatu Surodinawan Jaya", "Surodinawan"),
    ("CV Kaki Miji Sentosa", "Miji"),
    ("UD Langkah Prajurit", "Prajurit Kulon"),
    ("IKM Blooto Mandiri", "Blooto"),
]
HURUF = "ABCDEFGHIJ"

#: Scenarios for the KITE IKM applicant exercise, index-aligned with costing.KITE_IKM_APPLICANTS.
SKENARIO_KITE = (
    "Satu IKM sepatu kulit mengajukan fasilitas atas namanya sendiri.",
    "Lima IKM sepatu mendirikan satu badan usaha bersama, lalu badan usaha itu yang mengajukan.",
    "Beberapa IKM di Sentra IKM Alas Kaki Surodinawan sepakat menunjuk satu IKM di antara mereka untuk "
    "mengajukan fasilitas bagi semuanya.",
    "Para perajin yang sudah bergabung dalam koperasi mengajukan lewat koperasi mereka.",
)

#: The three ways of partnering the module describes (section 1), in the order the notebook lists them.
MODEL = (
    "IKM sebagai pemasok eksportir besar",
    "Ekspor bersama dalam sentra",
    "Ekspor mandiri dengan pendampingan",
)


def _bank_model() -> tuple[tuple[str, int], ...]:
    """(situation, index into MODEL): each names what only one model gives. The index is the key
    of the partnership item, so the pairs live in a marked function soal and teks_model read by
    name, not as module data a participant reads (R82)."""
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    return (
        (
            "Bu Rina ingin pekerjanya belajar standar mutu ekspor dan mendapat pesanan rutin. Ia belum siap mengurus "
            "dokumen ekspor sendiri, dan tidak keberatan pabrik besar yang tercatat sebagai eksportir.",
            0,
        ),
        (
            "Pak Joko mendapat pesanan 6.000 pasang untuk dua bulan; kapasitas IKM-nya 1.200 pasang sebulan. Empat IKM "
            "lain di Sentra Surodinawan siap menggabungkan kapasitas, dan mereka ingin ekspornya tercatat atas nama IKM "
            "sentra.",
            1,
        ),
        (
            "Bu Sari sudah punya NIB dengan akses kepabeanan dan merek sendiri. Ia ingin mengekspor atas nama mereknya, "
            "dibantu program pendampingan ekspor dan bank daerah.",
            2,
        ),
        (
            "Tiga IKM kecil di sentra tidak sanggup sendiri-sendiri memenuhi pesanan satu kontainer, tetapi bersama-sama "
            "sanggup; mereka juga ingin menunjuk satu IKM untuk mengajukan KITE IKM bagi semuanya.",
            1,
        ),
    )


@dataclass(frozen=True)
class Soal:
    """One participant's variant (firm numbers are *contoh*)."""

    peserta: str
    ikm: str
    kelurahan: str
    skenario_kite: int
    skenario_model: int
    pekerja: int
    pasang_per_pekerja_per_hari: int
    hari_kerja: int
    hpp: int  # rupiah per pair
    margin: float  # margin on cost
    biaya_fob: int  # rupiah per pair from the workshop until on board
    kurs_beli: int
    kurs_jual: int
    pesanan_pasang: int
    batas_bulan: int

    @property
    def pilihan_kite(self) -> dict[str, str]:
        return {HURUF[i]: t for i, t in enumerate(costing.KITE_IKM_APPLICANTS)}

    def tampilkan(self) -> None:
        print(f"Peserta {self.peserta} — {self.ikm}, Kelurahan {self.kelurahan} (angka contoh)")
        print(
            f"  Pekerja    : {self.pekerja} orang × {self.pasang_per_pekerja_per_hari} pasang/hari × "
            f"{self.hari_kerja} hari kerja/bulan"
        )
        print(
            f"  Harga      : HPP {rupiah(self.hpp)}/pasang · margin atas biaya {percent(self.margin, 0)} · biaya sampai di "
            f"atas kapal {rupiah(self.biaya_fob)}/pasang"
        )
        print(
            f"  Kurs bank  : beli {rupiah(self.kurs_beli)}, jual {rupiah(self.kurs_jual)} per USD"
        )
        pasang = number(self.pesanan_pasang, 0)
        print(
            f"  Studi kasus: pesanan {pasang} pasang, harus selesai dalam {self.batas_bulan} bulan"
        )


def soal(participant_id: str) -> Soal:
    r = rng(MODUL, participant_id)
    ikm, kel = IKM[r.randrange(len(IKM))]
    kurs_beli = r.choice(range(15200, 16801, 50))
    return Soal(
        peserta=participant_id,
        ikm=ikm,
        kelurahan=kel,
        skenario_kite=r.randrange(len(SKENARIO_KITE)),
        skenario_model=r.randrange(len(_bank_model())),
        pekerja=r.choice(range(8, 21)),
        pasang_per_pekerja_per_hari=r.choice([3, 4, 5, 6]),
        hari_kerja=r.choice([24, 25, 26]),
        hpp=r.choice(range(150000, 260001, 5000)),
        margin=r.choice([0.15, 0.20, 0.25, 0.30]),
        biaya_fob=r.choice(range(6000, 12001, 500)),
        kurs_beli=kurs_beli,
        kurs_jual=kurs_beli + r.choice([100, 150, 200]),
        pesanan_pasang=r.choice(range(3000, 9001, 500)),
        batas_bulan=r.choice([1, 2]),
    )


def teks_model(s: Soal) -> str:
    return _bank_model()[s.skenario_model][0]


# ---- expected values: domain functions on the same variant ------------------------------------


def _kapasitas(s: Soal) -> int:
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    return s.pekerja * s.pasang_per_pekerja_per_hari * s.hari_kerja


def _harga_usd(s: Soal) -> float:
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    fob = pricing.fob_price(pricing.price_from_margin_on_cost(s.hpp, s.margin), s.biaya_fob)
    return pricing.usd_price_from_idr(
        fob, pricing.BankRates(buying=s.kurs_beli, selling=s.kurs_jual)
    )


def harapan(participant_id: str) -> dict[str, object]:
    """Expected answers (hidden tests and the trainer's tools; never shown to participants)."""
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    s = soal(participant_id)
    kapasitas = _kapasitas(s)
    harga = _harga_usd(s)
    return {
        "pemohon_kite": HURUF[s.skenario_kite],
        "model_kemitraan": HURUF[_bank_model()[s.skenario_model][1]],
        "kapasitas": kapasitas,
        "harga_penawaran": harga,
        "studi_kasus": {
            "bulan": math.ceil(s.pesanan_pasang / kapasitas),
            "ikm_tambahan": max(0, math.ceil(s.pesanan_pasang / (kapasitas * s.batas_bulan)) - 1),
            "nilai_usd": harga * s.pesanan_pasang,
        },
    }


# ---- checks --------------------------------------------------------------------------------------

_sesi = Sesi(soal)
mulai = _sesi.mulai
_id = _sesi.id


def _pemohon_kite(pid: str, nilai: object) -> Hasil:
    return periksa_pilihan(
        nilai,
        harapan(pid)["pemohon_kite"],  # type: ignore[arg-type]
        pilihan=list(HURUF[: len(costing.KITE_IKM_APPLICANTS)]),
        petunjuk="baca lagi siapa yang mengajukan: satu IKM, badan usaha gabungan, IKM yang ditunjuk, atau koperasi.",
    )


def _model(pid: str, nilai: object) -> Hasil:
    return periksa_pilihan(
        nilai,
        harapan(pid)["model_kemitraan"],  # type: ignore[arg-type]
        pilihan=list(HURUF[: len(MODEL)]),
        petunjuk="tanyakan: atas nama siapa ekspornya tercatat (pabrik, IKM sentra bersama, atau IKM sendiri)? Dan "
        "apakah IKM itu sanggup sendiri?",
    )


def _kapasitas_cek(pid: str, nilai: object) -> Hasil:
    return periksa_angka(
        nilai,
        harapan(pid)["kapasitas"],  # type: ignore[arg-type]
        toleransi=0,
        mutlak=0.5,
        satuan="pasang",
        petunjuk="kapasitas sebulan = jumlah pekerja × pasang per pekerja per hari × hari kerja sebulan.",
    )


def _harga(pid: str, nilai: object) -> Hasil:
    return periksa_angka(
        nilai,
        harapan(pid)["harga_penawaran"],  # type: ignore[arg-type]
        toleransi=0.002,
        mutlak=0.01,
        satuan="USD per pasang",
        petunjuk="harga EXW = HPP × (1 + margin); tambahkan biaya sampai di atas kapal (FOB); "
        "lalu bagi dengan kurs BELI bank (kurs saat bank membeli dolar dari Anda).",
    )


def _studi_kasus(pid: str, nilai: object) -> Hasil:
    if belum_diisi(nilai) or not isinstance(nilai, dict):
        return Hasil(
            False, "Jawaban belum diisi. Tulis sk_bulan, sk_ikm_tambahan dan sk_nilai_usd."
        )
    return periksa_bagian(
        nilai,
        harapan(pid)["studi_kasus"],  # type: ignore[arg-type]
        [
            Bagian(
                "sk_bulan",
                "bulan",
                toleransi=0,
                mutlak=0,
                satuan="bulan",
                petunjuk="bagi jumlah pesanan dengan kapasitas sebulan, lalu bulatkan ke ATAS: bulan yang baru "
                "terpakai sebagian tetap dihitung satu bulan.",
            ),
            Bagian(
                "sk_ikm_tambahan",
                "ikm_tambahan",
                toleransi=0,
                mutlak=0,
                satuan="IKM",
                petunjuk="berapa IKM (dengan kapasitas sama) dibutuhkan agar pesanan selesai dalam batas "
                "waktu? Bulatkan ke atas, lalu kurangi 1 (IKM Anda sendiri).",
            ),
            Bagian(
                "sk_nilai_usd",
                "nilai_usd",
                toleransi=0.002,
                mutlak=1,
                satuan="USD",
                petunjuk="nilai penawaran = harga FOB per pasang (USD, Latihan 4) × jumlah pasang pesanan.",
            ),
        ],
        benar="Benar. Penawaran Anda untuk temu usaha sudah dihitung dengan tepat!",
    )


cek_pemohon_kite, uji_pemohon_kite = pasangan(_pemohon_kite, _id)
cek_model_kemitraan, uji_model_kemitraan = pasangan(_model, _id)
cek_kapasitas, uji_kapasitas = pasangan(_kapasitas_cek, _id)
cek_harga_penawaran, uji_harga_penawaran = pasangan(_harga, _id)
cek_studi_kasus, uji_studi_kasus = per_nama(
    _studi_kasus, _id, ("bulan", "ikm_tambahan", "nilai_usd")
)


#: After repeated misses a self-check shows the reasoning on a similar case (never the participant's own).
CONTOH_KERJA = {
    "harga_penawaran": (
        "Contoh lain: HPP Rp170.000, margin 20% → EXW Rp204.000; + biaya sampai di atas kapal Rp8.500 → "
        "FOB Rp212.500; dibagi kurs BELI bank Rp15.950 → USD 13,32 per pasang."
    ),
    "kapasitas": "Contoh lain: 11 pekerja × 4 pasang per hari × 25 hari = 1.100 pasang sebulan.",
    "model_kemitraan": (
        'Cara berpikir: "pabrik besar yang mengekspor, IKM membuat sesuai pesanan" → pemasok eksportir besar. '
        '"Beberapa IKM sentra menggabungkan kapasitas untuk satu pesanan" → ekspor bersama dalam sentra. "IKM '
        'mengekspor atas nama dan mereknya sendiri, dengan bantuan" → ekspor mandiri dengan pendampingan.'
    ),
    "pemohon_kite": (
        "Cara berpikir: cari kalimat yang menyebut SIAPA yang mengajukan permohonan (bukan siapa yang "
        "nanti memakai bahannya), lalu cocokkan dengan empat jenis pemohon: satu IKM untuk "
        "dirinya, badan usaha gabungan IKM, satu IKM yang ditunjuk oleh beberapa IKM dalam satu sentra, "
        "atau koperasi."
    ),
    "studi_kasus": (
        "Contoh lain: pesanan 5.300 pasang, kapasitas 1.100 sebulan, batas 2 bulan. Sendirian: 5.300 ÷ "
        "1.100 = 4,8 → 5 bulan (dibulatkan ke atas). Dalam 2 bulan dibutuhkan 5.300 ÷ 2.200 = 2,4 → 3 "
        "IKM, jadi 2 IKM mitra tambahan. Nilai = harga FOB per pasang × 5.300."
    ),
}
lengkapi(globals(), "m7b", CONTOH_KERJA)
