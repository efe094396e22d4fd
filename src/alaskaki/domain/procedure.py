"""Export procedure for a small exporter: KBLI, the OSS → NIB → INSW → PEB → NPE steps, the PEB
filing window, customs responses, and export duty.

Sources: brief §1.1–§1.3. KBLI names are [S] (public KBLI 2020 datasets; KBLI 2025 changes to
152xx are [NV]) and live in ``datasets/kbli_alas_kaki.csv``.

PEB filing window (PMK 155/PMK.04/2022, summarised by DJBC and DDTC): the export notification is
sent **no earlier than 7 days before the estimated export date** and **no later than before the
goods enter the customs area (kawasan pabean)** at the place of loading. Bulk goods: before the
carrier departs (not modelled here).

Date convention, stated once: "no earlier than 7 days before" includes day −7 exactly. "Before the
goods enter the customs area" is strict: filing at the same moment or later is too late. With
plain dates (no time of day) a filing on the day the goods enter counts as too late — pass
``datetime`` values to compare times on the same day. Because goods enter the customs area before
they are loaded, a filing after the estimated export date is also too late.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache

from alaskaki.paths import dataset

DATASET = "kbli_alas_kaki.csv"

PEB_EARLIEST_DAYS = 7  # days before the estimated export date
PEB_FORM_CODE = "BC 3.0"


# --- KBLI ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kbli:
    code: str
    name: str
    product_types: tuple[str, ...]


@cache
def _kbli() -> dict[str, Kbli]:
    out: dict[str, Kbli] = {}
    with dataset(DATASET).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out[row["kbli"]] = Kbli(
                row["kbli"], row["name"], tuple(row["product_types"].split(";"))
            )
    return out


KBLI: dict[str, Kbli] = _kbli()

#: Product types the helper understands, each mapped to its KBLI code.
PRODUCT_TYPES: dict[str, str] = {t: k.code for k in KBLI.values() for t in k.product_types}


def kbli_for(product_type: str) -> Kbli:
    """KBLI 2020 code for a product type (keys of :data:`PRODUCT_TYPES`).

    Everyday footwear (sepatu harian, sepatu santai, sepatu sandal, sandal kelom, selop) is 15201
    per the BPS scope note; sports shoes 15202; field-technical/industrial shoes 15203; ``lainnya``
    15209. Any other word raises ``ValueError`` rather than guessing.
    """
    key = product_type.strip().lower().replace(" ", "_")
    try:
        return KBLI[PRODUCT_TYPES[key]]
    except KeyError:
        raise ValueError(
            f"Jenis produk {product_type!r} tidak dikenal. Pilih salah satu: {', '.join(PRODUCT_TYPES)}."
        ) from None


# --- steps -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    key: str
    name: str
    explanation: str


EXPORT_STEPS: tuple[Step, ...] = (
    Step("oss", "Akun OSS", "Buat akun di sistem OSS (*Online Single Submission*)."),
    Step(
        "nib",
        "NIB",
        "Dapatkan NIB (Nomor Induk Berusaha) lewat OSS. NIB juga berlaku sebagai angka pengenal impor (API) "
        "dan akses kepabeanan; pastikan terdaftar untuk \u201cTDP dan hak akses Kepabeanan\u201d.",
    ),
    Step(
        "insw",
        "Akun INSW",
        "Buat akun INSW (*Indonesia National Single Window*). Pada pelacakan NIB di situs INSW, kategori "
        "NIB seharusnya tampil \u201cREC CEISA\u201d.",
    ),
    Step(
        "peb",
        "PEB lewat CEISA",
        f"Kirim PEB (Pemberitahuan Ekspor Barang, formulir {PEB_FORM_CODE}) ke CEISA Ekspor, paling cepat "
        f"{PEB_EARLIEST_DAYS} hari sebelum perkiraan tanggal ekspor dan paling lambat sebelum barang masuk kawasan pabean. "
        "Dokumen pelengkap: *invoice* dan *packing list*.",
    ),
    Step(
        "npe",
        "NPE",
        "Terima NPE (Nota Pelayanan Ekspor): izin memasukkan barang ke kawasan pabean atau memuatnya. "
        "NPE ditunjukkan saat peti kemas masuk terminal.",
    ),
)
STEP_KEYS: tuple[str, ...] = tuple(s.key for s in EXPORT_STEPS)


def steps_in_order(keys: list[str] | tuple[str, ...]) -> bool:
    """True when ``keys`` are exactly the export steps in the right order."""
    return tuple(k.strip().lower() for k in keys) == STEP_KEYS


# --- PEB window ------------------------------------------------------------------------------


def _as_datetime(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    raise ValueError(f"Tanggal harus berupa date atau datetime, bukan {value!r}.")


def earliest_peb_date(export_date: date) -> date:
    """The first day a PEB may be filed: 7 days before the estimated export date."""
    return export_date - timedelta(days=PEB_EARLIEST_DAYS)


def peb_filing_problems(
    filing_date: date | datetime,
    export_date: date | datetime,
    goods_in_customs_area_date: date | datetime | None = None,
) -> list[str]:
    """Why a PEB filing falls outside its window, in Indonesian; an empty list when it is on time."""
    filed = _as_datetime(filing_date)
    export = _as_datetime(export_date)
    problems = []
    earliest = _as_datetime(earliest_peb_date(export.date()))
    if filed.date() < earliest.date():
        days = (export.date() - filed.date()).days
        problems.append(
            f"Terlalu cepat: PEB dikirim {days} hari sebelum perkiraan tanggal ekspor, padahal paling cepat "
            f"{PEB_EARLIEST_DAYS} hari sebelumnya (mulai {earliest.date():%d-%m-%Y})."
        )
    if goods_in_customs_area_date is not None:
        entry = _as_datetime(goods_in_customs_area_date)
        if not filed < entry:
            problems.append(
                "Terlambat: PEB harus dikirim sebelum barang masuk kawasan pabean, "
                f"tetapi barang masuk {entry:%d-%m-%Y} dan PEB dikirim {filed:%d-%m-%Y}."
            )
    if filed.date() > export.date():
        problems.append(
            "Terlambat: PEB dikirim sesudah perkiraan tanggal ekspor; barang harus masuk kawasan pabean "
            "sebelum dimuat, dan PEB harus dikirim sebelum itu."
        )
    return problems


def peb_filing_valid(
    filing_date: date | datetime,
    export_date: date | datetime,
    goods_in_customs_area_date: date | datetime | None = None,
) -> bool:
    """True when a PEB filed on ``filing_date`` is inside its window (see module docstring)."""
    return not peb_filing_problems(filing_date, export_date, goods_in_customs_area_date)


# --- customs responses -----------------------------------------------------------------------

RESPONSES: dict[str, tuple[str, str]] = {
    "NPE": (
        "Nota Pelayanan Ekspor",
        "Izin memasukkan barang ke kawasan pabean atau memuatnya; ditunjukkan saat peti kemas masuk terminal. "
        "Ada sumber yang menulis \u201cNota Laya Ekspor\u201d: itu ejaan lain untuk NPE.",
    ),
    "NPP": ("Nota Pemberitahuan Penolakan", "Data PEB salah atau belum lengkap."),
    "NPPD": ("Nota Pemberitahuan Persyaratan Dokumen", "Masih ada dokumen yang harus dipenuhi."),
}


def response_meaning(code: str) -> str:
    """Indonesian name and meaning of a customs response code (NPE, NPP, NPPD)."""
    key = code.strip().upper()
    if key not in RESPONSES:
        raise ValueError(
            f"Kode respons {code!r} tidak dikenal. Pilih salah satu: {', '.join(RESPONSES)}."
        )
    name, meaning = RESPONSES[key]
    return f"{key} ({name}): {meaning}"


# --- export duty -----------------------------------------------------------------------------

EXPORT_DUTY_BASIS = "PMK 38/2024 s.t.d.d. PMK 68/2025"

#: The six commodity groups subject to bea keluar (brief §1.3, [S]).
EXPORT_DUTY_GROUPS: tuple[str, ...] = (
    "kulit dan kayu",
    "biji kakao",
    "kelapa sawit, CPO dan turunannya",
    "produk hasil pengolahan mineral logam",
    "produk mineral logam dengan kriteria tertentu",
    "getah pinus",
)


def export_duty_applies(hs_code: str) -> bool | None:
    """Whether bea keluar applies to an HS code, as far as the brief can tell.

    ``False`` for footwear (HS Chapter 64: not in any of the six groups of
    :data:`EXPORT_DUTY_GROUPS`). ``None`` for anything else: the brief does not map HS codes to the
    groups (the HS scope of "kulit" is not verified), so the kit does not answer.
    """
    digits = "".join(ch for ch in hs_code if ch.isdigit())
    if len(digits) < 2:
        raise ValueError(f"Kode HS {hs_code!r} terlalu pendek.")
    if digits.startswith("64"):
        return False
    return None
