"""Who owns the exchange's course folder (red team R74, fixed in session 10), with the real Linux
accounts ``alaskaki hub users`` makes (``create_users``, no hub started).

nbgrader needs the exchange root writable by every account (each exchange command checks
``os.access(root, W_OK | X_OK)``), so it stays 1777 and whoever makes ``<root>/<course_id>`` first
owns it. ``hub users`` makes that folder for the trainer before any participant can log in; here a
participant's account then tries the attack and cannot, while the trainer's release, collect and
feedback and the participant's nbgrader list, fetch, submit and fetch_feedback all run as their
own accounts (``runuser``) through that folder.
"""

from __future__ import annotations

import os
import secrets
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from alaskaki import paths

pytestmark = pytest.mark.slow

MOD = "m3-biaya-produksi"
TEST_BIN = Path(sys.executable).parent
sys.path.insert(0, str(paths.KIT_ROOT / "kitbuild"))
from hubrun import let_others_traverse  # noqa: E402 - kitbuild/ is not a package


def _kit_env_for_accounts(base: Path) -> Path:
    """The ``bin`` folder the test's accounts run the kit from: this venv's when other accounts can
    use it, else (a CI clone under a folder closed to them) the trainer wheel built now into a
    standalone venv under ``base``, as an install on a server would have it."""
    from alaskaki.workshop.hub import usable_by

    if usable_by("nobody", TEST_BIN / "python"):
        return TEST_BIN
    from build_dists import build
    from testenv import make_wheel_env

    wheel = next(
        p for p in build(base / "dist", only="alaskaki", isolation=False) if p.suffix == ".whl"
    )
    return make_wheel_env(base / "kit-venv", wheel, standalone=True) / "bin"


@pytest.fixture(scope="module")
def server(require_part):
    """A workshop with two participants and a trainer made by ``create_users`` (own groups, homes
    and exchange under one temporary folder; the kit's folders are not closed); removed after."""
    from alaskaki.workshop import import_roster, init_workshop
    from alaskaki.workshop.hub import create_users, delete_users, usable_by, write_jupyter_config

    require_part(os.geteuid() == 0 and bool(shutil.which("useradd")), "root (useradd) needed")
    tag = secrets.token_hex(2)
    ids, trainer = [f"xc{tag}p{i}" for i in (1, 2)], f"xc{tag}tr"
    groups = (f"xc{tag}-peserta", f"xc{tag}-pelatih")
    base = Path(tempfile.mkdtemp(prefix="alaskaki-r74-", dir="/var/tmp"))
    os.chmod(base, 0o755)
    # a development machine's interpreter sits under /root (0700); opened for this module only
    opened = let_others_traverse(Path(os.path.realpath(sys.executable)))
    try:
        kit_bin = _kit_env_for_accounts(base)
        require_part(usable_by("nobody", kit_bin / "python"), f"{kit_bin} must be usable by others")
        ws = init_workshop(base / "lokakarya", modules=[MOD])
        roster = base / "peserta.csv"
        roster.write_text(
            "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"
            + "".join(f"{u},Peserta {u.upper()},IKM A,Miji,P,admin\n" for u in ids),
            encoding="utf-8",
        )
        import_roster(ws, roster)
        made = create_users(
            ws,
            trainer=trainer,
            exchange=base / "exchange",
            home_base=base / "rumah",
            participant_group=groups[0],
            trainer_group=groups[1],
            protect_kit=False,
        )
        state = base / "hub"
        write_jupyter_config(state, course_id=ws.course_id, exchange=base / "exchange")
        assert f"dibuat atas nama pelatih ({trainer})" in made.summary_text()
        yield base, ws, ids, trainer, state, kit_bin
    finally:
        delete_users([*ids, trainer], groups=groups)
        shutil.rmtree(base, ignore_errors=True)
        for folder, mode in opened:
            os.chmod(folder, mode)


def _as(server, user: str, *cmd: str) -> subprocess.CompletedProcess:
    """``cmd`` as the Linux account ``user``, with the environment the hub gives its server."""
    base, _, _, _, state, kit_bin = server
    home = base / "rumah" / user
    env = [
        f"HOME={home}",
        f"PATH={kit_bin}:/usr/bin:/bin",
        "LANG=C.UTF-8",
        f"JUPYTER_CONFIG_PATH={state / 'jupyter-peserta'}",
        f"JUPYTERHUB_USER={user}",
    ]
    return subprocess.run(
        ["runuser", "-u", user, "--", "env", "-i", *env, *cmd],
        capture_output=True,
        text=True,
        cwd=home,
        timeout=600,
        check=False,
    )


def _ok(res: subprocess.CompletedProcess) -> str:
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    return res.stdout + res.stderr


def test_a_participant_cannot_take_the_course_folder_before_the_first_release(server):
    """After ``hub users`` and before any release, the course folder is the trainer's with
    nbgrader's modes; the participant's account cannot make it, rename it away, write the record
    or a module into it (what blocked every release in R74), yet nbgrader list works for him."""
    import pwd

    from alaskaki.workshop.exchange import COURSE_DIRS, OWNER_FILE

    base, ws, (user, _), trainer, _, kit_bin = server
    course = base / "exchange" / ws.course_id
    owner = pwd.getpwnam(trainer).pw_uid
    for name, mode in COURSE_DIRS.items():
        st = os.lstat(course / name)
        assert (st.st_uid, stat.S_IMODE(st.st_mode)) == (owner, mode), (name, oct(st.st_mode))
    assert stat.S_IMODE(os.stat(base / "exchange").st_mode) == 0o1777
    for cmd in (
        ["mkdir", str(course)],
        ["mv", str(course), str(base / "exchange" / "pindah")],
        ["touch", str(course / OWNER_FILE)],
        ["mkdir", str(course / "outbound" / MOD)],
        ["mkdir", str(course / "feedback" / "x")],
    ):
        res = _as(server, user, *cmd)
        assert res.returncode != 0, cmd
    assert sorted(p.name for p in course.iterdir()) == ["feedback", "inbound", "outbound"]
    _ok(_as(server, user, str(kit_bin / "nbgrader"), "list"))


def test_release_fetch_submit_collect_and_feedback_run_as_the_real_accounts(server):
    """The trainer's account releases into the folder ``hub users`` made; the participant's
    account lists, fetches and submits with nbgrader; the trainer's account collects and releases
    feedback; the participant fetches his feedback."""
    base, ws, (user, _), trainer, _, kit_bin = server
    trainer_home = base / "rumah" / trainer
    alaskaki = str(kit_bin / "alaskaki")
    _ok(_as(server, trainer, alaskaki, "release", MOD, "--workshop", str(ws.root)))
    assert MOD in _ok(_as(server, user, str(kit_bin / "nbgrader"), "list"))
    _ok(_as(server, user, str(kit_bin / "nbgrader"), "fetch_assignment", MOD))
    assert (base / "rumah" / user / MOD / f"{MOD}.ipynb").is_file()
    _ok(_as(server, user, str(kit_bin / "nbgrader"), "submit", MOD))
    out = _ok(_as(server, trainer, alaskaki, "collect", MOD, "--workshop", str(ws.root)))
    assert (ws.submitted(user, MOD) / "submission_secret.txt").is_file(), out

    # feedback as `alaskaki feedback` leaves it (grading is not what this test is about)
    page = ws.feedback() / user / MOD / f"{MOD}.html"
    page.parent.mkdir(parents=True)
    page.write_text(f"<html><body>Umpan balik {user}</body></html>", encoding="utf-8")
    subprocess.run(["chown", "-R", f"{trainer}:", str(ws.feedback())], check=True)
    code = (
        "import sys; from alaskaki.workshop.course import Workshop; "
        "from alaskaki.workshop.hub import release_feedback; "
        "print(release_feedback(Workshop(sys.argv[1]), sys.argv[2]))"
    )
    assert user in _ok(_as(server, trainer, str(kit_bin / "python"), "-c", code, str(ws.root), MOD))
    assert trainer_home.is_dir()
    _ok(_as(server, user, str(kit_bin / "nbgrader"), "fetch_feedback", MOD))
    (got,) = (base / "rumah" / user / MOD / "feedback").glob(f"*/{MOD}.html")
    assert f"Umpan balik {user}" in got.read_text(encoding="utf-8")
