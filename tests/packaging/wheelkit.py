"""Helpers of the packaging tests: the kit's lists, throw-away environments that install a wheel.

``dists`` builds both distributions once per session with kitbuild/build_dists.py (``--no-isolation``:
this venv's setuptools, no package index needed). ``make_wheel_env`` installs one wheel into a fresh venv
with ``--no-deps``; the venv reaches the third-party packages of the test venv through a ``.pth`` line
(the test venv's own editable ``alaskaki`` is not reachable: ``.pth`` files of a folder added that way
are not processed). So these tests prove what the wheel's own files do, not dependency resolution —
.ci/run installs the wheels with their dependencies for that.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "kitbuild"))

import kit  # noqa: E402, F401  (the tests read the lists of kitbuild/kit.py through here)


def make_wheel_env(where: Path, wheel: Path) -> Path:
    """A venv at ``where`` with ``wheel`` installed (no deps) and the test venv's libraries visible."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True)
    py = where / "bin" / "python"
    purelib = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
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
    return where


def wheel_env_vars(venv: Path, home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "ALASKAKI_"))}
    env.update(
        PATH=f"{venv / 'bin'}{os.pathsep}/usr/local/bin:/usr/bin:/bin",
        HOME=str(home),
        MPLCONFIGDIR=str(home / ".mpl"),
        JUPYTER_CONFIG_DIR=str(home / ".jupyter"),
        IPYTHONDIR=str(home / ".ipython"),
        MPLBACKEND="Agg",
    )
    return env
