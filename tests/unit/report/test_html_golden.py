"""The reviewer's HTML report of a small synthetic cohort is compared with
tests/golden/laporan-kompetensi-sintetis.html, so a change of the page (a heading, a column, a
number's notation, a status) is seen in review instead of slipping through. The charts' PNG bytes
depend on the matplotlib build and are replaced by a placeholder; their alt text stays. Regenerate
for an intended change: ``UPDATE_GOLDENS=1 pytest tests/unit/report/test_html_golden.py``."""

from __future__ import annotations

import os
import re
from pathlib import Path

from competencykit import synthetic_result

from alaskaki.report import write_reports

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "laporan-kompetensi-sintetis.html"
PNG = re.compile(r"data:image/png;base64,[A-Za-z0-9+/=]+")


def test_html_report_matches_the_golden_file(tmp_path):
    result = synthetic_result(6, workshops=3, seed=7)
    result.dibuat = "2026-01-20T08:00:00+00:00"
    (path,) = write_reports(result, tmp_path, formats=("html",), reviewer={})
    text = PNG.sub("data:image/png;base64,(gambar)", path.read_text(encoding="utf-8"))
    assert text.count("data:image/png;base64,(gambar)") >= 1  # the charts are there
    if os.environ.get("UPDATE_GOLDENS") == "1":
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8"), (
        "the HTML report changed; if that is intended, run "
        "UPDATE_GOLDENS=1 pytest tests/unit/report/test_html_golden.py and review the diff"
    )
