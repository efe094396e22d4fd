"""The kit's real modules: grade_module gives the same grades as `nbgrader autograde`.

Submissions are simulated with the demo's ``simulate_submission`` (right, wrong or blank answers
by skill level) on a workshop made by ``init_workshop`` + ``release_module``.
"""

from __future__ import annotations

import shutil
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import nbformat
import pytest

from alaskaki import paths
from alaskaki.folder import Folder

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "grader"))

import cohort  # noqa: E402

pytestmark = pytest.mark.slow

# Two modules with numeric variants and a late submission: both ship with the kit, so a missing
# source fails here instead of skipping the comparison.
MODULES = ["m3-biaya-produksi", "m4a-harga-ekspor"]
SKILLS = [1.0, 0.6, 0.3, 0.0, 1.0, 0.85]


def _make(root: Path, modul: str) -> list[str]:
    from alaskaki.workshop import demo
    from alaskaki.workshop.course import init_workshop
    from alaskaki.workshop.release import release_module

    ws = init_workshop(root, roster=paths.dataset("contoh_peserta.csv"), modules=[modul])
    ids = ws.participant_ids()[: len(SKILLS)]
    release_module(ws, modul, due="2026-12-01 17:00")
    source = nbformat.read(Folder(root).source_notebook(modul), as_version=4)
    released = nbformat.read(Folder(root).release_notebook(modul), as_version=4)
    when = datetime(2026, 12, 1, 5, 0, tzinfo=UTC)
    for i, (pid, skill) in enumerate(zip(ids, SKILLS, strict=True)):
        nb = demo.simulate_submission(source, released, pid, skill, modul)
        dest = Folder(root).submitted(pid, modul)
        dest.mkdir(parents=True)
        nbformat.write(nb, dest / f"{modul}.ipynb")
        ts = when + (
            timedelta(days=1) if i == len(ids) - 1 else timedelta(0)
        )  # the last one is late
        (dest / "timestamp.txt").write_text(ts.strftime("%Y-%m-%d %H:%M:%S.%f %Z"))
    return ids


@pytest.mark.parametrize("modul", MODULES)
def test_real_module_scores_equal_nbgrader_autograde(tmp_path, modul):
    from nbgrader_baseline import autograde_api, gradebook_scores, total_scores

    from alaskaki.workshop.grader import grade_module

    ours = tmp_path / "ours"
    ids = _make(ours, modul)
    theirs = cohort.copy_workshop(ours, tmp_path / "theirs")
    shutil.rmtree(Folder(theirs).autograded(), ignore_errors=True)
    autograde_api(theirs, modul, participants=ids)
    run = grade_module(ours, modul, workers=2, progress=False)
    assert [r.status for r in run.results] == ["dinilai"] * len(ids), [r.error for r in run.results]
    assert all(r.flags == [] for r in run.results), [r.flags for r in run.results]
    assert gradebook_scores(ours, modul) == gradebook_scores(theirs, modul)
    assert total_scores(ours, modul) == total_scores(theirs, modul)
    scores = [r.score for r in run.results]
    assert max(scores) > min(scores)  # the cohort spans right and wrong work
