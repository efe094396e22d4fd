"""Helpers shared by the module tests (tests/unit/exercises/test_m*.py): run a self-check, read and run
the instructor's source notebook. The split modules' own checks are in splitkit.py."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import nbformat


def run_check(cek, *value) -> str:
    """What a self-check prints for ``value`` (one argument per answer line)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        returned = cek(*value)
    assert returned is None  # the notebook shows the message only, not a stray True/False
    return out.getvalue()


def ok(capsys, check, *value) -> None:
    """A self-check prints a green tick (and nothing that looks like an error) for a right answer."""
    capsys.readouterr()
    check(*value)
    out = capsys.readouterr().out
    assert out.startswith("✅"), out


def solution_regions(source: Path) -> dict[str, str]:
    """grade id -> the code between BEGIN/END SOLUTION of that answer cell of a source notebook."""
    out = {}
    for cell in nbformat.read(source, as_version=4).cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            found = re.findall(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", cell.source, re.S)
            out[meta["grade_id"]] = "".join(found)
    return out


def run_source_as(source: Path, pid: str) -> tuple[dict, list[str]]:
    """Run the source notebook's code (solutions and test cells) for one participant, in process.

    Returns the namespace and the grade ids of the test cells that ran (a wrong answer raises
    AssertionError). Figures and widgets are skipped: they feed no answer.
    """
    nb = nbformat.read(source, as_version=4)
    ns: dict = {}
    graded = []
    for cell in nb.cells:
        if cell.cell_type != "code" or "plt." in cell.source or "alaskaki.widgets" in cell.source:
            continue
        src = cell.source.replace('ID_PESERTA = "contoh-01"', f"ID_PESERTA = {pid!r}")
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(src, f"<{cell.id}>", "exec"), ns)
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution"):
            graded.append(meta["grade_id"])
    return ns, graded
