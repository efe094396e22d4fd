"""Trainer team: a workshop made before m4/m5/m7 were split, handled carelessly after the kit update.

The trainer runs ``alaskaki init`` again on the running workshop's folder (the command from the
guide, pressed again; or "to get the new modules"). Whatever init does there, the workshop's
record must keep working: its reports, status and rapor are computed from the framework it pinned.
"""

from __future__ import annotations

import shutil

import pytest

from alaskaki import paths
from alaskaki.folder import Folder
from alaskaki.workshop.course import init_workshop, kit_modules
from tests.integration.test_attack_trainer import run
from tests.integration.test_legacy_workshop import FIXTURE, OLD_MODULES, SPLIT, pinned_before_split

pytestmark = pytest.mark.slow


def test_init_again_on_a_workshop_made_before_the_split_keeps_its_reports(tmp_path):
    new_ids = {k for m in OLD_MODULES for k in SPLIT[m]}
    ws = init_workshop(
        tmp_path / "lokakarya-lama",
        roster=paths.dataset("contoh_peserta.csv"),
        modules=[m for m in kit_modules() if m not in new_ids],
    )
    for m in OLD_MODULES:
        shutil.copytree(Folder(FIXTURE).source(m), ws.source(m))
    ws.framework_file.write_text(pinned_before_split(), encoding="utf-8")
    init_workshop(ws.root, modules=[])
    res = run(ws.root, "report", "--format", "csv")
    assert res.returncode == 0, res.stderr  # the old workshop as made: reports work

    again = run(None, "init", str(ws.root))
    assert "Traceback" not in again.stdout + again.stderr, again.stderr
    res = run(ws.root, "report", "--format", "csv")
    assert res.returncode == 0, (
        f"after `alaskaki init` again (exit {again.returncode}: {again.stdout.strip()[:300]}) "
        f"the old workshop's report is refused:\n{res.stderr}"
    )
    status = run(ws.root, "status")
    assert status.returncode == 0, status.stderr
