"""Read a whole nbgrader gradebook in a handful of queries, without importing nbgrader.

The competency engine (:func:`alaskaki.competency.engine.read_workshop`) and ``alaskaki status``
read every grade of a workshop. Through nbgrader's ORM that is one lazy query per participant,
module and notebook (minutes for a city-wide cohort), and ``import nbgrader.api`` alone costs
seconds, because nbgrader's package imports its server extensions, nbformat and jsonschema.

Here the same tables (names exactly as nbgrader's ``nbgrader.api`` declares them: it is nbgrader's
schema, read-only) are read with one query per table, written once in plain SQL that SQLite and
PostgreSQL both run: SQLite through the standard library's ``sqlite3`` (times converted as
SQLAlchemy stores them there), any other database through SQLAlchemy. Derived values follow
nbgrader's definitions:

* ``Grade.score``: manual score (+ extra credit) when set, else auto score (+ extra credit), else 0;
* ``SubmittedNotebook.score`` / ``SubmittedAssignment.score``: the database's ``SUM`` of the
  grades' scores (summed by the database, as nbgrader does, so the floats are the same);
* ``SubmittedAssignment.duedate``: the assignment's due date plus the participant's extension;
* ``Assignment.max_score``: the sum of its grade and task cells' ``max_score``.

The caller opens nothing itself: :func:`read` takes a database URL that
:class:`alaskaki.folder.Folder` located and checked (a missing or corrupt gradebook is refused
there). Equality with nbgrader's own API is proven by ``tests/unit/competency/test_gradebook.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Grade:
    cell_id: str
    name: str
    auto_score: float | None
    manual_score: float | None
    extra_credit: float | None
    needs_manual_grade: bool

    @property
    def score(self) -> float:
        extra = self.extra_credit if self.extra_credit is not None else 0.0
        if self.manual_score is not None:
            return self.manual_score + extra
        if self.auto_score is not None:
            return self.auto_score + extra
        return 0.0

    @property
    def graded(self) -> bool:
        """Scored by the trainer, or by the autograder with no manual grade pending."""
        return self.manual_score is not None or (
            self.auto_score is not None and not self.needs_manual_grade
        )


@dataclass
class SubmittedNotebook:
    id: str
    late_submission_penalty: float | None
    score: float  # the database's SUM of its grades' scores (0.0 without grades)
    grades: list[Grade] = field(default_factory=list)


@dataclass
class Submission:
    id: str
    student_id: str
    timestamp: dt.datetime | None
    duedate: dt.datetime | None  # the assignment's due date plus the extension
    score: float
    notebooks: list[SubmittedNotebook] = field(default_factory=list)

    @property
    def total_seconds_late(self) -> float:
        if self.timestamp is None or self.duedate is None:
            return 0
        return max(0, (self.timestamp - self.duedate).total_seconds())

    @property
    def pending(self) -> int:
        """Cells nobody has scored yet (the trainer's rubric cells, usually)."""
        return sum(not g.graded for nb in self.notebooks for g in nb.grades)


@dataclass
class Assignment:
    id: str
    name: str
    duedate: dt.datetime | None
    cells: dict[str, tuple[str, float]] = field(default_factory=dict)  # cell id → (name, max)
    max_score: float = 0.0  # the database's SUM, as nbgrader's Assignment.max_score
    submissions: dict[str, Submission] = field(default_factory=dict)  # by student id

    @property
    def total_max(self) -> float:
        """Σ max_score of its cells, added in nbgrader's notebook order (what the engine reports)."""
        return sum((m for _, m in self.cells.values()), 0.0)


@dataclass
class GradebookRows:
    students: dict[str, str]  # id → "first last", in nbgrader's order (last name, first name)
    assignments: list[Assignment]  # nbgrader's order (due date, name)

    def assignment(self, name: str) -> Assignment | None:
        return next((a for a in self.assignments if a.name == name), None)


# nbgrader's schema, read-only: the columns ``nbgrader.api`` declares, one query per table (or per
# join), written once as plain SQL that SQLite and PostgreSQL both run. Column names are always
# qualified ("timestamp" is a type name in PostgreSQL).
_SCORE = (  # nbgrader's Grade.score, summed by the database itself, as nbgrader does
    "CASE WHEN grade.manual_score IS NOT NULL THEN grade.manual_score + {extra} "
    "WHEN grade.auto_score IS NOT NULL THEN grade.auto_score + {extra} ELSE 0.0 END"
).format(extra="(CASE WHEN grade.extra_credit IS NOT NULL THEN grade.extra_credit ELSE 0.0 END)")
_CELLS = (
    "FROM {cells} JOIN base_cell ON base_cell.id = {cells}.id "
    "JOIN notebook ON notebook.id = base_cell.notebook_id"
)
QUERIES = {
    "students": "SELECT student.id, student.first_name, student.last_name FROM student "
    "ORDER BY student.last_name, student.first_name",
    "assignments": "SELECT assignment.id, assignment.name, assignment.duedate FROM assignment "
    "ORDER BY assignment.duedate, assignment.name",
    **{
        f"cells:{kind}": "SELECT notebook.assignment_id, notebook.name, base_cell.id, "
        f"base_cell.name, {kind}.max_score " + _CELLS.format(cells=kind)
        for kind in ("grade_cells", "task_cells")
    },
    **{
        f"max_score:{kind}": f"SELECT notebook.assignment_id, SUM({kind}.max_score) "
        + _CELLS.format(cells=kind)
        + " GROUP BY notebook.assignment_id"
        for kind in ("grade_cells", "task_cells")
    },
    "submissions": "SELECT submitted_assignment.id, submitted_assignment.assignment_id, "
    "submitted_assignment.student_id, submitted_assignment.timestamp, "
    "submitted_assignment.extension FROM submitted_assignment",
    "notebooks": "SELECT submitted_notebook.id, submitted_notebook.assignment_id, "
    "submitted_notebook.late_submission_penalty, nb_score.s FROM submitted_notebook "
    f"LEFT OUTER JOIN (SELECT grade.notebook_id AS notebook_id, COALESCE(SUM({_SCORE}), 0.0) AS s "
    "FROM grade GROUP BY grade.notebook_id) AS nb_score "
    "ON nb_score.notebook_id = submitted_notebook.id ORDER BY submitted_notebook.assignment_id",
    "submission_scores": "SELECT submitted_notebook.assignment_id, "
    f"COALESCE(SUM({_SCORE}), 0.0) FROM grade "
    "JOIN submitted_notebook ON submitted_notebook.id = grade.notebook_id "
    "GROUP BY submitted_notebook.assignment_id",
    "grades": "SELECT grade.notebook_id, grade.cell_id, base_cell.name, grade.auto_score, "
    "grade.manual_score, grade.extra_credit, grade.needs_manual_grade FROM grade "
    "LEFT OUTER JOIN base_cell ON base_cell.id = grade.cell_id",
}


def _sqlite_path(db_url: str) -> str | None:
    """The file of a plain ``sqlite:///PATH`` URL (what :class:`alaskaki.folder.Folder` gives)."""
    prefix = "sqlite:///"
    if not db_url.startswith(prefix) or "?" in db_url:
        return None
    path = db_url[len(prefix) :]
    return path if path and path != ":memory:" else None


_EPOCH = dt.datetime(1970, 1, 1)


def _sqlite_time(value) -> dt.datetime | None:
    """A DateTime column as SQLAlchemy stores it in SQLite ("2026-12-01 09:00:00.000000")."""
    return None if value is None else dt.datetime.fromisoformat(value)


def _sqlite_interval(value) -> dt.timedelta | None:
    """An Interval column in SQLite: SQLAlchemy stores the epoch plus the interval as a DateTime."""
    return None if value is None else dt.datetime.fromisoformat(value) - _EPOCH


class _Rows:
    """Runs :data:`QUERIES` on the gradebook; rows come back with Python types on both databases.

    SQLite is read with the standard library's ``sqlite3`` (importing SQLAlchemy was ≈ 15 % of
    `alaskaki status`, issue 17 goal 4): its times are text there and are converted as SQLAlchemy
    converts them. Any other database goes through SQLAlchemy, whose driver gives those types.
    """

    def __init__(self, db_url: str):
        path = _sqlite_path(db_url)
        self._sqlite = None
        self._engine = self._con = None
        if path is not None:
            import sqlite3

            self._sqlite = sqlite3.connect(path)
        else:
            import sqlalchemy as sa

            self._engine = sa.create_engine(db_url)
            self._con = self._engine.connect()

    def __call__(self, name: str) -> list[tuple]:
        sql = QUERIES[name]
        if self._sqlite is None:
            return [tuple(r) for r in self._con.exec_driver_sql(sql)]
        rows = self._sqlite.execute(sql).fetchall()
        if name == "assignments":
            return [(i, n, _sqlite_time(d)) for i, n, d in rows]
        if name == "submissions":
            return [(i, a, s, _sqlite_time(t), _sqlite_interval(e)) for i, a, s, t, e in rows]
        return rows

    def close(self) -> None:
        if self._sqlite is not None:
            self._sqlite.close()
        if self._con is not None:
            self._con.close()
            self._engine.dispose()


def read(db_url: str) -> GradebookRows:
    """Every student, assignment, cell, submission and grade of the gradebook at ``db_url``."""
    rows = _Rows(db_url)
    try:
        students = {
            sid: " ".join(x for x in (first, last) if x) for sid, first, last in rows("students")
        }
        assignments = [Assignment(id=i, name=n, duedate=d) for i, n, d in rows("assignments")]
        by_id = {x.id: x for x in assignments}
        # cells: grade cells before task cells, notebooks by name (nbgrader's relationship order)
        for kind, cells in enumerate(("grade_cells", "task_cells")):
            for aid, _nbname, cid, cname, maks in sorted(
                rows(f"cells:{cells}"), key=lambda r: (r[0], r[1])
            ):
                if aid in by_id:
                    by_id[aid].cells[cid] = (kind, _nbname, cname, float(maks or 0))
        for x in assignments:
            order = sorted(x.cells.items(), key=lambda kv: (kv[1][1], kv[1][0]))
            x.cells = {cid: (v[2], v[3]) for cid, v in order}
            x.max_score = 0.0
        for cells in ("grade_cells", "task_cells"):
            for aid, total in rows(f"max_score:{cells}"):
                if aid in by_id:
                    by_id[aid].max_score += float(total or 0.0)

        subs: dict[str, Submission] = {}
        for sid, aid, pid, ts, ext in rows("submissions"):
            owner = by_id.get(aid)
            if owner is None:
                continue
            due = owner.duedate
            if due is not None and ext is not None:
                due = due + ext
            sub = Submission(id=sid, student_id=pid, timestamp=ts, duedate=due, score=0.0)
            subs[sid] = sub
            owner.submissions[pid] = sub
        notebooks: dict[str, SubmittedNotebook] = {}
        for nid, said, penalty, s in rows("notebooks"):
            sub = subs.get(said)
            if sub is None:
                continue
            n = SubmittedNotebook(id=nid, late_submission_penalty=penalty, score=float(s or 0.0))
            notebooks[nid] = n
            sub.notebooks.append(n)
        for said, s in rows("submission_scores"):
            if said in subs:
                subs[said].score = float(s)
        for nid, cid, cname, auto, manual, extra, needs in rows("grades"):
            n = notebooks.get(nid)
            if n is not None:
                n.grades.append(Grade(cid, cname, auto, manual, extra, bool(needs)))
    finally:
        rows.close()
    return GradebookRows(students=students, assignments=assignments)
