"""Red team (session 5): a retaker hands in the OLD round's form (R5c rounds; owner: sealed).

After `alaskaki tutup` and `alaskaki ulang asesmen-akhir --peserta p05`, source/ holds round 2's
NEW form. p05 still has his round-1 copy (the trainer forgot `release`, the hub release failed, or
p05 simply opened the old file) and hands in round 1's form, every item answered right for round
1. Collect accepts it (a retaker of the open round) and the grader grades it silently with round
2's key: the answers were chosen for other questions. A submission of another round's form must be
refused or flagged by name (its questions are not the source's), never scored on a key it was not
written for.
"""

from __future__ import annotations

import re

import nbformat
import pytest

pytestmark = [pytest.mark.slow]

FORM = "asesmen-akhir"
HEADER = "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"


def test_a_retaker_handing_in_the_old_rounds_form_is_not_graded_by_the_new_key(tmp_path):
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
    given = nbformat.read(ws.release_notebook(FORM), as_version=4)
    key1 = {
        m[1]: m[2]
        for c in round1.cells
        for m in re.finditer(r"### BEGIN SOLUTION\n(post_\w+) = (.+)\n### END SOLUTION", c.source)
    }
    # round 1: p01 graded (a done-marker is what the grader leaves), closed; p05 retakes
    d = ws.submitted("p01", FORM)
    d.mkdir(parents=True)
    nbformat.write(round1, d / f"{FORM}.ipynb")
    write_marker(ws.root, FORM, "p01", {"key": "x", "score": 37.0, "max_score": 37.0})
    putaran.tutup(ws.root, FORM)
    putaran.ulang(ws.root, FORM, ["p05"])
    assert src.read_bytes() != nbformat.writes(round1).encode()  # round 2's new form

    # p05's round-1 copy (as released), every item answered with round 1's right answer
    old = nbformat.from_dict(nbformat.from_dict(given))
    for cell in old.cells:
        cell.source = cell.source.replace('"isi-id-anda"', '"p05"')
        cell.source = re.sub(
            r"^(post_\w+) = None", lambda m: f"{m[1]} = {key1[m[1]]}", cell.source, flags=re.M
        )
    assert len(key1) == 37
    usb = tmp_path / "usb"
    usb.mkdir()
    nbformat.write(old, usb / f"p05_{FORM}.ipynb")
    got = collect_module(ws, FORM, source=usb, tanpa_token=True)
    if not got.collected:
        return  # held at collect, by name: defended
    run = grade_module(ws.root, FORM, participants=["p05"], progress=False)
    (res,) = run.results
    named = res.status == "gagal" or any("putaran" in f or "formulir" in f for f in res.flags)
    assert named, (
        f"p05 handed in round 1's form (37/37 right for round 1) in round 2: graded silently with "
        f"round 2's key: {res.score:g}/{res.max_score:g}, status {res.status}, flags {res.flags}"
    )
