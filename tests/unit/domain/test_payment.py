"""Payment methods and the two ICC rulebooks behind them: lookups, the D/P-or-D/A rule, and that every
rulebook a method or statement names exists (the exercises ask which rulebook a statement belongs to)."""

from __future__ import annotations

import pytest

from alaskaki.domain import payment
from alaskaki.domain.payment import (
    BANK_CHARGES_USD,
    METHODS,
    RULE_FACTS,
    RULEBOOKS,
    collection_type,
    method,
)


def test_every_rulebook_a_method_or_statement_names_exists():
    for m in METHODS:
        assert m.rulebook is None or m.rulebook in RULEBOOKS, m
    for f in RULE_FACTS:
        assert f.rulebook in RULEBOOKS, f


def test_each_rulebook_has_statements_to_ask_about_and_no_statement_is_asked_twice():
    for key in RULEBOOKS:
        assert any(f.rulebook == key for f in RULE_FACTS), key
    assert len({f.key for f in RULE_FACTS}) == len(RULE_FACTS)
    assert len({f.text.casefold() for f in RULE_FACTS}) == len(RULE_FACTS)


def test_the_documentary_collections_share_one_rulebook_apart_from_the_letter_of_credit():
    dp, da, lc = method("D/P"), method("D/A"), method("L/C")
    assert dp.rulebook == da.rulebook is not None
    assert lc.rulebook is not None and lc.rulebook != dp.rulebook


@pytest.mark.parametrize("typed", ["l/c", " L/C ", "L/C"])
def test_a_method_is_found_however_the_participant_types_its_code(typed):
    assert method(typed).code == "L/C"


def test_an_unknown_method_is_refused_in_indonesian_with_the_choices():
    with pytest.raises(ValueError) as exc:
        method("cek")
    msg = str(exc.value)
    assert "tidak dikenal" in msg and "'cek'" in msg
    assert all(m.code in msg for m in METHODS)


def test_a_bill_paid_later_goes_documents_against_acceptance_else_against_payment():
    assert collection_type(deferred_payment=True) == "D/A"
    assert collection_type(deferred_payment=False) == "D/P"
    # both answers are collections under the same rulebook as the method codes say
    for deferred in (True, False):
        assert method(collection_type(deferred)).rulebook == payment.COLLECTION


def test_bank_charges_are_for_known_methods_and_form_a_range():
    codes = {m.code for m in METHODS}
    for code, (low, high) in BANK_CHARGES_USD.items():
        assert code in codes
        assert 0 < low <= high
