"""Red team (session 8): the sealed uji, SECOND turn (``alaskaki tutup``, ``alaskaki ulang``).

Round 1 of asesmen-akhir is released (due 2026-12-01 17:00 WIB), handed in, closed; p05 retakes
(round 2, a new form, its own due date a week later). What must hold: a round-1 sheet keeps what
round 1 recorded (late stays late), a retaker is judged against his own round, someone not listed
cannot retake, and the careless trainer's repeats (`ulang` twice, `ulang` before `tutup`) are
refused in Indonesian with the command that helps. Real nbgrader release, the real CLI.
"""

from __future__ import annotations

import subprocess
import sys

import nbformat
import pytest

from alaskaki import paths

pytestmark = [pytest.mark.slow]

FORM = "asesmen-akhir"


def _cli(ws, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "alaskaki", *args, "--workshop", str(ws.root)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def round1(tmp_path):
    """A workshop whose round 1 is released, p01 on time, p02 an hour late (collected without
    tokens, under the trainer's eyes: --tanpa-token)."""
    from alaskaki.workshop.course import init_workshop
    from alaskaki.workshop.release import release_module

    ws = init_workshop(
        tmp_path / "lokakarya", roster=paths.dataset("contoh_peserta.csv"), modules=[FORM]
    )
    release_module(ws, FORM, due="2026-12-01 17:00")
    for pid, when in (("p01", "2026-12-01 16:00"), ("p02", "2026-12-01 18:00")):
        _hand_in(ws, tmp_path, pid, when)
    return ws


def _hand_in(ws, tmp_path, pid: str, when: str, skill: float = 0.5):
    from alaskaki.workshop import collect_module, demo

    source = nbformat.read(ws.source_notebook(FORM), as_version=4)
    given = nbformat.read(ws.release_notebook(FORM), as_version=4)
    stick = tmp_path / f"usb-{pid}-{when[-5:].replace(':', '')}-{len(list(tmp_path.iterdir()))}"
    stick.mkdir()
    nbformat.write(
        demo.simulate_submission(source, given, pid, skill, FORM), stick / f"{pid}_{FORM}.ipynb"
    )
    return collect_module(ws, FORM, source=stick, received=when, tanpa_token=True)


def _late(ws) -> dict[str, bool]:
    from alaskaki.workshop import workshop_status

    return {
        e.peserta: e.terlambat for e in workshop_status(ws, modul=FORM).entries if e.dikumpulkan
    }


def test_the_retake_rounds_due_date_leaves_round_one_late_as_late(round1, tmp_path):
    """p02 handed in round 1 an hour after its deadline (status: terlambat). The trainer closes
    round 1 (`tutup`), opens a retake for p05 (`ulang --peserta p05`) and releases the new form
    with the retake's own deadline a week later (`release asesmen-akhir --batas "2026-12-08
    17:00"`), as the guide says. nbgrader keeps one due date per assignment, so round 1's is
    overwritten: p02's late sheet now reads as on time in status and reports (and any late penalty
    of a later regrade is computed against the retake's date). Released without --batas instead,
    p05's retake sheet would be late against round 1's date. Each round must keep its own deadline
    (nbgrader's per-participant extension, or the round's due date in uji.json).

    Fixed session 8 (putaran: each round's due date in uji.json, status judges per round).
    """
    from alaskaki.workshop import putaran
    from alaskaki.workshop.release import release_module

    ws = round1
    assert _late(ws) == {"p01": False, "p02": True}
    putaran.tutup(ws.root, FORM)
    putaran.ulang(ws.root, FORM, ["p05"])
    release_module(ws, FORM, due="2026-12-08 17:00")
    _hand_in(ws, tmp_path, "p05", "2026-12-08 16:00")
    assert _late(ws) == {"p01": False, "p02": True, "p05": False}


def test_a_careless_trainers_repeats_are_refused_by_name(round1, tmp_path):
    """`ulang` before `tutup`, `ulang` twice, `ulang` for someone not on the roster: each refused
    in Indonesian with the command to run; the round on record does not move. Then someone not
    listed (p03) hands in the retake form: held, named, his round-1 result untouched."""
    ws = round1
    before = _cli(ws, "ulang", FORM, "--peserta", "p05")
    assert before.returncode != 0 and "alaskaki tutup" in before.stderr, before.stderr
    assert _cli(ws, "tutup", FORM).returncode == 0
    unknown = _cli(ws, "ulang", FORM, "--peserta", "p99")
    assert unknown.returncode != 0 and "p99" in unknown.stderr, unknown.stderr
    assert _cli(ws, "ulang", FORM, "--peserta", "p05").returncode == 0
    form2 = ws.source_notebook(FORM).read_bytes()
    twice = _cli(ws, "ulang", FORM, "--peserta", "p05", "p06")
    assert twice.returncode != 0 and "masih terbuka" in twice.stderr, twice.stderr
    assert ws.source_notebook(FORM).read_bytes() == form2  # no third form over the second
    from alaskaki.workshop import putaran

    assert putaran.read_round(ws.root, FORM).peserta == ["p05"]

    assert _cli(ws, "release", FORM, "--batas", "2026-12-08 17:00").returncode == 0
    res = _hand_in(ws, tmp_path, "p03", "2026-12-08 16:00")
    assert [h.peserta for h in res.held] == ["p03"], res
    assert "p03" in res.held[0].reason and "mengulang" in res.held[0].reason
    assert not ws.submitted("p03", FORM).exists()


def test_pulihkan_across_a_round_keeps_or_regrades_the_closed_results(tmp_path):
    """Round 1: p01 37/37, p05 fails; the trainer closes it, opens a retake for p05, releases and
    grades his round-2 sheet. Then he means to undo a mistake and runs `alaskaki pulihkan` with the
    wrong number: the backup made right after round 1's release (before any grading). The
    gradebook no longer holds p01's round-1 grades. `alaskaki grade asesmen-akhir` (and `--ulang`)
    prints "p01 37/37 tidak berubah" -- read from the done-marker -- and grades only p05: p01's
    sheet was graded with round 1's form, now archived, so the grader keeps it as it is. status and
    reports say p01 "dikumpulkan, belum dinilai": his Kompeten is gone although every command says
    it stands. After any restore the closed round's results must be in the gradebook again (regraded
    with the archived round-1 form), or the grader must say they are missing and how to get them
    back (the 'sebelum-pulihkan' copy).

    Fixed session 8 (grading.run: a closed round's result missing from the gradebook is graded
    again with its archived form).
    """
    from alaskaki.folder import Folder
    from alaskaki.workshop import collect_module, demo, workshop_status
    from alaskaki.workshop.course import Workshop

    roster = tmp_path / "peserta.csv"
    roster.write_text(
        "id,nama,ikm,kelurahan,jenis_kelamin,peran\np01,Ani,UD A,Miji,P,admin\n"
        "p05,Eko,UD E,Miji,L,admin\n",
        encoding="utf-8",
    )
    root = tmp_path / "lokakarya"
    made = subprocess.run(
        [sys.executable, "-m", "alaskaki", "init", str(root), "--roster", str(roster)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    ws = Workshop(root)

    def hand_in(pid, skill, when):
        source = nbformat.read(ws.source_notebook(FORM), as_version=4)
        given = nbformat.read(ws.release_notebook(FORM), as_version=4)
        stick = tmp_path / f"usb-{pid}-{when[:10]}"
        stick.mkdir()
        sheet = demo.simulate_submission(source, given, pid, skill, FORM)
        nbformat.write(sheet, stick / f"{pid}_{FORM}.ipynb")
        collect_module(ws, FORM, source=stick, received=when, tanpa_token=True)

    assert _cli(ws, "release", FORM, "--batas", "2026-12-01 17:00").returncode == 0
    before_grading = len(Folder(root).backups())  # the newest backup now: round 1 released
    hand_in("p01", 1.0, "2026-12-01 16:00")
    hand_in("p05", 0.2, "2026-12-01 16:00")
    assert _cli(ws, "grade", FORM).returncode == 0
    assert _cli(ws, "tutup", FORM).returncode == 0
    assert _cli(ws, "ulang", FORM, "--peserta", "p05").returncode == 0
    assert _cli(ws, "release", FORM, "--batas", "2026-12-08 17:00").returncode == 0
    hand_in("p05", 1.0, "2026-12-08 16:00")
    assert _cli(ws, "grade", FORM).returncode == 0
    graded = {e.peserta: e.nilai for e in workshop_status(ws, modul=FORM).entries}
    assert graded["p01"] == graded["p05"] and graded["p01"], graded

    wrong = len(Folder(root).backups()) - before_grading + 1  # its number in the list now
    assert _cli(ws, "pulihkan", str(wrong)).returncode == 0
    _cli(ws, "grade", FORM)
    _cli(ws, "grade", FORM, "--ulang")
    after = {e.peserta: e.nilai for e in workshop_status(ws, modul=FORM).entries}
    assert after["p01"] == graded["p01"], f"p01's closed round-1 result lost: {after}"


def test_a_round_one_manual_score_never_counts_for_the_retake_sheet(tmp_path):
    """Round 1: p05 answers with a decimal comma the grader did not take, so the trainer gives him
    full points on five items by hand in the formgrader (Grade.manual_score, as the formgrader
    writes it). p05 still fails; the round is closed, p05 retakes on a NEW form (`ulang`) and
    hands in a blank round-2 sheet. nbgrader keeps a cell's manual score when the cell is
    autograded again, and the kit counts a manual score as the trainer's final word: p05's blank
    retake scores 5/37, status shows nothing waiting for the trainer. With all items of a criterion
    overridden in round 1, that criterion is met in round 2 without one answer. A manual score
    belongs to the sheet it was given for: a new version (a new round above all) must drop it, or
    at least show it as waiting for the trainer.

    Fixed session 8 (grading.manual).
    """
    from alaskaki.workshop import collect_module, demo, grade, putaran, workshop_status
    from alaskaki.workshop.course import init_workshop
    from alaskaki.workshop.release import release_module

    roster = tmp_path / "peserta.csv"
    roster.write_text(
        "id,nama,ikm,kelurahan,jenis_kelamin,peran\np01,Ani,UD A,Miji,P,admin\n"
        "p05,Eko,UD E,Miji,L,admin\n",
        encoding="utf-8",
    )
    ws = init_workshop(tmp_path / "lokakarya", roster=roster, modules=[FORM])

    def hand_in(pid, when):
        source = nbformat.read(ws.source_notebook(FORM), as_version=4)
        given = nbformat.read(ws.release_notebook(FORM), as_version=4)
        stick = tmp_path / f"usb-{pid}-{when[:10]}"
        stick.mkdir()
        sheet = demo.simulate_submission(source, given, pid, 0.0, FORM)
        nbformat.write(sheet, stick / f"{pid}_{FORM}.ipynb")
        collect_module(ws, FORM, source=stick, received=when, tanpa_token=True)

    release_module(ws, FORM, due="2026-12-01 17:00")
    hand_in("p05", "2026-12-01 15:00")
    assert grade(ws, FORM, progress=False, workers=1).by_participant()["p05"].score == 0
    with ws.gradebook() as gb:  # what the formgrader saves for five items
        sub = gb.find_submission_notebook(FORM, FORM, "p05")
        for g in [g for g in sub.grades if g.max_score][:5]:
            g.manual_score = g.max_score
        gb.db.commit()
    putaran.tutup(ws.root, FORM)
    putaran.ulang(ws.root, FORM, ["p05"])
    release_module(ws, FORM, due="2026-12-08 17:00")
    hand_in("p05", "2026-12-08 15:00")
    retake = grade(ws, FORM, progress=False, workers=1).by_participant()["p05"]
    row = {e.peserta: e for e in workshop_status(ws, modul=FORM).entries}["p05"]
    assert row.menunggu > 0 or not row.nilai, (retake, row)


def test_a_backup_from_between_rounds_never_reissues_a_sat_retake_form(tmp_path):
    """After `tutup` the trainer copies the workshop to his flashdisk (as the guide says: back up).
    On the laptop he opens a retake for p05 (`ulang --peserta p05`), releases it; p05 sits it,
    passes, gets his rapor. Then the laptop dies and the trainer carries on from the flashdisk copy,
    where round 1 is the last round: a week later he opens a retake for p06 there. `ulang` derives
    round 2's secret from the workshop's secret and the number 2: p06 gets exactly p05's form, all
    37 keys the same, and p05 -- who passed it -- knows its answers. (The same happens in one
    folder when `uji.json` is brought back from a backup, as the kit's messages advise.) A new
    round must never reissue a form that may have been sat: its secret needs something that a copy
    does not carry forward (a random part recorded with the round). Finding R47, fixed session 8:
    each round's secret has a random part of its own."""
    import shutil

    from alaskaki.workshop import putaran
    from alaskaki.workshop.course import Workshop, init_workshop
    from alaskaki.workshop.release import release_module
    from alaskaki_kunci.bengkel import kunci_form

    ws = init_workshop(
        tmp_path / "lokakarya", roster=paths.dataset("contoh_peserta.csv"), modules=[FORM]
    )
    release_module(ws, FORM, due="2026-12-01 17:00")
    putaran.tutup(ws.root, FORM)
    flashdisk = Workshop(shutil.copytree(ws.root, tmp_path / "flashdisk", symlinks=True))

    putaran.ulang(ws.root, FORM, ["p05"])
    release_module(ws, FORM, due="2026-12-08 17:00")
    sat_by_p05 = {r["grade_id"]: r["harapan"] for r in kunci_form(ws.source_notebook(FORM))}

    putaran.ulang(flashdisk.root, FORM, ["p06"])
    release_module(flashdisk, FORM, due="2026-12-15 17:00")
    for_p06 = {r["grade_id"]: r["harapan"] for r in kunci_form(flashdisk.source_notebook(FORM))}
    same = sum(for_p06.get(g) == k for g, k in sat_by_p05.items())
    assert same < len(sat_by_p05) // 2, f"{same} of {len(sat_by_p05)} keys are p05's round 2"


def _lent_sheet_attack(ws, tmp_path, close: bool):
    """p02's asesmen-akhir (his personal copy, every answer right) is collected at 15:00 and
    graded; p05 then hands in a blank sheet as p02 with the token read off p02's lent sheet, at
    18:00 (after the 17:00 deadline). Returns (p02's installed sheet before, after, collect)."""
    from alaskaki.workshop import collect_module, demo, grade, putaran
    from tests.integration.conftest import personal_copies

    copies = personal_copies(ws, FORM)
    source = nbformat.read(ws.source_notebook(FORM), as_version=4)

    def own(pid, skill):
        nb = demo.simulate_submission(source, copies[pid], pid, skill, FORM)
        for mine, given in zip(nb.cells, copies[pid].cells, strict=True):
            if "ID_PESERTA" in given.source and "TOKEN_PESERTA" in given.source:
                mine.source = given.source  # the setup cell as it came, token and all
        return nb

    stick = tmp_path / "usb-p02"
    stick.mkdir()
    nbformat.write(own("p02", 1.0), stick / f"p02_{FORM}.ipynb")
    collect_module(ws, FORM, source=stick, received="2026-12-01 15:00")
    assert grade(ws, FORM, participants=["p02"], progress=False, workers=1).by_participant()["p02"]
    if close:
        putaran.tutup(ws.root, FORM)
    before = ws.submitted("p02", FORM).joinpath(f"{FORM}.ipynb").read_bytes()
    lent = nbformat.read(stick / f"p02_{FORM}.ipynb", as_version=4)  # p02 lends his sheet
    blank = own("p05", 0.0)
    for mine, his in zip(blank.cells, lent.cells, strict=True):
        if "ID_PESERTA" in his.source and "TOKEN_PESERTA" in his.source:
            mine.source = his.source  # p02's ID and token, copied off the lent sheet
    stick = tmp_path / "usb-p05"
    stick.mkdir()
    nbformat.write(blank, stick / f"p02_{FORM}.ipynb")
    res = collect_module(ws, FORM, source=stick, received="2026-12-01 18:00")
    after = ws.submitted("p02", FORM).joinpath(f"{FORM}.ipynb").read_bytes()
    return before, after, res


def test_a_lent_sheet_after_tutup_hands_in_nothing(released_uji_personal, tmp_path):
    """The same attack once the trainer closed the round: held by name, p02's graded sheet stays."""
    import shutil

    base = released_uji_personal
    ws = type(base)(shutil.copytree(base.root, tmp_path / "lokakarya", symlinks=True))
    before, after, res = _lent_sheet_attack(ws, tmp_path, close=True)
    assert after == before and [h.peserta for h in res.held] == ["p02"], res


def test_a_lent_graded_sheet_before_tutup_never_replaces_it(released_uji_personal, tmp_path):
    """asesmen-akhir with personal copies (tokens). p02 sits it, hands in at 15:00, the trainer
    grades at 16:00 ("37/37"). After the session p02 lends his sheet to p05 ("see my answers";
    or leaves it on the shared laptop): it carries p02's asesmen-akhir token. At 18:00, an hour
    after the deadline and before the trainer gets to `tutup`, p05 hands in a blank sheet named
    and filled in as p02 with that token. collect verifies the token and installs it over p02's
    graded sheet; status shows p02 "perlu dinilai ulang", and the trainer who regrades (or runs
    `tutup`, which then refuses p02's result) loses p02's Kompeten. R35b's rule for the essay
    modules (a later file of graded uji work waits for the trainer's --pilih) must hold for the
    forms too, at least after the deadline.

    FINDING R48, fixed session 8: a new file of a sheet graded in this round is held by name (the
    essay modules' rule), before the deadline too; --pilih releases it."""
    import shutil

    base = released_uji_personal
    ws = type(base)(shutil.copytree(base.root, tmp_path / "lokakarya", symlinks=True))
    before, after, res = _lent_sheet_attack(ws, tmp_path, close=False)
    assert after == before, f"p02's graded sheet replaced by p05's blank one: {res}"


def test_a_cut_retake_form_is_never_replaced_by_the_closed_rounds_form(tmp_path):
    """The workshop lives on a flashdisk. The trainer closes round 1, runs `ulang asesmen-akhir
    --peserta p05` and pulls the flashdisk out (or the power goes) right after: `ulang` renamed
    the new form into source/ without fsync, and the file is left with 0 bytes. `alaskaki release
    asesmen-akhir` fails with a Python traceback from nbgrader; `alaskaki ulang` again says round 2
    is open ("tutup dulu"). The trainer runs `alaskaki init FOLDER` again, which repairs a cut
    module notebook: it writes the workshop's FIRST form (round 1: its key went out with the rapor)
    into source/, and `release` hands it to p05 -- who, with friends' pooled rapor, knows most of
    its answers; the grader takes his sheet as this round's form. A retake round's form must come
    back as that round's form (it is derived from the secret and the round), or be refused by name.

    Finding R49, fixed session 8: `ulang` fsyncs the form; `release` refuses a cut notebook in
    Indonesian; `init` draws a new form for round N (never round 1's)."""
    from alaskaki.workshop import putaran
    from alaskaki.workshop.course import init_workshop
    from alaskaki.workshop.release import release_module
    from alaskaki_kunci.bengkel import kunci_form

    ws = init_workshop(
        tmp_path / "lokakarya", roster=paths.dataset("contoh_peserta.csv"), modules=[FORM]
    )
    release_module(ws, FORM, due="2026-12-01 17:00")
    round1 = {r["grade_id"]: r["harapan"] for r in kunci_form(ws.source_notebook(FORM))}
    putaran.tutup(ws.root, FORM)
    putaran.ulang(ws.root, FORM, ["p05"])
    ws.source_notebook(FORM).write_bytes(b"")  # what the cut leaves
    refused = _cli(ws, "release", FORM, "--batas", "2026-12-08 17:00")
    assert refused.returncode != 0
    again = subprocess.run(
        [sys.executable, "-m", "alaskaki", "init", str(ws.root)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    handed = _cli(ws, "release", FORM, "--batas", "2026-12-08 17:00")
    if handed.returncode == 0:
        now = {r["grade_id"]: r["harapan"] for r in kunci_form(ws.source_notebook(FORM))}
        same = sum(now.get(g) == k for g, k in round1.items())
        assert same < len(round1) // 2, f"round 2 released with {same}/{len(round1)} round-1 keys"
    assert "Traceback" not in refused.stderr, refused.stderr
