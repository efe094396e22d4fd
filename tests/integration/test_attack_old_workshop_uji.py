"""Red team (session 4): nbgrader's own feedback button in a workshop made before R13.

R13 (session 3) closed nbgrader's *Generate Feedback* (formgrader button, ``nbgrader
generate_feedback``) for the uji with a ``GenerateFeedback.preprocessors`` block that ``alaskaki
init`` writes into a NEW workshop's ``nbgrader_config.py``. A workshop whose config was written
before that block existed keeps nbgrader's defaults: every hidden test of the form is rendered as
it is, and a workshop form's hidden tests carry its key (``kunci.uji(id, x, harapan='B')``). Such a
workshop exists whenever the uji form is the workshop's own and the config is older: a kit of the
window b84c8fe..ee1e9dc, or an old workshop (made with a subset of modules) to which ``alaskaki
init`` later adds asesmen-akhir. The trainer then works as always (``alaskaki init`` again,
``release``, ``grade``) and presses the button; the page lands in ``feedback/``, the folder the kit
hands out (``hub.release_feedback``; offline, the trainer copies it to the participants).
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from alaskaki import paths
from alaskaki.folder import Folder

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "attack"))

import serangan  # noqa: E402

MODUL = serangan.MODUL

pytestmark = [pytest.mark.slow]

R13_BLOCK = "# nbgrader's own feedback"


def test_nbgraders_feedback_button_in_a_workshop_made_before_r13_shows_no_key(tmp_path):
    from alaskaki.workshop import demo
    from alaskaki.workshop.course import init_workshop
    from alaskaki.workshop.grader import grade_module
    from alaskaki.workshop.release import release_module

    root = tmp_path / "lokakarya"
    roster = paths.dataset("contoh_peserta.csv")
    ws = init_workshop(root, roster=roster, modules=[MODUL])
    config = Folder(root).config_file
    text = config.read_text(encoding="utf-8")
    assert R13_BLOCK in text, "premise: the R13 block is what this test removes"
    config.write_text(text[: text.index(R13_BLOCK)], encoding="utf-8")  # the config before ee1e9dc
    source = nbformat.read(Folder(root).source_notebook(MODUL), as_version=4)
    assert "harapan=" in "".join(c.source for c in source.cells), "premise: a workshop form"

    # the trainer's ordinary commands on the old workshop (init again is the kit's way to update it)
    ws = init_workshop(root)
    release_module(ws, MODUL, due="2026-12-01 17:00")
    released = nbformat.read(Folder(root).release_notebook(MODUL), as_version=4)
    pid = ws.participant_ids()[0]
    dest = Folder(root).submitted(pid, MODUL)
    dest.mkdir(parents=True)
    nbformat.write(
        demo.simulate_submission(source, released, pid, 0.5, MODUL), dest / f"{MODUL}.ipynb"
    )
    (dest / "timestamp.txt").write_text("2026-12-01 05:00:00.000000 UTC")
    grade_module(root, MODUL, participants=[pid], progress=False)

    done = subprocess.run(
        [sys.executable, "-m", "nbgrader", "generate_feedback", MODUL, "--student", pid, "--force"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    page = Folder(root).feedback(pid, MODUL) / f"{MODUL}.html"
    if done.returncode != 0 or not page.is_file():
        assert "alaskaki feedback" in done.stdout + done.stderr, done.stdout + done.stderr
        return
    raw = page.read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<style.*?</style>", "", raw, flags=re.S)))
    keys = dict(
        re.findall(r'kunci\.uji\("(\w+)",\s*\w+,(?:\s*sidik="\w+",)?\s*harapan=([^,)]+)', text)
    )
    right = sum(serangan.right(g, eval(v), root) for g, v in keys.items())  # noqa: S307
    shown = {
        "hidden tests": "BEGIN HIDDEN TESTS" in text,
        "items with harapan=": len(keys),
        "of which the right answer": right,
        "scores per item": len(re.findall(r"Score: [\d.]+ / 1\.0", text)),
    }
    assert not any(shown.values()), (
        f"nbgrader's feedback page of {MODUL} in a workshop whose config predates R13 "
        f"(after `alaskaki init` again, release, grade) shows: {shown}"
    )


def test_an_old_workshops_unreleased_uji_is_not_answered_by_the_public_key(tmp_path):
    """A workshop made before workshop forms holds the kit's committed asesmen-akhir, whose key is
    public (the kit's repository). The trainer updates the kit and runs ``alaskaki init`` again (the
    kit's way to bring a workshop up to date), then releases the post-test, which no participant has
    seen yet. A participant who reads the public repository must not get more than chance."""
    import shutil

    from alaskaki.workshop.course import init_workshop
    from alaskaki.workshop.release import release_module
    from alaskaki_kunci import asesmen, bengkel

    root = tmp_path / "lokakarya"
    init_workshop(root, roster=paths.dataset("contoh_peserta.csv"), modules=[MODUL])
    # as made before b84c8fe: the committed form, no secret (nothing released yet)
    shutil.rmtree(Folder(root).source(MODUL))
    shutil.copytree(paths.SOURCE_DIR / MODUL, Folder(root).source(MODUL))
    bengkel.rahasia_path(root).unlink()

    ws = init_workshop(root, modules=[MODUL])
    release_module(ws, MODUL, due="2026-12-10 17:00")
    graded_by = bengkel.kunci_form(Folder(root).source_notebook(MODUL))
    public = serangan.key()  # the committed form's key, as anyone reads it in the repository
    right = sum(
        asesmen.benar(r["harapan"], public.get(r["grade_id"]), r["batas"]) for r in graded_by
    )
    assert right <= 12, (
        f"the public key answers {right}/{len(graded_by)} items of the post-test this old workshop "
        "just released (a workshop form: about 6/37)"
    )
