"""Every module in assignments/source, checked the same way.

* the instructor source passes its own tests (nbgrader's Validator, every cell error-free);
* the released copy fails them (``nbgrader validate --invert``);
* a blank submission grades to 0 while a right one beside it gets full marks;
* the content standard's structure is there (objectives, time, prerequisites, Sumber, >= 5 autograded
  exercises plus a case study, docstrings in test cells, readable grade ids, a widget);
* self-checks never print an expected value.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import re
import shutil

import nbformat
import pytest

from alaskaki import paths
from alaskaki.workshop.course import kit_modules

MODULES = kit_modules()
ASSESSMENTS = {"asesmen-awal", "asesmen-akhir"}
SHORT = {"asesmen-awal": "pre", "asesmen-akhir": "post"}


def short_id(modul: str) -> str:
    return SHORT.get(modul, modul.split("-")[0])


def source_nb(modul: str) -> nbformat.NotebookNode:
    return nbformat.read(paths.SOURCE_DIR / modul / f"{modul}.ipynb", as_version=4)


def nbg(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def test_kit_has_modules():
    assert "m3-biaya-produksi" in MODULES


@pytest.mark.parametrize("modul", MODULES)
def test_notebook_is_clean(modul):
    """Outputs, execution counts and editor metadata are not committed."""
    nb = json.loads((paths.SOURCE_DIR / modul / f"{modul}.ipynb").read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        assert not cell.get("outputs"), f"{modul}: a cell keeps outputs"
        assert not cell.get("execution_count"), f"{modul}: a cell keeps an execution count"
        assert set(cell.get("metadata", {})) <= {
            "nbgrader",
            "tags",
            "alaskaki",
            "editable",
            "deletable",
        }


@pytest.mark.parametrize("modul", MODULES)
def test_content_standard_structure(modul):
    nb = source_nb(modul)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.lstrip().startswith("# "), (
        "title first"
    )
    for needle in ("Tujuan", "Perkiraan waktu", "Prasyarat", "## Sumber"):
        assert needle in text, f"{modul}: missing {needle!r}"
    tests = [c for c in nb.cells if nbg(c).get("grade") and not nbg(c).get("solution")]
    manual = [c for c in nb.cells if nbg(c).get("grade") and nbg(c).get("solution")]
    short = short_id(modul)
    ids = [nbg(c)["grade_id"] for c in nb.cells if "grade_id" in nbg(c)]
    assert len(ids) == len(set(ids)), f"{modul}: duplicate grade ids"
    for c in tests + manual:
        assert re.fullmatch(rf"{short}_[a-z0-9_]+", nbg(c)["grade_id"]), nbg(c)["grade_id"]
        assert nbg(c).get("points", 0) > 0
    for c in tests:
        assert c.source.lstrip().startswith('"""'), (
            f"{nbg(c)['grade_id']}: test cell must open with a docstring"
        )
        assert "### BEGIN HIDDEN TESTS" in c.source
    if modul in ASSESSMENTS:
        assert len(tests) >= 35, f"{modul}: at least five uji items per unit"
        return
    assert len(tests) >= 5, f"{modul}: at least five autograded exercises"
    if modul != "m0-orientasi":
        assert any("studi_kasus" in nbg(c)["grade_id"] for c in tests + manual), (
            f"{modul}: a case study"
        )
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "alaskaki.widgets" in code, f"{modul}: at least one widget from alaskaki.widgets"
    assert "contoh" in text.lower()


#: A released answer line: one plain name set to None (issue 15 req. 1: a number, a letter or a word).
STUB = re.compile(r"^([A-Za-z_]\w*) = None\b")


@pytest.mark.parametrize("modul", [m for m in MODULES if m not in ASSESSMENTS])
def test_every_answer_line_is_one_plain_name(modul):
    """One answer style in every module: `nama = angka` on its own line, never a dict or list to fill in.

    A participant who never programmed types a number, a letter or a word after `=`; braces, keys in
    quotes and commas between items are where a non-programmer's typing goes wrong (issue 15 req. 1).
    """
    for cell in source_nb(modul).cells:
        meta = nbg(cell)
        if cell.cell_type != "code" or meta.get("grade_id", "").endswith("_id_peserta"):
            continue
        if meta.get("solution") and not meta.get("grade"):
            stub = cell.source.split("### BEGIN SOLUTION")[0]
            bad = [line for line in stub.splitlines() if line.strip() and not STUB.match(line)]
            assert not bad, f"{modul} {meta['grade_id']}: not one plain name per line: {bad}"
            assert not re.search(r"daftar|dict|\[True", stub), (
                f"{meta['grade_id']}: asks for a list"
            )
            # One value per line also in what the example shows: "6403.99: 700, 6404.19: 300" on one line is a
            # worksheet typed as text (m2's case study until session 5). Letters of a choice ("A, C") are one answer.
            for line in stub.splitlines():
                for example in re.findall(r'"([^"]*)"', line.partition("#")[2]):
                    assert not re.search(r"\d\s*[:=]\s*\d|[{}\[\]]", example), (
                        f"{modul} {meta['grade_id']}: the example {example!r} pairs several values on one line"
                    )
        if meta.get("grade") and not meta.get("solution"):
            assert ".values()" not in cell.source, (
                f"{meta['grade_id']}: a worksheet dict is checked"
            )


@pytest.mark.parametrize("modul", [m for m in MODULES if m not in ASSESSMENTS])
def test_tables_show_their_text_in_full(modul):
    """pandas cuts a cell at 50 characters ("…terlihat dila..."): the deciding word of a case is lost (reader).
    One setting in a shared place: starting the module (latihan.mulai) shows tables in full."""
    import pandas as pd

    pd.reset_option("display.max_colwidth")
    with contextlib.redirect_stdout(io.StringIO()):
        _exercise_module(modul).mulai("uji-tabel-01")
    assert pd.get_option("display.max_colwidth") is None, modul
    first = next(
        c for c in source_nb(modul).cells if nbg(c).get("grade_id", "").endswith("_id_peserta")
    )
    assert "latihan.mulai(" in first.source, f"{modul}: the first cell starts the module"


def _exercise_module(modul: str):
    return importlib.import_module(
        f"alaskaki.exercises.{'asesmen' if modul in ASSESSMENTS else short_id(modul)}"
    )


def _shown(value) -> list[str]:
    if isinstance(value, bool) or value is None:
        return []
    if isinstance(value, int | float):
        if abs(value) < 10:
            return []  # small numbers (1, 2, 3.5) appear in any text; nothing to learn from them
        forms = {
            f"{value:.0f}",
            f"{value:,.0f}",
            f"{value:,.0f}".replace(",", "."),
            f"{value:.2f}",
            repr(value),
        }
        return [f for f in forms if len(f) >= 3]
    if isinstance(value, str):
        return [value] if re.search(r"\d{3}", value) else []
    if isinstance(value, dict):
        return [s for v in value.values() for s in _shown(v)]
    if isinstance(value, list | tuple | set):
        return [s for v in value for s in _shown(v)]
    return []


@pytest.mark.parametrize("modul", MODULES)
def test_self_checks_never_reveal_expected_values(modul):
    if modul in ASSESSMENTS:
        pytest.skip(
            "uji: the key is grader-side; tests/unit/kunci/test_asesmen.py checks its form checks"
        )
    ex = _exercise_module(modul)
    pid = "uji-bocor-01"
    with contextlib.redirect_stdout(io.StringIO()):
        ex.mulai(pid)
    expected = ex.harapan(pid)
    checks = [getattr(ex, n) for n in dir(ex) if n.startswith("cek_") and callable(getattr(ex, n))]
    assert checks, f"{modul}: no self-check functions"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for check in checks:
            for wrong in (None, "salah", 0, -1, 12345.678, [], ["A", "B"], {}):
                with contextlib.suppress(Exception):
                    check(wrong)
    printed = out.getvalue()
    assert printed.strip(), f"{modul}: self-checks print feedback"
    # The worked cases shown after repeated misses are the same text for every participant (written
    # on cases outside the exercise pools): any number in them matching this variant is a coincidence.
    for text in getattr(ex, "CONTOH_KERJA", {}).values():
        printed = printed.replace(text, "")
    for key, value in expected.items():
        for form in _shown(value):
            assert form not in printed, f"{modul}: self-check output reveals {key} ({form})"


@pytest.mark.parametrize("modul", [m for m in MODULES if m not in ASSESSMENTS])
def test_every_miss_is_answered_warmly_with_a_way_forward(modul, monkeypatch):
    """Issue 15 req. 3: every self-check of m0..m7b answers a miss as warmly as Modul 0 (no bare 'Belum tepat.')
    and says what to do next."""
    from alaskaki.exercises import base

    monkeypatch.setattr(base, "_RIWAYAT", {})
    ex = _exercise_module(modul)
    with contextlib.redirect_stdout(io.StringIO()):
        ex.mulai("uji-hangat-01")
    misses = 0
    for name in sorted(n for n in dir(ex) if n.startswith("cek_")):
        check = getattr(ex, name)
        n_args = 1
        for n_args in range(1, 12):  # a check of several answer lines takes one value per line
            out = io.StringIO()
            try:
                with contextlib.redirect_stdout(out):
                    check(*(["salah"] + [12345.678] * (n_args - 1)))
                break
            except TypeError:
                continue
        text = out.getvalue()
        if text.startswith("❌"):
            misses += 1
            assert "tidak apa-apa" in text.casefold(), f"{modul} {name}: a cold miss: {text!r}"
            assert re.search(
                r"(?i)perbaiki|ganti|tulis|pakai|coba|baca|periksa|hitung|cari|bandingkan", text
            ), f"{modul} {name}: no way forward: {text!r}"
    assert misses, f"{modul}: no self-check answered a wrong value"


@pytest.mark.slow
@pytest.mark.parametrize("modul", MODULES)
def test_source_passes_and_release_fails(modul, tmp_path):
    from nbgrader.validator import Validator

    from alaskaki.workshop import course, release

    src = tmp_path / "source.ipynb"
    shutil.copy(paths.SOURCE_DIR / modul / f"{modul}.ipynb", src)
    result = Validator(validate_all=True).validate(str(src))
    assert result == {}, (
        f"{modul}: the source must pass all its own tests and run without errors: {result}"
    )

    ws = course.init_workshop(tmp_path / "ws", modules=[modul])
    rel = release.release_module(ws, modul)
    released = nbformat.read(rel.notebook, as_version=4)
    assert "BEGIN SOLUTION" not in json.dumps(released) and "BEGIN HIDDEN TESTS" not in json.dumps(
        released
    )
    result = Validator(invert=True).validate(str(rel.notebook))
    assert "passed" not in result, (
        f"{modul}: the released notebook passes tests it should fail. Every test cell needs a visible check that a "
        "blank answer fails (e.g. `assert x is not None, ...`) above ### BEGIN HIDDEN TESTS; see docs/architecture.md. "
        f"{result}"
    )


def _numbers(value) -> list[float]:
    if isinstance(value, bool):
        return []
    if isinstance(value, int | float):
        return [float(value)]
    if isinstance(value, dict):
        return [x for v in value.values() for x in _numbers(v)]
    if isinstance(value, list | tuple):
        return [x for v in value for x in _numbers(v)]
    return []


@pytest.mark.parametrize("modul", [m for m in MODULES if m not in ASSESSMENTS])
def test_a_worked_format_example_is_nobodys_answer(modul):
    """Reader (m7a): "14,86 % ditulis 14.9" was the Latihan 2 answer of every participant sent to Belanda. A
    decimal example of how to write an answer ("mis. `38.4`") must not be any variant's answer."""
    ex = _exercise_module(modul)
    answers = [x for i in range(1, 121) for x in _numbers(ex.harapan(f"p{i:02d}"))]
    text = (paths.SOURCE_DIR / modul / f"{modul}.ipynb").read_text(encoding="utf-8")
    for m in re.finditer(
        r"(?:mis\.|ditulis|→)\s*`?(?:[a-z_]+ = )?(-?\d+\.\d+)(?=[`)\s,;\\])(?! \*)", text
    ):
        x = float(m.group(1))
        near = [a for a in answers if abs(a - x) <= 0.051]
        assert not near, (
            f"{modul}: the example {m.group(0)!r} is an answer of some participant ({near[0]})"
        )
