"""grading.record: the grader's writes of the autograded notebook, markers and flags."""

from __future__ import annotations

import json

from alaskaki.workshop.grading import record


def test_flags_quoting_a_lone_surrogate_are_written_and_read_back(tmp_path):
    """Red team R71: a flag quotes the participant's ID_PESERTA, which can hold chr(0xD800); the
    flags file (UTF-8) raised UnicodeEncodeError and every indication of the participant was lost.
    The surrogate is written as U+FFFD, the other flags kept, no temporary file left."""
    record.save_flags(tmp_path, "m3", "p05", ["Jawaban diambil dari kunci jawaban."])
    record.save_flags(tmp_path, "m3", "p06", ["ID_PESERTA di notebook ('p06\ud800') ...", "x"])
    flags = record.load_flags(tmp_path)
    assert flags[("p06", "m3")] == ["ID_PESERTA di notebook ('p06\ufffd') ...", "x"]
    assert flags[("p05", "m3")] == ["Jawaban diambil dari kunci jawaban."]
    state = tmp_path / record.STATE_DIR
    assert not list(state.glob(".tmp-*"))
    record.write_marker(tmp_path, "m3", "p06", {"jawaban": {"q": {"x": "a\udfffb"}}})
    assert record.read_marker(tmp_path, "m3", "p06") == {"jawaban": {"q": {"x": "a\ufffdb"}}}
    json.loads((state / record.FLAGS_FILE).read_text(encoding="utf-8"))
