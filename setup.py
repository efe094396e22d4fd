"""Build hook: copy the kit's data folders into the package (``alaskaki/kit/``) of a built wheel.

The folders stay at the top of the repository (assignments/, datasets/, grading/, notebooks/);
an editable install reads them there, so nothing is copied for ``pip install -e .``.
Everything else about the distribution is in pyproject.toml.
"""

import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "kitbuild"))
from kit import IGNORED, TRAINER_DATA  # noqa: E402


class BuildPyWithKit(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return  # alaskaki.paths reads the checkout's own folders
        dest = Path(self.build_lib) / "alaskaki" / "kit"
        for rel in TRAINER_DATA:
            src = HERE / rel
            if not src.is_dir():
                raise SystemExit(f"setup.py: data folder {rel}/ is missing from {HERE}")
            target = dest / rel
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(src, target, ignore=shutil.ignore_patterns(*IGNORED))


setup(cmdclass={"build_py": BuildPyWithKit})
