"""The parts of `alaskaki release` a participant's card and notebook depend on (workshop/release.py),
without a workshop: the due date in WIB, the token line in the setup cell and the token read back
from a collected notebook, and tokens a trainer can read off a card. (Releases of a workshop:
tests/cli/ and the integration tests test_attack_uji_token*.py, test_attack_rubric_token.py.)"""

from __future__ import annotations

import json
import re
from datetime import datetime

import nbformat
import pytest

from alaskaki import paths
from alaskaki.errors import AlaskakiError
from alaskaki.workshop import release as rel

M3 = "m3-biaya-produksi"


def test_a_due_date_is_read_as_wib_and_stored_in_utc_as_nbgrader_does():
    assert rel.parse_due("2026-12-01 17:00") == datetime(2026, 12, 1, 10, 0)
    assert rel.parse_due("2026-12-01T17:00+00:00") == datetime(2026, 12, 1, 17, 0)
    assert rel.parse_due(None) is None and rel.parse_due("") is None


def test_an_unreadable_due_date_says_how_to_write_it():
    with pytest.raises(AlaskakiError) as exc:
        rel.parse_due("besok sore")
    assert "'besok sore'" in str(exc.value) and "2026-12-01 17:00" in str(exc.value)


def _setup_cell():
    """m3's setup cell as released: nbgrader drops the solution block (the source's demo id)."""
    nb = nbformat.read(paths.SOURCE_DIR / M3 / f"{M3}.ipynb", as_version=4)
    i = rel._setup_index(nb)
    nb.cells[i].source = re.sub(
        r"### BEGIN SOLUTION.*?### END SOLUTION\n?", "", nb.cells[i].source, flags=re.S
    )
    return nb, i


def test_the_token_line_follows_the_id_line_and_is_read_back_from_the_notebook():
    nb, i = _setup_cell()
    assert i is not None
    source = rel.with_token_line(nb.cells[i].source, "abcd-efgh", "p07")
    lines = source.splitlines()
    at = next(n for n, line in enumerate(lines) if line.lstrip().startswith("ID_PESERTA"))
    assert '"p07"' in lines[at] and lines[at + 1].startswith('TOKEN_PESERTA = "abcd-efgh"')
    # again (a reprinted card): one token line, the new one
    again = rel.with_token_line(source, "wxyz-2345", "p07")
    assert again.count("TOKEN_PESERTA") == 1 and "wxyz-2345" in again
    nb.cells[i].source = again
    assert rel.claimed_token(json.loads(nbformat.writes(nb))) == "wxyz-2345"


def test_the_last_token_a_notebook_sets_is_the_one_claimed():
    cells = [
        {"cell_type": "code", "source": ['TOKEN_PESERTA = "aaaa-bbbb"\n']},
        {"cell_type": "markdown", "source": 'TOKEN_PESERTA = "dari-teks"'},
        {"cell_type": "code", "source": "x = 1\nTOKEN_PESERTA = ' cccc-dddd '"},
    ]
    assert rel.claimed_token({"cells": cells}) == "cccc-dddd"
    assert rel.claimed_token({"cells": cells[1:2]}) is None


def test_a_token_uses_no_look_alike_characters_and_belongs_to_one_participant_and_scope():
    secret = b"rahasia-lokakarya"
    tokens = {pid: rel._derive(secret, pid) for pid in (f"p{n:02d}" for n in range(1, 61))}
    assert len(set(tokens.values())) == len(tokens)
    for token in tokens.values():
        head, tail = token.split("-")
        assert len(head) == 4 and len(tail) == 4
        assert set(head + tail) <= set(rel.TOKEN_ALPHABET)
    assert not set(rel.TOKEN_ALPHABET) & set("01loI")
    assert rel._derive(secret, "P01") == tokens["p01"]  # ids are case-blind
    assert rel._derive(secret, "p01", "uji:asesmen-akhir") != tokens["p01"]
    assert rel._derive(b"lain", "p01") != tokens["p01"]


def test_a_token_typed_from_a_card_with_other_case_or_spacing_is_the_same():
    assert rel._norm_token(" ABCD – efgh ") == rel._norm_token("abcd-efgh")
