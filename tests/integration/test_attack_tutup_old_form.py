"""Red team (session 6, R33b: R33 opens R31 again): an old round's sheet installed just before
`tutup` is graded after closing, with the new key.

R31's fix refuses a sheet whose questions are another round's form, but ``putaran.refusals``
first lets through "the very work graded before closing" (the sha recorded by ``tutup``), and
``tutup`` records whatever file sits in submitted/ when a done-marker exists (R33). p05 retakes
(round 2), hands in his round-2 sheet, it is graded 37/37. Later his round-1 sheet arrives too
(he, or a friend holding it with his token — R24b — hands it in): collect installs it (newer
received). The trainer closes round 2 (`tutup` warns the sheet "will be refused") and grades
again: the round-1 sheet is graded with round 2's key, and p05's closed result drops to about
chance, after closing. Two grading runs of one sheet.
"""

from __future__ import annotations

import re

import nbformat
import pytest

pytestmark = [pytest.mark.slow]

FORM = "asesmen-akhir"
HEADER = "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"


def _key(src_nb) -> dict[str, str]:
    return {
        m[1]: m[2]
        for c in src_nb.cells
        for m in re.finditer(r"### BEGIN SOLUTION\n(post_\w+) = (.+)\n### END SOLUTION", c.source)
    }


def _answered(given, pid: str, key: dict[str, str]):
    nb = nbformat.from_dict(nbformat.from_dict(given))
    for cell in nb.cells:
        cell.source = cell.source.replace('"isi-id-anda"', f'"{pid}"')
        cell.source = re.sub(
            r"^(post_\w+) = None", lambda m: f"{m[1]} = {key[m[1]]}", cell.source, flags=re.M
        )
    return nb


def test_an_old_rounds_sheet_installed_before_tutup_is_not_graded_after_it(tmp_path):
    from alaskaki.workshop import putaran
    from alaskaki.workshop.collect import collect_module
    from alaskaki.workshop.course import init_workshop
    from alaskaki.workshop.grading.record import write_marker
    from alaskaki.workshop.grading.run import grade_module
    from alaskaki.workshop.release import release_module

    roster = tmp_path / "peserta.csv"
    roster.write_text(HEADER + "p01,Ani,UD A,Miji,P,admin\np05,Eko,UD E,Miji,L,\n", "utf-8")
    ws = init_workshop(tmp_path / "lokakarya", roster=roster, modules=[FORM])
    release_module(ws, FORM, due="2026-12-01 17:00")
    src = ws.source_notebook(FORM)
    round1 = nbformat.read(src, as_version=4)
    given1 = nbformat.read(ws.release_notebook(FORM), as_version=4)
    old_sheet = _answered(given1, "p05", _key(round1))  # round 1's right answers, round 1's form

    # round 1 closed (p01 graded: a marker is what the grader leaves); p05 retakes in round 2
    d = ws.submitted("p01", FORM)
    d.mkdir(parents=True)
    nbformat.write(round1, d / f"{FORM}.ipynb")
    write_marker(ws.root, FORM, "p01", {"key": "x", "score": 37.0, "max_score": 37.0})
    putaran.tutup(ws.root, FORM)
    putaran.ulang(ws.root, FORM, ["p05"])
    release_module(ws, FORM, due="2026-12-08 17:00")
    round2 = nbformat.read(src, as_version=4)
    given2 = nbformat.read(ws.release_notebook(FORM), as_version=4)

    usb = tmp_path / "usb-1"
    usb.mkdir()
    nbformat.write(_answered(given2, "p05", _key(round2)), usb / f"p05_{FORM}.ipynb")
    collect_module(ws, FORM, source=usb, tanpa_token=True, received="2026-12-08 15:00")
    (first,) = grade_module(ws.root, FORM, participants=["p05"], progress=False).results
    assert first.score == first.max_score, first  # premise: the retake, graded

    # the round-1 sheet arrives later; then the trainer closes round 2 and grades again
    later = tmp_path / "usb-2"
    later.mkdir()
    nbformat.write(old_sheet, later / f"p05_{FORM}.ipynb")
    collect_module(ws, FORM, source=later, tanpa_token=True, received="2026-12-08 16:00")
    putaran.tutup(ws.root, FORM)
    run = grade_module(ws.root, FORM, participants=["p05"], progress=False)
    results = [r for r in run.results if r.participant == "p05"]
    regraded = [r for r in results if r.status == "dinilai"]
    assert not regraded or regraded[0].score == first.score, (
        f"after `tutup` of round 2, p05's round-1 sheet (installed just before closing) was graded "
        f"with round 2's key: {regraded[0].score:g}/{regraded[0].max_score:g} replaces his closed "
        f"{first.score:g}/{first.max_score:g} (flags {regraded[0].flags})"
    )
