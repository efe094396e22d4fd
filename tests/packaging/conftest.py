"""Fixtures of the packaging tests: both distributions built once, and a venv for each wheel."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from wheelkit import ROOT, make_wheel_env


@pytest.fixture(scope="session")
def dists(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "kitbuild" / "build_dists.py"),
            "--no-isolation",
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    found = {
        "alaskaki.whl": list(out.glob("alaskaki-*.whl")),
        "alaskaki.sdist": list(out.glob("alaskaki-*.tar.gz")),
        "peserta.whl": list(out.glob("alaskaki_peserta-*.whl")),
        "peserta.sdist": list(out.glob("alaskaki_peserta-*.tar.gz")),
    }
    assert all(len(v) == 1 for v in found.values()), found
    return {k: v[0] for k, v in found.items()}


@pytest.fixture(scope="session")
def peserta_env(dists, tmp_path_factory) -> Path:
    return make_wheel_env(tmp_path_factory.mktemp("venv") / "peserta", dists["peserta.whl"])


@pytest.fixture(scope="session")
def pelatih_env(dists, tmp_path_factory) -> Path:
    return make_wheel_env(tmp_path_factory.mktemp("venv") / "pelatih", dists["alaskaki.whl"])
