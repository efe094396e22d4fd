"""Benchmark: cohort report for 10,000 participants × 7 units × 3 workshops.

Input: a SYNTHETIC CohortResult (alaskaki.competency.testing.synthetic_result: 3 criteria per unit,
two evidence cells each, every participant in 1-3 workshops), because building 10,000 × 3 real
nbgrader gradebooks would take hours. A second, smaller figure times `assess` on a real nbgrader
gradebook (hand-built with the Gradebook API) so the reading side is measured too.

    .venv/bin/python bench/bench_report.py [--peserta 10000] [--lokakarya 3] [--gradebook 200]

Run on demand; never a timed test. CPU seconds are printed beside wall-clock seconds because the
development machine is shared: wall time there depends on what else runs.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--peserta", type=int, default=10_000)
    ap.add_argument("--lokakarya", type=int, default=3)
    ap.add_argument(
        "--gradebook",
        type=int,
        default=200,
        help="participants in the real-gradebook run (0 = skip)",
    )
    args = ap.parse_args(argv)
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")

    from alaskaki.competency.testing import synthetic_result
    from alaskaki.report import write_rapor, write_reports

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        t0 = time.perf_counter()
        result = synthetic_result(args.peserta, workshops=args.lokakarya)
        t1 = time.perf_counter()
        print(
            f"synthetic CohortResult: {args.peserta} peserta × 7 unit × {args.lokakarya} lokakarya in {t1 - t0:.1f} s"
        )
        print("  format   wall s    CPU s     size (each call also builds the views)")
        for fmt in ("html", "xlsx", "csv", "json"):
            t, c = time.perf_counter(), time.process_time()
            files = write_reports(result, out / fmt, formats=(fmt,))
            size = sum(f.stat().st_size for f in files) / 1e6
            print(
                f"  {fmt:5s} {time.perf_counter() - t:8.1f} {time.process_time() - c:8.1f} {size:8.1f} MB"
            )
        t = time.perf_counter()
        write_rapor(result, out / "rapor", participant=result.participants[0].id)
        print(f"  one rapor (HTML + PDF): {time.perf_counter() - t:.2f} s")

        if args.gradebook:
            from alaskaki.competency import assess
            from alaskaki.competency.testing import M3, M3_CELLS, sample_builder, sample_framework

            wb = sample_builder(out / "gb")
            t = time.perf_counter()
            for i in range(args.gradebook):
                pid = f"p{i:04d}"
                wb.participant(pid, nama=f"Nama Peserta {i}")
                wb.submit(
                    pid,
                    M3,
                    {k: v for k, v in M3_CELLS.items() if k != "m3_studi_kasus"},
                    manual={"m3_studi_kasus": 3},
                    timestamp="2026-01-12 10:00:00",
                )
            wdir = wb.close()
            build = time.perf_counter() - t
            fw = sample_framework(out, wdir / "source")
            t = time.perf_counter()
            res = assess(wdir, framework=fw)
            print(
                f"real gradebook: {args.gradebook} peserta × 1 module ({len(M3_CELLS)} graded cells): "
                f"built in {build:.1f} s, assess() in {time.perf_counter() - t:.2f} s ({len(res.participants)} peserta)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
