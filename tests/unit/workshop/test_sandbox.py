"""The answer channel between the sandbox and the grader: only plain data crosses it."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from alaskaki.folder import Folder
from alaskaki.workshop import sandbox as sb


def roundtrip(value):
    return sb.decode_value(json.loads(json.dumps(sb.encode_value(value))))


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        0,
        -7,
        2**70,
        1.5,
        "teks",
        [1, "a", None],
        (1, 2),
        {"a", "b"},
        frozenset({1}),
        {"kulit": 1.2, "sol": [1, 2]},
        {1: "satu", (2, 3): "pasangan"},
        [[1, (2, {3})]],
        b"\x00\x01",
        1 + 2j,
    ],
)
def test_plain_values_come_back_equal_and_of_the_same_type(value):
    back = roundtrip(value)
    assert back == value and type(back) is type(value)


def test_bool_stays_bool_and_nan_inf_survive():
    assert roundtrip(True) is True
    back = roundtrip([math.nan, math.inf, -math.inf])
    assert math.isnan(back[0]) and back[1:] == [math.inf, -math.inf]


def test_numpy_and_pandas_values_are_serialised_explicitly():
    assert roundtrip(np.float64(2.5)) == 2.5 and type(roundtrip(np.float64(2.5))) is np.float64
    assert type(roundtrip(np.int64(3))) is np.int64
    arr = roundtrip(np.array([[1.0, 2.0]], dtype="float32"))
    assert arr.dtype == np.float32 and arr.tolist() == [[1.0, 2.0]]
    df = pd.DataFrame({"bahan": ["kulit", "sol"], "harga": [12000, 8000]}, index=["a", "b"])
    pd.testing.assert_frame_equal(roundtrip(df), df)
    s = pd.Series([1.5, 2.5], index=["x", "y"], name="biaya")
    pd.testing.assert_series_equal(roundtrip(s), s)


def test_a_subclass_with_a_lying_eq_arrives_as_its_plain_value():
    class SelaluSama(float):
        def __eq__(self, other):
            return True

        __hash__ = float.__hash__

    back = roundtrip(SelaluSama(1.0))
    assert type(back) is float and back == 1.0 and back != 2.0


def test_objects_arrive_as_unreadable_answers_that_never_pass():
    class Palsu:
        def __eq__(self, other):
            return True

        def __float__(self):
            return 42.0

    back = roundtrip(Palsu())
    assert isinstance(back, sb.Unreadable)
    for attempt in (
        lambda: back == 42,
        lambda: float(back),
        lambda: back + 1,
        lambda: bool(back),
        lambda: len(back),
    ):
        with pytest.raises(TypeError):
            attempt()


@pytest.mark.parametrize(
    "data",
    [
        {"t": "tuple", "v": 5},
        {"t": "DataFrame"},
        {"t": "apa"},
        {"x": 1},
        {"t": "npscalar", "dtype": "object; rm", "v": 1},
    ],
)
def test_malformed_channel_data_becomes_unreadable(data):
    assert isinstance(sb.decode_value(data), sb.Unreadable)


needs_bwrap = pytest.mark.skipif(not sb.bwrap_available(), reason="needs bubblewrap")


@pytest.mark.slow
@needs_bwrap
def test_sandbox_sees_no_workshop_no_network_and_writes_only_scratch(tmp_path):
    secret = Folder(tmp_path).own_gradebook
    secret.write_text("rahasia")
    code = (
        "import os, socket\nhasil = {}\n"
        f"try:\n    hasil['baca'] = open({str(secret)!r}).read()\nexcept OSError as e:\n    hasil['baca'] = type(e).__name__\n"
        f"try:\n    open({str(tmp_path / 'baru.txt')!r}, 'w')\n    hasil['tulis'] = 'bisa'\nexcept OSError as e:\n    hasil['tulis'] = type(e).__name__\n"
        "try:\n    socket.create_connection(('1.1.1.1', 53), timeout=2)\n    hasil['net'] = 'bisa'\nexcept OSError as e:\n    hasil['net'] = type(e).__name__\n"
        "open('catatan.txt', 'w').write('ok')\nhasil['scratch'] = open('catatan.txt').read()\n"
        "hasil['uid'] = os.getuid()\nhasil['pid'] = os.getpid()"
    )
    job = {
        "cells": [
            {"kind": "code", "source": code},
            {"kind": "point", "grade_id": "x", "names": ["hasil"]},
        ]
    }
    res = sb.run_in_sandbox(job, sandboxed=True, uid=430123)
    got = sb.decode_value(res.points["x"]["hasil"])
    assert got["baca"] in ("FileNotFoundError", "PermissionError")
    assert got["tulis"] in ("FileNotFoundError", "PermissionError", "OSError")
    assert got["net"] != "bisa"
    assert got["scratch"] == "ok"
    assert got["pid"] < 10  # its own PID namespace
    if os.geteuid() == 0:
        assert got["uid"] == 430123
    assert not (tmp_path / "baru.txt").exists() and secret.read_text() == "rahasia"
    assert res.finished


@pytest.mark.slow
def test_unsandboxed_run_still_kills_processes_that_left_the_session(tmp_path):
    marker = "4000.7771"
    code = (
        f"import subprocess\nsubprocess.Popen(['sleep', '{marker}'], start_new_session=True)\nx = 1"
    )
    job = {
        "cells": [
            {"kind": "code", "source": code},
            {"kind": "point", "grade_id": "x", "names": ["x"]},
        ]
    }
    res = sb.run_in_sandbox(job, sandboxed=False, scratch_dir=str(tmp_path))
    assert res.points["x"]["x"] == 1
    alive = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if marker in Path(f"/proc/{entry.name}/cmdline").read_bytes().decode(
                    errors="replace"
                ):
                    alive.append(entry.name)
            except OSError:
                pass
    assert alive == []


@pytest.mark.slow
def test_per_cell_timeout_keeps_the_answers_before_and_after():
    job = {
        "cells": [
            {"kind": "code", "source": "a = 1"},
            {"kind": "code", "source": "import time\ntime.sleep(10**6)"},
            {"kind": "code", "source": "b = 2"},
            {"kind": "point", "grade_id": "x", "names": ["a", "b"]},
        ],
        "cell_timeout": 1,
    }
    res = sb.run_in_sandbox(job, sandboxed=sb.bwrap_available(), uid=430124, scratch_dir="/tmp")
    assert res.points["x"] == {"a": 1, "b": 2}
    assert [c["status"] for c in res.cells] == ["ok", "timeout", "ok"]


def test_an_absurdly_deep_forged_answer_cannot_crash_the_grader():
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    assert isinstance(sb.decode_value(deep), sb.Unreadable)


@pytest.mark.slow
@pytest.mark.skipif(not sb.zygotes_usable(sb.bwrap_available()), reason="needs bubblewrap and root")
def test_a_warm_sandbox_leaves_nothing_of_one_submission_to_the_next():
    marker = "4000.8383"
    z = sb.Zygote(preload=[], uid=430400)
    try:
        first = {
            "cells": [
                {
                    "kind": "code",
                    "source": (
                        "import subprocess\n"
                        f"subprocess.Popen(['sleep', '{marker}'], start_new_session=True)\n"
                        "open('/tmp/titipan.txt', 'w').write('jawaban')\n"
                        "open('catatan.txt', 'w').write('jawaban')\nx = 1"
                    ),
                },
                {"kind": "point", "grade_id": "x", "names": ["x"]},
            ]
        }
        res = z.run(first, run_timeout=30)
        assert res.points["x"] == {"x": 1} and "processes" in res.events
        second = {
            "cells": [
                {
                    "kind": "code",
                    "source": "import os\nx = sorted(os.listdir('/tmp') + os.listdir('..') + os.listdir('.'))",
                },
                {"kind": "point", "grade_id": "x", "names": ["x"]},
            ]
        }
        seen = sb.decode_value(z.run(second, run_timeout=30).points["x"]["x"])
        assert "titipan.txt" not in seen and "catatan.txt" not in seen
        alive = [
            e.name for e in os.scandir("/proc") if e.name.isdigit() and marker in _cmdline(e.name)
        ]
        assert alive == []
    finally:
        z.close()


@pytest.mark.slow
@pytest.mark.skipif(not sb.zygotes_usable(sb.bwrap_available()), reason="needs bubblewrap and root")
def test_the_shell_a_warm_sandbox_hands_out_holds_nothing_of_the_previous_submission():
    """The warm sandbox makes the IPython shell once (issue 17 goal 6); each submission gets a
    forked copy of it. What one submission does to its shell, its namespace, its history or its
    profile folder is not in the next one's, which starts as a fresh shell starts."""
    z = sb.Zygote(preload=[], uid=430401)
    probe = (
        "ip = get_ipython()\nimport os\n"
        "x = [ip.execution_count, sorted(os.listdir(ip.profile_dir.location)),\n"
        "     getattr(ip, 'titipan', None), 'rahasia' in ip.user_ns, len(ip.events.callbacks['pre_run_cell']),\n"
        "     len(ip.input_transformers_post), ip.user_ns['__name__']]"
    )
    try:
        first = {
            "cells": [
                {"kind": "code", "source": probe},
                {"kind": "point", "grade_id": "x", "names": ["x"]},
                {
                    "kind": "code",
                    "source": (
                        "ip = get_ipython()\nrahasia = 'jawaban'\nip.titipan = rahasia\n"
                        "ip.events.register('pre_run_cell', lambda *a: None)\n"
                        "ip.input_transformers_post.append(lambda lines: lines)\n"
                        "open(ip.profile_dir.location + '/titipan.txt', 'w').write(rahasia)\n"
                        "open(ip.profile_dir.location + '/startup/00.py', 'w').write('y = 1')"
                    ),
                },
            ]
        }
        fresh = sb.decode_value(z.run(first, run_timeout=30).points["x"]["x"])
        second = {"cells": first["cells"][:2]}
        seen = sb.decode_value(z.run(second, run_timeout=30).points["x"]["x"])
        assert seen == fresh
        assert fresh[1] == ["log", "pid", "security", "startup"] and fresh[2:6] == [
            None,
            False,
            0,
            0,
        ]
        assert fresh[0] == 1 and fresh[6] == "__main__"
    finally:
        z.close()


def _cmdline(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


def test_cgroup_v2_limits_are_written_where_one_is_delegated(tmp_path, monkeypatch):
    """The cgroup plumbing on a stand-in folder (these machines have no cgroup v2 delegation)."""
    (tmp_path / "cgroup.controllers").write_text("cpu memory pids\n")
    (tmp_path / "cgroup.subtree_control").write_text("")
    monkeypatch.setattr(sb.Cgroup, "base", classmethod(lambda cls: tmp_path))
    cg = sb.Cgroup.create("pekerja", memory_max=3 * 1024**3, pids_max=64)
    assert cg is not None and cg.path == tmp_path / "pekerja"
    assert (tmp_path / "alaskaki-penilai" / "cgroup.procs").read_text() == str(os.getpid())
    assert (tmp_path / "cgroup.subtree_control").read_text() == "+memory +pids"
    assert (cg.path / "memory.max").read_text() == str(3 * 1024**3)
    assert (cg.path / "pids.max").read_text() == "64"
    cg.add([123])
    assert (cg.path / "cgroup.procs").read_text() == "123"


def test_no_cgroup_v2_means_no_cgroup(monkeypatch):
    monkeypatch.setattr(sb.Cgroup, "_mount_point", staticmethod(lambda: None))
    assert sb.Cgroup.create("x", memory_max=1, pids_max=1) is None


def test_the_seccomp_filter_is_a_valid_program():
    import platform

    code = sb._seccomp_filter()
    if platform.machine() not in ("x86_64", "aarch64"):
        assert code is None
        return
    assert code is not None and len(code) % 8 == 0 and len(code) // 8 < 64


@pytest.mark.parametrize(
    "bomb",
    [
        {"t": "ndarray", "dtype": "(1000,1000)f8", "v": [1]},
        {"t": "ndarray", "dtype": "U25000000", "v": ["a"]},
        {"t": "npscalar", "dtype": "U25000000", "v": "a"},
        {"t": "npscalar", "dtype": "V99999999", "v": 1},
        {"t": "ndarray", "dtype": "U4000", "v": [["a"] * 2000] * 50},
        {"t": "Series", "dtype": "(500,500)f8", "index": [0], "name": None, "v": [1]},
        {"t": "DataFrame", "columns": ["a"], "index": [0], "dtypes": ["U9999999"], "v": [[1]]},
    ],
)
def test_a_decoder_bomb_becomes_unreadable_without_allocating(bomb):
    import tracemalloc

    data = json.loads(json.dumps(bomb))
    tracemalloc.start()
    try:
        back = sb.decode_value(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(back, sb.Unreadable)
    assert peak < 4 * 1024 * 1024


@pytest.mark.parametrize(
    "value",
    [
        np.array(["kulit", "sol"]),
        np.array([[1.5, 2.0]], dtype="float32"),
        np.array([True, False]),
        pd.Series([1, 2], dtype="Int64"),
        pd.DataFrame({"a": [1], "b": ["x"], "c": pd.Categorical(["u"])}),
    ],
)
def test_honest_dtypes_still_arrive(value):
    back = roundtrip(value)
    assert not isinstance(back, sb.Unreadable)
    assert str(getattr(back, "dtype", None)) == str(getattr(value, "dtype", None))


@pytest.mark.slow
@needs_bwrap
def test_the_assessment_key_does_not_exist_in_the_sandbox():
    job = {
        "cells": [
            {
                "kind": "code",
                "source": "try:\n    import alaskaki_kunci\n    x = 'TERLIHAT'\nexcept ImportError as e:\n    x = type(e).__name__",
            },
            {"kind": "point", "grade_id": "x", "names": ["x"]},
        ]
    }
    res = sb.run_in_sandbox(job, sandboxed=True, uid=430125)
    assert res.points["x"]["x"] == "ModuleNotFoundError"


@pytest.mark.slow
@needs_bwrap
def test_a_copy_of_the_assessment_key_on_the_python_path_is_hidden_too(tmp_path, monkeypatch):
    """A non-editable install puts the key in site-packages, which the sandbox binds."""
    site = tmp_path / "site-packages"
    (site / "alaskaki_kunci").mkdir(parents=True)
    (site / "alaskaki_kunci" / "__init__.py").write_text("RAHASIA = 'kunci'\n")
    monkeypatch.setenv("PYTHONPATH", str(site))
    job = {
        "cells": [
            {
                "kind": "code",
                "source": "import os\nx = os.listdir(" + repr(str(site)) + ")\n"
                "try:\n    import alaskaki_kunci\n    y = getattr(alaskaki_kunci, 'RAHASIA', 'kosong')\n"
                "except ImportError as e:\n    y = type(e).__name__",
            },
            {"kind": "point", "grade_id": "x", "names": ["x", "y"]},
        ]
    }
    res = sb.run_in_sandbox(job, sandboxed=True, uid=430126)
    got = {k: sb.decode_value(v) for k, v in res.points["x"].items()}
    # the folder may still be listed, but it is an empty tmpfs: nothing of the key can be read
    assert got["y"] in ("ModuleNotFoundError", "kosong"), got


@pytest.mark.parametrize(
    ("status", "cpu", "finished", "events"),
    [
        (9, 0.5, False, ["outside:SIGKILL"]),  # pid 1 of its namespace: only from outside
        (15, 0.5, False, ["outside:SIGTERM"]),
        (11, 0.5, False, ["crash:SIGSEGV"]),  # its own code broke the interpreter
        (9, 200.0, False, ["cpu"]),  # the kernel's SIGKILL at the CPU limit
        (sb.SETUP_FAILED << 8, 0.1, False, ["setup"]),  # the trusted set-up failed: not theirs
        (0, 0.5, False, ["exited"]),
        (0, 0.5, True, []),
    ],
)
def test_how_a_submission_ended_is_told_apart(status, cpu, finished, events):
    from types import SimpleNamespace

    usage = SimpleNamespace(ru_utime=cpu, ru_stime=0.0)
    assert sb._end_events((status, usage), finished, cpu_limit=110) == events


def test_whole_lines_come_out_however_the_bytes_arrive():
    buf = sb.LineBuffer()
    got = []
    for chunk in (b'{"k": "ce', b'll"}\n{"k"', b"", b': "done"}\nsisa', b"\n\n"):
        buf.feed(chunk)
        while (line := buf.line()) is not None:
            got.append(line)
    assert got == [b'{"k": "cell"}', b'{"k": "done"}', b"sisa", b""]
    assert buf.line() is None and len(buf) == 0


def _line(text: str) -> bytes:
    return (text + "\n").encode()


def _manager_passes_on(written: bytes) -> tuple[list, list[str], int]:
    """What a warm sandbox's manager passes on to the grader from a runner that wrote ``written``
    to its channel: the lines, the manager's events, and the bytes the lines take in the result."""
    import signal
    import time

    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the runner
        try:
            os.close(r)
            view = memoryview(written)
            while view:
                view = view[os.write(w, view) :]
        finally:
            os._exit(0)
    os.close(w)
    lines, events, ended = sb._collect_child(r, pid, time.monotonic() + 300)
    if ended is None:  # stopped by the manager, as _zygote_job does
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    return [json.loads(t) for t in lines], events, sum(len(t) + 2 for t in lines)


CELL = json.dumps({"k": "cell", "i": 0, "status": "ok", "ename": "", "evalue": "", "out": ""})
POINT = json.dumps({"k": "point", "id": "x", "vars": {"x": 1}})
DONE = json.dumps({"k": "done"})


def test_bytes_a_participant_writes_to_the_channel_never_reach_the_grader():
    """Red team R62: 30 MB of control bytes written straight to the channel's pipe, 6 bytes each
    once JSON-encoded (180 MB), made the warm sandbox's result too big for the grader, which took
    it for a broken sandbox (an incident: never recorded, never flagged). The manager drops every
    line that is no frame of the runner, says so ("garbage": a flag on the participant), and the
    frames after the flood still arrive."""
    flood = (b"\x01" * (1 << 20) + b"\n") * 30
    frames, events, size = _manager_passes_on(_line(CELL) + flood + _line(POINT) + _line(DONE))
    assert frames == [CELL, POINT, DONE]
    assert events == ["garbage"]
    assert size < 1000


def test_frames_that_would_make_the_result_too_big_stop_the_run_as_a_flood():
    """The same control bytes inside lines that look like frames: what the manager passes on stays
    under RESULT_LIMIT once encoded (the grader reads up to 4 times that), the run is stopped and
    the participant flagged ("flood"), and the answers sent before it still count."""
    forged = (b'{"k": "' + b"\x01" * (1 << 20) + b'"}\n') * 30
    frames, events, size = _manager_passes_on(_line(POINT) + forged + _line(DONE))
    assert frames[0] == POINT and DONE not in frames
    assert events == ["flood"]
    assert size <= sb.RESULT_LIMIT


@pytest.mark.slow
@pytest.mark.skipif(not sb.zygotes_usable(sb.bwrap_available()), reason="needs bubblewrap and root")
def test_a_warm_sandbox_killed_from_outside_is_still_an_incident():
    """What R62's bound leaves alone: a warm sandbox that dies under a submission (OOM killer, an
    administrator) is not the participant's doing. The submission is an incident (graded again
    next run), never a flag."""
    import signal
    import threading
    import time

    from alaskaki.workshop.grading import judge

    uid = 430402
    z = sb.Zygote(preload=[], uid=uid)

    def kill_once_the_participant_runs():
        for _ in range(3000):  # the runner has dropped to the job's uid: participant code runs
            if any(_uid_of(e.name) == uid for e in os.scandir("/proc") if e.name.isdigit()):
                break
            time.sleep(0.05)
        os.kill(z.proc.pid, signal.SIGKILL)  # bubblewrap: everything inside goes with it

    job = {
        "cells": [
            {"kind": "code", "source": "x = 1"},
            {"kind": "point", "grade_id": "x", "names": ["x"]},
            {"kind": "code", "source": "import time\ntime.sleep(600)"},
        ]
    }
    try:
        z.prestart()
        killer = threading.Thread(target=kill_once_the_participant_runs)
        killer.start()
        res = z.run(job, run_timeout=300)
        killer.join()
    finally:
        z.close()
    assert res.events == ["lost"] and res.points == {}
    assert judge.incident(res.events) == judge.INCIDENTS["lost"]
    assert judge.runtime_flags(None, res, 300) == []


def _uid_of(pid: str) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("Uid:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def _taken(*frames: dict, expected: dict[str, int] | None) -> sb.SandboxResult:
    result = sb.SandboxResult()
    if expected is not None:
        result.expected = expected
    for frame in frames:
        sb._take(json.dumps(frame).encode(), result)
    return result


def test_only_the_jobs_own_test_points_reach_the_judge_first_report_counting():
    """Red team R70: a notebook writes runner frames to the channel itself, under a grade id the
    job never asked for ("catatan") and again under a real one. The grader keeps one report per
    point the job asks for, the first, and flags the rest ("garbage": data palsu ke saluran)."""
    job = {
        "cells": [
            {"kind": "code", "source": "x = 1"},
            {"kind": "point", "grade_id": "uji_x", "names": ["x"]},
            {"kind": "point", "grade_id": "__akhir__", "names": ["ID_PESERTA"]},
        ]
    }
    expected = sb.expected_points(job)
    assert expected == {"uji_x": 1, "__akhir__": 1}
    got = _taken(
        {"k": "point", "id": "uji_x", "vars": {"x": 1}},
        {"k": "point", "id": "catatan", "vars": {"x": 2}},
        {"k": "point", "id": "uji_x", "vars": {"x": 3}},
        {"k": "point", "id": "__akhir__", "vars": {"ID_PESERTA": "p01"}},
        expected=expected,
    )
    assert got.points == {"uji_x": {"x": 1}, "__akhir__": {"ID_PESERTA": "p01"}}
    assert got.events == ["garbage"]
    honest = _taken(
        {"k": "point", "id": "uji_x", "vars": {"x": 1}},
        {"k": "point", "id": "__akhir__", "vars": {"ID_PESERTA": "p01"}},
        expected=sb.expected_points(job),
    )
    assert honest.events == [] and honest.points["uji_x"] == {"x": 1}


def test_a_lone_surrogate_from_the_channel_arrives_as_text_utf8_can_write():
    """Red team R71/R72: chr(0xD800) in a printed line or an answer (json escapes it as \\ud800)
    made every UTF-8 write of the grader fail. What enters from the channel holds U+FFFD instead;
    a real character written as a surrogate pair (an emoji) stays itself."""
    got = _taken(
        {"k": "cell", "i": 0, "status": "ok", "out": "catatan \ud800 \U0001f45f"},
        {"k": "point", "id": "__akhir__", "vars": {"ID_PESERTA\udfff": "p06\ud800"}},
        expected=None,
    )
    assert got.cells[0]["out"] == "catatan \ufffd \U0001f45f"
    assert got.points["__akhir__"] == {"ID_PESERTA\ufffd": "p06\ufffd"}
    json.dumps(got.points, ensure_ascii=False).encode("utf-8")  # writable
    assert sb.clean_text("biasa") == "biasa"


# ------------------------------------------------------------------------------------------
# the key-call recorder (red team R76): a call into the answer key from a participant's cell is
# recorded however it is spelled, and the notebook cannot switch the recorder off
# ------------------------------------------------------------------------------------------

KEY_SETUP = "from alaskaki.exercises import m3 as latihan\nID_PESERTA = 'p08'"


def _keyed_run(*sources: str) -> sb.SandboxResult:
    cells = [{"kind": "code", "source": s} for s in (KEY_SETUP, *sources)]
    cells.append({"kind": "point", "grade_id": "g", "names": ["x"]})
    job = {"cells": cells, "preload": ["alaskaki.exercises.m3"]}
    return sb.run_in_sandbox(job, sandboxed=sb.bwrap_available(), uid=430125, scratch_dir="/tmp")


def _got_the_key(res: sb.SandboxResult) -> bool:
    from alaskaki.exercises import m3

    got = sb.decode_value(res.points.get("g", {}).get("x"))
    return isinstance(got, float) and got == m3.harapan("p08")["hpp"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "spelling",
    [
        "x = latihan.harapan(ID_PESERTA)['hpp']",
        "x = getattr(latihan, 'har' + 'apan')(ID_PESERTA)['hpp']",
        "h = latihan.harapan\nx = h(ID_PESERTA)['hpp']",
        "x = vars(latihan)['har' + 'apan'](ID_PESERTA)['hpp']",
        "x = latihan.__dict__['harapan'](ID_PESERTA)['hpp']",
        "import importlib\nm = importlib.import_module('alaskaki.exercises.m3')\n"
        "x = getattr(m, 'harapan')(ID_PESERTA)['hpp']",
        "x = (lambda f: f(ID_PESERTA))(latihan.harapan)['hpp']",
        "exec('x = latihan.' + 'har' + 'apan(ID_PESERTA)[\"hpp\"]')",
        "x = list(map(latihan.harapan, [ID_PESERTA]))[0]['hpp']",
        "import functools\nx = functools.partial(latihan.harapan, ID_PESERTA)()['hpp']",
        # a kit function handed the key as if it were the module's soal(): it calls it for him
        "try:\n    latihan.Sesi(latihan.harapan).mulai(ID_PESERTA)\nexcept AttributeError as e:\n"
        "    x = e.__traceback__.tb_next.tb_frame.f_locals['s']['hpp']",
        # sys.audit stubbed out: the marker needs no name the notebook can rebind
        "import sys, builtins\nsys.audit = lambda *a: None\nbuiltins.any = lambda *a: False\n"
        "x = latihan.harapan(ID_PESERTA)['hpp']",
    ],
)
def test_a_call_into_the_answer_key_is_recorded_however_it_is_spelled(spelling):
    res = _keyed_run(spelling)
    assert "kunci:m3.harapan" in res.checks, (res.checks, res.cells)


@pytest.mark.slow
def test_the_key_composed_from_its_private_helpers_is_recorded():
    """harapan's own helpers (m3._hpp over the participant's soal) compute the same numbers."""
    res = _keyed_run("x = latihan._hpp(latihan.soal(ID_PESERTA)).total")
    assert "kunci:m3._hpp" in res.checks, res.checks
    assert _got_the_key(res)  # recorded, not prevented: the trainer decides


@pytest.mark.slow
def test_a_hidden_check_called_as_an_oracle_is_recorded():
    res = _keyed_run(
        "x = 0\ntry:\n    latihan.uji_hpp(ID_PESERTA, 5)\nexcept AssertionError:\n    x = 1"
    )
    assert "kunci:base.pasangan.uji" in res.checks, res.checks


@pytest.mark.slow
def test_the_participants_own_checks_and_module_start_record_nothing():
    """cek_* computes its verdict with harapan(): that is the kit calling its key, not him."""
    res = _keyed_run("latihan.mulai(ID_PESERTA)\nx = 1.0\nlatihan.cek_hpp(x)\nlatihan.cek_upah(2)")
    assert res.points["g"] == {"x": 1.0}
    assert [c["status"] for c in res.cells] == ["ok", "ok"], res.cells
    assert not [c for c in res.checks if c.startswith("kunci:")], res.checks


TAMPER = {
    # a tracer or another audit hook would run inside the recorder
    "settrace": "import sys\nsys.settrace(lambda *a: None)",
    "setprofile": "import sys\nsys.setprofile(lambda *a: None)",
    "addaudithook": "import sys\nsys.addaudithook(lambda *a: None)",
    # looking for the recorder among the interpreter's objects
    "gc": "import gc\nhooks = [o for o in gc.get_objects() if callable(o)]",
    "gc_referrers": "import gc, os\ngc.get_referrers(os.write)",
    # ctypes could take the hook out of the interpreter's memory
    "ctypes": "import ctypes\nctypes.addressof(ctypes.c_int(1))",
    # the key's body swapped for one without the marker
    "code": "latihan.harapan.__code__ = latihan.soal.__code__",
    # a program of its own, where no recorder listens
    "program": "import subprocess, sys\nsubprocess.run([sys.executable, '-c', 'pass'])",
}


@pytest.mark.slow
@pytest.mark.parametrize("attempt", sorted(TAMPER))
def test_a_notebook_that_tries_to_switch_the_recorder_off_is_shown(attempt):
    """The attempt itself is recorded, before Python carries it out; a key called afterwards is
    still recorded, or never handed out."""
    res = _keyed_run(TAMPER[attempt], "x = latihan.harapan(ID_PESERTA)['hpp']")
    assert any(c.startswith("kunci:!") for c in res.checks), res.checks
    assert "kunci:m3.harapan" in res.checks or not _got_the_key(res), res


@pytest.mark.slow
def test_a_channel_swapped_under_the_recorder_hands_out_no_key():
    """/dev/null put at the channel's descriptor: the recorder's write would vanish, so the key
    function fails instead of answering (and the runner's own reports are gone: nothing scored)."""
    res = _keyed_run(
        "import os, stat\nfor fd in range(3, 64):\n    try:\n"
        "        if stat.S_ISFIFO(os.fstat(fd).st_mode):\n"
        "            os.dup2(os.open('/dev/null', os.O_WRONLY), fd)\n    except OSError:\n"
        "        pass\nx = latihan.harapan(ID_PESERTA)['hpp']"
    )
    assert not _got_the_key(res), res


def test_a_key_frame_written_by_the_notebook_only_accuses_it():
    """A forged frame adds an indication against the notebook; a name that is not one is '?'."""
    res = _taken(
        {"k": "kunci", "f": "m3.harapan"},
        {"k": "kunci", "f": "m3.harapan"},
        {"k": "kunci", "f": "<b>klik</b> di sini"},
        expected=None,
    )
    assert res.checks == ["kunci:m3.harapan", "kunci:?"]


def test_the_judge_names_the_key_function_and_the_attempt_on_the_recorder():
    from types import SimpleNamespace

    from alaskaki.workshop.grading import judge

    checks = ["kunci:m3.harapan", "kunci:!gc.get_objects", "kunci:!oracle:m3._hpp_cek"]
    res = sb.SandboxResult(checks=checks, finished=True)
    work = SimpleNamespace(cell_index={}, peserta="p08")
    flags = judge.runtime_flags(work, res, 120)
    assert any("kunci jawaban modul (`m3.harapan`)" in f for f in flags), flags
    assert any("pencatat kunci jawaban saat dinilai (`gc.get_objects`)" in f for f in flags), flags
    assert any("`m3._hpp_cek` berkali-kali" in f for f in flags), flags


@pytest.mark.slow
@pytest.mark.parametrize(
    "swap",
    [
        # the check's own helper swapped for one that keeps the key, and put back in the cell
        "asli = latihan.periksa_angka\n"
        "latihan.periksa_angka = lambda n, h, **k: (BOCOR.append(h), asli(n, h, **k))[1]\n"
        "latihan.cek_hpp(1.0)\nlatihan.periksa_angka = asli",
        # a builtin the check uses, hidden by a global of the kit's module, removed again
        "import builtins\nlatihan.abs = lambda v: (BOCOR.append(v), builtins.abs(v))[1]\n"
        "latihan.cek_hpp(1.0)\ndel latihan.abs",
    ],
)
def test_a_check_swapped_to_leak_the_key_is_shown_even_when_put_back(swap):
    res = _keyed_run("latihan.mulai(ID_PESERTA)\nBOCOR = []\n" + swap + "\nx = 1.0")
    assert any(c.startswith("kunci:!monkeypatch:alaskaki.exercises") for c in res.checks), res


@pytest.mark.slow
def test_a_check_searched_as_an_oracle_is_shown():
    """``latihan._hpp_cek(ID, guess).benar`` says yes or no without a word in the notebook: steps
    of 0.9 % find a number within the check's 0.5 % in some hundreds of calls. Recorded at
    KEY_ORACLE_CALLS verdicts of one check in one run; the number found still scores (the
    trainer decides)."""
    res = _keyed_run(
        "latihan.mulai(ID_PESERTA)\nx = 1000.0\n"
        "while not latihan._hpp_cek(ID_PESERTA, x).benar and x < 1e8:\n    x *= 1.009"
    )
    assert "kunci:!oracle:m3._hpp_cek" in res.checks, res.checks
