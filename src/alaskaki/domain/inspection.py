"""Footwear inspection practice as data: stages, A/B/C grades, laboratory tests, Cr(VI), SNI.

Every entry comes from ``domain/BRIEF.md`` (§4.1, §4.2, §4.4, §4.5) with its source and tag; the
sampling tables and defect classes live in :mod:`alaskaki.domain.quality`. Indonesian texts are
what participants read; keys are stable identifiers used by exercises and tests.

* :data:`STAGES` — inspection stages used in practice (PPS, DUPRO, PSI, container loading,
  post-arrival) with the completion range the brief gives, and :func:`stage_for_completion`.
* :data:`GRADES` — A, B and C grade of a finished pair.
* :data:`LAB_TESTS` — the ISO test methods of §4.4, each with the buyer complaints it answers
  (the complaint is the property the test measures, said the way a buyer says it) and
  :func:`lab_test_for`.
* :data:`CR6_LIMIT_MG_KG` and :func:`cr6_allowed_in_eu` — REACH Annex XVII entry 47.
* :data:`MANDATORY_SNI` and :func:`sni_mandatory` — mandatory SNI for footwear covers safety
  shoes only.
* :data:`DEFECT_EXAMPLES`, :data:`GRADE_EXAMPLES` — described findings with their class or grade.
* :func:`critical_decision` (AQL 0 for critical defects) and :func:`overall_decision` (the kit's
  report rule: a lot passes only when every class passes).
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

__all__ = [
    "Stage",
    "STAGES",
    "stage",
    "stage_for_completion",
    "Grade",
    "GRADES",
    "grade",
    "LabTest",
    "LAB_TESTS",
    "lab_test",
    "lab_test_for",
    "CR6_LIMIT_MG_KG",
    "CR6_REGULATION",
    "CR6_TEST_METHOD",
    "CR6_FROM",
    "cr6_allowed_in_eu",
    "MANDATORY_SNI",
    "FOOTWEAR_TYPES",
    "sni_mandatory",
    "Example",
    "DEFECT_EXAMPLES",
    "GRADE_EXAMPLES",
    "ACCEPT",
    "REJECT",
    "critical_decision",
    "overall_decision",
]


# --------------------------------------------------------------------------- inspection stages


@dataclass(frozen=True)
class Stage:
    """An inspection stage: key, name, Indonesian description, completion range in % (if given)."""

    key: str
    name_en: str
    description: str
    completion_min: float | None = None
    completion_max: float | None = None


_STAGE_SOURCE = "[S] chinashoe.cc/knowledge/processes/quality-control/"

#: Inspection stages in production order (brief §4.2).
STAGES: tuple[Stage, ...] = (
    Stage("PPS", "pre-production sample", "Pemeriksaan contoh sebelum produksi massal dimulai."),
    Stage(
        "DUPRO",
        "during production inspection",
        "Pemeriksaan selama produksi, saat pesanan 30–50% selesai.",
        30,
        50,
    ),
    Stage(
        "PSI",
        "pre-shipment inspection",
        "Pemeriksaan sebelum pengapalan, saat pesanan 80–100% selesai.",
        80,
        100,
    ),
    Stage(
        "MUAT_KONTAINER",
        "container loading check",
        "Pemeriksaan saat barang dimuat ke kontainer.",
    ),
    Stage("SETELAH_TIBA", "post-arrival check", "Pemeriksaan setelah barang tiba di tujuan."),
)
STAGE_SOURCE = _STAGE_SOURCE


def stage(key: str) -> Stage:
    """One stage by key (``"PPS"``, ``"DUPRO"``, ``"PSI"``, ``"MUAT_KONTAINER"``, ``"SETELAH_TIBA"``)."""
    for s in STAGES:
        if isinstance(key, str) and s.key == key.strip().upper():
            return s
    raise ValueError(
        f"Tahap pemeriksaan {key!r} tidak dikenal. Pilih: {', '.join(s.key for s in STAGES)}."
    )


def stage_for_completion(percent_done: float) -> str | None:
    """The stage whose completion range holds ``percent_done`` (DUPRO 30–50, PSI 80–100), else None."""
    if (
        isinstance(percent_done, bool)
        or not isinstance(percent_done, numbers.Real)
        or math.isnan(percent_done)
        or not 0 <= percent_done <= 100
    ):
        raise ValueError(f"Persen selesai harus angka 0–100, bukan {percent_done!r}.")
    for s in STAGES:
        if s.completion_min is not None and s.completion_min <= percent_done <= s.completion_max:
            return s.key
    return None


# --------------------------------------------------------------------------- grades


@dataclass(frozen=True)
class Grade:
    key: str  # "A", "B", "C"
    functional_defect: bool  # does the grade allow functional defects?
    description: str
    fate: str  # what happens to the pair


#: A/B/C grades of a finished pair (brief §4.2, [S] veriquality.net/insights/Footwear-inspection).
GRADES: tuple[Grade, ...] = (
    Grade(
        "A",
        False,
        "Tidak ada cacat fungsi maupun cacat tampilan yang memengaruhi daya jual.",
        "dijual normal",
    ),
    Grade(
        "B",
        False,
        "Ada cacat tampilan (kosmetik), tidak ada cacat fungsi.",
        "dijual dengan potongan harga",
    ),
    Grade(
        "C",
        True,
        "Ada cacat fungsi yang besar, atau cacat tampilan yang tidak bisa diperbaiki.",
        "dimusnahkan",
    ),
)
GRADE_SOURCE = "[S] veriquality.net/insights/Footwear-inspection"


def grade(key: str) -> Grade:
    for g in GRADES:
        if isinstance(key, str) and g.key == key.strip().upper():
            return g
    raise ValueError(f"Grade {key!r} tidak dikenal. Pilih: A, B, C.")


# --------------------------------------------------------------------------- laboratory tests


@dataclass(frozen=True)
class LabTest:
    """A laboratory test method (brief §4.4; the ISO numbers are [V] from the catalogue pages)."""

    key: str
    property_id: str  # the property tested, in Indonesian
    iso_number: int
    standard: str  # full designation with edition year
    title: str
    complaints: tuple[str, ...]  # how a buyer describes the failure this test checks
    note: str
    source: str


LAB_TESTS: tuple[LabTest, ...] = (
    LabTest(
        "adhesi_sol",
        "Daya rekat atasan dan sol (sole bond)",
        17708,
        "ISO 17708:2018",
        "Footwear — Test methods for whole shoe — Upper sole adhesion",
        ("sol lepas dari atasan", "sol menganga di ujung sepatu"),
        "Untuk sepatu tertutup (dilem, divulkanisasi, injeksi). Tidak perlu bila sol dipaku, "
        "disekrup atau dijahit.",
        "[V] eos.isolutions.iso.org/standard/68281; sis.se",
    ),
    LabTest(
        "lentur_sol",
        "Ketahanan lentur sol luar (retak yang memanjang)",
        17707,
        "ISO 17707:2005",
        "Test methods for outsoles — Flex resistance",
        ("sol luar retak di bagian tekukan", "retak di sol makin panjang setelah dipakai"),
        "Untuk sol luar dengan kekakuan memanjang paling besar 30 N.",
        "[V] glstd.com/st-iso-17707-2005.html",
    ),
    LabTest(
        "lentur_atasan",
        "Ketahanan lentur bahan atasan dan lapis",
        17694,
        "ISO 17694:2016",
        "Test methods for uppers and lining — Flex resistance",
        ("kulit atasan pecah di lipatan", "lapisan dalam sobek di bagian tekukan"),
        "Menggantikan EN 13512.",
        "[V] theiteh.com (EN ISO 17694:2016)",
    ),
    LabTest(
        "abrasi_sol",
        "Ketahanan aus (abrasi) sol luar",
        20871,
        "ISO 20871:2001",
        "Test methods for outsoles — Abrasion resistance",
        ("sol cepat aus dan menipis", "tapak sol cepat habis"),
        "Drum berputar 150 mm, 40 putaran per menit, beban 10 N; diukur kehilangan volume relatif.",
        "[V] catalogue; details [S] japan-ppt.com",
    ),
    LabTest(
        "luntur_warna",
        "Ketahanan luntur warna terhadap gosokan dan rembesan",
        17700,
        "ISO 17700:2019",
        "Test methods for upper components and insocks — Colour fastness to rubbing and bleeding",
        ("warna kulit menempel di kaus kaki", "warna tali sepatu luntur saat basah"),
        "Metode A–C: gosokan kering/basah; metode D: rembesan, juga untuk benang dan tali.",
        "[V] standards.iteh.ai; bbsq.bs",
    ),
)


def lab_test(key: str) -> LabTest:
    for t in LAB_TESTS:
        if t.key == key:
            return t
    raise ValueError(
        f"Uji laboratorium {key!r} tidak dikenal. Pilih: {', '.join(t.key for t in LAB_TESTS)}."
    )


def lab_test_for(complaint: str) -> LabTest:
    """The test that answers a complaint listed in :data:`LAB_TESTS` (exact complaint text)."""
    for t in LAB_TESTS:
        if complaint in t.complaints:
            return t
    raise ValueError(f"Keluhan {complaint!r} tidak ada di daftar keluhan kit.")


# --------------------------------------------------------------------------- Cr(VI) in leather

#: REACH Annex XVII entry 47 (Commission Regulation (EU) No 301/2014): leather in contact with the
#: skin may not be placed on the EU market if Cr(VI) >= 3 mg/kg of total dry weight (brief §4.5).
CR6_LIMIT_MG_KG = 3.0
CR6_REGULATION = "Regulation (EU) No 301/2014 (REACH Lampiran XVII butir 47)"
CR6_TEST_METHOD = "EN ISO 17075"
CR6_FROM = "1 Mei 2015"


def cr6_allowed_in_eu(cr6_mg_per_kg: float) -> bool:
    """True when leather with this Cr(VI) content may be placed on the EU market (< 3 mg/kg)."""
    if (
        isinstance(cr6_mg_per_kg, bool)
        or not isinstance(cr6_mg_per_kg, numbers.Real)
        or math.isnan(cr6_mg_per_kg)
        or cr6_mg_per_kg < 0
    ):
        raise ValueError(
            f"Kadar krom VI harus angka tidak negatif (mg/kg), bukan {cr6_mg_per_kg!r}."
        )
    return cr6_mg_per_kg < CR6_LIMIT_MG_KG


# --------------------------------------------------------------------------- mandatory SNI

#: Mandatory SNI for footwear: safety shoes only (brief §0 item 3 and §4.1): (number, title or
#: description, legal basis and source). The 2009 entries are "still valid" per uppisp (2024).
MANDATORY_SNI: tuple[tuple[str, str, str], ...] = (
    (
        "SNI 8877:2023",
        "Alat Pelindung Diri – Sepatu pengaman",
        "wajib lewat Permenperin No. 28 Tahun 2024, mulai awal Februari 2025 [S] aprisindo.or.id; "
        "uppisp.jakarta.go.id",
    ),
    (
        "SNI 0111:2009",
        "sepatu pengaman kulit, sol karet vulkanisasi (uraian, bukan judul resmi)",
        "Permenperin 37/M-IND/PER/3/2009 [V] bsn.go.id",
    ),
    (
        "SNI 7037:2009",
        "sepatu pengaman kulit, konstruksi Goodyear welt (uraian, bukan judul resmi)",
        "Permenperin 37/M-IND/PER/3/2009 [V] bsn.go.id",
    ),
    (
        "SNI 7079:2009",
        "sepatu pengaman kulit, sol PU/TPU injeksi (uraian, bukan judul resmi)",
        "Permenperin 37/M-IND/PER/3/2009 [V] bsn.go.id",
    ),
)

#: Footwear types used in exercises; True = a mandatory SNI applies (safety shoes only).
FOOTWEAR_TYPES: dict[str, bool] = {
    "sepatu pengaman (safety shoes)": True,
    "sepatu kulit pria": False,
    "sepatu olahraga": False,
    "sandal": False,
    "sepatu santai (kasual)": False,
}


def sni_mandatory(footwear_type: str) -> bool:
    """Whether a mandatory SNI applies to a footwear type of :data:`FOOTWEAR_TYPES`."""
    try:
        return FOOTWEAR_TYPES[footwear_type]
    except KeyError:
        raise ValueError(
            f"Jenis alas kaki {footwear_type!r} tidak dikenal. Pilih: {', '.join(FOOTWEAR_TYPES)}."
        ) from None


# --------------------------------------------------------------------------- teaching examples


@dataclass(frozen=True)
class Example:
    """A described finding and the class (or grade) the brief's definitions give it."""

    text: str
    answer: str
    reason: str


#: Defects described the way an inspector writes them, classified by the definitions in
#: :mod:`alaskaki.domain.quality` (kritis: hazard or fails a mandatory rule; mayor: unacceptable
#: appearance, durability or saleability, likely returned; minor: below standard, unlikely returned).
DEFECT_EXAMPLES: tuple[Example, ...] = (
    Example(
        "Ujung paku menembus insole dan bisa melukai telapak kaki.",
        "kritis",
        "membahayakan pemakai",
    ),
    Example("Jarum patah tertinggal di dalam sepatu.", "kritis", "membahayakan pemakai"),
    Example(
        (
            "Kadar krom VI kulit atasan 5 mg/kg, padahal pesanan untuk pasar Uni Eropa, yang mewajibkan "
            "kurang dari 3 mg/kg."
        ),
        "kritis",
        "tidak memenuhi peraturan wajib di negara tujuan",
    ),
    Example(
        "Sol terlepas sepanjang 1 cm di ujung depan sepatu.",
        "mayor",
        "daya tahan; kemungkinan besar dikembalikan",
    ),
    Example(
        "Goresan dalam yang jelas terlihat di bagian depan atasan (zona 1).",
        "mayor",
        "penampilan di zona paling terlihat; kemungkinan besar dikembalikan",
    ),
    Example(
        "Sepatu kiri dan kanan dalam satu pasang jelas berbeda warna.",
        "mayor",
        "daya jual; kemungkinan besar dikembalikan",
    ),
    Example(
        "Sisa benang pendek di bagian dalam sepatu (zona 2).",
        "minor",
        "di bawah standar, kecil kemungkinan dikembalikan",
    ),
    Example(
        "Noda lem kecil di bagian belakang dekat sol (zona 2), hampir tidak terlihat.",
        "minor",
        "di bawah standar, kecil kemungkinan dikembalikan",
    ),
)

#: Finished pairs described by an inspector, graded by :data:`GRADES`.
GRADE_EXAMPLES: tuple[Example, ...] = (
    Example("Tidak ada cacat apa pun; sepatu siap dijual.", "A", "tanpa cacat"),
    Example(
        "Goresan kecil di kulit atasan; sepatu tetap kuat dan nyaman dipakai.",
        "B",
        "cacat tampilan saja",
    ),
    Example("Warna tali sedikit belang; tidak ada cacat fungsi.", "B", "cacat tampilan saja"),
    Example("Sol lepas dari atasan sehingga sepatu tidak bisa dipakai.", "C", "cacat fungsi besar"),
    Example(
        "Kulit atasan terbakar mesin press dan tidak bisa diperbaiki.",
        "C",
        "cacat tampilan yang tidak bisa diperbaiki",
    ),
)


# --------------------------------------------------------------------------- report decisions

ACCEPT = "terima"
REJECT = "tolak"


def critical_decision(critical_found: int) -> str:
    """Critical defects have AQL 0 (brief §4.2): one critical defect is enough to reject the lot."""
    if isinstance(critical_found, bool) or not isinstance(critical_found, numbers.Integral):
        raise ValueError(f"Jumlah cacat kritis harus bilangan bulat, bukan {critical_found!r}.")
    if critical_found < 0:
        raise ValueError("Jumlah cacat kritis tidak boleh negatif.")
    return ACCEPT if critical_found == 0 else REJECT


def overall_decision(decisions: list[str] | tuple[str, ...]) -> str:
    """The kit's report rule: the lot is accepted only when every defect class is accepted."""
    for d in decisions:
        if d not in (ACCEPT, REJECT):
            raise ValueError(f"Keputusan harus 'terima' atau 'tolak', bukan {d!r}.")
    return ACCEPT if all(d == ACCEPT for d in decisions) else REJECT
