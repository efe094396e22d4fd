"""Hardened, parallel grading of one module of a workshop, on nbgrader's own gradebook.

How one submission is graded (docs/grading.md has the why):

1. *Sanitise* (grader process): the submitted file is parsed as data only. nbgrader's own
   ``ClearOutput``, ``DeduplicateIds`` and ``OverwriteCells`` (with ``add_missing_cells``) restore
   test cells, points and ids from the gradebook. What was tampered with is noted as a flag.
2. *Produce answers* (sandbox, :mod:`alaskaki.workshop.sandbox`): the participant's code cells run
   in an IPython shell inside bubblewrap; at every test cell the answer variables that cell reads
   come back as plain JSON. Test cells are not run there.
3. *Judge* (grader process): the test cells from the instructor source (hidden tests included)
   run against those values with the participant's true id (the ``submitted/<pid>`` folder name).
4. *Record*: the autograded notebook is written like nbgrader's, and nbgrader's ``SaveAutoGrades``
   and ``AssignLatePenalties`` put the grades into the gradebook. A marker file then says the
   submission is done, so an interrupted run resumes where it stopped and never counts twice.

Steps 1, 3 and 4 run in the main thread (one gradebook session for the run); step 2 runs for
``workers`` submissions at a time.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import copy
import hashlib
import io
import json
import os
import re
import sys
import tempfile
import time
import traceback
import warnings
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import ClassVar

import nbformat
from nbformat.notebooknode import NotebookNode, from_dict

from alaskaki.errors import EXIT_INPUT, EXIT_NOT_FOUND, AlaskakiError, from_os_error, os_reason
from alaskaki.workshop import sandbox as sb
from alaskaki.workshop.limits import DEFAULT as DEFAULT_LIMITS
from alaskaki.workshop.limits import Limits, megabytes, notebook_problem
from alaskaki.workshop.limits import for_workshop as limits_for

ENGINE_VERSION = "1"
STATE_DIR = "penilaian"
FLAGS_FILE = "flags.json"
UID_BASE = 420_000  # sandboxed submissions run as uid UID_BASE + worker slot (when graded as root)

UNSANDBOXED_WARNING = (
    "bubblewrap (/usr/bin/bwrap) tidak tersedia, jadi kode peserta dijalankan TANPA "
    "sandbox. Nilai tetap dihitung di luar kernel peserta, tetapi kode peserta bisa membaca atau "
    "mengubah berkas di komputer ini dan memakai jaringan. Pasang dengan: sudo apt-get install bubblewrap"
)

# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


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
    # technical detail for --debug; not a field, so it never reaches to_dict()/--json output
    trace: ClassVar[str | None] = None


@dataclass
class GradeRun:
    """The outcome of :func:`grade_module`."""

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


# --------------------------------------------------------------------------------------------
# Flags (indikasi kecurangan): one Indonesian sentence each
# --------------------------------------------------------------------------------------------

_RUNNER_CHECKS = {
    "settrace": "Notebook memasang sys.settrace (pelacak eksekusi).",
    "setprofile": "Notebook memasang sys.setprofile (pelacak eksekusi).",
    "transformer": "Notebook memasang *input transformer* IPython (mengubah sel sebelum dijalankan).",
    "exception_handler": "Notebook memasang penangan galat (*exception handler*) khusus.",
    "processes": "Notebook menjalankan proses lain yang masih hidup di akhir; semuanya dihentikan paksa.",
    "broken": "Notebook merusak interpreter Python sehingga pemeriksaan akhir gagal.",
}
# What the trusted side (the sandbox's manager or this process) saw; never reported by the notebook.
_EVENTS = {
    "timeout": "Notebook berjalan melebihi batas waktu ({t} detik) dan dihentikan.",
    "flood": "Notebook menghasilkan keluaran terlalu besar dan dihentikan.",
    "processes": _RUNNER_CHECKS["processes"],
    "exited": "Proses notebook berhenti sendiri sebelum semua sel selesai; jawaban sesudahnya tidak terbaca.",
    "cpu": "Notebook memakai waktu CPU melebihi batas dan dihentikan.",
    "fsize": "Notebook menulis berkas melebihi batas ukuran dan dihentikan.",
    "crash": "Proses notebook berhenti tidak wajar sebelum mulai.",
    "garbage": "Notebook menulis data palsu ke saluran penilai.",
    "answers_too_big": "Jawaban yang dikirim notebook melebihi batas ukuran ({a}); sisanya tidak dinilai.",
}
# Events that are not the participant's doing: the submission is not recorded (it is graded again
# next run) and the trainer sees an incident on the worker, never a flag on the participant.
_INCIDENTS = {
    "outside": "proses sandbox dihentikan dari luar penilai (sinyal {sig}, mis. komputer kehabisan memori atau dihentikan administrator)",
    "manager": "pengelola sandbox dihentikan dari luar penilai ({sig})",
    "lost": "sandbox hangat berhenti atau macet (dihentikan dari luar penilai)",
    "forged": "saluran sandbox mengirim data tanpa kode rahasia penilai",
}


def _incident(events: list[str]) -> str | None:
    for ev in events:
        kind, _, sig = ev.partition(":")
        if kind in _INCIDENTS:
            return _INCIDENTS[kind].format(sig=sig or "?")
    return None


_STATIC = [
    (
        r"input_transformers|ast_transformers|input_transformer_manager|register_magic|events\s*\.\s*register",
        "Kode peserta mengutak-atik cara IPython menjalankan sel (*input transformer*/*hook*).",
    ),
    (
        r"set_custom_exc|excepthook|showtraceback\s*=",
        "Kode peserta memasang penangan galat khusus.",
    ),
    (r"settrace|setprofile", "Kode peserta memakai sys.settrace/setprofile."),
    (
        r"\bbuiltins\b|__builtins__",
        "Kode peserta mengubah atau membaca fungsi bawaan Python (*builtins*).",
    ),
    (
        r"\b(?:math|np|numpy|latihan|alaskaki[\w.]*|pd|pandas|soal)\s*\.\s*\w+(?:\s*\.\s*\w+)*\s*=(?!=)|\bsetattr\s*\(",
        "Kode peserta mengganti fungsi math/numpy/pandas atau fungsi pemeriksa (*monkeypatching*).",
    ),
    (
        r"subprocess|os\s*\.\s*(?:fork|system|spawn\w*|exec\w*|popen|kill|setsid)|multiprocessing|\bpty\b|daemon",
        "Kode peserta menjalankan proses lain atau proses latar belakang.",
    ),
    (
        r"\bsocket\b|urllib|\brequests\b|http\.client|httpx|ftplib|smtplib",
        "Kode peserta mencoba mengakses jaringan.",
    ),
    (
        # the module's answer key: harapan() computes expected values, uji_*() are the hidden checks
        r"\bharapan\s*\(|\buji_\w+\s*\(|\bsoal\s*\(\s*(?!ID_PESERTA\b)[\"'\w]",
        "Kode peserta memanggil kunci jawaban modul (latihan.harapan, uji_*) atau soal peserta lain.",
    ),
    (r"gradebook|sqlite|\.db\b", "Kode peserta mencoba membuka *gradebook* (basis data nilai)."),
    (
        r"\.\./|/source\b|/release\b|/submitted\b|/autograded\b|/arsip\b|\bopen\s*\(|pathlib|shutil|\bglob\b|"
        r"os\s*\.\s*(?:remove|unlink|rename|replace|walk|listdir|scandir|chdir|makedirs)",
        "Kode peserta membaca/menulis berkas di luar notebook (mis. soal tersembunyi atau notebook peserta lain).",
    ),
    (
        r"ctypes|gc\s*\.\s*get_(?:referrers|objects)|sys\s*\.\s*_getframe|\binspect\b|sys\s*\.\s*modules|"
        r"importlib|__import__|(?<!\.)\b(?:exec|eval|compile)\s*\(",
        "Kode peserta memakai introspeksi atau kode dinamis (exec/eval/ctypes).",
    ),
    (
        r"^\s*!|%%?(?:writefile|bash|sh|script|system|sx)\b",
        "Kode peserta menjalankan perintah *shell*.",
    ),
]
_STATIC = [(re.compile(p, re.MULTILINE), m) for p, m in _STATIC]


def _static_flags(sources: list[str]) -> list[str]:
    text = "\n".join(sources)
    return [msg for rx, msg in _STATIC if rx.search(text)]


# --------------------------------------------------------------------------------------------
# The workshop and the module
# --------------------------------------------------------------------------------------------


@dataclass
class _Course:
    root: Path
    config: object
    coursedir: object
    db_url: str
    course_id: str
    limits: Limits = DEFAULT_LIMITS


def _course(workshop_dir) -> _Course:
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    root = Path(workshop_dir).resolve()
    cfg_file = root / "nbgrader_config.py"
    if not cfg_file.is_file():
        raise AlaskakiError(
            f"Folder {root} bukan folder lokakarya (tidak ada nbgrader_config.py).",
            exit_code=EXIT_NOT_FOUND,
        )
    cfg = Config()
    cfg.merge(PyFileConfigLoader(cfg_file.name, path=str(root)).load_config())
    cfg.CourseDirectory.root = str(root)
    coursedir = CourseDirectory(config=cfg)
    db_url = coursedir.db_url
    return _Course(root, cfg, coursedir, db_url, coursedir.course_id, limits_for(root))


@dataclass
class _TestCell:
    grade_id: str
    source: str  # instructor source, hidden tests included
    released: str  # what the participant's copy shows
    points: float
    names: list[str]  # variables it reads from the participant's answers


@dataclass
class _Module:
    modul: str
    source_path: Path
    source_bytes: bytes
    setup: str  # first code cell of the instructor source
    preload: list[str]
    tests: dict[str, _TestCell]
    grade_ids: set[str]
    base_names: set[str]
    meta: dict[str, dict]  # grade_id -> the source cell's nbgrader metadata
    order: list[str]  # grade ids in source order


def _module(course: _Course, modul: str) -> _Module:
    from nbgrader import utils as nbutils
    from nbgrader.preprocessors import ClearHiddenTests

    path = course.root / "source" / modul / f"{modul}.ipynb"
    if not path.is_file():
        raise AlaskakiError(
            f"Modul '{modul}' tidak ada di lokakarya ini (tidak ada {path.relative_to(course.root)}).",
            exit_code=EXIT_NOT_FOUND,
        )
    raw = path.read_bytes()
    nb = nbformat.reads(raw.decode("utf-8"), as_version=4)
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    # The setup cell is the one that imports the exercises and sets ID_PESERTA (docs/architecture.md);
    # a module may open with a plain demo cell before it (m0 does).
    setup_cells = [
        c for c in code_cells if "ID_PESERTA" in c.source and "alaskaki.exercises" in c.source
    ]
    setup = (setup_cells or code_cells or [nbformat.v4.new_code_cell("")])[0].source
    # every module the notebook imports is imported once per warm sandbox, not once per submission
    preload = list(
        dict.fromkeys(
            m
            for c in code_cells
            for m in _imported_modules(c.source)
            if m.split(".")[0] not in sb.HIDDEN_PACKAGES  # imported by hidden tests, judge only
        )
    )
    base_names = set(_trusted_namespace(setup, "__demo__").keys())
    released_nb = ClearHiddenTests().preprocess(copy.deepcopy(nb), {})[0]
    tests: dict[str, _TestCell] = {}
    grade_ids: set[str] = set()
    meta: dict[str, dict] = {}
    for cell, rel in zip(nb.cells, released_nb.cells, strict=True):
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid:
            grade_ids.add(gid)
            meta[gid] = {
                "cell_type": cell.cell_type,
                **copy.deepcopy(dict(cell.metadata["nbgrader"])),
            }
        if cell.cell_type == "code" and nbutils.is_grade(cell) and not nbutils.is_solution(cell):
            tests[gid] = _TestCell(
                gid,
                cell.source,
                rel.source,
                float(cell.metadata["nbgrader"]["points"]),
                _free_names(cell.source, base_names),
            )
    return _Module(modul, path, raw, setup, preload, tests, grade_ids, base_names, meta, list(meta))


def _imported_modules(setup: str) -> list[str]:
    try:
        tree = ast.parse(setup)
    except SyntaxError:
        return []
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.append(node.module)
            for a in node.names:
                full = f"{node.module}.{a.name}"
                with contextlib.suppress(Exception):
                    import importlib.util

                    if importlib.util.find_spec(full) is not None:
                        out.append(full)
    return list(dict.fromkeys(out))


def _setup_without_id(setup: str) -> str:
    """The setup cell with every assignment to ID_PESERTA removed (the grader sets the true id)."""
    lines = [ln for ln in setup.splitlines() if not ln.lstrip().startswith(("%", "!"))]  # magics
    tree = ast.parse("\n".join(lines))

    def assigns_id(node) -> bool:
        targets = getattr(node, "targets", None) or (
            [node.target] if hasattr(node, "target") else []
        )
        return any(isinstance(t, ast.Name) and t.id == "ID_PESERTA" for t in targets)

    tree.body = [
        n
        for n in tree.body
        if not (isinstance(n, (ast.Assign, ast.AnnAssign, ast.AugAssign)) and assigns_id(n))
    ]
    return ast.unparse(tree)


def _trusted_namespace(setup: str, peserta: str) -> dict:
    ns: dict = {"__name__": "__main__", "ID_PESERTA": peserta}
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(compile(_setup_without_id(setup), "<setup>", "exec"), ns)  # noqa: S102 - instructor code
    ns.pop("__builtins__", None)
    return ns


def _free_names(source: str, known: set[str]) -> list[str]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    stored, loaded = set(), []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Store):
                stored.add(node.id)
            elif node.id not in loaded:
                loaded.append(node.id)
    skip = stored | known | set(dir(builtins)) | {"ID_PESERTA"}
    return [n for n in loaded if n not in skip]


# --------------------------------------------------------------------------------------------
# nbgrader preprocessors on one shared gradebook session
# --------------------------------------------------------------------------------------------


def _resources(course: _Course, modul: str, peserta: str) -> dict:
    return {
        "nbgrader": {
            "notebook": modul,
            "assignment": modul,
            "student": peserta,
            "db_url": course.db_url,
        }
    }


def _overwrite_cells(gb, course: _Course, nb, modul: str, peserta: str):
    from nbgrader.preprocessors import OverwriteCells
    from nbgrader.preprocessors.base import NbGraderPreprocessor

    pp = OverwriteCells(config=course.config, add_missing_cells=True)
    res = _resources(course, modul, peserta)
    pp.notebook_id = pp.assignment_id = modul
    pp.db_url = course.db_url
    pp.gradebook = gb
    nb, res = NbGraderPreprocessor.preprocess(pp, nb, res)
    nb, res = pp.add_missing_grade_cells(nb, res)
    nb, res = pp.add_missing_task_cells(nb, res)
    return nb


def _save_grades(gb, course: _Course, nb, modul: str, peserta: str) -> None:
    from nbgrader.preprocessors import AssignLatePenalties, SaveAutoGrades
    from nbgrader.preprocessors.base import NbGraderPreprocessor

    res = _resources(course, modul, peserta)
    pp = SaveAutoGrades(config=course.config)
    pp.notebook_id = pp.assignment_id = modul
    pp.student_id = peserta
    pp.db_url = course.db_url
    pp.gradebook = _OneCommit(gb)
    NbGraderPreprocessor.preprocess(pp, nb, res)
    gb.db.commit()  # all grades and comments of this submission at once (one fsync, all or nothing)
    AssignLatePenalties(config=course.config).preprocess(nb, res)


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


# --------------------------------------------------------------------------------------------
# One submission
# --------------------------------------------------------------------------------------------


@dataclass
class _Work:
    peserta: str
    key: str
    nb: NotebookNode | None = None
    job: dict | None = None
    cell_index: dict[int, int] = field(default_factory=dict)  # job cell -> notebook cell
    flags: list[str] = field(default_factory=list)
    timestamp: object = None
    submitted_dir: Path | None = None
    started: float = 0.0
    slot: int = 0


def _read_submission(
    path: Path, mod: _Module, flags: list[str], limits: Limits = DEFAULT_LIMITS
) -> NotebookNode:
    """Parse a submitted file as data; anything unusable becomes an empty notebook (scores 0)."""
    empty = nbformat.v4.new_notebook()
    if not path.is_file():
        flags.append("Notebook modul ini tidak ada di kiriman peserta.")
        return empty
    if path.is_symlink():  # would make the grader read a file of someone else's choosing
        flags.append("Berkas notebook adalah tautan (*symlink*) ke berkas lain; tidak dibaca.")
        return empty
    with open(path, "rb") as f:  # never more than the cap (the file may grow while we read)
        raw = f.read(limits.notebook_bytes + 1)
    problem = notebook_problem(raw, None, limits)
    if problem:
        flags.append(f"Notebook ditolak dan dinilai kosong: {problem}.")
        return empty
    if not raw.strip():
        flags.append("Berkas notebook kosong.")
        return empty
    if b"\x00" in raw[:4096]:
        flags.append("Berkas notebook berisi data biner, bukan notebook.")
        return empty
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        flags.append("Berkas notebook rusak: bukan JSON notebook yang sah.")
        return empty
    if not isinstance(data, dict) or not isinstance(
        data.get("cells", data.get("worksheets")), list
    ):
        flags.append("Berkas notebook bukan format notebook Jupyter.")
        return empty
    cells = data.get("cells")
    if cells is None:  # nbformat 3: cells sit inside worksheets
        cells = [c for w in data["worksheets"] if isinstance(w, dict) for c in w.get("cells", [])]
    problem = notebook_problem(None, {"cells": cells}, limits)
    if problem:
        flags.append(f"Notebook ditolak dan dinilai kosong: {problem}.")
        return empty
    major = data.get("nbformat")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            nb = nbformat.reads(json.dumps(data), as_version=4)
    except Exception:  # noqa: BLE001 - any malformed structure
        flags.append("Berkas notebook rusak: strukturnya tidak sah.")
        return empty
    if major != 4:
        flags.append(
            f"Notebook memakai format lain (nbformat {major}); diubah ke format 4 sebelum dinilai."
        )
    cleaned = []
    for cell in nb.cells:  # keep only well-formed cells of the three kinds
        if not isinstance(cell, dict) or cell.get("cell_type") not in ("code", "markdown", "raw"):
            continue
        src = cell.get("source", "")
        if isinstance(src, list):
            src = "".join(str(s) for s in src)
        cell["source"] = str(src)
        meta = cell.get("metadata")
        cell["metadata"] = meta if isinstance(meta, dict) else {}
        nbg = cell["metadata"].get("nbgrader")
        if nbg is not None and not isinstance(nbg, dict):
            del cell["metadata"]["nbgrader"]
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
        cleaned.append(from_dict(cell))
    nb.cells = cleaned
    return nb


def _tamper_flags(nb: NotebookNode, mod: _Module, gb, modul: str) -> list[str]:
    """Compare the submitted cells' nbgrader data with the instructor source."""
    flags = []
    seen: dict[str, int] = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader") or {}
        gid = meta.get("grade_id")
        if not gid:
            # a test cell's text without its metadata (ids removed to dodge it)
            for t in mod.tests.values():
                if (
                    cell.cell_type == "code"
                    and cell.source.strip()
                    and cell.source.strip() == t.released.strip()
                ):
                    flags.append(f"Metadata sel uji {t.grade_id} dihapus; sel uji asli dipakai.")
            continue
        seen[gid] = seen.get(gid, 0) + 1
        if gid not in mod.grade_ids:
            flags.append(f"Ada sel dengan grade_id tak dikenal ({gid!s:.40}); diabaikan.")
            continue
        test = mod.tests.get(gid)
        if test is not None:
            if seen[gid] == 1:
                if cell.source.strip() not in (test.released.strip(), test.source.strip()):
                    flags.append(f"Sel uji {gid} diubah; isi aslinya dipakai.")
                if not meta.get("grade") or meta.get("solution") or not meta.get("locked", True):
                    flags.append(f"Metadata nbgrader sel uji {gid} diubah; metadata asli dipakai.")
            with contextlib.suppress(TypeError, ValueError):
                if float(meta.get("points", test.points)) != test.points:
                    flags.append(
                        f"Poin sel {gid} diubah ({meta.get('points')} → {test.points:g}); poin asli dipakai."
                    )
    for gid in mod.tests:
        n = seen.get(gid, 0)
        if n > 1:
            flags.append(f"Sel uji {gid} digandakan ({n}×); hanya satu yang dipakai.")
    present = set(seen) & mod.grade_ids
    if nb.cells and not present and mod.grade_ids:
        flags.append(
            f"Notebook ini bukan notebook modul {modul} (tidak ada satu pun sel modul ini)."
        )
    else:
        for gid in mod.tests:
            if gid not in seen and present:
                flags.append(f"Sel uji {gid} dihapus; dipulihkan dari sumber.")
    return list(dict.fromkeys(flags))


def _restore_metadata(nb: NotebookNode, mod: _Module) -> None:
    """nbgrader metadata comes from the source, once per id; missing graded cells are put back.

    Known ids get the source cell's metadata; unknown ids and later duplicates get none (like
    nbgrader's DeduplicateIds, except that the first copy is kept). A graded cell that is missing
    is inserted after the graded cell that precedes it in the source: a test cell with its
    released text (OverwriteCells then restores the hidden tests), an answer cell empty.
    """
    seen: dict[str, int] = {}
    for cell in nb.cells:
        nbg = cell.metadata.get("nbgrader")
        if nbg is None:
            continue
        gid = nbg.get("grade_id") if isinstance(nbg.get("grade_id"), str) else None
        if gid in mod.meta and gid not in seen:
            src = dict(mod.meta[gid])
            cell_type = src.pop("cell_type")
            if cell.cell_type != cell_type:  # OverwriteCells would do the same, more noisily
                cell.cell_type = cell_type
                if cell_type == "code":
                    cell.outputs, cell.execution_count = [], None
                else:
                    cell.pop("outputs", None)
                    cell.pop("execution_count", None)
            cell.metadata["nbgrader"] = from_dict(src)
            seen[gid] = 1
        else:
            del cell.metadata["nbgrader"]
    position = {
        c.metadata["nbgrader"]["grade_id"]: i
        for i, c in enumerate(nb.cells)
        if "nbgrader" in c.metadata
    }
    last = -1
    for gid in mod.order:
        if gid in position:
            last = nb.cells.index(
                next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == gid)
            )
            continue
        src = dict(mod.meta[gid])
        cell_type = src.pop("cell_type")
        text = mod.tests[gid].released if gid in mod.tests else ""
        cell = (
            nbformat.v4.new_code_cell(text)
            if cell_type == "code"
            else nbformat.v4.new_markdown_cell(text)
        )
        cell.metadata["nbgrader"] = from_dict(src)
        last += 1
        nb.cells.insert(last, cell)


def _prepare(gb, course: _Course, mod: _Module, peserta: str, key: str) -> _Work:
    from nbgrader import utils as nbutils
    from nbgrader.preprocessors import ClearOutput

    work = _Work(peserta, key)
    subdir = course.root / "submitted" / peserta / mod.modul
    work.submitted_dir = subdir
    work.timestamp = course.coursedir.get_existing_timestamp(str(subdir))
    nb = _read_submission(subdir / f"{mod.modul}.ipynb", mod, work.flags, course.limits)
    work.flags += _tamper_flags(nb, mod, gb, mod.modul)
    res = _resources(course, mod.modul, peserta)
    _restore_metadata(nb, mod)
    nb, _ = ClearOutput().preprocess(nb, res)
    nb = _overwrite_cells(gb, course, nb, mod.modul, peserta)
    work.nb = nb
    cells, participant_code = [], []
    for idx, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in mod.tests and nbutils.is_grade(cell) and not nbutils.is_solution(cell):
            cells.append({"kind": "point", "grade_id": gid, "names": mod.tests[gid].names})
        else:
            work.cell_index[len(cells)] = idx
            cells.append({"kind": "code", "source": cell.source})
            participant_code.append(cell.source)
    cells.append({"kind": "point", "grade_id": "__akhir__", "names": ["ID_PESERTA"]})
    work.job = {"cells": cells, "preload": mod.preload}
    work.flags += _static_flags(participant_code)
    return work


def _run_tests(mod: _Module, work: _Work, result: sb.SandboxResult) -> None:
    """Run the instructor's test cells on the returned values, in this (trusted) process."""
    from nbgrader import utils as nbutils

    ns = _trusted_namespace(mod.setup, work.peserta)
    for cell in work.nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if (
            cell.cell_type != "code"
            or gid not in mod.tests
            or not nbutils.is_grade(cell)
            or nbutils.is_solution(cell)
        ):
            continue
        test = mod.tests[gid]
        values = result.points.get(gid) or {}
        for name in test.names:
            enc = values.get(name, {"t": "missing"})
            if isinstance(enc, dict) and enc.get("t") == "missing":
                ns.pop(name, None)
            else:
                ns[name] = sb.decode_value(enc)
        cell.source = test.source
        cell.outputs = _exec_test(test.source, ns)
        if not result.points.get(gid) and not result.finished and test.names:
            cell.outputs = [
                _error_output(
                    "TimeoutError", "Notebook berhenti sebelum sel ini; jawaban tidak terbaca."
                )
            ]


def _error_output(ename: str, evalue: str, tb: list[str] | None = None) -> NotebookNode:
    return nbformat.v4.new_output(
        "error", ename=ename, evalue=evalue, traceback=tb or [f"{ename}: {evalue}"]
    )


def _exec_test(source: str, ns: dict) -> list:
    """Execute one test cell like a kernel would: stdout kept, last expression as result, errors.

    Warnings and stderr never fail a test here (they are dropped); only an exception does.
    """
    outputs = []
    out = io.StringIO()
    try:
        tree = ast.parse(source)
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            last = ast.Expression(tree.body.pop().value)
        with (
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(io.StringIO()),
            warnings.catch_warnings(),
        ):
            warnings.simplefilter("ignore")
            exec(compile(tree, "<sel uji>", "exec"), ns)  # noqa: S102 - instructor's test code
            value = eval(compile(last, "<sel uji>", "eval"), ns) if last is not None else None  # noqa: S307
    except BaseException as exc:  # noqa: BLE001 - a failed test, whatever it raised
        if out.getvalue():
            outputs.append(nbformat.v4.new_output("stream", name="stdout", text=out.getvalue()))
        tb = traceback.format_exception_only(type(exc), exc)
        outputs.append(
            _error_output(type(exc).__name__, str(exc), [line.rstrip("\n") for line in tb])
        )
        return outputs
    if out.getvalue():
        outputs.append(nbformat.v4.new_output("stream", name="stdout", text=out.getvalue()))
    if value is not None:
        outputs.append(
            nbformat.v4.new_output(
                "execute_result", data={"text/plain": repr(value)}, execution_count=None
            )
        )
    return outputs


def _runtime_flags(work: _Work, result: sb.SandboxResult, run_timeout: float) -> list[str]:
    flags = []
    for code in result.checks:
        if code.startswith("monkeypatch:"):
            flags.append(
                f"Notebook mengganti fungsi di modul `{code.split(':', 1)[1]}` (*monkeypatching*)."
            )
        elif code in _RUNNER_CHECKS:
            flags.append(_RUNNER_CHECKS[code])
    for ev in dict.fromkeys(result.events):
        kind, _, sig = ev.partition(":")
        if kind in _INCIDENTS:
            continue
        if kind == "crash" and sig:
            flags.append(f"Proses notebook berhenti karena galat fatal ({sig}), mis. lewat ctypes.")
            continue
        text = _EVENTS.get(ev, "Kejadian tak dikenal di sandbox: {e}.")
        flags.append(text.format(t=int(run_timeout), a=megabytes(result.answer_cap), e=ev[:40]))
    for cell in result.cells:
        n = (work.cell_index.get(cell.get("i"), -1)) + 1
        if cell.get("status") == "timeout":
            flags.append(f"Sel ke-{n} berjalan melebihi batas waktu per sel dan dihentikan.")
        elif cell.get("ename") == "MemoryError":
            flags.append(f"Sel ke-{n} kehabisan memori (batas memori sandbox).")
        if cell.get("size", 0) > sb.HUGE_OUTPUT:
            flags.append(
                f"Sel ke-{n} menghasilkan keluaran sangat besar ({cell['size']:,} karakter); dipotong."
            )
    claimed = (result.points.get("__akhir__") or {}).get("ID_PESERTA")
    if isinstance(claimed, str) and claimed.strip() and claimed.strip() != work.peserta:
        flags.append(
            f"ID_PESERTA di notebook ('{claimed.strip()[:40]}') bukan ID peserta yang mengumpulkan "
            f"({work.peserta}); dinilai dengan soal milik {work.peserta}."
        )
    return flags


def _fill_answer_outputs(work: _Work, result: sb.SandboxResult) -> None:
    for cell in result.cells:
        idx = work.cell_index.get(cell.get("i"))
        if idx is None:
            continue
        nbcell = work.nb.cells[idx]
        outs = []
        if cell.get("out"):
            outs.append(nbformat.v4.new_output("stream", name="stdout", text=cell["out"]))
        if cell.get("status") in ("error", "timeout"):
            outs.append(_error_output(cell.get("ename") or "Error", cell.get("evalue") or ""))
        nbcell.outputs = outs


def _write_autograded(course: _Course, mod: _Module, work: _Work) -> Path:
    dest = course.root / "autograded" / work.peserta / mod.modul
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
    _atomic_write(path, nbformat.writes(work.nb))
    return path


def _atomic_write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


# --------------------------------------------------------------------------------------------
# State: finished markers and flags
# --------------------------------------------------------------------------------------------


def _state_dir(root: Path, modul: str) -> Path:
    return root / STATE_DIR / modul


def _submission_key(course: _Course, mod: _Module, peserta: str, sandboxed: bool) -> str:
    h = hashlib.sha256()
    subdir = course.root / "submitted" / peserta / mod.modul
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


def _read_marker(root: Path, modul: str, peserta: str) -> dict | None:
    p = _state_dir(root, modul) / "selesai" / f"{peserta}.json"
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_marker(root: Path, modul: str, peserta: str, data: dict) -> None:
    d = _state_dir(root, modul) / "selesai"
    d.mkdir(parents=True, exist_ok=True)
    _atomic_write(d / f"{peserta}.json", json.dumps(data, ensure_ascii=False, indent=1))


def _save_flags(root: Path, modul: str, peserta: str, flags: list[str]) -> None:
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
    _atomic_write(path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True))


def load_flags(workshop_dir) -> dict[tuple[str, str], list[str]]:
    """(participant, module) → the *indikasi kecurangan* found when grading, in Indonesian."""
    path = Path(workshop_dir) / STATE_DIR / FLAGS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {(p, m): list(msgs) for p, per in data.items() for m, msgs in per.items() if msgs}


# --------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------


class _Progress:
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
            f"{time.monotonic() - self.t0:5.1f} dtk  {label:<20.20}"
        )
        if self.done == self.total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def _venv_on_path() -> None:
    """nbgrader shells out to ``alembic`` when it creates a gradebook: the venv's bin/ must be on PATH."""
    venv_bin = str(Path(sys.executable).parent)
    if venv_bin not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = venv_bin + os.pathsep + os.environ.get("PATH", "")


def _choose_sandbox(sandbox) -> tuple[bool, str | None]:
    if sandbox in (False, "off", "tidak"):
        return False, UNSANDBOXED_WARNING
    ok = sb.bwrap_available()
    if sandbox in (True, "on", "ya", "wajib") and not ok:
        raise AlaskakiError(
            "Sandbox diminta, tetapi bubblewrap (/usr/bin/bwrap) tidak tersedia atau tidak bisa dipakai. "
            "Pasang dengan: sudo apt-get install bubblewrap"
        )
    return ok, None if ok else UNSANDBOXED_WARNING


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
    """Grade every submission of ``modul`` (or only ``participants``) into the nbgrader gradebook.

    ``sandbox``: "auto" (bubblewrap when available), True (required) or False (never).
    ``ulang=True`` grades again submissions that were already graded and have not changed.
    ``cell_timeout`` defaults to the workshop's ``Execute.timeout`` (nbgrader's per-cell limit);
    ``run_timeout`` bounds one whole submission.
    """
    from nbgrader.api import Gradebook, MissingEntry

    t0 = time.monotonic()
    course = _course(workshop_dir)
    mod = _module(course, modul)
    subroot = course.root / "submitted"
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
    sandboxed, warning = _choose_sandbox(sandbox)
    if cell_timeout is None:
        cell_timeout = course.config.get("Execute", {}).get("timeout") or sb.CELL_TIMEOUT
    workers = max(1, int(workers or os.cpu_count() or 1))
    results: dict[str, ParticipantGrade] = {}
    todo: list[tuple[str, str]] = []
    for pid in found:
        key = _submission_key(course, mod, pid, sandboxed)
        marker = _read_marker(course.root, modul, pid)
        done_nb = course.root / "autograded" / pid / modul / f"{modul}.ipynb"
        if not ulang and marker and marker.get("key") == key and done_nb.is_file():
            results[pid] = ParticipantGrade(
                pid,
                marker.get("score", 0.0),
                marker.get("max_score", 0.0),
                "tidak berubah",
                list(marker.get("flags", [])),
            )
        else:
            todo.append((pid, key))
    bar = _Progress(len(todo), progress)
    _venv_on_path()
    if todo:
        _check_writable(course)
    try:
        gb = Gradebook(course.db_url, course.course_id)
    except Exception as exc:
        if os_reason(exc):
            raise from_os_error(exc, doing="membuka buku nilai (gradebook)") from exc
        raise
    try:
        try:
            gb.find_assignment(modul)
        except MissingEntry as exc:
            raise AlaskakiError(
                f"Modul {modul} belum dirilis (belum ada di gradebook). Rilis dulu dengan `alaskaki release {modul}`.",
                exit_code=EXIT_NOT_FOUND,
            ) from exc
        with warnings.catch_warnings():
            # nbgrader's update_or_create_submission trips SQLAlchemy's autoflush warnings; harmless
            warnings.filterwarnings("ignore", message=".*not in session.*")
            _grade_all(
                gb, course, mod, todo, results, sandboxed, workers, bar, run_timeout, cell_timeout
            )
        for r in results.values():  # unchanged ones: the gradebook is the truth (manual grades too)
            if r.status == "tidak berubah":
                with contextlib.suppress(MissingEntry):
                    sub = gb.find_submission_notebook(modul, modul, r.participant)
                    r.score, r.max_score = float(sub.score), float(sub.max_score)
    finally:
        gb.close()
    ordered = [results[p] for p in found]
    return GradeRun(modul, ordered, sandboxed, warning, workers, time.monotonic() - t0)


def _check_writable(course: _Course) -> None:
    """Fail before grading anything when results cannot be written (one sentence, not one per
    participant): the autograded folder, the state folder, and a SQLite gradebook."""
    import sqlite3

    for folder, doing in (
        (course.root / "autograded", "menulis notebook hasil penilaian"),
        (course.root / STATE_DIR, "menulis catatan penilaian"),
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


def _grade_all(
    gb, course, mod, todo, results, sandboxed, workers, bar, run_timeout, cell_timeout
) -> None:
    pending = list(todo)
    slots = list(range(workers))
    running: dict = {}
    scratch: dict = {}
    uids = [UID_BASE + (os.getpid() % 1000) * 64 + slot for slot in range(workers)]
    warm = (
        [sb.Zygote(preload=mod.preload, uid=u) for u in uids]
        if sb.zygotes_usable(sandboxed)
        else None
    )

    def run_one(slot: int, job: dict, tmp) -> sb.SandboxResult:
        answer_bytes = course.limits.answer_bytes
        if warm is not None:
            return warm[slot].run(job, run_timeout=run_timeout, answer_bytes=answer_bytes)
        return sb.run_in_sandbox(
            job,
            sandboxed=sandboxed,
            uid=uids[slot],
            run_timeout=run_timeout,
            scratch_dir=tmp,
            answer_bytes=answer_bytes,
        )

    try:
        _grade_loop(
            gb,
            course,
            mod,
            pending,
            slots,
            running,
            scratch,
            results,
            sandboxed,
            workers,
            bar,
            run_timeout,
            cell_timeout,
            run_one,
            abort=lambda: [z.close() for z in warm or []],
        )
    finally:
        for z in warm or []:
            z.close()


def _grade_loop(
    gb,
    course,
    mod,
    pending,
    slots,
    running,
    scratch,
    results,
    sandboxed,
    workers,
    bar,
    run_timeout,
    cell_timeout,
    run_one,
    abort=lambda: None,
) -> None:
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="alaskaki-nilai") as pool:

        def fill() -> None:
            while pending and slots:
                pid, key = pending.pop(0)
                try:
                    work = _prepare(gb, course, mod, pid, key)
                except Exception as exc:  # noqa: BLE001 - one broken submission never stops the rest
                    with contextlib.suppress(Exception):
                        gb.db.rollback()
                    results[pid] = ParticipantGrade(
                        pid, status="gagal", error=_describe(exc, "membaca kiriman")
                    )
                    results[pid].trace = traceback.format_exc()
                    bar.step(pid)
                    continue
                work.job["cell_timeout"] = max(1, int(cell_timeout))
                slot = slots.pop()
                work.slot = slot
                work.started = time.monotonic()
                tmp = None if sandboxed else tempfile.mkdtemp(prefix="alaskaki-peserta-")
                scratch[pid] = tmp
                fut = pool.submit(run_one, slot, work.job, tmp)
                running[fut] = (work, slot)

        try:
            fill()
            while running:
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                finished = []
                for fut in done:
                    work, slot = running.pop(fut)
                    slots.append(slot)
                    finished.append((work, fut))
                fill()  # keep the workers busy while this thread records the finished ones
                for work, fut in finished:
                    sb.cleanup_scratch(scratch.pop(work.peserta, None))
                    results[work.peserta] = _finish(gb, course, mod, work, fut, run_timeout)
                    bar.step(work.peserta)
                fill()
        except BaseException:  # Ctrl-C or a crash: stop the sandboxes now, keep what is recorded
            for fut in running:
                fut.cancel()
            abort()
            raise


def _describe(exc: BaseException, doing: str = "menilai kiriman") -> str:
    """One Indonesian sentence for a failure; the same cause gives the same text (it is grouped)."""
    if isinstance(exc, AlaskakiError):
        return str(exc)
    if os_reason(exc):
        return from_os_error(exc, doing=doing).message
    return f"Gagal {doing}: galat tak terduga ({type(exc).__name__}); jalankan lagi dengan --debug untuk rinciannya."


def _finish(gb, course, mod, work: _Work, fut, run_timeout) -> ParticipantGrade:
    pid = work.peserta
    doing = "menjalankan sandbox"
    try:
        result = fut.result()
        incident = _incident(result.events)
        if incident:  # not the participant's doing: record nothing, grade again next run
            return ParticipantGrade(
                pid,
                status="gagal",
                error=f"Penilaian terganggu: {incident}; ini bukan kesalahan peserta. "
                f"Nilai ulang dengan `alaskaki grade {mod.modul} --peserta <ID>`.",
                incident=incident,
                worker=work.slot + 1,
                seconds=time.monotonic() - work.started,
            )
        doing = "menilai jawaban"
        work.flags += _runtime_flags(work, result, run_timeout)
        _fill_answer_outputs(work, result)
        _run_tests(mod, work, result)
        doing = "menulis notebook hasil penilaian (autograded/)"
        _write_autograded(course, mod, work)
        doing = "menulis buku nilai (gradebook)"
        gb.update_or_create_student(pid)
        if work.timestamp:
            gb.update_or_create_submission(mod.modul, pid, timestamp=work.timestamp)
        else:
            gb.update_or_create_submission(mod.modul, pid)
        _save_grades(gb, course, work.nb, mod.modul, pid)
        sub = gb.find_submission_notebook(mod.modul, mod.modul, pid)
        score, max_score = float(sub.score), float(sub.max_score)
        flags = list(dict.fromkeys(work.flags))
        doing = f"menulis catatan penilaian ({STATE_DIR}/)"
        _save_flags(course.root, mod.modul, pid, flags)
        _write_marker(
            course.root,
            mod.modul,
            pid,
            {"key": work.key, "score": score, "max_score": max_score, "flags": flags},
        )
        return ParticipantGrade(
            pid,
            score,
            max_score,
            "dinilai",
            flags,
            None,
            time.monotonic() - work.started,
            worker=work.slot + 1,
        )
    except Exception as exc:  # noqa: BLE001 - reported per participant; the others go on
        with contextlib.suppress(Exception):
            gb.db.rollback()
        failed = ParticipantGrade(
            pid,
            status="gagal",
            flags=list(dict.fromkeys(work.flags)),
            error=_describe(exc, doing),
            worker=work.slot + 1,
        )
        failed.trace = traceback.format_exc()
        return failed


__all__ = [
    "GradeRun",
    "ParticipantGrade",
    "grade_module",
    "load_flags",
    "UNSANDBOXED_WARNING",
    "EXIT_INPUT",
]
