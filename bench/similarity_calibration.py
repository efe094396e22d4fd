"""Calibration of *indikasi kerja sama* on the uji forms (answer vectors; never part of `make test`).

Two cohorts of 24 participants, answering the kit's real asesmen-awal/akhir items:

* ``demo``: exactly as ``alaskaki demo`` simulates them (``demo.simulate_submission``, the demo's
  skill levels shuffled per seed; every wrong answer of an item is the same computed value);
* ``huruf``: harsher for the model: abilities and item difficulties drawn from a normal
  distribution (Rasch), wrong letters drawn from distractors of unequal pull (one distractor takes
  60 % of the wrong answers: a shared misconception), 5 % of items left blank.

Per seed: the honest cohort (false pairs counted), then the same cohort with one planted copy: a
participant replaced by a copy of another (source skill strictly between 0 and 1) in which
``--fixed`` answers are afterwards changed to the key (the copier corrects some items).

    .venv/bin/python bench/similarity_calibration.py --seeds 100

Numbers are compared as the judge compares them (within each item's ``batas``, red team R32);
``--exact`` compares them exactly, as before; ``--geser`` nudges every number of the planted copy
inside the tolerance (the red team's R32 copier).
"""

from __future__ import annotations

import argparse
import math
import random
import re
import time

import nbformat

from alaskaki import paths
from alaskaki.workshop import demo
from alaskaki.workshop import similarity as sim

IDS = [f"p{i:02d}" for i in range(1, 25)]


def _letters(source) -> dict[str, str]:
    out = {}
    for cell in source.cells:
        m = re.search(
            r'^(\w+) = None.*\n(?:.*\n)*?latihan\.cek_huruf\(\1, "([A-H]+)"\)', cell.source, re.M
        )
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if m and gid:
            out[gid] = m[2]
    return out


def demo_cohort(modul: str, source, key, seed: int, tol=None) -> tuple[dict, dict]:
    skill = demo.skills(IDS, seed)
    vectors = {
        p: sim.answers(
            demo.simulate_submission(source, source, p, skill[p], modul, seed=seed), key, None, tol
        )
        for p in IDS
    }
    return vectors, skill


def letter_cohort(key_values: dict, letters: dict[str, str], seed: int) -> tuple[dict, dict]:
    r = random.Random(seed)
    difficulty = {g: r.gauss(0, 1) for g in key_values}
    ability = {p: r.gauss(0.3, 1.2) for p in IDS}
    vectors, skill = {}, {}
    for p in IDS:
        vec = {}
        for g, right in key_values.items():
            if r.random() < 0.05:
                continue  # blank
            if r.random() < 1 / (1 + math.exp(-(ability[p] - difficulty[g]))):
                vec[g] = right
                continue
            options = [x.casefold() for x in letters.get(g, "ABCD") if x.casefold() != right]
            if not options or not isinstance(right, str):  # a number: a common and a rare slip
                vec[g] = right * 1.1 if r.random() < 0.6 else right * r.choice([0.9, 1.2, 2])
                continue
            pull = [0.6] + [0.4 / max(1, len(options) - 1)] * (len(options) - 1)
            vec[g] = r.choices(options, pull)[0]
        vectors[p] = vec
        skill[p] = sum(v == key_values[g] for g, v in vec.items()) / len(key_values)
    return vectors, skill


def nudge(v: object) -> object:
    """A number moved inside every item's tolerance, as the red team's copier did (R32): by one
    from 1000 up, by 0.01 below when it has decimals; whole counts below 1000 are left alone."""
    if not isinstance(v, float) or isinstance(v, bool):
        return v
    if abs(v) >= 1000:
        return v + 1
    return v if v.is_integer() else round(v + 0.01, 6)


def plant(
    vectors: dict,
    skill: dict,
    key_values: dict,
    fixed: int,
    seed: int,
    band=(0.0, 1.0),
    geser: bool = False,
) -> tuple[str, str]:
    r = random.Random(f"plant:{seed}")
    share = {
        p: sum(v == key_values[g] for g, v in vectors[p].items()) / len(key_values) for p in IDS
    }
    pool = [p for p in IDS if 0 < skill[p] < 1 and band[0] <= share[p] < band[1]]
    source = r.choice(pool or [p for p in IDS if 0 < skill[p] < 1])
    copier = r.choice([p for p in IDS if p != source])
    copy = dict(vectors[source])
    wrong = sorted(g for g, v in copy.items() if v != key_values[g])
    for g in r.sample(wrong, min(fixed, len(wrong))):
        copy[g] = key_values[g]
    if geser:
        copy = {g: nudge(v) for g, v in copy.items()}
    vectors[copier] = copy
    return tuple(sorted((source, copier)))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=30)
    ap.add_argument("--fixed", type=int, nargs="*", default=[0, 3, 6])
    ap.add_argument(
        "--geser", action="store_true", help="every number of a planted copy nudged (R32)"
    )
    ap.add_argument(
        "--exact", action="store_true", help="numbers compared exactly (before R32), not as judged"
    )
    args = ap.parse_args()
    for modul in ("asesmen-akhir", "asesmen-awal"):
        source = nbformat.read(paths.SOURCE_DIR / modul / f"{modul}.ipynb", as_version=4)
        key = sim.answer_key(source)
        values = {g: v for g, (_, v) in key.items()}
        tol = None if args.exact else sim.tolerances(source)
        letters = _letters(source)
        for model in ("demo", "huruf"):
            started = time.time()
            honest_false = 0
            found = {f: 0 for f in args.fixed}
            false_with_copy = 0
            for seed in range(args.seeds):
                if model == "demo":
                    vectors, skill = demo_cohort(modul, source, key, seed, tol)
                else:
                    vectors, skill = letter_cohort(values, letters, seed)
                honest_false += len(sim.answer_pairs(vectors, values, modul, tolerance=tol))
                for f in args.fixed:
                    planted = dict(vectors)
                    truth = plant(planted, skill, values, f, seed, geser=args.geser)
                    got = {
                        tuple(sorted((p.a, p.b)))
                        for p in sim.answer_pairs(planted, values, modul, tolerance=tol)
                    }
                    found[f] += truth in got
                    false_with_copy += len(got - {truth})
            # the known blind spot: copies of a HIGH scorer (few wrong answers to share)
            bands = {"<60%": (0.0, 0.6), "60-85%": (0.6, 0.85), ">=85%": (0.85, 1.01)}
            by_band = {b: [0, 0] for b in bands}
            for seed in range(args.seeds):
                if model == "demo":
                    vectors, skill = demo_cohort(modul, source, key, seed, tol)
                else:
                    vectors, skill = letter_cohort(values, letters, seed)
                share = {
                    p: sum(v == values[g] for g, v in vectors[p].items()) / len(values) for p in IDS
                }
                for b, rng in bands.items():
                    if not any(0 < skill[p] < 1 and rng[0] <= share[p] < rng[1] for p in IDS):
                        continue  # no source in this band in this cohort
                    planted = dict(vectors)
                    truth = plant(planted, skill, values, 0, seed + 1000, rng, args.geser)
                    by_band[b][1] += 1
                    got = {
                        tuple(sorted((p.a, p.b)))
                        for p in sim.answer_pairs(planted, values, modul, tolerance=tol)
                    }
                    by_band[b][0] += truth in got
            print(
                f"{modul} {model}: exact copy found by source's own score: "
                + "; ".join(f"{b} {n}/{t}" for b, (n, t) in by_band.items()),
                flush=True,
            )
            print(
                f"{modul} {model}: {len(values)} items, {args.seeds} cohorts of 24: "
                f"false pairs in honest cohorts {honest_false}; "
                + "; ".join(f"copy found ({f} fixed) {found[f]}/{args.seeds}" for f in args.fixed)
                + f"; other false pairs beside a copy {false_with_copy} "
                f"({time.time() - started:.0f} s)",
                flush=True,
            )


if __name__ == "__main__":
    main()
