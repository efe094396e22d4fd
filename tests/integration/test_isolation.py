"""Issue 12: one submission never touches another, whatever it does, on one warm worker.

One grading run with a single worker (so every submission runs in the same warm sandbox, one after
the other): attackers are graded before and between honest participants. For every attack the run
must show that the attacker scores no more than a blank notebook, that every honest participant
scores what their answers earn, and that nothing of any submission is left on the host (process,
SysV IPC object). A second, small run regrades the participant whose sandbox was killed from
outside; two more runs put the workshop on a full and on a read-only tmpfs.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "grader"))

import cohort  # noqa: E402
from nbgrader_baseline import gradebook_scores  # noqa: E402

from alaskaki import cli  # noqa: E402
from alaskaki.folder import Folder
from alaskaki.workshop import sandbox as sb  # noqa: E402
from alaskaki.workshop.grader import grade_module, load_flags  # noqa: E402

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not sb.zygotes_usable(sb.bwrap_available()),
        reason="needs bubblewrap and root (warm sandboxes)",
    ),
]

MARK = "4000.6143"  # in the command line of anything an attacker leaves running
SHM_KEY = 0x0A1A5C  # the SysV key the IPC attacker writes a secret under
SECRET = "RAHASIA-PESERTA-LAIN"

# Attackers send wrong answers: a blank notebook scores 0 on t1, so must they.
ATTACKS = {
    # forks a process whose main thread ends while a thread lives on (State: Z), and that thread
    # SIGKILLs every process it can see and tries to outlive the submission
    "a1_benang": (
        "import ctypes, os, signal, threading, time\n"
        "def pembunuh():\n"
        "    akhir = time.time() + 60\n"
        "    while time.time() < akhir:\n"
        "        for p in os.listdir('/proc'):\n"
        "            if p.isdigit() and int(p) != os.getpid():\n"
        "                try:\n"
        "                    os.kill(int(p), signal.SIGKILL)\n"
        "                except OSError:\n"
        "                    pass\n"
        "        with contextlib.suppress(OSError):\n"
        "            os.kill(-1, signal.SIGKILL)\n"
        "        time.sleep(0.05)\n"
        "import contextlib\n"
        "if os.fork() == 0:\n"
        f"    os.setsid()\n    threading.Thread(target=pembunuh, name='{MARK}').start()\n"
        "    ctypes.CDLL(None).pthread_exit(None)\n"
        "time.sleep(0.3)"
    ),
    # SysV shared memory, semaphores and a message queue, with a secret for the next submission
    "a2_ipc": (
        "import ctypes\nlibc = ctypes.CDLL(None, use_errno=True)\n"
        "libc.shmat.restype = ctypes.c_void_p\n"
        f"shm = libc.shmget({SHM_KEY}, 1 << 20, 0o1666)\n"
        "alamat = libc.shmat(shm, None, 0)\n"
        f"ctypes.memmove(alamat, b'{SECRET}', {len(SECRET)})\n"
        "besar = [libc.shmget(0, 32 << 20, 0o1666) for _ in range(7)]\n"
        f"sem = libc.semget({SHM_KEY}, 4, 0o1666)\nmsg = libc.msgget({SHM_KEY}, 0o1666)\n"
        f"open('/tmp/{MARK}', 'w').write('{SECRET}')\nopen('/dev/shm/{MARK}', 'w').write('{SECRET}')\n"
        f"open('{MARK}', 'w').write('{SECRET}')"
    ),
    # the next submission looks for what the previous one left
    "a3_intip": (
        "import ctypes, os\nlibc = ctypes.CDLL(None, use_errno=True)\n"
        "libc.shmat.restype = ctypes.c_void_p\n"
        f"shm = libc.shmget({SHM_KEY}, 0, 0)\n"
        "temuan = []\n"
        "if shm >= 0:\n"
        "    alamat = libc.shmat(shm, None, 0)\n"
        f"    temuan.append(ctypes.string_at(alamat, {len(SECRET)}).decode(errors='replace'))\n"
        f"for path in ['/tmp/{MARK}', '/dev/shm/{MARK}', '{MARK}']:\n"
        "    try:\n        temuan.append(open(path).read())\n    except OSError:\n        pass\n"
        "temuan.append(open('/proc/sysvipc/shm').read())\n"
        "temuan.append(str(sorted(p for p in os.listdir('/proc') if p.isdigit())))\n"
        "print('TEMUAN', temuan)"
    ),
    # capabilities, user namespaces, mounts, becoming root
    "a4_kapabilitas": (
        "import ctypes, os, subprocess\n"
        "print(open('/proc/self/status').read())\n"
        "for cmd in (['unshare', '-Urm', 'sh', '-c', 'mount -t tmpfs x /tmp && echo UNSHARE_OK'],\n"
        "            ['unshare', '-m', 'echo', 'UNSHARE_OK'], ['unshare', '-U', 'echo', 'UNSHARE_OK']):\n"
        "    r = subprocess.run(cmd, capture_output=True, text=True)\n"
        "    print(r.stdout, r.stderr)\n"
        "libc = ctypes.CDLL(None, use_errno=True)\n"
        "print('unshare', libc.unshare(0x10000000), 'mount', libc.mount(b'x', b'/tmp', b'tmpfs', 0, None))\n"
        "try:\n    os.setuid(0)\n    print('ROOT_OK')\nexcept OSError as e:\n    print('setuid', e)"
    ),
    # forged channel frames: a monkeypatch hidden behind a forged clean end, a forged result line
    # of the warm sandbox, and answers for every test written straight to every pipe it holds
    "a5_palsu": (
        "import builtins, json, os\nbuiltins.abs = lambda x: 0\n"
        "palsu = [{'k': 'checks', 'v': []}, {'k': 'done'},\n"
        "         {'k': 'zresult', 'nonce': '0' * 32, 'lines': [], 'events': []}]\n"
        "teks = ''.join(json.dumps(m) + '\\n' for m in palsu).encode()\n"
        "for fd in os.listdir('/proc/self/fd'):\n"
        "    try:\n"
        "        if os.readlink(f'/proc/self/fd/{fd}').startswith('pipe:'):\n"
        "            os.write(int(fd), teks)\n"
        "    except OSError:\n"
        "        pass"
    ),
    # decoder bombs: attacker-chosen dtypes that would allocate far more than the frame's size
    "a6_bom_dekoder": (
        "import json, os\n"
        "bom = [{'t': 'ndarray', 'dtype': '(1000,1000)f8', 'v': [1]}] + "
        "[{'t': 'ndarray', 'dtype': 'U25000000', 'v': ['a']}] * 8 + "
        "[{'t': 'npscalar', 'dtype': 'V99999999', 'v': 1}, {'t': 'ndarray', 'dtype': 'U4000', 'v': [['a'] * 2000] * 50}]\n"
        "baris = ''\n"
        "for i, b in enumerate(bom):\n"
        "    gid = ['t1_luas', 't1_biaya', 't1_urutan'][i % 3]\n"
        "    baris += json.dumps({'k': 'point', 'id': gid, 'vars': {'luas': b, 'biaya': b, 'urutan': b}}) + '\\n'\n"
        "for fd in os.listdir('/proc/self/fd'):\n"
        "    try:\n"
        "        if os.readlink(f'/proc/self/fd/{fd}').startswith('pipe:'):\n"
        "            os.write(int(fd), baris.encode())\n"
        "    except OSError:\n"
        "        pass"
    ),
    # an answer far bigger than Limits.answer_bytes
    "a7_jawaban_besar": "luas = 'x' * 3_000_000",
}


def _host_sysvipc() -> dict[str, list[tuple[str, str]]]:
    """The host's SysV IPC objects by (key, id): a submission's leftover is a new one. Not their
    other columns: another program's segment (PostgreSQL's) changes its attach count and last pid
    while the grading runs (this failed whenever a PostgreSQL ran on the machine)."""
    return {
        kind: sorted(
            tuple(line.split()[:2])
            for line in Path(f"/proc/sysvipc/{kind}").read_text().splitlines()[1:]
        )
        for kind in ("shm", "sem", "msg")
    }


def _strays() -> list[str]:
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            comm = " ".join(
                Path(f"/proc/{entry.name}/task/{t}/comm").read_text().strip()
                for t in os.listdir(f"/proc/{entry.name}/task")
            )
            cmd = Path(f"/proc/{entry.name}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if (MARK in cmd or MARK[:15] in comm) and "pytest" not in cmd:
            found.append(f"{entry.name}: {cmd[:100]} [{comm[:60]}]")
    return found


def _submission_inits() -> list[int]:
    """Host pids of processes that are pid 1 of a submission's namespace (a warm sandbox's runner)
    run by this test process's workers (other grading runs may share the machine)."""
    from alaskaki.workshop.grading.answers import UID_BASE

    ours = range(UID_BASE + (os.getpid() % 1000) * 64, UID_BASE + (os.getpid() % 1000) * 64 + 64)
    out = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                for line in Path(f"/proc/{entry.name}/status").read_text().splitlines():
                    if line.startswith("NSpid:"):
                        ids = line.split()[1:]
                        if len(ids) >= 3 and ids[-1] == "1" and entry.stat().st_uid in ours:
                            out.append(int(entry.name))
            except OSError:
                continue
    return out


def _kill_when_running(root: Path, victim: str, others: list[str], stop: threading.Event):
    """From outside the grader: SIGKILL the victim's sandbox process once the others are done."""
    done_dir = Folder(root).state_dir / cohort.MODUL / "selesai"
    while not stop.is_set():
        if all((done_dir / f"{p}.json").exists() for p in others):
            for pid in _submission_inits():
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
                    return
        time.sleep(0.05)


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    cohort.ensure_python_path()
    root = tmp_path_factory.mktemp("isolasi") / "ws"
    cohort.make_workshop(root, [])
    # graded in name order on one worker: honest work before, between and after the attacks
    honest = {
        "a0_jujur_benar": ("benar", 6.0),
        "b_jujur_benar": ("benar", 6.0),
        "c_jujur_sebagian": ("sebagian", 3.0),
        "d_jujur_salah": ("salah", 0.0),
        "e_jujur_benar": ("benar", 6.0),
    }
    blank = "a0_kosong"
    victim = "z_korban"
    submissions: dict[str, object] = {blank: cohort.filled(root, blank, "kosong")}
    for pid, (kind, _) in honest.items():
        submissions[pid] = cohort.filled(root, pid, kind)
    for pid, code in ATTACKS.items():  # after the first answer cell, before its test cell
        submissions[pid] = cohort.filled(root, pid, "salah", extra={5: code})
    big = cohort.filled(root, "a8_raksasa", "salah")
    big["cells"][0]["source"] = "x" * (9 * 1024 * 1024)  # over Limits.notebook_bytes
    submissions["a8_raksasa"] = big
    many = cohort.filled(root, "a9_banyak_sel", "salah")
    many["cells"] += [{"cell_type": "markdown", "metadata": {}, "source": "."}] * 2500
    submissions["a9_banyak_sel"] = many
    loud = cohort.filled(root, "a9_keluaran", "salah")
    loud["cells"][3]["outputs"] = [
        {"output_type": "stream", "name": "stdout", "text": "y" * (5 * 1024 * 1024)}
    ]
    submissions["a9_keluaran"] = loud
    # an honest participant whose sandbox is killed from outside while it works
    submissions[victim] = cohort.filled(
        root, victim, "benar", extra={2: "import time\ntime.sleep(6)"}
    )
    for pid, nb in submissions.items():
        cohort.submit(root, pid, nb)
    ipc_before = _host_sysvipc()
    stop = threading.Event()
    killer = threading.Thread(
        target=_kill_when_running,
        args=(root, victim, [p for p in submissions if p != victim], stop),
        daemon=True,
    )
    killer.start()
    try:
        run = grade_module(root, cohort.MODUL, workers=1, progress=False, cell_timeout=10)
    finally:
        stop.set()
        killer.join(5)
    time.sleep(1)  # anything that survived would still be running now
    strays, ipc_after = _strays(), _host_sysvipc()
    again = grade_module(root, cohort.MODUL, participants=[victim], workers=1, progress=False)
    return {
        "root": root,
        "run": run,
        "again": again,
        "honest": honest,
        "blank": blank,
        "victim": victim,
        "strays": strays,
        "ipc": (ipc_before, ipc_after),
    }


def _result(run, pid):
    return run.by_participant()[pid]


def _outputs(root: Path, pid: str) -> str:
    nb = json.loads((Folder(root).autograded(pid, "t1") / "t1.ipynb").read_text())
    return json.dumps([c.get("outputs", []) for c in nb["cells"]])


def test_every_honest_participant_scores_what_their_answers_earn(attacked):
    run = attacked["run"]
    for pid, (_, score) in attacked["honest"].items():
        r = _result(run, pid)
        assert (r.status, r.score, r.flags) == ("dinilai", score, []), (pid, r)
    assert {r.worker for r in run.results} == {1}  # all on the same warm worker


@pytest.mark.parametrize("pid", [*ATTACKS, "a8_raksasa", "a9_banyak_sel", "a9_keluaran"])
def test_an_attacker_scores_no_more_than_a_blank_notebook(attacked, pid):
    run = attacked["run"]
    blank = _result(run, attacked["blank"])
    r = _result(run, pid)
    assert r.status == "dinilai" and r.score <= blank.score == 0.0, r
    gb = gradebook_scores(attacked["root"], cohort.MODUL)[pid]
    assert sum(v or 0 for v in gb.values()) <= blank.score


def test_nothing_of_any_submission_is_left_on_the_host(attacked):
    before, after = attacked["ipc"]
    assert after == before
    assert attacked["strays"] == [] and _strays() == []
    assert _submission_inits() == []


def test_the_next_submission_finds_nothing_of_the_previous_one(attacked):
    out = _outputs(attacked["root"], "a3_intip")
    assert "TEMUAN" in out and SECRET not in out
    found = out.split("TEMUAN", 1)[1]
    assert "key" in found and str(SHM_KEY) not in found  # an empty SysV table of its own
    assert "['1']" in found  # alone in its own PID namespace


def test_participant_code_has_no_capability_and_cannot_make_namespaces(attacked):
    out = _outputs(attacked["root"], "a4_kapabilitas")
    for cap in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"):
        assert f"{cap}:\\t0000000000000000" in out, cap
    assert "NoNewPrivs:\\t1" in out and "Seccomp:\\t2" in out
    assert "UNSHARE_OK" not in out and "ROOT_OK" not in out
    assert "unshare -1 mount -1" in out


def test_forged_frames_hide_nothing(attacked):
    r = _result(attacked["run"], "a5_palsu")
    assert any("builtins" in f for f in r.flags), r.flags


def test_decoder_bombs_become_answers_that_cannot_pass(attacked):
    r = _result(attacked["run"], "a6_bom_dekoder")
    assert r.score == 0.0 and r.status == "dinilai"


def test_an_oversized_answer_is_refused_with_a_flag(attacked):
    flags = _result(attacked["run"], "a7_jawaban_besar").flags
    assert any("melebihi batas ukuran" in f for f in flags), flags


@pytest.mark.parametrize(
    ("pid", "words"),
    [
        ("a8_raksasa", "berkas terlalu besar"),
        ("a9_banyak_sel", "terlalu banyak sel"),
        ("a9_keluaran", "keluaran sel terlalu besar"),
    ],
)
def test_an_oversized_notebook_is_refused_with_a_clear_flag(attacked, pid, words):
    flags = _result(attacked["run"], pid).flags
    assert any("ditolak" in f and words in f for f in flags), flags


def test_the_thread_survivor_is_flagged_from_outside_its_process(attacked):
    flags = _result(attacked["run"], "a1_benang").flags
    assert any("proses lain yang masih hidup" in f for f in flags), flags


def test_a_sandbox_killed_from_outside_is_an_incident_not_a_flag(attacked):
    run, victim = attacked["run"], attacked["victim"]
    r = _result(run, victim)
    assert r.status == "gagal" and r.flags == [] and r.score is None
    assert "dihentikan dari luar" in r.error and "bukan kesalahan peserta" in r.error
    assert run.incidents == [f"pekerja 1: {victim}: {r.incident}"]
    assert (victim, cohort.MODUL) not in load_flags(attacked["root"])
    # nothing was recorded for the victim, so the next run grades it again, in full
    again = _result(attacked["again"], victim)
    assert (again.status, again.score, again.flags) == ("dinilai", 6.0, [])


# ---------------------------------------------------------------------------------------------
# A full disk and a read-only workshop (tmpfs mounts: root only, which CI is)
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    mnt = tmp_path / "disk"
    mnt.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(mnt)], check=True)
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def _small_workshop(mnt: Path) -> Path:
    cohort.ensure_python_path()
    root = cohort.make_workshop(mnt / "ws", [])
    Folder(root).meta_file.write_text(json.dumps({"course_id": "uji-penilai"}))
    for pid, kind in (("p1", "benar"), ("p2", "sebagian"), ("p3", "salah")):
        cohort.submit(root, pid, cohort.filled(root, pid, kind))
    return root


def _cli(root: Path, *extra: str, capsys) -> tuple[int, str, str]:
    code = cli.main(["grade", cohort.MODUL, "--workers", "1", "-w", str(root), *extra])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_full_disk_fails_the_run_with_one_sentence_and_loses_nothing(small_disk, capsys):
    root = _small_workshop(small_disk)
    filler = small_disk / "isi"
    with open(filler, "wb", buffering=0) as f, contextlib.suppress(OSError):
        while True:
            f.write(b"\0" * 4096)
    code, out, err = _cli(root, capsys=capsys)
    assert code != 0
    assert "Traceback" not in out + err
    assert err.count("disk penuh") == 1, err  # one sentence for the cause, not one per participant
    filler.unlink()
    code, out, err = _cli(root, capsys=capsys)
    assert code == 0, err
    scores = gradebook_scores(root, cohort.MODUL)
    assert {p: sum(v or 0 for v in g.values()) for p, g in scores.items()} == {
        "p1": 6.0,
        "p2": 3.0,
        "p3": 0.0,
    }


def test_a_read_only_gradebook_fails_the_run_with_one_sentence(small_disk, capsys):
    root = _small_workshop(small_disk)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        code, out, err = _cli(root, capsys=capsys)
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert code != 0
    assert "Traceback" not in out + err
    assert "hanya-baca" in err and err.count("hanya-baca") == 1, err


def test_ulang_regrades_unchanged_submissions_on_purpose(small_disk, capsys):
    root = _small_workshop(small_disk)
    assert _cli(root, capsys=capsys)[0] == 0
    code, out, _ = _cli(root, "--peserta", "p1", capsys=capsys)
    assert code == 0 and "tidak berubah" in out
    code, out, _ = _cli(root, "--ulang", "--peserta", "p1", capsys=capsys)
    assert code == 0 and "dinilai" in out and "tidak berubah" not in out
