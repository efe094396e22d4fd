"""Helpers of the packaging tests: the kit's lists, throw-away environments that install a wheel.

``dists`` builds both distributions once per session with kitbuild/build_dists.py (``--no-isolation``:
this venv's setuptools, no package index needed). ``make_wheel_env`` installs one wheel into a fresh venv
with ``--no-deps``; the venv reaches the third-party packages of the test venv through a ``.pth`` line
(the test venv's own editable ``alaskaki`` is not reachable: ``.pth`` files of a folder added that way
are not processed). So these tests prove what the wheel's own files do, not dependency resolution —
.ci/run installs the wheels with their dependencies for that.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The one path entry of tests/packaging: kitbuild/ is a folder of scripts, not a package, and
# build_dists.py itself imports kit by bare name, so the folder must be on sys.path to import it.
sys.path.insert(0, str(ROOT / "kitbuild"))

import kit  # noqa: E402, F401  (the tests read the lists of kitbuild/kit.py through here)
from build_dists import participant_pyproject  # noqa: E402, F401
from testenv import make_wheel_env  # noqa: E402, F401


def fixture_module(path: Path):
    """A helper of tests/fixtures/ loaded from its file, with no sys.path entry (the folder is no
    package); the module an integration test imported under the same name is reused."""
    if path.stem in sys.modules:
        return sys.modules[path.stem]
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module  # dataclasses look their module up while it executes
    spec.loader.exec_module(module)
    return module


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
