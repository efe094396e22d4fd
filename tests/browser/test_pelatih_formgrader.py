"""Trainer: nbgrader's formgrader, opened as its own page, lists the module's submissions; a manually
graded rubric cell of m7 is scored in the browser and the score reaches the competency report."""

from __future__ import annotations

import re
import time

import pytest
from browserkit import DESKTOP, TRAINER_MODULE, shoot

from alaskaki.competency import assess
from alaskaki.competency.model import KRITERIA_BELUM_DINILAI
from alaskaki.folder import Folder
from alaskaki.workshop import Workshop

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PARTICIPANT = "p01"

# nbgrader's grading page asks a CDN for MathJax (nbconvert's template default, not configurable);
# offline that request fails and the page's inline script then reports MathJax missing. Upstream,
# not the kit's; allowed on the formgrader pages only.
FORMGRADER_OFFLINE = [re.compile(r"mathjax", re.I)]


def _rubric_grade(ws: Workshop, pid: str):
    """The first manually graded cell (no auto score) of ``pid``'s submission: (grade_id, max)."""
    with ws.gradebook() as gb:
        sub = gb.find_submission_notebook(TRAINER_MODULE, TRAINER_MODULE, pid)
        for grade in sub.grades:
            if grade.auto_score is None and grade.max_score:
                return grade.name, grade.max_score
    raise AssertionError(f"{TRAINER_MODULE} has no manually graded cell")


def _set_manual(ws: Workshop, pid: str, grade_id: str, value) -> None:
    with ws.gradebook() as gb:
        grade = gb.find_grade(grade_id, TRAINER_MODULE, TRAINER_MODULE, pid)
        grade.manual_score = value
        gb.db.commit()


def _manual(ws: Workshop, pid: str, grade_id: str):
    with ws.gradebook() as gb:
        return gb.find_grade(grade_id, TRAINER_MODULE, TRAINER_MODULE, pid).manual_score


def _evidence(workshop_dir, pid: str, grade_id: str):
    result = assess(workshop_dir)
    person = next(p for p in result.participants if p.id == pid)
    for unit in person.units.values():
        for crit in unit.kriteria:
            for ev in crit.uji + crit.latihan:
                if ev.grade_id == grade_id:
                    return crit, ev
    raise AssertionError(f"{grade_id} is no evidence of any criterion for {pid}")


def _unexpected(page) -> list[str]:
    return [
        e for e in page.console_log.unexpected() if not any(p.search(e) for p in FORMGRADER_OFFLINE)
    ]


def test_formgrader_menilai_rubrik_sampai_laporan_kompetensi(graded, formgrader, page_factory):
    ws = Workshop.open(graded)
    # who handed in this module (the demo's cut file of the first module is held at collect)
    submitted = sorted(
        p.name for p in Folder(graded).submitted().iterdir() if (p / TRAINER_MODULE).is_dir()
    )
    assert submitted
    grade_id, maks = _rubric_grade(ws, PARTICIPANT)
    # The trainer has not scored this rubric cell yet: the competency report says so.
    _set_manual(ws, PARTICIPANT, grade_id, None)
    crit, ev = _evidence(graded, PARTICIPANT, grade_id)
    assert not ev.dinilai and ev.skor is None, ev
    assert crit.status == KRITERIA_BELUM_DINILAI, crit.status

    page = page_factory(DESKTOP)
    page.goto(formgrader.url("/formgrader"))
    row = page.locator("tr", has_text=TRAINER_MODULE).first
    row.wait_for(timeout=60_000)
    assert re.search(rf"\b{len(submitted)}\b", row.inner_text()), row.inner_text()
    shoot(page, "pelatih-formgrader-modul")

    # Every submission of the module is listed.
    page.goto(formgrader.root_url + f"/formgrader/manage_submissions/{TRAINER_MODULE}")
    page.locator("tr", has_text=submitted[-1]).first.wait_for(timeout=60_000)
    listed = page.locator("table").first.inner_text()
    missing = [pid for pid in submitted if not re.search(rf"\b{pid}\b", listed)]
    assert not missing, missing
    shoot(page, "pelatih-formgrader-kiriman")

    # Open the participant's notebook and score the rubric cell.
    page.goto(formgrader.root_url + f"/formgrader/manage_students/{PARTICIPANT}/{TRAINER_MODULE}")
    link = page.locator('a[href*="/formgrader/submissions/"]').first
    link.wait_for(timeout=60_000)
    link.click()
    score = page.locator(f"input.score#{grade_id}")
    score.wait_for(timeout=60_000)
    score.scroll_into_view_if_needed()
    given = maks - 1 if maks > 1 else maks
    score.fill(f"{given:g}")
    score.press("Tab")  # the formgrader saves a score when the field loses focus
    deadline = time.monotonic() + 30
    while _manual(ws, PARTICIPANT, grade_id) != given and time.monotonic() < deadline:
        page.wait_for_timeout(300)
    assert _manual(ws, PARTICIPANT, grade_id) == given
    shoot(page, "pelatih-formgrader-nilai-rubrik")
    assert not _unexpected(page), _unexpected(page)

    # The score reaches the competency report.
    crit, ev = _evidence(graded, PARTICIPANT, grade_id)
    assert ev.dinilai and ev.manual and ev.skor == given, ev
    assert crit.status != KRITERIA_BELUM_DINILAI, crit
