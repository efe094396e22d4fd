"""A full classroom on a real JupyterHub, measured (issue 17 goal 5). Never part of `make test`.

    sudo .venv/bin/python bench/hub_load.py                      # 30 participants
    sudo .venv/bin/python bench/hub_load.py --langkah 5,10,20,30,40 --json artifacts/hub_load.json

The hub is the one tests/integration/test_hub.py checks (kitbuild/hubrun.py: grading/hub/
jupyterhub_config.py in "produksi" mode, PAM, a Linux account per participant made by
``create_users`` — what `alaskaki hub users` does — configurable-http-proxy on 127.0.0.1, the
participants' environment built from the alaskaki-peserta wheel). The trainer releases the module
into nbgrader's exchange as the trainer's account. Each simulated participant, started at their own
moment over ``--sebar`` seconds:

1. logs in through the hub's login form (PAM checks the generated password);
2. starts their single-user server through the hub's REST API and waits until it is ready;
3. fetches the module through the server's nbgrader endpoint (what Assignments → Fetch does);
4. opens it through the contents API, types the answers (the demo's simulated participant, every
   answer right) and saves;
5. starts a kernel with a session (as JupyterLab does) and runs every code cell in order over the
   kernel's websocket channels (Run All: a cell's time runs from its execute_request to the
   kernel's idle status for it; an error stops the run, as Run All with stop_on_error does);
6. saves the notebook with its outputs and submits through the exchange (Assignments → Submit);
   the submission must then be in the exchange's inbound folder.

Kernels stay running until every participant of the step is done (a class works side by side), so
the memory peak is a full class's. A sampler reads /proc every ``--sampel`` seconds: RSS and PSS
and CPU time of every process of each participant's Linux account (server + kernel), and of the
hub with its proxy. Each ``--langkah`` step (ascending) reuses the same hub and accounts: servers
are stopped and fetched folders removed between steps. Everything stops by itself: per-operation
timeouts, a global ``--batas-waktu``, and on Ctrl-C the hub, every server and the accounts are
removed (kitbuild/hubrun.py's clean-up).

Prints a table and writes a JSON (``--json``) with the figures; the N at which p95 Run All first
passes ``--batas-run-all`` seconds (10) is ``n_lewat_batas``. docs/benchmarks.md has the results.
Needs root, configurable-http-proxy (``npm install configurable-http-proxy@5`` in the checkout) and
a few GB of memory (about 0.25 GB per participant).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import threading
import time
import traceback
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

KIT = Path(__file__).resolve().parents[1]
MODUL = "m3-biaya-produksi"
RUN_ALL_LIMIT = 10.0

# ------------------------------------------------------------------------------------------
# pure helpers (tests/unit/test_bench_hub_load.py)
# ------------------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (0–100) with linear interpolation between ranks (numpy's default);
    None for no values."""
    if not values:
        return None
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} outside 0..100")
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def summary(values: list[float]) -> dict:
    """n, p50, p95, max and mean of ``values`` (seconds or MB); None figures when empty."""
    if not values:
        return {"n": 0, "p50": None, "p95": None, "max": None, "mean": None}
    return {
        "n": len(values),
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "max": max(values),
        "mean": sum(values) / len(values),
    }


def start_offsets(n: int, spread: float) -> list[float]:
    """When each of ``n`` participants starts, in seconds after the step's start: evenly over
    ``spread`` (the first at 0, none at or after ``spread``); all at 0 when ``spread`` is 0."""
    if n <= 0:
        return []
    return [i * spread / n for i in range(n)]


def first_over(steps: list[dict], limit: float, key: str = "run_all") -> int | None:
    """The smallest N whose p95 ``key`` time is above ``limit`` seconds; None when none is."""
    over = [s["n"] for s in steps if (s[key]["p95"] or 0) > limit]
    return min(over) if over else None


def parse_steps(text: str) -> list[int]:
    """``"5,10,20"`` → [5, 10, 20] (sorted, unique, each 1..500)."""
    try:
        steps = sorted({int(x) for x in text.split(",") if x.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if not steps or steps[0] < 1 or steps[-1] > 500:
        raise argparse.ArgumentTypeError(f"each step must be 1..500: {text!r}")
    return steps


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        prog="hub_load.py", description=__doc__.split("\n\n")[0], allow_abbrev=False
    )
    ap.add_argument("--peserta", type=int, default=30, help="participants (one step)")
    ap.add_argument(
        "--langkah",
        type=parse_steps,
        help="several steps, e.g. 5,10,20,30,40 (overrides --peserta)",
    )
    ap.add_argument("--sebar", type=float, default=60.0, help="seconds over which starts spread")
    ap.add_argument("--modul", default=MODUL)
    ap.add_argument("--batas-waktu", type=float, default=3600.0, help="global timeout, seconds")
    ap.add_argument("--batas-sel", type=float, default=300.0, help="timeout of one cell, seconds")
    ap.add_argument("--batas-run-all", type=float, default=RUN_ALL_LIMIT)
    ap.add_argument("--sampel", type=float, default=1.0, help="memory/CPU sampling interval, s")
    ap.add_argument("--json", type=Path, default=KIT / "artifacts" / "hub_load.json")
    args = ap.parse_args(argv)
    if args.langkah is None:
        if not 1 <= args.peserta <= 500:
            ap.error("--peserta must be 1..500")
        args.langkah = [args.peserta]
    for name in ("sebar", "batas_waktu", "batas_sel", "sampel"):
        value = getattr(args, name)
        if value < 0 or (name != "sebar" and value == 0):
            ap.error(f"--{name.replace('_', '-')} must be positive")
    return args


def rss_kb(status_text: str) -> int:
    """VmRSS (kB) from a /proc/<pid>/status text; 0 for a process without memory (a zombie)."""
    m = re.search(r"^VmRSS:\s+(\d+)\s+kB", status_text, re.M)
    return int(m.group(1)) if m else 0


def pss_kb(rollup_text: str) -> int:
    """Pss (kB) from a /proc/<pid>/smaps_rollup text (shared pages split among their users)."""
    m = re.search(r"^Pss:\s+(\d+)\s+kB", rollup_text, re.M)
    return int(m.group(1)) if m else 0


def stat_fields(stat_text: str) -> tuple[int, int]:
    """(ppid, utime + stime in clock ticks) from a /proc/<pid>/stat line. The command name sits
    in parentheses and may hold spaces and parentheses itself: split after the last ')'."""
    rest = stat_text[stat_text.rindex(")") + 2 :].split()
    # rest[0] is the state (field 3); ppid is field 4, utime 14, stime 15
    return int(rest[1]), int(rest[11]) + int(rest[12])


def format_table(steps: list[dict], limit: float) -> str:
    head = [
        "N",
        "cell p50",
        "cell p95",
        "RunAll p50",
        "RunAll p95",
        "server p95",
        "RSS/peserta max",
        "RSS total",
        "PSS total",
        "CPU s",
        "wall s",
        "load",
        "errors",
    ]
    rows = []
    for s in steps:
        m = s["memori_mb"]
        rows.append(
            [
                str(s["n"]),
                _f(s["sel"]["p50"], 2),
                _f(s["sel"]["p95"], 2),
                _f(s["run_all"]["p50"], 1),
                _f(s["run_all"]["p95"], 1),
                _f(s["server"]["p95"], 1),
                _f(m["per_peserta_rss"]["max"], 0),
                _f(m["total_rss_puncak"], 0),
                _f(m["total_pss_puncak"], 0),
                _f(s["cpu_detik"]["peserta"] + s["cpu_detik"]["hub"], 0),
                _f(s["wall_detik"], 0),
                f"{s['load_awal'][0]:.1f}→{s['load_akhir'][0]:.1f}",
                str(len(s["errors"])),
            ]
        )
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in [head, *rows]]
    over = first_over(steps, limit)
    lines.append(
        f"p95 Run All passes {limit:g} s at N = {over}"
        if over
        else f"p95 Run All stays under {limit:g} s up to N = {max(s['n'] for s in steps)}"
    )
    return "\n".join(lines)


def _f(x: float | None, digits: int) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


# ------------------------------------------------------------------------------------------
# the sampler: memory and CPU of each participant's account and of the hub, from /proc
# ------------------------------------------------------------------------------------------


class Sampler(threading.Thread):
    """Reads /proc every ``interval`` s. Per sample: each participant's RSS and PSS (sum over the
    processes of their Linux account: server, kernel, anything they start) and the hub tree's
    (the hub, its proxy, the idle culler). CPU seconds: per process, the last utime+stime seen
    minus what it had when the step began (a process that ends between two samples loses at
    most one interval of its CPU time)."""

    def __init__(self, uids: dict[int, str], hub_pid: int, interval: float):
        super().__init__(daemon=True)
        self.uids, self.hub_pid, self.interval = uids, hub_pid, interval
        self.stop_event = threading.Event()
        self.lock = threading.Lock()
        self.tick = os.sysconf("SC_CLK_TCK")
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.peak_rss: dict[str, int] = {}
            self.peak_pss: dict[str, int] = {}
            self.total_rss = self.total_pss = self.hub_rss = 0
            # the largest single server process and kernel process seen (kB)
            self.peak_kind_rss = {"server": 0, "kernel": 0}
            self.cpu_first: dict[int, tuple[str, int, str]] = {}
            self.cpu_last: dict[int, int] = {}
            self.samples = 0
            self._baseline = True

    def run(self) -> None:
        while not self.stop_event.wait(self.interval):
            with contextlib.suppress(Exception):
                self.sample()

    def sample(self) -> None:
        procs = {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            pid = int(entry.name)
            try:
                uid = entry.stat().st_uid
                ppid, ticks = stat_fields(Path(f"/proc/{pid}/stat").read_text())
                procs[pid] = (uid, ppid, ticks)
            except (OSError, ValueError, IndexError):
                continue
        hub_tree = {self.hub_pid}
        changed = True
        while changed:  # the hub's descendants that stay root (proxy, culler)
            changed = False
            for pid, (uid, ppid, _) in procs.items():
                if uid == 0 and ppid in hub_tree and pid not in hub_tree:
                    hub_tree.add(pid)
                    changed = True
        rss: dict[str, int] = {}
        pss: dict[str, int] = {}
        hub_rss = 0
        with self.lock:
            baseline = self._baseline
            self._baseline = False
            for pid, (uid, _, ticks) in procs.items():
                who = self.uids.get(uid) or ("(hub)" if pid in hub_tree else None)
                if who is None:
                    continue
                try:
                    r = rss_kb(Path(f"/proc/{pid}/status").read_text())
                    p = pss_kb(Path(f"/proc/{pid}/smaps_rollup").read_text())
                except OSError:
                    continue
                if pid not in self.cpu_first:
                    # a process already running when the step began counts from there
                    self.cpu_first[pid] = (who, ticks if baseline else 0, _kind(pid))
                self.cpu_last[pid] = ticks
                if who == "(hub)":
                    hub_rss += r
                else:
                    rss[who] = rss.get(who, 0) + r
                    pss[who] = pss.get(who, 0) + p
                    kind = self.cpu_first[pid][2]
                    self.peak_kind_rss[kind] = max(self.peak_kind_rss[kind], r)
            for who, r in rss.items():
                self.peak_rss[who] = max(self.peak_rss.get(who, 0), r)
                self.peak_pss[who] = max(self.peak_pss.get(who, 0), pss[who])
            self.total_rss = max(self.total_rss, sum(rss.values()))
            self.total_pss = max(self.total_pss, sum(pss.values()))
            self.hub_rss = max(self.hub_rss, hub_rss)
            self.samples += 1

    def cpu_seconds(self) -> dict[str, float]:
        with self.lock:
            out = {"peserta": 0.0, "peserta_server": 0.0, "peserta_kernel": 0.0, "hub": 0.0}
            for pid, (who, first, kind) in self.cpu_first.items():
                used = (self.cpu_last.get(pid, first) - first) / self.tick
                if who == "(hub)":
                    out["hub"] += used
                else:
                    out["peserta"] += used
                    out[f"peserta_{kind}"] += used
            return out


def _kind(pid: int) -> str:
    """ "kernel" for an IPython kernel, "server" for the rest of a participant's processes."""
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "server"
    return "kernel" if b"ipykernel" in cmd else "server"


def machine_busy_ticks() -> tuple[int, int]:
    """(busy, total) clock ticks of all cores since boot, from /proc/stat."""
    parts = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = parts[3] + parts[4]  # idle + iowait
    return sum(parts) - idle, sum(parts)


# ------------------------------------------------------------------------------------------
# one participant
# ------------------------------------------------------------------------------------------


@dataclass
class Result:
    user: str
    waktu: dict[str, float] = field(default_factory=dict)  # login, server, fetch, buka, ...
    sel: list[float] = field(default_factory=list)
    run_all: float | None = None
    errors: list[str] = field(default_factory=list)
    selesai: bool = False


class Participant:
    def __init__(self, h, user: str, modul: str, answered, *, cell_timeout: float):
        self.h, self.user, self.modul, self.answered = h, user, modul, answered
        self.cell_timeout = cell_timeout
        self.result = Result(user)
        self.base = f"{h.url}/user/{user}"
        self.path = f"{modul}/{modul}.ipynb"

    def _timed(self, what: str, fn):
        t = time.perf_counter()
        out = fn()
        self.result.waktu[what] = time.perf_counter() - t
        return out

    def _ok(self, r, what: str, codes=(200, 201)):
        if r.status_code not in codes:
            raise RuntimeError(f"{what}: HTTP {r.status_code} {r.text[:300]}")
        return r

    def run(self, start_at: float, deadline: float) -> None:
        try:
            time.sleep(max(0.0, start_at - time.monotonic()))
            self._run(deadline)
            self.result.selesai = True
        except Exception as exc:  # every failure is a named error in the report
            self.result.errors.append(f"{type(exc).__name__}: {str(exc)[:400]}")
            if os.environ.get("HUB_LOAD_DEBUG"):
                traceback.print_exc()

    def _run(self, deadline: float) -> None:
        from hubrun import login, user_session

        h, u, cid = self.h, self.user, self.h.ws.course_id
        status, _cookie = self._timed("login", lambda: login(h.url, u, h.passwords[u]))
        if status != 302:
            raise RuntimeError(f"login: HTTP {status} (expected 302)")
        s = user_session(h, u, note="hub_load")

        def start():
            self._ok(s.post(f"{h.url}/hub/api/users/{u}/server", timeout=60), "server", (201, 202))
            while time.monotonic() < deadline:
                info = s.get(f"{h.url}/hub/api/users/{u}", timeout=30).json()
                if info.get("servers", {}).get("", {}).get("ready"):
                    return
                time.sleep(0.5)
            raise TimeoutError("server not ready before the global timeout")

        self._timed("server", start)
        data = {"course_id": cid, "assignment_id": self.modul}
        r = self._timed(
            "fetch", lambda: s.post(f"{self.base}/assignments/fetch", data=data, timeout=120)
        )
        if r.status_code != 200 or not r.json().get("success"):
            raise RuntimeError(f"fetch: HTTP {r.status_code} {r.text[:300]}")
        self._timed(
            "buka",
            lambda: self._ok(
                s.get(f"{self.base}/api/contents/{self.path}", timeout=120), "open (contents)"
            ),
        )
        nb = json.loads(json.dumps(self.answered))
        self._ok(
            s.put(
                f"{self.base}/api/contents/{self.path}",
                json={"type": "notebook", "format": "json", "content": nb},
                timeout=120,
            ),
            "save answers",
        )
        body = {"path": self.path, "name": Path(self.path).name, "type": "notebook"}
        body["kernel"] = {"name": "python3"}
        sess = self._timed(
            "kernel_mulai",
            lambda: self._ok(
                s.post(f"{self.base}/api/sessions", json=body, timeout=120), "session"
            ),
        ).json()
        self._run_all(s, sess["kernel"]["id"], nb, deadline)
        self._ok(
            s.put(
                f"{self.base}/api/contents/{self.path}",
                json={"type": "notebook", "format": "json", "content": nb},
                timeout=120,
            ),
            "save outputs",
        )
        r = self._timed(
            "submit", lambda: s.post(f"{self.base}/assignments/submit", data=data, timeout=120)
        )
        if r.status_code != 200 or not r.json().get("success"):
            raise RuntimeError(f"submit: HTTP {r.status_code} {r.text[:300]}")

    def _run_all(self, s, kernel_id: str, nb: dict, deadline: float) -> None:
        import websocket

        url = self.base.replace("http://", "ws://") + f"/api/kernels/{kernel_id}/channels"
        t_ready = time.perf_counter()
        conn = websocket.create_connection(
            url, header=[f"Authorization: {s.headers['Authorization']}"], timeout=120
        )
        session = uuid.uuid4().hex
        try:
            # kernel_info first, as JupyterLab does: the kernel is ready when it answers
            self._request(conn, session, "kernel_info_request", {}, deadline)
            self.result.waktu["kernel_siap"] = time.perf_counter() - t_ready
            t_all = time.perf_counter()
            for i, cell in enumerate(nb["cells"]):
                if cell["cell_type"] != "code":
                    continue
                src = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
                t = time.perf_counter()
                outputs, error = self._execute(conn, session, src, deadline)
                self.result.sel.append(time.perf_counter() - t)
                cell["outputs"] = outputs
                if error:
                    gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
                    raise RuntimeError(f"cell {i} {gid}: {error}")
            self.result.run_all = time.perf_counter() - t_all
        finally:
            conn.close()

    def _send(self, conn, session: str, msg_type: str, content: dict) -> str:
        mid = uuid.uuid4().hex
        header = {"msg_id": mid, "msg_type": msg_type, "session": session, "username": self.user}
        header |= {"version": "5.3", "date": datetime.now(UTC).isoformat()}
        msg = {"header": header, "parent_header": {}, "metadata": {}, "content": content}
        conn.send(json.dumps(msg | {"channel": "shell", "buffers": []}))
        return mid

    def _recv(self, conn, deadline: float) -> dict:
        conn.settimeout(max(1.0, min(self.cell_timeout, deadline - time.monotonic())))
        raw = conn.recv()
        if not raw:
            raise ConnectionError("the kernel's websocket closed")
        return json.loads(raw)

    def _request(self, conn, session: str, msg_type: str, content: dict, deadline: float) -> None:
        mid = self._send(conn, session, msg_type, content)
        reply = msg_type.replace("_request", "_reply")
        while True:
            m = self._recv(conn, deadline)
            if m.get("parent_header", {}).get("msg_id") == mid and m["msg_type"] == reply:
                return

    def _execute(self, conn, session: str, src: str, deadline: float):
        content = {"code": src, "silent": False, "store_history": True, "user_expressions": {}}
        content |= {"allow_stdin": False, "stop_on_error": True}
        mid = self._send(conn, session, "execute_request", content)
        outputs, error, idle, replied = [], None, False, False
        while not (idle and replied):
            m = self._recv(conn, deadline)
            if m.get("parent_header", {}).get("msg_id") != mid:
                continue
            kind, c = m["msg_type"], m["content"]
            if kind == "stream":
                outputs.append({"output_type": "stream", "name": c["name"], "text": c["text"]})
            elif kind in ("display_data", "execute_result"):
                out = {"output_type": kind, "data": c["data"], "metadata": c.get("metadata", {})}
                if kind == "execute_result":
                    out["execution_count"] = c.get("execution_count")
                outputs.append(out)
            elif kind == "error":
                outputs.append({"output_type": "error", **{k: c[k] for k in ("ename", "evalue")}})
                outputs[-1]["traceback"] = c.get("traceback", [])
                error = f"{c['ename']}: {c['evalue'][:200]}"
            elif kind == "execute_reply":
                replied = True
                if c.get("status") != "ok" and error is None:
                    error = f"execute_reply {c.get('status')}"
            elif kind == "status" and c.get("execution_state") == "idle":
                idle = True
        return outputs, error


# ------------------------------------------------------------------------------------------
# the run
# ------------------------------------------------------------------------------------------


def _roster(ids: list[str]) -> str:
    rows = ["id,nama,ikm,kelurahan,jenis_kelamin,peran"]
    rows += [f"{u},Peserta Beban {i + 1},UD Uji Beban,Miji,P,pemilik" for i, u in enumerate(ids)]
    return "\n".join(rows) + "\n"


def _stop_servers(h, users: list[str], deadline: float) -> list[str]:
    """Stop the users' servers (the hub stops their kernels with them); the ones still up."""
    for u in users:
        with contextlib.suppress(Exception):
            h.api.delete(f"{h.url}/hub/api/users/{u}/server", timeout=60)
    pending = set(users)
    while pending and time.monotonic() < deadline:
        for u in list(pending):
            with contextlib.suppress(Exception):
                if not h.api.get(f"{h.url}/hub/api/users/{u}", timeout=30).json().get("servers"):
                    pending.discard(u)
        time.sleep(0.5)
    return sorted(pending)


def run_step(h, n: int, args, answered: dict, uids: dict[int, str], sampler, deadline) -> dict:
    from hubrun import kill_user_processes

    users = h.ids[:n]
    inbound = h.base / "exchange" / h.ws.course_id / "inbound"
    before = {u: _submissions(inbound, u, args.modul) for u in users}
    people = [
        Participant(h, u, args.modul, answered[u], cell_timeout=args.batas_sel) for u in users
    ]
    load0 = os.getloadavg()
    busy0, total0 = machine_busy_ticks()
    self0 = os.times()
    sampler.reset()
    sampler.sample()  # baseline CPU of what already runs (the hub)
    t0 = time.monotonic()
    threads = []
    for p, off in zip(people, start_offsets(n, args.sebar), strict=True):
        t = threading.Thread(target=p.run, args=(t0 + off, deadline), daemon=True)
        t.start()
        threads.append(t)
    for t in threads:
        t.join(max(0.0, deadline - time.monotonic()))
    wall = time.monotonic() - t0
    sampler.sample()
    cpu = sampler.cpu_seconds()
    self1 = os.times()
    busy1, total1 = machine_busy_ticks()
    load1 = os.getloadavg()
    errors = []
    for p in people:
        r = p.result
        errors += [{"peserta": r.user, "kesalahan": e} for e in r.errors]
        if not r.selesai and not r.errors:
            errors.append({"peserta": r.user, "kesalahan": "not finished before --batas-waktu"})
        elif r.selesai and _submissions(inbound, r.user, args.modul) <= before[r.user]:
            errors.append({"peserta": r.user, "kesalahan": "submit: nothing in exchange inbound"})
    with sampler.lock:
        per_rss = [v / 1024 for v in sampler.peak_rss.values()]
        per_pss = [v / 1024 for v in sampler.peak_pss.values()]
        mem = {
            "per_peserta_rss": summary(per_rss),
            "per_peserta_pss": summary(per_pss),
            "total_rss_puncak": sampler.total_rss / 1024,
            "total_pss_puncak": sampler.total_pss / 1024,
            "hub_proxy_rss_puncak": sampler.hub_rss / 1024,
            "server_rss_maks": sampler.peak_kind_rss["server"] / 1024,
            "kernel_rss_maks": sampler.peak_kind_rss["kernel"] / 1024,
            "sampel": sampler.samples,
        }
    tick = os.sysconf("SC_CLK_TCK")
    step = {
        "n": n,
        "sebar_detik": args.sebar,
        "wall_detik": wall,
        "sel": summary([x for p in people for x in p.result.sel]),
        "run_all": summary([p.result.run_all for p in people if p.result.run_all is not None]),
        "memori_mb": mem,
        "cpu_detik": {
            **cpu,
            "bench": (self1.user + self1.system) - (self0.user + self0.system),
            "mesin_semua": (busy1 - busy0) / tick,
            "mesin_kapasitas": (total1 - total0) / tick,
        },
        "load_awal": list(load0),
        "load_akhir": list(load1),
        "errors": errors,
    }
    for what in ("login", "server", "fetch", "buka", "kernel_mulai", "kernel_siap", "submit"):
        step[what] = summary([p.result.waktu[what] for p in people if what in p.result.waktu])
    still = _stop_servers(h, users, min(deadline, time.monotonic() + 180) + 60)
    for u in still:
        kill_user_processes(u)
    for u in users:  # the next step fetches again into a clean home
        shutil.rmtree(h.homes[u] / args.modul, ignore_errors=True)
    return step


def _submissions(inbound: Path, user: str, modul: str) -> int:
    if not inbound.is_dir():
        return 0
    return sum(1 for p in inbound.iterdir() if p.name.startswith(f"{user}+{modul}+"))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sys.path.insert(0, str(KIT / "kitbuild"))
    import nbformat
    from hubrun import VENV_BIN, as_user, missing_parts, running_hub

    from alaskaki.workshop.demo import simulate_submission

    missing = missing_parts()
    if missing:
        print("hub_load: cannot run here: " + "; ".join(missing), file=sys.stderr)
        return 2
    deadline = time.monotonic() + args.batas_waktu
    n_max = max(args.langkah)
    tag = secrets.token_hex(2)
    ids = [f"lb{tag}p{i:03d}" for i in range(1, n_max + 1)]
    trainer = f"lb{tag}tr"
    started = datetime.now().astimezone()
    report = {
        "perintah": " ".join([sys.executable, *sys.argv]),
        "mulai": started.isoformat(timespec="seconds"),
        "mesin": {
            "inti": os.cpu_count(),
            "memori_gb": os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30,
            "uptime_awal": subprocess.run(
                ["uptime"], capture_output=True, text=True
            ).stdout.strip(),
        },
        "modul": args.modul,
        "batas_run_all": args.batas_run_all,
        "langkah": [],
    }
    print(f"hub_load: {len(ids)} accounts, steps {args.langkah}, {report['mesin']['uptime_awal']}")
    t_setup = time.monotonic()
    with running_hub(
        ids,
        trainer,
        (f"lb{tag}-peserta", f"lb{tag}-pelatih"),
        _roster(ids),
        modules=[args.modul],
        prefix="alaskaki-hubload-",
    ) as h:
        report["persiapan_detik"] = time.monotonic() - t_setup
        res = as_user(
            trainer,
            h.homes[trainer],
            str(VENV_BIN / "alaskaki"),
            "release",
            args.modul,
            "--workshop",
            str(h.ws.root),
        )
        if res.returncode != 0:
            print(res.stdout + res.stderr, file=sys.stderr)
            return 1
        source = nbformat.read(h.ws.source_notebook(args.modul), as_version=4)
        released = nbformat.read(h.ws.release_notebook(args.modul), as_version=4)
        answered = {
            u: json.loads(json.dumps(simulate_submission(source, released, u, 1.0, args.modul)))
            for u in ids
        }
        import pwd

        uids = {pwd.getpwnam(u).pw_uid: u for u in ids}
        sampler = Sampler(uids, h.proc.pid, args.sampel)
        sampler.start()
        try:
            for n in args.langkah:
                if time.monotonic() >= deadline:
                    print(f"hub_load: --batas-waktu reached before step {n}", file=sys.stderr)
                    break
                print(f"\n--- {n} participants, starts over {args.sebar:g} s", flush=True)
                step = run_step(h, n, args, answered, uids, sampler, deadline)
                report["langkah"].append(step)
                print(format_table([step], args.batas_run_all).split("\n", 2)[1], flush=True)
                for e in step["errors"]:
                    print(f"  ERROR {e['peserta']}: {e['kesalahan']}", flush=True)
        finally:
            sampler.stop_event.set()
    report["uptime_akhir"] = subprocess.run(
        ["uptime"], capture_output=True, text=True
    ).stdout.strip()
    report["n_lewat_batas"] = first_over(report["langkah"], args.batas_run_all)
    report["errors_total"] = sum(len(s["errors"]) for s in report["langkah"])
    if report["langkah"]:
        print()
        print(format_table(report["langkah"], args.batas_run_all))
    print(
        f"uptime before: {report['mesin']['uptime_awal']}\nuptime after:  {report['uptime_akhir']}"
    )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"JSON: {args.json}")
    return 0 if report["errors_total"] == 0 and report["langkah"] else 1


def _interrupt(signum, frame):
    raise KeyboardInterrupt  # SIGTERM cleans up as Ctrl-C does


if __name__ == "__main__":
    import signal

    signal.signal(signal.SIGTERM, _interrupt)
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print(
            "hub_load: interrupted; the hub, its servers and the accounts were removed",
            file=sys.stderr,
        )
        sys.exit(130)
