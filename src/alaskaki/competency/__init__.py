"""Competency tracking: ``grading/kompetensi.yml`` + nbgrader gradebooks → K / BK / Belum dinilai.

Public, keyword-only API (the CLI and the reports call only these):

* :func:`load_framework` ``(path=None, *, source_dir=None) -> Framework``
* :func:`assess` ``(workshop_dir, *, framework=None) -> CohortResult``
* :func:`merge_history` ``(workshop_dirs, *, framework=None) -> CohortResult``

The rules are written out in :mod:`alaskaki.competency.rules` (pure, no files); reading a workshop
is :mod:`alaskaki.competency.engine`, merging several :mod:`alaskaki.competency.history`; the result
objects are in :mod:`alaskaki.competency.model`.
"""

from .engine import assess, read_workshop
from .framework import Criterion, Element, Framework, Unit, graded_cells, load_framework
from .history import merge_history
from .model import (
    BELUM_ADA_BUKTI,
    BELUM_DINILAI,
    BELUM_KOMPETEN,
    KOMPETEN,
    STATUSES,
    CohortResult,
    CriterionResult,
    Evidence,
    ModuleRecord,
    ParticipantResult,
    UnitInfo,
    UnitResult,
    WorkshopInfo,
)
from .rules import normalised_gain

__all__ = [
    "BELUM_ADA_BUKTI",
    "BELUM_DINILAI",
    "BELUM_KOMPETEN",
    "KOMPETEN",
    "STATUSES",
    "CohortResult",
    "Criterion",
    "CriterionResult",
    "Element",
    "Evidence",
    "Framework",
    "ModuleRecord",
    "ParticipantResult",
    "Unit",
    "UnitInfo",
    "UnitResult",
    "WorkshopInfo",
    "assess",
    "graded_cells",
    "load_framework",
    "merge_history",
    "normalised_gain",
    "read_workshop",
]
