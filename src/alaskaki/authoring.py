"""Small factories for nbgrader notebooks, used by module authors and by the tests.

Notebooks in git keep no outputs, execution counts or editor metadata (:func:`clean_notebook`).
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

KEEP_CELL_METADATA = {"nbgrader", "tags", "alaskaki", "editable", "deletable"}
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _nbg(**kw) -> dict:
    meta = {"schema_version": 3, "grade": False, "solution": False, "locked": False}
    meta.update(kw)
    return meta


def md(text: str, *, locked: bool = False, grade_id: str | None = None) -> nbformat.NotebookNode:
    cell = new_markdown_cell(text.strip("\n"))
    if locked:
        cell.metadata["nbgrader"] = _nbg(locked=True, grade_id=grade_id or _auto_id(text))
    return cell


def code(src: str) -> nbformat.NotebookNode:
    return new_code_cell(src.strip("\n"))


def answer(grade_id: str, src: str) -> nbformat.NotebookNode:
    """An autograded answer cell: the solution between BEGIN/END SOLUTION markers."""
    cell = new_code_cell(src.strip("\n"))
    cell.metadata["nbgrader"] = _nbg(solution=True, grade_id=grade_id)
    return cell


def test(grade_id: str, points: float, src: str) -> nbformat.NotebookNode:
    """A locked autograder test cell."""
    cell = new_code_cell(src.strip("\n"))
    cell.metadata["nbgrader"] = _nbg(grade=True, locked=True, grade_id=grade_id, points=points)
    return cell


def manual(
    grade_id: str, points: float, text: str = "TULIS JAWABAN ANDA DI SINI", *, markdown: bool = True
):
    """A manually graded answer cell (scored by the trainer in the formgrader)."""
    cell = new_markdown_cell(text) if markdown else new_code_cell(text)
    cell.metadata["nbgrader"] = _nbg(solution=True, grade=True, grade_id=grade_id, points=points)
    return cell


def _auto_id(text: str) -> str:
    import hashlib

    return "md_" + hashlib.sha1(text.encode()).hexdigest()[:8]


def notebook(cells: list) -> nbformat.NotebookNode:
    nb = new_notebook(cells=cells)
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    return nb


def clean_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Strip outputs, execution counts, cell ids' noise and editor metadata, in place."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata = {k: v for k, v in cell.metadata.items() if k in KEEP_CELL_METADATA}
        cell.pop("attachments", None) if not cell.get("attachments") else None
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    return nb


def write_notebook(nb: nbformat.NotebookNode, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    clean_notebook(nb)
    nbformat.validate(nb)
    text = json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    path.write_text(text, encoding="utf-8")
    return path
