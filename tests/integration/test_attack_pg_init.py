"""Red team (session 5): `alaskaki init --db-url` / `--pindahan` as a careless trainer (folder, T5b).

A workshop's PostgreSQL gradebook belongs to one folder (table ``alaskaki_folder``: path, the
workshop's id, the folder's inode). Attacks with the one command the guide gives for copies and
moves, pointed at the wrong database:

* a NEW workshop for the next batch made with the old batch's URL copied from the old command
  (with its roster): refused, and the old workshop's gradebook keeps only its own participants;
* an existing workshop told `--db-url` with its own database spelled another way (localhost vs
  127.0.0.1), or with another workshop's database: refused, nothing copied or rewritten;

Open when written (branch redteam-pending4, test_attack_pg_init_open.py): `--pindahan` given to a
NEW workshop (another id) while the recorded workshop is still in place takes its gradebook.
"""

from __future__ import annotations

import pytest

from alaskaki.folder import Folder
from tests.integration.test_postgres import _new_database, _students

pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.timeout(600)]

HEADER = "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"


def _cli(capsys):
    from alaskaki import folder as folder_mod
    from alaskaki.cli import main

    def command(*argv):
        folder_mod._server_claimed.clear()  # each CLI command is its own process
        folder_mod._server_backed_up.clear()
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out + err

    return command


def _roster(tmp_path, name: str, rows: str):
    p = tmp_path / name
    p.write_text(HEADER + rows, encoding="utf-8")
    return p


def test_init_with_another_workshops_database_url_never_touches_its_grades(
    pg_url,
    tmp_path,
    capsys,
):
    command = _cli(capsys)
    url = _new_database(pg_url, "alaskaki_batch1")
    other_url = _new_database(pg_url, "alaskaki_lain")
    old = tmp_path / "batch-1"
    assert command("init", str(old), "--db-url", url, "--roster",
                   str(_roster(tmp_path, "b1.csv", "p01,Ani,UD A,Miji,P,admin\n")))[0] == 0  # fmt: skip
    other = tmp_path / "lain"
    assert command("init", str(other), "--db-url", other_url, "--roster",
                   str(_roster(tmp_path, "l.csv", "p77,Lia,UD L,Miji,P,\n")))[0] == 0  # fmt: skip
    assert _students(url) == {"p01"} and _students(other_url) == {"p77"}

    # next batch: a new folder, the old command copied with its URL, the new roster
    new = tmp_path / "batch-2"
    b2 = _roster(tmp_path, "b2.csv", "p51,Budi,UD B,Miji,L,\np52,Citra,UD C,Miji,P,\n")
    code, said = command("init", str(new), "--db-url", url, "--roster", str(b2))  # fmt: skip
    assert code != 0, f"a new workshop was made on batch 1's gradebook: {said}"
    assert _students(url) == {"p01"}, (
        f"refused ({said.strip()[:160]}…) but batch 2's roster was written into batch 1's "
        f"gradebook first: {sorted(_students(url))}"
    )
    assert command("status", "-w", str(old))[0] == 0, "batch 1 no longer opens"

    # the same database, spelled another way; and another workshop's database
    for wrong in (url.replace("127.0.0.1", "localhost"), other_url):
        before = Folder(old).config_file.read_text(encoding="utf-8")
        code, said = command("init", str(old), "--db-url", wrong)
        assert code != 0, f"init --db-url {wrong} on batch 1 was accepted: {said}"
        assert Folder(old).config_file.read_text(encoding="utf-8") == before
    assert _students(url) == {"p01"} and _students(other_url) == {"p77"}
    assert command("status", "-w", str(old))[0] == 0
