"""Red team 4 (session 9): a participant with no skill against the grading channel after R62
(9ad43db: the warm sandbox's manager passes on only lines starting ``{"k": "``), through the real
``grade_module`` on one warm worker, and against the exchange between batches.

A test that holds is a normal test; a finding is a strict xfail named R7x (see /work/wt/BOARD.md).
"""

from __future__ import annotations

import json
import re
import shutil

import nbformat
import pytest

from alaskaki.workshop import sandbox as sb

MODUL = "asesmen-akhir"

warm_only = pytest.mark.skipif(
    not sb.zygotes_usable(sb.bwrap_available()),
    reason="needs bubblewrap and root (warm sandboxes)",
)

# A cell a participant can paste without knowing anything (no /proc, no open(), no listdir: the
# static scan says nothing): every answer variable of the sheet, each moved one letter (or +1),
# written as a runner frame under a grade id that is no test to every pipe the process holds.
# The judge scores the sheet's own answers (the runner's frames come first and the first report
# of a point counts), but the marker's readings, and so the similarity check, get these.
FORGE_READINGS = """\
import json, os, stat
lain = {}
for nama, nilai in list(globals().items()):
    if nama.startswith("post_") and isinstance(nilai, str):
        lain[nama] = {"A": "B", "B": "C", "C": "D", "D": "A"}.get(nilai.strip().upper(), "A")
    elif nama.startswith("post_") and isinstance(nilai, (int, float)):
        lain[nama] = nilai + 1
baris = (json.dumps({"k": "point", "id": "catatan", "vars": lain}) + "\\n").encode()
for fd in range(3, 64):
    try:
        if stat.S_ISFIFO(os.fstat(fd).st_mode):
            os.write(fd, baris)
    except OSError:
        pass
"""


def _copy_of(nb, friend: str, copier: str, extra: str | None) -> nbformat.NotebookNode:
    copy = nbformat.from_dict(json.loads(json.dumps(nb)))
    for cell in copy.cells:
        cell.source = re.sub(rf'ID_PESERTA = "{friend}"', f'ID_PESERTA = "{copier}"', cell.source)
    if extra:
        copy.cells.append(nbformat.v4.new_code_cell(extra))
    return copy


@pytest.fixture(scope="module")
def copied_uji(released_akhir, tmp_path_factory):
    """Seven participants of every skill level sit the real post-test; p08 hands in p03's sheet
    with only ID_PESERTA changed, and p09 hands in p03's sheet with the ID changed and the forging
    cell pasted at the end. Graded by the real grade_module on one warm worker."""
    from alaskaki.workshop import demo
    from alaskaki.workshop.grader import grade_module

    ws, source, released = released_akhir
    ws = type(ws)(shutil.copytree(ws.root, tmp_path_factory.mktemp("salin-uji") / "lokakarya"))
    ids = ws.participant_ids()
    skills = [1.0, 0.85, 0.6, 0.6, 0.45, 0.3, 0.0]
    subs = {
        pid: demo.simulate_submission(source, released, pid, s, MODUL)
        for pid, s in zip(ids, skills, strict=False)
    }
    friend, plain, forger = ids[2], ids[len(skills)], ids[len(skills) + 1]
    subs[plain] = _copy_of(subs[friend], friend, plain, None)
    subs[forger] = _copy_of(subs[friend], friend, forger, FORGE_READINGS)
    for pid, nb in subs.items():
        dest = ws.submitted(pid, MODUL)
        dest.mkdir(parents=True)
        nbformat.write(nb, dest / f"{MODUL}.ipynb")
        (dest / "timestamp.txt").write_text("2026-12-01 10:00:00.000000 UTC")
    run = grade_module(ws.root, MODUL, workers=1, progress=False)
    return ws, run, friend, plain, forger


@warm_only
@pytest.mark.slow
def test_a_plain_copy_of_a_graded_uji_shows_kerja_sama(copied_uji):
    """The guard of the next test: after grading, the copy with only the ID changed scores the
    friend's score and the pair is shown (the similarity check reads the judged values)."""
    from alaskaki.workshop.similarity import module_pairs

    ws, run, friend, plain, _ = copied_uji
    got = run.by_participant()
    assert got[plain].status == "dinilai" and got[plain].score == got[friend].score, got[plain]
    pairs = {tuple(sorted((p.a, p.b))) for p in module_pairs(ws, MODUL)}
    assert tuple(sorted((friend, plain))) in pairs, pairs


@warm_only
@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason="FINDING R70: a frame forged to the channel under a grade id that is no test "
    "changes the readings the similarity check compares, not the score: a copied uji keeps "
    "the friend's score and shows no kerja sama, with no flag",
)
def test_a_copied_uji_with_forged_readings_still_shows_kerja_sama(copied_uji):
    """p09 copies p03's post-test (ID changed) and pastes one cell that writes a runner frame
    with other values to the channel's pipe (it starts with '{"k": "', so the manager passes it
    on). The judge scores p03's answers (p09 gets p03's score), but judge.readings keeps the
    forged grade id too, and similarity.judged_values takes the last value per variable: the
    trainer's only detector of a copied uji sees other answers and shows no pair, and nothing
    flags p09. What was scored must be what is compared (or the forging flagged)."""
    from alaskaki.workshop.grader import load_flags
    from alaskaki.workshop.similarity import module_pairs

    ws, run, friend, _, forger = copied_uji
    got = run.by_participant()
    assert got[forger].status == "dinilai", got[forger]
    assert got[forger].score == got[friend].score, (got[forger], got[friend])  # the copy scored
    pairs = {tuple(sorted((p.a, p.b))) for p in module_pairs(ws, MODUL)}
    flagged = (forger, MODUL) in load_flags(ws.root)
    assert tuple(sorted((friend, forger))) in pairs or flagged, (pairs, got[forger].flags)
