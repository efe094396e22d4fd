"""Transport documents of an export shipment, and the UCP 600 articles that name each document.

Sources (brief §1.5, §1.7):

* UCP 600 (ICC Publication No. 600, 2007 revision) has separate articles for the commercial
  invoice (Art. 18), the transport document covering at least two modes (multimodal, Art. 19), the
  bill of lading (Art. 20), the non-negotiable sea waybill (Art. 21), the air transport document
  (Art. 23), the insurance document (Art. 28), tolerances (Art. 30) and partial shipments
  (Art. 31). [V] is.muni.cz UCP_600.txt (article list).
* PMK 155/PMK.04/2022 added rules on entering B/L and AWB data in the PEB. [S] DJBC "Kupas PMK
  155" slides (scribd 616493572).

The general UCP 600 statements about banks (Art. 5, Art. 14) live in :mod:`alaskaki.domain.payment`.

Which document goes with which mode follows from those article titles: a shipment by sea travels
on a bill of lading (B/L), a shipment by air on an air waybill (AWB, UCP's "air transport
document"), and a shipment that uses at least two modes under one contract on a multimodal
transport document.

A shipment by sea has two documents, told apart by the word UCP 600 puts in Art. 21's title: the
sea waybill is *non-negotiable* (it cannot be transferred), the bill of lading of Art. 20 carries no
such word and is the sea document that can be made negotiable. So when a bank or buyer asks for a
negotiable transport document the sea shipment needs a B/L; when no one needs to transfer the
document (the kit's exercises: a buyer who has paid in advance by T/T, *contoh*) a sea waybill
fits (:func:`sea_document`). The kit's reading of the two titles; the brief holds the titles only.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "MODES",
    "TransportDocument",
    "TRANSPORT_DOCUMENTS",
    "UCP600_DOCUMENT_ARTICLES",
    "transport_document",
    "sea_document",
    "normalise_abbreviation",
]

#: Transport mode key -> Indonesian name.
MODES: dict[str, str] = {
    "laut": "angkutan laut (kapal)",
    "udara": "angkutan udara (pesawat)",
    "multimoda": "paling sedikit dua moda angkutan dalam satu kontrak (mis. truk lalu kapal)",
}


@dataclass(frozen=True)
class TransportDocument:
    """A transport document and the UCP 600 article that covers it."""

    key: str
    abbreviation: str  # how the participant writes it: "B/L", "AWB", "multimoda", "sea waybill"
    name_en: str
    name_id: str
    ucp_article: int
    mode: str | None  # key of MODES for the documents the chooser returns; None otherwise
    carriage: str = ""  # key of MODES: how the goods travel on this document
    #: True: can be made negotiable (transferable); False: UCP 600 names it non-negotiable; None: not taught
    negotiable: bool | None = None


TRANSPORT_DOCUMENTS: dict[str, TransportDocument] = {
    "bl": TransportDocument(
        "bl", "B/L", "bill of lading", "konosemen (dokumen angkutan laut)", 20, "laut", "laut", True
    ),
    "sea_waybill": TransportDocument(
        "sea_waybill",
        "sea waybill",
        "non-negotiable sea waybill",
        "sea waybill yang tidak dapat diperdagangkan (non-negotiable)",
        21,
        None,
        "laut",
        False,
    ),
    "awb": TransportDocument(
        "awb",
        "AWB",
        "air waybill (air transport document)",
        "dokumen angkutan udara",
        23,
        "udara",
        "udara",
    ),
    "multimoda": TransportDocument(
        "multimoda",
        "multimoda",
        "multimodal transport document (covering at least two different modes of transport)",
        "dokumen angkutan multimoda (paling sedikit dua moda angkutan)",
        19,
        "multimoda",
        "multimoda",
    ),
}

#: UCP 600 articles on documents that the brief names -> Indonesian subject.
UCP600_DOCUMENT_ARTICLES: dict[int, str] = {
    18: "invoice komersial (*commercial invoice*)",
    19: "dokumen angkutan yang mencakup paling sedikit dua moda angkutan (multimoda)",
    20: "konosemen (*bill of lading*, B/L)",
    21: "*sea waybill* yang tidak dapat diperdagangkan (*non-negotiable*)",
    23: "dokumen angkutan udara (*air waybill*, AWB)",
    28: "dokumen asuransi",
    30: "toleransi (*tolerances*)",
    31: "pengapalan sebagian (*partial shipments*)",
}


def transport_document(mode: str) -> TransportDocument:
    """The transport document for a mode: ``"laut"`` -> B/L, ``"udara"`` -> AWB, ``"multimoda"``."""
    key = mode.strip().lower() if isinstance(mode, str) else mode
    for doc in TRANSPORT_DOCUMENTS.values():
        if doc.mode == key:
            return doc
    raise ValueError(f"Moda angkutan {mode!r} tidak dikenal. Pilih salah satu: {', '.join(MODES)}.")


def sea_document(negotiable: bool) -> TransportDocument:
    """The document of a shipment by sea: the B/L when it must be negotiable, else the sea waybill."""
    for doc in TRANSPORT_DOCUMENTS.values():
        if doc.carriage == "laut" and doc.negotiable is bool(negotiable):
            return doc
    raise LookupError(f"no sea transport document with negotiable={negotiable!r}")


def normalise_abbreviation(text: object) -> str | None:
    """The document key a participant meant ("BL", "b/l", "Bill of Lading" -> "bl"); None if unknown."""
    if not isinstance(text, str):
        return None
    t = "".join(ch for ch in text.casefold() if ch.isalnum())
    aliases = {
        "bl": "bl",
        "billoflading": "bl",
        "konosemen": "bl",
        "awb": "awb",
        "airwaybill": "awb",
        "airtransportdocument": "awb",
        "multimoda": "multimoda",
        "multimodal": "multimoda",
        "multimodaltransportdocument": "multimoda",
        "seawaybill": "sea_waybill",
        "swb": "sea_waybill",
        "nonnegotiableseawaybill": "sea_waybill",
    }
    return aliases.get(t)
