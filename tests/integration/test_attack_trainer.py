"""Trainer team: a careless trainer (and a participant handing in files for others) attacks the
workshop folder, collect and grading's bookkeeping with the real CLI on a real workshop.

Every attack must end safe: nothing collected or graded is lost or counted twice, a failure exits
non-zero with one Indonesian sentence naming the file/participant and the fix, no traceback.
One workshop (init → roster → release → collect → grade, through the CLI) is built once; each test
works on a ``cp -a`` copy of it, as a trainer copying the folder to a backup disk would.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from alaskaki import paths
from alaskaki.folder import Folder

pytestmark = pytest.mark.slow

MOD = "m3-biaya-produksi"
OTHER = "m4a-harga-ekspor"
PIDS = ("p01", "p02", "p03")
HEADER = "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"
ALASKAKI = [sys.executable, "-m", "alaskaki"]


def run(ws: Path | None, *argv: str, timeout: int = 300) -> subprocess.CompletedProcess:
    cmd = [*ALASKAKI, *argv] + (["--workshop", str(ws)] if ws is not None else [])
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


def clean_failure(res: subprocess.CompletedProcess) -> str:
    """A refusal: non-zero exit, no traceback, an Indonesian sentence on stderr."""
    assert res.returncode != 0, res.stdout + res.stderr
    assert "Traceback" not in res.stderr + res.stdout, res.stderr
    assert res.stderr.strip(), res.stdout
    return res.stderr


def submission(pid: str, answer_scale: float | None = None) -> bytes:
    """The instructor's notebook with the participant's id: full marks for that participant."""
    nb = json.loads((paths.SOURCE_DIR / MOD / f"{MOD}.ipynb").read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        src = src.replace('"isi-id-anda"', f'"{pid}"').replace('"contoh-01"', f'"{pid}"')
        if answer_scale is not None and "hpp = " in src and "### BEGIN SOLUTION" in src:
            src += f"\nhpp = hpp * {answer_scale}"
        cell["source"] = src
    return json.dumps(nb, indent=1).encode("utf-8")


def grades(ws: Path) -> tuple[int, float, int]:
    """(grade rows, total auto score, graded notebooks) straight from nbgrader's gradebook."""
    with contextlib.closing(sqlite3.connect(Folder(ws).own_gradebook)) as db:
        n, total, notebooks = db.execute(
            "select count(*), coalesce(sum(auto_score), 0), count(distinct notebook_id) from grade"
        ).fetchone()
    return n, float(total), notebooks


def score_of(ws: Path, pid: str) -> float:
    with contextlib.closing(sqlite3.connect(Folder(ws).own_gradebook)) as db:
        row = db.execute(
            "select coalesce(sum(g.auto_score), 0) from grade g"
            " join submitted_notebook n on g.notebook_id = n.id"
            " join submitted_assignment a on n.assignment_id = a.id"
            " where a.student_id = ?",
            (pid,),
        ).fetchone()
    return float(row[0])


def cp_a(src: Path, dst: Path) -> Path:
    subprocess.run(["cp", "-a", str(src), str(dst)], check=True)
    return dst


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("pelatih")
    roster = base / "peserta.csv"
    roster.write_text(
        HEADER + "".join(f"{p},Nama {p},UD A,Miji,P,admin\n" for p in (*PIDS, "p04")),
        encoding="utf-8",
    )
    ws = base / "ws"
    res = run(None, "init", str(ws), "--roster", str(roster), "--nama", "Uji pelatih")
    assert res.returncode == 0, res.stderr
    # init may hold every kit module; keep the run small by releasing only MOD
    res = run(ws, "release", MOD, "--batas", "2026-12-01 17:00")
    assert res.returncode == 0, res.stderr
    usb = base / "usb"
    usb.mkdir()
    for pid in PIDS:
        (usb / f"{pid}_{MOD}.ipynb").write_bytes(submission(pid))
    res = run(ws, "collect", MOD, "--from", str(usb), "--diterima", "2026-12-01 16:00")
    assert res.returncode == 0, res.stderr
    res = run(ws, "grade", MOD, "--workers", "2")
    assert res.returncode == 0, res.stdout + res.stderr
    n, total, notebooks = grades(ws)
    assert notebooks == len(PIDS) and total == 9 * len(PIDS), (n, total, notebooks)
    return ws


@pytest.fixture
def ws(template, tmp_path) -> Path:
    return cp_a(template, tmp_path / "lokakarya")


# ------------------------------------------------------------------ the folder is a durable record


def test_a_copy_and_a_moved_workshop_each_grade_into_their_own_gradebook(ws, tmp_path):
    """cp -a to a backup disk, then keep working in the copy; move the copy mid-course."""
    before = grades(ws)
    copy = cp_a(ws, tmp_path / "cadangan-flashdisk")
    usb = tmp_path / "usb-p04"
    usb.mkdir()
    (usb / f"p04_{MOD}.ipynb").write_bytes(submission("p04"))
    assert run(copy, "collect", MOD, "--from", str(usb)).returncode == 0
    moved = copy.rename(tmp_path / "laptop-baru")  # moved between collect and grade
    res = run(moved, "grade", MOD, "--workers", "1")
    assert res.returncode == 0, res.stdout + res.stderr
    assert score_of(moved, "p04") == 9
    assert grades(ws) == before, "grading the copy changed the original's gradebook"
    assert score_of(ws, "p04") == 0
    for folder, p04 in ((ws, False), (moved, True)):
        res = run(folder, "--json", "status")
        assert res.returncode == 0, res.stderr
        rows = {r["peserta"]: r for r in json.loads(res.stdout)["rincian"] if r["modul"] == MOD}
        assert rows["p01"]["nilai"] == 9
        assert bool(rows["p04"].get("dinilai")) is p04, rows["p04"]


@pytest.mark.parametrize("damage", ["kosong", "terpotong"])
def test_a_lost_gradebook_is_refused_by_every_command_and_pulihkan_brings_it_back(ws, damage):
    # a command that writes the gradebook leaves a backup first
    assert run(ws, "roster", "import", str(Folder(ws).roster_file)).returncode == 0
    before = grades(ws)
    db = Folder(ws).own_gradebook
    data = db.read_bytes()
    db.write_bytes(b"" if damage == "kosong" else data[: len(data) // 3])
    for argv in (
        ("status",),
        ("grade", MOD),
        ("report",),
        ("collect", MOD, "--from", str(ws.parent)),
    ):
        err = clean_failure(run(ws, *argv))
        assert ("gradebook.db" in err or "buku nilai" in err) and "pulihkan" in err, (argv, err)
    assert db.stat().st_size == (0 if damage == "kosong" else len(data) // 3), "recreated silently"
    listed = run(ws, "pulihkan")
    assert listed.returncode == 0 and "1" in listed.stdout, listed.stdout + listed.stderr
    res = run(ws, "pulihkan", "1")
    assert res.returncode == 0, res.stdout + res.stderr
    assert grades(ws) == before
    assert run(ws, "status").returncode == 0


def test_roster_reimport_changing_case_or_dropping_a_graded_participant_keeps_grades(ws, tmp_path):
    before = grades(ws)
    upper = tmp_path / "besar.csv"
    upper.write_text(
        HEADER + "P01,Nama p01,UD A,Miji,P,admin\np02,Nama p02,UD A,Miji,P,admin\n",
        encoding="utf-8",
    )
    err = clean_failure(run(ws, "roster", "import", str(upper)))
    assert "P01" in err and "p01" in err and "baris 2" in err, err
    dropped = tmp_path / "tanpa-p03.csv"
    dropped.write_text(
        HEADER + "".join(f"{p},Nama {p},UD A,Miji,P,admin\n" for p in ("p01", "p02", "p04")),
        encoding="utf-8",
    )
    res = run(ws, "roster", "import", str(dropped))
    assert res.returncode == 0, res.stderr
    assert "p03" in res.stdout, res.stdout  # the trainer is told p03 was kept
    assert grades(ws) == before
    res = run(ws, "--json", "status")
    rows = {r["peserta"]: r for r in json.loads(res.stdout)["rincian"] if r["modul"] == MOD}
    assert rows["p03"]["nilai"] == 9


# ------------------------------------------------------------------ interruptions and two at once


def _grade_in_background(ws: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [*ALASKAKI, "grade", MOD, "--ulang", "--workers", "1", "--workshop", str(ws)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def test_grade_interrupted_by_ctrl_c_then_killed_loses_nothing_and_counts_once(ws, tmp_path):
    before = grades(ws)
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / f"p04_{MOD}.ipynb").write_bytes(submission("p04"))
    (usb / f"p01_{MOD}.ipynb").write_bytes(
        submission("p01", answer_scale=2)
    )  # resubmitted, wrong hpp
    assert run(ws, "collect", MOD, "--from", str(usb)).returncode == 0
    proc = _grade_in_background(ws)
    time.sleep(6)
    proc.send_signal(signal.SIGINT)  # Ctrl-C
    out, err = proc.communicate(timeout=180)
    assert "Traceback" not in out + err, err
    proc = _grade_in_background(ws)
    time.sleep(8)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)  # power cut
    proc.communicate(timeout=60)
    res = run(ws, "grade", MOD, "--workers", "1")
    assert res.returncode == 0, res.stdout + res.stderr
    n, total, notebooks = grades(ws)
    assert notebooks == 4 and n == before[0] // 3 * 4, (n, total, notebooks)
    assert score_of(ws, "p04") == 9 and score_of(ws, "p01") < 9
    assert score_of(ws, "p02") == 9 and score_of(ws, "p03") == 9


def test_two_commands_at_once_on_one_workshop_leave_one_consistent_gradebook(ws, tmp_path):
    before = grades(ws)
    a = _grade_in_background(ws)
    time.sleep(1)
    b = _grade_in_background(ws)
    roster = run(ws, "roster", "import", str(Folder(ws).roster_file))
    for proc in (a, b):
        out, err = proc.communicate(timeout=300)
        # either finishes, or refuses with a sentence naming the other command; never a traceback
        assert "Traceback" not in out + err, err
        if proc.returncode != 0:
            assert err.strip(), out
    assert "Traceback" not in roster.stderr
    assert grades(ws) == before


# ------------------------------------------------------------------ what a trainer collects


def test_a_usb_stick_full_of_traps_collects_the_good_file_and_names_every_other(ws, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    good = submission("p04")
    (usb / f"p04_{MOD}.ipynb").write_bytes(good)
    (usb / f"Salinan dari p04_{MOD} (1).ipynb").write_bytes(good)  # same file twice
    (usb / f"P04_{MOD} - Copy.IPYNB").write_bytes(good)
    (usb / f"p02_{MOD}.ipynb").symlink_to("/etc/shadow")
    (usb / "tautan").symlink_to(Folder(ws).submitted())
    os.mkfifo(usb / f"p03_{MOD}.ipynb")
    big = json.loads(submission("p01"))
    big["cells"].append({"cell_type": "markdown", "metadata": {}, "source": "x" * 30_000_000})
    (usb / f"p01_{MOD}.ipynb").write_text(json.dumps(big), encoding="utf-8")
    other = json.loads((paths.SOURCE_DIR / OTHER / f"{OTHER}.ipynb").read_text(encoding="utf-8"))
    (usb / f"p02_{MOD} (2).ipynb").write_text(json.dumps(other), encoding="utf-8")
    before = {p: (Folder(ws).submitted(p, MOD) / f"{MOD}.ipynb").read_bytes() for p in PIDS}

    res = run(ws, "collect", MOD, "--from", str(usb), "--diterima", "2026-12-01 16:30")
    assert "Traceback" not in res.stdout + res.stderr, res.stderr
    text = res.stdout + res.stderr
    assert (Folder(ws).submitted("p04", MOD) / f"{MOD}.ipynb").read_bytes() == good
    assert len(list(Folder(ws).archive("p04", MOD).glob("*.ipynb"))) == 1, "stored twice"
    assert not list(Folder(ws).archive("p04", MOD).glob("tertahan/*.ipynb")), "held a duplicate"
    for name in (
        f"p02_{MOD}.ipynb",
        "tautan",
        f"p03_{MOD}.ipynb",
        f"p01_{MOD}.ipynb",
        f"p02_{MOD} (2).ipynb",
    ):
        assert name in text, (name, text)
    assert OTHER in text  # the other module's notebook says which module it is
    for pid in PIDS:  # nothing already collected was replaced
        assert (Folder(ws).submitted(pid, MOD) / f"{MOD}.ipynb").read_bytes() == before[pid]
    for path in Folder(ws).archive().rglob("*"):
        assert not path.is_symlink()
        if path.is_file():
            assert b"root:" not in path.read_bytes()[:200]


def test_a_zip_with_a_file_for_another_participant_never_replaces_their_work(ws, tmp_path):
    victim = (Folder(ws).submitted("p02", MOD) / f"{MOD}.ipynb").read_bytes()
    blank = json.loads(submission("p02"))
    for cell in blank["cells"]:
        if "### BEGIN SOLUTION" in cell["source"] and "ID_PESERTA" not in cell["source"]:
            cell["source"] = cell["source"].split("### BEGIN SOLUTION")[0]
    z = tmp_path / "kiriman-p04.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr(f"C:\\Users\\p04\\p04_{MOD}.ipynb", submission("p04"))
        zf.writestr(f"C:\\Users\\p04\\p02_{MOD}.ipynb", json.dumps(blank))
    res = run(ws, "collect", MOD, "--from", str(z), "--diterima", "2026-12-01 16:59")
    text = res.stdout + res.stderr
    assert "Traceback" not in text
    # p02's real work stays installed; the blank file handed in for p02 is held and named
    assert (Folder(ws).submitted("p02", MOD) / f"{MOD}.ipynb").read_bytes() == victim, text
    assert f"p02_{MOD}.ipynb" in text and "DITAHAN" in text, text
    archived = [p.read_bytes() for p in Folder(ws).archive().rglob("*.ipynb")]
    assert submission("p04") in archived, "p04's own file was lost"
    # the trainer chooses p04's own file; p02 is still untouched
    if not (Folder(ws).submitted("p04", MOD) / f"{MOD}.ipynb").exists():
        res = run(ws, "collect", MOD, "--pilih", f"p04_{MOD}.ipynb")
        assert res.returncode == 0, res.stdout + res.stderr
    assert (Folder(ws).submitted("p04", MOD) / f"{MOD}.ipynb").read_bytes() == submission("p04")
    assert (Folder(ws).submitted("p02", MOD) / f"{MOD}.ipynb").read_bytes() == victim


def test_collecting_from_inside_the_workshop_is_refused(ws):
    before = grades(ws)
    for src in (ws, Folder(ws).submitted(), Folder(ws).autograded()):
        err = clean_failure(run(ws, "collect", MOD, "--from", str(src)))
        assert "lokakarya" in err, err
    assert grades(ws) == before
    assert sorted(p.name for p in Folder(ws).archive().iterdir()) == list(PIDS)


def test_two_sticks_with_the_same_stated_time_are_never_decided_by_hash(ws, tmp_path):
    """Two USB sticks handed in at the deadline, collected one after the other with the same
    --diterima. p01 has a different file on each: which one counts cannot be told by time, so the
    trainer must choose; the kit must not pick one by the order of hash digits (T1, landed by
    collect from /work/wt/trainerteam-pending_test_same_time.py)."""
    outcomes = set()
    for scale in (2, 3, 4, 5):
        w = cp_a(ws, tmp_path / f"ws{scale}")
        for i, data in enumerate((submission("p01", scale), submission("p01", scale + 10))):
            usb = tmp_path / f"usb{scale}-{i}"
            usb.mkdir()
            (usb / f"p01_{MOD}.ipynb").write_bytes(data)
            res = run(w, "collect", MOD, "--from", str(usb), "--diterima", "2026-12-01 16:55")
            assert "Traceback" not in res.stderr
        held = list((Folder(w).archive("p01", MOD) / "tertahan").glob("*.ipynb"))
        installed = (Folder(w).submitted("p01", MOD) / f"{MOD}.ipynb").read_bytes()
        outcomes.add(
            "held"
            if held
            else ("second" if installed == submission("p01", scale + 10) else "first")
        )
    assert outcomes in ({"held"}, {"second"}), f"decided by hash order: {outcomes}"


# ------------------------------------------------------------------ pulihkan, then carry on


def _status_rows(ws: Path) -> dict[str, dict]:
    res = run(ws, "--json", "status")
    assert res.returncode == 0, res.stderr
    return {r["peserta"]: r for r in json.loads(res.stdout)["rincian"] if r["modul"] == MOD}


def test_grade_after_pulihkan_grades_what_the_restored_gradebook_lacks(ws, tmp_path):
    """The trainer restores the backup made before a grading run (or before a regrade of a
    resubmission) and grades again: the grades missing from the restored gradebook must be
    written, not skipped as 'tidak berubah' by the grader's own done-markers."""
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / f"p01_{MOD}.ipynb").write_bytes(submission("p01", answer_scale=2))  # resubmitted
    assert run(ws, "collect", MOD, "--from", str(usb)).returncode == 0
    res = run(ws, "grade", MOD, "--workers", "1")
    assert res.returncode == 0, res.stdout + res.stderr
    assert score_of(ws, "p01") < 9
    # 1) back to the gradebook before that regrade: it holds p01's OLD graded submission (backup 1
    # is the state the regrade left: every write is backed up, R30)
    assert run(ws, "pulihkan", "2").returncode == 0
    assert score_of(ws, "p01") == 9  # the restored gradebook: the old file's grade
    res = run(ws, "grade", MOD, "--workers", "1")
    assert res.returncode == 0, res.stdout + res.stderr
    assert score_of(ws, "p01") < 9, (
        "the installed resubmission was not graded again:\n" + res.stdout
    )
    row = _status_rows(ws)["p01"]
    assert row["dinilai"] and not row["perlu_nilai_ulang"], row
    # 2) back to a gradebook from before any grading (the backup made before `collect`)
    listing = run(ws, "--json", "pulihkan")
    # (the state before `collect` is the one `release` left: one backup, "sesudah-release")
    before_collect = [
        b for b in json.loads(listing.stdout) if b["doing"] in ("collect", "sesudah-release")
    ]
    oldest = max(before_collect, key=lambda b: b["number"])
    assert run(ws, "pulihkan", str(oldest["number"])).returncode == 0
    assert grades(ws)[0] == 0
    res = run(ws, "grade", MOD, "--workers", "2")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "tidak berubah" not in res.stdout, res.stdout
    assert score_of(ws, "p02") == 9 and score_of(ws, "p03") == 9 and 0 < score_of(ws, "p01") < 9
    rows = _status_rows(ws)
    assert all(rows[p]["dinilai"] and rows[p]["nilai"] for p in PIDS), rows
