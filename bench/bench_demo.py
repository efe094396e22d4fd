"""Wall time of `alaskaki demo` (fresh, then a second run on the same folder, which must change nothing).

Usage: .venv/bin/python bench/bench_demo.py [--modules m3-biaya-produksi ...]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from alaskaki.workshop.demo import run_demo


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--modules", nargs="*", default=None)
    ap.add_argument("--workers", type=int, default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "demo"
        t0 = time.perf_counter()
        first = run_demo(out, modules=args.modules, workers=args.workers, progress=False)
        t1 = time.perf_counter()
        second = run_demo(out, modules=args.modules, workers=args.workers, progress=False)
        t2 = time.perf_counter()
    n = len(first.modules)
    print(
        f"demo, fresh:       {t1 - t0:7.1f} s  ({n} modules x {first.participants} participants, "
        f"{(t1 - t0) / max(n, 1):.1f} s per module)"
    )
    print(f"demo, second run:  {t2 - t1:7.1f} s  (new files collected: {second.new_files})")


if __name__ == "__main__":
    main()
