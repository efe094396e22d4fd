"""Exercises of module m7a-daya-saing (export data, growth, shares, reliability tags, SWOT).

First half of the former m7-daya-saing (split for a 90-minute session; issue 15). The export figures
come from ``datasets/ekspor_alas_kaki.csv`` through :mod:`alaskaki.domain.export_stats`; the notebook
prints them as a table, so every item is answered with a calculator (average growth: one x^y step),
never with pandas indexing or ``**``. Each answer is one number, letter or word per variable.

The SWOT statements below are exercise content: short restatements of facts in the brief (§0a,
§1.4, §1.6, §6.1, §6.2) or *contoh* about the participant's fictional IKM, each placed by the module's
own rule (:data:`ATURAN_SWOT`, shown word for word in the notebook) from the point of view of an IKM
in the Sentra IKM Alas Kaki Surodinawan. A statement is inside the IKM exactly when it is about "IKM
Anda"; the tests keep that, the rule's wording and the key together. Facts whose box is a judgement
call (the sentra built by the government with DAK 2024, the many craftsmen in the city) are not
autograded: they belong to the rubric of the written SWOT. The legacy module m7 shares these tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from alaskaki.domain import export_stats
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
from alaskaki.exercises.jamak import berurutan, per_nama, periksa_kata
from alaskaki.text import number

MODUL = "m7a-daya-saing"

IKM = [
    ("UD Sepatu Surodinawan Jaya", "Surodinawan"),
    ("CV Kaki Miji Sentosa", "Miji"),
    ("UD Langkah Prajurit", "Prajurit Kulon"),
    ("IKM Blooto Mandiri", "Blooto"),
]

SWOT_KOTAK = {"S": "Kekuatan", "W": "Kelemahan", "O": "Peluang", "T": "Ancaman"}

#: The module's rule for the four boxes, word for word as the notebook's SWOT section shows it.
ATURAN_SWOT = (
    "S dan W adalah hal yang dimiliki atau dikendalikan IKM sendiri; O dan T adalah keadaan di luar "
    "yang tidak bisa diubah IKM, tetapi bisa dimanfaatkan atau dihindari."
)


@dataclass(frozen=True)
class PernyataanSwot:
    """One SWOT statement: its text, where it sits under :data:`ATURAN_SWOT`, and why."""

    teks: str
    di_dalam: bool  # owned or controlled by the IKM itself (S/W), else an outside condition (O/T)
    baik: bool  # helps the IKM (S/O) or hurts it (W/T)
    alasan: str  # the reasoning in the rule's words, for hints and worked examples

    @property
    def kotak(self) -> str:
        if self.di_dalam:
            return "S" if self.baik else "W"
        return "O" if self.baik else "T"


_P = PernyataanSwot


def _bank_swot() -> tuple[PernyataanSwot, ...]:
    """Statements with one defensible box each; sources in the notebook's Sumber. Each one's box
    is the key of the SWOT item, so they live in a marked function soal draws from by name, not
    as module data a participant reads (R82)."""
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    return (
        _P(
            "IKM Anda sudah punya NIB yang juga berfungsi sebagai akses kepabeanan, jadi bisa mengekspor atas "
            "nama sendiri (contoh).",
            True,
            True,
            "izin itu milik IKM dan diurus oleh IKM sendiri, dan membantu ekspor",
        ),
        _P(
            "IKM Anda ikut mengerjakan pesanan 2.000 pasang sepatu kasual untuk Los Angeles yang diterima sentra "
            "(Juli 2025), jadi pekerjanya sudah mengenal mutu ekspor (contoh).",
            True,
            True,
            "pengalaman dan keterampilan itu sekarang dimiliki IKM sendiri, dan membantu",
        ),
        _P(
            "IKM Anda selalu menyelesaikan pesanan tepat waktu dan mencatat hasil pemeriksaan mutu setiap lot "
            "(contoh).",
            True,
            True,
            "cara kerja itu dikendalikan IKM sendiri, dan membuat pembeli percaya",
        ),
        _P(
            "IKM Anda sangat bergantung pada bahan baku dan aksesori impor.",
            True,
            False,
            "cara IKM membeli bahannya ada di tangan IKM sendiri, dan saat ini merugikan (biaya, waktu)",
        ),
        _P(
            "IKM Anda kekurangan pekerja yang kompeten.",
            True,
            False,
            "pekerja adalah bagian dari IKM sendiri, dan kekurangan ini menghambat",
        ),
        _P(
            "IKM Anda belum punya merek sendiri, sehingga sepatunya dijual dengan nama daerah lain "
            "(Tanggulangin).",
            True,
            False,
            "merek adalah keputusan dan milik IKM sendiri, dan ketiadaannya merugikan",
        ),
        _P(
            "IKM Anda masih memakai peralatan sederhana dan jarang membuat desain baru (temuan audit teknologi "
            "sentra, Januari 2025).",
            True,
            False,
            "peralatan dan desain dikendalikan IKM sendiri, dan keadaannya sekarang menghambat",
        ),
        _P(
            "Pemerintah menetapkan industri alas kaki kecil dan menengah sebagai kompetensi inti daerah Kota "
            "Mojokerto.",
            False,
            True,
            "penetapan itu keputusan pemerintah yang tidak bisa diubah IKM, tetapi bisa dimanfaatkan",
        ),
        _P(
            "Ekspor alas kaki Indonesia tahun 2024 mencapai USD 7,28 miliar, naik 13,13% dari tahun sebelumnya.",
            False,
            True,
            "pasar ekspor nasional ada di luar IKM, dan pertumbuhannya bisa dimanfaatkan",
        ),
        _P(
            "Amerika Serikat adalah pasar utama: 34,1% ekspor alas kaki Indonesia pada triwulan I 2025.",
            False,
            True,
            "pasar di negara lain ada di luar IKM, dan bisa dituju",
        ),
        _P(
            "BPIPI (Kemenperin) mengadakan pelatihan teknis produksi sepatu di Kota Mojokerto pada Juni–Juli 2025.",
            False,
            True,
            "program itu diadakan pihak luar; IKM hanya bisa memanfaatkannya dengan mengirim pekerja",
        ),
        _P(
            "Fasilitas KITE IKM dapat membebaskan bea masuk atas bahan impor yang diolah menjadi barang ekspor.",
            False,
            True,
            "aturan fasilitas dibuat pemerintah, di luar IKM, dan bisa dimanfaatkan",
        ),
        _P(
            "Ekspor alas kaki Indonesia semester I 2023 turun menjadi USD 3,2 miliar dari USD 3,95 miliar setahun "
            "sebelumnya.",
            False,
            False,
            "keadaan pasar nasional ada di luar IKM, dan penurunannya perlu diwaspadai",
        ),
        _P(
            "Sepatu impor juga masuk ke Indonesia: impor alas kaki April 2024 USD 52 juta, 48% dari Tiongkok.",
            False,
            False,
            "pesaing dari luar negeri tidak bisa dikendalikan IKM, dan bisa merebut pembeli",
        ),
        _P(
            "Sepatu Indonesia yang dikapalkan ke Uni Eropa sejak 1 Januari 2027 tidak lagi mendapat tarif GSP.",
            False,
            False,
            "aturan tarif negara tujuan ada di luar IKM, dan membuat sepatu lebih mahal bagi pembeli di sana",
        ),
    )


PASANGAN_PERTUMBUHAN = ((2007, 2008), (2019, 2020), (2020, 2021), (2021, 2022))
PASANGAN_RATA = ((2014, 2024), (2019, 2024), (2008, 2014), (2014, 2019), (2019, 2022), (2008, 2019))
SERI_TUJUAN = "tujuan_2025_q1"
HURUF = "ABCDEFGHIJ"
JUMLAH_SWOT = (
    6  # statements to place (fewer than the legacy module's eight: the session must fit 90 minutes)
)

#: Rows asked about in the reliability item: (series, year) with each tag present.
BARIS_KEANDALAN = (
    ("tahunan", 2024),
    ("tahunan", 2021),
    ("tahunan", 2023),
    ("tahunan_lain", 2022),
    ("jan_agu", 2025),
)
#: Case-study periods: (series, year from, year to) of the world total.
PERIODE_STUDI = (
    ("semester_1", 2022, 2023),
    ("jan_agu", 2024, 2025),
    ("tahunan", 2021, 2022),
    ("tahunan", 2019, 2020),
)
NAMA_SERI = {"tahunan": "setahun", "semester_1": "Januari–Juni", "jan_agu": "Januari–Agustus"}


@dataclass(frozen=True)
class Soal:
    """One participant's variant."""

    peserta: str
    ikm: str
    kelurahan: str
    tahun_rata: tuple[int, int]
    tujuan: str  # destination whose share of the four named destinations (Q1 2025) is asked
    swot: list[str]  # statements, labelled A, B, ... in this order
    keandalan: tuple[tuple[str, int], ...]  # rows of BARIS_KEANDALAN
    sk_periode: tuple[str, int, int]

    @property
    def pernyataan(self) -> dict[str, str]:
        return {HURUF[i]: t for i, t in enumerate(self.swot)}

    def tampilkan(self) -> None:
        print(f"Peserta {self.peserta} — {self.ikm}, Kelurahan {self.kelurahan} (IKM rekaan)")
        print(f"  Latihan 1  : rata-rata per tahun {self.tahun_rata[0]} → {self.tahun_rata[1]}")
        print(f"  Latihan 2  : negara tujuan {self.tujuan}")
        seri, a, b = self.sk_periode
        print(f"  Studi kasus: ekspor {NAMA_SERI[seri]} {a} → {b}")


def soal(participant_id: str) -> Soal:
    r = rng(MODUL, participant_id)
    ikm, kel = IKM[r.randrange(len(IKM))]
    bank = _bank_swot()
    by_box = {k: [p.teks for p in bank if p.kotak == k] for k in SWOT_KOTAK}
    swot = [r.choice(by_box[box]) for box in SWOT_KOTAK]  # every box at least once ...
    swot += r.sample(
        [p.teks for p in bank if p.teks not in swot], JUMLAH_SWOT - len(swot)
    )  # ... and two more
    r.shuffle(swot)
    return Soal(
        peserta=participant_id,
        ikm=ikm,
        kelurahan=kel,
        tahun_rata=r.choice(PASANGAN_RATA),
        tujuan=r.choice(["Amerika Serikat", "Belanda", "Belgia", "Tiongkok"]),
        swot=swot,
        keandalan=tuple(r.sample(BARIS_KEANDALAN, 3)),
        sk_periode=r.choice(PERIODE_STUDI),
    )


def _baris(seri: str, tahun: int) -> export_stats.ExportFigure:
    """The dataset row of the world total of a series and year, whatever its tag (C rows included)."""
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    return next(
        f
        for f in export_stats.figures()
        if f.series == seri and f.year == tahun and f.destination == export_stats.WORLD
    )


def _kutip(tag: str) -> str:
    """What a reliability tag allows in a proposal (the module's reading of the dataset's tags):
    the key of the reliability item, taught in the notebook's text, so not module data (R82)."""
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    return {"S": "ya", "C": "tidak", "D": "tidak"}[tag]


def teks_keandalan(s: Soal) -> list[str]:
    out = []
    for seri, tahun in s.keandalan:
        f = _baris(seri, tahun)
        nilai = number(f.value_musd, 1)
        out.append(f"Ekspor alas kaki {f.period}: USD {nilai} juta, tag {f.tag}.")
    return out


def teks_studi(s: Soal) -> str:
    seri, a, b = s.sk_periode
    fa, fb = export_stats.figure(a, seri), export_stats.figure(b, seri)
    return (
        f"Rapat sentra membahas pasar ekspor. Data (juta USD, dunia): {fa.period} {number(fa.value_musd, 0)}; "
        f"{fb.period} {number(fb.value_musd, 0)}."
    )


# ---- expected values: domain functions on the same variant ------------------------------------


def _studi(s: Soal) -> dict:
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    seri, a, b = s.sk_periode
    tumbuh = export_stats.growth_between(a, b, seri)
    return {"tumbuh": tumbuh, "kotak": "O" if tumbuh > 0 else "T"}


def harapan(participant_id: str) -> dict[str, object]:
    """Expected answers (hidden tests and the trainer's tools; never shown to participants)."""
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    s = soal(participant_id)
    kotak = {p.teks: p.kotak for p in _bank_swot()}
    return {
        "pertumbuhan_rata": export_stats.average_growth_between(*s.tahun_rata),
        "porsi_tujuan": export_stats.share_in(SERI_TUJUAN, s.tujuan, None),
        "swot_kelompok": [kotak[t] for t in s.swot],
        "keandalan": [_kutip(_baris(seri, t).tag) for seri, t in s.keandalan],
        "studi_kasus": _studi(s),
    }


# ---- checks --------------------------------------------------------------------------------------

_sesi = Sesi(soal)
mulai = _sesi.mulai
_id = _sesi.id


def _pertumbuhan_rata(pid: str, nilai: object) -> Hasil:
    return periksa_angka(
        nilai,
        harapan(pid)["pertumbuhan_rata"],
        toleransi=0.005,
        mutlak=0.05,
        satuan="persen",
        petunjuk="di kalkulator: nilai akhir ÷ nilai awal, lalu xʸ dengan y = 1 ÷ jumlah tahun, kurangi 1, kali "
        "100. Jumlah tahun = tahun akhir − tahun awal.",
    )


def _porsi_tujuan(pid: str, nilai: object) -> Hasil:
    return periksa_angka(
        nilai,
        harapan(pid)["porsi_tujuan"],
        toleransi=0.002,
        mutlak=0.05,
        satuan="persen",
        petunjuk="bagi nilai negara Anda dengan JUMLAH nilai keempat negara pada triwulan I 2025, lalu kali 100.",
    )


def _swot_kelompok(pid: str, nilai: object) -> Hasil:
    return periksa_kata(
        nilai,
        harapan(pid)["swot_kelompok"],  # type: ignore[arg-type]
        pilihan=list(SWOT_KOTAK),
        nama="kotak",
        petunjuk="untuk setiap pernyataan tanyakan dua hal: milik atau di bawah kendali IKM sendiri? Membantu atau "
        "merugikan? Aturannya: " + ATURAN_SWOT,
    )


def _keandalan(pid: str, nilai: object) -> Hasil:
    return periksa_kata(
        nilai,
        harapan(pid)["keandalan"],  # type: ignore[arg-type]
        pilihan=["ya", "tidak"],
        nama="kutip",
        petunjuk="lihat tagnya: S = dilaporkan sumber (kutip dengan sumbernya); C = bertentangan dengan sumber lain; "
        "D = hasil hitungan, bukan angka yang dilaporkan.",
    )


def _studi_kasus(pid: str, nilai: object) -> Hasil:
    if belum_diisi(nilai) or not isinstance(nilai, dict):
        return Hasil(False, "Jawaban belum diisi. Tulis sk_tumbuh dan sk_kotak.")
    return periksa_bagian(
        nilai,
        harapan(pid)["studi_kasus"],  # type: ignore[arg-type]
        [
            Bagian(
                "sk_tumbuh",
                "tumbuh",
                toleransi=0.002,
                mutlak=0.05,
                satuan="persen",
                petunjuk="(nilai akhir − nilai awal) ÷ nilai AWAL × 100; turun berarti hasilnya negatif "
                "(mis. -12.5).",
            ),
            Bagian(
                "sk_kotak",
                "kotak",
                periksa_pilihan,
                pilihan=list(SWOT_KOTAK),
                petunjuk="pasar ekspor nasional ada di luar IKM: naik membantu, turun perlu diwaspadai.",
            ),
        ],
        benar="Benar. Bahan rapat sentra Anda siap!",
    )


cek_pertumbuhan_rata, uji_pertumbuhan_rata = pasangan(_pertumbuhan_rata, _id)
cek_porsi_tujuan, uji_porsi_tujuan = pasangan(_porsi_tujuan, _id)
cek_swot_kelompok, uji_swot_kelompok = berurutan(_swot_kelompok, _id)
cek_keandalan, uji_keandalan = berurutan(_keandalan, _id)
cek_studi_kasus, uji_studi_kasus = per_nama(_studi_kasus, _id, ("tumbuh", "kotak"))


#: After repeated misses a self-check shows the reasoning on a similar case (never the participant's own).
CONTOH_KERJA = {
    "keandalan": (
        "Cara berpikir: tag S → angka itu dilaporkan sumbernya: boleh dikutip, sebut sumbernya (ya). Tag C → "
        "sumber lain memberi angka berbeda: jangan dikutip (tidak). Tag D → angka hasil hitungan kit, bukan "
        "angka yang dilaporkan: jangan ditulis sebagai angka sumber (tidak)."
    ),
    "pertumbuhan_rata": (
        "Contoh lain: 2014 → 2019 (5 tahun), 4.100 → 4.400. Di kalkulator: 4.400 ÷ 4.100 = 1,0732; 1,0732 "
        "xʸ 0,2 (= 1 ÷ 5) = 1,0142; kurangi 1 dan kali 100 → 1,42%. Bukan 7,32 ÷ 5, karena pertumbuhan "
        "bersusun dari tahun ke tahun."
    ),
    "porsi_tujuan": (
        "Contoh lain dengan angka April 2024: USD 157,1 juta ke Amerika Serikat dari total USD 461,2 juta"
        " → 34,1%. Di latihan, pembaginya jumlah EMPAT negara (tidak ada total semua negara)."
    ),
    "studi_kasus": (
        "Contoh lain: ekspor Januari–Juni turun dari 3.950 ke 3.200 → (3.200 − 3.950) ÷ 3.950 × 100 = −19,0%. "
        "Keadaan pasar ada di luar IKM dan merugikan → T."
    ),
    "swot_kelompok": (
        'Cara berpikir pada pernyataan rekaan lain: "Pemerintah kota membangun jalan baru ke pelabuhan" —'
        ' bukan milik IKM dan tidak bisa diubah IKM, tetapi membantu → O. "IKM Anda belum punya mesin '
        'jahit yang bisa menjahit kulit tebal" — milik IKM, merugikan → W.'
    ),
}
lengkapi(globals(), "m7a", CONTOH_KERJA)
