"""A trainer's manual scores belong to the version they were given for (red team R44).

The gradebook, course and notebooks are small stand-ins: what is decided here is which manual
score or comment stays when a new version is graded. The real grader and nbgrader gradebook are in
tests/integration/test_grader.py and test_attack_second_turn_*.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from types import SimpleNamespace

import nbformat
import pytest
from nbgrader.api import MissingEntry

from alaskaki.folder import Folder
from alaskaki.workshop.grading import manual, record

T1 = dt.datetime(2026, 12, 1, 8, 0)
T2 = dt.datetime(2026, 12, 1, 9, 0)


@dataclass
class Grade:
    name: str
    manual_score: float | None = None
    extra_credit: float | None = None
    max_score: float = 4.0
    auto_score: float | None = None
    needs_manual_grade: bool = False


@dataclass
class Comment:
    name: str
    manual_comment: str | None = None


@dataclass
class Gradebook:
    timestamp: dt.datetime | None
    grades: list = field(default_factory=list)
    comments: list = field(default_factory=list)
    db: object = field(default_factory=lambda: SimpleNamespace(flush=lambda: None))

    def find_submission(self, modul, pid):
        if self.timestamp is None:
            raise MissingEntry()
        return SimpleNamespace(timestamp=self.timestamp)

    def find_submission_notebook(self, nb, modul, pid):
        return SimpleNamespace(grades=self.grades, comments=self.comments)


def _nb(essay: str, code: str):
    nb = nbformat.v4.new_notebook()
    for gid, text, grade in (("esai", essay, True), ("hitung_jawab", code, False)):
        cell = nbformat.v4.new_code_cell(text)
        cell.metadata["nbgrader"] = {"grade_id": gid, "solution": True, "grade": grade}
        nb.cells.append(cell)
    test = nbformat.v4.new_code_cell("assert hitung == 3")
    test.metadata["nbgrader"] = {"grade_id": "hitung", "solution": False, "grade": True}
    nb.cells.append(test)
    return nb


def _stamp(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%d %H:%M:%S.%f UTC")


@pytest.fixture
def graded(tmp_path):
    """p01's first version was graded at T1 (autograded/, marker); returns a maker of the second."""
    from nbgrader.coursedir import CourseDirectory

    modul, pid = "m7a-daya-saing", "p01"
    root = tmp_path / "lokakarya"
    auto = Folder(root).autograded(pid, modul)
    auto.mkdir(parents=True)
    nbformat.write(_nb("Kekuatan: kulit asli.", "hitung = 2"), auto / f"{modul}.ipynb")
    (auto / "timestamp.txt").write_text(_stamp(T1))
    sub = Folder(root).submitted(pid, modul)
    sub.mkdir(parents=True)
    source = b"source"
    course = SimpleNamespace(
        root=root,
        folder=SimpleNamespace(autograded=Folder(root).autograded),
        coursedir=CourseDirectory(),
    )
    meta = {"esai": {"solution": True, "grade": True}, "hitung_jawab": {"solution": True}}
    meta["hitung"] = {"solution": False, "grade": True}
    mod = SimpleNamespace(modul=modul, source_bytes=source, meta=meta)
    first = b"versi 1"
    record.write_marker(
        root,
        modul,
        pid,
        {
            "formulir": hashlib.sha256(source).hexdigest(),
            "jawaban_dari": hashlib.sha256(first).hexdigest(),
        },
    )

    def second(essay: str, code: str, data: bytes, when: dt.datetime):
        (sub / f"{modul}.ipynb").write_bytes(data)
        work = SimpleNamespace(
            peserta=pid,
            nb=_nb(essay, code),
            submitted_dir=sub,
            timestamp=when,
            sha=hashlib.sha256(data).hexdigest(),  # as sanitise.read_submission sets it
        )
        gb = Gradebook(
            T1,
            [Grade("esai", 3.0), Grade("hitung", 4.0, extra_credit=1.0)],
            [Comment("esai", "jelas"), Comment("hitung_jawab", "hampir")],
        )
        return course, mod, work, gb

    return second


def test_the_same_file_regraded_keeps_every_manual_score(graded):
    course, mod, work, gb = graded("Kekuatan: kulit asli.", "hitung = 2", b"versi 1", T1)
    before = manual.earlier(gb, course, mod, work)
    assert not before.new_version
    assert manual.drop_old(gb, course, mod, work, before) == []
    assert [g.manual_score for g in gb.grades] == [3.0, 4.0]
    assert [c.manual_comment for c in gb.comments] == ["jelas", "hampir"]


def test_a_new_version_keeps_only_what_the_trainer_scored_on_unchanged_text(graded):
    course, mod, work, gb = graded("Kekuatan: kulit asli.", "hitung = 5", b"versi 2", T2)
    before = manual.earlier(gb, course, mod, work)
    assert before.new_version and not before.new_round
    notes = manual.drop_old(gb, course, mod, work, before)
    # the essay is byte-identical: its score and comment stay; the test cell's override and the
    # comment on the changed answer go
    assert [(g.name, g.manual_score, g.extra_credit) for g in gb.grades] == [
        ("esai", 3.0, None),
        ("hitung", None, None),
    ]
    assert [c.manual_comment for c in gb.comments] == ["jelas", None]
    # the test cell the trainer had scored waits for him again, not for the autograder (R60)
    assert before.review == {"hitung"}
    assert len(notes) == 1 and notes[0].startswith("p01:") and "m7a-daya-saing" in notes[0]
    assert "menunggu penilaiannya lagi" in notes[0]
    (kept,) = (Folder(course.root).state_dir / mod.modul / manual.OLD_MANUAL_DIR).glob("p01-*.json")
    old = json.loads(kept.read_text(encoding="utf-8"))
    assert [
        (g["grade_id"], g["manual_score"], g["extra_credit"]) for g in old["nilai_dilepas"]
    ] == [("hitung", 4.0, 1.0)]
    assert [g["grade_id"] for g in old["nilai_tetap"]] == ["esai"]
    assert old["komentar_dilepas"] == [{"grade_id": "hitung_jawab", "manual_comment": "hampir"}]


def test_a_changed_essay_waits_for_the_trainer_again(graded):
    course, mod, work, gb = graded("Kekuatan: kulit asli dan murah.", "hitung = 2", b"v2", T1)
    before = manual.earlier(gb, course, mod, work)  # same timestamp, another file
    assert before.new_version
    manual.drop_old(gb, course, mod, work, before)
    assert [g.manual_score for g in gb.grades] == [None, None]


def test_a_retake_rounds_sheet_keeps_nothing_of_round_one(graded):
    course, mod, work, gb = graded("Kekuatan: kulit asli.", "hitung = 2", b"v2", T2)
    mod.modul = "asesmen-akhir"  # an uji form graded before with another form
    folder = Folder(course.root)
    folder.autograded("p01", "m7a-daya-saing").rename(folder.autograded("p01", "asesmen-akhir"))
    auto = folder.autograded("p01", "asesmen-akhir")
    (auto / "m7a-daya-saing.ipynb").rename(auto / "asesmen-akhir.ipynb")
    record.write_marker(course.root, "asesmen-akhir", "p01", {"formulir": "round-1-form"})
    before = manual.earlier(gb, course, mod, work)
    assert before.new_round
    manual.drop_old(gb, course, mod, work, before)
    assert [g.manual_score for g in gb.grades] == [None, None]
    assert [c.manual_comment for c in gb.comments] == [None, None]
    assert before.review == set()  # another form: the autograder scores it alone (R44)


def test_an_item_waiting_for_the_trainer_keeps_waiting_until_he_scores_it(graded):
    """A regrade of the same file, and a later version, never turn an item the trainer has not
    scored again into the autograder's full marks (R60)."""
    course, mod, work, gb = graded("Kekuatan: kulit asli.", "hitung = 2", b"versi 1", T1)
    gb.grades[1] = Grade("hitung", None, auto_score=4.0, needs_manual_grade=True)
    before = manual.earlier(gb, course, mod, work)  # the same file regraded
    assert not before.new_version and before.review == {"hitung"}
    course, mod, work, gb2 = graded("Kekuatan: kulit asli.", "hitung = 3", b"versi 3", T2)
    gb2.grades[1] = Grade("hitung", None, auto_score=4.0, needs_manual_grade=True)
    later = manual.earlier(gb2, course, mod, work)  # a third version
    assert later.new_version and "hitung" in later.review
    gb2.grades[1] = Grade("hitung", 1.0, auto_score=4.0, needs_manual_grade=True)  # he scored it
    assert manual.earlier(gb2, course, mod, work).review == set()
