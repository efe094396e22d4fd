"""One workshop folder → :class:`~alaskaki.competency.model.CohortResult`: read, then apply the rules.

:func:`read_workshop` reads the roster, nbgrader's gradebook (one query per table,
:mod:`alaskaki.competency.gradebook`), ``submitted/`` and the self-check attempts into
:class:`WorkshopData`, before any rule; :func:`assess` / :func:`result_of` apply the rules of
:mod:`alaskaki.competency.rules` (written out there) to every participant.
Several workshops: :mod:`alaskaki.competency.history`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from alaskaki.errors import EXIT_NOT_FOUND, AlaskakiError
from alaskaki.folder import Folder, parse_timestamp
from alaskaki.roster import ROSTER_COLUMNS

from . import framework as fwmod
from .model import (
    BELUM_DIKUMPULKAN,
    BELUM_DINILAI_MODUL,
    CohortResult,
    CriterionResult,
    Evidence,
    ModuleRecord,
    ParticipantResult,
    UnitInfo,
    WorkshopInfo,
)
from .rules import is_stale, late_penalty_factor, module_state, unit_result

ROSTER_FIELDS = ROSTER_COLUMNS


@dataclass
class WorkshopData:
    """Everything read from one workshop folder, before any competency rule is applied."""

    info: WorkshopInfo
    roster: dict[str, dict[str, str]] = field(default_factory=dict)
    evidence: dict[str, dict[tuple[str, str], Evidence]] = field(default_factory=dict)
    modules: dict[str, list[ModuleRecord]] = field(default_factory=dict)


def _iso(t: dt.datetime | None) -> str | None:
    if t is None:
        return None
    if t.tzinfo is None:
        t = t.replace(tzinfo=dt.UTC)
    return t.astimezone(dt.UTC).isoformat()


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def _roster(folder: Folder) -> dict[str, dict[str, str]]:
    """The workshop's roster (the one roster reader, via :meth:`Folder.participants`) as
    ``{id: {nama, ikm, kelurahan, jenis_kelamin, peran}}``; {} when it has none yet."""
    return {
        p.id: {k: getattr(p, k) for k in ROSTER_FIELDS if k != "id"} for p in folder.participants()
    }


def _check_names(folder: Folder, roster, recorded: dict[str, str], gb, received) -> None:
    """Refuse a roster whose name for an id with work is not the name that work was recorded
    under (the gradebook's, written by ``roster import``): ``peserta.csv`` edited by hand never
    met import's check, and the report would credit one person's results to another (R68)."""
    from alaskaki.roster import check_recorded_names

    worked = {pid for pid, _m in received}
    for a in gb.assignments:
        worked |= set(a.submissions)
    names = {pid: row.get("nama", "") for pid, row in roster.items()}
    check_recorded_names(folder.roster_file, folder.root, names, recorded, worked)


def _received(submitted_dir: Path) -> dict[tuple[str, str], dt.datetime]:
    """``{(participant, module): time}`` of what sits in nbgrader's ``submitted/`` folder.

    The time is nbgrader's ``timestamp.txt`` (written at collect); a folder without one counts
    with its modification time, since it was collected all the same.
    """
    found: dict[tuple[str, str], dt.datetime] = {}
    if not submitted_dir.is_dir():
        return found
    for folder in submitted_dir.glob("*/*"):
        if not folder.is_dir() or not any(folder.glob("*.ipynb")):
            continue
        ts = folder / "timestamp.txt"
        when = None
        if ts.is_file():
            try:
                when = parse_timestamp(ts.read_text(encoding="utf-8"))
            except (OSError, ValueError, OverflowError):
                when = None
        if when is None:
            when = dt.datetime.fromtimestamp(folder.stat().st_mtime, dt.UTC)
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        found[(folder.parent.name, folder.name)] = when.astimezone(dt.UTC)
    return found


def read_workshop(workshop_dir: str | Path) -> WorkshopData:
    """Read roster, metadata and every grade of a workshop (nbgrader's gradebook, one query per
    table: :mod:`alaskaki.competency.gradebook`).

    The files are found by :class:`alaskaki.folder.Folder` (the workshop's own gradebook.db, or
    the database server its nbgrader_config.py names). A gradebook that is missing, empty or
    corrupt is refused with the way back, never opened (nbgrader would recreate it empty).
    """
    wdir = Path(workshop_dir)
    if not wdir.is_dir():
        raise AlaskakiError(f"Folder lokakarya tidak ditemukan: {wdir}", exit_code=EXIT_NOT_FOUND)
    folder = Folder.open(wdir)
    meta = folder.meta()
    info = WorkshopInfo(
        nama=str(meta.get("nama") or meta.get("name") or wdir.name),
        course_id=str(meta.get("course_id") or ""),
        dibuat=str(meta.get("dibuat") or meta.get("created") or ""),
        folder=str(wdir),
    )
    data = WorkshopData(info=info, roster=_roster(folder))
    received = _received(folder.submitted())
    from . import gradebook as gbmod

    # one query per table (not one per participant): a city-wide gradebook reads in seconds
    gb = gbmod.read(folder.checked_db_url(existing=True))
    names = gb.students
    _check_names(folder, data.roster, names, gb, received)
    for pid, nama in names.items():
        data.roster.setdefault(pid, {"nama": nama})
        if not data.roster[pid].get("nama"):
            data.roster[pid]["nama"] = nama
    people = list(names) + sorted({p for p, _ in received} - set(names))
    seen_modules: set[str] = set()
    for assignment in gb.assignments:
        module = assignment.name
        seen_modules.add(module)
        cell_max = assignment.cells
        total_max = assignment.total_max
        submitted = assignment.submissions
        for pid in people:
            sub = submitted.get(pid)
            newer = received.get((pid, module))
            if sub is None:
                data.modules.setdefault(pid, []).append(
                    ModuleRecord(
                        modul=module,
                        lokakarya=info.nama,
                        dikumpulkan=newer is not None,
                        waktu=_iso(newer),
                        batas=_iso(assignment.duedate),
                        maks=total_max,
                        keadaan=BELUM_DINILAI_MODUL if newer is not None else BELUM_DIKUMPULKAN,
                    )
                )
                continue
            waktu = _iso(sub.timestamp)
            stale = is_stale(newer, sub.timestamp)
            ev = data.evidence.setdefault(pid, {})
            total_score = 0.0
            total_penalty = 0.0
            pending = 0
            for snb in sub.notebooks:
                nb_score = float(snb.score or 0)
                penalty = float(snb.late_submission_penalty or 0)
                total_penalty += penalty
                factor = late_penalty_factor(nb_score, penalty)
                for grade in snb.grades:
                    gid, maks = cell_max.get(grade.cell_id, (grade.name, 0.0))
                    graded = grade.graded
                    pending += not graded
                    raw = float(grade.score) if graded else None
                    eff = raw * factor if raw is not None else None
                    if eff is not None:
                        total_score += eff
                    ev[(module, gid)] = Evidence(
                        modul=module,
                        grade_id=gid,
                        maks=maks,
                        skor=eff,
                        skor_asli=raw,
                        dinilai=graded and not stale,
                        manual=grade.manual_score is not None,
                        lokakarya=info.nama,
                        waktu=waktu,
                        basi=stale,
                    )
            data.modules.setdefault(pid, []).append(
                ModuleRecord(
                    modul=module,
                    lokakarya=info.nama,
                    dikumpulkan=True,
                    waktu=waktu,
                    batas=_iso(sub.duedate),
                    detik_terlambat=float(sub.total_seconds_late or 0),
                    penalti=total_penalty,
                    skor=total_score,
                    maks=total_max,
                    keadaan=module_state(stale=stale, pending=pending),
                    menunggu_manual=pending,
                    waktu_baru=_iso(newer) if stale else None,
                )
            )
    # collected but never graded, in a module the gradebook does not know yet
    for (pid, module), when in sorted(received.items()):
        if module not in seen_modules:
            data.modules.setdefault(pid, []).append(
                ModuleRecord(
                    modul=module,
                    lokakarya=info.nama,
                    dikumpulkan=True,
                    waktu=_iso(when),
                    keadaan=BELUM_DINILAI_MODUL,
                )
            )
    _add_attempts(folder, data)
    return data


def _add_attempts(folder: Folder, data: WorkshopData) -> None:
    """Self-check attempts from each submitted notebook (first-try success vs persistence).

    Read from the collected file itself, shown as readiness beside the decision; never evidence.
    """
    from alaskaki.exercises import attempts

    for pid, records in data.modules.items():
        for m in records:
            if not m.dikumpulkan:
                continue
            r = attempts.summarise(attempts.read_submission(folder.submitted(pid, m.modul)))
            m.cek_dicoba = r["dicoba"]
            m.cek_benar_pertama = r["benar_pertama"]
            m.cek_benar_setelah_mencoba = r["benar_setelah_mencoba"]


def workshop_framework(workshop_dir: Path) -> fwmod.Framework:
    """The workshop's own snapshot (``DIR/kompetensi.yml`` checked against ``DIR/source``) when it
    has one, else the kit's file checked against the kit's sources. Modules a workshop did not
    release simply leave their units "Belum dinilai"."""
    folder = Folder(workshop_dir)
    if folder.framework_file.exists():
        return fwmod.load_framework(folder.framework_file, source_dir=folder.source())
    return fwmod.load_framework()


def build_result(
    fw: fwmod.Framework,
    datas: list[WorkshopData],
    evidence,
    modules,
    roster,
    fallback: dict[str, dict[str, CriterionResult]] | None = None,
) -> CohortResult:
    """The rules applied to every participant of already-read (and perhaps merged) workshops."""
    participants = []
    for pid in sorted(set(roster) | set(evidence) | set(modules)):
        attrs = roster.get(pid, {})
        ev = evidence.get(pid, {})
        back = (fallback or {}).get(pid)
        workshops = [
            d.info.nama for d in datas if pid in d.roster or pid in d.evidence or pid in d.modules
        ]
        participants.append(
            ParticipantResult(
                id=pid,
                nama=attrs.get("nama", ""),
                ikm=attrs.get("ikm", ""),
                kelurahan=attrs.get("kelurahan", ""),
                jenis_kelamin=attrs.get("jenis_kelamin", ""),
                peran=attrs.get("peran", ""),
                lokakarya=workshops,
                units={u.kode: unit_result(u, fw, ev, back) for u in fw.units},
                modul=sorted(modules.get(pid, []), key=lambda m: (m.modul, m.lokakarya)),
            )
        )
    return CohortResult(
        units=[
            UnitInfo(
                kode=u.kode, judul=u.judul, ada_bukti=u.has_evidence, uji_lengkap=u.uji_lengkap
            )
            for u in fw.units
        ],
        participants=participants,
        lokakarya=[d.info for d in datas],
        dibuat=_now(),
        framework=fw.to_dict(),
    )


def assess(workshop_dir: str | Path, *, framework: fwmod.Framework | None = None) -> CohortResult:
    """Competency of every participant of one workshop folder.

    ``framework`` defaults to the workshop's ``kompetensi.yml`` snapshot (validated against its
    ``source/``) when present, else the kit's ``grading/kompetensi.yml``. The gradebook is the
    one :class:`alaskaki.folder.Folder` locates (``DIR/gradebook.db`` or a configured server).
    """
    wdir = Path(workshop_dir)
    data = read_workshop(wdir)
    fw = framework if framework is not None else workshop_framework(wdir)
    return result_of(data, fw)


def result_of(data: WorkshopData, fw: fwmod.Framework) -> CohortResult:
    """The result of one already-read workshop (what :func:`assess` returns)."""
    return build_result(fw, [data], data.evidence, data.modules, data.roster)
