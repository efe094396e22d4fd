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
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "kitbuild"))

import kit  # noqa: E402, F401  (the tests read the lists of kitbuild/kit.py through here)
from testenv import make_wheel_env  # noqa: E402, F401


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
