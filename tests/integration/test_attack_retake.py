"""Red team (session 4), careless trainer: the rounds of an uji (sealed, R5c: ``tutup``/``ulang``).

After ``alaskaki tutup asesmen-akhir`` a retake (``alaskaki ulang asesmen-akhir --peserta p02``)
archives the round's form, writes a NEW form into ``source/`` and then records the new round in
``uji.json``. The others keep their result: the grader leaves an earlier round's work as it was.
The trainer presses Ctrl-C while ``ulang`` runs, runs it again (as anyone would) and grades the
retakers. One grading run before (round 1, built once and copied per case), one after.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

import nbformat
import pytest

from alaskaki import paths
from alaskaki.folder import Folder

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "attack"))

import serangan  # noqa: E402

pytestmark = [pytest.mark.slow]

FORM = "asesmen-akhir"


def _scores(ws) -> dict[str, float]:
    with ws.gradebook() as gb:
        return {s.student.id: round(s.score, 2) for s in gb.assignment_submissions(FORM)}


@pytest.fixture(scope="module")
def round_one_closed(tmp_path_factory):
    """Round 1 of the form graded (p01 right everywhere, p02 blank) and closed (``tutup``): built
    once, copied by each case. Returns (workshop, sha256 of round 1's form, scores before)."""
    from alaskaki.workshop import demo, putaran
    from alaskaki.workshop.course import init_workshop
    from alaskaki.workshop.grader import grade_module
    from alaskaki.workshop.release import release_module

    root = tmp_path_factory.mktemp("putaran-1") / "lokakarya"
    ws = init_workshop(root, roster=paths.dataset("contoh_peserta.csv"), modules=[FORM])
    release_module(ws, FORM, due="2026-12-01 17:00")
    source_nb = Folder(root).source_notebook(FORM)
    round_one = hashlib.sha256(source_nb.read_bytes()).hexdigest()
    source = nbformat.read(source_nb, as_version=4)
    released = nbformat.read(Folder(root).release_notebook(FORM), as_version=4)
    for pid, skill in (("p01", 1.0), ("p02", 0.0)):
        dest = Folder(root).submitted(pid, FORM)
        dest.mkdir(parents=True)
        nbformat.write(
            demo.simulate_submission(source, released, pid, skill, FORM), dest / f"{FORM}.ipynb"
        )
        (dest / "timestamp.txt").write_text("2026-12-01 05:00:00.000000 UTC")
    grade_module(root, FORM, progress=False)
    before = _scores(ws)
    assert before["p01"] == 37, before
    putaran.tutup(root, FORM)
    return ws, round_one, before


@pytest.mark.parametrize("then", ["ulang lagi", "langsung nilai", "uji.json dihapus"])
def test_an_interrupted_retake_keeps_the_others_results_and_the_old_form(
    round_one_closed, tmp_path, monkeypatch, then
):
    """``then``: the trainer runs ``ulang`` again, or goes straight on to grading (the new form is
    in source/, so the retake looked done); or ``ulang`` is NOT interrupted and the trainer later
    deletes ``uji.json`` (a file at the workshop's root they do not recognise) before grading."""
    from alaskaki.workshop import putaran
    from alaskaki.workshop.grader import grade_module

    base, round_one, before = round_one_closed
    root = Path(shutil.copytree(base.root, tmp_path / "lokakarya", symlinks=True))
    ws = type(base)(root)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt  # Ctrl-C after the new form is written, before uji.json

    if then == "uji.json dihapus":
        putaran.ulang(root, FORM, ["p02"])
        (root / putaran.STATE_FILE).unlink()
    else:
        monkeypatch.setattr(putaran, "_write", interrupted)
        with pytest.raises(KeyboardInterrupt):
            putaran.ulang(root, FORM, ["p02"])
        monkeypatch.undo()
    if then == "ulang lagi":
        try:
            putaran.ulang(root, FORM, ["p02"])
        except Exception as err:  # a clear refusal naming the way out is a defence too
            assert "ulang" in str(err) or "tutup" in str(err), err
    grade_module(root, FORM, progress=False)

    after = _scores(ws)
    archived = sorted((Folder(root).state_dir / "putaran").glob(f"{FORM}-1.ipynb"))
    kept = [hashlib.sha256(p.read_bytes()).hexdigest() == round_one for p in archived]
    assert after["p01"] == before["p01"] and kept == [True], (
        f"retake for p02 ({then}): p01 (did not retake) {before['p01']} -> "
        f"{after['p01']}/37; round 1's form archived as itself: {kept or 'no archive'}"
    )


def test_a_retake_makes_no_honest_pair_of_kerja_sama(released_akhir, tmp_path):
    """24 honest participants (the demo's skill mix) sit round 1: no pair. The trainer closes the
    round and opens a retake for two of them: source/ now holds the retake's NEW form. The round-1
    sheets of everyone else stay in submitted/; judged against the new form's key, two people who
    both got round 1 right now share many identical 'wrong' answers. No honest pair may appear."""
    from copykit import choice_letters, filled_sheet, honest_answers

    from alaskaki.workshop import demo, putaran
    from alaskaki.workshop.similarity import module_pairs

    base, _source, released = released_akhir  # the form released, shared: copied first
    root = Path(shutil.copytree(base.root, tmp_path / "lokakarya", symlinks=True))
    ws = type(base)(root)
    key, letters = serangan.key(root), choice_letters(released)
    for pid, skill in demo.skills(ws.participant_ids()).items():
        dest = Folder(root).submitted(pid, FORM)
        dest.mkdir(parents=True)
        nbformat.write(
            filled_sheet(released, pid, honest_answers(key, letters, pid, skill)),
            dest / f"{FORM}.ipynb",
        )
    before = {(p.a, p.b) for p in module_pairs(ws, FORM)}
    assert before == set(), f"premise: an honest round 1 shows no pair ({before})"
    putaran.tutup(root, FORM)
    putaran.ulang(root, FORM, ["p05", "p06"])
    after = [str(p) for p in module_pairs(ws, FORM)]
    assert not after, (
        f"after a retake for p05, p06: {len(after)} honest pairs shown, e.g. {after[:3]}"
    )
