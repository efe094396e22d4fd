"""``alaskaki-lab [FOLDER]``: JupyterLab in Bahasa Indonesia on a participant's laptop.

The language is a JupyterLab settings override shipped with the kit (``grading/lab``), put on
``JUPYTER_CONFIG_PATH`` for this Lab only; the hub does the same for every participant server.
"""

from __future__ import annotations

import os
import subprocess
import sys

from alaskaki import paths


def lab_environment(env: dict[str, str] | None = None) -> dict[str, str]:
    """``env`` with the kit's Lab settings first on ``JUPYTER_CONFIG_PATH``."""
    env = dict(os.environ if env is None else env)
    parts = [str(paths.LAB_SETTINGS_DIR), env.get("JUPYTER_CONFIG_PATH", "")]
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(p for p in parts if p)
    return env


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    folder = [f"--notebook-dir={args.pop(0)}"] if args and not args[0].startswith("-") else []
    root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    cmd = [sys.executable, "-m", "jupyterlab", *folder, *root, *args]
    return subprocess.call(cmd, env=lab_environment())


if __name__ == "__main__":
    raise SystemExit(main())
