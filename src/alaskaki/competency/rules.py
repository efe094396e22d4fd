"""The competency rules, pure: evidence → criterion → unit, pre/post gain, late penalty, module state.

No files, no gradebook: :mod:`alaskaki.competency.engine` reads a workshop into
:class:`~alaskaki.competency.model.Evidence` and applies these; :mod:`alaskaki.competency.history`
merges several workshops first. The same rules head ``grading/kompetensi.yml``.

* **Evidence** is one graded cell of one participant. Its score is nbgrader's ``Grade.score``
  (the trainer's manual score overrides the autograder's, extra credit included). A cell is
  *graded* when the trainer scored it, or the autograder scored it and no manual grade is
  pending. A late-submission penalty that nbgrader recorded on a submitted notebook
  (``SubmittedNotebook.late_submission_penalty``, in points) reduces every cell of that notebook
  by the same proportion (:func:`late_penalty_factor`). A module resubmitted after grading and not
  regraded (:func:`is_stale`) counts as not graded (``basi``): the grade belongs to a version the
  participant replaced.
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
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from . import framework as fwmod
from .model import (
    BELUM_ADA_BUKTI,
    BELUM_DINILAI,
    BELUM_KOMPETEN,
    KOMPETEN,
    KRITERIA_BELUM_ADA_UJI,
    KRITERIA_BELUM_DINILAI,
    MENUNGGU_PELATIH,
    PERLU_DINILAI_ULANG,
    SUDAH_DINILAI,
    TERPENUHI,
    TIDAK_TERPENUHI,
    CriterionResult,
    Evidence,
    UnitResult,
)

#: {(module, grade id): Evidence} of one participant
EvidenceMap = dict[tuple[str, str], Evidence]


def late_penalty_factor(nb_score: float, penalty: float) -> float:
    """What every cell of a late notebook keeps: ``(nb_score − penalty) / nb_score``, never below 0."""
    return max(0.0, nb_score - penalty) / nb_score if (penalty and nb_score > 0) else 1.0


def is_stale(received: dt.datetime | None, graded: dt.datetime | None) -> bool:
    """A submission received after the one graded (a second of slack for timestamp rounding)."""
    if received is None or graded is None:
        return False
    if graded.tzinfo is None:
        graded = graded.replace(tzinfo=dt.UTC)
    return (received - graded).total_seconds() > 1.0


def module_state(*, stale: bool, pending: int) -> str:
    """The state of a module that has a gradebook submission (``pending``: cells not yet graded)."""
    if stale:
        return PERLU_DINILAI_ULANG
    return MENUNGGU_PELATIH if pending else SUDAH_DINILAI


def _find(ev: EvidenceMap, modules: tuple[str, ...], gid: str) -> Evidence | None:
    return next((ev[(m, gid)] for m in modules if (m, gid) in ev), None)


def criterion_result(
    c: fwmod.Criterion, uji_modules: tuple[str, ...], modules: tuple[str, ...], ev: EvidenceMap
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


def prefer(c: CriterionResult, other: CriterionResult | None) -> CriterionResult:
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


def form_share(module: str | None, ids: list[str], ev: EvidenceMap) -> float | None:
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
    unit: fwmod.Unit, fw: fwmod.Framework, ev: EvidenceMap, fallback: dict | None = None
) -> UnitResult:
    """Apply the unit rule to one participant's evidence ``{(module, grade_id): Evidence}``.

    ``fallback`` ({criterion code: CriterionResult}) is what workshops with another framework
    (made before a module split, with old grade ids) found for the same criteria: used where
    ``ev`` has no evidence of its own (:func:`alaskaki.competency.history.merge_data`).
    """
    butir = [gid for gid, u in fw.butir.items() if u == unit.kode]
    pre = form_share(fw.asesmen_awal, butir, ev)
    post = form_share(fw.asesmen_akhir, butir, ev)
    uji_modules = fw.uji_modules(unit)
    crits = [criterion_result(c, uji_modules, unit.modul, ev) for c in unit.kriteria]
    if fallback:
        crits = [prefer(c, fallback.get(c.kode)) for c in crits]
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
        gain=normalised_gain(pre, post),
    )
