"""Red team 3 (session 9): the retake round's form after R47/R49 (``putaran._new_form``'s random
part, ``ulang``'s fsync, ``release`` refusing a cut form, ``init`` drawing a new round-N form).

Real ``init``/``release``/``tutup``/``ulang`` and the real CLI. A test that holds is a normal test;
a finding is a strict xfail named R6x (see /work/wt/BOARD.md).
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from alaskaki import paths

pytestmark = [pytest.mark.slow]

FORM = "asesmen-akhir"


def _cli(ws, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "alaskaki", *args, "--workshop", str(ws.root)],
        capture_output=True,
        text=True,
        check=False,
    )


def _keys(nb_path) -> dict:
    from alaskaki_kunci.bengkel import kunci_form

    return {r["grade_id"]: r["harapan"] for r in kunci_form(nb_path)}


@pytest.fixture
def closed_round1(tmp_path):
    """Round 1 of asesmen-akhir released and closed (its key spent by the rapor), with a copy of
    source/ the trainer took on a USB stick before `ulang` (a backup of the course files)."""
    from alaskaki.workshop import putaran
    from alaskaki.workshop.course import init_workshop
    from alaskaki.workshop.release import release_module

    ws = init_workshop(
        tmp_path / "lokakarya", roster=paths.dataset("contoh_peserta.csv"), modules=[FORM]
    )
    release_module(ws, FORM, due="2026-12-01 17:00")
    putaran.tutup(ws.root, FORM)
    usb = tmp_path / "usb-cadangan" / "source"
    shutil.copytree(ws.source(), usb)
    return ws, usb


# R61 (red team 3), fixed in session 9: release refuses, `init` draws a new round-2 form
def test_the_closed_rounds_form_put_back_from_a_backup_is_never_released_to_a_retaker(
    closed_round1, tmp_path
):
    """The trainer runs `ulang asesmen-akhir --peserta p05`; the laptop then misbehaves (or he
    thinks `ulang` broke the course) and he copies source/ back from the USB backup he took that
    morning, before `ulang`: source/asesmen-akhir is round 1's form again, whole and readable.
    `alaskaki release asesmen-akhir --batas ...` for round 2 must not hand p05 the closed round's
    form (its key went out with the rapor: R49's harm, reached without a cut file): refused with a
    sentence naming the form, or a form other than round 1's released."""
    from alaskaki.workshop import putaran

    ws, usb = closed_round1
    round1 = _keys(ws.source_notebook(FORM))
    putaran.ulang(ws.root, FORM, ["p05"])
    assert putaran.read_round(ws.root, FORM).nomor == 2
    shutil.rmtree(ws.source(FORM))
    shutil.copytree(usb / FORM, ws.source(FORM))
    handed = _cli(ws, "release", FORM, "--batas", "2026-12-08 17:00")
    assert "Traceback" not in handed.stderr, handed.stderr
    if handed.returncode == 0:
        released = ws.release_notebook(FORM)
        assert released.is_file()
        now = _keys(ws.source_notebook(FORM))
        same = sum(now.get(g) == k for g, k in round1.items())
        assert same < len(round1) // 2, f"round 2 released with {same}/{len(round1)} round-1 keys"
    else:
        assert FORM in handed.stderr, handed.stderr


# R63 (red team 3), fixed in session 9: one sentence (Folder.cut_source) for every command
@pytest.mark.parametrize(
    "args",
    [("grade", FORM), ("cetak", FORM), ("cetak", FORM, "--kunci")],
    ids=["grade", "cetak", "cetak_kunci"],
)
def test_a_cut_retake_form_is_named_by_every_command_that_reads_it(closed_round1, tmp_path, args):
    """R49's flashdisk pulled right after `ulang`: the retake form is cut. `release` now says so in
    one Indonesian sentence naming the notebook and `alaskaki init FOLDER`; `grade` (the trainer
    grading the sheets that came in) and `cetak` (printing the retake form or its key for p05)
    must say the same instead of an unexpected error whose cause is in English."""
    from alaskaki.workshop import putaran

    ws, _usb = closed_round1
    putaran.ulang(ws.root, FORM, ["p05"])
    ws.source_notebook(FORM).write_bytes(b'{"cells": [')  # what the cut leaves
    extra = ("--out", str(tmp_path / "kertas.html")) if args[0] == "cetak" else ()
    res = _cli(ws, *args, *extra)
    assert res.returncode != 0
    assert "galat tak terduga" not in res.stderr and "Traceback" not in res.stderr, res.stderr
    assert f"{FORM}.ipynb" in res.stderr and "alaskaki init" in res.stderr, res.stderr


def test_after_the_refusal_init_draws_a_new_round_form_and_release_hands_it_out(
    closed_round1, tmp_path
):
    """R61's way out, as the refusal says: `alaskaki init` puts the closed round's form aside and
    draws a new round-2 form, which `release` then hands to the retaker."""
    from alaskaki.workshop import putaran

    ws, usb = closed_round1
    round1 = _keys(ws.source_notebook(FORM))
    putaran.ulang(ws.root, FORM, ["p05"])
    shutil.rmtree(ws.source(FORM))
    shutil.copytree(usb / FORM, ws.source(FORM))
    released = ws.release_notebook(FORM)
    before = released.read_bytes()  # round 1's release
    refused = _cli(ws, "release", FORM, "--batas", "2026-12-08 17:00")
    assert refused.returncode != 0 and "putaran 1" in refused.stderr, refused.stderr
    assert f"alaskaki init {ws.root}" in refused.stderr, refused.stderr
    assert released.read_bytes() == before  # nothing released
    again = subprocess.run(
        [sys.executable, "-m", "alaskaki", "init", str(ws.root)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert again.returncode == 0, again.stdout + again.stderr
    assert "putaran 1" in again.stderr and "putaran 2" in again.stderr, again.stderr
    assert list(ws.state_dir.glob(f"{FORM}-putaran-1-*")), "round 1's form not kept"
    handed = _cli(ws, "release", FORM, "--batas", "2026-12-08 17:00")
    assert handed.returncode == 0, handed.stdout + handed.stderr
    assert released.read_bytes() != before
    now = _keys(ws.source_notebook(FORM))
    same = sum(now.get(g) == k for g, k in round1.items())
    assert same < len(round1) // 2, f"round 2 released with {same}/{len(round1)} round-1 keys"


def _sheet_on_stick(ws, tmp_path, pid: str, skill: float, name: str):
    import nbformat

    from alaskaki.workshop import demo

    source = nbformat.read(ws.source_notebook(FORM), as_version=4)
    given = nbformat.read(ws.release_notebook(FORM), as_version=4)
    stick = tmp_path / name
    stick.mkdir()
    nbformat.write(
        demo.simulate_submission(source, given, pid, skill, FORM), stick / f"{pid}_{FORM}.ipynb"
    )
    return stick


# R64 (red team 3), fixed in session 9
def test_a_sheet_collected_while_grade_runs_is_never_recorded_as_graded(released_akhir, tmp_path):
    """No lock between workshop writers (R45): a co-trainer runs `collect` from a second stick while
    the trainer's `grade asesmen-akhir` is working on p02. p02's first sheet (all right) is the one
    graded; his second sheet (all wrong) is installed before the grader writes its done-marker.
    The marker then names the second file as the one judged. `tutup` right after: p02's closed
    result must be the graded sheet, with the usual warning that the new sheet was not graded and
    will be refused (as without the race) -- not the ungraded sheet recorded as graded, which the
    next `grade` scores into the closed round (measured: 37/37 at closing, 0/37 after the next
    `grade`, status dinilai: a rapor written in between says the opposite of the gradebook)."""
    import hashlib

    from alaskaki.workshop import collect_module, grade, putaran
    from alaskaki.workshop.grading import record

    base, _source, _given = released_akhir
    ws = type(base)(shutil.copytree(base.root, tmp_path / "lokakarya", symlinks=True))
    first = _sheet_on_stick(ws, tmp_path, "p02", 1.0, "usb-1")
    collect_module(ws, FORM, source=first, received="2026-12-01 15:00", tanpa_token=True)
    graded_sheet = ws.submitted("p02", FORM) / f"{FORM}.ipynb"
    graded_sha = hashlib.sha256(graded_sheet.read_bytes()).hexdigest()
    second = _sheet_on_stick(ws, tmp_path, "p02", 0.0, "usb-2")
    real = record.write_autograded

    def co_trainer_collects(course, module, work):  # lands while p02's grading is under way
        collect_module(ws, FORM, source=second, received="2026-12-01 16:00", tanpa_token=True)
        return real(course, module, work)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(record, "write_autograded", co_trainer_collects)
        run = grade(ws, FORM, progress=False, workers=1)
    assert run.by_participant()["p02"].score == run.by_participant()["p02"].max_score
    assert hashlib.sha256(graded_sheet.read_bytes()).hexdigest() != graded_sha  # 2nd installed
    assert "p02" in putaran.ungraded(ws.root, FORM), "the new sheet was never graded"
    closed = putaran.tutup(ws.root, FORM)
    assert closed.dinilai.get("p02") == graded_sha, closed.dinilai


# a `grade` paused as it records p02's graded sheet, until the file named by argv[3] exists
GRADE_PAUSED = """
import pathlib, sys, time
from alaskaki.workshop import Workshop, grade
from alaskaki.workshop.grading import record
real = record.write_autograded
ready, go = pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
def paused(course, module, work):
    ready.touch()
    while not go.exists():
        time.sleep(0.05)
    return real(course, module, work)
record.write_autograded = paused
run = grade(Workshop(sys.argv[1]), "asesmen-akhir", progress=False, workers=1)
print(run.by_participant()["p02"].score, flush=True)
"""


# R45 (issue 14): the writer lock, session 10
def test_tutup_during_a_grade_waits_for_it_and_closes_the_graded_sheet(released_akhir, tmp_path):
    """Trainer A runs `alaskaki grade asesmen-akhir` (another process) on p02's sheet; trainer B
    runs `alaskaki tutup asesmen-akhir` while it is half-way (the grader has judged the sheet and
    not yet written its result). Without a lock the round closed on what was graded before A's run
    (p02 not among the results, his sheet then refused for good). B's `tutup` must be refused in
    one sentence naming A's command and pid, the round left open; once A's grade ends, `tutup`
    closes the round with p02's graded sheet as its result."""
    import hashlib
    import os
    import time

    from alaskaki.workshop import collect_module, putaran

    base, _source, _given = released_akhir
    ws = type(base)(shutil.copytree(base.root, tmp_path / "lokakarya", symlinks=True))
    stick = _sheet_on_stick(ws, tmp_path, "p02", 1.0, "usb-1")
    collect_module(ws, FORM, source=stick, received="2026-12-01 15:00", tanpa_token=True)
    sheet = hashlib.sha256((ws.submitted("p02", FORM) / f"{FORM}.ipynb").read_bytes()).hexdigest()
    ready, go = tmp_path / "dinilai", tmp_path / "lanjut"
    grader = subprocess.Popen(
        [sys.executable, "-c", GRADE_PAUSED, str(ws.root), str(ready), str(go)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        limit = time.monotonic() + 600  # only so a broken run fails instead of hanging
        while not ready.exists():  # the grader reached p02's result
            assert grader.poll() is None, grader.stderr.read()
            assert time.monotonic() < limit, "the grade never reached p02's result"
            time.sleep(0.1)
        env = os.environ | {"ALASKAKI_LOCK_WAIT": "0"}
        closing = subprocess.run(
            [sys.executable, "-m", "alaskaki", "tutup", FORM, "--workshop", str(ws.root)],
            capture_output=True,
            text=True,
            check=False,
            env=env,
        )
        assert closing.returncode != 0, closing.stdout
        assert "Traceback" not in closing.stderr, closing.stderr
        assert f"`alaskaki grade {FORM}`" in closing.stderr, closing.stderr
        assert f"pid {grader.pid}" in closing.stderr, closing.stderr
        assert putaran.read_round(ws.root, FORM).terbuka
    finally:
        go.touch()
        out, err = grader.communicate(timeout=600)
    assert grader.returncode == 0, err
    assert float(out.split()[-1]) > 0, out
    closed = _cli(ws, "tutup", FORM)
    assert closed.returncode == 0, closed.stderr
    assert putaran.read_round(ws.root, FORM).dinilai.get("p02") == sheet


# R65 (red team 3), fixed in session 9
@pytest.mark.parametrize("kunci", [False, True], ids=["kertas", "kunci"])
def test_the_closed_rounds_form_put_back_is_never_printed_for_a_retaker(
    closed_round1, tmp_path, kunci
):
    """R61 on paper: p05 retakes asesmen-akhir on paper (no laptop for him that day). After `ulang`
    the trainer copied source/ back from the morning's backup (round 1's form). `alaskaki cetak
    asesmen-akhir` prints the sheet p05 sits, `--kunci` the key the trainer scores it by: both must
    refuse as `release` does (or print a form other than round 1's), never round 1's form, whose
    key the rapor spent."""
    from alaskaki.workshop import putaran

    ws, usb = closed_round1
    round1 = _keys(ws.source_notebook(FORM))
    putaran.ulang(ws.root, FORM, ["p05"])
    shutil.rmtree(ws.source(FORM))
    shutil.copytree(usb / FORM, ws.source(FORM))
    paper = tmp_path / "kertas.html"
    res = _cli(ws, "cetak", FORM, "--out", str(paper), *(["--kunci"] if kunci else []))
    assert "Traceback" not in res.stderr and "galat tak terduga" not in res.stderr, res.stderr
    if res.returncode == 0:
        now = _keys(ws.source_notebook(FORM))
        same = sum(now.get(g) == k for g, k in round1.items())
        assert same < len(round1) // 2, (
            f"printed for round 2 with {same}/{len(round1)} round-1 keys"
        )
    else:
        assert not paper.exists() and "putaran 1" in res.stderr, res.stderr


# R69 (red team 3), fixed in session 9: most questions or keys the closed round's
def test_the_closed_rounds_form_with_one_question_retouched_is_never_released(
    closed_round1, tmp_path
):
    """R61's state, and the trainer, reading the form he just copied back, corrects a typo in one
    question (one word of one markdown cell) before releasing. 36 of 37 items are round 1's,
    word for word, with round 1's keys (spent by the rapor): `release` must refuse it as it
    refuses the untouched form (or hand out a form with under half of round 1's keys)."""
    import json

    from alaskaki.workshop import putaran

    ws, usb = closed_round1
    round1 = _keys(ws.source_notebook(FORM))
    putaran.ulang(ws.root, FORM, ["p05"])
    shutil.rmtree(ws.source(FORM))
    shutil.copytree(usb / FORM, ws.source(FORM))
    path = ws.source_notebook(FORM)
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = nb["cells"]
    for prev, cell in zip(cells, cells[1:], strict=False):  # the first question: one word changed
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
        if gid.endswith("_jawab") and prev["cell_type"] == "markdown":
            text = "".join(prev["source"]) if isinstance(prev["source"], list) else prev["source"]
            prev["source"] = text.replace(" ", "  ", 1)[:-1] + text[-1] + " (perbaikan ejaan)"
            break
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")
    handed = _cli(ws, "release", FORM, "--batas", "2026-12-08 17:00")
    assert "Traceback" not in handed.stderr, handed.stderr
    if handed.returncode == 0:
        # the key of each item sits in its hidden test (harapan=...); read as text, since the
        # kit's own reader refuses the retouched question's item (sidik)
        now = _hidden_tests(ws.source_notebook(FORM))
        one = _hidden_tests(usb / FORM / f"{FORM}.ipynb")
        same = sum(now.get(g) == t for g, t in one.items())
        assert same < len(round1) // 2, f"round 2 released with {same}/{len(one)} round-1 keys"
    else:
        assert "putaran 1" in handed.stderr, handed.stderr


def _hidden_tests(path) -> dict[str, str]:
    """{grade id: test cell source (with its hidden test and key)} of an instructor form."""
    import json

    out = {}
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if meta.get("grade") and not meta.get("solution") and "harapan=" in text:
            out[meta["grade_id"]] = text
    return out
