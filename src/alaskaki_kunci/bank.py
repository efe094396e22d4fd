"""The items of the uji kompetensi: two parallel forms (pre = asesmen-awal, post = asesmen-akhir).

GRADER SIDE. Every summative answer is computed here, from :mod:`alaskaki.domain` applied to the
item's case, and nowhere else. The generator writes the question text into the notebooks' markdown
cells; the participant side never sees the answer.

Design (docs/grading.md, "The uji kompetensi"):

* one **slot** per line of :data:`SLOTS`: the same unit, criterion, skill and template in both
  forms; the pre and the post case are written side by side so that a reader sees they are
  parallel, with different products, destinations, numbers and stories (no literal match, no
  module worked example);
* every item is a case from an IKM's day that needs judgment: choice items combine two decisions
  in each option (so no single function call of the participant's library picks the letter), and
  numeric items need two or more steps before or after any library call;
* **difficulty model**: ``tingkat = langkah + rujukan`` where ``langkah`` counts the decisions or
  calculation steps the case needs and ``rujukan`` is 1 when the printed reference sheet must be
  read. A test checks slot by slot that pre and post have equal ``tingkat``, answer type and number
  of options (the same chance of a lucky guess).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date

from alaskaki.domain import costing, documents, hs, pricing, procedure, quality, sizes

AWAL = "asesmen-awal"
AKHIR = "asesmen-akhir"
FORMS = {AWAL: "pre", AKHIR: "post"}
HURUF = "ABCDEFGH"

#: Units in report order, with the heading shown above their items.
UNITS: dict[str, str] = {
    "EKS-01": "Legalitas dan prosedur ekspor mandiri",
    "EKS-02": "Klasifikasi HS alas kaki",
    "BYA-01": "Harga pokok produksi",
    "EKS-03": "Harga ekspor, Incoterms dan cara pembayaran",
    "MTU-01": "Mutu dan sampling AQL",
    "EKS-04": "Dokumen ekspor",
    "STR-01": "Daya saing dan kemitraan",
}


def num(x: float, digits: int = 2) -> str:
    """A number written the Indonesian way: 1.234,56."""
    return f"{x:,.{digits}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def rp(x: float) -> str:
    return "Rp" + num(x, 0)


def tgl(d: date) -> str:
    return f"{d:%d-%m-%Y}"


@dataclass(frozen=True)
class Butir:
    """One item of one form, with its key (grader side only)."""

    grade_id: str  # pre_<slot> / post_<slot>
    slot: str
    unit: str
    kriteria: str  # the criterion of grading/kompetensi.yml it evidences
    keterampilan: str  # what it measures, for trainers
    teks: str  # the question (markdown)
    jenis: str  # "huruf" (a letter) or "angka" (a number)
    jawaban: str | float
    opsi: tuple[str, ...] = ()
    satuan: str = ""
    toleransi: float = 0.005  # relative tolerance of a numeric answer
    mutlak: float = 0.0  # absolute tolerance (whichever is larger)
    langkah: int = 2
    rujukan: int = 1
    data: dict = field(default_factory=dict, compare=False)  # the case's inputs

    @property
    def tingkat(self) -> int:
        return self.langkah + self.rujukan

    @property
    def form(self) -> str:
        return AWAL if self.grade_id.startswith("pre_") else AKHIR

    def batas(self) -> float:
        """The accepted distance from the expected number."""
        return max(self.mutlak, self.toleransi * abs(float(self.jawaban)))

    def benar(self, nilai: object) -> bool:
        if self.jenis == "angka":
            if isinstance(nilai, bool) or not isinstance(nilai, int | float):
                return False
            if not math.isfinite(float(nilai)):
                return False
            return abs(float(nilai) - float(self.jawaban)) <= self.batas() + 1e-9
        return isinstance(nilai, str) and nilai.strip().upper() == self.jawaban


def _pilih(seed: str, benar: str, salah: list[str]) -> tuple[tuple[str, ...], str]:
    """Options in a fixed shuffled order (seeded by the item) and the letter of the right one."""
    opsi = [benar, *salah]
    random.Random(f"alaskaki-uji:{seed}").shuffle(opsi)
    return tuple(opsi), HURUF[opsi.index(benar)]


def _dua(a_ok: str, a_bad: str, b_ok: str, b_bad: str) -> tuple[str, list[str]]:
    """Two decisions in every option: the right pair and the three wrong pairs (each half appears twice)."""
    return f"{a_ok}; {b_ok}.", [f"{a_ok}; {b_bad}.", f"{a_bad}; {b_ok}.", f"{a_bad}; {b_bad}."]


def _check_options(gid: str, opsi: tuple[str, ...]) -> None:
    assert len(set(opsi)) == len(opsi), f"{gid}: two options are the same"


# =============================================================================================
# EKS-01
# =============================================================================================


def eks01_alasan(f: str) -> dict:
    case = {
        "pre": (
            "Pak Darto, pemilik IKM sepatu di Kelurahan Surodinawan, menjual 1.500 pasang sepatu kasual kepada "
            "seorang perantara di Surabaya. Perantara itu mengekspornya atas nama perusahaannya sendiri. Dinas "
            "kota menyarankan Pak Darto belajar mengekspor sendiri (ekspor mandiri)."
        ),
        "post": (
            "Bu Sri, pemilik IKM sepatu di Kelurahan Miji, mendapat pesanan 2.000 pasang sepatu santai untuk "
            "pembeli di Los Angeles melalui perantara dari Korea Selatan. Perantara menawarkan mengurus semua "
            "dokumen ekspor atas nama perusahaannya. Dinas kota menyarankan ekspor mandiri."
        ),
    }[f]
    siapa = "Pak Darto" if f == "pre" else "Bu Sri"
    alasan = "Ekspor lewat perantara tidak tercatat sebagai produk asal Kota Mojokerto"
    alasan_salah = "Ekspor lewat perantara selalu dikenai bea keluar untuk produk alas kaki"
    langkah = f"{siapa} perlu NIB sendiri yang juga berfungsi sebagai akses kepabeanan"
    langkah_salah = f"{siapa} cukup memakai NIB dan akses kepabeanan milik perantaranya saja"
    return dict(
        teks=case
        + f"\n\nApa alasan utama saran itu, dan apa yang harus dimiliki {siapa} lebih dulu?",
        pilih=_dua(alasan, alasan_salah, langkah, langkah_salah),
        langkah=2,
        rujukan=0,
    )


def eks01_kbli(f: str) -> dict:
    lama, produk = {
        "pre": ("15202", "selop dan sepatu sandal"),
        "post": ("15203", "sandal kelom dan sepatu santai"),
    }[f]
    nama = procedure.KBLI[lama].name
    assert all(procedure.kbli_for(p).code == "15201" for p in ("selop", "sandal_kelom"))
    teks = (
        f"NIB sebuah IKM mencantumkan KBLI {lama} ({nama}). Sekarang hampir semua produknya adalah "
        f"{produk} untuk ekspor. Apa yang sebaiknya dilakukan pemiliknya?"
    )
    benar = (
        "Mengubah atau menambah KBLI menjadi 15201 di OSS, karena catatan cakupan BPS memasukkan "
        f"{produk} ke alas kaki untuk keperluan sehari-hari."
    )
    salah = [
        f"Mengubah KBLI menjadi 15209 (Industri Alas Kaki Lainnya) di OSS, karena {produk} tidak disebut "
        "dalam nama kode KBLI mana pun, jadi termasuk alas kaki lainnya.",
        "Mengubah KBLI menjadi 15201 di kantor Bea Cukai, karena KBLI yang tercatat menentukan apakah NIB juga "
        "berfungsi sebagai akses kepabeanan.",
        f"Membiarkan KBLI {lama}, karena semua alas kaki untuk ekspor memakai kode KBLI yang sama.",
    ]
    return dict(teks=teks, pilih=(benar, salah), data={"produk": produk, "kbli_lama": lama})


def eks01_akses(f: str) -> dict:
    if f == "pre":
        teks = (
            "Sebuah IKM sudah punya NIB dan minggu depan ingin mengirim PEB pertamanya. Hasil *tracking* NIB "
            'di situs INSW tidak menunjukkan kategori "REC CEISA". Apa artinya dan apa yang dilakukan?'
        )
        benar = (
            "NIB belum terdaftar untuk hak akses kepabeanan; perbarui data di OSS, lalu periksa lagi di INSW "
            "sebelum mengirim PEB."
        )
        salah = [
            "Tidak ada masalah; kategori REC CEISA hanya untuk importir, jadi PEB dapat dikirim dengan NPWP dan "
            "NIB yang sekarang.",
            "NIB belum terdaftar untuk akses kepabeanan; minta NPE dulu di pelabuhan muat, baru mengurus "
            "pendaftaran NIB di OSS.",
            "NIB sudah cukup; daftarkan diri sebagai Eksportir Tersertifikasi (ES) di e-SKA agar PEB pertama "
            "Anda diterima CEISA.",
        ]
    else:
        teks = (
            "Sebuah IKM terakhir mengekspor 14 bulan lalu; sejak itu tidak ada kegiatan kepabeanan sama "
            "sekali. Bulan depan ada pesanan ekspor baru. Apa yang dilakukan sebelum mengirim PEB?"
        )
        benar = (
            "Akses kepabeanan dapat diblokir bila 12 bulan berturut-turut tidak ada kegiatan; periksa "
            'statusnya (kategori "REC CEISA" di INSW) sebelum mengirim PEB.'
        )
        salah = [
            "Tidak perlu diperiksa; NIB selalu berfungsi sebagai akses kepabeanan selama NIB masih ada, berapa "
            "lama pun tidak ada kegiatan ekspor.",
            "Akses kepabeanan dapat diblokir bila 12 bulan berturut-turut tidak ada kegiatan; ajukan NIB baru "
            "di OSS karena NIB lama otomatis dicabut, lalu kirim PEB.",
            "Tidak perlu diperiksa; cukup daftarkan diri sebagai Eksportir Tersertifikasi (ES) di e-SKA agar "
            "akses dibuka lagi.",
        ]
    return dict(teks=teks, pilih=(benar, salah))


def eks01_peb(f: str) -> dict:
    ekspor, masuk = {
        "pre": (date(2026, 3, 19), date(2026, 3, 17)),
        "post": (date(2026, 9, 24), date(2026, 9, 21)),
    }[f]
    awal = procedure.earliest_peb_date(ekspor)
    teks = (
        f"Kapal yang akan memuat kontainer Anda diperkirakan berangkat (perkiraan tanggal ekspor) {tgl(ekspor)}. "
        f"Truk kontainer dijadwalkan masuk kawasan pabean pelabuhan muat pada {tgl(masuk)}. "
        "Kapan PEB boleh dikirim?"
    )
    benar = f"Mulai {tgl(awal)}, paling lambat sebelum kontainer masuk kawasan pabean pada {tgl(masuk)}."
    salah = [
        f"Mulai {tgl(awal)}, paling lambat sebelum kapal yang memuat kontainer berangkat pada {tgl(ekspor)}.",
        f"Mulai {tgl(date.fromordinal(ekspor.toordinal() - 14))}, paling lambat sebelum kontainer masuk "
        f"kawasan pabean pada {tgl(masuk)}.",
        f"Kapan saja, asal sesudah NPE terbit dan sebelum kapal berangkat pada {tgl(ekspor)}.",
    ]
    assert procedure.peb_filing_valid(awal, ekspor, masuk)
    assert not procedure.peb_filing_valid(date.fromordinal(awal.toordinal() - 1), ekspor, masuk)
    return dict(
        teks=teks,
        pilih=(benar, salah),
        data={"ekspor": ekspor.isoformat(), "masuk": masuk.isoformat()},
    )


def eks01_ska_asia(f: str) -> dict:
    if f == "pre":
        teks = (
            "Pembeli di Tiongkok meminta tarif preferensi ACFTA. IKM Anda berstatus Eksportir "
            "Tersertifikasi (ES). Dokumen asal barang apa yang dipakai?"
        )
        benar = (
            "Form E yang diajukan lewat e-SKA; status ES hanya dipakai untuk deklarasi pengganti Form D "
            "(ASEAN)."
        )
        salah = [
            "Deklarasi Asal Barang (DAB) buatan sendiri tanpa lewat IPSKA, karena status ES berlaku untuk semua "
            "tujuan.",
            "Form D yang diajukan lewat e-SKA, karena status ES berlaku untuk semua tujuan di Asia.",
            "SKA non-preferensi, karena Tiongkok bukan anggota ASEAN sehingga tidak ada tarif preferensi.",
        ]
    else:
        teks = (
            "Pembeli di Jepang meminta tarif preferensi IJEPA. IKM Anda berstatus Eksportir Teregistrasi "
            "(ER). Dokumen asal barang apa yang dipakai?"
        )
        benar = (
            "Form IJEPA yang diajukan lewat e-SKA; DAB eksportir teregistrasi hanya menggantikan Form A "
            "(GSP Uni Eropa) dan Form IA-CEPA (Australia)."
        )
        salah = [
            "Deklarasi Asal Barang (DAB) buatan sendiri tanpa lewat IPSKA, karena status ER berlaku untuk semua "
            "perjanjian dagang Indonesia, termasuk IJEPA.",
            "Form E yang diajukan lewat e-SKA, karena status ER berlaku untuk semua tujuan di Asia.",
            "SKA non-preferensi, karena Jepang bukan anggota ASEAN sehingga tidak ada tarif preferensi.",
        ]
    return dict(teks=teks, pilih=(benar, salah))


def eks01_ska_eu(f: str) -> dict:
    negara, k1, nilai, k2 = {
        "pre": ("Belanda", date(2026, 11, 10), 9_400, date(2027, 2, 15)),
        "post": ("Belgia", date(2026, 10, 20), 4_800, date(2027, 3, 5)),
    }[f]
    from alaskaki.domain import origin

    daftar = nilai > origin.REX_THRESHOLD_EUR
    teks = (
        f"Pembeli di {negara} (Uni Eropa) memesan dua kiriman sepatu kulit dan meminta tarif preferensi. "
        f"Kiriman 1: kapal berangkat {tgl(k1)}, nilai EUR {num(nilai, 0)}. Kiriman 2: kapal berangkat "
        f"{tgl(k2)}. IKM Anda belum terdaftar dalam sistem REX. Apa yang Anda lakukan untuk kedua kiriman?"
    )
    p1_benar = (
        "Kiriman 1: daftar dulu sebagai eksportir terdaftar (REX), lalu buat pernyataan asal barang GSP."
        if daftar
        else "Kiriman 1: pernyataan asal barang GSP boleh dibuat oleh eksportir yang belum terdaftar di REX."
    )
    p1_salah = (
        "Kiriman 1: pernyataan asal barang GSP boleh dibuat oleh eksportir yang belum terdaftar di REX."
        if daftar
        else "Kiriman 1: daftar dulu sebagai eksportir terdaftar (REX), lalu buat pernyataan asal barang GSP."
    )
    p2_benar = (
        "Kiriman 2: GSP Uni Eropa tidak berlaku lagi untuk Indonesia; tarif preferensi hanya bila IEU-CEPA "
        "sudah berlaku pada tanggal pengapalan, bila belum dikenai bea masuk umum (MFN)."
    )
    p2_salah = (
        "Kiriman 2: sama seperti kiriman 1; GSP Uni Eropa tetap berlaku untuk Indonesia karena skemanya "
        "diperpanjang sampai 31-12-2027 dan IEU-CEPA sudah ditandatangani."
    )
    return dict(
        teks=teks,
        pilih=(
            f"{p1_benar} {p2_benar}",
            [f"{p1_salah} {p2_benar}", f"{p1_benar} {p2_salah}", f"{p1_salah} {p2_salah}"],
        ),
        langkah=3,
        data={"nilai_eur": nilai, "kiriman1": k1.isoformat(), "kiriman2": k2.isoformat()},
    )


def eks01_kite(f: str) -> dict:
    if f == "pre":
        teks = (
            "Lima IKM kecil di Sentra IKM Alas Kaki Surodinawan sama-sama mengimpor kulit dan aksesori untuk "
            "sepatu ekspor. Masing-masing merasa terlalu kecil untuk mengurus fasilitas KITE IKM sendiri. "
            "Bagaimana mereka dapat memakainya, dan apa manfaatnya untuk bahan impor itu?"
        )
        siapa = "Mereka menunjuk satu IKM di sentra untuk mengajukan (ditetapkan sebagai konsorsium KITE)"
        salah_siapa = "Tidak bisa: KITE IKM hanya untuk satu IKM yang mengajukan untuk dirinya sendiri, bukan untuk sentra"
    else:
        teks = (
            "Sebuah koperasi perajin sepatu di Kota Mojokerto mengimpor sol dan benang untuk sepatu yang "
            "sebagian besar diekspor. Anggotanya bertanya apakah koperasi boleh memakai fasilitas KITE IKM, dan "
            "apa manfaatnya untuk bahan impor itu."
        )
        siapa = "Koperasi boleh mengajukan (ditetapkan sebagai IKM atau konsorsium KITE)"
        salah_siapa = "Tidak bisa: KITE IKM hanya untuk satu IKM yang mengajukan sendiri, bukan untuk koperasi"
    manfaat = "bea masuk dibebaskan dan PPN/PPnBM impor tidak dipungut untuk bahan yang diolah menjadi barang ekspor."
    salah_manfaat = "bea keluar sepatu ekspornya dibebaskan dan pajak penghasilan dari penjualan ekspornya tidak dipungut."
    return dict(
        teks=teks,
        pilih=(
            f"{siapa}; {manfaat}",
            [
                f"{siapa}; {salah_manfaat}",
                f"{salah_siapa}; {manfaat}",
                f"{salah_siapa}; {salah_manfaat}",
            ],
        ),
    )


# =============================================================================================
# EKS-02
# =============================================================================================

_ID = {"leather": "kulit", "textile": "tekstil", "rubber_plastics": "karet atau plastik"}


def eks02_upper(f: str) -> dict:
    (a, la), (b, lb), (acc, nama_acc, lacc) = {
        "pre": (
            ("textile", 44),
            ("leather", 38),
            ("leather:ankle_patch", "tambalan mata kaki", 12),
        ),
        "post": (("leather", 41), ("textile", 35), ("textile:edging", "lis tepi", 9)),
    }[f]
    areas = {a: la, b: lb, acc: lacc}
    hasil = hs.upper_material(areas)
    keliru = hs.upper_material({a: la, b: lb + lacc})
    assert hasil != keliru
    teks = (
        f"Luas permukaan luar bagian atas (*upper*) sebuah sepatu: {_ID[a]} {la} cm², {_ID[b]} {lb} cm², "
        f"ditambah {nama_acc} dari {_ID[b]} {lacc} cm². Apa bahan upper-nya, dan mengapa?"
    )
    benar = f"{_ID[hasil].capitalize()}: {nama_acc} tidak dihitung (Catatan 4(a) Bab 64)."
    salah = [
        f"{_ID[keliru].capitalize()}: luas {_ID[b]} {lb + lacc} cm² paling besar (Catatan 4(a) Bab 64).",
        f"{_ID[hasil].capitalize()}: bahan upper ditentukan oleh sol luar (Catatan 4(b) Bab 64).",
        f"{_ID[keliru].capitalize()}: {nama_acc} tidak dihitung (Catatan 3 Bab 64).",
    ]
    return dict(teks=teks, pilih=(benar, salah), data={"luas": areas})


def eks02_sol(f: str) -> dict:
    (a, la), (b, lb), (att, nama_att, latt) = {
        "pre": (
            ("leather", 70),
            ("rubber_plastics", 55),
            ("rubber_plastics:protector", "pelindung (*protector*)", 25),
        ),
        "post": (("rubber_plastics", 64), ("leather", 58), ("leather:bar", "batang (*bar*)", 12)),
    }[f]
    areas = {a: la, b: lb, att: latt}
    hasil = hs.outsole_material(areas)
    keliru = hs.outsole_material({a: la, b: lb + latt})
    assert hasil != keliru
    teks = (
        f"Bagian sol luar sebuah sepatu yang bersentuhan dengan tanah: {_ID[a]} {la} cm², {_ID[b]} {lb} cm², "
        f"ditambah {nama_att} dari {_ID[b]} {latt} cm². Apa bahan sol luarnya, dan mengapa?"
    )
    benar = f"{_ID[hasil].capitalize()}: {nama_att.split(' (')[0]} tidak dihitung (Catatan 4(b) Bab 64)."
    salah = [
        f"{_ID[keliru].capitalize()}: luas {_ID[b]} {lb + latt} cm² paling besar (Catatan 4(b) Bab 64).",
        f"{_ID[hasil].capitalize()}: bahan sol luar mengikuti bahan upper (Catatan 4(a) Bab 64).",
        f"{_ID[keliru].capitalize()}: {nama_att.split(' (')[0]} tidak dihitung (Catatan 3 Bab 64).",
    ]
    return dict(teks=teks, pilih=(benar, salah), data={"luas_tapak": areas})


def eks02_hs6(f: str) -> dict:
    spec = {
        "pre": dict(
            upper={"leather": 40, "textile": 30, "textile:ornament": 15},
            uraian="kulit 40 cm², tekstil 30 cm², ditambah hiasan dari tekstil 15 cm²",
            sol="rubber_plastics",
            ankle=True,
            produk="Sepatu kerja pria buatan IKM di Kelurahan Prajurit Kulon",
        ),
        "post": dict(
            upper={"textile": 36, "leather": 31, "leather:eyelet_stay": 10},
            uraian="tekstil 36 cm², kulit 31 cm², ditambah penguat lubang tali dari kulit 10 cm²",
            sol="leather",
            ankle=False,
            produk="Sepatu santai wanita buatan IKM di Kelurahan Blooto",
        ),
    }[f]
    upper = hs.upper_material(spec["upper"])
    kode = hs.classify_footwear(upper, spec["sol"], covers_ankle=spec["ankle"])
    # the answer of someone who counts the accessory as upper material
    plain = {k: v for k, v in spec["upper"].items() if ":" not in k}
    for k, v in spec["upper"].items():
        if ":" in k:
            plain[k.split(":")[0]] += v
    keliru = hs.classify_footwear(hs.upper_material(plain), spec["sol"], covers_ankle=spec["ankle"])
    lain_ankle = hs.classify_footwear(upper, spec["sol"], covers_ankle=not spec["ankle"])
    sol_lain = "leather" if spec["sol"] != "leather" else "rubber_plastics"
    lain_sol = hs.classify_footwear(upper, sol_lain, covers_ankle=spec["ankle"])
    salah = [
        c for c in dict.fromkeys([keliru, lain_sol, lain_ankle, "6405.10", "6405.20"]) if c != kode
    ][:3]
    assert keliru in salah and len(salah) == 3
    teks = (
        f"{spec['produk']}. Luas permukaan luar upper: {spec['uraian']}. Sol luar dari "
        f"{_ID[spec['sol']]}; sepatu {'menutup' if spec['ankle'] else 'tidak menutup'} mata kaki; bukan "
        "sepatu olahraga, tanpa pelindung jari dari logam. Subpos HS enam digit mana yang tepat?"
    )
    return dict(
        teks=teks,
        pilih=(kode, salah),
        langkah=3,
        data={"upper": spec["upper"], "sol": spec["sol"], "mata_kaki": spec["ankle"]},
    )


def eks02_bagian(f: str) -> dict:
    satu, dua = {
        "pre": ("upper jadi yang belum dipasang sol", "tali sepatu"),
        "post": ("sol luar dari karet yang siap dipasang", "mata ayam (*eyelet*) dari logam"),
    }[f]
    assert any(w in " ".join(hs.NOT_PARTS).lower() for w in ("laces", "tali", "eyelet"))
    teks = (
        f"Sebuah IKM mengirim dua barang terpisah ke pabrik sepatu di Vietnam: (1) {satu}; (2) {dua}. "
        "Apakah masing-masing masuk pos 6406 (bagian alas kaki)?"
    )
    ya1 = "(1) Ya, pos 6406 sebagai bagian alas kaki"
    tidak1 = "(1) Tidak, karena belum menjadi sepatu utuh, masuk pos 6403 atau 6402"
    tidak2 = (
        f"(2) tidak, {dua} dikecualikan dari 'bagian' oleh Catatan 2 Bab 64 dan masuk pos lain."
    )
    ya2 = "(2) ya, pos 6406 karena dipakai pada sepatu."
    return dict(
        teks=teks,
        pilih=(f"{ya1}; {tidak2}", [f"{ya1}; {ya2}", f"{tidak1}; {tidak2}", f"{tidak1}; {ya2}"]),
    )


def eks02_btki(f: str) -> dict:
    if f == "pre":
        teks = (
            "Invoice lama IKM Anda hanya menulis kode HS enam digit dari buku pelatihan. Petugas PPJK "
            "berkata PEB Anda memerlukan pos tarif yang benar. Kode apa yang Anda tulis di PEB?"
        )
        benar = (
            "Pos tarif delapan digit dari BTKI 2022; PEB dengan kode yang bukan BTKI 2022 ditolak."
        )
        salah = [
            "Kode enam digit dari invoice, karena kode HS sama di seluruh dunia.",
            "Kode KBLI 15201 dari NIB, karena itu kode resmi usaha alas kaki.",
            "Pos tarif delapan digit dari BTKI 2022, tetapi kode lama juga tetap diterima bila sudah pernah dipakai.",
        ]
    else:
        teks = (
            "Anda menyalin pos tarif delapan digit dari PEB yang Anda kirim tahun 2020, sebelum BTKI 2022 "
            "berlaku. Sekarang Anda menyiapkan PEB baru. Apa yang Anda lakukan dengan kode itu?"
        )
        benar = (
            "Memeriksa dan mengganti kodenya dengan pos tarif BTKI 2022 (lihat korelasi kode lama ke baru); "
            "PEB dengan kode yang bukan BTKI 2022 ditolak."
        )
        salah = [
            "Menulis kode enam digitnya saja, karena kode HS enam digit sama di seluruh dunia dan PEB tidak "
            "memerlukan pos tarif delapan digit.",
            "Menulis kode KBLI 15201 dari NIB, karena itu kode resmi usaha alas kaki yang juga dipakai Bea Cukai "
            "untuk memeriksa PEB.",
            "Memakai kode lama itu, karena pos tarif yang sudah pernah dipakai di PEB yang diterima tetap berlaku "
            "walaupun buku tarifnya sudah berganti sejak itu.",
        ]
    return dict(teks=teks, pilih=(benar, salah))


# =============================================================================================
# BYA-01
# =============================================================================================


def bya01_kulit(f: str) -> dict:
    p = {
        "pre": dict(vamp=3.4, quarter=1.6, lidah=0.7, susut=0.12, harga=38_000),
        "post": dict(vamp=3.6, quarter=1.5, lidah=0.6, susut=0.10, harga=42_000),
    }[f]
    bersih = 2 * (
        p["vamp"] + 2 * p["quarter"] + p["lidah"]
    )  # one shoe has two quarters; a pair is two shoes
    biaya = costing.leather_cost(bersih, p["harga"], p["susut"])
    teks = (
        f"Pola kulit atasan **satu sepatu**: *vamp* {num(p['vamp'], 1)} dm², dua *quarter* masing-masing "
        f"{num(p['quarter'], 1)} dm², lidah {num(p['lidah'], 1)} dm². Susut potong {num(p['susut'] * 100, 0)}% "
        f"dari luas bersih. Harga kulit {rp(p['harga'])} per ft². Berapa biaya kulit atasan **per pasang** "
        "(rupiah)?"
    )
    return dict(
        teks=teks,
        angka=biaya,
        satuan="rupiah",
        # 0.5 %: the area in ft2 rounded to two decimals on paper moves the cost by up to ~0.3 %
        toleransi=0.005,
        mutlak=1,
        langkah=4,
        data=p,
    )


def bya01_impor(f: str) -> dict:
    baris = {
        "pre": [
            ("Kulit sapi (lokal)", 2.2, "ft²", 36_000, False),
            ("Kain pelapis (lokal)", 1.5, "dm²", 1_200, False),
            ("Sol TPR (impor)", 1, "pasang", 14_500, True),
            ("Lem PU (impor)", 40, "gram", 95, True),
            ("Tali dan aksesori (impor)", 1, "pasang", 3_800, True),
        ],
        "post": [
            ("Kulit kambing (lokal)", 2.0, "ft²", 41_000, False),
            ("Kain pelapis (lokal)", 1.8, "dm²", 1_100, False),
            ("Sol karet (impor)", 1, "pasang", 16_200, True),
            ("Lem PU (impor)", 35, "gram", 110, True),
            ("Gesper dan hiasan (impor)", 1, "pasang", 4_300, True),
        ],
    }[f]
    lines = [costing.MaterialLine(n, q, u, p, imported=i) for n, q, u, p, i in baris]
    porsi = costing.imported_share(lines) * 100
    tabel = "\n".join(
        f"| {n} | {num(q, 1) if q != int(q) else int(q)} {u} | {rp(p)} per {u.replace('pasang', 'pasang')} |"
        for n, q, u, p, _ in baris
    )
    teks = (
        "Daftar bahan (*bill of materials*) sepasang sepatu:\n\n"
        "| Bahan | Kebutuhan per pasang | Harga |\n|---|---|---|\n"
        f"{tabel}\n\nBerapa persen biaya bahan per pasang yang berasal dari bahan impor?"
    )
    return dict(
        teks=teks,
        angka=porsi,
        satuan="persen",
        toleransi=0.01,
        mutlak=0.1,
        langkah=3,
        rujukan=0,
        data={"baris": baris},
    )


def bya01_upah(f: str) -> dict:
    p = {
        "pre": dict(
            upah=2_900_000,
            hari=25,
            jam=8,
            menit=(("potong", 9), ("jahit", 34), ("rakit", 21), ("finishing", 8)),
        ),
        "post": dict(
            upah=3_100_000,
            hari=26,
            jam=7,
            menit=(("potong", 11), ("jahit", 31), ("rakit", 24), ("finishing", 7)),
        ),
    }[f]
    per_menit = costing.wage_per_minute(p["upah"], p["hari"], p["jam"])
    total = costing.labour_cost(costing.Operation(n, m, per_menit) for n, m in p["menit"])
    proses = ", ".join(f"{n} {m} menit" for n, m in p["menit"])
    teks = (
        f"Upah bulanan pekerja {rp(p['upah'])}, {p['hari']} hari kerja sebulan, {p['jam']} jam sehari. Waktu kerja "
        f"per pasang: {proses}. Semua proses dikerjakan pekerja dengan upah yang sama. Berapa biaya upah per "
        "pasang (rupiah)?"
    )
    return dict(
        teks=teks,
        angka=total,
        satuan="rupiah",
        toleransi=0.001,
        mutlak=1,
        langkah=3,
        rujukan=0,
        data=p,
    )


def bya01_overhead(f: str) -> dict:
    p = {
        "pre": dict(
            listrik=1_800_000, sewa_tahun=21_600_000, susut=600_000, rawat=350_000, pasang=900
        ),
        "post": dict(
            listrik=2_100_000, sewa_tahun=26_400_000, susut=450_000, rawat=400_000, pasang=1_100
        ),
    }[f]
    sebulan = p["listrik"] + p["sewa_tahun"] / 12 + p["susut"] + p["rawat"]
    hasil = costing.overhead_per_pair(sebulan, p["pasang"])
    teks = (
        f"Biaya pabrik sebuah IKM: listrik {rp(p['listrik'])} per bulan, sewa tempat {rp(p['sewa_tahun'])} per "
        f"**tahun**, penyusutan mesin {rp(p['susut'])} per bulan, perawatan mesin {rp(p['rawat'])} per bulan. "
        f"Produksinya {num(p['pasang'], 0)} pasang sebulan. Berapa overhead per pasang (rupiah)?"
    )
    return dict(
        teks=teks,
        angka=hasil,
        satuan="rupiah",
        toleransi=0.001,
        mutlak=1,
        langkah=3,
        rujukan=0,
        data=p,
    )


def bya01_hpp(f: str) -> dict:
    p = {
        "pre": dict(
            bahan=86_500, menit=70, upah=2_800_000, hari=25, jam=8, overhead=9_000_000, pasang=750
        ),
        "post": dict(
            bahan=92_300, menit=64, upah=3_000_000, hari=26, jam=8, overhead=10_500_000, pasang=840
        ),
    }[f]
    per_menit = costing.wage_per_minute(p["upah"], p["hari"], p["jam"])
    total = costing.cost_per_pair(
        [costing.MaterialLine("bahan", 1, "pasang", p["bahan"])],
        [costing.Operation("semua", p["menit"], per_menit)],
        costing.overhead_per_pair(p["overhead"], p["pasang"]),
    ).total
    teks = (
        f"Biaya bahan sepasang sepatu {rp(p['bahan'])}. Sepasang memerlukan {p['menit']} menit kerja; upah "
        f"bulanan {rp(p['upah'])} untuk {p['hari']} hari kerja × {p['jam']} jam. Overhead pabrik "
        f"{rp(p['overhead'])} sebulan untuk {num(p['pasang'], 0)} pasang. Berapa HPP per pasang (rupiah)?"
    )
    return dict(
        teks=teks,
        angka=total,
        satuan="rupiah",
        toleransi=0.001,
        mutlak=1,
        langkah=4,
        rujukan=0,
        data=p,
    )


# =============================================================================================
# EKS-03
# =============================================================================================


def eks03_fob(f: str) -> dict:
    p = {
        "pre": dict(hpp=185_000, margin=0.20, biaya=9_500, beli=16_250, jual=16_400),
        "post": dict(hpp=204_000, margin=0.18, biaya=11_200, beli=16_480, jual=16_630),
    }[f]
    fob_rp = pricing.price_from_margin_on_cost(p["hpp"], p["margin"]) + p["biaya"]
    usd = pricing.usd_price_from_idr(fob_rp, pricing.BankRates(p["beli"], p["jual"]))
    teks = (
        f"HPP sepasang sepatu {rp(p['hpp'])}. Margin {num(p['margin'] * 100, 0)}% dihitung dari HPP. Biaya sampai "
        f"barang di atas kapal di Tanjung Perak (truk, bongkar muat, dokumen) {rp(p['biaya'])} per pasang, "
        f"ditambahkan sesudah margin. Kurs bank hari ini: kurs beli {rp(p['beli'])}, kurs jual {rp(p['jual'])} "
        "per USD. Berapa harga FOB per pasang dalam USD?"
    )
    return dict(teks=teks, angka=usd, satuan="USD", toleransi=0.003, mutlak=0.01, langkah=3, data=p)


def eks03_cif(f: str) -> dict:
    p = {
        "pre": dict(fob=14.20, pasang=2_400, ongkos=2_160, premi=0.004, tujuan="Busan"),
        "post": dict(fob=15.60, pasang=3_000, ongkos=2_550, premi=0.003, tujuan="Rotterdam"),
    }[f]
    cfr = pricing.cfr_price(p["fob"], p["ongkos"] / p["pasang"])
    cif = pricing.cif_from_cfr(cfr, p["premi"])
    teks = (
        f"Pembeli meminta harga CIF {p['tujuan']} untuk {num(p['pasang'], 0)} pasang dalam satu kontainer. Harga FOB "
        f"Anda USD {num(p['fob'])} per pasang. Ongkos kapal ke {p['tujuan']} USD {num(p['ongkos'], 0)} per kontainer. "
        f"Premi asuransi {num(p['premi'] * 100, 1)}% dari nilai yang diasuransikan (110% dari harga CIF). "
        "Berapa harga CIF per pasang (USD)?"
    )
    return dict(teks=teks, angka=cif, satuan="USD", toleransi=0.002, mutlak=0.01, langkah=3, data=p)


def eks03_incoterm(f: str) -> dict:
    if f == "pre":
        teks = (
            'Pesan pembeli dari Korea: *"Our forwarder will collect the container at your warehouse in '
            "Mojokerto. Please clear the goods for export. We pay the sea freight, and the risk is ours once the "
            "container is loaded on our forwarder's truck.\"* (Forwarder pembeli mengambil kontainer di gudang "
            "Anda; Anda mengurus ekspor; pembeli membayar ongkos laut dan menanggung risiko sejak kontainer naik "
            "truk forwarder.) Aturan Incoterms® 2020 mana yang cocok?"
        )
        benar, salah = (
            "FCA (gudang penjual, Mojokerto)",
            [
                "FOB (pelabuhan muat, Tanjung Perak)",
                "EXW (gudang penjual, Mojokerto)",
                "CPT (tempat tujuan, Busan)",
            ],
        )
    else:
        teks = (
            'Pesan pembeli dari Amerika Serikat: *"Please deliver to our warehouse in Los Angeles and unload the '
            'cartons at our dock. We handle US import clearance and pay the duties."* (Kirim sampai gudang '
            "pembeli dan turunkan kartonnya; pembeli mengurus impor dan membayar bea masuk.) Aturan Incoterms® "
            "2020 mana yang cocok?"
        )
        benar, salah = (
            "DPU (gudang pembeli, Los Angeles)",
            [
                "DAP (gudang pembeli, Los Angeles)",
                "DDP (gudang pembeli, Los Angeles)",
                "CIP (tempat tujuan, Los Angeles)",
            ],
        )
    from alaskaki.domain import incoterms

    code = benar.split()[0]
    r = incoterms.rule(code)
    assert r.export_clearance_by == incoterms.SELLER and r.import_clearance_by == incoterms.BUYER
    return dict(teks=teks, pilih=(benar, salah))


def eks03_inkaso(f: str) -> dict:
    if f == "pre":
        teks = (
            "Pembeli baru di Jerman mengusulkan: dokumen pengapalan dikirim lewat bank, dan ia membayar 60 hari "
            "sesudah menerima dokumen (wesel berjangka). Cara pembayaran apa ini, dan apa risikonya bagi IKM Anda?"
        )
        benar = (
            "D/A: dokumen diserahkan ketika pembeli mengaksep wesel; IKM menanggung risiko pembeli tidak membayar "
            "pada jatuh tempo padahal barang sudah diambil."
        )
        salah = [
            "D/P: dokumen baru diserahkan setelah pembeli membayar; risikonya hanya keterlambatan pembayaran, "
            "barang tetap aman di tangan bank.",
            "L/C: bank pembeli menjamin pembayaran asal dokumen sesuai, sehingga usulan ini hampir tanpa risiko "
            "bagi IKM Anda sebagai penjual.",
            "D/A: dokumen diserahkan ketika pembeli mengaksep wesel; bank wajib menyimpan dan mengasuransikan "
            "barang bila pembeli tidak membayar saat jatuh tempo.",
        ]
    else:
        teks = (
            "Pembeli di Belanda mengusulkan: dokumen pengapalan dikirim lewat bank, dan ia membayar ketika bank "
            "menyerahkan dokumen kepadanya (wesel atas unjuk). Cara pembayaran apa ini, dan apa risikonya bagi "
            "IKM Anda?"
        )
        benar = (
            "D/P: dokumen diserahkan setelah pembeli membayar; bila pembeli menolak, barang tertahan dan bank "
            "tidak wajib menyimpan atau mengasuransikannya."
        )
        salah = [
            "D/A: dokumen diserahkan ketika pembeli mengaksep wesel; risikonya pembeli tidak membayar pada jatuh "
            "tempo padahal barang sudah diambilnya.",
            "L/C: bank pembeli menjamin pembayaran asal dokumen sesuai, sehingga usulan ini hampir tanpa risiko "
            "bagi IKM Anda sebagai penjual.",
            "D/P: dokumen diserahkan setelah pembeli membayar; bila pembeli menolak, bank wajib menyimpan dan "
            "mengasuransikan barang sampai ada pembeli lain.",
        ]
    return dict(teks=teks, pilih=(benar, salah))


def eks03_lc(f: str) -> dict:
    if f == "pre":
        teks = (
            "Pembayaran dengan L/C. Invoice dan packing list menulis 2.400 pasang, tetapi B/L menulis 2.340 "
            "pasang. Barang yang dimuat sebenarnya 2.400 pasang. Apa yang terjadi bila dokumen diserahkan ke "
            "bank seperti itu, dan apa yang Anda lakukan?"
        )
    else:
        teks = (
            "Pembayaran dengan L/C. Packing list menulis berat kotor 1.240 kg, tetapi B/L menulis 1.420 kg. "
            "Timbangan di gudang menunjukkan 1.240 kg. Apa yang terjadi bila dokumen diserahkan ke bank "
            "seperti itu, dan apa yang Anda lakukan?"
        )
    benar = (
        "Bank menilai dokumen, bukan barang: dokumen yang tidak sesuai dapat ditolak dan pembayaran "
        "tertahan; minta B/L diperbaiki dulu."
    )
    salah = [
        "Bank memeriksa barang di pelabuhan, jadi selisih di dokumen tidak berpengaruh selama barang yang "
        "dimuat sesuai pesanan; serahkan saja.",
        "Bank menilai dokumen, bukan barang; tetapi selisih kecil antardokumen selalu diterima bank, jadi "
        "serahkan saja tanpa perbaikan.",
        "Bank memeriksa barang di pelabuhan; minta pembeli datang memeriksa barang dan menandatangani berita "
        "acara sebelum membayar lewat bank.",
    ]
    return dict(teks=teks, pilih=(benar, salah))


# =============================================================================================
# MTU-01
# =============================================================================================


def mtu01_kelas(f: str) -> dict:
    if f == "pre":
        a = "ujung paku di dalam sepatu menembus sol dalam dan dapat melukai kaki"
        b = "sol lepas 1 cm di ujung depan karena lem tidak merekat; pembeli kemungkinan mengembalikan sepatu"
        benar = ("kritis", "mayor")
    else:
        a = "kadar krom VI kulit pelapis 5 mg/kg, untuk pesanan ke Uni Eropa"
        b = "sisa benang 2 mm di bagian dalam yang tidak terlihat saat dipakai; sepatu tetap layak jual"
        benar = ("kritis", "minor")
    kelas = ["kritis", "mayor", "minor"]
    combos = [(x, y) for x in kelas for y in kelas if x != "minor"]
    salah_combos = [c for c in combos if c != benar and (c[0] == benar[0] or c[1] == benar[1])][:3]
    fmt = lambda c: f"(a) {c[0]}; (b) {c[1]}"  # noqa: E731
    teks = f"Dua temuan pemeriksaan akhir: (a) {a}; (b) {b}. Masuk kelas cacat apa masing-masing?"
    return dict(teks=teks, pilih=(fmt(benar), [fmt(c) for c in salah_combos]))


def mtu01_sampel(f: str) -> dict:
    karton, isi, mayor, minor = {"pre": (4, 12, 2.5, 4.0), "post": (33, 12, 0.65, 2.5)}[f]
    lot = karton * isi  # the lot is the shipment, counted from its cartons
    p1 = quality.sampling_plan(lot, mayor, "II")
    p2 = quality.sampling_plan(lot, minor, "II")
    n = max(p1.units_to_inspect, p2.units_to_inspect)
    naive = quality.plan_for_code(quality.code_letter(lot, "II"), 6.5).sample_size  # arrows ignored
    assert p1.arrow_followed or p2.arrow_followed
    assert n != naive and p1.sample_size != p2.sample_size
    teks = (
        f"Satu lot adalah satu kiriman: {karton} karton berisi {isi} pasang. Tingkat pemeriksaan umum II, "
        "pemeriksaan normal sampling tunggal. Pembeli "
        f"menetapkan AQL {num(mayor, 2 if mayor < 1 else 1)} untuk cacat mayor dan AQL {num(minor, 1)} untuk cacat "
        "minor. Anda mengambil satu sampel untuk kedua kelas cacat, memakai rencana yang sampelnya paling besar. "
        "Berapa pasang yang Anda ambil sebagai sampel?"
    )
    return dict(
        teks=teks,
        angka=n,
        satuan="pasang",
        toleransi=0,
        mutlak=0,
        langkah=4,
        data={"karton": karton, "isi": isi, "aql_mayor": mayor, "aql_minor": minor},
    )


def mtu01_keputusan(f: str) -> dict:
    lot, d_mayor, d_minor = {"pre": (800, 5, 8), "post": (2_500, 8, 10)}[f]
    pm = quality.sampling_plan(lot, 2.5, "II")
    pn = quality.sampling_plan(lot, 4.0, "II")
    hm = quality.lot_decision(pm, d_mayor)
    hn = quality.lot_decision(pn, d_minor)
    # both counts sit on a boundary (Ac or Re): reading the table off by one row changes the decision
    assert d_mayor in (pm.accept, pm.reject) and d_minor in (pn.accept, pn.reject)
    jawab = {
        ("terima", "terima"): "Terima lot.",
        ("tolak", "terima"): "Tolak lot karena cacat mayor.",
        ("terima", "tolak"): "Tolak lot karena cacat minor.",
        ("tolak", "tolak"): "Tolak lot karena cacat mayor dan cacat minor.",
    }
    benar = jawab[(hm, hn)]
    teks = (
        f"Lot {num(lot, 0)} pasang, tingkat II, pemeriksaan normal sampling tunggal; AQL 2,5 untuk cacat mayor "
        f"dan AQL 4,0 untuk cacat minor. Dalam sampel ditemukan 0 cacat kritis, {d_mayor} pasang cacat mayor "
        f"dan {d_minor} pasang cacat minor. Apa keputusan untuk lot ini?"
    )
    return dict(
        teks=teks,
        pilih=(benar, [v for v in jawab.values() if v != benar]),
        langkah=3,
        data={"lot": lot, "mayor": d_mayor, "minor": d_minor},
    )


def mtu01_sni(f: str) -> dict:
    from alaskaki.domain import inspection

    if f == "pre":
        teks = (
            "Sebuah IKM ingin membuat sepatu pengaman (*safety shoes*) berujung baja untuk dijual ke pabrik-"
            "pabrik di Jawa Timur. Apakah ada SNI wajib, dan apa yang harus dilakukan?"
        )
        assert inspection.sni_mandatory("sepatu pengaman (safety shoes)")
        assert not inspection.sni_mandatory("sepatu santai (kasual)")
        benar = (
            "Ada: SNI sepatu pengaman wajib; ajukan sertifikasi SNI lewat SIINas sebelum menjual."
        )
        salah = [
            "Tidak ada: mutu alas kaki untuk pasar dalam negeri selalu ditentukan oleh pembeli, termasuk sepatu pengaman.",
            "Ada: SNI wajib berlaku untuk semua sepatu kulit; cukup uji rekat sol (ISO 17708).",
            "Tidak ada: cukup uji kadar krom VI karena pembelinya pabrik.",
        ]
    else:
        teks = (
            "Sebuah IKM membuat sepatu kasual kulit (bukan sepatu pengaman) untuk toko-toko di Surabaya. "
            "Apakah ada SNI wajib, dan apa yang menentukan mutunya?"
        )
        benar = "Tidak ada: SNI wajib alas kaki hanya untuk sepatu pengaman; mutu mengikuti permintaan pembeli."
        salah = [
            "Ada: SNI sepatu pengaman berlaku untuk semua sepatu kulit; ajukan lewat SIINas.",
            "Ada: semua alas kaki wajib SNI sejak 2025; cukup uji rekat sol (ISO 17708) di laboratorium mana pun.",
            "Tidak ada: tetapi setiap lot wajib lulus uji kadar krom VI menurut aturan Indonesia.",
        ]
    return dict(teks=teks, pilih=(benar, salah))


def mtu01_ukuran(f: str) -> dict:
    mondo, longgar, tersedia = {
        "pre": (254, 15, (39, 40, 41, 42)),
        "post": (245, 18, (38, 39, 40, 41)),
    }[f]
    eu = sizes.eu_size(mondo, longgar)
    pilih = min(s for s in tersedia if s >= eu)
    assert pilih != round(eu)  # rounding to the nearest size gives a last that is too short
    teks = (
        f"Pembeli dari Korea memesan ukuran Mondopoint {mondo}. Acuan (*last*) Anda dibuat {longgar} mm lebih "
        f"panjang daripada kaki. Anda punya acuan ukuran EU {', '.join(str(s) for s in tersedia)}. Acuan ukuran "
        "EU berapa yang Anda pakai, yaitu ukuran terkecil yang tidak lebih pendek dari hasil hitungan?"
    )
    return dict(
        teks=teks,
        angka=pilih,
        satuan="ukuran EU",
        toleransi=0,
        mutlak=0,
        langkah=3,
        data={"mondopoint": mondo, "kelonggaran": longgar, "tersedia": tersedia},
    )


# =============================================================================================
# EKS-04
# =============================================================================================


def eks04_invoice(f: str) -> dict:
    baris, diskon = {
        "pre": (
            [
                ("Model Arjuna", 480, 13.75),
                ("Model Brawijaya", 360, 15.40),
                ("Model Candi", 240, 17.10),
            ],
            0.03,
        ),
        "post": (
            [("Model Dewi", 420, 14.25), ("Model Empu", 300, 16.10), ("Model Gajah", 360, 12.90)],
            0.02,
        ),
    }[f]
    inv = documents.CommercialInvoice(
        "INV",
        "IKM",
        "Buyer",
        "USD",
        "FOB",
        tuple(documents.InvoiceLine(n, "6403.99", q, p) for n, q, p in baris),
    )
    total = inv.total_value * (1 - diskon)
    daftar = "; ".join(f"{n} {q} pasang × USD {num(p)}" for n, q, p in baris)
    teks = (
        f"Pesanan pembeli (FOB Tanjung Perak): {daftar}. Pembeli mendapat potongan {num(diskon * 100, 0)}% dari "
        "jumlah seluruh pesanan. Berapa nilai yang Anda tulis sebagai total invoice (USD)?"
    )
    return dict(
        teks=teks,
        angka=total,
        satuan="USD",
        toleransi=0.0005,
        mutlak=0.05,
        langkah=3,
        rujukan=0,
        data={"baris": baris, "diskon": diskon},
    )


def eks04_packing(f: str) -> dict:
    p = {
        "pre": dict(pasang=1_080, per_karton=12, bersih_pasang=0.85, karton=1.4),
        "post": dict(pasang=1_260, per_karton=18, bersih_pasang=0.72, karton=1.6),
    }[f]
    jumlah = p["pasang"] // p["per_karton"]
    nett = p["bersih_pasang"] * p["per_karton"]
    pl = documents.PackingList(
        "PL",
        "Buyer",
        (
            documents.PackingLine(
                "Sepatu", jumlah, p["per_karton"], round(nett, 3), round(nett + p["karton"], 3)
            ),
        ),
    )
    teks = (
        f"Pesanan {num(p['pasang'], 0)} pasang dikemas {p['per_karton']} pasang per karton. Berat bersih sepasang "
        f"sepatu (dengan kotaknya) {num(p['bersih_pasang'])} kg; berat satu karton kosong {num(p['karton'], 1)} kg. "
        "Berapa total berat kotor yang Anda tulis di packing list (kg)?"
    )
    return dict(
        teks=teks,
        angka=pl.total_gross_weight,
        satuan="kg",
        toleransi=0.001,
        mutlak=0.05,
        langkah=3,
        rujukan=0,
        data=p,
    )


def eks04_angkut(f: str) -> dict:
    if f == "pre":
        teks = (
            "Anda mengirim 36 pasang sepatu contoh lewat udara ke pembeli di Busan. Dokumen angkut apa yang "
            "Anda terima dari pengangkut, dan apa yang dilakukan dengan datanya?"
        )
        benar = "Air waybill (dokumen angkutan udara); nomor dan datanya dicatat dalam PEB."
        salah = [
            "Bill of lading; nomor dan datanya dicatat dalam PEB sebagai dokumen angkut.",
            "Air waybill; datanya tidak perlu dicatat karena PEB hanya memuat invoice.",
            "Sea waybill; datanya tidak perlu dicatat karena PEB hanya memuat invoice.",
        ]
    else:
        teks = (
            "Anda mengirim satu kontainer lewat laut dengan pembayaran L/C. Bank pembeli meminta dokumen "
            "angkut yang dapat dipindahtangankan (*negotiable*). Dokumen angkut apa yang Anda minta dari "
            "pengangkut, dan apa yang dilakukan dengan datanya?"
        )
        benar = "Bill of lading (konosemen); nomor dan datanya dicatat dalam PEB."
        salah = [
            "Sea waybill yang tidak dapat dipindahtangankan; nomor dan datanya dicatat dalam PEB.",
            "Bill of lading; datanya tidak perlu dicatat karena PEB hanya memuat invoice.",
            "Air waybill; datanya tidak perlu dicatat karena PEB hanya memuat invoice.",
        ]
    return dict(teks=teks, pilih=(benar, salah))


_FIELDS = ("quantity", "cartons", "gross_weight", "value", "currency", "incoterm")


def eks04_cocok(f: str) -> dict:
    p, salah_field, ubah = {
        "pre": (
            dict(pasang=1_200, harga=14.50, karton=100, isi=12, kotor=10.6),
            "gross_weight",
            1_160.0,
        ),
        "post": (dict(pasang=960, harga=16.25, karton=80, isi=12, kotor=11.2), "value", 16_500.0),
    }[f]
    nett = round(p["kotor"] - 1.5, 1)
    inv = documents.CommercialInvoice(
        "INV",
        "IKM",
        "Buyer Co",
        "USD",
        "FOB",
        (documents.InvoiceLine("Sepatu", "6403.99", p["pasang"], p["harga"]),),
    )
    pl = documents.PackingList(
        "PL",
        "Buyer Co",
        (documents.PackingLine("Sepatu", p["karton"], p["isi"], nett, p["kotor"]),),
    )
    peb = dict(
        exporter="IKM",
        consignee="Buyer Co",
        hs_codes=("6403.99",),
        quantity=p["pasang"],
        cartons=p["karton"],
        net_weight=pl.total_net_weight,
        gross_weight=pl.total_gross_weight,
        value=inv.total_value,
        currency="USD",
        incoterm="FOB",
    )
    peb[salah_field] = ubah
    pd = documents.ExportDeclaration(**peb)
    kinds = {m.kind for m in documents.check_consistency(inv, pl, pd)}
    assert kinds == {salah_field}, kinds
    teks = (
        f"Invoice: {num(p['pasang'], 0)} pasang × USD {num(p['harga'])}, FOB, mata uang USD. Packing list: "
        f"{p['karton']} karton × {p['isi']} pasang, berat kotor {num(p['kotor'], 1)} kg per karton. Data PEB: "
        f"{num(pd.quantity, 0)} pasang, {pd.cartons} karton, berat kotor {num(pd.gross_weight, 1)} kg, nilai "
        f"{pd.currency} {num(pd.value)}, {pd.incoterm}. Data mana yang tidak sama antardokumen?"
    )
    opsi = [documents.FIELD_NAMES[k] for k in _FIELDS]
    benar = documents.FIELD_NAMES[salah_field]
    return dict(
        teks=teks,
        opsi_tetap=(tuple(opsi), HURUF[opsi.index(benar)]),
        langkah=3,
        rujukan=0,
        data={"salah": salah_field},
    )


def eks04_perbaiki(f: str) -> dict:
    if f == "pre":
        teks = (
            "Kontrak dengan pembeli memakai FOB Tanjung Perak. Invoice dan packing list menulis FOB, tetapi draf "
            "PEB yang disiapkan PPJK menulis CIF. PEB belum dikirim. Apa yang Anda lakukan?"
        )
        benar = "Memperbaiki draf PEB menjadi FOB agar sama dengan invoice, lalu mengirimnya."
        salah = [
            "Mengubah invoice dan packing list menjadi CIF agar sama dengan PEB.",
            "Mengirim PEB apa adanya; Incoterm di PEB tidak dibandingkan dengan invoice oleh Bea Cukai.",
            "Mengirim PEB apa adanya, lalu memperbaikinya sesudah NPE terbit.",
        ]
    else:
        teks = (
            "Kontrak dengan pembeli dalam USD. Invoice dan packing list menulis USD, tetapi draf PEB yang "
            "disiapkan PPJK menulis mata uang EUR dengan angka yang sama. PEB belum dikirim. Apa yang Anda lakukan?"
        )
        benar = "Memperbaiki draf PEB menjadi USD agar sama dengan invoice, lalu mengirimnya."
        salah = [
            "Mengubah invoice dan packing list menjadi EUR agar sama dengan PEB.",
            "Mengirim PEB apa adanya; mata uang di PEB tidak dibandingkan dengan invoice oleh Bea Cukai.",
            "Mengirim PEB apa adanya, lalu memperbaikinya sesudah NPE terbit.",
        ]
    return dict(teks=teks, pilih=(benar, salah), rujukan=0, langkah=3)


# =============================================================================================
# STR-01
# =============================================================================================


def str01_swot(f: str) -> dict:
    if f == "pre":
        a = "Perajin di sentra sudah dilatih BPIPI membuat pola dan mengatur produksi."
        b = "Mulai 1 Januari 2027 sepatu Indonesia tidak lagi mendapat tarif GSP Uni Eropa."
        benar, pilihan = ("S", "T"), [("O", "T"), ("S", "W"), ("O", "W")]
    else:
        a = "Belum ada karyawan IKM yang terlatih memeriksa mutu sepatu sebelum dikirim."
        b = "IEU-CEPA sudah ditandatangani; bila berlaku, tarif alas kaki ke Uni Eropa dapat dihapus."
        benar, pilihan = ("W", "O"), [("T", "O"), ("W", "S"), ("T", "S")]
    nama = {"S": "Kekuatan (S)", "W": "Kelemahan (W)", "O": "Peluang (O)", "T": "Ancaman (T)"}
    fmt = lambda c: f"(a) {nama[c[0]]}; (b) {nama[c[1]]}"  # noqa: E731
    teks = (
        "Dari sudut pandang sebuah IKM alas kaki di Kota Mojokerto, masuk kotak SWOT mana kedua pernyataan "
        f"ini? (a) \u201c{a}\u201d (b) \u201c{b}\u201d"
    )
    return dict(teks=teks, pilih=(fmt(benar), [fmt(c) for c in pilihan]), rujukan=0)


def str01_tumbuh(f: str) -> dict:
    a, b = {"pre": (1_800, 2_250), "post": (2_400, 2_760)}[f]
    from alaskaki.domain import export_stats

    tumbuh = export_stats.growth_percent(a, b)
    hasil = b * (1 + tumbuh / 100)
    teks = (
        f"Ekspor sebuah IKM: {num(a, 0)} pasang pada 2024 dan {num(b, 0)} pasang pada 2025. Bila pertumbuhan "
        "persentasenya sama pada 2026, berapa pasang ekspor 2026?"
    )
    return dict(
        teks=teks,
        angka=hasil,
        satuan="pasang",
        toleransi=0.002,
        mutlak=1,
        langkah=2,
        rujukan=0,
        data={"2024": a, "2025": b},
    )


def str01_kapasitas(f: str) -> dict:
    p = {
        "pre": dict(pesanan=2_000, minggu=4, pekerja=8, per_hari=5, hari=6),
        "post": dict(pesanan=3_000, minggu=5, pekerja=6, per_hari=4, hari=6),
    }[f]
    satu = p["pekerja"] * p["per_hari"] * p["hari"] * p["minggu"]
    n = math.ceil(p["pesanan"] / satu)
    assert n != round(p["pesanan"] / satu)  # rounding down leaves the order short
    teks = (
        f"Sebuah eksportir mitra membutuhkan {num(p['pesanan'], 0)} pasang dalam {p['minggu']} minggu. Setiap IKM di "
        f"sentra punya {p['pekerja']} pekerja; setiap pekerja membuat {p['per_hari']} pasang sehari, {p['hari']} hari "
        "seminggu. Paling sedikit berapa IKM harus ikut agar pesanan terpenuhi?"
    )
    return dict(
        teks=teks, angka=n, satuan="IKM", toleransi=0, mutlak=0, langkah=3, rujukan=0, data=p
    )


def str01_mitra(f: str) -> dict:
    if f == "pre":
        teks = (
            "Sebuah pabrik eksportir di Kota Mojokerto mengajak IKM Anda menjadi pemasok: sepatu Anda dijual "
            "dengan merek dan atas nama pabrik. Anda tetap ingin menuju ekspor mandiri. Rencana kemitraan mana "
            "yang paling sesuai?"
        )
    else:
        teks = (
            "Seorang eksportir dari Surabaya menawarkan kontrak tiga tahun: semua produksi IKM Anda dibeli dan "
            "diekspor atas namanya. Anda tetap ingin menuju ekspor mandiri. Rencana kemitraan mana yang paling "
            "sesuai?"
        )
    benar = (
        "Menerima untuk belajar mutu dan jadwal, sambil menyiapkan NIB dan akses kepabeanan agar sebagian "
        "pesanan kemudian diekspor atas nama IKM sendiri dan tercatat sebagai produk Kota Mojokerto."
    )
    salah = [
        "Menerima dan menyerahkan semua ekspor kepada mitra seterusnya, karena yang penting bagi kota adalah "
        "jumlah pasang yang terjual, bukan atas nama siapa sepatu itu diekspor.",
        "Menolak semua kemitraan, karena ekspor mandiri berarti IKM tidak boleh bekerja sama dengan eksportir "
        "atau pabrik mana pun, juga tidak untuk belajar mutu dan jadwal.",
        "Menerima asal nama IKM ditulis di packing list dan di kotak sepatu; PEB tetap atas nama mitra "
        "seterusnya, karena itu sudah cukup untuk mencatat asal produknya di negara tujuan.",
    ]
    return dict(teks=teks, pilih=(benar, salah), rujukan=0)


def str01_penawaran(f: str) -> dict:
    p = {
        "pre": dict(hpp=176_000, biaya=8_000, margin=0.25, beli=16_300, jual=16_450),
        "post": dict(hpp=192_000, biaya=9_500, margin=0.20, beli=16_450, jual=16_600),
    }[f]
    harga_rp = pricing.price_from_margin_on_price(p["hpp"] + p["biaya"], p["margin"])
    usd = pricing.usd_price_from_idr(harga_rp, pricing.BankRates(p["beli"], p["jual"]))
    teks = (
        f"Untuk temu usaha (*business matching*) Anda menyiapkan harga penawaran FOB per pasang. HPP "
        f"{rp(p['hpp'])}, biaya sampai di atas kapal {rp(p['biaya'])} per pasang. Anda ingin margin "
        f"{num(p['margin'] * 100, 0)}% **dari harga jual** (bukan dari biaya). Kurs beli bank {rp(p['beli'])}, "
        f"kurs jual {rp(p['jual'])} per USD. Berapa harga penawaran per pasang (USD)?"
    )
    return dict(
        teks=teks,
        angka=usd,
        satuan="USD",
        toleransi=0.003,
        mutlak=0.01,
        langkah=3,
        rujukan=0,
        data=p,
    )


# =============================================================================================
# the slots
# =============================================================================================

#: (slot key, unit, criterion, skill, template) — the blueprint both forms follow.
SLOTS: tuple[tuple[str, str, str, str, object], ...] = (
    (
        "eks01_alasan",
        "EKS-01",
        "EKS-01.1.1",
        "Alasan ekspor mandiri dan langkah pertamanya",
        eks01_alasan,
    ),
    (
        "eks01_kbli",
        "EKS-01",
        "EKS-01.2.1",
        "KBLI yang sesuai dengan produk, diurus di OSS",
        eks01_kbli,
    ),
    ("eks01_akses", "EKS-01", "EKS-01.2.2", "Memeriksa akses kepabeanan sebelum PEB", eks01_akses),
    ("eks01_peb", "EKS-01", "EKS-01.3.1", "Jendela waktu pengiriman PEB", eks01_peb),
    (
        "eks01_ska_asia",
        "EKS-01",
        "EKS-01.3.2",
        "Dokumen asal barang menurut tujuan dan status eksportir",
        eks01_ska_asia,
    ),
    (
        "eks01_ska_eu",
        "EKS-01",
        "EKS-01.3.2",
        "Dokumen asal barang ke Uni Eropa menurut nilai dan tanggal pengapalan",
        eks01_ska_eu,
    ),
    (
        "eks01_kite",
        "EKS-01",
        "EKS-01.3.3",
        "Siapa boleh memakai KITE IKM dan manfaatnya",
        eks01_kite,
    ),
    (
        "eks02_upper",
        "EKS-02",
        "EKS-02.1.1",
        "Bahan upper dengan aksesori (Catatan 4(a))",
        eks02_upper,
    ),
    (
        "eks02_sol",
        "EKS-02",
        "EKS-02.1.1",
        "Bahan sol luar dengan pelengkap (Catatan 4(b))",
        eks02_sol,
    ),
    (
        "eks02_hs6",
        "EKS-02",
        "EKS-02.2.1",
        "Subpos HS enam digit dari luas bahan, sol dan mata kaki",
        eks02_hs6,
    ),
    (
        "eks02_bagian",
        "EKS-02",
        "EKS-02.2.2",
        "Bagian alas kaki dan pengecualiannya (Catatan 2)",
        eks02_bagian,
    ),
    ("eks02_btki", "EKS-02", "EKS-02.2.2", "Pos tarif BTKI 2022 untuk PEB", eks02_btki),
    (
        "bya01_kulit",
        "BYA-01",
        "BYA-01.1.1",
        "Biaya kulit per pasang dari pola, susut dan harga per ft²",
        bya01_kulit,
    ),
    ("bya01_impor", "BYA-01", "BYA-01.1.2", "Porsi bahan impor dari daftar bahan", bya01_impor),
    (
        "bya01_upah",
        "BYA-01",
        "BYA-01.2.1",
        "Upah per pasang dari upah bulanan dan menit proses",
        bya01_upah,
    ),
    (
        "bya01_overhead",
        "BYA-01",
        "BYA-01.2.2",
        "Overhead per pasang dengan biaya tahunan",
        bya01_overhead,
    ),
    (
        "bya01_hpp",
        "BYA-01",
        "BYA-01.3.1",
        "HPP per pasang dari bahan, upah dan overhead",
        bya01_hpp,
    ),
    (
        "eks03_fob",
        "EKS-03",
        "EKS-03.1.2",
        "Harga FOB dalam USD dari HPP, margin, biaya dan kurs",
        eks03_fob,
    ),
    (
        "eks03_cif",
        "EKS-03",
        "EKS-03.1.1",
        "Harga CIF per pasang dari permintaan pembeli",
        eks03_cif,
    ),
    ("eks03_incoterm", "EKS-03", "EKS-03.2.1", "Incoterm dari pesan pembeli", eks03_incoterm),
    ("eks03_inkaso", "EKS-03", "EKS-03.3.1", "Jenis inkaso dan risikonya", eks03_inkaso),
    ("eks03_lc", "EKS-03", "EKS-03.3.1", "Dokumen yang tidak sesuai dalam L/C", eks03_lc),
    ("mtu01_kelas", "MTU-01", "MTU-01.1.1", "Kelas cacat dua temuan", mtu01_kelas),
    (
        "mtu01_sampel",
        "MTU-01",
        "MTU-01.2.1",
        "Ukuran sampel untuk dua AQL (Tabel 1 dan II-A)",
        mtu01_sampel,
    ),
    (
        "mtu01_keputusan",
        "MTU-01",
        "MTU-01.2.2",
        "Keputusan lot dengan dua kelas cacat",
        mtu01_keputusan,
    ),
    ("mtu01_sni", "MTU-01", "MTU-01.3.1", "SNI wajib atau tidak untuk sebuah produk", mtu01_sni),
    (
        "mtu01_ukuran",
        "MTU-01",
        "MTU-01.3.2",
        "Ukuran acuan EU dari Mondopoint pembeli",
        mtu01_ukuran,
    ),
    ("eks04_invoice", "EKS-04", "EKS-04.1.1", "Total invoice dengan potongan", eks04_invoice),
    ("eks04_packing", "EKS-04", "EKS-04.1.1", "Berat kotor di packing list", eks04_packing),
    ("eks04_angkut", "EKS-04", "EKS-04.2.1", "Dokumen angkut dan datanya di PEB", eks04_angkut),
    (
        "eks04_cocok",
        "EKS-04",
        "EKS-04.3.1",
        "Ketidaksesuaian invoice, packing list dan PEB",
        eks04_cocok,
    ),
    ("eks04_perbaiki", "EKS-04", "EKS-04.3.1", "Dokumen mana yang diperbaiki", eks04_perbaiki),
    ("str01_swot", "STR-01", "STR-01.1.1", "Kotak SWOT dua pernyataan", str01_swot),
    (
        "str01_tumbuh",
        "STR-01",
        "STR-01.1.1",
        "Proyeksi ekspor dengan pertumbuhan yang sama",
        str01_tumbuh,
    ),
    (
        "str01_kapasitas",
        "STR-01",
        "STR-01.2.1",
        "Jumlah IKM mitra untuk sebuah pesanan",
        str01_kapasitas,
    ),
    (
        "str01_mitra",
        "STR-01",
        "STR-01.2.1",
        "Rencana kemitraan yang menuju ekspor mandiri",
        str01_mitra,
    ),
    (
        "str01_penawaran",
        "STR-01",
        "STR-01.2.2",
        "Harga penawaran untuk temu usaha",
        str01_penawaran,
    ),
)


def _make(modul: str, slot: tuple) -> Butir:
    key, unit, kriteria, skill, template = slot
    short = FORMS[modul]
    gid = f"{short}_{key}"
    spec = template(short)  # type: ignore[operator]
    common = dict(
        grade_id=gid,
        slot=key,
        unit=unit,
        kriteria=kriteria,
        keterampilan=skill,
        teks=spec["teks"],
        langkah=spec.get("langkah", 2),
        rujukan=spec.get("rujukan", 1),
        data=spec.get("data", {}),
    )
    if "angka" in spec:
        return Butir(
            jenis="angka",
            jawaban=float(spec["angka"]),
            satuan=spec.get("satuan", ""),
            toleransi=spec.get("toleransi", 0.005),
            mutlak=spec.get("mutlak", 0.5),
            **common,
        )
    if "opsi_tetap" in spec:
        opsi, huruf = spec["opsi_tetap"]
    else:
        benar, salah = spec["pilih"]
        opsi, huruf = _pilih(gid, benar, list(salah))
    _check_options(gid, opsi)
    return Butir(jenis="huruf", jawaban=huruf, opsi=tuple(opsi), **common)


_CACHE: dict[str, tuple[Butir, ...]] = {}


def form(modul: str) -> tuple[Butir, ...]:
    """Every item of one form, in order."""
    if modul not in FORMS:
        raise ValueError(f"Asesmen {modul!r} tidak dikenal. Pilih {AWAL!r} atau {AKHIR!r}.")
    if modul not in _CACHE:
        _CACHE[modul] = tuple(_make(modul, s) for s in SLOTS)
    return _CACHE[modul]


def item(grade_id: str) -> Butir:
    modul = AWAL if grade_id.startswith("pre_") else AKHIR
    for b in form(modul):
        if b.grade_id == grade_id:
            return b
    raise KeyError(f"Butir {grade_id!r} tidak ada di {modul}.")
