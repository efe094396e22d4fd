"""The notebook factories module authors and tests use: nbgrader reads each cell as the kind it was
made as, and a notebook written for git keeps the kit's cell metadata and nothing of a run."""

from __future__ import annotations

import nbformat
from nbgrader import utils as nbutils

from alaskaki import authoring as a


def test_nbgrader_reads_each_cell_as_the_kind_it_was_made_as():
    ans, test, man = (
        a.answer("m3_a", "x = 1"),
        a.test("m3_a_uji", 2, "assert x"),
        a.manual("m3_s", 4),
    )
    assert nbutils.is_solution(ans) and not nbutils.is_grade(ans)
    assert nbutils.is_grade(test) and nbutils.is_locked(test) and not nbutils.is_solution(test)
    assert nbutils.is_solution(man) and nbutils.is_grade(man) and man.cell_type == "markdown"
    assert (
        test.metadata["nbgrader"]["points"] == 2
        and test.metadata["nbgrader"]["grade_id"] == "m3_a_uji"
    )
    locked = a.md("Bacaan.", locked=True)
    assert nbutils.is_locked(locked) and locked.metadata["nbgrader"]["grade_id"].startswith("md_")
    assert a.md("Bacaan.", locked=True).metadata == locked.metadata  # same text, same id


def test_a_notebook_written_for_git_keeps_the_kit_s_metadata_and_nothing_of_a_run(tmp_path):
    ans = a.answer("m3_a", "x = 1")
    ans.metadata["alaskaki"] = {"kriteria": "BYA-01.1"}
    ans.metadata["tags"] = ["jawaban"]
    ans.metadata["collapsed"] = True  # editor state
    ans.metadata["ExecuteTime"] = {"end_time": "2026-12-04"}
    ans.outputs = [nbformat.v4.new_output("stream", name="stdout", text="1\n")]
    ans.execution_count = 7
    nb = a.notebook([a.md("# Judul"), ans])
    nb.metadata["widgets"] = {"state": {}}

    path = a.write_notebook(nb, tmp_path / "sub" / "m.ipynb")
    back = nbformat.read(path, as_version=4)
    cell = back.cells[1]
    assert cell.outputs == [] and cell.execution_count is None
    assert set(cell.metadata) == {"nbgrader", "alaskaki", "tags"}
    assert cell.metadata["alaskaki"] == {"kriteria": "BYA-01.1"}
    assert set(back.metadata) == {"kernelspec", "language_info"}
    nbformat.validate(back)


def test_writing_the_same_notebook_twice_gives_the_same_bytes(tmp_path):
    first = a.write_notebook(
        a.notebook([a.md("# A"), a.answer("g", "y = 2")]), tmp_path / "1.ipynb"
    )
    nb = nbformat.read(first, as_version=4)
    second = a.write_notebook(nb, tmp_path / "2.ipynb")
    assert first.read_bytes() == second.read_bytes()
