"""CPU of the process tree per submission in one warm sandbox, for a trivial job.

    .venv/bin/python bench/sandbox_job.py [--jobs 20]

The zygote preloads what m3's notebook needs (pandas, matplotlib, the exercises); each job runs
one cell ``x = 1`` and reads ``x`` back: the fixed cost of a submission (manager and runner
forks, namespaces, mounts, the IPython shell, the exit), without the participant's own code.
Needs root and bubblewrap. Compare trees with ``PYTHONPATH=OTHER/src``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from cputree import Meter  # noqa: E402

from alaskaki.workshop import sandbox as sb  # noqa: E402

PRELOAD = ["pandas", "matplotlib", "matplotlib.pyplot", "alaskaki.exercises.m3"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=20)
    args = ap.parse_args()
    job = {
        "cells": [
            {"kind": "code", "source": "x = 1"},
            {"kind": "point", "grade_id": "x", "names": ["x"]},
        ],
        "preload": PRELOAD,
    }
    print(f"load average at start: {os.getloadavg()}")
    with Meter(0.02) as start:
        z = sb.Zygote(preload=PRELOAD, uid=430555)
        z.run(job, run_timeout=60)
    with Meter(0.02) as m:
        for _ in range(args.jobs):
            r = z.run(job, run_timeout=60)
    z.close()
    import alaskaki

    print(
        json.dumps(
            {
                "tree": str(Path(alaskaki.__file__).parents[1]),
                "start_and_first_job_s": round(start.cpu, 2),
                "per_job_ms": round(m.cpu / args.jobs * 1000, 1),
                "answer": r.points,
            }
        )
    )
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
