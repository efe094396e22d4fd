"""Errors named in issue 15 stay fixed: a module's "bagian N" points to a section that exists and is about what
the sentence says (m1 sent KITE to "bagian 6", m7 sent the FOB price to "bagian 5"); Miji is taught in Kecamatan
Kranggan (since 20 June 2016, brief §6.2), never in Prajurit Kulon."""

from __future__ import annotations

import re

import nbformat
import pytest

from alaskaki import paths
from alaskaki.workshop.course import kit_modules

MODULES = [m for m in kit_modules() if not m.startswith("asesmen")]
#: Words a reference sentence may name; the section it points to must be about them.
TOPICS = ("KITE", "FOB", "SKA", "PEB", "SWOT", "BTKI", "Incoterms", "AQL")


def _sections(modul: str) -> tuple[str, dict[str, str]]:
    nb = nbformat.read(paths.SOURCE_DIR / modul / f"{modul}.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    teaching = text.split("## Sumber")[0]
    sections: dict[str, str] = {}
    current = None
    for line in teaching.splitlines():
        m = re.match(r"## (\d+)\. ", line)
        if m:
            current = m.group(1)
        elif line.startswith("## "):
            current = None
        if current:
            sections[current] = sections.get(current, "") + line + "\n"
    return teaching, sections


@pytest.mark.parametrize("modul", MODULES)
def test_every_section_reference_points_to_a_section_about_it(modul):
    teaching, sections = _sections(modul)
    for m in re.finditer(r"bagian (\d{1,2})\b", teaching):
        before = teaching[max(0, m.start() - 60) : m.start()]
        if re.search(r"Modul \d[ab]?,?\s*$", before):
            continue  # "Modul 1, bagian 6": another module's section
        n = m.group(1)
        assert n in sections, f"{modul}: 'bagian {n}' but the module has no section {n}"
        for topic in TOPICS:
            if topic in before[-45:]:
                assert topic in sections[n], (
                    f"{modul}: '{before[-45:]}bagian {n}' but section {n} is not about {topic}"
                )


def test_miji_is_in_kecamatan_kranggan():
    for modul in MODULES:
        teaching, _ = _sections(modul)
        for sentence in re.split(r"(?<=[.;])\s", teaching):
            if "Miji" in sentence and "Kecamatan" in sentence:
                assert "Kranggan" in sentence, f"{modul}: {sentence!r}"
                assert not re.search(r"Miji di Kecamatan Prajurit Kulon", sentence), modul
