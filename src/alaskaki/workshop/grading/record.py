"""Step 4, record: the autograded notebook, nbgrader's gradebook (one commit per submission), the
marker that says a submission is done, and the flags."""

from __future__ import annotations

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


def save_grades(gb, course: Course, nb, modul: str, work: Work) -> tuple[float, float]:
    """Student, submission (with its timestamp), grades, comments and late penalty of one
    submission into nbgrader's gradebook, in one commit; returns (score, max_score)."""
    from nbgrader.preprocessors import AssignLatePenalties, SaveAutoGrades
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
    pp.gradebook = _OneCommit(gb)
    NbGraderPreprocessor.preprocess(pp, nb, res)
    gb.db.commit()  # all grades and comments of this submission at once (one fsync, all or nothing)
    AssignLatePenalties(config=course.config).preprocess(nb, res)
    sub = gb.find_submission_notebook(modul, modul, peserta)
    return float(sub.score), float(sub.max_score)


class _FlushOnly:
    """A session whose ``commit`` only flushes (SaveAutoGrades commits after every cell)."""

    def __init__(self, session):
        self._session = session

    def commit(self) -> None:
        self._session.flush()

    def __getattr__(self, name):
        return getattr(self._session, name)


class _OneCommit:
    """The gradebook as SaveAutoGrades sees it: everything as usual, except one commit at the end."""

    def __init__(self, gb):
        self._gb = gb
        self.db = _FlushOnly(gb.db)

    def __getattr__(self, name):
        return getattr(self._gb, name)


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
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


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
