"""Measure R11 (the public generator as a lookup table) per slot: `python tests/redteam/dictionary_attack.py`.

The attack is the red team's pending test (branch ``redteam-pending2``,
``tests/unit/test_attack_workshop_form.py::test_a_dictionary_of_public_draws_does_not_answer_a_workshop_form``):
draw forms with secrets of one's own, note per masked question the right option text, and answer
unseen workshop forms by the exact or nearest question seen. This script repeats it with several
dictionaries and reports the mean over the test's 20 targets and a share right per slot (40 targets),
so an item rewrite can be judged slot by slot. Not a test: the figures vary a little per run.
"""

from __future__ import annotations

import re
import secrets
import sys
from collections import Counter, defaultdict
from pathlib import Path

# A script run by hand, outside pytest (so no conftest sets its path): it reaches the red-team test's
# own similarity measure in tests/unit, so the figures it prints are the test's, not a copy's.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))

from test_attack_testwise import _jaccard  # noqa: E402

from alaskaki_kunci import bank  # noqa: E402

FORM = "asesmen-akhir"
PUBLIC_DRAWS = 150
_NUM = re.compile(r"\d[\d.,]*")


def _mask(text: str) -> str:
    return _NUM.sub("#", text.lower()).strip()


def _key_text(it) -> str:
    return it.opsi[bank.HURUF.index(it.jawaban)]


def dictionary(draws: int = PUBLIC_DRAWS) -> dict:
    choice: dict = defaultdict(lambda: defaultdict(Counter))
    for _ in range(draws):
        for it in bank.form(FORM, secrets.token_hex(16)):
            if it.jenis == "huruf":
                choice[it.slot][_mask(it.teks)][_mask(_key_text(it))] += 1
    return choice


def looked_up(target, choice) -> dict[str, float]:
    out = {}
    for it in target:
        if it.jenis != "huruf":
            continue
        seen = choice[it.slot].get(_mask(it.teks))
        if not seen:
            q = max(choice[it.slot], key=lambda s: _jaccard(s, _mask(it.teks)), default=None)
            seen = choice[it.slot].get(q, Counter()) if q else Counter()
        if not seen:
            out[it.slot] = 1 / len(it.opsi)
            continue
        ref = seen.most_common(1)[0][0]
        sims = [_jaccard(ref, _mask(o)) for o in it.opsi]
        best = [bank.HURUF[i] for i, s in enumerate(sims) if s == max(sims)]
        out[it.slot] = (it.jawaban in best) / len(best)
    return out


def main(runs: int = 3, targets: int = 40) -> None:
    forms = [bank.form(FORM, f"red-team-sasaran-{n}") for n in range(targets)]
    per: dict[str, list[float]] = defaultdict(list)
    totals = []
    for _ in range(runs):
        choice = dictionary()
        for i, target in enumerate(forms):
            got = looked_up(target, choice)
            if i < 20:  # the pending test's 20 targets
                totals.append(sum(got.values()))
            for slot, x in got.items():
                per[slot].append(x)
    print(
        f"mean over 20 targets, {runs} dictionaries: {sum(totals) / len(totals):.2f}/23 (chance 5.7)"
    )
    for slot, xs in sorted(per.items(), key=lambda kv: -sum(kv[1])):
        print(f"{slot:16s} {sum(xs) / len(xs):.2f}")


if __name__ == "__main__":
    main()
