"""Exercises of module m6-dokumen-ekspor (export documents).

Every order and document a participant sees is drawn from their variant (:func:`soal`); every
expected value comes from the domain applied to the same variant: totals from
:mod:`alaskaki.domain.documents` (``CommercialInvoice``, ``PackingList``), the planted
inconsistencies from ``documents.check_consistency``, the transport document and UCP 600 articles
from :mod:`alaskaki.domain.transport_documents`, the proof of origin from
:func:`alaskaki.domain.origin.certificate_of_origin`. Prices, weights and names are *contoh*.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, timedelta

from alaskaki.domain import documents as doc
from alaskaki.domain import origin
from alaskaki.domain import transport_documents as td
from alaskaki.exercises.base import (
    Hasil,
    Sesi,
    belum_diisi,
    lengkapi,
    pasangan,
    periksa_angka,
    periksa_himpunan,
    rng,
)

MODUL = "m6-dokumen-ekspor"

# Fictional firms, set in real kelurahan of Kota Mojokerto (names of firms and buyers are invented).
IKM = [
    ("UD Sepatu Miji Jaya", "Miji"),
    ("CV Langkah Surodinawan", "Surodinawan"),
    ("UD Kulit Prajurit", "Prajurit Kulon"),
    ("IKM Blooto Makmur", "Blooto"),
]
# (destination key of origin.destinations(), buyer, currency)
PEMBELI = [
    ("jepang", "Sakura Footwear Trading Co., Ltd.", "USD"),
    ("tiongkok", "Guangzhou Xinlu Shoes Import Co., Ltd.", "USD"),
    ("malaysia", "Kuala Langkah Sdn. Bhd.", "USD"),
    ("vietnam", "Saigon Step Trading JSC", "USD"),
    ("uni_eropa", "Rhein Schuhhandel GmbH", "EUR"),
]
# Articles: (description, HS subheading as classified in module 2, net kg per pair range)
ARTIKEL = [
    ("Sepatu pantofel kulit pria", "6403.99", (0.85, 1.05)),
    ("Sepatu bot kulit pendek", "6403.91", (1.05, 1.30)),
    ("Sepatu kasual upper kain, sol karet", "6404.19", (0.55, 0.75)),
    ("Sandal kulit wanita", "6403.59", (0.40, 0.55)),
]
# Shipments for the transport-document exercise: (description, mode key of transport_documents.MODES)
PENGIRIMAN = [
    (
        "2.400 pasang dalam satu kontainer, dimuat ke kapal di pelabuhan Surabaya menuju pelabuhan pembeli",
        "laut",
    ),
    (
        "1.800 pasang dikirim dengan kapal laut dari Surabaya; pembeli mengambil di pelabuhan tujuan",
        "laut",
    ),
    ("60 pasang sampel dikirim dengan pesawat dari bandara Surabaya ke kota pembeli", "udara"),
    ("300 pasang pesanan mendesak dikirim dengan pesawat kargo", "udara"),
    (
        "Satu kontainer diangkut truk dari gudang IKM di Mojokerto ke pelabuhan, lalu kapal sampai pelabuhan "
        "tujuan; satu kontrak angkut dan satu dokumen angkut untuk seluruh perjalanan",
        "multimoda",
    ),
]
HURUF = "ABCDEFGH"


@dataclass(frozen=True)
class Pesanan:
    """An order and its shipment: enough to write invoice, packing list and PEB."""

    nomor: str
    pembeli: str
    tujuan: str  # origin destination key
    mata_uang: str
    incoterm: str
    moda: str  # transport_documents.MODES key
    baris: tuple  # dicts: artikel, kode_hs, pasang, harga_satuan, pasang_per_karton, bersih_per_pasang_kg, kemasan_per_karton_kg

    def tabel(self) -> list[dict]:
        return [dict(b) for b in self.baris]

    def invoice(self, eksportir: str) -> doc.CommercialInvoice:
        return doc.CommercialInvoice(
            number=f"INV-{self.nomor}",
            exporter=eksportir,
            consignee=self.pembeli,
            currency=self.mata_uang,
            incoterm=self.incoterm,
            lines=tuple(
                doc.InvoiceLine(b["artikel"], b["kode_hs"], b["pasang"], b["harga_satuan"])
                for b in self.baris
            ),
        )

    def packing_list(self) -> doc.PackingList:
        lines = []
        for b in self.baris:
            bersih = b["pasang_per_karton"] * b["bersih_per_pasang_kg"]
            lines.append(
                doc.PackingLine(
                    b["artikel"],
                    cartons=b["pasang"] // b["pasang_per_karton"],
                    pairs_per_carton=b["pasang_per_karton"],
                    net_kg_per_carton=bersih,
                    gross_kg_per_carton=bersih + b["kemasan_per_karton_kg"],
                    hs_code=b["kode_hs"],
                )
            )
        return doc.PackingList(
            number=f"PL-{self.nomor}", consignee=self.pembeli, lines=tuple(lines)
        )


def peb_dari(
    eksportir: str, invoice: doc.CommercialInvoice, pl: doc.PackingList
) -> doc.ExportDeclaration:
    """The PEB data a careful exporter copies from invoice and packing list."""
    return doc.ExportDeclaration(
        exporter=eksportir,
        consignee=invoice.consignee,
        hs_codes=invoice.hs_codes,
        quantity=invoice.total_quantity,
        cartons=pl.total_cartons,
        net_weight=round(pl.total_net_weight, 2),
        gross_weight=round(pl.total_gross_weight, 2),
        value=round(invoice.total_value, 2),
        currency=invoice.currency,
        incoterm=invoice.incoterm,
    )


@dataclass(frozen=True)
class Soal:
    """One participant's variant (all names, prices and weights are *contoh*)."""

    peserta: str
    ikm: str
    kelurahan: str
    pesanan: Pesanan  # exercises 1-4
    set_dokumen: tuple  # exercise 5: (invoice, packing list, PEB) with planted mismatches
    # Only what the participant is shown; the answers are looked up in harapan().
    pengiriman: dict  # exercise 6: letter -> shipment description
    ucp: dict  # exercise 7: letter -> the document or rule a UCP 600 article covers
    kasus: Pesanan  # case study
    kasus_tanggal_kirim: date  # case study: shipping date (decides EU GSP or not)

    @property
    def eksportir(self) -> str:
        return f"{self.ikm}, Kelurahan {self.kelurahan}, Kota Mojokerto"

    def tampilkan(self) -> None:
        print(
            f"Peserta {self.peserta} — {self.ikm}, Kelurahan {self.kelurahan} (nama, harga dan berat contoh)"
        )
        p = self.pesanan
        print(
            f"  Pesanan {p.nomor}: {p.pembeli}, {p.incoterm}, mata uang {p.mata_uang}, {len(p.baris)} artikel"
        )

    # ---- the document set of exercise 5, as plain tables

    def invoice_soal(self) -> dict:
        iv = self.set_dokumen[0]
        return {
            "nomor": iv.number,
            "penerima (consignee)": iv.consignee,
            "mata uang": iv.currency,
            "Incoterm": iv.incoterm,
        }

    def invoice_baris(self) -> list[dict]:
        iv = self.set_dokumen[0]
        return [
            {
                "artikel": x.description,
                "kode_hs": x.hs_code,
                "pasang": x.quantity,
                "harga_satuan": x.unit_price,
            }
            for x in iv.lines
        ]

    def packing_list_soal(self) -> dict:
        pl = self.set_dokumen[1]
        return {"nomor": pl.number, "penerima (consignee)": pl.consignee}

    def packing_list_baris(self) -> list[dict]:
        pl = self.set_dokumen[1]
        return [
            {
                "artikel": x.description,
                "kode_hs": x.hs_code,
                "karton": x.cartons,
                "pasang_per_karton": x.pairs_per_carton,
                "bersih_per_karton_kg": round(x.net_kg_per_carton, 2),
                "kotor_per_karton_kg": round(x.gross_kg_per_carton, 2),
            }
            for x in pl.lines
        ]

    def data_peb(self) -> dict:
        peb = self.set_dokumen[2]
        return {
            "penerima (consignee)": peb.consignee,
            "kode HS": ", ".join(peb.hs_codes),
            "jumlah pasang": peb.quantity,
            "jumlah karton": peb.cartons,
            "berat bersih (kg)": peb.net_weight,
            "berat kotor (kg)": peb.gross_weight,
            "nilai barang": peb.value,
            "mata uang": peb.currency,
            "Incoterm": peb.incoterm,
        }


def _pesanan(r, nomor: str, n_artikel: int, tujuan: tuple, moda: str) -> Pesanan:
    dest, pembeli, uang = tujuan
    incoterm = r.choice(["FOB", "CFR", "CIF"] if moda == "laut" else ["FCA", "CPT", "CIP"])
    baris = []
    for artikel, kode, (lo, hi) in r.sample(ARTIKEL, n_artikel):
        per_karton = r.choice([6, 10, 12])
        baris.append(
            {
                "artikel": artikel,
                "kode_hs": kode,
                "pasang": per_karton * r.choice(range(10, 41)),
                "harga_satuan": round(r.uniform(8.0, 22.0), 1)
                if uang == "USD"
                else round(r.uniform(8.0, 20.0), 1),
                "pasang_per_karton": per_karton,
                "bersih_per_pasang_kg": round(r.uniform(lo, hi), 2),
                "kemasan_per_karton_kg": round(
                    per_karton * r.choice([0.20, 0.25, 0.30]) + r.choice([0.8, 1.0, 1.2]), 2
                ),
            }
        )
    return Pesanan(nomor, pembeli, dest, uang, incoterm, moda, tuple(baris))


_SALAH_KETIK = {
    "Trading": "Tradding",
    "Footwear": "Footware",
    "Shoes": "Shoe",
    "Langkah": "Langka",
    "Step": "Steps",
    "Schuhhandel": "Schuhandel",
}


def _tanam(r, iv: doc.CommercialInvoice, pl: doc.PackingList, peb: doc.ExportDeclaration):
    """Plant 2 or 3 mismatches of different kinds (the kinds are found again by check_consistency)."""
    kinds = r.sample(
        [
            "quantity",
            "cartons",
            "net_weight",
            "gross_weight",
            "value",
            "currency",
            "hs_code",
            "incoterm",
            "consignee",
        ],
        r.choice([2, 3]),
    )
    for kind in kinds:
        if kind == "quantity":
            peb = dataclasses.replace(peb, quantity=peb.quantity + r.choice([-12, 10, 60]))
        elif kind == "cartons":
            peb = dataclasses.replace(peb, cartons=peb.cartons + r.choice([-2, -1, 1, 3]))
        elif kind == "net_weight":
            peb = dataclasses.replace(
                peb, net_weight=round(peb.net_weight + r.choice([-18.5, 9.0, 27.0]), 2)
            )
        elif kind == "gross_weight":
            peb = dataclasses.replace(
                peb, gross_weight=round(peb.gross_weight + r.choice([-25.0, 12.5, 40.0]), 2)
            )
        elif kind == "value":
            peb = dataclasses.replace(
                peb, value=round(peb.value + r.choice([-150.0, 90.0, 300.0]), 2)
            )
        elif kind == "currency":
            peb = dataclasses.replace(peb, currency="EUR" if peb.currency == "USD" else "USD")
        elif kind == "hs_code":
            codes = list(peb.hs_codes)
            codes[0] = "6405.90" if codes[0] != "6405.90" else "6402.99"
            peb = dataclasses.replace(peb, hs_codes=tuple(codes))
        elif kind == "incoterm":
            lain = {
                "FOB": "CIF",
                "CFR": "FOB",
                "CIF": "CFR",
                "FCA": "CIP",
                "CPT": "FCA",
                "CIP": "CPT",
            }
            peb = dataclasses.replace(peb, incoterm=lain[peb.incoterm])
        elif kind == "consignee":
            nama = pl.consignee
            for benar, salah in _SALAH_KETIK.items():
                if benar in nama:
                    nama = nama.replace(benar, salah, 1)
                    break
            pl = dataclasses.replace(pl, consignee=nama)
    return iv, pl, peb


def soal(participant_id: str) -> Soal:
    r = rng(MODUL, participant_id)
    ikm, kel = IKM[r.randrange(len(IKM))]
    eksportir = f"{ikm}, Kelurahan {kel}, Kota Mojokerto"
    tujuan = r.sample(PEMBELI, 3)
    nomor = r.choice(range(101, 990))
    pesanan = _pesanan(r, f"{nomor}", 3, tujuan[0], "laut")
    lain = _pesanan(r, f"{nomor + 7}", 2, tujuan[1], r.choice(["laut", "udara"]))
    iv, pl = lain.invoice(eksportir), lain.packing_list()
    set_dokumen = _tanam(r, iv, pl, peb_dari(eksportir, iv, pl))
    laut = [p for p in PENGIRIMAN if p[1] == "laut"]
    udara = [p for p in PENGIRIMAN if p[1] == "udara"]
    kirim = [r.choice(laut), r.choice(udara)]
    kirim.append(r.choice([p for p in PENGIRIMAN if p not in kirim]))
    r.shuffle(kirim)
    pasal = r.sample(sorted(td.UCP600_DOCUMENT_ARTICLES), 4)
    kasus = _pesanan(r, f"{nomor + 15}", 2, tujuan[2], r.choice(["laut", "udara"]))
    return Soal(
        peserta=participant_id,
        ikm=ikm,
        kelurahan=kel,
        pesanan=pesanan,
        set_dokumen=set_dokumen,
        pengiriman=dict(zip(HURUF, (k[0] for k in kirim), strict=False)),
        ucp=dict(zip(HURUF, (td.UCP600_DOCUMENT_ARTICLES[n] for n in pasal), strict=False)),
        kasus=kasus,
        # drawn last so the rest of a variant stays as it was before shipping dates existed
        kasus_tanggal_kirim=origin.EU_GSP_INDONESIA_ENDS + timedelta(days=r.randrange(-40, 50)),
    )


#: Answer word for an EU consignment shipped when Indonesia no longer has EU GSP.
TANPA_GSP = "tidak ada"


def _dokumen_asal(tujuan: str, nilai: float, mata_uang: str, tanggal_kirim: date | None) -> str:
    """The proof of origin for a destination, as the short answer word ("Form D", "statement on origin")."""
    g = origin.certificate_of_origin(
        tujuan, nilai if mata_uang == "EUR" else None, shipping_date=tanggal_kirim
    )
    if not g.known:
        return ""
    if g.document is None:
        return TANPA_GSP
    return "statement on origin" if "statement on origin" in g.document else g.document


# ---- expected values: only domain functions, from the same variant -------------------------


def harapan(participant_id: str) -> dict:
    """Expected answers (used by hidden tests and the trainer's tools; never shown to participants)."""
    s = soal(participant_id)
    iv, pl = s.pesanan.invoice(s.eksportir), s.pesanan.packing_list()
    kiv, kpl = s.kasus.invoice(s.eksportir), s.kasus.packing_list()
    moda = dict(PENGIRIMAN)
    pasal = {subjek: n for n, subjek in td.UCP600_DOCUMENT_ARTICLES.items()}
    return {
        "nilai_invoice": iv.total_value,
        "jumlah_karton": pl.total_cartons,
        "berat_bersih": pl.total_net_weight,
        "berat_kotor": pl.total_gross_weight,
        "ketidaksesuaian": sorted({m.kind for m in doc.check_consistency(*s.set_dokumen)}),
        "dokumen_angkut": {
            h: td.transport_document(moda[u]).abbreviation for h, u in s.pengiriman.items()
        },
        "ucp": {h: pasal[u] for h, u in s.ucp.items()},
        "studi_kasus": {
            "nilai": kiv.total_value,
            "jumlah_pasang": kiv.total_quantity,
            "jumlah_karton": kpl.total_cartons,
            "berat_bersih": kpl.total_net_weight,
            "berat_kotor": kpl.total_gross_weight,
            "dokumen_angkut": td.transport_document(s.kasus.moda).abbreviation,
            "dokumen_asal": _dokumen_asal(
                s.kasus.tujuan, kiv.total_value, s.kasus.mata_uang, s.kasus_tanggal_kirim
            ),
        },
    }


# ---- checks: one function per exercise, shared by the self-check and the hidden test -------

_sesi = Sesi(soal)
mulai = _sesi.mulai
_id = _sesi.id


def _nilai_invoice(pid: str, nilai: object) -> Hasil:
    return periksa_angka(
        nilai,
        harapan(pid)["nilai_invoice"],
        toleransi=0.0005,
        mutlak=0.05,
        satuan="mata uang invoice",
        petunjuk="nilai setiap baris = jumlah pasang × harga per pasang; jumlahkan semua baris.",
    )


def _jumlah_karton(pid: str, nilai: object) -> Hasil:
    return periksa_angka(
        nilai,
        harapan(pid)["jumlah_karton"],
        toleransi=0,
        mutlak=0.01,
        satuan="karton",
        petunjuk="karton setiap artikel = jumlah pasang ÷ isi pasang per karton; jumlahkan semua artikel.",
    )


def _berat_bersih(pid: str, nilai: object) -> Hasil:
    return periksa_angka(
        nilai,
        harapan(pid)["berat_bersih"],
        toleransi=0.001,
        mutlak=0.05,
        satuan="kg",
        petunjuk="berat bersih = jumlah pasang × berat bersih per pasang (sepatunya saja), "
        "dijumlahkan untuk semua artikel.",
    )


def _berat_kotor(pid: str, nilai: object) -> Hasil:
    return periksa_angka(
        nilai,
        harapan(pid)["berat_kotor"],
        toleransi=0.001,
        mutlak=0.05,
        satuan="kg",
        petunjuk="berat kotor = berat bersih + berat kemasan; berat kemasan = jumlah karton × "
        "berat kemasan per karton.",
    )


def _ketidaksesuaian(pid: str, nilai: object) -> Hasil:
    if isinstance(nilai, list | tuple | set):
        nilai = [x.strip().lower() if isinstance(x, str) else x for x in nilai]
        asing = [x for x in nilai if isinstance(x, str) and x not in doc.FIELD_NAMES]
        if asing:
            return Hasil(
                False,
                f"Tidak dikenal: {', '.join(map(repr, asing))}. Pakai kata kunci dari daftar, "
                'mis. "net_weight" atau "consignee".',
            )
    return periksa_himpunan(
        nilai,
        set(harapan(pid)["ketidaksesuaian"]),
        petunjuk="jumlahkan dulu karton, pasang, berat bersih dan berat kotor di packing list dan nilai di invoice, "
        "lalu bandingkan dengan PEB; periksa juga nama penerima, kode HS, mata uang dan Incoterm huruf demi huruf.",
    )


def _dokumen_angkut(pid: str, nilai: object) -> Hasil:
    harap = harapan(pid)["dokumen_angkut"]
    if belum_diisi(nilai):
        return Hasil(False, 'Jawaban belum diisi. Tulis dict, mis. {"A": "B/L", "B": "AWB", ...}.')
    if not isinstance(nilai, dict):
        return Hasil(
            False, 'Jawaban harus berupa dict huruf → dokumen, mis. {"A": "B/L", "B": "AWB"}.'
        )
    jawab = {str(k).strip().upper(): td.normalise_abbreviation(v) for k, v in nilai.items()}
    kurang = [h for h in harap if h not in jawab]
    if kurang:
        return Hasil(False, f"Pengiriman {', '.join(kurang)} belum diberi dokumen angkut.")
    harap_key = {h: td.normalise_abbreviation(v) for h, v in harap.items()}
    salah = [h for h in harap if jawab[h] != harap_key[h]]
    if salah:
        return Hasil(
            False,
            f"Belum tepat untuk pengiriman {', '.join(salah)}. Petunjuk: lihat moda angkutnya — "
            "kapal, pesawat, atau beberapa moda dengan satu dokumen untuk seluruh perjalanan.",
        )
    return Hasil(True, "Benar. Dokumen angkut sudah sesuai dengan moda angkutnya!")


def _ucp(pid: str, nilai: object) -> Hasil:
    harap = harapan(pid)["ucp"]
    if belum_diisi(nilai):
        return Hasil(
            False, 'Jawaban belum diisi. Tulis dict huruf → nomor pasal, mis. {"A": 18, ...}.'
        )
    if not isinstance(nilai, dict):
        return Hasil(
            False, 'Jawaban harus berupa dict huruf → nomor pasal, mis. {"A": 18, "B": 20}.'
        )
    jawab = {}
    for k, v in nilai.items():
        try:
            jawab[str(k).strip().upper()] = int(
                str(v).strip().lower().removeprefix("pasal").strip()
            )
        except ValueError:
            return Hasil(False, f"Nomor pasal untuk {k} harus angka, mis. 18.")
    salah = [h for h in harap if jawab.get(h) != harap[h]]
    if salah:
        return Hasil(
            False,
            f"Belum tepat untuk {', '.join(salah)}. Petunjuk: lihat lagi tabel pasal UCP 600 di bagian 4.",
        )
    return Hasil(True, "Benar. Anda tahu pasal UCP 600 yang mengatur setiap dokumen!")


def _teks_sama(a: object, b: str) -> bool:
    if not isinstance(a, str):
        return False
    norm = lambda t: "".join(ch for ch in t.casefold() if ch.isalnum())  # noqa: E731
    return norm(a) == norm(b)


def _studi_kasus(pid: str, nilai: object) -> Hasil:
    h = harapan(pid)["studi_kasus"]
    if belum_diisi(nilai):
        return Hasil(False, "Jawaban belum diisi. Isi dict dengan semua kunci yang diminta.")
    if not isinstance(nilai, dict):
        return Hasil(
            False,
            'Jawaban studi kasus harus berupa dict, mis. {"nilai": ..., "jumlah_pasang": ..., ...}.',
        )
    kurang = [k for k in h if k not in nilai]
    if kurang:
        return Hasil(False, f"Kunci belum ada: {', '.join(kurang)}.")
    cek_angka = [
        ("nilai", "nilai invoice", 0.05, "jumlahkan pasang × harga per pasang."),
        ("jumlah_pasang", "jumlah pasang", 0.01, "jumlahkan pasang semua artikel."),
        ("jumlah_karton", "jumlah karton", 0.01, "pasang ÷ isi per karton, untuk setiap artikel."),
        ("berat_bersih", "berat bersih", 0.05, "pasang × berat bersih per pasang."),
        ("berat_kotor", "berat kotor", 0.05, "berat bersih + karton × berat kemasan per karton."),
    ]
    for kunci, nama, mutlak, petunjuk in cek_angka:
        hasil = periksa_angka(
            nilai[kunci], h[kunci], toleransi=0.0005, mutlak=mutlak, petunjuk=petunjuk
        )
        if not hasil.benar:
            return Hasil(False, f"{nama.capitalize()}: {hasil.pesan}")
    if td.normalise_abbreviation(nilai["dokumen_angkut"]) != td.normalise_abbreviation(
        h["dokumen_angkut"]
    ):
        return Hasil(
            False, "Dokumen angkut belum tepat. Petunjuk: lihat moda angkut pengiriman ini."
        )
    if not _teks_sama(nilai["dokumen_asal"], h["dokumen_asal"]):
        return Hasil(
            False,
            "Dokumen asal barang belum tepat. Petunjuk: pakai panduan SKA di bagian 3 untuk negara "
            "tujuan pembeli dan tanggal pengapalan, lalu tulis nama dokumennya saja.",
        )
    return Hasil(True, "Benar. Set dokumen pengiriman ini lengkap dan saling sesuai!")


cek_nilai_invoice, uji_nilai_invoice = pasangan(_nilai_invoice, _id)
cek_jumlah_karton, uji_jumlah_karton = pasangan(_jumlah_karton, _id)
cek_berat_bersih, uji_berat_bersih = pasangan(_berat_bersih, _id)
cek_berat_kotor, uji_berat_kotor = pasangan(_berat_kotor, _id)
cek_ketidaksesuaian, uji_ketidaksesuaian = pasangan(_ketidaksesuaian, _id)
cek_dokumen_angkut, uji_dokumen_angkut = pasangan(_dokumen_angkut, _id)
cek_ucp, uji_ucp = pasangan(_ucp, _id)
cek_studi_kasus, uji_studi_kasus = pasangan(_studi_kasus, _id)


#: After repeated misses a self-check shows the reasoning on a similar case (never the participant's own).
CONTOH_KERJA = {
    "berat_bersih": (
        "Contoh lain: 310 pasang × 0,92 kg + 190 pasang × 0,61 kg = 285,2 + 115,9 = 401,1 kg. Berat "
        "bersih hanya sepatunya, tanpa karton."
    ),
    "berat_kotor": (
        "Contoh lain: berat bersih 401,1 kg, 47 karton × 1,3 kg kemasan = 61,1 kg. Berat kotor = 401,1 + "
        "61,1 = 462,2 kg."
    ),
    "dokumen_angkut": (
        "Cara berpikir: kapal laut → B/L; pesawat → AWB (air waybill); lebih dari satu moda dalam satu "
        "kontrak (mis. truk dari Mojokerto lalu kapal sampai gudang pembeli) → dokumen multimoda."
    ),
    "jumlah_karton": (
        "Contoh lain: 310 pasang, 10 pasang per karton → 31 karton; 192 pasang, 12 per karton → 16 "
        "karton. Total 47 karton. Hitung per artikel (satu karton hanya berisi satu artikel), baru "
        "jumlahkan."
    ),
    "ketidaksesuaian": (
        "Cara berpikir: jumlahkan dulu invoice dan packing list, lalu bandingkan satu per satu dengan "
        "PEB: nilai, jumlah pasang, karton, berat bersih, berat kotor, Incoterm, nama penerima. Huruf "
        "yang tertukar pada nama penerima juga ketidaksesuaian."
    ),
    "nilai_invoice": (
        "Contoh lain: artikel 1: 310 pasang × USD 12,40 = 3.844; artikel 2: 190 pasang × USD 15,10 = "
        "2.869. Nilai invoice = 3.844 + 2.869 = USD 6.713."
    ),
    "studi_kasus": (
        "Contoh lain: dua artikel, dikirim dengan pesawat ke Jepang. Hitung nilai, pasang, karton (per "
        "artikel, dibulatkan ke atas), berat bersih dan kotor seperti Latihan 1–4; dokumen angkut AWB; "
        "dokumen asal Form IJEPA. Untuk Uni Eropa lihat dulu tanggal pengapalan: GSP hanya sampai 31 "
        "Desember 2026."
    ),
    "ucp": (
        "Cara berpikir: baca hal yang ditanya dan cari pasalnya di tabel UCP 600 di atas: invoice, "
        "dokumen asuransi, B/L, AWB, dokumen multimoda, toleransi jumlah, pengapalan sebagian "
        "masing-masing punya pasal sendiri."
    ),
}
lengkapi(globals(), "m6", CONTOH_KERJA)
