"""Red team (session 4), careless trainer: ``alaskaki pulihkan`` and the grader's done-markers.

``pulihkan`` puts an older gradebook back; the grader's markers (``penilaian/``: which submission
was graded with which key) stay as they are. The grader skips a submission whose marker still
matches ("tidak berubah") and takes its score from the gradebook, which is now the older one.
The trainer restores yesterday's backup (to undo a mistake somewhere else), then grades again as
the guide says. Two grading runs of one participant before, one after.
"""

from __future__ import annotations

import nbformat
import pytest

from alaskaki import paths
from alaskaki.folder import Folder

pytestmark = [pytest.mark.slow]

MODUL = "m3-biaya-produksi"


def _score(root, pid: str) -> float | None:
    with Folder(root).gradebook() as gb:
        subs = {s.student.id: s.score for s in gb.assignment_submissions(MODUL)}
    return subs.get(pid)


def test_grading_after_pulihkan_gives_the_work_on_disk_its_score(tmp_path, capsys):
    from alaskaki.cli import main
    from alaskaki.workshop import demo
    from alaskaki.workshop.course import init_workshop
    from alaskaki.workshop.release import release_module

    root = tmp_path / "lokakarya"
    ws = init_workshop(root, roster=paths.dataset("contoh_peserta.csv"), modules=[MODUL])
    release_module(ws, MODUL, due="2026-12-01 17:00")
    source = nbformat.read(Folder(root).source_notebook(MODUL), as_version=4)
    released = nbformat.read(Folder(root).release_notebook(MODUL), as_version=4)
    dest = Folder(root).submitted("p01", MODUL)
    dest.mkdir(parents=True)

    def hand_in(skill: float, when: str) -> None:
        nb = demo.simulate_submission(source, released, "p01", skill, MODUL)
        nbformat.write(nb, dest / f"{MODUL}.ipynb")
        (dest / "timestamp.txt").write_text(f"2026-12-01 {when}:00.000000 UTC")

    def command(*argv) -> int:
        code = main([*argv, "-w", str(root)])
        capsys.readouterr()
        return code

    hand_in(0.0, "03:00")  # a blank notebook first
    assert command("grade", MODUL, "--workers", "1") == 0
    blank = _score(root, "p01")
    hand_in(1.0, "05:00")  # the real work, handed in again before the deadline
    assert command("grade", MODUL, "--workers", "1") == 0
    full = _score(root, "p01")
    assert full > blank, (blank, full)

    # the state before the second grading (1 is the state after it: every write is backed up)
    assert command("pulihkan", "2", "--ya") == 0
    assert _score(root, "p01") == blank, "premise: the restored gradebook holds the blank score"
    assert command("grade", MODUL, "--workers", "1") == 0  # "grade again", as after any restore
    after = _score(root, "p01")
    assert after == full, (
        f"after `pulihkan 1` and `grade {MODUL}` again, p01's work on disk (scored {full}) "
        f"keeps the restored score {after} (was {blank} for the blank notebook)"
    )
