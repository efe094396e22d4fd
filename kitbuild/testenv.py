"""Test support: a venv holding one of the kit's wheels over the libraries of the running venv.

``make_wheel_env(where, wheel)`` installs ``wheel`` with ``--no-deps`` into a fresh venv that
reaches this venv's third-party packages through a ``.pth`` line. The running venv's own editable
``alaskaki`` (and ``alaskaki_kunci``) are not reachable from it: the ``.pth`` files of a folder added
that way are not processed. So the new venv holds exactly the wheel's own modules and data — what a
real install of it holds — while dependency resolution is not exercised (.ci/run does that with a
real install). Used by tests/packaging and by the hub test (the participants' environment).

``standalone=True`` (the hub test) copies those libraries into the new venv instead (hard links
where the file system allows, so it is quick and small): the participants' environment on a
server must work while the trainer's environment, this venv, is closed to their accounts.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from pathlib import Path


def _copy_into(sources: list[Path], dest: Path) -> None:
    """``cp -a`` with hard links (same file system), plain copies otherwise."""
    dest.mkdir(parents=True, exist_ok=True)
    args = [str(s) for s in sources]
    if subprocess.run(["cp", "-al", *args, str(dest)], capture_output=True).returncode != 0:
        subprocess.run(["cp", "-a", *args, str(dest)], check=True, capture_output=True)


def make_wheel_env(where: Path, wheel: Path, *, standalone: bool = False) -> Path:
    """A venv at ``where`` with ``wheel`` installed (no deps) and the test venv's libraries visible
    (``standalone``: copied in, see the module's doc)."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True)
    py = where / "bin" / "python"
    purelib = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    if standalone:
        # everything but this venv's own editable kit (its .pth names the checkout's src/)
        own = ("alaskaki", "__editable__", "_alaskaki")
        for d in sorted(deps):
            _copy_into([p for p in Path(d).iterdir() if not p.name.startswith(own)], Path(purelib))
    else:
        Path(purelib, "_alaskaki_test_deps.pth").write_text("\n".join(sorted(deps)) + "\n")
    subprocess.run(
        [str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-compile", str(wheel)],
        check=True,
        capture_output=True,
        text=True,
    )
    # Console scripts of the dependencies (alembic, jupyter, nbgrader...) as a real install has them,
    # pointed at this venv's interpreter.
    here_bin = Path(sys.executable).parent
    for script in here_bin.iterdir():
        target = where / "bin" / script.name
        if target.exists() or not script.is_file() or script.name.startswith("alaskaki"):
            continue  # alaskaki's own scripts come from the wheel or not at all
        try:
            first, rest = script.read_text().split("\n", 1)
        except (UnicodeDecodeError, ValueError):
            continue
        if first.startswith("#!") and "python" in first:
            target.write_text(f"#!{py}\n{rest}")
            target.chmod(0o755)
    # Jupyter's data and config files (JupyterLab's static assets, lab extensions, kernel specs,
    # the server extensions nbgrader enables) as a real install puts them under the venv's prefix.
    for rel in ("share/jupyter", "etc/jupyter"):
        here = Path(sys.prefix) / rel
        if here.is_dir() and not (where / rel).exists():
            (where / rel).parent.mkdir(parents=True, exist_ok=True)
            if standalone:
                _copy_into([here], (where / rel).parent)
            else:
                (where / rel).symlink_to(here)
    return where
