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
framework can be validated against the workshop, and ``peserta.csv`` / ``lokakarya.json`` /
``nbgrader_config.py`` (no ``db_url``, like ``alaskaki init``), so the engine reads it through
:class:`alaskaki.folder.Folder` as it reads a real workshop. The roster passes the kit's one roster
reader: a participant given without ``jenis_kelamin`` is written as ``P``.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from alaskaki import authoring
from alaskaki.competency.engine import ROSTER_FIELDS
from alaskaki.folder import CONFIG_FILE, GRADEBOOK_FILE, META_FILE, ROSTER_FILE, Folder


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
        (self.dir / CONFIG_FILE).write_text(
            f"c = get_config()  # noqa: F821\nc.CourseDirectory.course_id = {course_id!r}\n",
            encoding="utf-8",
        )
        (self.dir / META_FILE).write_text(
            json.dumps(
                {"name": name, "course_id": course_id, "created": created}, ensure_ascii=False
            ),
            encoding="utf-8",
        )
        self.gb = Gradebook(f"sqlite:///{self.dir / GRADEBOOK_FILE}", course_id=course_id)
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
                authoring.notebook(nb_cells), Folder(self.dir).source_notebook(module)
            )

    def participant(self, pid: str, **attrs: str) -> None:
        self.gb.add_student(pid, first_name=attrs.get("nama", ""))
        row = {"id": pid, **{k: attrs.get(k, "") for k in ROSTER_FIELDS if k != "id"}}
        row["jenis_kelamin"] = row["jenis_kelamin"] or "P"
        self.roster.append(row)

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
        with (self.dir / ROSTER_FILE).open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(ROSTER_FIELDS))
            w.writeheader()
            w.writerows(self.roster)
        return self.dir


# --- the sample cohort: one small workshop that walks every competency rule --------------------

M3 = "m3-biaya-produksi"
M3_CELLS = {"m3_luas_kulit": 1, "m3_biaya_kulit": 1, "m3_upah": 2, "m3_studi_kasus": 4}
TEST_CELLS = {"as_bya_1": 2, "as_bya_2": 2, "as_eks_1": 2}

SAMPLE_FRAMEWORK_YML = """
versi: 2
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
            uji: [as_bya_1]
            latihan: [m3_luas_kulit, m3_biaya_kulit]
            saran: Ulangi perhitungan luas kulit dan susut potong.
          - kode: BYA-01.1.2
            judul: Upah per pasang dihitung
            uji: [as_bya_2]
            latihan: [m3_upah]
            ambang: 0.5
      - no: 2
        judul: Menetapkan HPP
        kriteria:
          - kode: BYA-01.2.1
            judul: Studi kasus HPP diselesaikan
            uji: [m3_studi_kasus]
  - kode: EKS-01
    judul: Menyiapkan legalitas dan prosedur ekspor mandiri
    modul: [m1-ekspor-mandiri]
    elemen:
      - no: 1
        judul: Menjelaskan ekspor mandiri
        kriteria:
          - kode: EKS-01.1.1
            judul: Alasan ekspor mandiri dijelaskan
            uji: [as_eks_1]
          - kode: EKS-01.1.2
            judul: Akses kepabeanan disiapkan
  - kode: EKS-02
    judul: Mengklasifikasikan produk alas kaki menurut HS
    modul: [m2-klasifikasi-hs]
    elemen:
      - no: 1
        judul: Menentukan pos tarif
        kriteria:
          - kode: EKS-02.1.1
            judul: Pos HS enam digit ditetapkan
pengenalan: [m0-orientasi]
asesmen:
  awal: asesmen-awal
  akhir: asesmen-akhir
  butir: {as_bya_1: BYA-01, as_bya_2: BYA-01, as_eks_1: EKS-01}
"""

SAMPLE_PEOPLE = {
    # id: (nama, ikm, kelurahan, jenis_kelamin, peran) -- what the sample shows
    # BYA-01's uji: as_bya_1, as_bya_2 (post-test) and m3_studi_kasus (rubric); m3's autograded
    # cells are latihan only. EKS-01 lacks uji for one criterion, EKS-02 has none at all.
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
    from alaskaki.competency.framework import load_framework

    p = Folder(folder).framework_file
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
    post_full = {"as_bya_1": 2, "as_bya_2": 2, "as_eks_1": 2}
    on_time = "2026-01-12 10:00:00"
    pre, post = "2026-01-11 09:00:00", "2026-01-14 10:00:00"
    wb.submit("p01", M3, full, manual={"m3_studi_kasus": 3}, timestamp=on_time)
    wb.submit("p01", "asesmen-awal", {"as_bya_1": 1, "as_bya_2": 0, "as_eks_1": 2}, timestamp=pre)
    wb.submit("p01", "asesmen-akhir", {"as_bya_1": 2, "as_bya_2": 1, "as_eks_1": 2}, timestamp=post)
    # upah unmet in the post-test (0 < 0.5), studi kasus not yet scored by the trainer
    wb.submit("p02", M3, {"m3_luas_kulit": 1, "m3_biaya_kulit": 1, "m3_upah": 0}, timestamp=on_time)
    wb.submit("p02", "asesmen-akhir", {"as_bya_1": 2, "as_bya_2": 0, "as_eks_1": 1}, timestamp=post)
    # every item right, the rubric cell still waits for the trainer
    wb.submit("p03", M3, full, timestamp=on_time)
    wb.submit("p03", "asesmen-akhir", post_full, timestamp=post)
    # the trainer overrides a failed autograde of a post-test item
    wb.submit(
        "p04",
        M3,
        {"m3_luas_kulit": 1, "m3_biaya_kulit": 0, "m3_upah": 2},
        manual={"m3_studi_kasus": 4},
        timestamp=on_time,
    )
    wb.submit(
        "p04",
        "asesmen-akhir",
        {"as_bya_1": 0, "as_bya_2": 2, "as_eks_1": 2},
        manual={"as_bya_1": 2},
    )
    # 7 points scored, 2 points penalty -> every cell x 5/7: studi kasus 3/4 -> 0.54 < 0.7
    wb.submit(
        "p05", M3, full, manual={"m3_studi_kasus": 3}, timestamp="2026-01-13 17:00:00", penalty=2.0
    )
    wb.submit("p05", "asesmen-akhir", post_full, timestamp=post)
    return wb.close()


# --- synthetic results (no gradebook): benchmarks and dashboard tests ---------------------------

KIT_UNITS = [
    ("EKS-01", "Menyiapkan legalitas dan prosedur ekspor mandiri", "m1-ekspor-mandiri"),
    ("EKS-02", "Mengklasifikasikan produk alas kaki menurut HS", "m2-klasifikasi-hs"),
    ("BYA-01", "Menghitung harga pokok produksi alas kaki", "m3-biaya-produksi"),
    ("EKS-03", "Menetapkan harga ekspor, Incoterms dan cara pembayaran", "m4a-harga-ekspor"),
    ("MTU-01", "Menerapkan pemeriksaan mutu dan sampling AQL", "m5a-mutu-aql"),
    ("EKS-04", "Menyiapkan dokumen ekspor", "m6-dokumen-ekspor"),
    ("STR-01", "Menganalisis daya saing dan peluang kemitraan", "m7a-daya-saing"),
]


def synthetic_result(
    n_participants: int, *, workshops: int = 3, criteria_per_unit: int = 3, seed: int = 0
):
    """A random :class:`CohortResult` of ``n_participants`` × 7 units × ``workshops`` workshops.

    Built directly (no gradebook), with every unit assessed by ``criteria_per_unit`` criteria of
    two uji cells (post-test items) and one latihan cell (module exercise) each; every participant attends one to ``workshops`` workshops. Names are
    ``Nama Peserta N`` (fictional).
    """
    import random

    from alaskaki.competency.model import (
        BELUM_DINILAI,
        BELUM_KOMPETEN,
        KOMPETEN,
        KRITERIA_BELUM_DINILAI,
        TERPENUHI,
        TIDAK_TERPENUHI,
        CohortResult,
        CriterionResult,
        Evidence,
        ModuleRecord,
        ParticipantResult,
        UnitInfo,
        UnitResult,
        WorkshopInfo,
    )

    rnd = random.Random(seed)
    ws = [
        WorkshopInfo(
            nama=f"Lokakarya {i + 1}",
            course_id=f"lokakarya-{i + 1}",
            dibuat=f"2026-0{i + 1}-01T08:00:00+00:00",
        )
        for i in range(workshops)
    ]
    ikm = [f"IKM Contoh {i:03d}" for i in range(1, 301)]
    kel = [
        "Miji",
        "Kranggan",
        "Prajurit Kulon",
        "Surodinawan",
        "Blooto",
        "Gunung Gedangan",
        "Magersari",
        "Wates",
    ]
    peran = ["pemotong", "penjahit", "admin", "pemilik"]
    people = []
    for i in range(n_participants):
        attended = sorted(rnd.sample(range(workshops), rnd.randint(1, workshops)))
        skill = rnd.random()
        units = {}
        for kode, _judul, modul in KIT_UNITS:
            crits = []
            for c in range(criteria_per_unit):
                r = rnd.random()
                state = (
                    KRITERIA_BELUM_DINILAI
                    if r < 0.1
                    else (TERPENUHI if r < 0.1 + 0.9 * (0.4 + 0.5 * skill) else TIDAK_TERPENUHI)
                )
                skor = (
                    None
                    if state == KRITERIA_BELUM_DINILAI
                    else (4.0 if state == TERPENUHI else 2.0)
                )
                crits.append(
                    CriterionResult(
                        kode=f"{kode}.{c + 1}.1",
                        judul=f"Kriteria {c + 1}",
                        elemen=c + 1,
                        status=state,
                        skor=skor or 0.0,
                        maks=4.0,
                        ambang=0.7,
                        uji=[
                            Evidence(
                                modul="asesmen-akhir",
                                grade_id=f"post_{kode.lower().replace('-', '')}_{c}_{k}",
                                maks=2.0,
                                skor=(skor or 0) / 2,
                                skor_asli=(skor or 0) / 2,
                                dinilai=skor is not None,
                                lokakarya=ws[attended[-1]].nama,
                            )
                            for k in range(2)
                        ],
                        latihan=[
                            Evidence(
                                modul=modul,
                                grade_id=f"{modul[:2]}_{c}",
                                maks=1.0,
                                skor=float(rnd.random() < 0.3 + 0.7 * skill),
                                skor_asli=None,
                                dinilai=True,
                                lokakarya=ws[attended[-1]].nama,
                            )
                        ]
                        if rnd.random() < 0.9
                        else [],
                        latihan_jumlah=1,
                    )
                )
            states = [c.status for c in crits]
            status = (
                BELUM_KOMPETEN
                if TIDAK_TERPENUHI in states
                else (KOMPETEN if all(s == TERPENUHI for s in states) else BELUM_DINILAI)
            )
            pre = rnd.choice([None, 0.0, 0.25, 0.5, 0.75, 1.0])
            post = (
                None
                if pre is None or rnd.random() < 0.1
                else min(1.0, pre + rnd.random() * (1 - pre))
            )
            gain = None if pre is None or post is None or pre >= 1 else (post - pre) / (1 - pre)
            units[kode] = UnitResult(
                unit=kode, status=status, kriteria=crits, awal=pre, akhir=post, gain=gain
            )
        modules = []
        for w in attended:
            for _kode, _judul, modul in KIT_UNITS:
                sub = rnd.random() < 0.85
                late = sub and rnd.random() < 0.15
                modules.append(
                    ModuleRecord(
                        modul=modul,
                        lokakarya=ws[w].nama,
                        dikumpulkan=sub,
                        waktu=ws[w].dibuat if sub else None,
                        detik_terlambat=3600.0 * rnd.randint(1, 48) if late else 0.0,
                        penalti=1.0 if late else 0.0,
                        skor=rnd.uniform(0, 12) if sub else None,
                        maks=12.0,
                    )
                )
        people.append(
            ParticipantResult(
                id=f"p{i:05d}",
                nama=f"Nama Peserta {i}",
                ikm=rnd.choice(ikm),
                kelurahan=rnd.choice(kel),
                jenis_kelamin=rnd.choice("LP"),
                peran=rnd.choice(peran),
                lokakarya=[ws[w].nama for w in attended],
                units=units,
                modul=modules,
            )
        )
    return CohortResult(
        units=[UnitInfo(kode=k, judul=j) for k, j, _ in KIT_UNITS],
        participants=people,
        lokakarya=ws,
        dibuat="2026-04-01T00:00:00+00:00",
    )


def gradebook_oracle(url: str, course_id: str = "alaskaki") -> dict:
    """What nbgrader's own API says about a gradebook, in the shape of :func:`reader_view`
    (``course_id``: the workshop's, or nbgrader adds a course row)."""
    from nbgrader.api import Gradebook

    gb = Gradebook(url, course_id=course_id)
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


def reader_view(rows) -> dict:
    """What :func:`alaskaki.competency.gradebook.read` read, comparable with the oracle."""
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
