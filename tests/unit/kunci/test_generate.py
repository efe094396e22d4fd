"""The reference sheet (lembar rujukan) of alaskaki_kunci.generate takes its facts from alaskaki.domain."""

from __future__ import annotations

import dataclasses
import json

from alaskaki.domain import transport_documents as td
from alaskaki_kunci import generate


def _section(title: str) -> str:
    """The markdown of the reference sheet's cell that holds ``title``."""
    cells = json.loads(generate.reference_notebook())["cells"]
    found = [c["source"] for c in cells if title in c["source"]]
    assert len(found) == 1, f"{title!r} in {len(found)} cells of the reference sheet"
    return found[0]


def _transport_rows() -> dict[str, list[str]]:
    """Transport-document table of section 6: document as the participant writes it -> other cells."""
    text = _section("## 6. Dokumen ekspor")
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| **") and len(cells) == 4:
            rows[cells[0].strip("*")] = cells[1:]
    return rows


def test_the_sheet_tells_each_transport_document_as_the_domain_has_it():
    rows = _transport_rows()
    assert set(rows) == {d.abbreviation for d in td.TRANSPORT_DOCUMENTS.values()}
    for d in td.TRANSPORT_DOCUMENTS.values():
        nama, angkutan, negotiable = rows[d.abbreviation]
        assert nama == d.name_en
        assert angkutan == td.MODES[d.carriage]
        assert negotiable == {True: "bisa", False: "tidak"}.get(d.negotiable, "—")
    # what the sea-shipment question hangs on: only the B/L can be made negotiable
    assert rows["B/L"][2] == "bisa" and rows["sea waybill"][2] == "tidak"


def test_a_changed_domain_entry_is_what_the_sheet_prints(monkeypatch):
    swb = td.TRANSPORT_DOCUMENTS["sea_waybill"]
    monkeypatch.setitem(
        td.TRANSPORT_DOCUMENTS,
        "sea_waybill",
        dataclasses.replace(
            swb, abbreviation="SWB", name_en="sea waybill (diubah)", negotiable=True
        ),
    )
    monkeypatch.setitem(
        td.TRANSPORT_DOCUMENTS,
        "kurir",
        td.TransportDocument("kurir", "resi kurir", "courier receipt", "resi", 0, None, "udara"),
    )
    rows = _transport_rows()
    assert rows["SWB"] == ["sea waybill (diubah)", td.MODES["laut"], "bisa"]
    assert rows["resi kurir"] == ["courier receipt", td.MODES["udara"], "—"]
    assert "sea waybill" not in rows
    assert "non-negotiable sea waybill" not in _section("## 6. Dokumen ekspor")


def test_the_sheet_writes_its_numbers_the_indonesian_way_as_the_forms_do():
    """A participant reads 9.2903 as ninety-two thousand: the sheet writes 9,2903, and its AQL columns
    as the form's questions name them (AQL 0,65, AQL 1,0)."""
    import re

    from alaskaki.domain import costing, quality, sizes
    from alaskaki.text import number

    assert f"1 ft² = {number(costing.ft2_to_dm2(1), 4)} dm²" in _section("## 3. Harga pokok")
    assert f"= {number(sizes.PARIS_POINT_MM, 2)} mm" in generate.reference_notebook()
    aql = _section("## 5. Mutu")
    for a in quality.AQL_VALUES:
        assert f"AQL {number(a, 2 if a < 1 else 1)}" in aql, a
    cells = json.loads(generate.reference_notebook())["cells"]
    english = [
        m.group()
        for c in cells
        # a decimal point; 6.000 (thousands), HS codes (6403.99) and names (Z1.4) are right
        for m in re.finditer(r"(?<![\w.])\d{1,3}\.(\d{1,2}|\d{4,})\b", c["source"])
    ]
    assert english == []
