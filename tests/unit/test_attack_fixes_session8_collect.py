"""Red team 2 (session 8): collect's fixes R38/R40 attacked by a participant with no skill (no
grading here; the graded attacks are in tests/integration/test_attack_fixes_session8.py).

Tiny notebooks shaped like a module's (``tests/unit/workshop/test_collect.py``), a real workshop,
the real ``collect_module``.
"""

from __future__ import annotations

import pytest

from alaskaki.workshop import collect_module, import_roster, init_workshop
from tests.unit.workshop.test_collect import MOD, T1, T2, nb_bytes, put, submitted

pytestmark = pytest.mark.slow  # each test creates an nbgrader gradebook

HEADER = "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"


@pytest.fixture
def ws(tmp_path):
    ws = init_workshop(tmp_path / "ws", modules=[MOD])
    roster = tmp_path / "r.csv"
    roster.write_text(
        HEADER + "".join(f"{p},Nama {p},A,Miji,P,admin\n" for p in ("p01", "p02", "p05"))
    )
    import_roster(ws, roster)
    return ws


def test_one_deeply_nested_file_never_stops_the_collect_of_the_batch(ws, tmp_path):
    """The trainer collects the class's files from one folder. p05, with no skill, hands in
    ``p05_m3.ipynb`` that is JSON nested 200 000 levels deep (`{"cells": [[[[...]]]]}`, 400 KB:
    far under the notebook size limit; a broken editor or a prank). collect reads every file with
    json.loads, which raises RecursionError (not a ValueError), and the whole run stops: p01's
    real work in the same folder is not collected and no file is named. (Like R46, another
    cause: the reader itself, before any cell is looked at.) Such a file must be skipped or held
    by name, the others collected.

    FINDING R55, fixed the same hour by 'collect R46' (1129340: _load catches RecursionError):
    p05's file is collected as unreadable (graded 0), named in the notes."""
    stick = tmp_path / "kelas"
    put(stick, f"p01_{MOD}.ipynb", nb_bytes("p01", "jawaban p01"))
    put(stick, f"p05_{MOD}.ipynb", b'{"cells": ' + b"[" * 200_000 + b"]" * 200_000 + b"}")
    res = collect_module(ws, MOD, source=stick, received=T1)
    assert "p01" in res.installed, res
    assert any("p05" in str(x) for x in (*res.skipped, *res.held, *res.notes)), res


def test_a_bare_cells_list_named_for_a_friend_never_replaces_their_work(ws, tmp_path):
    """No tokens issued (a latihan released the ordinary way). p02's work is collected at 15:00.
    p05 puts a 13-byte file ``{"cells": []}`` named ``p02_m3.ipynb`` on his stick. R38's fix holds
    a file that is not a readable notebook once work is collected ('jawaban p02 yang sudah
    dikumpulkan tetap dipakai'), but 'readable' is only 'a JSON object with a cells list': this
    one has no nbformat, no metadata, Jupyter will not open it, and it is installed over p02's
    work (graded 0) with no note.

    FINDING R56, fixed session 8: a notebook is readable only with nbformat 4 and its metadata."""
    mine = tmp_path / "usb-p02"
    put(mine, f"p02_{MOD}.ipynb", nb_bytes("p02", "jawaban asli"))
    collect_module(ws, MOD, source=mine, received=T1)
    before = submitted(ws, "p02")
    stick = tmp_path / "usb-p05"
    put(stick, f"p02_{MOD}.ipynb", b'{"cells": []}')
    later = collect_module(ws, MOD, source=stick, received=T2)
    assert submitted(ws, "p02") == before, later


def test_a_version_3_notebook_for_a_friend_is_held_when_tokens_are_issued(ws, tmp_path):
    """Tokens issued; p05 hands in an nbformat-3 notebook (worksheets, no cells) named for p02,
    carrying p02's ID: held (no token can be read), p02's work stays."""
    import json

    from alaskaki.workshop.release import issue_tokens

    tokens = issue_tokens(ws)
    mine = tmp_path / "usb-p02"
    put(mine, f"p02_{MOD}.ipynb", nb_bytes("p02", "jawaban asli", token=tokens["p02"]))
    collect_module(ws, MOD, source=mine, received=T1)
    before = submitted(ws, "p02")
    v3 = {
        "nbformat": 3,
        "nbformat_minor": 0,
        "metadata": {},
        "worksheets": [
            {"cells": [{"cell_type": "code", "input": 'ID_PESERTA = "p02"\n', "outputs": []}]}
        ],
    }
    stick = tmp_path / "usb-p05"
    put(stick, f"p02_{MOD}.ipynb", json.dumps(v3).encode())
    later = collect_module(ws, MOD, source=stick, received=T2)
    assert submitted(ws, "p02") == before, later
    assert [h.peserta for h in later.held] == ["p02"], later
