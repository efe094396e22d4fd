"""Where the kit's folders are.

The kit is used from a git checkout (``pip install -e .``), so data folders sit beside ``src/``.
``ALASKAKI_KIT`` overrides the location, e.g. for a kit copied onto a workshop server.
"""

from __future__ import annotations

import os
from pathlib import Path

KIT_ROOT = Path(os.environ.get("ALASKAKI_KIT", Path(__file__).resolve().parents[2]))
SOURCE_DIR = KIT_ROOT / "assignments" / "source"
DATASETS_DIR = KIT_ROOT / "datasets"
GRADING_DIR = KIT_ROOT / "grading"
NOTEBOOKS_DIR = KIT_ROOT / "notebooks"


def dataset(name: str) -> Path:
    """Path of a bundled dataset file, e.g. ``dataset("contoh_peserta.csv")``."""
    return DATASETS_DIR / name
