"""From nbgrader gradebooks to competency: evidence → criterion → unit status, gains, history.

Rules (also in the header of ``grading/kompetensi.yml``):

* **Evidence** is one graded cell of one participant. Its score is nbgrader's ``Grade.score``
  (the trainer's manual score overrides the autograder's, extra credit included). A cell is
  *graded* when the trainer scored it, or the autograder scored it and no manual grade is
  pending. A late-submission penalty that nbgrader recorded on a submitted notebook
  (``SubmittedNotebook.late_submission_penalty``, in points) reduces every cell of that notebook
  by the same proportion: ``skor = score × (nb_score − penalty) / nb_score``. A module
  resubmitted after grading and not regraded (``submitted/<id>/<modul>/timestamp.txt`` newer than
  the gradebook's submission) is *stale*: its cells count as not graded (``basi``), because the
  grade belongs to a version the participant replaced.
* Two kinds of evidence per criterion: **uji** (summative: sealed post-test items and
  trainer-scored rubric cells) and **latihan** (formative: the modules' autograded cells).
  Only uji decides; latihan is reported beside it as readiness (share of latihan cells graded,
  share of points on them).
* **Criterion** (uji only): *terpenuhi* when all its uji evidence is graded and Σskor/Σmaks ≥
  ambang; *belum terpenuhi* when all is graded and the share is below; *belum dinilai* when some
  is missing (not submitted, not released, manual grade pending, stale); *belum ada bukti uji*
  when the framework lists none. Missing evidence is never failure.
* **Unit**: *Belum Kompeten* as soon as one criterion is *belum terpenuhi* (named); *Kompeten*
  when every criterion of the unit is *terpenuhi* (so a criterion without uji evidence in the
  framework keeps the unit from being Kompeten); otherwise *Belum dinilai*. A unit none of whose
  criteria has uji evidence has ``keterangan = "Belum ada bukti uji"``.
* **Pre/post**: for each unit, the share of points of the ``asesmen.butir`` items mapped to it
  in the pre-test and in the post-test (only when every such item is graded). The normalised gain
  is ⟨g⟩ = (post − pre)/(1 − pre) on shares, i.e. (post − pre)/(max − pre) on points; it is None
  when pre or post is missing or pre is already the maximum.
* **Module state** per participant: belum dikumpulkan · dikumpulkan, belum dinilai (files in
  ``submitted/``, no gradebook row yet) · menunggu penilaian pelatih (rubric cells unscored) ·
  perlu dinilai ulang (stale) · sudah dinilai.
* **History** (:func:`merge_history`): evidence is keyed by (module, grade id) per participant,
  so a cell counts once. The newest *graded* evidence wins (submission time, then workshop
  order); ungraded newer work does not erase an older grade. For the pre-test the *earliest*
  graded attempt is kept (it is the baseline); for the post-test the newest. Per module, the
  newest submitted record counts for completion and lateness.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from alaskaki.errors import EXIT_NOT_FOUND, AlaskakiError
from alaskaki.folder import ROSTER_COLUMNS, Folder

from . import framework as fwmod
from .model import (
    BELUM_ADA_BUKTI,
    BELUM_DIKUMPULKAN,
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
    CriterionResult,
    Evidence,
    ModuleRecord,
    ParticipantResult,
    UnitInfo,
    UnitResult,
    WorkshopInfo,
)

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


def _received(submitted_dir: Path) -> dict[tuple[str, str], dt.datetime]:
    """``{(participant, module): time}`` of what sits in nbgrader's ``submitted/`` folder.

    The time is nbgrader's ``timestamp.txt`` (written at collect); a folder without one counts
    with its modification time, since it was collected all the same.
    """
    from dateutil.parser import parse

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
                when = parse(ts.read_text(encoding="utf-8").strip())
            except (OSError, ValueError, OverflowError):
                when = None
        if when is None:
            when = dt.datetime.fromtimestamp(folder.stat().st_mtime, dt.UTC)
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        found[(folder.parent.name, folder.name)] = when.astimezone(dt.UTC)
    return found


def _is_newer(received: dt.datetime | None, graded_ts: dt.datetime | None) -> bool:
    """A submission newer than the one graded (a second of slack for timestamp rounding)."""
    if received is None or graded_ts is None:
        return False
    if graded_ts.tzinfo is None:
        graded_ts = graded_ts.replace(tzinfo=dt.UTC)
    return (received - graded_ts).total_seconds() > 1.0


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
            stale = _is_newer(newer, sub.timestamp)
            ev = data.evidence.setdefault(pid, {})
            total_score = 0.0
            total_penalty = 0.0
            pending = 0
            for snb in sub.notebooks:
                nb_score = float(snb.score or 0)
                penalty = float(snb.late_submission_penalty or 0)
                total_penalty += penalty
                factor = (
                    max(0.0, nb_score - penalty) / nb_score if (penalty and nb_score > 0) else 1.0
                )
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
            if stale:
                keadaan = PERLU_DINILAI_ULANG
            elif pending:
                keadaan = MENUNGGU_PELATIH
            else:
                keadaan = SUDAH_DINILAI
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
                    keadaan=keadaan,
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
            r = attempts.ringkas(attempts.read_submission(folder.submitted(pid, m.modul)))
            m.cek_dicoba = r["dicoba"]
            m.cek_benar_pertama = r["benar_pertama"]
            m.cek_benar_setelah_mencoba = r["benar_setelah_mencoba"]


def _find(ev: dict, modules: tuple[str, ...], gid: str) -> Evidence | None:
    return next((ev[(m, gid)] for m in modules if (m, gid) in ev), None)


def _criterion(
    c: fwmod.Criterion, uji_modules: tuple[str, ...], modules: tuple[str, ...], ev: dict
) -> CriterionResult:
    """The criterion rule: status from uji evidence only; latihan evidence rides along."""
    latihan = [e for gid in c.latihan if (e := _find(ev, modules, gid)) is not None]
    items: list[Evidence] = []
    missing = False
    for gid in c.uji:
        found = _find(ev, uji_modules, gid)
        if found is None:
            missing = True
            continue
        items.append(found)
        if not found.dinilai:
            missing = True
    skor = sum(e.skor or 0.0 for e in items if e.dinilai)
    maks = sum(e.maks for e in items)
    if not c.uji:
        status = KRITERIA_BELUM_ADA_UJI
    elif missing:
        status = KRITERIA_BELUM_DINILAI
    elif maks > 0 and skor / maks + 1e-9 >= c.ambang:
        status = TERPENUHI
    elif maks <= 0:
        status = TERPENUHI  # zero-point evidence cannot be failed
    else:
        status = TIDAK_TERPENUHI
    return CriterionResult(
        kode=c.kode,
        judul=c.judul,
        elemen=c.elemen,
        status=status,
        skor=skor,
        maks=maks,
        ambang=c.ambang,
        uji=items,
        latihan=latihan,
        latihan_jumlah=len(c.latihan),
    )


def _prefer(c: CriterionResult, other: CriterionResult | None) -> CriterionResult:
    """``c``, with its latihan and uji evidence taken from ``other`` where ``c`` has none."""
    if other is None:
        return c
    out = c
    decided = (TERPENUHI, TIDAK_TERPENUHI)
    if c.status not in decided and other.status in decided:
        out = dataclasses.replace(
            out, status=other.status, skor=other.skor, maks=other.maks, uji=other.uji
        )
    if not c.latihan and other.latihan:
        out = dataclasses.replace(out, latihan=other.latihan, latihan_jumlah=other.latihan_jumlah)
    return out


def _test_share(module: str | None, ids: list[str], ev: dict) -> float | None:
    """Share of points on the unit's items in one test form; None unless all its items are graded.

    Only the items that this form contains count (the pre- and post-test may use the same or
    different grade ids); nbgrader creates a grade for every cell of a submitted form.
    """
    if module is None or not ids:
        return None
    items = [ev[(module, gid)] for gid in ids if (module, gid) in ev]
    if not items or any(not e.dinilai for e in items):
        return None
    maks = sum(e.maks for e in items)
    return (sum(e.skor or 0.0 for e in items) / maks) if maks > 0 else None


def normalised_gain(pre: float | None, post: float | None, maximum: float = 1.0) -> float | None:
    """⟨g⟩ = (post − pre)/(max − pre); None when a score is missing or pre already equals max."""
    if pre is None or post is None or maximum - pre <= 1e-12:
        return None
    return (post - pre) / (maximum - pre)


def unit_result(
    unit: fwmod.Unit, fw: fwmod.Framework, ev: dict, fallback: dict | None = None
) -> UnitResult:
    """Apply the unit rule to one participant's evidence ``{(module, grade_id): Evidence}``.

    ``fallback`` ({criterion code: CriterionResult}) is what workshops with another framework
    (made before a module split, with old grade ids) found for the same criteria: used where
    ``ev`` has no evidence of its own (:func:`merge_data`).
    """
    butir = [gid for gid, u in fw.butir.items() if u == unit.kode]
    pre = _test_share(fw.asesmen_awal, butir, ev)
    post = _test_share(fw.asesmen_akhir, butir, ev)
    gain = normalised_gain(pre, post)
    uji_modules = fw.uji_modules(unit)
    crits = [_criterion(c, uji_modules, unit.modul, ev) for c in unit.kriteria]
    if fallback:
        crits = [_prefer(c, fallback.get(c.kode)) for c in crits]
    if any(c.status == TIDAK_TERPENUHI for c in crits):
        status = BELUM_KOMPETEN
    elif crits and all(c.status == TERPENUHI for c in crits):
        status = KOMPETEN
    else:
        status = BELUM_DINILAI
    return UnitResult(
        unit=unit.kode,
        status=status,
        kriteria=crits,
        keterangan="" if unit.has_evidence else BELUM_ADA_BUKTI,
        awal=pre,
        akhir=post,
        gain=gain,
    )


def workshop_framework(workshop_dir: Path) -> fwmod.Framework:
    """The workshop's own snapshot (``DIR/kompetensi.yml`` checked against ``DIR/source``) when it
    has one, else the kit's file checked against the kit's sources. Modules a workshop did not
    release simply leave their units "Belum dinilai"."""
    folder = Folder(workshop_dir)
    if folder.framework_file.exists():
        return fwmod.load_framework(folder.framework_file, source_dir=folder.source())
    return fwmod.load_framework()


def _build(
    fw: fwmod.Framework,
    datas: list[WorkshopData],
    evidence,
    modules,
    roster,
    fallback: dict[str, dict[str, CriterionResult]] | None = None,
) -> CohortResult:
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


def _sort_key(d: WorkshopData) -> str:
    return d.info.dibuat or ""


def merge_history(
    workshop_dirs: list[str | Path], *, framework: fwmod.Framework | None = None
) -> CohortResult:
    """One record per participant id across several workshops (rules in the module docstring).

    Workshops are ordered by their ``created`` date (then by the given order); ``framework``
    defaults to the kit's ``grading/kompetensi.yml``.
    """
    if not workshop_dirs:
        raise AlaskakiError("Tidak ada folder lokakarya untuk digabung.", exit_code=EXIT_NOT_FOUND)
    datas = [read_workshop(Path(d)) for d in workshop_dirs]
    fw = framework if framework is not None else fwmod.load_framework()
    own = [workshop_framework(Path(d)) for d in workshop_dirs]
    return merge_data(datas, fw, own=own)


def result_of(data: WorkshopData, fw: fwmod.Framework) -> CohortResult:
    """The result of one already-read workshop (what :func:`assess` returns)."""
    return _build(fw, [data], data.evidence, data.modules, data.roster)


def merge_data(
    datas: list[WorkshopData],
    fw: fwmod.Framework,
    *,
    own: list[fwmod.Framework] | None = None,
) -> CohortResult:
    """:func:`merge_history` on workshops already read with :func:`read_workshop`.

    ``own`` (one per workshop, in the order of ``datas``): the framework each workshop pinned.
    Evidence is merged by grade id under ``fw``; a workshop whose framework
    has other ids (made before m4/m5/m7 were split) also counts through its own framework,
    criterion by criterion, where the merged ids have no evidence (trainer team T14).
    """
    fallback = _fallback(datas, fw, own) if own is not None else None
    datas = [d for _, d in sorted(enumerate(datas), key=lambda x: (_sort_key(x[1]), x[0]))]
    evidence: dict[str, dict[tuple[str, str], Evidence]] = {}
    order: dict[str, int] = {d.info.nama: i for i, d in enumerate(datas)}

    def rank(e: Evidence) -> tuple:
        return (e.dinilai, e.waktu or "", order.get(e.lokakarya, 0))

    for d in datas:
        for pid, items in d.evidence.items():
            merged = evidence.setdefault(pid, {})
            for key, e in items.items():
                old = merged.get(key)
                if old is None:
                    merged[key] = e
                    continue
                if key[0] == fw.asesmen_awal:
                    # baseline: earliest graded attempt
                    if (e.dinilai and not old.dinilai) or (
                        e.dinilai == old.dinilai and (e.waktu or "") < (old.waktu or "")
                    ):
                        merged[key] = e
                elif rank(e) >= rank(old):
                    merged[key] = e
    modules: dict[str, list[ModuleRecord]] = {}
    for pid in {p for d in datas for p in d.modules}:
        best: dict[str, ModuleRecord] = {}
        for d in datas:
            for m in d.modules.get(pid, []):
                old = best.get(m.modul)
                if old is None or (m.dikumpulkan, m.waktu or "") >= (
                    old.dikumpulkan,
                    old.waktu or "",
                ):
                    best[m.modul] = m
        modules[pid] = list(best.values())
    roster: dict[str, dict[str, str]] = {}
    for d in datas:
        for pid, attrs in d.roster.items():
            cur = roster.setdefault(pid, {})
            cur.update({k: v for k, v in attrs.items() if v})
    return _build(fw, datas, evidence, modules, roster, fallback)


def _grade_ids(fw: fwmod.Framework) -> set[str]:
    return {g for u in fw.units for c in u.kriteria for g in (*c.uji, *c.latihan)}


def _fallback(
    datas: list[WorkshopData], fw: fwmod.Framework, own: list
) -> dict[str, dict[str, CriterionResult]]:
    """{participant: {criterion code: CriterionResult}} from the workshops whose own framework uses
    grade ids ``fw`` does not know; later workshops (by creation) win where both have evidence."""
    ids = _grade_ids(fw)
    found: dict[str, dict[str, CriterionResult]] = {}
    pairs = sorted(zip(datas, own, strict=True), key=lambda x: _sort_key(x[0]))
    for d, theirs in pairs:
        if _grade_ids(theirs) <= ids:
            continue  # same ids: the evidence merges item by item
        for p in result_of(d, theirs).participants:
            mine = found.setdefault(p.id, {})
            for unit in p.units.values():
                for c in unit.kriteria:
                    if c.uji or c.latihan or c.kode not in mine:
                        mine[c.kode] = _prefer(c, mine.get(c.kode))
    return found
