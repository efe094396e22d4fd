"""Red team (session 8): collect, the SECOND turn (no grading here; see the integration file of the
same name for the graded ones).

A first collect installed each participant's work; then participants hand in again: a file for a
friend that is not a notebook at all, a return to their first version, a duplicate. What must hold:
nothing collected is lost or replaced by someone else, the newest valid version is the one
installed, and the trainer is told by name. Tiny notebooks shaped like a module's
(``tests/unit/workshop/test_collect.py``), a real workshop, the real ``collect_module``.
"""

from __future__ import annotations

import pytest

from alaskaki.workshop import collect_module, import_roster, init_workshop
from tests.unit.workshop.test_collect import MOD, T1, T2, T3, nb_bytes, put, stamp, submitted

pytestmark = pytest.mark.slow  # each test creates an nbgrader gradebook

FORM = "asesmen-akhir"
HEADER = "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"


@pytest.fixture
def ws(tmp_path):
    ws = init_workshop(tmp_path / "ws", modules=[MOD, FORM])
    roster = tmp_path / "r.csv"
    roster.write_text(
        HEADER + "".join(f"{p},Nama {p},A,Miji,P,admin\n" for p in ("p01", "p02", "p05"))
    )
    import_roster(ws, roster)
    return ws


# Files that are not a readable notebook: what a participant with no skill makes with a text
# editor, an empty file, a truncated copy, or JSON that is not a notebook.
NOT_A_NOTEBOOK = {
    "kosong": b"",
    "json-kosong": b"{}",
    "terpotong": b'{"cells": [{"cell_type": "code", "source": "x',
    "teks": b"saya lupa password",
}


@pytest.mark.parametrize("modul", [MOD, FORM])
@pytest.mark.parametrize("kind", sorted(NOT_A_NOTEBOOK))
def test_an_unreadable_file_named_for_a_friend_never_replaces_their_work(ws, tmp_path, modul, kind):
    """Tokens are issued (`alaskaki kartu`): a file for p02 must carry p02's token. p02 hands in his
    work at 15:00 (his token in it). At 16:00 p05, who has no skill and no token of p02's, puts a
    file named ``p02_<modul>.ipynb`` on his stick: an empty file, ``{}``, a cut copy or a line of
    text. collect reads no token from it (it is not a notebook) and, since only a readable
    notebook's token is checked, takes it as p02's newest version: installed over p02's work
    ("tidak terbaca sebagai notebook; tetap dikumpulkan (dinilai 0 dan ditandai)"). The next
    `grade` gives p02 a 0; on asesmen-akhir in round 1 the same holds for his uji sheet. p02's
    work stays in arsip/ but no command installs an older version again. A file whose token cannot
    be read must be held (like a notebook with no token), never installed over someone's work.

    FINDING R38, fixed session 8: such a file is held (``tertahan/``, named with the participant);
    a token check that cannot be done counts as failed."""
    from alaskaki.workshop.release import issue_tokens, participant_token

    issue_tokens(ws)
    token = participant_token(ws, "p02", modul)
    mine = tmp_path / "usb-p02"
    put(mine, f"p02_{modul}.ipynb", nb_bytes("p02", "jawaban asli", modul=modul, token=token))
    first = collect_module(ws, modul, source=mine, received=T1)
    assert first.installed == ["p02"], first
    before = submitted(ws, "p02", modul)

    stick = tmp_path / "usb-p05"
    put(stick, f"p02_{modul}.ipynb", NOT_A_NOTEBOOK[kind])
    later = collect_module(ws, modul, source=stick, received=T2)
    assert submitted(ws, "p02", modul) == before, f"p02's work replaced by a {kind} file: {later}"
    assert [h.peserta for h in later.held] == ["p02"] or later.skipped, later


def test_a_notebook_without_the_token_named_for_a_friend_is_held(ws, tmp_path):
    """The same attack with a readable notebook (p05's own copy, ID_PESERTA changed to p02, no
    token): held by name, p02's work stays installed. (The defence R38 goes around.)"""
    from alaskaki.workshop.release import issue_tokens

    tokens = issue_tokens(ws)
    mine = tmp_path / "usb-p02"
    put(mine, f"p02_{MOD}.ipynb", nb_bytes("p02", "jawaban asli", token=tokens["p02"]))
    collect_module(ws, MOD, source=mine, received=T1)
    before = submitted(ws, "p02")
    stick = tmp_path / "usb-p05"
    put(stick, f"p02_{MOD}.ipynb", nb_bytes("p02", "kosong"))
    later = collect_module(ws, MOD, source=stick, received=T2)
    assert submitted(ws, "p02") == before
    assert [h.peserta for h in later.held] == ["p02"], later
    assert "p02" in str(later.held[0]) and "TOKEN_PESERTA" in later.held[0].reason


def test_going_back_to_the_first_version_installs_it(ws, tmp_path):
    """p02 hands in version A at 15:00, then B at 16:00 ("I changed the leather price"), then at
    18:00, seeing B was wrong, hands in A again (the file he kept on his stick). His latest
    submission is A. collect finds A's bytes in the archive and skips the file as a duplicate: B
    stays installed, with B's received time, and is what `grade` judges. The trainer's summary says
    "1 file sama persis dengan yang sudah ada (dilewati)", naming neither p02 nor the file, so no
    one notices. The newest received submission must be the one installed (A, received 18:00).

    FINDING R39, fixed session 8: only the newest version (or one received at the same stated
    time, or a held file) is a duplicate; every duplicate is named with its participant. Held for
    the trainer's --pilih (R58: a copy of an old stick collected again looks the same) is fine too:
    chosen, A is installed at its received time."""
    a = nb_bytes("p02", "jawaban A")
    b = nb_bytes("p02", "jawaban B")
    for when, data in ((T1, a), (T2, b), (T3, a)):
        stick = tmp_path / f"usb-{when:%H%M}"
        put(stick, f"p02_{MOD}.ipynb", data)
        res = collect_module(ws, MOD, source=stick, received=when)
    if res.held:  # an earlier version arriving again may also wait for the trainer (R58), named
        assert [h.peserta for h in res.held] == ["p02"], res
        res = collect_module(ws, MOD, choose=[res.held[0].archived])
    assert submitted(ws, "p02") == a, (res, "B still installed")
    assert stamp(ws, "p02").startswith(f"{T3:%Y-%m-%d %H:%M}"), stamp(ws, "p02")


def test_the_same_file_handed_in_twice_changes_nothing(ws, tmp_path):
    """A duplicate of the installed version (the stick handed in twice, collect run twice): the
    first received time stays, nothing is installed again, the archive holds one version."""
    a = nb_bytes("p02", "jawaban A")
    for when in (T1, T2):
        stick = tmp_path / f"usb-{when:%H%M}"
        put(stick, f"p02_{MOD}.ipynb", a)
        res = collect_module(ws, MOD, source=stick, received=when)
    assert res.installed == [] and res.duplicates == [f"p02_{MOD}.ipynb"], res
    assert submitted(ws, "p02") == a
    assert stamp(ws, "p02").startswith(f"{T1:%Y-%m-%d %H:%M}")
    assert len(list(ws.archive("p02", MOD).glob("*.ipynb"))) == 1


def test_a_version_cut_by_a_power_cut_is_collected_again_from_the_stick(ws, tmp_path):
    """The trainer collects p02's stick at 15:00 on a laptop whose battery dies a second later (or
    on a workshop kept on a flashdisk pulled out). collect writes ``.part`` and renames it, with no
    fsync: after the power cut the archive can hold ``<time>_<sha12>.ipynb`` with 0 bytes (the
    name reached the disk, the data did not; ext4's delayed allocation, vfat). The guide says an
    interrupted collect is completed by running it again, so the trainer collects the same stick
    again. collect looks the file up by its hash in the archive's NAMES, finds the cut one, calls
    the stick's file a duplicate ("sama persis ... dilewati") and installs the 0-byte file: p02
    is graded 0, and no collect of his real file can ever replace it. An archived version must be
    what its name says (checked by its hash) before it counts as received or is installed.

    FINDING R40, fixed session 8: collect writes durably (fsync) and checks every archived copy
    against its hash; the stick's file repairs the cut copy and is installed again."""
    real = nb_bytes("p02", "jawaban asli")
    stick = tmp_path / "usb-p02"
    put(stick, f"p02_{MOD}.ipynb", real)
    collect_module(ws, MOD, source=stick, received=T1)
    # what the power cut left: the names on disk, the data not
    for path in (
        *ws.archive("p02", MOD).glob("*.ipynb"),
        ws.submitted("p02", MOD) / f"{MOD}.ipynb",
    ):
        path.write_bytes(b"")
    again = collect_module(ws, MOD, source=stick, received=T2)
    assert submitted(ws, "p02") == real, again


def test_tutup_during_a_collect_never_lets_a_new_sheet_replace_the_closed_one(ws, tmp_path):
    """Two trainers share the workshop (a hub server, or one laptop with two terminals). p01's
    asesmen-akhir was graded. Trainer A collects a stick on which p01 left a second sheet; while
    that collect runs (after it decided the round is open, before it installs), trainer B runs
    `alaskaki tutup asesmen-akhir`: the round closes with p01's graded sheet as its result. The
    collect goes on and installs the second sheet over it. The kit's own promise ("a closed
    round's result stays in submitted/"; collect holds any later file) is broken: the engine now
    counts p01's closed result as replaced (belum dinilai, no rapor line), and the grader refuses
    the new sheet. Here the race is made exact with collect's fault hook (tutup runs at the step
    where the first file is archived); a lock on the workshop's writers, or the check repeated
    under one, closes it.

    FINDING R45: this scenario passes since session 8 through R48's fix (a new file of a sheet
    graded in this round is held before `tutup` too, so the race finds nothing to install). There
    is still no lock between workshop writers; other races (e.g. `tutup` during `grade`) are not
    covered by this test."""
    import hashlib

    from alaskaki.workshop import collect as collect_mod
    from alaskaki.workshop import putaran
    from alaskaki.workshop.grading.record import write_marker

    first = tmp_path / "usb-1"
    put(first, f"p01_{FORM}.ipynb", nb_bytes("p01", "lembar pertama", modul=FORM))
    collect_module(ws, FORM, source=first, received=T1, tanpa_token=True)
    graded = submitted(ws, "p01", FORM)
    form = hashlib.sha256(ws.source_notebook(FORM).read_bytes()).hexdigest()
    write_marker(  # what the grader leaves for the sheet it judged
        ws.root,
        FORM,
        "p01",
        {"key": "x", "score": 30.0, "max_score": 37.0, "formulir": form}
        | {"jawaban_dari": hashlib.sha256(graded).hexdigest()},
    )

    def trainer_b_closes(step):
        if step == "arsip.asal" and putaran.read_round(ws.root, FORM).terbuka:
            putaran.tutup(ws.root, FORM)

    second = tmp_path / "usb-2"
    put(second, f"p01_{FORM}.ipynb", nb_bytes("p01", "lembar kedua", modul=FORM))
    collect_mod._fault = trainer_b_closes
    try:
        collect_module(ws, FORM, source=second, received=T2, tanpa_token=True)
    finally:
        collect_mod._fault = None
    assert not putaran.read_round(ws.root, FORM).terbuka
    assert submitted(ws, "p01", FORM) == graded, "the closed, graded sheet was replaced"


# JSON that parses and has a list of cells, but not as Jupyter writes it: what a participant gets
# from a text editor, an online "JSON fixer" or another tool's export.
ODD_NOTEBOOKS = {
    "sumber-angka": b'{"cells": [{"cell_type": "code", "source": [1, 2], "metadata": {}}]}',
    "surrogat": b'{"cells": [{"cell_type": "code", "source": "ID_PESERTA = \\"\\ud800\\"", '
    b'"metadata": {}}]}',
}


@pytest.mark.parametrize("kind", sorted(ODD_NOTEBOOKS))
def test_one_odd_notebook_never_stops_the_collect_of_the_batch(ws, tmp_path, kind, capsys):
    """Second turn of m3: the trainer collects a folder with p02's new version and p01's file,
    which p01 "repaired" in a text editor after Jupyter said it could not open it: valid JSON, a
    list of cells, but a cell's source is a list of numbers (or an ID written as a lone surrogate
    escape). `alaskaki collect` stops with "galat tak terduga (TypeError: sequence item 0 ...)":
    p02's version is not collected either, and the message names neither file nor participant.
    One bad file must be refused or held by name; the rest of the batch collected.

    FINDING R46, fixed session 8: such JSON is read as not a notebook (named; held over collected
    work, R38), the rest of the batch is collected."""
    from alaskaki.cli import main

    put(tmp_path / "usb-1", f"p02_{MOD}.ipynb", nb_bytes("p02", "versi 1"))
    collect_module(ws, MOD, source=tmp_path / "usb-1", received=T1)
    batch = tmp_path / "usb-2"
    put(batch, f"p01_{MOD}.ipynb", ODD_NOTEBOOKS[kind])
    put(batch, f"p02_{MOD}.ipynb", nb_bytes("p02", "versi 2"))
    code = main(
        ["collect", MOD, "--from", str(batch), "--diterima", "2026-12-01 16:00"]
        + ["--workshop", str(ws.root)]
    )
    out = capsys.readouterr()
    assert "tak terduga" not in out.err, out.err
    assert submitted(ws, "p02") == nb_bytes("p02", "versi 2"), (code, out)
    assert f"p01_{MOD}.ipynb" in out.out + out.err, out


def test_a_cut_round_record_keeps_the_round_closed(ws, tmp_path):
    """The trainer closes asesmen-akhir (`tutup`) on a laptop whose battery dies a moment later:
    uji.json, renamed into place without fsync, is left with 0 bytes. Every later collect or grade
    of the form says "uji.json rusak ... kembalikan dari cadangan lokakarya", but cadangan/ holds
    gradebooks only; the trainer deletes the broken file to go on, and round 1 is open again: p05's
    sheet handed in after the rapor went out is installed (and graded with the spent key). The
    record of a closed round must survive a power cut (written durably, with a copy the kit reads
    when the file is broken), so the round stays closed.

    FINDING R57, fixed session 9: uji.json is written with fsync, its copy cadangan/uji.json first;
    a cut, emptied or deleted uji.json is put back from the copy."""
    from alaskaki.errors import AlaskakiError
    from alaskaki.workshop import putaran

    putaran.tutup(ws.root, FORM)
    (ws.root / putaran.STATE_FILE).write_bytes(b"")  # what the power cut leaves
    stick = tmp_path / "usb-p05"
    put(stick, f"p05_{FORM}.ipynb", nb_bytes("p05", "sesudah rapor", modul=FORM))
    try:
        res = collect_module(ws, FORM, source=stick, received=T3, tanpa_token=True)
    except AlaskakiError as refused:  # refused is safe only when the way it names exists
        assert list(ws.root.glob("cadangan/*uji*")), f"no backup of uji.json: {refused}"
        return
    assert [h.peserta for h in res.held] == ["p05"], res


def test_collecting_a_fresh_copy_of_an_old_stick_never_reverts_anyone(ws, tmp_path):
    """The trainer copies each flashdisk to his laptop before collecting (`cp -r /media/usb
    ~/kumpul-1`). At 15:00 he collects the first copy (p02's version A), at 16:00 a second stick
    (p02's version B, his last). In the evening, unsure whether the first stick was collected, he
    copies it again (`cp -r`, new file times) and collects that: since R39's fix an earlier
    version handed in as a new copy is a new receipt, so A is installed over B at the evening's
    time (late), with only a note. p02 did not hand anything in again. An earlier version that
    arrives again must not replace a later one without the trainer's choice (held, like the very
    copy collected again).

    FINDING R58, fixed session 8: an earlier version arriving later than the newest is held,
    named, for the trainer's --pilih."""
    import shutil

    a = nb_bytes("p02", "jawaban A")
    b = nb_bytes("p02", "jawaban B")
    stick1 = tmp_path / "media-usb-1"
    put(stick1, f"p02_{MOD}.ipynb", a, mtime="2026-12-01 14:50")
    first = tmp_path / "kumpul-1"
    first.mkdir()
    shutil.copy(stick1 / f"p02_{MOD}.ipynb", first)  # cp: a new file time
    collect_module(ws, MOD, source=first, received=T1)
    second = tmp_path / "kumpul-2"
    put(second, f"p02_{MOD}.ipynb", b)
    collect_module(ws, MOD, source=second, received=T2)
    assert submitted(ws, "p02") == b

    again = tmp_path / "kumpul-1-lagi"
    again.mkdir()
    put(again, f"p02_{MOD}.ipynb", a, mtime="2026-12-01 19:30")  # copied again, later
    res = collect_module(ws, MOD, source=again, received=T3)
    assert submitted(ws, "p02") == b, res
