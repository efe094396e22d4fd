"""Trainer team: participant tokens (``alaskaki kartu``) and a careless trainer.

The token secret lives in ``penilaian/`` — the folder that also holds the grader's done-markers.
A trainer who "starts grading afresh" deletes ``penilaian/`` (or copies the workshop without it).
From then on nothing may silently stop checking tokens: a file handed in for another participant
must still be held, or collect must refuse and say the token key is gone.
"""

from __future__ import annotations

import shutil

import pytest

from alaskaki.folder import Folder
from tests.integration.test_attack_trainer import HEADER, MOD, run, submission

pytestmark = pytest.mark.slow


def test_losing_the_token_secret_never_lets_an_impostor_in(tmp_path):
    roster = tmp_path / "peserta.csv"
    roster.write_text(
        HEADER + "".join(f"{p},Nama {p},UD A,Miji,P,admin\n" for p in ("p01", "p02", "p05")),
        encoding="utf-8",
    )
    ws = tmp_path / "lokakarya"
    assert run(None, "init", str(ws), "--roster", str(roster)).returncode == 0
    cards = run(ws, "kartu")
    assert cards.returncode == 0, cards.stderr
    assert run(ws, "release", MOD).returncode == 0
    usb = tmp_path / "usb"
    usb.mkdir()
    # p05 hands in a file as p02: right name and ID_PESERTA, no (or a made-up) token
    (usb / f"p02_{MOD}.ipynb").write_bytes(submission("p02"))
    held = run(ws, "collect", MOD, "--from", str(usb))
    assert "DITAHAN" in held.stdout + held.stderr  # with the secret: held, as documented
    shutil.rmtree(Folder(ws).archive("p02"))

    shutil.rmtree(Folder(ws).state_dir)  # "menilai ulang dari awal"
    res = run(ws, "collect", MOD, "--from", str(usb))
    text = res.stdout + res.stderr
    assert "Traceback" not in text, text
    assert not (Folder(ws).submitted("p02", MOD) / f"{MOD}.ipynb").exists(), (
        "tokens were issued (cards handed out, TOKEN_PESERTA in the released notebook), the "
        "secret is gone, and a file without p02's token was installed as p02's:\n" + text
    )
    assert "token" in text.lower(), text
    # and `kartu` pressed again must not make a new secret that turns every card in hand wrong
    again = run(ws, "kartu")
    assert again.returncode != 0 and "Kunci token hilang" in again.stdout + again.stderr
    assert not (Folder(ws).state_dir / "kunci-token.txt").exists()
