"""``alaskaki-lab [FOLDER]``: JupyterLab in Bahasa Indonesia on a participant's laptop.

The language is a JupyterLab settings override shipped with the kit (``grading/lab``), put on
``JUPYTER_CONFIG_PATH`` for this Lab only; the hub does the same for every participant server.
When FOLDER holds module folders (copied from a USB stick), the glossary and the reference sheet
the modules link (``../istilah.ipynb``) are put beside them if they are missing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from alaskaki import paths

#: notebooks/ files a participant opens from a module (``../istilah.ipynb``) or an assessment
REFERENCE_NOTEBOOKS = ("istilah.ipynb", "lembar-rujukan.ipynb")


def place_reference_notebooks(
    folder: Path, *, mode: int = 0o444, replace: bool = True
) -> list[Path]:
    """Copy the kit's glossary and reference sheet into ``folder``, read-only (``mode``).

    ``folder`` is the parent of module folders: ``release/``, ``pribadi/``, a participant's home on
    a hub (where the participant owns the folder), or the folder ``alaskaki-lab`` opens
    (``replace=False``: a copy already there is the participant's and stays). An existing entry is
    unlinked, never opened (a symlink planted there must not make root write through it), and the
    copy is created with ``O_EXCL | O_NOFOLLOW``. A folder of that name is left alone.
    """
    placed = []
    for name in REFERENCE_NOTEBOOKS:
        src = paths.NOTEBOOKS_DIR / name
        if not src.is_file():
            continue
        dest = folder / name
        if dest.is_dir() and not dest.is_symlink():
            continue
        if not replace and (dest.is_symlink() or dest.exists()):
            continue
        data = src.read_bytes()
        folder.mkdir(parents=True, exist_ok=True)
        if dest.is_symlink() or dest.exists():
            dest.unlink()
        fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            os.fchmod(fh.fileno(), mode)
        placed.append(dest)
    return placed


def holds_modules(folder: Path) -> bool:
    """True when ``folder`` has a module folder in it (``<name>/<name>.ipynb``)."""
    try:
        return any((d / f"{d.name}.ipynb").is_file() for d in folder.iterdir() if d.is_dir())
    except OSError:
        return False


def lab_environment(env: dict[str, str] | None = None) -> dict[str, str]:
    """``env`` with the kit's Lab settings first on ``JUPYTER_CONFIG_PATH``."""
    env = dict(os.environ if env is None else env)
    parts = [str(paths.LAB_SETTINGS_DIR), env.get("JUPYTER_CONFIG_PATH", "")]
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(p for p in parts if p)
    return env


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    folder = [f"--notebook-dir={args.pop(0)}"] if args and not args[0].startswith("-") else []
    where = Path(folder[0].split("=", 1)[1]) if folder else Path.cwd()
    if holds_modules(where):
        try:
            place_reference_notebooks(where, replace=False)
        except OSError as exc:  # a read-only stick: Lab still opens, the links do not
            print(f"Catatan: istilah.ipynb tidak bisa disalin ke {where}: {exc}", file=sys.stderr)
    root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    cmd = [sys.executable, "-m", "jupyterlab", *folder, *root, *args]
    return subprocess.call(cmd, env=lab_environment())


if __name__ == "__main__":
    raise SystemExit(main())
