"""Red team session 11: the four defences landed in session 10, attacked by a participant with
no skill and by a careless trainer.

1. the writer lock (alaskaki.workshop.lock, R45),
2. the exchange's course folder made for the trainer (alaskaki.workshop.exchange / hub, R74),
3. the key-call recorder of the grading sandbox (sandbox.key_recorder + the markers, R76),
4. the roster name check (a name edited by hand in peserta.csv for an id with work, R68).

A defence that holds is a normal test; a finding not fixed here is a strict xfail named R8x
(/work/wt/redteam-session11.md has each one's reproduction and severity).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from alaskaki.errors import AlaskakiError
from alaskaki.folder import LOCK_FILE, META_FILE, Folder
from alaskaki.workshop import sandbox as sb
from alaskaki.workshop.lock import WorkshopBusy, holder, running_writer, writer_lock

HEADER = "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"
MOD = "m3-biaya-produksi"

# ------------------------------------------------------------------------------------------
# 3. the key-call recorder: a participant's cell that ends up holding the answer key must leave
# a `kunci:` record the trainer sees, however the key was reached
# ------------------------------------------------------------------------------------------


def _run(modul: str, *sources: str, names=("x",)) -> sb.SandboxResult:
    setup = f"from alaskaki.exercises import {modul} as latihan\nID_PESERTA = 'p08'\n"
    setup += "soal = latihan.mulai(ID_PESERTA)"
    cells = [{"kind": "code", "source": s} for s in (setup, *sources)]
    cells.append({"kind": "point", "grade_id": "g", "names": list(names)})
    job = {"cells": cells, "preload": [f"alaskaki.exercises.{modul}"]}
    return sb.run_in_sandbox(job, sandboxed=sb.bwrap_available(), uid=430127, scratch_dir="/tmp")


def _got(res: sb.SandboxResult, name: str = "x"):
    raw = res.points.get("g", {}).get(name)
    return None if raw is None or raw == {"t": "missing"} else sb.decode_value(raw)


def _key(modul: str, part: str):
    import importlib

    return importlib.import_module(f"alaskaki.exercises.{modul}").harapan("p08")[part]


def _recorded(res: sb.SandboxResult) -> list[str]:
    return [c for c in res.checks if c.startswith("kunci:")]


# R80: m5b.cek_ukuran_pesanan(float('nan'), ...) raises ValueError out of the self-check (int(nan)
# in _nomor_eu); the traceback's frames hold the check's locals, the key among them. A self-check
# is the kit calling its key (not recorded), and reading a traceback is no call.
NAN_TRACEBACK = """
try:
    latihan.cek_ukuran_pesanan(float('nan'), 40, 41)
except Exception as e:
    tb = e.__traceback__
    while tb is not None:
        if 'h' in tb.tb_frame.f_locals and tb.tb_frame.f_code.co_name == '_ukuran_pesanan':
            x = tb.tb_frame.f_locals['h']
        tb = tb.tb_next
"""

# R81: participant code that runs inside a self-check, while the key is a local of its frames,
# reads those frames: a kit class's method replaced (Hasil.__init__: every check ends by making
# one) or a standard-library hook (abc.ABCMeta.__instancecheck__: periksa_bulat asks
# isinstance(nilai, numbers.Real) after it was handed the key). Neither is a call of a key
# function, and the recorder's snapshot holds module globals, not class attributes or abc.
HASIL_INIT = """
import sys
from alaskaki.exercises import base
asli = base.Hasil.__init__
bocor = []
def intip(self, benar, pesan):
    f = sys._getframe(1)
    if f.f_code.co_name == 'periksa_angka':
        bocor.append(f.f_locals['harapan'])
    asli(self, benar, pesan)
base.Hasil.__init__ = intip
latihan.cek_hpp(1.0)
base.Hasil.__init__ = asli
x = bocor[0]
"""
ABC_HOOK = """
import abc, sys
asli = abc.ABCMeta.__instancecheck__
bocor = []
def intip(cls, inst):
    f = sys._getframe(1)
    while f is not None:
        if f.f_code.co_name == '_ukuran_pesanan' and 'h' in f.f_locals:
            bocor.append(f.f_locals['h'])
        f = f.f_back
    return asli(cls, inst)
abc.ABCMeta.__instancecheck__ = intip
latihan.cek_ukuran_pesanan(1, 2, 3)
abc.ABCMeta.__instancecheck__ = asli
x = bocor[0]
"""
# the frame of its own traceback, raised and caught inside the check: f_back leads to the check
OWN_TRACEBACK = ABC_HOOK.replace(
    "    f = sys._getframe(1)\n",
    "    try:\n        raise KeyError\n    except KeyError as e:\n"
    "        f = e.__traceback__.tb_frame\n",
)
# a signal raised inside the check: its handler is handed the interrupted frame, no event at all
SIGNAL = """
import abc, signal
asli = abc.ABCMeta.__instancecheck__
bocor = []
def pegang(signum, f):
    while f is not None:
        if 'h' in f.f_locals and 'nilai' in f.f_locals and 'pid' in f.f_locals:
            bocor.append(f.f_locals['h'])
        f = f.f_back
def intip(cls, inst):
    signal.raise_signal(signal.SIGUSR1)
    return asli(cls, inst)
signal.signal(signal.SIGUSR1, pegang)
abc.ABCMeta.__instancecheck__ = intip
latihan.cek_ukuran_pesanan(1, 2, 3)
abc.ABCMeta.__instancecheck__ = asli
x = bocor[0]
"""
# the same handler installed only once the check computes with the key (after the recorder
# looked at the handlers, when harapan's marker was heard)
SIGNAL_LATE = """
import abc, signal
asli = abc.ABCMeta.__instancecheck__
bocor = []
def pegang(signum, f):
    while f is not None:
        if 'h' in f.f_locals and 'nilai' in f.f_locals and 'pid' in f.f_locals:
            bocor.append(f.f_locals['h'])
        f = f.f_back
def intip(cls, inst):
    if inst == 7001:  # periksa_bulat asking about his own answer: the key is computed by now
        signal.signal(signal.SIGUSR1, pegang)
        signal.raise_signal(signal.SIGUSR1)
    return asli(cls, inst)
abc.ABCMeta.__instancecheck__ = intip
latihan.cek_ukuran_pesanan(7001, 7002, 7003)
abc.ABCMeta.__instancecheck__ = asli
x = bocor[0]
"""
INSIDE_A_CHECK = {
    "hasil_init": ("m3", HASIL_INIT, "hpp"),
    "abc_hook": ("m5b", ABC_HOOK, "ukuran_pesanan"),
    "own_traceback": ("m5b", OWN_TRACEBACK, "ukuran_pesanan"),
    "signal_handler": ("m5b", SIGNAL, "ukuran_pesanan"),
}


@pytest.mark.slow
# R80 fixed here: a self-check turns any failure on an answer into a sentence (base._verdict)
def test_r80_a_self_check_lets_no_traceback_with_the_key_out():
    """An honest participant typing nan reads a sentence, not a traceback; the notebook that
    walks the traceback for the key finds none."""
    res = _run("m5b", NAN_TRACEBACK)
    assert res.cells[-1]["status"] == "ok", res.cells
    assert "tidak bisa diperiksa" in res.cells[-1]["out"], res.cells[-1]["out"]
    assert _got(res) is None, res.points


@pytest.mark.slow
# R81 fixed here: a frame of a running check reached by other code is recorded (sandbox.py)
@pytest.mark.parametrize("attack", sorted(INSIDE_A_CHECK))
def test_r81_the_key_read_from_a_running_checks_frames_is_recorded(attack):
    modul, source, part = INSIDE_A_CHECK[attack]
    res = _run(modul, source)
    assert res.cells[-1]["status"] == "ok", res.cells
    assert _got(res) == _key(modul, part), res.points  # recorded, not prevented
    assert any(c.startswith(("kunci:!f_locals:", "kunci:!signal:")) for c in res.checks), res.checks


# the same handler installed from a kit class's method run after the key is computed
SIGNAL_HASIL = """
import signal
from alaskaki.exercises import base
asli = base.Hasil.__init__
bocor = []
def pegang(signum, f):
    while f is not None:
        if 'harapan' in f.f_locals and 'nilai' in f.f_locals:
            bocor.append(f.f_locals['harapan'])
        f = f.f_back
def intip(self, benar, pesan):
    signal.signal(signal.SIGUSR1, pegang)
    signal.raise_signal(signal.SIGUSR1)
    asli(self, benar, pesan)
base.Hasil.__init__ = intip
latihan.cek_hpp(1.0)
base.Hasil.__init__ = asli
x = bocor[0]
"""


@pytest.mark.slow
# R86 fixed here: the classes and standard modules whose code runs inside a check are compared
# with what they were when a check starts (a swapped method is named, !monkeypatch:…)
@pytest.mark.parametrize(
    "route", [("m5b", "SIGNAL_LATE", "ukuran_pesanan"), ("m3", "SIGNAL_HASIL", "hpp")]
)
def test_r86_a_signal_handler_installed_inside_a_check_is_recorded(route):
    modul, source, part = route
    res = _run(modul, globals()[source])
    assert _got(res) == _key(modul, part), (res.cells, res.points)  # recorded, not prevented
    assert any(c.startswith("kunci:!monkeypatch:") for c in res.checks), res.checks


@pytest.mark.slow
def test_an_honest_notebook_using_frames_and_handlers_outside_checks_records_nothing():
    """inspect, a traceback of one's own error, a generator, a signal handler of one's own that
    is gone before any check: no frame of a running check is reached, nothing is recorded."""
    res = _run(
        "m3",
        "import inspect, signal, traceback\nx = len(inspect.stack())\n"
        "try:\n    1 / 0\nexcept ZeroDivisionError as e:\n    traceback.format_exc()\n"
        "    e.__traceback__.tb_frame\n"
        "g = (i for i in [1])\ng.gi_frame\n"
        "lama = signal.signal(signal.SIGUSR1, lambda *a: None)\nsignal.signal(signal.SIGUSR1, lama)",
        "latihan.cek_hpp(1.0)\nlatihan.cek_upah(2)",
    )
    assert [c["status"] for c in res.cells] == ["ok"] * 3, res.cells
    assert _recorded(res) == [], res.checks


# R82: the kit shipped public, unmarked functions that compute whole answers (and the answer lists
# themselves): `latihan.aturan_untuk(...)` was what harapan computes m4b's aturan with, and the
# instructor's own solution cells called them. A participant saw them with `latihan.<Tab>`. Now
# every function the key is computed with is private and starts with the key marker (a call from a
# cell is recorded), the answer lists live inside a marked function, and the instructor solutions
# reason from the case.
PUBLIC_KEY = {
    "m5b_huruf_uji": ("m5b", "x = [latihan._huruf_uji(k) for k in soal.keluhan]", "uji_lab"),
    "m4b_aturan_untuk": (
        "m4b",
        "x = [latihan._aturan_untuk(latihan.SKENARIO[i]) for i in soal.skenario]",
        "aturan",
    ),
    "m6_selisih_lc": (
        "m6",
        "x = latihan._beda_lc(soal.lc, soal.lc_invoice, soal.lc_invoice_baris, soal.lc_bl)[0]",
        "selisih_lc",
    ),
    "m1_alasan_benar_data": (
        "m1",
        "x = sorted(o['huruf'] for o in soal.alasan if o['pernyataan'] in latihan._bank_pernyataan()['alasan'][0])",
        "alasan",
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(PUBLIC_KEY))
def test_r82_a_whole_answer_computed_by_a_kit_helper_is_recorded(case):
    modul, source, part = PUBLIC_KEY[case]
    res = _run(modul, source)
    assert _got(res) == _key(modul, part), (res.cells, res.points)  # the attack still works
    assert _recorded(res), res.checks


# the public names a notebook reached the answers with; data lists that were the answer (m1's true
# statements, m2's sports truths and 6406 parts, m7a's quoting rule and SWOT boxes, m7b's partnership
# model, m4a's container rule) live in marked functions now
OLD_PUBLIC = [
    ("m0", "format_rupiah"),
    ("m1", "ALASAN_BENAR"),
    ("m1", "AKSES_BENAR"),
    ("m1", "KITE_BENAR"),
    ("m1", "KITE_SALAH"),
    ("m1", "huruf_dokumen_asal"),
    ("m1", "huruf_respons"),
    ("m2", "kode_artikel"),
    ("m2", "kode_produk"),
    ("m2", "OLAHRAGA"),
    ("m2", "BAGIAN_6406"),
    ("m4", "aturan_untuk"),
    ("m4a", "ATURAN_KONTAINER"),
    ("m4b", "aturan_untuk"),
    ("m4b", "penanggung_risiko"),
    ("m5", "inspection_plan"),
    ("m5a", "inspection_plan"),
    ("m5b", "huruf_uji"),
    ("m6", "selisih_lc"),
    ("m6", "peb_dari"),
    ("m7a", "baris"),
    ("m7a", "KUTIP"),
    ("m7a", "PERNYATAAN_SWOT"),
    ("m7", "PERNYATAAN_SWOT"),
    ("m7b", "SKENARIO_MODEL"),
]


@pytest.mark.parametrize(("modul", "name"), OLD_PUBLIC)
def test_r82_the_old_public_names_are_gone(modul, name):
    import importlib

    assert not hasattr(importlib.import_module(f"alaskaki.exercises.{modul}"), name)


# the recorder holds: the key called from a thread, a finalizer, a generator's cleanup and from
# C (sorted's key=) is recorded as any other call
CALLED_ELSEWHERE = {
    "thread": "import threading\nout = []\n"
    "t = threading.Thread(target=lambda: out.append(latihan.harapan(ID_PESERTA)['hpp']))\n"
    "t.start()\nt.join()\nx = out[0]",
    "finalizer": "class D:\n    def __del__(self):\n        global x\n"
    "        x = latihan.harapan(ID_PESERTA)['hpp']\nd = D()\ndel d",
    "generator_close": "def g():\n    try:\n        yield 1\n    finally:\n        global x\n"
    "        x = latihan.harapan(ID_PESERTA)['hpp']\nit = g()\nnext(it)\ndel it",
    "sorted_key": "x = sorted([ID_PESERTA], key=latihan.harapan)[0]",
}


@pytest.mark.slow
@pytest.mark.parametrize("where", sorted(CALLED_ELSEWHERE))
def test_the_key_called_from_a_thread_finalizer_or_c_is_recorded(where):
    res = _run("m3", CALLED_ELSEWHERE[where])
    assert "kunci:m3.harapan" in res.checks, (res.checks, res.cells)


# ------------------------------------------------------------------------------------------
# 1. the writer lock
# ------------------------------------------------------------------------------------------

HOLDER = """
import sys
from alaskaki.workshop.lock import unless_busy, writer_lock
lock = unless_busy if sys.argv[2] == "status" else writer_lock
with lock(sys.argv[1], sys.argv[2]):
    print("dipegang", flush=True)
    sys.stdin.read()
"""


def _hold(root: Path, command: str) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(root), command],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "dipegang", proc.stderr.read()
    return proc


def _end(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=60)


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "lokakarya"
    root.mkdir()
    (root / META_FILE).write_text("{}\n", encoding="utf-8")
    return root


# R83 fixed here (lock.py): the folder itself is locked too
@pytest.mark.parametrize("how", ["rm", "rsync", "symlink"])
def test_r83_a_lock_file_deleted_under_a_running_grade_still_keeps_a_second_writer_out(folder, how):
    grader = _hold(folder, "grade m3")
    lock = folder / LOCK_FILE
    try:
        lock.unlink()  # "sedang dipakai" looks stale to a worried trainer
        if how == "rsync":  # a restore from a copy: a new file renamed over it
            (folder / ".salinan").write_bytes(b"")
            os.replace(folder / ".salinan", lock)
        elif how == "symlink":
            lock.symlink_to(folder / "tidak-ada")
        with pytest.raises(WorkshopBusy), writer_lock(folder, "tutup m3", wait=0):
            pass
        assert running_writer(folder) is not None
    finally:
        _end(grader)
    with writer_lock(folder, "tutup m3", wait=0):  # free once grade ends
        pass


# R84 fixed here (lock.py)
def test_r84_a_status_beside_another_status_says_nobody_is_writing(folder):
    reader = _hold(folder, "status")  # another trainer's status, in its side write
    try:
        assert running_writer(folder) is None
    finally:
        _end(reader)


def test_a_lock_file_made_a_directory_still_keeps_a_second_writer_out(folder):
    """A careless `mkdir .sedang-dipakai` (or a copy tool making it a folder): the lock still
    works on the folder's descriptor, and a refused writer names nobody it cannot know."""
    (folder / LOCK_FILE).mkdir()
    grader = _hold(folder, "grade m3")
    try:
        with pytest.raises(WorkshopBusy) as refused, writer_lock(folder, "tutup m3", wait=0):
            pass
        assert "perintah alaskaki lain" in str(refused.value), refused.value
    finally:
        _end(grader)


def test_a_workshop_moved_while_grade_runs_is_still_locked_under_its_new_name(folder):
    grader = _hold(folder, "grade m3")
    try:
        moved = folder.with_name("lokakarya-pindah")
        folder.rename(moved)
        with pytest.raises(WorkshopBusy) as refused, writer_lock(moved, "tutup m3", wait=0):
            pass
        assert f"pid {grader.pid}" in str(refused.value), refused.value
    finally:
        _end(grader)


def test_a_killed_holders_note_in_a_copied_folder_names_nobody(folder, tmp_path):
    """`grade` killed (SIGKILL: no cleanup), the folder then copied with its note: the copy is
    free at once and its stale note is never shown as a holder."""
    import shutil

    grader = _hold(folder, "grade m3")
    os.kill(grader.pid, signal.SIGKILL)
    grader.wait(timeout=60)
    copy = tmp_path / "salinan"
    shutil.copytree(folder, copy)
    assert json.loads((copy / LOCK_FILE).read_text(encoding="utf-8"))["pid"] == grader.pid
    assert holder(copy) is None and running_writer(copy) is None
    with writer_lock(copy, "tutup m3", wait=0):
        assert holder(copy)["pid"] == os.getpid()


# ------------------------------------------------------------------------------------------
# 4. the roster name check
# ------------------------------------------------------------------------------------------


def _worked(tmp_path, name: str):
    from alaskaki.workshop import init_workshop

    roster = tmp_path / "awal.csv"
    roster.write_text(HEADER + f"p01,{name},UD A,Miji,P,admin\n", encoding="utf-8")
    ws = init_workshop(tmp_path / "ws", roster=roster, modules=[MOD])
    work = ws.submitted("p01", MOD)
    work.mkdir(parents=True)
    (work / f"{MOD}.ipynb").write_text("{}", encoding="utf-8")
    (work / "timestamp.txt").write_text("2026-12-01 10:00:00.000000 UTC", encoding="utf-8")
    return ws


@pytest.mark.parametrize(
    "recorded,edited",
    [
        ("Andr\u00e9 Susanto", "Andre\u0301 Susanto"),  # NFC / NFD
        ("Ani Lestari", "Ani\u200b Lestari"),  # a zero-width space from a chat
        ("Ma'ruf", "Ma\u2019ruf"),  # a word processor's apostrophe
    ],
)
def test_r85_the_same_name_spelled_in_other_code_points_is_not_another_person(
    tmp_path, recorded, edited
):
    from alaskaki.workshop import workshop_status

    ws = _worked(tmp_path, recorded)
    Folder(ws.root).roster_file.write_text(
        HEADER + f"p01,{edited},UD A,Miji,P,admin\n", encoding="utf-8"
    )
    assert [e.peserta for e in workshop_status(ws).entries] == ["p01"]


@pytest.mark.parametrize("name", ['"Sutrisno, S.E."', '"Ma\'ruf ""Cak"" Amin"', "  NUR  AISYAH "])
def test_a_name_with_a_comma_quotes_or_spacing_is_never_refused(tmp_path, name):
    from alaskaki.workshop import workshop_status

    ws = _worked(tmp_path, name)
    own = Folder(ws.root).roster_file
    own.write_text(own.read_text(encoding="utf-8").replace("NUR  AISYAH", "Nur Aisyah"), "utf-8")
    assert [e.peserta for e in workshop_status(ws).entries] == ["p01"]


def test_a_name_fixed_in_the_formgrader_is_refused_until_the_roster_agrees(tmp_path, capsys):
    """The trainer fixes a typo of p01's name in the formgrader (nbgrader's gradebook, as the
    formgrader writes it): status refuses, naming both spellings; importing peserta.csv with
    --perbaiki-nama p01 ends it, and the name reported is the roster's."""
    from nbgrader.api import Gradebook

    from alaskaki.cli import main
    from alaskaki.workshop import workshop_status

    ws = _worked(tmp_path, "Siti Aminah")
    with Gradebook(Folder(ws.root).db_url) as gb:
        gb.update_or_create_student("p01", first_name="Siti", last_name="Aminnah")
    with pytest.raises(AlaskakiError) as err:
        workshop_status(ws)
    assert "'Siti Aminah'" in str(err.value) and "'Siti Aminnah'" in str(err.value), err.value
    own = Folder(ws.root).roster_file
    assert main(["roster", "import", str(own), "--perbaiki-nama", "p01", "-w", str(ws.root)]) == 0
    capsys.readouterr()
    assert {e.peserta: e.nama for e in workshop_status(ws).entries} == {"p01": "Siti Aminah"}


# ------------------------------------------------------------------------------------------
# 2. the exchange's course folder: `release --angkatan-baru` picks a new course id by name in the
# exchange root every account can write; the name follows from the workshop folder's, which the
# course's record (alaskaki-lokakarya.json, 0644) shows to every account
# ------------------------------------------------------------------------------------------


@pytest.fixture
def second_batch(tmp_path):
    """Batch 1 released m3 through an exchange (1777); its folder copied for batch 2 (Budi on
    p01): the copy's release must be told --angkatan-baru."""
    import shutil

    from alaskaki.cli import main
    from alaskaki.workshop import import_roster, init_workshop
    from alaskaki.workshop.hub import set_exchange

    exchange = tmp_path / "exchange"
    exchange.mkdir()
    os.chmod(exchange, 0o1777)
    ws = init_workshop(tmp_path / "angkatan1", modules=[MOD])
    roster = tmp_path / "r1.csv"
    roster.write_text(HEADER + "p01,Ani,UD A,Miji,P,admin\n", encoding="utf-8")
    import_roster(ws, roster)
    set_exchange(ws, exchange)
    assert main(["release", MOD, "-w", str(ws.root)]) == 0
    record = json.loads((exchange / ws.course_id / "alaskaki-lokakarya.json").read_text("utf-8"))
    assert record["folder"] == str(ws.root)  # what every account can read
    copy = tmp_path / "angkatan2"
    shutil.copytree(ws.root, copy, symlinks=True)
    roster2 = tmp_path / "r2.csv"
    roster2.write_text(HEADER + "p01,Budi,UD A,Miji,L,admin\n", encoding="utf-8")
    assert main(["roster", "import", str(roster2), "-w", str(copy)]) == 0
    return exchange, copy


# R87 fixed here (exchange._free_course): the new course id is taken by making its folder
@pytest.mark.parametrize("taken", ["every_number", "dangling_link"])
def test_r87_a_participant_cannot_block_or_take_the_new_batchs_course(second_batch, taken, capsys):
    """A participant makes angkatan2, angkatan2-2 … angkatan2-999 in the exchange (the choice
    ran out: 'galat tak terduga (StopIteration)'), or a dangling link at angkatan2 (chosen, then
    nbgrader's release failed with an empty message, and a link made to point at his own folder
    would have received the release). The trainer's release goes ahead in a course folder of
    its own."""
    from alaskaki.cli import main
    from alaskaki.folder import Folder as F

    exchange, copy = second_batch
    if taken == "every_number":
        for name in ["angkatan2", *(f"angkatan2-{n}" for n in range(2, 1000))]:
            (exchange / name).mkdir()
    else:
        (exchange / "angkatan2").symlink_to(exchange.parent / "milik-peserta")
    capsys.readouterr()
    assert main(["release", MOD, "--angkatan-baru", "-w", str(copy)]) == 0, capsys.readouterr()
    course = exchange / F(copy).config().CourseDirectory.course_id
    assert course.name.startswith("angkatan2-") and not course.is_symlink()
    assert course.stat().st_uid == os.geteuid() and (course / "outbound" / MOD).is_dir()
    assert not (exchange.parent / "milik-peserta").exists()


# ------------------------------------------------------------------------------------------
# real accounts (`hub users`' create_users, no hub started): tests/integration/
# test_exchange_course_folder.py's server, made again for this module
# ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def accounts(require_part):
    import test_exchange_course_folder as course_folder_tests

    yield from course_folder_tests.server.__wrapped__(require_part)


def _as_account(accounts, user: str, *cmd: str) -> subprocess.CompletedProcess:
    import test_exchange_course_folder as course_folder_tests

    return course_folder_tests._as(accounts, user, *cmd)


@pytest.mark.slow
def test_a_participant_account_can_neither_hold_nor_read_the_workshop_lock(accounts):
    """Denial of service: a participant holding the writer lock would stop every grade. On a hub
    the workshop folder is the trainer's, 0750: his account cannot open it, nor the lock file in
    it, so he cannot flock either; the trainer's writer goes ahead at once."""
    base, ws, (user, _), _trainer, _, kit_bin = accounts
    hold = (
        "import fcntl, os, sys\n"
        "for path in sys.argv[1:]:\n"
        "    try:\n"
        "        fd = os.open(path, os.O_RDONLY)\n"
        "        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
        "        print('dipegang', path)\n"
        "    except OSError as err:\n"
        "        print('ditolak', path, err.errno)\n"
    )
    with writer_lock(ws.root, "release"):  # the lock file exists, as after any command
        pass
    res = _as_account(
        accounts, user, str(kit_bin / "python"), "-c", hold, str(ws.root), str(ws.root / LOCK_FILE)
    )
    assert "dipegang" not in res.stdout and res.stdout.count("ditolak") == 2, res
    with writer_lock(ws.root, "grade m3", wait=0):
        assert holder(ws.root)["pid"] == os.getpid()


@pytest.mark.slow
def test_a_submission_made_in_a_classmates_name_is_refused_and_the_classmates_own_collected(
    accounts,
):
    """p1 makes `inbound/<p2>+m3+2099-…+x/m3.ipynb` himself (inbound is 2733: anyone may create
    in it), dated after anything p2 can send; p2 then submits with nbgrader. The trainer's collect
    takes p2's own notebook, and names p1's record as refused."""
    import nbformat

    base, ws, (p1, p2), trainer, _, kit_bin = accounts
    alaskaki = str(kit_bin / "alaskaki")
    out = _as_account(accounts, trainer, alaskaki, "release", MOD, "--workshop", str(ws.root))
    assert out.returncode == 0, out.stderr
    inbound = base / "exchange" / ws.course_id / "inbound"
    forged = inbound / f"{p2}+{MOD}+2099-01-01 00:00:00.000000 UTC+palsu"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("# karya p1")])
    script = (
        "import os, sys; os.mkdir(sys.argv[1]); "
        "open(os.path.join(sys.argv[1], sys.argv[2]), 'w').write(sys.argv[3]); "
        "open(os.path.join(sys.argv[1], 'timestamp.txt'), 'w').write('2099-01-01 00:00:00.000000 UTC')"
    )
    res = _as_account(
        accounts,
        p1,
        str(kit_bin / "python"),
        "-c",
        script,
        str(forged),
        f"{MOD}.ipynb",
        nbformat.writes(nb),
    )
    assert res.returncode == 0, res.stderr  # nbgrader's inbound lets him
    nbgrader = str(kit_bin / "nbgrader")
    for cmd in ("fetch_assignment", "submit"):
        res = _as_account(accounts, p2, nbgrader, cmd, MOD)
        assert res.returncode == 0, res.stdout + res.stderr
    out = _as_account(accounts, trainer, alaskaki, "collect", MOD, "--workshop", str(ws.root))
    said = out.stdout + out.stderr
    assert "Traceback" not in said and "tak terduga" not in said, said
    assert f"dikirim oleh akun {p1} atas nama {p2}: ditolak" in said, said
    got = (ws.submitted(p2, MOD) / f"{MOD}.ipynb").read_text(encoding="utf-8")
    assert "karya p1" not in got and (ws.submitted(p2, MOD) / "submission_secret.txt").is_file()


@pytest.mark.slow
def test_r88_an_honest_nbgrader_submission_is_collected_without_a_note(accounts):
    base, ws, (p1, _p2), trainer, _, kit_bin = accounts
    alaskaki, nbgrader = str(kit_bin / "alaskaki"), str(kit_bin / "nbgrader")
    if not (base / "exchange" / ws.course_id / "outbound" / MOD).is_dir():
        res = _as_account(accounts, trainer, alaskaki, "release", MOD, "--workshop", str(ws.root))
        assert res.returncode == 0, res.stderr
    for cmd in ("fetch_assignment", "submit"):
        res = _as_account(accounts, p1, nbgrader, cmd, MOD)
        assert res.returncode == 0, res.stdout + res.stderr
    out = _as_account(accounts, trainer, alaskaki, "collect", MOD, "--workshop", str(ws.root))
    said = out.stdout + out.stderr
    assert f"Dipasang untuk dinilai: {p1}" in said or p1 in said, said
    assert "unduhan peramban" not in said, said


@pytest.mark.slow
def test_a_co_trainers_account_and_the_trainers_keep_each_other_out(accounts):
    """A second trainer's account on the server (in the trainers' group: the workshop, 0750, is
    readable to it, not writable): it can still hold the lock (flock needs no write access), so
    whichever account holds it, the other is refused, the co-trainer with the holder named."""
    import grp

    base, ws, _ids, trainer, _, kit_bin = accounts
    group = grp.getgrgid(os.stat(ws.root).st_gid).gr_name
    co = trainer[:-2] + "t2"
    subprocess.run(
        ["useradd", "--create-home", "--home-dir", str(base / "rumah" / co), "-G", group, co],
        check=True,
        capture_output=True,
    )
    code = (
        "import sys\n"
        "from alaskaki.workshop.lock import writer_lock\n"
        "with writer_lock(sys.argv[1], 'grade m3', wait=0):\n"
        "    print('dipegang', flush=True)\n"
        "    sys.stdin.read()\n"
    )
    env = ["env", "-i", f"HOME={base / 'rumah' / co}", f"PATH={kit_bin}:/usr/bin:/bin"]
    as_co = ["runuser", "-u", co, "--", *env, str(kit_bin / "python"), "-c", code, str(ws.root)]
    try:
        with writer_lock(ws.root, "release"):  # the lock file exists, as after any command
            pass
        proc = subprocess.Popen(
            as_co, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        try:
            assert proc.stdout.readline().strip() == "dipegang", proc.stderr.read()
            with pytest.raises(WorkshopBusy), writer_lock(ws.root, "tutup m3", wait=0):
                pass
        finally:
            proc.stdin.close()  # ends the co-trainer's command (killing runuser would orphan it)
            proc.wait(timeout=60)
        with writer_lock(ws.root, "grade m3", wait=0):  # held by the trainer's side now
            res = subprocess.run(
                as_co, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120
            )
        assert res.returncode != 0 and "sedang dipakai `alaskaki grade m3`" in res.stderr, (
            res.stderr
        )
    finally:
        subprocess.run(["userdel", "--remove", co], check=False, capture_output=True)


# ------------------------------------------------------------------------------------------
# 5. the anonymous report's pseudonyms (folder, session 11: a per-workshop random key): can a
# reviewer holding the anonymous files map a pseudonym back to a person?
# ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    from competencykit import sample_workshop

    from alaskaki.workshop import Workshop

    return Workshop.open(sample_workshop(tmp_path_factory.mktemp("anonim") / "w1"))


def _report_json(ws, out: Path, **kw) -> dict:
    from alaskaki.workshop.reporting import make_reports

    written = make_reports(ws, out_dir=out, formats=("json",), **kw)
    (report,) = [p for p in written if p.suffix == ".json"]
    return json.loads(report.read_text(encoding="utf-8"))


def test_the_workshops_own_key_maps_back_to_nobody_and_rows_follow_the_pseudonyms(sample, tmp_path):
    """Without the key the pseudonyms are HMACs of a random 128-bit secret; the rows are in
    pseudonym order (not the roster's, which a reviewer knows from the attendance list); the
    empty key the kit used before maps nothing."""
    from competencykit import SAMPLE_PEOPLE

    from alaskaki.report.views import pseudonym

    data = _report_json(sample, tmp_path, anonim=True, anonim_k=2)
    aliases = [p["id"] for p in data["participants"]]
    assert aliases == sorted(aliases) and len(aliases) == len(SAMPLE_PEOPLE)
    for guess in ("", "alaskaki", sample.course_id, "w1"):
        assert not {pseudonym(pid, guess) for pid in SAMPLE_PEOPLE} & set(aliases), guess


def test_r89_a_guessable_anonim_kunci_is_refused(sample, tmp_path, monkeypatch):
    from competencykit import SAMPLE_PEOPLE

    from alaskaki.report.views import pseudonym

    reviewer = tmp_path / "peninjau.yml"
    reviewer.write_text('kantor:\n  nama: Dinas\nanonim_kunci: "mojokerto2026"\n', "utf-8")
    monkeypatch.setenv("ALASKAKI_PENINJAU", str(reviewer))
    try:
        data = _report_json(sample, tmp_path / "out", anonim=True, anonim_k=2)
    except AlaskakiError:
        return  # refused: the fix
    aliases = {p["id"] for p in data["participants"]}
    words = ["disperindag", "diskopukmperindag", "mojokerto", "mojokerto2025", "mojokerto2026"]
    found = [w for w in words if {pseudonym(pid, w) for pid in SAMPLE_PEOPLE} == aliases]
    assert not found, f"key {found[0]!r} recovered from {len(words)} guesses"


def test_r90_an_anonymous_report_gives_no_submission_time_back(sample, tmp_path):
    from datetime import datetime, timedelta

    full = _report_json(sample, tmp_path / "pelatih")
    anon = _report_json(sample, tmp_path / "anonim", anonim=True, anonim_k=2)
    cols = full["kolom"]["modul"]
    at = {c: cols.index(c) for c in ("modul", "waktu", "batas", "detik_terlambat")}

    def late(rows) -> set:
        out = set()
        for m in rows:
            if m[at["batas"]] and m[at["detik_terlambat"]]:
                when = datetime.fromisoformat(m[at["batas"]])
                out.add((m[at["modul"]], when + timedelta(seconds=m[at["detik_terlambat"]])))
        return out

    handed = {
        (m[at["modul"]], datetime.fromisoformat(m[at["waktu"]]))
        for p in full["participants"]
        for m in p["modul"]
        if m[at["waktu"]] and m[at["detik_terlambat"]]
    }
    assert handed  # the sample cohort has late work
    rebuilt = set().union(*(late(p["modul"]) for p in anon["participants"]))
    assert not handed & rebuilt, sorted(handed & rebuilt)


@pytest.mark.slow
# R91 fixed here (lock._give_to_folder_owner)
def test_r91_after_a_sudo_command_the_trainers_own_commands_still_name_themselves(accounts):
    """`sudo alaskaki release` (root) made the lock file; the trainer's account then holds the
    lock: a second command is told which command holds it, not 'perintah alaskaki lain' (a
    root-owned 0644 file took the trainer's note)."""
    base, ws, _ids, trainer, _, kit_bin = accounts
    (ws.root / LOCK_FILE).unlink(missing_ok=True)
    with writer_lock(ws.root, "release"):  # root, as `sudo alaskaki release` runs it
        pass
    code = (
        "import sys\n"
        "from alaskaki.workshop.lock import writer_lock\n"
        "with writer_lock(sys.argv[1], 'grade m3', wait=0):\n"
        "    print('dipegang', flush=True)\n"
        "    sys.stdin.read()\n"
    )
    env = ["env", "-i", f"HOME={base / 'rumah' / trainer}", f"PATH={kit_bin}:/usr/bin:/bin"]
    proc = subprocess.Popen(
        ["runuser", "-u", trainer, "--", *env, str(kit_bin / "python"), "-c", code, str(ws.root)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout.readline().strip() == "dipegang", proc.stderr.read()
        with pytest.raises(WorkshopBusy) as refused, writer_lock(ws.root, "tutup m3", wait=0):
            pass
        assert "`alaskaki grade m3`" in str(refused.value), refused.value
        assert f"pengguna {trainer}" in str(refused.value), refused.value
    finally:
        proc.stdin.close()
        proc.wait(timeout=60)


@pytest.mark.slow
# R92, fixed by R83's folder lock: with no lock file the command ran unlocked
def test_r92_a_full_disk_keeps_the_lock_working_without_the_note(tmp_path):
    """The workshop's disk is full (no block for the holder's note, no inode for a new lock
    file): the lock still keeps a second writer out, the refusal names nobody it cannot know,
    and the next writer goes ahead once the first ends."""
    from test_os_failures import mounted

    small = ("-t", "tmpfs", "-o", "size=64k,nr_inodes=16", "tmpfs")
    with mounted(tmp_path / "kecil", *small) as disk:
        root = disk / "lokakarya"
        root.mkdir()
        (root / META_FILE).write_text("{}\n", encoding="utf-8")
        filler = disk / "isi"
        with contextlib.suppress(OSError), filler.open("wb") as fh:
            while True:
                fh.write(b"\0" * 4096)
                fh.flush()
        n = 0
        with contextlib.suppress(OSError):
            while True:  # the inodes too: no new lock file can be made
                (disk / f"i{n}").touch()
                n += 1
        grader = _hold(root, "grade m3")
        try:
            with pytest.raises(WorkshopBusy) as refused, writer_lock(root, "tutup m3", wait=0):
                pass
            assert "perintah alaskaki lain" in str(refused.value), refused.value
        finally:
            _end(grader)
        with writer_lock(root, "tutup m3", wait=0):
            pass


def test_r93_the_offices_name_as_anonim_kunci_is_refused(sample, tmp_path, monkeypatch):
    from competencykit import SAMPLE_PEOPLE

    from alaskaki.report.views import pseudonym

    office = "Dinas Perindustrian dan Perdagangan Kota Mojokerto"
    reviewer = tmp_path / "peninjau.yml"
    reviewer.write_text(f'kantor:\n  nama: {office}\nanonim_kunci: "{office}"\n', "utf-8")
    monkeypatch.setenv("ALASKAKI_PENINJAU", str(reviewer))
    try:
        data = _report_json(sample, tmp_path / "out", anonim=True, anonim_k=2)
    except AlaskakiError:
        return  # refused: the fix
    header = json.dumps(data["peninjau"], ensure_ascii=False)  # what the reviewer reads
    aliases = {p["id"] for p in data["participants"]}
    assert office in header
    assert {pseudonym(pid, office) for pid in SAMPLE_PEOPLE} != aliases, "key read off the report"
