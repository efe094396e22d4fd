"""Red team 3 (session 9): a participant with no skill against the warm sandbox (eece93d: the
zygote makes the IPython shell once, each submission runs in a forked copy), through the real
``grade_module`` on one warm worker. What tests/integration/test_isolation.py and
test_cheating.py already cover is not repeated here.

A test that holds is a normal test; a finding is a strict xfail named R6x (see /work/wt/BOARD.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "grader"))

import cohort  # noqa: E402

from alaskaki.workshop import sandbox as sb  # noqa: E402
from alaskaki.workshop.grader import grade_module, load_flags  # noqa: E402

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not sb.zygotes_usable(sb.bwrap_available()),
        reason="needs bubblewrap and root (warm sandboxes)",
    ),
]

# Every pipe the notebook holds gets 30 lines of 1 MiB of \x01 (30 MiB, under the manager's 32 MiB
# channel limit): each byte is 6 bytes in the manager's JSON result line ("\u0001"), 180 MiB,
# over what the grader reads from a warm sandbox (4 x 32 MiB), so the grader calls the sandbox
# lost, which is an incident "not the participant's doing".
FLOOD = (
    "import os\nbaris = b'\\x01' * (1 << 20) + b'\\n'\n"
    "for fd in os.listdir('/proc/self/fd'):\n"
    "    try:\n"
    "        if os.readlink(f'/proc/self/fd/{fd}').startswith('pipe:'):\n"
    "            for _ in range(30):\n"
    "                os.write(int(fd), baris)\n"
    "    except OSError:\n"
    "        pass"
)


@pytest.fixture(scope="module")
def flooded(tmp_path_factory):
    cohort.ensure_python_path()
    root = tmp_path_factory.mktemp("banjir") / "ws"
    cohort.make_workshop(root, [])
    cohort.submit(root, "a_banjir", cohort.filled(root, "a_banjir", "salah", extra={5: FLOOD}))
    cohort.submit(root, "b_jujur", cohort.filled(root, "b_jujur", "benar"))
    # run_timeout 30 s: the grader gives a warm sandbox run_timeout + 30 s to answer (60 s here)
    run = grade_module(root, cohort.MODUL, workers=1, progress=False, run_timeout=30)
    return root, run


def test_the_honest_participant_after_a_flood_is_graded(flooded):
    root, run = flooded
    r = run.by_participant()["b_jujur"]
    assert (r.status, r.score, r.flags) == ("dinilai", 6.0, []), r


def test_a_participant_flooding_the_channel_is_flagged_not_an_incident(flooded):
    """The flood is the participant's doing: it must be graded (a blank notebook's score) and
    flagged on him, as test_cheating's `keluaran_besar` and test_isolation's `a5_palsu` are, never
    an incident on the worker that leaves him ungraded and unflagged at every run.

    Finding R62 (was a strict xfail: judged a machine incident 'sandbox hangat ... dihentikan dari
    luar penilai', never recorded nor flagged, run again at every grade); fixed in session 9: the
    warm sandbox's manager drops what the participant wrote to the channel itself and bounds what
    it passes on (sandbox._collect_child)."""
    root, run = flooded
    r = run.by_participant()["a_banjir"]
    assert r.incident is None and run.incidents == [], (r, run.incidents)
    assert r.status == "dinilai" and r.score == 0.0 and r.flags, r
    assert any("saluran penilai" in f for f in r.flags), r.flags  # what the trainer reads
    assert ("a_banjir", cohort.MODUL) in load_flags(root)
