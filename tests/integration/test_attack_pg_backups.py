"""Red team (session 5; R17b on PostgreSQL, around folder's 29d5ee8): re-releasing a module must
not push the last good pg_dump out of cadangan/."""

from __future__ import annotations

import subprocess

import pytest

from alaskaki import paths
from tests.integration.test_postgres import _new_database

pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.timeout(600)]


def _has(dump, pid: str) -> bool:
    from alaskaki.folder import _pg_tool

    text = subprocess.run(
        [_pg_tool("pg_restore"), "-f", "-", str(dump)], capture_output=True, text=True, check=True
    ).stdout
    return f"\n{pid}\t" in text


def test_re_releasing_on_postgresql_keeps_the_last_good_dump(pg_url, tmp_path, capsys):
    from alaskaki import folder as folder_mod
    from alaskaki.cli import main
    from alaskaki.folder import Folder
    from alaskaki.workshop.course import init_workshop

    url = _new_database(pg_url, "alaskaki_cadangan_rilis")
    root = tmp_path / "lokakarya"
    init_workshop(
        root, roster=paths.dataset("contoh_peserta.csv"), db_url=url, modules=["m0-orientasi"]
    )

    def command(*argv) -> int:
        folder_mod._server_claimed.clear()
        folder_mod._server_backed_up.clear()
        code = main([*argv, "-w", str(root)])
        capsys.readouterr()
        return code

    assert command("release", "m0-orientasi") == 0
    folder = Folder(root)
    folder_mod._server_backed_up.clear()
    folder.before_write("roster")
    with folder.gradebook() as gb:
        gb.remove_student("p24")
    for _ in range(12):
        assert command("release", "m0-orientasi") == 0
    kept = folder.backups()
    assert any(_has(b.path, "p24") for b in kept), (
        f"after 12 re-releases on PostgreSQL: {len(kept)} dumps kept, none from before the "
        "mistaken write"
    )
