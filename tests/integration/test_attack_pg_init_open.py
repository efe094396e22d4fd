"""Red team (session 5), OPEN on main when written (owner: folder; R28): `init --pindahan` on a
workshop that is not the recorded one.

`--pindahan` skips every check of the database's recorded owner (`claim_server(take_over=True)`):
a NEW workshop for batch 2 (another lokakarya id, another roster) made with batch 1's URL and
`--pindahan` takes batch 1's gradebook while batch 1 sits where it always was. Batch 1 is then
refused ("milik lokakarya lain (batch-2)", exit 5) and its gradebook holds both rosters
(p01 + p51). Suggest: `--pindahan` only for the same lokakarya id (a move keeps lokakarya.json),
and refused while the recorded folder is still there with its id and inode (`_owns`).
"""

from __future__ import annotations

import pytest

from tests.integration.test_attack_pg_init import HEADER, _cli, _roster  # noqa: F401
from tests.integration.test_postgres import _new_database, _students

pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.timeout(600)]


def test_pindahan_on_another_workshop_does_not_take_a_gradebook_whose_folder_is_there(
    pg_url,
    tmp_path,
    capsys,
):
    """The trainer types `--pindahan` (the guide's answer to "moved to another disk") on a
    different workshop (another id, another roster) pointed at batch 1's database, while batch 1
    sits where it always was. That folder is not batch 1 moved: batch 1 keeps its gradebook."""
    command = _cli(capsys)
    url = _new_database(pg_url, "alaskaki_pindahan")
    old = tmp_path / "batch-1"
    assert command("init", str(old), "--db-url", url, "--roster",
                   str(_roster(tmp_path, "b1.csv", "p01,Ani,UD A,Miji,P,admin\n")))[0] == 0  # fmt: skip
    new = tmp_path / "batch-2"
    b2 = _roster(tmp_path, "b2.csv", "p51,Budi,UD B,Miji,L,\n")
    code, said = command("init", str(new), "--db-url", url, "--pindahan", "--roster", str(b2))  # fmt: skip
    after_old = command("status", "-w", str(old))
    assert after_old[0] == 0 and _students(url) == {"p01"}, (
        f"`init batch-2 --db-url <batch 1's> --pindahan` (exit {code}) took batch 1's gradebook "
        f"while batch 1 is in place: batch 1 status exit {after_old[0]} "
        f"({after_old[1].strip()[:200]}); students in its gradebook: {sorted(_students(url))}"
    )
