"""The light gradebook reader (one query per table, no nbgrader import) reads exactly what
nbgrader's own Gradebook API reads: every student, assignment, cell, submission, grade and score,
with extensions, extra credit, late penalties, pending manual grades and a task cell."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from competencykit import M3, sample_workshop

from alaskaki.competency import gradebook as gbmod
from alaskaki.folder import Folder


@pytest.fixture(scope="module")
def workshop(tmp_path_factory):
    from nbgrader.api import Gradebook

    wdir = sample_workshop(tmp_path_factory.mktemp("gbr") / "w1")
    gb = Gradebook(f"sqlite:///{wdir / 'gradebook.db'}", course_id="alaskaki")
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


def _oracle(url: str) -> dict:
    """What nbgrader's own API says, in the reader's shape."""
    from nbgrader.api import Gradebook

    gb = Gradebook(url, course_id="alaskaki")
    try:
        out = {
            "students": {
                s.id: " ".join(x for x in (s.first_name, s.last_name) if x) for s in gb.students
            },
            "assignments": [],
        }
        for a in gb.assignments:
            cells = {}
            for nb in a.notebooks:
                for c in list(nb.grade_cells) + list(nb.task_cells):
                    cells[c.id] = (c.name, float(c.max_score or 0))
            subs = {}
            for s in a.submissions:
                notebooks = {}
                for snb in s.notebooks:
                    notebooks[snb.id] = (
                        snb.late_submission_penalty,
                        float(snb.score),
                        sorted(
                            (
                                g.cell_id,
                                g.name,
                                g.auto_score,
                                g.manual_score,
                                g.extra_credit,
                                g.needs_manual_grade,
                                float(g.score),
                            )
                            for g in snb.grades
                        ),
                    )
                subs[s.student_id] = (
                    s.timestamp,
                    s.duedate,
                    float(s.total_seconds_late or 0),
                    float(s.score),
                    float(s.max_score),
                    notebooks,
                )
            out["assignments"].append((a.name, a.duedate, cells, float(a.max_score), subs))
        return out
    finally:
        gb.close()


def _mine(rows: gbmod.GradebookRows) -> dict:
    out = {"students": rows.students, "assignments": []}
    for a in rows.assignments:
        subs = {}
        for pid, s in a.submissions.items():
            notebooks = {
                n.id: (
                    n.late_submission_penalty,
                    n.score,
                    sorted(
                        (
                            g.cell_id,
                            g.name,
                            g.auto_score,
                            g.manual_score,
                            g.extra_credit,
                            g.needs_manual_grade,
                            float(g.score),
                        )
                        for g in n.grades
                    ),
                )
                for n in s.notebooks
            }
            subs[pid] = (
                s.timestamp,
                s.duedate,
                float(s.total_seconds_late or 0),
                s.score,
                a.max_score,
                notebooks,
            )
        out["assignments"].append((a.name, a.duedate, a.cells, a.max_score, subs))
    return out


def test_reader_matches_nbgrader_api(workshop):
    url = Folder(workshop).checked_db_url(existing=True)
    mine, theirs = _mine(gbmod.read(url)), _oracle(url)
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
    """`alaskaki status` and reports read the gradebook without nbgrader's seconds-long import."""
    code = (
        "import sys; from alaskaki.competency.engine import read_workshop; "
        f"d = read_workshop({str(workshop)!r}); "
        "assert d.evidence['p01'], d; "
        "print(sorted(m for m in sys.modules if m == 'nbgrader' or m.startswith('nbgrader.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
