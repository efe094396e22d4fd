"""Exercises of module m1-ekspor-mandiri (exporting without a broker; unit EKS-01).

Every rule comes from :mod:`alaskaki.domain.procedure` (KBLI, export steps, PEB window, customs
responses, export duty) and :mod:`alaskaki.domain.origin` (proof of origin by destination and
value). This module only draws each participant's variant (products, dates, destinations, values,
the order and lettering of statements) and checks answers against the domain's results.

The true/false statements below are exercise wording of facts in the brief (§0a, §1.1–§1.6); none
of them is a rule the domain computes, except the footwear export-duty ones, whose truth comes
from :func:`procedure.export_duty_applies`.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from alaskaki.domain import origin, procedure
from alaskaki.domain.regulations import date_text
from alaskaki.exercises.base import (
    Hasil,
    Sesi,
    belum_diisi,
    lengkapi,
    pasangan,
    periksa_himpunan,
    periksa_urutan,
    rng,
)
from alaskaki.exercises.jamak import berurutan, per_nama

MODUL = "m1-ekspor-mandiri"

# Fictional firms, set in real kelurahan of Kota Mojokerto (names of firms are invented).
IKM = [
    ("UD Sepatu Miji Mandiri", "Miji"),
    ("CV Jejak Surodinawan", "Surodinawan"),
    ("UD Alas Kaki Prajurit", "Prajurit Kulon"),
    ("IKM Sandal Blooto Jaya", "Blooto"),
]

HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def tanggal_id(d: date) -> str:
    """A date written the Indonesian way, e.g. 'Senin, 9 Maret 2026'."""
    return f"{HARI[d.weekday()]}, {date_text(d)}"


# ---- statement banks (text, true?) -----------------------------------------------------------


def _bank_pernyataan() -> dict[str, tuple[list[str], list[str]]]:
    """The true and false statements of each statement exercise (alasan, akses, kite): which of
    them are true is the key, so the lists live in a marked function, not as module data a
    participant reads (R82); soal draws from them by name, as it draws from _bea_keluar_bank."""
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    alasan_benar = [
        "Produk yang diekspor lewat perantara tidak tercatat resmi sebagai produk asal Kota Mojokerto.",
        "Lewat perantara, sepatu buatan IKM bisa diklaim sebagai produk orang lain.",
        "Pemerintah Kota Mojokerto ingin IKM alas kaki mengekspor sendiri (ekspor mandiri), tanpa perantara.",
    ]
    alasan_salah = [
        "Ekspor lewat perantara membuat sepatu tercatat resmi sebagai produk asal Kota Mojokerto.",
        "Untuk ekspor mandiri, IKM wajib memakai jasa PPJK; eksportir tidak boleh mengirim PEB sendiri.",
        "Sepatu yang diekspor sendiri kena bea keluar, sedangkan lewat perantara tidak.",
    ]

    akses_benar = [
        "NIB juga berlaku sebagai akses kepabeanan.",
        "Pada pelacakan NIB di situs INSW, kategori yang seharusnya tampil adalah \u201cREC CEISA\u201d.",
        "Bila NIB belum terdaftar untuk \u201cTDP dan hak akses Kepabeanan\u201d, data diperbarui di OSS.",
        "Registrasi kepabeanan membutuhkan NIB, NPWP dan status wajib pajak yang valid.",
        "Akses kepabeanan dapat diblokir bila tidak ada kegiatan kepabeanan selama 12 bulan berturut-turut.",
    ]
    akses_salah = [
        "Akses kepabeanan harus diurus dengan izin terpisah; NIB tidak ada hubungannya dengan bea cukai.",
        "Akses kepabeanan berlaku selamanya, walaupun tidak pernah dipakai.",
        "NPWP tidak diperlukan untuk registrasi kepabeanan.",
        "Kategori \u201cREC CEISA\u201d dicek di situs e-SKA.",
    ]

    kite_benar = [
        "KITE IKM membebaskan bea masuk atas bahan impor yang diolah menjadi barang ekspor.",
        "Dengan KITE IKM, PPN impor atas bahan itu tidak dipungut.",
        "Satu IKM yang ditunjuk oleh beberapa IKM dalam satu sentra boleh mengajukan KITE IKM.",
        "Koperasi boleh mengajukan KITE IKM.",
        "Mesin yang diimpor dengan fasilitas KITE IKM wajib dipakai dalam produksi paling sedikit 2 tahun.",
    ]
    kite_salah = [
        "KITE IKM hanya untuk pabrik besar, bukan untuk industri kecil.",
        "KITE IKM membebaskan bea keluar atas sepatu yang diekspor.",
        "KITE IKM hanya berlaku untuk bahan baku; mesin dan barang contoh tidak bisa.",
    ]
    return {
        "alasan": (alasan_benar, alasan_salah),
        "akses": (akses_benar, akses_salah),
        "kite": (kite_benar, kite_salah),
    }


# Export duty: statements whose truth the domain decides (footwear HS 64), and facts of its list.
_HS_CONTOH = {"sepatu kulit": "6403", "sandal karet": "6402", "sepatu kanvas": "6404"}


def _bea_keluar_bank() -> list[tuple[str, bool]]:
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    bank = []
    for produk, hs in _HS_CONTOH.items():
        kena = procedure.export_duty_applies(hs) is True
        bank.append((f"Ekspor {produk} (HS Bab 64) dikenai bea keluar.", kena))
    # Jobs on a PEB, not the size of the list (issue 15 req. 4: the count "memuat 6 kelompok" was recall). Same
    # places in the bank as the two count statements they replace, so every variant draws what it drew before.
    bank += [
        (
            "PEB kiriman sandal karet tidak perlu dilampiri bukti bayar bea keluar.",
            procedure.export_duty_applies("6402") is False,
        ),
        ("Biji kakao termasuk barang yang dikenai bea keluar.", True),
        ("Getah pinus termasuk barang yang dikenai bea keluar.", True),
        ("Bukti bayar bea keluar selalu harus dilampirkan pada PEB sepatu.", False),
        (
            "IKM harus membayar bea keluar dulu sebelum mengirim PEB untuk sepatu kanvas.",
            procedure.export_duty_applies("6404") is True,
        ),
    ]
    return bank


def _huruf(n: int) -> list[str]:
    return list(string.ascii_uppercase[:n])


def _pilih_pernyataan(r, benar: list[str], salah: list[str], n_benar: int, n_salah: int):
    items = [(t, True) for t in r.sample(benar, n_benar)] + [
        (t, False) for t in r.sample(salah, n_salah)
    ]
    r.shuffle(items)
    letters = _huruf(len(items))
    shown = [{"huruf": h, "pernyataan": t} for h, (t, _) in zip(letters, items, strict=True)]
    truth = sorted(h for h, (_, ok) in zip(letters, items, strict=True) if ok)
    return shown, truth


# ---- proof-of-origin options ----------------------------------------------------------------

#: Letters for the proof-of-origin choices (the documents themselves come from domain.origin).
OPSI_ASAL = {
    "A": "Form D",
    "B": "Form E",
    "C": "Form IJEPA",
    "D": "Pernyataan asal barang (REX) yang boleh dibuat eksportir mana pun",
    "E": "Pernyataan asal barang (REX) oleh eksportir yang sudah terdaftar",
    "F": "Tidak ada dokumen GSP: dikapalkan sejak 1 Januari 2027; tanyakan dulu apakah IEU-CEPA sudah berlaku",
}
_ASAL_TUJUAN = [
    "malaysia",
    "thailand",
    "vietnam",
    "filipina",
    "singapura",
    "tiongkok",
    "jepang",
    "uni_eropa",
]


def _huruf_dokumen_asal(tujuan: str, nilai_eur: float, tanggal_kirim: date | None = None) -> str:
    """Letter of :data:`OPSI_ASAL` for a destination, consignment value and shipping date, from
    domain.origin: the key of the proof-of-origin exercise."""
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    g = origin.certificate_of_origin(tujuan, nilai_eur, shipping_date=tanggal_kirim)
    if not g.known:
        raise ValueError(f"Tujuan {tujuan!r} tidak ada dalam bahan pelatihan.")
    if g.document is None:  # EU after GSP: no GSP document; check the regime in force
        return "F"
    if g.self_certified:
        return "E" if g.registration_required else "D"
    for huruf, nama in OPSI_ASAL.items():
        if nama == g.document:
            return huruf
    raise ValueError(f"Dokumen {g.document!r} untuk {tujuan!r} tidak ada dalam pilihan.")


def _nama_tujuan(key: str) -> str:
    return next(d.name for d in origin.destinations() if d.key == key)


def _tanggal_kirim(r) -> date:
    """A shipping date around the end of EU GSP for Indonesia (half before, half from that day)."""
    akhir = origin.EU_GSP_INDONESIA_ENDS
    if r.random() < 0.5:
        return akhir - timedelta(days=r.randrange(1, 46))
    return akhir + timedelta(days=r.randrange(0, 60))


def _nilai_eur(r, tujuan: str) -> int:
    if tujuan == "uni_eropa":
        return r.choice([3500, 4800, 5600, 6000, 6000, 6500, 7200, 9800, 14500])
    return r.choice(range(3000, 20001, 250))


# ---- customs responses ----------------------------------------------------------------------

KODE_RESPONS = list(procedure.RESPONSES)  # NPE, NPP, NPPD — fixed letters A, B, C
OPSI_RESPONS = {
    h: procedure.RESPONSES[k][1]
    for h, k in zip(_huruf(len(KODE_RESPONS)), KODE_RESPONS, strict=True)
}


def _huruf_respons(kode: str) -> str:
    """Letter of :data:`OPSI_RESPONS` for a customs response code: the key of the case study's part."""
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    return list(OPSI_RESPONS)[KODE_RESPONS.index(kode)]


# ---- products for KBLI ----------------------------------------------------------------------

#: Product types with a definite KBLI code ("lainnya" names no product, so it is not asked).
PRODUK_KBLI = [p for p in procedure.PRODUCT_TYPES if p != "lainnya"]


def nama_produk(key: str) -> str:
    return key.replace("_", " ")


@dataclass(frozen=True)
class Soal:
    """One participant's variant. Holds what the participant sees, never the answers."""

    peserta: str
    ikm: str
    kelurahan: str
    langkah: list[dict]  # huruf, langkah (shuffled export steps)
    alasan: list[dict]  # huruf, pernyataan
    produk: list[str]  # three product types for the KBLI exercise
    akses: list[dict]
    tanggal_ekspor: date
    tanggal_masuk_pabean: date
    tanggal_peb: list[dict]  # huruf, tanggal (date)
    kiriman: list[dict]  # tujuan (key), negara, nilai_eur, tanggal_kirim
    bea_keluar: list[str]  # statements, answered True/False in order
    kite: list[dict]
    # case study
    kasus_produk: str
    kasus_tujuan: str
    kasus_negara: str
    kasus_nilai_eur: int
    kasus_tanggal_ekspor: date
    kasus_respons: str

    def tampilkan(self) -> None:
        print(
            f"Peserta {self.peserta} — {self.ikm}, Kelurahan {self.kelurahan} (contoh, nama IKM rekaan)"
        )
        print(f"  Soal tanggal PEB : perkiraan tanggal ekspor {tanggal_id(self.tanggal_ekspor)}")
        print(f"  Studi kasus      : {nama_produk(self.kasus_produk)} ke {self.kasus_negara}")


def soal(participant_id: str) -> Soal:
    r = rng(MODUL, participant_id)
    ikm, kel = IKM[r.randrange(len(IKM))]

    steps = list(procedure.EXPORT_STEPS)
    r.shuffle(steps)
    langkah = [
        {"huruf": h, "langkah": f"{s.name}: {s.explanation}"}
        for h, s in zip(_huruf(len(steps)), steps, strict=True)
    ]

    alasan, _ = _pilih_pernyataan(r, *_bank_pernyataan()["alasan"], r.choice([1, 2]), 2)

    while True:
        produk = r.sample(PRODUK_KBLI, 3)
        if len({procedure.kbli_for(p).code for p in produk}) >= 2:
            break

    akses, _ = _pilih_pernyataan(r, *_bank_pernyataan()["akses"], r.choice([2, 3]), 2)

    ekspor = date(2026, 2, 2) + timedelta(days=r.randrange(0, 300))
    masuk = ekspor - timedelta(days=r.choice([1, 2, 3]))
    calon = [
        ekspor - timedelta(days=r.choice([8, 9, 10, 12, 14])),  # too early
        ekspor
        - timedelta(days=r.randrange(4, 7)),  # inside the window (entry is at most 3 days before)
        masuk
        + timedelta(
            days=r.randrange(1, (ekspor - masuk).days + 3)
        ),  # goods already in the customs area
    ]
    extra = r.choice(["batas", "awal", "akhir"])
    if extra == "batas":
        calon.append(ekspor - timedelta(days=procedure.PEB_EARLIEST_DAYS))
    elif extra == "awal":
        calon.append(ekspor - timedelta(days=r.choice([20, 30])))
    else:
        calon.append(masuk - timedelta(days=1))
    calon = sorted(set(calon))
    r.shuffle(calon)
    tanggal_peb = [
        {"huruf": h, "tanggal": d} for h, d in zip(_huruf(len(calon)), calon, strict=True)
    ]

    tujuan = r.sample([t for t in _ASAL_TUJUAN if t != "uni_eropa"], 2) + ["uni_eropa"]
    r.shuffle(tujuan)
    kiriman = [
        {"tujuan": t, "negara": _nama_tujuan(t), "nilai_eur": _nilai_eur(r, t)} for t in tujuan
    ]

    bank = _bea_keluar_bank()
    footwear = [b for b in bank if "HS Bab 64" in b[0]]
    others = [b for b in bank if "HS Bab 64" not in b[0]]
    bea = [r.choice(footwear)] + r.sample(others, 3)
    r.shuffle(bea)
    # Three statements, not four (reader, issue 15: the fourth was one more recall of the printed list). The last
    # other statement is dropped after the same draws, so the rest of every variant stays what it was.
    bea.remove(next(b for b in reversed(bea) if b not in footwear))

    kite, _ = _pilih_pernyataan(r, *_bank_pernyataan()["kite"], r.choice([2, 3]), 2)

    kasus_tujuan = r.choice(_ASAL_TUJUAN)
    s = Soal(
        peserta=participant_id,
        ikm=ikm,
        kelurahan=kel,
        langkah=langkah,
        alasan=alasan,
        produk=produk,
        akses=akses,
        tanggal_ekspor=ekspor,
        tanggal_masuk_pabean=masuk,
        tanggal_peb=tanggal_peb,
        kiriman=kiriman,
        bea_keluar=[t for t, _ in bea],
        kite=kite,
        kasus_produk=r.choice(PRODUK_KBLI),
        kasus_tujuan=kasus_tujuan,
        kasus_negara=_nama_tujuan(kasus_tujuan),
        kasus_nilai_eur=_nilai_eur(r, kasus_tujuan),
        kasus_tanggal_ekspor=date(2026, 3, 2) + timedelta(days=r.randrange(0, 240)),
        kasus_respons=r.choice(KODE_RESPONS),
    )
    # Drawn last, so the other numbers of a variant stay what they were before shipping dates existed.
    for k in kiriman:
        k["tanggal_kirim"] = _tanggal_kirim(r)
    return s


# ---- expected values: domain functions applied to the same variant --------------------------


def _benar(shown: list[dict], benar: list[str]) -> list[str]:
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    return sorted(x["huruf"] for x in shown if x["pernyataan"] in benar)


def harapan(participant_id: str) -> dict[str, object]:
    """Expected answers (used by hidden tests and the trainer's tools; never shown to participants)."""
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    s = soal(participant_id)
    by_key = {f"{st.name}: {st.explanation}": st.key for st in procedure.EXPORT_STEPS}
    urut = sorted(s.langkah, key=lambda x: procedure.STEP_KEYS.index(by_key[x["langkah"]]))
    bank = dict(_bea_keluar_bank())
    pernyataan = _bank_pernyataan()
    return {
        "urutan_langkah": [x["huruf"] for x in urut],
        "alasan": _benar(s.alasan, pernyataan["alasan"][0]),
        "kbli": [procedure.kbli_for(p).code for p in s.produk],
        "akses_pabean": _benar(s.akses, pernyataan["akses"][0]),
        "tanggal_peb": sorted(
            x["huruf"]
            for x in s.tanggal_peb
            if procedure.peb_filing_valid(x["tanggal"], s.tanggal_ekspor, s.tanggal_masuk_pabean)
        ),
        "dokumen_asal": [
            _huruf_dokumen_asal(k["tujuan"], k["nilai_eur"], k["tanggal_kirim"]) for k in s.kiriman
        ],
        "bea_keluar": [bank[t] for t in s.bea_keluar],
        "kite_ikm": _benar(s.kite, pernyataan["kite"][0]),
        "studi_kasus": {
            "kbli": procedure.kbli_for(s.kasus_produk).code,
            "peb_paling_cepat": procedure.earliest_peb_date(s.kasus_tanggal_ekspor).isoformat(),
            "dokumen_asal": _huruf_dokumen_asal(
                s.kasus_tujuan, s.kasus_nilai_eur, s.kasus_tanggal_ekspor
            ),
            "bea_keluar": procedure.export_duty_applies("64") is True,
            "arti_respons": _huruf_respons(s.kasus_respons),
        },
    }


# ---- display helpers for the notebook -------------------------------------------------------


def tampilkan_daftar(items: list[dict]) -> None:
    """Print lettered items (statements, steps or dates) one per line."""
    for x in items:
        teks = x.get("pernyataan") or x.get("langkah") or tanggal_id(x["tanggal"])
        print(f"{x['huruf']}. {teks.replace('*', '')}")


def tampilkan_pernyataan(items: list[str]) -> None:
    """Print numbered statements (for true/false lists)."""
    for i, t in enumerate(items, 1):
        print(f"{i}. {t}")


# ---- checks: one function per exercise, shared by the self-check and the hidden test -------

_sesi = Sesi(soal)
mulai = _sesi.mulai
_id = _sesi.id


def _teks_list(nilai: object) -> list[str] | None:
    """A list of texts or numbers as stripped strings (so 15201 and "15201" are the same), else None."""
    if isinstance(nilai, str):  # typed as text: "15201, 15202, 15201"
        nilai = [x for x in nilai.replace(";", ",").split(",") if x.strip()]
    if not isinstance(nilai, list | tuple):
        return None
    out = []
    for x in nilai:
        if isinstance(x, bool):
            return None
        if isinstance(x, int):
            out.append(str(x))
        elif isinstance(x, str):
            out.append(x.strip())
        else:
            return None
    return out


def _baris_kosong(nilai: object, nama: str) -> str:
    """The answer lines ``nama_1``, ``nama_2``, … still left at None, for the message ('' when none)."""
    if not isinstance(nilai, list | tuple):
        return ""
    return ", ".join(f"{nama}_{i}" for i, x in enumerate(nilai, 1) if belum_diisi(x))


def _benar_salah(x: object) -> bool | None:
    """A true/false answer typed as a word ("benar"/"salah") or as True/False."""
    if isinstance(x, bool):
        return x
    if isinstance(x, str):
        return {"benar": True, "salah": False, "b": True, "s": False}.get(x.strip().casefold())
    return None


def _ya_tidak(x: object) -> bool | None:
    """A yes/no answer typed as a word ("ya"/"tidak") or as True/False."""
    if isinstance(x, bool):
        return x
    if isinstance(x, str):
        return {"ya": True, "tidak": False, "kena": True, "tidak kena": False}.get(
            x.strip().casefold()
        )
    return None


def _urutan(pid: str, nilai: object) -> Hasil:
    return periksa_urutan(
        nilai,
        harapan(pid)["urutan_langkah"],
        petunjuk="tanpa NIB Anda tidak punya akses kepabeanan; NPE adalah jawaban atas PEB, jadi datang paling akhir.",
    )


def _alasan(pid: str, nilai: object) -> Hasil:
    return periksa_himpunan(
        nilai,
        set(harapan(pid)["alasan"]),
        petunjuk="baca lagi bagian 1: apa akibatnya bila sepatu diekspor lewat perantara?",
    )


def _kbli(pid: str, nilai: object) -> Hasil:
    if belum_diisi(nilai):
        return Hasil(
            False,
            "Jawaban belum diisi. Tulis satu kode KBLI (5 angka, dari tabel KBLI) di setiap baris kbli_1, "
            "kbli_2, kbli_3, di antara tanda petik.",
        )
    kosong_ = _baris_kosong(nilai, "kbli")
    if kosong_:
        return Hasil(False, f"Masih ada None di {kosong_}: setiap produk perlu kodenya.")
    got = _teks_list(nilai)
    want = harapan(pid)["kbli"]
    if got is None or len(got) != len(want):
        return Hasil(
            False,
            f"Tulis {len(want)} kode KBLI, satu di setiap baris kbli_1 sampai kbli_{len(want)}, sesuai urutan produk.",
        )
    if any(g not in procedure.KBLI for g in got):
        return Hasil(
            False,
            "Ada kode yang bukan kode KBLI kelompok 152 (industri alas kaki). Lihat tabel KBLI di atas.",
        )
    salah = sum(1 for g, w in zip(got, want, strict=True) if g != w)
    if salah:
        return Hasil(
            False,
            "Belum tepat. Petunjuk: tanyakan untuk setiap produk, dipakai untuk apa? Sepatu harian, santai, "
            "sepatu sandal, sandal kelom dan selop termasuk alas kaki untuk keperluan sehari-hari; sepatu "
            "olahraga dan sepatu untuk keperluan industri punya kode sendiri.",
        )
    return Hasil(True, "Benar. Bagus!")


def _akses(pid: str, nilai: object) -> Hasil:
    return periksa_himpunan(
        nilai,
        set(harapan(pid)["akses_pabean"]),
        petunjuk="baca lagi bagian tentang NIB sebagai akses kepabeanan dan pengecekan \u201cREC CEISA\u201d.",
    )


def _tanggal(pid: str, nilai: object) -> Hasil:
    return periksa_himpunan(
        nilai,
        set(harapan(pid)["tanggal_peb"]),
        petunjuk="PEB boleh dikirim paling cepat 7 hari sebelum perkiraan tanggal ekspor, "
        "dan harus sebelum barang masuk kawasan pabean.",
    )


def _dokumen(pid: str, nilai: object) -> Hasil:
    if belum_diisi(nilai):
        return Hasil(
            False,
            'Jawaban belum diisi. Tulis satu huruf di setiap baris asal_1, asal_2, asal_3, mis. "A".',
        )
    kosong_ = _baris_kosong(nilai, "asal")
    if kosong_:
        return Hasil(
            False, f"Masih ada None di {kosong_}: setiap kiriman perlu dokumen asal barangnya."
        )
    got = _teks_list(nilai)
    want = harapan(pid)["dokumen_asal"]
    if got is None or len(got) != len(want):
        return Hasil(
            False,
            f"Tulis {len(want)} huruf, satu di setiap baris asal_1 sampai asal_{len(want)}, sesuai urutan kiriman.",
        )
    got = [g.upper() for g in got]
    if any(g not in OPSI_ASAL for g in got):
        return Hasil(False, "Pakai huruf pilihan: " + ", ".join(OPSI_ASAL) + ".")
    salah = [i for i, (g, w) in enumerate(zip(got, want, strict=True)) if g != w]
    if salah:
        return Hasil(
            False,
            "Belum tepat. Petunjuk: lihat negara tujuan dulu; "
            "untuk Uni Eropa, lihat tanggal pengapalan (GSP hanya sampai 31 Desember 2026), lalu "
            "bandingkan nilai kiriman dengan batas EUR 6.000.",
        )
    return Hasil(True, "Benar. Anda bisa memilih dokumen asal barang!")


def _bea_keluar(pid: str, nilai: object) -> Hasil:
    want = harapan(pid)["bea_keluar"]
    if belum_diisi(nilai):
        return Hasil(
            False,
            'Jawaban belum diisi. Tulis "benar" atau "salah" di setiap baris bea_keluar_1, bea_keluar_2, ….',
        )
    kosong_ = _baris_kosong(nilai, "bea_keluar")
    if kosong_:
        return Hasil(False, f"Masih ada None di {kosong_}: setiap pernyataan perlu jawabannya.")
    nilai = [_benar_salah(x) for x in nilai] if isinstance(nilai, list | tuple) else None
    if nilai is None or any(x is None for x in nilai):
        return Hasil(False, 'Tulis "benar" atau "salah" di antara tanda petik di setiap baris.')
    if len(nilai) != len(want):
        return Hasil(
            False,
            f"Tulis {len(want)} jawaban, satu di setiap baris bea_keluar_1 sampai bea_keluar_{len(want)}.",
        )
    salah = sum(1 for g, w in zip(nilai, want, strict=True) if g != w)
    if salah:
        return Hasil(
            False,
            "Belum tepat. Petunjuk: bea keluar hanya untuk barang di daftar 6 kelompok; cari dulu "
            "apakah barang di setiap pernyataan ada di daftar itu.",
        )
    return Hasil(True, "Benar. Bagus!")


def _kite(pid: str, nilai: object) -> Hasil:
    return periksa_himpunan(
        nilai,
        set(harapan(pid)["kite_ikm"]),
        petunjuk="baca lagi bagian KITE IKM: apa yang dibebaskan, siapa yang boleh mengajukan, dan tiga jenis fasilitasnya.",
    )


def _tanggal_dari(nilai: object) -> date | None:
    if isinstance(nilai, datetime):
        return nilai.date()
    if isinstance(nilai, date):
        return nilai
    if not isinstance(nilai, str):
        return None
    teks = nilai.strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d"):
        try:
            return datetime.strptime(teks, fmt).date()
        except ValueError:
            continue
    return None


_KASUS_KUNCI = ("kbli", "peb_paling_cepat", "dokumen_asal", "bea_keluar", "arti_respons")


def _studi_kasus(pid: str, nilai: object) -> Hasil:
    if belum_diisi(nilai) or not isinstance(nilai, dict) or all(map(belum_diisi, nilai.values())):
        return Hasil(
            False, "Jawaban belum diisi. Ganti `None` di kelima baris sk_… dengan jawaban Anda."
        )
    kurang = [f"sk_{k}" for k in _KASUS_KUNCI if belum_diisi(nilai.get(k))]
    if kurang:
        return Hasil(False, "Masih ada None di " + ", ".join(kurang) + ": isi semua baris dulu.")
    h = harapan(pid)["studi_kasus"]
    kbli = nilai["kbli"]
    kbli = str(kbli).strip() if isinstance(kbli, int | str) and not isinstance(kbli, bool) else None
    if kbli != h["kbli"]:
        return Hasil(
            False,
            "Belum tepat. Ingat cara berpikirnya: kode KBLI mengikuti jenis produk dan kegunaannya; cocokkan "
            "produk IKM ini dengan tabel KBLI kelompok 152.",
        )
    tgl = _tanggal_dari(nilai["peb_paling_cepat"])
    if tgl is None:
        return Hasil(
            False, 'Tanggal PEB paling cepat: tulis sebagai teks "TTTT-BB-HH", mis. "2026-01-31".'
        )
    if tgl.isoformat() != h["peb_paling_cepat"]:
        return Hasil(
            False,
            "Belum tepat. Ingat cara berpikirnya: PEB boleh dikirim paling cepat 7 hari sebelum perkiraan "
            "tanggal ekspor; hitung mundur 7 hari di kalender.",
        )
    dok = nilai["dokumen_asal"]
    if not isinstance(dok, str) or dok.strip().upper() != h["dokumen_asal"]:
        return Hasil(
            False,
            "Belum tepat. Ingat cara berpikirnya: dokumen asal barang ditentukan negara tujuan; untuk Uni Eropa "
            "lihat juga tanggal pengapalan dan nilai kirimannya.",
        )
    kena = _ya_tidak(nilai["bea_keluar"])
    if kena is None:
        return Hasil(
            False, 'Bea keluar: tulis "ya" (kena) atau "tidak" (tidak kena), di antara tanda petik.'
        )
    if kena != h["bea_keluar"]:
        return Hasil(
            False,
            "Belum tepat. Ingat cara berpikirnya: bea keluar hanya untuk barang di daftar 6 kelompok; apakah "
            "alas kaki ada di daftar itu?",
        )
    resp = nilai["arti_respons"]
    if not isinstance(resp, str) or resp.strip().upper() != h["arti_respons"]:
        return Hasil(
            False,
            "Belum tepat. Ingat cara berpikirnya: setelah PEB dikirim, Bea Cukai menjawab dengan NPE (boleh "
            "masuk kawasan pabean atau dimuat), NPP (data ditolak) atau NPPD (dokumen masih diminta).",
        )
    return Hasil(True, "Benar semua. Anda siap membantu IKM menyiapkan ekspor pertamanya!")


def _pasangan(periksa: Callable[[str, object], Hasil]):
    return pasangan(periksa, _id)


cek_urutan_langkah, uji_urutan_langkah = _pasangan(_urutan)
cek_alasan, uji_alasan = _pasangan(_alasan)
cek_kbli, uji_kbli = berurutan(_kbli, _id)
cek_akses_pabean, uji_akses_pabean = _pasangan(_akses)
cek_tanggal_peb, uji_tanggal_peb = _pasangan(_tanggal)
cek_dokumen_asal, uji_dokumen_asal = berurutan(_dokumen, _id)
cek_bea_keluar, uji_bea_keluar = berurutan(_bea_keluar, _id)
cek_kite_ikm, uji_kite_ikm = _pasangan(_kite)
cek_studi_kasus, uji_studi_kasus = per_nama(_studi_kasus, _id, _KASUS_KUNCI)


#: After repeated misses a self-check shows the reasoning on a similar case (never the participant's own).
CONTOH_KERJA = {
    "akses_pabean": (
        "Cara berpikir: NIB sudah berfungsi sebagai akses kepabeanan, tetapi periksa di INSW bahwa "
        'kategori "REC CEISA" muncul. Bila 12 bulan berturut-turut tidak ada kegiatan kepabeanan, akses '
        "bisa diblokir, jadi IKM yang lama tidak mengekspor perlu memeriksanya lagi."
    ),
    "alasan": (
        'Cara berpikir: pernyataan benar bila sesuai dengan bagian 1. Mis. "sepatu yang diekspor lewat '
        'perantara tidak tercatat sebagai produk Kota Mojokerto" — benar, itulah alasan Wali Kota. '
        'Pernyataan yang menambah janji yang tidak ada di teks (mis. "pasti lebih murah") tidak dipilih.'
    ),
    "bea_keluar": (
        "Cara berpikir: bea keluar hanya untuk 6 kelompok barang di daftar (mis. kulit dan kayu, biji "
        "kakao, sawit, getah pinus). Sepatu dan sandal (HS Bab 64) tidak ada di daftar, jadi pernyataan "
        '"sepatu kena bea keluar" salah, sedangkan "kulit mentah bisa kena bea keluar" benar.'
    ),
    "dokumen_asal": (
        "Contoh lain: (1) ke Brunei Darussalam → negara ASEAN, jadi Form D (ATIGA). (2) ke Uni Eropa, EUR"
        " 5.900, dikapalkan 10 Desember 2026 → masih GSP; tidak lebih dari EUR 6.000 → pernyataan asal "
        "barang oleh eksportir mana pun. (3) ke Uni Eropa, dikapalkan 5 Februari 2027 → GSP sudah "
        "berakhir untuk Indonesia; tidak ada dokumen GSP."
    ),
    "kbli": (
        "Cara berpikir: tanyakan dulu, produk ini dipakai untuk apa? Untuk keperluan sehari-hari, untuk "
        "olahraga, atau untuk teknik lapangan/keperluan industri? Lalu cari baris kelompok itu di tabel "
        "KBLI kelompok 152. Kode 15209 (lainnya) hanya untuk alas kaki yang tidak masuk ketiga kelompok "
        "itu."
    ),
    "kite_ikm": (
        "Cara berpikir: KITE IKM untuk bahan impor yang diolah menjadi barang ekspor: bea masuk "
        "dibebaskan dan PPN impor tidak dipungut. Pemohonnya boleh satu IKM, gabungan IKM, satu IKM yang "
        "ditunjuk beberapa IKM dalam sentra, atau koperasi. Pernyataan yang menyebut bahan untuk pasar "
        "dalam negeri saja tidak benar."
    ),
    "studi_kasus": (
        "Cara berpikir: jawab kelima pertanyaan satu per satu seperti di Latihan 3, 5, 7 dan 6. Mis. "
        'ekspor 20 Maret → PEB paling cepat 13 Maret, ditulis "2026-03-13"; ke Brunei → Form D; bea '
        'keluar "tidak" (alas kaki tidak di daftar); kode NPP berarti data PEB salah atau tidak lengkap.'
    ),
    "tanggal_peb": (
        "Contoh lain: perkiraan ekspor 20 Maret, barang masuk kawasan pabean 18 Maret. Paling cepat: 20 −"
        " 7 = 13 Maret. Paling lambat: sebelum 18 Maret. Jadi 13, 14, 15, 16 dan 17 Maret sah; 12 Maret "
        "terlalu cepat; 18 Maret atau sesudahnya terlambat."
    ),
    "urutan_langkah": (
        "Cara berpikir: setiap langkah membutuhkan hasil langkah sebelumnya. Tanpa akun OSS tidak ada "
        "NIB; tanpa NIB tidak bisa membuat akun INSW; PEB dikirim lewat sistem itu; NPE adalah jawaban "
        "atas PEB, jadi selalu paling akhir."
    ),
}
lengkapi(globals(), "m1", CONTOH_KERJA)
