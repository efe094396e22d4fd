"""alaskaki.report.output: a report file is written whole or not at all."""

from __future__ import annotations

import errno

import pytest

from alaskaki.errors import AlaskakiError
from alaskaki.report import output


def test_a_failed_write_keeps_the_old_report_and_leaves_no_tmp(tmp_path):
    report = tmp_path / "laporan-kompetensi.html"
    report.write_text("laporan kemarin", encoding="utf-8")
    with pytest.raises(AlaskakiError) as refused, output.written(report) as tmp:
        tmp.write_text("setengah", encoding="utf-8")
        raise OSError(errno.ENOSPC, "No space left on device")  # what write() raises
    assert str(report) in str(refused.value) and "disk penuh" in str(refused.value)
    assert report.read_text(encoding="utf-8") == "laporan kemarin"
    assert sorted(p.name for p in tmp_path.iterdir()) == [report.name]


def test_other_errors_pass_through_and_clean_up(tmp_path):
    report = tmp_path / "laporan.json"
    with pytest.raises(ValueError), output.written(report) as tmp:
        tmp.write_text("{", encoding="utf-8")
        raise ValueError("render failed")
    assert list(tmp_path.iterdir()) == []


def test_a_whole_write_replaces_the_report(tmp_path):
    report = tmp_path / "laporan.csv"
    report.write_text("lama", encoding="utf-8")
    assert output.write_text(report, "baru") == report
    assert report.read_text(encoding="utf-8") == "baru"
    assert sorted(p.name for p in tmp_path.iterdir()) == [report.name]
