"""Rounds of an uji form (red team R5c): no rapor while open, late work refused, a retake's new form.

No grading here: a graded submission is what the grader leaves (its done-marker beside the file);
the full attack with real grading is tests/integration/test_attack_key_reach.py::
test_pooled_rapor_gives_no_key.
"""

from __future__ import annotations

import json
import shutil

import pytest

from alaskaki import paths
from alaskaki.errors import AlaskakiError
from alaskaki.workshop import putaran
from alaskaki.workshop.course import init_workshop
from alaskaki.workshop.grading.record import write_marker

FORM = "asesmen-akhir"


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    return init_workshop(
        tmp_path_factory.mktemp("putaran") / "lokakarya",
        roster=paths.dataset("contoh_peserta.csv"),
        modules=[FORM],
        rahasia_soal="uji-putaran",
    )


@pytest.fixture
def ws(base, tmp_path):
    return type(base)(shutil.copytree(base.root, tmp_path / "lokakarya"))


def _hand_in(ws, pid: str, text: str, graded: bool = True) -> None:
    d = ws.submitted(pid, FORM)
    d.mkdir(parents=True, exist_ok=True)
    (d / f"{FORM}.ipynb").write_text(text, encoding="utf-8")
    if graded:
        write_marker(ws.root, FORM, pid, {"key": "x", "score": 3.0, "max_score": 37.0})


def test_no_rapor_while_the_round_is_open_and_late_work_is_refused_by_name(ws):
    _hand_in(ws, "p01", "jawaban p01")
    with pytest.raises(AlaskakiError, match="alaskaki tutup asesmen-akhir"):
        putaran.check_rapor([ws.root])
    from alaskaki.cli import main

    assert main(["report", "--rapor", "-w", str(ws.root)]) != 0
    assert not list(ws.root.glob("laporan/**/*.*")), "refused before anything is written"
    assert putaran.refusals(ws.root, FORM, ["p01"]) == {}  # open: everything is graded
    p = putaran.tutup(ws.root, FORM)
    assert not p.terbuka and set(p.dinilai) == {"p01"}
    putaran.check_rapor([ws.root])  # closed: the rapor may go out
    _hand_in(ws, "p02", "jawaban p02 sesudah rapor", graded=False)
    refused = putaran.refusals(ws.root, FORM, ["p01", "p02"])
    assert "p01" not in refused  # the very work graded before closing
    kept, sentence = refused["p02"]
    assert (
        not kept and "p02" in sentence and "alaskaki ulang asesmen-akhir --peserta p02" in sentence
    )
    _hand_in(ws, "p01", "jawaban p01 diganti sesudah rapor", graded=False)
    kept, sentence = putaran.refusals(ws.root, FORM, ["p01"])["p01"]
    assert not kept and "p01" in sentence and "ditutup" in sentence
    assert json.loads((ws.root / "uji.json").read_text(encoding="utf-8"))[FORM]["ditutup"]


def test_a_retake_sits_a_new_form_with_its_own_key_and_the_others_keep_theirs(ws):
    from alaskaki_kunci.bengkel import kunci_form

    old_key = {r["grade_id"]: r["harapan"] for r in kunci_form(ws.source_notebook(FORM))}
    old_text = ws.source_notebook(FORM).read_text(encoding="utf-8")
    _hand_in(ws, "p01", "jawaban p01")
    with pytest.raises(AlaskakiError, match="masih terbuka"):
        putaran.ulang(ws.root, FORM, ["p02"])
    putaran.tutup(ws.root, FORM)
    with pytest.raises(AlaskakiError, match="p99"):
        putaran.ulang(ws.root, FORM, ["p99"])
    p, form = putaran.ulang(ws.root, FORM, ["p02"])
    assert p.nomor == 2 and p.terbuka and p.peserta == ["p02"]
    assert (ws.state_dir / "putaran" / f"{FORM}-1.ipynb").read_text(encoding="utf-8") == old_text
    new_key = {r["grade_id"]: r["harapan"] for r in kunci_form(form)}
    assert new_key.keys() == old_key.keys() and form.read_text(encoding="utf-8") != old_text
    same = sum(new_key[g] == old_key[g] for g in old_key)
    assert same <= len(old_key) // 2, f"{same} of {len(old_key)} answers as on the closed form"
    _hand_in(ws, "p02", "jawaban ulang p02", graded=False)
    _hand_in(ws, "p03", "jawaban p03", graded=False)
    refused = putaran.refusals(ws.root, FORM, ["p01", "p02", "p03"])
    assert "p02" not in refused
    assert refused["p01"][0] is True and "putaran 1" in refused["p01"][1]  # result stands
    assert refused["p03"][0] is False and "p02" in refused["p03"][1]
    # a rapor waits for the retake round to close too, once it has graded work
    write_marker(ws.root, FORM, "p02", {"key": "y", "score": 20.0, "max_score": 37.0})
    with pytest.raises(AlaskakiError, match="putaran 2"):
        putaran.check_rapor([ws.root])


def _graded_marker(ws, pid: str) -> None:
    """A marker as the grader writes it: the form that judged the file, and the file."""
    import hashlib

    sha = lambda path: hashlib.sha256(path.read_bytes()).hexdigest()  # noqa: E731
    nb = ws.submitted(pid, FORM) / f"{FORM}.ipynb"
    write_marker(
        ws.root,
        FORM,
        pid,
        {
            "key": "x",
            "score": 37.0,
            "max_score": 37.0,
            "formulir": sha(ws.source_notebook(FORM)),
            "jawaban_dari": sha(nb),
        },
    )


@pytest.mark.parametrize("stop", ["sebelum dicatat", "sesudah dicatat", "sesudah formulir"])
def test_an_interrupted_retake_is_finished_by_running_it_again(ws, monkeypatch, stop):
    """Red team R20: Ctrl-C anywhere in `ulang` leaves a state the grader reads right, and `ulang`
    again finishes the same round without archiving the new form as the old one."""
    import alaskaki_kunci.generate as generate

    old_text = ws.source_notebook(FORM).read_text(encoding="utf-8")
    _hand_in(ws, "p01", "jawaban p01")
    _hand_in(ws, "p02", "jawaban p02")
    _graded_marker(ws, "p01")
    putaran.tutup(ws.root, FORM)
    writes = []
    real_write, real_form = putaran._write, generate.tulis_form_bengkel

    def write(root, p):
        writes.append(p.dibuat)
        if (stop == "sebelum dicatat") or (stop == "sesudah formulir" and len(writes) == 2):
            raise KeyboardInterrupt
        real_write(root, p)

    def form(*args):
        if stop == "sesudah dicatat":
            raise KeyboardInterrupt
        return real_form(*args)

    monkeypatch.setattr(putaran, "_write", write)
    monkeypatch.setattr(generate, "tulis_form_bengkel", form)
    with pytest.raises(KeyboardInterrupt):
        putaran.ulang(ws.root, FORM, ["p02"])
    monkeypatch.undo()
    # whatever state it stopped in: p01's closed work is never graded again
    refused = putaran.refusals(ws.root, FORM, ["p01", "p02"])
    assert refused.get("p01", (True, ""))[0] is True
    if putaran.read_round(ws.root, FORM).dibuat:
        with pytest.raises(AlaskakiError, match="alaskaki ulang asesmen-akhir --peserta p02"):
            putaran.ulang(ws.root, FORM, ["p03"])
        assert "p01" in refused and "p02" in refused  # nothing graded until the form is made
    p, made = putaran.ulang(ws.root, FORM, ["p02"])
    assert p.nomor == 2 and p.peserta == ["p02"] and not p.dibuat
    archived = ws.state_dir / "putaran" / f"{FORM}-1.ipynb"
    assert archived.read_text(encoding="utf-8") == old_text
    assert made.read_text(encoding="utf-8") != old_text
    assert not list((ws.state_dir / "putaran").glob(".*-baru"))
    assert putaran.refusals(ws.root, FORM, ["p01"])["p01"][0] is True


def _lose_the_record(ws) -> None:
    """uji.json deleted as clutter, with its copy in cadangan/ (since session 9 a lost uji.json
    alone is put back from the copy; a workshop made before then has no copy)."""
    (ws.root / putaran.STATE_FILE).unlink()
    putaran._copy_path(ws.root).unlink()


def test_a_lost_uji_json_never_regrades_closed_work_with_the_retake_form(ws):
    """Red team R20: after a good `ulang`, uji.json deleted as clutter (and its copy). The grader's
    marker knows which form judged which file: the same file is not judged with the new form
    (kept, by name); new work (a retaker's sheet on the new form) is graded."""
    _hand_in(ws, "p01", "jawaban p01")
    _graded_marker(ws, "p01")
    putaran.tutup(ws.root, FORM)
    putaran.ulang(ws.root, FORM, ["p02"])
    _lose_the_record(ws)
    _hand_in(ws, "p02", "jawaban ulang p02", graded=False)
    refused = putaran.refusals(ws.root, FORM, ["p01", "p02"])
    kept, sentence = refused["p01"]
    assert kept and "p01" in sentence and "cadangan" in sentence and "uji.json" in sentence
    assert "p02" not in refused
    # a marker of another form but another file (the participant handed in anew): graded
    _hand_in(ws, "p01", "jawaban baru p01", graded=False)
    assert "p01" not in putaran.refusals(ws.root, FORM, ["p01"])


def test_the_cli_closes_and_opens_a_retake(ws, capsys):
    from alaskaki.cli import main

    _hand_in(ws, "p04", "jawaban p04 belum dinilai", graded=False)
    assert putaran.ungraded(ws.root, FORM) == ["p04"]
    assert main(["tutup", FORM, "-w", str(ws.root)]) == 0
    said = capsys.readouterr()
    assert "ditutup" in said.out and "p04" in said.err and "alaskaki ulang" in said.err
    assert main(["ulang", FORM, "--peserta", "p05", "-w", str(ws.root)]) == 0
    out = capsys.readouterr().out
    assert "putaran 2" in out and "p05" in out and "alaskaki release asesmen-akhir" in out
    with pytest.raises(SystemExit):
        main(["tutup", "m3-biaya-produksi", "-w", str(ws.root)])


def test_a_retaker_gets_a_token_of_the_new_round_and_the_old_one_names_itself(ws, capsys):
    """Red team R24b: the token on a closed round's sheet (lent once it was over) does not hand in
    the retake; round 1's tokens stay as printed, the retaker's is new and printed by kartu."""
    from alaskaki.cli import main
    from alaskaki.workshop.release import issue_tokens, participant_token, token_check

    issue_tokens(ws)  # cards printed: tokens issued
    first = {p: participant_token(ws, p, FORM) for p in ("p04", "p05")}
    assert main(["tutup", FORM, "-w", str(ws.root)]) == 0
    assert main(["ulang", FORM, "--peserta", "p05", "-w", str(ws.root)]) == 0
    assert f"kartu --formulir {FORM}" in capsys.readouterr().out
    retake = participant_token(ws, "p05", FORM)
    assert retake != first["p05"] and participant_token(ws, "p04", FORM) == first["p04"]
    assert main(["kartu", "--formulir", FORM, "-w", str(ws.root)]) == 0
    out = capsys.readouterr().out
    assert retake in out and first["p05"] not in out and "putaran 2" in out
    assert token_check(ws, "p05", retake, FORM) is None
    held = token_check(ws, "p05", first["p05"], FORM)
    assert held and f"token {FORM} putaran 1 p05" in held, held


def test_collect_holds_a_closed_forms_new_file_and_keeps_the_graded_one(ws, tmp_path):
    import nbformat

    from alaskaki.workshop.collect import collect_module

    graded = nbformat.writes(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")]))
    _hand_in(ws, "p01", graded)
    putaran.tutup(ws.root, FORM)
    usb = tmp_path / "usb"
    usb.mkdir()
    later = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 2")])
    nbformat.write(later, usb / f"p01_{FORM}.ipynb")
    nbformat.write(later, usb / f"p02_{FORM}.ipynb")
    got = collect_module(ws, FORM, source=usb, tanpa_token=True)
    assert not got.collected and sorted(h.peserta for h in got.held) == ["p01", "p02"]
    assert all(h.peserta in h.reason and "ditutup" in h.reason for h in got.held)
    assert (ws.submitted("p01", FORM) / f"{FORM}.ipynb").read_text(encoding="utf-8") == graded, (
        "the graded file stays"
    )
    assert not ws.submitted("p02", FORM).exists()


def test_release_is_refused_while_a_retake_form_is_being_made(ws, monkeypatch):
    """R20 gap: `ulang` stopped after recording the round, before its form was written: source/
    still holds the closed round's form (its key possibly spent by the rapor). Releasing it then
    would hand that form to the retakers; release refuses by name with the way out."""
    import alaskaki_kunci.generate as generate
    from alaskaki.workshop.release import release_module

    _hand_in(ws, "p01", "jawaban p01")
    putaran.tutup(ws.root, FORM)

    def stop(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(generate, "tulis_form_bengkel", stop)
    with pytest.raises(KeyboardInterrupt):
        putaran.ulang(ws.root, FORM, ["p02"])
    monkeypatch.undo()
    assert putaran.read_round(ws.root, FORM).dibuat
    with pytest.raises(AlaskakiError, match="alaskaki ulang asesmen-akhir --peserta p02"):
        release_module(ws, FORM)
    assert not ws.release(FORM).exists()


def test_a_sheet_of_another_form_is_refused_by_name_old_markers_too(ws):
    """R31 and the R20 gap of markers without the form's hash: a sheet whose questions are another
    form's than source/ (a retaker's round-1 copy; closed work after uji.json was lost, graded
    before markers recorded the form) is never graded with the form now in source/: refused,
    naming the round it belongs to and the way out. A sheet of the form in source/ is graded, also
    with one question cell typed into by mistake."""
    import nbformat

    round1 = ws.source_notebook(FORM).read_text(encoding="utf-8")
    _hand_in(ws, "p01", round1, graded=False)
    # a marker as the grader wrote it before session 5: no "formulir", no "jawaban_dari"
    write_marker(ws.root, FORM, "p01", {"key": "x", "score": 37.0, "max_score": 37.0})
    putaran.tutup(ws.root, FORM)
    putaran.ulang(ws.root, FORM, ["p02", "p03"])
    round2 = nbformat.read(ws.source_notebook(FORM), as_version=4)
    _hand_in(ws, "p02", round1, graded=False)  # the retaker's old copy (R31)
    slip = nbformat.from_dict(round2)
    question = next(i for i, c in enumerate(slip.cells) if c.source.startswith("### Soal 1 "))
    slip.cells[question].source += "\nsaya kira B"
    _hand_in(ws, "p03", nbformat.writes(slip), graded=False)
    refused = putaran.refusals(ws.root, FORM, ["p01", "p02", "p03"])
    assert "p03" not in refused  # this round's form, one question cell touched
    kept, sentence = refused["p02"]
    assert not kept and "putaran 1" in sentence and "alaskaki release asesmen-akhir" in sentence
    _lose_the_record(ws)  # cleared as clutter: p01's closed work, old marker
    kept, sentence = putaran.refusals(ws.root, FORM, ["p01"])["p01"]
    assert not kept and "putaran 1" in sentence and "cadangan" in sentence
    # another workshop's form (same grade ids, other cases): refused as not this workshop's
    other = init_workshop(
        ws.root.parent / "lain", roster=paths.dataset("contoh_peserta.csv"), modules=[FORM],
        rahasia_soal="lokakarya-lain",
    )  # fmt: skip
    _hand_in(ws, "p04", other.source_notebook(FORM).read_text(encoding="utf-8"), graded=False)
    kept, sentence = putaran.refusals(ws.root, FORM, ["p04"])["p04"]
    assert not kept and "bukan soal formulir" in sentence and "p04" in sentence


@pytest.mark.parametrize("marker", ["sekarang", "lama"])
def test_a_retakers_round_one_marker_is_not_his_retake_result(ws, marker):
    """Red team R33 addendum: every retaker has a done-marker from round 1. Closing round 2 while
    his round-2 sheet is collected but not graded records nothing for him (his sheet is then
    refused by name, as `tutup` warns), and no rapor waits for a round with nothing graded. Also
    for a marker written before the grader recorded the file it judged ("lama")."""
    import os

    _hand_in(ws, "p05", "jawaban p05 putaran 1", graded=marker == "lama")
    if marker == "sekarang":
        _graded_marker(ws, "p05")
    putaran.tutup(ws.root, FORM)
    putaran.ulang(ws.root, FORM, ["p05"])
    _hand_in(ws, "p05", "jawaban p05 putaran 2", graded=False)
    nb = ws.submitted("p05", FORM) / f"{FORM}.ipynb"
    later = nb.stat().st_mtime + 60  # collected after round 1 was graded
    os.utime(nb, (later, later))
    assert putaran.ungraded(ws.root, FORM) == ["p05"]
    putaran.check_rapor([ws.root])  # round 2 has nothing graded yet: no key of its form is spent
    assert "p05" not in putaran.tutup(ws.root, FORM).dinilai
    kept, sentence = putaran.refusals(ws.root, FORM, ["p05"])["p05"]
    assert not kept and "p05" in sentence and "ditutup" in sentence


def test_each_round_keeps_its_own_due_date_in_uji_json_and_the_gradebook(ws):
    """R41 (session 8): nbgrader keeps one due date per form, the last release's. Releasing the
    retake round with its own --batas records it with the round; round 1 keeps its date (taken
    from nbgrader before the release moved it), and a round-1 sheet in the gradebook gets it back
    as nbgrader's per-participant extension, so nbgrader and the reports judge it by round 1."""
    import datetime as dt

    from alaskaki.workshop.release import release_module

    release_module(ws, FORM, due="2026-12-01 17:00")  # WIB: 10:00 UTC
    with ws.gradebook() as gb:  # p02's round-1 sheet, graded an hour late
        gb.update_or_create_student("p02")
        gb.update_or_create_submission(FORM, "p02", timestamp=dt.datetime(2026, 12, 1, 11, 0))
    _hand_in(ws, "p02", "jawaban p02 putaran 1")
    putaran.tutup(ws.root, FORM)
    putaran.ulang(ws.root, FORM, ["p05"])
    release_module(ws, FORM, due="2026-12-08 17:00")
    release_module(ws, FORM)  # released again without --batas: the round keeps its date
    p = putaran.read_round(ws.root, FORM)
    assert (p.sebelumnya[0]["batas"], p.batas) == ("2026-12-01 10:00:00", "2026-12-08 10:00:00")
    assert putaran.participant_due(ws.root, FORM, "p02") == (True, dt.datetime(2026, 12, 1, 10))
    assert putaran.participant_due(ws.root, FORM, "p05") == (True, dt.datetime(2026, 12, 8, 10))
    with ws.gradebook() as gb:
        sub = gb.find_submission(FORM, "p02")
        assert gb.find_assignment(FORM).duedate == dt.datetime(2026, 12, 8, 10)
        assert sub.duedate == dt.datetime(2026, 12, 1, 10) and sub.total_seconds_late == 3600


# ------------------------------------------------------------------ the record survives (R57)


@pytest.mark.parametrize("damage", ["kosong", "terpotong", "terhapus", "bukan teks"])
def test_a_closed_round_stays_closed_when_its_record_is_cut_or_deleted(ws, capsys, damage):
    """Red team R57: after `tutup` the laptop's battery dies (uji.json left empty or cut), or the
    trainer deletes the file he does not recognise. The copy in cadangan/ brings the record back:
    the round stays closed with its graded files, uji.json is whole again, and the trainer is told
    once which file came back from where."""
    _hand_in(ws, "p01", "jawaban p01")
    putaran.tutup(ws.root, FORM)
    path = ws.root / putaran.STATE_FILE
    good = path.read_bytes()
    assert putaran._copy_path(ws.root).read_bytes() == good
    if damage == "kosong":
        path.write_bytes(b"")
    elif damage == "terpotong":
        path.write_bytes(good[: len(good) // 2])
    elif damage == "terhapus":
        path.unlink()
    else:
        path.write_bytes(b"\xff\xfe\x00rusak")
    capsys.readouterr()
    p = putaran.read_round(ws.root, FORM)
    assert not p.terbuka and set(p.dinilai) == {"p01"}, p
    assert path.read_bytes() == good
    said = capsys.readouterr().err
    assert str(path) in said and str(putaran._copy_path(ws.root)) in said, said
    _hand_in(ws, "p02", "jawaban p02 sesudah rapor", graded=False)
    kept, sentence = putaran.refusals(ws.root, FORM, ["p02"])["p02"]
    assert not kept and "p02" in sentence, sentence


def test_the_round_record_and_its_copy_are_written_durably_copy_first(ws, monkeypatch):
    """Each write of uji.json goes temp + fsync + rename + folder fsync, the copy in cadangan/
    first: a power cut leaves each file old or new, never a name without its bytes, and uji.json
    never runs ahead of its copy."""
    synced = []
    real_fsync = putaran.os.fsync

    def fsync(fd):
        synced.append(putaran.os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    monkeypatch.setattr(putaran.os, "fsync", fsync)
    _hand_in(ws, "p01", "jawaban p01")
    putaran.tutup(ws.root, FORM)
    copy, path = putaran._copy_path(ws.root), ws.root / putaran.STATE_FILE
    data_copy = synced.index(str(copy.parent / f".{copy.name}.tmp"))
    data_main = synced.index(str(path.parent / f".{path.name}.tmp"))
    assert data_copy < data_main, synced
    assert str(copy.parent) in synced[data_copy:data_main], synced  # the copy's rename
    assert str(ws.root) in synced[data_main:], synced  # uji.json's rename
    assert copy.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("recorded", [True, False])
def test_a_failed_write_leaves_the_record_as_it_was_and_says_why(ws, monkeypatch, recorded):
    """The disk fills while `tutup` writes uji.json (after its copy): the command fails with one
    sentence naming uji.json and the cause; uji.json and its copy are as before (the round still
    open, as the failed command says), whether or not a round was recorded before; `tutup` run
    again closes it with both files alike."""
    import errno
    import os

    _hand_in(ws, "p01", "jawaban p01")
    if recorded:
        putaran.write_all(ws.root, {})  # rounds recorded before (a release records its due date)
    copy = putaran._copy_path(ws.root)
    before = copy.read_bytes() if recorded else None
    real = putaran._durable
    path = ws.root / putaran.STATE_FILE

    def full(target, data):
        if target == path:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(target, data)

    monkeypatch.setattr(putaran, "_durable", full)
    with pytest.raises(AlaskakiError, match="disk penuh") as err:
        putaran.tutup(ws.root, FORM)
    assert "uji.json" in str(err.value) and "catatan putaran uji" in str(err.value)
    monkeypatch.undo()
    assert (copy.read_bytes() if copy.exists() else None) == before
    assert putaran.read_round(ws.root, FORM).terbuka
    putaran.tutup(ws.root, FORM)
    assert not putaran.read_round(ws.root, FORM).terbuka
    assert putaran._copy_path(ws.root).read_bytes() == path.read_bytes()


def test_an_older_record_put_back_over_the_current_one_never_reopens_a_round(ws, capsys):
    """The trainer, told long ago to "restore uji.json from a backup", copies the uji.json of his
    flashdisk backup (made before `tutup`, or before `ulang`) over the current one. The copy in
    cadangan/ is further on: it is the record (rounds only move forward), put back and said."""
    _hand_in(ws, "p01", "jawaban p01")
    path = ws.root / putaran.STATE_FILE
    putaran.write_all(ws.root, {})
    before_tutup = path.read_bytes()
    putaran.tutup(ws.root, FORM)
    closed = path.read_bytes()
    path.write_bytes(before_tutup)
    capsys.readouterr()
    assert not putaran.read_round(ws.root, FORM).terbuka
    assert path.read_bytes() == closed and "lebih lama" in capsys.readouterr().err
    putaran.ulang(ws.root, FORM, ["p02"])
    path.write_bytes(closed)  # round 1 closed, from before the retake
    p = putaran.read_round(ws.root, FORM)
    assert (p.nomor, p.peserta) == (2, ["p02"]), p


def test_without_a_good_copy_a_cut_record_is_refused_naming_both_files(ws, tmp_path):
    """uji.json and its copy both broken (or a workshop from before the copy): nothing may reopen
    the closed round, so collect of the form stops with one sentence naming both files and the way
    back (a copy of the workshop folder), and installs nothing."""
    from alaskaki.workshop import collect_module
    from tests.unit.workshop.test_collect import nb_bytes, put

    _hand_in(ws, "p01", "jawaban p01")
    putaran.tutup(ws.root, FORM)
    (ws.root / putaran.STATE_FILE).write_bytes(b"")
    putaran._copy_path(ws.root).write_bytes(b'{"asesmen-akhir": ')
    stick = tmp_path / "usb"
    put(stick, f"p05_{FORM}.ipynb", nb_bytes("p05", "sesudah rapor", modul=FORM))
    with pytest.raises(AlaskakiError) as err:
        collect_module(ws, FORM, source=stick, tanpa_token=True)
    text = str(err.value)
    assert str(ws.root / putaran.STATE_FILE) in text and "juga rusak" in text, text
    assert "salinan folder lokakarya" in text and "cadangan lokakarya" not in text, text
    assert not ws.submitted("p05", FORM).exists()


def test_a_copy_for_a_new_batch_keeps_the_record_and_its_copy_alike(ws):
    """A folder copied for batch 2 puts batch 1's round aside (course._put_aside_handed_out): the
    copy in cadangan/ follows, so a later lost uji.json never brings batch 1's closed round back."""
    from alaskaki.workshop import course

    _hand_in(ws, "p01", "jawaban p01")
    putaran.tutup(ws.root, FORM)
    course._put_aside_handed_out(ws, FORM, "20261201T100000")
    (ws.root / putaran.STATE_FILE).unlink()
    p = putaran.read_round(ws.root, FORM)
    assert (p.nomor, p.terbuka) == (1, True), p
