"""Red team (session 6, R29b, around R29's fix): the trainer edits the COPY handed out, not source/.

R29's fix ties each hidden test's key to its question in ``source/`` (``sidik=``): a question
edited there is refused by name. The careless trainer edits the notebook he is about to hand out
instead: after ``alaskaki release``, ``release/asesmen-akhir/asesmen-akhir.ipynb`` (what goes to
the USB sticks and the chat group) gets item post_eks01_kbli "tidied" (two options exchanged, or a
typo fixed together with the order). source/ is untouched, so the form check passes, and R31's
check (more than half of the questions equal to source/) takes the sheet as this form. p01 answers
every item right on the form he was given. The submission itself carries the question each answer
was given to; an item whose question differs from the one its key was made for must be refused or
named, never scored by the key of another question. One grading run of one sheet.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))

from test_attack_form_edit import item_cells, swap_options  # noqa: E402

pytestmark = [pytest.mark.slow]

FORM = "asesmen-akhir"
GID = "post_eks01_kbli"
HEADER = "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"


def test_options_exchanged_in_the_released_copy_are_not_graded_by_the_key_of_the_source(tmp_path):
    from alaskaki.errors import AlaskakiError
    from alaskaki.workshop.collect import collect_module
    from alaskaki.workshop.course import init_workshop
    from alaskaki.workshop.grading.run import grade_module
    from alaskaki.workshop.release import release_module

    roster = tmp_path / "peserta.csv"
    roster.write_text(HEADER + "p01,Ani,UD A,Miji,P,admin\n", encoding="utf-8")
    ws = init_workshop(tmp_path / "lokakarya", roster=roster, modules=[FORM])
    release_module(ws, FORM, due="2026-12-01 17:00")
    source = nbformat.read(ws.source_notebook(FORM), as_version=4)
    _, test = item_cells(source, GID)
    right = json.loads(
        source.cells[test].source.split("harapan=")[1].split(")")[0].replace("'", '"')
    )
    other = next(x for x in "ABCD" if x != right)
    solutions = {
        m[1]: m[2]
        for c in source.cells
        for m in re.finditer(
            r"### BEGIN SOLUTION\n((?:pre|post)_\w+) = (.+)\n### END SOLUTION", c.source
        )
    }

    # the trainer's hand edit of the copy that is handed out (after `release`)
    released_path = ws.release_notebook(FORM)
    given = nbformat.read(released_path, as_version=4)
    answer = next(
        i
        for i, c in enumerate(given.cells)
        if c.cell_type == "code" and f"{GID} = None" in c.source
    )
    question = max(i for i in range(answer) if given.cells[i].cell_type == "markdown")
    given.cells[question].source = swap_options(given.cells[question].source, right, other)
    nbformat.write(given, released_path)

    # p01: every item right on the form he was given (the right text of GID is now at `other`)
    sheet = nbformat.read(released_path, as_version=4)
    for cell in sheet.cells:
        if cell.cell_type != "code":
            continue
        cell.source = re.sub(r'"isi-id-anda"', '"p01"', cell.source, flags=re.I)
        cell.source = re.sub(
            r"^((?:pre|post)_\w+) = None",
            lambda m: f"{m[1]} = {repr(other) if m[1] == GID else solutions[m[1]]}",
            cell.source,
            flags=re.M,
        )
    assert len(solutions) == 37
    usb = tmp_path / "usb"
    usb.mkdir()
    nbformat.write(sheet, usb / f"p01_{FORM}.ipynb")
    got = collect_module(ws, FORM, source=usb, tanpa_token=True)
    if not got.collected:
        assert any(GID in h.reason for h in got.held), got.held
        return
    try:
        run = grade_module(ws.root, FORM, participants=["p01"], progress=False)
    except AlaskakiError as refused:
        assert GID in str(refused), refused
        return
    (res,) = run.results
    named = any(GID in f for f in res.flags) or (res.status == "gagal" and GID in str(res))
    assert named or res.score == res.max_score, (
        f"options {right}/{other} of {GID} exchanged by hand in the released copy: p01, right on "
        f"every item of the form he was given, scored {res.score:g}/{res.max_score:g}, status "
        f"{res.status}, flags {res.flags}: graded by the key of source/'s question, nothing named"
    )
