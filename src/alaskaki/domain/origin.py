"""Certificate of origin (SKA, *certificate of origin*) by destination and consignment value.

Sources: brief §1.4 (all [S] unless noted). The destinations and their documents live in
``datasets/ska_tujuan.csv``; the rules that depend on value or registration live here:

* ASEAN (the 9 other member states): **Form D** under ATIGA. An *Eksportir Tersertifikasi* (ES)
  may instead issue a *Deklarasi Asal Barang* (DAB) that replaces Form D (ASEAN-Wide
  Self-Certification). Electronic Form D with Malaysia, Singapore and Vietnam since 1 Jan 2018 [V].
* China: **Form E** (ACFTA). Japan: **Form IJEPA**.
* EU GSP: a **statement on origin** under the EU REX system. Up to **EUR 6,000** per consignment any
  exporter may make it [V revenue.ie]; above that the exporter must be registered. In Indonesia an
  *Eksportir Teregistrasi* (ER) may issue a DAB that replaces Form A for the EU GSP, for shipments in the
  validity of the ``gsp_ue_rex`` row of datasets/regulasi.csv (1 Jan 2020 to 31 Dec 2026).
* Australia: the brief only says that an ER's DAB replaces **Form IA-CEPA**.
* Any other destination: the brief has no answer; the guide says so and does not guess.

All these documents are *preferential* (SKA Preferensi: to claim reduced or zero duty). The
non-preferential SKA is an accompanying or monitoring document.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from alaskaki.domain.regulations import date_text, regulations
from alaskaki.paths import dataset
from alaskaki.text import number

DATASET = "ska_tujuan.csv"

#: EU GSP: consignments up to this value (EUR, inclusive) may carry a statement on origin made by any exporter.
REX_THRESHOLD_EUR = 6000.0
#: The EU GSP rule for Indonesia as taught, with its validity: one row of datasets/regulasi.csv (one truth).
_GSP_UE = regulations()["gsp_ue_rex"]
#: The Ministry of Trade applies REX self-certification for EU GSP from this day (brief §1.4, [S]).
REX_SINCE: date = _GSP_UE.since.first_day  # type: ignore[union-attr]
#: Indonesia leaves EU standard GSP on this day (Reg. (EU) 978/2012 Art. 4(1)(a); brief §1.4, [S]): a
#: REX statement on origin for EU GSP serves shipments until the day before (the row's berlaku_sampai).
#: From then an EU preference needs IEU-CEPA in force on the shipping date (not in force as of Dec 2026,
#: [NV]), otherwise MFN duty applies. Teach "check which regime is in force on the shipping date".
EU_GSP_INDONESIA_ENDS: date = _GSP_UE.until.last_day + timedelta(days=1)  # type: ignore[union-attr]


#: The one sentence every EU answer carries: the regime depends on the shipping date.
CEK_TANGGAL_UE = (
    f"Periksa dulu tanggal pengapalan: GSP Uni Eropa berlaku untuk sepatu Indonesia yang dikapalkan sampai "
    f"{date_text(EU_GSP_INDONESIA_ENDS - timedelta(days=1))}. Sejak {date_text(EU_GSP_INDONESIA_ENDS)} Indonesia tidak lagi "
    "mendapat GSP; tarif preferensi hanya bisa diminta bila perjanjian IEU-CEPA sudah berlaku pada tanggal "
    "pengapalan. Bila belum, yang berlaku bea masuk umum Uni Eropa (tarif MFN)."
)
#: Shipped from EU_GSP_INDONESIA_ENDS on: no GSP document; what to do instead.
SETELAH_GSP_UE = (
    "IEU-CEPA ditandatangani 23 September 2025 dengan target berlaku 1 Januari 2027, tetapi tanggal berlakunya "
    "dan aturan bukti asal barangnya belum diketahui bahan pelatihan ini. Tanyakan ke IPSKA, dinas, atau pembeli "
    "apakah IEU-CEPA sudah berlaku pada tanggal pengapalan dan dokumen asal barang apa yang diminta. Jangan "
    "membuat pernyataan asal barang GSP untuk kiriman ini."
)

SKA_TYPES = {
    "preferensi": (
        "SKA Preferensi: dipakai untuk meminta keringanan atau pembebasan bea masuk di negara tujuan "
        "(contoh: Form A, Form D, Form AK, Form E, Form AJCEP, Form IJEPA, Form GSTP, Form AANZ, Form AI)."
    ),
    "non_preferensi": "SKA Non-Preferensi: dokumen penyerta atau dokumen pemantauan, bukan untuk meminta keringanan bea masuk.",
}

ISSUED_VIA_ESKA = (
    "SKA diterbitkan oleh instansi penerbit SKA (IPSKA) melalui sistem e-SKA Kementerian Perdagangan "
    "(e-ska.kemendag.go.id). Prosesnya 3 tahap: pendaftaran hak akses, pembelian formulir, lalu permohonan "
    "(cetak atau elektronik). IPSKA yang melayani Kota Mojokerto belum diketahui: tanyakan ke dinas."
)
ES_NOTE = (
    "Eksportir Tersertifikasi (ES) boleh membuat Deklarasi Asal Barang (DAB) sebagai pengganti Form D "
    "(*ASEAN-Wide Self-Certification*); status ES berlaku paling lama 4 tahun."
)
ER_NOTE = (
    "Eksportir Teregistrasi (ER) boleh membuat Deklarasi Asal Barang (DAB). Permohonan ER lewat e-SKA ke IPSKA "
    "tempat hak akses didaftarkan, dengan dokumen: NIB, izin usaha, perhitungan struktur biaya yang menunjukkan "
    "kriteria asal barang (RVC/QVC atau CTC), surat pernyataan kesediaan, dan bukti lulus uji ketentuan asal barang Indonesia."
)
NO_ANSWER = (
    "Bahan pelatihan ini tidak memuat aturan dokumen asal barang untuk tujuan ini. "
    "Jangan menebak: tanyakan ke IPSKA, dinas, atau pembeli Anda dokumen asal barang apa yang diminta."
)


@dataclass(frozen=True)
class Destination:
    key: str
    name: str
    group: str  # "asean" | "china" | "japan" | "eu" | "australia"
    document: str
    agreement: str
    preferential: bool
    note: str


@cache
def _destinations() -> dict[str, Destination]:
    out: dict[str, Destination] = {}
    with dataset(DATASET).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out[row["key"]] = Destination(
                key=row["key"],
                name=row["destination_id"],
                group=row["group"],
                document=row["document"],
                agreement=row["agreement"],
                preferential=row["preferential"] == "true",
                note=row["note_id"],
            )
    return out


def destinations() -> list[Destination]:
    """Destinations the brief covers, in dataset order."""
    return list(_destinations().values())


@dataclass(frozen=True)
class OriginGuidance:
    """What proof of origin a consignment needs, in Indonesian, for a participant."""

    destination: str  # the key asked for
    known: bool  # False: the brief has no answer for this destination
    preferential: bool | None
    document: str | None
    agreement: str | None
    self_certified: bool  # made by the exporter (statement on origin / DAB), not issued by IPSKA
    registration_required: bool | None  # EU: exporter must be registered; None when value unknown
    steps: tuple[str, ...]  # Indonesian sentences, in reading order

    @property
    def text(self) -> str:
        return "\n".join(self.steps)


def _eur(value: float) -> str:
    """EUR amount written the Indonesian way: EUR 6.000 or EUR 6.000,50."""
    return "EUR " + number(value, 2).removesuffix(",00")


def _eu_after_gsp(dest: Destination, shipping_date: date) -> OriginGuidance:
    steps = (
        f"Tujuan {dest.name}, dikapalkan {date_text(shipping_date)}: GSP Uni Eropa tidak berlaku lagi untuk "
        f"Indonesia sejak {date_text(EU_GSP_INDONESIA_ENDS)}, jadi pernyataan asal barang GSP (REX) tidak dipakai.",
        CEK_TANGGAL_UE,
        SETELAH_GSP_UE,
    )
    return OriginGuidance(
        destination=dest.key,
        known=True,
        preferential=None,
        document=None,
        agreement=None,
        self_certified=False,
        registration_required=None,
        steps=steps,
    )


def _eu(
    dest: Destination,
    value_eur: float | None,
    registered_exporter: bool | None,
    shipping_date: date | None,
) -> OriginGuidance:
    if shipping_date is not None and shipping_date >= EU_GSP_INDONESIA_ENDS:
        return _eu_after_gsp(dest, shipping_date)
    steps = [
        f"Tujuan {dest.name} ({dest.agreement}): {dest.document}. Ini dokumen asal barang preferensi."
    ]
    threshold = _eur(REX_THRESHOLD_EUR)
    if value_eur is None:
        required = None
        steps.append(
            f"Isi nilai kiriman (EUR). Sampai {threshold} per kiriman, pernyataan asal barang boleh dibuat oleh "
            f"eksportir mana pun; di atas {threshold} eksportir harus terdaftar dalam sistem REX."
        )
    elif value_eur <= REX_THRESHOLD_EUR:
        required = False
        steps.append(
            f"Nilai kiriman {_eur(value_eur)} tidak lebih dari {threshold}: pernyataan asal barang "
            "boleh dibuat oleh eksportir mana pun, tanpa harus terdaftar."
        )
    else:
        required = True
        steps.append(
            f"Nilai kiriman {_eur(value_eur)} lebih dari {threshold}: eksportir harus terdaftar "
            "(*registered exporter*, REX) sebelum membuat pernyataan asal barang."
        )
        if registered_exporter is False:
            steps.append(
                "Anda belum terdaftar: daftarkan diri dulu sebagai eksportir terdaftar (REX) sebelum mengirim."
            )
        elif registered_exporter:
            steps.append(
                "Anda sudah terdaftar: cantumkan nomor REX Anda dalam pernyataan asal barang."
            )
    steps.append(
        f"Kementerian Perdagangan menerapkan sertifikasi mandiri REX untuk GSP Uni Eropa sejak {date_text(REX_SINCE)}; "
        "sistem REX Uni Eropa dimulai 1 Januari 2017."
    )
    steps.append(
        ER_NOTE
        + f" Untuk GSP Uni Eropa, DAB ini menggantikan Form A bagi kiriman yang dikapalkan sejak "
        f"{date_text(REX_SINCE)} sampai {date_text(EU_GSP_INDONESIA_ENDS - timedelta(days=1))}; sejak "
        f"{date_text(EU_GSP_INDONESIA_ENDS)} Indonesia tidak lagi mendapat GSP Uni Eropa."
    )
    steps.append(CEK_TANGGAL_UE)
    if dest.note:
        steps.append(dest.note)
    return OriginGuidance(
        destination=dest.key,
        known=True,
        preferential=True,
        document=dest.document,
        agreement=dest.agreement,
        self_certified=True,
        registration_required=required,
        steps=tuple(steps),
    )


def certificate_of_origin(
    destination: str,
    value_eur: float | None = None,
    *,
    registered_exporter: bool | None = None,
    shipping_date: date | None = None,
) -> OriginGuidance:
    """Guidance for a destination key (see :func:`destinations`) and, for the EU, the consignment value in EUR.

    ``registered_exporter`` only matters for the EU above :data:`REX_THRESHOLD_EUR`. An unknown
    destination returns ``known=False`` with a message saying the brief has no answer.
    ``shipping_date`` only matters for the EU: shipped on or after :data:`EU_GSP_INDONESIA_ENDS` there is no
    GSP document (``document is None``, ``preferential is None``) and the steps say what to check instead.
    Without a date the EU answer is the GSP one plus the sentence telling to check the shipping date.
    """
    if value_eur is not None and value_eur < 0:
        raise ValueError(f"Nilai kiriman tidak boleh negatif, bukan {value_eur!r}.")
    key = destination.strip().lower()
    dest = _destinations().get(key)
    if dest is None:
        return OriginGuidance(
            destination=key,
            known=False,
            preferential=None,
            document=None,
            agreement=None,
            self_certified=False,
            registration_required=None,
            steps=(NO_ANSWER, SKA_TYPES["preferensi"], SKA_TYPES["non_preferensi"]),
        )
    if dest.group == "eu":
        return _eu(dest, value_eur, registered_exporter, shipping_date)
    steps = [
        f"Tujuan {dest.name} ({dest.agreement}): {dest.document}. Ini SKA preferensi.",
        ISSUED_VIA_ESKA,
    ]
    if dest.group == "asean":
        steps.append(ES_NOTE)
    if dest.group == "australia":
        steps.append(ER_NOTE + " DAB ini menggantikan Form IA-CEPA untuk Australia.")
    if dest.note:
        steps.append(dest.note)
    if value_eur is not None:
        steps.append("Bahan pelatihan ini tidak memuat batas nilai kiriman untuk tujuan ini.")
    return OriginGuidance(
        destination=dest.key,
        known=True,
        preferential=dest.preferential,
        document=dest.document,
        agreement=dest.agreement,
        self_certified=False,
        registration_required=None,
        steps=tuple(steps),
    )
