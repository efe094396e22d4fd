"""grade_module on honest work: same grades as `nbgrader autograde`, parallel, resumable."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "grader"))

import cohort  # noqa: E402
from nbgrader_baseline import autograde_api, gradebook_scores, total_scores  # noqa: E402

from alaskaki.errors import AlaskakiError  # noqa: E402
from alaskaki.folder import Folder
from alaskaki.workshop import grader  # noqa: E402
from alaskaki.workshop.grader import grade_module, load_flags  # noqa: E402

pytestmark = pytest.mark.slow

EXPECTED = {
    "benar": 6.0,
    "sebagian": 3.0,
    "salah": 0.0,
    "kosong": 0.0,
    "galat": 3.0,
    "terlambat": 6.0,
}


@pytest.fixture(scope="module")
def honest(tmp_path_factory):
    """One cohort graded twice: by nbgrader autograde (a copy) and by grade_module."""
    cohort.ensure_python_path()
    base = tmp_path_factory.mktemp("jujur")
    ours = base / "ours"
    kinds = cohort.make_cohort(ours, 6)
    theirs = cohort.copy_workshop(ours, base / "theirs")
    autograde_api(theirs, cohort.MODUL, participants=sorted(kinds))
    run = grade_module(ours, cohort.MODUL, workers=2, progress=False)
    return kinds, ours, theirs, run


def test_scores_equal_nbgrader_autograde_on_honest_work(honest):
    kinds, ours, theirs, run = honest
    assert gradebook_scores(ours, cohort.MODUL) == gradebook_scores(theirs, cohort.MODUL)
    assert total_scores(ours, cohort.MODUL) == total_scores(theirs, cohort.MODUL)
    got = {r.participant: r.score for r in run.results}
    assert got == {pid: EXPECTED[kind] for pid, kind in kinds.items()}
    assert all(r.max_score == 6.0 and r.status == "dinilai" for r in run.results)


def test_honest_work_raises_no_flags_and_the_late_one_is_recorded_late(honest):
    kinds, ours, _, run = honest
    assert all(r.flags == [] for r in run.results), [r.flags for r in run.results]
    assert load_flags(ours) == {}
    late = next(p for p, k in kinds.items() if k == "terlambat")
    with sqlite3.connect(Folder(ours).own_gradebook) as db:
        (ts,) = db.execute(
            "select s.timestamp from submitted_assignment s join assignment a on a.id = s.assignment_id "
            "where s.student_id = ? and a.name = ?",
            (late, cohort.MODUL),
        ).fetchone()
    assert ts.startswith("2026-11-22")  # after the due date 2026-11-20


def test_autograded_notebook_holds_hidden_tests_and_the_instructor_test_cells(honest):
    kinds, ours, _, _ = honest
    pid = next(p for p, k in kinds.items() if k == "salah")
    nb = json.loads(
        (Folder(ours).autograded(pid, cohort.MODUL) / f"{cohort.MODUL}.ipynb").read_text()
    )
    tests = [
        c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "t1_luas"
    ]
    assert len(tests) == 1
    assert "BEGIN HIDDEN TESTS" in "".join(tests[0]["source"])
    assert tests[0]["outputs"][0]["output_type"] == "error"
    assert (Folder(ours).autograded(pid, cohort.MODUL) / "timestamp.txt").is_file()


def test_second_run_grades_nothing_again_and_a_changed_submission_is_regraded(honest):
    kinds, ours, _, first = honest
    before = gradebook_scores(ours, cohort.MODUL)
    again = grade_module(ours, cohort.MODUL, workers=2, progress=False)
    assert {r.status for r in again.results} == {"tidak berubah"}
    assert [(r.participant, r.score) for r in again.results] == [
        (r.participant, r.score) for r in first.results
    ]
    assert gradebook_scores(ours, cohort.MODUL) == before
    wrong = next(
        p for p, k in kinds.items() if k == "galat"
    )  # (other tests read the wrong and blank ones)
    cohort.submit(ours, wrong, cohort.filled(ours, wrong, "benar"))
    third = grade_module(ours, cohort.MODUL, workers=2, progress=False).by_participant()
    assert third[wrong].status == "dinilai" and third[wrong].score == 6.0
    assert [r.status for p, r in third.items() if p != wrong] == ["tidak berubah"] * (
        len(kinds) - 1
    )
    with sqlite3.connect(Folder(ours).own_gradebook) as db:
        (n,) = db.execute("select count(*) from submitted_assignment").fetchone()
        (g,) = db.execute("select count(*) from grade").fetchone()
        (c,) = db.execute("select count(*) from comment").fetchone()
    assert (n, g, c) == (
        len(kinds),
        len(kinds) * 3,
        len(kinds) * 3,
    )  # 3 tests, 3 answers each: never doubled


def test_interrupted_run_loses_no_grade_and_never_double_counts(tmp_path, monkeypatch):
    cohort.ensure_python_path()
    kinds = cohort.make_cohort(tmp_path / "ws", 6)
    calls = {"n": 0}
    real_step = grader._Progress.step

    def step_then_interrupt(self, label):
        real_step(self, label)
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt  # the trainer presses Ctrl-C after three grades

    monkeypatch.setattr(grader._Progress, "step", step_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        grade_module(tmp_path / "ws", cohort.MODUL, workers=1, progress=False)
    monkeypatch.setattr(grader._Progress, "step", real_step)
    run = grade_module(tmp_path / "ws", cohort.MODUL, workers=1, progress=False)
    statuses = [r.status for r in run.results]
    assert statuses.count("tidak berubah") == 3 and statuses.count("dinilai") == 3
    assert {r.participant: r.score for r in run.results} == {
        p: EXPECTED[k] for p, k in kinds.items()
    }
    assert {p: s for p, (s, _) in total_scores(tmp_path / "ws", cohort.MODUL).items()} == {
        p: EXPECTED[k] for p, k in kinds.items()
    }


def test_one_worker_gives_the_same_grades_as_two(honest, tmp_path):
    kinds, ours, _, run = honest
    cohort.ensure_python_path()
    kinds1 = cohort.make_cohort(tmp_path / "ws", 6)
    assert kinds1 == kinds
    one = grade_module(tmp_path / "ws", cohort.MODUL, workers=1, progress=False)
    assert [(r.participant, r.score, r.flags) for r in one.results] == [
        (r.participant, r.score, r.flags) for r in run.results
    ]


def test_unknown_module_and_nothing_submitted_are_clear_errors(tmp_path):
    cohort.ensure_python_path()
    cohort.make_workshop(tmp_path / "ws", ["p01"])
    with pytest.raises(AlaskakiError, match="tidak ada"):
        grade_module(tmp_path / "ws", "m9-tidak-ada", progress=False)
    with pytest.raises(AlaskakiError, match="Belum ada peserta yang mengumpulkan"):
        grade_module(tmp_path / "ws", cohort.MODUL, progress=False)


def test_without_bwrap_grading_still_works_and_says_it_is_unsandboxed(tmp_path):
    cohort.ensure_python_path()
    kinds = cohort.make_cohort(tmp_path / "ws", 2)
    run = grade_module(tmp_path / "ws", cohort.MODUL, workers=2, progress=False, sandbox=False)
    assert run.sandboxed is False
    assert "TANPA sandbox" in run.warning
    assert {r.participant: r.score for r in run.results} == {
        p: EXPECTED[k] for p, k in kinds.items()
    }


def test_feedback_is_indonesian_says_what_was_right_and_never_shows_hidden_tests(honest):
    import latihan_uji

    from alaskaki.workshop.feedback import feedback_text, write_feedback

    kinds, ours, _, _ = honest
    paths = write_feedback(ours, cohort.MODUL)
    assert sorted(p.parent.parent.name for p in paths) == sorted(kinds)
    for path in paths:
        pid = path.parent.parent.name
        assert path == Folder(ours).feedback(pid, cohort.MODUL) / f"{cohort.MODUL}.html"
        assert (path.parent / "timestamp.txt").is_file()  # nbgrader's release_feedback needs it
        raw = path.read_text(encoding="utf-8")
        text = feedback_text(path)
        for secret in (
            "BEGIN HIDDEN",
            "uji_luas",
            "uji_biaya",
            "latihan.",
            "Traceback",
            "ID_PESERTA",
        ):
            assert secret not in raw, (pid, secret)
        s = latihan_uji.soal(pid)
        luas = s["panjang"] * s["lebar"]
        for expected in (luas, luas * s["harga"]):
            shown = {f"{expected:g}", f"{expected:.2f}", f"{expected:,.0f}".replace(",", ".")}
            shown |= {x.replace(".", ",") for x in shown}
            for x in shown:
                if kinds[pid] in ("salah", "kosong") and len(x) >= 3:
                    assert x not in text, (pid, x)
        assert "Nilai Anda" in text
    by_pid = {p.parent.parent.name: feedback_text(p) for p in paths}
    right = next(p for p, k in kinds.items() if k == "benar")
    wrong = next(p for p, k in kinds.items() if k == "salah")
    blank = next(p for p, k in kinds.items() if k == "kosong")
    assert "Yang sudah benar" in by_pid[right] and "Yang perlu dilihat lagi" not in by_pid[right]
    assert "Memeriksa luas." in by_pid[wrong] and "Belum tepat" in by_pid[wrong]
    assert "Yang perlu dilihat lagi" in by_pid[wrong]
    assert "Jawaban belum diisi" in by_pid[blank]


def test_warnings_on_stderr_and_a_slow_cell_never_cost_a_right_answer(tmp_path):
    cohort.ensure_python_path()
    root = tmp_path / "ws"
    cohort.make_workshop(root, ["p01"])
    nb = cohort.filled(root, "p01", "benar")
    noisy = "import sys, warnings\nwarnings.warn('hati-hati: contoh peringatan')\nprint('WARNING: contoh', file=sys.stderr)"
    nb["cells"].insert(
        4,
        {
            "cell_type": "code",
            "metadata": {},
            "source": noisy,
            "outputs": [],
            "execution_count": None,
        },
    )
    nb["cells"].insert(
        9,
        {
            "cell_type": "code",
            "metadata": {},
            "source": "import time\ntime.sleep(30)",
            "outputs": [],
            "execution_count": None,
        },
    )
    cohort.submit(root, "p01", nb)
    run = grade_module(root, cohort.MODUL, workers=1, progress=False, cell_timeout=2)
    assert run.results[0].score == 6.0


def test_warm_sandboxes_kept_over_several_runs_grade_alike_and_end_with_the_block(
    honest, monkeypatch
):
    """keep_warm (the demo grades 13 modules in a row) starts each worker's warm sandbox once,
    keeps it alive past a run's worker threads, grades as a fresh run does, and stops it after."""
    from alaskaki.workshop import sandbox as sb
    from alaskaki.workshop.grading import answers

    if not sb.zygotes_usable(sb.bwrap_available()):
        pytest.skip("warm sandboxes need bubblewrap and root")
    _, ours, _, _ = honest
    before = gradebook_scores(ours, cohort.MODUL)
    spawned = []
    real_spawn = sb.Zygote._spawn

    def counted(self):
        spawned.append(self.uid)
        real_spawn(self)

    monkeypatch.setattr(sb.Zygote, "_spawn", counted)
    with answers.keep_warm():
        first = grade_module(ours, cohort.MODUL, workers=2, progress=False, ulang=True)
        second = grade_module(ours, cohort.MODUL, workers=2, progress=False, ulang=True)
        kept = list(answers._kept.values())
        alive = [z.proc is not None and z.proc.poll() is None for z in kept]
    assert len(spawned) == 2 and alive == [True, True]  # one start per worker, still up
    assert all(z.proc is None for z in kept)  # stopped when the block ended
    totals = {p: s for p, (s, _) in total_scores(ours, cohort.MODUL).items()}
    for run in (first, second):
        assert {r.status for r in run.results} == {"dinilai"}
        assert {r.participant: r.score for r in run.results} == totals
    assert gradebook_scores(ours, cohort.MODUL) == before


def test_a_trainers_manual_scores_stay_with_the_version_they_were_given_for(tmp_path):
    """R44 (session 8): the trainer overrides a test cell and comments two answers of p01's first
    version. Grading the same file again (--ulang) keeps all of it. A second version (one answer
    changed, same timestamp) is graded on its own answers: the override is taken off, the comment
    on the changed answer too, the comment on the byte-identical answer stays; what was taken off
    is kept in penilaian/<modul>/nilai-pelatih-lama/ and the run says so, naming p01."""
    cohort.ensure_python_path()
    root = tmp_path / "ws"
    cohort.make_workshop(root, ["p01"])
    cohort.submit(root, "p01", cohort.filled(root, "p01", "salah"))
    assert grade_module(root, cohort.MODUL, workers=1, progress=False).results[0].score == 0

    from nbgrader.api import Gradebook

    def gradebook():
        return Gradebook(f"sqlite:///{Folder(root).own_gradebook}", "uji-penilai")

    with gradebook() as gb:  # what the formgrader saves
        sub = gb.find_submission_notebook(cohort.MODUL, cohort.MODUL, "p01")
        next(g for g in sub.grades if g.name == "t1_luas").manual_score = 2
        comments = {c.name: c for c in sub.comments}
        comments["t1_luas_jawab"].manual_comment = "cek satuannya"
        comments["t1_biaya_jawab"].manual_comment = "hampir benar"
        gb.db.commit()

    def seen():
        with gradebook() as gb:
            sub = gb.find_submission_notebook(cohort.MODUL, cohort.MODUL, "p01")
            return (
                sub.score,
                {c.name: c.manual_comment for c in sub.comments if c.manual_comment},
            )

    again = grade_module(root, cohort.MODUL, workers=1, progress=False, ulang=True).results[0]
    assert (again.status, again.score, again.notes) == ("dinilai", 2.0, [])
    assert seen() == (2.0, {"t1_luas_jawab": "cek satuannya", "t1_biaya_jawab": "hampir benar"})

    second = cohort.filled(root, "p01", "salah")
    for cell in second["cells"]:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "t1_biaya_jawab":
            cell["source"] = "biaya = 'murah'"
    cohort.submit(root, "p01", second)
    new = grade_module(root, cohort.MODUL, workers=1, progress=False).results[0]
    assert (new.status, new.score) == ("dinilai", 0.0)
    assert seen() == (0.0, {"t1_luas_jawab": "cek satuannya"})
    assert len(new.notes) == 1 and "p01" in new.notes[0] and "nilai-pelatih-lama" in new.notes[0]
    (kept,) = (Folder(root).state_dir / cohort.MODUL / "nilai-pelatih-lama").glob("p01-*.json")
    old = json.loads(kept.read_text(encoding="utf-8"))
    assert [(g["grade_id"], g["manual_score"]) for g in old["nilai_dilepas"]] == [("t1_luas", 2)]
    assert old["komentar_dilepas"] == [
        {"grade_id": "t1_biaya_jawab", "manual_comment": "hampir benar"}
    ]


@pytest.mark.parametrize("method", ["none", "zero"])
def test_late_penalty_is_the_one_nbgrader_assigns(honest, tmp_path, method):
    """The grader assigns the late penalty on its own gradebook session (issue 17 goal 6); the
    penalty it records is the one nbgrader's AssignLatePenalties records, for each method."""
    from types import SimpleNamespace

    from nbgrader.api import Gradebook
    from nbgrader.preprocessors import AssignLatePenalties
    from traitlets.config import Config

    from alaskaki.workshop.grading import record

    kinds, ours, _, _ = honest
    cfg = Config()
    cfg.LateSubmissionPlugin.penalty_method = method
    got = {}
    for way in ("nbgrader", "alaskaki"):
        copy = cohort.copy_workshop(ours, tmp_path / way)
        url = f"sqlite:///{Folder(copy).own_gradebook}"
        for pid in sorted(kinds):
            if way == "nbgrader":
                res = {"nbgrader": {"notebook": cohort.MODUL, "assignment": cohort.MODUL,
                                    "student": pid, "db_url": url}}  # fmt: skip
                AssignLatePenalties(config=cfg).preprocess(nbformat.v4.new_notebook(), res)
            else:
                with Gradebook(url) as gb:
                    course = SimpleNamespace(config=cfg, db_url=url)
                    record.assign_late_penalty(gb, course, cohort.MODUL, pid)
        with sqlite3.connect(Folder(copy).own_gradebook) as db:
            got[way] = sorted(
                db.execute(
                    "select a.student_id, n.late_submission_penalty from submitted_notebook n "
                    "join submitted_assignment a on a.id = n.assignment_id"
                )
            )
    assert got["alaskaki"] == got["nbgrader"]
    late = next(p for p, k in kinds.items() if k == "terlambat")
    assert dict(got["alaskaki"])[late] == (EXPECTED["terlambat"] if method == "zero" else None)
