"""course.own_forms_for_a_copy judges each uji form of a copied workshop by its own evidence
(red team session 7, folder report; the slow end-to-end cases with real releases are
tests/integration/test_attack_copied_template_released.py).

The evidence is written by hand (release/, submitted/, the print marker) and drawing a form is
replaced by a stub, so each case costs a folder copy: only the decision is under test here.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from alaskaki import paths
from alaskaki.errors import AlaskakiError

AWAL, AKHIR = "asesmen-awal", "asesmen-akhir"
HEADER = "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"
BATCH2 = (
    HEADER + "q01,Dwi Lestari,UD Alas Kaki Sentanan,Sentanan,P,pemilik\n"
    "p05,Rina Wulandari,UD Alas Kaki Sentanan,Sentanan,P,penjahit\n"
)  # p05: batch 1's Rina Wulandari (the same id AND name: the same person) joins batch 2


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    from alaskaki.workshop.course import init_workshop

    ws = init_workshop(
        tmp_path_factory.mktemp("asal") / "angkatan-1",
        roster=paths.dataset("contoh_peserta.csv"),
        modules=[AWAL, AKHIR],
    )
    return ws.root


@pytest.fixture
def course(monkeypatch):
    from alaskaki.workshop import course

    def drawn(ws, modul, dest, rahasia):  # a stub form: the decision is under test, not the draw
        dest.mkdir(parents=True)
        (dest / f"{modul}.ipynb").write_text('{"cells": [], "baru": true}', encoding="utf-8")

    monkeypatch.setattr(course, "_build_module", drawn)
    return course


def _original(made: Path, tmp_path: Path):
    from alaskaki.workshop.course import Workshop

    ws = Workshop(shutil.copytree(made, tmp_path / "angkatan-1", symlinks=True))
    ws.record_origin()
    return ws


def _copy(ws, tmp_path: Path, name: str = "angkatan-2"):
    from alaskaki.workshop.course import Workshop

    return Workshop(shutil.copytree(ws.root, tmp_path / name, symlinks=True))


def _write(path: Path, text: str, *, age: int = 0) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if age:
        t = path.stat().st_mtime - age
        os.utime(path, (t, t))


def _sheet(ws, pid: str, modul: str, text: str, *, age: int = 0) -> None:
    _write(ws.submitted(pid, modul) / f"{modul}.ipynb", text, age=age)


def _batch2(ws, tmp_path: Path, *, replace: bool = False) -> None:
    from alaskaki.roster import read_roster, write_roster
    from alaskaki.workshop.roster import import_roster

    csv = tmp_path / "angkatan-2.csv"
    csv.write_text(BATCH2, encoding="utf-8")
    if replace:  # the trainer wrote batch 2's peserta.csv over batch 1's
        write_roster(read_roster(csv), ws.roster_file)
    else:
        import_roster(ws, csv)  # merged: batch 1's ids stay


def _redrawn(ws) -> set[str]:
    return {m for m in (AWAL, AKHIR) if '"baru": true' in ws.source_notebook(m).read_text()}


def test_a_sheet_that_came_along_is_batch_1s_even_for_an_id_in_both_rosters(
    made, tmp_path, course, capsys
):
    """p05 was Belum Kompeten in batch 1 and joins batch 2: batch 1's sheet in the copy is the
    original's, so the form is batch 1's; batch 2's own sheet (q01) keeps the other form."""
    one = _original(made, tmp_path)
    _write(one.release_notebook(AWAL), "{}")
    _write(one.release_notebook(AKHIR), "{}")
    for modul in (AWAL, AKHIR):
        _sheet(one, "p05", modul, '{"angkatan": 1}', age=3600)
    two = _copy(one, tmp_path)
    _batch2(two, tmp_path)
    _sheet(two, "q01", AWAL, '{"angkatan": 2}')
    assert course.own_forms_for_a_copy(two) is True
    assert _redrawn(two) == {AKHIR}
    said = capsys.readouterr().err
    assert "asesmen-awal tetap: sudah sampai ke peserta folder ini (q01)" in said, said
    assert "asesmen-akhir dibuat baru" in said and str(one.root) in said, said


def test_batch_1s_later_work_in_the_original_does_not_make_the_copys_sheet_its_own(
    made, tmp_path, course
):
    one = _original(made, tmp_path)
    _write(one.release_notebook(AKHIR), "{}")
    _sheet(one, "p05", AKHIR, '{"dikumpulkan": 1}', age=3600)
    two = _copy(one, tmp_path)
    _sheet(one, "p05", AKHIR, '{"dikumpulkan": 2}')  # collected again in batch 1's folder
    _batch2(two, tmp_path)
    assert course.own_forms_for_a_copy(two) is True
    assert _redrawn(two) == {AWAL, AKHIR}


def test_a_form_printed_in_the_copy_is_kept_one_printed_in_the_original_is_not(
    made, tmp_path, course
):
    one = _original(made, tmp_path)
    course.mark_printed(one, AKHIR)  # batch 1's paper forms
    two = _copy(one, tmp_path)
    _batch2(two, tmp_path)
    course.mark_printed(two, AWAL)  # printed in the copy (kept everything then: a backup)
    assert course.own_forms_for_a_copy(two) is True
    assert _redrawn(two) == {AKHIR}


def test_with_the_original_gone_the_roster_decides_and_the_rest_takes_the_safe_side(
    made, tmp_path, course, capsys
):
    one = _original(made, tmp_path)
    _write(one.release_notebook(AWAL), "{}")
    _sheet(one, "p01", AWAL, "{}")
    _write(one.release_notebook(AKHIR), "{}")
    merged, replaced = _copy(one, tmp_path, "digabung"), _copy(one, tmp_path, "diganti")
    shutil.rmtree(one.root)
    _batch2(replaced, tmp_path, replace=True)
    capsys.readouterr()
    assert course.own_forms_for_a_copy(replaced) is True
    assert _redrawn(replaced) == {AWAL, AKHIR}  # p01 is not in this roster; akhir: release only
    said = capsys.readouterr().err
    assert "hanya dari peserta yang tidak ada di daftar folder ini (p01)" in said, said
    assert "tidak dapat mengetahui untuk angkatan mana formulir asesmen-akhir" in said, said
    # batch 1's ids kept by a merged import: the sheet names this roster, so the form is kept,
    # and the one thing that could not be checked is said, with the way out
    _batch2(merged, tmp_path)
    assert course.own_forms_for_a_copy(merged) is True
    assert _redrawn(merged) == {AKHIR}
    said = capsys.readouterr().err
    assert "tidak dapat memastikan" in said and "alaskaki init FOLDER_BARU --roster" in said


def test_a_redrawn_form_starts_afresh_and_nothing_of_the_old_one_is_deleted(made, tmp_path, course):
    from alaskaki.folder import STATE_DIR
    from alaskaki.workshop import putaran

    one = _original(made, tmp_path)
    _write(one.release_notebook(AWAL), '{"rilis": 1}')
    _write(one.personal(AWAL) / f"p01_{AWAL}.ipynb", '{"pribadi": 1}')
    _write(putaran.archived_form(one.root, AWAL, 1), '{"putaran": 1}')
    (one.root / putaran.STATE_FILE).write_text(
        json.dumps(
            {AWAL: {"nomor": 2, "ditutup": "2026-12-01T10:00:00+00:00", "peserta": ["p01"]}}
        ),
        encoding="utf-8",
    )
    old_form = one.source_notebook(AWAL).read_bytes()
    two = _copy(one, tmp_path)
    _batch2(two, tmp_path)
    assert course.own_forms_for_a_copy(two) is True
    assert not two.release(AWAL).exists() and not two.personal(AWAL).exists()
    assert not putaran.archived_form(two.root, AWAL, 1).exists()
    p = putaran.read_round(two.root, AWAL)
    assert (p.nomor, p.terbuka, p.peserta) == (1, True, None)
    aside = {f.read_bytes() for f in (two.root / STATE_DIR).rglob("*") if f.is_file()}
    assert {old_form, b'{"rilis": 1}', b'{"pribadi": 1}', b'{"putaran": 1}'} <= aside
    assert any(b'"ditutup": "2026-12-01T10:00:00+00:00"' in b for b in aside)
    assert putaran.read_round(one.root, AWAL).nomor == 2  # batch 1's record untouched


def test_an_id_of_the_original_with_another_name_is_another_person_whom_release_asks_about(
    made, tmp_path, course, capsys
):
    """R66: batch 2 numbered from p01 again. p05 (Rina Wulandari, the same id and name) joins;
    p06 is batch 1's id with another name: another person, whom batch 1's form never reached.
    Judged by ids only, everyone in the copy was "handed out to" and the form was kept with no
    question; now release asks, names p06's reuse, and changes nothing before the answer."""
    one = _original(made, tmp_path)
    _write(one.release_notebook(AKHIR), "{}")
    _sheet(one, "p05", AKHIR, '{"angkatan": 1}', age=3600)
    two = _copy(one, tmp_path)
    p05 = BATCH2.splitlines()[2]  # no q01: every id of the copy is in the original's roster
    (tmp_path / "b2.csv").write_text(f"{HEADER}{p05}\np06,Tono Hartono,UD X,Miji,L,penjahit\n")
    from alaskaki.roster import read_roster, write_roster

    write_roster(read_roster(tmp_path / "b2.csv"), two.roster_file)
    before = two.source_notebook(AKHIR).read_bytes()
    with pytest.raises(AlaskakiError) as asked:
        course.own_forms_for_a_copy(two, AKHIR)
    said = str(asked.value)
    assert "p06 ada di lokakarya asal dengan nama lain" in said and "--angkatan-baru" in said, said
    assert two.source_notebook(AKHIR).read_bytes() == before
    batch1_key = one.pseudonym_secret()
    assert two.pseudonym_secret() == batch1_key  # the copy carried batch 1's pseudonym key
    assert course.own_forms_for_a_copy(two, AKHIR, "baru") is True
    assert AKHIR in _redrawn(two)
    # another batch: p06 (another person with batch 1's id) gets another pseudonym in the
    # copy's anonymous reports; batch 1's key is kept aside, not deleted
    capsys.readouterr()
    assert two.pseudonym_secret() != batch1_key == one.pseudonym_secret()
    assert "kunci nama samaran" not in capsys.readouterr().err  # a new batch, not a lost key
    assert [p.read_text().strip() for p in two.state_dir.glob("kunci-samaran.txt-salinan-*")] == [
        batch1_key
    ]
