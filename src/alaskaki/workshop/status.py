"""Who has submitted and been graded, per module (``alaskaki status``).

The states are the competency engine's (:data:`alaskaki.competency.model.MODULE_STATES`):
a submission whose rubric cells nobody has scored yet is "menunggu penilaian pelatih", never
"sudah dinilai". :func:`competency_summary` adds, per unit, K / BK / Belum dinilai (from uji
evidence) beside the latihan readiness.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import datetime

from alaskaki.exercises import attempts
from alaskaki.workshop import putaran
from alaskaki.workshop.collect import (
    _submitted_ts,
    _versions,
    finish_interrupted_installs,
    held_files,
    unverified_identity,
)
from alaskaki.workshop.course import Workshop
from alaskaki.workshop.similarity import ModelMatch, Pair, cohort_model_matches, cohort_pairs


@dataclass(frozen=True)
class Entry:
    peserta: str
    nama: str
    modul: str
    dikumpulkan: datetime | None  # naive UTC
    versi: int  # versions in the archive
    terlambat: bool
    dinilai: bool
    perlu_nilai_ulang: bool  # a newer version arrived after grading
    nilai: float | None
    nilai_maks: float | None
    indikasi: tuple[str, ...] = ()
    kerja_sama: tuple[str, ...] = ()  # participants whose own writing is very alike (never a score)
    ditahan: int = 0  # files held back at collect for the trainer's choice (collect --pilih)
    menunggu: int = 0  # rubric cells nobody has scored yet
    # self-check attempts in the submitted notebook: readiness for the trainer, never K/BK evidence
    cek_dicoba: int = 0
    cek_benar_pertama: int = 0  # right at the first try
    cek_benar_setelah_mencoba: int = 0  # right after one or more misses (persistence)

    @property
    def cek(self) -> str:
        """One short Indonesian phrase for a table cell ("" when no self-check was run)."""
        if not self.cek_dicoba:
            return ""
        belum = self.cek_dicoba - self.cek_benar_pertama - self.cek_benar_setelah_mencoba
        return (
            f"{self.cek_dicoba} dicek: {self.cek_benar_pertama} benar langsung, "
            f"{self.cek_benar_setelah_mencoba} benar setelah mencoba lagi, {belum} belum benar"
        )

    identitas_tidak_diverifikasi: bool = False  # uji collected offline with --tanpa-token
    # written (rubric) answer cells that match the kit's public contoh jawaban (never a score)
    contoh_jawaban: tuple[str, ...] = ()

    @property
    def keadaan(self) -> str:
        from alaskaki.competency.model import (
            BELUM_DIKUMPULKAN,
            BELUM_DINILAI_MODUL,
            MENUNGGU_PELATIH,
            PERLU_DINILAI_ULANG,
            SUDAH_DINILAI,
        )

        if self.dikumpulkan is None:
            return BELUM_DIKUMPULKAN
        if self.perlu_nilai_ulang:
            return PERLU_DINILAI_ULANG
        if not self.dinilai:
            return BELUM_DINILAI_MODUL
        return MENUNGGU_PELATIH if self.menunggu else SUDAH_DINILAI


@dataclass
class Status:
    modules: list[str]
    entries: list[Entry] = field(default_factory=list)
    kerja_sama: list[Pair] = field(default_factory=list)  # indikasi kerja sama, for the trainer
    contoh_jawaban: list[ModelMatch] = field(default_factory=list)  # "sama dengan contoh jawaban"

    def by_module(self) -> dict[str, dict[str, int]]:
        out = {}
        for m in self.modules:
            rows = [e for e in self.entries if e.modul == m]
            out[m] = {
                "peserta": len(rows),
                "mengumpulkan": sum(e.dikumpulkan is not None for e in rows),
                # fully graded and current: pending rubric cells and stale grades do not count
                "dinilai": sum(e.keadaan == "sudah dinilai" for e in rows),
                "menunggu_pelatih": sum(e.keadaan == "menunggu penilaian pelatih" for e in rows),
                "perlu_dinilai_ulang": sum(e.perlu_nilai_ulang for e in rows),
                "terlambat": sum(e.terlambat for e in rows),
                "indikasi_kecurangan": sum(bool(e.indikasi) for e in rows),
                "indikasi_kerja_sama": sum(p.modul == m for p in self.kerja_sama),
                "ditahan": sum(e.ditahan for e in rows),
                "cek_dicoba": sum(e.cek_dicoba for e in rows),
                "cek_benar_pertama": sum(e.cek_benar_pertama for e in rows),
                "cek_benar_setelah_mencoba": sum(e.cek_benar_setelah_mencoba for e in rows),
                "identitas_tidak_diverifikasi": sum(e.identitas_tidak_diverifikasi for e in rows),
                "sama_dengan_contoh_jawaban": sum(bool(e.contoh_jawaban) for e in rows),
            }
        return out


def _flags(workshop: Workshop) -> dict[tuple[str, str], list[str]]:
    try:
        # the record module alone: the grader package imports nbformat and the sandbox (seconds)
        from alaskaki.workshop.grading.record import load_flags
    except ImportError:  # grader not installed in this build
        return {}
    return load_flags(workshop.root)


def _check_names(workshop: Workshop, people, book) -> None:
    """Never a row with one person's name beside another's work: a roster name for an id with
    work that is not the name the work was recorded under is refused, naming both (R68)."""
    from alaskaki.roster import check_recorded_names

    worked = {pid for a in book.assignments for pid in a.submissions}
    with contextlib.suppress(OSError):
        worked |= {
            d.name for d in workshop.submitted().iterdir() if d.is_dir() and any(d.iterdir())
        }
    names = {p.id: p.nama for p in people}
    check_recorded_names(workshop.roster_file, workshop.root, names, book.students, worked)


def workshop_status(workshop: Workshop, *, modul: str | None = None) -> Status:
    modules = [workshop.require_module(modul)] if modul else workshop.modules()
    for m in modules:
        # a version a cut install on vfat left aside is put back first: status never says
        # "belum dikumpulkan" of work that is there (R42); a read-only workshop is read as it is
        with contextlib.suppress(OSError):
            finish_interrupted_installs(workshop, m)
    people = workshop.participants()
    flags = _flags(workshop)
    status = Status(
        modules,
        kerja_sama=cohort_pairs(workshop, modules),
        contoh_jawaban=cohort_model_matches(workshop, modules),
    )
    pasted: dict[tuple[str, str], list[str]] = {}
    for match in status.contoh_jawaban:
        pasted.setdefault((match.peserta, match.modul), []).append(match.sel)
    partners: dict[tuple[str, str], list[str]] = {}
    for pair in status.kerja_sama:
        partners.setdefault((pair.a, pair.modul), []).append(pair.b)
        partners.setdefault((pair.b, pair.modul), []).append(pair.a)
    held: dict[tuple[str, str], int] = {}
    for m in modules:
        for pid, *_ in held_files(workshop, m):
            held[(pid, m)] = held.get((pid, m), 0) + 1
    unverified = {m: unverified_identity(workshop, m) for m in modules}
    from alaskaki.competency import gradebook as gbmod

    # the whole gradebook in a few queries, without importing nbgrader (seconds at start-up)
    url = workshop.checked_db_url()
    path = workshop.gradebook_file
    book = gbmod.read(url) if path is None or path.exists() else gbmod.GradebookRows({}, [])
    _check_names(workshop, people, book)
    for m in modules:
        assignment = book.assignment(m)  # None: module not released yet, no gradebook row
        due = assignment.duedate if assignment is not None else None

        def due_of(pid: str, m: str = m, due=due):
            # an uji form's retake rounds each keep their own due date (red team R41)
            recorded, batas = putaran.participant_due(workshop.root, m, pid)
            return batas if recorded else due

        for p in people:
            sub_dir = workshop.submitted(p.id, m)
            ts = _submitted_ts(sub_dir)
            cek = attempts.summarise(attempts.read_submission(sub_dir)) if ts else None
            graded_ts = None
            score = max_score = None
            pending = 0
            sub = assignment.submissions.get(p.id) if assignment is not None else None
            if sub is not None:
                score, max_score = sub.score, assignment.max_score
                graded_ts = sub.timestamp
                graded = workshop.autograded(p.id, m).is_dir()
                pending = sub.pending
            else:
                graded = False
            status.entries.append(
                Entry(
                    peserta=p.id,
                    nama=p.nama,
                    modul=m,
                    dikumpulkan=ts,
                    versi=len(_versions(workshop, p.id, m)),
                    terlambat=bool(ts and (pdue := due_of(p.id)) and ts > pdue),
                    dinilai=graded,
                    perlu_nilai_ulang=bool(graded and ts and graded_ts and ts > graded_ts),
                    nilai=score if graded else None,
                    nilai_maks=max_score if graded else None,
                    indikasi=tuple(flags.get((p.id, m), ())),
                    kerja_sama=tuple(sorted(partners.get((p.id, m), ()))),
                    ditahan=held.get((p.id, m), 0),
                    menunggu=pending if graded else 0,
                    cek_dicoba=cek["dicoba"] if cek else 0,
                    cek_benar_pertama=cek["benar_pertama"] if cek else 0,
                    cek_benar_setelah_mencoba=cek["benar_setelah_mencoba"] if cek else 0,
                    identitas_tidak_diverifikasi=p.id in unverified[m],
                    contoh_jawaban=tuple(pasted.get((p.id, m), ())),
                )
            )
    return status


def competency_summary(workshop: Workshop) -> list[dict]:
    """Per unit: Kompeten / Belum Kompeten / Belum dinilai from uji evidence, and latihan readiness.

    Empty when the workshop has no gradebook yet or its framework cannot be read (status must
    still show who submitted what).
    """
    from alaskaki.competency import assess
    from alaskaki.errors import AlaskakiError

    try:
        result = assess(workshop.root)
    except AlaskakiError:
        return []
    rows = []
    for u in result.units:
        units = [p.units[u.kode] for p in result.participants if u.kode in p.units]

        def mean(values):
            vals = [v for v in values if v is not None]
            return sum(vals) / len(vals) if vals else None

        rows.append(
            {
                "unit": u.kode,
                "kompeten": sum(x.status == "Kompeten" for x in units),
                "belum_kompeten": sum(x.status == "Belum Kompeten" for x in units),
                "belum_dinilai": sum(x.status == "Belum dinilai" for x in units),
                "latihan_selesai": mean(x.latihan_selesai for x in units),
                "skor_latihan": mean(x.latihan_skor for x in units),
            }
        )
    return rows
