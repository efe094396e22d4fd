"""Exercises of module m4a-harga-ekspor (margin, bank rates, the price ladder EXW → FOB → CFR → CIF).

First half of the former m4-harga-ekspor (split for a 90-minute session; issue 15). Every number a
participant sees is drawn from their variant (:func:`soal`); every expected value is computed by
:mod:`alaskaki.domain.pricing` from the same variant. All prices, rates and freights are *contoh*.
Each graded answer is one number or one word per variable (:mod:`alaskaki.exercises.jamak`).
"""

from __future__ import annotations

from dataclasses import dataclass

from alaskaki.domain import incoterms, pricing
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
from alaskaki.exercises.jamak import per_nama
from alaskaki.text import number, percent, rupiah

MODUL = "m4a-harga-ekspor"

# Fictional firms, set in real kelurahan of Kota Mojokerto (names of firms are invented).
IKM = [
    ("UD Sepatu Miji Jaya", "Miji"),
    ("CV Langkah Surodinawan", "Surodinawan"),
    ("UD Kulit Prajurit", "Prajurit Kulon"),
    ("IKM Blooto Makmur", "Blooto"),
]


def _aturan_kontainer() -> str:
    """The rule the case study asks for: container, seller pays carriage and insurance to
    destination (the key of the case study's rule, so not module data: R82)."""
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    return next(
        r.code
        for r in incoterms.rules_for_mode("any")
        if r.risk_point == "pengangkut"
        and r.main_carriage_paid_by == incoterms.SELLER
        and r.insurance_by == incoterms.SELLER
    )


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
        print(f"  Premi asuransi          : {_persen(self.premi)}% dari 110% nilai CIF")
        print(f"  Tagihan sol impor       : USD {self.tagihan_impor_usd}")
        print(f"Studi kasus — pembeli di {self.sk_kota} (angka contoh)")
        print(f"  Pesanan                 : {self.sk_pasang} pasang (satu kontainer)")
        print(f"  HPP model baru          : {rupiah(self.sk_hpp)} per pasang")
        print(f"  Laba dari HARGA JUAL    : {percent(self.sk_margin_harga, 0)}")
        print(f"  Biaya sampai di kapal   : {rupiah(self.sk_biaya_sampai_kapal)} per pasang")
        print(f"  Ongkos laut             : USD {self.sk_ongkos_laut_usd} per kontainer")
        print(f"  Premi asuransi          : {_persen(self.sk_premi)}% dari 110% nilai CIF")


def _persen(rate: float) -> str:
    return number(rate * 100, 2, trim=True)


def soal(participant_id: str) -> Soal:
    r = rng(MODUL, participant_id)
    ikm, kel = IKM[r.randrange(len(IKM))]
    kurs_beli = r.choice(range(15800, 16801, 50))
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
        sk_kota=r.choice(["Busan", "Los Angeles", "Rotterdam", "Antwerpen"]),
        sk_pasang=r.choice([1000, 1600, 2000, 2500]),
        sk_hpp=r.choice(range(120000, 200001, 5000)),
        sk_margin_harga=r.choice([0.15, 0.20, 0.25]),
        sk_biaya_sampai_kapal=r.choice(range(4000, 9001, 500)),
        sk_ongkos_laut_usd=r.choice(range(1500, 3201, 100)),
        sk_premi=r.choice([0.002, 0.003, 0.004]),
    )


# ---- expected values: only domain functions, from the same variant -------------------------


def _ladder(s: Soal) -> tuple[float, float, float, float]:
    """EXW (Rp), FOB (USD), CFR (USD), CIF (USD) per pair for the main order."""
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    exw = pricing.price_from_margin_on_cost(s.hpp, s.margin_biaya)
    fob = pricing.usd_price_from_idr(pricing.fob_price(exw, s.biaya_sampai_kapal), s.kurs)
    cfr = pricing.cfr_price(fob, pricing.per_unit(s.ongkos_laut_usd, s.pasang))
    return exw, fob, cfr, pricing.cif_from_cfr(cfr, s.premi)


def _studi(s: Soal) -> dict:
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    exw = pricing.price_from_margin_on_price(s.sk_hpp, s.sk_margin_harga)
    fob = pricing.usd_price_from_idr(pricing.fob_price(exw, s.sk_biaya_sampai_kapal), s.kurs)
    cfr = pricing.cfr_price(fob, pricing.per_unit(s.sk_ongkos_laut_usd, s.sk_pasang))
    cif = pricing.cif_from_cfr(cfr, s.sk_premi)
    return {"fob": fob, "cif": cif, "nilai_cif": cif * s.sk_pasang, "aturan": _aturan_kontainer()}


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
        "studi_kasus": _studi(s),
    }


# ---- checks: one function per exercise, shared by the self-check and the hidden test -------

_sesi = Sesi(soal)
mulai = _sesi.mulai
_id = _sesi.id

USD = {"toleransi": 0.002, "mutlak": 0.005, "satuan": "USD per pasang"}


def _exw(pid: str, nilai: object) -> Hasil:
    return periksa_angka(
        nilai,
        harapan(pid)["harga_exw"],
        satuan="rupiah",
        petunjuk="harga EXW = HPP × (1 + margin atas biaya). Margin 20% ditulis 0,20 di kalkulator "
        "(di Python 0.20).",
    )


def _margin_harga(pid: str, nilai: object) -> Hasil:
    return periksa_angka(
        nilai,
        harapan(pid)["margin_harga"],
        toleransi=0.005,
        mutlak=0.05,
        satuan="persen",
        petunjuk="margin atas harga = laba ÷ harga JUAL × 100; laba = harga EXW − HPP.",
    )


def _fob(pid: str, nilai: object) -> Hasil:
    return periksa_angka(
        nilai,
        harapan(pid)["harga_fob"],
        **USD,
        petunjuk="FOB dalam rupiah = EXW + biaya sampai di atas kapal; lalu bagi dengan kurs. Dolar dari "
        "pembeli nanti Anda jual ke bank: bank MEMBELI, jadi pakai kurs beli.",
    )


def _impor(pid: str, nilai: object) -> Hasil:
    return periksa_angka(
        nilai,
        harapan(pid)["biaya_impor"],
        satuan="rupiah",
        petunjuk="untuk membayar tagihan dalam dolar, IKM membeli dolar dari bank: bank MENJUAL, jadi "
        "pakai kurs jual.",
    )


def _belum(nama: str) -> Hasil:
    return Hasil(False, f"Jawaban belum diisi. Tulis angka Anda di {nama}, lalu jalankan sel itu.")


def _cif(pid: str, nilai: object) -> Hasil:
    if belum_diisi(nilai) or not isinstance(nilai, dict):
        return _belum("harga_cfr, harga_cif dan premi_kiriman")
    return periksa_bagian(
        nilai,
        harapan(pid)["harga_cif"],
        [
            Bagian(
                "harga_cfr",
                "cfr",
                **USD,
                petunjuk="CFR = FOB + ongkos laut per pasang (ongkos satu kontainer ÷ jumlah pasang).",
            ),
            Bagian(
                "harga_cif",
                "cif",
                **USD,
                petunjuk="premi dihitung dari 110% nilai CIF, jadi CIF = CFR ÷ (1 − 1,1 × tarif premi).",
            ),
            Bagian(
                "premi_kiriman",
                "premi",
                toleransi=0.01,
                mutlak=0.05,
                satuan="USD",
                petunjuk="premi seluruh kiriman = tarif premi × 1,1 × (CIF per pasang × jumlah pasang).",
            ),
        ],
        benar="Benar. Tangga harga FOB → CFR → CIF Anda tepat!",
    )


def _studi_kasus(pid: str, nilai: object) -> Hasil:
    if belum_diisi(nilai) or not isinstance(nilai, dict):
        return _belum("sk_fob, sk_cif, sk_nilai_cif dan sk_aturan")
    return periksa_bagian(
        nilai,
        harapan(pid)["studi_kasus"],
        [
            Bagian(
                "sk_fob",
                "fob",
                **USD,
                petunjuk="kali ini laba dihitung dari HARGA JUAL: EXW = HPP ÷ (1 − margin).",
            ),
            Bagian(
                "sk_cif",
                "cif",
                **USD,
                petunjuk="tambahkan ongkos laut per pasang, lalu bagi dengan (1 − 1,1 × tarif premi).",
            ),
            Bagian(
                "sk_nilai_cif",
                "nilai_cif",
                toleransi=0.002,
                mutlak=1.0,
                satuan="USD",
                petunjuk="kalikan harga CIF per pasang dengan jumlah pasang pesanan.",
            ),
            Bagian(
                "sk_aturan",
                "aturan",
                periksa_kode,
                petunjuk="untuk kontainer dianjurkan aturan untuk moda apa pun (bagian 3), dan di sini penjual "
                'membayar angkutan DAN asuransi. Tulis kodenya, mis. "FOB".',
            ),
        ],
        benar="Benar. Penawaran harga Anda siap dikirim ke pembeli!",
    )


cek_harga_exw, uji_harga_exw = pasangan(_exw, _id)
cek_margin_harga, uji_margin_harga = pasangan(_margin_harga, _id)
cek_harga_fob, uji_harga_fob = pasangan(_fob, _id)
cek_biaya_impor, uji_biaya_impor = pasangan(_impor, _id)
cek_harga_cif, uji_harga_cif = per_nama(_cif, _id, ("cfr", "cif", "premi"))
cek_studi_kasus, uji_studi_kasus = per_nama(
    _studi_kasus, _id, ("fob", "cif", "nilai_cif", "aturan")
)


#: After repeated misses a self-check shows the reasoning on a similar case (never the participant's own).
CONTOH_KERJA = {
    "biaya_impor": (
        "Contoh lain: tagihan USD 1.370. IKM membeli dolar dari bank, jadi pakai kurs JUAL bank (mis. "
        "Rp16.100): 1.370 × 16.100 = Rp22.057.000."
    ),
    "harga_cif": (
        "Contoh lain: FOB USD 10,50, ongkos laut USD 2.170 untuk 1.400 pasang → CFR = 10,50 + 1,55 = USD "
        "12,05. Premi 0,4% dari 110% CIF: CIF = 12,05 ÷ (1 − 1,1 × 0,004) = USD 12,10. Premi kiriman = "
        "0,004 × 1,1 × 12,10 × 1.400 = USD 74,5."
    ),
    "harga_exw": (
        "Contoh lain: HPP Rp130.000, margin atas biaya 22%. EXW = 130.000 × (1 + 0,22) = Rp158.600. "
        "Di kalkulator: 130000 × 1,22."
    ),
    "harga_fob": (
        "Contoh lain: EXW Rp158.600 + biaya sampai di atas kapal Rp7.300 = Rp165.900. IKM menjual dolar "
        "yang diterimanya ke bank, jadi pakai kurs BELI bank (mis. Rp15.800): 165.900 ÷ 15.800 = USD "
        "10,50."
    ),
    "margin_harga": (
        "Contoh lain: HPP Rp130.000, EXW Rp158.600. Laba = 28.600; dibagi HARGA JUAL: 28.600 ÷ 158.600 × "
        "100 = 18,0%. Angkanya lebih kecil dari margin atas biaya (22%), karena pembaginya lebih besar."
    ),
    "studi_kasus": (
        "Contoh lain: HPP Rp120.000, laba 20% DARI HARGA JUAL → EXW = 120.000 ÷ (1 − 0,20) = Rp150.000 "
        "(bukan × 1,2). Lalu FOB (tambah biaya sampai kapal, bagi kurs beli), CFR (tambah ongkos laut per"
        " pasang), CIF (bagi 1 − 1,1 × premi), nilai = CIF × pasang. Untuk kontainer dengan angkutan dan "
        "asuransi dibayar penjual: CIP."
    ),
}
lengkapi(globals(), "m4a", CONTOH_KERJA)
