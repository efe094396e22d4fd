"""One grading run: :class:`Run` holds the workshop, the module, the gradebook session, the
settings and the results, and drives the four steps for every submission."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import time
import traceback
import warnings
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path

from alaskaki.errors import EXIT_NOT_FOUND, AlaskakiError, from_os_error, os_reason
from alaskaki.folder import _venv_on_path
from alaskaki.text import number
from alaskaki.workshop import putaran
from alaskaki.workshop import sandbox as sb
from alaskaki.workshop.grading import judge, manual, record
from alaskaki.workshop.grading.answers import Workers, choose_sandbox
from alaskaki.workshop.grading.module import Course, Module, load_course, load_module
from alaskaki.workshop.grading.results import GradeRun, ParticipantGrade
from alaskaki.workshop.grading.sanitise import SourceCells, Work, prepare


class Progress:
    def __init__(self, total: int, enabled: bool):
        self.total, self.done, self.enabled = total, 0, enabled
        self.t0 = time.monotonic()

    def step(self, label: str) -> None:
        self.done += 1
        if not self.enabled:
            return
        width = 30
        fill = int(width * self.done / max(self.total, 1))
        sys.stderr.write(
            f"\rMenilai [{'#' * fill}{'.' * (width - fill)}] {self.done}/{self.total} "
            f"{number(time.monotonic() - self.t0, 1):>5} dtk  {label:<20.20}"
        )
        if self.done == self.total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def describe(exc: BaseException, doing: str = "menilai kiriman") -> str:
    """One Indonesian sentence for a failure; the same cause gives the same text (it is grouped)."""
    if isinstance(exc, AlaskakiError):
        return str(exc)
    if os_reason(exc):
        return from_os_error(exc, doing=doing).message
    return (
        f"Gagal {doing}: galat tak terduga ({type(exc).__name__}); "
        "jalankan lagi dengan --debug untuk rinciannya."
    )


def _failed(pid: str, error: str, **kw) -> ParticipantGrade:
    r = ParticipantGrade(pid, status="gagal", error=error, **kw)
    r.trace = traceback.format_exc()
    return r


@dataclass
class Run:
    """Everything one grading run needs; one gradebook session, used from the main thread only."""

    course: Course
    module: Module
    sandboxed: bool
    workers: int
    run_timeout: float
    cell_timeout: float
    progress: bool = True
    gb: object = None
    results: dict[str, ParticipantGrade] = field(default_factory=dict)

    @property
    def modul(self) -> str:
        return self.module.modul

    def todo(self, found: list[str], ulang: bool) -> list[tuple[str, str]]:
        """Submissions to grade, with their keys; the unchanged ones are recorded as such."""
        out = []
        for pid in found:
            key = record.submission_key(self.course, self.module, pid, self.sandboxed)
            marker = record.read_marker(self.course.root, self.modul, pid)
            done_nb = self.course.folder.autograded(pid, self.modul) / f"{self.modul}.ipynb"
            if (
                not ulang
                and marker
                and marker.get("key") == key
                and done_nb.is_file()
                and self.in_gradebook(pid)
            ):
                self.results[pid] = ParticipantGrade(
                    pid,
                    marker.get("score", 0.0),
                    marker.get("max_score", 0.0),
                    "tidak berubah",
                    list(marker.get("flags", [])),
                )
            else:
                out.append((pid, key))
        return out

    def in_gradebook(self, pid: str) -> bool:
        """The gradebook holds this submission as it sits in submitted/ (same timestamp).

        The done-marker lives in the folder, the grades in the gradebook: after `alaskaki pulihkan`
        (or a gradebook copied back by hand) the marker can outlive the grades it stood for.
        """
        from nbgrader.api import MissingEntry

        if self.gb is None:
            return True
        try:
            graded = self.gb.find_submission(self.modul, pid).timestamp
        except MissingEntry:
            return False
        now = self.course.coursedir.get_existing_timestamp(
            str(self.course.folder.submitted(pid, self.modul))
        )
        if graded is None or now is None:
            return graded is None and now is None
        if graded.tzinfo is None:
            graded = graded.replace(tzinfo=UTC)
        if now.tzinfo is None:
            now = now.replace(tzinfo=UTC)
        return abs((now - graded).total_seconds()) <= 1.0

    def grade(self, todo: list[tuple[str, str]]) -> None:
        """Steps 1, 3, 4 here; step 2 for ``workers`` submissions at a time in a thread pool."""
        pending = list(todo)
        bar = Progress(len(todo), self.progress)
        slots = list(range(self.workers))
        running: dict[Future, Work] = {}
        pool_of = Workers(
            self.workers,
            sandboxed=self.sandboxed,
            preload=self.module.preload,
            run_timeout=self.run_timeout,
            answer_bytes=self.course.limits.answer_bytes,
        )
        pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="alaskaki-nilai")
        source = SourceCells(self.gb)  # the module's source cells, read once for this run

        def fill() -> None:
            while pending and slots:
                pid, key = pending.pop(0)
                try:
                    work = prepare(source, self.course, self.module, pid, key)
                except Exception as exc:  # noqa: BLE001 - one broken submission never stops the rest
                    with contextlib.suppress(Exception):
                        self.gb.db.rollback()
                    self.results[pid] = _failed(pid, describe(exc, "membaca kiriman"))
                    bar.step(pid)
                    continue
                work.job["cell_timeout"] = max(1, int(self.cell_timeout))
                work.slot = slots.pop()
                work.started = time.monotonic()
                running[pool.submit(pool_of.run, work.slot, work.job)] = work

        try:
            fill()
            while running:
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                finished = []
                for fut in done:
                    work = running.pop(fut)
                    slots.append(work.slot)
                    finished.append((work, fut))
                fill()  # keep the workers busy while this thread records the finished ones
                for work, fut in finished:
                    self.results[work.peserta] = self.finish(work, fut)
                    bar.step(work.peserta)
                fill()
        except BaseException:  # Ctrl-C or a crash: stop the sandboxes now, keep what is recorded
            for fut in running:
                fut.cancel()
            pool_of.close(keep=False)
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            pool_of.close()

    def finish(self, work: Work, fut: Future) -> ParticipantGrade:
        """Steps 3 and 4 for one submission whose answers came back."""
        pid, gb, worker = work.peserta, self.gb, work.slot + 1
        doing = "menjalankan sandbox"
        try:
            result = fut.result()
            incident = judge.incident(result.events)
            if incident:  # not the participant's doing: record nothing, grade again next run
                return ParticipantGrade(
                    pid,
                    status="gagal",
                    error=f"Penilaian terganggu: {incident}; ini bukan kesalahan peserta. "
                    f"Nilai ulang dengan `alaskaki grade {self.modul} --peserta <ID>`.",
                    incident=incident,
                    worker=worker,
                    seconds=time.monotonic() - work.started,
                )
            doing = "menilai jawaban"
            work.flags += judge.runtime_flags(work, result, self.run_timeout)
            judge.fill_answer_outputs(work, result)
            judge.run_tests(self.module, work, result)
            doing = "membaca buku nilai (gradebook)"
            before = manual.earlier(gb, self.course, self.module, work)  # before it is replaced
            doing = "menulis notebook hasil penilaian (autograded/)"
            record.write_autograded(self.course, self.module, work)
            doing = "menulis buku nilai (gradebook)"
            # the trainer's scores of an earlier version never count for this one (red team R44)
            notes = manual.drop_old(gb, self.course, self.module, work, before)
            # an uji sheet is late or not against its own round's due date (red team R41)
            putaran.set_extensions(gb, self.course.root, self.modul, [pid])
            # the flags before the grades: a failure in between never leaves a score shown
            # without its indications (red team R71); a flag may quote the participant's text
            flags = list(dict.fromkeys(sb.clean_text(f) for f in work.flags))
            doing = f"menulis catatan penilaian ({record.STATE_DIR}/)"
            record.save_flags(self.course.root, self.modul, pid, flags)
            doing = "menulis buku nilai (gradebook)"
            score, max_score = record.save_grades(
                gb, self.course, work.nb, self.modul, work, review=before.review
            )
            doing = f"menulis catatan penilaian ({record.STATE_DIR}/)"
            marker = {"key": work.key, "score": score, "max_score": max_score, "flags": flags}
            # what the judge read, for the similarity check (red team R14), with the file it
            # belongs to (a later file of the same participant is read from its cells instead)
            marker["jawaban"] = judge.readings(result, self.module.tests)
            # and which form judged that file: an uji file is never judged again with another
            # form (red team R20; putaran.other_form_reason reads "formulir" and "jawaban_dari")
            marker["formulir"] = hashlib.sha256(self.module.source_bytes).hexdigest()
            marker["jawaban_dari"] = work.sha  # the bytes graded, not what sits there now (R64)
            record.write_marker(self.course.root, self.modul, pid, marker)
            seconds = time.monotonic() - work.started
            return ParticipantGrade(
                pid, score, max_score, "dinilai", flags, seconds=seconds, worker=worker, notes=notes
            )
        except Exception as exc:  # noqa: BLE001 - reported per participant; the others go on
            with contextlib.suppress(Exception):
                gb.db.rollback()
            flags = list(dict.fromkeys(sb.clean_text(f) for f in work.flags))
            return _failed(pid, describe(exc, doing), flags=flags, worker=worker)


def _not_refused(run: Run, found: list[str], lost: dict[str, str]) -> list[str]:
    """The submissions the uji's rounds allow to grade now (red team R5c); the others are recorded:
    an earlier round's work keeps its result, a late or foreign submission is refused by name.

    An earlier round's result that the gradebook no longer holds (`alaskaki pulihkan` to an older
    backup, red team R43) goes into ``lost`` ({pid: sha of the form it was graded with}): the done-
    marker is not trusted for it, it is graded again with that round's archived form."""
    from alaskaki.workshop import putaran

    out = []
    refused = putaran.refusals(run.course.root, run.modul, found)
    for pid in found:
        if pid not in refused:
            out.append(pid)
            continue
        kept, sentence = refused[pid]
        marker = record.read_marker(run.course.root, run.modul, pid) if kept else None
        if marker and not run.in_gradebook(pid):
            lost[pid] = str(marker.get("formulir") or "")
            continue
        if marker:
            run.results[pid] = ParticipantGrade(
                pid,
                marker.get("score", 0.0),
                marker.get("max_score", 0.0),
                "tidak berubah",
                list(marker.get("flags", [])),
            )
        else:
            run.results[pid] = ParticipantGrade(pid, status="gagal", error=sentence)
    return out


def _regrade_lost(run: Run, lost: dict[str, str]) -> None:
    """Grade ``lost`` submissions again, each with the archived form it was graded with (R43)."""
    from alaskaki.folder import STATE_DIR
    from alaskaki.workshop import putaran

    forms: dict[str, Path] = {}
    archive = run.course.root / STATE_DIR / putaran.ARCHIVE
    for path in sorted(archive.glob(f"{run.modul}-*.ipynb")):
        with contextlib.suppress(OSError):
            forms.setdefault(hashlib.sha256(path.read_bytes()).hexdigest(), path)
    by_form: dict[str, list[str]] = {}
    for pid, form in lost.items():
        by_form.setdefault(form, []).append(pid)
    for form, pids in by_form.items():
        path = forms.get(form)
        if path is None:
            for pid in pids:
                run.results[pid] = ParticipantGrade(
                    pid,
                    status="gagal",
                    error=f"Hasil {pid} untuk {run.modul} (putaran yang sudah ditutup) tidak ada "
                    "lagi di buku nilai (mis. sesudah `alaskaki pulihkan`), dan formulir yang dipakai "
                    f"menilainya tidak ada di {STATE_DIR}/{putaran.ARCHIVE}/. Pulihkan buku nilai "
                    "'sebelum-pulihkan' dari daftar `alaskaki pulihkan` agar nilainya kembali.",
                )
            continue
        sub = Run(
            run.course,
            load_module(run.course, run.modul, form=path),
            run.sandboxed,
            run.workers,
            run.run_timeout,
            run.cell_timeout,
            run.progress,
            gb=run.gb,
        )
        sub.grade(
            [(p, record.submission_key(run.course, sub.module, p, run.sandboxed)) for p in pids]
        )
        nomor = path.stem.removeprefix(f"{run.modul}-")
        for pid in pids:
            r = sub.results[pid]
            if r.status == "dinilai":
                r.notes.append(
                    f"{pid}: hasil {run.modul} putaran {nomor} tidak ada lagi di buku nilai (mis. "
                    "sesudah `alaskaki pulihkan`); kiriman yang sama dinilai lagi dengan formulir "
                    f"putaran itu ({STATE_DIR}/{putaran.ARCHIVE}/{path.name})."
                )
            run.results[pid] = r


def _submitted(course: Course, modul: str, participants) -> list[str]:
    subroot = course.folder.submitted()
    found = (
        sorted(p.parent.name for p in subroot.glob(f"*/{modul}") if p.is_dir())
        if subroot.is_dir()
        else []
    )
    if participants is not None:
        wanted = list(dict.fromkeys(participants))
        missing = [p for p in wanted if p not in found]
        if missing:
            raise AlaskakiError(
                f"Belum ada kiriman modul {modul} dari: {', '.join(missing)}.",
                exit_code=EXIT_NOT_FOUND,
            )
        found = wanted
    if not found:
        raise AlaskakiError(
            f"Belum ada peserta yang mengumpulkan modul {modul} (folder submitted/*/{modul} kosong). "
            "Kumpulkan dulu dengan `alaskaki collect`.",
            exit_code=EXIT_NOT_FOUND,
        )
    return found


def grade_module(
    workshop_dir,
    modul: str,
    *,
    participants=None,
    workers: int | None = None,
    progress: bool = True,
    sandbox="auto",
    ulang: bool = False,
    run_timeout: float = sb.RUN_TIMEOUT,
    cell_timeout: float | None = None,
) -> GradeRun:
    """:func:`_grade_module` under the workshop's writer lock: no `tutup`, `collect` or `ulang`
    changes the round or the sheets while they are graded (R45)."""
    from alaskaki.workshop.lock import writer_lock

    with writer_lock(workshop_dir, f"grade {modul}"):
        return _grade_module(
            workshop_dir,
            modul,
            participants=participants,
            workers=workers,
            progress=progress,
            sandbox=sandbox,
            ulang=ulang,
            run_timeout=run_timeout,
            cell_timeout=cell_timeout,
        )


def _grade_module(
    workshop_dir,
    modul: str,
    *,
    participants=None,
    workers: int | None = None,
    progress: bool = True,
    sandbox="auto",
    ulang: bool = False,
    run_timeout: float = sb.RUN_TIMEOUT,
    cell_timeout: float | None = None,
) -> GradeRun:
    """Grade every submission of ``modul`` (or only ``participants``) into the nbgrader gradebook.

    ``sandbox``: "auto" (bubblewrap when available), True (required) or False (never).
    ``ulang=True`` grades again submissions that were already graded and have not changed.
    ``cell_timeout`` defaults to the workshop's ``Execute.timeout`` (nbgrader's per-cell limit);
    ``run_timeout`` bounds one whole submission.
    """
    from nbgrader.api import Gradebook, MissingEntry

    t0 = time.monotonic()
    from alaskaki.workshop.collect import finish_interrupted_installs

    course = load_course(workshop_dir)
    mod = load_module(course, modul)
    try:
        finish_interrupted_installs(course.folder, modul)  # a cut collect on vfat (R42)
    except OSError as exc:
        raise from_os_error(exc, doing="memulihkan kiriman yang terpotong pemasangannya") from exc
    found = _submitted(course, modul, participants)
    sandboxed, warning = choose_sandbox(sandbox)
    if cell_timeout is None:
        cell_timeout = course.config.get("Execute", {}).get("timeout") or sb.CELL_TIMEOUT
    run = Run(
        course,
        mod,
        sandboxed,
        max(1, int(workers or os.cpu_count() or 1)),
        run_timeout,
        cell_timeout,
        progress,
    )
    _venv_on_path()
    try:
        run.gb = Gradebook(course.db_url, course.course_id)
    except Exception as exc:
        if os_reason(exc):
            raise from_os_error(exc, doing="membuka buku nilai (gradebook)") from exc
        raise
    try:
        try:
            # `init` enters every module in the gradebook; only `release` enters its notebook and
            # graded cells, which grading compares the submission with (files collected before
            # the release used to fail one by one with "galat tak terduga (MissingEntry)")
            run.gb.find_notebook(modul, modul)
        except MissingEntry as exc:
            raise AlaskakiError(
                f"Modul {modul} belum dirilis, jadi buku nilai belum mengenal soal dan sel "
                f"nilainya dan {len(found)} kiriman yang sudah dikumpulkan belum bisa dinilai: "
                f"jalankan `alaskaki release {modul}` dulu, lalu `alaskaki grade {modul}` lagi "
                "(kiriman tetap tersimpan, tidak perlu dikumpulkan ulang).",
                exit_code=EXIT_NOT_FOUND,
            ) from exc
        with warnings.catch_warnings():
            # nbgrader's update_or_create_submission trips SQLAlchemy's autoflush warnings; harmless
            warnings.filterwarnings("ignore", message=".*not in session.*")
            lost: dict[str, str] = {}
            todo = run.todo(_not_refused(run, found, lost), ulang)
            if todo or lost:
                record.check_writable(course)
            run.grade(todo)
            if lost:
                _regrade_lost(run, lost)
        for r in run.results.values():  # unchanged: the gradebook is the truth (manual grades too)
            if r.status == "tidak berubah":
                with contextlib.suppress(MissingEntry):
                    sub = run.gb.find_submission_notebook(modul, modul, r.participant)
                    r.score, r.max_score = float(sub.score), float(sub.max_score)
    finally:
        run.gb.close()
    ordered = [run.results[p] for p in found]
    return GradeRun(modul, ordered, sandboxed, warning, run.workers, time.monotonic() - t0)
