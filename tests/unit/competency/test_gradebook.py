"""The light gradebook reader (one query per table, no nbgrader import) reads exactly what
nbgrader's own Gradebook API reads: every student, assignment, cell, submission, grade and score,
with extensions, extra credit, late penalties, pending manual grades and a task cell."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from competencykit import M3, gradebook_oracle, reader_view, sample_workshop

from alaskaki.competency import gradebook as gbmod
from alaskaki.folder import Folder


@pytest.fixture(scope="module")
def workshop(tmp_path_factory):
    from nbgrader.api import Gradebook

    wdir = sample_workshop(tmp_path_factory.mktemp("gbr") / "w1")
    gb = Gradebook(f"sqlite:///{Folder(wdir).own_gradebook}", course_id="alaskaki")
    try:
        # the corners the sample cohort lacks: an extension, extra credit, a task cell, no duedate
        sub = gb.find_submission(M3, "p05")
        sub.extension = dt.timedelta(hours=30)
        g = gb.find_grade("m3_upah", M3, M3, "p01")
        g.extra_credit = 0.3
        gb.add_task_cell("m3_tugas", M3, M3, max_score=1.5, cell_type="markdown")
        gb.db.commit()
        gb.add_submission("m0-orientasi", "p06")
    finally:
        gb.close()
    return wdir


def test_reader_matches_nbgrader_api(workshop):
    url = Folder(workshop).checked_db_url(existing=True)
    mine, theirs = reader_view(gbmod.read(url)), gradebook_oracle(url)
    assert list(mine["students"].items()) == list(theirs["students"].items())
    assert [a[0] for a in mine["assignments"]] == [a[0] for a in theirs["assignments"]]
    for m, t in zip(mine["assignments"], theirs["assignments"], strict=True):
        assert m[:4] == t[:4], m[0]
        assert list(m[2]) == list(t[2]), m[0]  # the cells in nbgrader's order too
        assert m[4] == t[4], m[0]
    m3 = next(a for a in gbmod.read(url).assignments if a.name == M3)
    # the corners really are there (the comparison above is not vacuous)
    assert m3.submissions["p05"].duedate - m3.duedate == dt.timedelta(hours=30)
    assert any(g.extra_credit for n in m3.submissions["p01"].notebooks for g in n.grades)
    assert any(n.late_submission_penalty for n in m3.submissions["p05"].notebooks)
    assert m3.submissions["p03"].pending == 1  # studi kasus (the task cell came after it)
    assert "m3_tugas" in {name for name, _ in m3.cells.values()}


def test_reading_a_workshop_imports_no_nbgrader(workshop):
    """`alaskaki status` and reports read the gradebook without nbgrader's seconds-long import,
    and a SQLite one without SQLAlchemy's (issue 17 goal 4)."""
    code = (
        "import sys; from alaskaki.competency.engine import read_workshop; "
        f"d = read_workshop({str(workshop)!r}); "
        "assert d.evidence['p01'], d; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('nbgrader', 'sqlalchemy')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
