"""Shared test set-up: nothing lands in the real HOME; the venv's bin/ is on PATH (nbgrader calls alembic)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

VENV_BIN = str(Path(sys.executable).parent)


@pytest.fixture(autouse=True, scope="session")
def _isolated_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    saved = {
        k: os.environ.get(k)
        for k in ("HOME", "MPLCONFIGDIR", "PATH", "JUPYTER_CONFIG_DIR", "IPYTHONDIR")
    }
    os.environ["HOME"] = str(home)
    os.environ["MPLCONFIGDIR"] = str(home / ".mpl")
    os.environ["IPYTHONDIR"] = str(home / ".ipython")
    os.environ["JUPYTER_CONFIG_DIR"] = str(home / ".jupyter")
    os.environ["MPLBACKEND"] = "Agg"
    if VENV_BIN not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = VENV_BIN + os.pathsep + os.environ.get("PATH", "")
    yield
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v
