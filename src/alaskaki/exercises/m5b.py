"""Exercises of module m5b-uji-ukuran (laboratory tests, chromium VI, mandatory SNI, shoe sizes).

Second half of the former m5-mutu-aql (split for a 90-minute session; issue 15). Items ask for the
job: which test to order for a complaint (a letter, never an ISO number), whether leather may be sold
in the EU, whether an SNI applies, and which whole size to make for a foot (never an unrounded size no
shoe carries). Expected values come from :mod:`alaskaki.domain.inspection` and :mod:`alaskaki.domain.sizes`.
Each answer is one number, letter or word per variable. Results and lengths are *contoh*.
"""

from __future__ import annotations

from dataclasses import dataclass

from alaskaki.domain import inspection, sizes
from alaskaki.exercises.base import (
    Bagian,
    Hasil,
    Sesi,
    belum_diisi,
    lengkapi,
    periksa_bagian,
    periksa_bulat,
    periksa_pilihan,
    rng,
)
from alaskaki.exercises.jamak import berurutan, per_nama, periksa_kata
from alaskaki.text import number

MODUL = "m5b-uji-ukuran"

CR6_NILAI = (0.8, 1.5, 2.4, 2.9, 3.0, 3.5, 4.2, 6.0)
#: letter of each laboratory test in the module's table (the order of inspection.LAB_TESTS)
HURUF_UJI: dict[str, str] = {t.key: "ABCDE"[i] for i, t in enumerate(inspection.LAB_TESTS)}
KOTA_UE = ("Rotterdam", "Antwerpen", "Hamburg", "Milan")


def _huruf_uji(keluhan: str) -> str:
    """The letter of the test a complaint asks for: the key of the lab-test exercise."""
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    return HURUF_UJI[inspection.lab_test_for(keluhan).key]


@dataclass(frozen=True)
class Soal:
    """The numbers and cases of one participant's variant (all *contoh*)."""

    peserta: str
    keluhan: tuple[str, ...]  # complaints from inspection.LAB_TESTS
    cr6: tuple[float, ...]
    jenis: tuple[str, ...]  # footwear types from inspection.FOOTWEAR_TYPES
    panjang_kaki_mm: int
    uk_pria: float
    kaki_pesanan: tuple[int, ...]  # foot lengths (mm) of a buyer's size list
    # case study: a first order for the EU
    sk_kota: str
    sk_keluhan: str
    sk_cr6: float
    sk_kaki: int

    def tampilkan(self) -> None:
        print(f"Peserta {self.peserta} (angka contoh)")
        print(
            f"  Latihan 4  : panjang kaki pembeli pertama {self.panjang_kaki_mm} mm; pembeli kedua UK pria {self.uk_pria:g}".replace(
                ".", ","
            )
        )
        print(
            "  Latihan 5  : panjang kaki dalam daftar ukuran pembeli "
            + ", ".join(f"{x} mm" for x in self.kaki_pesanan)
        )
        print(f"  Studi kasus: pembeli di {self.sk_kota}")


def soal(participant_id: str) -> Soal:
    r = rng(MODUL, participant_id)
    keluhan = tuple(r.choice(t.complaints) for t in r.sample(inspection.LAB_TESTS, 3))
    lain = [j for j, wajib in inspection.FOOTWEAR_TYPES.items() if not wajib]
    pengaman = [j for j, wajib in inspection.FOOTWEAR_TYPES.items() if wajib]
    jenis = r.sample(lain, 3) + pengaman[:1]
    r.shuffle(jenis)
    sk_test = r.choice(inspection.LAB_TESTS)
    return Soal(
        peserta=participant_id,
        keluhan=keluhan,
        cr6=tuple(r.sample(CR6_NILAI, 4)),
        jenis=tuple(jenis),
        panjang_kaki_mm=r.choice(range(235, 291, 5)),
        uk_pria=r.choice([6, 6.5, 7, 7.5, 8, 8.5, 9, 9.5, 10, 10.5, 11]),
        kaki_pesanan=tuple(sorted(r.sample(range(231, 292), 3))),
        sk_kota=r.choice(KOTA_UE),
        sk_keluhan=r.choice(sk_test.complaints),
        sk_cr6=r.choice(CR6_NILAI),
        sk_kaki=r.choice(range(236, 289, 2)),
    )


def teks_keluhan(s: Soal) -> list[str]:
    return [f'Pembeli menulis: "{k}".' for k in s.keluhan]


def teks_studi(s: Soal) -> str:
    kadar = number(s.sk_cr6, 1, trim=True)
    return (
        f'Pembeli di {s.sk_kota} menulis tentang kiriman contoh sepatu kulit Anda: "{s.sk_keluhan}".\n'
        f"Untuk pesanan besar Anda memakai kulit atasan dari pemasok baru; hasil uji laboratorium: Cr(VI) "
        f"{kadar} mg/kg.\nUkuran contoh yang diminta: untuk kaki {s.sk_kaki} mm."
    )


# ---- expected values: only domain functions, from the same variant -------------------------


def harapan(participant_id: str) -> dict:
    """Expected answers (used by hidden tests and the trainer's tools; never shown to participants)."""
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    s = soal(participant_id)
    boleh = lambda x: "boleh" if inspection.cr6_allowed_in_eu(x) else "tidak"  # noqa: E731
    return {
        "uji_lab": [_huruf_uji(k) for k in s.keluhan],
        "krom": [boleh(x) for x in s.cr6],
        "sni": ["wajib" if inspection.sni_mandatory(j) else "tidak" for j in s.jenis],
        "ukuran": {
            "mondopoint": sizes.mondopoint(s.panjang_kaki_mm),
            "us": sizes.convert(s.uk_pria, "uk", "us"),
        },
        "ukuran_pesanan": [sizes.eu_size_to_make(x) for x in s.kaki_pesanan],
        "studi_kasus": {
            "uji": _huruf_uji(s.sk_keluhan),
            "krom": boleh(s.sk_cr6),
            "ukuran": sizes.eu_size_to_make(s.sk_kaki),
        },
    }


# ---- checks: one function per exercise, shared by the self-check and the hidden test -------

_sesi = Sesi(soal)
mulai = _sesi.mulai
_id = _sesi.id

HURUF = list("ABCDE")


def _uji_lab(pid: str, nilai: object) -> Hasil:
    return periksa_kata(
        nilai,
        harapan(pid)["uji_lab"],
        pilihan=HURUF,
        nama="uji",
        petunjuk="tentukan dulu bagian mana yang gagal dan bagaimana (sol lepas, sol retak, atasan pecah, sol aus, "
        "warna luntur), lalu cari baris uji itu di tabel.",
    )


def _krom(pid: str, nilai: object) -> Hasil:
    return periksa_kata(
        nilai,
        harapan(pid)["krom"],
        pilihan=["boleh", "tidak"],
        nama="krom",
        petunjuk="kulit tidak boleh dijual di Uni Eropa bila krom VI 3 mg/kg atau lebih; tepat 3 juga tidak boleh.",
    )


def _sni(pid: str, nilai: object) -> Hasil:
    return periksa_kata(
        nilai,
        harapan(pid)["sni"],
        pilihan=["wajib", "tidak"],
        nama="sni",
        petunjuk="SNI wajib untuk alas kaki hanya berlaku bagi satu jenis sepatu.",
    )


def _ukuran(pid: str, nilai: object) -> Hasil:
    if belum_diisi(nilai) or not isinstance(nilai, dict):
        return Hasil(False, "Jawaban belum diisi. Tulis angka Anda di mondopoint dan ukuran_us.")
    return periksa_bagian(
        nilai,
        harapan(pid)["ukuran"],
        [
            Bagian(
                "mondopoint",
                "mondopoint",
                periksa_bulat,
                petunjuk="Mondopoint = panjang kaki dalam mm.",
            ),
            Bagian(
                "ukuran_us",
                "us",
                toleransi=0,
                mutlak=0.01,
                satuan="ukuran US",
                petunjuk="ukuran US pria = ukuran UK pria + 1.",
            ),
        ],
        benar="Benar. Konversi ukuran Anda tepat!",
    )


def _ukuran_pesanan(pid: str, nilai: object) -> Hasil:
    h = harapan(pid)["ukuran_pesanan"]
    if belum_diisi(nilai) or not isinstance(nilai, list):
        return Hasil(False, "Jawaban belum diisi. Tulis ukuran EU di eu_1, eu_2 dan eu_3.")
    baris = [f"eu_{i}" for i in range(1, min(len(nilai), len(h)) + 1)]
    return periksa_bagian(
        dict(zip(baris, nilai, strict=False)),
        dict(zip(baris, h, strict=False)),
        [Bagian(b, b, _nomor_eu) for b in baris],
        benar="Benar. Ukuran yang Anda pilih pas untuk setiap kaki!",
    )


def _nomor_eu(x: object, harapan_: int) -> Hasil:
    if isinstance(x, float) and x != int(x):
        return Hasil(
            False,
            f"tidak ada sepatu bernomor {number(x, 6, trim=True)}. Pilih nomor bulat: yang terkecil "
            "yang masih memberi kelonggaran 15 mm.",
        )
    return periksa_bulat(
        x,
        harapan_,
        petunjuk="hitung (panjang kaki + 15) ÷ 6,67, lalu bulatkan KE ATAS: nomor di bawahnya terlalu "
        "pendek dan menekan jari.",
    )


def _studi_kasus(pid: str, nilai: object) -> Hasil:
    if belum_diisi(nilai) or not isinstance(nilai, dict):
        return Hasil(False, "Jawaban belum diisi. Tulis sk_uji, sk_krom dan sk_ukuran.")
    return periksa_bagian(
        nilai,
        harapan(pid)["studi_kasus"],
        [
            Bagian(
                "sk_uji",
                "uji",
                periksa_pilihan,
                pilihan=HURUF,
                petunjuk="bagian mana yang gagal menurut pembeli? Cari ujinya di tabel.",
            ),
            Bagian(
                "sk_krom",
                "krom",
                periksa_pilihan,
                pilihan=["boleh", "tidak"],
                petunjuk="bandingkan hasil uji dengan batas 3 mg/kg.",
            ),
            Bagian(
                "sk_ukuran",
                "ukuran",
                periksa_bulat,
                petunjuk="nomor EU bulat terkecil dengan kelonggaran paling sedikit 15 mm.",
            ),
        ],
        benar="Benar. Anda siap menjawab pembeli di Uni Eropa!",
    )


cek_uji_lab, uji_uji_lab = berurutan(_uji_lab, _id)
cek_krom, uji_krom = berurutan(_krom, _id)
cek_sni, uji_sni = berurutan(_sni, _id)
cek_ukuran, uji_ukuran = per_nama(_ukuran, _id, ("mondopoint", "us"))
cek_ukuran_pesanan, uji_ukuran_pesanan = berurutan(_ukuran_pesanan, _id)
cek_studi_kasus, uji_studi_kasus = per_nama(_studi_kasus, _id, ("uji", "krom", "ukuran"))


#: After repeated misses a self-check shows the reasoning on a similar case (never the participant's own).
CONTOH_KERJA = {
    "krom": (
        "Cara berpikir: batasnya 3 mg/kg. Kulit dengan Cr(VI) 3 mg/kg atau lebih tidak boleh dijual di "
        "Uni Eropa; di bawah 3 boleh. Mis. 2,6 → boleh; 3,0 → tidak; 7,8 → tidak."
    ),
    "sni": (
        "Cara berpikir: di Indonesia SNI wajib untuk alas kaki hanya untuk sepatu pengaman (SNI "
        "8877:2023). Sepatu kerja bersepatu baja untuk pabrik → wajib; sepatu sekolah, sepatu pesta → tidak."
    ),
    "studi_kasus": (
        'Contoh lain: pembeli menulis "sol luar retak di bagian tekukan" → uji lentur sol luar (cari hurufnya '
        "di tabel). Cr(VI) 2,2 mg/kg → di bawah 3: boleh. Kaki 252 mm → (252 + 15) ÷ 6,67 = 40,05 → bulatkan ke "
        "atas: EU 41."
    ),
    "uji_lab": (
        "Cara berpikir: cocokkan keluhan dengan sifat yang diuji di tabel uji laboratorium: sol terlepas "
        "→ uji rekat atasan–sol; sol retak saat ditekuk → uji lentur sol luar; warna luntur ke kaus kaki →"
        " uji ketahanan luntur warna. Tulis huruf baris uji itu."
    ),
    "ukuran": (
        "Contoh lain: kaki 263 mm → Mondopoint 263 (panjang kaki dalam mm). UK pria 9 → US pria 10 (US "
        "dihitung mulai dari 1, jadi satu lebih besar)."
    ),
    "ukuran_pesanan": (
        "Contoh lain: kaki 252 mm. Acuan paling sedikit 252 + 15 = 267 mm; 267 ÷ 6,67 = 40,05. Nomor 40 "
        "hanya 266,7 mm (kurang dari 267, terlalu sempit), jadi buat nomor 41 (273,3 mm)."
    ),
}
lengkapi(globals(), "m5b", CONTOH_KERJA)
