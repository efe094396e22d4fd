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


# --- the sample cohort: one small workshop that walks every competency rule --------------------

M3 = "m3-biaya-produksi"
M3_CELLS = {"m3_luas_kulit": 1, "m3_biaya_kulit": 1, "m3_upah": 2, "m3_studi_kasus": 4}
TEST_CELLS = {"as_bya_1": 2, "as_bya_2": 2, "as_eks_1": 2}

SAMPLE_FRAMEWORK_YML = """
versi: 1
ambang: 0.7
unit:
  - kode: BYA-01
    judul: Menghitung harga pokok produksi alas kaki
    modul: [m3-biaya-produksi]
    elemen:
      - no: 1
        judul: Menghitung biaya bahan
        kriteria:
          - kode: BYA-01.1.1
            judul: Luas kulit dan susut potong dihitung
            bukti: [m3_luas_kulit, m3_biaya_kulit]
          - kode: BYA-01.1.2
            judul: Upah per pasang dihitung
            bukti: [m3_upah]
            ambang: 0.5
      - no: 2
        judul: Menetapkan HPP
        kriteria:
          - kode: BYA-01.2.1
            judul: Studi kasus HPP diselesaikan
            bukti: [m3_studi_kasus]
  - kode: EKS-01
    judul: Menyiapkan legalitas dan prosedur ekspor mandiri
    modul: [m1-ekspor-mandiri]
    elemen:
      - no: 1
        judul: Menjelaskan ekspor mandiri
        kriteria:
          - kode: EKS-01.1.1
            judul: Alasan ekspor mandiri dijelaskan
            bukti: []
latihan: [m0-orientasi]
asesmen:
  awal: asesmen-awal
  akhir: asesmen-akhir
  butir: {as_bya_1: BYA-01, as_bya_2: BYA-01, as_eks_1: EKS-01}
"""

SAMPLE_PEOPLE = {
    # id: (nama, ikm, kelurahan, jenis_kelamin, peran) -- what the sample shows
    "p01": ("Siti Aminah", "CV Sepatu Contoh", "Miji", "P", "admin"),  # everything met
    "p02": (
        "Budi Santoso",
        "CV Sepatu Contoh",
        "Miji",
        "L",
        "penjahit",
    ),  # upah unmet, studi kasus ungraded
    "p03": (
        "Dewi Lestari",
        "UD Sandal Contoh",
        "Prajurit Kulon",
        "P",
        "pemotong",
    ),  # manual grade pending
    "p04": ("Agus Salim", "UD Sandal Contoh", "Prajurit Kulon", "L", "pemilik"),  # manual override
    "p05": ("Rina Wati", "CV Sepatu Contoh", "Kranggan", "P", "penjahit"),  # late penalty -> unmet
    "p06": ("Joko Susilo", "UD Sandal Contoh", "Kranggan", "L", "pemotong"),  # submitted nothing
}


def sample_framework(folder: str | Path, source_dir: str | Path):
    """Write the sample framework to ``folder/kompetensi.yml`` and load it against ``source_dir``."""
    from .framework import load_framework

    p = Path(folder) / "kompetensi.yml"
    p.write_text(SAMPLE_FRAMEWORK_YML, encoding="utf-8")
    return load_framework(p, source_dir=source_dir)


def sample_builder(
    folder: str | Path, *, name: str = "w1", created: str = "2026-01-10T08:00:00+00:00"
) -> WorkshopBuilder:
    """A workshop with the sample modules (m3, pre/post tests, m0) and no participants yet."""
    wb = WorkshopBuilder(folder, name=name, created=created)
    wb.module(M3, M3_CELLS, manual=["m3_studi_kasus"], duedate="2026-01-12 17:00:00")
    wb.module("asesmen-awal", TEST_CELLS)
    wb.module("asesmen-akhir", TEST_CELLS)
    wb.module("m0-orientasi", {"m0_coba": 1})
    return wb


def sample_workshop(folder: str | Path, *, name: str = "w1") -> Path:
    """The sample cohort (six participants, one per rule: see :data:`SAMPLE_PEOPLE`)."""
    wb = sample_builder(folder, name=name)
    for pid, (nama, ikm, kel, jk, peran) in SAMPLE_PEOPLE.items():
        wb.participant(pid, nama=nama, ikm=ikm, kelurahan=kel, jenis_kelamin=jk, peran=peran)
    full = {"m3_luas_kulit": 1, "m3_biaya_kulit": 1, "m3_upah": 2}
    on_time = "2026-01-12 10:00:00"
    wb.submit("p01", M3, full, manual={"m3_studi_kasus": 3}, timestamp=on_time)
    wb.submit("p02", M3, {"m3_luas_kulit": 1, "m3_biaya_kulit": 1, "m3_upah": 0}, timestamp=on_time)
    wb.submit("p03", M3, full, timestamp=on_time)
    wb.submit(
        "p04",
        M3,
        {"m3_luas_kulit": 1, "m3_biaya_kulit": 0, "m3_upah": 2},
        manual={"m3_biaya_kulit": 1, "m3_studi_kasus": 4},
        timestamp=on_time,
    )
    # 7 points scored, 2 points penalty -> every cell x 5/7: studi kasus 3/4 -> 0.54 < 0.7
    wb.submit(
        "p05", M3, full, manual={"m3_studi_kasus": 3}, timestamp="2026-01-13 17:00:00", penalty=2.0
    )
    wb.submit("p01", "asesmen-awal", {"as_bya_1": 1, "as_bya_2": 0, "as_eks_1": 2})
    wb.submit("p01", "asesmen-akhir", {"as_bya_1": 2, "as_bya_2": 1, "as_eks_1": 2})
    wb.submit("p02", "asesmen-akhir", {"as_bya_1": 2, "as_bya_2": 2, "as_eks_1": 1})
    return wb.close()
