"""Export payment methods and the ICC rules behind them, as data (brief §1.7).

* **L/C** (letter of credit) is governed by **UCP 600** (ICC Publication No. 600, 2007 revision).
* **D/P** and **D/A** (documentary collections) are governed by **URC 522** (ICC Publication
  No. 522, 1995 revision).
* **T/T** (telegraphic transfer) is a common method beside L/C and CAD (cash against documents).

:data:`RULE_FACTS` holds each sourced statement with the rulebook it belongs to; exercises ask which
rulebook a statement belongs to. :func:`collection_type` encodes the one URC 522 rule the brief
states about D/P vs D/A. The brief gives no ranking of methods by risk, so none is coded here.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "Method",
    "METHODS",
    "method",
    "RuleFact",
    "RULE_FACTS",
    "RULEBOOKS",
    "collection_type",
    "BANK_CHARGES_USD",
]

LC = "LC"  # UCP 600
COLLECTION = "inkaso"  # URC 522

#: Rulebook key -> (name, publication, in force) — brief §1.7.
RULEBOOKS: dict[str, tuple[str, str, str]] = {
    LC: ("UCP 600", "ICC Publication No. 600, revisi 2007", "1 Juli 2007"),
    COLLECTION: ("URC 522", "ICC Publication No. 522, revisi 1995", "1 Januari 1996"),
}


@dataclass(frozen=True)
class Method:
    code: str
    name_en: str
    name_id: str
    rulebook: str | None  # key of RULEBOOKS, None when the brief names none


METHODS: tuple[Method, ...] = (
    Method("T/T", "telegraphic transfer", "transfer bank (kiriman uang lewat bank)", None),
    Method("L/C", "letter of credit", "surat kredit berdokumen", LC),
    Method(
        "D/P",
        "documents against payment",
        "dokumen diserahkan setelah pembeli membayar",
        COLLECTION,
    ),
    Method(
        "D/A",
        "documents against acceptance",
        "dokumen diserahkan setelah pembeli menerima (mengaksep) wesel",
        COLLECTION,
    ),
    Method("CAD", "cash against documents", "tunai atas dokumen", None),
)


def method(code: str) -> Method:
    key = code.strip().upper() if isinstance(code, str) else code
    for m in METHODS:
        if m.code == key:
            return m
    raise ValueError(
        f"Cara pembayaran {code!r} tidak dikenal. Pilih: {', '.join(m.code for m in METHODS)}."
    )


@dataclass(frozen=True)
class RuleFact:
    key: str
    text: str  # Indonesian statement shown to participants
    rulebook: str  # LC or COLLECTION
    source: str


RULE_FACTS: tuple[RuleFact, ...] = (
    # "Banks deal with documents, not goods" (UCP 600 Art. 5) alone would not tell the two rulebooks
    # apart: URC 522 also keeps collecting banks out of the goods (Art. 10; brief: no duty to store or
    # insure them). What only the L/C side has is the bank examining the documents against the terms
    # (Art. 14), whereas a collecting bank does not examine them (brief §1.7).
    RuleFact(
        "periksa_dokumen",
        "Bank memeriksa apakah dokumen sesuai dengan syaratnya, dan menilai dokumen itu saja, bukan barangnya.",
        LC,
        "UCP 600 Pasal 5 dan 14 [V] is.muni.cz UCP_600.txt",
    ),
    RuleFact(
        "lima_hari",
        "Bank punya waktu paling lama 5 hari kerja bank untuk memeriksa dokumen.",
        LC,
        "UCP 600 Pasal 14 [S] ringkasan UCP",
    ),
    RuleFact(
        "berlaku_2007",
        "Aturan ini berlaku sejak 1 Juli 2007 dan terdiri atas 39 pasal.",
        LC,
        "[S] pastrade.com",
    ),
    RuleFact(
        "tidak_periksa_dokumen",
        "Bank tidak memeriksa dokumen untuk mencari instruksi.",
        COLLECTION,
        "URC 522 [S] letterofcredit.biz/URC_522.html",
    ),
    RuleFact(
        "tidak_wajib_simpan",
        "Bank tidak wajib menyimpan atau mengasuransikan barang.",
        COLLECTION,
        "URC 522 [S] letterofcredit.biz/URC_522.html",
    ),
    RuleFact(
        "wesel_berjangka",
        "Bila wesel dibayar kemudian (berjangka), penyerahan dokumennya sebaiknya D/A, bukan D/P.",
        COLLECTION,
        "URC 522 Pasal 7 [S] ssopdot.com/blog/14145.html",
    ),
    RuleFact(
        "berlaku_1996",
        "Aturan ini berlaku sejak 1 Januari 1996.",
        COLLECTION,
        "[S] letterofcredit.biz; iccwbo",
    ),
)


def collection_type(deferred_payment: bool) -> str:
    """D/A when the bill is payable later (usance, URC 522 Art. 7), D/P when paid on presentation."""
    return "D/A" if deferred_payment else "D/P"


#: Indicative bank charges per process, USD (consultant figures, [S] marmara.id): check with the bank.
BANK_CHARGES_USD: dict[str, tuple[float, float]] = {
    "T/T": (5.0, 10.0),
    "L/C": (75.0, 150.0),
    "CAD": (75.0, 150.0),
}
