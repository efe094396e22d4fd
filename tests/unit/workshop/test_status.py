"""``alaskaki status`` (alaskaki.workshop.status) beside a roster edited by hand."""

from __future__ import annotations

import pytest

from alaskaki.errors import AlaskakiError
from alaskaki.folder import Folder
from alaskaki.workshop import import_roster, init_workshop, workshop_status

HEADER = "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"
MOD = "m3-biaya-produksi"


def test_status_never_shows_a_new_name_beside_the_earlier_persons_work(tmp_path, capsys):
    """p01 (Ani) handed m3 in; the trainer then writes another person's name on p01's row of
    peserta.csv by hand. status would show Budi "dikumpulkan" on Ani's work: it stops naming p01,
    both names and the fix (the CLI exits non-zero with no traceback); p02, who has no work, may
    be renamed freely, and `roster import --perbaiki-nama p01` ends the question."""
    from alaskaki.cli import main

    roster = tmp_path / "awal.csv"
    roster.write_text(
        HEADER + "p01,Ani,UD A,Miji,P,admin\np02,Cici,UD A,Miji,P,admin\n", encoding="utf-8"
    )
    ws = init_workshop(tmp_path / "ws", roster=roster, modules=[MOD])
    work = ws.submitted("p01", MOD)
    work.mkdir(parents=True)
    (work / f"{MOD}.ipynb").write_text("{}", encoding="utf-8")
    (work / "timestamp.txt").write_text("2026-12-01 10:00:00.000000 UTC", encoding="utf-8")
    own = Folder(ws.root).roster_file
    own.write_text(
        HEADER + "p01,Ani,UD A,Miji,P,admin\np02,Dedi,UD A,Miji,L,admin\n", encoding="utf-8"
    )
    assert {e.peserta: e.nama for e in workshop_status(ws).entries}["p02"] == "Dedi"
    own.write_text(
        HEADER + "p01,Budi,UD A,Miji,L,admin\np02,Dedi,UD A,Miji,L,admin\n", encoding="utf-8"
    )
    with pytest.raises(AlaskakiError) as err:
        workshop_status(ws)
    said = str(err.value)
    assert "id p01:" in said and "'Budi'" in said and "'Ani'" in said, said
    assert f"--perbaiki-nama p01 -w {ws.root}" in said and "id p02" not in said, said
    capsys.readouterr()
    assert main(["status", "-w", str(ws.root)]) != 0
    out = capsys.readouterr()
    assert "id p01:" in out.err and "Traceback" not in out.err, out.err
    import_roster(ws, own, fix_names=["p01"])
    rows = {e.peserta: e for e in workshop_status(ws).entries if e.modul == MOD}
    assert rows["p01"].nama == "Budi" and rows["p01"].dikumpulkan is not None
