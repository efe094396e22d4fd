"""Hand-made workshops for tests, docs and benchmarks, built with nbgrader's real Gradebook API.

    wb = WorkshopBuilder(tmp / "w1", name="Lokakarya 1", created="2026-01-10T08:00:00+00:00")
    wb.module("m3-biaya-produksi", {"m3_upah": 2, "m3_studi_kasus": 4}, manual=["m3_studi_kasus"],
              duedate="2026-01-12 17:00:00")
    wb.participant("p01", nama="Siti Aminah", ikm="CV Contoh", kelurahan="Miji", jenis_kelamin="P", peran="admin")
    wb.submit("p01", "m3-biaya-produksi", {"m3_upah": 2}, manual={"m3_studi_kasus": 3},
              timestamp="2026-01-12 16:00:00")
    wb.close()

``submit`` scores: a cell in ``scores`` is autograded with that score; a cell in ``manual`` gets
that manual score (overriding any auto score); any other cell stays ungraded (needs manual grade).
The builder also writes ``source/<module>/<module>.ipynb`` with the same graded cells, so a
framework can be validated against the workshop, and ``peserta.csv`` / ``lokakarya.json``.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from alaskaki import authoring

from .engine import ROSTER_FIELDS


class WorkshopBuilder:
    def __init__(
        self,
        folder: str | Path,
        *,
        name: str = "Lokakarya contoh",
        created: str = "",
        course_id: str = "alaskaki",
    ):
        from nbgrader.api import Gradebook

        self.dir = Path(folder)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.course_id = course_id
        (self.dir / "lokakarya.json").write_text(
            json.dumps(
                {"name": name, "course_id": course_id, "created": created}, ensure_ascii=False
            ),
            encoding="utf-8",
        )
        self.gb = Gradebook(f"sqlite:///{self.dir / 'gradebook.db'}", course_id=course_id)
        self.roster: list[dict[str, str]] = []
        self.cells: dict[str, dict[str, float]] = {}

    def module(
        self,
        module: str,
        cells: dict[str, float],
        *,
        manual: list[str] | tuple[str, ...] = (),
        duedate: str | None = None,
        write_source: bool = True,
    ) -> None:
        kw = {"duedate": duedate} if duedate else {}
        self.gb.add_assignment(module, course_id=self.course_id, **kw)
        self.gb.add_notebook(module, module)
        nb_cells = []
        for gid, points in cells.items():
            if gid in manual:
                self.gb.add_grade_cell(gid, module, module, max_score=points, cell_type="markdown")
                self.gb.add_solution_cell(gid, module, module)
                nb_cells.append(authoring.manual(gid, points))
            else:
                self.gb.add_grade_cell(gid, module, module, max_score=points, cell_type="code")
                nb_cells.append(authoring.test(gid, points, f'"""Memeriksa {gid}."""\nassert True'))
        self.cells[module] = dict(cells)
        if write_source:
            authoring.write_notebook(
                authoring.notebook(nb_cells), self.dir / "source" / module / f"{module}.ipynb"
            )

    def participant(self, pid: str, **attrs: str) -> None:
        self.gb.add_student(pid, first_name=attrs.get("nama", ""))
        self.roster.append({"id": pid, **{k: attrs.get(k, "") for k in ROSTER_FIELDS if k != "id"}})

    def submit(
        self,
        pid: str,
        module: str,
        scores: dict[str, float],
        *,
        manual: dict[str, float] | None = None,
        timestamp: str | None = None,
        penalty: float | None = None,
    ) -> None:
        kw = {"timestamp": timestamp} if timestamp else {}
        self.gb.add_submission(module, pid, **kw)
        manual = manual or {}
        for gid in self.cells[module]:
            grade = self.gb.find_grade(gid, module, module, pid)
            if gid in scores:
                grade.auto_score = float(scores[gid])
                grade.needs_manual_grade = False
            if gid in manual:
                grade.manual_score = float(manual[gid])
                grade.needs_manual_grade = False
        if penalty is not None:
            snb = self.gb.find_submission_notebook(module, module, pid)
            snb.late_submission_penalty = float(penalty)
        self.gb.db.commit()

    def close(self) -> Path:
        self.gb.close()
        with (self.dir / "peserta.csv").open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(ROSTER_FIELDS))
            w.writeheader()
            w.writerows(self.roster)
        return self.dir
