"""Red team: a participant with no skill hands in the uji for someone else, offline (issue 13).

The trainer releases asesmen-akhir with personal copies (``release_module(..., personal=True)``:
ID and token filled in per participant) and collects USB sticks with ``collect_module``. p05
knows only his own token. He puts a blank asesmen-akhir for p02 (ID_PESERTA = p02, with his own
token, with no token, with a made-up one) on his stick, collected before p02's. None of the forged
files may become p02's submission; p02's real work is installed and graded as usual.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import nbformat
import pytest

from alaskaki import paths

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "attack"))

import serangan  # noqa: E402

MODUL = serangan.MODUL
TOKEN = serangan.TOKEN
_with, _token = serangan.with_identity, serangan.token_of

pytestmark = [pytest.mark.slow]


def test_a_file_handed_in_for_someone_else_never_becomes_theirs(tmp_path):
    from alaskaki.workshop import demo
    from alaskaki.workshop.collect import collect_module
    from alaskaki.workshop.course import init_workshop
    from alaskaki.workshop.grader import grade_module
    from alaskaki.workshop.release import release_module

    ws = init_workshop(
        tmp_path / "lokakarya", roster=paths.dataset("contoh_peserta.csv"), modules=[MODUL]
    )
    rel = release_module(ws, MODUL, due="2026-12-01 17:00", personal=True)
    copies = {p.name.split("_", 1)[0]: nbformat.read(p, as_version=4) for p in rel.personal}
    source = nbformat.read(ws.source_notebook(MODUL), as_version=4)
    victim, attacker = "p02", "p05"
    own = _token(copies[attacker])

    stick = tmp_path / "usb-p05"
    stick.mkdir()
    nbformat.write(copies[attacker], stick / f"{attacker}_{MODUL}.ipynb")
    forged = {
        f"{victim}_{MODUL}.ipynb": _with(copies[attacker], pid=victim),  # his own token
        f"Salinan dari {victim}_{MODUL}.ipynb": _with(copies[attacker], pid=victim, token=""),
        f"{victim}_{MODUL} (1).ipynb": _with(copies[attacker], pid=victim, token="abcd-efgh"),
    }
    for name, nb in forged.items():
        nbformat.write(nb, stick / name)
    first = collect_module(ws, MODUL, source=stick, received="2026-12-01 15:00")
    assert victim not in first.installed, first
    assert attacker in first.installed, first
    assert not ws.submitted(victim).exists()
    assert sorted(h.name for h in first.held) == sorted(forged), first  # named, not dropped

    stick = tmp_path / "usb-p02"
    stick.mkdir()
    real = demo.simulate_submission(source, copies[victim], victim, 1.0, MODUL)
    for mine, given in zip(real.cells, copies[victim].cells, strict=True):
        if "TOKEN_PESERTA" in given.source:  # the setup cell as on p02's personal copy
            mine.source = given.source
    nbformat.write(real, stick / f"{victim}_{MODUL}.ipynb")
    second = collect_module(ws, MODUL, source=stick, received="2026-12-01 15:30")
    assert victim in second.installed, second

    run = grade_module(ws.root, MODUL, participants=[victim, attacker], progress=False)
    score = {r.participant: r.score for r in run.results}
    assert score == {victim: float(len(serangan.key())), attacker: 0.0}, score
    assert own not in (ws.submitted(victim, MODUL) / f"{MODUL}.ipynb").read_text()


# ------------------------------------------------------------------------------------------
# after the victim handed in: overwrite their uji with a blank one
# ------------------------------------------------------------------------------------------


def _installed(ws, pid: str) -> str:
    return (ws.submitted(pid, MODUL) / f"{MODUL}.ipynb").read_text(encoding="utf-8")


def _answered_by(source, copy, pid: str):
    """The victim's real work (skill 1.0) on their own copy (its setup cell kept as given)."""
    from alaskaki.workshop import demo

    real = demo.simulate_submission(source, copy, pid, 1.0, MODUL)
    for mine, given in zip(real.cells, copy.cells, strict=True):
        if "ID_PESERTA" in given.source and "TOKEN_PESERTA" in given.source:
            mine.source = given.source
    return real


def test_an_uji_without_tokens_handed_in_later_for_someone_never_replaces_theirs(
    released_akhir, tmp_path
):
    """The trainer releases asesmen-akhir the ordinary way (no personal copies, no cards). p02 hands
    in at 15:00; at 15:30 p05 hands in a blank asesmen-akhir named and filled in as p02's. The
    collect run takes the later received file as p02's newest version today: p02's real work is
    archived and never graded. An uji collected offline without tokens must not accept a claimed
    identity silently."""
    from alaskaki.workshop import demo
    from alaskaki.workshop.collect import collect_module

    base, source, released = released_akhir  # released the ordinary way, shared: copied first
    ws = type(base)(shutil.copytree(base.root, tmp_path / "lokakarya", symlinks=True))
    victim = "p02"  # p05 hands in as p02

    stick = tmp_path / "usb-p02"
    stick.mkdir()
    real = demo.simulate_submission(source, released, victim, 1.0, MODUL)
    nbformat.write(real, stick / f"{victim}_{MODUL}.ipynb")
    # (collect's owner) since R6's fix an uji without tokens is collected only when the trainer
    # says --tanpa-token (p02 handed in under the trainer's eyes); the attack is the next batch.
    collect_module(ws, MODUL, source=stick, received="2026-12-01 15:00", tanpa_token=True)
    before = _installed(ws, victim)

    stick = tmp_path / "usb-p05"
    stick.mkdir()
    blank = demo.simulate_submission(source, released, victim, 0.0, MODUL)
    nbformat.write(blank, stick / f"{victim}_{MODUL}.ipynb")
    from alaskaki.errors import AlaskakiError

    try:
        later = collect_module(ws, MODUL, source=stick, received="2026-12-01 15:30")
    except AlaskakiError as refused:  # refused outright is a defence too
        later = refused
    assert _installed(ws, victim) == before, (
        f"a blank asesmen-akhir handed in later by someone else replaced {victim}'s work: {later}"
    )


def test_a_token_read_from_a_friends_latihan_copy_does_not_open_their_uji(
    released_latihan_uji_personal, tmp_path
):
    """Tokens issued. p02 lent p05 his personal m3 notebook (latihan, to help), which carries p02's
    TOKEN_PESERTA. p02 hands in asesmen-akhir at 15:00; at 15:30 p05 hands in a blank
    asesmen-akhir as p02 with that token. A token for the latihan must not open the uji."""
    from alaskaki.workshop import demo
    from alaskaki.workshop.collect import collect_module
    from tests.integration.conftest import personal_copies

    latihan = "m3-biaya-produksi"
    base = released_latihan_uji_personal  # m3 and the uji released with tokens: copied first
    ws = type(base)(shutil.copytree(base.root, tmp_path / "lokakarya", symlinks=True))
    copies = personal_copies(ws, MODUL)
    m3_copy = personal_copies(ws, latihan)["p02"]
    source = nbformat.read(ws.source_notebook(MODUL), as_version=4)
    victim, attacker = "p02", "p05"
    seen = _token(m3_copy)

    stick = tmp_path / "usb-p02"
    stick.mkdir()
    nbformat.write(_answered_by(source, copies[victim], victim), stick / f"{victim}_{MODUL}.ipynb")
    collect_module(ws, MODUL, source=stick, received="2026-12-01 15:00")
    before = _installed(ws, victim)

    stick = tmp_path / "usb-p05"
    stick.mkdir()
    forged = _with(
        demo.simulate_submission(source, copies[attacker], attacker, 0.0, MODUL),
        pid=victim,
        token=seen,
    )
    nbformat.write(forged, stick / f"{victim}_{MODUL}.ipynb")
    later = collect_module(ws, MODUL, source=stick, received="2026-12-01 15:30")
    assert _installed(ws, victim) == before, (
        f"p02's token, read on his m3 notebook, let someone replace his asesmen-akhir: {later}"
    )
