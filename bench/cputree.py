"""CPU seconds of a command's whole process tree, read from /proc while it runs.

``resource.getrusage(RUSAGE_CHILDREN)`` only counts descendants that were waited for by a parent
that was itself waited for. The grading sandbox ends its warm workers with SIGKILL (bubblewrap and
the zygote inside it die together), so the CPU of every submission it graded can be lost from
that count. This samples every descendant's utime + stime in /proc every ``interval`` seconds
and sums the last value seen per process: a process that ends between two samples loses at most
its last ``interval`` (a few hundredths of a second per process).

    .venv/bin/python bench/cputree.py -- COMMAND [ARG ...]
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> tuple[int, float, float] | None:
    """(parent pid, start time, utime + stime in seconds) of a live process, or None."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read()
    except OSError:
        return None
    fields = data[data.rindex(b")") + 2 :].split()
    return int(fields[1]), int(fields[19]) / TICK, (int(fields[11]) + int(fields[12])) / TICK


class Meter:
    """``with Meter() as m: ...`` then ``m.cpu``: CPU seconds of every process started inside the
    block (this process's descendants, polled from a thread; this process itself not counted)."""

    def __init__(self, interval: float = 0.05):
        self.interval = interval
        self.cpu = 0.0
        self.overhead = 0.0  # CPU the polling cost this process (subtract it from its own)
        self._seen: dict[tuple[int, float], float] = {}

    def _poll(self) -> None:
        me = os.getpid()
        stats = {}
        for name in os.listdir("/proc"):
            if name.isdigit() and (s := _stat(int(name))) is not None:
                stats[int(name)] = s
        tree, grew = {me}, True
        while grew:
            grew = False
            for pid, (ppid, _, _) in stats.items():
                if pid not in tree and ppid in tree:
                    tree.add(pid)
                    grew = True
        for pid in tree - {me}:
            _, start, cpu = stats[pid]
            key = (pid, start)  # a pid used again later is another process
            self._seen[key] = max(self._seen.get(key, 0.0), cpu)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._poll()
            self._stop.wait(self.interval)
        self._poll()
        self.overhead = time.thread_time()  # this thread's own CPU, spent in this process

    def __enter__(self) -> Meter:
        import threading

        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.cpu = sum(self._seen.values())


def run(cmd: list[str], interval: float = 0.05, **kwargs) -> dict:
    """Run ``cmd``; return wall seconds, the polled tree CPU and getrusage's CPU of it."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with Meter(interval) as meter:
        proc = subprocess.run(cmd, check=False, **kwargs)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    rusage = r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime
    return {"wall": wall, "tree_cpu": meter.cpu, "rusage_cpu": rusage,
            "returncode": proc.returncode, "processes": len(meter._seen)}  # fmt: skip


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--"]:
        args = args[1:]
    print(f"load average at start: {os.getloadavg()}", file=sys.stderr)
    r = run(args)
    print(
        f"wall {r['wall']:.1f} s; CPU of the process tree (polled) {r['tree_cpu']:.1f} s; "
        f"getrusage of waited children {r['rusage_cpu']:.1f} s; {r['processes']} processes; "
        f"exit {r['returncode']}; load average at end: {os.getloadavg()}",
        file=sys.stderr,
    )
    sys.exit(r["returncode"])
