"""Red team (session 6, R33): `alaskaki tutup` with a sheet that changed after it was graded.

``tutup`` records, per participant, "the submission that was graded" as the sha of the file now in
``submitted/`` whenever a done-marker exists, without asking whether the marker judged THAT file.
A participant who hands in a second sheet after grading (collect installs it while the round is
open) has it recorded as his closed result: ``tutup`` warns that it "will be refused", but the
grader then grades it after closing (``putaran.refusals``: the very file recorded), so the result changes
after the rapor went out, on a file nobody graded before closing. The record of a closed round must
be the file the grader judged (the marker's ``jawaban_dari``), and the changed sheet refused, as the
warning says. No grading: markers as the grader writes them (``workshop/test_putaran``'s helpers).
"""

from __future__ import annotations

import os

from alaskaki.workshop import putaran
from tests.unit.workshop.test_putaran import FORM, _graded_marker, base, ws  # noqa: F401


def test_a_sheet_changed_after_grading_is_not_recorded_as_the_closed_result(ws, capsys):  # noqa: F811
    from alaskaki.cli import main

    nb = ws.submitted("p01", FORM) / f"{FORM}.ipynb"
    nb.parent.mkdir(parents=True)
    nb.write_text('{"jawaban": "p01, dinilai 10/37"}', encoding="utf-8")
    _graded_marker(ws, "p01")
    graded_sha = putaran._sha(nb)
    # a later sheet, collected while the round was open (newer than the marker), not graded yet
    nb.write_text('{"jawaban": "p01, lembar kedua"}', encoding="utf-8")
    later = nb.stat().st_mtime + 60
    os.utime(nb, (later, later))

    assert main(["tutup", FORM, "-w", str(ws.root)]) == 0
    warned = capsys.readouterr().err
    assert "p01" in warned and "ditolak" in warned  # what the trainer is told

    recorded = putaran.read_round(ws.root, FORM).dinilai.get("p01")
    refused = putaran.refusals(ws.root, FORM, ["p01"])
    assert "p01" in refused, (
        "tutup warned that p01's sheet changed since grading 'will be refused', but recorded "
        f"that ungraded sheet as the closed result ({'the changed file' if recorded != graded_sha else 'the graded file'}) "
        "and the grader grades it after closing"
    )
    assert recorded in (None, graded_sha)
