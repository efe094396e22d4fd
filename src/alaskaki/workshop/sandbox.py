"""Run a participant's notebook code where it cannot reach the grader, and bring back plain data.

The grader (``grader.py``) never executes a participant's code in its own process. It starts this
file as a script (``python -I sandbox.py``) inside bubblewrap (``/usr/bin/bwrap``): own PID,
network, IPC and UTS namespaces, a read-only view of only the Python installation and the kit's
package, a small tmpfs as the only writable place, ``--die-with-parent``. Before running any
participant code the runner (still trusted at that point) lowers its resource limits, drops to an
unprivileged uid and hands the cells to an IPython ``InteractiveShell`` (no Jupyter kernel: no
ZeroMQ, no kernel start-up cost). At every test point it writes the answer variables, encoded as
plain JSON, to its channel (stdout). Whatever the participant does to the interpreter only changes
what *they* claim their answers are; the tests run in the grader's process on those values.

This file must stay importable without the rest of the kit (stdlib only at module level), because
the sandbox runs it as a script.

Job (JSON on stdin)::

    {"cells": [{"kind": "code", "source": "..."} | {"kind": "point", "grade_id": "...",
               "names": ["biaya_kulit", ...]}],
     "cell_timeout": 15, "paths": ["/extra/python/path"], "uid": 123456, "limits": {...}}

Channel (one JSON object per line on stdout): ``cell`` (status of one cell), ``point`` (the
encoded variables at a test point), ``checks`` (tampering noticed after the run), ``done``.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import selectors
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

BWRAP = "/usr/bin/bwrap"
CHANNEL_LIMIT = 32 * 1024 * 1024  # bytes read from a sandbox at most; more is an attack
OUTPUT_LIMIT = 4000  # characters of a cell's own output kept for the autograded notebook
HUGE_OUTPUT = 1_000_000  # characters of output from one cell that no exercise needs
CELL_TIMEOUT = 30  # seconds per cell, like nbgrader's Execute.timeout
RUN_TIMEOUT = 120  # seconds of wall-clock for one whole submission
SCRATCH = "/home/peserta"
DEFAULT_LIMITS = {
    "as_bytes": 3
    * 1024**3,  # address space per process (numpy/pandas reserve a lot of virtual memory)
    "nproc": 48,  # processes and threads of the sandbox's uid
    "fsize": 16 * 1024**2,  # largest file it may write
    "nofile": 256,
    "cpu": 110,  # seconds of CPU; the wall-clock timeout is the main guard
}
SCRATCH_SIZE = 64 * 1024**2

# ---------------------------------------------------------------------------------------------
# Value encoding: used on both sides. The runner encodes; the grader decodes only plain JSON and
# rebuilds containers from explicit tags, so a participant can never hand over live objects.
# ---------------------------------------------------------------------------------------------

UNREADABLE = {"t": "unreadable"}


def encode_value(value, _depth: int = 0):
    """Encode an answer as JSON-able data. Exact builtin types only; anything else is tagged."""
    if _depth > 20:
        return dict(UNREADABLE, why="terlalu dalam")
    t = type(value)
    if value is None or t is bool or t is str:
        return value
    if t is int:
        return value if abs(value) < 2**63 else {"t": "bigint", "v": str(value)}
    if t is float:
        if math.isfinite(value):
            return value
        return {"t": "float", "v": repr(value)}
    if t is list:
        return [encode_value(v, _depth + 1) for v in value]
    if t is tuple:
        return {"t": "tuple", "v": [encode_value(v, _depth + 1) for v in value]}
    if t in (set, frozenset):
        return {"t": t.__name__, "v": [encode_value(v, _depth + 1) for v in value]}
    if t is dict:
        return {
            "t": "dict",
            "v": [
                [encode_value(k, _depth + 1), encode_value(v, _depth + 1)] for k, v in value.items()
            ],
        }
    mod = getattr(t, "__module__", "") or ""
    if mod == "numpy" or mod.startswith("numpy."):
        return _encode_numpy(value, _depth)
    if mod == "pandas" or mod.startswith("pandas."):
        return _encode_pandas(value, _depth)
    if t is complex:
        return {"t": "complex", "v": [value.real, value.imag]}
    if t is bytes:
        return {"t": "bytes", "v": value.hex()}
    if isinstance(value, (bool, int, float, str)):  # a subclass: keep the plain value only
        base = next(b for b in (bool, int, float, str) if isinstance(value, b))
        return (
            encode_value(base(value), _depth + 1)
            if base is not float
            else {"t": "float", "v": repr(float(value))}
        )
    return dict(UNREADABLE, why=f"{mod}.{t.__name__}")


def _encode_numpy(value, depth):
    import numpy as np

    if isinstance(value, np.ndarray):
        return {
            "t": "ndarray",
            "dtype": str(value.dtype),
            "v": encode_value(value.tolist(), depth + 1),
        }
    if isinstance(value, np.generic):
        return {
            "t": "npscalar",
            "dtype": str(value.dtype),
            "v": encode_value(value.item(), depth + 1),
        }
    return dict(UNREADABLE, why=type(value).__name__)


def _encode_pandas(value, depth):
    import pandas as pd

    if isinstance(value, pd.DataFrame):
        return {
            "t": "DataFrame",
            "columns": encode_value(list(value.columns), depth + 1),
            "index": encode_value(list(value.index), depth + 1),
            "dtypes": [str(d) for d in value.dtypes],
            "v": encode_value(
                [list(r) for r in value.itertuples(index=False, name=None)], depth + 1
            ),
        }
    if isinstance(value, pd.Series):
        return {
            "t": "Series",
            "name": encode_value(value.name, depth + 1),
            "index": encode_value(list(value.index), depth + 1),
            "dtype": str(value.dtype),
            "v": encode_value(list(value), depth + 1),
        }
    if isinstance(value, pd.Timestamp):
        return {"t": "Timestamp", "v": value.isoformat()}
    return dict(UNREADABLE, why=type(value).__name__)


class Unreadable:
    """Stands for an answer that is not plain data. Every use of it fails, so it never passes a test."""

    def __init__(self, why: str = ""):
        self._why = why

    def __repr__(self) -> str:
        return f"<jawaban bukan data biasa: {self._why}>"

    def _fail(self, *a, **k):
        raise TypeError(
            "Jawaban harus berupa data biasa (angka, teks, daftar, tabel), bukan objek lain."
        )

    __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = _fail
    __float__ = __int__ = __index__ = __bool__ = __len__ = __iter__ = __hash__ = _fail
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = (
        _fail
    )
    __getitem__ = __contains__ = __round__ = __abs__ = __neg__ = _fail


def decode_value(data):
    """Rebuild an answer from :func:`encode_value` output. Only plain data comes out."""
    try:
        return _decode(data)
    except RecursionError:  # a forged, absurdly deep structure: an answer that cannot pass
        return Unreadable("terlalu dalam")


def _decode(data):
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        return [_decode(v) for v in data]
    if not isinstance(data, dict):
        return Unreadable("format")
    t = data.get("t")
    v = data.get("v")
    try:
        if t == "tuple":
            return tuple(_decode(x) for x in v)
        if t == "set":
            return {_decode(x) for x in v}
        if t == "frozenset":
            return frozenset(_decode(x) for x in v)
        if t == "dict":
            return {_decode(k): _decode(x) for k, x in v}
        if t == "float":
            return float(v)
        if t == "bigint":
            return int(v)
        if t == "complex":
            return complex(float(v[0]), float(v[1]))
        if t == "bytes":
            return bytes.fromhex(v)
        if t == "npscalar":
            import numpy as np

            return np.dtype(data["dtype"]).type(_decode(v))
        if t == "ndarray":
            import numpy as np

            return np.array(_decode(v), dtype=np.dtype(data["dtype"]))
        if t == "DataFrame":
            import pandas as pd

            df = pd.DataFrame(_decode(v), columns=_decode(data["columns"]))
            df.index = _decode(data["index"])
            for col, dt in zip(df.columns, data["dtypes"], strict=False):
                with contextlib.suppress(TypeError, ValueError):
                    df[col] = df[col].astype(dt)
            return df
        if t == "Series":
            import pandas as pd

            s = pd.Series(_decode(v), index=_decode(data["index"]), name=_decode(data["name"]))
            try:
                return s.astype(data["dtype"])
            except (TypeError, ValueError):
                return s
        if t == "Timestamp":
            import pandas as pd

            return pd.Timestamp(v)
        if t == "unreadable":
            return Unreadable(str(data.get("why", ""))[:80])
    except (Exception, RecursionError):  # noqa: BLE001 - anything malformed becomes an answer that cannot pass
        return Unreadable("format")
    return Unreadable("format")


# ---------------------------------------------------------------------------------------------
# Grader side: starting the sandbox and reading its channel.
# ---------------------------------------------------------------------------------------------


def bwrap_available() -> bool:
    """True when bubblewrap is installed and can create namespaces on this machine."""
    if not os.access(BWRAP, os.X_OK):
        return False
    try:
        r = subprocess.run(
            [BWRAP, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "true"],
            capture_output=True,
            timeout=10,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return r.returncode == 0


@dataclass
class SandboxResult:
    """What came back from one sandboxed run."""

    points: dict[str, dict] = field(
        default_factory=dict
    )  # grade_id -> {name: encoded value | missing}
    cells: list[dict] = field(default_factory=list)  # per code cell: status, ename, evalue, output
    checks: list[str] = field(default_factory=list)  # tampering the runner noticed (codes)
    events: list[str] = field(default_factory=list)  # what the grader side noticed (codes)
    finished: bool = False
    seconds: float = 0.0


def _python_binds() -> list[str]:
    """Read-only paths the sandbox needs: the interpreter, the venv and the kit's package only."""
    paths = {sys.base_prefix, sys.prefix}
    here = Path(__file__).resolve()
    pkg = here.parents[1]  # src/alaskaki
    paths.add(str(pkg))
    try:
        from alaskaki.paths import DATASETS_DIR

        if DATASETS_DIR.is_dir():
            paths.add(str(DATASETS_DIR.resolve()))
    except ImportError:  # pragma: no cover - the runner is always started from the kit
        pass
    exe = Path(sys.executable).resolve()
    paths.add(str(exe.parent.parent))
    return sorted(paths)


def extra_paths() -> list[str]:
    """Python paths the trainer's kernels get through PYTHONPATH; the sandbox gets them read-only."""
    out = []
    for p in os.environ.get("PYTHONPATH", "").split(os.pathsep):
        if p and Path(p).is_dir():
            out.append(str(Path(p).resolve()))
    return out


def build_command(*, sandboxed: bool) -> list[str]:
    runner = str(Path(__file__).resolve())
    python = sys.executable
    argv = [python, "-I", "-X", "utf8", runner, "--run"]
    if not sandboxed:
        return argv
    if os.geteuid() == 0:
        # As root no user namespace: the runner then drops to a uid of its own, so that the
        # process limit (RLIMIT_NPROC, which root ignores) holds.
        unshare = [
            "--unshare-pid",
            "--unshare-net",
            "--unshare-ipc",
            "--unshare-uts",
            "--unshare-cgroup-try",
        ]
    else:
        unshare = ["--unshare-all"]
    cmd = [
        BWRAP,
        *unshare,
        "--die-with-parent",
        "--new-session",
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        # the only writable places: small, world-writable (the runner drops to its own uid)
        "--perms",
        "1777",
        "--size",
        str(SCRATCH_SIZE),
        "--tmpfs",
        "/tmp",
        "--perms",
        "1777",
        "--size",
        str(SCRATCH_SIZE),
        "--tmpfs",
        SCRATCH,
        "--chdir",
        SCRATCH,
        "--setenv",
        "HOME",
        SCRATCH,
        "--hostname",
        "sandbox",
    ]
    for top in ("usr", "bin", "lib", "lib64", "sbin"):
        p = Path("/") / top
        if p.is_symlink():
            cmd += ["--symlink", os.readlink(p), f"/{top}"]
        elif p.is_dir():
            cmd += ["--ro-bind", str(p), f"/{top}"]
    for etc in ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "fonts", "alternatives"):
        p = Path("/etc") / etc
        if p.exists():
            cmd += ["--ro-bind", str(p), str(p)]
    binds = sorted({p for p in _python_binds() + extra_paths() if not p.startswith("/usr/")})
    made: set[str] = set()
    for p in binds:
        for parent in reversed(
            Path(p).parents[:-1]
        ):  # bwrap would make them 0700: unreadable after the uid drop
            if str(parent) not in made and not any(
                str(parent).startswith(b + "/") or str(parent) == b for b in binds
            ):
                cmd += ["--perms", "0755", "--dir", str(parent)]
                made.add(str(parent))
        cmd += ["--ro-bind", p, p]
    return cmd + ["--", *argv]


def _env(scratch: str, token: str) -> dict[str, str]:
    env = {
        "ALASKAKI_SANDBOX_TOKEN": token,  # lets the grader find stray processes when unsandboxed
        "HOME": scratch,
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": scratch + "/.mpl",
        "IPYTHONDIR": scratch + "/.ipython",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    return env


def run_in_sandbox(
    job: dict,
    *,
    sandboxed: bool,
    uid: int | None = None,
    run_timeout: float = RUN_TIMEOUT,
    scratch_dir: str | None = None,
) -> SandboxResult:
    """Run one participant's cells and return the encoded answers at every test point.

    ``scratch_dir`` is the working folder when not sandboxed (a fresh temporary folder).
    Every process started here is killed before this returns.
    """
    job = _prepare_job(job, sandboxed=sandboxed, uid=uid)
    cmd = build_command(sandboxed=sandboxed)
    cwd = SCRATCH if sandboxed else scratch_dir
    token = os.urandom(12).hex()
    env = _env(SCRATCH if sandboxed else (scratch_dir or "/tmp"), token)
    started = time.monotonic()
    result = SandboxResult()
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=None if sandboxed else cwd,
        env=env,
        start_new_session=True,
        close_fds=True,
    )
    try:
        try:
            proc.stdin.write(json.dumps(job).encode())
            proc.stdin.close()
        except BrokenPipeError:
            result.events.append("crash")
        _read_channel(proc, result, started + run_timeout)
    finally:
        _kill(proc)
        _kill_stragglers(token)
        result.seconds = time.monotonic() - started
    if (
        proc.returncode
        and proc.returncode < 0
        and "timeout" not in result.events
        and not result.finished
    ):
        result.events.append("killed")
    return result


class Zygote:
    """One warm sandbox per worker (root only): bubblewrap started once, a forked child per job.

    Saves the interpreter start and the imports (IPython, pandas, the exercises) per submission.
    Each job still runs in its own child with its own limits and uid, after which the zygote kills
    every process of that uid and wipes the writable folders.
    """

    def __init__(self, *, preload: list[str], uid: int):
        self.preload = list(preload)
        self.uid = uid
        self.proc: subprocess.Popen | None = None
        self.token = ""
        self._buf = b""

    def _start(self) -> None:
        cmd = build_command(sandboxed=True)
        cmd[-1] = "--zygote"
        self.token = os.urandom(12).hex()
        self._buf = b""
        self.proc = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=_env(SCRATCH, self.token),
            start_new_session=True,
            close_fds=True,
        )
        os.set_blocking(self.proc.stdout.fileno(), False)
        setup = {"preload": self.preload, "paths": extra_paths()}
        self.proc.stdin.write((json.dumps(setup) + "\n").encode())
        self.proc.stdin.flush()
        if self._readline(time.monotonic() + 120) != b'{"k": "ready"}':
            raise OSError("the warm sandbox did not start")

    def run(self, job: dict, *, run_timeout: float = RUN_TIMEOUT) -> SandboxResult:
        started = time.monotonic()
        result = SandboxResult()
        job = _prepare_job(job, sandboxed=True, uid=self.uid)
        if self.proc is None or self.proc.poll() is not None:
            self.close()
            try:
                self._start()
            except OSError:
                self.close()
                return run_in_sandbox(job, sandboxed=True, uid=self.uid, run_timeout=run_timeout)
        job["run_timeout"] = run_timeout
        try:
            self.proc.stdin.write((json.dumps(job) + "\n").encode())
            self.proc.stdin.flush()
            line = self._readline(started + run_timeout + 30)
        except (OSError, ValueError, AttributeError):  # closed under us (Ctrl-C) or died
            line = None
        if line is None:  # the zygote hung or died: start a new one for the next job
            result.events.append(
                "timeout" if time.monotonic() - started >= run_timeout else "killed"
            )
            self.close()
        else:
            try:
                msg = json.loads(line)
                for text in msg.get("lines", []):
                    _take(text.encode("utf-8", errors="replace"), result)
                result.events.extend(str(e) for e in msg.get("events", []))
            except (ValueError, AttributeError, TypeError, RecursionError):
                result.events.append("garbage")
            if not result.finished and not result.events:
                result.events.append("killed")
        result.seconds = time.monotonic() - started
        return result

    def _readline(self, deadline: float) -> bytes | None:
        fd = self.proc.stdout.fileno()
        sel = selectors.DefaultSelector()
        sel.register(fd, selectors.EVENT_READ)
        try:
            while b"\n" not in self._buf:
                left = deadline - time.monotonic()
                if left <= 0 or len(self._buf) > 4 * CHANNEL_LIMIT:
                    return None
                if not sel.select(timeout=min(left, 1.0)):
                    if self.proc.poll() is not None:
                        return None
                    continue
                try:
                    chunk = os.read(fd, 1 << 16)
                except BlockingIOError:
                    continue
                if not chunk:
                    return None
                self._buf += chunk
        finally:
            sel.close()
        line, self._buf = self._buf.split(b"\n", 1)
        return line

    def close(self) -> None:
        if self.proc is not None:
            _kill(self.proc)
            _kill_stragglers(self.token)
            self.proc = None


def zygotes_usable(sandboxed: bool) -> bool:
    """Warm sandboxes need bubblewrap and root (the child drops to a uid of its own)."""
    return sandboxed and os.geteuid() == 0


def _prepare_job(job: dict, *, sandboxed: bool, uid: int | None) -> dict:
    job = dict(job)
    job.setdefault("cell_timeout", CELL_TIMEOUT)
    job.setdefault("limits", DEFAULT_LIMITS)
    job["paths"] = extra_paths()
    job["uid"] = uid if (sandboxed and uid is not None and os.geteuid() == 0) else None
    job["sandboxed"] = sandboxed
    limits = dict(job["limits"])
    if job["uid"] is None:  # the limit counts every process of our own uid: leave room for them
        limits["nproc"] = _own_process_count() + int(limits.get("nproc", 48))
    job["limits"] = limits
    return job


def _own_process_count() -> int:
    me = os.geteuid()
    n = 0
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == me:
                    n += 1
            except OSError:
                pass
    return n


def _read_channel(proc: subprocess.Popen, result: SandboxResult, deadline: float) -> None:
    sel = selectors.DefaultSelector()
    fd = proc.stdout.fileno()
    os.set_blocking(fd, False)
    sel.register(fd, selectors.EVENT_READ)
    buf = b""
    total = 0
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                result.events.append("timeout")
                return
            if not sel.select(timeout=min(left, 1.0)):
                if proc.poll() is not None:
                    return
                continue
            try:
                chunk = os.read(fd, 1 << 16)
            except BlockingIOError:
                continue
            if not chunk:
                return
            total += len(chunk)
            if total > CHANNEL_LIMIT:
                result.events.append("flood")
                return
            buf += chunk
            *lines, buf = buf.split(b"\n")
            for line in lines:
                _take(line, result)
                if result.finished:
                    return
    finally:
        sel.close()


def _take(line: bytes, result: SandboxResult) -> None:
    try:
        msg = json.loads(line)
    except (ValueError, UnicodeDecodeError, RecursionError):
        result.events.append("garbage")
        return
    if not isinstance(msg, dict):
        result.events.append("garbage")
        return
    kind = msg.get("k")
    if kind == "point" and isinstance(msg.get("id"), str) and isinstance(msg.get("vars"), dict):
        result.points.setdefault(msg["id"], msg["vars"])  # the first report of a point counts
    elif kind == "cell" and len(result.cells) < 10_000:
        result.cells.append(
            {
                "i": msg.get("i"),
                "status": str(msg.get("status", ""))[:20],
                "ename": str(msg.get("ename", ""))[:200],
                "evalue": str(msg.get("evalue", ""))[:2000],
                "out": str(msg.get("out", ""))[:OUTPUT_LIMIT],
                "size": msg.get("size") if isinstance(msg.get("size"), int) else 0,
            }
        )
    elif kind == "checks" and isinstance(msg.get("v"), list):
        result.checks.extend(str(c)[:60] for c in msg["v"][:50])
    elif kind == "done":
        result.finished = True


def _kill(proc: subprocess.Popen) -> None:
    """Kill the sandbox and everything in its session; bwrap's PID namespace takes the rest."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        proc.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):  # SIGKILL does not fail; never hang here
        proc.wait(timeout=10)
    for stream in (proc.stdout, proc.stdin):
        try:
            if stream:
                stream.close()
        except OSError:
            pass


def _kill_stragglers(token: str) -> int:
    """Kill every process that still carries this run's token (processes that left the session)."""
    needle = f"ALASKAKI_SANDBOX_TOKEN={token}".encode()
    killed = 0
    for _ in range(3):  # a process may fork while we look; look again
        found = 0
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/environ", "rb") as f:
                    if needle in f.read():
                        os.kill(int(entry.name), signal.SIGKILL)
                        found += 1
            except (OSError, ValueError):
                continue
        killed += found
        if not found:
            break
        time.sleep(0.05)
    return killed


def cleanup_scratch(path: str | None) -> None:
    if path:
        shutil.rmtree(path, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# Sandbox side: the runner. Everything below runs inside the sandbox.
# ---------------------------------------------------------------------------------------------


class _CellTimeout(BaseException):
    pass


class _Capped:
    """A text stream that keeps only the first OUTPUT_LIMIT characters."""

    def __init__(self):
        self.parts: list[str] = []
        self.size = 0
        self.overflow = False

    def write(self, s):
        s = str(s)
        if self.size < OUTPUT_LIMIT:
            self.parts.append(s[: OUTPUT_LIMIT - self.size])
        else:
            self.overflow = True
        self.size += len(s)
        return len(s)

    def flush(self):
        pass

    def isatty(self):
        return False

    def text(self):
        return "".join(self.parts)


def _limit(limits: dict) -> None:
    import resource

    pairs = [
        (resource.RLIMIT_AS, limits.get("as_bytes")),
        (resource.RLIMIT_NPROC, limits.get("nproc")),
        (resource.RLIMIT_FSIZE, limits.get("fsize")),
        (resource.RLIMIT_NOFILE, limits.get("nofile")),
        (resource.RLIMIT_CPU, limits.get("cpu")),
        (resource.RLIMIT_CORE, 0),
    ]
    for res, val in pairs:
        if val is None:
            continue
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(res, (val, val))


def _drop_privileges(uid: int | None) -> None:
    if uid is None or os.geteuid() != 0:
        return
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)


def _fingerprint(modules: list[str]) -> dict:
    """Identity of functions a participant might replace (builtins, math, numpy, our checks)."""
    import builtins

    fp = {"builtins": {k: id(v) for k, v in vars(builtins).items()}}
    for name in modules:
        mod = sys.modules.get(name)
        if mod is not None:
            fp[name] = {k: id(v) for k, v in vars(mod).items() if not k.startswith("_")}
    return fp


def _runner_main() -> (
    None
):  # pragma: no cover - runs in a child process; covered by integration tests
    chan_fd = os.dup(1)
    chan = os.fdopen(chan_fd, "w", buffering=1, encoding="utf-8")
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    job = json.loads(sys.stdin.read())
    os.dup2(devnull, 0)
    _run_job(job, chan)


def _run_job(job: dict, chan) -> None:  # pragma: no cover - runs in a child process
    """Run one job's cells and report on ``chan``; ends the process."""
    for p in job.get("paths", []):
        if p not in sys.path:
            sys.path.append(p)
    os.makedirs(os.environ.get("IPYTHONDIR", "/tmp/.ipython"), exist_ok=True)

    runner_pid = os.getpid()

    def send(obj):
        if os.getpid() != runner_pid:  # a forked copy of this process says nothing
            return
        chan.write(json.dumps(obj) + "\n")
        chan.flush()

    _limit(job.get("limits", {}))
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    cfg = Config()
    cfg.HistoryManager.enabled = False
    cfg.InteractiveShell.colors = "NoColor"
    shell = InteractiveShell.instance(config=cfg)
    shell.user_ns["__name__"] = "__main__"
    shell.displayhook.write_output_prompt = lambda: None  # no "Out[0]:" in the kept output
    baseline_tf = (list(shell.input_transformers_cleanup), list(shell.input_transformers_post))
    import builtins
    import importlib
    import math as _math  # noqa: F401 - fingerprinted below

    for name in job.get("preload", []):
        with contextlib.suppress(Exception):  # the cell that imports it will show the error
            importlib.import_module(name)
    checks = [m for m in job.get("preload", []) if m.startswith("alaskaki.exercises")]
    watched = [m for m in ["math", "numpy", *checks] if m in sys.modules]
    fp_before = _fingerprint(watched)
    print_before = builtins.print
    _drop_privileges(job.get("uid"))
    with contextlib.suppress(OSError):
        os.setsid()
    cell_timeout = int(job.get("cell_timeout") or CELL_TIMEOUT)

    def on_alarm(signum, frame):
        raise _CellTimeout()

    real_stdout, real_stderr = sys.stdout, sys.stderr
    for i, cell in enumerate(job["cells"]):
        if cell.get("kind") == "point":
            ns = shell.user_ns
            out = {}
            for name in cell.get("names", []):
                if name in ns:
                    try:
                        out[name] = encode_value(ns[name])
                    except Exception as exc:  # noqa: BLE001 - a hostile value; it cannot pass
                        out[name] = dict(UNREADABLE, why=type(exc).__name__)
                else:
                    out[name] = {"t": "missing"}
            send({"k": "point", "id": cell.get("grade_id"), "vars": out})
            continue
        cap, cap_err = _Capped(), _Capped()  # one object for both streams makes print() 5x slower
        sys.stdout, sys.stderr = cap, cap_err
        status, ename, evalue = "ok", "", ""
        signal.signal(signal.SIGALRM, on_alarm)
        signal.alarm(cell_timeout)
        try:
            res = shell.run_cell(cell.get("source", ""), store_history=False, silent=False)
            signal.alarm(0)
            err = res.error_before_exec or res.error_in_exec
            if isinstance(err, _CellTimeout):
                status, ename, evalue = (
                    "timeout",
                    "TimeoutError",
                    f"sel berjalan lebih dari {cell_timeout} detik",
                )
            elif err is not None:
                status, ename, evalue = "error", type(err).__name__, str(err)[:2000]
        except _CellTimeout:
            status, ename, evalue = (
                "timeout",
                "TimeoutError",
                f"sel berjalan lebih dari {cell_timeout} detik",
            )
        except BaseException as exc:  # noqa: BLE001 - SystemExit, KeyboardInterrupt, anything
            status, ename, evalue = "error", type(exc).__name__, str(exc)[:2000]
        finally:
            signal.alarm(0)
            sys.stdout, sys.stderr = real_stdout, real_stderr
        send(
            {
                "k": "cell",
                "i": i,
                "status": status,
                "ename": ename,
                "evalue": evalue,
                "out": (cap.text() + cap_err.text())[:OUTPUT_LIMIT],
                "size": cap.size + cap_err.size,
            }
        )

    checks = []
    try:
        if sys.gettrace() is not None:
            checks.append("settrace")
        if sys.getprofile() is not None:
            checks.append("setprofile")
        if (
            list(shell.input_transformers_cleanup),
            list(shell.input_transformers_post),
        ) != baseline_tf or shell.ast_transformers:
            checks.append("transformer")
        if getattr(shell, "custom_exceptions", ()) or sys.excepthook is not sys.__excepthook__:
            checks.append("exception_handler")
        fp_after = _fingerprint(watched)
        for mod, table in fp_before.items():
            after = fp_after.get(mod, {})
            if any(after.get(k) != v for k, v in table.items()):
                checks.append("monkeypatch:" + mod)
        if vars(builtins).get("print") is not print_before:
            checks.append("monkeypatch:builtins")
        if job.get(
            "sandboxed"
        ):  # own PID namespace: pid 1 is bwrap, anything else was started by the notebook
            me = os.getpid()
            if job.get("uid") is not None:  # anything else running under our own uid
                if _pids_of_uid(os.getuid()) - {me}:
                    checks.append("processes")
            elif any(p.isdigit() and int(p) not in (me, 1) for p in os.listdir("/proc")):
                checks.append("processes")
    except Exception:  # noqa: BLE001 - the participant broke the interpreter; say so
        checks.append("broken")
    send({"k": "checks", "v": checks})
    send({"k": "done"})
    os._exit(0)


def _pids_of_uid(uid: int) -> set[int]:
    out = set()
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/status", encoding="ascii", errors="replace") as f:
                    for line in f:
                        if line.startswith("State:") and line.split()[1] in ("Z", "X"):
                            break  # a zombie is already dead; its parent reaps it
                        if line.startswith("Uid:"):
                            if int(line.split()[1]) == uid:
                                out.add(int(entry.name))
                            break
            except (OSError, ValueError):
                continue
    return out


def _kill_uid(uid: int) -> None:
    """Kill every process of ``uid`` (a submission's leftovers), however often they fork."""
    for _ in range(200):
        pids = _pids_of_uid(uid)
        if not pids:
            return
        for pid in pids:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.01)


def _wipe(folder: str) -> None:
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _collect_child(fd: int, pid: int, deadline: float) -> tuple[list[str], list[str]]:
    """Read a child's channel until it says done, exits, floods or runs out of time."""
    sel = selectors.DefaultSelector()
    os.set_blocking(fd, False)
    sel.register(fd, selectors.EVENT_READ)
    buf, total, lines, events, exited = b"", 0, [], [], False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                events.append("timeout")
                break
            ready = sel.select(timeout=min(left, 0.2))
            if not ready:
                if exited or os.waitpid(pid, os.WNOHANG)[0]:
                    exited = True
                    break
                continue
            try:
                chunk = os.read(fd, 1 << 16)
            except BlockingIOError:
                continue
            if not chunk:
                break
            total += len(chunk)
            if total > CHANNEL_LIMIT:
                events.append("flood")
                break
            buf += chunk
            *done_lines, buf = buf.split(b"\n")
            finished = False
            for line in done_lines:
                text = line.decode("utf-8", errors="replace")
                lines.append(text)
                if text == '{"k": "done"}':
                    finished = True
            if finished:
                break
    finally:
        sel.close()
        os.close(fd)
    return lines, events


def _read_line(fd: int) -> bytes:
    """One line from ``fd`` (the grader writes one job and waits, so nothing is read past it)."""
    buf = b""
    while not buf.endswith(b"\n"):
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            break
        buf += chunk
    return buf.strip()


def _zygote_job(n: int, chan, chan_fd: int, devnull: int) -> None:  # pragma: no cover
    line = _read_line(0)
    if not line:
        os._exit(3)
    job = json.loads(line)
    uid = int(job["uid"])
    scratch = f"{SCRATCH}/{n}"
    os.makedirs(scratch)
    os.chown(scratch, uid, uid)
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(r)
            os.close(chan_fd)
            os.dup2(devnull, 0)
            os.chdir(scratch)
            os.environ.update(
                HOME=scratch, IPYTHONDIR=scratch + "/.ipython", MPLCONFIGDIR=scratch + "/.mpl"
            )
            _run_job(job, os.fdopen(w, "w", buffering=1, encoding="utf-8"))
        finally:
            os._exit(0)
    os.close(w)
    lines, events = _collect_child(
        r, pid, time.monotonic() + float(job.get("run_timeout", RUN_TIMEOUT))
    )
    _kill_uid(uid)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
    for folder in (SCRATCH, "/tmp", "/dev/shm"):
        _wipe(folder)
    chan.write(json.dumps({"k": "zresult", "lines": lines, "events": events}) + "\n")
    chan.flush()
    os._exit(0)


def _zygote_main() -> (
    None
):  # pragma: no cover - runs inside bubblewrap; covered by integration tests
    """A warm runner: imports once, then forks a fresh, limited child per submission.

    The child drops to the job's uid before any participant code runs; after it, every process of
    that uid is killed and the scratch folders are wiped, so nothing of one submission survives
    into the next. Only this process writes to the grader, one framed line per job.
    """
    chan_fd = os.dup(1)
    chan = os.fdopen(chan_fd, "w", buffering=1, encoding="utf-8")
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    setup = json.loads(_read_line(0) or b"{}")
    for p in setup.get("paths", []):
        if p not in sys.path:
            sys.path.append(p)
    import importlib

    importlib.import_module("IPython.core.interactiveshell")
    for name in setup.get("preload", []):
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    chan.write('{"k": "ready"}\n')  # the grader sends the first job only now (no read-ahead)
    chan.flush()
    # This process never holds a participant's data: a short-lived manager reads each job, forks
    # the participant's child (which so inherits only its own job), reports and exits.
    n = 0
    while True:
        n += 1
        manager = os.fork()
        if manager == 0:
            try:
                _zygote_job(n, chan, chan_fd, devnull)
            finally:
                os._exit(4)
        _, status = os.waitpid(manager, 0)
        if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 3:  # no more jobs
            break
        if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
            chan.write(json.dumps({"k": "zresult", "lines": [], "events": ["killed"]}) + "\n")
            chan.flush()
    os._exit(0)


if __name__ == "__main__" and "--run" in sys.argv:
    _runner_main()
elif __name__ == "__main__" and "--zygote" in sys.argv:
    _zygote_main()
