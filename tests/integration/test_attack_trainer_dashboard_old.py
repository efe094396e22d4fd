"""Trainer team: the reviewer's dashboard over a workshop made before m4/m5/m7 were split, alone and
together with a new workshop (the dinas compares this year's batch with last year's).

`alaskaki report` on the old workshop computes competency from the framework the workshop pinned
(old grade ids m4_*); the dashboard must show the same for that workshop, and a merged view must
not drop the old workshop's evidence.
"""

from __future__ import annotations

import pytest

from alaskaki import paths
from alaskaki.competency import assess
from alaskaki.workshop.course import init_workshop
from tests.integration.test_legacy_workshop import FULL, old_workshop  # noqa: F401 - fixture

pytestmark = pytest.mark.slow


def _units(result, pid):
    p = next(x for x in result.participants if x.id == pid)
    return {k: (u.status, u.latihan_selesai, u.latihan_skor) for k, u in p.units.items()}


def test_dashboard_shows_an_old_workshop_as_its_report_does(old_workshop, tmp_path):  # noqa: F811
    from alaskaki.report.dashboard import Data

    report = _units(assess(old_workshop.root), FULL)
    assert report["EKS-03"][1] == pytest.approx(1.0)  # m4 (old ids) done, as the report says

    alone = Data.load([old_workshop.root])
    shown = _units(next(iter(alone.per_workshop.values())), FULL)
    assert shown == report, "the dashboard disagrees with `alaskaki report` on the old workshop"

    new = init_workshop(tmp_path / "baru", roster=paths.dataset("contoh_peserta.csv"), modules=[])
    both = Data.load([old_workshop.root, new.root])
    merged = _units(both.merged, FULL)
    assert merged["EKS-03"][1:] == report["EKS-03"][1:], (
        "merged with a new workshop, the old workshop's m4 evidence is gone"
    )
