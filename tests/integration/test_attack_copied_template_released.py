"""Red team (session 7, issue 14, finding of the folder report; test rewritten in session 8): a
batch's folder copied as the template of the next batch AFTER its pre-test went out.

Batch 1's folder releases asesmen-awal; the trainer copies the folder (``cp -a``) for batch 2 and
imports batch 2's roster. In the copy, ``release/asesmen-awal`` (it came along) read as "a form
was handed out", so the copy kept ALL forms and the secret: batch 2 silently sat batch 1's
asesmen-akhir, the form that decides Kompeten. Judged per form since: a form is kept (with its
key) only when it reached this folder's own batch; evidence that only came along with the copy
gives the copy its own form. Also here: the pre-test handed out in the copy to batch 2 (kept),
the same batch's backup copy (everything kept), the original gone (the safe side, said), the
original after a remount that changed inode numbers, and a ``cp -p`` backup moved back into place.

One batch-1 workshop (init + one release) per module; each test copies it.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from copykit import (
    BATCH2,
    form_key,
    judged_points,
    own_place,
    same_form,
    sheet,
    solution_answers,
)

from alaskaki import paths
from alaskaki.errors import AlaskakiError

pytestmark = [pytest.mark.slow]

AWAL, AKHIR = "asesmen-awal", "asesmen-akhir"
DUE = "2026-12-01 17:00"


@pytest.fixture(scope="module")
def batch1(tmp_path_factory):
    """Batch 1's workshop (the sample roster) after its pre-test was released."""
    from alaskaki.workshop.course import init_workshop
    from alaskaki.workshop.release import release_module

    ws = init_workshop(
        tmp_path_factory.mktemp("b1") / "angkatan-1",
        roster=paths.dataset("contoh_peserta.csv"),
        modules=[AWAL, AKHIR],
    )
    release_module(ws, AWAL, due=DUE)
    return ws.root


def _digest(root: Path) -> dict[str, str]:
    """Every file of a workshop (forms, release, secret, gradebook) by content."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _cp_a(src: Path, dest: Path) -> Path:
    return Path(shutil.copytree(src, dest, symlinks=True, copy_function=shutil.copy2))


def _batch2(ws, tmp_path: Path) -> None:
    from alaskaki.workshop.roster import import_roster

    roster = tmp_path / "angkatan-2.csv"
    roster.write_text(BATCH2, encoding="utf-8")
    import_roster(ws, roster)


def test_a_copy_of_a_batch_whose_pre_test_went_out_gets_its_own_post_test(batch1, tmp_path, capsys):
    from alaskaki.workshop import putaran
    from alaskaki.workshop.course import Workshop
    from alaskaki.workshop.release import release_module

    original = Workshop(own_place(batch1, tmp_path / "angkatan-1"))  # batch 1 goes on here
    putaran.tutup(original.root, AWAL)  # batch 1's pre-test round is closed
    before = _digest(original.root)
    pre, post = form_key(original.root, AWAL), form_key(original.root, AKHIR)
    copy = Workshop(_cp_a(original.root, tmp_path / "angkatan-2"))
    _batch2(copy, tmp_path)
    capsys.readouterr()
    # Session 8 (R52): the merged roster holds batch 1's ids, whom the pre-test reached, and q01,
    # q02, whom it did not: release asks which batch this is, and the trainer says a new one.
    with pytest.raises(AlaskakiError, match=r"asesmen-awal.*q01, q02.*--angkatan-baru"):
        release_module(copy, AKHIR, due=DUE)
    assert same_form(pre, form_key(copy.root, AWAL))  # nothing changed by the question
    release_module(copy, AKHIR, due=DUE, angkatan="baru")
    said = capsys.readouterr().err
    assert not same_form(post, form_key(copy.root, AKHIR)), (
        "batch 2's folder, copied from batch 1's after batch 1's pre-test went out, released "
        "batch 1's asesmen-akhir: the form that decides Kompeten, sat by two batches"
    )
    # the pre-test that went out was batch 1's (it came along): batch 2 gets its own as well,
    # starting at its own round 1, released afresh
    assert not same_form(pre, form_key(copy.root, AWAL))
    assert not copy.release(AWAL).exists() and putaran.read_round(copy.root, AWAL).terbuka
    release_module(copy, AWAL, due=DUE)
    theirs = nbformat.read(original.release_notebook(AWAL), as_version=4)
    ours = nbformat.read(copy.release_notebook(AWAL), as_version=4)
    assert [c.source for c in theirs.cells] != [c.source for c in ours.cells]
    assert "asesmen-awal dibuat baru" in said and "asesmen-akhir dibuat baru" in said, said
    # batch 1's folder, forms, release, round record and gradebook are untouched
    assert _digest(original.root) == before
    assert not putaran.read_round(original.root, AWAL).terbuka


def test_the_pre_test_handed_out_in_the_copy_to_batch_2_is_kept_the_post_test_is_its_own(
    batch1, tmp_path, capsys
):
    from alaskaki.workshop import putaran
    from alaskaki.workshop.course import Workshop
    from alaskaki.workshop.release import release_module
    from alaskaki_kunci.bengkel import baca_rahasia
    from alaskaki_kunci.generate import tulis_form_bengkel

    original = Workshop(own_place(batch1, tmp_path / "angkatan-1"))
    pre, post = form_key(original.root, AWAL), form_key(original.root, AKHIR)
    copy = Workshop(_cp_a(original.root, tmp_path / "angkatan-2"))
    _batch2(copy, tmp_path)
    for pid in ("q01", "q02"):  # batch 2 sat the pre-test (its answers are in this folder)
        # fetched from the exchange: the copy has batch 1's course id, so batch 2 on the same hub
        # fetches the release that came along
        sheet(copy, pid, AWAL, at="2026-12-02 09:30:00.000000 UTC")
    form = copy.source_notebook(AWAL).read_bytes()
    capsys.readouterr()
    release_module(copy, AKHIR, due=DUE)
    said = capsys.readouterr().err
    assert form_key(copy.root, AWAL) == pre and copy.source_notebook(AWAL).read_bytes() == form, (
        "batch 2's answered pre-test was redrawn: its answers would be graded with another key"
    )
    assert not same_form(post, form_key(copy.root, AKHIR)), "batch 2 sits batch 1's asesmen-akhir"
    assert "asesmen-awal tetap" in said and "q01" in said, said
    assert "asesmen-akhir dibuat baru" in said, said
    # each form grades by its own key: the instructor solution scores full marks on each
    for modul in (AWAL, AKHIR):
        nb = nbformat.read(copy.source_notebook(modul), as_version=4)
        assert judged_points(nb, solution_answers(nb)) == len(form_key(copy.root, modul)), modul
    # a retake round of the kept pre-test is drawn from this folder's new secret, never batch
    # 1's round 2 (which batch 1's secret gives)
    putaran.tutup(copy.root, AWAL)
    _, retake = putaran.ulang(copy.root, AWAL, ["q01"])
    rahasia = hashlib.sha256(f"{baca_rahasia(original.root)}:putaran-2".encode()).hexdigest()[:32]
    theirs = tulis_form_bengkel(tmp_path / "ulang-angkatan-1", AWAL, rahasia)
    from alaskaki_kunci.bengkel import kunci_form

    ours = {r["grade_id"]: r["harapan"] for r in kunci_form(retake)}
    assert not same_form({r["grade_id"]: r["harapan"] for r in kunci_form(theirs)}, ours)
    assert not same_form(pre, ours)


@pytest.mark.parametrize("remounted", [False, True])
def test_the_same_batchs_backup_copy_keeps_everything(batch1, tmp_path, monkeypatch, remounted):
    """Also when the original's disk (FAT/exFAT, a network share) was mounted again and its inode
    number changed: the folder at the recorded path with the workshop's id is still the original."""
    from alaskaki.folder import Folder
    from alaskaki.workshop.course import Workshop
    from alaskaki.workshop.release import release_module

    original = Workshop(own_place(batch1, tmp_path / "angkatan-1"))
    pre, post = form_key(original.root, AWAL), form_key(original.root, AKHIR)
    backup = Workshop(_cp_a(original.root, tmp_path / "cadangan-angkatan-1"))
    if remounted:
        real = Folder._disk_identity
        monkeypatch.setattr(
            Folder,
            "_disk_identity",
            lambda self: real(self) + ("-dipasang-lagi" if self.root == original.root else ""),
        )
        assert backup.copy_of() is None  # the inode recorded is no longer there
    release_module(backup, AKHIR, due=DUE)
    assert form_key(backup.root, AWAL) == pre and form_key(backup.root, AKHIR) == post


def test_a_copy_whose_original_is_gone_takes_the_safe_side_and_says_so(batch1, tmp_path, capsys):
    from alaskaki.workshop.course import Workshop
    from alaskaki.workshop.release import release_module

    original = own_place(batch1, tmp_path / "angkatan-1")
    pre, post = form_key(original, AWAL), form_key(original, AKHIR)
    copy = Workshop(_cp_a(original, tmp_path / "angkatan-2"))
    shutil.rmtree(original)  # batch 1's folder moved to another computer (or tidied away)
    _batch2(copy, tmp_path)
    capsys.readouterr()
    # Session 8 (R52): the pre-test's record says it went to batch 1's ids; the merged roster also
    # holds q01, q02: release says what it cannot know and asks; the trainer says a new batch.
    with pytest.raises(AlaskakiError, match=r"tidak dapat mengetahui.*--angkatan-baru"):
        release_module(copy, AKHIR, due=DUE)
    release_module(copy, AKHIR, due=DUE, angkatan="baru")
    said = capsys.readouterr().err
    assert not same_form(post, form_key(copy.root, AKHIR)), "batch 2 sits batch 1's asesmen-akhir"
    assert not same_form(pre, form_key(copy.root, AWAL)), (
        "only release/ says the pre-test went out, to nobody known: kept, batch 2 would sit it"
    )
    assert "asesmen-awal dibuat baru" in said, said


@pytest.mark.parametrize("how", ["remount", "backup moved back"])
def test_the_original_at_its_own_place_keeps_what_went_out(batch1, tmp_path, monkeypatch, how):
    """(1) On FAT/exFAT or a network disk inode numbers may change from one mount to the next;
    (2) a trainer restores the workshop by moving a ``cp -p`` backup back over its path. Either
    way the folder at the recorded path holds another inode: it is taken for the original, so the
    pre-test that went out (release/ only: participants fetched it) keeps its key. The post-test,
    never out, may be drawn again: that loses nothing."""
    from alaskaki.folder import Folder
    from alaskaki.workshop.course import Workshop
    from alaskaki.workshop.release import release_module

    root = own_place(batch1, tmp_path / "angkatan-1")
    pre, post = form_key(root, AWAL), form_key(root, AKHIR)
    form = Workshop(root).source_notebook(AWAL).read_bytes()
    if how == "remount":
        real = Folder._disk_identity
        monkeypatch.setattr(Folder, "_disk_identity", lambda self: f"{real(self)}-dipasang-lagi")
    else:
        backup = tmp_path / "cadangan"
        subprocess.run(
            f"cp -rp {root} {backup} && rm -r {root} && mv {backup} {root}", shell=True, check=True
        )
    ws = Workshop(root)
    assert ws.moved_from() is not None  # the recorded inode is not this folder's
    release_module(ws, AKHIR, due=DUE)
    assert form_key(root, AWAL) == pre and ws.source_notebook(AWAL).read_bytes() == form
    assert ws.release(AWAL).is_dir()
    # the outcome for the post-test, never out: drawn again, as in any folder that is not the
    # one recorded (it loses nothing; a swap, `mv` of the original away and a copy into its
    # place for the next batch, would otherwise give two batches one post-test)
    assert not same_form(post, form_key(root, AKHIR))
    assert ws.moved_from() is None  # recorded again: the next command judges nothing
