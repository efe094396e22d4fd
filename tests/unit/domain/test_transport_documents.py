"""Which transport document goes with a shipment: the mode's document, the sea shipment's two
documents told apart by negotiability, the participant's way of writing a name, and that every
document's UCP 600 article is one the kit lists."""

from __future__ import annotations

import pytest

from alaskaki.domain.transport_documents import (
    MODES,
    TRANSPORT_DOCUMENTS,
    UCP600_DOCUMENT_ARTICLES,
    normalise_abbreviation,
    sea_document,
    transport_document,
)


def test_every_document_names_an_article_and_a_mode_the_kit_lists():
    for key, doc in TRANSPORT_DOCUMENTS.items():
        assert doc.key == key
        assert doc.ucp_article in UCP600_DOCUMENT_ARTICLES, doc
        assert doc.carriage in MODES, doc
        assert doc.mode is None or doc.mode == doc.carriage, doc
    articles = [d.ucp_article for d in TRANSPORT_DOCUMENTS.values()]
    assert len(set(articles)) == len(articles)  # one article per document


@pytest.mark.parametrize("mode", sorted(MODES))
def test_each_mode_has_its_one_document(mode):
    doc = transport_document(mode)
    assert doc.mode == mode and doc.carriage == mode
    assert transport_document(f" {mode.upper()} ") is doc


def test_an_unknown_mode_is_refused_in_indonesian_with_the_choices():
    with pytest.raises(ValueError) as exc:
        transport_document("kereta")
    msg = str(exc.value)
    assert "tidak dikenal" in msg and all(m in msg for m in MODES)


def test_a_sea_shipment_needs_the_negotiable_document_only_when_it_must_be_transferred():
    bl, waybill = sea_document(negotiable=True), sea_document(negotiable=False)
    assert bl is not waybill
    assert bl.carriage == waybill.carriage == "laut"
    assert bl.negotiable is True and waybill.negotiable is False
    # the B/L is the one the sea mode gives; the waybill is no mode's default document
    assert transport_document("laut") is bl and waybill.mode is None


@pytest.mark.parametrize("key", sorted(TRANSPORT_DOCUMENTS))
def test_a_document_written_as_the_kit_writes_it_is_recognised(key):
    doc = TRANSPORT_DOCUMENTS[key]
    assert normalise_abbreviation(doc.abbreviation) == key
    assert normalise_abbreviation(f"  {doc.abbreviation.upper()} ") == key


@pytest.mark.parametrize(
    ("typed", "key"),
    [("BL", "bl"), ("b/l", "bl"), ("Bill of Lading", "bl"), ("air waybill", "awb")],
)
def test_the_usual_ways_of_writing_a_document_are_recognised(typed, key):
    assert normalise_abbreviation(typed) == key


@pytest.mark.parametrize("typed", [None, 3, "", "faktur", "B/L dan AWB"])
def test_anything_else_is_no_document(typed):
    assert normalise_abbreviation(typed) is None
