"""Run a participant's notebook code where it cannot reach the grader, and bring back plain data.

The grader (``grading/``) never executes a participant's code in its own process. It starts this
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
import re
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
RESULT_LIMIT = CHANNEL_LIMIT  # bytes of JSON-encoded runner lines one warm sandbox result carries
# Every frame the runner sends starts so (json.dumps of a dict whose first key is "k"). A line
# that does not is bytes the participant wrote to the channel's pipe themselves: the warm
# sandbox's manager drops it (event "garbage") instead of passing it on (red team R62).
FRAME_PREFIX = b'{"k": "'
OUTPUT_LIMIT = 4000  # characters of a cell's own output kept for the autograded notebook
# A character Python holds but UTF-8 cannot write (a lone surrogate, chr(0xD800)): any text a
# participant's code makes can hold one, and the grader's every UTF-8 write of it raised (red team
# R71/R72). :func:`clean_text` replaces them where participant text enters (:func:`_take`) and
# before every write of the grader (grading.record.atomic_write).
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
HUGE_OUTPUT = 1_000_000  # characters of output from one cell that no exercise needs
CELL_TIMEOUT = 30  # seconds per cell, like nbgrader's Execute.timeout
RUN_TIMEOUT = 120  # seconds of wall-clock for one whole submission
ANSWER_BYTES = (
    1024 * 1024
)  # answer frames of one submission (the grader passes Limits.answer_bytes)
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


# The decoder only rebuilds dtypes honest answers have, and checks the size before allocating:
# a dtype string is the participant's choice (``"(1000,1000)f8"`` or ``"U25000000"`` would make a
# tiny frame allocate megabytes per element).
_NUMPY_DTYPE = re.compile(
    r"(?:bool|u?int(?:8|16|32|64)|float(?:16|32|64)|complex(?:64|128)|object"
    r"|[<>|=]?[US]\d{1,4}|(?:datetime|timedelta)64(?:\[(?:ns|us|ms|s|m|h|D)\])?)"
)
_PANDAS_DTYPE = re.compile(
    r"category|str|string(?:\[(?:python|pyarrow)\])?|boolean|U?Int(?:8|16|32|64)|Float(?:32|64)|datetime64\[ns, [\w/+-]{1,40}\]"
)
DECODED_LIMIT = 16 * 1024 * 1024  # bytes one decoded array or table may take


def _numpy_dtype(name):
    import numpy as np

    if not isinstance(name, str) or not _NUMPY_DTYPE.fullmatch(name):
        raise ValueError("dtype")
    return np.dtype(name)


def _pandas_dtype(name):
    if isinstance(name, str) and _PANDAS_DTYPE.fullmatch(name):
        return name
    return _numpy_dtype(name)


def _leaves(value, limit: int) -> int:
    """Elements in a nested list (what numpy would allocate), stopping early past ``limit``."""
    n, stack = 0, [value]
    while stack:
        v = stack.pop()
        if isinstance(v, list):
            stack.extend(v)
        else:
            n += 1
        if n + len(stack) > limit:
            return limit + 1
    return n


def _check_size(values, itemsize: int) -> None:
    limit = DECODED_LIMIT // max(1, itemsize)
    if _leaves(values, limit) > limit:
        raise ValueError("terlalu besar")


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
            dtype = _numpy_dtype(data["dtype"])
            if isinstance(v, (dict, list)):
                raise ValueError("bukan skalar")
            return dtype.type(_decode(v))
        if t == "ndarray":
            import numpy as np

            dtype = _numpy_dtype(data["dtype"])
            _check_size(v, dtype.itemsize)
            return np.array(_decode(v), dtype=dtype)
        if t == "DataFrame":
            import pandas as pd

            dtypes = [_pandas_dtype(d) for d in data["dtypes"]]
            _check_size(v, 8)
            df = pd.DataFrame(_decode(v), columns=_decode(data["columns"]))
            df.index = _decode(data["index"])
            for col, dt in zip(df.columns, dtypes, strict=False):
                with contextlib.suppress(TypeError, ValueError):
                    df[col] = df[col].astype(dt)
            return df
        if t == "Series":
            import pandas as pd

            dtype = _pandas_dtype(data["dtype"])
            _check_size(v, 8)
            s = pd.Series(_decode(v), index=_decode(data["index"]), name=_decode(data["name"]))
            try:
                return s.astype(dtype)
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


class LineBuffer:
    """Bytes in, whole lines out, in time linear in the bytes (red team R62: ``buf += chunk`` on
    ``bytes`` and a search from the start at every chunk made a 60 MB line cost half a minute).

    A bytearray grows in place and drops a line from its front without copying the rest; the
    newline is looked for only in what arrived since the last look."""

    def __init__(self) -> None:
        self._buf = bytearray()
        self._looked = 0  # bytes at the front known to hold no newline

    def __len__(self) -> int:
        return len(self._buf)

    def feed(self, chunk: bytes) -> None:
        self._buf += chunk

    def line(self) -> bytes | None:
        """The next whole line (without its newline), or None until one has arrived."""
        end = self._buf.find(b"\n", self._looked)
        if end < 0:
            self._looked = len(self._buf)
            return None
        out = bytes(self._buf[:end])
        del self._buf[: end + 1]
        self._looked = 0
        return out


# ---------------------------------------------------------------------------------------------
# Kernel plumbing (ctypes over libc; stdlib only). Used by the trusted parts of the sandbox before
# any participant code runs: namespaces per submission, dropping every capability, seccomp.
# ---------------------------------------------------------------------------------------------

CLONE_NEWNS = 0x00020000
CLONE_NEWIPC = 0x08000000
CLONE_NEWPID = 0x20000000
# every flag that creates a namespace (time, mount, cgroup, uts, ipc, user, pid, net)
_CLONE_NEW_ANY = 0x00000080 | 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000
_CLONE_NEW_ANY |= 0x20000000 | 0x40000000
_MS_NOSUID, _MS_NODEV, _MS_NOEXEC, _MS_REC, _MS_PRIVATE = 2, 4, 8, 0x4000, 1 << 18
_PR_SET_SECCOMP, _PR_CAPBSET_DROP, _PR_SET_CHILD_SUBREAPER = 22, 24, 36
_PR_SET_NO_NEW_PRIVS, _PR_CAP_AMBIENT, _PR_CAP_AMBIENT_CLEAR_ALL = 38, 47, 4
_SECCOMP_MODE_FILTER = 2
_SECCOMP_RET_ALLOW = 0x7FFF0000
_SECCOMP_RET_ERRNO = 0x00050000
_EPERM, _ENOSYS = 1, 38

# Syscalls participant code never needs and that would let it leave or widen its sandbox:
# namespaces, mounts, tracing other processes, kernel keyrings, BPF, module loading.
_DENIED = [
    *("mount", "umount2", "pivot_root", "chroot", "unshare", "setns", "ptrace", "keyctl"),
    *("add_key", "request_key", "bpf", "perf_event_open", "userfaultfd", "open_by_handle_at"),
    *("kexec_load", "init_module", "finit_module", "delete_module", "open_tree", "move_mount"),
    *("fsopen", "fsconfig", "fsmount", "fspick", "mount_setattr"),
]
_SYSCALLS = {
    "x86_64": (
        0xC000003E,
        {
            "mount": 165,
            "umount2": 166,
            "pivot_root": 155,
            "chroot": 161,
            "unshare": 272,
            "setns": 308,
            "ptrace": 101,
            "keyctl": 250,
            "add_key": 248,
            "request_key": 249,
            "bpf": 321,
            "perf_event_open": 298,
            "userfaultfd": 323,
            "open_by_handle_at": 304,
            "kexec_load": 246,
            "init_module": 175,
            "finit_module": 313,
            "delete_module": 176,
            "open_tree": 428,
            "move_mount": 429,
            "fsopen": 430,
            "fsconfig": 431,
            "fsmount": 432,
            "fspick": 433,
            "mount_setattr": 442,
            "clone": 56,
            "clone3": 435,
        },
    ),
    "aarch64": (
        0xC00000B7,
        {
            "mount": 40,
            "umount2": 39,
            "pivot_root": 41,
            "chroot": 51,
            "unshare": 97,
            "setns": 268,
            "ptrace": 117,
            "keyctl": 219,
            "add_key": 217,
            "request_key": 218,
            "bpf": 280,
            "perf_event_open": 241,
            "userfaultfd": 282,
            "open_by_handle_at": 265,
            "kexec_load": 104,
            "init_module": 105,
            "finit_module": 273,
            "delete_module": 106,
            "open_tree": 428,
            "move_mount": 429,
            "fsopen": 430,
            "fsconfig": 431,
            "fsmount": 432,
            "fspick": 433,
            "mount_setattr": 442,
            "clone": 220,
            "clone3": 435,
        },
    ),
}

_LIBC = None


def _libc():
    global _LIBC
    if _LIBC is None:
        import ctypes

        _LIBC = ctypes.CDLL(None, use_errno=True)
    return _LIBC


def _check(rc: int, what: str) -> None:
    if rc != 0:
        import ctypes

        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _prctl(option: int, arg2: int = 0, arg3: int = 0) -> None:
    import ctypes

    libc = _libc()
    fn = libc.prctl
    fn.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    _check(fn(option, arg2, arg3, 0, 0), f"prctl({option})")


def unshare(flags: int) -> None:
    _check(_libc().unshare(flags), "unshare")


def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: str = "") -> None:
    import ctypes

    fn = _libc().mount
    fn.argtypes = [
        ctypes.c_char_p,
        ctypes.c_char_p,
        ctypes.c_char_p,
        ctypes.c_ulong,
        ctypes.c_char_p,
    ]

    def enc(text):
        return text.encode() if text else None

    _check(fn(enc(source), target.encode(), enc(fstype), flags, enc(data)), f"mount {target}")


def _seccomp_filter() -> bytes | None:
    """A classic-BPF program: EPERM for :data:`_DENIED` and for clone() with any CLONE_NEW* flag,
    ENOSYS for clone3 (its flags sit in memory BPF cannot read; libc then falls back to clone),
    everything else allowed. None on an architecture we have no syscall table for."""
    import platform
    import struct

    arch = _SYSCALLS.get(platform.machine())
    if arch is None:
        return None
    audit_arch, nr = arch
    ld, jeq, jge, jset, ret = 0x20, 0x15, 0x35, 0x45, 0x06
    deny, enosys, allow = (
        ("RET", _SECCOMP_RET_ERRNO | _EPERM),
        ("RET", _SECCOMP_RET_ERRNO | _ENOSYS),
        ("RET", _SECCOMP_RET_ALLOW),
    )
    prog: list = [
        (ld, 0, 0, 4),  # seccomp_data.arch
        (jeq, 1, 0, audit_arch),
        (ret, 0, 0, deny[1]),  # another ABI (i386, ...): nothing allowed
        (ld, 0, 0, 0),  # seccomp_data.nr
    ]
    if audit_arch == 0xC000003E:
        prog.append((jge, "deny", 0, 0x40000000))  # the x32 ABI
    prog += [(jeq, "deny", 0, nr[name]) for name in _DENIED]
    prog += [
        (jeq, "clone", 0, nr["clone"]),
        (jeq, "enosys", 0, nr["clone3"]),
        (ret, 0, 0, allow[1]),
    ]
    labels = {"clone": len(prog)}
    prog += [
        (ld, 0, 0, 16),
        (jset, "deny", 0, _CLONE_NEW_ANY),
        (ret, 0, 0, allow[1]),
    ]  # args[0] (low word)
    labels["deny"] = len(prog)
    prog.append((ret, 0, 0, deny[1]))
    labels["enosys"] = len(prog)
    prog.append((ret, 0, 0, enosys[1]))
    out = b""
    for i, (code, jt, jf, k) in enumerate(prog):
        jt = labels[jt] - i - 1 if isinstance(jt, str) else jt
        out += struct.pack("=HBBI", code, jt, jf, k)
    return out


def confine(uid: int | None) -> list[str]:
    """Make this process fit for participant code: no capability left, no way to gain one, no new
    namespaces or mounts (seccomp), and, when root, the job's own uid. Returns what could not be done."""
    import ctypes

    missing = []
    if os.geteuid() == 0:
        try:
            last = int(Path("/proc/sys/kernel/cap_last_cap").read_text())
        except (OSError, ValueError):
            last = 63
        for cap in range(last + 1):  # the bounding set: nothing can ever be gained back by exec
            with contextlib.suppress(OSError):
                _prctl(_PR_CAPBSET_DROP, cap)
    with contextlib.suppress(OSError):
        _prctl(_PR_CAP_AMBIENT, _PR_CAP_AMBIENT_CLEAR_ALL)
    if uid is not None and os.geteuid() == 0:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)

    class _Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class _Data(ctypes.Structure):
        _fields_ = [("eff", ctypes.c_uint32), ("prm", ctypes.c_uint32), ("inh", ctypes.c_uint32)]

    try:  # effective, permitted and inheritable all empty (setuid leaves the inheritable set)
        _check(_libc().capset(ctypes.byref(_Header(0x20080522, 0)), (_Data * 2)()), "capset")
    except OSError:
        missing.append("capset")
    _prctl(_PR_SET_NO_NEW_PRIVS, 1)  # setuid files and file capabilities give nothing
    code = _seccomp_filter()
    if code is None:
        missing.append("seccomp")
    else:

        class _Prog(ctypes.Structure):
            _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

        buf = ctypes.create_string_buffer(code, len(code))
        prog = _Prog(len(code) // 8, ctypes.addressof(buf))
        try:
            _prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.addressof(prog))
        except OSError:
            missing.append("seccomp")
    return missing


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
    answer_cap: int = 0  # bytes of answer frames taken at most (0: no cap)
    answer_total: int = 0
    # grade id -> how many reports of it the job asks for (None: any). A point frame for another
    # id, or one more report of an id, was written to the channel by the notebook (red team R70).
    expected: dict[str, int] | None = None


def clean_text(text: str) -> str:
    """``text`` with every lone surrogate (which UTF-8 cannot encode) replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def _clean_data(data):
    """A decoded JSON value with :func:`clean_text` applied to every string (keys too)."""
    if isinstance(data, str):
        return clean_text(data)
    if isinstance(data, list):
        return [_clean_data(v) for v in data]
    if isinstance(data, dict):
        return {clean_text(k): _clean_data(v) for k, v in data.items()}
    return data


def expected_points(job: dict) -> dict[str, int]:
    """grade id -> how many times the job's cells ask the runner to report it."""
    out: dict[str, int] = {}
    for cell in job.get("cells", []):
        if cell.get("kind") == "point" and isinstance(cell.get("grade_id"), str):
            out[cell["grade_id"]] = out.get(cell["grade_id"], 0) + 1
    return out


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


# Capabilities the trusted part inside bubblewrap keeps when grading as root (every other one is
# dropped by bwrap): changing uid, and emptying the bounding set before participant code runs; the
# warm sandbox also unshares and mounts per submission (SYS_ADMIN) and kills the submission's
# namespace (KILL: its init then runs as another uid). Participant code itself keeps none.
RUNNER_CAPS = ("CAP_SETUID", "CAP_SETGID", "CAP_SETPCAP")
ZYGOTE_CAPS = (*RUNNER_CAPS, "CAP_SYS_ADMIN", "CAP_KILL")


def build_command(*, sandboxed: bool, zygote: bool = False) -> list[str]:
    runner = str(Path(__file__).resolve())
    python = sys.executable
    argv = [python, "-I", "-X", "utf8", runner, "--zygote" if zygote else "--run"]
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
            "--cap-drop",
            "ALL",
        ]
        for cap in ZYGOTE_CAPS if zygote else RUNNER_CAPS:
            unshare += ["--cap-add", cap]
    else:
        # --disable-userns needs an explicit --unshare-user (bwrap 0.8 refuses it otherwise)
        unshare = ["--unshare-all", "--unshare-user", "--disable-userns"]
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
    for hidden in _hidden_paths():  # the assessment key, when it sits inside a bound folder
        if any(hidden == b or hidden.startswith(b + "/") for b in binds + ["/usr"]):
            cmd += (
                ["--tmpfs", hidden] if Path(hidden).is_dir() else ["--ro-bind", "/dev/null", hidden]
            )
    return cmd + ["--", *argv]


# Grader-side packages participant code must never see (helper "sealed": the assessment key,
# imported by hidden tests in the trusted judge only).
HIDDEN_PACKAGES = ("alaskaki_kunci",)


def _hidden_paths() -> list[str]:
    """Every place the hidden packages could be imported from: where the grader finds them, and a
    copy in any folder on the grader's or the trainer's Python path (e.g. site-packages)."""
    import importlib.util

    out: set[str] = set()
    roots = [p for p in sys.path + extra_paths() if p and Path(p).is_dir()]
    for name in HIDDEN_PACKAGES:
        for root in roots:
            for candidate in (Path(root) / name, Path(root) / f"{name}.py"):
                if candidate.exists():
                    out.add(str(candidate.resolve()))
        try:
            spec = importlib.util.find_spec(name)  # finds it without running it
        except (ImportError, ValueError):
            spec = None
        if spec is not None and spec.submodule_search_locations:
            out.update(str(Path(p).resolve()) for p in spec.submodule_search_locations)
        elif spec is not None and spec.origin:
            out.add(str(Path(spec.origin).resolve()))
    # The instructor notebooks (solutions, hidden tests): a wheel install keeps them as package
    # data (alaskaki/kit/assignments/source) inside site-packages, which the sandbox binds.
    from alaskaki import paths

    if paths.SOURCE_DIR.is_dir():
        out.add(str(paths.SOURCE_DIR.resolve()))
    return sorted(out)


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
    answer_bytes: int = ANSWER_BYTES,
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
    result = SandboxResult(answer_cap=answer_bytes, expected=expected_points(job))
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
    if not result.finished and not result.events:
        result.events.append("setup" if proc.returncode == SETUP_FAILED else "exited")
    return result


class Cgroup:
    """A cgroup v2 of one warm sandbox, where the machine delegates one to the grader.

    Gives the whole worker (every submission it runs) ``memory.max`` and ``pids.max``, and ends it
    with ``cgroup.kill``. :meth:`create` returns None when cgroup v2 is not mounted, or the memory
    and pids controllers cannot be enabled below the grader's own cgroup (the usual case without
    delegation, and on these machines; docs/grading.md says which limits hold then).
    """

    def __init__(self, path: Path):
        self.path = path

    @staticmethod
    def _mount_point() -> Path | None:
        try:
            with open("/proc/self/mountinfo", encoding="utf-8") as f:
                for line in f:
                    left, _, right = line.partition(" - ")
                    if right.split()[:1] == ["cgroup2"]:
                        return Path(left.split()[4])
        except OSError:
            pass
        return None

    @classmethod
    def base(cls) -> Path | None:
        """The grader's own cgroup v2 folder, when it can hold sub-cgroups with memory and pids."""
        mnt = cls._mount_point()
        if mnt is None:
            return None
        try:
            own = next(
                ln[3:].strip()
                for ln in Path("/proc/self/cgroup").read_text().splitlines()
                if ln.startswith("0::")
            )
            here = mnt / own.lstrip("/")
            if not {"memory", "pids"} <= set((here / "cgroup.controllers").read_text().split()):
                return None
        except (OSError, StopIteration):
            return None
        return here

    @classmethod
    def create(cls, name: str, *, memory_max: int, pids_max: int) -> Cgroup | None:
        here = cls.base()
        if here is None:
            return None
        try:
            enabled = set((here / "cgroup.subtree_control").read_text().split())
            if not {"memory", "pids"} <= enabled:
                # cgroup v2 allows controllers below a cgroup only when no process sits in it:
                # move the grader into a leaf of its own first (what delegation expects)
                leaf = here / "alaskaki-penilai"
                leaf.mkdir(exist_ok=True)
                (leaf / "cgroup.procs").write_text(str(os.getpid()))
                (here / "cgroup.subtree_control").write_text("+memory +pids")
            path = here / name
            path.mkdir(exist_ok=True)
            (path / "memory.max").write_text(str(memory_max))
            with contextlib.suppress(OSError):
                (path / "memory.swap.max").write_text("0")
            (path / "pids.max").write_text(str(pids_max))
        except OSError:
            return None
        return cls(path)

    def add(self, pids) -> None:
        for pid in pids:
            with contextlib.suppress(OSError):
                (self.path / "cgroup.procs").write_text(str(pid))

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            (self.path / "cgroup.kill").write_text("1")
        for _ in range(100):  # the kill is asynchronous; the folder goes once it is empty
            try:
                self.path.rmdir()
                return
            except OSError:
                time.sleep(0.02)


def _descendants(pid: int) -> list[int]:
    """``pid`` and every process below it (read from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


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
        self.cgroup: Cgroup | None = None
        self.cold = False  # True once a start failed: one bwrap per submission from then on
        self.token = ""
        self._lines = LineBuffer()
        self.loaded: set[str] = set()  # what the zygote had imported when it said it was ready
        self.started = False  # said it was ready

    def serves(self, preload: list[str]) -> bool:
        """Whether a job preloading ``preload`` finds every one of them imported already."""
        return set(preload) <= set(self.preload) | self.loaded

    def _start(self) -> None:
        self._spawn()
        self._ready()

    def prestart(self) -> None:
        """Start bubblewrap now, from this thread; the first job waits for it to be ready.

        bubblewrap's ``--die-with-parent`` follows the THREAD that started it, so a zygote meant to
        outlive one grading run's thread pool (``grading.answers.keep_warm``) is started here."""
        if self.proc is None and not self.cold:
            try:
                self._spawn()
            except OSError:
                self.close()
                self.cold = True

    def _spawn(self) -> None:
        cmd = build_command(sandboxed=True, zygote=True)
        self.token = os.urandom(12).hex()
        self._lines = LineBuffer()
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

    def _ready(self) -> None:
        try:
            ready = json.loads(self._readline(time.monotonic() + 120) or b"{}")
        except ValueError:
            ready = {}
        if ready.get("k") != "ready" or not ready.get("ns"):
            # no warm sandbox without per-submission namespaces: one bwrap per submission instead
            raise OSError("the warm sandbox did not start")
        # said before any job ran in it (no participant code has run there)
        loaded = ready.get("modules")
        self.loaded = (
            {m for m in loaded if isinstance(m, str)} if isinstance(loaded, list) else set()
        )
        # the zygote forks every manager and runner later: they are born inside its cgroup
        self.cgroup = Cgroup.create(
            f"alaskaki-{os.getpid()}-{self.uid}",
            memory_max=int(DEFAULT_LIMITS["as_bytes"]),
            pids_max=int(DEFAULT_LIMITS["nproc"]) + 16,
        )
        if self.cgroup is not None:
            self.cgroup.add(_descendants(self.proc.pid))
        self.started = True

    def run(
        self, job: dict, *, run_timeout: float = RUN_TIMEOUT, answer_bytes: int = ANSWER_BYTES
    ) -> SandboxResult:
        started = time.monotonic()
        result = SandboxResult(answer_cap=answer_bytes, expected=expected_points(job))
        job = _prepare_job(job, sandboxed=True, uid=self.uid)
        fresh = self.cold or self.proc is None or self.proc.poll() is not None
        if fresh or not self.started:
            try:
                if self.cold:
                    raise OSError("the warm sandbox cannot work here")
                if fresh:
                    self.close()
                    self._spawn()
                self._ready()  # spawned by prestart() or just now
            except OSError:
                self.close()
                self.cold = True  # do not pay a failed start per submission
                return run_in_sandbox(
                    job,
                    sandboxed=True,
                    uid=self.uid,
                    run_timeout=run_timeout,
                    answer_bytes=answer_bytes,
                )
        job["run_timeout"] = run_timeout
        nonce = os.urandom(NONCE_LEN // 2).hex()
        try:
            self.proc.stdin.write((nonce + "\n" + json.dumps(job) + "\n").encode())
            self.proc.stdin.flush()
            line = self._readline(started + run_timeout + 30)
        except (OSError, ValueError, AttributeError):  # closed under us (Ctrl-C) or died
            line = None
        if line is None:  # the warm sandbox hung or was killed: a new one for the next job
            result.events.append("lost")
            self.close()
        else:
            try:
                msg = json.loads(line)
                events = [str(e)[:60] for e in msg.get("events", [])][:20]
                if msg.get("nonce") == nonce:
                    for text in msg.get("lines", []):
                        _take(text.encode("utf-8", errors="replace"), result)
                elif not any(e.startswith("manager:") for e in events):
                    events = ["forged"]  # only the manager knows the nonce: never take such lines
                result.events.extend(events)
            except (ValueError, AttributeError, TypeError, RecursionError):
                result.events.append("forged")
            if not result.finished and not result.events:
                result.events.append("exited")
        result.seconds = time.monotonic() - started
        return result

    def _readline(self, deadline: float) -> bytes | None:
        fd = self.proc.stdout.fileno()
        sel = selectors.DefaultSelector()
        sel.register(fd, selectors.EVENT_READ)
        try:
            while (line := self._lines.line()) is None:
                left = deadline - time.monotonic()
                # the manager bounds what it passes on (RESULT_LIMIT): far more is a broken sandbox
                if left <= 0 or len(self._lines) > 4 * CHANNEL_LIMIT:
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
                self._lines.feed(chunk)
        finally:
            sel.close()
        return line

    def close(self) -> None:
        self.started = False
        if self.cgroup is not None:
            self.cgroup.kill()
            self.cgroup = None
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
    buf = LineBuffer()
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
            buf.feed(chunk)
            while (line := buf.line()) is not None:
                if line:  # the key recorder starts its frames on a line of their own
                    _take(line, result)
                if result.finished:
                    return
    finally:
        sel.close()


def _take(line: bytes, result: SandboxResult) -> None:
    try:
        msg = json.loads(line)
        if _SURROGATE_ESCAPE.search(line):  # participant text enters here: only writable text
            msg = _clean_data(msg)
    except (ValueError, UnicodeDecodeError, RecursionError):
        result.events.append("garbage")
        return
    if not isinstance(msg, dict):
        result.events.append("garbage")
        return
    kind = msg.get("k")
    if kind == "point" and isinstance(msg.get("id"), str) and isinstance(msg.get("vars"), dict):
        if result.expected is not None:
            # only the job's own grade ids, each as often as the job asks: the first report
            # counts, any other point frame is the notebook's own writing (red team R70)
            if result.expected.get(msg["id"], 0) <= 0:
                if "garbage" not in result.events:
                    result.events.append("garbage")
                return
            result.expected[msg["id"]] -= 1
        result.answer_total += len(line)
        if result.answer_cap and result.answer_total > result.answer_cap:
            if "answers_too_big" not in result.events:
                result.events.append("answers_too_big")
            too_big = dict(UNREADABLE, why="jawaban terlalu besar")
            result.points.setdefault(
                msg["id"], {str(k)[:100]: too_big for k in list(msg["vars"])[:50]}
            )
            return
        result.points.setdefault(msg["id"], msg["vars"])  # the first report of a point counts
    elif kind == "cell" and not (isinstance(msg.get("i"), int) and not isinstance(msg["i"], bool)):
        # the runner numbers its cells; any other shape is the notebook's own writing (R78)
        if "garbage" not in result.events:
            result.events.append("garbage")
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
    elif kind == KEY_FRAME and isinstance(msg.get("f"), str):
        # the key recorder heard a call into the answer key (or an attempt on the recorder); a
        # notebook writing such a frame itself only accuses itself
        code = "kunci:" + (msg["f"] if _KEY_NAME.fullmatch(msg["f"]) else "?")
        if code not in result.checks and len(result.checks) < 100:
            result.checks.append(code)
    elif kind == "checks" and isinstance(msg.get("v"), list):
        result.checks.extend(str(c)[:60] for c in msg["v"][:50])
    elif kind == "done":
        result.finished = True


_KEY_NAME = re.compile(r"[\w.!:<>-]{1,80}")


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


def _fingerprint(modules: list[str]) -> dict:
    """Identity of functions a participant might replace (builtins, math, numpy, our checks)."""
    import builtins

    fp = {"builtins": {k: id(v) for k, v in vars(builtins).items()}}
    for name in modules:
        mod = sys.modules.get(name)
        if mod is not None:
            fp[name] = {k: id(v) for k, v in vars(mod).items() if not k.startswith("_")}
    return fp


# ---------------------------------------------------------------------------------------------
# The key-call recorder (red team R76). The exercises modules ship their answer key (``harapan``,
# the hidden checks ``uji_*``) in the kit the participant's kernel imports; a static scan of the
# cell text is defeated by one split string (``getattr(latihan, 'har' + 'apan')``). Every key
# function starts with a marker, ``(lambda: None).__code__``: a read Python's audit hooks hear,
# made of syntax only, so no name a notebook could rebind stands between the call and the event.
# The runner adds an audit hook before the first participant cell; Python offers no way to remove
# one. The hook writes its frame straight to the channel's pipe (one write(2), before the key
# function returns a value), so what it heard has left the process before the notebook can use
# the key. What the hook relies on is immutable (a frozenset, ints, builtins bound when it was
# made). Tampering is an indication of its own: what would let a notebook reach the hook (gc,
# tracers, another audit hook, ctypes) or run the key where it cannot hear (a subinterpreter, a
# new program, a body swapped under a kit function's name) is recorded, each event before Python
# carries it out, so the record has left the process before the attempt can do anything. (Not
# refused: the sandbox's own isolation tests use ctypes, and a refusal would hide those layers.)
# ---------------------------------------------------------------------------------------------

KEY_FRAME = "kunci"
KEY_NAMES = ("harapan",)  # the key a check calls to compute its verdict (compared, counted)
KEY_NOTED = frozenset(
    {
        *("sys.addaudithook", "sys.settrace", "sys.setprofile"),
        *("gc.get_objects", "gc.get_referrers", "gc.get_referents"),
        "sys._current_frames",  # another thread's frames, a running check's among them (R81)
        *("cpython.PyInterpreterState_New", "code.__new__"),
        *("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn"),
    }
)
KEY_NOTED_SETATTR = frozenset({"__code__"})  # a body swapped under a kit name
# While a check computes its verdict the key is a local of its frames (and of harapan's): participant
# code run inside it (a kit class's method or a standard hook such as abc's __instancecheck__
# replaced) or a traceback out of it could read them without calling anything (red team R80/R81).
# Every way Python hands out a frame is heard: sys._getframe and these attribute reads raise audit
# events; a signal handler is handed the interrupted frame with no event, so a check computing its
# verdict notes any handler the runner did not install.
KEY_FRAME_ATTRS = frozenset({"tb_frame", "gi_frame", "cr_frame", "ag_frame"})
# A check is a yes/no oracle (``latihan._hpp_cek(ID, tebakan).benar``): halving an interval finds a
# number within its tolerance in some forty calls. A notebook runs each of its cells once when
# graded, so a check that computes its verdict this often in one run is being searched with.
KEY_ORACLE_CALLS = 25


def _kit_codes(modules, kit_dir: str):
    """Every code object of the kit's exercises modules: module-level functions, methods and
    everything nested in them (closures such as pasangan's ``uji``, comprehensions)."""
    import types

    todo, seen = [], set()
    for mod in modules:
        for value in list(vars(mod).values()):
            members = list(vars(value).values()) if isinstance(value, type) else [value]
            for m in members:
                fn = getattr(m, "__func__", None) or getattr(m, "fget", None) or m
                code = getattr(fn, "__code__", None)
                if isinstance(code, types.CodeType) and code.co_filename.startswith(kit_dir):
                    todo.append(code)
    while todo:
        code = todo.pop()
        if code in seen:
            continue
        seen.add(code)
        todo.extend(c for c in code.co_consts if isinstance(c, types.CodeType))
    return seen


def _marked(code) -> bool:
    """Whether a kit function starts with the key marker (reads a lambda's ``__code__``)."""
    import types

    return "__code__" in code.co_names and any(
        isinstance(c, types.CodeType) and c.co_name == "<lambda>" for c in code.co_consts
    )


def _is_class(value) -> bool:
    return isinstance(value, type)


def _stdlib_names(module) -> set[str]:
    """The names a standard module's classes give as their ``__module__`` (abc's ABCMeta says
    'abc', _collections_abc's say 'collections.abc')."""
    return {"collections.abc"} if module.__name__ == "_collections_abc" else set()


# standard modules whose Python code runs inside a check (see key_recorder's snapshot, R86)
KEY_STDLIB = (
    *("abc", "_collections_abc", "numbers", "random", "re", "re._compiler", "re._parser"),
    *("csv", "dataclasses", "enum", "pathlib", "codecs", "importlib._bootstrap"),
)


def key_recorder(fd: int, kit_dir: str, modules, handlers=()) -> object:
    """The audit hook that records calls into the answer key (see above). ``fd``: the channel's
    pipe; ``kit_dir``: the exercises package's folder; ``modules``: the exercises modules, all
    imported. A key function called by kit code that names it (a check computing its verdict) is
    not recorded; called from anywhere else (a cell, a lambda, exec, through getattr, map or a
    kit function handed it as an argument) it is. A frame of a running check (or of the key)
    reached by other code is recorded as an attempt; ``handlers``: the runner's own signal
    handlers (any other Python handler is noted when a check computes its verdict)."""
    import _thread
    import builtins
    import math
    import signal as signals
    import types

    codes = _kit_codes(modules, kit_dir)
    # What a check computing its verdict looks up (the kit's modules, math, builtins), as it is
    # now: a notebook that swaps one (periksa_angka, math.isclose, abs shadowed in a kit module)
    # and restores it within the cell would be handed the key by the check (IPython swaps exit,
    # quit and get_ipython itself while a cell runs).
    kit = [
        m
        for name, m in sorted(sys.modules.items())
        if (name == "alaskaki" or name.startswith("alaskaki.")) and hasattr(m, "__dict__")
    ]
    own = frozenset({"exit", "quit", "get_ipython", "_", "__", "___"})
    snapshot = tuple(
        (
            m.__name__,
            vars(m),
            tuple((k, v) for k, v in vars(m).items() if k not in own),
            frozenset(vars(m)),
        )
        for m in [*kit, math, builtins]
    )
    # and the classes and standard modules whose Python code runs while a check holds the key
    # (measured with a profiler over every cek_*: the kit's classes, every check ends by making a
    # Hasil; abc and _collections_abc for isinstance(x, numbers.Real); random for soal; re, csv,
    # dataclasses, enum, pathlib, codecs): a method swapped there runs the notebook's code inside
    # the check, where a signal handler it installs is handed the check's frame unheard (R86)
    std = [sys.modules[n] for n in KEY_STDLIB if n in sys.modules]
    classes = {
        id(v): v
        for m in [*kit, *std]
        for v in list(vars(m).values())
        if _is_class(v) and getattr(v, "__module__", None) in ({m.__name__} | _stdlib_names(m))
    }
    snapshot += tuple(
        (m.__name__, vars(m), tuple(vars(m).items()), frozenset(vars(m))) for m in std
    ) + tuple(
        (
            f"{c.__module__}.{c.__qualname__}",
            vars(c),
            tuple(vars(c).items()),
            frozenset(vars(c)),
        )
        for c in classes.values()
    )
    shadows = frozenset(vars(builtins))
    # the marked functions a kit function may call by name: harapan (the checks) and the private
    # helpers harapan computes the key with (harapan and the checks); never the hidden checks (uji)
    marked_codes = frozenset(c for c in codes if _marked(c))
    marked = {c.co_name for c in marked_codes} - {"uji"}
    allowed = frozenset((c, n) for c in codes for n in c.co_names if n in marked)
    checked = frozenset(KEY_NAMES)
    st = os.fstat(fd)
    ident = (st.st_dev, st.st_ino)
    # bound now: the hook looks up no global or builtin name a notebook could rebind
    getframe, write, fstat, _any, _len, _type = sys._getframe, os.write, os.fstat, any, len, type
    code_type, noted, noted_attr = types.CodeType, KEY_NOTED, KEY_NOTED_SETATTR
    kind, lam, Refuse, NoFrame = KEY_FRAME, "<lambda>", RuntimeError, ValueError
    oracle = KEY_ORACLE_CALLS
    calls: dict = {}  # check's code -> verdicts computed this run (the only state that changes)
    # the frames that hold the key while they run: harapan and its helpers, and the kit functions
    # calling them (the checks, which hand it on to periksa_*, their callees)
    live = frozenset(marked_codes | {c for c, _n in allowed})
    frame_attrs, _getattr, thread_id = KEY_FRAME_ATTRS, getattr, _thread.get_ident
    # threads running the hook's own frame reads (each raises an event the hook hears again)
    busy: set = set()
    enter, leave = busy.add, busy.discard
    getsignal, signums = signals.getsignal, tuple(sorted(signals.valid_signals()))
    own_handlers = tuple(handlers)
    builtin_fn, _callable, _str = _type(len), callable, str

    def send(what: str) -> None:
        # the pipe this process was given, not whatever the notebook put at that number since;
        # a failed record fails the action heard (the key is not handed out unrecorded)
        now = fstat(fd)
        if (now.st_dev, now.st_ino) != ident:
            raise Refuse("pencatat kunci jawaban: saluran penilai diganti")
        what = what.replace('"', "").replace("\\", "")[:80]
        data = ('\n{"k": "' + kind + '", "f": "' + what + '"}\n').encode()
        if write(fd, data) != _len(data):
            raise Refuse("pencatat kunci jawaban: saluran penilai penuh")

    def name_of(code) -> str:
        stem = code.co_filename.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        return stem + "." + code.co_qualname.replace(".<locals>", "")

    def changed() -> str:
        for name, names, items, keys in snapshot:
            for k, v in items:
                if names.get(k, names) is not v:
                    return name + "." + k
            if _len(names) != _len(keys):  # a new global of a kit module hiding a builtin
                for k in names:
                    if k in shadows and k not in keys:
                        return name + "." + k
        return ""

    def holding(frame) -> str:
        """The key-holding kit function among ``frame`` and its callers ("" when none)."""
        while frame is not None:
            if frame.f_code in live:
                return name_of(frame.f_code)
            frame = frame.f_back
        return ""

    def reached(frame) -> None:
        where = holding(frame)
        if where:
            send("!f_locals:" + where)

    def foreign_handler() -> str:
        for n in signums:
            h = getsignal(n)
            if (
                _callable(h)
                and _type(h) is not builtin_fn
                and not _any(h is o for o in own_handlers)
            ):
                return _str(n)
        return ""

    def hook(event, args):
        if event == "object.__getattr__":
            attr = args[1]
            if attr in frame_attrs:  # a traceback's, generator's or coroutine's frame
                me = thread_id()
                if me in busy:
                    return
                enter(me)
                try:
                    frame = _getattr(args[0], attr, None)
                    where = holding(frame)
                finally:
                    leave(me)
                if where:
                    send("!f_locals:" + where)
                return
            if attr != "__code__":
                return
            me = thread_id()
            enter(me)
            try:
                frame = getframe(1)
            except NoFrame:  # read from C with no Python frame above: no kit function's marker
                return
            finally:
                leave(me)
            code = frame.f_code
            if not code.co_filename.startswith(kit_dir) or "__code__" not in code.co_names:
                return
            if not _any(_type(c) is code_type and c.co_name == lam for c in code.co_consts):
                return
            caller = frame.f_back
            if caller is not None and (caller.f_code, code.co_name) in allowed:
                if caller.f_code in marked_codes:  # harapan computing with its helpers
                    return
                swapped = changed()  # a check (or soal) about to compare with what it gets
                if swapped:
                    send("!monkeypatch:" + swapped)
                handler = foreign_handler()
                if handler:
                    send("!signal:" + handler)
                if code.co_name not in checked:
                    return
                n = calls[caller.f_code] = calls.get(caller.f_code, 0) + 1
                if n == oracle:
                    send("!oracle:" + name_of(caller.f_code))
                return
            send(name_of(code))
        elif event == "sys._getframe":
            if thread_id() not in busy:
                reached(args[0])
        elif event in noted or event.startswith("ctypes."):
            send("!" + event)
        elif event == "object.__setattr__" and args[1] in noted_attr:
            send("!" + event + ":" + args[1])

    return hook


def _exercises_modules() -> list:
    """Import every exercises module (the recorder must know every kit function that may call the
    key before any participant cell runs); the ones that fail to import are left out."""
    import importlib
    import pkgutil

    try:
        pkg = importlib.import_module("alaskaki.exercises")
    except Exception:  # noqa: BLE001 - no kit on the path: nothing to record
        return []
    out = [pkg]
    for info in pkgutil.iter_modules(pkg.__path__):
        with contextlib.suppress(Exception):
            out.append(importlib.import_module(f"alaskaki.exercises.{info.name}"))
    return out


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


def _shell():  # pragma: no cover - runs in the sandbox
    """The process's IPython shell: the one made earlier in this process (the zygote's, inherited
    by fork), else a new one. History off (no file, no thread), no colours in tracebacks."""
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    if InteractiveShell.initialized():
        return InteractiveShell.instance()
    cfg = Config()
    cfg.HistoryManager.enabled = False
    cfg.InteractiveShell.colors = "NoColor"
    return InteractiveShell.instance(config=cfg)


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
    shell = _shell()
    # In a warm sandbox the shell was made by the zygote (before any participant code ran there,
    # see _zygote_main) and this process is a forked copy of it; its profile folder sits on this
    # submission's own fresh tmpfs, where it is made again as a new shell would make it.
    os.makedirs(shell.profile_dir.location, exist_ok=True)
    shell.profile_dir.check_dirs()
    shell.user_ns["__name__"] = "__main__"
    shell.displayhook.write_output_prompt = lambda: None  # no "Out[0]:" in the kept output
    baseline_tf = (list(shell.input_transformers_cleanup), list(shell.input_transformers_post))
    import builtins
    import importlib
    import math as _math  # noqa: F401 - fingerprinted below

    for name in job.get("preload", []):
        with contextlib.suppress(Exception):  # the cell that imports it will show the error
            importlib.import_module(name)
    key_modules = _exercises_modules()  # all of them, before the recorder learns their code
    checks = [m for m in job.get("preload", []) if m.startswith("alaskaki.exercises")]
    watched = [m for m in ["math", "numpy", *checks] if m in sys.modules]
    fp_before = _fingerprint(watched)
    print_before = builtins.print
    try:
        confine(job.get("uid"))
    except OSError:  # never run participant code half-confined; the grader's fault, not theirs
        os._exit(SETUP_FAILED)
    with contextlib.suppress(OSError):
        os.setsid()
    cell_timeout = int(job.get("cell_timeout") or CELL_TIMEOUT)

    def on_alarm(signum, frame):
        raise _CellTimeout()

    if key_modules:
        # after confine(), the runner's last use of ctypes (which the recorder notes); kept
        # nowhere but in the interpreter's list of audit hooks (R76)
        kit_dir = os.path.dirname(key_modules[0].__file__) + os.sep
        sys.addaudithook(key_recorder(chan.fileno(), kit_dir, key_modules, handlers=(on_alarm,)))

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
        if job.get("sandboxed") and "hold_fd" not in job:
            # own PID namespace: pid 1 is bwrap, anything else was started by the notebook. (In a
            # warm sandbox the manager looks, from outside this process.)
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
    if "hold_fd" in job:  # the init of this submission's namespaces: stay until the manager looked
        with contextlib.suppress(Exception):
            os.read(job["hold_fd"], 1)
    os._exit(0)


def _pids_of_uid(uid: int) -> set[int]:
    """Live processes of ``uid`` (a zombie whose other threads still run counts as live)."""
    out = set()
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid != uid:
                    continue
                with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as f:
                    state = f.read().rsplit(")", 1)[1].split()[0]
                if state not in ("Z", "X") or len(os.listdir(f"/proc/{entry.name}/task")) > 1:
                    out.add(int(entry.name))
            except (OSError, IndexError):
                continue
    return out


def _ns_leftovers() -> int:
    """Processes other than the namespace's init (pid 1) that still run in this PID namespace.

    A process whose main thread ended shows as a zombie while its other threads run: it counts.
    """
    n = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit() or entry.name == "1":
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
            threads = len(os.listdir(f"/proc/{entry.name}/task"))
        except (OSError, IndexError):
            continue
        if state not in ("Z", "X") or threads > 1:
            n += 1
    return n


def _collect_child(fd: int, pid: int, deadline: float) -> tuple[list[str], list[str], tuple | None]:
    """Read a child's channel until it says done, exits, floods or runs out of time.

    Returns the lines, each already JSON-encoded as the result line carries it, the events, and
    ``(status, rusage)`` when the child has ended. What the participant can write to the channel
    is bounded here, before it is encoded (red team R62: 30 MB of control bytes, 6 bytes each
    once encoded, made a result line too big for the grader to read, which it then took for a
    broken sandbox, an incident nobody is flagged for): a line that is no frame of the runner is
    dropped ("garbage"), and once the encoded lines would pass :data:`RESULT_LIMIT` the run is
    stopped ("flood"), as when the channel passes :data:`CHANNEL_LIMIT`.
    """
    sel = selectors.DefaultSelector()
    os.set_blocking(fd, False)
    sel.register(fd, selectors.EVENT_READ)
    buf, total, lines, events, ended, eof = LineBuffer(), 0, [], [], None, False
    encoded = 0

    def reap():
        got, status, usage = os.wait4(pid, os.WNOHANG)
        return (status, usage) if got else None

    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                events.append("timeout")
                break
            if eof:  # the channel is closed; the child may still be running (it closed it itself)
                ended = reap()
                if ended:
                    break
                time.sleep(min(left, 0.05))
                continue
            ready = sel.select(timeout=min(left, 0.2))
            if not ready:
                ended = reap()
                if ended:
                    break
                continue
            try:
                chunk = os.read(fd, 1 << 16)
            except BlockingIOError:
                continue
            if not chunk:
                eof = True
                continue
            total += len(chunk)
            if total > CHANNEL_LIMIT:
                events.append("flood")
                break
            buf.feed(chunk)
            finished = flooded = False
            while (line := buf.line()) is not None:
                if not line:  # the key recorder starts its frames on a line of their own
                    continue
                if not line.startswith(FRAME_PREFIX):
                    if "garbage" not in events:
                        events.append("garbage")
                    continue
                # every byte encodes to one at least: a line longer than what is left never fits
                if encoded + len(line) + 2 > RESULT_LIMIT:
                    flooded = True
                    break
                text = json.dumps(line.decode("utf-8", errors="replace"))
                encoded += len(text) + 2
                if encoded > RESULT_LIMIT:
                    flooded = True
                    break
                lines.append(text)
                if line == b'{"k": "done"}':
                    finished = True
                    break
            if flooded:
                events.append("flood")
                break
            if finished:
                break
    finally:
        sel.close()
        os.close(fd)
    return lines, events, ended


_FAULTS = {"SIGSEGV", "SIGBUS", "SIGILL", "SIGFPE", "SIGABRT", "SIGTRAP", "SIGSYS"}


def _end_events(ended: tuple | None, finished: bool, cpu_limit: float) -> list[str]:
    """What the way a submission's init ended says (it is pid 1 of its namespace: no process inside
    can send it a signal it has no handler for, SIGKILL included)."""
    if ended is None:
        return []
    status, usage = ended
    if os.WIFSIGNALED(status):
        name = signal.Signals(os.WTERMSIG(status)).name
        if usage.ru_utime + usage.ru_stime >= cpu_limit - 1:
            return ["cpu"]
        if name in _FAULTS:
            return ["crash:" + name]
        if name == "SIGXFSZ":
            return ["fsize"]
        return ["outside:" + name]
    if not finished and os.WIFEXITED(status) and os.WEXITSTATUS(status) == SETUP_FAILED:
        return ["setup"]
    return [] if finished else ["exited"]


def _job_mounts() -> None:
    """As the init of a submission's fresh PID, IPC and mount namespaces (still root): its own
    /proc, and fresh small tmpfs for /tmp, /dev/shm and the working folder. All of it disappears
    with the namespaces when the submission ends."""
    _mount("proc", "/proc", "proc", _MS_NOSUID | _MS_NODEV | _MS_NOEXEC)
    # world-writable: the trusted runner (root without CAP_DAC_OVERRIDE) writes there before
    # dropping to the job's uid; nobody else exists in these namespaces.
    for path in ("/tmp", "/dev/shm", SCRATCH):
        os.makedirs(path, exist_ok=True)
        _mount("tmpfs", path, "tmpfs", _MS_NOSUID | _MS_NODEV, f"size={SCRATCH_SIZE},mode=1777")
    # SysV IPC limits are per IPC namespace: keep shared memory as small as the tmpfs
    for name, value in (
        ("shmmax", SCRATCH_SIZE),
        ("shmall", SCRATCH_SIZE // 4096),
        ("shmmni", 64),
        ("msgmni", 64),
    ):
        with contextlib.suppress(OSError):
            Path(f"/proc/sys/kernel/{name}").write_text(str(value))


def _read_line(fd: int) -> bytes:
    """One line from ``fd`` (the grader writes one job and waits, so nothing is read past it)."""
    buf = bytearray()
    while not buf.endswith(b"\n"):
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            break
        buf += chunk
    return bytes(buf).strip()


SETUP_FAILED = 70  # exit status of a runner whose trusted set-up (mounts, confinement) failed
NONCE_LEN = 32  # hex characters of the per-submission secret the grader sends before each job


def _read_nonce(fd: int) -> bytearray | None:
    """Read the nonce line into a buffer of its own (no copy), so the child can wipe it."""
    buf = bytearray(NONCE_LEN + 1)
    got = 0
    while got < len(buf):
        n = os.readv(fd, [memoryview(buf)[got:]])
        if not n:
            return None
        got += n
    return buf


def _zygote_job(chan, chan_fd: int, devnull: int) -> None:  # pragma: no cover
    """The manager of one submission (trusted, root with the zygote's few capabilities).

    Unshares fresh PID, IPC and mount namespaces and forks the submission's runner as their init
    (pid 1). Killing that init ends every process and thread of the submission; its SysV objects and
    tmpfs files go with the namespaces. The runner drops every capability and its uid before any
    participant code runs. Only this process writes to the grader, one line per job, carrying the
    grader's nonce, which the runner wipes from its memory before anything else.
    """
    nonce = _read_nonce(0)
    line = _read_line(0) if nonce else b""
    if not line:
        os._exit(3)
    job = json.loads(line)
    del line
    if job.get("uid") is None:  # a warm sandbox always drops to the worker's uid
        os._exit(5)
    cpu_limit = float((job.get("limits") or {}).get("cpu") or DEFAULT_LIMITS["cpu"])
    unshare(CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWNS)
    _mount(None, "/", None, _MS_REC | _MS_PRIVATE)
    r, w = os.pipe()
    hold_r, hold_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            nonce[:] = bytes(len(nonce))
            os.close(r)
            os.close(hold_w)
            os.close(chan_fd)
            os.dup2(devnull, 0)
            try:
                _job_mounts()
                os.chdir(SCRATCH)
            except OSError:
                os._exit(SETUP_FAILED)
            os.environ.update(
                HOME=SCRATCH, IPYTHONDIR=SCRATCH + "/.ipython", MPLCONFIGDIR=SCRATCH + "/.mpl"
            )
            job["hold_fd"] = hold_r
            _run_job(job, os.fdopen(w, "w", buffering=1, encoding="utf-8"))
        finally:
            os._exit(0)
    os.close(w)
    os.close(hold_r)
    lines, events, ended = _collect_child(
        r, pid, time.monotonic() + float(job.get("run_timeout", RUN_TIMEOUT))
    )
    finished = bool(lines) and lines[-1] == json.dumps('{"k": "done"}')
    if ended is None:
        if _ns_leftovers():  # looked at from outside the participant's process
            events.append("processes")
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)  # the namespace's init: every process in it goes too
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
    else:
        events += _end_events(ended, finished, cpu_limit)
    os.close(hold_w)
    out = {"k": "zresult", "nonce": nonce[:NONCE_LEN].decode(), "events": events}
    # the lines are JSON strings already (encoded once, bounded, in _collect_child)
    chan.write(json.dumps(out)[:-1] + ', "lines": [' + ", ".join(lines) + "]}\n")
    chan.flush()
    os._exit(0)


def _namespaces_work() -> bool:
    """Whether a manager can give a submission its own PID, IPC and mount namespaces here."""
    pid = os.fork()
    if pid == 0:
        try:
            unshare(CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWNS)
            _mount(None, "/", None, _MS_REC | _MS_PRIVATE)
            inner = os.fork()
            if inner == 0:
                try:
                    _job_mounts()
                finally:
                    os._exit(0)
            _, status = os.waitpid(inner, 0)
            os._exit(0 if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0 else 1)
        except BaseException:
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def _kill_children() -> None:
    """Kill whatever is left below this process (a runner whose manager was killed is reparented
    here, because the zygote is a child subreaper) and reap it."""
    me = str(os.getpid())
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as f:
                    ppid = f.read().rsplit(")", 1)[1].split()[1]
            except (OSError, IndexError):
                continue
            if ppid == me:
                with contextlib.suppress(OSError):
                    os.kill(int(entry.name), signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass


def _zygote_main() -> (
    None
):  # pragma: no cover - runs inside bubblewrap; covered by integration tests
    """A warm runner: imports once, then forks a short-lived manager per submission.

    The manager gives the submission fresh PID, IPC and mount namespaces and runs it as their init
    (see :func:`_zygote_job`); ending that init ends everything of the submission. This process
    never reads a job or a result, so no participant's data is in the memory the next one inherits.
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
    _exercises_modules()  # once here, not per submission: the key recorder needs all of them
    # The shell every submission starts from (≈ 30 ms of CPU each when made per submission, issue
    # 17 goal 6): made here, before any job, so each runner forks a copy that no participant's code
    # has touched; nothing of one submission's shell comes back to this process.
    os.makedirs(os.environ.get("IPYTHONDIR", SCRATCH + "/.ipython"), exist_ok=True)
    _shell()
    with contextlib.suppress(OSError):
        _prctl(_PR_SET_CHILD_SUBREAPER, 1)
    ready = {"k": "ready", "ns": _namespaces_work(), "modules": sorted(sys.modules)}
    chan.write(json.dumps(ready) + "\n")
    chan.flush()  # the grader sends the first job only now (no read-ahead)
    while True:
        manager = os.fork()
        if manager == 0:
            try:
                _zygote_job(chan, chan_fd, devnull)
            finally:
                os._exit(4)
        _, status = os.waitpid(manager, 0)
        _kill_children()
        if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 3:  # no more jobs
            break
        if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
            why = (
                "manager:" + signal.Signals(os.WTERMSIG(status)).name
                if os.WIFSIGNALED(status)
                else f"manager:exit{os.WEXITSTATUS(status)}"
            )
            chan.write(json.dumps({"k": "zresult", "lines": [], "events": [why]}) + "\n")
            chan.flush()
    os._exit(0)


if __name__ == "__main__" and "--run" in sys.argv:
    _runner_main()
elif __name__ == "__main__" and "--zygote" in sys.argv:
    _zygote_main()
