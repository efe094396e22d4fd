"""Trainer team, PostgreSQL: a careless trainer copies a workshop whose gradebook is on a database
server. The folder is the record (docs/panduan-pelatih.md: "setiap salinan memakai buku nilai
miliknya sendiri"); on SQLite each copy has its own gradebook.db, on a server the copy carries the
same ``db_url``. Grading the copy must never change the original's grades.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.integration.test_attack_trainer import HEADER, MOD, cp_a, run, submission

pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.timeout(1200)]


@pytest.fixture(scope="module")
def pg_server(pg_cluster):
    """A function making a new empty database URL on the run's cluster (tests/integration/conftest.py)."""
    return pg_cluster.new_db


def _scores(ws: Path) -> dict[str, float | None]:
    res = run(ws, "--json", "status")
    assert res.returncode == 0, res.stdout + res.stderr
    return {
        r["peserta"]: r["nilai"] for r in json.loads(res.stdout)["rincian"] if r["modul"] == MOD
    }


def test_a_copied_workshop_on_postgresql_never_grades_into_the_original(pg_server, tmp_path):
    roster = tmp_path / "peserta.csv"
    roster.write_text(
        HEADER + "".join(f"{p},Nama {p},UD A,Miji,P,admin\n" for p in ("p01", "p02")),
        encoding="utf-8",
    )
    original = tmp_path / "mojokerto"
    res = run(None, "init", str(original), "--roster", str(roster), "--db-url", pg_server())
    assert res.returncode == 0, res.stderr
    assert run(original, "release", MOD).returncode == 0
    usb = tmp_path / "usb"
    usb.mkdir()
    for pid in ("p01", "p02"):
        (usb / f"{pid}_{MOD}.ipynb").write_bytes(submission(pid))
    assert run(original, "collect", MOD, "--from", str(usb)).returncode == 0
    res = run(original, "grade", MOD, "--workers", "2")
    assert res.returncode == 0, res.stdout + res.stderr
    assert _scores(original) == {"p01": 9, "p02": 9}

    # a moved (renamed) workshop keeps its gradebook on the server
    moved = original.rename(tmp_path / "mojokerto-2026")
    assert _scores(moved) == {"p01": 9, "p02": 9}
    original = moved.rename(original)

    # the trainer copies the folder (a backup disk, a second laptop) and keeps working in the copy
    copy = cp_a(original, tmp_path / "salinan")
    usb2 = tmp_path / "usb2"
    usb2.mkdir()
    (usb2 / f"p01_{MOD}.ipynb").write_bytes(submission("p01", answer_scale=2))  # wrong hpp
    collected = run(copy, "collect", MOD, "--from", str(usb2))
    graded = run(copy, "grade", MOD, "--workers", "1")
    for res in (collected, graded):
        assert "Traceback" not in res.stdout + res.stderr, res.stderr
    # either the copy refuses (naming the shared database) or it grades into its own: the
    # original's record is the original's
    assert _scores(original) == {"p01": 9, "p02": 9}, (
        "grading the copy changed the original's gradebook on the server:\n" + graded.stdout
    )
    if graded.returncode != 0 or collected.returncode != 0:
        assert "salin" in (collected.stderr + graded.stderr).lower(), (
            collected.stderr + graded.stderr
        )
