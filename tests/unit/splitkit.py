"""Shared checks for the modules split into two sessions (m4a/m4b, m5a/m5b, m7a/m7b; issue 15)."""

from __future__ import annotations

import contextlib
import re

import nbformat

from alaskaki import paths

#: an answer line of a released stub: one plain name set to None (issue 15 req. 1: a number, letter or word)
STUB = re.compile(r"^([A-Za-z_]\w*) = None\b")


def source_nb(modul: str) -> nbformat.NotebookNode:
    return nbformat.read(paths.SOURCE_DIR / modul / f"{modul}.ipynb", as_version=4)


def run_source(modul: str, pid: str) -> tuple[dict, int]:
    """Execute the instructor notebook's code cells (widgets skipped) for ``pid``: namespace, hidden tests run."""
    ns: dict = {
        "display": lambda *a, **k: None
    }  # IPython gives notebooks display(); plain exec does not
    tests = 0
    for cell in source_nb(modul).cells:
        if cell.cell_type != "code":
            continue
        src = cell.source.replace('ID_PESERTA = "contoh-01"', f'ID_PESERTA = "{pid}"')
        if "alaskaki.widgets" in src:
            continue  # widgets need a front end; they are exercised in their own tests
        with contextlib.redirect_stdout(None):
            exec(compile(src, "<cell>", "exec"), ns)
        tests += "### BEGIN HIDDEN TESTS" in src
    return ns, tests


def answer_stubs(modul: str) -> dict[str, list[str]]:
    """grade id of each answer cell -> the names its released stub asks for."""
    out = {}
    for cell in source_nb(modul).cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade_id", "").endswith("_id_peserta"):
            continue
        if cell.cell_type == "code" and meta.get("solution") and not meta.get("grade"):
            stub = cell.source.split("### BEGIN SOLUTION")[0]
            out[meta["grade_id"]] = [
                m.group(1) for line in stub.splitlines() if (m := STUB.match(line))
            ]
    return out


def stub_lines_are_plain(modul: str) -> list[str]:
    """Stub lines of graded answer cells that are not ``name = None  # comment``: must be none."""
    bad = []
    for cell in source_nb(modul).cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("solution") or meta.get("grade"):
            continue
        if meta["grade_id"].endswith("_id_peserta"):
            continue
        stub = cell.source.split("### BEGIN SOLUTION")[0]
        bad += [line for line in stub.splitlines() if line.strip() and not STUB.match(line)]
    return bad
