"""A rapor batch written by forked workers is the batch written in one process: the same files,
in the participants' order, byte for byte (the PDF's creation time and /ID aside)."""

from __future__ import annotations

import re

from alaskaki.competency.testing import synthetic_result
from alaskaki.report import write_rapor
from alaskaki.report.rapor import PARALLEL_FROM


def _bytes(path):
    """The file without the PDF's creation time and the /ID fpdf2 derives from it."""
    data = re.sub(rb"/CreationDate \(D:[^)]*\)", b"", path.read_bytes())
    return re.sub(rb"/ID \[<[0-9A-F]+><[0-9A-F]+>\]", b"", data)


def test_parallel_rapor_batch_equals_the_sequential_one(tmp_path):
    result = synthetic_result(5, workshops=2)
    one = write_rapor(result, tmp_path / "satu", workers=1, reviewer={})
    two = write_rapor(result, tmp_path / "dua", workers=2, reviewer={})
    assert [p.name for p in one] == [p.name for p in two]
    assert [p.name for p in one][:2] == [f"rapor-{result.participants[0].id}.html",
                                         f"rapor-{result.participants[0].id}.pdf"]  # fmt: skip
    assert len(one) == 2 * len(result.participants)
    for a, b in zip(one, two, strict=True):
        assert _bytes(a) == _bytes(b), a.name


def test_a_workshop_batch_stays_in_one_process_by_default():
    # forking is for a city's batch; a workshop's few dozen rapor take seconds in one process
    assert PARALLEL_FROM > 30
