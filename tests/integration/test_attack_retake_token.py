"""Red team (session 6, R24b, around R24's per-form token): a retake round keeps the form's token.

R24's fix derives each uji form's token from "<id>:uji:<form>", so the pre-test a participant lends
after the pre-test no longer opens his post-test. The post-test itself, though, has rounds
(`alaskaki ulang`), and its token is the same in every round. p02 fails round 1; once it is closed
("it is over, look at my mistakes") he lends his round-1 asesmen-akhir to p05, the sheet carrying
his asesmen-akhir token. p02 retakes in round 2: p05 hands in the blank round-2 form as p02 with
that token, received after p02's own retake sheet. The retake sheet of p02 must not be replaced on
a token read from a closed round's sheet (a token per round: "<id>:uji:<form>:<round>" from round
2 on, printed for the retakers by `ulang`/`kartu --formulir`; or held as not verified). One
workshop (test_attack_uji_token's fixture), `tutup` + `ulang` + release, two collects; no grading.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from tests.integration.test_attack_uji_token import (  # noqa: F401
    AKHIR,
    ATTACKER,
    TOKEN,
    VICTIM,
    _answered,
    _copy,
    _installed,
    _stick,
    _token,
    _with,
    base,
    ws,
)

pytestmark = [pytest.mark.slow]


def test_a_token_read_from_a_closed_rounds_sheet_does_not_hand_in_the_retake(ws, tmp_path):  # noqa: F811
    from alaskaki.workshop import putaran
    from alaskaki.workshop.collect import collect_module, unverified_identity
    from alaskaki.workshop.grading.record import write_marker
    from alaskaki.workshop.release import release_module

    # round 1: p02's sheet (his personal copy: id + asesmen-akhir token), graded, closed
    lent = _copy(ws, AKHIR, VICTIM)
    first = _answered(ws, VICTIM, 0.3, lent)
    collect_module(ws, AKHIR, source=_stick(tmp_path, "usb-1", {f"{VICTIM}_{AKHIR}.ipynb": first}),
                   received="2026-12-01 15:00")  # fmt: skip
    write_marker(ws.root, AKHIR, VICTIM, {"key": "x", "score": 11.0, "max_score": 37.0})
    putaran.tutup(ws.root, AKHIR)

    # round 2 for p02 only: a new form, released again with personal copies
    putaran.ulang(ws.root, AKHIR, [VICTIM])
    release_module(ws, AKHIR, due="2026-12-08 17:00", personal=True)
    retake = _copy(ws, AKHIR, VICTIM)
    own = _answered(ws, VICTIM, 0.9, retake)
    collect_module(ws, AKHIR, source=_stick(tmp_path, "usb-2", {f"{VICTIM}_{AKHIR}.ipynb": own}),
                   received="2026-12-08 15:00")  # fmt: skip
    p02_retake = _installed(ws, VICTIM)

    # p05: the blank round-2 form (the released one), p02's id, the token of p02's lent round-1 sheet
    blank = nbformat.read(ws.release_notebook(AKHIR), as_version=4)
    forged = _with(blank, VICTIM, _token(lent))
    assert re.search(r'ID_PESERTA = "p02"', "".join(c.source for c in forged.cells))
    got = collect_module(
        ws, AKHIR, source=_stick(tmp_path, "usb-3", {f"{VICTIM}_{AKHIR}.ipynb": forged}),
        received="2026-12-08 16:00",
    )  # fmt: skip
    replaced = _installed(ws, VICTIM) != p02_retake
    unverified = VICTIM in unverified_identity(ws, AKHIR)
    assert not replaced or unverified, (
        f"{ATTACKER} handed in the blank round-2 {AKHIR} as {VICTIM} with the token read from "
        f"{VICTIM}'s lent round-1 sheet (round 1 closed): installed over {VICTIM}'s retake as "
        f"verified (held: {[h.reason for h in got.held]})"
    )
