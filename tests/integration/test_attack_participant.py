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
import shutil
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
def workshop(released_akhir):
    """A workshop with the real asesmen-akhir, released by the kit (as a trainer does); built once
    per test run (tests/integration/conftest.py), so every test copies it before writing."""
    return released_akhir


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
    key = serangan.key(ws.root)  # the workshop's own form and key
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


# ------------------------------------------------------------------------------------------
# at grading: every technique inside the sandbox, one grading run
# ------------------------------------------------------------------------------------------


def test_key_out_of_reach_in_the_grading_sandbox(workshop, tmp_path, monkeypatch):
    """The grader can import the key (here from a folder on PYTHONPATH, as in an install where it
    sits in site-packages); the participant's code in the sandbox must not reach it."""
    from alaskaki.workshop import demo
    from alaskaki.workshop import sandbox as sb
    from alaskaki.workshop.grader import grade_module

    if not sb.bwrap_available():
        pytest.skip("needs bubblewrap (apt-get install bubblewrap)")
    ws, source, released = workshop
    ws = type(ws)(shutil.copytree(ws.root, tmp_path / "lokakarya"))
    # the key package where an installed kit keeps it: a folder on the grader's Python path
    site = tmp_path / "site-packages"
    shutil.copytree(
        Path(paths.KIT_ROOT) / "src" / "alaskaki_kunci",
        site / "alaskaki_kunci",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    monkeypatch.setenv("PYTHONPATH", str(site))
    ids = ws.participant_ids()
    subs: dict[str, nbformat.NotebookNode] = {}
    # attackers first: one worker grades in id order, so every honest one runs after them
    attackers = dict(zip(ids, serangan.SANDBOX_TECHNIQUES, strict=False))
    for pid, teknik in attackers.items():
        subs[pid] = serangan.attack_notebook(released, pid, [teknik])
    rest = ids[len(attackers) :]
    honest = {rest[0]: 1.0, rest[1]: 0.6, rest[2]: 0.0}
    for pid, skill in honest.items():
        subs[pid] = demo.simulate_submission(source, released, pid, skill, MODUL)
    for pid, nb in subs.items():
        dest = ws.submitted(pid, MODUL)
        dest.mkdir(parents=True)
        nbformat.write(nb, dest / f"{MODUL}.ipynb")
        (dest / "timestamp.txt").write_text("2026-12-01 05:00:00.000000 UTC")

    run = grade_module(ws.root, MODUL, workers=1, progress=False, sandbox=True)
    score = {r.participant: r.score for r in run.results}
    assert all(r.status == "dinilai" for r in run.results), [
        (r.participant, r.error) for r in run.results
    ]
    key = serangan.key(ws.root)  # the workshop's own form and key
    expected_honest = {}
    for pid in honest:
        answers = {}
        ns: dict = {}
        for cell in subs[pid].cells:
            gid = cell.metadata.get("nbgrader", {}).get("grade_id", "")
            if gid.endswith("_jawab") and cell.cell_type == "code":
                code = "\n".join(ln for ln in cell.source.splitlines() if "latihan." not in ln)
                exec(code, ns)  # noqa: S102 - our own simulated answers
                answers[gid.removesuffix("_jawab")] = ns.get(gid.removesuffix("_jawab"))
            elif gid.endswith("_id_peserta"):
                # the setup cell holds the simulated participant's own mistake helper
                code = "\n".join(
                    ln
                    for ln in cell.source.splitlines()
                    if "alaskaki" not in ln and "latihan" not in ln
                )
                exec(code, ns)  # noqa: S102 - our own simulated answers
        expected_honest[pid] = float(
            sum(serangan.right(g, v, ws.root) for g, v in answers.items() if v is not None)
        )
    assert expected_honest[rest[0]] == len(key)
    for pid, want in expected_honest.items():
        assert score[pid] == want, (pid, score[pid], want)
    leaks = {}
    for pid, teknik in attackers.items():
        graded = nbformat.read(ws.autograded(pid, MODUL) / f"{MODUL}.ipynb", as_version=4)
        found = serangan.stolen(graded)
        assert "lapor" in found, (pid, teknik)  # the attack cell ran and reported
        right = sorted(
            g
            for g, v in found.get("curi", {}).items()
            if g in key and serangan.right(g, v, ws.root)
        )
        if score[pid] != 0 or right:
            leaks[teknik] = {
                "score": score[pid],
                "answers found": len(right),
                "lapor": found.get("lapor"),
            }
    assert not leaks, f"the key reached the sandbox: {leaks}"
