"""Collecting submissions: the collector's time and identity, held conflicts, refused sources,
and a transaction that an interruption at any step cannot strand."""

from __future__ import annotations

import json
import os
import zipfile
from datetime import datetime

import pytest

from alaskaki.errors import AlaskakiError
from alaskaki.workshop import collect as collect_mod
from alaskaki.workshop import collect_module, import_roster, init_workshop, workshop_status
from alaskaki.workshop.collect import _match_participant

pytestmark = pytest.mark.slow  # each test creates an nbgrader gradebook

MOD = "m3-biaya-produksi"
OTHER = "m4a-harga-ekspor"
T1 = datetime(2026, 12, 1, 8, 0)  # naive UTC = 15:00 WIB
T2 = datetime(2026, 12, 1, 9, 0)
T3 = datetime(2026, 12, 1, 11, 0)


def nb_bytes(id_peserta="", answer="x = 1", modul=MOD, token=None) -> bytes:
    """A tiny notebook shaped like a module's: a setup cell and one answer cell with its grade_id."""
    m = modul.split("-")[0]
    setup = f'from alaskaki.exercises import {m} as latihan\nID_PESERTA = "{id_peserta}"\n'
    if token is not None:
        setup += f'TOKEN_PESERTA = "{token}"\n'
    cells = [
        {
            "cell_type": "code",
            "metadata": {"nbgrader": {"grade_id": f"{m}_id_peserta", "solution": True}},
            "source": setup,
            "outputs": [],
            "execution_count": None,
        },
        {
            "cell_type": "code",
            "metadata": {
                "nbgrader": {
                    "grade_id": f"{m}_{'luas_kulit' if m == 'm3' else 'harga_exw'}_jawab",
                    "solution": True,
                }
            },
            "source": answer,
            "outputs": [],
            "execution_count": None,
        },
    ]
    nb = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(nb).encode("utf-8")


@pytest.fixture
def ws(tmp_path):
    ws = init_workshop(tmp_path / "ws", modules=[MOD, OTHER])
    roster = tmp_path / "r.csv"
    roster.write_text(
        "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"
        + "".join(
            f"{p},Nama {p},A,Miji,P,admin\n" for p in ("p01", "p02", "p05", "p08", "p09", "p1")
        )
    )
    import_roster(ws, roster)
    return ws


def put(folder, name, data: bytes, mtime: str | None = None):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    if mtime:
        ts = datetime.fromisoformat(mtime).timestamp()
        os.utime(path, (ts, ts))
    return path


def submitted(ws, pid, modul=MOD) -> bytes:
    return (ws.submitted(pid, modul) / f"{modul}.ipynb").read_bytes()


def stamp(ws, pid, modul=MOD) -> str:
    return (ws.submitted(pid, modul) / "timestamp.txt").read_text()


def versions(ws, pid, modul=MOD):
    return sorted(ws.archive(pid, modul).glob("*.ipynb"))


# ------------------------------------------------------------------ names


def test_match_participant_tolerates_copy_decorations_and_case():
    ids = ["p1", "p01", "p02", "p05", "p08", "p09"]
    mods = [MOD, OTHER]
    assert _match_participant("p01_m3-biaya-produksi.ipynb", ids, mods) == "p01"
    assert _match_participant("p1-m3.ipynb", ids, mods) == "p1"
    assert _match_participant("P02/m3-biaya-produksi.ipynb", ids, mods) == "p02"
    assert _match_participant("p011_m3.ipynb", ids, mods) is None
    assert _match_participant("Salinan dari p08_m3-biaya-produksi.ipynb", ids, mods) == "p08"
    assert _match_participant("m3-biaya-produksi_p09 (1).ipynb", ids, mods) == "p09"
    assert _match_participant("P05_M3-BIAYA-PRODUKSI - Copy.IPYNB", ids, mods) == "p05"
    assert _match_participant("C:\\Users\\pelatih\\p05_m3-biaya-produksi.ipynb", ids, mods) == "p05"
    assert _match_participant("p01_p02_m3.ipynb", ids, mods) is None  # two ids: not guessed


# ------------------------------------------------------------------ time


def test_received_time_is_the_collectors_never_the_files(ws, tmp_path):
    inbox = tmp_path / "usb"
    put(inbox, f"p01_{MOD}.ipynb", nb_bytes("p01", "v1"), mtime="2020-01-01T00:00:00")
    res = collect_module(ws, MOD, source=inbox, received=T1)
    assert list(res.collected) == ["p01"] and res.installed == ["p01"]
    assert stamp(ws, "p01").startswith("2026-12-01 08:00:00")
    again = collect_module(ws, MOD, source=inbox, received=T2)
    assert again.collected == {} and len(again.duplicates) == 1 and again.installed == []

    # a resubmission received later is installed although its file claims an earlier date
    put(inbox, f"p01_{MOD}.ipynb", nb_bytes("p01", "v2"), mtime="2019-01-01T00:00:00")
    collect_module(ws, MOD, source=inbox, received=T2)
    assert b"v2" in submitted(ws, "p01") and stamp(ws, "p01").startswith("2026-12-01 09:00")
    # a batch the trainer says was received earlier is archived, not installed
    early = tmp_path / "chat"
    put(early, f"p01_{MOD}.ipynb", nb_bytes("p01", "v0"), mtime="2030-01-01T00:00:00")
    res = collect_module(ws, MOD, source=early, received="2026-12-01 14:00")  # WIB
    assert res.older == ["p01"] and b"v2" in submitted(ws, "p01")
    assert len(versions(ws, "p01")) == 3


def test_zip_date_never_decides_lateness(ws, tmp_path):
    """A file 2.5 hours late re-sent in a zip whose entry says 15:00 stays late."""
    from alaskaki.workshop.release import parse_due

    due = parse_due("2026-12-01 17:00")
    z = tmp_path / "kiriman.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr(zipfile.ZipInfo(f"p02_{MOD}.ipynb", (2026, 12, 1, 15, 0, 0)), nb_bytes("p02"))
    collect_module(ws, MOD, source=z, received="2026-12-01 19:30")
    assert stamp(ws, "p02").startswith("2026-12-01 12:30")  # 19:30 WIB
    with ws.gradebook() as gb:
        gb.update_or_create_assignment(MOD, duedate=due)
    entry = next(e for e in workshop_status(ws, modul=MOD).entries if e.peserta == "p02")
    assert entry.terlambat
    meta = next(ws.archive("p02", MOD).glob("*.asal.txt")).read_text()
    assert "tanggal di zip 2026-12-01 15:00:00" in meta and "tidak dipakai" in meta


def test_someone_elses_file_cannot_demote_the_real_one(ws, tmp_path):
    """p05's zip holds a blank file named and marked p02; p02's real file, received later, wins."""
    z = tmp_path / "p05.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr(zipfile.ZipInfo(f"p05_{MOD}.ipynb", (2026, 12, 1, 16, 0, 0)), nb_bytes("p05"))
        zf.writestr(
            zipfile.ZipInfo(f"p02_{MOD}.ipynb", (2026, 12, 1, 16, 59, 0)), nb_bytes("p02", "")
        )
    collect_module(ws, MOD, source=z, received=T1)
    inbox = tmp_path / "p02"
    put(inbox, f"p02_{MOD}.ipynb", nb_bytes("p02", "kerja asli"), mtime="2026-12-01T07:00:00")
    res = collect_module(ws, MOD, source=inbox, received=T2)
    assert res.installed == ["p02"] and b"kerja asli" in submitted(ws, "p02")


# ------------------------------------------------------------------ held, chosen


def test_two_files_for_one_participant_are_held_until_the_trainer_chooses(ws, tmp_path):
    inbox = tmp_path / "usb"
    put(inbox, f"p01_{MOD}.ipynb", nb_bytes("p01", "a"), mtime="2026-12-01T08:00:00")
    put(inbox, f"p01_{MOD} (1).ipynb", nb_bytes("p01", "b"), mtime="2026-12-01T08:00:00")
    res = collect_module(ws, MOD, source=inbox, received=T1)
    assert res.collected == {} and {h.name for h in res.held} == {
        f"p01_{MOD}.ipynb",
        f"p01_{MOD} (1).ipynb",
    }
    assert all("2 file berbeda untuk p01" in h.reason for h in res.held)
    assert any(p.startswith("DITAHAN") and "p01" in p for p in res.problems)
    assert not ws.submitted("p01").exists()
    # collecting again changes nothing; the trainer then chooses one
    assert collect_module(ws, MOD, source=inbox, received=T2).held == []
    res = collect_module(ws, MOD, choose=[f"p01_{MOD} (1).ipynb"])
    assert res.installed == ["p01"] and b'"b"' in submitted(ws, "p01")
    assert stamp(ws, "p01").startswith("2026-12-01 08:00")  # the time it was received
    with pytest.raises(AlaskakiError, match="tidak cocok"):
        collect_module(ws, MOD, choose=["tidak-ada.ipynb"])


def test_an_interrupted_choice_is_completed_by_the_next_run(ws, tmp_path, monkeypatch):
    inbox = tmp_path / "usb"
    put(inbox, f"p01_{MOD}.ipynb", nb_bytes("p01", "a"))
    put(inbox, f"p01_{MOD} (1).ipynb", nb_bytes("p01", "b"))
    collect_module(ws, MOD, source=inbox, received=T1)

    class Stop(BaseException):
        pass

    def fault(name):
        if name == "pilih.sidecar":
            raise Stop

    monkeypatch.setattr(collect_mod, "_fault", fault)
    with pytest.raises(Stop):
        collect_module(ws, MOD, choose=[f"p01_{MOD} (1).ipynb"])
    monkeypatch.setattr(collect_mod, "_fault", None)
    res = collect_module(ws, MOD, source=inbox, received=T2)
    assert res.installed == ["p01"] and b'"b"' in submitted(ws, "p01")
    assert stamp(ws, "p01").startswith("2026-12-01 08:00")
    chosen = versions(ws, "p01")
    assert len(chosen) == 1 and chosen[0].with_suffix(".asal.txt").is_file()
    assert len(list((ws.archive("p01", MOD) / "tertahan").glob("*"))) == 2  # the other


def test_same_stated_time_in_two_runs_is_held_and_the_choice_decides(ws, tmp_path):
    """T1: two sticks collected one after the other with the same --diterima; the second file
    is held (not decided by hash order), and the one the trainer chooses is installed."""
    for i, answer in enumerate(("a", "b")):
        usb = tmp_path / f"usb{i}"
        put(usb, f"p01_{MOD}.ipynb", nb_bytes("p01", answer))
        res = collect_module(ws, MOD, source=usb, received="2026-12-01 16:55")
    assert [h.peserta for h in res.held] == ["p01"]
    assert "waktu yang sama" in res.held[0].reason and "16:55:00 WIB" in res.held[0].reason
    assert b'"a"' in submitted(ws, "p01")
    res = collect_module(ws, MOD, choose=[f"p01_{MOD}.ipynb"])
    assert res.installed == ["p01"] and b'"b"' in submitted(ws, "p01")
    # a later plain run keeps the trainer's choice
    assert collect_module(ws, MOD, source=tmp_path / "usb0", received=T3).installed == []
    assert b'"b"' in submitted(ws, "p01")


def test_a_windows_folder_never_beats_the_file_name(ws, tmp_path):
    """T2: in ``C:\\Users\\p08\\p02_m3….ipynb`` the file name says p02; the message names it."""
    z = tmp_path / "kiriman.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr(f"C:\\Users\\p08\\p02_{MOD}.ipynb", nb_bytes("p05"))
        zf.writestr(f"p09\\{MOD}.ipynb", nb_bytes("p09"))
    res = collect_module(ws, MOD, source=z, received=T1)
    held = {h.peserta: h.reason for h in res.held}
    assert list(held) == ["p02"] and "p08" not in held["p02"]
    assert (
        held["p02"]
        == f"nama berkas p02_{MOD}.ipynb menunjuk p02, tetapi ID_PESERTA di dalamnya 'p05'"
    )
    assert list(res.collected) == ["p09"]  # a folder named by the id still counts


def test_content_naming_another_participant_is_held(ws, tmp_path):
    inbox = tmp_path / "usb"
    put(inbox, f"p05_{MOD}.ipynb", nb_bytes("p01", "salinan"))
    put(inbox, f"{MOD}.ipynb", nb_bytes("p09", "tanpa nama"))
    res = collect_module(ws, MOD, source=inbox, received=T1)
    held = {h.peserta: h.reason for h in res.held}
    assert "menunjuk p05" in held["p05"] and "'p01'" in held["p05"]
    assert "tidak memuat ID" in held["p09"]
    assert res.collected == {} and not ws.submitted("p05").exists()
    collect_module(ws, MOD, choose=[f"p05_{MOD}.ipynb"])
    assert b"salinan" in submitted(ws, "p05")


# ------------------------------------------------------------------ identity tokens


def test_tokens_check_name_id_and_token(ws, tmp_path):
    from alaskaki.workshop.release import issue_tokens

    tokens = issue_tokens(ws)
    assert issue_tokens(ws) == tokens and len(set(tokens.values())) == len(tokens)
    inbox = tmp_path / "usb"
    put(inbox, f"p01_{MOD}.ipynb", nb_bytes("p01", "ok", token=tokens["p01"].upper()))
    put(inbox, f"p02_{MOD}.ipynb", nb_bytes("p02", "palsu", token=tokens["p05"]))
    put(inbox, f"p08_{MOD}.ipynb", nb_bytes("p08", "lupa token"))
    put(inbox, f"p09_{MOD}.ipynb", nb_bytes("p09", "", token="abcd-efgh"))
    res = collect_module(ws, MOD, source=inbox, received=T1)
    assert list(res.collected) == ["p01"]
    held = {h.peserta: h.reason for h in res.held}
    assert held["p02"] == "TOKEN_PESERTA milik p05, bukan p02"
    assert "tidak diisi" in held["p08"] and "bukan token p09" in held["p09"]


def test_personal_release_carries_id_and_token(ws, tmp_path):
    import shutil

    import nbformat

    from alaskaki.workshop import release_module
    from alaskaki.workshop.release import participant_token

    rel = release_module(ws, MOD, personal=True)
    assert len(rel.personal) == 6
    mine = nbformat.read(ws.personal(MOD) / f"p05_{MOD}.ipynb", as_version=4)
    setup = next(c.source for c in mine.cells if "ID_PESERTA" in c.source)
    assert 'ID_PESERTA = "p05"' in setup and participant_token(ws, "p05") in setup
    generic = nbformat.read(rel.notebook, as_version=4)
    setup = next(c.source for c in generic.cells if "ID_PESERTA" in c.source)
    assert 'TOKEN_PESERTA = ""' in setup and participant_token(ws, "p05") not in setup
    # the personalised copy, handed in unchanged, is collected for its owner
    usb = shutil.copytree(ws.personal(MOD), tmp_path / "usb")
    res = collect_module(ws, MOD, source=usb, received=T1)
    assert len(res.collected) == 6 and not res.held


# ------------------------------------------------------------------ sources and names


def test_refused_sources_and_every_skipped_file_named(ws, tmp_path):
    for inside in (ws.submitted(), ws.autograded(), ws.root):
        with pytest.raises(AlaskakiError, match="folder lokakarya"):
            collect_module(ws, MOD, source=inside)
    secret = tmp_path / "rahasia.txt"
    secret.write_text("root:x:0:0")
    inbox = tmp_path / "usb"
    inbox.mkdir()
    (inbox / f"p07_{MOD}.ipynb").symlink_to(secret)
    (inbox / "folder-lain").symlink_to(tmp_path)
    os.mkfifo(inbox / f"p08_{MOD}.ipynb")
    put(inbox, f"P01_{MOD}.IPYNB", nb_bytes("p01"))
    put(inbox, f"p02_{MOD}.ipynb.json", nb_bytes("p02"))
    put(inbox, f"p05_{MOD}.txt", b"catatan")
    put(inbox, f"Salinan dari p08_{MOD}.ipynb", nb_bytes("p08"))
    put(inbox, f"{MOD}_p09 (1).ipynb", nb_bytes("p09"))
    put(inbox, f"p1_{MOD}.ipynb", b"{" + b" " * (9 * 1024 * 1024))
    res = collect_module(ws, MOD, source=inbox, received=T1)
    assert sorted(res.collected) == ["p01", "p02", "p08", "p09"]
    reasons = {s.name: s.reason for s in res.skipped}
    assert "symlink" in reasons[f"p07_{MOD}.ipynb"] and "symlink" in reasons["folder-lain"]
    assert "bukan berkas biasa" in reasons[f"p08_{MOD}.ipynb"]
    assert "bukan file notebook (.txt)" in reasons[f"p05_{MOD}.txt"]
    assert "terlalu besar" in reasons[f"p1_{MOD}.ipynb"]
    assert not list(ws.archive().glob("p07/**/*.ipynb"))
    assert any("unduhan peramban" in n for n in res.notes)


def test_windows_paths_in_a_zip_and_unknown_participant(ws, tmp_path):
    z = tmp_path / "kiriman.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr(f"C:\\Users\\pelatih\\p05_{MOD}.ipynb", nb_bytes("p05"))
        zf.writestr(f"kiriman/p99_{MOD}.ipynb", nb_bytes())
        zf.writestr(f"__MACOSX/._p02_{MOD}.ipynb", b"junk")
        link = zipfile.ZipInfo(f"p02_{MOD}.ipynb")
        link.create_system = 3
        link.external_attr = (0o120777) << 16
        zf.writestr(link, "/etc/shadow")
    res = collect_module(ws, MOD, source=z, received=T1)
    assert list(res.collected) == ["p05"]
    assert res.unknown == [f"kiriman/p99_{MOD}.ipynb"]
    reasons = {s.name: s.reason for s in res.skipped}
    assert (
        "symlink" in reasons[f"p02_{MOD}.ipynb"]
        and "macOS" in reasons[f"__MACOSX/._p02_{MOD}.ipynb"]
    )


def test_another_modules_notebook_is_refused_with_that_reason_first(ws, tmp_path):
    inbox = tmp_path / "usb"
    for p in ("p01", "p02", "p05"):
        put(inbox, f"{p}_{MOD}.txt", b"x")
    put(inbox, f"p08_{MOD}.ipynb", nb_bytes("p08", modul=OTHER))
    put(inbox, f"p09_{OTHER}.ipynb", nb_bytes("p09", modul=OTHER))
    put(inbox, f"p01_{MOD}.ipynb", nb_bytes("p01"))
    res = collect_module(ws, MOD, source=inbox, received=T1)
    assert list(res.collected) == ["p01"]
    assert res.problems[0].startswith(f"p08_{MOD}.ipynb: isi notebook adalah modul {OTHER}")
    assert res.ignored == [f"p09_{OTHER}.ipynb"]
    res4 = collect_module(ws, OTHER, source=inbox, received=T1)
    assert sorted(res4.collected) == ["p08", "p09"]
    assert (
        any(f"p01_{MOD}.ipynb: isi notebook adalah modul {MOD}" in p for p in res4.problems)
        is False
    )


def test_empty_folder_and_unknown_module_are_clear_errors(ws, tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(AlaskakiError, match="Tidak ada file notebook"):
        collect_module(ws, MOD, source=tmp_path / "empty")
    put(tmp_path / "txt", "catatan.txt", b"x")
    with pytest.raises(AlaskakiError, match="catatan.txt: bukan file notebook"):
        collect_module(ws, MOD, source=tmp_path / "txt")
    with pytest.raises(AlaskakiError, match="tidak ada di lokakarya"):
        collect_module(ws, "m9-tidak-ada", source=tmp_path / "empty")
    with pytest.raises(AlaskakiError, match="tidak ditemukan"):
        collect_module(ws, MOD, source=tmp_path / "hilang")


# ------------------------------------------------------------------ transaction


STEPS = [
    "arsip.asal",
    "arsip.ipynb",
    "pasang.ipynb",
    "pasang.secret",
    "pasang.timestamp",
    "pasang.tukar",
]


def installed_whole(ws, pid="p01") -> tuple[bytes, str] | None:
    """What submitted/ shows for ``pid``: (notebook, received time) or None (nothing there)."""
    if not ws.submitted(pid, MOD).exists():
        return None
    return submitted(ws, pid), stamp(ws, pid)[:16]


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("when", ["before", "after"])
def test_an_interruption_at_any_step_loses_nothing(ws, tmp_path, monkeypatch, step, when):
    inbox = tmp_path / "usb"
    put(inbox, f"p01_{MOD}.ipynb", nb_bytes("p01", "v1"))
    collect_module(ws, MOD, source=inbox, received=T1)
    put(inbox, f"p01_{MOD}.ipynb", nb_bytes("p01", "v2"))

    class Stop(BaseException):  # like Ctrl-C or SIGKILL: nothing catches it
        pass

    seen = []

    def fault(name):
        seen.append(name)
        if name == step and when == "before":
            raise Stop
        if when == "after" and len(seen) > 1 and seen[-2] == step:
            raise Stop

    monkeypatch.setattr(collect_mod, "_fault", fault)
    with pytest.raises(Stop):
        collect_module(ws, MOD, source=inbox, received=T2)
    monkeypatch.setattr(collect_mod, "_fault", None)
    # at the moment of the cut submitted/ holds the whole first version or the whole second one,
    # never a notebook without its received time or with the other version's (red team R42)
    assert installed_whole(ws) in (
        (nb_bytes("p01", "v1"), "2026-12-01 08:00"),
        (nb_bytes("p01", "v2"), "2026-12-01 09:00"),
    )
    # status must not break on a half-finished run
    workshop_status(ws, modul=MOD)
    collect_module(ws, MOD, source=inbox, received=T3)
    assert b"v2" in submitted(ws, "p01")
    # received at the interrupted run once its sidecar was written, else at the retry
    assert stamp(ws, "p01")[:16] in ("2026-12-01 09:00", "2026-12-01 11:00")
    if step != "arsip.asal" or when == "after":
        assert stamp(ws, "p01").startswith("2026-12-01 09:00")
    assert len(versions(ws, "p01")) == 2
    assert collect_module(ws, MOD, source=inbox, received=T3).installed == []


@pytest.mark.parametrize(
    "step", ["pasang.ipynb", "pasang.timestamp", "pasang.tukar", "pasang.pindah"]
)
def test_without_a_folder_swap_an_interrupted_install_is_put_right(ws, tmp_path, monkeypatch, step):
    """A flashdisk in vfat cannot swap two folders in one step: the old version is moved aside,
    then the new one renamed in. A cut anywhere leaves the old version whole (in place, or aside
    for the one step between the two renames), and the next run installs the new one: nothing
    left behind, nothing collected twice."""
    monkeypatch.setattr(collect_mod, "_exchange", lambda a, b: False)
    inbox = tmp_path / "usb"
    put(inbox, f"p01_{MOD}.ipynb", nb_bytes("p01", "v1"))
    collect_module(ws, MOD, source=inbox, received=T1)
    put(inbox, f"p01_{MOD}.ipynb", nb_bytes("p01", "v2"))

    class Stop(BaseException):
        pass

    def fault(name):
        if name == step:
            raise Stop

    monkeypatch.setattr(collect_mod, "_fault", fault)
    with pytest.raises(Stop):
        collect_module(ws, MOD, source=inbox, received=T2)
    monkeypatch.setattr(collect_mod, "_fault", None)
    aside = collect_mod._aside(ws, "p01", MOD, "lama")
    if step == "pasang.pindah":
        assert installed_whole(ws) is None and (aside / "timestamp.txt").read_text()[:16] == (
            "2026-12-01 08:00"
        )
        assert (aside / f"{MOD}.ipynb").read_bytes() == nb_bytes("p01", "v1")
        # the trainer's next look: status puts it back, never "belum dikumpulkan" (R42)
        row = next(e for e in workshop_status(ws, modul=MOD).entries if e.peserta == "p01")
        assert str(row.dikumpulkan)[:16] == "2026-12-01 08:00", row
        assert installed_whole(ws) == (nb_bytes("p01", "v1"), "2026-12-01 08:00")
    else:
        assert installed_whole(ws) == (nb_bytes("p01", "v1"), "2026-12-01 08:00")
    res = collect_module(ws, MOD, source=inbox, received=T3)
    assert res.installed == ["p01"] and res.collected == {}, res
    assert installed_whole(ws) == (nb_bytes("p01", "v2"), "2026-12-01 09:00")
    assert sorted(p.name for p in ws.submitted().iterdir()) == ["p01"]  # no folder left aside


def test_a_failed_rename_puts_the_old_version_back_and_names_the_participant(
    ws, tmp_path, monkeypatch
):
    """Without a folder swap, the disk fills (or the stick is pulled) as the new version is renamed
    in: the old one goes back, collect says whose version was not installed and why, p02 of the
    same batch is installed, and the same command run again installs p01's."""
    import errno

    monkeypatch.setattr(collect_mod, "_exchange", lambda a, b: False)
    inbox = tmp_path / "usb"
    put(inbox, f"p01_{MOD}.ipynb", nb_bytes("p01", "v1"))
    collect_module(ws, MOD, source=inbox, received=T1)
    put(inbox, f"p01_{MOD}.ipynb", nb_bytes("p01", "v2"))
    put(inbox, f"p02_{MOD}.ipynb", nb_bytes("p02", "v1"))

    def fault(name):
        if name == "pasang.pindah" and not calls:
            calls.append(name)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    calls: list[str] = []
    monkeypatch.setattr(collect_mod, "_fault", fault)
    with pytest.raises(collect_mod.CollectIncomplete) as err:
        collect_module(ws, MOD, source=inbox, received=T2)
    text = str(err.value)
    assert "p01, modul m3-biaya-produksi" in text and "disk penuh" in text, text
    assert "2026-12-01 15:00:00 WIB" in text, text  # the version still in use is named
    failed = err.value.result.failed
    assert err.value.result.installed == ["p02"] and len(failed) == 1 and failed[0] in text
    assert installed_whole(ws) == (nb_bytes("p01", "v1"), "2026-12-01 08:00")
    assert sorted(p.name for p in ws.submitted().iterdir()) == ["p01", "p02"]
    res = collect_module(ws, MOD, source=inbox, received=T3)
    assert res.installed == ["p01"] and installed_whole(ws)[1] == "2026-12-01 09:00"


def test_missing_sidecar_breaks_neither_collect_nor_status(ws, tmp_path):
    inbox = tmp_path / "usb"
    put(inbox, f"p01_{MOD}.ipynb", nb_bytes("p01", "v1"))
    collect_module(ws, MOD, source=inbox, received=T1)
    for side in ws.archive().rglob("*.asal.txt"):
        side.unlink()
    (ws.submitted("p01", MOD) / "timestamp.txt").unlink()
    entry = next(e for e in workshop_status(ws, modul=MOD).entries if e.peserta == "p01")
    assert entry.versi == 1
    put(inbox, f"p01_{MOD}.ipynb", nb_bytes("p01", "v2"))
    res = collect_module(ws, MOD, source=inbox, received=T2)
    assert res.installed == ["p01"] and b"v2" in submitted(ws, "p01")


def test_an_unreadable_file_is_collected_first_but_never_replaces_work(ws, tmp_path):
    """No tokens issued. A participant's first hand-in that is not a notebook is still collected
    (graded 0, said by name); once work is collected, such a file is held, named, the work stays
    installed, and the trainer can still accept it with --pilih (red team R38, the tokenless half)."""
    usb = tmp_path / "usb"
    put(usb, f"p01_{MOD}.ipynb", b"")
    res = collect_module(ws, MOD, source=usb, received=T1)
    assert res.installed == ["p01"] and any(
        f"p01_{MOD}.ipynb (untuk p01): tidak terbaca" in n for n in res.notes
    ), res.notes
    put(usb, f"p01_{MOD}.ipynb", nb_bytes("p01", "kerja"))
    collect_module(ws, MOD, source=usb, received=T2)
    put(usb, f"p01_{MOD}.ipynb", b"{}")
    res = collect_module(ws, MOD, source=usb, received=T3)
    assert [h.peserta for h in res.held] == ["p01"] and res.installed == []
    assert "tidak terbaca" in res.held[0].reason and "p01" in res.held[0].reason
    assert b"kerja" in submitted(ws, "p01")
    res = collect_module(ws, MOD, choose=[f"p01_{MOD}.ipynb"])
    assert res.installed == ["p01"] and submitted(ws, "p01") == b"{}"


def test_a_damaged_archive_copy_is_never_installed_and_writes_are_durable(
    ws, tmp_path, monkeypatch
):
    """Red team R40: an archived version whose bytes a power cut took is never installed over a
    good installed copy (which gives the archive its bytes back); every file collect writes is
    fsync'd, and so is its folder (the rename)."""
    synced = []
    real_fsync = os.fsync

    def fsync(fd):
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    monkeypatch.setattr(collect_mod.os, "fsync", fsync)
    usb = tmp_path / "usb"
    put(usb, f"p01_{MOD}.ipynb", nb_bytes("p01", "v1"))
    collect_module(ws, MOD, source=usb, received=T1)
    (newest,) = versions(ws, "p01")
    sub = ws.submitted("p01", MOD)
    for path in (newest, newest.with_suffix(".asal.txt")):
        assert f"{path.parent}/.{path.name}.part" in synced, path  # the data before the rename
        assert str(path.parent) in synced, path  # the rename itself
    # the installed version is written whole beside submitted/, then its folder renamed in (R42)
    stage = collect_mod._aside(ws, "p01", MOD, "baru")
    for name in (f"{MOD}.ipynb", "timestamp.txt"):
        assert f"{stage}/.{name}.part" in synced and str(stage) in synced, name
    assert str(sub.parent) in synced and not stage.exists()
    newest.write_bytes(b"")
    put(tmp_path / "usb2", f"p02_{MOD}.ipynb", nb_bytes("p02", "v1"))
    res = collect_module(ws, MOD, source=tmp_path / "usb2", received=T2)
    assert res.installed == ["p02"] and b"v1" in submitted(ws, "p01")
    assert newest.read_bytes() == submitted(ws, "p01")  # repaired from the installed copy
    # both copies cut: nothing is installed, the trainer is told whose and what to do
    newest.write_bytes(b"")
    (sub / f"{MOD}.ipynb").write_bytes(b"{")
    res = collect_module(ws, MOD, source=tmp_path / "usb2", received=T3)
    assert res.installed == [] and submitted(ws, "p01") == b"{"
    assert any("arsip p01" in n and "rusak" in n and "Kumpulkan lagi" in n for n in res.notes)


def test_duplicates_are_named_and_a_stick_collected_again_is_no_new_receipt(ws, tmp_path):
    """Red team R39/R58: an earlier version arriving again later (the same stick, or a new copy)
    is held by name and installed when the trainer chooses it; the same stick at its stated time
    and the newest version again are skipped; the summary names file and participant."""
    from alaskaki.cli import render_collect

    for when, answer in ((T1, "a"), (T2, "b")):
        put(tmp_path / f"usb-{answer}", f"p01_{MOD}.ipynb", nb_bytes("p01", answer))
        collect_module(ws, MOD, source=tmp_path / f"usb-{answer}", received=when)
    res = collect_module(ws, MOD, source=tmp_path / "usb-a", received=T1)  # the same receipt
    assert res.installed == [] and b'"b"' in submitted(ws, "p01")
    text = render_collect(res)
    assert f"p01_{MOD}.ipynb (untuk p01): sama persis dengan versi p01 yang diterima" in text, text
    res = collect_module(ws, MOD, source=tmp_path / "usb-a", received=T3)  # the old stick, later
    assert res.installed == [] and [h.peserta for h in res.held] == ["p01"]
    assert "flashdisk lama" in res.held[0].reason and "--pilih" in res.held[0].reason
    put(tmp_path / "usb-a2", f"p01_{MOD}.ipynb", nb_bytes("p01", "a"))  # a new copy of a
    res = collect_module(ws, MOD, source=tmp_path / "usb-a2", received=T3)  # held too (R58)
    assert res.installed == [] and [h.peserta for h in res.held] == ["p01"]
    res = collect_module(ws, MOD, choose=[res.held[0].archived])  # the trainer: his last
    assert res.installed == ["p01"] and b'"a"' in submitted(ws, "p01")
    assert stamp(ws, "p01").startswith("2026-12-01 11:00")
    assert len(versions(ws, "p01")) == 3  # nothing lost: a, b, a again
    res = collect_module(ws, MOD, source=tmp_path / "usb-a", received=T3)
    assert "versi terbaru p01" in render_collect(res)


def test_the_version_the_trainer_did_not_choose_is_held_when_handed_in_again(ws, tmp_path):
    for i, answer in enumerate(("a", "b")):
        put(tmp_path / f"usb{i}", f"p01_{MOD}.ipynb", nb_bytes("p01", answer))
        collect_module(ws, MOD, source=tmp_path / f"usb{i}", received=T1)
    collect_module(ws, MOD, choose=[f"p01_{MOD}.ipynb"])
    res = collect_module(ws, MOD, source=tmp_path / "usb0", received=T3)
    assert res.installed == [] and b'"b"' in submitted(ws, "p01")
    assert [h.peserta for h in res.held] == ["p01"] and "tidak Anda pilih" in res.held[0].reason
    res = collect_module(ws, MOD, choose=[f"p01_{MOD}.ipynb"])  # the trainer: yes, his last
    assert res.installed == ["p01"] and b'"a"' in submitted(ws, "p01")


# ------------------------------------------------------------------ exchange (owner = identity)


def test_exchange_record_owned_by_another_account_is_refused(ws, tmp_path):
    """The inbound folder is writable by everyone; the record's OS owner, not its name, is who sent it.

    Tests run as root, so every record here is owned by ``root``: one named for p01 is a forgery,
    one named ``root`` is an account that is not on the roster. (The hub test does this with real
    participant accounts.)
    """
    from alaskaki.workshop.hub import set_exchange

    exchange = tmp_path / "exchange"
    inbound = exchange / ws.course_id / "inbound"
    for user in ("p01", "root"):
        rec = inbound / f"{user}+{MOD}+2099-01-01 00:00:00.000000 UTC+acak"
        rec.mkdir(parents=True)
        (rec / f"{MOD}.ipynb").write_bytes(nb_bytes(user))
    set_exchange(ws, exchange)
    res = collect_module(ws, MOD)
    reasons = {s.name.split("+")[0]: s.reason for s in res.skipped}
    assert "dikirim oleh akun root atas nama p01" in reasons["exchange/p01"]
    assert "tidak ada di daftar peserta" in reasons["root/m3-biaya-produksi.ipynb (exchange/root"]
    assert res.collected == {} and not ws.submitted("p01").exists()


# ------------------------------------------------------------------ the uji offline: tokens (R6)


def test_an_uji_form_offline_needs_tokens_or_says_identity_is_unverified(tmp_path):
    """Without tokens, a folder or zip cannot prove who wrote an uji form: collect refuses and
    names the commands that issue tokens; with --tanpa-token it collects and marks every file."""
    from alaskaki.workshop.reporting import write_unverified_csv

    form = "asesmen-akhir"
    ws = init_workshop(tmp_path / "ws", modules=[MOD, form])
    roster = tmp_path / "r.csv"
    roster.write_text(
        "id,nama,ikm,kelurahan,jenis_kelamin,peran\np01,A,A,Miji,P,admin\np02,B,A,Miji,P,admin\n"
    )
    import_roster(ws, roster)
    inbox = tmp_path / "usb"
    put(inbox, f"p01_{form}.ipynb", nb_bytes("p01", "post_a = 'B'", modul=form))
    with pytest.raises(AlaskakiError) as err:
        collect_module(ws, form, source=inbox, received=T1)
    text = str(err.value)
    assert "alaskaki kartu" in text and f"alaskaki release {form} --pribadi" in text
    assert "--tanpa-token" in text
    assert not ws.archive("p01").exists()
    # a latihan module is formative: collected offline without tokens as before
    put(tmp_path / "m3", f"p02_{MOD}.ipynb", nb_bytes("p02"))
    assert list(collect_module(ws, MOD, source=tmp_path / "m3", received=T1).collected) == ["p02"]

    res = collect_module(ws, form, source=inbox, received=T1, tanpa_token=True)
    assert list(res.collected) == ["p01"] and any("tanpa token" in n for n in res.notes)
    st = workshop_status(ws)
    unverified = {(e.peserta, e.modul) for e in st.entries if e.identitas_tidak_diverifikasi}
    assert unverified == {("p01", form)}
    assert st.by_module()[form]["identitas_tidak_diverifikasi"] == 1
    csv_text = write_unverified_csv(ws, tmp_path).read_text(encoding="utf-8")
    assert f"{form},p01,identitas tidak diverifikasi" in csv_text

    # once tokens are issued, a file with the right token is verified again
    from alaskaki.workshop.release import issue_tokens

    token = issue_tokens(ws, form)["p01"]  # the uji has its own token on the card
    put(inbox, f"p01_{form}.ipynb", nb_bytes("p01", "post_a = 'C'", modul=form, token=token))
    collect_module(ws, form, source=inbox, received=T2)
    assert not any(e.identitas_tidak_diverifikasi for e in workshop_status(ws).entries)


def test_windows_and_mac_junk_is_one_quiet_line_and_no_failure(ws, tmp_path, capsys):
    """Trainer team T13: a zip made on Windows carries desktop.ini, Thumbs.db and
    .ipynb_checkpoints (a Mac one __MACOSX): every real file was collected, so collect says so
    in one line and exits 0; a real problem beside the junk still fails."""
    from alaskaki.cli import main

    z = tmp_path / "kiriman.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr(f"kiriman\\p01_{MOD}.ipynb", nb_bytes("p01"))
        zf.writestr(f"kiriman\\p02_{MOD}.ipynb", nb_bytes("p02"))
        zf.writestr("kiriman\\desktop.ini", b"[.ShellClassInfo]")
        zf.writestr("kiriman\\Thumbs.db", b"\x00" * 64)
        zf.writestr(f"kiriman\\.ipynb_checkpoints\\p01_{MOD}-checkpoint.ipynb", nb_bytes("p01"))
        zf.writestr(f"__MACOSX/kiriman/._p02_{MOD}.ipynb", b"junk")
    code = main(["collect", MOD, "--from", str(z), "-w", str(ws.root)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "TIDAK DIKUMPULKAN" not in out, out
    assert out.count("4 berkas sistem atau salinan otomatis dilewati") == 1, out
    assert sorted(p.name for p in ws.submitted().iterdir()) == ["p01", "p02"]

    put(tmp_path / "usb", f"p03_{MOD}.ipynb", nb_bytes("p03"))
    put(tmp_path / "usb", f"p05_{MOD}.txt", b"catatan")
    put(tmp_path / "usb", "Thumbs.db", b"\x00")
    code = main(["collect", MOD, "--from", str(tmp_path / "usb"), "-w", str(ws.root)])
    out = capsys.readouterr().out
    assert code != 0 and f"TIDAK DIKUMPULKAN p05_{MOD}.txt" in out, out
    assert "Thumbs.db" not in out.replace("Thumbs.db, ", ""), out


def test_tanpa_token_is_refused_once_tokens_are_issued(tmp_path):
    """Once cards are out, --tanpa-token must not switch the token check off for a batch: it is
    refused in one sentence naming the way (--pilih per file); a file accepted that way is
    marked 'identitas tidak diverifikasi'."""
    from alaskaki.workshop.collect import unverified_identity
    from alaskaki.workshop.release import issue_tokens

    form = "asesmen-akhir"
    ws = init_workshop(tmp_path / "ws", modules=[MOD, form])
    roster = tmp_path / "r.csv"
    roster.write_text(
        "id,nama,ikm,kelurahan,jenis_kelamin,peran\np01,A,A,Miji,P,admin\np02,B,A,Miji,P,admin\n"
    )
    import_roster(ws, roster)
    tokens = issue_tokens(ws, form)
    inbox = tmp_path / "usb"
    put(inbox, f"p01_{form}.ipynb", nb_bytes("p01", "post_a = 'B'", modul=form))
    put(
        inbox, f"p02_{form}.ipynb", nb_bytes("p02", "post_a = 'C'", modul=form, token=tokens["p02"])
    )
    for modul, folder in ((form, inbox), (MOD, inbox)):
        with pytest.raises(AlaskakiError) as err:
            collect_module(ws, modul, source=folder, received=T1, tanpa_token=True)
        text = str(err.value)
        assert "sudah dibagikan" in text and "--pilih" in text and text.count(". ") == 0, text
    assert not ws.archive().exists() or not list(ws.archive().rglob("*.ipynb"))

    res = collect_module(ws, form, source=inbox, received=T1)
    assert list(res.collected) == ["p02"] and [h.peserta for h in res.held] == ["p01"]
    assert unverified_identity(ws, form) == set()
    res = collect_module(ws, form, choose=[f"p01_{form}.ipynb"])
    assert res.installed == ["p01"]
    assert unverified_identity(ws, form) == {"p01"}  # the trainer's word, not a token


def test_token_traces_keep_the_check_on_when_secret_and_mark_are_both_lost(ws, tmp_path):
    """Trainer team T10, one step further: penilaian/ emptied AND token-dibagikan.txt deleted.
    The released notebook still carries TOKEN_PESERTA: collect and kartu refuse, naming the key."""
    from alaskaki.workshop.release import TOKEN_MARK, issue_tokens, release_module

    issue_tokens(ws)
    release_module(ws, MOD, due="2026-12-01 17:00")
    (ws.state_dir / "kunci-token.txt").unlink()
    (ws.root / TOKEN_MARK).unlink()
    put(tmp_path / "usb", f"p02_{MOD}.ipynb", nb_bytes("p02", "palsu"))
    with pytest.raises(AlaskakiError, match="Kunci token hilang"):
        collect_module(ws, MOD, source=tmp_path / "usb", received=T1)
    with pytest.raises(AlaskakiError, match="Kunci token hilang"):
        issue_tokens(ws)
    assert not (ws.state_dir / "kunci-token.txt").exists()
    assert not ws.submitted("p02", MOD).exists()


def test_the_uji_has_its_own_token_so_a_lent_latihan_copy_opens_nothing(tmp_path):
    """Red team R6: p02 lends p05 his latihan notebook, which carries his token. That token
    does not open p02's uji (held, named as a latihan token); the uji token does; a workshop whose
    cards were printed with one token for everything keeps working with it."""
    from alaskaki.workshop.release import FORM_SCOPE_LINE, TOKEN_MARK, issue_tokens, token_check

    form = "asesmen-akhir"
    ws = init_workshop(tmp_path / "ws", modules=[MOD, form])
    roster = tmp_path / "r.csv"
    roster.write_text(
        "id,nama,ikm,kelurahan,jenis_kelamin,peran\np02,A,A,Miji,P,admin\np05,B,A,Miji,P,admin\n"
    )
    import_roster(ws, roster)
    latihan, uji = issue_tokens(ws), issue_tokens(ws, form)
    assert all(latihan[p] != uji[p] for p in latihan) and issue_tokens(ws, MOD) == latihan
    put(tmp_path / "a", f"p02_{form}.ipynb", nb_bytes("p02", "", modul=form, token=latihan["p02"]))
    res = collect_module(ws, form, source=tmp_path / "a", received=T1)
    assert not res.collected and "token latihan p02" in res.held[0].reason, res
    put(tmp_path / "b", f"p02_{form}.ipynb", nb_bytes("p02", "x", modul=form, token=uji["p02"]))
    put(tmp_path / "b", f"p05_{MOD}.ipynb", nb_bytes("p05", "x", token=uji["p05"]))
    assert list(collect_module(ws, form, source=tmp_path / "b", received=T2).collected) == ["p02"]
    res = collect_module(ws, MOD, source=tmp_path / "b", received=T2)
    assert not res.collected and "bukan token p05" in res.held[0].reason

    # a mark deleted as clutter, or saved by Notepad as UTF-16 (red team R22): the key keeps
    # the scheme, the mark is read whatever its encoding; the uji token still opens, the
    # latihan token still does not
    mark, key = ws.root / TOKEN_MARK, ws.state_dir / "kunci-token.txt"
    text = mark.read_text(encoding="utf-8")
    for damage in ("dihapus", "utf-16"):
        if damage == "dihapus":
            mark.unlink()
        else:
            mark.write_text(text.replace("\n", "\r\n"), encoding="utf-16")
            key.write_text(key.read_text(encoding="utf-8").splitlines()[0] + "\n")
        assert issue_tokens(ws, form) == uji, damage
        assert token_check(ws, "p02", uji["p02"], form) is None, damage
        assert "token latihan p02" in token_check(ws, "p02", latihan["p02"], form), damage
    assert FORM_SCOPE_LINE in key.read_text(encoding="utf-8")  # recorded again beside the key

    # cards printed before the uji token existed: one token for everything, as on the card
    key.write_text(key.read_text(encoding="utf-8").splitlines()[0] + "\n")
    mark.write_text(text.replace(FORM_SCOPE_LINE, ""), encoding="utf-8")
    assert issue_tokens(ws, form) == latihan
    put(tmp_path / "c", f"p05_{form}.ipynb", nb_bytes("p05", "y", modul=form, token=latihan["p05"]))
    assert list(collect_module(ws, form, source=tmp_path / "c", received=T3).collected) == ["p05"]


def test_each_uji_form_has_its_own_token_and_older_cards_keep_working(tmp_path, capsys):
    """Red team R24: p02 lends his asesmen-awal after the pre-test; its token is his pre-test
    token, which does not open his asesmen-akhir (held, named as the asesmen-awal token). The
    card prints the post-test token in its own column (or alone, for the day of the post-test).
    R35: a module with essays the trainer scores (uji evidence of STR-01) has its own token too.
    A workshop whose cards carry one uji token for both forms (session 5) keeps working with it,
    and collect and kartu say what that token then proves."""
    from alaskaki.cli import main
    from alaskaki.workshop.release import (
        FORM_SCOPE_LINE,
        TOKEN_MARK,
        UJI_SCOPE_LINE,
        issue_tokens,
        token_check,
    )

    awal, akhir, essay = "asesmen-awal", "asesmen-akhir", "m7a-daya-saing"
    ws = init_workshop(tmp_path / "ws", modules=[MOD, awal, akhir, essay])
    roster = tmp_path / "r.csv"
    roster.write_text(
        "id,nama,ikm,kelurahan,jenis_kelamin,peran\np02,A,A,Miji,P,admin\np05,B,A,Miji,P,admin\n"
    )
    import_roster(ws, roster)
    latihan, pre, post = issue_tokens(ws), issue_tokens(ws, awal), issue_tokens(ws, akhir)
    rubric = issue_tokens(ws, essay)
    assert all(len({latihan[p], pre[p], post[p], rubric[p]}) == 4 for p in latihan)
    assert issue_tokens(ws, MOD) == latihan
    assert "token latihan p02" in token_check(ws, "p02", latihan["p02"], essay)
    assert token_check(ws, "p02", rubric["p02"], essay) is None
    lent = nb_bytes("p02", "post_a = ''", modul=akhir, token=pre["p02"])
    put(tmp_path / "a", f"p02_{akhir}.ipynb", lent)
    res = collect_module(ws, akhir, source=tmp_path / "a", received=T1)
    assert not res.collected and "token asesmen-awal p02" in res.held[0].reason, res
    assert "token asesmen-akhir p02" in res.held[0].reason
    assert token_check(ws, "p02", post["p02"], akhir) is None
    assert "token asesmen-akhir p02" in token_check(ws, "p02", post["p02"], awal)
    assert not any("kartu lama" in n for n in res.notes), res.notes

    assert main(["--json", "kartu", "-w", str(ws.root)]) == 0
    cards = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert cards["p02"]["token_asesmen_awal"] == pre["p02"]
    assert cards["p02"]["token_asesmen_akhir"] == post["p02"]
    assert cards["p02"]["token_m7a_daya_saing"] == rubric["p02"]
    assert main(["kartu", "--formulir", akhir, "-w", str(ws.root)]) == 0
    out = capsys.readouterr().out
    assert post["p05"] in out and pre["p05"] not in out and latihan["p05"] not in out, out

    # cards printed in session 5: one uji token for both forms, still valid; said plainly
    key, mark = ws.state_dir / "kunci-token.txt", ws.root / TOKEN_MARK
    for path in (key, mark):
        path.write_text(
            path.read_text(encoding="utf-8").replace(FORM_SCOPE_LINE, UJI_SCOPE_LINE),
            encoding="utf-8",
        )
    shared = issue_tokens(ws, akhir)
    assert shared == issue_tokens(ws, awal) and shared["p02"] not in (post["p02"], pre["p02"])
    assert issue_tokens(ws, essay) == latihan  # those cards had no essay token
    put(
        tmp_path / "b", f"p02_{akhir}.ipynb", nb_bytes("p02", "x", modul=akhir, token=shared["p02"])
    )
    res = collect_module(ws, akhir, source=tmp_path / "b", received=T2)
    assert list(res.collected) == ["p02"], res
    assert any("kartu lama" in n and "asesmen-awal" in n for n in res.notes), res.notes
    assert main(["kartu", "-w", str(ws.root)]) == 0
    assert "kartu lama" in capsys.readouterr().out
    assert UJI_SCOPE_LINE in key.read_text(encoding="utf-8")  # never upgraded behind the cards
