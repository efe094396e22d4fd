"""Self-check attempts read back from a saved notebook for the trainer: the history a run records,
the longest history when cells were copied, malformed records skipped, and the report's counts."""

from __future__ import annotations

import json

import nbformat

from alaskaki.exercises import attempts


def _nb(*metas):
    cells = []
    for meta in metas:
        cell = nbformat.v4.new_code_cell("latihan.cek_x(x)")
        cell.outputs = [
            nbformat.v4.new_output("display_data", data={"text/plain": "…"}, metadata=meta)
        ]
        cells.append(cell)
    return json.loads(json.dumps(nbformat.v4.new_notebook(cells=cells)))


def test_a_run_records_its_session_history():
    meta = attempts.metadata("m3_upah", [False, True, False])[attempts.KEY]
    assert meta == {
        "cek": "m3_upah",
        "percobaan": 3,
        "benar": False,
        "riwayat": [False, True, False],
        "benar_pada": 2,
    }


def test_a_copied_cell_with_a_shorter_history_does_not_hide_the_longer_one():
    nb = _nb(
        attempts.metadata("m3_upah", [False, False, True]), attempts.metadata("m3_upah", [True])
    )
    got = attempts.read_attempts(nb)["m3_upah"]
    assert got == {"percobaan": 3, "benar": True, "benar_pada": 3, "pertama_benar": False}


def test_malformed_records_are_skipped_not_raised():
    nb = _nb(
        {"alaskaki": {"cek": 5}},
        {"alaskaki": {"cek": "m3_a", "percobaan": "tiga"}},
        {"alaskaki": {"cek": "m3_b", "percobaan": True, "benar": True}},
        {"alaskaki": "rusak"},
        {"alaskaki": {"cek": "m3_c", "riwayat": ["ya"], "percobaan": 1, "benar": True}},
    )
    nb["cells"].append("bukan sel")
    got = attempts.read_attempts(nb)
    assert set(got) == {"m3_c"}  # its history is unusable: only the count and the last result
    assert got["m3_c"] == {"percobaan": 1, "benar": True, "benar_pada": 1, "pertama_benar": True}


def test_a_damaged_file_in_a_submission_is_skipped(tmp_path):
    (tmp_path / "m3.ipynb").write_text(json.dumps(_nb(attempts.metadata("m3_a", [True]))))
    (tmp_path / "rusak.ipynb").write_bytes(b'{"cek": ')
    assert attempts.read_submission(tmp_path) == {
        "m3_a": {"percobaan": 1, "benar": True, "benar_pada": 1, "pertama_benar": True}
    }
    assert attempts.read_submission(tmp_path / "tidak-ada") == {}


def test_the_report_counts_first_try_persistence_and_never_right():
    items = attempts.read_attempts(
        _nb(
            attempts.metadata("a", [True]),
            attempts.metadata("b", [False, True]),
            attempts.metadata("c", [False, False]),
        )
    )
    assert attempts.summarise(items) == {
        "dicoba": 3,
        "benar_pertama": 1,
        "benar_setelah_mencoba": 1,
        "belum_benar": 1,
        "percobaan": 5,
    }
