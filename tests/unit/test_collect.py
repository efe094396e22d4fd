"""Collecting submissions: archived as received, never duplicated, newest version graded, nothing lost."""

from __future__ import annotations

import os
import zipfile
from datetime import datetime

import pytest

from alaskaki.errors import AlaskakiError
from alaskaki.workshop import collect_module, import_roster, init_workshop
from alaskaki.workshop.collect import _match_participant

pytestmark = pytest.mark.slow  # each test creates an nbgrader gradebook

MOD = "m3-biaya-produksi"


@pytest.fixture
def ws(tmp_path):
    ws = init_workshop(tmp_path / "ws", modules=[MOD])
    roster = tmp_path / "r.csv"
    roster.write_text(
        "id,nama,ikm,kelurahan,jenis_kelamin,peran\np01,Ani,A,Miji,P,admin\np02,Budi,A,Miji,L,admin\np1,Cici,A,Miji,P,admin\n"
    )
    import_roster(ws, roster)
    return ws


def put(folder, name, text, when):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    ts = datetime.fromisoformat(when).timestamp()
    os.utime(path, (ts, ts))
    return path


def submitted(ws, pid):
    return (ws.root / "submitted" / pid / MOD / f"{MOD}.ipynb").read_text()


def test_match_participant_prefers_longest_id_and_folders():
    ids = ["p1", "p01", "p02"]
    assert _match_participant("p01_m3-biaya-produksi.ipynb", ids) == "p01"
    assert _match_participant("p1-m3.ipynb", ids) == "p1"
    assert _match_participant("P02/m3-biaya-produksi.ipynb", ids) == "p02"
    assert _match_participant("p011_m3.ipynb", ids) is None


def test_collect_archives_and_never_duplicates(ws, tmp_path):
    inbox = tmp_path / "usb"
    put(inbox, f"p01_{MOD}.ipynb", "versi-1", "2026-12-01T08:00:00")
    put(inbox, f"p02/{MOD}.ipynb", "budi", "2026-12-01T08:05:00")
    put(inbox, "p02_m5-mutu-aql.ipynb", "other module", "2026-12-01T08:05:00")
    res = collect_module(ws, MOD, source=inbox)
    assert sorted(res.collected) == ["p01", "p02"] and res.ignored == ["p02_m5-mutu-aql.ipynb"]
    assert submitted(ws, "p01") == "versi-1"
    again = collect_module(ws, MOD, source=inbox)
    assert again.collected == {} and len(again.duplicates) == 2
    assert len(list((ws.root / "arsip" / "p01" / MOD).glob("*.ipynb"))) == 1

    # a resubmission is a new version; the newest is graded, the old one kept
    put(inbox, f"p01_{MOD}.ipynb", "versi-2", "2026-12-01T09:00:00")
    collect_module(ws, MOD, source=inbox)
    assert submitted(ws, "p01") == "versi-2"
    versions = sorted(p.read_text() for p in (ws.root / "arsip" / "p01" / MOD).glob("*.ipynb"))
    assert versions == ["versi-1", "versi-2"]

    # an older copy arriving late is archived but does not replace the newer one
    older = tmp_path / "chat"
    put(older, f"p01_{MOD}.ipynb", "versi-0", "2026-12-01T07:00:00")
    res = collect_module(ws, MOD, source=older)
    assert res.older == ["p01"] and submitted(ws, "p01") == "versi-2"
    assert len(list((ws.root / "arsip" / "p01" / MOD).glob("*.ipynb"))) == 3


def test_collect_from_zip_and_unknown_participant(ws, tmp_path):
    z = tmp_path / "kiriman.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr(zipfile.ZipInfo(f"kiriman/p02_{MOD}.ipynb", (2026, 12, 1, 10, 0, 0)), "budi")
        zf.writestr(
            zipfile.ZipInfo(f"kiriman/p99_{MOD}.ipynb", (2026, 12, 1, 10, 0, 0)), "stranger"
        )
        zf.writestr(zipfile.ZipInfo(f"__MACOSX/._p02_{MOD}.ipynb", (2026, 12, 1, 10, 0, 0)), "junk")
    res = collect_module(ws, MOD, source=z)
    assert list(res.collected) == ["p02"]
    assert res.unknown == [f"kiriman/p99_{MOD}.ipynb"]
    assert "p99" in res.problems[0] and "tidak ada di daftar peserta" in res.problems[0]
    # zip times are WIB wall-clock: 10:00 WIB is 03:00 UTC
    assert (
        (ws.root / "submitted" / "p02" / MOD / "timestamp.txt")
        .read_text()
        .startswith("2026-12-01 03:00:00")
    )


def test_empty_folder_and_unknown_module_are_clear_errors(ws, tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(AlaskakiError, match="Tidak ada file notebook"):
        collect_module(ws, MOD, source=tmp_path / "empty")
    with pytest.raises(AlaskakiError, match="tidak ada di lokakarya"):
        collect_module(ws, "m9-tidak-ada", source=tmp_path / "empty")
    with pytest.raises(AlaskakiError, match="tidak ditemukan"):
        collect_module(ws, MOD, source=tmp_path / "hilang")
