"""Red team (session 8): collect and grade, the SECOND turn, with the real grader.

A latihan (m3-biaya-produksi, personal copies with tokens, due 2026-11-30 17:00 WIB) was collected
and graded once, feedback written. Then participants hand in again: on time then late, the same
file twice, a friend's file. What must hold: the newest valid version is graded, late is marked
late, every version stays in arsip/, a friend cannot replace anyone's work. Collect-only findings
live in ``tests/unit/test_attack_second_turn_collect.py``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import nbformat
import pytest
from copykit import usb_stick

from tests.integration.test_os_failures import tmpfs

pytestmark = [pytest.mark.slow]

MOD = "m3-biaya-produksi"


def _work(ws, pid: str, skill: float, copy):
    """``pid``'s answers at ``skill`` on their own personal copy (its setup cell kept as given)."""
    from alaskaki.workshop import demo

    source = nbformat.read(ws.source_notebook(MOD), as_version=4)
    nb = demo.simulate_submission(source, copy, pid, skill, MOD)
    for mine, given in zip(nb.cells, copy.cells, strict=True):
        if "ID_PESERTA" in given.source and "TOKEN_PESERTA" in given.source:
            mine.source = given.source
    return nb


def test_a_late_second_version_is_graded_marked_late_and_the_first_is_kept(
    released_latihan_uji_personal, tmp_path
):
    """p01 hands in at 15:00 (on time, every answer right); graded, feedback written. At 18:00
    (an hour late) he hands in a second version with half the answers changed. The trainer
    collects, runs `grade` again: the second version is the one graded, status says late, the
    first stays in the archive; a copy of the first version handed in by p05 as his own is held
    (p01's token), and collecting the same sticks again changes nothing."""
    from alaskaki.workshop import collect_module, grade, workshop_status
    from alaskaki.workshop.feedback import write_feedback
    from tests.integration.conftest import personal_copies

    base = released_latihan_uji_personal
    ws = type(base)(shutil.copytree(base.root, tmp_path / "lokakarya", symlinks=True))
    copies = personal_copies(ws, MOD)
    first = _work(ws, "p01", 1.0, copies["p01"])
    stick1 = usb_stick(tmp_path, "usb-1500", {f"p01_{MOD}.ipynb": first})
    collect_module(ws, MOD, source=stick1, received="2026-11-30 15:00")
    run = grade(ws, MOD, participants=["p01"], progress=False, workers=1)
    full = run.by_participant()["p01"]
    assert full.score == full.max_score > 0, full
    assert write_feedback(ws.root, MOD, participants=["p01"])

    second = _work(ws, "p01", 0.0, copies["p01"])
    stick2 = usb_stick(
        tmp_path,
        "usb-1800",
        {f"p01_{MOD}.ipynb": second, f"p05_{MOD}.ipynb": first},  # p05: p01's first, renamed
    )
    res = collect_module(ws, MOD, source=stick2, received="2026-11-30 18:00")
    assert res.installed == ["p01"], res
    assert [h.peserta for h in res.held] == ["p05"] and "p01" in res.held[0].reason, res
    row = {e.peserta: e for e in workshop_status(ws, modul=MOD).entries}["p01"]
    assert row.perlu_nilai_ulang and row.terlambat and row.versi == 2, row

    run = grade(ws, MOD, participants=["p01"], progress=False, workers=1)
    again = run.by_participant()["p01"]
    assert again.score < full.score, again
    row = {e.peserta: e for e in workshop_status(ws, modul=MOD).entries}["p01"]
    assert row.terlambat and row.dinilai and not row.perlu_nilai_ulang, row
    assert row.nilai == again.score
    kept = sorted(p.read_bytes() for p in ws.archive("p01", MOD).glob("*.ipynb"))
    assert (stick1 / f"p01_{MOD}.ipynb").read_bytes() in kept and len(kept) == 2
    assert not ws.submitted("p05", MOD).exists()

    # the trainer runs both sticks again: nothing new, nothing regraded
    for stick in (stick1, stick2):
        res = collect_module(ws, MOD, source=stick, received="2026-11-30 19:00")
        assert not res.installed and not res.collected, res
    run = grade(ws, MOD, participants=["p01"], progress=False, workers=1)
    assert run.by_participant()["p01"].status == "tidak berubah"


def test_a_disk_full_second_collect_keeps_the_first_version_showing(tmp_path):
    """The workshop sits on a nearly full flashdisk (a 16 MB tmpfs here). p01's first version is
    collected. His second version (2 MB: a pasted photo) is archived, then the disk fills while
    collect installs it: "galat: Gagal mengumpulkan jawaban: disk penuh." -- which file, whose?
    collect removed submitted/p01/m3/timestamp.txt before writing the new notebook (so that the
    next run sees the install unfinished), so until space is freed and collect run again `alaskaki
    status` says p01 "belum dikumpulkan": the trainer reading it tells p01 his work never arrived.
    Until the new version is installed, the old one must stay what status shows (received time
    kept), and the message must say whose file could not be installed.

    Fixed session 9: a version is written whole beside submitted/ and swapped in; the message
    names p01, the module, the cause and the fix; p02's small file in the same batch is installed;
    once space is freed the same command installs p01's second version."""
    from alaskaki.workshop import collect_module, import_roster, init_workshop, workshop_status
    from tests.unit.workshop.test_collect import nb_bytes

    with tmpfs(tmp_path / "flashdisk", "16m") as disk:
        ws = init_workshop(disk / "lokakarya", modules=[MOD])
        roster = tmp_path / "r.csv"
        roster.write_text(
            "id,nama,ikm,kelurahan,jenis_kelamin,peran\np01,Ani,A,Miji,P,admin\n"
            "p02,Budi,A,Miji,L,admin\n"
        )
        import_roster(ws, roster)
        first = tmp_path / "usb-1"
        first.mkdir()
        (first / f"p01_{MOD}.ipynb").write_bytes(nb_bytes("p01", "x = 1"))
        collect_module(ws, MOD, source=first, received="2026-11-30 15:00")
        big = nb_bytes("p01", "x = 2\n# " + "a" * (2 * 1024 * 1024))
        second = tmp_path / "usb-2"
        second.mkdir()
        (second / f"p01_{MOD}.ipynb").write_bytes(big)
        (second / f"p02_{MOD}.ipynb").write_bytes(nb_bytes("p02", "x = 3"))
        st = os.statvfs(disk)
        # room for the archive copy (and the gradebook's backup), not for the installed copy
        room = len(big) * 3 // 2 + 600 * 1024
        (disk / "isi").write_bytes(b"\0" * (st.f_bavail * st.f_frsize - room))
        cmd = [sys.executable, "-m", "alaskaki", "collect", MOD, "--from", str(second)]
        cmd += ["--diterima", "2026-11-30 18:00", "--workshop", str(ws.root)]
        res = subprocess.run(cmd, capture_output=True, text=True, check=False)
        assert res.returncode != 0 and "disk penuh" in res.stderr, res
        assert len(list(ws.archive("p01", MOD).glob("*.ipynb"))) == 2  # nothing lost
        rows = {e.peserta: e for e in workshop_status(ws, modul=MOD).entries}
        assert rows["p01"].dikumpulkan is not None, "status: p01 belum dikumpulkan"
        assert str(rows["p01"].dikumpulkan)[:16] == "2026-11-30 08:00"  # the first, 15:00 WIB
        assert f"p01, modul {MOD}" in res.stderr and "galat tak terduga" not in res.stderr, res
        assert len(res.stderr.strip().splitlines()) == 1, res.stderr
        assert rows["p02"].dikumpulkan is not None and "p02" in res.stdout, res.stdout

        (disk / "isi").unlink()  # the trainer frees space and runs the same command again
        again = subprocess.run(cmd, capture_output=True, text=True, check=False)
        assert again.returncode == 0, again
        row = {e.peserta: e for e in workshop_status(ws, modul=MOD).entries}["p01"]
        assert str(row.dikumpulkan)[:16] == "2026-11-30 11:00" and row.versi == 2, row
        assert (ws.submitted("p01", MOD) / f"{MOD}.ipynb").read_bytes() == big
        assert sorted(p.name for p in ws.submitted().iterdir()) == ["p01", "p02"]


def test_a_collect_killed_half_way_is_completed_by_running_it_again(tmp_path):
    """The trainer collects a batch of 24 sticks' files (3 MB each: photos pasted in) and the laptop
    dies half-way (SIGKILL of the real `alaskaki collect`, as a power cut or the OOM killer does).
    He runs the same command again. Every participant ends with exactly one archived version,
    installed, received at the stated time; half-written files are no versions."""
    import signal
    import time

    from alaskaki import paths
    from alaskaki.workshop import init_workshop, workshop_status
    from tests.unit.workshop.test_collect import nb_bytes

    ws = init_workshop(
        tmp_path / "lokakarya", roster=paths.dataset("contoh_peserta.csv"), modules=[MOD]
    )
    ids = ws.participant_ids()
    stick = tmp_path / "usb"
    stick.mkdir()
    for pid in ids:
        (stick / f"{pid}_{MOD}.ipynb").write_bytes(
            nb_bytes(pid, f"x = 1\n# {pid} " + "a" * (3 * 1024 * 1024))
        )
    cmd = [sys.executable, "-m", "alaskaki", "collect", MOD, "--from", str(stick)]
    cmd += ["--diterima", "2026-11-30 16:00", "--workshop", str(ws.root)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while proc.poll() is None and len(list(ws.archive().glob("*/*/*.ipynb"))) < len(ids) // 3:
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    cut = len(list(ws.archive().glob("*/*/*.ipynb")))
    if proc.returncode != -signal.SIGKILL or cut >= len(ids):
        pytest.skip(f"collect finished before it could be killed ({cut} archived)")

    again = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert again.returncode == 0, again.stderr
    for pid in ids:
        versions = list(ws.archive(pid, MOD).glob("*.ipynb"))
        assert len(versions) == 1, (pid, versions)
        assert versions[0].read_bytes() == (stick / f"{pid}_{MOD}.ipynb").read_bytes(), pid
    rows = workshop_status(ws, modul=MOD).entries
    assert all(e.dikumpulkan is not None and e.versi == 1 for e in rows), rows
    assert {str(e.dikumpulkan)[:16] for e in rows} == {"2026-11-30 09:00"}


def test_a_manual_score_of_the_first_version_never_scores_the_second(released_module, tmp_path):
    """p01's first m3 is all wrong; the trainer looks at it in the formgrader and gives the first
    item full points by hand (his working was right, a rounding slip). p01 then hands in a second
    version with that item wrong in another way. `grade` scores it 1/9: the manual point of the
    first version (nbgrader keeps Grade.manual_score when a cell is autograded again), and status
    shows nothing waiting for the trainer. A manual score belongs to the version it was given for.

    Fixed session 8 (grading.manual).
    """
    from alaskaki.workshop import collect_module, demo, grade, workshop_status

    base, source, given = released_module(MOD)
    ws = type(base)(shutil.copytree(base.root, tmp_path / "lokakarya", symlinks=True))

    def hand_in(n, when):
        nb = demo.simulate_submission(source, given, "p01", 0.0, MOD)
        nb.cells.append(nbformat.v4.new_markdown_cell(f"versi {n}"))
        if n == 2:  # wrong in another way: the answers changed (the same answers keep it, R50)
            answer = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution"))
            answer.source += "\n# dicoba lagi"
        stick = usb_stick(tmp_path, f"usb-{n}", {f"p01_{MOD}.ipynb": nb})
        collect_module(ws, MOD, source=stick, received=when)

    hand_in(1, "2026-12-01 15:00")
    assert grade(ws, MOD, progress=False, workers=1).by_participant()["p01"].score == 0
    with ws.gradebook() as gb:  # what the formgrader saves
        sub = gb.find_submission_notebook(MOD, MOD, "p01")
        cell = next(g for g in sub.grades if g.max_score)
        cell.manual_score = cell.max_score
        gb.db.commit()
    hand_in(2, "2026-12-01 16:00")
    again = grade(ws, MOD, progress=False, workers=1).by_participant()["p01"]
    row = {e.peserta: e for e in workshop_status(ws, modul=MOD).entries}["p01"]
    assert row.menunggu > 0 or not row.nilai, (again, row)


def test_a_read_only_submission_folder_is_named_and_the_next_run_completes(tmp_path):
    """Second turn: p01's and p02's second versions are collected while p01's submitted folder is
    read-only (copied from a CD or a Windows share that keeps the read-only mark). collect stops
    with an Indonesian message naming p01's file; both versions are in the archive; once the folder
    is writable, the same command installs both (nothing handed in twice, nothing lost)."""
    from alaskaki.workshop import collect_module, import_roster, init_workshop
    from tests.integration.test_os_failures import read_only_view
    from tests.unit.workshop.test_collect import nb_bytes

    ws = init_workshop(tmp_path / "lokakarya", modules=[MOD])
    roster = tmp_path / "r.csv"
    roster.write_text(
        "id,nama,ikm,kelurahan,jenis_kelamin,peran\np01,A,A,Miji,P,admin\np02,B,A,Miji,P,admin\n"
    )
    import_roster(ws, roster)
    first, second = tmp_path / "usb-1", tmp_path / "usb-2"
    for stick, text in ((first, "versi 1"), (second, "versi 2")):
        stick.mkdir()
        for pid in ("p01", "p02"):
            (stick / f"{pid}_{MOD}.ipynb").write_bytes(nb_bytes(pid, text))
    collect_module(ws, MOD, source=first, received="2026-12-01 15:00")
    cmd = [sys.executable, "-m", "alaskaki", "collect", MOD, "--from", str(second)]
    cmd += ["--diterima", "2026-12-01 16:00", "--workshop", str(ws.root)]
    locked = ws.submitted("p01", MOD)
    with read_only_view(locked, locked):
        res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert res.returncode != 0 and "hanya-baca" in res.stderr, res
    assert "galat tak terduga" not in res.stderr and "p01" in res.stderr, res.stderr
    for pid in ("p01", "p02"):
        assert len(list(ws.archive(pid, MOD).glob("*.ipynb"))) == 2, pid
    again = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert again.returncode == 0, again.stderr
    for pid in ("p01", "p02"):
        installed = (ws.submitted(pid, MOD) / f"{MOD}.ipynb").read_bytes()
        assert installed == nb_bytes(pid, "versi 2"), pid
