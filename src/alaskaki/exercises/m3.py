"""Exercises of module m3-biaya-produksi (cost per pair, HPP).

Every number a participant sees is drawn from their variant (:func:`soal`); every expected value is
computed by :mod:`alaskaki.domain.costing` from the same variant. All prices are *contoh*.
"""

from __future__ import annotations

from dataclasses import dataclass

from alaskaki.domain import costing
from alaskaki.exercises.base import (
    Bagian,
    Hasil,
    Sesi,
    belum_diisi,
    kosong,
    lengkapi,
    pasangan,
    periksa_angka,
    periksa_bagian,
    rng,
)
from alaskaki.exercises.jamak import per_nama
from alaskaki.text import number, percent, rupiah

MODUL = "m3-biaya-produksi"

# Fictional firms, set in real kelurahan of Kota Mojokerto (names of firms are invented).
IKM = [
    ("UD Sepatu Miji Jaya", "Miji"),
    ("CV Langkah Surodinawan", "Surodinawan"),
    ("UD Kulit Prajurit", "Prajurit Kulon"),
    ("IKM Blooto Makmur", "Blooto"),
]


@dataclass(frozen=True)
class Soal:
    """The numbers of one participant's variant (all *contoh*)."""

    peserta: str
    ikm: str
    kelurahan: str
    kulit_bersih_dm2: float  # net upper-leather pattern area per pair
    harga_kulit_ft2: int  # rupiah per ft²
    susut_kulit: float  # cutting-loss allowance on leather
    bahan: list[dict]  # other materials: bahan, jumlah, satuan, harga_satuan, susut, impor
    proses: list[dict]  # operations: proses, menit
    upah_bulanan: int
    hari_kerja: int
    jam_per_hari: int
    overhead_bulanan: int
    produksi_bulanan: int
    # case study: a buyer's order with another leather
    pesanan_pasang: int
    harga_kulit_baru_ft2: int
    susut_kulit_baru: float

    def tampilkan(self) -> None:
        print(f"Peserta {self.peserta} — {self.ikm}, Kelurahan {self.kelurahan} (angka contoh)")
        print(f"  Pola kulit atasan bersih : {number(self.kulit_bersih_dm2, 1)} dm² per pasang")
        print(f"  Harga kulit              : {rupiah(self.harga_kulit_ft2)} per ft²")
        print(f"  Susut potong kulit       : {percent(self.susut_kulit, 0)}")


def soal(participant_id: str) -> Soal:
    r = rng(MODUL, participant_id)
    ikm, kel = IKM[r.randrange(len(IKM))]
    bahan = [
        {
            "bahan": "Kulit lapis (lining)",
            "jumlah": round(r.uniform(1.6, 2.2), 1),
            "satuan": "ft2",
            "harga_satuan": r.choice([9000, 10000, 11000, 12000]),
            "susut": 0.10,
            "impor": False,
        },
        {
            "bahan": "Sol karet",
            "jumlah": 1,
            "satuan": "pasang",
            "harga_satuan": r.choice([14000, 15000, 16000, 18000]),
            "susut": 0.0,
            "impor": True,
        },
        {
            "bahan": "Lem",
            "jumlah": r.choice([40, 45, 50]),
            "satuan": "gram",
            "harga_satuan": r.choice([90, 100, 110]),
            "susut": 0.05,
            "impor": True,
        },
        {
            "bahan": "Benang",
            "jumlah": r.choice([20, 25, 30]),
            "satuan": "meter",
            "harga_satuan": 50,
            "susut": 0.10,
            "impor": False,
        },
        {
            "bahan": "Insole",
            "jumlah": 1,
            "satuan": "pasang",
            "harga_satuan": r.choice([4000, 5000, 6000]),
            "susut": 0.0,
            "impor": False,
        },
        {
            "bahan": "Gesper dan aksesori",
            "jumlah": 1,
            "satuan": "pasang",
            "harga_satuan": r.choice([3000, 3500, 4000]),
            "susut": 0.0,
            "impor": True,
        },
        {
            "bahan": "Kotak sepatu",
            "jumlah": 1,
            "satuan": "buah",
            "harga_satuan": r.choice([3500, 4000, 4500]),
            "susut": 0.0,
            "impor": False,
        },
    ]
    proses = [
        {"proses": "Potong (clicking)", "menit": r.choice([8, 10, 12])},
        {"proses": "Jahit atasan (closing)", "menit": r.choice([25, 30, 35])},
        {"proses": "Lasting dan pasang sol", "menit": r.choice([20, 25, 30])},
        {"proses": "Finishing dan kemas", "menit": r.choice([8, 10, 12])},
    ]
    return Soal(
        peserta=participant_id,
        ikm=ikm,
        kelurahan=kel,
        kulit_bersih_dm2=round(r.uniform(18.0, 26.0), 1),
        harga_kulit_ft2=r.choice(range(28000, 46000, 1000)),
        susut_kulit=r.choice([0.08, 0.10, 0.12, 0.15]),
        bahan=bahan,
        proses=proses,
        upah_bulanan=r.choice(range(2600000, 3200001, 100000)),
        hari_kerja=r.choice([24, 25, 26]),
        jam_per_hari=8,
        overhead_bulanan=r.choice(range(6000000, 12000001, 500000)),
        produksi_bulanan=r.choice([600, 800, 1000, 1200]),
        pesanan_pasang=r.choice([300, 400, 500, 600]),
        harga_kulit_baru_ft2=r.choice(range(50000, 62000, 2000)),
        susut_kulit_baru=r.choice([0.10, 0.12]),
    )


# ---- expected values: only domain functions, from the same variant -------------------------


def _kulit(s: Soal, harga: float | None = None, susut: float | None = None) -> costing.MaterialLine:
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    return costing.MaterialLine(
        "Kulit atasan",
        s.kulit_bersih_dm2,
        "dm2",
        s.harga_kulit_ft2 if harga is None else harga,
        s.susut_kulit if susut is None else susut,
        imported=False,
        price_unit="ft2",
    )


def _bahan(s: Soal, kulit: costing.MaterialLine | None = None) -> list[costing.MaterialLine]:
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    lines = [kulit or _kulit(s)]
    for b in s.bahan:
        lines.append(
            costing.MaterialLine(
                b["bahan"], b["jumlah"], b["satuan"], b["harga_satuan"], b["susut"], b["impor"]
            )
        )
    return lines


def _operasi(s: Soal) -> list[costing.Operation]:
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    rate = costing.wage_per_minute(s.upah_bulanan, s.hari_kerja, s.jam_per_hari)
    return [costing.Operation(p["proses"], p["menit"], rate) for p in s.proses]


def _hpp(s: Soal, kulit: costing.MaterialLine | None = None) -> costing.CostBreakdown:
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    return costing.cost_per_pair(
        _bahan(s, kulit),
        _operasi(s),
        costing.overhead_per_pair(s.overhead_bulanan, s.produksi_bulanan),
    )


def harapan(participant_id: str) -> dict[str, float]:
    """Expected answers (used by hidden tests and the trainer's tools; never shown to participants)."""
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    s = soal(participant_id)
    hpp = _hpp(s)
    baru = _hpp(s, _kulit(s, s.harga_kulit_baru_ft2, s.susut_kulit_baru))
    return {
        "luas_kulit_ft2": costing.dm2_to_ft2(
            costing.gross_quantity(s.kulit_bersih_dm2, s.susut_kulit)
        ),
        "biaya_kulit": _kulit(s).cost(),
        "biaya_bahan": hpp.materials,
        "porsi_impor": hpp.imported_share * 100,
        "upah_per_pasang": hpp.labour,
        "overhead_per_pasang": hpp.overhead,
        "hpp": hpp.total,
        "hpp_baru": baru.total,
        "total_pesanan": baru.total * s.pesanan_pasang,
    }


# ---- the notebook's worked example (UD Sepatu Miji Jaya, angka contoh) --------------------------

#: Its bill of materials per pair, upper leather first (the notebook's example tables print these).
CONTOH_BAHAN = (
    costing.MaterialLine("Kulit atasan", 22, "dm2", 38000, 0.10, price_unit="ft2"),
    costing.MaterialLine("Kulit lapis (lining)", 2.0, "ft2", 10000, 0.10),
    costing.MaterialLine("Sol karet", 1, "pasang", 15000, imported=True),
    costing.MaterialLine("Lem", 50, "gram", 100, 0.05, imported=True),
    costing.MaterialLine("Benang", 25, "meter", 50, 0.10),
    costing.MaterialLine("Insole", 1, "pasang", 5000),
    costing.MaterialLine("Gesper dan aksesori", 1, "pasang", 3500, imported=True),
    costing.MaterialLine("Kotak sepatu", 1, "buah", 4000),
)
CONTOH_UPAH = (2_800_000, 25, 8)  # monthly wage, working days, hours per day
CONTOH_MENIT_PER_PASANG = 75
CONTOH_OVERHEAD = (8_000_000, 800)  # monthly overhead, pairs a month


def hpp_contoh() -> costing.CostBreakdown:
    """HPP per pair of the worked example, by :mod:`alaskaki.domain.costing`."""
    upah_menit = costing.wage_per_minute(*CONTOH_UPAH)
    proses = [costing.Operation("Semua proses", CONTOH_MENIT_PER_PASANG, upah_menit)]
    return costing.cost_per_pair(CONTOH_BAHAN, proses, costing.overhead_per_pair(*CONTOH_OVERHEAD))


def gambar_hpp_contoh() -> None:
    """The chart of the worked HPP example (UD Sepatu Miji Jaya, angka contoh): kulit atasan apart from other
    materials, then wage and overhead. Kept here so the notebook shows one line instead of a page of code."""
    import matplotlib.pyplot as plt

    contoh = hpp_contoh()
    kulit_atasan = CONTOH_BAHAN[0].cost()
    bagian = {
        "Kulit atasan": kulit_atasan,
        "Bahan lain": contoh.materials - kulit_atasan,
        "Upah": contoh.labour,
        "Overhead": contoh.overhead,
    }
    fig, ax = plt.subplots(figsize=(6, 2.6))
    ax.barh(list(bagian), list(bagian.values()), color=["#8c564b", "#c49c94", "#1f77b4", "#7f7f7f"])
    ax.invert_yaxis()
    ax.set_xlabel("Rupiah per pasang (contoh)")
    ax.set_title(f"HPP contoh: {rupiah(contoh.total)} per pasang")
    plt.tight_layout()
    plt.show()
    print(f"Porsi bahan impor contoh: {percent(contoh.imported_share)}")


# ---- checks: one function per exercise, shared by the self-check and the hidden test -------

_sesi = Sesi(soal)
mulai = _sesi.mulai
_id = _sesi.id


def _luas(pid: str, nilai: object) -> Hasil:
    return periksa_angka(
        nilai,
        harapan(pid)["luas_kulit_ft2"],
        toleransi=0.01,
        mutlak=0.01,
        satuan="ft²",
        petunjuk="seperti langkah 1 dan 2 contoh UD Sepatu Miji Jaya: tambahkan susut dulu (luas pola × (1 + susut)), "
        "baru ubah dm² ke ft² dengan membagi 9,290304.",
    )


def _biaya_kulit(pid: str, nilai: object) -> Hasil:
    return periksa_angka(
        nilai,
        harapan(pid)["biaya_kulit"],
        satuan="rupiah",
        petunjuk="seperti langkah 3 contoh: luas kulit yang dibeli (ft², sudah termasuk susut, dari Latihan 1) "
        "× harga kulit per ft². Satuan luas dan satuan harga harus sama.",
    )


def _biaya_bahan(pid: str, nilai: object) -> Hasil:
    return periksa_angka(
        nilai,
        harapan(pid)["biaya_bahan"],
        satuan="rupiah",
        petunjuk="hitung setiap baris seperti tabel contoh daftar bahan: jumlah × (1 + susut) × harga satuan; "
        "jumlahkan semua baris, lalu tambahkan biaya kulit atasan dari Latihan 2.",
    )


def _porsi_impor(pid: str, nilai: object) -> Hasil:
    return periksa_angka(
        nilai,
        harapan(pid)["porsi_impor"],
        toleransi=0.01,
        mutlak=0.1,
        satuan="persen",
        petunjuk="seperti contoh porsi bahan impor: jumlahkan biaya baris yang impor = True saja, bagi dengan "
        "biaya bahan seluruhnya dari Latihan 3 (termasuk kulit atasan), lalu kali 100.",
    )


def _upah(pid: str, nilai: object) -> Hasil:
    return periksa_angka(
        nilai,
        harapan(pid)["upah_per_pasang"],
        satuan="rupiah",
        petunjuk="seperti tabel contoh upah: menit kerja sebulan = hari kerja × jam per hari × 60; upah per menit "
        "= upah bulanan ÷ menit kerja sebulan; lalu kalikan dengan jumlah menit semua proses untuk satu pasang.",
    )


def _overhead(pid: str, nilai: object) -> Hasil:
    return periksa_angka(
        nilai,
        harapan(pid)["overhead_per_pasang"],
        satuan="rupiah",
        petunjuk="overhead dibagi rata ke semua pasang: biaya overhead sebulan ÷ jumlah pasang yang dibuat "
        "sebulan, seperti contoh Rp8.000.000 ÷ 800 pasang.",
    )


def _hpp_cek(pid: str, nilai: object) -> Hasil:
    return periksa_angka(
        nilai,
        harapan(pid)["hpp"],
        satuan="rupiah",
        petunjuk="HPP per pasang = biaya bahan (Latihan 3, sudah termasuk kulit atasan) + upah per pasang "
        "(Latihan 5) + overhead per pasang (Latihan 6). Jangan menambahkan biaya kulit atasan dua kali.",
    )


def _studi_kasus(pid: str, nilai: object) -> Hasil:
    if kosong(nilai) or not isinstance(nilai, dict):
        return Hasil(
            False,
            "Jawaban belum diisi. Ganti None di sk_hpp_baru dan sk_total_pesanan dengan perhitungan Anda.",
        )
    return periksa_bagian(
        nilai,
        harapan(pid),
        [
            Bagian(
                "sk_hpp_baru",
                "hpp_baru",
                _bagian_kasus,
                gagasan="hanya biaya kulit atasan yang berubah. Hitung biaya kulit baru seperti Latihan 1 "
                "dan 2 (dengan harga dan susut yang baru), lalu HPP baru = HPP lama − biaya kulit lama + "
                "biaya kulit baru.",
            ),
            Bagian(
                "sk_total_pesanan",
                "total_pesanan",
                _bagian_kasus,
                gagasan="biaya seluruh pesanan = HPP baru per pasang × jumlah pasang pesanan.",
            ),
        ],
        benar="Benar. Anda bisa menghitung HPP untuk pesanan baru!",
        salah="{pesan}",  # the part's check words the whole miss
    )


def _bagian_kasus(isi: object, harapan_: float, *, gagasan: str) -> Hasil:
    """One part of the case study. A miss gives the idea behind the part, worded as reasoning rather
    than a verdict on a key; a part still at None asks for the whole sheet."""
    if belum_diisi(isi):
        return Hasil(
            False, "Jawaban belum lengkap: masih ada None. Isi sk_hpp_baru dan sk_total_pesanan."
        )
    if not periksa_angka(isi, harapan_).benar:
        return Hasil(False, "Belum tepat. Ingat cara berpikirnya: " + gagasan)
    return Hasil(True, "Benar.")


cek_luas_kulit, uji_luas_kulit = pasangan(_luas, _id)
cek_biaya_kulit, uji_biaya_kulit = pasangan(_biaya_kulit, _id)
cek_biaya_bahan, uji_biaya_bahan = pasangan(_biaya_bahan, _id)
cek_porsi_impor, uji_porsi_impor = pasangan(_porsi_impor, _id)
cek_upah, uji_upah = pasangan(_upah, _id)
cek_overhead, uji_overhead = pasangan(_overhead, _id)
cek_hpp, uji_hpp = pasangan(_hpp_cek, _id)
cek_studi_kasus, uji_studi_kasus = per_nama(_studi_kasus, _id, ("hpp_baru", "total_pesanan"))


#: After repeated misses a self-check shows the reasoning on a similar case (never the participant's own).
CONTOH_KERJA = {
    "biaya_bahan": (
        "Contoh lain: sol 2 buah × (1 + 0,03) × Rp9.100 = Rp18.746; lem 0,05 kg × 1,10 × Rp83.000 = "
        "Rp4.565. Jumlahkan semua baris, lalu tambahkan biaya kulit atasan dari Latihan 2."
    ),
    "biaya_kulit": (
        "Contoh lain: 2,29 ft² × Rp31.000 per ft² = Rp70.990 per pasang. Satuan luas dan satuan harga "
        "harus sama (ft² dengan rupiah per ft²)."
    ),
    "hpp": (
        "Cara berpikir: HPP per pasang = biaya bahan (termasuk kulit atasan) + upah per pasang + overhead"
        " per pasang. Mis. 98.000 + 24.250 + 4.600 = Rp126.850. Jangan menambahkan biaya kulit dua kali."
    ),
    "luas_kulit": (
        "Contoh lain: pola 19 dm², susut 12%. Luas dibeli = 19 × 1,12 = 21,28 dm². Ubah ke ft²: bagi "
        "9,290304 → 2,29 ft². Urutannya: tambah susut dulu, lalu ubah satuan."
    ),
    "overhead": (
        "Contoh lain: overhead Rp7.130.000 sebulan untuk 1.550 pasang → 7.130.000 ÷ 1.550 = Rp4.600 per "
        "pasang."
    ),
    "porsi_impor": (
        "Contoh lain: biaya bahan Rp98.000, di antaranya bahan impor (sol dan gesper) Rp23.310. Porsi = "
        "23.310 ÷ 98.000 × 100 = 23,8%. Pembaginya biaya bahan seluruhnya, termasuk kulit atasan."
    ),
    "studi_kasus": (
        "Contoh lain: kulit baru Rp37.000 per ft² dengan susut 9%. Hitung biaya kulit baru per pasang "
        "seperti Latihan 1–2, lalu HPP baru = HPP lama − biaya kulit lama + biaya kulit baru. Nilai "
        "pesanan = HPP baru × jumlah pasang."
    ),
    "upah": (
        "Contoh lain: upah Rp2.730.000 sebulan, 26 hari × 7 jam. Menit kerja sebulan = 26 × 7 × 60 = "
        "10.920; upah per menit = Rp250. Sepatu butuh 97 menit → 97 × 250 = Rp24.250 per pasang."
    ),
}
lengkapi(globals(), "m3", CONTOH_KERJA)
