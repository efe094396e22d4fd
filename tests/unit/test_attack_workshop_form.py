"""Red team: the public repository against a WORKSHOP's form (issue 19; BOARD "public-repo attack").

The kit's repository is public: ``alaskaki_kunci/bank.py`` (every template and how it computes its
answer), the committed forms and their key. A workshop's forms are drawn from the same templates
with a secret the participants never hold. An outsider (or a friend who codes) can still run the
public bank with as many secrets as they like. Attacks, each on a workshop form whose secret the
attacker does not have:

* **the committed key's letters**: answer the workshop form with the committed form's letters;
* **the committed key's text**: take the option whose text is nearest to the committed key option;
* **a dictionary of public draws**: draw many forms with secrets of one's own, note for every
  question (numbers masked) which option text was right, and look the workshop's questions up;
  for number items, the exact question text seen with its answer.

Averaged over 20 workshop forms (fixed secrets), each must do no better than guessing on the
choice items, and no unit may be Kompeten by it with a chance above 5 %.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import pytest
from test_attack_testwise import MAX_LUCK, _jaccard, _p_met

PUBLIC_DRAWS = 150
TARGETS = 20
_NUM = re.compile(r"\d[\d.,]*")


def _workshop_form(modul: str, secret: str):
    """A workshop's form for ``secret`` — the kit's own generator (adapt to its API)."""
    from alaskaki_kunci import bank

    return bank.form(modul, secret)


def _committed(modul: str):
    from alaskaki_kunci import bank

    return bank.form(modul)


def _mask(text: str) -> str:
    return _NUM.sub("#", text.lower()).strip()


def _key_text(it) -> str:
    from alaskaki_kunci.bank import HURUF

    return it.opsi[HURUF.index(it.jawaban)]


def _stats(items, answers: dict[str, float]) -> tuple[float, float, float]:
    choice = [it for it in items if it.jenis == "huruf"]
    got = sum(answers.get(it.slot, 0.0) for it in choice)
    chance = sum(1 / len(it.opsi) for it in choice)
    sd = sum((1 / len(it.opsi)) * (1 - 1 / len(it.opsi)) for it in choice) ** 0.5
    return got, chance, sd


def _luck(items, chance_by_slot: dict[str, float]) -> dict[str, float]:
    import yaml

    from alaskaki import paths

    fw = yaml.safe_load((paths.GRADING_DIR / "kompetensi.yml").read_text(encoding="utf-8"))
    default = float(fw.get("ambang", 0.7))
    out = {}
    for unit in fw["unit"]:
        p = 1.0
        for c in (c for e in unit["elemen"] for c in e["kriteria"]):
            ids = [g.split("_", 1)[1] for g in c.get("uji") or []]
            p *= (
                _p_met([chance_by_slot.get(s, 0.0) for s in ids], float(c.get("ambang", default)))
                if ids
                else 0.0
            )
        out[unit["kode"]] = p
    return out


def _letters(target, committed) -> dict[str, float]:
    by_slot = {it.slot: it for it in committed}
    return {
        it.slot: float(it.jenis == "huruf" and by_slot[it.slot].jawaban == it.jawaban)
        if it.jenis == "huruf"
        else 0.0
        for it in target
    }


def _texts(target, committed) -> dict[str, float]:
    from alaskaki_kunci.bank import HURUF

    by_slot = {it.slot: it for it in committed}
    out = {}
    for it in target:
        if it.jenis != "huruf":
            out[it.slot] = float(it.benar(by_slot[it.slot].jawaban))  # the committed number
            continue
        ref = _key_text(by_slot[it.slot])
        sims = [_jaccard(ref, o) for o in it.opsi]
        best = [HURUF[i] for i, s in enumerate(sims) if s == max(sims)]
        out[it.slot] = (it.jawaban in best) / len(best)
    return out


def _dictionary(modul: str, draws: int) -> tuple[dict, dict]:
    """What the attacker learns from the public bank with secrets of their own."""
    choice: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    number: dict[str, dict[str, float]] = defaultdict(dict)
    # The attacker's own secrets, fixed so that a run is repeatable (random ones made the test fail
    # about once in a few hundred runs, by the luck of the dictionary, not by a change in the bank).
    for n in range(draws):
        for it in _workshop_form(modul, f"red-team-kamus-{modul}-{n}"):
            if it.jenis == "huruf":
                choice[it.slot][_mask(it.teks)][_mask(_key_text(it))] += 1
            else:
                number[it.slot][it.teks] = float(it.jawaban)
    return choice, number


def _looked_up(target, learned) -> dict[str, float]:
    from alaskaki_kunci.bank import HURUF

    choice, number = learned
    out = {}
    for it in target:
        if it.jenis != "huruf":
            seen = number[it.slot].get(it.teks)
            out[it.slot] = float(seen is not None and it.benar(seen))
            continue
        seen = choice[it.slot].get(_mask(it.teks))
        if not seen:  # nearest question seen
            q = max(choice[it.slot], key=lambda s: _jaccard(s, _mask(it.teks)), default=None)
            seen = choice[it.slot].get(q, Counter()) if q else Counter()
        if not seen:
            out[it.slot] = 1 / len(it.opsi)
            continue
        ref = seen.most_common(1)[0][0]
        sims = [_jaccard(ref, _mask(o)) for o in it.opsi]
        best = [HURUF[i] for i, s in enumerate(sims) if s == max(sims)]
        out[it.slot] = (it.jawaban in best) / len(best)
    return out


@pytest.fixture(scope="module")
def targets():
    """Workshop forms the attacker has not drawn (fixed secrets: the test is repeatable)."""
    return [_workshop_form("asesmen-akhir", f"red-team-sasaran-{n}") for n in range(TARGETS)]


def _judge(name: str, targets, attack) -> None:
    """Mean over the target forms: choice items right within chance + 2 sd of the mean + 0.5, and
    every unit's mean chance of Kompeten at most 5 %."""
    got, luck = [], defaultdict(list)
    for target in targets:
        chances = attack(target)
        right, chance, sd = _stats(target, chances)
        got.append(right)
        for unit, p in _luck(target, chances).items():
            luck[unit].append(p)
    mean = sum(got) / len(got)
    lucky = {u: round(sum(p) / len(p), 3) for u, p in luck.items() if sum(p) / len(p) > MAX_LUCK}
    assert mean <= chance + 2 * sd / len(got) ** 0.5 + 0.5 and not lucky, (
        f"{name}: {mean:.1f} choice items right on average over {len(got)} workshop forms "
        f"(chance {chance:.1f}, worst {max(got):.1f}); units Kompeten by it: {lucky}"
    )


def test_the_committed_letters_do_not_answer_a_workshop_form(targets):
    committed = _committed("asesmen-akhir")
    _judge("committed letters", targets, lambda t: _letters(t, committed))


def test_the_committed_key_text_does_not_answer_a_workshop_form(targets):
    committed = _committed("asesmen-akhir")
    _judge("committed key text", targets, lambda t: _texts(t, committed))


def test_a_dictionary_of_public_draws_does_not_answer_a_workshop_form(targets):
    learned = _dictionary("asesmen-akhir", PUBLIC_DRAWS)
    _judge("dictionary of public draws", targets, lambda t: _looked_up(t, learned))
