"""Red team 2 (session 8): attacks on three fixes that landed today, with the real CLI/grader.

1. copies of a workshop folder judged per form (Issue 14, ``course.own_forms_for_a_copy``);
2. manual scores belong to the version they were given for (R44, ``grading/manual.py``);
3. collect R38/R40 (a non-notebook never replaces work; durable writes; archive judged by content).

A test that holds is a normal test; a finding is a strict xfail named R5x (see /work/wt/BOARD.md).
"""

from __future__ import annotations

import shutil

import nbformat
import pytest
from copykit import BATCH2, form_key, own_place, same_form, sheet, usb_stick

pytestmark = [pytest.mark.slow]

MOD = "m3-biaya-produksi"


def test_a_lowered_score_never_turns_into_full_marks_by_handing_in_the_same_answers(
    released_module, tmp_path
):
    """p01 hands in m3 with every answer right. The trainer sees in the formgrader that the
    answers were typed in as numbers copied from a friend (or simply disagrees) and lowers every
    autograded item to 0 by hand. p01 hands in again: the SAME answers, one empty markdown cell
    added. `grade` takes the trainer's scores off (another file) and the autograder gives full
    marks back; status shows nothing waiting for the trainer. The trainer's word is gone from the
    score unless he reads the 'catatan:' line and the JSON under nilai-pelatih-lama/. A lowered
    score must stay, or at least the item must wait for the trainer again, when the answer it
    was given for did not change.

    FINDING R50, fixed session 8 (c3d7bba: a test cell's score stays while every answer is
    byte-identical)."""
    from alaskaki.workshop import collect_module, demo, grade, workshop_status

    base, source, given = released_module(MOD)
    ws = type(base)(shutil.copytree(base.root, tmp_path / "lokakarya", symlinks=True))
    good = demo.simulate_submission(source, given, "p01", 1.0, MOD)

    collect_module(
        ws,
        MOD,
        source=usb_stick(tmp_path, "usb-1", {f"p01_{MOD}.ipynb": good}),
        received="2026-12-01 15:00",
    )
    first = grade(ws, MOD, progress=False, workers=1).by_participant()["p01"]
    assert first.score and first.score == first.max_score
    with ws.gradebook() as gb:  # what the formgrader saves
        sub = gb.find_submission_notebook(MOD, MOD, "p01")
        for g in sub.grades:
            if g.max_score:
                g.manual_score = 0.0
        gb.db.commit()
    lowered = grade(ws, MOD, progress=False, workers=1).by_participant()["p01"]
    assert lowered.score == 0, lowered

    again = nbformat.from_dict(good)
    again.cells.append(nbformat.v4.new_markdown_cell(""))
    collect_module(
        ws,
        MOD,
        source=usb_stick(tmp_path, "usb-2", {f"p01_{MOD}.ipynb": again}),
        received="2026-12-01 16:00",
    )
    after = grade(ws, MOD, progress=False, workers=1).by_participant()["p01"]
    row = {e.peserta: e for e in workshop_status(ws, modul=MOD).entries}["p01"]
    assert after.score == 0 or row.menunggu > 0, (after, row)


def test_pulihkan_after_the_scores_were_taken_off_brings_back_nothing_for_the_new_version(
    released_module, tmp_path
):
    """p01's first m3 is all wrong; the trainer gives the first item full points by hand. p01
    hands in a second version (that item's answer changed, still wrong); `grade` takes the score off
    (catatan, nilai-pelatih-lama/). The trainer, thinking the kit lost his work, runs `alaskaki
    pulihkan 2` (the backup `grade` made just before it wrote) and `grade` again. Holds: the restored
    score is taken off again (the gradebook's version is not the one in submitted/), p01 scores
    what his second version earns, and the trainer's score is on record."""
    import json
    import subprocess
    import sys

    from alaskaki.workshop import collect_module, demo, grade

    base, source, given = released_module(MOD)
    ws = type(base)(shutil.copytree(base.root, tmp_path / "lokakarya", symlinks=True))

    def hand_in(n, when, changed=None):
        nb = demo.simulate_submission(source, given, "p01", 0.0, MOD)
        for c in nb.cells:  # the item the trainer scored gets another answer
            if changed and c.metadata.get("nbgrader", {}).get("grade_id") == f"{changed}_jawab":
                c.source += "\n# versi 2: jawaban lain"
        stick = usb_stick(tmp_path, f"usb-{n}", {f"p01_{MOD}.ipynb": nb})
        collect_module(ws, MOD, source=stick, received=when)

    hand_in(1, "2026-12-01 15:00")
    assert grade(ws, MOD, progress=False, workers=1).by_participant()["p01"].score == 0
    with ws.gradebook() as gb:  # what the formgrader saves
        sub = gb.find_submission_notebook(MOD, MOD, "p01")
        cell = next(g for g in sub.grades if g.max_score and "id_peserta" not in g.name)
        given_score, cell.manual_score, name = cell.max_score, cell.max_score, cell.name
        gb.db.commit()
    hand_in(2, "2026-12-01 16:00", changed=name)

    def cli(*args):
        return subprocess.run(
            [sys.executable, "-m", "alaskaki", *args, "--workshop", str(ws.root)],
            capture_output=True,
            text=True,
            check=False,
        )

    second = cli("grade", MOD)  # the CLI backs the gradebook up first
    assert second.returncode == 0 and "nilai-pelatih-lama" in second.stdout + second.stderr, second
    back = cli("pulihkan", "2")  # 1 is the copy made after grade, 2 the one made before
    assert back.returncode == 0, back.stderr
    with ws.gradebook() as gb:  # the trainer's score is back in the gradebook
        sub = gb.find_submission_notebook(MOD, MOD, "p01")
        assert any(g.manual_score == given_score for g in sub.grades)
    third = grade(ws, MOD, progress=False, workers=1).by_participant()["p01"]
    assert third.score == 0, third
    kept = sorted((ws.state_dir / MOD / "nilai-pelatih-lama").glob("p01-*.json"))
    assert kept, "the trainer's score is on record"
    rows = [r for k in kept for r in json.loads(k.read_text())["nilai_dilepas"]]
    assert any(r["manual_score"] == given_score for r in rows), rows


# --- 1. copies of a workshop folder, judged per form ---------------------------------------------

AKHIR = "asesmen-akhir"
DUE = "2026-12-01 17:00"


# R51 and R52 (a copy put at the recorded path; a late joiner in the same batch's copy) were fixed
# by ec7b34e; their tests live in tests/integration/test_attack_copies_session8.py.


@pytest.fixture(scope="module")
def sat_batch1(tmp_path_factory):
    """Batch 1's workshop (the sample roster) after it sat asesmen-akhir: released, p01 and p02
    collected, the round closed."""
    from alaskaki import paths
    from alaskaki.workshop import putaran
    from alaskaki.workshop.course import init_workshop
    from alaskaki.workshop.release import release_module

    ws = init_workshop(
        tmp_path_factory.mktemp("sat") / "angkatan-1",
        roster=paths.dataset("contoh_peserta.csv"),
        modules=[AKHIR],
    )
    release_module(ws, AKHIR, due=DUE)
    for pid in ("p01", "p02"):
        sheet(ws, pid, AKHIR)
    putaran.tutup(ws.root, AKHIR)
    return ws.root


def test_printing_in_a_fresh_copy_before_the_roster_never_hands_batch_1s_post_test_out(
    sat_batch1, tmp_path, capsys
):
    """Batch 1 sat asesmen-akhir in ~/angkatan-1 (still there). For batch 2 the trainer copies the
    folder (`cp -a angkatan-1 angkatan-2`) and, to get the paper ready, prints the post-test
    there first (`alaskaki cetak asesmen-akhir -w angkatan-2`); batch 2's roster comes in the
    next day (`roster import`). The print happens while the copy's roster is still batch 1's, so
    the copy is 'the same batch': nothing is drawn and nothing asked, and the paper batch 2 will
    sit is the post-test batch 1 sat. (Before ec7b34e the print marker also kept that form for
    batch 2's online release; release now asks once batch 2's ids are in the roster.)

    FINDING R53, fixed session 8: in a copy, `cetak` of a form handed out or printed before the
    copy asks which batch the paper is for (`--angkatan-sama` keeps it, `--angkatan-baru` draws
    the copy's own); the test answers as the trainer of batch 2 would."""
    import subprocess

    from alaskaki.cli import main

    one = own_place(sat_batch1, tmp_path / "angkatan-1")
    sat = form_key(one, AKHIR)
    two = tmp_path / "angkatan-2"
    subprocess.run(["cp", "-a", str(one), str(two)], check=True)
    paper = tmp_path / "kertas.html"
    assert main(["cetak", AKHIR, "-w", str(two), "--out", str(paper)]) != 0
    asked = capsys.readouterr().err
    assert "--angkatan-baru" in asked and "--angkatan-sama" in asked, asked
    assert not paper.exists() and same_form(sat, form_key(two, AKHIR)), (
        "nothing changes before the answer"
    )
    assert main(["cetak", AKHIR, "-w", str(two), "--out", str(paper), "--angkatan-baru"]) == 0
    assert paper.exists()
    assert not same_form(sat, form_key(two, AKHIR)), "the paper printed for batch 2 is batch 1's"
    assert same_form(sat, form_key(one, AKHIR)), "batch 1's own form never changes"
    # printed from the copy now: the next print there does not ask again, and keeps that form
    printed = form_key(two, AKHIR)
    assert main(["cetak", AKHIR, "-w", str(two), "--out", str(paper)]) == 0
    assert form_key(two, AKHIR) == printed


def test_printing_in_a_copy_for_the_same_batch_keeps_the_form(sat_batch1, tmp_path, capsys):
    """The same batch's working copy (a flash disk for the exam room): the trainer prints the
    post-test there for a participant who sits it on paper; `--angkatan-sama` keeps batch 1's form
    and key (grades and the key already printed stay true)."""
    import subprocess

    from alaskaki.cli import main

    one = own_place(sat_batch1, tmp_path / "angkatan-1")
    sat = form_key(one, AKHIR)
    two = tmp_path / "flashdisk"
    subprocess.run(["cp", "-a", str(one), str(two)], check=True)
    paper = tmp_path / "kertas.html"
    assert main(["cetak", AKHIR, "-w", str(two), "--out", str(paper)]) != 0
    capsys.readouterr()
    assert main(["cetak", AKHIR, "-w", str(two), "--out", str(paper), "--angkatan-sama"]) == 0
    assert form_key(two, AKHIR) == sat


def test_a_copy_on_another_computer_with_batch_2_merged_in_never_gets_batch_1s_post_test(
    sat_batch1, tmp_path, capsys
):
    """Batch 1 sat asesmen-akhir. The trainer takes the folder on a flash disk to the training
    centre's computer (the original is not at its recorded path there), runs `alaskaki roster
    import angkatan-2.csv` (import MERGES: batch 1's ids stay, as the command says) and releases
    asesmen-akhir for batch 2. Batch 1's collected sheets name participants in this (merged)
    roster, so the form is kept 'reached this folder's batch', with a sentence on stderr the
    trainer is told to read: batch 2 sits the post-test batch 1 sat.

    FINDING R54, fixed session 8 (ec7b34e: release asks, naming the new ids; `--angkatan-baru`
    draws batch 2's own form)."""
    import subprocess

    from alaskaki.errors import AlaskakiError
    from alaskaki.workshop.course import Workshop
    from alaskaki.workshop.release import release_module
    from alaskaki.workshop.roster import import_roster

    one = own_place(sat_batch1, tmp_path / "angkatan-1")
    sat = form_key(one, AKHIR)
    other_pc = tmp_path / "pc-pelatihan"
    other_pc.mkdir()
    subprocess.run(["cp", "-r", str(one), str(other_pc / "angkatan-1")], check=True)
    shutil.rmtree(one)  # not on this computer
    copy = Workshop(other_pc / "angkatan-1")
    roster = tmp_path / "angkatan-2.csv"
    roster.write_text(BATCH2, encoding="utf-8")
    import_roster(copy, roster)
    assert {"p01", "q01"} <= set(copy.participant_ids())  # merged, as documented
    with pytest.raises(AlaskakiError, match="q01"):  # the folder cannot know: it asks
        release_module(copy, AKHIR, due=DUE)
    assert same_form(sat, form_key(copy.root, AKHIR))  # nothing drawn or handed out yet
    release_module(copy, AKHIR, due=DUE, angkatan="baru")  # the trainer's answer
    assert not same_form(sat, form_key(copy.root, AKHIR))
