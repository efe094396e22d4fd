"""Step 1, sanitise (grader process, data only): the submission becomes a clean nbgrader notebook
and a job for the sandbox; what was tampered with becomes flags."""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import nbformat
from nbformat.notebooknode import NotebookNode, from_dict

from alaskaki.workshop.grading.module import Course, Module
from alaskaki.workshop.limits import DEFAULT as DEFAULT_LIMITS
from alaskaki.workshop.limits import Limits, notebook_problem

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


def static_flags(sources: list[str]) -> list[str]:
    text = "\n".join(sources)
    return [msg for rx, msg in _STATIC if rx.search(text)]


def resources(course: Course, modul: str, peserta: str) -> dict:
    return {
        "nbgrader": {
            "notebook": modul,
            "assignment": modul,
            "student": peserta,
            "db_url": course.db_url,
        }
    }


class SourceCells:
    """The gradebook as nbgrader's ``OverwriteCells`` reads it, with the module's source cells,
    graded cells and notebook read once per grading run instead of once per submission (two to
    five joined queries per graded cell, issue 17 goal 6). ``OverwriteCells`` only reads them;
    grading never changes them. Plain copies of the fields it reads; a cell it does not know is
    asked of the gradebook each time (``MissingEntry`` as before). Everything else goes to ``gb``."""

    def __init__(self, gb):
        self._gb = gb
        self._source: dict[tuple, SimpleNamespace] = {}
        self._graded: dict[tuple, SimpleNamespace] = {}
        self._notebooks: dict[tuple, SimpleNamespace] = {}

    @staticmethod
    def _source_copy(cell) -> SimpleNamespace:
        return SimpleNamespace(
            name=cell.name,
            cell_type=cell.cell_type,
            locked=cell.locked,
            checksum=cell.checksum,
            source=cell.source,
        )

    @staticmethod
    def _graded_copy(cell) -> SimpleNamespace:
        return SimpleNamespace(name=cell.name, max_score=cell.max_score)

    def find_source_cell(self, name: str, notebook: str, assignment: str):
        key = (name, notebook, assignment)
        if key not in self._source:
            self._source[key] = self._source_copy(
                self._gb.find_source_cell(name, notebook, assignment)
            )
        return self._source[key]

    def find_graded_cell(self, name: str, notebook: str, assignment: str):
        key = (name, notebook, assignment)
        if key not in self._graded:
            self._graded[key] = self._graded_copy(
                self._gb.find_graded_cell(name, notebook, assignment)
            )
        return self._graded[key]

    def find_notebook(self, notebook: str, assignment: str):
        key = (notebook, assignment)
        if key not in self._notebooks:
            nb = self._gb.find_notebook(notebook, assignment)
            self._notebooks[key] = SimpleNamespace(
                name=nb.name,
                source_cells=[self._source_copy(c) for c in nb.source_cells],
                grade_cells=[self._graded_copy(c) for c in nb.grade_cells],
                solution_cells=[SimpleNamespace(name=c.name) for c in nb.solution_cells],
                task_cells=[self._graded_copy(c) for c in nb.task_cells],
            )
        return self._notebooks[key]

    def __getattr__(self, name):
        return getattr(self._gb, name)


def overwrite_cells(gb, course: Course, nb, modul: str, peserta: str):
    from nbgrader.preprocessors import OverwriteCells
    from nbgrader.preprocessors.base import NbGraderPreprocessor

    pp = OverwriteCells(config=course.config, add_missing_cells=True)
    res = resources(course, modul, peserta)
    pp.notebook_id = pp.assignment_id = modul
    pp.db_url = course.db_url
    pp.gradebook = gb
    nb, res = NbGraderPreprocessor.preprocess(pp, nb, res)
    nb, res = pp.add_missing_grade_cells(nb, res)
    nb, res = pp.add_missing_task_cells(nb, res)
    return nb


@dataclass
class Work:
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
    # sha256 of the very bytes graded, read once (red team R64: a file collected while `grade`
    # works must never be recorded as the one judged); None when there was no file to read
    sha: str | None = None


def read_submission(
    path: Path,
    mod: Module,
    flags: list[str],
    limits: Limits = DEFAULT_LIMITS,
    work: Work | None = None,
) -> NotebookNode:
    """Parse a submitted file as data; anything unusable becomes an empty notebook (scores 0).
    ``work``: gets the sha256 of the bytes read (``Work.sha``), from the same open file."""
    empty = nbformat.v4.new_notebook()
    if not path.is_file():
        flags.append("Notebook modul ini tidak ada di kiriman peserta.")
        return empty
    if path.is_symlink():  # would make the grader read a file of someone else's choosing
        flags.append("Berkas notebook adalah tautan (*symlink*) ke berkas lain; tidak dibaca.")
        return empty
    with open(path, "rb") as f:  # never more than the cap (the file may grow while we read)
        raw = f.read(limits.notebook_bytes + 1)
        if work is not None:
            digest = hashlib.sha256(raw)
            while chunk := f.read(1 << 20):  # an over-cap file: hashed whole, never kept
                digest.update(chunk)
            work.sha = digest.hexdigest()
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


def tamper_flags(nb: NotebookNode, mod: Module, gb, modul: str) -> list[str]:
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


def question_flags(nb: NotebookNode, mod: Module, peserta: str) -> list[str]:
    """Items answered to another question than the one their key was made for, by name (R29b).

    ``source/`` is checked before grading (``arsip.cocokkan``); the copy handed out is not: a
    trainer who exchanges two options in ``release/`` (what goes to the USB sticks) leaves
    ``source/`` whole, and his participants answer the edited question. The sheet carries the
    question each answer was given to; an item whose question text differs is named to the
    trainer (scored by the key as usual, so one participant typing into a question cell loses
    nothing silently either: the trainer judges that item by hand).
    """
    if not mod.sidik:
        return []
    from alaskaki_kunci.arsip import soal_kiriman_berbeda

    return [
        f"Soal butir {gid} di kiriman {peserta} berbeda dari soal yang kuncinya dibuat "
        "(pilihan ditukar, angka atau kalimat diubah di salinan yang dibagikan, atau diketik "
        "peserta di sel soal?). Nilai butir ini memakai kunci soal asli: bandingkan soal di "
        "kiriman dengan source/ dan nilai butir ini dengan tangan bila soalnya memang lain."
        for gid in soal_kiriman_berbeda(nb, mod.sidik)
    ]


def restore_metadata(nb: NotebookNode, mod: Module) -> None:
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


def prepare(gb, course: Course, mod: Module, peserta: str, key: str) -> Work:
    from nbgrader import utils as nbutils
    from nbgrader.preprocessors import ClearOutput

    work = Work(peserta, key)
    subdir = course.folder.submitted(peserta, mod.modul)
    work.submitted_dir = subdir
    work.timestamp = course.coursedir.get_existing_timestamp(str(subdir))
    nb = read_submission(subdir / f"{mod.modul}.ipynb", mod, work.flags, course.limits, work)
    work.flags += tamper_flags(nb, mod, gb, mod.modul)
    work.flags += question_flags(nb, mod, peserta)
    res = resources(course, mod.modul, peserta)
    restore_metadata(nb, mod)
    nb, _ = ClearOutput().preprocess(nb, res)
    nb = overwrite_cells(gb, course, nb, mod.modul, peserta)
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
    work.flags += static_flags(participant_code)
    return work
