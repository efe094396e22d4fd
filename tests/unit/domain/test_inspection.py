"""Inspection practice as data: stages by completion, grades and defect classes of the teaching
examples, the laboratory test for a buyer's complaint, the Cr(VI) limit, mandatory SNI, and the
lot decisions of an inspection report."""

from __future__ import annotations

import math

import pytest

from alaskaki.domain import quality
from alaskaki.domain.inspection import (
    ACCEPT,
    CR6_LIMIT_MG_KG,
    DEFECT_EXAMPLES,
    FOOTWEAR_TYPES,
    GRADE_EXAMPLES,
    GRADES,
    LAB_TESTS,
    MANDATORY_SNI,
    REJECT,
    STAGES,
    cr6_allowed_in_eu,
    critical_decision,
    grade,
    lab_test,
    lab_test_for,
    overall_decision,
    sni_mandatory,
    stage,
    stage_for_completion,
)

RANGED = [s for s in STAGES if s.completion_min is not None]


def test_stages_are_found_however_typed_and_unknown_ones_refused_with_the_choices():
    for s in STAGES:
        assert stage(f" {s.key.lower()} ") is s
    with pytest.raises(ValueError) as exc:
        stage("FINAL")
    assert "tidak dikenal" in str(exc.value) and all(s.key in str(exc.value) for s in STAGES)


def test_completion_ranges_do_not_overlap_and_are_in_production_order():
    assert RANGED, "the brief gives completion ranges for some stages"
    for s in RANGED:
        assert 0 <= s.completion_min <= s.completion_max <= 100
    for a, b in zip(RANGED, RANGED[1:], strict=False):
        assert a.completion_max < b.completion_min


@pytest.mark.parametrize("s", RANGED, ids=lambda s: s.key)
def test_a_completion_inside_a_stage_s_range_names_that_stage(s):
    middle = (s.completion_min + s.completion_max) / 2
    for pct in (s.completion_min, middle, s.completion_max):
        assert stage_for_completion(pct) == s.key


def test_a_completion_between_the_ranges_names_no_stage():
    a, b = RANGED[0], RANGED[1]
    assert stage_for_completion((a.completion_max + b.completion_min) / 2) is None


@pytest.mark.parametrize("bad", [-1, 101, math.nan, True, "50", None])
def test_a_completion_that_is_no_percentage_is_refused(bad):
    with pytest.raises(ValueError, match="0–100"):
        stage_for_completion(bad)


def test_every_grade_example_has_a_known_grade_and_every_grade_an_example():
    keys = {g.key for g in GRADES}
    assert {e.answer for e in GRADE_EXAMPLES} == keys
    assert grade(" b ").key == "B"
    with pytest.raises(ValueError, match="tidak dikenal"):
        grade("D")


def test_only_the_grade_that_allows_functional_defects_is_destroyed_not_sold():
    # a functional defect is what makes a pair unsellable: the other grades are sold
    for g in GRADES:
        assert g.functional_defect == ("dijual" not in g.fate), g


def test_every_defect_example_is_one_of_the_defect_classes_and_each_class_has_one():
    assert {e.answer for e in DEFECT_EXAMPLES} == {c.key for c in quality.defect_classes()}
    assert len({e.text for e in DEFECT_EXAMPLES}) == len(DEFECT_EXAMPLES)


def test_each_complaint_leads_to_the_one_test_that_lists_it():
    complaints = [c for t in LAB_TESTS for c in t.complaints]
    assert len(set(complaints)) == len(complaints)  # a complaint cannot point at two tests
    for t in LAB_TESTS:
        assert lab_test(t.key) is t
        assert t.standard.startswith(f"ISO {t.iso_number}:"), t  # number and designation agree
        for c in t.complaints:
            assert lab_test_for(c) is t
    with pytest.raises(ValueError, match="tidak ada di daftar keluhan"):
        lab_test_for("sepatu terlalu mahal")
    with pytest.raises(ValueError, match="tidak dikenal"):
        lab_test("kuat_tarik")


def test_leather_at_the_cr6_limit_is_not_allowed_in_the_eu_and_below_it_is():
    assert cr6_allowed_in_eu(0)
    assert cr6_allowed_in_eu(math.nextafter(CR6_LIMIT_MG_KG, 0))
    assert not cr6_allowed_in_eu(CR6_LIMIT_MG_KG)
    assert not cr6_allowed_in_eu(CR6_LIMIT_MG_KG * 2)


@pytest.mark.parametrize("bad", [-0.1, math.nan, True, "2"])
def test_a_cr6_content_that_is_no_measurement_is_refused(bad):
    with pytest.raises(ValueError, match="krom VI"):
        cr6_allowed_in_eu(bad)


def test_sni_is_mandatory_exactly_for_the_types_marked_so():
    assert MANDATORY_SNI and any(FOOTWEAR_TYPES.values()) and not all(FOOTWEAR_TYPES.values())
    for kind, mandatory in FOOTWEAR_TYPES.items():
        assert sni_mandatory(kind) is mandatory
    with pytest.raises(ValueError) as exc:
        sni_mandatory("sepatu roda")
    assert all(kind in str(exc.value) for kind in FOOTWEAR_TYPES)


def test_one_critical_defect_rejects_the_lot():
    assert critical_decision(0) == ACCEPT
    assert critical_decision(1) == REJECT
    for bad in (-1, 0.5, True):
        with pytest.raises(ValueError):
            critical_decision(bad)


def test_a_lot_is_accepted_only_when_every_class_is_accepted():
    assert overall_decision([ACCEPT, ACCEPT, ACCEPT]) == ACCEPT
    assert overall_decision([ACCEPT, REJECT, ACCEPT]) == REJECT
    assert overall_decision((REJECT,)) == REJECT
    with pytest.raises(ValueError, match="terima"):
        overall_decision([ACCEPT, "lulus"])
