"""HS 2022 classification of footwear, Chapter 64, to six digits.

Source: the brief §2.2–2.3 (HS 2022 structure of Chapter 64 and the Chapter Notes). Heading and
subheading descriptions, in Bahasa Indonesia and English, live in ``datasets/hs_bab64.csv``.
Eight-digit BTKI lines are deliberately absent: the brief could not verify them.

How a shoe is classified (this module follows these steps and reports each one):

1. **Materials** (Note 4): the upper's material is the one with the greatest *external surface
   area*, accessories and reinforcements ignored (:func:`upper_material`); the outer sole's
   material is the one with the greatest area *in contact with the ground*, spikes, bars, nails,
   protectors and similar attachments ignored (:func:`outsole_material`).
2. **Note 3**: textile visibly coated or covered externally with rubber or plastics counts as
   rubber or plastics.
3. **Heading** from upper and outer sole: 6401 (rubber/plastics, waterproof, upper neither fixed
   nor assembled by stitching etc.), 6402 (other rubber/plastics), 6403 (leather upper),
   6404 (textile upper), 6405 (other footwear).
4. **Subheading** in the order the nomenclature lists them (an "other" subheading only takes what
   earlier ones did not): sports footwear (Subheading Note: 6402.12/.19, 6403.12/.19, 6404.11),
   plugged straps, leather straps, metal toe-cap, covering the ankle.

``classify_footwear`` returns the code (``"6403.99"``); ``explain_footwear`` takes the same
arguments and returns an :class:`HsClassification` with the code, descriptions and the Indonesian
reasons. Three keyword-only arguments beyond the issue's list are needed to reach every
subheading the brief gives: ``ski`` (6402.12/6403.12), ``instep_toe_straps`` (6403.20) and
``covers_knee`` (6401.92 covers the ankle *but not the knee*).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from alaskaki.paths import dataset

__all__ = [
    "UPPER_MATERIALS",
    "OUTSOLE_MATERIALS",
    "UPPER_ACCESSORIES",
    "OUTSOLE_ATTACHMENTS",
    "CHAPTER_EXCLUSIONS",
    "NOT_PARTS",
    "HsLine",
    "HsClassification",
    "classify_footwear",
    "explain_footwear",
    "upper_material",
    "outsole_material",
    "hs_lines",
    "hs_line",
    "description",
    "returnable_codes",
]

HS_FILE = "hs_bab64.csv"

# key -> Indonesian name shown to participants
UPPER_MATERIALS: dict[str, str] = {
    "leather": "kulit",
    "composition_leather": "kulit komposisi",
    "textile": "bahan tekstil",
    "rubber_plastics": "karet atau plastik",
    "coated_textile": "tekstil yang terlihat dilapisi karet atau plastik",
    "other": "bahan lain",
}
OUTSOLE_MATERIALS: dict[str, str] = {
    "leather": "kulit",
    "composition_leather": "kulit komposisi",
    "rubber_plastics": "karet atau plastik",
    "other": "bahan lain",
}

_ALIASES: dict[str, str] = {
    "kulit": "leather",
    "kulit_komposisi": "composition_leather",
    "tekstil": "textile",
    "rubber": "rubber_plastics",
    "plastics": "rubber_plastics",
    "plastic": "rubber_plastics",
    "karet": "rubber_plastics",
    "plastik": "rubber_plastics",
    "karet_plastik": "rubber_plastics",
    "tekstil_berlapis": "coated_textile",
    "lain": "other",
    "lainnya": "other",
}

# Note 4(a): ignored when finding the upper's material.
UPPER_ACCESSORIES: frozenset[str] = frozenset(
    {
        "accessory",
        "reinforcement",
        "ankle_patch",
        "edging",
        "ornament",
        "ornamentation",
        "buckle",
        "tab",
        "eyelet_stay",
        "aksesori",
        "penguat",
        "hiasan",
        "gesper",
        "lis",
    }
)
# Note 4(b): ignored when finding the outer sole's material.
OUTSOLE_ATTACHMENTS: frozenset[str] = frozenset(
    {
        "attachment",
        "spike",
        "spikes",
        "bar",
        "bars",
        "nail",
        "nails",
        "protector",
        "protectors",
        "paku",
        "pul",
        "pelindung",
    }
)

# Note 1: goods the chapter does not cover, with where they go (Indonesian).
CHAPTER_EXCLUSIONS: tuple[tuple[str, str], ...] = (
    ("alas kaki dari bahan tekstil tanpa sol luar yang dipasang", "Bab 61 atau 62"),
    ("alas kaki bekas pakai", "pos 6309"),
    ("barang dari asbes", "pos 6812"),
    ("alas kaki ortopedi", "pos 9021"),
    ("alas kaki mainan dan sepatu seluncur yang sudah terpasang sepatu luncurnya", "Bab 95"),
)
# Note 2: not "parts" of heading 6406; they go to their own headings (buttons: 9606).
NOT_PARTS: tuple[str, ...] = (
    "pasak (peg)",
    "pelindung (protector)",
    "mata ayam (eyelet)",
    "kait sepatu bot (boot hook)",
    "hiasan (ornament)",
    "jalinan (braid)",
    "tali sepatu (lace)",
    "pompon",
    "hiasan tepi (trimming)",
    "kancing (button, pos 9606)",
)

NOTE_3 = "Catatan 3 Bab 64"
NOTE_4A = "Catatan 4(a) Bab 64"
NOTE_4B = "Catatan 4(b) Bab 64"
SPORTS_NOTE = "Catatan Subpos Bab 64 (alas kaki olahraga)"


# --------------------------------------------------------------------------- descriptions


@dataclass(frozen=True)
class HsLine:
    """A heading (``pos``, 4 digits) or subheading (``subpos``, 6 digits) of Chapter 64."""

    code: str
    level: str  # "pos" or "subpos"
    description_id: str
    description_en: str


@cache
def hs_lines() -> dict[str, HsLine]:
    """Every Chapter 64 heading and HS 2022 subheading in the brief, by code."""
    with dataset(HS_FILE).open(encoding="utf-8", newline="") as fh:
        return {
            rec["kode"].strip(): HsLine(
                code=rec["kode"].strip(),
                level=rec["tingkat"].strip(),
                description_id=rec["uraian_id"].strip(),
                description_en=rec["uraian_en"].strip(),
            )
            for rec in csv.DictReader(fh)
        }


def hs_line(code: str) -> HsLine:
    try:
        return hs_lines()[code.strip()]
    except (KeyError, AttributeError):
        raise ValueError(
            f"Kode {code!r} tidak ada dalam daftar pos/subpos Bab 64 kit ini."
        ) from None


def description(code: str, lang: str = "id") -> str:
    """Description of a heading or subheading, ``lang`` "id" (Indonesian) or "en"."""
    line = hs_line(code)
    if lang == "id":
        return line.description_id
    if lang == "en":
        return line.description_en
    raise ValueError(f"Bahasa {lang!r} tidak dikenal; pilih 'id' atau 'en'.")


# --------------------------------------------------------------------------- materials (Note 4)


def _material_key(name: object, allowed: dict[str, str], what: str) -> str:
    if not isinstance(name, str):
        raise ValueError(f"Bahan {what} harus teks, bukan {name!r}.")
    key = name.strip().lower().replace(" ", "_").replace("-", "_")
    key = _ALIASES.get(key, key)
    if key not in allowed:
        raise ValueError(
            f"Bahan {what} {name!r} tidak dikenal. Pilih salah satu: {', '.join(allowed)}."
        )
    return key


def _largest(
    areas: dict[str, float], allowed: dict[str, str], ignored: frozenset[str], what: str
) -> str:
    if not isinstance(areas, dict) or not areas:
        raise ValueError(f"Isi luas bahan {what} sebagai dict, mis. {{'leather': 120.0}}.")
    totals: dict[str, float] = {}
    for raw_key, area in areas.items():
        if isinstance(area, bool) or not isinstance(area, int | float) or area < 0:
            raise ValueError(f"Luas untuk {raw_key!r} harus angka tidak negatif, bukan {area!r}.")
        parts = str(raw_key).strip().lower().split(":")
        if any(p.strip().replace(" ", "_") in ignored for p in parts):
            continue  # accessory / reinforcement / attachment
        key = _material_key(parts[0], allowed, what)
        if key == "coated_textile":
            key = "rubber_plastics"  # Note 3
        totals[key] = totals.get(key, 0.0) + float(area)
    if not totals or max(totals.values()) <= 0:
        raise ValueError(f"Tidak ada luas bahan {what} yang dihitung (selain aksesori).")
    best = max(totals.values())
    winners = sorted(k for k, v in totals.items() if v == best)
    if len(winners) > 1:
        raise ValueError(
            f"Luas bahan {what} sama besar untuk {', '.join(winners)}; "
            "bahan utama tidak dapat ditentukan dari luas saja."
        )
    return winners[0]


def upper_material(areas: dict[str, float]) -> str:
    """Material of the upper (Note 4(a)): greatest external surface area.

    Keys are a material (``"leather"``), or ``"material:component"`` (``"textile:quarter"``); areas
    of one material are added up. A key naming an accessory or reinforcement (``"buckle"``,
    ``"leather:ankle_patch"``, see :data:`UPPER_ACCESSORIES`) is ignored. Coated textile counts as
    rubber or plastics (Note 3), so the result is never ``"coated_textile"``.
    """
    return _largest(areas, UPPER_MATERIALS, UPPER_ACCESSORIES, "upper")


def outsole_material(contact_areas: dict[str, float]) -> str:
    """Material of the outer sole (Note 4(b)): greatest area in contact with the ground.

    Keys as in :func:`upper_material`; spikes, bars, nails, protectors and similar attachments
    (:data:`OUTSOLE_ATTACHMENTS`) are ignored.
    """
    return _largest(contact_areas, OUTSOLE_MATERIALS, OUTSOLE_ATTACHMENTS, "sol luar")


# --------------------------------------------------------------------------- classification


@dataclass(frozen=True)
class HsClassification:
    """The six-digit code and, in Bahasa Indonesia, the steps that decided it."""

    code: str
    heading: str
    steps: tuple[str, ...]
    notes_applied: tuple[str, ...]

    @property
    def description_id(self) -> str:
        return description(self.code, "id")

    @property
    def description_en(self) -> str:
        return description(self.code, "en")

    @property
    def reason(self) -> str:
        return " ".join(self.steps)

    def __str__(self) -> str:
        return f"{self.code}: {self.reason}"


def _flag(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"Pilihan {name} harus True atau False, bukan {value!r}.")
    return value


def explain_footwear(
    upper: str,
    outsole: str,
    *,
    sports: bool = False,
    covers_ankle: bool = False,
    metal_toe_cap: bool = False,
    waterproof_unstitched: bool = False,
    toe_post_plugged: bool = False,
    ski: bool = False,
    instep_toe_straps: bool = False,
    covers_knee: bool = False,
) -> HsClassification:
    """Classify a complete shoe and explain, in Indonesian, which rule decided each step."""
    flags = {
        "sports": sports,
        "covers_ankle": covers_ankle,
        "metal_toe_cap": metal_toe_cap,
        "waterproof_unstitched": waterproof_unstitched,
        "toe_post_plugged": toe_post_plugged,
        "ski": ski,
        "instep_toe_straps": instep_toe_straps,
        "covers_knee": covers_knee,
    }
    for name, value in flags.items():
        _flag(name, value)
    up = _material_key(upper, UPPER_MATERIALS, "upper")
    sole = _material_key(outsole, OUTSOLE_MATERIALS, "sol luar")
    sports = sports or ski
    covers_ankle = covers_ankle or covers_knee

    steps: list[str] = [
        f"Bahan upper: {UPPER_MATERIALS[up]}; bahan sol luar: {OUTSOLE_MATERIALS[sole]} "
        f"(bahan upper = bahan dengan luas permukaan luar terbesar, {NOTE_4A}; bahan sol luar = "
        f"bahan dengan luas bidang sentuh tanah terbesar, {NOTE_4B})."
    ]
    notes = [NOTE_4A, NOTE_4B]
    if up == "coated_textile":
        steps.append(
            f"Tekstil yang terlihat dilapisi atau ditutup karet/plastik di bagian luarnya dihitung "
            f"sebagai karet atau plastik ({NOTE_3})."
        )
        notes.append(NOTE_3)
        up = "rubber_plastics"

    def sports_step(code: str, extra: str = "") -> str:
        notes.append(SPORTS_NOTE)
        kind = (
            "sepatu ski, alas kaki ski lintas alam atau sepatu snowboard"
            if code.endswith(".12")
            else "alas kaki olahraga lain"
        )
        return (
            f"Alas kaki olahraga ({SPORTS_NOTE}: dirancang untuk kegiatan olahraga dan memakai atau "
            f"dapat dipasangi paku, pul, stop, klip, batang atau sejenisnya, termasuk sepatu seluncur, "
            f"ski, gulat, tinju dan sepeda): {kind}{extra} → subpos {code}."
        )

    if up == "rubber_plastics" and sole == "rubber_plastics":
        if waterproof_unstitched:
            heading = "6401"
            steps.append(
                "Upper dan sol luar dari karet/plastik, kedap air, dan upper tidak dipasang ke sol "
                "dengan jahitan, paku keling, paku, sekrup, sumbat atau cara serupa → pos 6401."
            )
            if metal_toe_cap:
                code = "6401.10"
                steps.append("Ada pelindung jari dari logam → subpos 6401.10.")
            elif covers_ankle and not covers_knee:
                code = "6401.92"
                steps.append("Menutupi mata kaki tetapi tidak menutupi lutut → subpos 6401.92.")
            else:
                code = "6401.99"
                why = "menutupi lutut" if covers_knee else "tidak menutupi mata kaki"
                steps.append(f"Tanpa pelindung jari logam dan {why} → subpos 6401.99 (lainnya).")
        else:
            heading = "6402"
            steps.append(
                "Upper dan sol luar dari karet/plastik, tetapi bukan alas kaki kedap air tanpa "
                "jahitan/paku dari pos 6401 → pos 6402."
            )
            if sports:
                code = "6402.12" if ski else "6402.19"
                steps.append(sports_step(code))
            elif toe_post_plugged:
                code = "6402.20"
                steps.append(
                    "Tali atau pita upper dipasang ke sol dengan sumbat (plug) → subpos 6402.20."
                )
            elif covers_ankle:
                code = "6402.91"
                steps.append("Menutupi mata kaki → subpos 6402.91.")
            else:
                code = "6402.99"
                steps.append("Tidak menutupi mata kaki → subpos 6402.99 (lainnya).")
            if metal_toe_cap and code in ("6402.91", "6402.99"):
                steps.append(
                    "Catatan: pos 6402 tidak punya subpos khusus untuk pelindung jari logam, "
                    "jadi fitur itu tidak mengubah kode."
                )
    elif up == "leather" and sole in ("leather", "composition_leather", "rubber_plastics"):
        heading = "6403"
        steps.append(
            "Upper dari kulit dan sol luar dari karet, plastik, kulit atau kulit komposisi → pos 6403."
        )
        if sports:
            code = "6403.12" if ski else "6403.19"
            steps.append(sports_step(code))
        elif sole == "leather" and instep_toe_straps:
            code = "6403.20"
            steps.append(
                "Sol luar dari kulit dan upper berupa tali kulit melintang di punggung kaki dan "
                "melingkari ibu jari kaki → subpos 6403.20."
            )
        elif metal_toe_cap:
            code = "6403.40"
            steps.append("Ada pelindung jari dari logam → subpos 6403.40.")
        elif sole == "leather":
            code = "6403.51" if covers_ankle else "6403.59"
            where = "menutupi mata kaki" if covers_ankle else "tidak menutupi mata kaki"
            steps.append(f"Sol luar dari kulit, {where} → subpos {code}.")
        else:
            code = "6403.91" if covers_ankle else "6403.99"
            where = "menutupi mata kaki" if covers_ankle else "tidak menutupi mata kaki"
            steps.append(
                f"Sol luar dari karet, plastik atau kulit komposisi, {where} → subpos {code}."
            )
    elif up == "textile" and sole in ("leather", "composition_leather", "rubber_plastics"):
        heading = "6404"
        steps.append(
            "Upper dari bahan tekstil dan sol luar dari karet, plastik, kulit atau kulit komposisi "
            "→ pos 6404."
        )
        if sole == "rubber_plastics":
            if sports:
                code = "6404.11"
                steps.append(
                    sports_step(
                        code,
                        "; sol luar karet/plastik (subpos ini juga mencakup sepatu tenis, basket, "
                        "senam, latihan dan sejenisnya)",
                    )
                )
            else:
                code = "6404.19"
                steps.append(
                    "Sol luar dari karet atau plastik, bukan alas kaki olahraga → subpos 6404.19."
                )
        else:
            code = "6404.20"
            steps.append("Sol luar dari kulit atau kulit komposisi → subpos 6404.20.")
    else:
        heading = "6405"
        steps.append(
            "Kombinasi bahan upper dan sol luar ini tidak masuk pos 6401 sampai 6404 → pos 6405 "
            "(alas kaki lainnya)."
        )
        if up in ("leather", "composition_leather"):
            code = "6405.10"
            steps.append("Upper dari kulit atau kulit komposisi → subpos 6405.10.")
        elif up == "textile":
            code = "6405.20"
            steps.append("Upper dari bahan tekstil → subpos 6405.20.")
        else:
            code = "6405.90"
            steps.append("Upper dari bahan lain → subpos 6405.90 (lain-lain).")

    if waterproof_unstitched and heading != "6401":
        steps.append(
            "Catatan: sifat kedap air tanpa jahitan hanya menentukan pos 6401 bila upper dan sol "
            "luar sama-sama dari karet/plastik."
        )
    return HsClassification(
        code=code,
        heading=heading,
        steps=tuple(steps),
        notes_applied=tuple(dict.fromkeys(notes)),
    )


def classify_footwear(
    upper: str,
    outsole: str,
    *,
    sports: bool = False,
    covers_ankle: bool = False,
    metal_toe_cap: bool = False,
    waterproof_unstitched: bool = False,
    toe_post_plugged: bool = False,
    ski: bool = False,
    instep_toe_straps: bool = False,
    covers_knee: bool = False,
) -> str:
    """HS 2022 six-digit subheading of a complete shoe, e.g. ``"6403.99"``."""
    return explain_footwear(
        upper,
        outsole,
        sports=sports,
        covers_ankle=covers_ankle,
        metal_toe_cap=metal_toe_cap,
        waterproof_unstitched=waterproof_unstitched,
        toe_post_plugged=toe_post_plugged,
        ski=ski,
        instep_toe_straps=instep_toe_straps,
        covers_knee=covers_knee,
    ).code


def returnable_codes() -> tuple[str, ...]:
    """Every subheading :func:`classify_footwear` can return (6401–6405; never 6406 parts)."""
    return tuple(
        code
        for code, line in hs_lines().items()
        if line.level == "subpos" and not code.startswith("6406")
    )
