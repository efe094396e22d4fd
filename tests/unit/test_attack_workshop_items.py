"""Red team (session 7, PENDING — branch redteam-pending7): per-item tells of a WORKSHOP's post-test.

test_attack_workshop_reading judges whole forms and they pass: no attack without skill gets more
choice items right than chance + the bar, and no unit is Kompeten by luck. Item by item, though, a
participant with no skill gets some items right far more often than by guessing:

* **the option carries the rule and the case decides it** — eks01_akses and str01_mitra: one half
  says "sudah 12 bulan" and the other "belum 12 bulan"; the case prints the months, so reading is
  enough; eks01_kite: the asked applicant's goods say "mesin" (or not), and the right facility half
  is the one that says "mesin"; "dijual lagi" in the case, "dijual lagi" in the refusing half;
* **a number item that is a choice** — mtu01_ukuran prints the four EU sizes to choose from and the
  smallest is never the answer (1 in 3 by taking one of the other three); mtu01_sampel is 20, 32 or
  50 in 9 of 10 workshop draws (20 alone about 1 in 3); str01_kapasitas is 3 or 4 in about 2 of 5;
* **options never right** — eks04_cocok shows six options but "mata uang" and "Incoterm" are never
  the answer in any workshop draw (chance 1/4, not 1/6).

Bar per item, over 100 workshop forms: a choice item right at most chance + 0.15 under each attack;
a number item right at most 10 % by a printed number or the answer public draws give most often;
every option of a choice item right at least once over 150 public draws.

Fixed (sealed, session 7): eks01_kite, eks01_akses, str01_mitra — no half names the number of months
or repeats a word of the case. Fixed (session 8; figures over these 100 forms, before -> after):

* mtu01_ukuran — feet of EU 31-48, the lasts at hand told as a range: printed number / usual answer
  0.17 / 0.19 -> 0.00 / 0.08;
* str01_kapasitas — the number of IKM drawn evenly from 3 to 20, never a printed number: 0.06 / 0.16
  -> 0.00 / 0.07;
* mtu01_sampel — the answer drawn first, evenly over the dozen samples the kit's tables give such a
  case (levels I-III and S-1..S-4, AQL 0,65-6,5, lots of 12-12.000 pairs): 0.00 / 0.33 -> 0.00 / 0.07
  (a sample size is one of a dozen table values: ~1 in 12 by a guess stays the floor);
* eks04_cocok — any of the six data differs, about evenly; a currency or Incoterm that differs is the
  first offer's, which every case tells: "mata uang" / "Incoterm" right 0 / 0 of 150 public draws ->
  26 / 24 (dictionary of public draws 0.15, chance 0.17);
* eks01_alasan — asks whose export it is of one IKM and the next step of another, each a fair coin,
  so "own export, NIB first" is the key too: best attack 0.43 (halves public draws favour) -> 0.39
  (longest option, on these targets; 0.24 over 600 other forms).

OPEN lists the items still open, each a strict xfail so the gap stays visible and a fix shows as
XPASS (then take it out of OPEN); none is open now.

    .venv/bin/python tests/unit/test_attack_workshop_reading.py   # the table per attack and item
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from test_attack_workshop_reading import (
    LOOK,
    PUBLIC,
    _by_look,
    _careful,
    _form,
    _learn,
    _learned,
)

TARGETS = 100  # per item: 0.15 above chance is 3.5 sd of a coin over 100 forms
MARGIN = 0.15
NUMBER_MAX = 0.10
_NUM = re.compile(r"\d[\d.,]*")


@pytest.fixture(scope="module")
def targets():
    return [_form(f"red-team-lesen-{n}") for n in range(TARGETS)]


@pytest.fixture(scope="module")
def public():
    return [_form(f"red-team-umum-{n}") for n in range(PUBLIC)]


def _per_item(targets, attack) -> dict[str, float]:
    per: dict[str, float] = defaultdict(float)
    for form in targets:
        for slot, x in attack(form).items():
            per[slot] += x / len(targets)
    return per


def _attacks(public) -> dict:
    learned = _learn(public)
    out = {f"look:{k}": _by_look(s) for k, s in LOOK.items()}
    out |= {f"learned:{k}": _learned(k, learned) for k in ("letter", "half", "whole")}
    out["careful reader"] = _careful
    return out


#: per test, the items still open (R11 per item, session 7)
OPEN = {
    "choice": (),
    "number": (),
    "dead": (),
}


def _open(kind: str) -> list:
    return [
        pytest.param(
            slot,
            marks=pytest.mark.xfail(strict=True, reason=f"R11 per item: {slot} open"),
        )
        for slot in OPEN[kind]
    ]


@pytest.fixture(scope="module")
def choice_over(targets, public) -> dict:
    chance = {it.slot: 1 / len(it.opsi) for it in targets[0] if it.jenis == "huruf"}
    over = {}
    for name, attack in _attacks(public).items():
        for slot, got in _per_item(targets, attack).items():
            if slot in chance and got > chance[slot] + MARGIN:
                over[name, slot] = round(got, 2)
    return over


@pytest.fixture(scope="module")
def number_over(targets, public) -> dict:
    attacks = _attacks(public)
    over = {}
    for name in ("look:angka_tengah", "learned:whole"):  # a printed number; the usual answer
        for slot, got in _per_item(targets, attacks[name]).items():
            item = next(it for it in targets[0] if it.slot == slot)
            if item.jenis != "huruf" and got > NUMBER_MAX:
                over[name, slot] = round(got, 2)
    return over


@pytest.fixture(scope="module")
def dead(public) -> dict:
    from alaskaki_kunci.bank import HURUF

    seen: dict = defaultdict(lambda: [0, 0])
    for form in public:
        for it in form:
            if it.jenis == "huruf":
                for h, o in zip(HURUF, it.opsi, strict=False):
                    k = (it.slot, _NUM.sub("#", o.lower()))
                    seen[k][0] += h == it.jawaban
                    seen[k][1] += 1
    return {k: n for k, (right, n) in seen.items() if n >= 30 and right == 0}


def _slot(key: tuple) -> str:
    """The item of a finding: (attack, slot) or (slot, option text)."""
    return next(k for k in key if "_" in k and " " not in k and ":" not in k)


def _closed(found: dict, kind: str) -> dict:
    return {k: x for k, x in found.items() if _slot(k) not in OPEN[kind]}


def _of(found: dict, slot: str) -> dict:
    return {k: x for k, x in found.items() if _slot(k) == slot}


def test_no_choice_item_is_answered_well_above_chance_without_skill(choice_over):
    over = _closed(choice_over, "choice")
    assert not over, f"choice items right without skill (chance 0.25, 1/6 for eks04_cocok): {over}"


@pytest.mark.parametrize("slot", _open("choice"))
def test_open_choice_item(choice_over, slot):
    assert not _of(choice_over, slot), f"right without skill: {_of(choice_over, slot)}"


def test_no_number_item_is_answered_by_a_printed_number_or_the_usual_answer(number_over):
    over = _closed(number_over, "number")
    assert not over, f"number items right without skill: {over}"


@pytest.mark.parametrize("slot", _open("number"))
def test_open_number_item(number_over, slot):
    assert not _of(number_over, slot), f"right without skill: {_of(number_over, slot)}"


def test_every_option_of_a_choice_item_is_right_in_some_workshop_draw(dead):
    found = _closed(dead, "dead")
    assert not found, f"options shown often and never right (a guesser strikes them out): {found}"


@pytest.mark.parametrize("slot", _open("dead"))
def test_open_item_with_options_never_right(dead, slot):
    assert not _of(dead, slot), f"options never right: {_of(dead, slot)}"
