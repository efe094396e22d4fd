"""Red team 3 (session 9): a copy of a workshop for the next batch whose participants get the SAME
ids (p01, p02, ...: numbering each batch from p01 is what a trainer does; the hub already met it,
``hub users``). Real init/release/tutup/roster import and the real token derivation.

A test that holds is a normal test; a finding is a strict xfail named R6x (see /work/wt/BOARD.md).
"""

from __future__ import annotations

import subprocess

import pytest
from copykit import form_key, own_place, same_form, sheet

pytestmark = [pytest.mark.slow]

AKHIR = "asesmen-akhir"
# batch 2: other people, numbered from p01 again
BATCH2_SAME_IDS = (
    "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"
    "p01,Dwi Lestari,UD Alas Kaki Sentanan,Sentanan,P,pemilik\n"
    "p02,Eko Prasetyo,UD Alas Kaki Sentanan,Sentanan,L,penjahit\n"
)


@pytest.fixture(scope="module")
def sat_batch1(tmp_path_factory):
    """Batch 1 (the sample roster, p01..p24) sat asesmen-akhir: cards printed (`kartu`),
    released, p01 and p02 handed in, the round closed (its key now goes out with the rapor)."""
    from alaskaki import paths
    from alaskaki.workshop import putaran
    from alaskaki.workshop.course import init_workshop
    from alaskaki.workshop.release import issue_tokens, release_module

    ws = init_workshop(
        tmp_path_factory.mktemp("sat") / "angkatan-1",
        roster=paths.dataset("contoh_peserta.csv"),
        modules=[AKHIR],
    )
    issue_tokens(ws, AKHIR)  # what `alaskaki kartu` does: the cards batch 1 holds
    release_module(ws, AKHIR, due="2026-12-01 17:00")
    for pid in ("p01", "p02"):
        sheet(ws, pid, AKHIR)
    putaran.tutup(ws.root, AKHIR)
    return ws.root


def _batch2_copy(sat_batch1, tmp_path, how: str):
    """`cp -a angkatan-1 angkatan-2` (batch 1's folder stays in place) with batch 2's roster:
    imported (`roster import`: p01, p02 updated to batch 2's names) or the roster file replaced."""
    from alaskaki.errors import AlaskakiError
    from alaskaki.workshop.course import Workshop
    from alaskaki.workshop.roster import import_roster

    one = own_place(sat_batch1, tmp_path / "angkatan-1")
    two = tmp_path / "angkatan-2"
    subprocess.run(["cp", "-a", str(one), str(two)], check=True)
    ws = Workshop(two)
    if how == "impor":
        csv = tmp_path / "angkatan-2.csv"
        csv.write_text(BATCH2_SAME_IDS, encoding="utf-8")
        # p01 and p02 have batch 1's sheets in the folder: another name is refused (R68) ...
        with pytest.raises(AlaskakiError, match="--perbaiki-nama p01"):
            import_roster(ws, csv)
        assert {p.id: p.nama for p in ws.participants()}["p01"] == "Siti Aminah"
        # ... and a trainer who still insists they are spelling fixes gets the import
        import_roster(ws, csv, fix_names=["p01", "p02"])
    else:
        ws.roster_path.write_text(BATCH2_SAME_IDS, encoding="utf-8")
    assert {p.id: p.nama for p in ws.participants()}["p01"] == "Dwi Lestari"
    return one, ws


@pytest.mark.parametrize("angkatan", [None, "baru"], ids=["tanpa_jawaban", "angkatan_baru"])
@pytest.mark.parametrize("how", ["impor", "ganti"])
def test_batch_2_with_batch_1s_ids_never_gets_the_post_test_batch_1_sat(
    sat_batch1, tmp_path, how, angkatan
):
    """Batch 1 sat asesmen-akhir in ~/angkatan-1 (still there). For batch 2 the trainer copies the
    folder and brings in batch 2's roster, numbered p01, p02 like every batch (the kit updates
    p01's and p02's NAMES: other people). `release asesmen-akhir` must ask which batch this is,
    or draw batch 2's own form; and when the trainer says `--angkatan-baru`, a new form always.
    Measured on main: no question, batch 1's form kept (same keys), with or without the flag:
    the copy's ids are all in the original's roster, so own_forms_for_a_copy returns early."""
    from alaskaki.errors import AlaskakiError
    from alaskaki.workshop.release import release_module

    one, ws = _batch2_copy(sat_batch1, tmp_path, how)
    sat = form_key(one, AKHIR)
    try:
        release_module(ws, AKHIR, due="2026-12-08 17:00", angkatan=angkatan)
    except AlaskakiError as asked:
        assert angkatan is None, f"--angkatan-baru given and still refused: {asked}"
        assert "--angkatan-baru" in str(asked), str(asked)
        assert same_form(sat, form_key(ws.root, AKHIR)), "nothing changes before the answer"
        return
    assert not same_form(sat, form_key(ws.root, AKHIR)), "batch 2 got the post-test batch 1 sat"
    assert same_form(sat, form_key(one, AKHIR)), "batch 1's own form never changes"


def test_a_batch_1_card_never_opens_batch_2s_post_test(sat_batch1, tmp_path):
    """Batch 1's p01 has his card (post-test token column). Batch 2's p01 is another person in the
    copy, released for batch 2 with `--angkatan-baru` (the trainer's word that these are new
    people). The token proves who handed a sheet in; batch 1's p01 must not be able to hand in a
    sheet (a blank one over batch 2's p01's work, or one for him) that passes as batch 2's p01."""
    from alaskaki.workshop.release import issue_tokens, release_module

    one, ws = _batch2_copy(sat_batch1, tmp_path, "impor")
    from alaskaki.workshop.course import Workshop

    old_card = issue_tokens(Workshop(one), AKHIR)["p01"]
    release_module(ws, AKHIR, due="2026-12-08 17:00", angkatan="baru")
    assert issue_tokens(ws, AKHIR)["p01"] != old_card


def test_a_new_person_under_a_reused_id_never_inherits_the_earlier_persons_results(
    released_akhir, tmp_path
):
    """Batch 1's p01 (Siti Aminah) sat asesmen-akhir, all right (37/37), round closed. The trainer
    copies the folder for batch 2 and imports batch 2's roster, numbered p01, p02 again: the kit
    says "2 diperbarui" and nothing else. Batch 2's p01, Dwi Lestari, has handed in nothing. Her
    status and her rapor must not show Siti's work: `roster import` refuses or asks (a participant
    with work in the folder who gets another person's name), or Dwi starts with nothing."""
    import nbformat

    from alaskaki.errors import AlaskakiError
    from alaskaki.workshop import collect_module, demo, grade, putaran, workshop_status
    from alaskaki.workshop.course import Workshop
    from alaskaki.workshop.roster import import_roster

    base, source, given = released_akhir
    one = Workshop(own_place(base.root, tmp_path / "angkatan-1"))
    stick = tmp_path / "usb"
    stick.mkdir()
    nbformat.write(
        demo.simulate_submission(source, given, "p01", 1.0, AKHIR), stick / f"p01_{AKHIR}.ipynb"
    )
    collect_module(one, AKHIR, source=stick, received="2026-12-01 15:00", tanpa_token=True)
    graded = grade(one, AKHIR, progress=False, workers=1).by_participant()["p01"]
    assert graded.score == graded.max_score == 37
    putaran.tutup(one.root, AKHIR)
    two = tmp_path / "angkatan-2"
    subprocess.run(["cp", "-a", str(one.root), str(two)], check=True)
    ws = Workshop(two)
    csv = tmp_path / "angkatan-2.csv"
    csv.write_text(BATCH2_SAME_IDS, encoding="utf-8")
    try:
        import_roster(ws, csv)
    except AlaskakiError as asked:
        assert {p.id: p.nama for p in ws.participants()}["p01"] == "Siti Aminah", "nothing written"
        said = str(asked)
        assert "p01" in said and "Siti Aminah" in said and "Dwi Lestari" in said, said
        assert "--perbaiki-nama p01" in said and "id baru" in said, said
        return
    row = {e.peserta: e for e in workshop_status(ws, modul=AKHIR).entries}["p01"]
    assert row.nama == "Dwi Lestari"
    assert not row.dinilai and row.dikumpulkan is None, (row.nama, row.nilai, row.nilai_maks)


def test_a_copy_for_the_same_batch_keeps_the_cards_and_a_new_batch_is_told_to_print_new_ones(
    sat_batch1, tmp_path, capsys
):
    """R67's other half: the token secret changes only for a new batch. A copy for the same
    people (the same ids AND names: a backup, the batch going on in another folder) keeps every
    card valid; a copy released with --angkatan-baru says the cards must be printed anew."""
    from alaskaki.workshop.course import Workshop, own_forms_for_a_copy
    from alaskaki.workshop.release import issue_tokens, release_module

    one = own_place(sat_batch1, tmp_path / "angkatan-1")
    same = tmp_path / "cadangan"
    subprocess.run(["cp", "-a", str(one), str(same)], check=True)
    cards = issue_tokens(Workshop(one), AKHIR)
    for angkatan in (None, "sama"):  # what release asks first, before any form goes out
        assert not own_forms_for_a_copy(Workshop(same), AKHIR, angkatan)
    assert issue_tokens(Workshop(same), AKHIR) == cards, "the same batch's cards stay valid"
    assert same_form(form_key(one, AKHIR), form_key(same, AKHIR))

    two = tmp_path / "angkatan-2"
    subprocess.run(["cp", "-a", str(one), str(two)], check=True)
    capsys.readouterr()
    release_module(Workshop(two), AKHIR, due="2026-12-08 17:00", angkatan="baru")
    said = capsys.readouterr().err
    assert "kunci token juga dibuat baru" in said and "alaskaki kartu" in said, said
    fresh = issue_tokens(Workshop(two), AKHIR)
    assert set(fresh) == set(cards) and not set(fresh.values()) & set(cards.values())
    assert issue_tokens(Workshop(one), AKHIR) == cards, "batch 1's own cards never change"


@pytest.mark.parametrize("angkatan", [None, "baru"], ids=["tanpa_jawaban", "angkatan_baru"])
def test_with_batch_1s_folder_gone_the_reused_ids_still_never_get_its_sat_form(
    sat_batch1, tmp_path, angkatan
):
    """R66 with the original gone (the copy carried to another laptop, batch 1's folder deleted):
    the record of whom the form went to (penilaian/<form>-dibagikan.json, ids and names) still
    tells batch 2's p01, p02 from batch 1's. Release asks, or draws batch 2's own form."""
    import shutil

    from alaskaki.errors import AlaskakiError
    from alaskaki.workshop.release import release_module

    one, ws = _batch2_copy(sat_batch1, tmp_path, "ganti")
    sat = form_key(one, AKHIR)
    shutil.rmtree(one)
    try:
        release_module(ws, AKHIR, due="2026-12-08 17:00", angkatan=angkatan)
    except AlaskakiError as asked:
        assert angkatan is None, f"--angkatan-baru given and still refused: {asked}"
        assert "--angkatan-baru" in str(asked), str(asked)
        assert same_form(sat, form_key(ws.root, AKHIR)), "nothing changes before the answer"
        return
    assert not same_form(sat, form_key(ws.root, AKHIR)), "batch 2 got the post-test batch 1 sat"
