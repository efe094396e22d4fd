"""Benchmark: cohort report for 10,000 participants × 7 units × 3 workshops, and the rapor batch.

Input: a SYNTHETIC CohortResult (tests/competencykit.py, synthetic_result: 3 criteria per unit,
two uji cells and one latihan cell each, every participant in 1-3 workshops), because building
10,000 × 3 real nbgrader gradebooks would take hours (`assess` on a real gradebook of that size is
bench/bench_assess.py).

    .venv/bin/python bench/bench_report.py [--peserta 10000] [--lokakarya 3] [--rapor 1000]
        [--baseline-tree DIR] [--formats html,xlsx,csv,json|none]
        [--rapor-isi nyata|sintetis] [--rapor-dari WORKSHOP] [--rapor-workers 2]

Each measurement runs in a fresh process: every format alone, then all four in one call (the
tables and the assessment shared), then ``--rapor`` rapor (HTML + PDF) with
``write_rapor(..., workers=--rapor-workers)`` when the code has it.

The rapor's content is REAL by default (``--rapor-isi nyata``): the result of ``assess`` on a
workshop midway through its training (``--rapor-dari``, or else ``alaskaki demo --modul
m3-biaya-produksi`` made in a temporary folder: one module graded, the other units *Belum
dinilai* with their long notes naming every criterion), its participants repeated under new ids
up to ``--rapor``. A real rapor costs about twice the synthetic one, whose notes are short. With ``--baseline-tree DIR`` (an older
checkout: ``git archive <commit> | tar -x -C DIR``) the same measurements run on that code in the
same run, interleaved, and the outputs are compared (JSON byte for byte, ``dibuat`` aside).
Wall seconds, CPU seconds (user + sys of the process and its workers) and the load average are
printed: the development machine is shared. Never a timed test.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import json, os, sys, time, inspect
from pathlib import Path
os.environ.setdefault("MPLBACKEND", "Agg")
try:
    from competencykit import synthetic_result
except ImportError:  # a baseline tree from before the helpers left the package
    from alaskaki.competency.testing import synthetic_result
from alaskaki.report import write_rapor, write_reports
peserta, lokakarya, what, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], Path(sys.argv[4])
real, workers = sys.argv[5], int(sys.argv[6])
if what.startswith("rapor:") and real != "-":
    import dataclasses
    from alaskaki.competency.model import CohortResult
    result = CohortResult.from_dict(json.loads(Path(real).read_text(encoding="utf-8")))
    people = result.participants
    n = int(what.split(":")[1])
    result.participants = [
        dataclasses.replace(people[i % len(people)], id=f"{people[i % len(people)].id}-{i:05d}")
        for i in range(n)
    ]
else:
    result = synthetic_result(peserta, workshops=lokakarya)
result.dibuat = "2026-01-20T08:00:00+00:00"
if what.startswith("rapor:"):
    n = int(what.split(":")[1])
    result.participants = result.participants[:n]
    kw = {"workers": workers} if "workers" in inspect.signature(write_rapor).parameters else {}
    t, c = time.perf_counter(), os.times()
    files = write_rapor(result, out, **kw)
else:
    t, c = time.perf_counter(), os.times()
    files = write_reports(result, out, formats=what, reviewer={})
w = time.perf_counter() - t
e = os.times()
cpu = (e.user + e.system + e.children_user + e.children_system) - (
    c.user + c.system + c.children_user + c.children_system)
size = sum(f.stat().st_size for f in files)
print(json.dumps({"wall": w, "cpu": cpu, "mb": size / 1e6, "files": len(files)}))
"""

ASSESS = r"""
import json, sys
from pathlib import Path
from alaskaki.competency.engine import assess
Path(sys.argv[2]).write_text(json.dumps(assess(sys.argv[1]).to_dict()), encoding="utf-8")
"""


def real_result(workshop: Path | None, tmp: Path) -> Path:
    """The rapor's real content: ``assess`` of ``workshop`` (made by ``alaskaki demo`` for m3
    only when None), written as the result's JSON, which every tree's child reads."""
    if workshop is None:
        workshop = tmp / "demo-m3"
        print(f"making {workshop} (alaskaki demo --modul m3-biaya-produksi) ...", flush=True)
        subprocess.run(
            [sys.executable, "-m", "alaskaki", "demo", "--modul", "m3-biaya-produksi",
             "--out", str(workshop)],
            check=True,
            capture_output=True,
        )  # fmt: skip
    out = tmp / "hasil-nyata.json"
    subprocess.run([sys.executable, "-c", ASSESS, str(workshop), str(out)], check=True)
    return out


def run(
    tree: Path | None,
    peserta: int,
    lokakarya: int,
    what: str,
    out: Path,
    real: Path | None = None,
    workers: int = 2,
) -> dict:
    env = dict(os.environ)
    # the tree's own test helpers (tests/competencykit.py) build the synthetic result
    top = tree if tree is not None else Path(__file__).resolve().parents[1]
    env["PYTHONPATH"] = os.pathsep.join(
        [*([str(tree / "src")] if tree is not None else []), str(top / "tests")]
    )
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    res = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD,
            str(peserta),
            str(lokakarya),
            what,
            str(out),
            str(real or "-"),
            str(workers),
        ],  # fmt: skip
        env=env,
        capture_output=True,
        text=True,
    )
    if res.returncode:
        raise SystemExit(f"{what} on {tree or 'this tree'} failed:\n{res.stderr[-3000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def digest(folder: Path) -> str:
    """A hash of the JSON report (the one format whose bytes carry no time of writing)."""
    h = hashlib.sha256()
    for f in sorted(folder.glob("*.json")):
        h.update(f.read_bytes())
    return h.hexdigest()[:12]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--peserta", type=int, default=10_000)
    ap.add_argument("--lokakarya", type=int, default=3)
    ap.add_argument(
        "--rapor", type=int, default=1_000, help="participants in the rapor batch (0: none)"
    )
    ap.add_argument("--formats", default="html,xlsx,csv,json", help="or none: the rapor only")
    ap.add_argument("--baseline-tree", type=Path)
    ap.add_argument("--rapor-isi", choices=("nyata", "sintetis"), default="nyata")
    ap.add_argument(
        "--rapor-dari", type=Path, help="workshop whose assessed result fills the rapor"
    )
    ap.add_argument("--rapor-workers", type=int, default=2)
    args = ap.parse_args(argv)
    trees = [("old", args.baseline_tree), ("new", None)] if args.baseline_tree else [("new", None)]
    whats = [] if args.formats == "none" else [*args.formats.split(","), args.formats]
    if args.rapor:
        whats.append(f"rapor:{args.rapor}")
    print(f"{args.peserta} peserta × 7 unit × {args.lokakarya} lokakarya; load {os.getloadavg()}")
    print(f"  {'what':22s} {'code':5s} {'wall s':>8s} {'CPU s':>8s} {'MB':>8s}  load(1 min)")
    with tempfile.TemporaryDirectory(dir="/var/tmp") as tmp:
        real = None
        if args.rapor and args.rapor_isi == "nyata":
            real = real_result(args.rapor_dari, Path(tmp))
            print(f"rapor: real content ({args.rapor_dari or 'demo m3'}); load {os.getloadavg()}")
        for what in whats:
            got = {}
            for label, tree in trees:
                out = Path(tmp) / label / what.replace(",", "+").replace(":", "-")
                r = run(tree, args.peserta, args.lokakarya, what, out, real, args.rapor_workers)
                got[label] = (r, out)
                per = (
                    f"  ({r['cpu'] / r['files'] * 2:.3f} s CPU per rapor)"
                    if "rapor" in what
                    else ""
                )
                print(
                    f"  {what:22s} {label:5s} {r['wall']:8.1f} {r['cpu']:8.1f} {r['mb']:8.1f}"
                    f"  {os.getloadavg()[0]:.1f}{per}",
                    flush=True,
                )
            if len(got) == 2:
                (o, od), (n, nd) = got["old"], got["new"]
                same = "json" not in what or digest(od) == digest(nd)
                print(
                    f"  {'':22s} ratio old/new: wall {o['wall'] / n['wall']:.1f}×, CPU "
                    f"{o['cpu'] / n['cpu']:.1f}×; JSON identical: {same}",
                    flush=True,
                )
                if not same:
                    return 1
    print(f"load average at end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    t0 = time.perf_counter()
    code = main()
    print(f"bench ran {time.perf_counter() - t0:.0f} s")
    raise SystemExit(code)
