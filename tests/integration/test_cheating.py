"""Every threat of issue 7 against grade_module, in one workshop graded once.

For each threat: the submission scores exactly what its genuine answers earn, the honest
participants are graded as usual, no file outside the participant's own output changes, no process
survives grading, and the attempt is flagged (*indikasi kecurangan*).
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import sys
import time
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "grader"))

import cohort  # noqa: E402
import latihan_uji  # noqa: E402
from nbgrader_baseline import gradebook_scores  # noqa: E402

from alaskaki.folder import (  # noqa: E402
    AUTOGRADED_DIR,
    FEEDBACK_DIR,
    GRADEBOOK_FILE,
    LOCK_FILE,
    STATE_DIR,
    Folder,
)
from alaskaki.workshop import sandbox as sb  # noqa: E402
from alaskaki.workshop.grader import grade_module, load_flags  # noqa: E402

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not sb.bwrap_available(), reason="needs bubblewrap (apt-get install bubblewrap)"
    ),
]

MARK = "4000.5127"  # a stray process would show this in its command line
TEST_IDX = {"t1_luas": 5, "t1_biaya": 8, "t1_urutan": 11}  # cell positions in the released notebook


def _cells(nb):
    return nb["cells"]


def _gid(cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def _with(nb, idx, src):
    nb = copy.deepcopy(nb)
    nb["cells"].insert(
        idx,
        {
            "cell_type": "code",
            "metadata": {},
            "source": src,
            "outputs": [],
            "execution_count": None,
        },
    )
    return nb


def _append(nb, src):
    return _with(nb, len(nb["cells"]), src)


def _paths(root: Path) -> dict[str, str]:
    return {
        "SRC": str(Folder(root).source_notebook("t1")),
        "GB": str(Folder(root).own_gradebook),
        "OTHER": str(Folder(root).submitted("jujur_benar", "t1") / "t1.ipynb"),
        "REL": str(Folder(root).release_notebook("t1")),
    }


def _threats(root: Path) -> dict[str, tuple[object, float]]:
    """participant id -> (submission: dict notebook or bytes, the score its genuine answers earn)."""
    P = _paths(root)

    def benar(pid):
        return cohort.filled(root, pid, "benar")

    def salah(pid):
        return cohort.filled(root, pid, "salah")

    t: dict[str, tuple[object, float]] = {}
    # -- tampering with test cells and their metadata
    nb = salah("ubah_uji")
    for c in _cells(nb):
        if _gid(c) in TEST_IDX:
            c["source"] = "pass"
    t["ubah_uji"] = (nb, 0.0)
    nb = salah("hapus_uji")
    nb["cells"] = [c for c in _cells(nb) if _gid(c) not in TEST_IDX]
    t["hapus_uji"] = (nb, 0.0)
    nb = benar("gandakan_uji")
    for _ in range(3):
        nb["cells"].insert(6, copy.deepcopy(nb["cells"][5]))
    t["gandakan_uji"] = (nb, 6.0)
    nb = benar("ubah_poin")
    for c in _cells(nb):
        if _gid(c) == "t1_urutan":
            c["metadata"]["nbgrader"]["points"] = 100
        if _gid(c) == "t1_luas_jawab":
            c["metadata"]["nbgrader"].update(grade=True, points=50)
    t["ubah_poin"] = (nb, 6.0)
    nb = salah("ubah_id")
    for c in _cells(nb):
        if _gid(c) in TEST_IDX:
            c["metadata"]["nbgrader"]["grade_id"] = _gid(c) + "_palsu"
            c["source"] = "pass"
    t["ubah_id"] = (nb, 0.0)
    nb = salah("hapus_metadata")
    for c in _cells(nb):
        if _gid(c) in TEST_IDX:
            del c["metadata"]["nbgrader"]
    t["hapus_metadata"] = (nb, 0.0)
    # -- tampering with the running kernel (wrong answers; the trick would give full marks in nbgrader)
    kernel_tricks = {
        "transformer": "get_ipython().input_transformers_post.append(lambda lines: ['pass\\n'])",
        "penangan_galat": "get_ipython().set_custom_exc((BaseException,), lambda *a, **k: None)",
        "builtins": "import builtins\nbuiltins.isinstance = lambda *a: True\nbuiltins.abs = lambda x: 0",
        "math_numpy": "import math, numpy\nmath.isnan = lambda x: False\nmath.isinf = lambda x: False\nnumpy.isclose = lambda *a, **k: True",
        "pemeriksa": (
            "import alaskaki.exercises.base as b\nb.tegaskan = lambda h: None\n"
            "latihan.uji_luas = latihan.uji_biaya = latihan.uji_urutan = lambda *a: None"
        ),
        "settrace": "import sys\nsys.settrace(lambda *a: None)\nsys.setprofile(lambda *a: None)",
    }
    for pid, trick in kernel_tricks.items():
        t[pid] = (_with(salah(pid), 2, trick), 0.0)
    # -- outliving the notebook, writing and reading what is not theirs
    writer = (
        "import subprocess, sys\n"
        "subprocess.Popen([sys.executable, '-c', 'import time, sqlite3; time.sleep(3); "
        f"db = sqlite3.connect({P['GB']!r}); db.execute(\"update grade set auto_score = 99\"); db.commit()', '{MARK}'],"
        " start_new_session=True)"
    )
    t["proses_lepas"] = (_append(benar("proses_lepas"), writer), 6.0)
    fork = f"import os\nif os.fork() == 0:\n    os.setsid()\n    os.execvp('sleep', ['sleep', '{MARK}'])"
    t["fork"] = (_append(benar("fork"), fork), 6.0)
    scribble = (
        f"for path in [{P['SRC']!r}, {P['OTHER']!r}, {P['GB']!r}, {P['REL']!r}]:\n"
        "    try:\n        with open(path, 'a') as f:\n            f.write('x')\n"
        "    except Exception as e:\n        print('gagal', e)"
    )
    t["tulis_berkas"] = (_append(benar("tulis_berkas"), scribble), 6.0)
    peek = (
        "import json\ntry:\n"
        f"    src = json.load(open({P['SRC']!r}))\n"
        "    print([c['source'] for c in src['cells']])\n"
        f"    print(open({P['GB']!r}, 'rb').read()[:100])\n"
        "except Exception as e:\n    print('gagal', e)"
    )
    t["baca_rahasia"] = (_append(salah("baca_rahasia"), peek), 0.0)
    # -- exhausting resources (right answers: the limits must not cost them anything)
    t["loop"] = (_with(benar("loop"), 7, "while True:\n    pass"), 6.0)
    t["tidur"] = (_with(benar("tidur"), 10, "import time\ntime.sleep(10**6)"), 6.0)
    t["abaikan_alarm"] = (
        _append(
            benar("abaikan_alarm"),
            "import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\nwhile True:\n    pass",
        ),
        6.0,
    )
    flood = "import os\nprint('x' * 50_000_000)\nfor i in range(100_000):\n    print(i)\nos.write(1, b'y' * 10**7)"
    t["keluaran_besar"] = (_with(benar("keluaran_besar"), 7, flood), 6.0)
    t["memori"] = (_with(benar("memori"), 7, "x = bytearray(50 * 1024**3)"), 6.0)
    t["bom_proses"] = (_append(benar("bom_proses"), "import os\nwhile True:\n    os.fork()"), 6.0)
    # -- network
    net = (
        "import socket\ntry:\n    socket.create_connection(('1.1.1.1', 53), timeout=3)\n    print('TERHUBUNG')\n"
        "except OSError as e:\n    print('gagal', e)"
    )
    t["jaringan"] = (_append(benar("jaringan"), net), 6.0)
    # -- identity: right answers for another participant's variant
    t["id_lain"] = (
        cohort.filled(root, "id_lain", "benar", claimed_id="jujur_benar"),
        _score_for("id_lain", "jujur_benar"),
    )
    # -- malformed files
    t["json_rusak"] = (b'{"cells": [ {"cell_type": "code", ', 0.0)
    v3 = nbformat.convert(nbformat.reads(json.dumps(benar("format_v3")), as_version=4), 3)
    t["format_v3"] = (nbformat.writes(v3, version=3).encode(), 6.0)
    t["format_py"] = (b"# %%\nluas = 1\n# %%\nbiaya = 2\n", 0.0)
    t["berkas_kosong"] = (b"", 0.0)
    t["biner"] = (b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 8, 0.0)
    other = cohort.notebook(
        [
            cohort.code("import latihan_uji as latihan\nID_PESERTA = 'modul_lain'"),
            cohort.answer("m9_harga_jawab", "harga = 5"),
            cohort.test("m9_harga", 5, "assert harga == 5"),
        ]
    )
    t["modul_lain"] = (json.loads(nbformat.writes(other)), 0.0)
    return t


def _score_for(pid: str, variant_of: str) -> float:
    """What right answers computed for another participant's numbers earn for ``pid``."""
    s = latihan_uji.soal(variant_of)
    luas = s["panjang"] * s["lebar"]
    values = {
        "t1_luas": (2, latihan_uji.uji_luas, luas),
        "t1_biaya": (3, latihan_uji.uji_biaya, luas * s["harga"]),
    }
    values["t1_urutan"] = (1, latihan_uji.uji_urutan, sorted(s["kata"]))
    total = 0.0
    for points, uji, value in values.values():
        try:
            uji(pid, value)
        except AssertionError:
            continue
        total += points
    return total


def _tree_hashes(root: Path) -> dict[str, str]:
    # what grading itself writes: outputs, kit state, the gradebook and the writer lock's empty file
    skip = (AUTOGRADED_DIR, STATE_DIR, FEEDBACK_DIR, GRADEBOOK_FILE, LOCK_FILE)
    out = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root)
        if p.is_file() and rel.parts[0] not in skip and not rel.name.startswith(GRADEBOOK_FILE):
            out[str(rel)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def _stray_processes() -> list[str]:
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                cmd = (
                    Path(f"/proc/{entry.name}/cmdline")
                    .read_bytes()
                    .replace(b"\0", b" ")
                    .decode(errors="replace")
                )
            except OSError:
                continue
            if MARK in cmd and "pytest" not in cmd:
                found.append(f"{entry.name}: {cmd[:120]}")
    return found


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    cohort.ensure_python_path()
    root = tmp_path_factory.mktemp("curang") / "ws"
    honest = {
        "jujur_benar": ("benar", 6.0),
        "jujur_salah": ("salah", 0.0),
        "jujur_sebagian": ("sebagian", 3.0),
    }
    cohort.make_workshop(root, [])
    threats = _threats(root)
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{Folder(root).own_gradebook}", "uji-penilai") as gb:
        for pid in [*honest, *threats]:
            gb.update_or_create_student(pid)
    for pid, (kind, _) in honest.items():
        cohort.submit(root, pid, cohort.filled(root, pid, kind))
    for pid, (content, _) in threats.items():
        cohort.submit(root, pid, content)
    before = _tree_hashes(root)
    run = grade_module(
        root, cohort.MODUL, workers=2, progress=False, cell_timeout=3, run_timeout=20
    )
    time.sleep(4)  # long enough for the detached writer to have struck, had it survived
    expected = {pid: score for pid, (_, score) in honest.items()} | {
        pid: s for pid, (_, s) in threats.items()
    }
    return root, run, expected, set(honest), before


def test_every_submission_scores_what_its_genuine_answers_earn(graded):
    root, run, expected, _, _ = graded
    got = {r.participant: r.score for r in run.results}
    assert got == expected, {p: (got[p], expected[p]) for p in expected if got[p] != expected[p]}
    assert all(r.status == "dinilai" and r.max_score == 6.0 for r in run.results), [
        (r.participant, r.status, r.error) for r in run.results if r.status != "dinilai"
    ]
    assert run.sandboxed is True and run.warning is None


def test_the_gradebook_holds_those_scores_after_grading_ends(graded):
    root, _, expected, _, _ = graded
    scores = gradebook_scores(root, cohort.MODUL)
    assert {p: sum(v for v in g.values() if v is not None) for p, g in scores.items()} == expected
    assert all(len(g) == 3 for g in scores.values())  # points and ids tampering added no grade rows


def test_every_attempt_is_flagged_and_honest_work_is_not(graded):
    root, run, _, honest, _ = graded
    flags = load_flags(root)
    for r in run.results:
        if r.participant in honest:
            assert r.flags == [] and (r.participant, cohort.MODUL) not in flags
        else:
            assert r.flags, f"{r.participant} not flagged"
            assert flags[(r.participant, cohort.MODUL)] == r.flags


@pytest.mark.parametrize(
    ("pid", "words"),
    [
        ("ubah_uji", "diubah"),
        ("hapus_uji", "dihapus"),
        ("gandakan_uji", "digandakan"),
        ("ubah_poin", "Poin sel t1_urutan diubah"),
        ("ubah_id", "grade_id tak dikenal"),
        ("hapus_metadata", "Metadata sel uji"),
        ("transformer", "input transformer"),
        ("penangan_galat", "penangan galat"),
        ("builtins", "builtins"),
        ("math_numpy", "math"),
        ("pemeriksa", "monkeypatching"),
        ("settrace", "settrace"),
        ("proses_lepas", "proses"),
        ("fork", "proses"),
        ("tulis_berkas", "berkas"),
        ("baca_rahasia", "berkas"),
        ("loop", "batas waktu"),
        ("tidur", "batas waktu"),
        ("abaikan_alarm", "batas waktu"),
        ("keluaran_besar", "keluaran"),
        ("memori", "memori"),
        ("bom_proses", "proses"),
        ("jaringan", "jaringan"),
        ("id_lain", "ID_PESERTA"),
        ("json_rusak", "rusak"),
        ("format_v3", "nbformat 3"),
        ("format_py", "rusak"),
        ("berkas_kosong", "kosong"),
        ("biner", "biner"),
        ("modul_lain", "bukan notebook modul"),
    ],
)
def test_the_flag_names_the_attempt(graded, pid, words):
    _, run, _, _, _ = graded
    flags = run.by_participant()[pid].flags
    assert any(words in f for f in flags), flags


def test_no_file_outside_the_participants_output_changed(graded):
    root, _, _, _, before = graded
    assert _tree_hashes(root) == before


def test_no_process_survives_grading(graded):
    assert _stray_processes() == []


def test_nothing_secret_or_from_outside_reached_the_participants_outputs(graded):
    root, _, _, _, _ = graded
    for pid in ("baca_rahasia", "jaringan", "tulis_berkas"):
        nb = json.loads((Folder(root).autograded(pid, "t1") / "t1.ipynb").read_text())
        answer_out = json.dumps(
            [c.get("outputs", []) for c in nb["cells"] if _gid(c) not in TEST_IDX]
        )
        assert "BEGIN HIDDEN" not in answer_out and "uji_luas" not in answer_out
        assert "TERHUBUNG" not in answer_out
        assert "SQLite format" not in answer_out
