"""The participant's feedback page (workshop/feedback.py): a failed check is explained without code or
an expected value, the uji forms are told apart from the modules by their grade ids (and nbgrader's
own feedback refuses them), and alaskaki's pages are recognised. Whole pages from a graded workshop:
tests/integration/test_grader.py and the red team's tests."""

from __future__ import annotations

import importlib

import nbformat
import pytest

from alaskaki import paths
from alaskaki.competency import load_framework

# the package exports a function named feedback (the command), which hides the module of that name
feedback = importlib.import_module("alaskaki.workshop.feedback")
SOURCE = paths.SOURCE_DIR


def _nb(modul):
    return nbformat.read(SOURCE / modul / f"{modul}.ipynb", as_version=4)


def test_every_uji_item_names_the_unit_the_framework_maps_it_to():
    fw = load_framework()
    assert fw.butir, "the framework maps the uji items"
    for gid, unit in fw.butir.items():
        assert feedback._uji_unit(gid) == unit, gid
    assert feedback._uji_unit("m3_biaya_kulit") is None


@pytest.mark.parametrize("modul", sorted(p.name for p in SOURCE.iterdir() if p.is_dir()))
def test_only_the_uji_forms_are_uji(modul):
    assert feedback.is_uji(_nb(modul)) == modul.startswith("asesmen-")


def test_nbgrader_s_own_feedback_refuses_an_uji_in_indonesian_and_passes_a_module():
    refuser = feedback.uji_feedback_refuser()()
    module = _nb("m3-biaya-produksi")
    assert refuser.preprocess(module, {})[0] is module
    with pytest.raises(ValueError, match="alaskaki feedback"):
        refuser.preprocess(_nb("asesmen-akhir"), {})


def _error(ename, evalue):
    return [
        {"output_type": "error", "ename": ename, "evalue": evalue, "traceback": ["kode rahasia"]}
    ]


@pytest.mark.parametrize(
    ("ename", "evalue", "says"),
    [
        ("AssertionError", "Luas kulit belum tepat.", "Luas kulit belum tepat."),
        ("AssertionError", "", "Belum tepat"),
        ("NameError", "name 'biaya_kulit' is not defined", "`biaya_kulit` belum ada"),
        ("TimeoutError", "x", "terlalu lama"),
        ("TypeError", "unsupported operand type(s) for +: 'int' and 'str'", "Jenis jawaban"),
        ("ZeroDivisionError", "division by zero", "terjadi galat"),
    ],
)
def test_a_failed_check_is_explained_without_code_or_python_s_words(ename, evalue, says):
    hint = feedback._hint([{"output_type": "stream", "text": "x"}, *_error(ename, evalue)])
    assert says in hint
    assert "kode rahasia" not in hint and "operand" not in hint and "division" not in hint


def test_a_passed_check_has_no_hint():
    assert feedback._hint([{"output_type": "stream", "text": "Benar"}]) == ""


def test_alaskaki_s_pages_are_told_from_nbgrader_s():
    page = feedback._page("Umpan balik", "<p>isi</p>")
    assert feedback.written_by_alaskaki(page)
    assert not feedback.written_by_alaskaki("<html><body>nbgrader feedback</body></html>")
