"""Plain ``nbgrader autograde`` on a workshop: the yardstick for :mod:`alaskaki.workshop.grader`.

Used by the comparison test (honest work must score the same) and by ``bench/grade_vs_nbgrader.py``.
Never used to grade a real workshop: it runs participant code in an ordinary kernel.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from alaskaki.folder import Folder


def _env() -> dict[str, str]:
    env = dict(os.environ)
    venv_bin = str(Path(sys.executable).parent)
    if venv_bin not in env.get("PATH", "").split(os.pathsep):
        env["PATH"] = venv_bin + os.pathsep + env.get("PATH", "")
    return env


def autograde_cli(workshop_dir, modul: str, *, participants=None) -> float:
    """Run ``nbgrader autograde MODUL`` (one command, every participant) and return its seconds."""
    cmd = [str(Path(sys.executable).parent / "nbgrader"), "autograde", modul, "--force"]
    for pid in participants or []:
        cmd += ["--student", pid]
    t0 = time.perf_counter()
    proc = subprocess.run(
        cmd, cwd=workshop_dir, env=_env(), capture_output=True, text=True, timeout=3600
    )
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"nbgrader autograde failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return seconds


def autograde_api(workshop_dir, modul: str, *, participants) -> float:
    """The same through nbgrader's in-process ``NbGraderAPI`` (one participant per call)."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    os.environ.update({"PATH": _env()["PATH"]})
    cfg = Folder.open(workshop_dir).config()  # root and gradebook as the kit finds them
    api = NbGraderAPI(CourseDirectory(config=cfg), config=cfg)
    t0 = time.perf_counter()
    for pid in participants:
        res = api.autograde(modul, pid, force=True, create=True)
        if not res["success"]:
            raise RuntimeError(
                f"nbgrader autograde {pid} failed:\n{res.get('error') or res.get('log')}"
            )
    return time.perf_counter() - t0


def gradebook_scores(workshop_dir, modul: str) -> dict[str, dict[str, float | None]]:
    """participant → grade_id → score (manual score if any, else auto score) from the gradebook."""
    out: dict[str, dict[str, float | None]] = {}
    with Folder.open(workshop_dir).gradebook() as gb:
        assignment = gb.find_assignment(modul)
        for sub in assignment.submissions:
            grades = {}
            for nb in sub.notebooks:
                for g in nb.grades:
                    grades[g.name] = None if g.score is None else float(g.score)
            out[sub.student.id] = grades
    return out


def total_scores(workshop_dir, modul: str) -> dict[str, tuple[float, float]]:
    """participant → (score, max_score) of the module, late penalty included."""
    with Folder.open(workshop_dir).gradebook() as gb:
        return {
            s.student.id: (float(s.score), float(s.max_score))
            for s in gb.find_assignment(modul).submissions
        }
