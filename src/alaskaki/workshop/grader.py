"""Hardened, parallel grading of one module of a workshop, on nbgrader's own gradebook.

The public entry points; the engine lives in :mod:`alaskaki.workshop.grading`, one module per step
of a submission (sanitise, produce answers, judge, record) plus the run that drives them.
docs/grading.md has the why.
"""

from __future__ import annotations

from alaskaki.folder import _venv_on_path
from alaskaki.workshop.grading.answers import UID_BASE, UNSANDBOXED_WARNING
from alaskaki.workshop.grading.module import load_course as _course
from alaskaki.workshop.grading.record import ENGINE_VERSION, FLAGS_FILE, STATE_DIR, load_flags
from alaskaki.workshop.grading.results import GradeRun, ParticipantGrade
from alaskaki.workshop.grading.run import Progress as _Progress
from alaskaki.workshop.grading.run import Run, grade_module
from alaskaki.workshop.grading.sanitise import static_flags as _static_flags

__all__ = [
    "ENGINE_VERSION",
    "FLAGS_FILE",
    "STATE_DIR",
    "UID_BASE",
    "UNSANDBOXED_WARNING",
    "GradeRun",
    "ParticipantGrade",
    "Run",
    "grade_module",
    "load_flags",
    "_course",
    "_Progress",
    "_static_flags",
    "_venv_on_path",
]
