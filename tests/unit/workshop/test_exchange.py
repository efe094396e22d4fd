"""One exchange course, one batch (``alaskaki.workshop.exchange``, issue 14): the course id two
workshops share is asked about, and the trainer's answer is kept. nbgrader's own release into a
real exchange folder; the end-to-end case with a participant account is
tests/integration/test_exchange_between_batches.py."""

from __future__ import annotations

import json
import subprocess

import pytest

from alaskaki.errors import AlaskakiError
from alaskaki.workshop import collect_module, import_roster, init_workshop
from alaskaki.workshop.course import Workshop
from alaskaki.workshop.exchange import OWNER_FILE
from alaskaki.workshop.hub import set_exchange
from alaskaki.workshop.release import release_module

pytestmark = pytest.mark.slow  # each test creates nbgrader gradebooks

MOD = "m3-biaya-produksi"


def _roster(path, pid: str, nama: str):
    path.write_text(
        f"id,nama,ikm,kelurahan,jenis_kelamin,peran\n{pid},{nama},IKM A,Miji,P,admin\n",
        encoding="utf-8",
    )
    return path


def test_another_workshop_with_the_same_course_id_is_asked_and_can_share(tmp_path):
    """Two workshops made by ``init`` with the same folder name have the same course id: the second
    one's release is refused naming the other; ``--angkatan-sama`` is the trainer's word that they
    share it (then collect goes on without asking), ``--angkatan-baru`` moves it to its own course."""
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    first = init_workshop(tmp_path / "a" / "lokakarya", modules=[MOD])
    second = init_workshop(tmp_path / "b" / "lokakarya", modules=[MOD])
    for n, ws in enumerate((first, second)):
        import_roster(ws, _roster(tmp_path / f"r{n}.csv", f"p0{n}", f"Peserta {n}"))
        set_exchange(ws, exchange)
    release_module(first, MOD)
    assert first.course_id == second.course_id == "lokakarya"
    with pytest.raises(AlaskakiError) as err:
        release_module(second, MOD)
    said = str(err.value)
    assert "lokakarya lain" in said and str(first.root) in said and "--angkatan-sama" in said
    with pytest.raises(AlaskakiError, match="--angkatan-baru"):
        collect_module(second, MOD)
    release_module(second, MOD, angkatan="sama")
    assert collect_module(second, MOD).collected == {}
    assert collect_module(first, MOD).collected == {}
    release_module(second, MOD, angkatan="baru")
    assert Workshop(second.root).course_id == "lokakarya-2"
    assert (exchange / "lokakarya-2" / "outbound" / MOD).is_dir()
    # the record names no participant: every account can read it
    text = (exchange / "lokakarya" / OWNER_FILE).read_text(encoding="utf-8")
    assert "Peserta" not in text and "p00" not in text and len(json.loads(text)["peserta"]) == 2


def test_a_course_released_by_an_older_kit_is_judged_by_the_original_still_in_place(tmp_path):
    """An exchange course without the record (released by an older kit): a ``cp -a`` copy whose
    roster holds other people than the original's (still in its place) is asked; a copy with the
    original's roster (the same batch's working copy) goes on and records itself."""
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    first = init_workshop(tmp_path / "angkatan-1", modules=[MOD])
    import_roster(first, _roster(tmp_path / "r1.csv", "p01", "Ani"))
    set_exchange(first, exchange)
    release_module(first, MOD)
    (exchange / first.course_id / OWNER_FILE).unlink()  # as an older kit left it
    release_module(first, MOD, angkatan="baru")  # the folder init made keeps its own course
    assert Workshop(first.root).course_id == "angkatan-1"
    (exchange / first.course_id / OWNER_FILE).unlink()
    for name in ("angkatan-2", "kerja"):
        subprocess.run(["cp", "-a", str(first.root), str(tmp_path / name)], check=True)
    copy = Workshop(tmp_path / "angkatan-2")
    import_roster(copy, _roster(tmp_path / "r2.csv", "p01", "Budi"))
    with pytest.raises(AlaskakiError, match=f"Kursus {first.course_id} .*--angkatan-baru"):
        collect_module(copy, MOD)
    assert not (exchange / first.course_id / OWNER_FILE).exists()
    work = Workshop(tmp_path / "kerja")
    assert collect_module(work, MOD).collected == {}
    assert json.loads((exchange / first.course_id / OWNER_FILE).read_text())["folder"] == str(
        work.root
    )
    with pytest.raises(AlaskakiError, match="--angkatan-sama"):
        collect_module(copy, MOD)


# ------------------------------------------------------------------------------------------
# who owns the course folder (red team R74); the real accounts: tests/integration/
# test_exchange_course_folder.py
# ------------------------------------------------------------------------------------------

root_only = pytest.mark.skipif(
    not hasattr(__import__("os"), "geteuid") or __import__("os").geteuid() != 0,
    reason="needs root (files given to another account)",
)
NOBODY = 65534  # an account that is neither root nor in the trainers' group


@root_only
@pytest.mark.parametrize("part", ["", "inbound", OWNER_FILE])
def test_a_course_folder_another_account_owns_is_refused_naming_the_account(tmp_path, part):
    """A course folder (or nbgrader's inbound in it, or the record) owned by an account that is not
    the one running alaskaki: release, collect and feedback stop with one Indonesian sentence
    naming that account and `sudo rm -r`, never nbgrader's English or "lokakarya lain"; nothing
    in the workshop is changed."""
    import os
    import pwd

    from alaskaki.workshop.hub import release_feedback

    exchange = tmp_path / "exchange"
    exchange.mkdir()
    ws = init_workshop(tmp_path / "lokakarya", modules=[MOD])
    import_roster(ws, _roster(tmp_path / "r.csv", "p01", "Ani"))
    set_exchange(ws, exchange)
    course = exchange / ws.course_id
    if part:
        release_module(ws, MOD)
    else:
        course.mkdir()
    target = course / part if part else course
    os.chown(target, NOBODY, NOBODY)
    who = pwd.getpwuid(NOBODY).pw_name
    before = sorted(p.relative_to(ws.root) for p in ws.root.rglob("*") if "cadangan" not in p.parts)
    for run in (
        lambda: release_module(ws, MOD),
        lambda: collect_module(ws, MOD),
        lambda: release_feedback(ws, MOD),
    ):
        with pytest.raises(AlaskakiError) as err:
            run()
        said = str(err.value)
        assert f"dimiliki akun {who}," in said and f"`sudo rm -r {target}`" in said, said
        assert "lokakarya lain" not in said and "You don't own" not in said
        assert said.count(". ") == 0 and "\n" not in said  # one sentence
    after = sorted(p.relative_to(ws.root) for p in ws.root.rglob("*") if "cadangan" not in p.parts)
    assert after == before


@root_only
def test_hub_users_course_folder_is_the_trainers_with_nbgraders_modes(tmp_path):
    """``hub users`` makes the course folder before any participant logs in: owned by the
    trainer, with the modes nbgrader's own release gives (0755, outbound 0755, inbound 2733,
    feedback 0711). A course folder an earlier `sudo alaskaki release` made (root's) is handed to
    the trainer with its released module and record, the participants' submissions untouched."""
    import os
    import stat

    from alaskaki.workshop.exchange import COURSE_DIRS, make_course_folder

    exchange = tmp_path / "exchange"
    exchange.mkdir()
    os.chmod(exchange, 0o1777)
    made = make_course_folder(exchange / "baru", NOBODY, NOBODY, tmp_path)
    assert len(made) == len(COURSE_DIRS)
    for name, mode in COURSE_DIRS.items():
        st = os.lstat(exchange / "baru" / name)
        assert (st.st_uid, stat.S_IMODE(st.st_mode)) == (NOBODY, mode), (name, oct(st.st_mode))
    assert make_course_folder(exchange / "baru", NOBODY, NOBODY, tmp_path) == []

    ws = init_workshop(tmp_path / "lokakarya", modules=[MOD])
    import_roster(ws, _roster(tmp_path / "r.csv", "p01", "Ani"))
    set_exchange(ws, exchange)
    release_module(ws, MOD)  # as root: the course folder is root's
    course = exchange / ws.course_id
    sub = course / "inbound" / f"p01+{MOD}+2026-12-01 10:00:00.000000 UTC+abc"
    sub.mkdir()
    os.chown(sub, 12345, 12345)  # a participant's submission
    make_course_folder(course, NOBODY, NOBODY, tmp_path)
    for p in [course, course / OWNER_FILE, *course.joinpath("outbound").rglob("*")]:
        assert os.lstat(p).st_uid == NOBODY, p
    assert os.lstat(course / "inbound").st_uid == NOBODY
    assert os.lstat(sub).st_uid == 12345


@root_only
def test_hub_users_refuses_a_course_folder_a_participant_made_first(tmp_path):
    """A course folder made by another account (a participant on a rerun of ``hub users``) is
    refused naming the account and `sudo rm -r`, and left as it is."""
    import os
    import pwd

    from alaskaki.workshop.exchange import make_course_folder

    course = tmp_path / "exchange" / "lokakarya"
    course.mkdir(parents=True)
    os.chown(course, NOBODY, NOBODY)
    with pytest.raises(AlaskakiError) as err:
        make_course_folder(course, 4321, 4321, tmp_path / "ws")
    said = str(err.value)
    assert f"dibuat oleh akun {pwd.getpwuid(NOBODY).pw_name}," in said, said
    assert f"`sudo rm -r {course}`" in said and "hub users --workshop" in said
    assert os.lstat(course).st_uid == NOBODY and list(course.iterdir()) == []
