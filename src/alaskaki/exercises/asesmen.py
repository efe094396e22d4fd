"""Pre- and post-assessment (asesmen-awal, asesmen-akhir): two parallel forms from ONE blueprint.

:data:`BLUEPRINT` is the single place that says what the assessments measure: for every competency
unit, the same number of items (:data:`ITEMS_PER_UNIT`), each slot with one skill, one difficulty
and one answer type. Both notebooks are generated from it (``/work/notes/build_asesmen.py`` keeps
the generator outside the repo; the committed notebooks are the truth), so the forms stay parallel.

Parallel, not identical: a slot draws from **disjoint pools** for the two forms where the item is a
choice (different products, destinations, rules, statements, error kinds), and from fresh numbers
per form and participant where it is a calculation. Every expected value comes from
:mod:`alaskaki.domain` (or :mod:`alaskaki.exercises.m7`'s SWOT statements) applied to the variant.

Grade ids: ``pre_<unit>_<n>`` / ``post_<unit>_<n>`` with the unit code lowercased without its dash
(``pre_eks01_1``); the answer variable has the same name, the answer cell ``<grade_id>_jawab``.
``grading/kompetensi.yml`` maps every id to its unit under ``asesmen.butir`` (see
:func:`butir_map`), which is how the competency engine computes each participant's gain per unit.

Self-checks (``cek_<grade_id>``) only confirm that an answer has the right form; in an assessment
they never say right or wrong.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from alaskaki.domain import (
    costing,
    documents,
    export_stats,
    hs,
    incoterms,
    origin,
    pricing,
    procedure,
    quality,
)
from alaskaki.exercises import m7
from alaskaki.exercises.base import (
    Hasil,
    belum_diisi,
    periksa_angka,
    periksa_pilihan,
    resolve_id,
    rng,
    tegaskan,
)
from alaskaki.exercises.base import tampilkan as tampilkan_hasil

AWAL = "asesmen-awal"
AKHIR = "asesmen-akhir"
FORMS = {AWAL: "pre", AKHIR: "post"}
ITEMS_PER_UNIT = 3
MINUTES = 45
HURUF = "ABCDEFGH"

#: Units in teaching order, with the topic line shown above their items.
UNITS: dict[str, str] = {
    "EKS-01": "Legalitas dan prosedur ekspor mandiri",
    "EKS-02": "Klasifikasi HS alas kaki",
    "BYA-01": "Harga pokok produksi",
    "EKS-03": "Harga ekspor dan Incoterms",
    "MTU-01": "Mutu dan sampling AQL",
    "EKS-04": "Dokumen ekspor",
    "STR-01": "Daya saing",
}


def _rp(x: float) -> str:
    return f"Rp{x:,.0f}".replace(",", ".")


def _num(x: float, digits: int = 2) -> str:
    text = f"{x:,.{digits}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return text


@dataclass(frozen=True)
class Butir:
    """One item as a participant meets it (one form, one participant)."""

    grade_id: str
    unit: str
    teks: str  # the question, in Indonesian, with the participant's numbers
    jenis: str  # "angka" (a number) or "pilihan" (one of ``sah``)
    harapan: float | str
    opsi: tuple[str, ...] = ()  # option texts, shown as A, B, C, ...
    sah: tuple[
        str, ...
    ] = ()  # valid answers for "pilihan" (letters, or words such as terima/tolak)
    satuan: str = ""
    toleransi: float = 0.005
    mutlak: float = 0.5
    data: dict = field(default_factory=dict)  # the variant's inputs (for solutions and trainers)

    def huruf(self, value: str) -> str:
        """Letter of the option equal to (or starting with) ``value``."""
        for i, text in enumerate(self.opsi):
            if text == value or text.startswith(f"{value} "):
                return HURUF[i]
        raise ValueError(f"{value!r} bukan pilihan butir {self.grade_id}.")

    def tampilkan(self) -> None:
        print(self.teks)
        for i, text in enumerate(self.opsi):
            print(f"  {HURUF[i]}. {text}")
        if self.jenis == "angka":
            print(f"Jawab dengan angka{f' ({self.satuan})' if self.satuan else ''}.")
        elif self.opsi:
            print('Jawab dengan huruf pilihan, mis. "A".')
        else:
            print("Jawab dengan salah satu: " + ", ".join(f'"{s}"' for s in self.sah) + ".")

    def periksa(self, nilai: object) -> Hasil:
        if self.jenis == "angka":
            return periksa_angka(
                nilai,
                float(self.harapan),
                toleransi=self.toleransi,
                mutlak=self.mutlak,
                satuan=self.satuan,
            )
        return periksa_pilihan(nilai, str(self.harapan), pilihan=list(self.sah))

    def periksa_bentuk(self, nilai: object) -> Hasil:
        """Only the form of an answer (filled in, number or valid choice) — never right or wrong."""
        if belum_diisi(nilai):
            return Hasil(
                False,
                "Jawaban belum diisi. Ganti `None` dengan jawaban Anda, lalu jalankan sel itu.",
            )
        if self.jenis == "angka":
            ok = isinstance(nilai, int | float) and not isinstance(nilai, bool)
            return Hasil(
                ok,
                "Jawaban tersimpan (angka)."
                if ok
                else "Jawaban harus berupa angka, tanpa tanda petik.",
            )
        ok = isinstance(nilai, str) and nilai.strip().casefold() in {s.casefold() for s in self.sah}
        if ok:
            return Hasil(True, "Jawaban tersimpan.")
        return Hasil(
            False, "Jawaban harus salah satu dari: " + ", ".join(f'"{s}"' for s in self.sah) + "."
        )


@dataclass(frozen=True)
class Slot:
    """One line of the blueprint: the same skill and difficulty in both forms."""

    unit: str
    n: int
    tingkat: str  # "mudah" | "sedang" | "sulit"
    keterampilan: str  # what the item measures (Indonesian, for trainers)
    jenis: str
    buat: Callable[[random.Random, str], dict]  # (variant rng, form short id) -> Butir fields
    solusi: (
        str  # solution code for the source notebook; ``B`` is the Butir, ``X`` the answer variable
    )

    @property
    def key(self) -> str:
        return f"{self.unit.replace('-', '').lower()}_{self.n}"

    def grade_id(self, form: str) -> str:
        return f"{FORMS[form]}_{self.key}"


def _pool(form_short: str, pre: list, post: list) -> list:
    return pre if form_short == "pre" else post


# ---- EKS-01 ------------------------------------------------------------------------------------------

_KBLI_OPSI = tuple(f"{k.code} {k.name}" for k in procedure.KBLI.values())


def _eks01_1(r: random.Random, f: str) -> dict:
    produk = r.choice(
        _pool(
            f,
            ["sepatu_harian", "sepatu_olahraga", "sepatu_keperluan_industri"],
            ["sepatu_santai", "sandal_kelom", "sepatu_teknik_lapangan"],
        )
    )
    kode = procedure.kbli_for(produk).code
    return dict(
        teks=f"Sebuah IKM mendaftarkan usahanya di OSS. Produk utamanya: {produk.replace('_', ' ')}. "
        "Kode KBLI 2020 mana yang cocok?",
        opsi=_KBLI_OPSI,
        harapan=HURUF[[o.split()[0] for o in _KBLI_OPSI].index(kode)],
        data={"produk": produk},
    )


def _eks01_2(r: random.Random, f: str) -> dict:
    ekspor = date(2026, r.choice(_pool(f, [2, 4, 6], [3, 5, 7])), r.randint(10, 25))
    masuk = ekspor - timedelta(days=1)  # goods enter the customs area the day before loading
    kandidat = [
        ekspor - timedelta(days=r.randint(9, 14)),  # too early
        ekspor - timedelta(days=r.randint(2, 6)),  # inside the window
        ekspor,  # the export date itself: the goods are already in the customs area
        ekspor + timedelta(days=r.randint(1, 3)),  # after the export date
    ]
    r.shuffle(kandidat)
    sah = [d for d in kandidat if procedure.peb_filing_valid(d, ekspor, masuk)]
    assert len(sah) == 1
    return dict(
        teks=f"Perkiraan tanggal ekspor {ekspor:%d-%m-%Y}; barang masuk kawasan pabean pelabuhan muat pada "
        f"{masuk:%d-%m-%Y}. Pada tanggal mana PEB boleh dikirim?",
        opsi=tuple(f"{d:%d-%m-%Y}" for d in kandidat),
        harapan=HURUF[kandidat.index(sah[0])],
        data={
            "ekspor": ekspor.isoformat(),
            "masuk": masuk.isoformat(),
            "tanggal": [d.isoformat() for d in kandidat],
        },
    )


_SKA_OPSI = ("Form D", "Form E", "Form IJEPA", "Form IA-CEPA")


def _eks01_3(r: random.Random, f: str) -> dict:
    tujuan = r.choice(
        _pool(f, ["malaysia", "singapura", "jepang"], ["vietnam", "thailand", "tiongkok"])
    )
    g = origin.certificate_of_origin(tujuan)
    nama = next(d.name for d in origin.destinations() if d.key == tujuan)
    return dict(
        teks=f"Sepatu dikirim ke {nama} dan pembeli ingin memakai tarif preferensi. SKA (surat keterangan asal) "
        "mana yang dipakai?",
        opsi=_SKA_OPSI,
        harapan=HURUF[_SKA_OPSI.index(g.document)],
        data={"tujuan": tujuan},
    )


# ---- EKS-02 ------------------------------------------------------------------------------------------

_BAHAN = {"leather": "kulit", "textile": "tekstil", "rubber_plastics": "karet atau plastik"}


def _eks02_1(r: random.Random, f: str) -> dict:
    hiasan = _pool(f, ["ankle_patch", "edging"], ["ornament", "eyelet_stay"])
    nama_hiasan = {
        "ankle_patch": "tambalan mata kaki",
        "edging": "lis tepi",
        "ornament": "hiasan",
        "eyelet_stay": "penguat lubang tali",
    }
    a, b = r.sample(list(_BAHAN), 2)
    luas_a, luas_b = r.randint(45, 60), r.randint(30, 44)
    h = r.choice(hiasan)
    luas_h = r.randint(20, 30)
    areas = {a: luas_a, b: luas_b, f"{b}:{h}": luas_h}
    hasil = hs.upper_material(areas)
    opsi = tuple(_BAHAN.values())
    return dict(
        teks=f"Luas permukaan luar bagian atas (upper) sepasang sepatu: {_BAHAN[a]} {luas_a} cm², "
        f"{_BAHAN[b]} {luas_b} cm², ditambah {nama_hiasan[h]} dari {_BAHAN[b]} {luas_h} cm². "
        "Menurut Catatan 4(a) Bab 64, bahan upper sepatu ini adalah…",
        opsi=opsi,
        harapan=HURUF[list(_BAHAN).index(hasil)],
        data={"luas": areas},
    )


_SEPATU = {
    "pre": [
        (
            "leather",
            "rubber_plastics",
            False,
            "sepatu kasual, upper kulit, sol luar karet, tidak menutup mata kaki",
        ),
        (
            "textile",
            "rubber_plastics",
            False,
            "sepatu kanvas, upper tekstil, sol luar karet, tidak menutup mata kaki",
        ),
        ("leather", "leather", True, "sepatu bot, upper kulit, sol luar kulit, menutup mata kaki"),
    ],
    "post": [
        (
            "leather",
            "rubber_plastics",
            True,
            "sepatu bot, upper kulit, sol luar karet, menutup mata kaki",
        ),
        (
            "textile",
            "leather",
            False,
            "sepatu santai, upper tekstil, sol luar kulit, tidak menutup mata kaki",
        ),
        (
            "leather",
            "leather",
            False,
            "sepatu pantofel, upper kulit, sol luar kulit, tidak menutup mata kaki",
        ),
    ],
}
_HS_OPSI = ("6402.99", "6403.51", "6403.59", "6403.91", "6403.99", "6404.19", "6404.20")


def _eks02_2(r: random.Random, f: str) -> dict:
    upper, sol, ankle, uraian = r.choice(_SEPATU[f])
    kode = hs.classify_footwear(upper, sol, covers_ankle=ankle)
    return dict(
        teks=f"Produk: {uraian} (bukan sepatu olahraga, tanpa pelindung jari logam). Subpos HS enam digitnya…",
        opsi=_HS_OPSI,
        harapan=HURUF[_HS_OPSI.index(kode)],
        data={"upper": upper, "sol": sol, "mata_kaki": ankle},
    )


_POS_OPSI = ("6402", "6403", "6404", "6405")


def _eks02_3(r: random.Random, f: str) -> dict:
    kasus = _pool(
        f,
        [
            (
                "coated_textile",
                "rubber_plastics",
                "tekstil yang terlihat jelas dilapisi PU (plastik)",
            ),
            ("textile", "rubber_plastics", "tekstil tanpa lapisan"),
        ],
        [
            (
                "coated_textile",
                "rubber_plastics",
                "tekstil yang terlihat jelas dilapisi PVC (plastik)",
            ),
            ("textile", "leather", "tekstil tanpa lapisan (sol luar kulit)"),
        ],
    )
    upper, sol, uraian = r.choice(kasus)
    pos = hs.classify_footwear(upper, sol)[:4]
    return dict(
        teks=f"Upper sebuah sepatu dari {uraian}; sol luarnya {'kulit' if sol == 'leather' else 'karet'}. "
        "Ingat Catatan 3 Bab 64. Pos HS empat digitnya…",
        opsi=_POS_OPSI,
        harapan=HURUF[_POS_OPSI.index(pos)],
        data={"upper": upper, "sol": sol},
    )


# ---- BYA-01 ------------------------------------------------------------------------------------------


def _bya01_1(r: random.Random, f: str) -> dict:
    bersih = round(r.uniform(*_pool(f, [18.0, 22.0], [22.0, 26.0])), 1)
    susut = r.choice([0.08, 0.10, 0.12, 0.15])
    return dict(
        teks=f"Pola kulit atasan sepasang sepatu luasnya {_num(bersih, 1)} dm² (bersih); susut potong "
        f"{susut:.0%}. Berapa ft² kulit yang harus dibeli per pasang? (1 ft² = 9,290304 dm²)",
        harapan=costing.dm2_to_ft2(costing.gross_quantity(bersih, susut)),
        satuan="ft²",
        toleransi=0.01,
        mutlak=0.01,
        data={"bersih_dm2": bersih, "susut": susut},
    )


def _bya01_2(r: random.Random, f: str) -> dict:
    upah = r.choice(range(2_600_000, 3_300_001, 100_000))
    hari = r.choice([24, 25, 26])
    menit = r.choice(_pool(f, [60, 70, 80], [65, 75, 85]))
    return dict(
        teks=f"Upah bulanan pekerja {_rp(upah)}, {hari} hari kerja sebulan, 8 jam sehari. Membuat sepasang "
        f"sepatu memerlukan {menit} menit kerja. Berapa upah per pasang (rupiah)?",
        harapan=costing.labour_cost(
            [costing.Operation("semua", menit, costing.wage_per_minute(upah, hari, 8))]
        ),
        satuan="rupiah",
        data={"upah": upah, "hari": hari, "jam": 8, "menit": menit},
    )


def _bya01_3(r: random.Random, f: str) -> dict:
    bahan = r.choice(range(*_pool(f, [90_000, 120_001, 5_000], [100_000, 130_001, 5_000])))
    upah = r.choice(range(15_000, 25_001, 1_000))
    overhead = r.choice(range(6_000_000, 12_000_001, 500_000))
    produksi = r.choice([600, 800, 1000, 1200])
    total = costing.cost_per_pair(
        [costing.MaterialLine("bahan", 1, "pasang", bahan)],
        [costing.Operation("semua", 1, upah)],
        costing.overhead_per_pair(overhead, produksi),
    ).total
    return dict(
        teks=f"Per pasang: biaya bahan {_rp(bahan)}, upah {_rp(upah)}. Overhead pabrik sebulan {_rp(overhead)}, "
        f"produksi sebulan {produksi} pasang. Berapa HPP per pasang (rupiah)?",
        harapan=total,
        satuan="rupiah",
        data={"bahan": bahan, "upah": upah, "overhead": overhead, "produksi": produksi},
    )


# ---- EKS-03 ------------------------------------------------------------------------------------------


def _eks03_1(r: random.Random, f: str) -> dict:
    fob = r.choice(range(*_pool(f, [250_000, 330_001, 5_000], [270_000, 350_001, 5_000])))
    beli = r.choice(range(15_200, 16_801, 50))
    jual = beli + r.choice([100, 150, 200])
    return dict(
        teks=f"Harga FOB sepasang sepatu {_rp(fob)}. Kurs bank hari ini: kurs beli {_rp(beli)}, kurs jual "
        f"{_rp(jual)} per USD. Berapa harga FOB per pasang dalam USD yang Anda tawarkan?",
        harapan=pricing.usd_price_from_idr(fob, pricing.BankRates(beli, jual)),
        satuan="USD",
        toleransi=0.002,
        mutlak=0.01,
        data={"fob_rp": fob, "kurs_beli": beli, "kurs_jual": jual},
    )


def _eks03_2(r: random.Random, f: str) -> dict:
    cfr = round(r.uniform(*_pool(f, [18.0, 24.0], [20.0, 26.0])), 2)
    premi = r.choice([0.002, 0.003, 0.004, 0.005])
    return dict(
        teks=f"Harga CFR USD {_num(cfr)} per pasang. Premi asuransi {_num(premi * 100, 1)}% dari nilai yang "
        "diasuransikan (110% dari harga CIF). Berapa harga CIF per pasang (USD)?",
        harapan=pricing.cif_from_cfr(cfr, premi),
        satuan="USD",
        toleransi=0.001,
        mutlak=0.005,
        data={"cfr": cfr, "premi": premi},
    )


_INCOTERM_POOL = {"pre": ["EXW", "FOB", "DPU", "DDP"], "post": ["FAS", "FCA", "DAP", "CFR"]}


def _eks03_3(r: random.Random, f: str) -> dict:
    pool = _INCOTERM_POOL[f]
    kode = r.choice(pool)
    aturan = incoterms.rule(kode)
    return dict(
        teks=f"Menurut Incoterms® 2020, risiko berpindah dari penjual ke pembeli: \u201c{aturan.risk_passes_id}\u201d "
        "Aturan mana itu?",
        opsi=tuple(pool),
        harapan=HURUF[pool.index(kode)],
        data={"kode": kode},
    )


# ---- MTU-01 ------------------------------------------------------------------------------------------


def _mtu01_1(r: random.Random, f: str) -> dict:
    lot = r.choice(_pool(f, [120, 400, 900, 2500, 6000], [200, 700, 1500, 4000, 12000]))
    return dict(
        teks=f"Lot {_num(lot, 0)} pasang, tingkat pemeriksaan umum II (ISO 2859-1, Tabel 1). Huruf kode ukuran "
        "sampelnya?",
        harapan=quality.code_letter(lot, "II"),
        sah=quality.CODE_LETTERS,
        data={"lot": lot},
    )


def _mtu01_2(r: random.Random, f: str) -> dict:
    lot, aql = r.choice(
        _pool(f, [(60, 2.5), (300, 1.0), (1000, 1.5)], [(70, 2.5), (400, 1.0), (1100, 1.5)])
    )
    plan = quality.sampling_plan(lot, aql, "II")
    return dict(
        teks=f"Lot {_num(lot, 0)} pasang, tingkat II, AQL {_num(aql, 1)}, pemeriksaan normal sampling tunggal. "
        "Berapa pasang sampel yang diperiksa? (Ikuti panah di Tabel II-A bila ada.)",
        harapan=plan.units_to_inspect,
        satuan="pasang",
        toleransi=0,
        mutlak=0,
        data={"lot": lot, "aql": aql},
    )


def _mtu01_3(r: random.Random, f: str) -> dict:
    lot, aql = r.choice(_pool(f, [(500, 2.5), (1000, 4.0)], [(1000, 2.5), (500, 4.0)]))
    plan = quality.sampling_plan(lot, aql, "II")
    cacat = r.choice(
        [plan.accept, plan.reject, plan.accept - 1 if plan.accept else plan.reject + 1]
    )
    return dict(
        teks=f"Lot {_num(lot, 0)} pasang, tingkat II, AQL {_num(aql, 1)} (cacat mayor). Dari sampel ditemukan "
        f"{cacat} pasang cacat mayor. Keputusan untuk lot ini?",
        harapan=quality.lot_decision(plan, cacat),
        sah=("terima", "tolak"),
        data={"lot": lot, "aql": aql, "cacat": cacat},
    )


# ---- EKS-04 ------------------------------------------------------------------------------------------


def _eks04_1(r: random.Random, f: str) -> dict:
    lines = [
        documents.InvoiceLine(
            nama, "6403.99", r.choice(range(200, 1201, 50)), round(r.uniform(14, 28), 2)
        )
        for nama in r.sample(
            _pool(f, ["Sepatu kasual pria", "Sepatu pantofel"], ["Sepatu kerja", "Sandal kulit"]), 2
        )
    ]
    inv = documents.CommercialInvoice("INV-1", "IKM", "Buyer", "USD", "FOB", tuple(lines))
    teks = "Baris invoice: " + "; ".join(
        f"{ln.description} {ln.quantity} pasang × USD {_num(ln.unit_price)}" for ln in lines
    )
    return dict(
        teks=teks + ". Berapa nilai total invoice (USD)?",
        harapan=inv.total_value,
        satuan="USD",
        toleransi=0.0005,
        mutlak=0.05,
        data={"baris": [[ln.quantity, ln.unit_price] for ln in lines]},
    )


def _eks04_2(r: random.Random, f: str) -> dict:
    lines = [
        documents.PackingLine(
            nama,
            r.choice(range(20, 61)),
            r.choice([10, 12, 20]),
            nett,
            round(nett + r.uniform(0.8, 2.0), 1),
        )
        for nama, nett in (
            (n, round(r.uniform(8.0, 14.0), 1))
            for n in r.sample(["Model A", "Model B", "Model C"], 2)
        )
    ]
    pl = documents.PackingList("PL-1", "Buyer", tuple(lines))
    teks = "Packing list: " + "; ".join(
        f"{ln.description}: {ln.cartons} karton, berat bersih {_num(ln.net_kg_per_carton, 1)} kg dan berat kotor "
        f"{_num(ln.gross_kg_per_carton, 1)} kg per karton"
        for ln in lines
    )
    return dict(
        teks=teks + ". Berapa total berat kotor (kg)?",
        harapan=pl.total_gross_weight,
        satuan="kg",
        toleransi=0.001,
        mutlak=0.05,
        data={
            "baris": [[ln.cartons, ln.net_kg_per_carton, ln.gross_kg_per_carton] for ln in lines]
        },
    )


_SALAH_POOL = {
    "pre": ["quantity", "gross_weight", "incoterm"],
    "post": ["cartons", "value", "currency"],
}
_SALAH_OPSI = ("quantity", "cartons", "gross_weight", "value", "currency", "incoterm")


def _eks04_3(r: random.Random, f: str) -> dict:
    salah = r.choice(_SALAH_POOL[f])
    karton, isi = r.choice(range(20, 51)), 12
    nett = round(r.uniform(9.0, 12.0), 1)
    gross = round(nett + 1.5, 1)
    harga = round(r.uniform(15, 25), 2)
    inv = documents.CommercialInvoice(
        "INV-7",
        "IKM",
        "Buyer Co",
        "USD",
        "FOB",
        (documents.InvoiceLine("Sepatu", "6403.99", karton * isi, harga),),
    )
    pl = documents.PackingList(
        "PL-7", "Buyer Co", (documents.PackingLine("Sepatu", karton, isi, nett, gross),)
    )
    peb = {
        "exporter": "IKM",
        "consignee": "Buyer Co",
        "hs_codes": ("6403.99",),
        "quantity": karton * isi,
        "cartons": karton,
        "net_weight": pl.total_net_weight,
        "gross_weight": pl.total_gross_weight,
        "value": inv.total_value,
        "currency": "USD",
        "incoterm": "FOB",
    }
    ubah = {
        "quantity": karton * isi - isi,
        "cartons": karton + 1,
        "gross_weight": pl.total_gross_weight + 15,
        "value": round(inv.total_value * 1.1, 2),
        "currency": "EUR",
        "incoterm": "CIF",
    }
    peb[salah] = ubah[salah]
    pd = documents.ExportDeclaration(**peb)
    kinds = {m.kind for m in documents.check_consistency(inv, pl, pd)}
    assert kinds == {salah}, kinds
    teks = (
        f"Invoice: {karton * isi} pasang × USD {_num(harga)} = USD {_num(inv.total_value)}, FOB, mata uang USD. "
        f"Packing list: {karton} karton × {isi} pasang, berat kotor {_num(gross, 1)} kg per karton "
        f"(total {_num(pl.total_gross_weight, 1)} kg). Data PEB: {pd.quantity} pasang, {pd.cartons} karton, berat kotor "
        f"{_num(pd.gross_weight, 1)} kg, nilai {pd.currency} {_num(pd.value)}, {pd.incoterm}. "
        "Data mana yang tidak sama antardokumen?"
    )
    opsi = tuple(documents.FIELD_NAMES[k] for k in _SALAH_OPSI)
    return dict(
        teks=teks, opsi=opsi, harapan=HURUF[_SALAH_OPSI.index(salah)], data={"salah": salah}
    )


# ---- STR-01 ------------------------------------------------------------------------------------------


def _str01_1(r: random.Random, f: str) -> dict:
    a, b = r.choice(_pool(f, [(2019, 2020), (2020, 2021)], [(2021, 2022), (2007, 2008)]))
    va, vb = export_stats.value(a), export_stats.value(b)
    return dict(
        teks=f"Ekspor alas kaki Indonesia: {a} USD {_num(va, 0)} juta, {b} USD {_num(vb, 0)} juta. Berapa persen "
        "pertumbuhannya?",
        harapan=export_stats.growth_between(a, b),
        satuan="persen",
        toleransi=0.002,
        mutlak=0.05,
        data={"awal": a, "akhir": b},
    )


def _str01_2(r: random.Random, f: str) -> dict:
    negara = r.choice(_pool(f, ["Amerika Serikat", "Belanda"], ["Belgia", "Tiongkok"]))
    q1 = export_stats.destinations(m7.SERI_TUJUAN)
    daftar = ", ".join(f"{k} USD {_num(v, 1)} juta" for k, v in q1.items())
    return dict(
        teks=f"Empat negara tujuan teratas ekspor alas kaki Indonesia, Januari–Maret 2025: {daftar}. Berapa persen "
        f"porsi {negara} dari jumlah keempatnya?",
        harapan=export_stats.share_in(m7.SERI_TUJUAN, negara, None),
        satuan="persen",
        toleransi=0.002,
        mutlak=0.05,
        data={"negara": negara},
    )


_SWOT_OPSI = ("Kekuatan (S)", "Kelemahan (W)", "Peluang (O)", "Ancaman (T)")


def _str01_3(r: random.Random, f: str) -> dict:
    semua = list(m7.PERNYATAAN_SWOT)
    teks, kotak = r.choice(semua[0::2] if f == "pre" else semua[1::2])
    return dict(
        teks=f"Dari sudut pandang sebuah IKM di Sentra IKM Alas Kaki Surodinawan: \u201c{teks}\u201d "
        "Pernyataan ini masuk kotak SWOT mana?",
        opsi=_SWOT_OPSI,
        harapan=HURUF["SWOT".index(kotak)],
        data={"pernyataan": teks},
    )


# ---- the blueprint --------------------------------------------------------------------------------------

BLUEPRINT: tuple[Slot, ...] = (
    Slot(
        "EKS-01",
        1,
        "mudah",
        "Kode KBLI untuk jenis produk alas kaki",
        "pilihan",
        _eks01_1,
        "X = B.huruf(procedure.kbli_for(B.data['produk']).code)",
    ),
    Slot(
        "EKS-01",
        2,
        "sedang",
        "Jendela waktu pengiriman PEB",
        "pilihan",
        _eks01_2,
        "X = next(HURUF[i] for i, t in enumerate(B.data['tanggal']) if procedure.peb_filing_valid("
        "date.fromisoformat(t), date.fromisoformat(B.data['ekspor']), date.fromisoformat(B.data['masuk'])))",
    ),
    Slot(
        "EKS-01",
        3,
        "sedang",
        "SKA preferensi menurut negara tujuan",
        "pilihan",
        _eks01_3,
        "X = B.huruf(origin.certificate_of_origin(B.data['tujuan']).document)",
    ),
    Slot(
        "EKS-02",
        1,
        "mudah",
        "Bahan upper menurut luas permukaan luar (Catatan 4(a))",
        "pilihan",
        _eks02_1,
        "X = HURUF[['leather', 'textile', 'rubber_plastics'].index(hs.upper_material(B.data['luas']))]",
    ),
    Slot(
        "EKS-02",
        2,
        "sedang",
        "Subpos HS enam digit dari upper, sol luar dan mata kaki",
        "pilihan",
        _eks02_2,
        "X = B.huruf(hs.classify_footwear(B.data['upper'], B.data['sol'], covers_ankle=B.data['mata_kaki']))",
    ),
    Slot(
        "EKS-02",
        3,
        "sulit",
        "Pos HS dengan Catatan 3 (tekstil berlapis)",
        "pilihan",
        _eks02_3,
        "X = B.huruf(hs.classify_footwear(B.data['upper'], B.data['sol'])[:4])",
    ),
    Slot(
        "BYA-01",
        1,
        "mudah",
        "Luas kulit yang dibeli (susut, dm² ke ft²)",
        "angka",
        _bya01_1,
        "X = B.data['bersih_dm2'] * (1 + B.data['susut']) / 9.290304",
    ),
    Slot(
        "BYA-01",
        2,
        "sedang",
        "Upah per pasang dari upah bulanan",
        "angka",
        _bya01_2,
        "X = B.data['upah'] / (B.data['hari'] * B.data['jam'] * 60) * B.data['menit']",
    ),
    Slot(
        "BYA-01",
        3,
        "sulit",
        "HPP per pasang (bahan, upah, overhead)",
        "angka",
        _bya01_3,
        "X = B.data['bahan'] + B.data['upah'] + B.data['overhead'] / B.data['produksi']",
    ),
    Slot(
        "EKS-03",
        1,
        "mudah",
        "Harga USD dari rupiah dengan kurs beli",
        "angka",
        _eks03_1,
        "X = B.data['fob_rp'] / B.data['kurs_beli']",
    ),
    Slot(
        "EKS-03",
        2,
        "sedang",
        "CIF dari CFR dengan asuransi 110%",
        "angka",
        _eks03_2,
        "X = B.data['cfr'] / (1 - 1.1 * B.data['premi'])",
    ),
    Slot(
        "EKS-03",
        3,
        "sedang",
        "Aturan Incoterms dari titik perpindahan risiko",
        "pilihan",
        _eks03_3,
        "X = B.huruf(B.data['kode'])",
    ),
    Slot(
        "MTU-01",
        1,
        "mudah",
        "Huruf kode ukuran sampel (Tabel 1)",
        "pilihan",
        _mtu01_1,
        "X = quality.code_letter(B.data['lot'], 'II')",
    ),
    Slot(
        "MTU-01",
        2,
        "sedang",
        "Ukuran sampel dengan panah Tabel II-A",
        "angka",
        _mtu01_2,
        "X = quality.sampling_plan(B.data['lot'], B.data['aql']).units_to_inspect",
    ),
    Slot(
        "MTU-01",
        3,
        "sulit",
        "Keputusan terima/tolak lot",
        "pilihan",
        _mtu01_3,
        "X = quality.lot_decision(quality.sampling_plan(B.data['lot'], B.data['aql']), B.data['cacat'])",
    ),
    Slot(
        "EKS-04",
        1,
        "mudah",
        "Nilai total invoice",
        "angka",
        _eks04_1,
        "X = sum(q * p for q, p in B.data['baris'])",
    ),
    Slot(
        "EKS-04",
        2,
        "sedang",
        "Total berat kotor packing list",
        "angka",
        _eks04_2,
        "X = sum(k * g for k, _, g in B.data['baris'])",
    ),
    Slot(
        "EKS-04",
        3,
        "sulit",
        "Ketidaksesuaian antara invoice, packing list dan PEB",
        "pilihan",
        _eks04_3,
        "X = HURUF[['quantity', 'cartons', 'gross_weight', 'value', 'currency', 'incoterm'].index(B.data['salah'])]",
    ),
    Slot(
        "STR-01",
        1,
        "mudah",
        "Pertumbuhan ekspor antara dua tahun",
        "angka",
        _str01_1,
        "X = export_stats.growth_between(B.data['awal'], B.data['akhir'])",
    ),
    Slot(
        "STR-01",
        2,
        "sedang",
        "Porsi negara tujuan",
        "angka",
        _str01_2,
        "X = export_stats.share_in('tujuan_2025_q1', B.data['negara'], None)",
    ),
    Slot(
        "STR-01",
        3,
        "sedang",
        "Kotak SWOT sebuah pernyataan",
        "pilihan",
        _str01_3,
        "X = HURUF['SWOT'.index(dict(m7.PERNYATAAN_SWOT)[B.data['pernyataan']])]",
    ),
)


# ---- forms -----------------------------------------------------------------------------------------------


def _check_form(modul: str) -> str:
    if modul not in FORMS:
        raise ValueError(f"Asesmen {modul!r} tidak dikenal. Pilih {AWAL!r} atau {AKHIR!r}.")
    return FORMS[modul]


def butir(modul: str, participant_id: str) -> dict[str, Butir]:
    """Every item of one form for one participant, ``{grade_id: Butir}``, in blueprint order."""
    return dict(_butir(modul, participant_id))


@lru_cache(maxsize=256)
def _butir(modul: str, participant_id: str) -> tuple[tuple[str, Butir], ...]:
    short = _check_form(modul)
    out = {}
    for slot in BLUEPRINT:
        gid = slot.grade_id(modul)
        fields = slot.buat(rng(f"{modul}:{slot.key}", participant_id), short)
        if slot.jenis == "pilihan" and "sah" not in fields:
            fields["sah"] = tuple(HURUF[: len(fields["opsi"])])
        out[gid] = Butir(grade_id=gid, unit=slot.unit, jenis=slot.jenis, **fields)
    return tuple(out.items())


def harapan(participant_id: str, modul: str = AWAL) -> dict[str, float | str]:
    """Expected answers of one form (hidden tests, trainers' tools, tests; never shown to participants)."""
    return {gid: b.harapan for gid, b in butir(modul, participant_id).items()}


def grade_ids(modul: str) -> list[str]:
    return [slot.grade_id(modul) for slot in BLUEPRINT]


def butir_map() -> dict[str, str]:
    """``{grade_id: unit}`` for both forms — the ``asesmen.butir`` section of ``grading/kompetensi.yml``."""
    return {slot.grade_id(m): slot.unit for m in FORMS for slot in BLUEPRINT}


class Lembar(dict):
    """A participant's items of one form; ``soal["pre_eks01_1"]`` is a :class:`Butir`."""

    def tampilkan(self, grade_id: str) -> None:
        self[grade_id].tampilkan()


_current: dict[str, str] = {}


def mulai_form(modul: str, participant_id: str) -> Lembar:
    """Start a form for a participant: remember form and id, and say how the test works."""
    _check_form(modul)
    pid = resolve_id(participant_id)
    _current.update(id=pid, modul=modul)
    items = Lembar(butir(modul, pid))
    print(
        f"Peserta {pid} — {'asesmen awal' if modul == AWAL else 'asesmen akhir'}: {len(items)} soal, "
        f"sekitar {MINUTES} menit. Angka harga, biaya dan pesanan dalam soal adalah contoh."
    )
    return items


def tampilkan(grade_id: str) -> None:
    """Print one item of the current form (used by the notebook's question cells)."""
    if "id" not in _current:
        raise RuntimeError("Jalankan dulu sel pertama (latihan.mulai_form(...)).")
    butir(_current["modul"], _current["id"])[grade_id].tampilkan()


def _uji(grade_id: str):
    modul = AWAL if grade_id.startswith("pre_") else AKHIR

    def uji(participant_id: str, nilai: object) -> None:
        tegaskan(butir(modul, participant_id)[grade_id].periksa(nilai))

    uji.__name__ = f"uji_{grade_id}"
    uji.__doc__ = (
        f"Hidden test of item {grade_id}: raises AssertionError unless the answer is right."
    )
    return uji


def _cek(grade_id: str):
    modul = AWAL if grade_id.startswith("pre_") else AKHIR

    def cek(nilai: object) -> None:
        # Print only: a returned bool would show a stray "True" under the message in the notebook.
        pid = _current.get("id")
        if pid is None:
            tampilkan_hasil(Hasil(False, "Jalankan dulu sel pertama (latihan.mulai_form(...))."))
            return
        hasil = butir(modul, pid)[grade_id].periksa_bentuk(nilai)
        if hasil.benar:
            hasil = Hasil(
                True, hasil.pesan + " Benar atau salahnya diumumkan pelatih setelah asesmen."
            )
        tampilkan_hasil(hasil)

    cek.__name__ = f"cek_{grade_id}"
    cek.__doc__ = f"Self-check of item {grade_id}: the answer's form only, never right or wrong."
    return cek


for _m in FORMS:
    for _slot in BLUEPRINT:
        _gid = _slot.grade_id(_m)
        globals()[f"uji_{_gid}"] = _uji(_gid)
        globals()[f"cek_{_gid}"] = _cek(_gid)
del _m, _slot, _gid
