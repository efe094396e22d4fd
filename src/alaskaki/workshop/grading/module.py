"""The workshop and the module being graded: read once per run, before any submission."""

from __future__ import annotations

import ast
import builtins
import contextlib
import copy
import io
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from alaskaki.errors import EXIT_NOT_FOUND, AlaskakiError
from alaskaki.folder import Folder
from alaskaki.workshop import sandbox as sb
from alaskaki.workshop.limits import DEFAULT as DEFAULT_LIMITS
from alaskaki.workshop.limits import Limits
from alaskaki.workshop.limits import for_workshop as limits_for


@dataclass
class Course:
    """The workshop as the grader uses it (nbgrader's config and course directory, the caps)."""

    root: Path
    config: object
    coursedir: object
    db_url: str
    course_id: str
    limits: Limits = DEFAULT_LIMITS
    folder: Folder | None = None  # the one locator of the workshop's files


def load_course(workshop_dir) -> Course:
    """The workshop through the kit's one locator (gradebook URL resolved from the folder)."""
    from nbgrader.coursedir import CourseDirectory

    folder = Folder.open(workshop_dir)
    # a lost gradebook is refused here, before nbgrader's Gradebook() would recreate it empty
    folder.check_gradebook()
    cfg = folder.config()
    coursedir = CourseDirectory(config=cfg)
    return Course(
        folder.root,
        cfg,
        coursedir,
        cfg.CourseDirectory.db_url,
        cfg.CourseDirectory.course_id,
        limits_for(folder.root),
        folder,
    )


@dataclass
class TestCell:
    grade_id: str
    source: str  # instructor source, hidden tests included
    released: str  # what the participant's copy shows
    points: float
    names: list[str]  # variables it reads from the participant's answers


@dataclass
class Module:
    modul: str
    source_path: Path
    source_bytes: bytes
    setup: str  # first code cell of the instructor source
    preload: list[str]
    tests: dict[str, TestCell]
    grade_ids: set[str]
    base_names: set[str]
    meta: dict[str, dict]  # grade_id -> the source cell's nbgrader metadata
    order: list[str]  # grade ids in source order
    # grade id -> fingerprint of the question its key was made for (sidik=, R29b); empty for old forms
    sidik: dict[str, str] = field(default_factory=dict)


def load_module(course: Course, modul: str, form: Path | None = None) -> Module:
    """The module's source, read once; ``form``: an earlier round's archived uji form instead."""
    from nbgrader import utils as nbutils
    from nbgrader.preprocessors import ClearHiddenTests

    path = form or course.folder.source_notebook(modul)
    if not path.is_file():
        raise AlaskakiError(
            f"Modul '{modul}' tidak ada di lokakarya ini (tidak ada {path.relative_to(course.root)}).",
            exit_code=EXIT_NOT_FOUND,
        )
    raw = path.read_bytes()
    try:
        nb = nbformat.reads(raw.decode("utf-8"), as_version=4)
    except (ValueError, AttributeError, TypeError) as err:  # cut or odd JSON (R63)
        if form is None:
            raise course.folder.cut_source(modul, "dinilai") from err
        raise AlaskakiError(
            f"Formulir {modul} putaran lama {path} rusak atau terpotong; hasil putaran itu tidak "
            "dapat dinilai ulang. Kembalikan berkas itu dari cadangan lokakarya.",
            exit_code=EXIT_NOT_FOUND,
        ) from err
    _frozen_key(nb, modul)
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    # The setup cell is the one that imports the exercises and sets ID_PESERTA (docs/architecture.md);
    # a module may open with a plain demo cell before it (m0 does).
    setup_cells = [
        c for c in code_cells if "ID_PESERTA" in c.source and "alaskaki.exercises" in c.source
    ]
    setup = (setup_cells or code_cells or [nbformat.v4.new_code_cell("")])[0].source
    preload = notebook_preload([c.source for c in code_cells])
    base_names = set(trusted_namespace(setup, "__demo__").keys())
    released_nb = ClearHiddenTests().preprocess(copy.deepcopy(nb), {})[0]
    tests: dict[str, TestCell] = {}
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
            tests[gid] = TestCell(
                gid,
                cell.source,
                rel.source,
                float(cell.metadata["nbgrader"]["points"]),
                free_names(cell.source, base_names),
            )
    return Module(
        modul, path, raw, setup, preload, tests, grade_ids, base_names, meta, list(meta), _sidik(nb)
    )


def notebook_preload(code_sources: list[str]) -> list[str]:
    """Every module a notebook's code cells import: imported once per warm sandbox, not once per
    submission. The judge-only packages (imported by hidden tests) are left out."""
    return list(
        dict.fromkeys(
            m
            for src in code_sources
            for m in imported_modules(src)
            if m.split(".")[0] not in sb.HIDDEN_PACKAGES
        )
    )


def _sidik(nb) -> dict[str, str]:
    try:
        from alaskaki_kunci.arsip import sidik_form
    except ImportError:  # a participant install has no key; it never grades
        return {}
    return sidik_form(nb)


def _frozen_key(nb, modul: str) -> None:
    """An uji form is graded only by a key made for the very questions it shows, in place.

    A form made before forms carried their key gets the key of ITS items (T8), looked up by each
    item's question text (:func:`alaskaki_kunci.arsip.lengkapi`), so a kit update never regrades a
    workshop's old form by the kit's newer items. A form carrying its key also carries each
    question's fingerprint (``sidik=``): a question edited by hand since is refused by name
    (:func:`alaskaki_kunci.arsip.cocokkan`, red team R29), never graded by the stale key.
    """
    try:
        from alaskaki_kunci.arsip import (
            KunciLamaTidakDikenal,
            SoalDiubah,
            cocokkan,
            lengkapi,
            soal_diubah,
        )
    except ImportError:  # a participant install has no key; it never grades
        return
    try:
        lengkapi(nb)
    except KunciLamaTidakDikenal as err:
        raise AlaskakiError(
            f"Formulir {modul} di lokakarya ini dibuat dengan kit lama, dan teks soal butir "
            f"{', '.join(err.butir)} tidak dikenal kit ini (diubah sesudah formulir dibuat?), "
            "sehingga kuncinya tidak bisa dipastikan. Kembalikan teks soal itu di source/ persis "
            "seperti saat dibagikan ke peserta, lalu jalankan grade lagi."
        ) from err
    try:
        cocokkan(nb)
    except SoalDiubah as err:
        raise AlaskakiError(soal_diubah(modul, err.butir)) from err


def imported_modules(setup: str) -> list[str]:
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
            out += [
                f"{node.module}.{a.name}" for a in node.names if _is_submodule(node.module, a.name)
            ]
    return list(dict.fromkeys(out))


def _is_submodule(package: str, name: str) -> bool:
    """Whether ``package.name`` is a module (``from package import name`` imports it), found
    without running ``package`` itself: ``importlib.util.find_spec("package.name")`` would import
    it into the grader, and a widget module pulls in matplotlib and ipywidgets (≈1 s of CPU per
    grading run, issue 17) that only the sandbox needs. Only ``package``'s parents are imported."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(package)
    except Exception:  # noqa: BLE001 - a missing parent: not a module we can preload
        return False
    locations = spec.submodule_search_locations if spec is not None else None
    if not locations:  # a plain module has no submodules: ``name`` is one of its attributes
        return False
    full = f"{package}.{name}"
    for finder in sys.meta_path:
        find = getattr(finder, "find_spec", None)
        try:
            if find is not None and find(full, list(locations)) is not None:
                return True
        except Exception:  # noqa: BLE001 - a finder that cannot answer for this path
            continue
    return False


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


def trusted_namespace(setup: str, peserta: str) -> dict:
    ns: dict = {"__name__": "__main__", "ID_PESERTA": peserta}
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(compile(_setup_without_id(setup), "<setup>", "exec"), ns)  # noqa: S102 - instructor code
    ns.pop("__builtins__", None)
    return ns


def free_names(source: str, known: set[str]) -> list[str]:
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
