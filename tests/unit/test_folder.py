"""The workshop folder is a durable record: copy, move and rename just work; a lost gradebook is
refused with the way back (issue 14, requirements 1 and 2)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from alaskaki.cli import main
from alaskaki.errors import EXIT_CONFLICT, AlaskakiError
from alaskaki.folder import CONFIG_FILE, GRADEBOOK_FILE, ORIGIN_KEY, Folder
from alaskaki.workshop import import_roster, init_workshop

HEADER = "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """One workshop made by `init` (a gradebook costs seconds); tests work on `cp -a` copies of it."""
    root = tmp_path_factory.mktemp("tpl") / "ws"
    ws = init_workshop(root, modules=[])
    roster = root.parent / "awal.csv"
    roster.write_text(HEADER + "p01,Ani,UD A,Miji,P,admin\n", encoding="utf-8")
    import_roster(ws, roster)
    # without init's own backup (of the gradebook before this roster): the tests below count the
    # backups the commands they run make, and the ones about a workshop with no backup at all (one
    # copied without cadangan/, or made by an older kit) keep it that way
    shutil.rmtree(Folder(root).backup_dir)
    return root


def cp_a(src: Path, dst: Path) -> Path:
    subprocess.run(["cp", "-a", str(src), str(dst)], check=True)
    return dst


def students(folder: Path) -> set[str]:
    with sqlite3.connect(Folder(folder).own_gradebook) as db:
        return {r[0] for r in db.execute("select id from student")}


def roster(tmp_path: Path, rows: str, name: str = "baru.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def cli(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_init_writes_no_absolute_gradebook_path(template):
    text = Folder(template).config_file.read_text()
    assert "db_url" not in text and str(template) not in text
    assert Folder(template).db_url == f"sqlite:///{Folder(template).own_gradebook}"


def test_a_copy_and_a_renamed_folder_each_use_their_own_gradebook(template, tmp_path, capsys):
    original = cp_a(template, tmp_path / "asli")
    copy = cp_a(original, tmp_path / "salinan")
    code, _, err = cli(
        capsys, "roster", "import", str(roster(tmp_path, "p02,Budi,,,L,\n")), "-w", str(copy)
    )
    assert code == 0, err
    assert students(copy) == {"p01", "p02"}
    assert students(original) == {"p01"}  # the original is untouched
    moved = original.rename(tmp_path / "nama-baru")
    code, out, err = cli(capsys, "status", "-w", str(moved))
    assert code == 0, err
    assert Folder(moved).gradebook_file == Folder(moved).own_gradebook


def _old_init_config(folder: Path) -> None:
    """What `init` wrote before: the folder's absolute path in db_url."""
    cfg = Folder(folder).config_file
    lines = cfg.read_text().splitlines()
    lines.insert(3, f"c.CourseDirectory.db_url = 'sqlite:///{Folder(folder).own_gradebook}'")
    cfg.write_text("\n".join(lines) + "\n")


def test_old_absolute_db_url_is_ignored_and_rewritten_after_a_copy(template, tmp_path, capsys):
    original = cp_a(template, tmp_path / "lama")
    _old_init_config(original)
    copy = cp_a(original, tmp_path / "salinan")
    assert str(original) in Folder(copy).config_file.read_text()
    code, _, err = cli(
        capsys, "roster", "import", str(roster(tmp_path, "p03,Cici,,,P,\n")), "-w", str(copy)
    )
    assert code == 0, err
    assert students(copy) == {"p01", "p03"} and students(original) == {"p01"}
    # rewritten, so nbgrader's own tools (formgrader) follow the copy too
    assert "db_url =" not in Folder(copy).config_file.read_text()
    from traitlets.config.loader import PyFileConfigLoader

    cfg = PyFileConfigLoader(CONFIG_FILE, path=str(copy)).load_config()
    assert "db_url" not in cfg.CourseDirectory


def test_old_absolute_db_url_after_the_original_was_renamed(template, tmp_path, capsys):
    original = cp_a(template, tmp_path / "lama")
    _old_init_config(original)
    moved = original.rename(tmp_path / "pindah")
    code, out, err = cli(capsys, "status", "-w", str(moved))
    assert code == 0, err
    assert Folder(moved).gradebook_file == Folder(moved).own_gradebook


def test_db_url_into_another_workshop_is_refused(template, tmp_path, capsys):
    other = cp_a(template, tmp_path / "lain")
    mine = cp_a(template, tmp_path / "saya")
    cfg = Folder(mine).config_file
    cfg.write_text(
        'c = get_config()\nc.CourseDirectory.course_id = "saya"\n'
        f"c.CourseDirectory.db_url = 'sqlite:///{Folder(other).own_gradebook}'\n"
    )
    with pytest.raises(AlaskakiError, match="lokakarya lain") as err:
        Folder(mine).config()
    assert err.value.exit_code == EXIT_CONFLICT
    code, _, err_text = cli(capsys, "status", "-w", str(mine))
    assert code == EXIT_CONFLICT and "Hapus baris `c.CourseDirectory.db_url`" in err_text
    assert "Traceback" not in err_text


def test_a_hand_written_db_url_into_another_workshop_in_inits_config_is_named_not_silent(
    template, tmp_path, capsys
):
    """In a config that carries init's header, a db_url naming another workshop's gradebook.db
    reads like an old init's line (the path before a copy or move): the folder's own gradebook
    is used, as before, and the trainer is told once which line was ignored and removed."""
    other = cp_a(template, tmp_path / "lain")
    mine = cp_a(template, tmp_path / "saya")
    cfg = Folder(mine).config_file
    url = f"sqlite:///{Folder(other).own_gradebook}"
    cfg.write_text(cfg.read_text() + f"c.CourseDirectory.db_url = '{url}'\n")
    capsys.readouterr()
    code, _, err = cli(capsys, "status", "-w", str(mine))
    assert code == 0, err
    said = [line for line in err.splitlines() if "db_url" in line]
    assert len(said) == 1, err  # once, however often the command reads the config
    assert str(cfg) in said[0] and url in said[0] and "diabaikan" in said[0]
    assert str(Folder(mine).own_gradebook) in said[0]
    assert Folder(mine).gradebook_file == Folder(mine).own_gradebook
    assert url not in cfg.read_text()  # removed: nbgrader's own tools follow the folder too
    code, _, err = cli(capsys, "status", "-w", str(mine))
    assert code == 0 and "db_url" not in err  # said once: the line is gone


def test_a_sqlite_file_outside_any_workshop_may_be_configured(template, tmp_path):
    mine = cp_a(template, tmp_path / "saya")
    shared = tmp_path / "data" / "nilai.db"
    shared.parent.mkdir()
    shutil.copyfile(Folder(mine).own_gradebook, shared)
    cfg = Folder(mine).config_file
    cfg.write_text(cfg.read_text() + f"c.CourseDirectory.db_url = 'sqlite:///{shared}'\n")
    assert Folder(mine).gradebook_file == shared


@pytest.mark.parametrize("damage", ["kosong", "hilang", "rusak"])
def test_a_lost_gradebook_is_refused_never_recreated(template, tmp_path, capsys, damage):
    ws = cp_a(template, tmp_path / "ws")
    code, _, err = cli(capsys, "release", "semua", "-w", str(ws))  # makes a first backup
    assert code == 0, err
    gb = Folder(ws).own_gradebook
    if damage == "kosong":
        gb.write_bytes(b"")
    elif damage == "hilang":
        gb.unlink()
    else:
        gb.write_bytes(b"bukan basis data" * 100)
    for argv in (
        ["status", "-w", str(ws)],
        ["report", "-w", str(ws)],
        ["roster", "import", str(roster(tmp_path, "")), "-w", str(ws)],
        ["grade", "m3-biaya-produksi", "-w", str(ws)],
        ["feedback", "m3-biaya-produksi", "-w", str(ws)],
        ["dashboard", "--no-browser", str(ws)],
    ):
        code, _, err = cli(capsys, *argv)
        assert code != 0
        assert "alaskaki pulihkan" in err and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1, err
    # nothing recreated it
    assert (not gb.exists()) if damage == "hilang" else gb.stat().st_size in (0, 1600)


@pytest.mark.parametrize("how", ["init --roster", "init, lalu roster import"])
def test_a_gradebook_lost_right_after_init_comes_back_with_pulihkan(tmp_path, capsys, how):
    """Before any other command made a backup, the gradebook (with its roster) is lost: every
    command refuses (as always), and `pulihkan` has init's own backup to bring it back."""
    ws = tmp_path / "ws"
    first = roster(tmp_path, "p01,Ani,UD A,Miji,P,admin\n")
    if how == "init --roster":
        code, _, err = cli(capsys, "init", str(ws), "--roster", str(first))
    else:
        code, _, err = cli(capsys, "init", str(ws))
        assert code == 0, err
        code, _, err = cli(capsys, "roster", "import", str(first), "-w", str(ws))
    assert code == 0, err
    assert students(ws) == {"p01"}
    Folder(ws).own_gradebook.write_bytes(b"")  # `: > gradebook.db`
    code, _, err = cli(capsys, "status", "-w", str(ws))
    assert code != 0 and "alaskaki pulihkan" in err
    code, out, err = cli(capsys, "pulihkan", "-w", str(ws))
    assert code == 0 and "Belum ada cadangan" not in out + err, out + err
    code, out, err = cli(capsys, "pulihkan", "1", "-w", str(ws))
    assert code == 0, err
    assert students(ws) == {"p01"}  # the roster is back in the gradebook
    code, _, err = cli(capsys, "status", "-w", str(ws))
    assert code == 0, err


def test_a_page_corrupted_inside_the_file_is_found_by_integrity_check(template, tmp_path, capsys):
    ws = cp_a(template, tmp_path / "ws")
    gb = Folder(ws).own_gradebook
    with sqlite3.connect(gb) as db:
        page = db.execute("pragma page_size").fetchone()[0]
        root = db.execute("select rootpage from sqlite_master where name='student'").fetchone()[0]
    raw = bytearray(gb.read_bytes())
    start = (root - 1) * page
    raw[start : start + page] = b"\x0d" + b"\xff" * (page - 1)  # a leaf page full of nonsense
    gb.write_bytes(bytes(raw))
    code, _, err = cli(
        capsys, "roster", "import", str(roster(tmp_path, "p09,X,,,L,\n")), "-w", str(ws)
    )
    assert code != 0 and "rusak (" in err
    assert "Belum ada cadangan" in err and "salin kembali gradebook.db" in err  # the way back


def test_pulihkan_lists_backups_and_restores_the_chosen_one(template, tmp_path, capsys):
    ws = cp_a(template, tmp_path / "ws")
    for i, pid in enumerate(["p02", "p03"]):
        rows = roster(tmp_path, f"{pid},Nama {pid},,,L,\n", name=f"r{i}.csv")
        assert cli(capsys, "roster", "import", str(rows), "-w", str(ws))[0] == 0
    assert students(ws) == {"p01", "p02", "p03"}
    Folder(ws).own_gradebook.write_bytes(b"")
    code, out, _ = cli(capsys, "pulihkan", "-w", str(ws))
    assert code == 0 and "saat" in out and "sebelum-roster" in out
    listed = Folder(ws).backups()
    # before the first import, and after each (the state before the second import is the state
    # after the first: one backup, not two)
    assert [b.number for b in listed] == [1, 2, 3]
    assert [b.doing for b in listed] == ["sesudah-roster", "sesudah-roster", "roster"]
    code, out, err = cli(capsys, "pulihkan", "1", "-w", str(ws))
    assert code == 0, err
    assert students(ws) == {"p01", "p02", "p03"}  # the last state before the loss: nothing lost
    code, out, err = cli(capsys, "pulihkan", "2", "-w", str(ws))
    assert code == 0, err
    assert students(ws) == {"p01", "p02"}  # the state before the second import
    assert "disimpan sebagai" in out  # the replaced gradebook is kept, not thrown away
    assert Folder(ws).backups()[0].doing == "sebelum-pulihkan"
    code, out, err = cli(capsys, "pulihkan", "4", "-w", str(ws))
    assert code == 0, err
    assert students(ws) == {"p01"}
    code, _, err = cli(capsys, "pulihkan", "99", "-w", str(ws))
    assert code != 0 and "tidak ada" in err


def test_only_the_last_n_backups_are_kept(template, tmp_path, capsys):
    ws = cp_a(template, tmp_path / "ws")
    meta = json.loads(Folder(ws).meta_file.read_text())
    meta["cadangan"] = 2
    Folder(ws).meta_file.write_text(json.dumps(meta))
    for i in range(4):
        rows = roster(tmp_path, f"q{i},Nama,,,L,\n", name=f"r{i}.csv")
        assert cli(capsys, "roster", "import", str(rows), "-w", str(ws))[0] == 0
    kept = Folder(ws).backups()
    assert len(kept) == 2
    with sqlite3.connect(kept[0].path) as db:  # the newest holds the state after the last import
        assert {r[0] for r in db.execute("select id from student")} == {
            "p01",
            "q0",
            "q1",
            "q2",
            "q3",
        }
    with sqlite3.connect(kept[1].path) as db:  # and the one before: the state before it
        assert {r[0] for r in db.execute("select id from student")} == {"p01", "q0", "q1", "q2"}
    assert oct(kept[0].path.stat().st_mode & 0o777) == "0o600"


def test_pulihkan_waits_for_a_command_writing_the_gradebook(template, tmp_path, capsys):
    ws = cp_a(template, tmp_path / "ws")
    assert cli(capsys, "release", "semua", "-w", str(ws))[0] == 0  # a first backup
    other = sqlite3.connect(Folder(ws).own_gradebook, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")  # `grade` in another terminal
        code, _, err = cli(capsys, "pulihkan", "1", "-w", str(ws))
        assert code != 0 and "sedang dipakai perintah lain" in err
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert not list(Folder(ws).backup_dir.glob("*sebelum-pulihkan*"))  # nothing was swapped


def test_a_truncated_gradebook_is_named_with_its_path_by_every_reader(template, tmp_path, capsys):
    """Trainer team T3: cut the file mid-way (a pulled USB stick); the refusal names the file."""
    ws = cp_a(template, tmp_path / "ws")
    gb = Folder(ws).own_gradebook
    size = gb.stat().st_size
    with gb.open("r+b") as fh:
        fh.truncate(size // 2)
    for argv in (["status", "-w", str(ws)], ["report", "-w", str(ws)]):
        code, _, err = cli(capsys, *argv)
        assert code != 0
        assert str(gb) in err and "rusak" in err and "Traceback" not in err, err
        assert len(err.strip().splitlines()) == 1, err
    assert gb.stat().st_size == size // 2


def _pg_folder(tmp_path: Path, url: str) -> Folder:
    ws = tmp_path / "pg"
    ws.mkdir()
    Folder(ws).config_file.write_text(
        f"c = get_config()  # noqa: F821\nc.CourseDirectory.db_url = {url!r}\n", encoding="utf-8"
    )
    Folder(ws).meta_file.write_text("{}", encoding="utf-8")
    return Folder(ws)


@pytest.fixture
def unclaimed(monkeypatch):
    """No server here: the ownership check (tests/integration/test_postgres.py) is skipped."""
    monkeypatch.setattr(Folder, "_claim_server", lambda self: None)


def test_without_pg_dump_a_server_gradebook_warns_once_per_command(
    tmp_path, monkeypatch, capsys, unclaimed
):
    from alaskaki import folder as folder_mod

    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(folder_mod, "PG_BIN_GLOB", str(tmp_path / "tidak-ada" / "*"))
    monkeypatch.setattr(folder_mod, "_warned_no_pg_dump", False)
    f = _pg_folder(tmp_path, "postgresql://guru@127.0.0.1:1/alaskaki")
    assert f.before_write("grade") is None
    assert f.before_write("grade") is None
    err = capsys.readouterr().err
    assert err.count("pg_dump tidak ditemukan") == 1 and "TIDAK dicadangkan" in err
    assert not f.backup_dir.exists()


def test_a_failing_pg_dump_refuses_the_write_and_leaves_no_half_backup(
    tmp_path, monkeypatch, unclaimed
):
    """The server is down (nothing listens on port 1): the command stops before writing."""
    from alaskaki import folder as folder_mod

    if folder_mod._pg_tool("pg_dump") is None:
        pytest.skip("pg_dump not installed")
    monkeypatch.setattr(folder_mod, "_server_backed_up", set())
    f = _pg_folder(tmp_path, "postgresql://guru:rahasia@127.0.0.1:1/alaskaki")
    with pytest.raises(AlaskakiError) as err:
        f.before_write("grade")
    assert "pg_dump" in str(err.value) and "belum diubah" in str(err.value)
    assert "rahasia" not in str(err.value)
    assert not [p for p in f.backup_dir.iterdir()] if f.backup_dir.exists() else True


def test_feedback_called_directly_refuses_an_empty_gradebook(template, tmp_path):
    """Not only the CLI: the API (what the demo and scripts call) goes through Folder.gradebook()."""
    import nbformat

    from alaskaki.workshop.feedback import write_feedback

    ws = cp_a(template, tmp_path / "ws")
    f = Folder(ws)
    for nb in (f.source_notebook("m9"), f.autograded("p01", "m9") / "m9.ipynb"):
        nb.parent.mkdir(parents=True)
        nbformat.write(nbformat.v4.new_notebook(), nb)
    Folder(ws).own_gradebook.write_bytes(b"")
    with pytest.raises(AlaskakiError) as err:
        write_feedback(ws, "m9")
    assert str(Folder(ws).own_gradebook) in str(err.value)
    assert Folder(ws).own_gradebook.stat().st_size == 0
    assert not f.feedback("p01", "m9").exists()


def test_grade_called_directly_refuses_an_empty_gradebook(template, tmp_path):
    from alaskaki.workshop.grader import grade_module

    ws = cp_a(template, tmp_path / "ws")
    Folder(ws).own_gradebook.write_bytes(b"")
    with pytest.raises(AlaskakiError) as err:
        grade_module(ws, "m3-biaya-produksi", progress=False)
    assert str(Folder(ws).own_gradebook) in str(err.value) and "tidak dibuat ulang" in str(
        err.value
    )
    assert Folder(ws).own_gradebook.stat().st_size == 0


def test_pulihkan_on_a_full_disk_leaves_the_gradebook_and_the_numbers_as_they_were(
    template, tmp_path, capsys, monkeypatch
):
    """Trainer team T6: the backup's copy fails for want of space; nothing may have moved."""
    import errno

    from alaskaki import folder as folder_mod

    ws = cp_a(template, tmp_path / "ws")
    assert cli(capsys, "release", "semua", "-w", str(ws))[0] == 0  # one backup
    before = Folder(ws).own_gradebook.read_bytes()
    listed = [b.path.name for b in Folder(ws).backups()]

    def full(src, dest):
        Path(dest).write_bytes(b"x")  # a partly written copy, as a full disk leaves it
        raise OSError(errno.ENOSPC, "No space left on device", str(dest))

    monkeypatch.setattr(folder_mod, "_sqlite_backup", full)
    code, _, err = cli(capsys, "pulihkan", "1", "-w", str(ws))
    assert code != 0 and "disk penuh" in err
    assert Folder(ws).own_gradebook.read_bytes() == before
    assert [b.path.name for b in Folder(ws).backups()] == listed
    assert not list(ws.glob(".gradebook-*"))


def test_an_unreachable_postgresql_server_is_one_sentence(tmp_path, capsys):
    f = _pg_folder(tmp_path, "postgresql://guru:rahasia@127.0.0.1:1/alaskaki")
    code, _, err = cli(capsys, "status", "-w", str(f.root))
    assert code != 0 and "Server PostgreSQL buku nilai tidak dapat dipakai" in err
    assert "rahasia" not in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err


def _formgrader_writes(ws: Path, pid: str) -> None:
    """A write through nbgrader's own Gradebook API, as the formgrader saves a manual grade."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{Folder(ws).own_gradebook}", course_id=Folder(ws).course_id) as gb:
        gb.update_or_create_student(pid, first_name="Dinilai di formgrader", last_name="")


def _backed_up_students(backup: Path) -> set[str]:
    with sqlite3.connect(backup) as db:
        return {r[0] for r in db.execute("select id from student")}


def test_changes_made_in_the_formgrader_are_backed_up_by_the_next_command(
    template, tmp_path, capsys
):
    """Issue 14 req. 2, manual grades: the formgrader is not an alaskaki command, so what it
    writes is backed up by the next command of any kind (a report read right after grading),
    once, and not again while nothing changes."""
    ws = cp_a(template, tmp_path / "ws")
    assert (
        cli(
            capsys,
            "roster",
            "import",
            str(roster(tmp_path, "p02,Budi,UD B,Miji,L,pemotong\n")),
            "-w",
            str(ws),
        )[0]
        == 0
    )
    before = Folder(ws).backups()
    assert cli(capsys, "status", "-w", str(ws))[0] == 0
    assert Folder(ws).backups() == before  # nothing changed outside alaskaki: no backup

    _formgrader_writes(ws, "p03")
    code, _, err = cli(capsys, "status", "-w", str(ws))
    assert code == 0 and err == "", err
    found = Folder(ws).backups()
    assert len(found) == len(before) + 1
    assert found[0].doing == "nilai-manual" and "p03" in _backed_up_students(found[0].path)
    assert cli(capsys, "report", "--format", "csv", "-w", str(ws))[0] == 0
    assert len(Folder(ws).backups()) == len(found)  # backed up once


def test_the_trainers_jupyter_server_backs_up_the_formgrader_s_grades(template, tmp_path):
    """The trainer's Jupyter server (hub or laptop) with alaskaki.jupyter_cadangan: a backup when
    it starts and, while it runs, each time the formgrader changed the gradebook."""
    import os
    import sys
    import time

    from partskit import free_port

    ws = cp_a(template, tmp_path / "ws")
    port = free_port()
    env = dict(
        os.environ,
        ALASKAKI_CADANGAN_DETIK="1",
        HOME=str(tmp_path),
        JUPYTER_RUNTIME_DIR=str(tmp_path / "rt"),
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter_server",
            "--no-browser",
            "--allow-root",
            f"--port={port}",
            "--ip=127.0.0.1",
            f"--ServerApp.root_dir={ws}",
            "--ServerApp.jpserver_extensions={'alaskaki.jupyter_cadangan': True}",
        ],
        cwd=ws,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )

    def wait_for(pid: str) -> list:
        deadline = (
            time.monotonic() + 120
        )  # a generous bound for a loaded machine, not a speed claim
        while time.monotonic() < deadline:
            found = [b for b in Folder(ws).backups() if b.doing == "nilai-manual-formgrader"]
            if any(pid in _backed_up_students(b.path) for b in found):
                return found
            assert server.poll() is None, server.stderr.read().decode()
            time.sleep(0.5)
        raise AssertionError(f"no backup holding {pid} while the server ran")

    try:
        at_start = wait_for("p01")  # the state when the formgrader opened
        _formgrader_writes(ws, "p04")
        later = wait_for("p04")
        # a check that lands between the formgrader's transactions backs up the half-written
        # state too (one more backup, harmless); what matters is a backup holding p04 and none
        # while nothing changes
        assert len(later) > len(at_start)
        time.sleep(3)  # three more checks with nothing changed
        assert len(
            [b for b in Folder(ws).backups() if b.doing == "nilai-manual-formgrader"]
        ) == len(later)
    finally:
        server.terminate()
        server.wait(timeout=60)


def test_roster_import_of_real_participants_into_a_demo_folder_warns_before_the_day(
    template, tmp_path, capsys
):
    """R23 follow-up: release refuses the uji forms of a folder whose secret is the demo's once real
    participants are in it; the trainer learns it when importing them, days before, with the way
    out (a new workshop for this roster). The demo's own sample participants bring no warning."""
    from alaskaki.folder import DEMO_SECRET
    from alaskaki_kunci import bengkel

    ws = cp_a(template, tmp_path / "ws")
    real = roster(tmp_path, "q01,Rina,UD R,Miji,P,admin\n", name="asli.csv")
    code, _, err = cli(capsys, "roster", "import", str(real), "-w", str(ws))
    assert code == 0 and "peringatan" not in err  # the workshop's own secret: nothing to say
    demo = cp_a(template, tmp_path / "demo")
    bengkel.buat_rahasia(demo, DEMO_SECRET)
    sample = roster(tmp_path, "p02,Bambang Sutrisno,UD Sepatu Miji Jaya,Miji,L,pemotong\n")
    code, _, err = cli(capsys, "roster", "import", str(sample), "-w", str(demo))
    assert code == 0 and "peringatan" not in err, err
    code, out, err = cli(capsys, "roster", "import", str(real), "-w", str(demo))
    assert code == 0 and "1 baru" in out  # imported: the folder stays usable for practice
    assert err.startswith("peringatan:") and len(err.strip().splitlines()) == 1, err
    assert "alaskaki demo" in err and "q01" in err
    assert f"alaskaki init FOLDER_BARU --roster {real}" in err  # the way out, with this roster


def test_pulihkan_removes_the_copy_a_killed_pulihkan_left_behind(template, tmp_path, capsys):
    """R37: a pulihkan killed outright (power cut) leaves its hidden copy of a backup, a whole
    gradebook; the next pulihkan removes it."""
    ws = cp_a(template, tmp_path / "ws")
    rows = roster(tmp_path, "p02,Budi,,,L,\n")
    assert cli(capsys, "roster", "import", str(rows), "-w", str(ws))[0] == 0
    stray = ws / ".gradebook-k1ll3d"
    shutil.copyfile(Folder(ws).own_gradebook, stray)
    code, _, err = cli(capsys, "pulihkan", "1", "-w", str(ws))
    assert code == 0, err
    assert not list(ws.glob(".gradebook-*"))


def test_a_copy_knows_the_workshop_it_was_copied_from_while_that_one_is_there(template, tmp_path):
    """R34: init records the folder's path and inode; a copy of a folder still in its place is a
    copy (its uji forms get drawn again before a new batch sits them), a renamed or moved folder
    is not, and record_origin makes a copy a workshop of its own."""
    original = cp_a(template, tmp_path / "asli")
    Folder(original).record_origin()  # the fixture's template is the recorded one; this is ours
    copy = cp_a(original, tmp_path / "angkatan-2")
    assert Folder(copy).copy_of() == original
    assert Folder(original).copy_of() is None
    renamed = original.rename(tmp_path / "asli-baru")  # the same inode: the same folder
    assert Folder(renamed).copy_of() is None
    assert Folder(copy).copy_of() is None  # nothing at the recorded path: a move, not a copy
    renamed.rename(original)
    assert Folder(copy).copy_of() == original
    Folder(copy).record_origin()
    assert Folder(copy).copy_of() is None


def test_a_folder_knows_it_is_not_the_one_init_made_even_when_that_one_is_gone(template, tmp_path):
    """R34b: moved_from names the recorded folder for a copy whose template was removed (or a
    folder copied over from another computer); a renamed folder is the one init made."""
    original = cp_a(template, tmp_path / "templat")
    Folder(original).record_origin()
    copy = cp_a(original, tmp_path / "angkatan-1")
    shutil.rmtree(original)
    assert Folder(copy).copy_of() is None  # nothing there to compare rosters with
    assert Folder(copy).moved_from() == str(original)
    renamed = copy.rename(tmp_path / "angkatan-1-baru")
    assert Folder(renamed).moved_from() == str(original)  # still not the folder init made
    Folder(renamed).record_origin()
    assert Folder(renamed).moved_from() is None
    assert Folder(renamed.rename(tmp_path / "lagi")).moved_from() is None  # a rename: same inode


def _as_before_session_6(folder: Path) -> Path:
    """The workshop as a kit from before session 6 left it: lokakarya.json without folder_asal."""
    f = Folder(folder)
    meta = f.meta()
    del meta[ORIGIN_KEY]
    f.meta_file.write_text(json.dumps(meta), encoding="utf-8")
    return folder


def test_an_old_workshop_without_a_trace_is_recorded_as_its_own_once(template, tmp_path):
    """A workshop made before init recorded its folder (R34) is recorded at its first command, once:
    copies made from then on are told apart as for a workshop init recorded."""
    old = _as_before_session_6(cp_a(template, tmp_path / "lama"))
    assert Folder(old).moved_from() is None and Folder(old).copy_of() is None
    assert Folder(old).record_old_origin() == "asli"
    assert Folder(old).meta()[ORIGIN_KEY] == {"path": str(old), "disk": str(old.stat().st_ino)}
    assert Folder(old).record_old_origin() is None  # once
    copy = cp_a(old, tmp_path / "angkatan-2")
    assert Folder(copy).record_old_origin() is None
    assert Folder(copy).copy_of() == old
    bare = tmp_path / "kursus"  # a bare nbgrader course (no lokakarya.json) is left alone
    bare.mkdir()
    shutil.copyfile(Folder(old).config_file, Folder(bare).config_file)
    assert Folder(bare).record_old_origin() is None and not Folder(bare).meta_file.exists()


def test_an_old_workshop_copied_with_its_times_is_known_by_its_gradebook(template, tmp_path):
    """A template copied by `cp -a` (or a file manager) before the update: its gradebook.db has the
    size and time alaskaki last left it with (cadangan/.keadaan-terakhir.json) but is another file.
    A `cp -r` copy leaves no such trace: it is recorded as its own (and the first command says what
    cannot be known, tests/unit/test_old_workshops.py)."""
    old = _as_before_session_6(cp_a(template, tmp_path / "templat"))
    Folder(old).before_write("roster")  # the old kit's last command recorded the gradebook's state
    kept = cp_a(old, tmp_path / "angkatan-2")
    plain = tmp_path / "angkatan-3"
    subprocess.run(["cp", "-r", str(old), str(plain)], check=True)
    assert Folder(kept).record_old_origin() == "salinan"
    assert Folder(kept).copy_of() is None and "salinan" in Folder(kept).moved_from()
    assert Folder(old).record_old_origin() == "asli"
    assert Folder(old).moved_from() is None
    assert Folder(plain).record_old_origin() == "asli"


def test_an_old_init_db_url_naming_another_folder_is_read_before_it_is_rewritten(
    template, tmp_path
):
    """An init from before the folder locator wrote the absolute path of the folder it made into
    nbgrader_config.py; in a copy it names the template. The first reader of the config (here the
    gradebook's locator, as in any command) records that before rewriting the line away."""
    old = _as_before_session_6(cp_a(template, tmp_path / "angkatan-2"))
    config = Folder(old).config_file
    elsewhere = tmp_path / "templat"
    with config.open("a", encoding="utf-8") as fh:
        fh.write(f"c.CourseDirectory.db_url = 'sqlite:///{elsewhere / GRADEBOOK_FILE}'\n")
    assert Folder(old).db_url == f"sqlite:///{old / GRADEBOOK_FILE}"  # its own gradebook
    assert "db_url =" not in config.read_text(encoding="utf-8")
    assert Folder(old).moved_from() == str(elsewhere)
    assert Folder(old).copy_of() is None


def test_the_folder_layout_is_nbgraders(tmp_path):
    """Folder is the one place the names live, and they are nbgrader's own course layout (its
    CourseDirectory defaults, gradebook included), so nbgrader's tools find the same files."""
    from nbgrader.coursedir import CourseDirectory

    nb = CourseDirectory(root=str(tmp_path))
    f = Folder(tmp_path)
    assert f"sqlite:///{f.own_gradebook}" == nb.db_url
    for ours, theirs in (
        (f.source(), nb.source_directory),
        (f.release(), nb.release_directory),
        (f.submitted(), nb.submitted_directory),
        (f.autograded(), nb.autograded_directory),
        (f.feedback(), nb.feedback_directory),
    ):
        assert ours == f.root / theirs
    assert f.submitted("p01", "m3") == Path(nb.format_path(nb.submitted_directory, "p01", "m3"))


def test_a_rewritten_workshop_file_keeps_its_mode_and_group(template, tmp_path):
    """lokakarya.json and nbgrader_config.py are rewritten in place (an old workshop's first
    command records its folder, R34); co-trainers read them through the trainer group's mode."""
    import os

    ws = cp_a(template, tmp_path / "ws")
    meta = Folder(ws).meta_file
    os.chmod(meta, 0o640)
    os.chown(meta, -1, 4242)  # another group, as `hub users` gives the trainer group
    old = os.umask(0o077)
    try:
        Folder(ws).record_origin()
    finally:
        os.umask(old)
    st = meta.stat()
    assert (st.st_mode & 0o777, st.st_gid) == (0o640, 4242)
    assert ORIGIN_KEY in Folder(ws).meta()


def test_new_gradebook_records_alembics_head_without_running_alembic(tmp_path, monkeypatch):
    """A new gradebook's schema version is the one `alembic heads` names (nbgrader's own way),
    read in this process: nbgrader's shell-out is not run (issue 17 goal 6)."""
    import nbgrader.api as api

    from alaskaki.folder import _venv_on_path

    _venv_on_path()
    original = api.get_alembic_version
    with api._temp_alembic_ini("sqlite:///" + str(tmp_path / "x.db")) as ini:
        said = subprocess.run(
            ["alembic", "-c", ini, "heads"], check=True, capture_output=True, text=True
        ).stdout.split()[0]

    def no_shell(*args, **kwargs):
        raise AssertionError(f"alembic was run: {args}")

    monkeypatch.setattr(api.sp, "check_output", no_shell)
    gb = api.Gradebook("sqlite:///" + str(tmp_path / "gradebook.db"))
    gb.close()
    with sqlite3.connect(tmp_path / "gradebook.db") as db:
        assert db.execute("select version_num from alembic_version").fetchall() == [(said,)]
    assert api.get_alembic_version is original  # installed once, not wrapped again
    _venv_on_path()
    assert api.get_alembic_version is original


def _pseudonym_secret_of(root: str) -> str:
    return Folder(root).pseudonym_secret()


def test_the_pseudonym_secret_is_made_once_whole_and_for_the_owner_only(tmp_path):
    """Commands making it at the same moment all get the one secret kept; a file cut short
    (empty) is replaced; nothing is left beside it."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(4) as pool:
        made = set(pool.map(_pseudonym_secret_of, [str(tmp_path)] * 8))
    f = Folder(tmp_path)
    assert made == {f.pseudonym_secret()} and len(f.pseudonym_secret()) == 32
    assert f.pseudonym_secret_file.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in f.state_dir.iterdir()] == [f.pseudonym_secret_file.name]
    f.pseudonym_secret_file.write_text("")
    again = f.pseudonym_secret()
    assert again and again not in made and f.pseudonym_secret() == again


def test_an_unreadable_pseudonym_secret_is_one_sentence_naming_it(tmp_path):
    f = Folder(tmp_path)
    f.pseudonym_secret()
    f.pseudonym_secret_file.unlink()
    f.pseudonym_secret_file.mkdir()  # a path that cannot be read as a file
    with pytest.raises(AlaskakiError) as err:
        f.pseudonym_secret()
    said = str(err.value)
    assert said.startswith("Gagal membaca kunci nama samaran") and "kunci-samaran.txt" in said


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root (CI runs as root)")
def test_a_pseudonym_secret_made_by_root_belongs_to_the_folders_owner(tmp_path):
    """`sudo alaskaki report --anonim` in the trainer's old workshop: the trainer keeps access."""
    f = Folder(tmp_path / "ws")
    f.state_dir.mkdir(parents=True)
    os.chown(f.state_dir, 65534, 65534)
    f.pseudonym_secret()
    st = f.pseudonym_secret_file.stat()
    assert (st.st_uid, st.st_gid, st.st_mode & 0o777) == (65534, 65534, 0o600)
