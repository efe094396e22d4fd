"""Red team 4 (session 9): a participant with no skill against the grading channel after R62
(9ad43db: the warm sandbox's manager passes on only lines starting ``{"k": "``), through the real
``grade_module`` on one warm worker, and against the exchange between batches.

A test that holds is a normal test; a finding is a strict xfail named R7x (see /work/wt/BOARD.md).
"""

from __future__ import annotations

import json
import re
import shutil

import nbformat
import pytest

from alaskaki.workshop import sandbox as sb

MODUL = "asesmen-akhir"

warm_only = pytest.mark.skipif(
    not sb.zygotes_usable(sb.bwrap_available()),
    reason="needs bubblewrap and root (warm sandboxes)",
)

# A cell a participant can paste without knowing anything (no /proc, no open(), no listdir: the
# static scan says nothing): every answer variable of the sheet, each moved one letter (or +1),
# written as a runner frame under a grade id that is no test to every pipe the process holds.
# The judge scores the sheet's own answers (the runner's frames come first and the first report
# of a point counts), but the marker's readings, and so the similarity check, get these.
FORGE_READINGS = """\
import json, os, stat
lain = {}
for nama, nilai in list(globals().items()):
    if nama.startswith("post_") and isinstance(nilai, str):
        lain[nama] = {"A": "B", "B": "C", "C": "D", "D": "A"}.get(nilai.strip().upper(), "A")
    elif nama.startswith("post_") and isinstance(nilai, (int, float)):
        lain[nama] = nilai + 1
baris = (json.dumps({"k": "point", "id": "catatan", "vars": lain}) + "\\n").encode()
for fd in range(3, 64):
    try:
        if stat.S_ISFIFO(os.fstat(fd).st_mode):
            os.write(fd, baris)
    except OSError:
        pass
"""


def _copy_of(nb, friend: str, copier: str, extra: str | None) -> nbformat.NotebookNode:
    copy = nbformat.from_dict(json.loads(json.dumps(nb)))
    for cell in copy.cells:
        cell.source = re.sub(rf'ID_PESERTA = "{friend}"', f'ID_PESERTA = "{copier}"', cell.source)
    if extra:
        copy.cells.append(nbformat.v4.new_code_cell(extra))
    return copy


@pytest.fixture(scope="module")
def copied_uji(released_akhir, tmp_path_factory):
    """Seven participants of every skill level sit the real post-test; p08 hands in p03's sheet
    with only ID_PESERTA changed, and p09 hands in p03's sheet with the ID changed and the forging
    cell pasted at the end. Graded by the real grade_module on one warm worker."""
    from alaskaki.workshop import demo
    from alaskaki.workshop.grader import grade_module

    ws, source, released = released_akhir
    ws = type(ws)(shutil.copytree(ws.root, tmp_path_factory.mktemp("salin-uji") / "lokakarya"))
    ids = ws.participant_ids()
    skills = [1.0, 0.85, 0.6, 0.6, 0.45, 0.3, 0.0]
    subs = {
        pid: demo.simulate_submission(source, released, pid, s, MODUL)
        for pid, s in zip(ids, skills, strict=False)
    }
    friend, plain, forger = ids[2], ids[len(skills)], ids[len(skills) + 1]
    subs[plain] = _copy_of(subs[friend], friend, plain, None)
    subs[forger] = _copy_of(subs[friend], friend, forger, FORGE_READINGS)
    for pid, nb in subs.items():
        dest = ws.submitted(pid, MODUL)
        dest.mkdir(parents=True)
        nbformat.write(nb, dest / f"{MODUL}.ipynb")
        (dest / "timestamp.txt").write_text("2026-12-01 10:00:00.000000 UTC")
    run = grade_module(ws.root, MODUL, workers=1, progress=False)
    return ws, run, friend, plain, forger


@warm_only
@pytest.mark.slow
def test_a_plain_copy_of_a_graded_uji_shows_kerja_sama(copied_uji):
    """The guard of the next test: after grading, the copy with only the ID changed scores the
    friend's score and the pair is shown (the similarity check reads the judged values)."""
    from alaskaki.workshop.similarity import module_pairs

    ws, run, friend, plain, _ = copied_uji
    got = run.by_participant()
    assert got[plain].status == "dinilai" and got[plain].score == got[friend].score, got[plain]
    pairs = {tuple(sorted((p.a, p.b))) for p in module_pairs(ws, MODUL)}
    assert tuple(sorted((friend, plain))) in pairs, pairs


@warm_only
@pytest.mark.slow
def test_a_copied_uji_with_forged_readings_still_shows_kerja_sama(copied_uji):
    """p09 copies p03's post-test (ID changed) and pastes one cell that writes a runner frame
    with other values to the channel's pipe (it starts with '{"k": "', so the manager passes it
    on). The judge scores p03's answers (p09 gets p03's score), but judge.readings keeps the
    forged grade id too, and similarity.judged_values takes the last value per variable: the
    trainer's only detector of a copied uji sees other answers and shows no pair, and nothing
    flags p09. What was scored must be what is compared (or the forging flagged)."""
    from alaskaki.workshop.grader import load_flags
    from alaskaki.workshop.similarity import module_pairs

    ws, run, friend, _, forger = copied_uji
    got = run.by_participant()
    assert got[forger].status == "dinilai", got[forger]
    assert got[forger].score == got[friend].score, (got[forger], got[friend])  # the copy scored
    pairs = {tuple(sorted((p.a, p.b))) for p in module_pairs(ws, MODUL)}
    flags = load_flags(ws.root).get((forger, MODUL), [])
    # fixed (R70): the channel takes a point frame only for the job's own test ids, once each;
    # the forged frame is dropped and flagged, the readings are what was scored
    assert tuple(sorted((friend, forger))) in pairs, pairs
    assert any("data palsu ke saluran penilai" in f for f in flags), flags


# ------------------------------------------------------------------------------------------
# flags and a character Python holds but UTF-8 cannot write (a lone surrogate, chr(0xd800))
# ------------------------------------------------------------------------------------------

LATIHAN = "m3-biaya-produksi"

# a runner frame of the right prefix and kind whose cell index is a list (the grader keys a dict
# with it): written to every pipe, as FORGE_READINGS is
FORGE_ODD_CELL = """\
import os, stat
baris = b'{"k": "cell", "i": [0], "status": "ok", "out": ""}\\n'
for fd in range(3, 64):
    try:
        if stat.S_ISFIFO(os.fstat(fd).st_mode):
            os.write(fd, baris)
    except OSError:
        pass
"""


def _answers_from_the_key(
    released, pid: str, last: str | None, key: str = "latihan.harapan"
) -> nbformat.NotebookNode:
    """m3 with no skill: every answer taken from the module's answer key (latihan.harapan, in the
    kit the participant's kernel imports; the static scan flags it; 7 of m3's 9 points), and ``last`` as a new cell at
    the end."""
    from alaskaki.workshop.demo import answer_variables

    nb = nbformat.from_dict(json.loads(json.dumps(released)))
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.source = re.sub(r'"isi-id-anda"', json.dumps(pid), cell.source, flags=re.I)
        names = answer_variables(cell.source)
        if names and "ID_PESERTA =" not in cell.source:
            cell.source = "\n".join(f"{n} = {key}(ID_PESERTA)[{n!r}]" for n in names)
    if last:
        nb.cells.append(nbformat.v4.new_code_cell(last))
    return nb


@pytest.fixture(scope="module")
def keyed(released_module, tmp_path_factory):
    from alaskaki.workshop.grader import grade_module

    ws, _source, released = released_module(LATIHAN)
    ws = type(ws)(shutil.copytree(ws.root, tmp_path_factory.mktemp("kunci-m3") / "lokakarya"))
    subs = {
        "p05": _answers_from_the_key(released, "p05", None),
        "p06": _answers_from_the_key(released, "p06", "ID_PESERTA = ID_PESERTA + chr(0xD800)"),
        "p07": _answers_from_the_key(released, "p07", "print('catatan', chr(0xD800))"),
        "p09": _answers_from_the_key(released, "p09", FORGE_ODD_CELL),
        "p08": _answers_from_the_key(released, "p08", None, key="getattr(latihan, 'har' + 'apan')"),
    }
    for pid, nb in subs.items():
        dest = ws.submitted(pid, LATIHAN)
        dest.mkdir(parents=True)
        nbformat.write(nb, dest / f"{LATIHAN}.ipynb")
        (dest / "timestamp.txt").write_text("2026-11-30 10:00:00.000000 UTC")
    run = grade_module(ws.root, LATIHAN, workers=1, progress=False)
    return ws, run


def _entry(ws, pid: str, modul: str):
    from alaskaki.workshop.status import workshop_status

    return next(e for e in workshop_status(ws, modul=modul).entries if e.peserta == pid)


@warm_only
@pytest.mark.slow
def test_answers_taken_from_the_key_are_shown_to_the_trainer(keyed):
    """The guard of the next test: p05 takes every m3 answer from latihan.harapan; `status`
    shows the score with the static scan's indication next to it."""
    ws, run = keyed
    e = _entry(ws, "p05", LATIHAN)
    assert e.nilai and e.nilai >= 0.7 * e.nilai_maks, e  # what the key's answers score
    assert any("kunci jawaban" in f for f in e.indikasi), e.indikasi


@warm_only
@pytest.mark.slow
def test_a_lone_surrogate_in_id_peserta_never_hides_the_indications(keyed):
    """p06 does what p05 does and adds one line at the end: ID_PESERTA with a lone surrogate.
    The judge uses the folder's id, so the score is right; the flag 'ID_PESERTA ... bukan ID
    peserta' quotes the claimed id, and writing the flags file (json ensure_ascii=False, UTF-8)
    raises UnicodeEncodeError AFTER record.save_grades committed the score. The run says only
    'Gagal menulis catatan penilaian ... galat tak terduga (UnicodeEncodeError)' (every grade
    again), and `alaskaki status` shows p06 dinilai with p05's score (7/9) and NO indication: the
    static scan's 'kunci jawaban', and any other, is gone. A trainer must see the indications
    of any score the kit shows (or no score, with a sentence naming p06)."""
    ws, run = keyed
    e = _entry(ws, "p06", LATIHAN)
    assert e.nilai is None or any("kunci jawaban" in f for f in e.indikasi), (
        e,
        run.by_participant()["p06"],
    )
    # fixed (R71): graded, and the ID flag quotes the claimed id with the surrogate replaced
    assert run.by_participant()["p06"].status == "dinilai", run.by_participant()["p06"]
    assert any("ID_PESERTA di notebook ('p06\ufffd')" in f for f in e.indikasi), e.indikasi


@warm_only
@pytest.mark.slow
def test_when_the_flags_cannot_be_written_no_score_is_shown_without_them(
    released_module, tmp_path, monkeypatch
):
    """Whatever makes writing the flags fail (a full disk here), the trainer never sees a score
    without its indications: the flags are written before the grades are committed, so p05 (every
    m3 answer from the key) stays ungraded with a sentence, and the next `grade` shows both. On
    main the score was committed first and the indications were lost (red team R71)."""
    import errno

    from alaskaki.workshop.grader import grade_module
    from alaskaki.workshop.grading import record

    ws, _source, released = released_module(LATIHAN)
    ws = type(ws)(shutil.copytree(ws.root, tmp_path / "lokakarya"))
    dest = ws.submitted("p05", LATIHAN)
    dest.mkdir(parents=True)
    nbformat.write(_answers_from_the_key(released, "p05", None), dest / f"{LATIHAN}.ipynb")
    (dest / "timestamp.txt").write_text("2026-11-30 10:00:00.000000 UTC")

    def full_disk(*_args, **_kw):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(record, "save_flags", full_disk)
    r = grade_module(ws.root, LATIHAN, workers=1, progress=False).by_participant()["p05"]
    assert r.status == "gagal" and "catatan penilaian" in r.error, r
    e = _entry(ws, "p05", LATIHAN)
    assert e.nilai is None, e  # no score shown without its indications
    monkeypatch.undo()
    r = grade_module(ws.root, LATIHAN, workers=1, progress=False).by_participant()["p05"]
    assert r.status == "dinilai", r
    e = _entry(ws, "p05", LATIHAN)
    assert e.nilai and any("kunci jawaban" in f for f in e.indikasi), e


@warm_only
@pytest.mark.slow
def test_a_cell_printing_a_lone_surrogate_is_graded(keyed):
    """p07's last cell prints chr(0xD800) (any text a participant's code mangles can hold one).
    The runner's frame carries it escaped, the grader puts it in the autograded notebook, and
    nbformat's UTF-8 write raises: p07 is 'gagal' with 'Gagal menulis notebook hasil penilaian
    (autograded/): galat tak terduga (UnicodeEncodeError)' at every grade, nothing recorded (a
    .tmp-* file is left in autograded/p07/). Output is the participant's: it must be kept
    (escaped or replaced) and the answers graded."""
    ws, run = keyed
    r = run.by_participant()["p07"]
    assert r.status == "dinilai" and r.score, r
    assert not list(ws.autograded("p07", LATIHAN).glob(".tmp-*"))
    # fixed (R72): the output is kept, the surrogate written as U+FFFD
    graded = nbformat.read(ws.autograded("p07", LATIHAN) / f"{LATIHAN}.ipynb", as_version=4)
    assert any(
        "catatan \ufffd" in o.get("text", "") for c in graded.cells for o in c.get("outputs", [])
    )


# ------------------------------------------------------------------------------------------
# the exchange (hub): a participant account against the trainer's release and collect
# ------------------------------------------------------------------------------------------

HUB_MOD = "m3-biaya-produksi"


@pytest.fixture
def two_accounts(require_part):
    """An exchange (1777, as ``hub users`` makes it) and two real participant accounts; removed
    afterwards. The workshop lists both (id = account name)."""
    import os
    import subprocess
    import tempfile
    from pathlib import Path

    from alaskaki.workshop import import_roster, init_workshop
    from alaskaki.workshop.hub import set_exchange

    require_part(os.geteuid() == 0 and bool(shutil.which("useradd")), "root (useradd) needed")
    base = Path(tempfile.mkdtemp(prefix="alaskaki-rt4-", dir="/var/tmp"))
    os.chmod(base, 0o755)
    exchange = base / "exchange"
    exchange.mkdir()
    os.chmod(exchange, 0o1777)
    (base / "home").mkdir()
    users = [f"r{c}{os.getpid() % 100000:05d}" for c in "ab"]
    for user in users:
        subprocess.run(
            ["useradd", "--create-home", "--home-dir", str(base / "home" / user), user],
            check=True,
            capture_output=True,
        )
    try:
        ws = init_workshop(base / "lokakarya", modules=[HUB_MOD, MODUL])
        roster = base / "peserta.csv"
        roster.write_text(
            "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"
            + "".join(f"{u},Peserta {u.upper()},IKM A,Miji,P,admin\n" for u in users),
            encoding="utf-8",
        )
        import_roster(ws, roster)
        set_exchange(ws, exchange)
        yield base, exchange, users, ws
    finally:
        for user in users:
            subprocess.run(["userdel", "--remove", user], check=False, capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def _submit_as(base, ws, user: str, modul: str = HUB_MOD) -> None:
    """nbgrader's own fetch_assignment and submit for ``user``, with the config the hub writes;
    what it made is then given to the account (the kit reads the owner)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from alaskaki.workshop.hub import write_jupyter_config

    home = base / "home" / user
    state = base / "hub"
    exchange = Path(ws.config().Exchange.root)
    write_jupyter_config(state, course_id=ws.course_id, exchange=exchange)
    env = {
        "HOME": str(home),
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "JUPYTER_CONFIG_PATH": str(state / "jupyter-peserta"),
        "JUPYTERHUB_USER": user,
    }
    for cmd in ("fetch_assignment", "submit"):
        res = subprocess.run(
            [str(Path(sys.executable).parent / "nbgrader"), cmd, modul],
            capture_output=True,
            text=True,
            cwd=home,
            env=env,
            check=False,
            timeout=300,
        )
        assert res.returncode == 0, res.stdout + res.stderr
    mine = [home, *exchange.glob(f"*/inbound/{user}+*")]
    subprocess.run(["chown", "-R", f"{user}:", *map(str, mine)], check=True)
    assert os.stat(mine[-1]).st_uid != 0


@pytest.mark.slow
# R73 (red team 4), fixed in session 9: the odd record is refused by name, the rest collected
def test_one_participants_odd_secret_file_never_stops_the_collect_from_the_exchange(two_accounts):
    """Both participants hand in m3 with nbgrader's own submit. The second then writes two bytes
    that are no UTF-8 into submission_secret.txt of his own record in inbound (his account owns
    it; the size of that file is not checked either). The trainer's collect reads every secret
    with read_text(encoding='utf-8') inside the generator: UnicodeDecodeError, nobody is
    collected, and the CLI says only 'galat tak terduga'. Bad input must cost only that record,
    named in one sentence (as the other odd records are: 'ditolak')."""
    from alaskaki.workshop import collect_module
    from alaskaki.workshop.release import release_module

    base, exchange, (honest, odd), ws = two_accounts
    release_module(ws, HUB_MOD)
    _submit_as(base, ws, honest)
    _submit_as(base, ws, odd)
    (secret,) = exchange.glob(f"{ws.course_id}/inbound/{odd}+*/submission_secret.txt")
    secret.write_bytes(b"\xff\xfe")
    res = collect_module(ws, HUB_MOD)
    assert honest in res.collected, res
    assert ws.submitted(honest, HUB_MOD).is_dir()
    assert any(odd in s.name and "submission_secret.txt" in s.reason for s in res.skipped), res


@pytest.mark.slow
# R74 (red team 4), fixed in session 10: `hub users` makes the course folder for the trainer before
# any participant can log in, and a course folder (or record) another account owns stops the
# release with one sentence naming that account and `sudo rm -r` (tests/integration/
# test_exchange_course_folder.py runs the attack and nbgrader as the real accounts)
@pytest.mark.parametrize("with_record", [False, True], ids=["folder", "folder-and-record"])
def test_a_course_folder_made_by_a_participant_never_blocks_the_release_unnamed(
    two_accounts, with_record
):
    """Accounts are made (`hub users`) and participants log in before the trainer's first
    release, so the course folder does not exist yet; the exchange root is world-writable (1777,
    sticky). A participant makes `<exchange>/<course_id>` (the course id is in his own Jupyter
    config), optionally with an `alaskaki-lokakarya.json` naming another folder and other people.
    The trainer's release then fails at nbgrader ("You don't own the directory"), or is refused
    by the kit's check as "another workshop's" course. With the sticky bit the trainer's account
    cannot even remove that folder. The release must go ahead, or stop with one sentence naming
    the account that made the folder and how to remove it."""
    import os
    import pwd

    from alaskaki.errors import AlaskakiError
    from alaskaki.workshop.exchange import OWNER_FILE
    from alaskaki.workshop.release import release_module

    base, exchange, (attacker, _), ws = two_accounts
    course = exchange / ws.course_id
    course.mkdir()
    if with_record:
        (course / OWNER_FILE).write_text(
            json.dumps(
                {
                    "folder": "/srv/alaskaki/lokakarya-lama",
                    "id_folder": "x",
                    "disk": "1",
                    "peserta": ["0" * 20],
                }
            ),
            encoding="utf-8",
        )
    pw = pwd.getpwnam(attacker)
    for p in [course, *course.iterdir()]:
        os.chown(p, pw.pw_uid, pw.pw_gid)  # made by the participant's account
    try:
        release_module(ws, HUB_MOD)
    except AlaskakiError as err:
        assert attacker in str(err), str(err)
    else:
        assert (exchange / ws.course_id / "outbound" / HUB_MOD).is_dir()


@pytest.mark.slow
# R75 (red team 4), fixed in session 9: another workshop id is another workshop
def test_a_new_workshop_for_the_same_people_never_collects_the_old_workshops_work(two_accounts):
    """Workshop A (the hub's /srv/alaskaki/lokakarya) releases m3 and a participant hands it in.
    Months later the trainer archives A (`mv lokakarya arsip-2026`) and makes a new workshop for
    the same people at the same place (`alaskaki init lokakarya`, same roster): the course id
    comes from the folder name, so it is A's. exchange.check accepts any folder whose roster is
    in the recorded batch (the docstring says 'a folder of the same workshop'; the record holds
    the workshop id and it is never compared), so B's release goes into A's course with no
    question and B's collect installs the participant's m3 from A, handed in before B released
    it, as B's work on time. What was handed in for another workshop is never collected as this
    one's (or the trainer is asked, as for a copy)."""
    import os

    from alaskaki.workshop import collect_module, import_roster, init_workshop
    from alaskaki.workshop.hub import set_exchange
    from alaskaki.workshop.release import release_module

    base, exchange, (user, _), ws_a = two_accounts
    release_module(ws_a, HUB_MOD)
    _submit_as(base, ws_a, user)
    os.rename(ws_a.root, base / "arsip-2026")
    ws_b = init_workshop(base / "lokakarya", modules=[HUB_MOD])
    import_roster(ws_b, base / "peserta.csv")
    set_exchange(ws_b, exchange)
    assert ws_b.course_id == "lokakarya" and ws_b.folder_id() != ""
    try:
        release_module(ws_b, HUB_MOD)
        res = collect_module(ws_b, HUB_MOD)
    except Exception as err:  # noqa: BLE001 - asked (an AlaskakiError naming the course) is fine
        from alaskaki.errors import AlaskakiError

        assert isinstance(err, AlaskakiError) and "lokakarya" in str(err), err
        return
    assert user not in res.collected, res
    assert not ws_b.submitted(user, HUB_MOD).exists()


@warm_only
@pytest.mark.slow
# R76 (red team 4), fixed in session 10: the grading sandbox records every call into the key
def test_the_answer_key_called_through_getattr_is_shown_to_the_trainer(keyed):
    """docs/grading.md: calling the module's answer key 'cannot be prevented ... flag: static
    scan'. p08 does what p05 does, each answer `x = getattr(latihan, 'har' + 'apan')(ID_PESERTA)
    ['x']` (no `harapan(`, no importlib, no __import__, no setattr): status shows p05's score
    and NO indication. The scan reads text, so one string split hides the only defence."""
    ws, run = keyed
    e = _entry(ws, "p08", LATIHAN)
    assert e.nilai and e.nilai >= 0.7 * e.nilai_maks, e  # the key's answers scored
    assert any("kunci jawaban" in f for f in e.indikasi), e.indikasi
    # fixed (R76): the indication comes from the run itself, naming the function called
    assert any("memanggil kunci jawaban modul (`m3.harapan`)" in f for f in e.indikasi), e.indikasi


@pytest.mark.slow
# R77 (red team 4), fixed in session 9: the record and the notebook are opened without following links
@pytest.mark.parametrize("modul", [HUB_MOD, MODUL])
def test_a_symlink_swapped_in_after_the_check_never_hands_in_the_trainers_file(
    two_accounts, monkeypatch, modul
):
    """p01 hands in m3 with nbgrader's own submit; his account owns his record in inbound, so he
    can rename inside it at any moment. collect lstat()s every entry (owner, no symlink), then
    reads the times, then nb.is_file()/stat()/read_bytes(), which follow a symlink. A loop in his
    terminal that swaps m3.ipynb for a symlink to <workshop>/source/<modul>/<modul>.ipynb (the
    layout is the kit's; the trainer's account can read it) wins that window now and then; here
    the swap is made at the window (the first st_ctime read) so the test is not about timing.
    The trainer's collect installs the instructor's notebook, with every solution, as p01's work;
    for the post-test, `grade` then gives p01 37/37 (measured; the one flag: ID_PESERTA
    'contoh-01'). Read through the descriptor of the file that was checked (O_NOFOLLOW), or
    check after."""
    import os

    from alaskaki.workshop import collect as collect_mod
    from alaskaki.workshop import collect_module
    from alaskaki.workshop.release import release_module

    base, exchange, (user, _), ws = two_accounts
    release_module(ws, modul)
    _submit_as(base, ws, user, modul)
    (record,) = exchange.glob(f"{ws.course_id}/inbound/{user}+{modul}+*")
    source = ws.source_notebook(modul)
    real = collect_mod.datetime
    swapped = []

    class AtTheWindow(real):
        @classmethod
        def fromtimestamp(cls, *a, **k):
            if not swapped:  # the participant's rename lands here
                swapped.append(True)
                nb = record / f"{modul}.ipynb"
                os.rename(nb, record / ".asli")
                os.symlink(source, nb)
            return real.fromtimestamp(*a, **k)

    monkeypatch.setattr(collect_mod, "datetime", AtTheWindow)
    collect_module(ws, modul)
    assert swapped
    installed = ws.submitted(user, modul) / f"{modul}.ipynb"
    assert not installed.exists() or installed.read_bytes() != source.read_bytes()


@warm_only
@pytest.mark.slow
# R78 (red team 4), fixed in session 9: a cell frame of another shape is dropped and flagged
def test_a_forged_cell_frame_of_another_shape_is_graded_and_flagged(keyed):
    """p09 does what p05 does (answers from the key: flagged) and pastes one cell writing
    `{"k": "cell", "i": [0], ...}` to the channel's pipe (prefix ok: the manager passes it).
    judge.runtime_flags does work.cell_index.get([0]): TypeError, so p09 is 'gagal' with 'Gagal
    menilai jawaban: galat tak terduga (TypeError)' at every grade, his flags ('kunci jawaban')
    never saved, and an earlier graded version would keep its score. A frame the runner never
    sends is the participant's doing: graded on the rest and flagged."""
    ws, run = keyed
    r = run.by_participant()["p09"]
    assert r.status == "dinilai", r
    e = _entry(ws, "p09", LATIHAN)
    assert any("kunci jawaban" in f for f in e.indikasi), e.indikasi
