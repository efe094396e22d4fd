"""Every failure of the system under the kit ends in one Indonesian sentence naming cause and fix,
a non-zero exit and no traceback (issue 14, requirement 3) — on real file systems: a small tmpfs
(disk full), a read-only bind mount, a folder the user may not write, a gradebook held by another
command. CI runs as root, so ``mount`` works; every mount is undone in ``finally``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from partskit import check_part

from alaskaki.cli import main
from alaskaki.folder import Folder
from alaskaki.workshop import import_roster, init_workshop

pytestmark = pytest.mark.slow

HEADER = "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"


@contextlib.contextmanager
def mounted(target: Path, *args: str):
    target.mkdir(parents=True, exist_ok=True)
    res = subprocess.run(["mount", *args, str(target)], capture_output=True, text=True)
    check_part(res.returncode == 0, f"cannot mount (needs root): {res.stderr.strip()}")
    try:
        yield target
    finally:
        # lazy: a pooled SQLite connection may still hold a file open on it
        subprocess.run(["umount", "-l", str(target)], check=False)


@contextlib.contextmanager
def tmpfs(target: Path, size: str):
    with mounted(target, "-t", "tmpfs", "-o", f"size={size}", "tmpfs") as t:
        yield t


@contextlib.contextmanager
def read_only_view(src: Path, target: Path):
    with mounted(target, "--bind", str(src)):
        res = subprocess.run(
            ["mount", "-o", "remount,bind,ro", str(target)], capture_output=True, text=True
        )
        check_part(res.returncode == 0, f"cannot remount read-only: {res.stderr.strip()}")
        yield target


@pytest.fixture(scope="module")
def workshop(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("osws") / "ws"
    ws = init_workshop(root, modules=[])
    first = root.parent / "awal.csv"
    first.write_text(HEADER + "p01,Ani,UD A,Miji,P,admin\n", encoding="utf-8")
    import_roster(ws, first)
    return root


@pytest.fixture
def new_roster(tmp_path) -> Path:
    path = tmp_path / "baru.csv"
    path.write_text(HEADER + "p02,Budi,UD A,Miji,L,pemotong\n", encoding="utf-8")
    return path


def one_sentence(capsys, code: int, *expected: str) -> str:
    err = capsys.readouterr().err
    assert code != 0, err
    assert "Traceback" not in err and "galat tak terduga" not in err, err
    assert len(err.strip().splitlines()) == 1, err
    for e in expected:
        assert e in err, err
    return err


def students(ws: Path) -> set[str]:
    with sqlite3.connect(Folder(ws).own_gradebook) as db:
        return {r[0] for r in db.execute("select id from student")}


def test_disk_full_during_init_names_it_and_leaves_nothing(tmp_path, capsys):
    with tmpfs(tmp_path / "kecil", "200k") as disk:
        code = main(["init", str(disk / "ws")])
        one_sentence(capsys, code, f"({disk / 'ws'})", "disk penuh", "Kosongkan ruang disk")
        assert list(disk.iterdir()) == []  # no half-made workshop


def test_disk_full_before_a_gradebook_write_changes_nothing(workshop, tmp_path, new_roster, capsys):
    with tmpfs(tmp_path / "kecil", "2m") as disk:
        ws = Path(shutil.copytree(workshop, disk / "ws"))
        filler = disk / "pengisi"
        with contextlib.suppress(OSError), filler.open("wb") as fh:  # its close fails too
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        before = Folder(ws).own_gradebook.read_bytes()
        code = main(["roster", "import", str(new_roster), "-w", str(ws)])
        one_sentence(capsys, code, "Gagal", "disk penuh")
        assert Folder(ws).own_gradebook.read_bytes() == before
        assert (
            not list(Folder(ws).backup_dir.glob("*.tmp"))
            if Folder(ws).backup_dir.exists()
            else True
        )
        filler.unlink()  # the way back: free space, run again
        assert main(["roster", "import", str(new_roster), "-w", str(ws)]) == 0
        assert students(ws) == {"p01", "p02"}


@pytest.mark.parametrize("fmt", ["html", "xlsx", "csv", "json"])
def test_report_on_a_full_disk_names_the_file_and_leaves_no_cut_or_tmp_file(
    workshop, tmp_path, capsys, fmt
):
    """The trainer re-runs `report --out` on a flashdisk that has filled up since the last run:
    one sentence naming the report file and the fix; the last run's reports are left whole (a
    reader never opens half a file), and no `.tmp` file is left to clutter the full disk."""
    workshop = Path(shutil.copytree(workshop, tmp_path / "ws"))  # report backs up cadangan/
    with tmpfs(tmp_path / "kecil", "2m") as disk:
        out = disk / "laporan"
        assert main(["report", "-w", str(workshop), "--format", fmt, "--out", str(out)]) == 0
        capsys.readouterr()
        before = {p.name: p.read_bytes() for p in out.iterdir()}
        filler = disk / "pengisi"
        with contextlib.suppress(OSError), filler.open("wb") as fh:  # its close fails too
            while True:
                fh.write(b"\0" * 4096)
                fh.flush()
        code = main(["report", "-w", str(workshop), "--format", fmt, "--out", str(out)])
        err = one_sentence(capsys, code, "Gagal membuat laporan", "disk penuh", str(out))
        assert any(name in err for name in before), err  # the file it could not write
        assert {p.name: p.read_bytes() for p in out.iterdir()} == before
        assert not [p for p in disk.rglob("*") if p.name.endswith(".tmp")]


def test_read_only_workshop_reads_but_refuses_writes_clearly(
    workshop, tmp_path, new_roster, capsys
):
    with read_only_view(workshop, tmp_path / "ro") as ro:
        assert main(["status", "-w", str(ro)]) == 0  # reading works on a read-only disk
        capsys.readouterr()
        code = main(["roster", "import", str(new_roster), "-w", str(ro)])
        one_sentence(capsys, code, "hanya-baca", "Pindahkan lokakarya")
        code = main(["report", "-w", str(ro)])
        one_sentence(capsys, code, "Gagal membuat laporan", "hanya-baca")
    assert students(workshop) == {"p01"}


@pytest.mark.parametrize("lock_file", ["ada", "tidak-ada"])
def test_read_only_workshop_gives_the_read_only_sentence_with_or_without_its_lock_file(
    workshop, tmp_path, new_roster, capsys, lock_file
):
    """The writer lock (R45) opens its file read-only when it exists (flock needs no write
    access) and runs unlocked when it cannot be made: a read-only disk still gets the kit's own
    sentence, never a new traceback about the lock."""
    from alaskaki.folder import LOCK_FILE

    workshop = Path(shutil.copytree(workshop, tmp_path / "ws"))
    (workshop / LOCK_FILE).unlink(missing_ok=True)
    if lock_file == "ada":
        (workshop / LOCK_FILE).write_bytes(b"")
    with read_only_view(workshop, tmp_path / "ro") as ro:
        for argv in (["roster", "import", str(new_roster)], ["feedback", "m1"], ["kartu"]):
            code = main([*argv, "-w", str(ro)])
            err = capsys.readouterr().err
            assert code != 0 and "Traceback" not in err and "tak terduga" not in err, (argv, err)
            assert "sedang dipakai" not in err, err
        code = main(["roster", "import", str(new_roster), "-w", str(ro)])
        one_sentence(capsys, code, "hanya-baca", "Pindahkan lokakarya")
    assert students(workshop) == {"p01"}


def test_read_only_workshop_with_backups_is_called_read_only(
    workshop, tmp_path, new_roster, capsys
):
    """A workshop that already has cadangan/ (any command made it) on a read-only disk: the
    backup before `roster import` fails inside SQLite ("unable to open database file"), which
    was read as "no permission ... chmod/chown"; the fix is a writable disk."""
    workshop = Path(shutil.copytree(workshop, tmp_path / "ws"))
    Folder(workshop).before_write("roster")  # what the last command left: cadangan/ with a backup
    assert Folder(workshop).backup_dir.is_dir()
    with read_only_view(workshop, tmp_path / "ro") as ro:
        code = main(["roster", "import", str(new_roster), "-w", str(ro)])
        one_sentence(capsys, code, "hanya-baca", "Pindahkan lokakarya")


def test_init_under_a_read_only_parent(tmp_path, capsys):
    src = tmp_path / "src"
    src.mkdir()
    with read_only_view(src, tmp_path / "ro") as ro:
        code = main(["init", str(ro / "ws")])
        one_sentence(capsys, code, f"({ro / 'ws'})", "hanya-baca")


def _as_nobody(argv: list[str]) -> tuple[int, str]:
    """Run the CLI in a forked child that has dropped root (root ignores file permissions)."""
    import traitlets.config  # noqa: F401  (imported before the child loses access to the venv)
    import traitlets.config.loader  # noqa: F401

    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        code = 99
        try:
            os.close(r)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            os.dup2(w, 2)
            sys.stderr = os.fdopen(2, "w", closefd=False)
            code = main(argv)
            sys.stderr.flush()
        finally:
            os._exit(code)
    os.close(w)
    with os.fdopen(r) as fh:
        err = fh.read()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), err


def test_no_permission_names_it(workshop, new_roster):
    check_part(os.geteuid() == 0, "dropping to another user needs root")
    base = Path(tempfile.mkdtemp(prefix="alaskaki-izin-", dir="/tmp"))  # traversable by nobody
    try:
        os.chmod(base, 0o755)
        locked = base / "milik-root"
        locked.mkdir(mode=0o755)
        code, err = _as_nobody(["init", str(locked / "ws")])
        assert code != 0 and "tidak ada izin" in err and "chmod/chown" in err, err
        assert f"({locked / 'ws'})" in err and len(err.strip().splitlines()) == 1, err
        assert not (locked / "ws").exists()
        ws = Path(shutil.copytree(workshop, base / "ws"))
        roster = Path(shutil.copy(new_roster, base / "baru.csv"))
        for p in [ws, *ws.rglob("*"), roster]:
            os.chmod(p, 0o755 if p.is_dir() else 0o644)
        code, err = _as_nobody(["roster", "import", str(roster), "-w", str(ws)])
        assert code != 0 and "tidak ada izin" in err, err
        assert len(err.strip().splitlines()) == 1, err
        assert students(ws) == {"p01"}
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_a_locked_gradebook_names_the_other_command(workshop, tmp_path, new_roster, capsys):
    ws = Path(shutil.copytree(workshop, tmp_path / "ws"))
    other = sqlite3.connect(Folder(ws).own_gradebook, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")  # another command in the middle of writing
        code = main(["roster", "import", str(new_roster), "-w", str(ws)])
        one_sentence(capsys, code, "sedang dipakai perintah lain", "Tunggu")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert main(["roster", "import", str(new_roster), "-w", str(ws)]) == 0


def test_a_path_through_a_file_names_it(workshop, tmp_path, capsys):
    a_file = tmp_path / "berkas.txt"
    a_file.write_text("x")
    code = main(["report", "--out", str(a_file / "laporan"), "-w", str(workshop)])
    one_sentence(capsys, code, "bukan folder")


@pytest.mark.parametrize("command", ["status", "kartu"])
def test_a_closed_stdout_is_a_quiet_exit(workshop, command):
    """`alaskaki status | head`: the reader closes the pipe; no "galat tak terduga" (trainer team T11).

    The read end is closed before the command writes anything, so every run meets the broken pipe.
    """
    proc = subprocess.Popen(
        [sys.executable, "-m", "alaskaki", command, "-w", str(workshop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()
    err = proc.stderr.read().decode()
    code = proc.wait(timeout=300)
    assert err == "", err
    assert code in (0, 141), code


def test_a_read_only_out_folder_asks_for_another_out_folder(workshop, tmp_path, capsys):
    """`report --out` on a read-only disk: the fix is another output folder, not moving the
    workshop (which is fine where it is); the workshop's own read-only case keeps its sentence."""
    workshop = Path(shutil.copytree(workshop, tmp_path / "ws"))  # report backs up cadangan/
    flashdisk = tmp_path / "flashdisk"
    (flashdisk / "ada").mkdir(parents=True)
    with read_only_view(flashdisk, tmp_path / "ro") as ro:
        for out in (ro / "lap", ro / "ada"):  # a folder to make, and one there already
            code = main(["report", "-w", str(workshop), "--format", "csv", "--out", str(out)])
            err = one_sentence(
                capsys, code, "hanya-baca", "Pilih folder lain yang bisa ditulis untuk --out"
            )
            assert str(out) in err and "Pindahkan lokakarya" not in err
    out = tmp_path / "lap"  # the advised fix works
    assert main(["report", "-w", str(workshop), "--format", "csv", "--out", str(out)]) == 0
    assert (out / "laporan-catatan.csv").is_file()


def test_an_anonymous_report_of_a_read_only_workshop_keeps_its_pseudonyms(
    workshop, tmp_path, capsys
):
    """The workshop on a read-only disk (a co-trainer's view, a backup disk): its pseudonym key is
    read, not made again, so the anonymous files name everyone as the writable folder's do."""
    import re

    def names(out: Path) -> set[str]:
        text = (out / "laporan-peserta-anonim.csv").read_text(encoding="utf-8")
        return set(re.findall(r"Peserta-[0-9A-F]+", text))

    workshop = Path(shutil.copytree(workshop, tmp_path / "ws"))
    args = ["report", "--anonim", "--anonim-k", "2", "--format", "csv"]
    for pid in ("p02", "p03"):  # k = 2 needs two people per group
        row = f"{pid},Nama {pid},UD A,Miji,P,admin\n"
        (tmp_path / f"{pid}.csv").write_text(HEADER + row, encoding="utf-8")
        assert main(["roster", "import", str(tmp_path / f"{pid}.csv"), "-w", str(workshop)]) == 0
    assert main([*args, "-w", str(workshop), "--out", str(tmp_path / "a")]) == 0
    with read_only_view(workshop, tmp_path / "ro") as ro:
        assert main([*args, "-w", str(ro), "--out", str(tmp_path / "b")]) == 0
    capsys.readouterr()
    assert len(names(tmp_path / "a")) == 3 and names(tmp_path / "b") == names(tmp_path / "a")
