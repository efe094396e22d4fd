"""Red team: a participant with NO skill who wants "Kompeten" attacks the sealed uji (issue 19).

The attacker works from what a participant really has: the released ``asesmen-akhir`` notebook
(made by ``release_module``), run by a real kernel or graded by the real ``grade_module`` in
bubblewrap, and, on a workshop server, a Linux account made by ``create_users`` with the kit's
venv (what grading/hub/jupyterhub_config.py gives every single-user server). The attack cell
(``tests/fixtures/attack/payload.py``) tries, one technique per submission: importing the
grader-side key package, walking ``sys.modules`` and ``gc.get_objects()``, reading every readable
file (instructor notebooks, the key package, gradebooks, git objects), the kit's git history, the
kit's CLI, and other processes' ``/proc`` entries. Each found answer goes straight into the
answer cell.

Every test asserts the attack FAILS: the attacker scores what a blank notebook scores, honest
participants graded in the same run keep their scores, and no technique finds a single answer.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest

from alaskaki import paths

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "attack"))

import serangan  # noqa: E402

MODUL = serangan.MODUL

pytestmark = [pytest.mark.slow]


@pytest.fixture(scope="module")
def workshop(tmp_path_factory):
    """A workshop with the real asesmen-akhir, released by the kit (as a trainer does)."""
    from alaskaki.workshop.course import init_workshop
    from alaskaki.workshop.release import release_module

    root = tmp_path_factory.mktemp("serangan") / "lokakarya"
    ws = init_workshop(root, roster=paths.dataset("contoh_peserta.csv"), modules=[MODUL])
    release_module(ws, MODUL, due="2026-12-01 17:00")
    source = nbformat.read(root / "source" / MODUL / f"{MODUL}.ipynb", as_version=4)
    released = nbformat.read(root / "release" / MODUL / f"{MODUL}.ipynb", as_version=4)
    return ws, source, released


# ------------------------------------------------------------------------------------------
# the released notebook itself
# ------------------------------------------------------------------------------------------


def test_released_notebook_holds_no_answer(workshop):
    """No solution, hidden test or answer-derived checksum in what participants receive."""
    import copy

    from nbgrader.utils import compute_checksum

    ws, source, released = workshop
    text = json.dumps(released)
    assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
    assert "alaskaki_kunci" not in text
    key = serangan.key()
    # nbgrader's checksums (of source + metadata): brute force each answer cell with every letter
    # and with the key's value; none may reproduce the released checksum (it is of the stub)
    tried = 0
    for cell in released.cells:
        meta = cell.metadata.get("nbgrader", {})
        gid = meta.get("grade_id", "").removesuffix("_jawab")
        if not meta.get("grade_id", "").endswith("_jawab") or gid not in key:
            continue
        assert "checksum" in meta, gid
        assert compute_checksum(cell) == meta["checksum"]  # the brute force below is meaningful
        for guess in ("A", "B", "C", "D", "E", "F", key[gid]):
            filled = copy.deepcopy(cell)
            filled.source = serangan.ANSWER_STUB.sub(f"{gid} = {guess!r}", cell.source)
            assert compute_checksum(filled) != meta["checksum"], gid
            tried += 1
    assert tried == 7 * len(key)
