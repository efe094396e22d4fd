"""The demo's wrong answers (``demo.WRONG_HELPER``) are judged wrong by the kit's own checks.

The demo's participants answer each cell right or wrong by their skill; a "wrong" answer the checks
forgive as a spelling ("B/L (?)" read as B/L, a set of letters reversed) gave the demo's weak
participants the marks of the strong ones. Checked in process with the modules' hidden tests.
"""

from __future__ import annotations

import contextlib
import io
import re

import nbformat
import pytest

from alaskaki import paths
from alaskaki.domain import transport_documents as td
from alaskaki.exercises import m6
from alaskaki.workshop import demo
from alaskaki.workshop.course import kit_modules

#: two variants of each module: together they hit every forgiving check on main
PIDS = ("p01", "p19")


def _salah():
    ns: dict = {}
    exec(demo.WRONG_HELPER, ns)
    return ns["_salah"]


def _judged_right(uji, *answer) -> bool:
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            uji(*answer)
    except AssertionError:
        return False
    return True


@pytest.mark.parametrize("pid", PIDS)
def test_m6_judges_the_demos_wrong_documents_wrong(pid):
    salah, h = _salah(), m6.harapan(pid)
    angkut, laut = list(h["dokumen_angkut"].values()), list(h["dokumen_laut"].values())
    assert _judged_right(m6.uji_dokumen_angkut, pid, *angkut)
    assert not _judged_right(m6.uji_dokumen_angkut, pid, *map(salah, angkut))  # Latihan 6
    assert _judged_right(m6.uji_dokumen_laut, pid, *laut)
    assert not _judged_right(m6.uji_dokumen_laut, pid, *map(salah, laut))  # Latihan 8
    beda = ", ".join(m6.DATA_DOKUMEN[k][0] for k in h["ketidaksesuaian"])
    assert _judged_right(m6.uji_ketidaksesuaian, pid, beda)
    assert not _judged_right(m6.uji_ketidaksesuaian, pid, salah(beda))  # Latihan 5
    kasus = h["studi_kasus"]
    assert _judged_right(m6.uji_studi_kasus, pid, *kasus.values())
    for part in ("dokumen_angkut", "dokumen_asal"):  # the case study's two words, each alone
        wrong = {**kasus, part: salah(kasus[part])}
        assert not _judged_right(m6.uji_studi_kasus, pid, *wrong.values()), part


def test_a_wrong_transport_document_is_another_document_of_the_domain():
    salah = _salah()
    for doc in td.TRANSPORT_DOCUMENTS.values():
        other = td.normalise_abbreviation(salah(doc.abbreviation))
        assert other in td.TRANSPORT_DOCUMENTS and other != doc.key, doc


def _graded_cells(modul: str, pid: str, wrong: bool) -> dict[str, bool]:
    """Run the module's source in process as ``pid``, each answer replaced by the demo's wrong one
    when ``wrong``; grade id of each graded test cell -> judged right. Figures and widgets skipped."""
    nb = nbformat.read(paths.SOURCE_DIR / modul / f"{modul}.ipynb", as_version=4)
    ns: dict = {"_salah": _salah()}
    out = {}
    for cell in nb.cells:
        if cell.cell_type != "code" or "plt." in cell.source or "alaskaki.widgets" in cell.source:
            continue
        meta = cell.metadata.get("nbgrader", {})
        src = re.sub(r'ID_PESERTA = "[^"]*"', f"ID_PESERTA = {pid!r}", cell.source)
        test_cell = meta.get("grade") and not meta.get("solution")
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(src, f"<{modul}:{cell.id}>", "exec"), ns)
        except AssertionError:
            assert test_cell, f"{modul}: an answer cell failed for {pid}"
            out[meta["grade_id"]] = False
            continue
        if test_cell:
            out[meta["grade_id"]] = True
        elif wrong and meta.get("solution") and "ISI-ID-ANDA" not in cell.source.upper():
            stub = cell.source.split("### BEGIN SOLUTION")[0]
            for name in demo.answer_variables(stub) or demo._assigned(src):
                ns[name] = ns["_salah"](ns.get(name))
    return out


@pytest.mark.parametrize("modul", kit_modules())
def test_no_wrong_answer_of_the_demo_is_judged_right(modul):
    for pid in PIDS:
        right = _graded_cells(modul, pid, wrong=False)
        assert right and all(right.values()), (modul, pid, right)  # the source's answers pass
        forgiven = [g for g, ok in _graded_cells(modul, pid, wrong=True).items() if ok]
        assert not forgiven, (
            f"{modul}: the demo's wrong answers of {pid} judged right in {forgiven}"
        )
