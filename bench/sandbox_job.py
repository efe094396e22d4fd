"""CPU of the process tree per submission in one warm sandbox, for a trivial job.

    .venv/bin/python bench/sandbox_job.py [--jobs 20]

The zygote preloads what m3's notebook needs (pandas, matplotlib, the exercises); each job runs
one cell ``x = 1`` and reads ``x`` back: the fixed cost of a submission (manager and runner
forks, namespaces, mounts, the IPython shell, the exit), without the participant's own code.
Needs root and bubblewrap. Compare trees with ``PYTHONPATH=OTHER/src``.

``--flood MIB`` (red team R62) runs one job whose cell writes MIB lines of 1 MiB of ``\\x01`` to
every pipe it holds, then reads ``x``: the wall time and this process's CPU (the grader's side:
reading and decoding the warm sandbox's result line) of that one job.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from cputree import Meter  # noqa: E402

from alaskaki.workshop import sandbox as sb  # noqa: E402

PRELOAD = ["pandas", "matplotlib", "matplotlib.pyplot", "alaskaki.exercises.m3"]

FLOOD = (
    "import os\nbaris = b'\\x01' * (1 << 20) + b'\\n'\n"
    "for fd in os.listdir('/proc/self/fd'):\n"
    "    try:\n"
    "        if os.readlink(f'/proc/self/fd/{fd}').startswith('pipe:'):\n"
    "            for _ in range({n}):\n"
    "                os.write(int(fd), baris)\n"
    "    except OSError:\n"
    "        pass"
)


def _since(m: Meter, before: Meter) -> float:
    """CPU seconds the processes ``m`` saw spent after ``before`` ended (a zygote started in
    ``before`` is counted from there, not whole)."""
    return sum(cpu - before._seen.get(key, 0.0) for key, cpu in m._seen.items())


def flood(z: sb.Zygote, mib: int, before: Meter) -> dict:
    """One flooding job on a warm zygote: wall, grader CPU, the sandbox's CPU (zygote, manager,
    runner; what ``before`` saw of them left out), what came back."""
    job = {
        "cells": [
            {"kind": "code", "source": FLOOD.replace("{n}", str(mib))},
            {"kind": "code", "source": "x = 1"},
            {"kind": "point", "grade_id": "x", "names": ["x"]},
        ],
        "preload": PRELOAD,
    }
    t0, c0 = time.monotonic(), time.process_time()
    with Meter(0.05) as m:
        r = z.run(job, run_timeout=300)
    return {
        "flood_mib": mib,
        "wall_s": round(time.monotonic() - t0, 2),
        "grader_cpu_s": round(time.process_time() - c0 - m.overhead, 2),
        "sandbox_cpu_s": round(_since(m, before), 2),
        "events": r.events,
        "answer": r.points,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=20)
    ap.add_argument("--flood", type=int, default=0, help="MiB a notebook writes to its pipes")
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
    if args.flood:
        out = flood(z, args.flood, start)
        z.close()
        print(json.dumps(out))
        return
    c0 = time.process_time()
    with Meter(0.02) as m:
        for _ in range(args.jobs):
            r = z.run(job, run_timeout=60)
    grader = time.process_time() - c0 - m.overhead  # this process: sending jobs, reading results
    z.close()
    import alaskaki

    print(
        json.dumps(
            {
                "tree": str(Path(alaskaki.__file__).parents[1]),
                "start_and_first_job_s": round(start.cpu, 2),
                # the zygote's start is in it (its CPU is counted whole): shrinks with --jobs
                "per_job_ms": round(m.cpu / args.jobs * 1000, 1),
                "per_job_own_ms": round(_since(m, start) / args.jobs * 1000, 1),
                "grader_per_job_ms": round(grader / args.jobs * 1000, 2),
                "answer": r.points,
            }
        )
    )
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
