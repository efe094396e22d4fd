"""Exercises of module m7-daya-saing (competitiveness, partnership, business matching) — LEGACY.

The kit now teaches this module in two sessions, m7a-daya-saing and m7b-kemitraan (issue 15). This
file stays, unchanged in behaviour, for workshops made before the split: their
``source/m7-daya-saing`` notebook imports it and their pinned kompetensi.yml names its grade ids.
Do not extend it; tests/integration/test_legacy_workshop.py keeps it working.

The export figures come from ``datasets/ekspor_alas_kaki.csv`` through
:mod:`alaskaki.domain.export_stats`; prices through :mod:`alaskaki.domain.pricing`; KITE IKM
applicant types from :mod:`alaskaki.domain.costing`. Firm numbers (workers, HPP, margin, costs,
rates, orders) are *contoh*, drawn per participant.

The SWOT statements below are exercise content: short restatements of facts in the brief (§0a,
§1.4, §1.6, §6.1, §6.2) or *contoh* about the participant's fictional IKM, each placed by the module's
own rule (:data:`ATURAN_SWOT`, shown word for word in the notebook) from the point of view of an IKM
in the Sentra IKM Alas Kaki Surodinawan. A statement is inside the IKM exactly when it is about "IKM
Anda"; the tests keep that, the rule's wording and the key together. Facts whose box is a judgement
call (the sentra built by the government with DAK 2024, the many craftsmen in the city) are not
autograded: they belong to the rubric of the written SWOT.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from alaskaki.domain import costing, export_stats, pricing
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
from alaskaki.text import percent, rupiah

MODUL = "m7-daya-saing"

# Tables shared with the two sessions that replaced this module; the same values keep this module's
# variants identical for workshops made before the split.
from alaskaki.exercises.m7a import (  # noqa: E402
    ATURAN_SWOT,
    HURUF,
    IKM,
    PASANGAN_PERTUMBUHAN,
    PASANGAN_RATA,
    SERI_TUJUAN,
    SWOT_KOTAK,
    PernyataanSwot,
    _bank_swot,
)
from alaskaki.exercises.m7b import SKENARIO_KITE  # noqa: E402

__all__ = [
    "ATURAN_SWOT",
    "HURUF",
    "IKM",
    "PASANGAN_PERTUMBUHAN",
    "PASANGAN_RATA",
    "SERI_TUJUAN",
    "SKENARIO_KITE",
    "SWOT_KOTAK",
    "PernyataanSwot",
]


@dataclass(frozen=True)
class Soal:
    """One participant's variant (firm numbers are *contoh*)."""

    peserta: str
    ikm: str
    kelurahan: str
    tahun_pertumbuhan: tuple[int, int]
    tahun_rata: tuple[int, int]
    tujuan: str  # destination whose share of the four named destinations (Q1 2025) is asked
    swot: list[str]  # statements, labelled A, B, ... in this order
    skenario_kite: int
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
    def pernyataan(self) -> dict[str, str]:
        return {HURUF[i]: t for i, t in enumerate(self.swot)}

    @property
    def pilihan_kite(self) -> dict[str, str]:
        return {HURUF[i]: t for i, t in enumerate(costing.KITE_IKM_APPLICANTS)}

    def tampilkan(self) -> None:
        print(
            f"Peserta {self.peserta} — {self.ikm}, Kelurahan {self.kelurahan} (angka IKM adalah contoh)"
        )
        print(
            f"  Tahun untuk pertumbuhan        : {self.tahun_pertumbuhan[0]} → {self.tahun_pertumbuhan[1]}"
        )
        print(f"  Tahun untuk rata-rata per tahun: {self.tahun_rata[0]} → {self.tahun_rata[1]}")
        print(f"  Negara tujuan                  : {self.tujuan}")
        print(
            f"  Pekerja: {self.pekerja} orang × {self.pasang_per_pekerja_per_hari} pasang/hari × "
            f"{self.hari_kerja} hari kerja/bulan"
        )
        print(
            f"  HPP {rupiah(self.hpp)}/pasang · margin atas biaya {percent(self.margin, 0)} · biaya sampai di atas kapal "
            f"{rupiah(self.biaya_fob)}/pasang"
        )
        print(f"  Kurs bank: beli {rupiah(self.kurs_beli)}, jual {rupiah(self.kurs_jual)} per USD")


def soal(participant_id: str) -> Soal:
    r = rng(MODUL, participant_id)
    ikm, kel = IKM[r.randrange(len(IKM))]
    by_box: dict[str, list[str]] = {
        k: [p.teks for p in _bank_swot() if p.kotak == k] for k in SWOT_KOTAK
    }
    swot = []
    for box in SWOT_KOTAK:
        swot.extend(r.sample(by_box[box], 2))
    r.shuffle(swot)
    kurs_beli = r.choice(range(15200, 16801, 50))
    return Soal(
        peserta=participant_id,
        ikm=ikm,
        kelurahan=kel,
        tahun_pertumbuhan=r.choice(PASANGAN_PERTUMBUHAN),
        tahun_rata=r.choice(PASANGAN_RATA),
        tujuan=r.choice(["Amerika Serikat", "Belanda", "Belgia", "Tiongkok"]),
        swot=swot,
        skenario_kite=r.randrange(len(SKENARIO_KITE)),
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


# ---- expected values: domain functions on the same variant ------------------------------------


def _kapasitas(s: Soal) -> int:
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    return s.pekerja * s.pasang_per_pekerja_per_hari * s.hari_kerja


def _harga_usd(s: Soal) -> float:
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    exw = pricing.price_from_margin_on_cost(s.hpp, s.margin)
    fob = pricing.fob_price(exw, s.biaya_fob)
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
        "pertumbuhan": export_stats.growth_between(*s.tahun_pertumbuhan),
        "pertumbuhan_rata": export_stats.average_growth_between(*s.tahun_rata),
        "porsi_tujuan": export_stats.share_in(SERI_TUJUAN, s.tujuan, None),
        "swot_kelompok": {
            HURUF[i]: {p.teks: p.kotak for p in _bank_swot()}[t] for i, t in enumerate(s.swot)
        },
        "pemohon_kite": HURUF[s.skenario_kite],
        "kapasitas": kapasitas,
        "harga_penawaran": harga,
        "bulan_produksi": math.ceil(s.pesanan_pasang / kapasitas),
        "ikm_tambahan": max(0, math.ceil(s.pesanan_pasang / (kapasitas * s.batas_bulan)) - 1),
        "nilai_usd": harga * s.pesanan_pasang,
    }


# ---- checks --------------------------------------------------------------------------------------

_sesi = Sesi(soal)
mulai = _sesi.mulai
_id = _sesi.id


def _pertumbuhan(pid: str, nilai: object) -> Hasil:
    return periksa_angka(
        nilai,
        harapan(pid)["pertumbuhan"],
        toleransi=0.002,
        mutlak=0.05,
        satuan="persen",
        petunjuk="pertumbuhan = (nilai tahun akhir − nilai tahun awal) ÷ nilai tahun awal × 100.",
    )


def _pertumbuhan_rata(pid: str, nilai: object) -> Hasil:
    return periksa_angka(
        nilai,
        harapan(pid)["pertumbuhan_rata"],
        toleransi=0.005,
        mutlak=0.05,
        satuan="persen",
        petunjuk="rata-rata per tahun = ((nilai akhir ÷ nilai awal) ** (1 ÷ jumlah tahun) − 1) × 100; "
        "jumlah tahun = tahun akhir − tahun awal.",
    )


def _porsi_tujuan(pid: str, nilai: object) -> Hasil:
    return periksa_angka(
        nilai,
        harapan(pid)["porsi_tujuan"],
        toleransi=0.002,
        mutlak=0.05,
        satuan="persen",
        petunjuk="bagi nilai negara Anda dengan jumlah nilai keempat negara pada triwulan I 2025, lalu kali 100.",
    )


def _swot_kelompok(pid: str, nilai: object) -> Hasil:
    want: dict[str, str] = harapan(pid)["swot_kelompok"]  # type: ignore[assignment]
    if belum_diisi(nilai) or nilai == {}:
        return Hasil(False, 'Jawaban belum diisi. Tulis dict, mis. {"A": "S", "B": "O", ...}.')
    if not isinstance(nilai, dict):
        return Hasil(False, 'Jawaban harus berupa dict, mis. {"A": "S", "B": "O", ...}.')
    got = {str(k).strip().upper(): str(v).strip().upper() for k, v in nilai.items()}
    if set(got) != set(want):
        return Hasil(
            False,
            f"Isi satu kotak untuk setiap pernyataan {', '.join(sorted(want))} — tidak lebih, tidak kurang.",
        )
    if not set(got.values()) <= set(SWOT_KOTAK):
        return Hasil(False, 'Pakai huruf "S", "W", "O" atau "T" untuk setiap pernyataan.')
    salah = sum(1 for k in want if got[k] != want[k])
    if salah == 0:
        return Hasil(True, "Benar. Semua pernyataan ada di kotak yang tepat!")
    return Hasil(
        False,
        "Belum tepat. Untuk setiap pernyataan tanyakan dua hal: milik atau di bawah kendali IKM sendiri? "
        "Membantu atau merugikan? Aturannya: " + ATURAN_SWOT,
    )


def _pemohon_kite(pid: str, nilai: object) -> Hasil:
    return periksa_pilihan(
        nilai,
        harapan(pid)["pemohon_kite"],
        pilihan=list(HURUF[: len(costing.KITE_IKM_APPLICANTS)]),
        petunjuk="baca lagi siapa yang mengajukan: satu IKM, badan usaha gabungan, IKM yang ditunjuk, atau koperasi.",
    )


def _kapasitas_cek(pid: str, nilai: object) -> Hasil:
    return periksa_angka(
        nilai,
        harapan(pid)["kapasitas"],
        toleransi=0,
        mutlak=0.5,
        satuan="pasang",
        petunjuk="kapasitas sebulan = jumlah pekerja × pasang per pekerja per hari × hari kerja sebulan.",
    )


def _harga(pid: str, nilai: object) -> Hasil:
    return periksa_angka(
        nilai,
        harapan(pid)["harga_penawaran"],
        toleransi=0.002,
        mutlak=0.01,
        satuan="USD per pasang",
        petunjuk="harga EXW = HPP × (1 + margin); tambahkan biaya sampai di atas kapal (FOB); "
        "lalu bagi dengan kurs BELI bank (kurs saat bank membeli dolar dari Anda).",
    )


def _studi_kasus(pid: str, nilai: object) -> Hasil:
    keys = ("bulan_produksi", "ikm_tambahan", "nilai_usd")
    if not isinstance(nilai, dict) or not nilai:
        return Hasil(
            False,
            'Jawaban studi kasus harus berupa dict: {"bulan_produksi": ..., "ikm_tambahan": ..., "nilai_usd": ...}.',
        )
    hasil = periksa_bagian(
        nilai,
        harapan(pid),
        [
            Bagian(
                "Lama produksi",
                "bulan_produksi",
                toleransi=0,
                mutlak=0,
                satuan="bulan",
                petunjuk="bagi jumlah pesanan dengan kapasitas sebulan, lalu bulatkan ke ATAS (math.ceil).",
            ),
            Bagian(
                "IKM mitra tambahan",
                "ikm_tambahan",
                toleransi=0,
                mutlak=0,
                satuan="IKM",
                petunjuk="berapa IKM (dengan kapasitas sama) dibutuhkan agar pesanan selesai dalam batas "
                "waktu? Bulatkan ke atas, lalu kurangi 1 (IKM Anda sendiri).",
            ),
            Bagian(
                "Nilai penawaran",
                "nilai_usd",
                toleransi=0.002,
                mutlak=1,
                satuan="USD",
                petunjuk="nilai penawaran = harga FOB per pasang (USD) × jumlah pasang pesanan.",
            ),
        ],
        benar="Benar. Penawaran Anda untuk temu usaha sudah dihitung dengan tepat!",
    )
    extra = set(nilai) - set(keys)
    if hasil.benar and extra:
        return Hasil(
            False, "Kunci dict yang tidak dikenal: " + ", ".join(sorted(map(str, extra))) + "."
        )
    return hasil


cek_pertumbuhan, uji_pertumbuhan = pasangan(_pertumbuhan, _id)
cek_pertumbuhan_rata, uji_pertumbuhan_rata = pasangan(_pertumbuhan_rata, _id)
cek_porsi_tujuan, uji_porsi_tujuan = pasangan(_porsi_tujuan, _id)
cek_swot_kelompok, uji_swot_kelompok = pasangan(_swot_kelompok, _id)
cek_pemohon_kite, uji_pemohon_kite = pasangan(_pemohon_kite, _id)
cek_kapasitas, uji_kapasitas = pasangan(_kapasitas_cek, _id)
cek_harga_penawaran, uji_harga_penawaran = pasangan(_harga, _id)
cek_studi_kasus, uji_studi_kasus = pasangan(_studi_kasus, _id)


#: After repeated misses a self-check shows the reasoning on a similar case (never the participant's own).
CONTOH_KERJA = {
    "harga_penawaran": (
        "Contoh lain: HPP Rp170.000, margin 20% → EXW Rp204.000; + biaya sampai di atas kapal Rp8.500 → "
        "FOB Rp212.500; dibagi kurs BELI bank Rp15.950 → USD 13,32 per pasang."
    ),
    "kapasitas": ("Contoh lain: 11 pekerja × 4 pasang per hari × 25 hari = 1.100 pasang sebulan."),
    "pemohon_kite": (
        "Cara berpikir: cari kalimat yang menyebut SIAPA yang mengajukan permohonan (bukan siapa yang "
        "nanti memakai bahannya), lalu cocokkan dengan empat jenis pemohon di bagian 5: satu IKM untuk "
        "dirinya, badan usaha gabungan IKM, satu IKM yang ditunjuk oleh beberapa IKM dalam satu sentra, "
        "atau koperasi."
    ),
    "pertumbuhan": (
        "Contoh lain: 2014 → 2019, dari USD 4.100 juta ke USD 4.400 juta. Pertumbuhan = (4.400 − 4.100) ÷"
        " 4.100 × 100 = 7,32%. Yang dibagi selalu nilai tahun AWAL."
    ),
    "pertumbuhan_rata": (
        "Contoh lain: 2014 → 2019 (5 tahun), 4.100 → 4.400. Rata-rata per tahun = ((4.400 ÷ 4.100) ** (1 "
        "÷ 5) − 1) × 100 = 1,42%. Bukan 7,32 ÷ 5, karena pertumbuhan bersusun dari tahun ke tahun."
    ),
    "porsi_tujuan": (
        "Contoh lain dengan angka April 2024: USD 157,1 juta ke Amerika Serikat dari total USD 461,2 juta"
        " → 34,1%. Di latihan, pembaginya jumlah EMPAT negara (tidak ada total semua negara)."
    ),
    "studi_kasus": (
        "Contoh lain: pesanan 5.300 pasang, kapasitas 1.100 sebulan, batas 2 bulan. Sendirian: 5.300 ÷ "
        "1.100 = 4,8 → 5 bulan (dibulatkan ke atas). Dalam 2 bulan dibutuhkan 5.300 ÷ 2.200 = 2,4 → 3 "
        "IKM, jadi 2 IKM mitra tambahan. Nilai = harga FOB per pasang × 5.300."
    ),
    "swot_kelompok": (
        'Cara berpikir pada pernyataan rekaan lain: "Pemerintah kota membangun jalan baru ke pelabuhan" —'
        ' bukan milik IKM dan tidak bisa diubah IKM, tetapi membantu → O. "IKM Anda belum punya mesin '
        'jahit yang bisa menjahit kulit tebal" — milik IKM, merugikan → W.'
    ),
}
lengkapi(globals(), "m7", CONTOH_KERJA)
