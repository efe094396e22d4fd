"""The demo's honest participants write their rubric essays in their own words
(workshop/demo_essays.py): the kit's own cooperation check finds no pair among them, yet finds one
participant copying another's essay, so the demo's report shows only the cheating it stages."""

from __future__ import annotations

import nbformat
import pytest

from alaskaki import paths
from alaskaki.workshop.demo import SEED
from alaskaki.workshop.demo_essays import own_essay
from alaskaki.workshop.similarity import compare, fingerprints


def _essay_cells() -> dict[str, list[str]]:
    """The written (markdown) answer cells of the kit's notebooks, by module: the demo writes an
    essay in each; the check compares a participant's whole notebook."""
    found = {}
    for folder in sorted(paths.SOURCE_DIR.iterdir()):
        nb = nbformat.read(folder / f"{folder.name}.ipynb", as_version=4)
        gids = [
            c.metadata["nbgrader"]["grade_id"]
            for c in nb.cells
            if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("solution")
        ]
        if gids:
            found[folder.name] = gids
    return found


MODULES = _essay_cells()
GIDS = [g for gids in MODULES.values() for g in gids]
PIDS = [f"p{n:02d}" for n in range(1, 31)]


def _doc(pid, gids, seed=SEED):
    return set().union(*(fingerprints(own_essay(pid, g, seed), prose=True) for g in gids))


@pytest.mark.parametrize("modul", sorted(MODULES))
def test_honest_essays_form_no_cooperation_pair(modul):
    docs = {pid: _doc(pid, MODULES[modul]) for pid in PIDS}
    assert compare(docs, modul) == []


@pytest.mark.parametrize("modul", sorted(MODULES))
def test_a_copied_essay_is_found(modul):
    docs = {pid: _doc(pid, MODULES[modul]) for pid in PIDS}
    docs["p17"] = _doc("p01", MODULES[modul])
    assert [(p.a, p.b) for p in compare(docs, modul)] == [("p01", "p17")]


def test_an_essay_is_the_participant_s_own_and_stable():
    assert len(GIDS) >= 2
    gid = GIDS[0]
    assert own_essay("p01", gid, SEED) == own_essay("p01", gid, SEED)
    assert len({own_essay(pid, gid, SEED) for pid in PIDS}) == len(PIDS)
    assert own_essay("p01", GIDS[1], SEED) != own_essay("p01", GIDS[2], SEED)
