"""Practice items of module m0-orientasi (getting to know JupyterLab; no competency unit).

For people who have never programmed: Python as a calculator, percent, rounding, text, rupiah
formatting, a small pandas table and a dict. The feedback is deliberately gentle: every message
says that mistakes are normal here and what to try next. All numbers are *contoh*.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from alaskaki.exercises.base import (
    Hasil,
    Sesi,
    belum_diisi,
    kosong,
    lengkapi,
    pasangan,
    periksa_angka,
    rng,
)
from alaskaki.exercises.jamak import per_nama
from alaskaki.text import rupiah

MODUL = "m0-orientasi"

KOTA = "Mojokerto"

# Fictional firms, set in real kelurahan of Kota Mojokerto (names of firms are invented).
IKM = [
    ("UD Sepatu Miji Sejahtera", "Miji"),
    ("CV Sandal Surodinawan", "Surodinawan"),
    ("UD Langkah Prajurit Kulon", "Prajurit Kulon"),
    ("IKM Kelom Blooto", "Blooto"),
]
MODEL = ["Pantofel hitam", "Sandal kulit", "Sepatu santai", "Selop", "Sepatu sandal", "Kelom"]

KOSONG = (
    "Jawaban masih kosong (`None`). Tidak apa-apa! Ganti `None` di sel jawaban dengan jawaban Anda, "
    "jalankan sel itu dengan Shift + Enter, lalu jalankan lagi sel cek ini."
)
SEMANGAT = "Belum pas — tidak apa-apa, di sini kita memang belajar dari salah. "


def _format_rupiah(nilai: float) -> str:
    """Rupiah the Indonesian way, rounded to whole rupiah: the key of the rupiah-text item."""
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    return rupiah(nilai)


@dataclass(frozen=True)
class Soal:
    """The numbers of one participant's practice (all *contoh*)."""

    peserta: str
    ikm: str
    kelurahan: str
    pasang: int  # pairs ordered
    harga_per_pasang: int  # rupiah per pair
    persen_uang_muka: int  # down payment, percent of the order value
    biaya_total: int  # a cost to share over `pasang_dibagi` pairs
    pasang_dibagi: int
    angka_rupiah: int  # a number to write as rupiah text
    pesanan: list[dict]  # model, pasang
    pesanan_kasus: list[dict]  # model, pasang, harga

    def tampilkan(self) -> None:
        print(
            f"Halo, peserta {self.peserta}! Soal latihan Anda memakai IKM contoh: {self.ikm}, "
            f"Kelurahan {self.kelurahan}."
        )
        print("Semua angka di modul ini adalah contoh untuk latihan.")


def soal(participant_id: str) -> Soal:
    r = rng(MODUL, participant_id)
    ikm, kel = IKM[r.randrange(len(IKM))]
    models = r.sample(MODEL, 4)
    kasus = r.sample(MODEL, 3)
    while True:
        biaya, dibagi = r.choice(range(1_000_000, 5_000_001, 10_000)), r.choice([7, 9, 11, 13, 17])
        if (biaya / dibagi) % 1 not in (0.0, 0.5):  # rounding must change something, without a tie
            break
    return Soal(
        peserta=participant_id,
        ikm=ikm,
        kelurahan=kel,
        pasang=r.choice(range(50, 501, 10)),
        harga_per_pasang=r.choice(range(85_000, 250_001, 5_000)),
        persen_uang_muka=r.choice([20, 25, 30, 40, 50]),
        biaya_total=biaya,
        pasang_dibagi=dibagi,
        angka_rupiah=r.randrange(1_000_000, 99_999_999),
        pesanan=[{"model": m, "pasang": r.choice(range(20, 301, 10))} for m in models],
        pesanan_kasus=[
            {
                "model": m,
                "pasang": r.choice(range(30, 201, 10)),
                "harga": r.choice(range(90_000, 200_001, 5_000)),
            }
            for m in kasus
        ],
    )


def harapan(participant_id: str) -> dict[str, object]:
    """Expected answers (used by hidden tests and the trainer's tools; never shown to participants)."""
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    s = soal(participant_id)
    total = s.pasang * s.harga_per_pasang
    return {
        "kota": KOTA,
        "total_harga": total,
        "uang_muka": total * s.persen_uang_muka / 100,
        "biaya_per_pasang": round(s.biaya_total / s.pasang_dibagi),
        "teks_rupiah": _format_rupiah(s.angka_rupiah),
        "jumlah_pasang": sum(p["pasang"] for p in s.pesanan),
        "total_pasang": sum(p["pasang"] for p in s.pesanan_kasus),
        "total_nilai": sum(p["pasang"] * p["harga"] for p in s.pesanan_kasus),
    }


# ---- checks: one function per exercise, shared by the self-check and the hidden test -------

_sesi = Sesi(soal)
mulai = _sesi.mulai
_id = _sesi.id


def _lembut(hasil: Hasil) -> Hasil:
    """The same verdict, worded gently for someone who has never programmed."""
    if hasil.benar:
        return Hasil(True, "Benar! Hebat, Anda berhasil.")
    if hasil.pesan.startswith("Jawaban belum diisi"):
        return Hasil(False, KOSONG)
    pesan = hasil.pesan.removeprefix("Belum tepat.").strip()
    return Hasil(False, SEMANGAT + pesan)


def _angka(nilai: object, harapan: float, petunjuk: str) -> Hasil:
    if isinstance(nilai, str) and not belum_diisi(nilai):
        return Hasil(
            False,
            SEMANGAT
            + "Jawaban ini teks (ada tanda petik). Untuk angka, tulis tanpa tanda petik, mis. 150000.",
        )
    return _lembut(periksa_angka(nilai, harapan, petunjuk=petunjuk))


def _kota(pid: str, nilai: object) -> Hasil:
    if belum_diisi(nilai):
        return Hasil(False, KOSONG)
    if not isinstance(nilai, str):
        return Hasil(False, SEMANGAT + 'Teks harus diapit tanda petik, mis. "Surabaya".')
    if nilai.strip().casefold() == harapan(pid)["kota"].casefold():
        return Hasil(True, "Benar! Anda baru saja membuat variabel berisi teks.")
    return Hasil(
        False, SEMANGAT + "Periksa ejaan nama kota tempat pelatihan ini, di antara tanda petik."
    )


def _total(pid: str, nilai: object) -> Hasil:
    return _angka(
        nilai,
        harapan(pid)["total_harga"],
        "kalikan jumlah pasang dengan harga per pasang memakai tanda bintang *.",
    )


def _uang_muka(pid: str, nilai: object) -> Hasil:
    return _angka(
        nilai,
        harapan(pid)["uang_muka"],
        "persen berarti per seratus: kalikan total harga dengan persen, lalu bagi 100.",
    )


def _biaya_per_pasang(pid: str, nilai: object) -> Hasil:
    s = soal(pid)
    want = harapan(pid)["biaya_per_pasang"]
    if belum_diisi(nilai):
        return Hasil(False, KOSONG)
    hasil = _angka(
        nilai,
        want,
        "bagi biaya total dengan jumlah pasang memakai garis miring /, lalu bulatkan dengan round(...).",
    )
    if not hasil.benar:
        return hasil
    x = float(nilai)  # type: ignore[arg-type]
    if x == want:
        return hasil
    if abs(x - s.biaya_total / s.pasang_dibagi) < 0.01:
        return Hasil(
            False,
            "Hampir! Hasil bagi Anda sudah benar, tinggal dibulatkan ke rupiah utuh dengan round(...).",
        )
    return Hasil(
        False,
        SEMANGAT
        + "Bagi biaya total dengan jumlah pasang, lalu bulatkan dengan round(...): hasilnya bilangan bulat.",
    )


def _teks_rupiah(pid: str, nilai: object) -> Hasil:
    if belum_diisi(nilai):
        return Hasil(False, KOSONG)
    if not isinstance(nilai, str):
        return Hasil(
            False,
            SEMANGAT + 'Jawaban harus berupa teks di antara tanda petik, mis. "Rp1.250.000".',
        )
    got = nilai.strip().replace("Rp ", "Rp")
    if got == harapan(pid)["teks_rupiah"]:
        return Hasil(True, "Benar! Angka Anda sekarang tertulis seperti di kuitansi.")
    if "," in got:
        return Hasil(
            False,
            SEMANGAT
            + "Masih ada koma. Di kuitansi Indonesia pemisah ribuan adalah titik, mis. Rp1.250.000.",
        )
    if not got.startswith("Rp"):
        return Hasil(False, SEMANGAT + 'Teks harus diawali "Rp".')
    return Hasil(
        False,
        SEMANGAT
        + "Periksa angkanya digit demi digit dengan angka di bawah sel Latihan 5, dan letak titiknya: "
        "satu titik setiap tiga angka dari kanan.",
    )


def _jumlah_pasang(pid: str, nilai: object) -> Hasil:
    return _angka(
        nilai,
        harapan(pid)["jumlah_pasang"],
        'jumlahkan semua angka di kolom "pasang" (dengan kalkulator, atau pesanan["pasang"].sum()).',
    )


def _studi_kasus(pid: str, nilai: object) -> Hasil:
    if kosong(nilai) or not isinstance(nilai, dict):
        return Hasil(False, KOSONG)
    h = harapan(pid)
    for kunci, gagasan in (
        ("total_pasang", "total pasang = jumlah kolom pasang ketiga model."),
        (
            "total_nilai",
            "hitung dulu nilai setiap model (pasang × harga), baru jumlahkan ketiga nilainya. "
            "Total pasang × satu harga tidak sama, karena harganya berbeda-beda.",
        ),
    ):
        if kunci not in nilai or belum_diisi(nilai[kunci]):
            return Hasil(
                False,
                SEMANGAT
                + "Jawaban belum lengkap: ganti None di sk_total_pasang dan sk_total_nilai "
                "dengan angka.",
            )
        if not periksa_angka(nilai[kunci], h[kunci]).benar:
            # The idea behind the first wrong part, not a verdict on a named key.
            return Hasil(False, SEMANGAT + "Ingat cara berpikirnya: " + gagasan)
    return Hasil(True, "Benar semua! Anda siap untuk modul berikutnya.")


def _pasangan(periksa: Callable[[str, object], Hasil]):
    return pasangan(periksa, _id)


cek_kota, uji_kota = _pasangan(_kota)
cek_total_harga, uji_total_harga = _pasangan(_total)
cek_uang_muka, uji_uang_muka = _pasangan(_uang_muka)
cek_biaya_per_pasang, uji_biaya_per_pasang = _pasangan(_biaya_per_pasang)
cek_teks_rupiah, uji_teks_rupiah = _pasangan(_teks_rupiah)
cek_jumlah_pasang, uji_jumlah_pasang = _pasangan(_jumlah_pasang)
cek_studi_kasus, uji_studi_kasus = per_nama(_studi_kasus, _id, ("total_pasang", "total_nilai"))


#: After repeated misses a self-check shows the reasoning on a similar case (never the participant's own).
CONTOH_KERJA = {
    "biaya_per_pasang": (
        "Contoh lain: Rp1.000.003 dibagi 7 pasang = 142857,57… rupiah. Dibulatkan ke rupiah utuh: "
        "`round(1000003 / 7)` → 142858. `round(...)` membulatkan ke bilangan bulat terdekat."
    ),
    "jumlah_pasang": (
        "Contoh lain: tabel bernama `stok` dengan kolom `pasang` berisi 30, 45 dan 25. "
        '`stok["pasang"].sum()` menjumlahkan satu kolom → 100.'
    ),
    "kota": (
        'Nama kota ditulis sebagai teks, jadi harus diapit tanda petik: `kota_lahir = "Surabaya"`. Tanpa '
        "tanda petik, Python mengira Surabaya adalah nama variabel dan tidak menemukannya."
    ),
    "studi_kasus": (
        "Contoh lain: dua model, 40 pasang × Rp101.000 dan 60 pasang × Rp99.000. Nilai: 4.040.000 dan "
        "5.940.000. Total pasang 40 + 60 = 100, total nilai 4.040.000 + 5.940.000 = 9.980.000. Di sel "
        "jawaban: `sk_total_pasang = 100` dan `sk_total_nilai = 9980000` (angka tanpa titik ribuan)."
    ),
    "teks_rupiah": (
        'Contoh lain: 2503117 ditulis `"Rp2.503.117"`: mulai dari kanan, beri titik setiap tiga angka '
        "(2.503.117), tambahkan Rp di depan, dan apit dengan tanda petik."
    ),
    "total_harga": (
        "Contoh lain: 12 pasang × Rp97.000 per pasang. Di Python: `12 * 97000` → 1164000. Tulis angkanya "
        "tanpa titik ribuan; Python memakai titik untuk desimal."
    ),
    "uang_muka": (
        "Contoh lain: total Rp1.164.000, uang muka 35%. Persen artinya per seratus, jadi `1164000 * 35 / "
        "100` → 407400. Tanda × di Python adalah `*`, tanda ÷ adalah `/`."
    ),
}
lengkapi(globals(), "m0", CONTOH_KERJA)
