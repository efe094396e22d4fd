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
from alaskaki.domain.regulations import BULAN, date_text
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
from alaskaki.exercises.jamak import per_nama
from alaskaki.text import number

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
#: Latihan 8 (B/L or sea waybill): a sea shipment whose transport document must be negotiable (True)
#: or need not be (False), told in the same words in every variant (no word but the need decides).
KIRIMAN_LAUT = {
    True: "dibayar dengan L/C; bank meminta dokumen angkut yang dapat dipindahtangankan (negotiable)",
    False: "pembeli sudah membayar di muka (T/T); dokumen angkut tidak perlu dapat dipindahtangankan",
}
KOTA_LAUT = ["Busan", "Hamburg", "Rotterdam", "Osaka", "Dubai", "Los Angeles"]
BARANG_LAUT = ["sepatu pantofel kulit", "sepatu bot kulit", "sepatu kasual", "sandal kulit"]


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


def _peb_dari(
    eksportir: str, invoice: doc.CommercialInvoice, pl: doc.PackingList
) -> doc.ExportDeclaration:
    """The PEB data a careful exporter copies from invoice and packing list (the documents'
    discrepancies are found against it: marked as the key)."""
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
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
    lc: dict  # exercise 7: the buyer's L/C terms, as printed
    lc_invoice: dict  # exercise 7: header of the invoice presented to the bank
    lc_invoice_baris: tuple  # exercise 7: its lines (artikel, pasang, harga_satuan)
    lc_bl: dict  # exercise 7: the bill of lading presented to the bank
    kasus: Pesanan  # case study
    kasus_tanggal_kirim: date  # case study: shipping date (decides EU GSP or not)
    kiriman_laut: dict  # exercise 8: "1", "2" -> a sea shipment and what its buyer's payment needs

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


#: Exercise 7: the data a bank compares between the L/C and the documents, by answer letter.
DATA_LC = {
    "A": "nama pemohon L/C (pembeli) dan penerima di invoice",
    "B": "jumlah pasang",
    "C": "mata uang",
    "D": "Incoterm",
    "E": "pelabuhan muat",
    "F": "tanggal pengapalan",
}
PELABUHAN_MUAT = "Tanjung Perak, Surabaya"
PELABUHAN_LAIN = ["Tanjung Emas, Semarang", "Tanjung Priok, Jakarta"]


def _tanggal(teks: str) -> date:
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    hari, bulan, tahun = teks.split()
    return date(int(tahun), BULAN.index(bulan) + 1, int(hari))


def _lc(r, eksportir: str, p: Pesanan):
    """The L/C of an order and the documents presented under it, with one planted discrepancy."""
    batas = date(2027, r.randrange(2, 12), r.randrange(1, 28))
    pasang = sum(b["pasang"] for b in p.baris)
    lc = {
        "nomor L/C": f"LC-{p.nomor}-{r.randrange(100, 999)}",
        "penerima pembayaran (beneficiary)": eksportir,
        "pemohon (applicant, pembeli)": p.pembeli,
        "barang": f"{pasang} pasang sepatu sesuai pesanan {p.nomor}",
        "mata uang": p.mata_uang,
        "Incoterm": p.incoterm,
        "pelabuhan muat": PELABUHAN_MUAT,
        "pengapalan paling lambat": date_text(batas),
        "dokumen yang diminta": "invoice, packing list, B/L",
    }
    invoice = {"nomor": f"INV-{p.nomor}", "penerima (consignee)": p.pembeli}
    invoice.update({"mata uang": p.mata_uang, "Incoterm": p.incoterm})
    baris = [
        {"artikel": b["artikel"], "pasang": b["pasang"], "harga_satuan": b["harga_satuan"]}
        for b in p.baris
    ]
    bl = {
        "pelabuhan muat": PELABUHAN_MUAT,
        "tanggal muat di kapal (on board)": date_text(batas - timedelta(days=r.randrange(2, 15))),
    }
    salah = r.choice(sorted(DATA_LC))
    if salah == "A":  # the consignee copied from another order's invoice
        invoice["penerima (consignee)"] = r.choice([x[1] for x in PEMBELI if x[1] != p.pembeli])
    elif salah == "B":
        i = r.randrange(len(baris))
        baris[i] = dict(baris[i], pasang=baris[i]["pasang"] + r.choice([-12, -6, 6, 12]))
    elif salah == "C":
        invoice["mata uang"] = "EUR" if p.mata_uang == "USD" else "USD"
    elif salah == "D":
        invoice["Incoterm"] = {"FOB": "CIF", "CFR": "FOB", "CIF": "CFR"}[p.incoterm]
    elif salah == "E":
        bl["pelabuhan muat"] = r.choice(PELABUHAN_LAIN)
    else:
        bl["tanggal muat di kapal (on board)"] = date_text(
            batas + timedelta(days=r.randrange(1, 10))
        )
    return lc, invoice, tuple(baris), bl


def _beda_lc(lc: dict, invoice: dict, baris, bl: dict) -> list[str]:
    """Letters of DATA_LC where the documents presented do not match the L/C's terms: the key."""
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    pasang_lc = int(lc["barang"].split()[0])
    beda = {
        "A": invoice["penerima (consignee)"] != lc["pemohon (applicant, pembeli)"],
        "B": sum(b["pasang"] for b in baris) != pasang_lc,
        "C": invoice["mata uang"] != lc["mata uang"],
        "D": invoice["Incoterm"] != lc["Incoterm"],
        "E": bl["pelabuhan muat"] != lc["pelabuhan muat"],
        "F": _tanggal(bl["tanggal muat di kapal (on board)"])
        > _tanggal(lc["pengapalan paling lambat"]),
    }
    return [h for h, ya in beda.items() if ya]


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
    set_dokumen = _tanam(r, iv, pl, _peb_dari(eksportir, iv, pl))
    laut = [p for p in PENGIRIMAN if p[1] == "laut"]
    udara = [p for p in PENGIRIMAN if p[1] == "udara"]
    kirim = [r.choice(laut), r.choice(udara)]
    kirim.append(r.choice([p for p in PENGIRIMAN if p not in kirim]))
    r.shuffle(kirim)
    r.sample(sorted(td.UCP600_DOCUMENT_ARTICLES), 4)  # keeps the draws of older variants
    kasus = _pesanan(r, f"{nomor + 15}", 2, tujuan[2], r.choice(["laut", "udara"]))
    tanggal_kirim = origin.EU_GSP_INDONESIA_ENDS + timedelta(days=r.randrange(-40, 50))
    lc, lc_invoice, lc_baris, lc_bl = _lc(r, eksportir, pesanan)
    # drawn last, so the draws above stay those of variants made before exercise 8
    kiriman_laut = {}
    for n, barang in enumerate(r.sample(BARANG_LAUT, 2), start=1):
        # round hundreds (as order sizes are agreed): a drawn size in steps of 60 once sat within the
        # tolerance of a committed post-test key, which the key-reach tests read as a leak
        pasang = r.randrange(600, 3001, 100)
        kiriman_laut[str(n)] = (
            number(pasang, 0)
            + f" pasang {barang} dengan kapal ke {r.choice(KOTA_LAUT)}; "
            + KIRIMAN_LAUT[r.random() < 0.5]
        )
    return Soal(
        peserta=participant_id,
        ikm=ikm,
        kelurahan=kel,
        pesanan=pesanan,
        set_dokumen=set_dokumen,
        pengiriman=dict(zip(HURUF, (k[0] for k in kirim), strict=False)),
        lc=lc,
        lc_invoice=lc_invoice,
        lc_invoice_baris=lc_baris,
        lc_bl=lc_bl,
        kasus=kasus,
        kasus_tanggal_kirim=tanggal_kirim,
        kiriman_laut=kiriman_laut,
    )


#: Answer words for an EU consignment: shipped while Indonesia has EU GSP, or after.
PERNYATAAN_ASAL = "pernyataan asal barang"
TANPA_GSP = "tidak ada"
#: Spellings accepted for a proof of origin, besides the document's own name ("Form D").
SEBUTAN_ASAL = {
    PERNYATAAN_ASAL: ["pernyataan asal barang", "pernyataan asal", "statement on origin", "rex"],
    TANPA_GSP: ["tidak ada", "tidak perlu", "tidak ada dokumen", "-"],
}


def _dokumen_asal(tujuan: str, nilai: float, mata_uang: str, tanggal_kirim: date | None) -> str:
    """The proof of origin for a destination, as the short answer word ("Form D", "pernyataan asal barang")."""
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    g = origin.certificate_of_origin(
        tujuan, nilai if mata_uang == "EUR" else None, shipping_date=tanggal_kirim
    )
    if not g.known:
        return ""
    if g.document is None:
        return TANPA_GSP
    return PERNYATAAN_ASAL if "statement on origin" in g.document else g.document


def _kata(teks: str) -> str:
    """Lower case, letters and digits only, single spaces: how two spellings are compared."""
    t = "".join(ch if ch.isalnum() else " " for ch in teks.casefold())
    return " ".join(t.split())


def _data_dokumen() -> dict[str, list[str]]:
    """Exercise 5: mismatch kind -> the Indonesian words a participant may type for it.

    The first word is the one the notebook prints; it is FIELD_NAMES' label without its gloss. The
    English key itself is accepted too ("net weight"), so a trader's habit is never marked wrong.
    """
    lain = {
        "quantity": ["pasang", "jumlah barang"],
        "cartons": ["karton", "jumlah kemasan"],
        "net_weight": ["netto", "berat neto"],
        "gross_weight": ["bruto", "berat bruto"],
        "value": ["nilai", "nilai invoice", "harga", "total nilai"],
        "currency": ["valuta"],
        "hs_code": ["hs", "kode", "pos tarif"],
        "incoterm": ["incoterms"],
        "consignee": ["penerima", "nama penerima", "pembeli", "nama pembeli"],
    }
    out = {}
    for kind, label in doc.FIELD_NAMES.items():
        utama = label.split("(")[0].strip()
        out[kind] = [utama, *lain.get(kind, []), kind.replace("_", " ")]
    return out


DATA_DOKUMEN = _data_dokumen()
#: The words exercise 5 prints, in the order the PEB shows its data.
KATA_DATA = [kata[0] for kata in DATA_DOKUMEN.values()]


def baca_data(jawaban: object) -> tuple[set[str], list[str]]:
    """The mismatch kinds a participant named, and the words that name none (typed as text or list)."""
    if isinstance(jawaban, str):
        bagian = jawaban.replace(";", ",").replace("\n", ",").split(",")
    else:
        bagian = list(jawaban)  # type: ignore[call-overload]
    kinds, asing = set(), []
    cari = {_kata(w): kind for kind, words in DATA_DOKUMEN.items() for w in words}
    for x in bagian:
        if not isinstance(x, str):
            asing.append(repr(x))
            continue
        if not _kata(x):
            continue
        kind = cari.get(_kata(x))
        if kind is None:
            asing.append(x.strip())
        else:
            kinds.add(kind)
    return kinds, asing


# ---- expected values: only domain functions, from the same variant -------------------------


def harapan(participant_id: str) -> dict:
    """Expected answers (used by hidden tests and the trainer's tools; never shown to participants)."""
    (lambda: None).__code__  # noqa: B018 - the key marker (sandbox.key_recorder hears it)
    s = soal(participant_id)
    iv, pl = s.pesanan.invoice(s.eksportir), s.pesanan.packing_list()
    kiv, kpl = s.kasus.invoice(s.eksportir), s.kasus.packing_list()
    moda = dict(PENGIRIMAN)
    return {
        "nilai_invoice": iv.total_value,
        "jumlah_karton": pl.total_cartons,
        "berat_bersih": pl.total_net_weight,
        "berat_kotor": pl.total_gross_weight,
        "ketidaksesuaian": sorted({m.kind for m in doc.check_consistency(*s.set_dokumen)}),
        "dokumen_angkut": {
            h: td.transport_document(moda[u]).abbreviation for h, u in s.pengiriman.items()
        },
        "selisih_lc": _beda_lc(s.lc, s.lc_invoice, s.lc_invoice_baris, s.lc_bl)[0],
        "dokumen_laut": {
            n: td.sea_document(uraian.endswith(KIRIMAN_LAUT[True])).abbreviation
            for n, uraian in s.kiriman_laut.items()
        },
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


def tabel_dokumen_laut() -> list[dict]:
    """The transport documents of a shipment by sea, as the notebook shows them (from the domain)."""
    return [
        {
            "dokumen": d.abbreviation,
            "nama": d.name_en,
            "dapat dipindahtangankan (negotiable)?": "bisa" if d.negotiable else "tidak",
            "pasal UCP 600": d.ucp_article,
        }
        for d in td.TRANSPORT_DOCUMENTS.values()
        if d.carriage == "laut"
    ]


def tampilkan_data(judul: str, data: dict) -> None:
    """Print a document's header data one line per field, as on the paper form (not as a Python dict)."""
    print(judul)
    lebar = max(len(k) for k in data)
    for kunci, nilai in data.items():
        print(f"  {kunci:<{lebar}} : {nilai}")
    print()


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
    if belum_diisi(nilai) or (isinstance(nilai, list | tuple | set) and not nilai):
        return Hasil(
            False, 'Jawaban belum diisi. Tulis data yang tidak sama, mis. "berat bersih, penerima".'
        )
    if not isinstance(nilai, str | list | tuple | set):
        return Hasil(
            False,
            'Tulis jawaban sebagai teks di antara tanda petik, mis. "berat bersih, penerima".',
        )
    kinds, asing = baca_data(nilai)
    if asing:
        return Hasil(
            False,
            f"Kata ini tidak saya kenal: {', '.join(asing)}. Pakai nama data dari daftar di atas "
            '(mis. "berat kotor" atau "mata uang"), dipisah koma.',
        )
    if kinds == set(harapan(pid)["ketidaksesuaian"]):
        return Hasil(True, "Benar. Semua data yang tidak sama sudah Anda temukan!")
    # No count and no name of the wrong data: that would let a participant search instead of compare.
    return Hasil(
        False,
        "Belum tepat. Petugas Bea Cukai membandingkan setiap data PEB dengan dokumen sumbernya, jadi "
        "kerjakan seperti dia: jumlahkan dulu karton, pasang, berat bersih dan berat kotor di packing list "
        "dan nilai di invoice, lalu bandingkan dengan PEB baris demi baris; baca juga nama penerima, kode "
        "HS, mata uang dan Incoterm huruf demi huruf. Tulis semua data yang berbeda, bukan hanya satu.",
    )


def _daftar_huruf(nilai: object, huruf: list[str]) -> dict | None:
    """A dict letter -> answer, also from text written in letter order ("B/L, AWB, multimoda")."""
    if isinstance(nilai, str):
        bagian = [x.strip() for x in nilai.replace(";", ",").split(",")]
        return dict(zip(huruf, bagian, strict=False)) if len(bagian) == len(huruf) else None
    if isinstance(nilai, dict):
        return {str(k).strip().upper(): v for k, v in nilai.items()}
    return None


def _dokumen_angkut(pid: str, nilai: object) -> Hasil:
    harap = harapan(pid)["dokumen_angkut"]
    if belum_diisi(nilai) or (isinstance(nilai, dict) and all(map(belum_diisi, nilai.values()))):
        return Hasil(
            False, 'Jawaban belum diisi. Ganti setiap None dengan "B/L", "AWB" atau "multimoda".'
        )
    jawab = _daftar_huruf(nilai, list(harap))
    if jawab is None:
        return Hasil(
            False,
            f"Tulis {len(harap)} dokumen angkut, satu untuk setiap pengiriman: angkut_a, angkut_b, angkut_c.",
        )
    kurang = [h for h in harap if belum_diisi(jawab.get(h))]
    if kurang:
        baris = ", ".join(f"angkut_{h.lower()}" for h in kurang)
        return Hasil(
            False, f"Masih ada None di {baris}: setiap pengiriman perlu dokumen angkutnya."
        )
    # a sea waybill is a sea document too, but this exercise is about the carriage only (Latihan 8
    # decides B/L or sea waybill): the word gets the list of answers, not a "wrong"
    if any(td.normalise_abbreviation(jawab[h]) not in ("bl", "awb", "multimoda") for h in harap):
        return Hasil(
            False, 'Tulis salah satu dari "B/L", "AWB" atau "multimoda" untuk setiap pengiriman.'
        )
    if all(
        td.normalise_abbreviation(jawab[h]) == td.normalise_abbreviation(v)
        for h, v in harap.items()
    ):
        return Hasil(True, "Benar. Dokumen angkut sudah sesuai dengan moda angkutnya!")
    # No letter named: three letters and three documents would otherwise be found by trying.
    return Hasil(
        False,
        "Belum tepat. Dokumen angkut dibuat oleh pengangkut dan mengikuti alat angkutnya: baca lagi setiap "
        "pengiriman dan tanyakan, barangnya naik kapal, pesawat, atau beberapa alat angkut dengan satu "
        "kontrak dan satu dokumen untuk seluruh perjalanan?",
    )


def _dokumen_laut(pid: str, nilai: object) -> Hasil:
    harap = harapan(pid)["dokumen_laut"]
    if belum_diisi(nilai) or not isinstance(nilai, dict):
        return Hasil(
            False, 'Jawaban belum diisi. Ganti setiap None dengan "B/L" atau "sea waybill".'
        )
    kurang = [f"laut_{n}" for n in harap if belum_diisi(nilai.get(n))]
    if kurang:
        return Hasil(
            False, f"Masih ada None di {', '.join(kurang)}: setiap kiriman perlu dokumen angkutnya."
        )
    kunci = {n: td.normalise_abbreviation(nilai[n]) for n in harap}
    if any(k in ("awb", "multimoda") for k in kunci.values()):
        return Hasil(
            False,
            'Kedua kiriman naik kapal, jadi AWB dan dokumen multimoda tidak dipakai di sini. Tulis "B/L" '
            'atau "sea waybill".',
        )
    if any(k is None for k in kunci.values()):
        return Hasil(False, 'Tulis "B/L" atau "sea waybill" untuk setiap kiriman.')
    if all(kunci[n] == td.normalise_abbreviation(v) for n, v in harap.items()):
        return Hasil(
            True,
            "Benar. B/L bila dokumen angkut harus dapat dipindahtangankan, sea waybill bila tidak perlu!",
        )
    # No number named: two lines and two documents would otherwise be found by trying.
    return Hasil(
        False,
        "Belum tepat. Untuk kapal ada dua dokumen angkut, dan bedanya satu: B/L dapat dipindahtangankan "
        "(negotiable), sea waybill tidak. Baca lagi setiap kiriman: apakah bank atau pembeli meminta "
        "dokumen angkut yang dapat dipindahtangankan?",
    )


def _selisih_lc(pid: str, nilai: object) -> Hasil:
    hasil = periksa_pilihan(nilai, harapan(pid)["selisih_lc"], pilihan=list(DATA_LC))
    if hasil.benar:
        return Hasil(
            True,
            "Benar. Anda menemukan data yang akan membuat bank menolak dokumen: perbaiki dulu sebelum "
            "dokumen diserahkan ke bank.",
        )
    if not hasil.pesan.startswith("Belum tepat"):
        return hasil
    return Hasil(
        False,
        "Belum tepat. Bank tidak melihat sepatunya, hanya membaca kertasnya: setiap data di dokumen harus "
        "sama dengan syarat di L/C. Periksa setiap baris A sampai F satu per satu: jumlahkan pasang di "
        "invoice dengan kalkulator, bandingkan tanggal muat di B/L dengan batas tanggal di L/C, dan baca "
        "nama dan pelabuhan dengan teliti.",
    )


def _teks_sama(a: object, b: str) -> bool:
    if not isinstance(a, str):
        return False
    if _kata(a) == _kata(b):
        return True
    return any(_kata(a) == _kata(w) for w in SEBUTAN_ASAL.get(b, []))


#: Case study: the parts of the answer, grouped by the idea each needs, with that idea as the hint.
GAGASAN_KASUS = [
    (
        ("nilai", "jumlah_pasang"),
        "Invoice: nilai = jumlah pasang × harga per pasang untuk setiap artikel, lalu dijumlahkan; jumlah "
        "pasang juga dijumlahkan untuk semua artikel.",
    ),
    (
        ("jumlah_karton", "berat_bersih", "berat_kotor"),
        "Packing list: karton dihitung per artikel (pasang ÷ isi per karton); berat bersih hanya sepatunya; "
        "berat kotor = berat bersih + berat kemasan semua karton.",
    ),
    (
        ("dokumen_angkut",),
        "Dokumen angkut mengikuti alat angkutnya: kapal laut, pesawat, atau beberapa alat angkut dalam satu "
        'kontrak. Di studi kasus ini, untuk kapal tulis "B/L" (sea waybill hanya di Latihan 8).',
    ),
    (
        ("dokumen_asal",),
        "Dokumen asal barang bergantung pada negara tujuan, dan untuk Uni Eropa juga pada tanggal "
        "pengapalan: coba panduan SKA di bagian 3 dengan negara dan tanggal pesanan ini.",
    ),
]


def _studi_kasus(pid: str, nilai: object) -> Hasil:
    h = harapan(pid)["studi_kasus"]
    if belum_diisi(nilai) or (isinstance(nilai, dict) and all(map(belum_diisi, nilai.values()))):
        return Hasil(
            False, "Jawaban belum diisi. Ganti setiap None di baris sk_… dengan jawaban Anda."
        )
    if not isinstance(nilai, dict):
        return Hasil(
            False,
            "Tulis setiap data studi kasus di barisnya sendiri: sk_nilai, sk_jumlah_pasang, …",
        )
    kurang = [f"sk_{k}" for k in h if belum_diisi(nilai.get(k))]
    if kurang:
        return Hasil(False, f"Masih kosong: {', '.join(kurang)}. Isi semua baris dulu.")
    mutlak = {"nilai": 0.05, "jumlah_pasang": 0.01, "jumlah_karton": 0.01}
    periksa = {"dokumen_angkut": _bagian_angkut, "dokumen_asal": _bagian_asal}
    return periksa_bagian(
        nilai,
        h,
        [
            Bagian(gagasan, k, periksa[k])
            if k in periksa
            else Bagian(gagasan, k, toleransi=0.0005, mutlak=mutlak.get(k, 0.05))
            for kunci_kunci, gagasan in GAGASAN_KASUS
            for k in kunci_kunci
        ],
        benar="Benar. Set dokumen pengiriman ini lengkap dan saling sesuai!",
        # The idea of the first wrong part, not "this key is wrong": a per-key verdict is an oracle.
        salah="Set dokumen ini belum saling sesuai. Periksa lagi cara berpikir ini: {nama}",
    )


def _bagian_angkut(nilai: object, harapan_: str) -> Hasil:
    same = td.normalise_abbreviation(nilai) == td.normalise_abbreviation(harapan_)
    return Hasil(same, "Benar." if same else "belum tepat.")


def _bagian_asal(nilai: object, harapan_: str) -> Hasil:
    same = _teks_sama(nilai, harapan_)
    return Hasil(same, "Benar." if same else "belum tepat.")


cek_nilai_invoice, uji_nilai_invoice = pasangan(_nilai_invoice, _id)
cek_jumlah_karton, uji_jumlah_karton = pasangan(_jumlah_karton, _id)
cek_berat_bersih, uji_berat_bersih = pasangan(_berat_bersih, _id)
cek_berat_kotor, uji_berat_kotor = pasangan(_berat_kotor, _id)
cek_ketidaksesuaian, uji_ketidaksesuaian = pasangan(_ketidaksesuaian, _id)
cek_dokumen_angkut, uji_dokumen_angkut = per_nama(_dokumen_angkut, _id, ("A", "B", "C"))
cek_selisih_lc, uji_selisih_lc = pasangan(_selisih_lc, _id)
cek_dokumen_laut, uji_dokumen_laut = per_nama(_dokumen_laut, _id, ("1", "2"))
#: The case study's answer lines, in the order the notebook passes them (sk_nilai, sk_jumlah_pasang, …).
KASUS_NAMA = (
    "nilai",
    "jumlah_pasang",
    "jumlah_karton",
    "berat_bersih",
    "berat_kotor",
    "dokumen_angkut",
    "dokumen_asal",
)
cek_studi_kasus, uji_studi_kasus = per_nama(_studi_kasus, _id, KASUS_NAMA)


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
    "dokumen_laut": (
        "Cara berpikir: kiriman dengan kapal ke Sydney, dibayar dengan L/C, bank meminta dokumen angkut "
        "yang dapat dipindahtangankan → B/L. Kiriman dengan kapal ke Antwerpen, pembeli sudah membayar di "
        "muka, dokumen tidak perlu dapat dipindahtangankan → sea waybill."
    ),
    "jumlah_karton": (
        "Contoh lain: 310 pasang, 10 pasang per karton → 31 karton; 192 pasang, 12 per karton → 16 "
        "karton. Total 47 karton. Hitung per artikel (satu karton hanya berisi satu artikel), baru "
        "jumlahkan."
    ),
    "ketidaksesuaian": (
        "Contoh lain: packing list 12 + 18 = 30 karton, PEB menulis 31 → jumlah karton berbeda. Invoice "
        'menulis penerima "Sakura Footwear Trading", packing list "Sakura Footware Trading" → penerima '
        'berbeda. Jawabannya ditulis "jumlah karton, penerima". Bandingkan semua data, bukan hanya angka.'
    ),
    "nilai_invoice": (
        "Contoh lain: artikel 1: 310 pasang × USD 12,40 = 3.844; artikel 2: 190 pasang × USD 15,10 = "
        "2.869. Nilai invoice = 3.844 + 2.869 = USD 6.713."
    ),
    "studi_kasus": (
        "Contoh lain: dua artikel, dikirim dengan pesawat ke Jepang. Hitung nilai, pasang, karton (per "
        "artikel), berat bersih dan kotor seperti Latihan 1–4; dokumen angkut AWB; "
        "dokumen asal Form IJEPA. Untuk Uni Eropa lihat dulu tanggal pengapalan: pernyataan asal barang "
        "untuk GSP hanya sampai 31 Desember 2026."
    ),
    "selisih_lc": (
        "Contoh lain: L/C meminta 480 pasang dan pengapalan paling lambat 10 Mei 2027. Invoice: 240 + "
        "228 = 468 pasang → jumlah pasang tidak sama. B/L: dimuat 8 Mei 2027 → masih sebelum batas, jadi "
        "tanggal sesuai. Periksa setiap baris dengan cara ini sampai ketemu yang berbeda."
    ),
}
lengkapi(globals(), "m6", CONTOH_KERJA)
