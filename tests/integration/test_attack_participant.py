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
import re
from pathlib import Path

import nbformat
import pytest

from alaskaki import paths

pytestmark = [pytest.mark.slow]

MODUL = "asesmen-akhir"
PAYLOAD = Path(__file__).resolve().parents[1] / "fixtures" / "attack" / "payload.py"
ANSWER_STUB = re.compile(r"^((?:pre|post)_[a-z0-9_]+) = None(?=\s*#)", re.M)
#: what the sandbox can reach; the git history and the CLI are tried from a participant's kernel
SANDBOX_TECHNIQUES = ("import", "sys_modules", "gc", "files", "proc")
KERNEL_TECHNIQUES = ("import", "sys_modules", "gc", "files", "git", "kit_cli", "proc")


def _key() -> dict[str, object]:
    """The form's key as the trainer's side has it (the red-team test is trainer-side code)."""
    from alaskaki_kunci import asesmen as kunci

    return kunci.kunci(MODUL)


def _right(gid: str, value: object) -> bool:
    from alaskaki_kunci import asesmen as kunci

    try:
        kunci.uji(gid, value)
    except AssertionError:
        return False
    return True


def _attack_notebook(released, pid: str, techniques, roots=()) -> nbformat.NotebookNode:
    """The released notebook with the participant's id, the attack cell after the setup cell and
    every answer cell taking the stolen value (``None`` when the attack found nothing)."""
    nb = nbformat.from_dict(json.loads(json.dumps(released)))
    setup_at = None
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if "ID_PESERTA" in cell.source and setup_at is None:
            cell.source = re.sub(r'"isi-id-anda"', json.dumps(pid), cell.source, flags=re.I)
            setup_at = i
        cell.source = ANSWER_STUB.sub(lambda m: f"{m[1]} = _CURI.get({m[1]!r})", cell.source)
    attack = (
        PAYLOAD.read_text(encoding="utf-8")
        + f"\n_CURI, _LAPOR = serang({list(techniques)!r}, {[str(r) for r in roots]!r})\n"
        + 'print("LAPORAN-SERANGAN", json.dumps({"lapor": _LAPOR, "curi": _CURI}, default=str))\n'
    )
    nb.cells.insert(setup_at + 1, nbformat.v4.new_code_cell(attack))
    return nb


def _stolen(nb) -> dict:
    """What the attack cell reported (from its printed output)."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            text = out.get("text", "") if isinstance(out.get("text", ""), str) else ""
            for line in text.splitlines():
                if line.startswith("LAPORAN-SERANGAN "):
                    return json.loads(line.split(" ", 1)[1])
    return {}


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
    import hashlib

    ws, source, released = workshop
    text = json.dumps(released)
    assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
    assert "alaskaki_kunci" not in text
    key = _key()
    # nbgrader checksums: brute force each choice item's letters and each numeric item's key
    # value through the checksum of its answer cell; none may match the released checksum
    for cell in released.cells:
        meta = cell.metadata.get("nbgrader", {})
        gid = meta.get("grade_id", "").removesuffix("_jawab")
        if gid not in key or "checksum" not in meta:
            continue
        for guess in ("A", "B", "C", "D", "E", "F", key[gid]):
            candidate = ANSWER_STUB.sub(f"{gid} = {guess!r}", cell.source)
            digest = hashlib.sha256(candidate.encode()).hexdigest()
            assert digest != meta["checksum"], gid
