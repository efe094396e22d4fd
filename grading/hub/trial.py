"""`make hub`: a trial JupyterHub for one workshop on http://127.0.0.1:8000 (this machine only).

Makes (once) a trial workshop with the sample roster in ~/alaskaki-hub-uji-coba, releases module
m3-biaya-produksi into a trial exchange, prints two generated passwords and runs JupyterHub with
grading/hub/jupyterhub_config.py in "uji-coba" mode: every server runs as the current user, one
shared password for participants. For a real class use Linux accounts: docs/deploy.md.
Stop with Ctrl+C.
"""

from __future__ import annotations

import os
import secrets
import shutil
import sys
from pathlib import Path

from alaskaki import paths
from alaskaki.workshop import init_workshop, release_module
from alaskaki.workshop.hub import generate_password, prepare_exchange, set_exchange

MODUL = "m3-biaya-produksi"
TRAINER = "pelatih"


def main() -> int:
    base = Path(os.environ.get("ALASKAKI_HUB_UJI", Path.home() / "alaskaki-hub-uji-coba"))
    chp = paths.KIT_ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
    if not chp.exists() and not shutil.which("configurable-http-proxy"):
        print(
            "configurable-http-proxy belum terpasang. Pasang dulu (butuh Node.js):\n"
            f"  cd {paths.KIT_ROOT} && npm install configurable-http-proxy@5",
            file=sys.stderr,
        )
        return 1
    ws_dir, exchange, state = base / "lokakarya", base / "exchange", base / "hub"
    fresh = not (ws_dir / "lokakarya.json").is_file()
    ws = init_workshop(
        ws_dir,
        roster=paths.dataset("contoh_peserta.csv") if fresh else None,
        name="Uji coba server lokakarya",
        modules=[MODUL],
    )
    prepare_exchange(exchange)
    set_exchange(ws, exchange)
    if fresh:
        release_module(ws, MODUL)
    user_pw = generate_password(12)
    admin_pw = secrets.token_urlsafe(32)
    ids = ws.participant_ids()
    port = os.environ.get("ALASKAKI_HUB_PORT", "8000")
    print(
        f"\nServer uji coba: http://127.0.0.1:{port}  (hanya komputer ini)\n"
        f"  Peserta: {', '.join(ids[:3])} ... {ids[-1]}; kata sandi bersama: {user_pw}\n"
        f"  Pelatih: {TRAINER}; kata sandi: {admin_pw}\n"
        f"  Formgrader pelatih: http://127.0.0.1:{port}/user/{TRAINER}/formgrader\n"
        f"  Folder uji coba: {base}\n"
        "Kata sandi baru dibuat setiap kali server dijalankan. Berhenti: Ctrl+C.\n",
        flush=True,
    )
    env = dict(os.environ)
    env.update(
        ALASKAKI_HUB_MODE="uji-coba",
        ALASKAKI_LOKAKARYA=str(ws.root),
        ALASKAKI_PELATIH=TRAINER,
        ALASKAKI_EXCHANGE=str(exchange),
        ALASKAKI_HUB_STATE=str(state),
        ALASKAKI_HUB_IP=os.environ.get("ALASKAKI_HUB_IP", "127.0.0.1"),
        ALASKAKI_HUB_PORT=port,
        ALASKAKI_HUB_SANDI_PESERTA=user_pw,
        ALASKAKI_HUB_SANDI_PELATIH=admin_pw,
        PATH=f"{chp.parent}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{env_path()}",
    )
    state.mkdir(parents=True, exist_ok=True)
    os.chdir(state)
    config = Path(__file__).resolve().parent / "jupyterhub_config.py"
    hub = str(Path(sys.executable).parent / "jupyterhub")
    os.execve(hub, [hub, "-f", str(config)], env)
    return 0  # not reached


def env_path() -> str:
    return os.environ.get("PATH", "/usr/bin:/bin")


if __name__ == "__main__":
    sys.exit(main())
