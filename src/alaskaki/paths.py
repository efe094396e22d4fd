"""Where the kit's folders are.

The kit's data (module source notebooks, datasets, ``grading/``, ``notebooks/``) sits at the top of a
git checkout, beside ``src/``. A built wheel carries a copy of the same folders inside the package,
under ``alaskaki/kit/`` (setup.py copies them at build time), read through importlib.resources.
Order: ``ALASKAKI_KIT`` (a kit copied elsewhere, e.g. onto a workshop server), then the checkout this
module was imported from (``pip install -e .``), then the installed package data.

The participant install (distribution ``alaskaki-peserta``) carries only ``datasets/``,
``grading/lab/`` and ``notebooks/``: :data:`SOURCE_DIR` does not exist there (no answer key).
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

# Folders copied from the top of the checkout into the package at build time (see setup.py).
PACKAGE_DATA = "kit"


def _checkout() -> Path | None:
    """The git checkout's top folder when this module is imported from ``src/alaskaki``."""
    root = Path(__file__).resolve().parents[2]
    # Not pyproject.toml: the grading sandbox binds only src/alaskaki and datasets/ of a checkout.
    if (root / "src" / "alaskaki").is_dir() and (root / "datasets").is_dir():
        return root
    return None


def _installed() -> Path:
    # Wheels are unpacked by pip, so the resource is a real folder that nbgrader and shutil can use.
    return Path(str(files("alaskaki").joinpath(PACKAGE_DATA)))


def _kit_root() -> tuple[Path, str]:
    if os.environ.get("ALASKAKI_KIT"):
        return Path(os.environ["ALASKAKI_KIT"]), "ALASKAKI_KIT"
    checkout = _checkout()
    if checkout is not None:
        return checkout, "checkout"
    return _installed(), "paket"


KIT_ROOT, KIT_ORIGIN = _kit_root()  # KIT_ORIGIN: "ALASKAKI_KIT" | "checkout" | "paket"
SOURCE_DIR = KIT_ROOT / "assignments" / "source"
DATASETS_DIR = KIT_ROOT / "datasets"
GRADING_DIR = KIT_ROOT / "grading"
NOTEBOOKS_DIR = KIT_ROOT / "notebooks"
LAB_SETTINGS_DIR = (
    GRADING_DIR / "lab"
)  # a JUPYTER_CONFIG_PATH entry: JupyterLab in Bahasa Indonesia
HUB_DIR = GRADING_DIR / "hub"


def dataset(name: str) -> Path:
    """Path of a bundled dataset file, e.g. ``dataset("contoh_peserta.csv")``."""
    return DATASETS_DIR / name
