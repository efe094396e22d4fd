"""alaskaki.competency.rules on hand-made evidence: the decisions a reviewer can check on paper."""

from __future__ import annotations

import datetime as dt

from alaskaki.competency.framework import Criterion
from alaskaki.competency.model import (
    KRITERIA_BELUM_ADA_UJI,
    KRITERIA_BELUM_DINILAI,
    MENUNGGU_PELATIH,
    PERLU_DINILAI_ULANG,
    SUDAH_DINILAI,
    TERPENUHI,
    TIDAK_TERPENUHI,
    Evidence,
)
from alaskaki.competency.rules import (
    criterion_result,
    form_share,
    is_stale,
    late_penalty_factor,
    module_state,
    normalised_gain,
)

POST = "asesmen-akhir"


def crit(uji=("post_a", "post_b"), latihan=(), ambang=0.7) -> Criterion:
    return Criterion("BYA-01.1.1", "Menghitung biaya bahan", "BYA-01", 1, uji, latihan, ambang)


def ev(gid: str, skor: float | None, maks: float = 2.0, *, modul: str = POST) -> Evidence:
    return Evidence(modul=modul, grade_id=gid, maks=maks, skor=skor, dinilai=skor is not None)


def evidence(*items: Evidence) -> dict:
    return {(e.modul, e.grade_id): e for e in items}


def test_late_penalty_scales_every_cell_of_the_notebook():
    # 8 of 10 points, 2 points late penalty: every cell keeps 6/8 of its score
    assert late_penalty_factor(8, 2) == 0.75
    assert late_penalty_factor(8, 0) == 1.0
    assert late_penalty_factor(0, 2) == 1.0  # nothing to reduce
    assert late_penalty_factor(3, 5) == 0.0  # never below zero


def test_a_resubmission_after_grading_is_stale_past_one_second():
    graded = dt.datetime(2026, 1, 12, 16, 0, 0)  # nbgrader's naive UTC
    assert is_stale(dt.datetime(2026, 1, 12, 16, 5, tzinfo=dt.UTC), graded)
    assert not is_stale(dt.datetime(2026, 1, 12, 16, 0, 1, tzinfo=dt.UTC), graded)
    assert not is_stale(None, graded)


def test_module_state():
    assert module_state(stale=True, pending=0) == PERLU_DINILAI_ULANG
    assert module_state(stale=False, pending=2) == MENUNGGU_PELATIH
    assert module_state(stale=False, pending=0) == SUDAH_DINILAI


def test_criterion_met_at_the_threshold_and_not_below():
    # 3 of 4 points = 75 % against a 70 % threshold
    met = criterion_result(crit(), (POST,), (), evidence(ev("post_a", 2), ev("post_b", 1)))
    assert (met.status, met.skor, met.maks) == (TERPENUHI, 3, 4)
    # 2 of 4 points = 50 %
    unmet = criterion_result(crit(), (POST,), (), evidence(ev("post_a", 2), ev("post_b", 0)))
    assert unmet.status == TIDAK_TERPENUHI


def test_missing_or_ungraded_evidence_is_never_failure():
    one_missing = criterion_result(crit(), (POST,), (), evidence(ev("post_a", 0)))
    assert one_missing.status == KRITERIA_BELUM_DINILAI
    ungraded = criterion_result(crit(), (POST,), (), evidence(ev("post_a", 2), ev("post_b", None)))
    assert ungraded.status == KRITERIA_BELUM_DINILAI
    no_uji = criterion_result(crit(uji=()), (POST,), (), {})
    assert no_uji.status == KRITERIA_BELUM_ADA_UJI


def test_latihan_rides_along_and_never_decides():
    c = crit(latihan=("m3_upah",))
    ev_ = evidence(ev("post_a", 2), ev("post_b", 2), ev("m3_upah", 0, modul="m3-biaya-produksi"))
    res = criterion_result(c, (POST,), ("m3-biaya-produksi",), ev_)
    assert res.status == TERPENUHI
    assert [e.grade_id for e in res.latihan] == ["m3_upah"]


def test_pre_post_share_and_gain():
    ev_ = evidence(ev("post_a", 2), ev("post_b", 1))
    assert form_share(POST, ["post_a", "post_b"], ev_) == 0.75
    assert (
        form_share(POST, ["post_a", "post_b"], evidence(ev("post_a", 2), ev("post_b", None)))
        is None
    )
    # from 50 % to 75 %: half of the room to grow was gained
    assert normalised_gain(0.5, 0.75) == 0.5
    assert normalised_gain(1.0, 1.0) is None
    assert normalised_gain(None, 0.8) is None
