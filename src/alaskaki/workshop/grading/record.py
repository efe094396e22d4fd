"""Step 4, record: the autograded notebook, nbgrader's gradebook (one commit per submission), the
marker that says a submission is done, and the flags."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from alaskaki.errors import from_os_error
from alaskaki.folder import STATE_DIR

if TYPE_CHECKING:  # the grader's modules import nbformat and the sandbox: readers of the
    # markers and flags below (`alaskaki status`, similarity) need neither (issue 17 goal 4)
    from alaskaki.workshop.grading.module import Course, Module
    from alaskaki.workshop.grading.sanitise import Work

ENGINE_VERSION = "1"
# STATE_DIR ("penilaian"): markers and flags, named by the folder locator
FLAGS_FILE = "flags.json"


def save_grades(
    gb, course: Course, nb, modul: str, work: Work, review: set[str] | frozenset[str] = frozenset()
) -> tuple[float, float]:
    """Student, submission (with its timestamp), grades, comments and late penalty of one
    submission into nbgrader's gradebook, in one commit; returns (score, max_score). ``review``:
    grade ids that wait for the trainer whatever the autograder scored (manual.drop_old)."""
    from nbgrader.preprocessors import SaveAutoGrades
    from nbgrader.preprocessors.base import NbGraderPreprocessor

    from alaskaki.workshop.grading.sanitise import resources

    peserta = work.peserta
    gb.update_or_create_student(peserta)
    if work.timestamp:
        gb.update_or_create_submission(modul, peserta, timestamp=work.timestamp)
    else:
        gb.update_or_create_submission(modul, peserta)
    res = resources(course, modul, peserta)
    pp = SaveAutoGrades(config=course.config)
    pp.notebook_id = pp.assignment_id = modul
    pp.student_id = peserta
    pp.db_url = course.db_url
    pp.gradebook = _OneCommit(gb, modul, peserta)
    NbGraderPreprocessor.preprocess(pp, nb, res)
    if review:
        for g in gb.find_submission_notebook(modul, modul, peserta).grades:
            if g.name in review:
                g.needs_manual_grade = True
    gb.db.commit()  # all grades and comments of this submission at once (one fsync, all or nothing)
    assign_late_penalty(gb, course, modul, peserta)
    sub = gb.find_submission_notebook(modul, modul, peserta)
    return float(sub.score), float(sub.max_score)


def assign_late_penalty(gb, course: Course, modul: str, peserta: str) -> None:
    """nbgrader's ``AssignLatePenalties`` on the run's own gradebook session.

    nbgrader's preprocessor opens a new ``Gradebook`` per submission (engine, table check,
    ``create_all``: ≈ 20 ms of CPU each, issue 17 goal 6); this is its ``preprocess`` body, with
    its plugin (the workshop's ``LateSubmissionPlugin`` settings), its checks and log lines.
    """
    from nbgrader.preprocessors import AssignLatePenalties

    pp = AssignLatePenalties(config=course.config)
    pp.notebook_id = pp.assignment_id = modul
    pp.student_id = peserta
    pp.db_url = course.db_url
    pp.init_plugin()
    assignment = gb.find_submission(modul, peserta)
    notebook = gb.find_submission_notebook(modul, modul, peserta)
    notebook.late_submission_penalty = None  # reset to None (zero), as nbgrader does
    if assignment.total_seconds_late > 0:
        pp.log.warning(f"{assignment} is {assignment.total_seconds_late} seconds late")
        late_penalty = pp.plugin_inst.late_submission_penalty(
            peserta, notebook.score, assignment.total_seconds_late
        )
        pp.log.warning(f"Late submission penalty: {late_penalty}")
        if late_penalty is not None:
            notebook.late_submission_penalty = pp._check_late_penalty(notebook, late_penalty)
    gb.db.commit()


class _FlushOnly:
    """A session whose ``commit`` only flushes (SaveAutoGrades commits after every cell)."""

    def __init__(self, session):
        self._session = session

    def commit(self) -> None:
        self._session.flush()

    def __getattr__(self, name):
        return getattr(self._session, name)


class _OneCommit:
    """The gradebook as SaveAutoGrades sees it: everything as usual, except one commit at the end,
    and the submission's grades and comments read in two queries instead of one query per cell
    (nbgrader's ``find_grade``/``find_comment`` join seven tables per call; issue 17 goal 6)."""

    def __init__(self, gb, modul: str, peserta: str):
        self._gb = gb
        self.db = _FlushOnly(gb.db)
        self._key = (modul, modul, peserta)
        self._grades, self._comments = _submission_rows(gb, modul, peserta)

    def find_grade(self, grade_cell: str, notebook: str, assignment: str, student: str):
        found = (
            self._grades.get(grade_cell) if (notebook, assignment, student) == self._key else None
        )
        return (
            found
            if found is not None
            else self._gb.find_grade(grade_cell, notebook, assignment, student)
        )

    def find_comment(self, solution_cell: str, notebook: str, assignment: str, student: str):
        found = (
            self._comments.get(solution_cell)
            if (notebook, assignment, student) == self._key
            else None
        )
        if found is not None:
            return found
        return self._gb.find_comment(solution_cell, notebook, assignment, student)

    def __getattr__(self, name):
        return getattr(self._gb, name)


def _submission_rows(gb, modul: str, peserta: str) -> tuple[dict, dict]:
    """Cell name → Grade and cell name → Comment of one submitted notebook, the rows nbgrader's
    ``find_grade`` and ``find_comment`` return: a grade cell's row before a task cell's of the same
    name, a solution cell's before a task cell's (their order of look-up). Objects of the session."""
    from nbgrader.api import BaseCell, Comment, Grade, MissingEntry

    try:
        sub = gb.find_submission_notebook(modul, modul, peserta)
    except MissingEntry:
        return {}, {}
    rank = {"GradeCell": 0, "SolutionCell": 0, "TaskCell": 1}
    out: list[dict] = []
    for table in (Grade, Comment):
        rows = (
            gb.db.query(table, BaseCell.name, BaseCell.type)
            .join(BaseCell, BaseCell.id == table.cell_id)
            .filter(table.notebook_id == sub.id)
            .all()
        )
        wanted = ("GradeCell", "TaskCell") if table is Grade else ("SolutionCell", "TaskCell")
        found: dict = {}
        for row, name, _kind in sorted(
            (r for r in rows if r[2] in wanted), key=lambda r: rank[r[2]], reverse=True
        ):
            found[name] = row  # the preferred kind last, so it wins
        out.append(found)
    return out[0], out[1]


def write_autograded(course: Course, mod: Module, work: Work) -> Path:
    dest = course.folder.autograded(work.peserta, mod.modul)
    dest.mkdir(parents=True, exist_ok=True)
    for f in sorted((mod.source_path.parent).rglob("*")):  # like nbgrader: the source's other files
        if f.is_file() and f.suffix != ".ipynb" and ".ipynb_checkpoints" not in f.parts:
            target = dest / f.relative_to(mod.source_path.parent)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(f.read_bytes())
    for small in ("timestamp.txt", "submission_secret.txt"):  # nbgrader's exchange needs both later
        f = work.submitted_dir / small
        if f.is_file() and not f.is_symlink():
            (dest / small).write_bytes(f.read_bytes()[:1000])
    path = dest / f"{mod.modul}.ipynb"
    import nbformat

    atomic_write(path, nbformat.writes(work.nb))
    return path


def atomic_write(path: Path, text: str) -> None:
    """``text`` as UTF-8 into ``path`` (a temporary file renamed over it: all or nothing). A lone
    surrogate a participant's text carried is written as U+FFFD, never an error (red team R71/R72);
    a failed write leaves no temporary file behind."""
    from alaskaki.workshop.sandbox import clean_text

    data = clean_text(text).encode("utf-8")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def state_dir(root: Path, modul: str) -> Path:
    return root / STATE_DIR / modul


def submission_key(course: Course, mod: Module, peserta: str, sandboxed: bool) -> str:
    h = hashlib.sha256()
    subdir = course.folder.submitted(peserta, mod.modul)
    for name in (f"{mod.modul}.ipynb", "timestamp.txt"):
        p = subdir / name
        h.update(name.encode() + b"\0")
        try:
            with open(p, "rb") as f:  # in pieces: a huge file never sits in memory
                for chunk in iter(lambda f=f: f.read(1 << 20), b""):
                    h.update(chunk)
        except OSError:
            h.update(b"<none>")
        h.update(b"\0")
    h.update(mod.source_bytes)
    h.update(f"{ENGINE_VERSION}:{sandboxed}".encode())
    return h.hexdigest()


def read_marker(root: Path, modul: str, peserta: str) -> dict | None:
    p = state_dir(root, modul) / "selesai" / f"{peserta}.json"
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_marker(root: Path, modul: str, peserta: str, data: dict) -> None:
    d = state_dir(root, modul) / "selesai"
    d.mkdir(parents=True, exist_ok=True)
    atomic_write(d / f"{peserta}.json", json.dumps(data, ensure_ascii=False, indent=1))


def save_flags(root: Path, modul: str, peserta: str, flags: list[str]) -> None:
    path = root / STATE_DIR / FLAGS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    per = data.setdefault(peserta, {})
    if flags:
        per[modul] = flags
    else:
        per.pop(modul, None)
        if not per:
            data.pop(peserta, None)
    atomic_write(path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True))


def load_flags(workshop_dir) -> dict[tuple[str, str], list[str]]:
    """(participant, module) → the *indikasi kecurangan* found when grading, in Indonesian."""
    path = Path(workshop_dir) / STATE_DIR / FLAGS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {(p, m): list(msgs) for p, per in data.items() for m, msgs in per.items() if msgs}


def check_writable(course: Course) -> None:
    """Fail before grading anything when results cannot be written (one sentence, not one per
    participant): the autograded folder, the state folder, and a SQLite gradebook."""
    import sqlite3

    for folder, doing in (
        (course.folder.autograded(), "menulis notebook hasil penilaian"),
        (course.folder.state_dir, "menulis catatan penilaian"),
    ):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=folder):
                pass
        except OSError as exc:
            raise from_os_error(exc, doing=doing, path=folder) from exc
    url = course.db_url
    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///") :])
        if path.is_file():
            try:
                db = sqlite3.connect(path, timeout=30)
                try:
                    db.execute("BEGIN IMMEDIATE")  # takes the write lock: fails when read-only
                    db.rollback()
                finally:
                    db.close()
            except sqlite3.Error as exc:
                raise from_os_error(exc, doing="menulis buku nilai", path=path.name) from exc
