"""The reviewer's views of a :class:`~alaskaki.competency.CohortResult`, as pandas DataFrames.

Every renderer (HTML, XLSX, CSV, dashboard) shows these same tables, so the numbers agree
everywhere. Column names are the Indonesian headers the reviewer reads.

Counting rule: group counts (per unit, per IKM, kelurahan, gender, role) count participant × unit
pairs, only for units that have evidence in the framework; "% Kompeten" is Kompeten divided by
the *assessed* pairs (Kompeten + Belum Kompeten), so pending grading never lowers the figure.
Cohort gain per unit is Hake's ⟨g⟩ on class averages, over participants with both a pre- and a
post-test share for that unit: (mean post − mean pre)/(1 − mean pre).
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, replace

import pandas as pd

from alaskaki.competency.model import (
    BELUM_ADA_BUKTI,
    BELUM_DINILAI,
    BELUM_KOMPETEN,
    KOMPETEN,
    KRITERIA_BELUM_DINILAI,
    TIDAK_TERPENUHI,
    CohortResult,
    ParticipantResult,
)

GENDER = {"L": "Laki-laki", "P": "Perempuan"}
GROUPS = {
    "ikm": "IKM",
    "kelurahan": "Kelurahan",
    "jenis_kelamin": "Jenis kelamin",
    "peran": "Peran",
}
KOSONG = "(tidak diisi)"


@dataclass(frozen=True)
class View:
    """One table of the report: a sheet in XLSX, a CSV file, a section in HTML."""

    key: str  # file/sheet-safe id
    title: str  # Indonesian section title
    note: str  # one-line explanation for the reviewer
    frame: pd.DataFrame


def pseudonym(pid: str, key: str = "") -> str:
    """Stable pseudonym of a participant id: the same id and key always give the same name."""
    digest = hmac.new(key.encode("utf-8"), pid.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"Peserta-{digest[:6].upper()}"


def anonymise(result: CohortResult, *, key: str = "") -> CohortResult:
    """A copy of ``result`` where each participant's id and name are the same stable pseudonym."""
    people = []
    for p in result.participants:
        alias = pseudonym(p.id, key)
        people.append(replace(p, id=alias, nama=alias))
    people.sort(key=lambda p: p.id)
    return replace(result, participants=people)


def _status_units(result: CohortResult) -> list[str]:
    return [u.kode for u in result.units if u.ada_bukti]


def _pct(num: float, den: float) -> float | None:
    return (num / den) if den else None


def participants_view(result: CohortResult) -> pd.DataFrame:
    """One row per participant: attributes, status per unit, completion, lateness."""
    rows = []
    for p in result.participants:
        row = {
            "ID": p.id,
            "Nama": p.nama,
            "IKM": p.ikm,
            "Kelurahan": p.kelurahan,
            "Jenis kelamin": GENDER.get(p.jenis_kelamin, p.jenis_kelamin),
            "Peran": p.peran,
            "Lokakarya": ", ".join(p.lokakarya),
        }
        for u in result.units:
            ur = p.units.get(u.kode)
            row[u.kode] = (
                BELUM_ADA_BUKTI
                if ur is not None and ur.keterangan == BELUM_ADA_BUKTI
                else (ur.status if ur else "")
            )
        row["Jumlah unit Kompeten"] = sum(1 for u in p.units.values() if u.status == KOMPETEN)
        row["Kriteria belum terpenuhi"] = ", ".join(
            c.kode for u in p.units.values() for c in u.kriteria if c.status == TIDAK_TERPENUHI
        )
        row["Penyelesaian modul"] = p.completion
        row["Modul terlambat"] = p.late_count
        row["Penalti keterlambatan (poin)"] = p.penalty_points
        rows.append(row)
    cols = ["ID", "Nama", "IKM", "Kelurahan", "Jenis kelamin", "Peran", "Lokakarya"]
    cols += [u.kode for u in result.units]
    cols += [
        "Jumlah unit Kompeten",
        "Kriteria belum terpenuhi",
        "Penyelesaian modul",
        "Modul terlambat",
        "Penalti keterlambatan (poin)",
    ]
    return pd.DataFrame(rows, columns=cols)


def criteria_view(result: CohortResult) -> pd.DataFrame:
    """One row per participant, one column per criterion with evidence: the share of points reached.

    Empty when the criterion is not yet graded for that participant. (Wide on purpose: a long
    table would hold participants × criteria rows, millions for a multi-year history.)
    """
    codes: list[str] = []
    for p in result.participants:
        for ur in p.units.values():
            for c in ur.kriteria:
                if c.kode not in codes:
                    codes.append(c.kode)
    unit_order = {u.kode: i for i, u in enumerate(result.units)}
    codes.sort(
        key=lambda k: (
            unit_order.get(k.split(".")[0], 99),
            [int(x) if x.isdigit() else x for x in k.split(".")[1:]],
        )
    )
    rows = []
    for p in result.participants:
        row: dict = {"ID": p.id, "Nama": p.nama}
        for ur in p.units.values():
            for c in ur.kriteria:
                row[c.kode] = None if c.status == KRITERIA_BELUM_DINILAI else c.rasio
        rows.append(row)
    return pd.DataFrame(rows, columns=["ID", "Nama", *codes])


def framework_view(result: CohortResult) -> pd.DataFrame:
    """The framework the result was computed with: one row per criterion."""
    rows = []
    for u in result.framework.get("unit", []):
        for e in u.get("elemen", []):
            for c in e.get("kriteria", []):
                rows.append(
                    {
                        "Unit": u["kode"],
                        "Judul unit": u["judul"],
                        "Elemen": f"{e['no']}. {e['judul']}",
                        "Kriteria": c["kode"],
                        "Judul kriteria": c["judul"],
                        "Ambang": c["ambang"],
                        "Bukti uji (grade id)": ", ".join(c.get("uji", c.get("bukti", [])))
                        or BELUM_ADA_BUKTI,
                        "Bukti latihan (grade id)": ", ".join(c.get("latihan") or []),
                    }
                )
    return pd.DataFrame(
        rows,
        columns=[
            "Unit",
            "Judul unit",
            "Elemen",
            "Kriteria",
            "Judul kriteria",
            "Ambang",
            "Bukti uji (grade id)",
            "Bukti latihan (grade id)",
        ],
    )


def units_view(result: CohortResult) -> pd.DataFrame:
    """Per unit: counts of Kompeten / Belum Kompeten / Belum dinilai and % Kompeten."""
    rows = []
    for u in result.units:
        counts = {KOMPETEN: 0, BELUM_KOMPETEN: 0, BELUM_DINILAI: 0}
        for p in result.participants:
            ur = p.units.get(u.kode)
            if ur is not None:
                counts[ur.status] += 1
        assessed = counts[KOMPETEN] + counts[BELUM_KOMPETEN]
        rows.append(
            {
                "Unit": u.kode,
                "Judul unit": u.judul,
                "Ada bukti": "ya" if u.ada_bukti else "belum",
                "Peserta": len(result.participants),
                KOMPETEN: counts[KOMPETEN],
                BELUM_KOMPETEN: counts[BELUM_KOMPETEN],
                BELUM_DINILAI: counts[BELUM_DINILAI],
                "% Kompeten": _pct(counts[KOMPETEN], assessed),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "Unit",
            "Judul unit",
            "Ada bukti",
            "Peserta",
            KOMPETEN,
            BELUM_KOMPETEN,
            BELUM_DINILAI,
            "% Kompeten",
        ],
    )


def group_view(result: CohortResult, attr: str) -> pd.DataFrame:
    """Counts per group (``attr`` in :data:`GROUPS`) × unit with evidence."""
    label = GROUPS[attr]
    codes = _status_units(result)
    acc: dict[tuple[str, str], dict[str, int]] = {}
    members: dict[str, set[str]] = {}
    for p in result.participants:
        raw = getattr(p, attr) or ""
        g = GENDER.get(raw, raw) if attr == "jenis_kelamin" else raw
        g = g or KOSONG
        members.setdefault(g, set()).add(p.id)
        for code in codes:
            ur = p.units.get(code)
            if ur is None:
                continue
            d = acc.setdefault((g, code), {KOMPETEN: 0, BELUM_KOMPETEN: 0, BELUM_DINILAI: 0})
            d[ur.status] += 1
    rows = []
    for (g, code), d in sorted(acc.items(), key=lambda x: (x[0][0], codes.index(x[0][1]))):
        rows.append(
            {
                label: g,
                "Unit": code,
                "Peserta": len(members[g]),
                KOMPETEN: d[KOMPETEN],
                BELUM_KOMPETEN: d[BELUM_KOMPETEN],
                BELUM_DINILAI: d[BELUM_DINILAI],
                "% Kompeten": _pct(d[KOMPETEN], d[KOMPETEN] + d[BELUM_KOMPETEN]),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[label, "Unit", "Peserta", KOMPETEN, BELUM_KOMPETEN, BELUM_DINILAI, "% Kompeten"],
    )


def gain_view(result: CohortResult) -> pd.DataFrame:
    """Per unit: participants with pre and post, mean pre, mean post, cohort ⟨g⟩."""
    rows = []
    for u in result.units:
        pairs = [
            (ur.awal, ur.akhir)
            for p in result.participants
            if (ur := p.units.get(u.kode)) is not None
            and ur.awal is not None
            and ur.akhir is not None
        ]
        n = len(pairs)
        pre = sum(a for a, _ in pairs) / n if n else None
        post = sum(b for _, b in pairs) / n if n else None
        g = (post - pre) / (1 - pre) if n and pre < 1 - 1e-12 else None
        rows.append(
            {
                "Unit": u.kode,
                "Judul unit": u.judul,
                "Peserta dengan tes awal dan akhir": n,
                "Rata-rata tes awal": pre,
                "Rata-rata tes akhir": post,
                "Gain ternormalisasi <g>": g,
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "Unit",
            "Judul unit",
            "Peserta dengan tes awal dan akhir",
            "Rata-rata tes awal",
            "Rata-rata tes akhir",
            "Gain ternormalisasi <g>",
        ],
    )


def modules_view(result: CohortResult) -> pd.DataFrame:
    """Per workshop × module: released to, submitted, % submitted, late, penalty points."""
    acc: dict[tuple[str, str], list[int | float]] = {}
    for p in result.participants:
        for m in p.modul:
            d = acc.setdefault((m.lokakarya, m.modul), [0, 0, 0, 0.0])
            d[0] += 1
            d[1] += int(m.dikumpulkan)
            d[2] += int(m.terlambat)
            d[3] += m.penalti
    rows = [
        {
            "Lokakarya": w,
            "Modul": m,
            "Peserta": d[0],
            "Dikumpulkan": d[1],
            "% Dikumpulkan": _pct(d[1], d[0]),
            "Terlambat": d[2],
            "% Terlambat (dari yang dikumpulkan)": _pct(d[2], d[1]),
            "Total penalti (poin)": d[3],
        }
        for (w, m), d in sorted(acc.items())
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "Lokakarya",
            "Modul",
            "Peserta",
            "Dikumpulkan",
            "% Dikumpulkan",
            "Terlambat",
            "% Terlambat (dari yang dikumpulkan)",
            "Total penalti (poin)",
        ],
    )


def submissions_view(result: CohortResult) -> pd.DataFrame:
    """One row per participant × module: submitted, time, hours late, penalty, score."""
    rows = []
    for p in result.participants:
        for m in p.modul:
            rows.append(
                {
                    "ID": p.id,
                    "Nama": p.nama,
                    "Lokakarya": m.lokakarya,
                    "Modul": m.modul,
                    "Dikumpulkan": "ya" if m.dikumpulkan else "tidak",
                    "Waktu kumpul": _dt(m.waktu),
                    "Batas waktu": _dt(m.batas),
                    "Terlambat (jam)": round(m.detik_terlambat / 3600, 2)
                    if m.dikumpulkan
                    else None,
                    "Penalti (poin)": m.penalti,
                    "Skor": m.skor,
                    "Skor maksimum": m.maks,
                }
            )
    cols = [
        "ID",
        "Nama",
        "Lokakarya",
        "Modul",
        "Dikumpulkan",
        "Waktu kumpul",
        "Batas waktu",
        "Terlambat (jam)",
        "Penalti (poin)",
        "Skor",
        "Skor maksimum",
    ]
    return pd.DataFrame(rows, columns=cols)


def _dt(iso: str | None):
    if not iso:
        return None
    t = pd.Timestamp(iso)
    if t.tzinfo is not None:
        t = t.tz_convert("UTC").tz_localize(None)
    return t.to_pydatetime()


def _lower(label: str) -> str:
    return label if label.isupper() else label.lower()


def all_views(result: CohortResult) -> list[View]:
    """The report's views, in report order."""
    views = [
        View(
            "peserta",
            "Status kompetensi per peserta",
            "Satu baris per peserta; satu kolom per unit kompetensi.",
            participants_view(result),
        ),
        View(
            "unit",
            "Rekap per unit",
            "Jumlah peserta Kompeten, Belum Kompeten dan Belum dinilai per unit. % Kompeten dihitung dari peserta yang sudah dinilai.",
            units_view(result),
        ),
    ]
    for attr, label in GROUPS.items():
        views.append(
            View(
                f"per_{attr}",
                f"Rekap per {_lower(label)}",
                f"Jumlah peserta per {_lower(label)} dan unit (hanya unit yang sudah punya bukti).",
                group_view(result, attr),
            )
        )
    views += [
        View(
            "gain",
            "Tes awal, tes akhir dan gain per unit",
            "Gain ternormalisasi <g> = (rata-rata akhir - rata-rata awal) / (1 - rata-rata awal); hanya peserta yang mengikuti kedua tes.",
            gain_view(result),
        ),
        View(
            "modul",
            "Penyelesaian dan keterlambatan per modul",
            "Berapa peserta mengumpulkan setiap modul, dan berapa yang terlambat.",
            modules_view(result),
        ),
        View(
            "pengumpulan",
            "Pengumpulan per peserta dan modul",
            "Waktu dalam UTC; penalti keterlambatan dicatat oleh nbgrader.",
            submissions_view(result),
        ),
        View(
            "kriteria",
            "Capaian per kriteria unjuk kerja",
            "Bagian skor yang dicapai setiap peserta pada setiap kriteria (kosong: belum dinilai). "
            "Ambang setiap kriteria ada di lembar 'kerangka'.",
            criteria_view(result),
        ),
        View(
            "kerangka",
            "Kerangka kompetensi",
            "Unit, elemen dan kriteria unjuk kerja beserta ambang dan buktinya (grade id).",
            framework_view(result),
        ),
    ]
    return views


def filter_result(
    result: CohortResult,
    *,
    lokakarya: str | None = None,
    ikm: str | None = None,
    kelurahan: str | None = None,
    jenis_kelamin: str | None = None,
    peran: str | None = None,
    unit: str | None = None,
) -> CohortResult:
    """Participants matching every given filter (None = all); ``unit`` keeps only that unit."""

    def keep(p: ParticipantResult) -> bool:
        return (
            (lokakarya is None or lokakarya in p.lokakarya)
            and (ikm is None or p.ikm == ikm)
            and (kelurahan is None or p.kelurahan == kelurahan)
            and (jenis_kelamin is None or p.jenis_kelamin == jenis_kelamin)
            and (peran is None or p.peran == peran)
        )

    people = [p for p in result.participants if keep(p)]
    units = result.units
    if unit is not None:
        units = [u for u in result.units if u.kode == unit]
        people = [replace(p, units={k: v for k, v in p.units.items() if k == unit}) for p in people]
    if lokakarya is not None:
        people = [
            replace(p, modul=[m for m in p.modul if m.lokakarya == lokakarya]) for p in people
        ]
    return replace(result, participants=people, units=list(units))
