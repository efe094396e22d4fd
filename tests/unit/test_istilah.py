"""notebooks/istilah.ipynb: every acronym the modules use has a plain Indonesian gloss, and every module
links the glossary before its exercises (issue 15 req. 5)."""

from __future__ import annotations

import re

import nbformat
import pytest

from alaskaki import paths
from alaskaki.workshop.course import kit_modules

MODULES = [m for m in kit_modules() if re.match(r"m\d-", m)]
#: Capitals that are not terms: nbgrader markers, Roman numerals of table names, a date pattern.
NOT_TERMS = {"BEGIN", "END", "SOLUTION", "II", "III", "II-A", "VI", "XVII", "TTTT-BB"}
ACRONYM = re.compile(r"(?<![\w/.-])([A-Z][A-Za-z]*[A-Z](?:/[A-Z]+)?(?:-[A-Z]+)?)(?!\w)")


def _glossary() -> str:
    nb = nbformat.read(paths.NOTEBOOKS_DIR / "istilah.ipynb", as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def _acronyms(modul: str) -> set[str]:
    nb = nbformat.read(paths.SOURCE_DIR / modul / f"{modul}.ipynb", as_version=4)
    found = set()
    for c in nb.cells:
        if c.cell_type != "markdown":
            continue
        text = c.source.split("## Sumber")[0]  # source lists are citations, not teaching text
        for a in ACRONYM.findall(text):
            if sum(ch.isupper() for ch in a) >= 2 and a not in NOT_TERMS:
                found.add(a)
    return found


@pytest.mark.parametrize("modul", MODULES)
def test_every_acronym_a_module_uses_is_in_the_glossary(modul):
    glossary = _glossary()
    missing = sorted(
        a for a in _acronyms(modul) if not re.search(rf"(?<![\w-]){re.escape(a)}(?!\w)", glossary)
    )
    assert not missing, f"{modul}: add to notebooks/istilah.ipynb: {missing}"


@pytest.mark.parametrize("modul", MODULES)
def test_each_module_links_the_glossary_before_its_first_exercise(modul):
    nb = nbformat.read(paths.SOURCE_DIR / modul / f"{modul}.ipynb", as_version=4)
    first_exercise = next(
        i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade")
    )
    if modul == "m0-orientasi":
        pytest.skip("m0 uses no trade terms; it explains cells, variables and the red boxes")
    assert any("istilah.ipynb" in c.source for c in nb.cells[:first_exercise])


def test_glossary_rows_have_a_gloss():
    rows = [ln for ln in _glossary().splitlines() if ln.startswith("| **")]
    assert len(rows) >= 100
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split(" | ")]
        assert all(cells), row
