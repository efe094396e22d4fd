"""Red team (session 5), OPEN on main when written: the uji token and ``--pilih`` (owner: collect).

R25 and R26 are defended (collect's ``_choose``); R24 too (a token per uji form,
release._uji_scope; the card prints the post-test token in its own column).

* R24: the pre-test is an uji too: p02 lends his asesmen-awal after the pre-test ("it only measures
  the gain"); its TOKEN_PESERTA is his uji token, the one asesmen-akhir asks for. p05 hands in a
  blank asesmen-akhir as p02 with it: installed over p02's work.
* R25: a held file released with ``--pilih`` is marked 'identitas tidak diverifikasi' only when it
  was held FOR its token; held for its name (no id in the file name, a folder naming another
  participant) its token is never checked: p05's blank file with p05's own uji token becomes p02's
  verified submission.
* R26: after ``alaskaki tutup``, ``--pilih`` installs a held file over the graded one of the closed
  round (putaran.hold_reason is asked only when nothing else held the file, and never at --pilih).

Helpers and the workshop fixture come from test_attack_uji_token.py (the defended cases).
"""
# ruff: noqa: F811  (the fixtures are imported from the defended file)

from __future__ import annotations

import contextlib

import pytest
from test_attack_uji_token import (  # noqa: F401
    AKHIR,
    ATTACKER,
    AWAL,
    VICTIM,
    _answered,
    _copy,
    _installed,
    _stick,
    _token,
    _victim_hands_in,
    _with,
    base,
    ws,
)

pytestmark = [pytest.mark.slow]


def test_a_token_read_from_a_friends_pre_test_does_not_open_their_post_test(ws, tmp_path):
    """p02 lends p05 his asesmen-awal after the pre-test (it only measures the gain). Its
    TOKEN_PESERTA is p02's uji token, the very token asesmen-akhir asks for. p02 hands in
    asesmen-akhir at 15:00; at 15:30 p05 hands in a blank asesmen-akhir as p02 with that token.
    The pre-test's token must not open the post-test (R6 one form further)."""
    from alaskaki.workshop.collect import collect_module

    before = _victim_hands_in(ws, tmp_path)
    seen = _token(_copy(ws, AWAL, VICTIM))  # read off the lent pre-test
    forged = _with(_answered(ws, ATTACKER, 0.0, _copy(ws, AKHIR, ATTACKER)), VICTIM, seen)
    stick = _stick(tmp_path, "usb-p05", {f"{VICTIM}_{AKHIR}.ipynb": forged})
    later = collect_module(ws, AKHIR, source=stick, received="2026-12-01 15:30")
    assert _installed(ws, VICTIM) == before, (
        f"p02's token read on his lent asesmen-awal let p05 replace p02's asesmen-akhir with a "
        f"blank one (collected: {later.collected}, held: {[str(h) for h in later.held]})"
    )


HOLDS = {
    # the file name holds no id; ID_PESERTA inside says p02 (a browser download "asesmen-akhir.ipynb")
    "tanpa-id-di-nama": lambda nb: {f"{AKHIR}.ipynb": nb},
    # p05's stick: folder p05, file named for p02 (the guide: the folder disagrees -> held)
    "folder-lain": lambda nb: {f"{ATTACKER}/{VICTIM}_{AKHIR}.ipynb": nb},
}


@pytest.mark.parametrize("how", sorted(HOLDS))
def test_a_held_file_chosen_with_pilih_says_its_token_proved_nothing(ws, tmp_path, how):
    """p05 hands in a blank asesmen-akhir for p02 carrying HIS OWN uji token. It is held, for its
    name (not for its token). The trainer reads the reason, sees ID_PESERTA = p02 and releases it
    with ``--pilih`` as the guide says. The token was never checked: the chosen file must be marked
    'identitas tidak diverifikasi' (or refused for its token), never pass as p02's verified work."""
    from alaskaki.workshop.collect import collect_module, held_files, unverified_identity

    before = _victim_hands_in(ws, tmp_path)
    own_token = _token(_copy(ws, AKHIR, ATTACKER))
    forged = _with(_answered(ws, ATTACKER, 0.0, _copy(ws, AKHIR, ATTACKER)), VICTIM, own_token)
    stick = _stick(tmp_path, "usb-p05", HOLDS[how](forged))
    got = collect_module(ws, AKHIR, source=stick, received="2026-12-01 15:30")
    assert [h.peserta for h in got.held] == [VICTIM], f"expected a hold for p02: {got}"
    reason = got.held[0].reason
    (held,) = held_files(ws, AKHIR)
    collect_module(ws, AKHIR, choose=[held[2]])
    replaced = _installed(ws, VICTIM) != before
    assert not replaced or VICTIM in unverified_identity(ws, AKHIR), (
        f"[{how}] held for '{reason}', chosen with --pilih: p05's blank asesmen-akhir (with p05's "
        "own uji token) replaced p02's work and is shown as verified — the token was never checked"
    )


@pytest.mark.parametrize("token_of", ["pemilik", "kosong"])
def test_pilih_after_tutup_never_replaces_the_graded_file(ws, tmp_path, token_of):
    """p02's asesmen-akhir is graded, the trainer closes the round (`alaskaki tutup`) and hands
    out the rapor. A new file for p02 arrives (his own token, or none): held. The trainer releases
    it with ``--pilih`` (the guide's answer to every DITAHAN). The graded file of a closed round
    must stay in submitted/ (putaran.hold_reason: otherwise the closed result counts as replaced)."""
    from alaskaki.workshop import putaran
    from alaskaki.workshop.collect import collect_module, held_files
    from alaskaki.workshop.grading.record import write_marker

    before = _victim_hands_in(ws, tmp_path)
    write_marker(ws.root, AKHIR, VICTIM, {"key": "x", "score": 37.0, "max_score": 37.0})
    assert VICTIM in putaran.tutup(ws.root, AKHIR).dinilai
    token = _token(_copy(ws, AKHIR, VICTIM)) if token_of == "pemilik" else ""
    late = _with(_answered(ws, VICTIM, 0.5, _copy(ws, AKHIR, VICTIM)), VICTIM, token)
    stick = _stick(tmp_path, "usb-late", {f"{VICTIM}_{AKHIR}.ipynb": late})
    got = collect_module(ws, AKHIR, source=stick, received="2026-12-02 09:00")
    assert _installed(ws, VICTIM) == before and got.held, f"not held after tutup: {got}"
    # the closed round is the reason shown first, whatever else held the file (collect)
    assert got.held[0].reason.startswith(f"uji {AKHIR} sudah ditutup"), got.held[0].reason
    (held,) = held_files(ws, AKHIR)
    from alaskaki.errors import AlaskakiError

    with contextlib.suppress(AlaskakiError):  # refusing the choice is a defence
        collect_module(ws, AKHIR, choose=[held[2]])
    assert _installed(ws, VICTIM) == before, (
        f"[token {token_of}] after `tutup`, `collect --pilih` installed p02's new file over the "
        f"graded one (held for: {held[3]})"
    )
