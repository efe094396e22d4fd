"""The read-only paths of `alaskaki status` and the grader's set-up stay light (issue 17 goals 4
and 6) and read exactly what the heavier way read: timestamps as dateutil reads them, self-check
attempts as a full parse finds them, the modules a notebook imports as ``find_spec`` lists them."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from alaskaki.exercises import attempts
from alaskaki.folder import parse_timestamp


@pytest.mark.parametrize(
    "text",
    [
        "2026-12-01 09:00:00.000000 UTC",  # what nbgrader and our collect write
        "2026-12-01 09:00:00 UTC",
        " 2026-12-01 23:59:59.999999 UTC\n",
        "2026-12-01T09:00:00+07:00",  # other forms go to dateutil, as before
        "2026-12-01 09:00:00.000000",
        "Dec 1 2026 09:00 UTC",
    ],
)
def test_timestamps_read_as_dateutil_reads_them(text):
    from dateutil.parser import parse

    theirs, mine = parse(text.strip()), parse_timestamp(text)
    assert mine.replace(tzinfo=None) == theirs.replace(tzinfo=None)
    assert mine.utcoffset() == theirs.utcoffset()
    if theirs.tzinfo is not None:
        assert mine.astimezone(dt.UTC) == theirs.astimezone(dt.UTC)


def test_a_timestamp_that_is_no_time_is_refused():
    for text in ("", "bukan waktu UTC", "2026-13-45 99:00:00 UTC"):
        with pytest.raises((ValueError, OverflowError)):
            parse_timestamp(text)


def _nb(outputs_meta: list[dict], source: str = "latihan.cek_upah(upah)") -> dict:
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [
            {
                "cell_type": "code",
                "metadata": {},
                "source": source,
                "execution_count": 1,
                "outputs": [
                    {"output_type": "display_data", "data": {"text/plain": "x"}, "metadata": m}
                    for m in outputs_meta
                ],
            }
        ],
    }


@pytest.mark.parametrize(
    "dumps",
    [
        lambda nb: json.dumps(nb),
        lambda nb: json.dumps(nb, ensure_ascii=False, indent=1),  # as Jupyter saves
        lambda nb: json.dumps(nb, separators=(",", ":")),
    ],
)
def test_attempts_are_found_in_every_json_layout(tmp_path, dumps):
    sub = tmp_path / "sub"
    sub.mkdir()
    nb = _nb([attempts.metadata("m3_upah", [False, True])])
    (sub / "m3.ipynb").write_text(dumps(nb), encoding="utf-8")
    assert attempts.read_submission(sub) == attempts.read_attempts(nb)
    assert attempts.read_submission(sub)["m3_upah"]["benar_pada"] == 2


def test_a_notebook_without_records_has_no_attempts_even_when_its_code_says_cek(tmp_path):
    sub = tmp_path / "sub"
    sub.mkdir()
    nb = _nb([{"foo": 1}], source='x = {"cek": "m3_upah", "percobaan": 3}\nprint("cek")')
    (sub / "m3.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    assert attempts.read_attempts(nb) == {}
    assert attempts.read_submission(sub) == {}


def _fresh(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_the_grader_lists_a_notebooks_modules_without_importing_them():
    """The sandbox preloads them; the grader only names them (a widget module pulls in
    matplotlib and ipywidgets, ≈ 1 s per grading run)."""
    code = (
        "import sys, json\n"
        "from alaskaki.workshop.grading.module import imported_modules\n"
        "src = 'import pandas as pd\\nfrom alaskaki.exercises import m3 as latihan, base\\n'"
        " 'from alaskaki.widgets.costing import kalkulator_biaya\\n'"
        " 'from alaskaki.domain import costing\\nfrom tidak_ada import apa\\n'\n"
        "found = imported_modules(src)\n"
        "heavy = [m for m in ('alaskaki.widgets.costing', 'matplotlib', 'ipywidgets')"
        " if m in sys.modules]\n"
        "print(json.dumps([found, heavy]))"
    )
    found, heavy = json.loads(_fresh(code))
    assert found == [
        "pandas",
        "alaskaki.exercises",
        "alaskaki.exercises.m3",
        "alaskaki.exercises.base",
        "alaskaki.widgets.costing",
        "alaskaki.domain",
        "alaskaki.domain.costing",
        "tidak_ada",
    ]
    assert heavy == []


def test_status_readers_import_neither_nbformat_nor_the_sandbox():
    code = (
        "import sys\n"
        "import alaskaki.workshop.status, alaskaki.workshop.grading.record\n"
        "print(sorted(m for m in ('nbformat', 'alaskaki.workshop.sandbox', 'dateutil.parser')"
        " if m in sys.modules))"
    )
    assert _fresh(code) == "[]"


def test_the_grader_api_validates_notebooks_without_the_iri_grammars():
    """Graded from Python (a bench, the dashboard) as from the CLI: jsonschema does not load its
    optional IRI checker (1.2 s of CPU per grading process, issue 17 goal 6), and nbformat still
    validates a notebook (a broken one is still refused)."""
    code = (
        "import sys\n"
        "from alaskaki.workshop.grader import grade_module\n"
        "import nbformat\n"
        "assert sys.modules.get('rfc3987_syntax') is None, 'IRI grammars loaded'\n"
        "nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('x = 1')])\n"
        "nbformat.validate(nb)\n"
        "nb.cells[0]['outputs'] = 'bukan daftar'\n"
        "try:\n"
        "    nbformat.validate(nb)\n"
        "except nbformat.ValidationError:\n"
        "    print('refused')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "refused"
