"""Grade the same cohort with `nbgrader autograde` and with alaskaki's grader; print both times.

    .venv/bin/python bench/grade_vs_nbgrader.py [--modul m3-biaya-produksi] [--workers N] [--keep DIR]

Both sides start from identical copies of one workshop: the demo's 24 participants
(datasets/contoh_peserta.csv) answering one kit module with the demo's simulated skill levels
(right, partly right, wrong, blank; two late), made with ``init_workshop`` + ``release_module``.
``--modul t1`` uses the grader's small test module instead (tests/fixtures/grader/cohort.py).

Each side is timed as a command a trainer runs, in a fresh process (interpreter start-up and
imports included): `nbgrader autograde MODUL` and `grade_module(...)`. Afterwards the two
gradebooks must hold the same score for every participant and grade cell; exit status 1 if not.
Wall seconds and CPU seconds are printed with the load average: on a shared machine the CPU
ratio is the one to read. CPU is the command's whole process tree polled from /proc
(bench/cputree.py: nbgrader's kernels, our sandbox's zygote and workers, which are ended with
SIGKILL and so are missing from getrusage's count, also printed), a lower bound by a few
hundredths of a second per process. Never part of the test suite (no timing tests).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "grader"))
sys.path.insert(0, str(ROOT / "tests"))  # tests/nbgrader_baseline.py
sys.path.insert(0, str(ROOT / "bench"))  # cputree

import cohort  # noqa: E402
from cputree import Meter  # noqa: E402
from nbgrader_baseline import (  # noqa: E402
    autograde_cli,
    gradebook_scores,
    total_scores,
)

OURS = (
    "import sys, json; from alaskaki.workshop.grader import grade_module; "
    "run = grade_module(sys.argv[1], sys.argv[2], workers=int(sys.argv[3]) or None, progress=False); "
    "print(json.dumps({'seconds': run.seconds, 'sandboxed': run.sandboxed, 'workers': run.workers, "
    "'failed': [r.participant for r in run.results if r.status == 'gagal']}))"
)


def build_from_demo(root: Path, modul: str) -> list[str]:
    """The demo's cohort for one module, honest only (the demo's corrupt file is left out)."""
    from datetime import UTC, timedelta

    import nbformat

    from alaskaki import paths
    from alaskaki.workshop import demo
    from alaskaki.workshop.course import init_workshop
    from alaskaki.workshop.release import parse_due, release_module

    ws = init_workshop(root, roster=paths.dataset("contoh_peserta.csv"), modules=[modul])
    ids = ws.participant_ids()
    skills = demo.skills(ids)
    release_module(ws, modul, due=demo.DUE_WIB)
    source = nbformat.read(ws.source_notebook(modul), as_version=4)
    released = nbformat.read(ws.release_notebook(modul), as_version=4)
    due = parse_due(demo.DUE_WIB).replace(tzinfo=UTC)
    for i, pid in enumerate(ids):
        nb = demo.simulate_submission(source, released, pid, skills[pid], modul)
        dest = ws.submitted(pid, modul)
        dest.mkdir(parents=True)
        nbformat.write(nb, dest / f"{modul}.ipynb")
        late = pid in demo.LATE
        when = due + (timedelta(hours=2, minutes=30) if late else timedelta(hours=-3, minutes=i))
        (dest / "timestamp.txt").write_text(when.strftime("%Y-%m-%d %H:%M:%S.%f %Z"))
    return ids


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--modul", default="m3-biaya-produksi", help="a kit module, or t1 (test module)"
    )
    ap.add_argument("--participants", type=int, default=24, help="only for --modul t1")
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
    modul = args.modul
    print(f"Building the workshop, module {modul} … ", end="", flush=True)
    if modul == cohort.MODUL:
        participants = sorted(cohort.make_cohort(ours, args.participants))
    else:
        participants = build_from_demo(ours, modul)
    cohort.copy_workshop(ours, theirs)
    n = len(participants)
    print(f"{n} participants")
    print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.2f}")

    r0 = children_cpu()
    with Meter() as m_nbg:
        t_nbg = autograde_cli(theirs, modul)
    c_nbg, r_nbg = m_nbg.cpu, children_cpu() - r0
    print(
        f"nbgrader autograde : {t_nbg:7.1f} s  ({t_nbg / n:.2f} s per participant; "
        f"CPU {c_nbg:.1f} s, getrusage {r_nbg:.1f} s)"
    )

    r0 = children_cpu()
    t0 = time.perf_counter()
    with Meter() as m_ours:
        proc = subprocess.run(
            [sys.executable, "-c", OURS, str(ours), modul, str(args.workers)],
            capture_output=True,
            text=True,
            check=True,
        )
    t_ours = time.perf_counter() - t0
    c_ours, r_ours = m_ours.cpu, children_cpu() - r0
    info = json.loads(proc.stdout.strip().splitlines()[-1])
    sandbox = "bubblewrap" if info["sandboxed"] else "NONE"
    print(
        f"alaskaki grade     : {t_ours:7.1f} s  ({t_ours / n:.2f} s per participant; "
        f"{info['workers']} workers; in-process {info['seconds']:.1f} s; sandbox: {sandbox}; "
        f"CPU {c_ours:.1f} s, getrusage {r_ours:.1f} s)"
    )
    print(f"ratio              : {t_nbg / t_ours:7.2f}x faster (CPU {c_nbg / c_ours:.2f}x)")
    print(f"load average after : {os.getloadavg()[0]:.2f}")

    ours_totals, theirs_totals = total_scores(ours, modul), total_scores(theirs, modul)
    same = (
        gradebook_scores(ours, modul) == gradebook_scores(theirs, modul)
        and ours_totals == theirs_totals
        and not info["failed"]
    )
    points = sum(v[0] for v in ours_totals.values())
    print(
        f"identical scores   : {'yes' if same else 'NO'} ({n} participants, {points:g} points in total)"
    )
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
