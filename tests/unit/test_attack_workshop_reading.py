"""Red team (session 7): a participant with no skill sits a WORKSHOP's post-test, without the rule.

Issue 19 R11 rewrote the workshop draws so that no word of a question predicts its answer (the
dictionary attack of test_attack_workshop_form). This file tries what a test-wise participant does
instead, on forms drawn with workshop secrets the attacker never holds (fixed here, so the figures
repeat):

* **by the look** — every strategy of test_attack_testwise (longest, shortest, odd one out, most
  words in common, the number in the middle, one letter for all, ...) and the option that repeats
  (or avoids) the question's numbers; number items: a number printed in the question;
* **learned from public draws** (the bank is public: a friend draws forms with secrets of their
  own, as many as they like, or keeps the forms of other workshops and rounds) — the letter that is
  most often right per question, the option halves that are right more (or never) often, whole
  option texts, and for a number item the answer seen most often;
* **the careful reader** — find the sentence about the one thing asked ("Untuk IKM Pak Hadi saja",
  "barang A dan barang C", "Kiriman 1: ...") and take the option whose halves repeat its words, and
  check a half's own claim of months ("sudah 12 bulan", "belum 12 bulan") against the case's.

Each is judged as test_attack_workshop_form judges the dictionary: over the target forms the choice
items right on average within chance + 2 sd of the mean + 0.5, and no unit Kompeten by it with a
mean chance above 5 %. Per-item tells that stay inside that bar are reported on BOARD (session 7),
not asserted here.

    .venv/bin/python tests/unit/test_attack_workshop_reading.py   # the table per strategy and item
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

import pytest
from test_attack_testwise import MAX_LUCK, STRATEGIES, _number_chance, _numbers, _p_met
from test_attack_workshop_form import _stats

FORM = "asesmen-akhir"
TARGETS = 20
PUBLIC = 150
_NUM = re.compile(r"\d[\d.,]*")
#: the label that starts one half of a two-part option, as the question names the same thing (an IKM
#: by its owner's name too: "IKM Pak Hadi: ...")
_LABEL = re.compile(
    r"^(\((?:\d|[A-Da-d])\)|(?:[Kk]iriman|[Mm]odel|[Pp]embeli|[Tt]emuan|[Pp]roduk|[Bb]arang|"
    r"[Cc]acat) (?:\d|[A-D]|mayor|minor)|(?:IKM|ikm) (?:[Pp]ak|[Bb]u) \w+)\s*:?\s*"
)
#: where the question starts telling about one thing
_MARK = re.compile(
    r"(\((?:[A-Da-d]|\d)\)|\b(?:[Kk]iriman|[Mm]odel|[Pp]embeli|[Tt]emuan|[Pp]roduk|[Bb]arang) "
    r"(?:\d|[A-D])\b|\bIKM (?:Pak|Bu) \w+)"
)
_STOP = set(
    [
        "dan",
        "di",
        "ke",
        "dari",
        "yang",
        "itu",
        "untuk",
        "atau",
        "dengan",
        "ini",
        "pada",
        "sebagai",
        "tidak",
        "bukan",
        "belum",
        "sudah",
        "ikm",
        "anda",
        "lalu",
        "jadi",
        "sebab",
        "karena",
        "bila",
    ]
)
_CLAIM = re.compile(r"\b(sudah|belum)\s+(\d+)\s+bulan")
_MONTHS = re.compile(r"(\d+)\s+bulan lalu")


def _form(secret: str):
    from alaskaki_kunci import bank

    return bank.form(FORM, secret)


def _letters(it) -> str:
    from alaskaki_kunci.bank import HURUF

    return HURUF[: len(it.opsi)]


def _pick(it, score: list[float]) -> float:
    """The chance that the best-scoring option is right (ties: a coin)."""
    best = [h for h, x in zip(_letters(it), score, strict=True) if x == max(score)]
    return (it.jawaban in best) / len(best)


def _halves(option: str) -> list[str]:
    return [p.strip() for p in re.split(r";\s", option.rstrip("."))]


def _bare(half: str) -> str:
    """A half without its label and numbers: what stays alike from form to form."""
    return _LABEL.sub("", _NUM.sub("#", half.strip().lower()))


# ------------------------------------------------------------------------------------------
# by the look
# ------------------------------------------------------------------------------------------


def _echo_numbers(q: str, o: tuple[str, ...], sign: int = 1) -> list[float]:
    given = set(_numbers(q))
    return [sign * float(sum(x in given for x in _numbers(x_))) for x_ in o]


LOOK = {
    **STRATEGIES,
    "angka_dari_soal": _echo_numbers,
    "angka_bukan_dari_soal": lambda q, o: _echo_numbers(q, o, -1),
}


def _by_look(strategy):
    def attack(target) -> dict[str, float]:
        return {
            it.slot: _pick(it, strategy(it.teks, tuple(it.opsi)))
            if it.jenis == "huruf"
            else _number_chance(it)
            for it in target
        }

    return attack


# ------------------------------------------------------------------------------------------
# learned from public draws (secrets of the attacker's own; fixed so the test repeats)
# ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def public():
    return [_form(f"red-team-umum-{n}") for n in range(PUBLIC)]


def _learn(public) -> dict:
    letter: dict = defaultdict(Counter)
    half: dict = defaultdict(lambda: [0, 0])
    whole: dict = defaultdict(lambda: [0, 0])
    number: dict = defaultdict(Counter)
    for form in public:
        for it in form:
            if it.jenis != "huruf":
                number[it.slot][float(it.jawaban)] += 1
                continue
            letter[it.slot][it.jawaban] += 1
            for h, o in zip(_letters(it), it.opsi, strict=True):
                hit = h == it.jawaban
                for p in _halves(o):
                    half[it.slot, _bare(p)][0] += hit
                    half[it.slot, _bare(p)][1] += 1
                whole[it.slot, _NUM.sub("#", o.lower())][0] += hit
                whole[it.slot, _NUM.sub("#", o.lower())][1] += 1
    return {"letter": letter, "half": half, "whole": whole, "number": number}


def _modal_number(it, number) -> float:
    seen = number[it.slot].most_common(1)
    return float(bool(seen) and it.benar(seen[0][0]))


def _learned(kind: str, learned: dict):
    def score(it) -> list[float]:
        n = len(it.opsi)
        if kind == "letter":
            return [float(learned["letter"][it.slot][h]) for h in _letters(it)]
        if kind == "whole":
            rates = [learned["whole"][it.slot, _NUM.sub("#", o.lower())] for o in it.opsi]
            return [(r + 1 / n) / (t + 1) for r, t in rates]
        # halves: log-odds of each half against a half's share (each half is in 2 of 4 options)
        return [
            sum(
                math.log((r + 1 / n) / (t + 1) * n)
                for r, t in (learned["half"][it.slot, _bare(p)] for p in _halves(o))
            )
            for o in it.opsi
        ]

    def attack(target) -> dict[str, float]:
        return {
            it.slot: _pick(it, score(it))
            if it.jenis == "huruf"
            else _modal_number(it, learned["number"])
            for it in target
        }

    return attack


# ------------------------------------------------------------------------------------------
# the careful reader
# ------------------------------------------------------------------------------------------


def _key(label: str) -> str:
    label = label.lower().strip("()")
    m = re.search(r"(\d|\b[a-d]\b|pak \w+|bu \w+|kelurahan \w+)$", label)
    return m[1] if m else label


def _about(q: str) -> dict[str, str]:
    """What the question tells about each thing it names (from one mention to the next)."""
    marks = list(_MARK.finditer(q))
    out: dict[str, str] = defaultdict(str)
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(q)
        out[_key(m[0])] += " " + q[m.end() : end]
    return out


def _asked(q: str) -> str | None:
    """The thing the question asks about, as a key of :func:`_about` (a thing named by where it
    is, "pemohon dari Kelurahan Meri", is the one whose part of the question says so)."""
    m = re.search(r"Untuk (?:IKM |pemohon dari )?(.+?) saja", q)
    if not m:
        return None
    key, about = _key(m[1]), _about(q)
    if key in about:
        return key
    return next((k for k, t in about.items() if m[1].lower() in t.lower()), key)


def _words(s: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", s.lower()) if len(w) > 2} - _STOP


def _echo(it) -> list[float]:
    """Per option: the words its halves share with what the question says about the thing each
    half names, less those it shares with the other things."""
    about, asked = _about(it.teks), _asked(it.teks)
    out = []
    for o in it.opsi:
        s = 0.0
        for p in _halves(o):
            m = _LABEL.match(p)
            key = _key(m[1]) if m else asked
            body = _words(p[m.end() :] if m else p)
            if key not in about or not body:
                continue
            own = _words(about[key])
            others = set().union(*(_words(t) for k, t in about.items() if k != key))
            s += (len(body & (own - others)) - len(body & (others - own))) / len(body)
        out.append(s)
    return out


def _claims(it) -> list[float]:
    """Per option: +1 for each 'sudah/belum N bulan' that the case's months bear out, -1 if not."""
    about, asked = _about(it.teks), _asked(it.teks)
    months = _MONTHS.findall(about.get(asked, "") if asked else "") or _MONTHS.findall(it.teks)
    out = []
    for o in it.opsi:
        s = 0.0
        for c in _CLAIM.finditer(o.lower()) if months else ():
            m, n = int(months[0]), int(c[2])
            s += 1.0 if (m >= n) == (c[1] == "sudah") else -1.0
        out.append(s)
    return out


def _reader(it) -> list[float]:
    return [10 * c + e for c, e in zip(_claims(it), _echo(it), strict=True)]


def _careful(target) -> dict[str, float]:
    return {
        it.slot: _pick(it, _reader(it)) if it.jenis == "huruf" else _number_chance(it)
        for it in target
    }


# ------------------------------------------------------------------------------------------
# the tests
# ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def targets():
    """Workshop forms the attacker has not drawn (fixed secrets: the test repeats)."""
    return [_form(f"red-team-lesen-{n}") for n in range(TARGETS)]


def _criteria() -> list[tuple[str, list[str], float]]:
    """(unit, uji slots, ambang) per criterion of grading/kompetensi.yml."""
    import yaml

    from alaskaki import paths

    fw = yaml.safe_load((paths.GRADING_DIR / "kompetensi.yml").read_text(encoding="utf-8"))
    default = float(fw.get("ambang", 0.7))
    return [
        (
            unit["kode"],
            [g.split("_", 1)[1] for g in c.get("uji") or []],
            float(c.get("ambang", default)),
        )
        for unit in fw["unit"]
        for c in (c for e in unit["elemen"] for c in e["kriteria"])
    ]


def _judge(name: str, targets, attack, criteria) -> str:
    """test_attack_workshop_form's bar (the framework read once): over the target forms, choice
    items right on average within chance + 2 sd of the mean + 0.5, and no unit Kompeten by the
    attack with a mean chance above 5 %. Returns what is wrong ('' when the defence holds)."""
    got, luck = [], defaultdict(list)
    for target in targets:
        chances = attack(target)
        right, chance, sd = _stats(target, chances)
        got.append(right)
        p: dict[str, float] = defaultdict(lambda: 1.0)
        for unit, slots, ambang in criteria:
            p[unit] *= _p_met([chances.get(s, 0.0) for s in slots], ambang) if slots else 0.0
        for unit, x in p.items():
            luck[unit].append(x)
    mean = sum(got) / len(got)
    lucky = {u: round(sum(p) / len(p), 3) for u, p in luck.items() if sum(p) / len(p) > MAX_LUCK}
    if mean <= chance + 2 * sd / len(got) ** 0.5 + 0.5 and not lucky:
        return ""
    return (
        f"{name}: {mean:.1f} choice items right on average over {len(got)} workshop forms "
        f"(chance {chance:.1f}, worst {max(got):.1f}); units Kompeten by it: {lucky}"
    )


def test_no_strategy_by_the_look_answers_a_workshop_form(targets):
    criteria = _criteria()
    failed = [_judge(f"by the look: {n}", targets, _by_look(s), criteria) for n, s in LOOK.items()]
    assert not any(failed), "\n".join(f for f in failed if f)


def test_what_public_draws_teach_does_not_answer_a_workshop_form(targets, public):
    criteria, learned = _criteria(), _learn(public)
    failed = [
        _judge(f"learned from public draws: {k}", targets, _learned(k, learned), criteria)
        for k in ("letter", "half", "whole")
    ]
    assert not any(failed), "\n".join(f for f in failed if f)


def test_the_careful_reader_does_not_answer_a_workshop_form(targets):
    failed = _judge("careful reader", targets, _careful, _criteria())
    assert not failed, failed


def test_the_careful_reader_catches_a_planted_tell():
    """The reader can fail a form: with every half of the right option repeating what the question
    says about the thing that half names, the echo finds the key on (nearly) every such item."""
    import dataclasses

    from alaskaki_kunci.bank import HURUF

    planted, named = [], []
    for it in _form("red-team-lesen-0"):
        about, asked = _about(it.teks), _asked(it.teks)
        if it.jenis == "huruf" and about:
            k = HURUF.index(it.jawaban)
            halves = []
            for p in _halves(it.opsi[k]):
                m = _LABEL.match(p)
                halves.append(f"{p} {about.get(_key(m[1]) if m else asked, '')}")
            opsi = tuple("; ".join(halves) if i == k else o for i, o in enumerate(it.opsi))
            it = dataclasses.replace(it, opsi=opsi)
            named.append(it.slot)
        planted.append(it)
    got = _careful(planted)
    assert len(named) >= 10 and sum(got[s] for s in named) >= len(named) - 2, (named, got)


def table(n: int = 40) -> None:
    """Print each attack's mean and the items it beats chance on most (not a test)."""
    forms = [_form(f"red-team-lesen-{i}") for i in range(n)]
    learned = _learn([_form(f"red-team-umum-{i}") for i in range(PUBLIC)])
    attacks = {f"look:{k}": _by_look(s) for k, s in LOOK.items()}
    attacks |= {f"learned:{k}": _learned(k, learned) for k in ("letter", "half", "whole")}
    attacks["careful reader"] = _careful
    base = {it.slot: (1 / len(it.opsi) if it.jenis == "huruf" else 0.0) for it in forms[0]}
    for name, attack in attacks.items():
        per: dict[str, float] = defaultdict(float)
        for f in forms:
            for slot, x in attack(f).items():
                per[slot] += x / n
        choice = sum(v for s, v in per.items() if base[s] > 0)
        top = sorted(per, key=lambda s: base[s] - per[s])[:3]
        print(
            f"{name:38s} {choice:5.2f}/23  "
            + ", ".join(f"{s} {per[s]:.2f} (chance {base[s]:.2f})" for s in top)
        )


if __name__ == "__main__":
    table()
