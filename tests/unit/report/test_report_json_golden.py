"""The JSON report's schema (skema 3) is a contract: a small synthetic cohort's JSON is compared
byte for byte with tests/golden/laporan-kompetensi-sintetis.json, so a speed-up of the writer
cannot change a key, an order or a number. Regenerate only for an intended schema change (with
a new ``skema``): ``UPDATE_GOLDENS=1 pytest tests/unit/report/test_report_json_golden.py``."""

from __future__ import annotations

import json
import os
from pathlib import Path

from competencykit import synthetic_result

from alaskaki.competency.model import CohortResult
from alaskaki.report import write_reports

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "laporan-kompetensi-sintetis.json"


def _result() -> CohortResult:
    result = synthetic_result(6, workshops=3, seed=7)
    result.dibuat = "2026-01-20T08:00:00+00:00"
    return result


def test_json_report_matches_the_golden_file(tmp_path):
    (path,) = write_reports(_result(), tmp_path, formats=("json",), reviewer={})
    text = path.read_text(encoding="utf-8")
    if os.environ.get("UPDATE_GOLDENS") == "1":
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8"), (
        "the JSON report changed; for an intended schema change raise `skema` and run "
        "UPDATE_GOLDENS=1 pytest tests/unit/report/test_report_json_golden.py"
    )


def test_golden_json_reads_back_to_the_same_result(tmp_path):
    data = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert data["skema"] == 3
    back = CohortResult.from_dict(data)
    again = back.to_dict()
    for key in ("peninjau", "anonim", "lengkap", "catatan"):
        data.pop(key, None)
    again.pop("catatan", None)
    assert json.loads(json.dumps(again)) == data
