"""Grade the same cohort with `nbgrader autograde` and with alaskaki's grader; print both times.

    .venv/bin/python bench/grade_vs_nbgrader.py [--participants 24] [--workers N] [--keep DIR]

Both sides start from identical copies of one workshop (one module, honest submissions: right,
partly right, wrong, blank, with an error, late). Each is timed as a command a trainer runs:
a fresh process (interpreter start-up and imports included), `nbgrader autograde MODUL` for
nbgrader and `grade_module(...)` for alaskaki. Afterwards the two gradebooks must hold the same
scores for every participant and grade cell; the script exits 1 if they differ.

The cohort is built with the grader's test factory (tests/fixtures/grader/cohort.py) so the
benchmark does not depend on any module's content. Never part of the test suite (no timing tests).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "grader"))

import cohort  # noqa: E402

from alaskaki.workshop.nbgrader_baseline import autograde_cli, gradebook_scores, total_scores  # noqa: E402

OURS = (
    "import sys, json; from alaskaki.workshop.grader import grade_module; "
    "run = grade_module(sys.argv[1], sys.argv[2], workers=int(sys.argv[3]) or None, progress=False); "
    "print(json.dumps({'seconds': run.seconds, 'sandboxed': run.sandboxed, "
    "'failed': [r.participant for r in run.results if r.status == 'gagal']}))"
)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--participants", type=int, default=24)
    ap.add_argument("--workers", type=int, default=0, help="0 = number of cores")
    ap.add_argument("--keep", type=Path, help="build the workshops here and keep them")
    args = ap.parse_args(argv)

    venv_bin = str(Path(sys.executable).parent)
    os.environ["PATH"] = venv_bin + os.pathsep + os.environ.get("PATH", "")
    cohort.ensure_python_path()
    base = args.keep or Path(tempfile.mkdtemp(prefix="alaskaki-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    ours, theirs = base / "alaskaki", base / "nbgrader"
    for d in (ours, theirs):
        if d.exists():
            shutil.rmtree(d)
    print(
        f"Membangun lokakarya: {args.participants} peserta, modul {cohort.MODUL} … ",
        end="",
        flush=True,
    )
    kinds = cohort.make_cohort(ours, args.participants)
    cohort.copy_workshop(ours, theirs)
    print("selesai")
    print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.2f}")

    t_nbg = autograde_cli(theirs, cohort.MODUL)
    print(f"nbgrader autograde : {t_nbg:7.1f} s  ({t_nbg / len(kinds):.2f} s per participant)")

    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", OURS, str(ours), cohort.MODUL, str(args.workers)],
        capture_output=True,
        text=True,
        check=True,
    )
    t_ours = time.perf_counter() - t0
    info = __import__("json").loads(proc.stdout.strip().splitlines()[-1])
    print(
        f"alaskaki grade     : {t_ours:7.1f} s  ({t_ours / len(kinds):.2f} s per participant; "
        f"in-process {info['seconds']:.1f} s; sandbox: {'bubblewrap' if info['sandboxed'] else 'TIDAK ADA'})"
    )
    print(f"ratio              : {t_nbg / t_ours:7.2f}x faster")

    same_cells = gradebook_scores(ours, cohort.MODUL) == gradebook_scores(theirs, cohort.MODUL)
    same_totals = total_scores(ours, cohort.MODUL) == total_scores(theirs, cohort.MODUL)
    print(
        f"identical scores   : {'yes' if same_cells and same_totals and not info['failed'] else 'NO'}"
        f" ({len(kinds)} participants, {sum(v[0] for v in total_scores(ours, cohort.MODUL).values()):g} points in total)"
    )
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)
    return 0 if same_cells and same_totals and not info["failed"] else 1


if __name__ == "__main__":
    sys.exit(main())
