"""Read a whole nbgrader gradebook in a handful of queries, without importing nbgrader.

The competency engine (:func:`alaskaki.competency.engine.read_workshop`) and ``alaskaki status``
read every grade of a workshop. Through nbgrader's ORM that is one lazy query per participant,
module and notebook (minutes for a city-wide cohort), and ``import nbgrader.api`` alone costs
seconds, because nbgrader's package imports its server extensions, nbformat and jsonschema.

Here the same tables are described with SQLAlchemy Core (names and types exactly as nbgrader's
``nbgrader.api`` declares them: it is nbgrader's schema, read-only) and read with one query per
table, on SQLite and PostgreSQL alike. Derived values follow nbgrader's definitions:

* ``Grade.score``: manual score (+ extra credit) when set, else auto score (+ extra credit), else 0;
* ``SubmittedNotebook.score`` / ``SubmittedAssignment.score``: the database's ``SUM`` of the
  grades' scores (summed by the database, as nbgrader does, so the floats are the same);
* ``SubmittedAssignment.duedate``: the assignment's due date plus the participant's extension;
* ``Assignment.max_score``: the sum of its grade and task cells' ``max_score``.

The caller opens nothing itself: :func:`read` takes a SQLAlchemy URL that
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


def _tables():
    import sqlalchemy as sa

    md = sa.MetaData()
    t = {}
    t["student"] = sa.Table(
        "student",
        md,
        sa.Column("id", sa.String(128), primary_key=True),
        sa.Column("first_name", sa.String(128)),
        sa.Column("last_name", sa.String(128)),
    )
    t["assignment"] = sa.Table(
        "assignment",
        md,
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(128)),
        sa.Column("duedate", sa.DateTime()),
    )
    t["notebook"] = sa.Table(
        "notebook",
        md,
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(128)),
        sa.Column("assignment_id", sa.String(32)),
    )
    t["base_cell"] = sa.Table(
        "base_cell",
        md,
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(128)),
        sa.Column("notebook_id", sa.String(32)),
    )
    for name in ("grade_cells", "task_cells"):
        t[name] = sa.Table(
            name,
            md,
            sa.Column("id", sa.String(32), primary_key=True),
            sa.Column("max_score", sa.Float()),
        )
    t["submitted_assignment"] = sa.Table(
        "submitted_assignment",
        md,
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("assignment_id", sa.String(32)),
        sa.Column("student_id", sa.String(128)),
        sa.Column("timestamp", sa.DateTime()),
        sa.Column("extension", sa.Interval()),
    )
    t["submitted_notebook"] = sa.Table(
        "submitted_notebook",
        md,
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("assignment_id", sa.String(32)),
        sa.Column("late_submission_penalty", sa.Float()),
    )
    t["grade"] = sa.Table(
        "grade",
        md,
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("notebook_id", sa.String(32)),
        sa.Column("cell_id", sa.String(32)),
        sa.Column("auto_score", sa.Float()),
        sa.Column("manual_score", sa.Float()),
        sa.Column("extra_credit", sa.Float()),
        sa.Column("needs_manual_grade", sa.Boolean()),
    )
    return t


def _grade_score(g):
    """nbgrader's ``Grade.score`` as a SQL expression (for the database's own SUM)."""
    import sqlalchemy as sa

    extra = sa.case(
        (g.c.extra_credit.is_not(None), g.c.extra_credit), else_=sa.literal_column("0.0")
    )
    return sa.case(
        (g.c.manual_score.is_not(None), g.c.manual_score + extra),
        (g.c.auto_score.is_not(None), g.c.auto_score + extra),
        else_=sa.literal_column("0.0"),
    )


def read(db_url: str) -> GradebookRows:
    """Every student, assignment, cell, submission and grade of the gradebook at ``db_url``."""
    import sqlalchemy as sa

    t = _tables()
    st, a, nb, bc = t["student"], t["assignment"], t["notebook"], t["base_cell"]
    sa_, snb, g = t["submitted_assignment"], t["submitted_notebook"], t["grade"]
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as con:
            students = {
                sid: " ".join(x for x in (first, last) if x)
                for sid, first, last in con.execute(
                    sa.select(st.c.id, st.c.first_name, st.c.last_name).order_by(
                        st.c.last_name, st.c.first_name
                    )
                )
            }
            assignments = [
                Assignment(id=i, name=n, duedate=d)
                for i, n, d in con.execute(
                    sa.select(a.c.id, a.c.name, a.c.duedate).order_by(a.c.duedate, a.c.name)
                )
            ]
            by_id = {x.id: x for x in assignments}
            # cells: grade cells before task cells, notebooks by name (nbgrader's relationship order)
            for kind, cells in enumerate((t["grade_cells"], t["task_cells"])):
                q = (
                    sa.select(nb.c.assignment_id, nb.c.name, bc.c.id, bc.c.name, cells.c.max_score)
                    .select_from(cells.join(bc, bc.c.id == cells.c.id))
                    .join(nb, nb.c.id == bc.c.notebook_id)
                )
                rows = sorted(con.execute(q), key=lambda r: (r[0], r[1]))
                for aid, _nbname, cid, cname, maks in rows:
                    if aid in by_id:
                        by_id[aid].cells[cid] = (kind, _nbname, cname, float(maks or 0))
            for x in assignments:
                order = sorted(x.cells.items(), key=lambda kv: (kv[1][1], kv[1][0]))
                x.cells = {cid: (v[2], v[3]) for cid, v in order}
                x.max_score = 0.0
            for aid, total in con.execute(
                sa.select(nb.c.assignment_id, sa.func.sum(t["grade_cells"].c.max_score))
                .select_from(t["grade_cells"].join(bc, bc.c.id == t["grade_cells"].c.id))
                .join(nb, nb.c.id == bc.c.notebook_id)
                .group_by(nb.c.assignment_id)
            ):
                if aid in by_id:
                    by_id[aid].max_score += float(total or 0.0)
            for aid, total in con.execute(
                sa.select(nb.c.assignment_id, sa.func.sum(t["task_cells"].c.max_score))
                .select_from(t["task_cells"].join(bc, bc.c.id == t["task_cells"].c.id))
                .join(nb, nb.c.id == bc.c.notebook_id)
                .group_by(nb.c.assignment_id)
            ):
                if aid in by_id:
                    by_id[aid].max_score += float(total or 0.0)

            subs: dict[str, Submission] = {}
            for sid, aid, pid, ts, ext in con.execute(
                sa.select(
                    sa_.c.id,
                    sa_.c.assignment_id,
                    sa_.c.student_id,
                    sa_.c.timestamp,
                    sa_.c.extension,
                )
            ):
                owner = by_id.get(aid)
                if owner is None:
                    continue
                due = owner.duedate
                if due is not None and ext is not None:
                    due = due + ext
                sub = Submission(id=sid, student_id=pid, timestamp=ts, duedate=due, score=0.0)
                subs[sid] = sub
                owner.submissions[pid] = sub
            score = _grade_score(g)
            nb_score = (
                sa.select(g.c.notebook_id, sa.func.coalesce(sa.func.sum(score), 0.0).label("s"))
                .group_by(g.c.notebook_id)
                .subquery()
            )
            notebooks: dict[str, SubmittedNotebook] = {}
            for nid, said, penalty, s in con.execute(
                sa.select(
                    snb.c.id, snb.c.assignment_id, snb.c.late_submission_penalty, nb_score.c.s
                )
                .select_from(snb.outerjoin(nb_score, nb_score.c.notebook_id == snb.c.id))
                .order_by(snb.c.assignment_id)
            ):
                sub = subs.get(said)
                if sub is None:
                    continue
                n = SubmittedNotebook(
                    id=nid, late_submission_penalty=penalty, score=float(s or 0.0)
                )
                notebooks[nid] = n
                sub.notebooks.append(n)
            for said, s in con.execute(
                sa.select(snb.c.assignment_id, sa.func.coalesce(sa.func.sum(score), 0.0))
                .select_from(g.join(snb, snb.c.id == g.c.notebook_id))
                .group_by(snb.c.assignment_id)
            ):
                if said in subs:
                    subs[said].score = float(s)
            for nid, cid, cname, auto, manual, extra, needs in con.execute(
                sa.select(
                    g.c.notebook_id,
                    g.c.cell_id,
                    bc.c.name,
                    g.c.auto_score,
                    g.c.manual_score,
                    g.c.extra_credit,
                    g.c.needs_manual_grade,
                ).select_from(g.outerjoin(bc, bc.c.id == g.c.cell_id))
            ):
                n = notebooks.get(nid)
                if n is not None:
                    n.grades.append(Grade(cid, cname, auto, manual, extra, bool(needs)))
    finally:
        engine.dispose()
    return GradebookRows(students=students, assignments=assignments)
