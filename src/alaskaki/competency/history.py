"""Several workshops of one cohort → one record per participant (a participant retakes a module or
the post-test in a later workshop).

* Evidence is keyed by (module, grade id) per participant, so a cell counts once. The newest
  *graded* evidence wins (submission time, then workshop order); ungraded newer work does not
  erase an older grade. For the pre-test the *earliest* graded attempt is kept (it is the
  baseline); for the post-test the newest.
* Per module, the newest submitted record counts for completion and lateness.
* The roster: later non-empty attributes win.
* A workshop made before a module split (its own pinned framework has other grade ids) still
  counts, criterion by criterion, where the merged ids have no evidence (:func:`merge_data`).

The competency rules applied afterwards are :mod:`alaskaki.competency.rules`.
"""

from __future__ import annotations

from pathlib import Path

from alaskaki.errors import EXIT_NOT_FOUND, AlaskakiError

from . import framework as fwmod
from .engine import WorkshopData, build_result, read_workshop, result_of, workshop_framework
from .model import CohortResult, CriterionResult, Evidence, ModuleRecord
from .rules import prefer


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
    return build_result(fw, datas, evidence, modules, roster, fallback)


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
                        mine[c.kode] = prefer(c, mine.get(c.kode))
    return found
