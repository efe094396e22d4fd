"""Red team (session 5), OPEN on main when written (owner: sealed; R29): a workshop form (the key
in its hidden tests, ``harapan=``) whose options a trainer reordered by hand is graded by the stale
key, silently.

T8 protects OLD forms: an item whose question text no frozen table knows is refused by name
(tests/unit/test_attack_form_edit.py). A form made since b84c8fe carries ``harapan='B'`` in its
hidden test and nothing ties that letter to the question text. The trainer "tidies" item
post_eks01_kbli in source/ before release (options A and B exchanged, e.g. to spread the letters
or after a typo fix); every participant who picks the right TEXT (now letter A) is judged wrong:
p01 answers all 37 items right on the form he was given and gets 36/37 (one swapped item; each
further edited item costs one more). Suggest: the hidden test carries the item's fingerprint
(``arsip.sidik(grade id, question)``) beside ``harapan=``, and the grader (``_frozen_key``) refuses
a mismatch by name, as it does for old forms; or release refuses a form whose question text
differs from the one drawn from the workshop's secret.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))

from test_attack_form_edit import item_cells, swap_options  # noqa: E402

pytestmark = [pytest.mark.slow]

FORM = "asesmen-akhir"
HEADER = "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"


def test_a_workshop_form_with_options_reordered_by_hand_is_not_graded_by_its_stale_key(tmp_path):
    from alaskaki.errors import AlaskakiError
    from alaskaki.workshop.collect import collect_module
    from alaskaki.workshop.course import init_workshop
    from alaskaki.workshop.grading.run import grade_module
    from alaskaki.workshop.release import release_module

    roster = tmp_path / "peserta.csv"
    roster.write_text(HEADER + "p01,Ani,UD A,Miji,P,admin\n", encoding="utf-8")
    ws = init_workshop(tmp_path / "lokakarya", roster=roster, modules=[FORM])
    src_path = ws.source_notebook(FORM)
    nb = nbformat.read(src_path, as_version=4)
    gid = "post_eks01_kbli"
    q, test = item_cells(nb, gid)
    right = json.loads(nb.cells[test].source.split("harapan=")[1].split(")")[0].replace("'", '"'))
    other = next(x for x in "ABCD" if x != right)
    nb.cells[q].source = swap_options(nb.cells[q].source, right, other)
    nbformat.write(nb, src_path)  # the trainer's hand edit, before release
    release_module(ws, FORM, due="2026-12-01 17:00")

    # p01 answers every item right on the form he was given: the instructor solutions, except the
    # edited item, where the right text now stands at letter `other`
    answered = nbformat.read(src_path, as_version=4)
    for cell in answered.cells:
        cell.source = cell.source.replace('"contoh-01"', '"p01"').replace('"isi-id-anda"', '"p01"')
        if cell.cell_type == "code" and f"{gid} = '{right}'" in cell.source:
            cell.source = cell.source.replace(f"{gid} = '{right}'", f"{gid} = '{other}'")
    usb = tmp_path / "usb"
    usb.mkdir()
    nbformat.write(answered, usb / f"p01_{FORM}.ipynb")
    collect_module(ws, FORM, source=usb, tanpa_token=True)
    try:
        run = grade_module(ws.root, FORM, participants=["p01"], progress=False)
    except AlaskakiError as refused:  # refusing the edited form by name is the defence
        assert gid in str(refused), refused
        return
    (res,) = run.results
    assert res.score == res.max_score, (
        f"options {right}/{other} of {gid} exchanged by hand in source/: p01, right on every item "
        f"of the form he was given, scored {res.score:g}/{res.max_score:g} (graded by the stale "
        f"harapan='{right}'), nothing refused"
    )
