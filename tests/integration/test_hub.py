"""A whole class on a real JupyterHub (issue 8 item 3).

JupyterHub + configurable-http-proxy on 127.0.0.1 with grading/hub/jupyterhub_config.py as a
trainer would run it: a Linux account per participant made by ``create_users`` (PAM passwords),
nbgrader's exchange, the trainer's CLI run as the trainer's account. Three participants fetch,
answer (right / wrong / nothing) and submit through their own single-user server's nbgrader
endpoints; the trainer collects, grades and releases feedback; each participant fetches only their
own feedback. Then the permissions are checked as each participant's Linux account.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

from alaskaki import paths

pytestmark = [pytest.mark.hub, pytest.mark.slow, pytest.mark.timeout(1500)]

MODUL = "m3-biaya-produksi"
VENV_BIN = Path(sys.executable).parent
CONFIG = paths.KIT_ROOT / "grading" / "hub" / "jupyterhub_config.py"


def _chp() -> str | None:
    local = paths.KIT_ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
    return str(local) if local.exists() else shutil.which("configurable-http-proxy")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_user(user: str, home: Path, *cmd: str, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run ``cmd`` as a Linux account with a clean environment (what a login shell would give)."""
    env = [
        f"HOME={home}",
        f"PATH={VENV_BIN}:/usr/local/bin:/usr/bin:/bin",
        "LANG=C.UTF-8",
        "MPLBACKEND=Agg",
        f"MPLCONFIGDIR={home}/.mpl",
    ]
    return subprocess.run(
        ["runuser", "-u", user, "--", "env", "-i", *env, *cmd],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd="/",
        check=False,
    )


def _kill_user_processes(user: str) -> None:
    out = subprocess.run(["ps", "-u", user, "-o", "pid="], capture_output=True, text=True).stdout
    for pid in out.split():
        with contextlib.suppress(ProcessLookupError, ValueError):
            os.kill(int(pid), signal.SIGKILL)


def _let_others_traverse(target: Path) -> list[tuple[Path, int]]:
    """Give others search (x) permission on the folders above ``target``; return what to restore.

    Development machines keep the venv's interpreter under /root (pyenv, mode 0700): the
    participants' accounts could not start Python at all. A real server keeps it in /opt
    (docs/deploy.md); here the test opens the path for its run only and restores it after.
    """
    changed = []
    for folder in reversed(target.resolve().parents):
        mode = folder.stat().st_mode & 0o7777
        if not mode & 0o001:
            os.chmod(folder, mode | 0o001)
            changed.append((folder, mode))
    return changed


def _participant_venv(base: Path) -> Path:
    """The participants' environment: the participant wheel, built now, with no answer key."""
    sys.path.insert(0, str(paths.KIT_ROOT / "kitbuild"))
    from build_dists import build
    from testenv import make_wheel_env

    built = build(base / "dist", only="alaskaki-peserta", isolation=False)
    wheel = next(p for p in built if p.suffix == ".whl")
    return make_wheel_env(base / "peserta-venv", wheel)


def _server_cmdlines(user: str) -> list[str]:
    """Command lines of the user's running single-user servers."""
    import pwd

    uid = pwd.getpwnam(user).pw_uid
    found = []
    for proc in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            if proc.name.isdigit() and proc.stat().st_uid == uid:
                cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                if "jupyterhub-singleuser" in cmd:
                    found.append(cmd)
    return found


@pytest.fixture(scope="module")
def hub(require_part):
    check_part = require_part
    check_part(os.geteuid() == 0, "the hub test makes Linux accounts: it must run as root")
    check_part(
        all(shutil.which(t) for t in ("useradd", "userdel", "chpasswd", "runuser")),
        "useradd/userdel/chpasswd/runuser (Debian passwd, util-linux) are missing",
    )
    check_part(
        _chp() is not None,
        "configurable-http-proxy is missing: npm install configurable-http-proxy@5",
    )
    check_part(
        (VENV_BIN / "jupyterhub").exists(),
        "jupyterhub is not installed in the venv: pip install -e '.[test]'",
    )
    import requests

    from alaskaki.workshop import init_workshop
    from alaskaki.workshop.hub import create_users, delete_users

    tag = secrets.token_hex(2)
    ids = [f"hb{tag}p{i}" for i in (1, 2, 3)]
    trainer = f"hb{tag}tr"
    groups = (f"hb{tag}-peserta", f"hb{tag}-pelatih")
    base = Path(tempfile.mkdtemp(prefix="alaskaki-hub-", dir="/tmp"))
    os.chmod(base, 0o755)
    from alaskaki.workshop.hub import key_folders

    closed = {f: f.stat() for f in key_folders()}
    proc = None
    log = None
    opened = []
    try:
        opened = _let_others_traverse(Path(os.path.realpath(sys.executable)))
        roster = base / "peserta.csv"
        roster.write_text(
            "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"
            f"{ids[0]},Siti Uji,UD Uji Jaya,Miji,P,pemilik\n"
            f"{ids[1]},Bambang Uji,UD Uji Jaya,Miji,L,pemotong\n"
            f"{ids[2]},Dewi Uji,CV Uji Makmur,Prajurit Kulon,P,penjahit\n",
            encoding="utf-8",
        )
        ws = init_workshop(base / "lokakarya", roster=roster, name="Uji Hub", modules=[MODUL])
        peserta_venv = _participant_venv(base)
        made = create_users(
            ws,
            trainer=trainer,
            exchange=base / "exchange",
            home_base=base / "rumah",
            participant_group=groups[0],
            trainer_group=groups[1],
        )
        passwords = {a.user: a.password for a in made.accounts}
        port = _free_port()
        token = secrets.token_hex(32)
        state = base / "hub"
        env = dict(os.environ)
        env.update(
            ALASKAKI_LOKAKARYA=str(ws.root),
            ALASKAKI_PELATIH=trainer,
            ALASKAKI_EXCHANGE=str(base / "exchange"),
            ALASKAKI_HUB_STATE=str(state),
            ALASKAKI_HUB_IP="127.0.0.1",
            ALASKAKI_HUB_PORT=str(port),
            ALASKAKI_HUB_SERVICE_TOKEN=token,
            ALASKAKI_VENV_PESERTA=str(peserta_venv),
            PATH=f"{Path(_chp()).parent}:{VENV_BIN}:{os.environ.get('PATH', '')}",
        )
        state.mkdir()
        log = open(base / "jupyterhub.log", "w")  # noqa: SIM115
        proc = subprocess.Popen(
            [str(VENV_BIN / "jupyterhub"), "-f", str(CONFIG)],
            cwd=state,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}"
        api = requests.Session()
        api.headers["Authorization"] = f"token {token}"
        for _ in range(240):
            if proc.poll() is not None:
                break
            try:
                if api.get(f"{url}/hub/api/", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(0.5)
        assert proc.poll() is None, (base / "jupyterhub.log").read_text()[-4000:]
        yield SimpleNamespace(
            url=url,
            api=api,
            ws=ws,
            ids=ids,
            trainer=trainer,
            passwords=passwords,
            base=base,
            homes={u: base / "rumah" / u for u in ids} | {trainer: base / "rumah" / trainer},
            proc=proc,
            log=base / "jupyterhub.log",
            peserta_venv=peserta_venv,
        )
    finally:
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)  # the hub stops every single-user server it started
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        if log is not None:
            log.close()
        for user in [*ids, trainer]:
            _kill_user_processes(user)
        delete_users([*ids, trainer], groups=groups)
        for folder, st in closed.items():
            os.chown(folder, st.st_uid, st.st_gid)
            os.chmod(folder, st.st_mode & 0o7777)
        shutil.rmtree(base, ignore_errors=True)
        for folder, mode in opened:
            os.chmod(folder, mode)


def _start_servers(h, users: list[str]) -> None:
    for u in users:
        r = h.api.post(f"{h.url}/hub/api/users/{u}/server", timeout=30)
        assert r.status_code in (201, 202), r.text
    pending = set(users)
    for _ in range(360):
        for u in list(pending):
            info = h.api.get(f"{h.url}/hub/api/users/{u}", timeout=10).json()
            if info.get("servers", {}).get("", {}).get("ready"):
                pending.discard(u)
        if not pending:
            return
        time.sleep(0.5)
    raise AssertionError(f"servers not ready: {pending}\n{h.log.read_text()[-4000:]}")


def _user_session(h, user: str):
    import requests

    r = h.api.post(f"{h.url}/hub/api/users/{user}/tokens", json={"note": "uji"}, timeout=10)
    assert r.status_code in (200, 201), r.text
    s = requests.Session()
    s.headers["Authorization"] = f"token {r.json()['token']}"
    return s


def _login(h, user: str, password: str) -> int:
    import requests

    s = requests.Session()
    s.get(f"{h.url}/hub/login", timeout=10)
    r = s.post(
        f"{h.url}/hub/login",
        data={"username": user, "password": password, "_xsrf": s.cookies.get("_xsrf", "")},
        allow_redirects=False,
        timeout=30,
    )
    return r.status_code


def test_a_class_on_the_hub(hub):  # noqa: PLR0915
    from alaskaki.workshop.demo import simulate_submission
    from alaskaki.workshop.hub import key_folders

    h = hub
    right, wrong, blank = h.ids
    cid = h.ws.course_id

    # Passwords printed once by `alaskaki hub users` open the hub (PAM); a wrong one does not.
    assert all(h.passwords[u] for u in [*h.ids, h.trainer])
    assert len(set(h.passwords.values())) == 4
    assert _login(h, right, h.passwords[right]) == 302
    assert _login(h, right, h.passwords[wrong]) != 302

    # The trainer releases the module into the exchange, as the trainer's Linux account.
    def trainer_cli(*args):
        res = _as_user(h.trainer, h.homes[h.trainer], str(VENV_BIN / "alaskaki"), *args)
        assert res.returncode == 0, res.stdout + res.stderr
        return res.stdout

    trainer_cli("release", MODUL, "--workshop", str(h.ws.root))
    assert (h.base / "exchange" / cid / "outbound" / MODUL / f"{MODUL}.ipynb").is_file()

    _start_servers(h, [*h.ids, h.trainer])
    sessions = {u: _user_session(h, u) for u in [*h.ids, h.trainer]}

    # JupyterLab speaks Bahasa Indonesia by default.
    s = sessions[right]
    r = s.get(f"{h.url}/user/{right}/lab/api/settings/@jupyterlab/translation-extension:plugin")
    assert r.status_code == 200, r.text
    assert r.json()["schema"]["properties"]["locale"]["default"] == "id_ID"
    langs = s.get(f"{h.url}/user/{right}/lab/api/translations").json()["data"]
    assert "id_ID" in langs
    # The formgrader is the trainer's own page; a participant's server has none.
    r = sessions[h.trainer].get(f"{h.url}/user/{h.trainer}/formgrader")
    assert r.status_code == 200 and "formgrader" in r.text.lower()
    assert s.get(f"{h.url}/user/{right}/formgrader").status_code == 404

    # Participants' servers run from the participant install, whose Python cannot reach the key;
    # the trainer's runs from the trainer install.
    for u in h.ids:
        cmds = _server_cmdlines(u)
        assert cmds and all(str(h.peserta_venv / "bin") in c for c in cmds), cmds
    assert all(str(VENV_BIN) in c for c in _server_cmdlines(h.trainer))
    py = str(h.peserta_venv / "bin" / "python")
    res = _as_user(
        right, h.homes[right], py, "-c", "import alaskaki.exercises.m3, alaskaki.widgets"
    )
    assert res.returncode == 0, res.stderr
    for mod in ("alaskaki_kunci", "alaskaki.workshop", "alaskaki.cli"):
        res = _as_user(right, h.homes[right], py, "-c", f"import {mod}")
        assert res.returncode != 0 and "ModuleNotFoundError" in res.stderr, (mod, res.stderr)

    # Each participant fetches, answers and submits through their own server.
    started = datetime.now(UTC).replace(tzinfo=None)
    source = nbformat.read(h.ws.root / "source" / MODUL / f"{MODUL}.ipynb", as_version=4)
    released = nbformat.read(h.ws.root / "release" / MODUL / f"{MODUL}.ipynb", as_version=4)
    skill = {right: 1.0, wrong: 1e-9, blank: 0.0}
    for u in h.ids:
        s, base = sessions[u], f"{h.url}/user/{u}"
        listing = s.get(f"{base}/assignments", params={"course_id": cid}).json()
        assert listing["success"], listing
        assert [a["assignment_id"] for a in listing["value"]] == [MODUL]
        r = s.post(f"{base}/assignments/fetch", data={"course_id": cid, "assignment_id": MODUL})
        assert r.status_code == 200 and r.json()["success"], r.text
        nb_path = f"{MODUL}/{MODUL}.ipynb"
        assert (h.homes[u] / nb_path).stat().st_uid == h.homes[u].stat().st_uid
        if skill[u] > 0:
            answered = simulate_submission(source, released, u, skill[u], MODUL)
            r = s.put(
                f"{base}/api/contents/{nb_path}",
                json={"type": "notebook", "format": "json", "content": answered},
            )
            assert r.status_code in (200, 201), r.text
        r = s.post(f"{base}/assignments/submit", data={"course_id": cid, "assignment_id": MODUL})
        assert r.status_code == 200 and r.json()["success"], r.text

    submitted_by = datetime.now(UTC).replace(tzinfo=None)

    # A participant writes a submission in another participant's name straight into the inbound
    # folder (it is writable by everyone, as nbgrader needs), claiming a time far in the future.
    inbound_dir = h.base / "exchange" / cid / "inbound"
    forged = (
        inbound_dir / f"{right}+{MODUL}+2099-01-01 00:00:00.000000 UTC+palsu{secrets.token_hex(8)}"
    )
    res = _as_user(blank, h.homes[blank], "mkdir", str(forged))
    assert res.returncode == 0, res.stderr
    res = _as_user(
        blank, h.homes[blank], "cp", str(h.homes[blank] / MODUL / f"{MODUL}.ipynb"), str(forged)
    )
    assert res.returncode == 0, res.stderr

    # The trainer collects from the exchange, grades, writes and releases feedback.
    res = _as_user(
        h.trainer,
        h.homes[h.trainer],
        str(VENV_BIN / "alaskaki"),
        "collect",
        MODUL,
        "--workshop",
        str(h.ws.root),
    )
    out = res.stdout
    assert res.returncode != 0 and "3 jawaban baru" in out, out + res.stderr
    # the forgery is refused and named: the identity on the server is the sender's Linux account
    assert f"dikirim oleh akun {blank} atas nama {right}: ditolak" in out, out
    shutil.rmtree(forged)  # the trainer removes it from the exchange
    for u in h.ids:
        assert (h.ws.root / "submitted" / u / MODUL / "submission_secret.txt").is_file()
        # received time is the server's, taken when the submission landed (never the claimed one)
        ts = (h.ws.root / "submitted" / u / MODUL / "timestamp.txt").read_text()
        got = datetime.strptime(ts, "%Y-%m-%d %H:%M:%S.%f UTC")
        assert started <= got <= submitted_by, (started, got, submitted_by)
    trainer_cli("grade", MODUL, "--workshop", str(h.ws.root))
    trainer_cli("feedback", MODUL, "--workshop", str(h.ws.root))
    status = json.loads(trainer_cli("--json", "status", "--workshop", str(h.ws.root)))
    rows = {e["peserta"]: e for e in status["rincian"] if e["modul"] == MODUL}
    assert all(rows[u]["dinilai"] and not rows[u]["perlu_nilai_ulang"] for u in h.ids), rows
    maks = rows[right]["nilai_maks"]
    assert maks > 0 and rows[right]["nilai"] == maks
    assert 0 <= rows[wrong]["nilai"] < maks
    assert rows[blank]["nilai"] == 0
    text = trainer_cli("status", "--workshop", str(h.ws.root))
    assert text.count("sudah dinilai") >= 3, text

    # Each participant fetches feedback: their own, nobody else's.
    for u in h.ids:
        s, base = sessions[u], f"{h.url}/user/{u}"
        r = s.post(
            f"{base}/assignments/fetch_feedback", data={"course_id": cid, "assignment_id": MODUL}
        )
        assert r.status_code == 200, r.text
        found = list((h.homes[u] / MODUL / "feedback").glob(f"*/{MODUL}.html"))
        assert len(found) == 1, found
        rel = found[0].relative_to(h.homes[u]).as_posix()
        html = s.get(f"{base}/api/contents/{rel}", params={"type": "file", "format": "text"})
        html = html.json()["content"]
        assert u in html
        assert not any(other in html for other in h.ids if other != u)

    # Permissions, as each participant's Linux account.
    ws = h.ws.root
    exch = h.base / "exchange" / cid
    inbound = sorted(p for p in exch.joinpath("inbound").iterdir())
    assert len(inbound) == 3
    for u in h.ids:
        others = [o for o in h.ids if o != u]
        home = h.homes[u]
        ok = _as_user(u, home, "cat", str(home / MODUL / f"{MODUL}.ipynb"))
        assert ok.returncode == 0, ok.stderr  # the check below is not failing for another reason
        denied = [
            ["cat", str(ws / "source" / MODUL / f"{MODUL}.ipynb")],
            ["cat", str(ws / "gradebook.db")],
            ["ls", str(ws)],
            ["cat", str(ws / "autograded" / others[0] / MODUL / f"{MODUL}.ipynb")],
            ["cat", str(ws / "feedback" / others[0] / MODUL / f"{MODUL}.html")],
            ["cat", str(paths.SOURCE_DIR / MODUL / f"{MODUL}.ipynb")],
            *(["ls", str(f)] for f in key_folders()),  # alaskaki_kunci of the trainer install
            ["ls", str(exch / "inbound")],
            ["ls", str(exch / "feedback")],
            ["ls", str(h.homes[others[0]])],
            ["cat", str(h.homes[others[0]] / MODUL / f"{MODUL}.ipynb")],
            ["cat", str(next((h.homes[others[0]] / MODUL / "feedback").glob(f"*/{MODUL}.html")))],
            ["touch", str(ws / "submitted" / "x")],
        ]
        for cmd in denied:
            res = _as_user(u, home, *cmd)
            assert res.returncode != 0, f"{u} could run {' '.join(cmd)}:\n{res.stdout[:300]}"
    # Another participant's inbound copy is only reachable by a name no one else can list:
    # nbgrader adds a random part to it.
    assert all(len(p.name.split("+")) == 4 and len(p.name.split("+")[3]) >= 12 for p in inbound)
