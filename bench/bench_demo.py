"""Wall and CPU time of `alaskaki demo` (fresh, then a second run on the same folder, which must change nothing).

Usage: .venv/bin/python bench/bench_demo.py [--modules m3-biaya-produksi ...]

CPU seconds are user + sys of this process and of every process it started, polled from /proc
(bench/cputree.py: the grading sandbox ends its workers with SIGKILL, so getrusage misses them);
with the load average they are the figure to read on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from alaskaki.workshop.demo import run_demo

sys.path.insert(0, str(Path(__file__).parent))
from cputree import Meter  # noqa: E402


def own_cpu() -> float:
    t = os.times()
    return t.user + t.system


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--modules", nargs="*", default=None)
    ap.add_argument("--workers", type=int, default=None)
    args = ap.parse_args()
    print(f"load average at start: {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "demo"
        t0, c0 = time.perf_counter(), own_cpu()
        with Meter(0.1) as m1:
            first = run_demo(out, modules=args.modules, workers=args.workers, progress=False)
        t1, c1 = time.perf_counter(), own_cpu() - m1.overhead + m1.cpu
        with Meter(0.1) as m2:
            second = run_demo(out, modules=args.modules, workers=args.workers, progress=False)
        t2 = time.perf_counter()
        c2 = own_cpu() - m1.overhead - m2.overhead + m1.cpu + m2.cpu
    n = len(first.modules)
    print(
        f"demo, fresh:       {t1 - t0:7.1f} s wall {c1 - c0:7.1f} s CPU  ({n} modules x "
        f"{first.participants} participants, {(t1 - t0) / max(n, 1):.1f} s per module)"
    )
    print(
        f"demo, second run:  {t2 - t1:7.1f} s wall {c2 - c1:7.1f} s CPU  "
        f"(new files collected: {second.new_files})"
    )
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
