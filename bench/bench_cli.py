"""Start-up time of each `alaskaki` command, against `nbgrader --version` as the baseline in the same run.

Usage: .venv/bin/python bench/bench_cli.py [--repeat 3] [--workshop DEMO] [--baseline-tree BASE]

Median wall and median CPU seconds (user + sys of the command's process tree) of ``--repeat``
runs, and the load average: on a shared machine the CPU seconds are the figure to read.
``--workshop`` also times ``alaskaki status`` on that workshop (issue 17 goal 4: the demo's,
``alaskaki demo --out DEMO``); with ``--baseline-tree`` (an older tree, e.g. ``git archive REV | tar
-x -C BASE``) also ``status`` with that tree's code on the same workshop, runs interleaved.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def timed(cmd: list[str], repeat: int, env: dict | None = None) -> tuple[float, float]:
    """Median wall and median CPU seconds of ``repeat`` runs of ``cmd``."""
    walls, cpus = [], []
    for _ in range(repeat):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False, env=env)
        walls.append(time.perf_counter() - t0)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workshop", type=Path, help="also `status` on this workshop (the demo)")
    ap.add_argument("--baseline-tree", type=Path, help="also `status` on it with this tree's code")
    args = ap.parse_args()
    print(f"load average at start: {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "ws"
        subprocess.run(
            [
                str(BIN / "alaskaki"),
                "init",
                str(ws),
                "--roster",
                str(Path(__file__).parents[1] / "datasets" / "contoh_peserta.csv"),
            ],
            check=True,
            capture_output=True,
        )
        base = timed([str(BIN / "nbgrader"), "--version"], args.repeat)
        rows = [("nbgrader --version (baseline)", base)]
        demo = [["status", "--workshop", str(args.workshop)]] if args.workshop else []
        for cmd in (
            ["--help"],
            ["--version"],
            ["status", "--workshop", str(ws)],
            *demo,
            ["release", "m3-biaya-produksi", "--workshop", str(ws)],
        ):
            rows.append(
                (
                    "alaskaki "
                    + " ".join(
                        c if not c.startswith("/") else ("DEMO" if cmd in demo else "DIR")
                        for c in cmd
                    ),
                    timed([str(BIN / "alaskaki"), *cmd], args.repeat),
                )
            )
        if args.workshop and args.baseline_tree:
            env = dict(os.environ, PYTHONPATH=str(args.baseline_tree.resolve() / "src"))
            cmd = [
                str(BIN / "python"),
                "-m",
                "alaskaki",
                "status",
                "--workshop",
                str(args.workshop),
            ]
            new, old = [], []
            for _ in range(args.repeat):  # interleaved: both see the same load
                old.append(timed(cmd, 1, env))
                new.append(timed(cmd, 1))
            for name, got in (("status DEMO, BASE's code", old), ("status DEMO, this tree", new)):
                med = (statistics.median(w for w, _ in got), statistics.median(c for _, c in got))
                rows.append((f"alaskaki {name}", med))
    print(f"{'command':45s} {'wall s':>7s} {'CPU s':>7s} {'CPU vs baseline':>16s}")
    for name, (wall, cpu) in rows:
        print(f"{name:45s} {wall:7.2f} {cpu:7.2f} {cpu / base[1]:15.2f}x")
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
