"""Two batches on one JupyterHub never share one nbgrader exchange course (issue 14).

Trainers make batch 2's workshop by copying batch 1's (``cp -a``): the copy keeps the original's
nbgrader course id, and with it ``<exchange>/<course_id>/inbound`` and ``outbound``. Real parts
only: nbgrader's exchange, the kit's own release/collect, a real Linux account (the hub's
participant account, named by the roster id, is the same account for batch 1's and batch 2's
``p01``) that fetches and submits with nbgrader's own commands and the participant config the hub
writes at start (:func:`alaskaki.workshop.hub.write_jupyter_config`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from alaskaki.errors import AlaskakiError
from alaskaki.workshop import collect_module, import_roster, init_workshop
from alaskaki.workshop.course import Workshop
from alaskaki.workshop.hub import release_feedback, set_exchange, write_jupyter_config
from alaskaki.workshop.release import release_module

pytestmark = pytest.mark.slow

MOD = "m3-biaya-produksi"
VENV_BIN = Path(sys.executable).parent


@pytest.fixture
def hub(require_part):
    """An exchange (1777, as ``hub users`` makes it), a scratch folder every account can read, and one
    participant account; removed afterwards."""
    require_part(os.geteuid() == 0 and bool(shutil.which("useradd")), "root (useradd) needed")
    base = Path(tempfile.mkdtemp(prefix="alaskaki-antarangkatan-", dir="/var/tmp"))
    os.chmod(base, 0o755)
    exchange = base / "exchange"
    exchange.mkdir()
    os.chmod(exchange, 0o1777)
    user = f"xb{os.getpid() % 100000:05d}"
    home = base / "home" / user
    home.parent.mkdir()
    os.chmod(home.parent, 0o755)
    subprocess.run(
        ["useradd", "--create-home", "--home-dir", str(home), "--shell", "/bin/bash", user],
        check=True,
        capture_output=True,
    )
    try:
        yield base, exchange, user, home
    finally:
        subprocess.run(["userdel", "--remove", user], check=False, capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def _roster(path: Path, user: str, nama: str) -> Path:
    path.write_text(
        f"id,nama,ikm,kelurahan,jenis_kelamin,peran\n{user},{nama},IKM A,Miji,P,admin\n",
        encoding="utf-8",
    )
    return path


def _as_participant(base: Path, ws: Workshop, user: str, home: Path, *args: str) -> None:
    """Run an nbgrader student command for the participant, with the config the hub writes at start
    from the workshop folder it serves (grading/hub/jupyterhub_config.py). It runs as root (the
    trainer's venv is closed to participant accounts) and what it made is then given to the
    participant's account, as if the account had made it: the kit reads the owner."""
    state = base / f"hub-{ws.root.name}"
    exchange = Path(ws.config().Exchange.root)
    write_jupyter_config(state, course_id=ws.course_id, exchange=exchange)
    env = {
        "HOME": str(home),
        "PATH": f"{VENV_BIN}:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "JUPYTER_CONFIG_PATH": str(state / "jupyter-peserta"),
        "JUPYTERHUB_USER": user,
    }
    res = subprocess.run(
        [str(VENV_BIN / "nbgrader"), *args, MOD],
        capture_output=True,
        text=True,
        cwd=home,
        env=env,
        check=False,
        timeout=300,
    )
    assert res.returncode == 0, res.stdout + res.stderr
    mine = [home, *exchange.glob(f"*/inbound/{user}+*")]
    subprocess.run(["chown", "-R", f"{user}:", *map(str, mine)], check=True)


def _batch_one(base: Path, exchange: Path, user: str, home: Path) -> tuple[Workshop, Path]:
    """Batch 1's workshop on the hub, its module released; ``cp -a`` of it made for batch 2 the
    same day (before anyone handed in); batch 1's participant fetches and submits."""
    ws1 = init_workshop(base / "angkatan-1", modules=[MOD])
    import_roster(ws1, _roster(base / "angkatan-1.csv", user, "Ani Angkatan Satu"))
    set_exchange(ws1, exchange)
    release_module(ws1, MOD)
    copy = base / "angkatan-2"
    subprocess.run(["cp", "-a", str(ws1.root), str(copy)], check=True)
    _as_participant(base, ws1, user, home, "fetch_assignment")
    _as_participant(base, ws1, user, home, "submit")
    return ws1, copy


def test_batch_two_never_collects_batch_ones_submission(hub):
    """The copy for batch 2 shares batch 1's course id: before the fix, batch 2's release replaced
    batch 1's outbound and batch 2's collect took batch 1's submission as batch 2's participant
    with the same id (the same hub account). Now release and collect in the copy stop with one
    sentence naming the course id and the way out; ``--angkatan-baru`` gives the copy its own course
    id, which the hub's participant config follows, and batch 1's exchange is left as it was."""
    base, exchange, user, home = hub
    ws1, copy = _batch_one(base, exchange, user, home)
    course = ws1.course_id
    outbound = exchange / course / "outbound" / MOD
    before = sorted((p.relative_to(exchange), p.stat().st_mtime_ns) for p in outbound.rglob("*"))
    inbound = sorted(p.name for p in (exchange / course / "inbound").iterdir())
    assert len(inbound) == 1 and inbound[0].startswith(f"{user}+{MOD}+")

    ws2 = Workshop(copy)
    import_roster(ws2, _roster(base / "angkatan-2.csv", user, "Budi Angkatan Dua"))
    with pytest.raises(AlaskakiError) as err:
        collect_module(ws2, MOD)
    said = str(err.value)
    assert course in said and "--angkatan-baru" in said and str(ws2.root) in said
    assert not ws2.submitted(user, MOD).exists()
    with pytest.raises(AlaskakiError, match=f"Kursus {course} "):
        release_feedback(ws2, MOD)  # nor feedback to the accounts of the course's batch
    with pytest.raises(AlaskakiError) as err:
        release_module(ws2, MOD)
    assert course in str(err.value) and "--angkatan-baru" in str(err.value)
    after = sorted((p.relative_to(exchange), p.stat().st_mtime_ns) for p in outbound.rglob("*"))
    assert after == before

    release_module(ws2, MOD, angkatan="baru")
    ws2 = Workshop(copy)
    assert ws2.course_id != course
    assert ws2.course_id in (copy / "nbgrader_config.py").read_text(encoding="utf-8")
    assert (exchange / ws2.course_id / "outbound" / MOD).is_dir()
    assert sorted(p.name for p in (exchange / course / "inbound").iterdir()) == inbound
    res = collect_module(ws2, MOD)
    assert res.collected == {} and not ws2.submitted(user, MOD).exists()
    own = ws2.course_id
    release_module(ws2, MOD, angkatan="baru")  # said again: the copy keeps its own course
    assert Workshop(copy).course_id == own

    # batch 2's participant (same hub account) works in the copy's own course: the hub started for
    # the copy hands out and takes in through it
    # (the account still holds batch 1's fetched copy: docs/deploy.md says to remove old accounts)
    shutil.rmtree(home / MOD)
    _as_participant(base, ws2, user, home, "fetch_assignment")
    _as_participant(base, ws2, user, home, "submit")
    res = collect_module(ws2, MOD)
    assert list(res.collected) == [user]
    # batch 1 still collects its own record, and only that one
    res = collect_module(ws1, MOD)
    assert sorted(p.name for p in (exchange / course / "inbound").iterdir()) == inbound
    assert ws1.submitted(user, MOD).is_dir()


def test_the_same_batchs_working_copy_and_a_backup_moved_back_keep_the_exchange(hub):
    """The common case: the same batch goes on in a ``cp -a`` working copy (original in place) or a
    backup moved back to the workshop's place: collect and release there use the same exchange
    course as before, with no question."""
    base, exchange, user, home = hub
    ws1, copy = _batch_one(base, exchange, user, home)
    course = ws1.course_id
    shutil.rmtree(copy)
    work = base / "angkatan-1-kerja"
    subprocess.run(["cp", "-a", str(ws1.root), str(work)], check=True)
    ws_work = Workshop(work)
    res = collect_module(ws_work, MOD)
    assert list(res.collected) == [user] and ws_work.course_id == course
    release_module(ws_work, MOD)
    assert ws_work.course_id == course

    # the backup moved back into place after the original was lost
    backup = base / "cadangan"
    subprocess.run(["cp", "-a", str(ws1.root), str(backup)], check=True)
    shutil.rmtree(ws1.root)
    os.rename(backup, ws1.root)
    back = Workshop(ws1.root)
    res = collect_module(back, MOD)
    assert list(res.collected) == [user] and back.course_id == course
    release_module(back, MOD)
    assert back.course_id == course


def test_hub_users_never_hands_batch_ones_account_to_batch_two(hub, tmp_path):
    """``hub users`` leaves an existing account as it is (no new password): for batch 2's ``p01``
    that is batch 1's account, its password and home. An account whose name is another person's
    is refused, named, before anything changes; one with this roster's name stays as it was."""
    from alaskaki.workshop.hub import create_users

    base, exchange, user, home = hub
    group = f"{user}g"
    subprocess.run(["groupadd", group], check=True)
    try:
        subprocess.run(["usermod", "-c", "Ani Angkatan Satu", "-a", "-G", group, user], check=True)
        ws = init_workshop(base / "angkatan-2", modules=[MOD])
        import_roster(ws, _roster(base / "angkatan-2.csv", user, "Budi Angkatan Dua"))
        trainer = f"{user}t"
        plan = create_users(ws, dry_run=True, trainer=trainer, participant_group=group)
        assert "atas nama Ani Angkatan Satu" in plan.accounts[1].keadaan
        with pytest.raises(AlaskakiError) as err:
            create_users(
                ws, trainer=trainer, participant_group=group, exchange=exchange, protect_kit=False
            )
        said = str(err.value)
        assert f"Akun Linux {user} sudah ada atas nama Ani Angkatan Satu" in said
        assert "Budi Angkatan Dua" in said and f"userdel -r {user}" in said
        assert subprocess.run(["id", trainer], capture_output=True).returncode != 0
        assert "Exchange" not in (ws.root / "nbgrader_config.py").read_text(encoding="utf-8")
        import_roster(ws, _roster(base / "lagi.csv", user, "Ani  Angkatan Satu"))
        plan = create_users(ws, dry_run=True, trainer=trainer, participant_group=group)
        assert plan.accounts[1].keadaan == "sudah ada (tidak diubah)"
    finally:
        subprocess.run(["groupdel", group], check=False, capture_output=True)
