"""alaskaki.paths: the checkout first, ALASKAKI_KIT over it, the installed package data otherwise."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from wheelkit import ROOT, kit, participant_pyproject

from alaskaki import paths


def _paths_in_child(env: dict[str, str]) -> list[str]:
    code = "from alaskaki import paths; print(paths.KIT_ORIGIN); print(paths.KIT_ROOT)"
    res = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return res.stdout.splitlines()


def test_a_checkout_reads_its_own_folders():
    assert paths.KIT_ORIGIN == "checkout"
    assert paths.KIT_ROOT == ROOT
    assert paths.SOURCE_DIR == ROOT / "assignments" / "source"
    assert paths.dataset("hs_bab64.csv").is_file()
    assert (paths.LAB_SETTINGS_DIR / "labconfig" / "default_setting_overrides.json").is_file()


def test_alaskaki_kit_overrides_the_checkout(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["ALASKAKI_KIT"] = str(tmp_path)
    assert _paths_in_child(env) == ["ALASKAKI_KIT", str(tmp_path)]


def test_every_listed_module_and_folder_exists():
    for rel in kit.PARTICIPANT_MODULES:
        assert (ROOT / "src" / "alaskaki" / rel).exists(), rel
    for rel in (*kit.PARTICIPANT_DATA, *kit.TRAINER_DATA):
        assert (ROOT / rel).is_dir(), rel
    assert set(kit.PARTICIPANT_DATA) <= {
        str(p.relative_to(ROOT))
        for rel in kit.TRAINER_DATA
        for p in [ROOT / rel, *(ROOT / rel).rglob("*")]
        if p.is_dir()
    }


def test_participant_dependencies_come_from_pyproject():
    import tomllib

    ours = tomllib.loads(participant_pyproject())["project"]
    root = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert ours["version"] == root["version"]
    assert set(ours["dependencies"]) <= set(root["dependencies"])
    assert len(ours["dependencies"]) == len(kit.PARTICIPANT_DEPENDENCIES)
    assert "alaskaki" not in ours.get("scripts", {})
    assert Path(ROOT / "src" / "alaskaki" / "lab.py").is_file()
