"""What the grader reads from a module before any submission (workshop/grading/module.py), without a
workshop: the trusted namespace a test cell runs in is the true participant's variant, whatever id
the setup cell names; the names a test cell reads; the modules a setup cell imports. (load_module on
a workshop: tests/integration/test_grader.py.)"""

from __future__ import annotations

import nbformat
import pytest

from alaskaki import paths
from alaskaki.workshop.grading.module import (
    _setup_without_id,
    free_names,
    imported_modules,
    trusted_namespace,
)

MODULES = sorted(
    p.name for p in paths.SOURCE_DIR.iterdir() if p.is_dir() and not p.name.startswith("asesmen-")
)


def _setup(modul: str) -> str:
    nb = nbformat.read(paths.SOURCE_DIR / modul / f"{modul}.ipynb", as_version=4)
    return next(
        c.source for c in nb.cells if c.cell_type == "code" and "alaskaki.exercises" in c.source
    )


@pytest.mark.parametrize("modul", MODULES)
def test_the_trusted_namespace_holds_the_true_participant_s_variant(modul):
    setup = _setup(modul)
    assert "ID_PESERTA" in setup  # the source names a demo id, which the grader must not use
    ns = trusted_namespace(setup, "p37")
    assert ns["ID_PESERTA"] == "p37"
    latihan = ns["latihan"]
    assert ns["soal"] == latihan.soal("p37")
    if latihan.soal("p37") != latihan.soal("p38"):  # m0 may have few variants
        assert trusted_namespace(setup, "p38")["soal"] != ns["soal"]


def test_every_way_of_naming_an_id_in_the_setup_is_removed():
    setup = '%matplotlib inline\nID_PESERTA = "p01"\nID_PESERTA: str = "p02"\nID_PESERTA += "x"\nx = 1\n'
    kept = _setup_without_id(setup)
    assert "ID_PESERTA" not in kept and "matplotlib" not in kept and "x = 1" in kept
    assert trusted_namespace(setup, "p05")["ID_PESERTA"] == "p05"


def test_a_test_cell_reads_the_answers_it_names_and_nothing_it_sets_or_knows():
    source = '"""Memeriksa biaya."""\nassert biaya_kulit is not None\ntotal = biaya_kulit + upah\nprint(len([total]))\nlatihan.uji_biaya(ID_PESERTA, total)'
    assert free_names(source, {"latihan"}) == ["biaya_kulit", "upah"]
    assert free_names("def (", set()) == []


def test_the_modules_a_setup_cell_imports_are_listed_once():
    setup = "import math\nfrom alaskaki.exercises import m3 as latihan\nfrom alaskaki.exercises import m3\nfrom . import x\n"
    assert imported_modules(setup) == ["math", "alaskaki.exercises", "alaskaki.exercises.m3"]
    assert imported_modules("from alaskaki.text import rupiah") == ["alaskaki.text"]  # a function
    assert imported_modules("def (") == []
