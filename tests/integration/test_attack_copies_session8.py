"""Red team 2 (session 8), R51 and R52: copies of a workshop folder judged per form (Issue 14,
``course.own_forms_for_a_copy``), with the real release. Taken from redteam2's
test_attack_fixes_session8.py; fixed session 8: a form handed out to some of the roster while others
in it never got it makes ``release`` ask (``--angkatan-sama`` / ``--angkatan-baru``), a form handed
out to no one in the roster is drawn anew, even in a copy put at the recorded path.
"""

from __future__ import annotations

import pytest
from copykit import BATCH2, form_key, same_form, sheet

from alaskaki.errors import AlaskakiError

pytestmark = [pytest.mark.slow]

# --- 1. copies of a workshop folder, judged per form ---------------------------------------------

AKHIR = "asesmen-akhir"
DUE = "2026-12-01 17:00"


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
        sheet(ws, pid, AKHIR)
    putaran.tutup(ws.root, AKHIR)
    sat = form_key(home, AKHIR)

    subprocess.run(
        f"mv {home} {tmp_path}/angkatan-1 && cp -r {tmp_path}/angkatan-1 {home}",
        shell=True,
        check=True,
    )
    copy = Workshop(home)
    roster = tmp_path / "angkatan-2.csv"
    roster.write_text(BATCH2, encoding="utf-8")
    import_roster(copy, roster)  # merges: batch 1's ids stay beside q01, q02
    # Fixed session 8: the form reached p01..p10 but not q01, q02: release asks which batch this is
    # (a refusal with the way out is safe), and the trainer runs the command it names for a new batch.
    with pytest.raises(AlaskakiError, match=r"--angkatan-baru") as refused:
        release_module(copy, AKHIR, due=DUE)
    assert "q01, q02" in str(refused.value)
    assert same_form(sat, form_key(home, AKHIR))  # nothing changed by the question
    release_module(copy, AKHIR, due=DUE, angkatan="baru")
    assert not same_form(sat, form_key(home, AKHIR)), "batch 2 got the asesmen-akhir batch 1 sat"
    assert form_key(tmp_path / "angkatan-1", AKHIR) == sat  # batch 1's own untouched


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
        sheet(ws, pid, AKHIR)
    sitting = form_key(home, AKHIR)
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
    # Fixed session 8: release asks (naming p99) and the trainer runs the command it names for a
    # late joiner of the same batch.
    with pytest.raises(AlaskakiError, match=r"p99.*--angkatan-sama"):
        release_module(copy, AKHIR, due=DUE)
    assert form_key(laptop, AKHIR) == sitting  # nothing changed by the question
    release_module(copy, AKHIR, due=DUE, angkatan="sama")
    assert form_key(laptop, AKHIR) == sitting, "the form the batch is sitting was drawn anew"
    assert copy.release_notebook(AKHIR).read_bytes() == handed
    assert (copy.submitted("p01", AKHIR) / f"{AKHIR}.ipynb").is_file()
    release_module(copy, AKHIR, due=DUE)  # p99 now has it: asked once, not at each release
    assert form_key(laptop, AKHIR) == sitting
