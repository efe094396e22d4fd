"""The key-call recorder (sandbox.key_recorder, R76) never accuses an instructor's solution.

Every kit module's source notebook, solutions in place, runs in the grading sandbox as a
participant's notebook would (its answer cells, its cek_* cells, its widgets; not the test cells,
which the judge runs): the checks call the key to compute their verdicts, and that is no call of
the participant's. No indication may come of it.
"""

from __future__ import annotations

import importlib
import re

import nbformat
import pytest

from alaskaki import paths
from alaskaki.workshop import sandbox as sb
from alaskaki.workshop.grading.module import notebook_preload

pytestmark = pytest.mark.slow

MODULES = sorted(
    p.name for p in paths.SOURCE_DIR.iterdir() if p.is_dir() and re.match(r"m\d", p.name)
)

# their case-study solutions read the key until session 10; now they reason from the case
CASE_STUDY_REWRITTEN = {
    "m4b-incoterms-pembayaran",
    "m5a-mutu-aql",
    "m5b-uji-ukuran",
    "m7a-daya-saing",
}


def _participant_cells(modul: str) -> list[str]:
    nb = nbformat.read(paths.SOURCE_DIR / modul / f"{modul}.ipynb", as_version=4)
    out = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or (meta.get("grade") and not meta.get("solution")):
            continue
        out.append(re.sub(r'ID_PESERTA = "[^"]*"', 'ID_PESERTA = "p03"', cell.source))
    return out


def test_every_module_of_the_kit_is_checked():
    assert len(MODULES) >= 11, MODULES  # m0-m3, m4a/b, m5a/b, m6, m7a/b


@pytest.mark.parametrize("modul", MODULES)
def test_an_instructors_solution_records_no_call_into_the_key(modul):
    sources = _participant_cells(modul)
    assert any("cek_" in s for s in sources) or modul.startswith("m0"), modul
    # the case study's answers (sk_*), read back and compared with the key: the solution is
    # right without reading it (m4b, m5a, m5b and m7a read it until session 10)
    names = sorted({n for s in sources for n in re.findall(r"^(sk_\w+) = None", s, re.M)})
    job = {
        "cells": [{"kind": "code", "source": s} for s in sources]
        + [{"kind": "point", "grade_id": "sk", "names": names}],
        "preload": notebook_preload(sources),
    }
    res = sb.run_in_sandbox(job, sandboxed=sb.bwrap_available(), uid=430126, scratch_dir="/tmp")
    assert res.finished, res.events
    assert [c for c in res.checks if c.startswith("kunci:")] == [], res.checks
    if modul in CASE_STUDY_REWRITTEN:  # (other keys store some answers in another form)
        exercises = importlib.import_module(f"alaskaki.exercises.{modul.split('-')[0]}")
        case = exercises.harapan("p03")["studi_kasus"]
        got = {n[3:]: sb.decode_value(res.points["sk"][n]) for n in names}
        assert got == pytest.approx(case), (got, case)
