"""Running a workshop on top of nbgrader: the keyword-only API the CLI is a thin layer over."""

from __future__ import annotations

from pathlib import Path

# Import the submodule before `def feedback` below: a first import of a submodule later on would
# rebind the package attribute `feedback` from the function to the module.
from alaskaki.workshop import feedback as _feedback_module  # noqa: F401
from alaskaki.workshop.collect import CollectResult, collect_module
from alaskaki.workshop.course import Workshop, init_workshop, kit_modules
from alaskaki.workshop.lock import locked
from alaskaki.workshop.release import Release, release_module
from alaskaki.workshop.roster import RosterImport, import_roster
from alaskaki.workshop.status import Status, workshop_status

__all__ = [
    "CollectResult",
    "Release",
    "RosterImport",
    "Status",
    "Workshop",
    "collect_module",
    "grade",
    "feedback",
    "import_roster",
    "init_workshop",
    "kit_modules",
    "release_module",
    "workshop_status",
]


def grade(
    workshop: Workshop,
    modul: str,
    *,
    participants=None,
    workers=None,
    progress=True,
    sandbox="auto",
    ulang=False,
):
    """Grade ``modul`` for every submission (hardened, parallel): see :mod:`alaskaki.workshop.grader`."""
    from alaskaki.workshop.grader import grade_module

    workshop.require_module(modul)
    return grade_module(
        workshop.root,
        modul,
        participants=participants,
        workers=workers,
        progress=progress,
        sandbox=sandbox,
        ulang=ulang,
    )


@locked("feedback {modul}")  # its pages and the hub's copies, one writer at a time (R45)
def feedback(workshop: Workshop, modul: str, *, participants=None) -> list[Path]:
    """Write Indonesian feedback per participant (never hidden tests or expected values)."""
    from alaskaki.workshop.feedback import write_feedback

    workshop.require_module(modul)
    written = write_feedback(workshop.root, modul, participants=participants)
    # On a hub, release it to the exchange: each participant fetches only their own.
    from alaskaki.workshop.hub import release_feedback

    release_feedback(workshop, modul, participants=participants)
    return written
