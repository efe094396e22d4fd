"""Exercises of module m4b-incoterms-pembayaran (Incoterms 2020, risk, container prices, payment).

Second half of the former m4-harga-ekspor (split for a 90-minute session; issue 15). The scenario
tables below are also the legacy module's (:mod:`alaskaki.exercises.m4` imports them, so workshops made
before the split keep their variants). Expected values come from :mod:`alaskaki.domain.incoterms`,
:mod:`alaskaki.domain.pricing` and :mod:`alaskaki.domain.payment`. Prices and freights are *contoh*.
Each graded answer is one number or one word per variable (:mod:`alaskaki.exercises.jamak`).
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
    periksa_bagian,
    rng,
)
from alaskaki.exercises.jamak import berurutan, per_nama, periksa_kata
from alaskaki.text import number, usd

MODUL = "m4b-incoterms-pembayaran"

# ---- scenarios for choosing a rule: each is described by attributes of the Incoterms table ------


@dataclass(frozen=True)
class Skenario:
    """A delivery scenario; the rule is the one Incoterms rule whose attributes match."""

    teks: str
    mode: str  # "any" (container, any transport) or "sea" (loaded directly on board)
    risk_point: str
    carriage_by: str
    insurance_by: str | None
    import_clearance_by: str = incoterms.BUYER


S, B = incoterms.SELLER, incoterms.BUYER
SKENARIO: tuple[Skenario, ...] = (
    Skenario(
        "Sepatu dikirim dalam kontainer. Penjual menyerahkan kontainer kepada pengangkut yang "
        "ditunjuk pembeli di depo kontainer; pembeli mengatur dan membayar angkutan utama.",
        "any",
        "pengangkut",
        B,
        None,
    ),
    Skenario(
        "Sepatu dikirim dalam kontainer. Penjual membayar angkutan sampai kota tujuan, tanpa "
        "asuransi; risiko pindah ke pembeli saat kontainer diserahkan ke pengangkut pertama.",
        "any",
        "pengangkut",
        S,
        None,
    ),
    Skenario(
        "Sepatu dikirim dalam kontainer. Penjual membayar angkutan sampai kota tujuan dan juga "
        "asuransinya; risiko pindah ke pembeli saat kontainer diserahkan ke pengangkut pertama.",
        "any",
        "pengangkut",
        S,
        S,
    ),
    Skenario(
        "Barang dimuat langsung ke atas kapal (bukan kontainer). Pembeli memesan dan membayar "
        "kapal; risiko pindah saat barang sudah di atas kapal di pelabuhan muat.",
        "sea",
        "atas_kapal",
        B,
        None,
    ),
    Skenario(
        "Barang dimuat langsung ke atas kapal (bukan kontainer). Penjual membayar ongkos laut "
        "sampai pelabuhan tujuan, tanpa asuransi.",
        "sea",
        "atas_kapal",
        S,
        None,
    ),
    Skenario(
        "Barang dimuat langsung ke atas kapal (bukan kontainer). Penjual membayar ongkos laut "
        "sampai pelabuhan tujuan dan juga asuransinya.",
        "sea",
        "atas_kapal",
        S,
        S,
    ),
    Skenario(
        "Pembeli datang mengambil sepatu di gudang IKM dan mengurus sendiri izin ekspornya.",
        "any",
        "tempat_penjual",
        B,
        None,
    ),
    Skenario(
        "Penjual mengantar barang sampai tempat tujuan dan juga membongkarnya di sana; pembeli "
        "mengurus izin impor.",
        "any",
        "dibongkar",
        S,
        None,
    ),
    Skenario(
        "Penjual mengantar barang sampai tempat tujuan, mengurus izin impor dan membayar bea "
        "masuk serta PPN impornya.",
        "any",
        "tiba_tujuan",
        S,
        None,
        S,
    ),
    Skenario(
        "Barang diletakkan di sisi kapal di pelabuhan muat; pembeli yang memuat dan membayar kapal.",
        "sea",
        "sisi_kapal",
        B,
        None,
    ),
)


def _aturan_untuk(sk: Skenario) -> str:
    """The single Incoterms 2020 rule that matches a scenario (from the domain table): the key."""
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    cocok = [
        r.code
        for r in incoterms.rules_for_mode(sk.mode)
        if r.risk_point == sk.risk_point
        and r.main_carriage_paid_by == sk.carriage_by
        and r.insurance_by == sk.insurance_by
        and r.import_clearance_by == sk.import_clearance_by
    ]
    if len(cocok) != 1:
        raise AssertionError(f"Skenario tidak menunjuk tepat satu aturan: {cocok}")
    return cocok[0]


#: Where on the route something happens: leg i runs from CHAIN[i] to CHAIN[i+1].
RUTE: dict[int, str] = {
    0: "dalam perjalanan dari gudang penjual ke pengangkut pertama",
    1: "setelah diserahkan ke pengangkut, dalam perjalanan ke sisi kapal",
    2: "saat diangkat dari sisi kapal ke atas kapal di pelabuhan muat",
    3: "selama pelayaran ke pelabuhan tujuan (sudah di atas kapal)",
    4: "saat dibongkar di tempat tujuan",
    5: "dalam perjalanan dari tempat bongkar ke gudang pembeli",
}

#: (rule, leg) pairs worth asking about: near each rule's risk point.
KASUS_RISIKO: tuple[tuple[str, int], ...] = (
    ("EXW", 0),
    ("FCA", 0),
    ("FCA", 1),
    ("FAS", 2),
    ("FOB", 2),
    ("FOB", 3),
    ("CFR", 2),
    ("CFR", 3),
    ("CIF", 3),
    ("CPT", 1),
    ("CIP", 3),
    ("DAP", 3),
    ("DAP", 4),
    ("DPU", 4),
)


def _penanggung_risiko(code: str, leg: int) -> str:
    """Who bears the risk on a leg of the route under a rule (``"penjual"``/``"pembeli"``): the key."""
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    return incoterms.segments(code)[leg][2]


# ---- the case study: a buyer's message -------------------------------------------------------


@dataclass(frozen=True)
class Pesan:
    """A buyer's message: delivery terms (a :class:`Skenario`), one incident on the route, payment."""

    kota: str
    teks: str
    skenario: Skenario
    kejadian: int  # leg of the route (RUTE) where the goods are damaged
    berjangka: bool  # the buyer pays later (usance bill)


PESAN: tuple[Pesan, ...] = (
    Pesan(
        "Rotterdam",
        "Kami minta sepatu dikirim dalam kontainer dari Surabaya. Anda yang membayar angkutan sampai "
        "gudang kami di Rotterdam; asuransinya kami urus sendiri. Kami membayar begitu bank "
        "memperlihatkan dokumen pengiriman kepada kami.",
        Skenario("", "any", "pengangkut", S, None),
        3,
        False,
    ),
    Pesan(
        "Busan",
        "Tolong serahkan kontainernya kepada perusahaan pelayaran pilihan kami di depo kontainer "
        "Surabaya; kapal kami pesan dan bayar sendiri. Kami membayar 60 hari setelah dokumen "
        "kami terima lewat bank.",
        Skenario("", "any", "pengangkut", B, None),
        0,
        True,
    ),
    Pesan(
        "Los Angeles",
        "Kirim dalam kontainer. Anda membayar angkutan sampai Los Angeles dan juga asuransinya. "
        "Kami membayar saat bank memperlihatkan dokumennya kepada kami.",
        Skenario("", "any", "pengangkut", S, S),
        3,
        False,
    ),
    Pesan(
        "Antwerpen",
        "Antar sepatunya sampai gudang kami di Antwerpen, siap dibongkar; izin impor kami yang urus. "
        "Kami membayar 90 hari setelah dokumen kami terima lewat bank.",
        Skenario("", "any", "tiba_tujuan", S, None),
        3,
        True,
    ),
)

KEJADIAN: dict[int, str] = {
    0: "Kontainer tertabrak truk dalam perjalanan dari gudang Anda ke depo/pengangkut pertama.",
    3: "Sebagian sepatu basah terkena air laut selama pelayaran.",
}


# ---- the participant's variant ---------------------------------------------------------------


@dataclass(frozen=True)
class Soal:
    """The numbers and cases of one participant's variant (all *contoh*)."""

    peserta: str
    skenario: tuple[int, ...]  # indices into SKENARIO
    kasus_risiko: tuple[int, ...]  # indices into KASUS_RISIKO
    fca_usd: float  # FCA price per pair at the container depot, USD
    pasang: int
    ongkos_usd: int  # carriage of the container to the destination, USD
    premi: float  # insurance premium rate on 110 % of CIP
    nilai_pesanan_usd: int  # a small order's value, USD
    inkaso_berjangka: tuple[bool, ...]  # two collection cases: deferred payment?
    pesan: int  # index into PESAN

    def tampilkan(self) -> None:
        print(f"Peserta {self.peserta} (angka contoh)")
        print(f"  Harga FCA depo Surabaya : {usd(self.fca_usd)} per pasang")
        print(f"  Pesanan                 : {self.pasang} pasang (satu kontainer)")
        print(f"  Ongkos angkut kontainer : USD {self.ongkos_usd} sampai kota tujuan")
        persen = number(self.premi * 100, 2, trim=True)
        print(f"  Premi asuransi          : {persen}% dari 110% nilai CIP")
        print(f"  Nilai pesanan kecil     : USD {number(self.nilai_pesanan_usd, 0)}")


def soal(participant_id: str) -> Soal:
    r = rng(MODUL, participant_id)
    berjangka = [True, False]
    r.shuffle(berjangka)
    return Soal(
        peserta=participant_id,
        skenario=tuple(r.sample(range(len(SKENARIO)), 3)),
        kasus_risiko=tuple(r.sample(range(len(KASUS_RISIKO)), 4)),
        fca_usd=r.choice(range(1050, 1851, 25)) / 100,
        pasang=r.choice([1200, 1500, 1800, 2000, 2400]),
        ongkos_usd=r.choice(range(1400, 3201, 100)),
        premi=r.choice([0.002, 0.003, 0.004, 0.005]),
        nilai_pesanan_usd=r.choice(range(1500, 6001, 250)),
        inkaso_berjangka=tuple(berjangka),
        pesan=r.randrange(len(PESAN)),
    )


def teks_skenario(s: Soal) -> list[str]:
    return [SKENARIO[i].teks for i in s.skenario]


def teks_risiko(s: Soal) -> list[str]:
    return [
        f"{KASUS_RISIKO[i][0]}: barang rusak {RUTE[KASUS_RISIKO[i][1]]}." for i in s.kasus_risiko
    ]


def teks_inkaso(s: Soal) -> list[str]:
    return [
        "Pembeli akan membayar 60 hari setelah dokumen diterima (wesel berjangka)."
        if berjangka
        else "Pembeli membayar begitu dokumen diperlihatkan bank kepadanya (wesel atas unjuk)."
        for berjangka in s.inkaso_berjangka
    ]


def teks_pesan(s: Soal) -> str:
    p = PESAN[s.pesan]
    return (
        f'Surel dari pembeli di {p.kota}:\n  "{p.teks}"\n\nKejadian sesudah barang dikirim: '
        f"{KEJADIAN[p.kejadian]}"
    )


# ---- expected values: only domain functions, from the same variant -------------------------


def _studi(p: Pesan) -> dict:
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    aturan = _aturan_untuk(p.skenario)
    return {
        "aturan": aturan,
        "risiko": _penanggung_risiko(aturan, p.kejadian),
        "dokumen": payment.collection_type(p.berjangka),
    }


def harapan(participant_id: str) -> dict:
    """Expected answers (used by hidden tests and the trainer's tools; never shown to participants)."""
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    s = soal(participant_id)
    cpt = pricing.cpt_price(s.fca_usd, pricing.per_unit(s.ongkos_usd, s.pasang))
    tt, lc = payment.BANK_CHARGES_USD["T/T"][1], payment.BANK_CHARGES_USD["L/C"][1]
    return {
        "aturan": [_aturan_untuk(SKENARIO[i]) for i in s.skenario],
        "risiko": [_penanggung_risiko(*KASUS_RISIKO[i]) for i in s.kasus_risiko],
        "harga_cip": {"cpt": cpt, "cip": pricing.cip_from_cpt(cpt, s.premi)},
        "biaya_bank": {"lc": lc / s.nilai_pesanan_usd * 100, "tt": tt / s.nilai_pesanan_usd * 100},
        "inkaso": [payment.collection_type(b) for b in s.inkaso_berjangka],
        "studi_kasus": _studi(PESAN[s.pesan]),
    }


# ---- checks: one function per exercise, shared by the self-check and the hidden test -------

_sesi = Sesi(soal)
mulai = _sesi.mulai
_id = _sesi.id

USD = {"toleransi": 0.002, "mutlak": 0.005, "satuan": "USD per pasang"}


def _aturan(pid: str, nilai: object) -> Hasil:
    return periksa_kata(
        nilai,
        harapan(pid)["aturan"],
        pilihan=list(incoterms.RULES),
        nama="aturan",
        petunjuk="untuk setiap situasi tanyakan berurutan: kontainer atau dimuat langsung ke kapal? di mana "
        "risiko pindah? siapa membayar angkutan utama, dan asuransinya?",
    )


def _risiko(pid: str, nilai: object) -> Hasil:
    return periksa_kata(
        nilai,
        harapan(pid)["risiko"],
        pilihan=[incoterms.SELLER, incoterms.BUYER],
        nama="risiko",
        petunjuk="cari dulu di gambar titik risiko pindah untuk aturan itu. Pada aturan C (CFR, CIF, CPT, "
        "CIP) risiko sudah pindah di tempat asal, walaupun penjual membayar ongkos angkut.",
    )


def _cip(pid: str, nilai: object) -> Hasil:
    if belum_diisi(nilai) or not isinstance(nilai, dict):
        return Hasil(False, "Jawaban belum diisi. Tulis angka Anda di harga_cpt dan harga_cip.")
    return periksa_bagian(
        nilai,
        harapan(pid)["harga_cip"],
        [
            Bagian(
                "harga_cpt",
                "cpt",
                **USD,
                petunjuk="CPT = FCA + ongkos angkut per pasang (ongkos kontainer ÷ jumlah pasang).",
            ),
            Bagian(
                "harga_cip",
                "cip",
                **USD,
                petunjuk="asuransi atas 110% nilai CIP: CIP = CPT ÷ (1 − 1,1 × tarif premi).",
            ),
        ],
        benar="Benar. Harga kontainer CPT dan CIP Anda tepat!",
    )


def _biaya_bank(pid: str, nilai: object) -> Hasil:
    if belum_diisi(nilai) or not isinstance(nilai, dict):
        return Hasil(
            False,
            "Jawaban belum diisi. Tulis angka persen Anda di biaya_lc_persen dan biaya_tt_persen.",
        )
    return periksa_bagian(
        nilai,
        harapan(pid)["biaya_bank"],
        [
            Bagian(
                nama,
                kunci,
                toleransi=0.01,
                mutlak=0.02,
                satuan="persen",
                petunjuk=f"persen = biaya {biaya} tertinggi (USD) ÷ nilai pesanan (USD) × 100.",
            )
            for kunci, nama, biaya in (
                ("lc", "biaya_lc_persen", "L/C"),
                ("tt", "biaya_tt_persen", "T/T"),
            )
        ],
        benar="Benar. Sekarang Anda tahu berapa bagian nilai pesanan yang habis untuk biaya bank.",
    )


def _inkaso(pid: str, nilai: object) -> Hasil:
    return periksa_kata(
        nilai,
        harapan(pid)["inkaso"],
        pilihan=["D/P", "D/A"],
        nama="inkaso",
        petunjuk="kapan pembeli membayar? Bila nanti (wesel berjangka), dokumen diserahkan atas aksep.",
    )


def _studi_kasus(pid: str, nilai: object) -> Hasil:
    if belum_diisi(nilai) or not isinstance(nilai, dict):
        return Hasil(
            False, "Jawaban belum diisi. Tulis jawaban Anda di sk_aturan, sk_risiko dan sk_dokumen."
        )
    h = harapan(pid)["studi_kasus"]
    kosong_ = [f"sk_{k}" for k in ("aturan", "risiko", "dokumen") if belum_diisi(nilai[k])]
    if kosong_:
        return Hasil(False, "Masih ada yang belum diisi: " + ", ".join(kosong_) + ".")
    if not all(isinstance(v, str) for v in nilai.values()):
        return Hasil(False, 'Setiap jawaban ditulis di antara tanda petik, mis. "FCA".')
    if nilai["aturan"].strip().upper() != h["aturan"]:
        return Hasil(
            False,
            "sk_aturan: belum tepat. Petunjuk: baca surelnya lagi: kontainer atau kapal? siapa membayar "
            "angkutan utama dan asuransi? di mana barang diserahkan? Bila barang diserahkan di tempat tujuan, "
            "bedakan: DAP = barang siap dibongkar (pembeli yang membongkar), DPU = penjual yang membongkar, "
            "DDP = penjual juga mengurus dan membayar bea masuk.",
        )
    if nilai["risiko"].strip().casefold() != h["risiko"]:
        return Hasil(
            False,
            "sk_risiko: belum tepat. Petunjuk: dengan aturan yang Anda pilih, di mana risiko pindah? Apakah "
            "kejadian itu sebelum atau sesudah titik itu?",
        )
    if nilai["dokumen"].strip().upper() != h["dokumen"]:
        return Hasil(
            False,
            "sk_dokumen: belum tepat. Petunjuk: pembeli membayar saat dokumen diperlihatkan, atau nanti?",
        )
    return Hasil(True, "Benar. Anda bisa menjawab surel pembeli itu dengan syarat yang tepat!")


cek_aturan, uji_aturan = berurutan(_aturan, _id)
cek_risiko, uji_risiko = berurutan(_risiko, _id)
cek_harga_cip, uji_harga_cip = per_nama(_cip, _id, ("cpt", "cip"))
cek_biaya_bank, uji_biaya_bank = per_nama(_biaya_bank, _id, ("lc", "tt"))
cek_inkaso, uji_inkaso = berurutan(_inkaso, _id)
cek_studi_kasus, uji_studi_kasus = per_nama(_studi_kasus, _id, ("aturan", "risiko", "dokumen"))


#: After repeated misses a self-check shows the reasoning on a similar case (never the participant's own).
CONTOH_KERJA = {
    "aturan": (
        "Contoh lain: sepatu dikirim dengan PESAWAT; penjual membayar angkutan sampai bandara tujuan, "
        "tanpa asuransi; risiko pindah saat diserahkan ke maskapai di Surabaya. Bukan kapal → bukan FAS, "
        "FOB, CFR, CIF. Penjual membayar angkutan utama dan risiko pindah di negara asal → aturan C. "
        "Tanpa asuransi → CPT (dengan asuransi: CIP)."
    ),
    "biaya_bank": (
        "Contoh lain: pesanan USD 2.400, biaya L/C paling tinggi USD 150: 150 ÷ 2.400 × 100 = 6,25% dari "
        "nilai pesanan. Biaya T/T paling tinggi USD 10: 10 ÷ 2.400 × 100 = 0,42%."
    ),
    "harga_cip": (
        "Contoh lain: FCA USD 11,00, ongkos angkut USD 2.100 untuk 1.400 pasang → CPT = 11,00 + 1,50 = "
        "USD 12,50. Premi 0,3% dari 110% CIP: CIP = 12,50 ÷ (1 − 1,1 × 0,003) = USD 12,54."
    ),
    "inkaso": (
        "Cara berpikir: bila pembeli membayar saat dokumen datang → D/P (dokumen ditukar dengan "
        "pembayaran). Bila pembeli baru membayar 60 hari kemudian (wesel berjangka) → D/A (dokumen "
        "ditukar dengan persetujuan membayar nanti)."
    ),
    "risiko": (
        "Contoh lain: DDP, sepatu rusak selama pelayaran → penjual, karena pada aturan D (DAP, DPU, DDP) "
        "risiko baru pindah di tempat tujuan. CPT, rusak selama pelayaran → pembeli, karena risiko sudah "
        "pindah saat barang diserahkan ke pengangkut pertama di negara asal."
    ),
    "studi_kasus": (
        'Contoh lain: "Kirim lewat udara, Anda bayar angkutan sampai Seoul tanpa asuransi; kami bayar '
        '30 hari setelah dokumen diterima." → moda apa pun, penjual bayar angkutan, tanpa asuransi: CPT. '
        "Rusak saat terbang → pembeli (risiko pindah di pengangkut pertama). Bayar kemudian → D/A."
    ),
}
lengkapi(globals(), "m4b", CONTOH_KERJA)
