"""alaskaki.workshop.lock: one writer at a time per workshop folder (issue 14, R45).

Real processes hold the lock (a child Python that takes it through the library and waits on its
stdin); the second writer is the real CLI (``alaskaki.cli.main``) or the library, never a mock of
the lock. Waits are bounded by a generous limit only so a broken lock fails instead of hanging.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import threading

import pytest

from alaskaki.cli import main
from alaskaki.errors import EXIT_CONFLICT, AlaskakiError
from alaskaki.folder import LOCK_FILE, META_FILE
from alaskaki.workshop import lock as lock_mod
from alaskaki.workshop.lock import holder, holds, writer_lock

FORM = "asesmen-akhir"
HEADER = "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"

# a co-trainer's command, held until the test closes its stdin (or kills it)
HOLDER = """
import sys
from alaskaki.workshop.lock import writer_lock
with writer_lock(sys.argv[1], sys.argv[2], wait=float(sys.argv[3])):
    print("dipegang", flush=True)
    sys.stdin.read()
print("dilepas", flush=True)
"""


def hold(root, command: str = f"grade {FORM}", wait: float = 0.0) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(root), command, str(wait)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = proc.stdout.readline()
    assert line.strip() == "dipegang", (line, proc.stderr.read() if proc.poll() is not None else "")
    return proc


def end(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=60)


@pytest.fixture
def folder(tmp_path):
    """A folder the lock treats as a workshop (its lokakarya.json), without a gradebook: cheap."""
    root = tmp_path / "lokakarya"
    root.mkdir()
    (root / META_FILE).write_text("{}\n", encoding="utf-8")
    return root


@pytest.fixture
def ws(tmp_path):
    """A real workshop with asesmen-akhir released and three participants."""
    from alaskaki.workshop import import_roster, init_workshop, release_module

    ws = init_workshop(tmp_path / "ws", modules=[FORM])
    roster = tmp_path / "r.csv"
    roster.write_text(
        HEADER + "".join(f"{p},Nama {p},A,Miji,P,admin\n" for p in ("p01", "p02", "p05")),
        encoding="utf-8",
    )
    import_roster(ws, roster)
    release_module(ws, FORM, due="2026-12-01 17:00")
    return ws


@pytest.fixture
def no_wait(monkeypatch):
    monkeypatch.setenv(lock_mod.WAIT_ENV, "0")


def refusal(capsys, code: int, holder_proc: subprocess.Popen, command: str, again: str) -> str:
    err = capsys.readouterr().err
    assert code == EXIT_CONFLICT, err
    assert "Traceback" not in err and "tak terduga" not in err, err
    assert len(err.strip().splitlines()) == 1, err  # one sentence
    assert f"`alaskaki {command}`" in err and f"pid {holder_proc.pid}" in err, err
    assert "sejak " in err and "tunggu" in err, err
    assert f"jalankan lagi `alaskaki {again}`" in err, err
    return err


@pytest.mark.slow
def test_tutup_while_another_process_grades_is_refused_naming_the_grader(ws, capsys, no_wait):
    """Trainer A grades asesmen-akhir (another process holds the lock as `grade` does); trainer B
    runs `alaskaki tutup asesmen-akhir`: refused in one sentence naming A's command and pid, and
    the round stays open. Once A's command ends, B's `tutup` closes the round."""
    from alaskaki.workshop import putaran

    grader = hold(ws.root)
    try:
        code = main(["tutup", FORM, "--workshop", str(ws.root)])
        refusal(capsys, code, grader, f"grade {FORM}", f"tutup {FORM}")
        assert putaran.read_round(ws.root, FORM).terbuka
        grader.stdin.close()
        assert grader.stdout.readline().strip() == "dilepas"
    finally:
        end(grader)
    assert main(["tutup", FORM, "--workshop", str(ws.root)]) == 0, capsys.readouterr().err
    assert not putaran.read_round(ws.root, FORM).terbuka


@pytest.mark.slow
def test_collect_while_another_process_holds_the_folder_collects_nothing(
    ws, tmp_path, capsys, no_wait
):
    """A co-trainer's `collect` during a `grade`: refused by name, nothing archived or installed;
    `status` (a reader) still answers meanwhile."""
    from tests.unit.workshop.test_collect import nb_bytes, put

    stick = tmp_path / "usb"
    put(stick, f"p01_{FORM}.ipynb", nb_bytes("p01", "jawaban", modul=FORM))
    grader = hold(ws.root)
    try:
        argv = ["collect", FORM, "--from", str(stick), "--tanpa-token", "-w", str(ws.root)]
        code = main(argv)
        refusal(capsys, code, grader, f"grade {FORM}", f"collect {FORM}")
        assert not ws.submitted("p01", FORM).exists()
        assert not list(ws.archive().rglob("*.ipynb"))
        assert main(["status", "-w", str(ws.root)]) == 0
        note = capsys.readouterr().err  # status says its figures may still change
        assert f"`alaskaki grade {FORM}` (pid {grader.pid}" in note and "bisa berubah" in note
    finally:
        end(grader)


@pytest.mark.slow
def test_the_lock_is_free_once_its_holder_is_killed(ws, capsys, no_wait):
    """A `grade` killed with SIGKILL (or a power cut) leaves no lock to delete by hand: the next
    `tutup` runs at once. The dead holder's note in the file names nobody."""
    from alaskaki.workshop import putaran

    grader = hold(ws.root)
    assert holder(ws.root)["pid"] == grader.pid
    os.kill(grader.pid, signal.SIGKILL)
    grader.wait(timeout=60)
    assert grader.returncode == -signal.SIGKILL
    assert (ws.root / LOCK_FILE).read_bytes(), "the killed holder's note is still in the file"
    assert holder(ws.root) is None
    assert main(["tutup", FORM, "--workshop", str(ws.root)]) == 0, capsys.readouterr().err
    assert not putaran.read_round(ws.root, FORM).terbuka


def test_a_second_writer_is_refused_with_the_holders_note(folder):
    proc = hold(folder, "collect m3-biaya-produksi")
    try:
        note = json.loads((folder / LOCK_FILE).read_text(encoding="utf-8"))
        assert note["command"] == "alaskaki collect m3-biaya-produksi"
        assert note["pid"] == proc.pid and note["user"] and note["started"]
        with pytest.raises(AlaskakiError) as refused, writer_lock(folder, "tutup x", wait=0):
            pytest.fail("took a lock another process holds")
        assert refused.value.exit_code == EXIT_CONFLICT
        assert f"pid {proc.pid}" in str(refused.value), refused.value
        assert str(folder) in str(refused.value)
        assert not holds(folder)
    finally:
        end(proc)


def test_a_waiting_writer_goes_on_when_the_holder_ends(folder):
    """A co-trainer's quick command: the second writer waits for it instead of refusing."""
    proc = hold(folder, "collect m3-biaya-produksi")
    ends = threading.Timer(0.5, proc.stdin.close)
    ends.start()
    try:
        with writer_lock(folder, "tutup x", wait=120):
            assert holds(folder)
            assert holder(folder)["pid"] == os.getpid()
        assert proc.wait(timeout=60) == 0  # it ended on its own, after letting go
    finally:
        ends.cancel()
        end(proc)


def test_the_lock_is_reentrant_in_one_process_and_let_go_at_the_end(folder):
    with writer_lock(folder, "grade m3"):
        with writer_lock(folder, "collect m3", wait=0):  # a helper taking it again
            seen = []
            worker = threading.Thread(  # grade's worker threads take it too
                target=lambda: seen.append(_reenter(folder))
            )
            worker.start()
            worker.join(60)
            assert seen == [True]
        assert holds(folder)
        assert holder(folder)["command"] == "alaskaki grade m3"  # the outer command's note
        refused = subprocess.run(
            [sys.executable, "-c", HOLDER, str(folder), "tutup x", "0"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert refused.returncode != 0 and "alaskaki grade m3" in refused.stderr, refused.stderr
    assert not holds(folder)
    assert (folder / LOCK_FILE).read_bytes() == b""  # the note goes with the lock
    after = subprocess.run(
        [sys.executable, "-c", HOLDER, str(folder), "tutup x", "0"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert after.returncode == 0 and "dilepas" in after.stdout, after.stderr


def _reenter(folder) -> bool:
    with writer_lock(folder, "record", wait=0):
        return holds(folder)


@pytest.mark.slow
def test_library_commands_run_inside_a_held_lock(ws):
    """A library caller (or `grade`'s own helpers) already holding the lock runs `tutup` and
    `ulang` inside it."""
    from alaskaki.workshop import putaran

    with writer_lock(ws.root, f"grade {FORM}", wait=0):
        closed = putaran.tutup(ws.root, FORM)
        assert not closed.terbuka
        again, _form = putaran.ulang(ws.root, FORM, ["p05"])
        assert again.nomor == 2
    assert not holds(ws.root)


def test_a_folder_that_is_no_workshop_is_not_locked(tmp_path):
    with writer_lock(tmp_path / "belum-ada", "init"):
        pass
    with writer_lock(tmp_path, "init"):
        assert not holds(tmp_path)
    assert not (tmp_path / LOCK_FILE).exists()


def test_a_file_system_without_locks_runs_the_command_unlocked(folder, monkeypatch):
    """A network disk refusing flock (ENOLCK): the command runs as before the lock existed."""

    def no_locks(fd, op):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(lock_mod.fcntl, "flock", no_locks)
    with writer_lock(folder, "collect m3", wait=0):
        ran = True
    assert ran and not holds(folder)


def test_a_lock_file_nobody_may_open_runs_the_command_unlocked(folder):
    """A folder the lock file cannot be made in (read-only, no rights; here its name is taken by
    a dangling symlink, which the lock never follows): the command goes on and fails, or not, as
    it did before, with the kit's own message."""
    (folder / LOCK_FILE).symlink_to(folder / "tidak-ada")
    with writer_lock(folder, "collect m3", wait=0):
        assert holds(folder)
    assert not (folder / "tidak-ada").exists()


@pytest.mark.slow
def test_a_reader_never_backs_up_the_gradebook_half_way_through_a_writer(ws, capsys):
    """`status` while another process grades: the gradebook changed since alaskaki last left it
    (the grader is writing), which a reader takes for manual grades to back up. It must not back
    up the half-written state (tagged 'nilai manual', pushing good backups out of the last 10);
    once the writer has ended, a change made outside alaskaki is backed up as before."""
    import sqlite3

    from alaskaki.folder import Folder

    folder = Folder(ws.root)
    folder.backup_if_changed()
    kept = len(folder.backups())
    with sqlite3.connect(folder.own_gradebook) as db:  # a formgrader save, or the grader writing
        db.execute("update student set first_name = 'Diubah' where id = 'p01'")
    grader = hold(ws.root)
    try:
        assert main(["status", "-w", str(ws.root)]) == 0, capsys.readouterr().err
        assert folder.backup_if_changed() is None
        assert len(folder.backups()) == kept
    finally:
        end(grader)
    assert folder.backup_if_changed() is not None
    assert len(folder.backups()) == kept + 1


@pytest.mark.slow
def test_status_leaves_a_running_collects_install_alone(ws, tmp_path, capsys):
    """On a vfat flashdisk collect installs a new version in two renames: the old one aside
    (``submitted/.p01.<modul>.lama``), then the new one in. `status` in a second terminal between
    the two used to put the old one back (it looks like a cut install), and the collect's own
    rename then failed. While another process holds the writer lock, status leaves it; once
    nobody writes, a truly cut install is put back as before (R42)."""
    from alaskaki.workshop import collect_module
    from alaskaki.workshop.collect import _aside
    from tests.unit.workshop.test_collect import T1, nb_bytes, put

    stick = tmp_path / "usb"
    put(stick, f"p01_{FORM}.ipynb", nb_bytes("p01", "jawaban", modul=FORM))
    collect_module(ws, FORM, source=stick, received=T1, tanpa_token=True)
    installed = ws.submitted("p01", FORM)
    aside = _aside(ws, "p01", FORM, "lama")
    installed.rename(aside)  # the collect is between its two renames
    collector = hold(ws.root, f"collect {FORM}")
    try:
        assert main(["status", "-w", str(ws.root)]) == 0, capsys.readouterr().err
        assert aside.is_dir() and not installed.exists(), "status moved a live install"
    finally:
        end(collector)  # killed mid-install: now it is a cut install
    assert main(["status", "-w", str(ws.root)]) == 0, capsys.readouterr().err
    assert installed.is_dir() and not aside.exists()
