"""A real JupyterHub for one class, as a trainer runs it, for tests and benchmarks.

``running_hub(...)`` makes what ``alaskaki hub users`` makes on a server (a Linux account per
roster id with a generated password, the trainer's account, nbgrader's exchange, the closed kit),
builds the participants' environment from the ``alaskaki-peserta`` wheel, starts JupyterHub with
configurable-http-proxy on 127.0.0.1 from grading/hub/jupyterhub_config.py in "produksi" mode (PAM
+ ``LocalProcessSpawner``) and, on the way out, stops the hub (which stops every single-user server
it started), kills what is left of the accounts' processes, removes the accounts and groups, and
restores the modes of the folders it closed. Used by tests/integration/test_hub.py and
bench/hub_load.py (one launcher, so the benchmark measures the hub the test checks).

Needs root (useradd, runuser), configurable-http-proxy (``npm install configurable-http-proxy@5``)
and jupyterhub in this venv.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from alaskaki import paths

VENV_BIN = Path(sys.executable).parent
CONFIG = paths.KIT_ROOT / "grading" / "hub" / "jupyterhub_config.py"


def chp() -> str | None:
    """configurable-http-proxy: the kit's node_modules, else one on PATH."""
    local = paths.KIT_ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
    return str(local) if local.exists() else shutil.which("configurable-http-proxy")


def missing_parts() -> list[str]:
    """What this machine lacks to run a hub (empty: it can)."""
    out = []
    if os.geteuid() != 0:
        out.append("the hub makes Linux accounts: it must run as root")
    if not all(shutil.which(t) for t in ("useradd", "userdel", "chpasswd", "runuser")):
        out.append("useradd/userdel/chpasswd/runuser (Debian passwd, util-linux) are missing")
    if chp() is None:
        out.append("configurable-http-proxy is missing: npm install configurable-http-proxy@5")
    if not (VENV_BIN / "jupyterhub").exists():
        out.append("jupyterhub is not installed in the venv: pip install -e '.[test]'")
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_user(user: str, home: Path, *cmd: str, timeout: float = 600) -> subprocess.CompletedProcess:
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


def kill_user_processes(user: str) -> None:
    out = subprocess.run(["ps", "-u", user, "-o", "pid="], capture_output=True, text=True).stdout
    for pid in out.split():
        with contextlib.suppress(ProcessLookupError, ValueError):
            os.kill(int(pid), signal.SIGKILL)


def let_others_traverse(target: Path) -> list[tuple[Path, int]]:
    """Give others search (x) permission on the folders above ``target``; return what to restore.

    Development machines keep the venv's interpreter under /root (pyenv, mode 0700): the
    participants' accounts could not start Python at all. A real server keeps it in /opt
    (docs/deploy.md); here the run opens the path for its duration only and restores it after.
    """
    changed = []
    for folder in reversed(target.resolve().parents):
        mode = folder.stat().st_mode & 0o7777
        if not mode & 0o001:
            os.chmod(folder, mode | 0o001)
            changed.append((folder, mode))
    return changed


def participant_venv(base: Path) -> Path:
    """The participants' environment: the participant wheel, built now, with no answer key."""
    here = str(Path(__file__).parent)
    if here not in sys.path:
        sys.path.insert(0, here)
    from build_dists import build
    from testenv import make_wheel_env

    built = build(base / "dist", only="alaskaki-peserta", isolation=False)
    wheel = next(p for p in built if p.suffix == ".whl")
    # standalone: its libraries copied in, since the trainer's environment (this venv) is closed to
    # participants' accounts on the server
    return make_wheel_env(base / "peserta-venv", wheel, standalone=True)


@dataclass
class Hub:
    """A running hub: its address, an admin API session (service token), the workshop, accounts."""

    url: str
    api: object  # requests.Session with the service token
    ws: object  # alaskaki Workshop
    ids: list[str]
    trainer: str
    passwords: dict[str, str]
    base: Path
    homes: dict[str, Path]
    proc: subprocess.Popen
    log: Path
    peserta_venv: Path
    state: Path
    closed: list[Path] = field(default_factory=list)


def start_servers(h: Hub, users: list[str], *, tries: int = 360) -> None:
    """Ask the hub for each user's server and wait until all are ready (0.5 s polls)."""
    for u in users:
        r = h.api.post(f"{h.url}/hub/api/users/{u}/server", timeout=30)
        assert r.status_code in (201, 202), r.text
    pending = set(users)
    for _ in range(tries):
        for u in list(pending):
            info = h.api.get(f"{h.url}/hub/api/users/{u}", timeout=10).json()
            if info.get("servers", {}).get("", {}).get("ready"):
                pending.discard(u)
        if not pending:
            return
        time.sleep(0.5)
    raise AssertionError(f"servers not ready: {pending}\n{h.log.read_text()[-4000:]}")


def user_session(h: Hub, user: str, note: str = "uji"):
    """A requests session with an API token of ``user`` (made with the service token)."""
    import requests

    r = h.api.post(f"{h.url}/hub/api/users/{user}/tokens", json={"note": note}, timeout=30)
    assert r.status_code in (200, 201), r.text
    s = requests.Session()
    s.headers["Authorization"] = f"token {r.json()['token']}"
    return s


def login(url: str, user: str, password: str, *, timeout: float = 30):
    """Log in through the hub's login form (PAM checks the password), as a browser does.
    Returns ``(status, session)``; 302 means logged in, the session holds the hub's cookie."""
    import requests

    s = requests.Session()
    s.get(f"{url}/hub/login", timeout=timeout)
    r = s.post(
        f"{url}/hub/login",
        data={"username": user, "password": password, "_xsrf": s.cookies.get("_xsrf", "")},
        allow_redirects=False,
        timeout=timeout,
    )
    return r.status_code, s


@contextlib.contextmanager
def running_hub(
    ids: list[str],
    trainer: str,
    groups: tuple[str, str],
    roster_csv: str,
    *,
    modules: list[str],
    before_protect: Callable[[Path, dict[str, str]], None] | None = None,
    prefix: str = "alaskaki-hub-",
    ready_tries: int = 240,
) -> Iterator[Hub]:
    """Make the class's accounts, start the hub, yield a :class:`Hub`; clean everything up after.

    ``roster_csv`` is the roster's text (ids = ``ids``). ``before_protect(state, env)`` runs with the
    kit still open to participants' accounts, before :func:`protect_kit_sources` (the hub test
    checks there that the hub refuses to start). Cleans up on any exit, Ctrl-C included.
    """
    import requests

    from alaskaki.workshop import init_workshop
    from alaskaki.workshop.hub import (
        create_users,
        delete_users,
        protect_kit_sources,
        trainer_only_paths,
    )

    base = Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
    os.chmod(base, 0o755)
    closed = {f: f.stat() for f in trainer_only_paths()}
    proc = None
    log = None
    opened = []
    try:
        opened = let_others_traverse(Path(os.path.realpath(sys.executable)))
        roster = base / "peserta.csv"
        roster.write_text(roster_csv, encoding="utf-8")
        ws = init_workshop(base / "lokakarya", roster=roster, name="Uji Hub", modules=modules)
        peserta_venv = participant_venv(base)
        made = create_users(
            ws,
            trainer=trainer,
            exchange=base / "exchange",
            home_base=base / "rumah",
            participant_group=groups[0],
            trainer_group=groups[1],
            protect_kit=False,
        )
        passwords = {a.user: a.password for a in made.accounts}
        port = free_port()
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
            PATH=f"{Path(chp()).parent}:{VENV_BIN}:{os.environ.get('PATH', '')}",
        )
        state.mkdir()
        if before_protect is not None:
            before_protect(state, env)
        protect_kit_sources(groups[1])  # what `alaskaki hub users` does (protect_kit=True)
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
        for _ in range(ready_tries):
            if proc.poll() is not None:
                break
            try:
                if api.get(f"{url}/hub/api/", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(0.5)
        assert proc.poll() is None, (base / "jupyterhub.log").read_text()[-4000:]
        yield Hub(
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
            state=state,
            closed=list(closed),
        )
    finally:
        # a second Ctrl-C during the clean-up must not leave accounts and closed folders behind
        main = threading.current_thread() is threading.main_thread()
        old = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
        try:
            if proc is not None and proc.poll() is None:
                # the hub stops every single-user server it started
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait(timeout=10)
            if log is not None:
                log.close()
            for user in [*ids, trainer]:
                kill_user_processes(user)
            delete_users([*ids, trainer], groups=groups)
            for folder, st in closed.items():
                os.chown(folder, st.st_uid, st.st_gid)
                os.chmod(folder, st.st_mode & 0o7777)
            shutil.rmtree(base, ignore_errors=True)
            for folder, mode in opened:
                os.chmod(folder, mode)
        finally:
            if main:
                signal.signal(signal.SIGINT, old)
