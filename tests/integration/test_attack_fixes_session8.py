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

pytestmark = [pytest.mark.slow]

MOD = "m3-biaya-produksi"


def _hand_in(tmp_path, name: str, files: dict):
    stick = tmp_path / name
    stick.mkdir()
    for fname, nb in files.items():
        nbformat.write(nb, stick / fname)
    return stick


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
        source=_hand_in(tmp_path, "usb-1", {f"p01_{MOD}.ipynb": good}),
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
        source=_hand_in(tmp_path, "usb-2", {f"p01_{MOD}.ipynb": again}),
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
        stick = _hand_in(tmp_path, f"usb-{n}", {f"p01_{MOD}.ipynb": nb})
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
    kept = sorted((ws.root / "penilaian" / MOD / "nilai-pelatih-lama").glob("p01-*.json"))
    assert kept, "the trainer's score is on record"
    rows = [r for k in kept for r in json.loads(k.read_text())["nilai_dilepas"]]
    assert any(r["manual_score"] == given_score for r in rows), rows


# --- 1. copies of a workshop folder, judged per form ---------------------------------------------

AKHIR = "asesmen-akhir"
DUE = "2026-12-01 17:00"
BATCH2 = (
    "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"
    "q01,Dwi Lestari,UD Alas Kaki Sentanan,Sentanan,P,pemilik\n"
    "q02,Eko Prasetyo,UD Alas Kaki Sentanan,Sentanan,L,penjahit\n"
)


def _key(root, modul: str) -> dict:
    from alaskaki.folder import Folder
    from alaskaki_kunci.bengkel import kunci_form

    return {r["grade_id"]: r["harapan"] for r in kunci_form(Folder(root).source_notebook(modul))}


def _same_form(k1: dict, k2: dict) -> bool:
    """More than half the answers equal (a workshop's own form agrees on ~1 in 6)."""
    return sum(k1[g] == k2.get(g) for g in k1) > len(k1) // 2


def _sheet(ws, pid: str, modul: str) -> None:
    """``pid``'s sheet of ``modul`` as ``collect`` leaves it."""
    nb = nbformat.read(ws.release_notebook(modul), as_version=4)
    for cell in nb.cells:
        cell.source = cell.source.replace('"isi-id-anda"', f'"{pid}"')
    dest = ws.submitted(pid, modul)
    dest.mkdir(parents=True)
    nbformat.write(nb, dest / f"{modul}.ipynb")
    (dest / "timestamp.txt").write_text("2026-12-01 15:30:00.000000 UTC\n", encoding="utf-8")


@pytest.mark.xfail(
    strict=True,
    reason="FINDING R51: mv the batch-1 folder away and cp -r it back under the usual name for "
    "batch 2: the copy is taken for 'the original at its place' and batch 2 gets batch 1's "
    "asesmen-akhir (the roster is never looked at)",
    raises=AssertionError,
)
def test_a_copy_put_at_the_old_name_for_batch_2_never_gets_the_post_test_batch_1_sat(tmp_path):
    """Batch 1 sat asesmen-akhir in ~/lokakarya (released, sheets collected, round closed). For
    batch 2 the trainer keeps the usual name: `mv lokakarya angkatan-1 && cp -r angkatan-1
    lokakarya`, imports batch 2's roster (replacing batch 1's) and releases asesmen-akhir. The copy
    sits at the path `init` recorded, so it is judged 'the original after a remount / a backup
    moved back': every form handed out is kept. Batch 2 sits the very post-test batch 1 sat (and
    batch 1's printed key scores it). Not one participant of batch 2 is in the roster that sat
    it; the original is still on the disk under its new name."""
    import subprocess

    from alaskaki import paths
    from alaskaki.workshop import putaran
    from alaskaki.workshop.course import Workshop, init_workshop
    from alaskaki.workshop.release import release_module
    from alaskaki.workshop.roster import import_roster

    home = tmp_path / "lokakarya"
    ws = init_workshop(home, roster=paths.dataset("contoh_peserta.csv"), modules=[AKHIR])
    release_module(ws, AKHIR, due=DUE)
    for pid in ("p01", "p02"):
        _sheet(ws, pid, AKHIR)
    putaran.tutup(ws.root, AKHIR)
    sat = _key(home, AKHIR)

    subprocess.run(
        f"mv {home} {tmp_path}/angkatan-1 && cp -r {tmp_path}/angkatan-1 {home}",
        shell=True,
        check=True,
    )
    copy = Workshop(home)
    roster = tmp_path / "angkatan-2.csv"
    roster.write_text(BATCH2, encoding="utf-8")
    import_roster(copy, roster)
    release_module(copy, AKHIR, due=DUE)  # goes through (a refusal with the way out is safe)
    assert not _same_form(sat, _key(home, AKHIR)), "batch 2 got the asesmen-akhir batch 1 sat"
    assert _key(tmp_path / "angkatan-1", AKHIR) == sat  # batch 1's own untouched


@pytest.mark.xfail(
    strict=True,
    reason="FINDING R52: the same batch's working copy (original in place) with ONE late joiner "
    "added redraws the asesmen-akhir the batch is sitting: the form handed out changes its key",
    raises=AssertionError,
)
def test_a_late_joiner_in_the_same_batchs_copy_never_redraws_the_form_it_is_sitting(tmp_path):
    """Batch 1 is sitting asesmen-akhir (released from ~/lokakarya; p01 and p02 already handed
    in, collected and kept there). The trainer copies the folder to keep working on the laptop
    (`cp -a`, the original stays where it is) and a late joiner comes: one row added to the
    roster (a merged import, everyone else kept), `release asesmen-akhir` to hand him the form.
    The copy is judged 'another batch' (one id not in the original's roster) and every piece of
    evidence 'came along', so the form the batch is sitting is drawn anew: the other 10 still
    hand in answers to the old form, which the copy now scores with another key (the sheets of
    p01/p02 that came along are put aside as another batch's)."""
    import subprocess

    from alaskaki import paths
    from alaskaki.workshop.course import Workshop, init_workshop
    from alaskaki.workshop.release import release_module
    from alaskaki.workshop.roster import import_roster

    home = tmp_path / "lokakarya"
    ws = init_workshop(home, roster=paths.dataset("contoh_peserta.csv"), modules=[AKHIR])
    release_module(ws, AKHIR, due=DUE)
    for pid in ("p01", "p02"):
        _sheet(ws, pid, AKHIR)
    sitting = _key(home, AKHIR)
    handed = ws.release_notebook(AKHIR).read_bytes()

    laptop = tmp_path / "laptop-lokakarya"
    subprocess.run(["cp", "-a", str(home), str(laptop)], check=True)
    copy = Workshop(laptop)
    joiner = tmp_path / "susulan.csv"
    joiner.write_text(
        "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"
        "p99,Rina Susanti,UD Alas Kaki Sentanan,Sentanan,P,penjahit\n",
        encoding="utf-8",
    )
    import_roster(copy, joiner)
    assert {"p01", "p99"} <= set(copy.participant_ids())
    release_module(copy, AKHIR, due=DUE)
    assert _key(laptop, AKHIR) == sitting, "the form the batch is sitting was drawn anew"
    assert copy.release_notebook(AKHIR).read_bytes() == handed
    assert (copy.submitted("p01", AKHIR) / f"{AKHIR}.ipynb").is_file()


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
        _sheet(ws, pid, AKHIR)
    putaran.tutup(ws.root, AKHIR)
    return ws.root


def _own_place(src, dest):
    """A private ``cp -a`` of ``src`` recorded as the folder it lives in (batch 1's original)."""
    import subprocess

    from alaskaki.workshop.course import Workshop

    subprocess.run(["cp", "-a", str(src), str(dest)], check=True)
    Workshop(dest).record_origin()
    return dest


@pytest.mark.xfail(
    strict=True,
    reason="FINDING R53: copy batch 1's folder, `cetak asesmen-akhir` there BEFORE importing "
    "batch 2's roster: the form printed is batch 1's (roster still batch 1's = 'same batch'), "
    "and the print then keeps it for batch 2's release too",
    raises=AssertionError,
)
def test_printing_in_a_fresh_copy_before_the_roster_never_hands_batch_1s_post_test_out(
    sat_batch1, tmp_path
):
    """Batch 1 sat asesmen-akhir in ~/angkatan-1 (still there). For batch 2 the trainer copies the
    folder (`cp -a angkatan-1 angkatan-2`) and, to get the paper ready, prints the post-test
    there first (`alaskaki cetak asesmen-akhir -w angkatan-2`); batch 2's roster comes in the
    next day (`roster import`), then `release`. The print happened while the copy's roster was
    still batch 1's, so the copy was 'the same batch' and nothing was drawn: the paper is batch
    1's post-test. The print marker then says 'printed here', so the release to batch 2 keeps
    that form as well: batch 2 sits (on paper and online) the post-test batch 1 sat."""
    import subprocess

    from alaskaki.cli import main
    from alaskaki.workshop.course import Workshop
    from alaskaki.workshop.release import release_module
    from alaskaki.workshop.roster import import_roster

    one = _own_place(sat_batch1, tmp_path / "angkatan-1")
    sat = _key(one, AKHIR)
    two = tmp_path / "angkatan-2"
    subprocess.run(["cp", "-a", str(one), str(two)], check=True)
    paper = tmp_path / "kertas.html"
    assert main(["cetak", AKHIR, "-w", str(two), "--out", str(paper)]) == 0
    printed = _key(two, AKHIR)
    roster = tmp_path / "angkatan-2.csv"
    roster.write_text(BATCH2, encoding="utf-8")
    copy = Workshop(two)
    import_roster(copy, roster)
    release_module(copy, AKHIR, due=DUE)
    assert not _same_form(sat, printed), "the paper printed for batch 2 is batch 1's post-test"
    assert not _same_form(sat, _key(two, AKHIR)), "batch 2's release is batch 1's post-test"


@pytest.mark.xfail(
    strict=True,
    reason="FINDING R54: a copy taken to another computer (original not at its path) with batch "
    "2's roster imported the default way (merge: batch 1's ids stay) keeps batch 1's post-test "
    "for batch 2; only a 'Catatan' on stderr",
    raises=AssertionError,
)
def test_a_copy_on_another_computer_with_batch_2_merged_in_never_gets_batch_1s_post_test(
    sat_batch1, tmp_path, capsys
):
    """Batch 1 sat asesmen-akhir. The trainer takes the folder on a flash disk to the training
    centre's computer (the original is not at its recorded path there), runs `alaskaki roster
    import angkatan-2.csv` (import MERGES: batch 1's ids stay, as the command says) and releases
    asesmen-akhir for batch 2. Batch 1's collected sheets name participants in this (merged)
    roster, so the form is kept 'reached this folder's batch', with a sentence on stderr the
    trainer is told to read: batch 2 sits the post-test batch 1 sat."""
    import subprocess

    from alaskaki.workshop.course import Workshop
    from alaskaki.workshop.release import release_module
    from alaskaki.workshop.roster import import_roster

    one = _own_place(sat_batch1, tmp_path / "angkatan-1")
    sat = _key(one, AKHIR)
    other_pc = tmp_path / "pc-pelatihan"
    other_pc.mkdir()
    subprocess.run(["cp", "-r", str(one), str(other_pc / "angkatan-1")], check=True)
    shutil.rmtree(one)  # not on this computer
    copy = Workshop(other_pc / "angkatan-1")
    roster = tmp_path / "angkatan-2.csv"
    roster.write_text(BATCH2, encoding="utf-8")
    import_roster(copy, roster)
    assert {"p01", "q01"} <= set(copy.participant_ids())  # merged, as documented
    release_module(copy, AKHIR, due=DUE)
    assert not _same_form(sat, _key(copy.root, AKHIR)), capsys.readouterr().err
