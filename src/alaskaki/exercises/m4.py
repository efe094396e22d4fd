"""Exercises of module m4-harga-ekspor (export price, Incoterms 2020, payment methods) — LEGACY.

The kit now teaches this module in two sessions, m4a-harga-ekspor and m4b-incoterms-pembayaran
(issue 15). This file stays, unchanged in behaviour, for workshops made before the split: their
``source/m4-harga-ekspor`` notebook imports it and their pinned kompetensi.yml names its grade ids.
Do not extend it; tests/integration/test_legacy_workshop.py keeps it working.

Every number a participant sees is drawn from their variant (:func:`soal`); every expected value is
computed by :mod:`alaskaki.domain.pricing`, :mod:`alaskaki.domain.incoterms` and
:mod:`alaskaki.domain.payment` from the same variant. All prices, rates and freights are *contoh*.
"""

from __future__ import annotations

from dataclasses import dataclass

from alaskaki.domain import incoterms, payment, pricing
from alaskaki.exercises.base import (
    Bagian,
    Hasil,
    Sesi,
    belum_diisi,
    lengkapi,
    pasangan,
    periksa_angka,
    periksa_bagian,
    periksa_kode,
    rng,
)
from alaskaki.text import number, percent, rupiah

MODUL = "m4-harga-ekspor"

# Fictional firms, set in real kelurahan of Kota Mojokerto (names of firms are invented).
IKM = [
    ("UD Sepatu Miji Jaya", "Miji"),
    ("CV Langkah Surodinawan", "Surodinawan"),
    ("UD Kulit Prajurit", "Prajurit Kulon"),
    ("IKM Blooto Makmur", "Blooto"),
]


# The scenario tables live in m4b (the half that teaches them); the same tuples keep this module's
# variants identical for workshops made before the split.
from alaskaki.exercises.m4b import (  # noqa: E402
    KASUS_RISIKO,
    RUTE,
    SKENARIO,
    USD,
    Skenario,
    _aturan_untuk,
    _penanggung_risiko,
)

__all__ = ["KASUS_RISIKO", "RUTE", "SKENARIO", "Skenario"]


# ---- the participant's variant ---------------------------------------------------------------


@dataclass(frozen=True)
class Soal:
    """The numbers of one participant's variant (all *contoh*)."""

    peserta: str
    ikm: str
    kelurahan: str
    pasang: int  # pairs in the order (one container)
    hpp: int  # cost per pair, rupiah (from module 3)
    margin_biaya: float  # margin on cost
    biaya_sampai_kapal: int  # rupiah per pair: trucking, export handling and documents, loading
    kurs_beli: int
    kurs_jual: int
    ongkos_laut_usd: int  # sea freight for the whole container, USD
    premi: float  # insurance premium rate on 110 % of CIF
    tagihan_impor_usd: int  # a USD invoice for imported soles
    skenario: tuple[int, ...]  # indices into SKENARIO
    kasus_risiko: tuple[int, ...]  # indices into KASUS_RISIKO
    pernyataan: tuple[int, ...]  # indices into payment.RULE_FACTS
    inkaso_berjangka: tuple[bool, ...]  # two collection cases: deferred payment?
    # case study: a quotation for a buyer
    sk_kota: str
    sk_pasang: int
    sk_hpp: int
    sk_margin_harga: float  # margin on price
    sk_biaya_sampai_kapal: int
    sk_ongkos_laut_usd: int
    sk_premi: float

    @property
    def kurs(self) -> pricing.BankRates:
        return pricing.BankRates(buying=self.kurs_beli, selling=self.kurs_jual)

    def tampilkan(self) -> None:
        print(f"Peserta {self.peserta} — {self.ikm}, Kelurahan {self.kelurahan} (angka contoh)")
        print(f"  Pesanan                 : {self.pasang} pasang (satu kontainer)")
        print(f"  HPP per pasang          : {rupiah(self.hpp)}")
        print(f"  Margin atas biaya       : {percent(self.margin_biaya, 0)}")
        print(f"  Biaya sampai di kapal   : {rupiah(self.biaya_sampai_kapal)} per pasang")
        print(
            f"  Kurs bank (Rp per USD)  : beli {rupiah(self.kurs_beli)}, jual {rupiah(self.kurs_jual)}"
        )
        print(f"  Ongkos laut             : USD {self.ongkos_laut_usd} per kontainer")
        persen = number(self.premi * 100, 2)
        print(
            f"  Premi asuransi          : {persen}% dari 110% nilai CIF (soal.premi = {self.premi})"
        )


def soal(participant_id: str) -> Soal:
    r = rng(MODUL, participant_id)
    ikm, kel = IKM[r.randrange(len(IKM))]
    kurs_beli = r.choice(range(15800, 16801, 50))
    berjangka = [True, False]
    r.shuffle(berjangka)
    sk_kota = r.choice(["Busan", "Los Angeles", "Rotterdam", "Antwerpen"])
    return Soal(
        peserta=participant_id,
        ikm=ikm,
        kelurahan=kel,
        pasang=r.choice([1200, 1500, 1800, 2000, 2400, 3000]),
        hpp=r.choice(range(110000, 180001, 5000)),
        margin_biaya=r.choice([0.15, 0.20, 0.25, 0.30]),
        biaya_sampai_kapal=r.choice(range(4000, 9001, 500)),
        kurs_beli=kurs_beli,
        kurs_jual=kurs_beli + r.choice([100, 120, 150, 160]),
        ongkos_laut_usd=r.choice(range(1200, 2801, 100)),
        premi=r.choice([0.002, 0.0025, 0.003, 0.004, 0.005]),
        tagihan_impor_usd=r.choice(range(800, 2001, 50)),
        skenario=tuple(r.sample(range(len(SKENARIO)), 3)),
        kasus_risiko=tuple(r.sample(range(len(KASUS_RISIKO)), 4)),
        pernyataan=tuple(r.sample(range(len(payment.RULE_FACTS)), 4)),
        inkaso_berjangka=tuple(berjangka),
        sk_kota=sk_kota,
        sk_pasang=r.choice([1000, 1600, 2000, 2500]),
        sk_hpp=r.choice(range(120000, 200001, 5000)),
        sk_margin_harga=r.choice([0.15, 0.20, 0.25]),
        sk_biaya_sampai_kapal=r.choice(range(4000, 9001, 500)),
        sk_ongkos_laut_usd=r.choice(range(1500, 3201, 100)),
        sk_premi=r.choice([0.002, 0.003, 0.004]),
    )


def teks_skenario(s: Soal) -> list[str]:
    return [SKENARIO[i].teks for i in s.skenario]


def teks_risiko(s: Soal) -> list[str]:
    out = []
    for i in s.kasus_risiko:
        code, leg = KASUS_RISIKO[i]
        out.append(f"{code}: barang rusak {RUTE[leg]}.")
    return out


def teks_pernyataan(s: Soal) -> list[str]:
    return [payment.RULE_FACTS[i].text for i in s.pernyataan]


def teks_inkaso(s: Soal) -> list[str]:
    return [
        "Pembeli akan membayar 60 hari setelah dokumen diterima (wesel berjangka)."
        if berjangka
        else "Pembeli membayar begitu dokumen diperlihatkan bank kepadanya (wesel atas unjuk)."
        for berjangka in s.inkaso_berjangka
    ]


# ---- expected values: only domain functions, from the same variant -------------------------


def _ladder(s: Soal) -> tuple[float, float, float, float]:
    """EXW (Rp), FOB (USD), CFR (USD), CIF (USD) per pair for the main order."""
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    exw = pricing.price_from_margin_on_cost(s.hpp, s.margin_biaya)
    fob_idr = pricing.fob_price(exw, s.biaya_sampai_kapal)
    fob = pricing.usd_price_from_idr(fob_idr, s.kurs)
    cfr = pricing.cfr_price(fob, pricing.per_unit(s.ongkos_laut_usd, s.pasang))
    cif = pricing.cif_from_cfr(cfr, s.premi)
    return exw, fob, cfr, cif


def _studi(s: Soal) -> dict:
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    exw = pricing.price_from_margin_on_price(s.sk_hpp, s.sk_margin_harga)
    fob = pricing.usd_price_from_idr(pricing.fob_price(exw, s.sk_biaya_sampai_kapal), s.kurs)
    cfr = pricing.cfr_price(fob, pricing.per_unit(s.sk_ongkos_laut_usd, s.sk_pasang))
    cif = pricing.cif_from_cfr(cfr, s.sk_premi)
    kontainer = _aturan_untuk(SKENARIO[2])  # container, seller pays carriage and insurance
    return {"fob": fob, "cif": cif, "nilai_cif": cif * s.sk_pasang, "aturan_kontainer": kontainer}


def harapan(participant_id: str) -> dict:
    """Expected answers (used by hidden tests and the trainer's tools; never shown to participants)."""
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    s = soal(participant_id)
    exw, fob, cfr, cif = _ladder(s)
    return {
        "harga_exw": exw,
        "margin_harga": pricing.margin_on_cost_to_price(s.margin_biaya) * 100,
        "harga_fob": fob,
        "biaya_impor": pricing.idr_to_buy_usd(s.tagihan_impor_usd, s.kurs),
        "harga_cif": {
            "cfr": cfr,
            "cif": cif,
            "premi": pricing.insurance_premium(cif, s.premi) * s.pasang,
        },
        "aturan": [_aturan_untuk(SKENARIO[i]) for i in s.skenario],
        "risiko": [_penanggung_risiko(*KASUS_RISIKO[i]) for i in s.kasus_risiko],
        "pembayaran": [payment.RULE_FACTS[i].rulebook for i in s.pernyataan],
        "inkaso": [payment.collection_type(b) for b in s.inkaso_berjangka],
        "studi_kasus": _studi(s),
    }


# ---- checks: one function per exercise, shared by the self-check and the hidden test -------

_sesi = Sesi(soal)
mulai = _sesi.mulai
_id = _sesi.id


def periksa_daftar(
    nilai: object, harapan_: list[str], *, pilihan: list[str], petunjuk: str = ""
) -> Hasil:
    """An ordered list of labels from a fixed set, one per question; a hint, never a count of wrong ones."""
    if belum_diisi(nilai):
        return Hasil(False, 'Jawaban belum diisi. Tulis daftar, mis. ["...", "..."].')
    if not isinstance(nilai, list | tuple) or not all(isinstance(x, str) for x in nilai):
        return Hasil(False, "Jawaban harus berupa daftar teks di antara tanda petik.")
    if len(nilai) != len(harapan_):
        return Hasil(False, f"Daftar harus berisi tepat {len(harapan_)} jawaban, satu per soal.")
    got = [x.strip().casefold() for x in nilai]
    allowed = {p.casefold() for p in pilihan}
    if any(g not in allowed for g in got):
        return Hasil(
            False, "Ada jawaban yang bukan salah satu pilihan: " + ", ".join(pilihan) + "."
        )
    salah = sum(1 for g, w in zip(got, harapan_, strict=True) if g != w.casefold())
    if not salah:
        return Hasil(True, "Benar. Semua tepat!")
    return Hasil(
        False,
        "Belum tepat." + (f" Petunjuk: {petunjuk}" if petunjuk else ""),
    )


def _exw(pid: str, nilai: object) -> Hasil:
    return periksa_angka(
        nilai,
        harapan(pid)["harga_exw"],
        satuan="rupiah",
        petunjuk="harga EXW = HPP × (1 + margin atas biaya); tulis margin sebagai pecahan (20% = 0.20).",
    )


def _margin_harga(pid: str, nilai: object) -> Hasil:
    return periksa_angka(
        nilai,
        harapan(pid)["margin_harga"],
        toleransi=0.005,
        mutlak=0.05,
        satuan="persen",
        petunjuk="margin atas harga = laba ÷ harga jual; laba = harga EXW − HPP. Tulis dalam persen.",
    )


def _fob(pid: str, nilai: object) -> Hasil:
    return periksa_angka(
        nilai,
        harapan(pid)["harga_fob"],
        toleransi=0.002,
        mutlak=0.005,
        satuan="USD per pasang",
        petunjuk="FOB (rupiah) = EXW + biaya sampai di atas kapal; lalu bagi dengan kurs yang tepat: "
        "dolar dari pembeli akan dijual ke bank, jadi bank membelinya.",
    )


def _impor(pid: str, nilai: object) -> Hasil:
    return periksa_angka(
        nilai,
        harapan(pid)["biaya_impor"],
        satuan="rupiah",
        petunjuk="untuk membayar tagihan dalam dolar, IKM membeli dolar dari bank; bank menjualnya.",
    )


def _cif(pid: str, nilai: object) -> Hasil:
    if belum_diisi(nilai):
        return Hasil(
            False, "Jawaban belum diisi. Ganti `None` dengan dict Anda, lalu jalankan sel itu."
        )
    if not isinstance(nilai, dict):
        return Hasil(False, 'Jawaban harus berupa dict: {"cfr": ..., "premi": ..., "cif": ...}.')
    return periksa_bagian(
        nilai,
        harapan(pid)["harga_cif"],
        [
            Bagian(
                "Harga CFR",
                "cfr",
                **USD,
                petunjuk="CFR = FOB + ongkos laut per pasang (ongkos satu kontainer ÷ jumlah pasang).",
            ),
            Bagian(
                "Harga CIF",
                "cif",
                **USD,
                petunjuk="premi dihitung dari 110% nilai CIF, jadi CIF = CFR ÷ (1 − 1,1 × tarif premi).",
            ),
            Bagian(
                "Premi asuransi",
                "premi",
                toleransi=0.01,
                mutlak=0.05,
                satuan="USD",
                petunjuk="premi seluruh kiriman = tarif premi × 110% × (CIF per pasang × jumlah pasang).",
            ),
        ],
        benar="Benar. Tangga harga FOB → CFR → CIF Anda tepat!",
    )


def _aturan(pid: str, nilai: object) -> Hasil:
    return periksa_daftar(
        nilai,
        harapan(pid)["aturan"],
        pilihan=list(incoterms.RULES),
        petunjuk="lihat dulu: kontainer atau dimuat langsung ke kapal? di mana risiko pindah? "
        "siapa membayar angkutan utama dan asuransi?",
    )


def _risiko(pid: str, nilai: object) -> Hasil:
    return periksa_daftar(
        nilai,
        harapan(pid)["risiko"],
        pilihan=[incoterms.SELLER, incoterms.BUYER],
        petunjuk="pada aturan C (CFR, CIF, CPT, CIP) risiko sudah pindah di tempat asal, "
        "walaupun penjual membayar ongkos angkut.",
    )


def _pembayaran(pid: str, nilai: object) -> Hasil:
    return periksa_daftar(
        nilai,
        harapan(pid)["pembayaran"],
        pilihan=list(payment.RULEBOOKS),
        petunjuk="pada L/C bank memeriksa apakah dokumen sesuai syaratnya; pada inkaso bank hanya "
        "meneruskan dokumen, tidak memeriksanya untuk mencari instruksi, dan tidak wajib mengurus barangnya.",
    )


def _inkaso(pid: str, nilai: object) -> Hasil:
    return periksa_daftar(
        nilai,
        harapan(pid)["inkaso"],
        pilihan=["D/P", "D/A"],
        petunjuk="wesel yang dibayar kemudian memakai penyerahan dokumen atas aksep.",
    )


def _studi_kasus(pid: str, nilai: object) -> Hasil:
    if belum_diisi(nilai):
        return Hasil(
            False, "Jawaban belum diisi. Ganti `None` dengan dict Anda, lalu jalankan sel itu."
        )
    if not isinstance(nilai, dict):
        return Hasil(
            False,
            'Jawaban studi kasus harus berupa dict: {"fob": ..., "cif": ..., "nilai_cif": ..., '
            '"aturan_kontainer": ...}.',
        )
    return periksa_bagian(
        nilai,
        harapan(pid)["studi_kasus"],
        [
            Bagian(
                "Harga FOB",
                "fob",
                **USD,
                petunjuk="kali ini marginnya margin atas HARGA: EXW = HPP ÷ (1 − margin).",
            ),
            Bagian(
                "Harga CIF",
                "cif",
                **USD,
                petunjuk="tambahkan ongkos laut per pasang, lalu asuransi atas 110% nilai CIF.",
            ),
            Bagian(
                "Nilai penawaran CIF",
                "nilai_cif",
                toleransi=0.002,
                mutlak=1.0,
                satuan="USD",
                petunjuk="kalikan harga CIF per pasang dengan jumlah pasang.",
            ),
            Bagian(
                "Aturan untuk kontainer",
                "aturan_kontainer",
                periksa_kode,
                petunjuk="untuk kontainer dianjurkan aturan untuk moda apa pun, dan penjual di sini membayar "
                "angkutan DAN asuransi.",
            ),
        ],
        benar="Benar. Penawaran harga Anda siap dikirim ke pembeli!",
    )


cek_harga_exw, uji_harga_exw = pasangan(_exw, _id)
cek_margin_harga, uji_margin_harga = pasangan(_margin_harga, _id)
cek_harga_fob, uji_harga_fob = pasangan(_fob, _id)
cek_biaya_impor, uji_biaya_impor = pasangan(_impor, _id)
cek_harga_cif, uji_harga_cif = pasangan(_cif, _id)
cek_aturan, uji_aturan = pasangan(_aturan, _id)
cek_risiko, uji_risiko = pasangan(_risiko, _id)
cek_pembayaran, uji_pembayaran = pasangan(_pembayaran, _id)
cek_inkaso, uji_inkaso = pasangan(_inkaso, _id)
cek_studi_kasus, uji_studi_kasus = pasangan(_studi_kasus, _id)


#: After repeated misses a self-check shows the reasoning on a similar case (never the participant's own).
CONTOH_KERJA = {
    "aturan": (
        "Contoh lain: sepatu dikirim dengan PESAWAT; penjual membayar angkutan sampai bandara tujuan, "
        "tanpa asuransi; risiko pindah saat diserahkan ke maskapai di Surabaya. Bukan kapal → bukan FAS, "
        "FOB, CFR, CIF. Penjual membayar angkutan utama dan risiko pindah di negara asal → aturan C. "
        "Tanpa asuransi → CPT (dengan asuransi: CIP)."
    ),
    "biaya_impor": (
        "Contoh lain: tagihan USD 1.370. IKM membeli dolar dari bank, jadi pakai kurs JUAL bank (mis. "
        "Rp16.100): 1.370 × 16.100 = Rp22.057.000."
    ),
    "harga_cif": (
        "Contoh lain: FOB USD 10,50, ongkos laut USD 2.170 untuk 1.400 pasang → CFR = 10,50 + 1,55 = USD "
        "12,05. Premi 0,4% dari 110% CIF: CIF = 12,05 ÷ (1 − 1,1 × 0,004) = USD 12,10. Premi kiriman = "
        "0,004 × 1,1 × CIF × pasang."
    ),
    "harga_exw": (
        "Contoh lain: HPP Rp130.000, margin atas biaya 22%. EXW = 130.000 × (1 + 0,22) = Rp158.600. "
        "Margin ditulis sebagai pecahan (0,22), bukan 22."
    ),
    "harga_fob": (
        "Contoh lain: EXW Rp158.600 + biaya sampai di atas kapal Rp7.300 = Rp165.900. IKM menjual dolar "
        "yang diterimanya ke bank, jadi pakai kurs BELI bank (mis. Rp15.800): 165.900 ÷ 15.800 = USD "
        "10,50."
    ),
    "inkaso": (
        "Cara berpikir: bila pembeli membayar saat dokumen datang → D/P (dokumen ditukar dengan "
        "pembayaran). Bila pembeli baru membayar 60 hari kemudian (wesel berjangka) → D/A (dokumen "
        "ditukar dengan persetujuan membayar nanti)."
    ),
    "margin_harga": (
        "Contoh lain: HPP Rp130.000, EXW Rp158.600. Laba = 28.600; dibagi HARGA JUAL: 28.600 ÷ 158.600 × "
        "100 = 18,0%. Angkanya lebih kecil dari margin atas biaya (22%), karena pembaginya lebih besar."
    ),
    "pembayaran": (
        "Cara berpikir: pada L/C bank memeriksa apakah dokumen sesuai syarat (paling lama 5 hari kerja "
        "bank). Pada inkaso bank hanya meneruskan dokumen: tidak memeriksanya untuk mencari instruksi dan"
        " tidak wajib menyimpan barang. Pada keduanya bank mengurus dokumen, bukan barang."
    ),
    "risiko": (
        "Contoh lain: DDP, sepatu rusak selama pelayaran → penjual, karena pada aturan D (DAP, DPU, DDP) "
        "risiko baru pindah di tempat tujuan. CPT, rusak selama pelayaran → pembeli, karena risiko sudah "
        "pindah saat barang diserahkan ke pengangkut pertama di negara asal."
    ),
    "studi_kasus": (
        "Contoh lain: HPP Rp120.000, laba 20% DARI HARGA JUAL → EXW = 120.000 ÷ (1 − 0,20) = Rp150.000 "
        "(bukan × 1,2). Lalu FOB (tambah biaya sampai kapal, bagi kurs beli), CFR (tambah ongkos laut per"
        " pasang), CIF (bagi 1 − 1,1 × premi). Untuk kontainer, aturan yang cocok adalah CIP."
    ),
}
lengkapi(globals(), "m4", CONTOH_KERJA)
