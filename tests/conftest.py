"""Shared test set-up: nothing lands in the real HOME; the venv's bin/ is on PATH (nbgrader calls alembic)."""

from __future__ import annotations

import functools
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


@pytest.fixture(autouse=True, scope="session")
def _alembic_head_asked_once(_isolated_home):
    """nbgrader asks a new ``alembic heads`` process for its schema head each time it creates a
    gradebook: ~3-4 s of CPU per ``init`` (that process imports alembic and nbgrader). The head is
    fixed by the installed nbgrader, so the real process runs once per test run and every later
    gradebook gets the same answer (the gradebooks themselves stay nbgrader's own)."""
    import nbgrader.api

    real = nbgrader.api.get_alembic_version
    nbgrader.api.get_alembic_version = functools.cache(real)
    yield
    nbgrader.api.get_alembic_version = real
