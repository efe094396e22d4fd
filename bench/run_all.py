"""Run every benchmark in bench/ one after another and print their figures (`make bench`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
ORDER = [
    "bench_cli.py",
    "bench_demo.py",
    "grade_vs_nbgrader.py",
    "bench_assess.py",
    "bench_report.py",
]

for name in ORDER:
    script = HERE / name
    if not script.exists():
        continue
    print(f"\n=== {name}", flush=True)
    subprocess.run([sys.executable, str(script)], check=True)
