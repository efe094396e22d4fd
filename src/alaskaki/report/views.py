"""The reviewer's views of a :class:`~alaskaki.competency.CohortResult`, as pandas DataFrames.

Every renderer (HTML, XLSX, CSV, dashboard) shows these same tables, so the numbers agree
everywhere. Column names are the Indonesian headers the reviewer reads.

Counting rule: group counts (per unit, per IKM, kelurahan, gender, role) count participant × unit
pairs, only for units that have evidence in the framework; "% Kompeten" is Kompeten divided by
the *assessed* pairs (Kompeten + Belum Kompeten), so pending grading never lowers the figure.
Cohort gain per unit is Hake's ⟨g⟩ on class averages, over participants with both a pre- and a
post-test share for that unit: (mean post − mean pre)/(1 − mean pre).

K / BK comes from *uji* (summative) evidence only; *latihan* (formative) completion and score are
shown beside it as readiness (views ``kesiapan``, ``unit``, ``peserta``). Every grading state of a
participant's module (``ModuleRecord.keadaan``) is shown, and :func:`notes` warns when the report
is incomplete (the ``catatan`` view, the HTML banner, the first XLSX sheet, JSON ``catatan``).

Anonymous results (:func:`anonymise`) carry pseudonyms instead of ids and names, and are
k-anonymous over the quasi-identifiers IKM, kelurahan, jenis kelamin and peran (the rule is in
:func:`k_anonymise` and stated in every anonymous file).
"""

from __future__ import annotations

import gc
import hashlib
import hmac
import math
from dataclasses import dataclass, replace

import pandas as pd

from alaskaki.competency.model import (
    BELUM_ADA_BUKTI,
    BELUM_DINILAI,
    BELUM_DINILAI_MODUL,
    BELUM_KOMPETEN,
    KOMPETEN,
    KRITERIA_BELUM_ADA_UJI,
    KRITERIA_BELUM_DINILAI,
    MENUNGGU_PELATIH,
    PERLU_DINILAI_ULANG,
    SUDAH_DINILAI,
    TERPENUHI,
    TIDAK_TERPENUHI,
    CohortResult,
    ModuleRecord,
    ParticipantResult,
)
from alaskaki.errors import EXIT_USAGE, AlaskakiError

GENDER = {"L": "Laki-laki", "P": "Perempuan"}
GROUPS = {
    "ikm": "IKM",
    "kelurahan": "Kelurahan",
    "jenis_kelamin": "Jenis kelamin",
    "peran": "Peran",
}
KOSONG = "(tidak diisi)"
QUASI_IDENTIFIERS = {  # attribute -> column header in the participant view
    "ikm": "IKM",
    "kelurahan": "Kelurahan",
    "jenis_kelamin": "Jenis kelamin",
    "peran": "Peran",
}
# The workshops a participant attended identify him too: a reviewer holding the attendance lists
# finds "the women who came only to Lokakarya 2" (R103). Recoded like the others; a participant
# whose combination is recoded has every workshop label (his own, his modules', his evidence's)
# replaced, since each of them gives the combination back.
ATTENDED = "lokakarya"
ATTENDED_LABEL = "Lokakarya yang diikuti"
ANONIM_K = 5  # default k of the anonymous reports
LAINNYA = "(lainnya)"
DISEMBUNYIKAN = "(disembunyikan)"
INCOMPLETE = (BELUM_DINILAI_MODUL, MENUNGGU_PELATIH, PERLU_DINILAI_ULANG)


@dataclass(frozen=True)
class View:
    """One table of the report: a sheet in XLSX, a CSV file, a section in HTML."""

    key: str  # file/sheet-safe id
    title: str  # Indonesian section title
    note: str  # one-line explanation for the reviewer
    frame: pd.DataFrame


PSEUDONYM_DIGITS = 6  # hex digits of a pseudonym; two ids sharing one get LONG_DIGITS
LONG_DIGITS = 12


def pseudonym(pid: str, key: str = "", digits: int = PSEUDONYM_DIGITS) -> str:
    """Stable pseudonym of a participant id: the same id and key always give the same name.

    Only as secret as ``key``: with a known key (or none) anyone holding the ids maps the
    pseudonyms back, so :func:`anonymise` never uses an empty one."""
    digest = hmac.new(key.encode("utf-8"), pid.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"Peserta-{digest[:digits].upper()}"


def pseudonyms(ids, key: str) -> dict[str, str]:
    """One pseudonym per id, never one for two people: six hex digits give two of 10,000
    participants the same name about four times per report (a city-wide report, the dashboard's
    "Semua lokakarya"), so ids that would share one get twelve digits instead."""
    short = {pid: pseudonym(pid, key) for pid in ids}
    seen: dict[str, int] = {}
    for alias in short.values():
        seen[alias] = seen.get(alias, 0) + 1
    return {
        pid: (pseudonym(pid, key, LONG_DIGITS) if seen[alias] > 1 else alias)
        for pid, alias in short.items()
    }


def anonymise(result: CohortResult, *, key: str | None = None, k: int = ANONIM_K) -> CohortResult:
    """A copy of ``result`` safe to share outside the office.

    Each participant's id and name become the same pseudonym (never one for two ids), keyed by ``key`` (the workshop's
    secret, :meth:`alaskaki.folder.Folder.pseudonym_secret`, or the reviewer's ``anonim_kunci``);
    without one, a random key for this call only (pseudonyms not comparable with another
    report's, never reversible). The workshops' folder paths are dropped. Submission times are
    dropped, and the quasi-identifiers are recoded by :func:`k_anonymise` so that every
    combination of IKM, kelurahan, jenis kelamin and peran is shared by at least ``k``
    participants. Fewer than ``k`` participants in all cannot be made anonymous: refused.
    """
    check_k(k)
    if len(result.participants) < k:
        raise AlaskakiError(
            f"Laporan anonim tidak dibuat: tampilan ini hanya berisi {len(result.participants)} "
            f"peserta, kurang dari {k} (k anonim). Dengan sekecil itu peserta dapat dikenali; "
            "gabungkan lebih banyak peserta atau lokakarya.",
            exit_code=EXIT_USAGE,
        )
    if not key:
        import secrets

        key = secrets.token_hex(16)
    people = []
    alias_of = pseudonyms({p.id for p in result.participants}, key)
    # a city's copies are a million small objects holding no cycle: the collector walking them
    # tripled the time (3 s instead of 1 s at 10,000 participants)
    was = gc.isenabled()
    gc.disable()
    try:
        for p in result.participants:
            alias = alias_of[p.id]
            people.append(_with(p, id=alias, nama=alias, **_without_times(p)))
    finally:
        if was:
            gc.enable()
    people.sort(key=lambda p: p.id)
    people, rule = k_anonymise(people, k)
    # a folder path names the trainer's account (/home/<name>/…): not for outside the office
    places = [replace(w, folder="") for w in result.lokakarya]
    return replace(result, participants=people, lokakarya=places, catatan=[*result.catatan, *rule])


def _with(obj, **changes):
    """A shallow copy of a plain dataclass with ``changes`` (``dataclasses.replace`` runs
    ``__init__`` and ``__post_init__`` for each of a city's objects)."""
    new = object.__new__(type(obj))
    new.__dict__ = {**obj.__dict__, **changes}
    return new


def _without_times(p: ParticipantResult) -> dict:
    """A participant's modules and evidence with no time that a reviewer could match to a person
    seen handing in: no submission time (of a module, or of a criterion's evidence, which the
    JSON carries too), no deadline (an extension singles its holder out), and lateness in whole
    days rounded up, since deadline + seconds late gives the submission's time back (R90)."""
    modul = [
        _with(
            m,
            waktu=None,
            waktu_baru=None,
            batas=None,
            detik_terlambat=_whole_days(m.detik_terlambat),
        )
        for m in p.modul
    ]

    def timeless(items: list) -> list:
        return [_with(e, waktu=None) if e.waktu else e for e in items]

    units = {
        code: _with(
            u,
            kriteria=[
                _with(c, uji=timeless(c.uji), latihan=timeless(c.latihan)) for c in u.kriteria
            ],
        )
        for code, u in p.units.items()
    }
    return {"modul": modul, "units": units}


def _attended(p: ParticipantResult) -> str:
    return " + ".join(sorted(set(p.lokakarya))) or KOSONG


def _relabelled(p: ParticipantResult, label: str) -> ParticipantResult:
    """``p`` with every workshop name it carries replaced by ``label``."""

    def items(evidence: list) -> list:
        return [_with(e, lokakarya=label) for e in evidence]

    units = {
        code: _with(
            u,
            kriteria=[_with(c, uji=items(c.uji), latihan=items(c.latihan)) for c in u.kriteria],
        )
        for code, u in p.units.items()
    }
    modul = [_with(m, lokakarya=label) for m in p.modul]
    return _with(p, lokakarya=[label], modul=modul, units=units)


def _whole_days(seconds: float) -> float:
    return math.ceil(seconds / 86400) * 86400.0 if seconds > 0 else 0.0


def check_k(k: int) -> None:
    """k of an anonymous report: 2 or more (with k = 1 every person may be alone in a group)."""
    if k < 2:
        raise AlaskakiError(
            f"k anonim {k} tidak melindungi siapa pun, karena setiap kelompok boleh berisi satu "
            "orang saja yang mudah dikenali; pakai --anonim-k 2 atau lebih (bawaan 5).",
            exit_code=EXIT_USAGE,
        )


def k_anonymise(
    people: list[ParticipantResult], k: int
) -> tuple[list[ParticipantResult], list[str]]:
    """Recode the quasi-identifiers until every combination is shared by ``k`` or more people.

    1. A value (of one attribute) held by fewer than ``k`` participants becomes ``(lainnya)``.
    2. While some combination of the attributes still shown is held by fewer than ``k``, the
       shown attribute with the most distinct values is hidden for everyone ``(disembunyikan)``.
    Returns the recoded participants and the rule as sentences for the report.
    """
    labels = {**QUASI_IDENTIFIERS, ATTENDED: ATTENDED_LABEL}
    attrs = list(labels)  # attendance last: of two equally varied columns it is hidden last
    rows = [
        {**{a: (getattr(p, a) or KOSONG) for a in QUASI_IDENTIFIERS}, ATTENDED: _attended(p)}
        for p in people
    ]
    merged: list[str] = []
    for a in attrs:
        counts: dict[str, int] = {}
        for r in rows:
            counts[r[a]] = counts.get(r[a], 0) + 1
        rare = {v for v, n in counts.items() if n < k}
        if rare:
            merged.append(f"{labels[a].lower()} ({len(rare)} nilai)")
            for r in rows:
                if r[a] in rare:
                    r[a] = LAINNYA
    shown = list(attrs)
    hidden: list[str] = []

    def smallest() -> int:
        counts: dict[tuple, int] = {}
        for r in rows:
            key = tuple(r[a] for a in shown)
            counts[key] = counts.get(key, 0) + 1
        return min(counts.values()) if counts else k

    while shown and smallest() < k:
        widest = max(shown, key=lambda a: (len({r[a] for r in rows}), -attrs.index(a)))
        shown.remove(widest)
        hidden.append(widest)
        for r in rows:
            r[widest] = DISEMBUNYIKAN
    out = []
    for p, r in zip(people, rows, strict=True):
        attended = r.pop(ATTENDED)
        if attended in (LAINNYA, DISEMBUNYIKAN):
            p = _relabelled(p, attended)
        out.append(replace(p, **r))
    rule = [
        f"Aturan anonim (k = {k}): nama dan ID peserta diganti nama samaran; waktu pengumpulan "
        "dan batas waktu tidak dicantumkan, keterlambatan dibulatkan ke atas per hari (24 jam); "
        "setiap gabungan IKM, kelurahan, jenis kelamin, peran dan lokakarya yang diikuti dimiliki "
        f"sedikitnya {k} peserta. Nilai yang dimiliki kurang dari {k} peserta digabung menjadi "
        f"'{LAINNYA}'; bila masih ada gabungan yang lebih kecil dari {k}, kolom dengan nilai "
        f"paling beragam disembunyikan ('{DISEMBUNYIKAN}').",
        "Pada laporan ini: "
        + ("digabung: " + ", ".join(merged) if merged else "tidak ada nilai yang digabung")
        + "; "
        + (
            "disembunyikan: " + ", ".join(labels[a].lower() for a in hidden)
            if hidden
            else "tidak ada kolom yang disembunyikan"
        )
        + ".",
    ]
    return out, rule


def _status_units(result: CohortResult) -> list[str]:
    return [u.kode for u in result.units if u.ada_bukti]


def _pct(num: float, den: float) -> float | None:
    return (num / den) if den else None


def _share(items) -> float | None:
    maks = sum(e.maks for e in items)
    return sum(e.skor or 0.0 for e in items) / maks if maks > 0 else None


def _mean(values) -> float | None:
    vals = [v for v in values if v is not None]
    return sum(vals) / len(vals) if vals else None


def grading_state(modules: list[ModuleRecord]) -> str:
    """One participant's modules not fully graded, by state ("lengkap" when every submission is)."""
    pending = [f"{m.modul}: {m.keadaan}" for m in modules if m.keadaan in INCOMPLETE]
    return "; ".join(pending) if pending else "lengkap"


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
        lat = [e for u in p.units.values() for c in u.kriteria for e in c.latihan]
        n_lat = sum(c.latihan_jumlah for u in p.units.values() for c in u.kriteria)
        row["Latihan selesai"] = _pct(sum(e.dinilai for e in lat), n_lat)
        row["Skor latihan"] = _share([e for e in lat if e.dinilai])
        row["Penyelesaian modul"] = p.completion
        row["Keadaan penilaian"] = grading_state(p.modul)
        row["Modul terlambat"] = p.late_count
        row["Penalti keterlambatan (poin)"] = p.penalty_points
        rows.append(row)
    cols = ["ID", "Nama", "IKM", "Kelurahan", "Jenis kelamin", "Peran", "Lokakarya"]
    cols += [u.kode for u in result.units]
    cols += [
        "Jumlah unit Kompeten",
        "Kriteria belum terpenuhi",
        "Latihan selesai",
        "Skor latihan",
        "Penyelesaian modul",
        "Keadaan penilaian",
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
        units = [p.units[u.kode] for p in result.participants if u.kode in p.units]
        rows.append(
            {
                "Unit": u.kode,
                "Judul unit": u.judul,
                "Bukti uji": "lengkap"
                if u.uji_lengkap
                else ("sebagian kriteria" if u.ada_bukti else "belum ada"),
                "Peserta": len(result.participants),
                KOMPETEN: counts[KOMPETEN],
                BELUM_KOMPETEN: counts[BELUM_KOMPETEN],
                BELUM_DINILAI: counts[BELUM_DINILAI],
                "% Kompeten": _pct(counts[KOMPETEN], assessed),
                "Rata-rata latihan selesai": _mean(x.latihan_selesai for x in units),
                "Rata-rata skor latihan": _mean(x.latihan_skor for x in units),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "Unit",
            "Judul unit",
            "Bukti uji",
            "Peserta",
            KOMPETEN,
            BELUM_KOMPETEN,
            BELUM_DINILAI,
            "% Kompeten",
            "Rata-rata latihan selesai",
            "Rata-rata skor latihan",
        ],
    )


def readiness_view(result: CohortResult) -> pd.DataFrame:
    """One row per participant × unit: the decision (uji) beside readiness (latihan) and the tests."""
    rows = []
    for p in result.participants:
        for u in result.units:
            ur = p.units.get(u.kode)
            if ur is None:
                continue
            decided = [c for c in ur.kriteria if c.status in (TERPENUHI, TIDAK_TERPENUHI)]
            with_uji = [c for c in ur.kriteria if c.status != KRITERIA_BELUM_ADA_UJI]
            rows.append(
                {
                    "ID": p.id,
                    "Nama": p.nama,
                    "Unit": u.kode,
                    "Status (uji)": BELUM_ADA_BUKTI
                    if ur.keterangan == BELUM_ADA_BUKTI
                    else ur.status,
                    "Kriteria terpenuhi (uji)": f"{sum(c.status == TERPENUHI for c in ur.kriteria)}"
                    f" dari {len(ur.kriteria)}",
                    "Skor uji": _pct(sum(c.skor for c in decided), sum(c.maks for c in decided)),
                    "Kriteria tanpa bukti uji": len(ur.kriteria) - len(with_uji),
                    "Latihan selesai": ur.latihan_selesai,
                    "Skor latihan": ur.latihan_skor,
                    "Tes awal": ur.awal,
                    "Tes akhir": ur.akhir,
                    "Gain <g>": ur.gain,
                }
            )
    cols = [
        "ID",
        "Nama",
        "Unit",
        "Status (uji)",
        "Kriteria terpenuhi (uji)",
        "Skor uji",
        "Kriteria tanpa bukti uji",
        "Latihan selesai",
        "Skor latihan",
        "Tes awal",
        "Tes akhir",
        "Gain <g>",
    ]
    return pd.DataFrame(rows, columns=cols)


def notes(result: CohortResult) -> list[str]:
    """What the reader must know before trusting the numbers: incomplete grading, then notes."""
    by_state: dict[str, dict[str, list[str]]] = {s: {} for s in INCOMPLETE}
    for p in result.participants:
        for m in p.modul:
            if m.keadaan in by_state:
                by_state[m.keadaan].setdefault(m.modul, []).append(p.id)
    out: list[str] = []
    parts = []
    labels = {
        BELUM_DINILAI_MODUL: "sudah dikumpulkan tetapi belum dinilai (jalankan alaskaki grade)",
        MENUNGGU_PELATIH: "menunggu penilaian pelatih pada sel rubrik (formgrader)",
        PERLU_DINILAI_ULANG: "dikumpulkan lagi sesudah dinilai dan perlu dinilai ulang",
    }
    for state, modules in by_state.items():
        n = sum(len(v) for v in modules.values())
        if n:
            where = ", ".join(f"{m}: {len(ids)}" for m, ids in sorted(modules.items()))
            parts.append(f"{n} pengumpulan {labels[state]} ({where})")
    if parts:
        out.append(
            "PERHATIAN: laporan ini belum lengkap. "
            + "; ".join(parts)
            + ". Unit yang bergantung pada pengumpulan itu tertulis 'Belum dinilai' dan dapat berubah."
        )
    return out + list(result.catatan)


def is_complete(result: CohortResult) -> bool:
    return not any(m.keadaan in INCOMPLETE for p in result.participants for m in p.modul)


def notes_view(result: CohortResult) -> pd.DataFrame:
    lines = notes(result)
    if is_complete(result):
        lines = ["Laporan lengkap: semua pengumpulan sudah dinilai.", *lines]
    return pd.DataFrame({"Catatan": lines}, columns=["Catatan"])


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
    """Per workshop × module: released to, submitted, each grading state, late, penalty points."""
    states = (SUDAH_DINILAI, BELUM_DINILAI_MODUL, MENUNGGU_PELATIH, PERLU_DINILAI_ULANG)
    acc: dict[tuple[str, str], dict] = {}
    for p in result.participants:
        for m in p.modul:
            d = acc.setdefault(
                (m.lokakarya, m.modul),
                {"n": 0, "sub": 0, "late": 0, "pen": 0.0, **{s: 0 for s in states}},
            )
            d["n"] += 1
            d["sub"] += int(m.dikumpulkan)
            d["late"] += int(m.terlambat)
            d["pen"] += m.penalti
            if m.keadaan in states:
                d[m.keadaan] += 1
    rows = [
        {
            "Lokakarya": w,
            "Modul": m,
            "Peserta": d["n"],
            "Dikumpulkan": d["sub"],
            "% Dikumpulkan": _pct(d["sub"], d["n"]),
            "Sudah dinilai": d[SUDAH_DINILAI],
            "Dikumpulkan, belum dinilai": d[BELUM_DINILAI_MODUL],
            "Menunggu penilaian pelatih": d[MENUNGGU_PELATIH],
            "Perlu dinilai ulang": d[PERLU_DINILAI_ULANG],
            "% Dinilai (dari yang dikumpulkan)": _pct(d[SUDAH_DINILAI], d["sub"]),
            "Terlambat": d["late"],
            "% Terlambat (dari yang dikumpulkan)": _pct(d["late"], d["sub"]),
            "Total penalti (poin)": d["pen"],
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
            "Sudah dinilai",
            "Dikumpulkan, belum dinilai",
            "Menunggu penilaian pelatih",
            "Perlu dinilai ulang",
            "% Dinilai (dari yang dikumpulkan)",
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
                    "Keadaan": m.keadaan,
                    "Sel menunggu pelatih": m.menunggu_manual,
                    "Waktu kumpul": _dt(m.waktu),
                    "Kiriman baru belum dinilai": _dt(m.waktu_baru),
                    "Batas waktu": _dt(m.batas),
                    "Terlambat (jam)": round(m.detik_terlambat / 3600, 2)
                    if m.dikumpulkan
                    else None,
                    "Penalti (poin)": m.penalti,
                    "Skor": m.skor if m.keadaan != BELUM_DINILAI_MODUL else None,
                    "Skor maksimum": m.maks,
                    "Cek mandiri dicoba": m.cek_dicoba if m.dikumpulkan else None,
                    "Cek benar pada percobaan pertama": m.cek_benar_pertama
                    if m.dikumpulkan
                    else None,
                    "Cek benar setelah mencoba lagi": m.cek_benar_setelah_mencoba
                    if m.dikumpulkan
                    else None,
                }
            )
    cols = [
        "ID",
        "Nama",
        "Lokakarya",
        "Modul",
        "Dikumpulkan",
        "Keadaan",
        "Sel menunggu pelatih",
        "Waktu kumpul",
        "Kiriman baru belum dinilai",
        "Batas waktu",
        "Terlambat (jam)",
        "Penalti (poin)",
        "Skor",
        "Skor maksimum",
        "Cek mandiri dicoba",
        "Cek benar pada percobaan pertama",
        "Cek benar setelah mencoba lagi",
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
            "catatan",
            "Catatan",
            "Yang perlu diketahui sebelum membaca angka laporan ini.",
            notes_view(result),
        ),
        View(
            "peserta",
            "Status kompetensi per peserta",
            "Satu baris per peserta; satu kolom per unit kompetensi. Status unit diputuskan hanya "
            "dari bukti uji (asesmen akhir dan rubrik pelatih); latihan modul ditampilkan sebagai "
            "kesiapan, bukan keputusan.",
            participants_view(result),
        ),
        View(
            "unit",
            "Rekap per unit",
            "Jumlah peserta Kompeten, Belum Kompeten dan Belum dinilai per unit (dari bukti uji). "
            "% Kompeten dihitung dari peserta yang sudah dinilai. Rata-rata latihan: kesiapan.",
            units_view(result),
        ),
        View(
            "kesiapan",
            "Keputusan uji dan kesiapan latihan per peserta dan unit",
            "Status (uji) adalah keputusan kompetensi. Latihan selesai dan skor latihan berasal dari "
            "latihan modul (dengan cek mandiri) dan hanya menunjukkan kesiapan.",
            readiness_view(result),
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
            "Penyelesaian, penilaian dan keterlambatan per modul",
            "Berapa peserta mengumpulkan setiap modul, berapa yang sudah dinilai, menunggu "
            "penilaian pelatih atau perlu dinilai ulang, dan berapa yang terlambat.",
            modules_view(result),
        ),
        View(
            "pengumpulan",
            "Pengumpulan per peserta dan modul",
            "Waktu dalam UTC; penalti keterlambatan dicatat oleh nbgrader. Cek mandiri dibaca dari "
            "notebook yang dikumpulkan: berapa latihan yang dicek peserta, berapa yang benar pada "
            "percobaan pertama dan berapa yang benar setelah mencoba lagi (ketekunan). Ini hanya "
            "informasi kesiapan, bukan bukti kompetensi.",
            submissions_view(result),
        ),
        View(
            "kriteria",
            "Capaian per kriteria unjuk kerja",
            "Bagian skor uji yang dicapai setiap peserta pada setiap kriteria (kosong: belum dinilai "
            "atau belum ada bukti uji). "
            "Ambang setiap kriteria ada di lembar 'kerangka'.",
            criteria_view(result),
        ),
        View(
            "kerangka",
            "Kerangka kompetensi",
            "Unit, elemen dan kriteria unjuk kerja beserta ambang, bukti uji (menentukan K/BK) dan "
            "bukti latihan (kesiapan) sebagai grade id.",
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
