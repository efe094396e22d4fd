"""The result objects and their JSON (competency/model.py): the hand-optimised to_dict writes the
same shares the objects compute, and from_dict gives back the same result, for random cohorts. (The
bytes of one report: tests/unit/report/test_report_json_golden.py.)"""

from __future__ import annotations

import json

import pytest
from competencykit import synthetic_result

from alaskaki.competency.model import CohortResult


@pytest.fixture(scope="module", params=[0, 1, 2])
def result(request):
    return synthetic_result(25, workshops=2, seed=request.param)


def test_the_json_holds_the_shares_the_objects_compute(result):
    data = result.to_dict()
    for p, pd in zip(result.participants, data["participants"], strict=True):
        assert pd["penyelesaian"] == p.completion and pd["jumlah_terlambat"] == p.late_count
        for code, u in p.units.items():
            ud = pd["units"][code]
            assert ud["latihan_selesai"] == u.latihan_selesai
            assert ud["latihan_skor"] == u.latihan_skor
            assert ud["belum_terpenuhi"] == u.belum_terpenuhi
            for c, cd in zip(u.kriteria, ud["kriteria"], strict=True):
                assert (cd["rasio"], cd["latihan_rasio"]) == (c.rasio, c.latihan_rasio), c.kode


def test_a_result_read_back_from_its_json_is_the_same_result(result):
    text = json.dumps(result.to_dict(), ensure_ascii=False)
    back = CohortResult.from_dict(json.loads(text))
    assert back == result
    assert json.dumps(back.to_dict(), ensure_ascii=False) == text


def test_the_shares_are_shares(result):
    for p in result.participants:
        assert p.completion is None or 0 <= p.completion <= 1
        for u in p.units.values():
            for share in (u.latihan_selesai, u.latihan_skor):
                assert share is None or 0 <= share <= 1
            for c in u.kriteria:
                assert c.rasio is None or 0 <= c.rasio <= 1


def test_an_unknown_participant_is_a_key_error(result):
    with pytest.raises(KeyError):
        result.participant("tidak-ada")
    first = result.participants[0]
    assert result.participant(first.id) is first
