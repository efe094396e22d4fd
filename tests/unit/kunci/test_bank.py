"""The uji's item bank (alaskaki_kunci.bank): what its committed forms offer a participant."""

from __future__ import annotations

import re

import pytest

from alaskaki.domain import transport_documents as td
from alaskaki_kunci import bank


def _shipments(teks: str) -> dict[str, str]:
    """Shipment number -> its words in the question ("(1) ...; (2) ...")."""
    parts = re.split(r"\((\d)\) ", teks)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def _offered(opsi: tuple[str, ...]) -> dict[str, set[str]]:
    """Shipment number -> the transport documents (domain keys) the options name for it."""
    out: dict[str, set[str]] = {}
    for o in opsi:
        for n, name in re.findall(r"\((\d)\) ([^;]+?)(?:;|\.$)", o):
            key = td.normalise_abbreviation(name)
            assert key is not None, f"{name!r} is no transport document of the domain"
            out.setdefault(n, set()).add(key)
    return out


@pytest.mark.parametrize("modul", bank.FORMS)
def test_the_committed_forms_never_offer_an_air_document_for_a_shipment_by_sea(modul):
    """The committed forms name each shipment's carriage ("lewat laut"): a document of another
    carriage is struck out by that word alone, so a half with one would test nothing (reader,
    session 8, finding 13: "(1) air waybill" for a sea container)."""
    b = bank.item(f"{bank.FORMS[modul]}_eks04_angkut")
    kiriman, offered = _shipments(b.teks), _offered(b.opsi)
    assert set(kiriman) == set(offered) == {"1", "2"}, (kiriman, offered)
    for n, words in kiriman.items():
        assert len(offered[n]) == 2, (n, offered[n])  # a right and a wrong document each
        if "lewat laut" in words:
            carriage = {td.TRANSPORT_DOCUMENTS[k].carriage for k in offered[n]}
            assert carriage == {"laut"}, f"shipment ({n}) goes by sea; options name {offered[n]}"
