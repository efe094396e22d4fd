"""What a grading run returns: one :class:`ParticipantGrade` per participant in a :class:`GradeRun`."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import ClassVar


@dataclass
class ParticipantGrade:
    """The outcome for one participant."""

    participant: str
    score: float | None = None  # None when grading failed
    max_score: float | None = None
    status: str = "dinilai"  # dinilai | tidak berubah | gagal
    flags: list[str] = field(default_factory=list)
    error: str | None = None  # one Indonesian sentence (status "gagal"); same cause, same text
    seconds: float = 0.0
    incident: str | None = None  # a sandbox failure that is not the participant's doing
    worker: int | None = None  # 1-based worker slot that ran it
    # Indonesian sentences for the trainer that are no flag (e.g. manual scores of an earlier
    # version taken off, red team R44)
    notes: list[str] = field(default_factory=list)
    # technical detail for --debug; not a field, so it never reaches to_dict()/--json output
    trace: ClassVar[str | None] = None


@dataclass
class GradeRun:
    """The outcome of :func:`alaskaki.workshop.grader.grade_module`."""

    modul: str
    results: list[ParticipantGrade]
    sandboxed: bool
    warning: str | None = None
    workers: int = 1
    seconds: float = 0.0

    @property
    def failed(self) -> list[ParticipantGrade]:
        return [r for r in self.results if r.status == "gagal"]

    def causes(self) -> list[str]:
        """One Indonesian sentence per distinct cause of failure, with the participants concerned."""
        by: dict[str, list[str]] = {}
        for r in self.failed:
            by.setdefault(r.error or "sebab tidak diketahui", []).append(r.participant)
        return [
            f"{cause} ({len(p)} peserta: {', '.join(p[:8])}{' …' if len(p) > 8 else ''})"
            for cause, p in by.items()
        ]

    @property
    def incidents(self) -> list[str]:
        return [
            f"pekerja {r.worker}: {r.participant}: {r.incident}" for r in self.results if r.incident
        ]

    def by_participant(self) -> dict[str, ParticipantGrade]:
        return {r.participant: r for r in self.results}

    def to_dict(self) -> dict:
        return asdict(self)
