"""Start-up time of each `alaskaki` command, against `nbgrader --version` as the baseline in the same run.

Usage: .venv/bin/python bench/bench_cli.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def timed(cmd: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
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
        for cmd in (
            ["--help"],
            ["--version"],
            ["status", "--workshop", str(ws)],
            ["release", "m3-biaya-produksi", "--workshop", str(ws)],
        ):
            rows.append(
                (
                    "alaskaki " + " ".join(c if not c.startswith("/") else "DIR" for c in cmd),
                    timed([str(BIN / "alaskaki"), *cmd], args.repeat),
                )
            )
    print(f"{'command':45s} {'median s':>9s} {'vs baseline':>12s}")
    for name, t in rows:
        print(f"{name:45s} {t:9.2f} {t / base:11.2f}x")


if __name__ == "__main__":
    main()
