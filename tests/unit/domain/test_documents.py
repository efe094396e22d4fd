"""Invoice and packing-list totals, and every kind of mismatch across invoice, packing list and PEB."""

from __future__ import annotations

import dataclasses

import pytest

from alaskaki.domain.documents import (
    CommercialInvoice,
    ExportDeclaration,
    InvoiceLine,
    PackingLine,
    PackingList,
    check_consistency,
)


def make_docs():
    invoice = CommercialInvoice(
        number="INV-001",
        exporter="UD Sepatu Miji Jaya",
        consignee="Nordic Shoes AB",
        currency="USD",
        incoterm="FOB",
        lines=(
            InvoiceLine("Sepatu kulit pria", "6403.99", 600, 18.50),
            InvoiceLine("Sandal kulit", "6403.99", 240, 9.25),
        ),
    )
    packing = PackingList(
        number="PL-001",
        consignee="NORDIC SHOES AB.",
        lines=(
            PackingLine(
                "Sepatu kulit pria",
                cartons=50,
                pairs_per_carton=12,
                net_kg_per_carton=9.0,
                gross_kg_per_carton=10.5,
            ),
            PackingLine(
                "Sandal kulit",
                cartons=10,
                pairs_per_carton=24,
                net_kg_per_carton=8.0,
                gross_kg_per_carton=9.2,
            ),
        ),
    )
    peb = ExportDeclaration(
        exporter="UD Sepatu Miji Jaya",
        consignee="Nordic  Shoes AB",
        hs_codes=("6403.99.90",),
        quantity=840,
        cartons=60,
        net_weight=530.0,
        gross_weight=617.0,
        value=13_320.0,
        currency="usd",
        incoterm="FOB",
    )
    return invoice, packing, peb


def test_totals():
    invoice, packing, _ = make_docs()
    assert invoice.total_quantity == 840
    assert invoice.total_value == pytest.approx(600 * 18.50 + 240 * 9.25)  # 11,100 + 2,220 = 13,320
    assert packing.total_cartons == 60
    assert packing.total_quantity == 600 + 240
    assert packing.total_net_weight == pytest.approx(50 * 9.0 + 10 * 8.0)  # 530
    assert packing.total_gross_weight == pytest.approx(50 * 10.5 + 10 * 9.2)  # 617
    assert invoice.hs_codes == ("6403.99",)


def test_consistent_documents_have_no_mismatch():
    assert check_consistency(*make_docs()) == []


def _only(found, kind):
    assert [m.kind for m in found] == [kind], [m.message for m in found]
    return found[0]


def test_quantity_mismatch_invoice_packing_list():
    invoice, packing, peb = make_docs()
    invoice = dataclasses.replace(
        invoice, lines=(InvoiceLine("Sepatu kulit pria", "6403.99", 612, 18.50), invoice.lines[1])
    )
    peb = dataclasses.replace(peb, quantity=852, value=invoice.total_value)
    m = _only(check_consistency(invoice, packing, peb), "quantity")
    assert m.documents == ("invoice", "packing_list")
    assert m.values == (852, 840)
    assert "*invoice*" in m.message and "*packing list*" in m.message
    assert "852" in m.message and "840" in m.message


def test_quantity_mismatch_invoice_peb():
    invoice, packing, peb = make_docs()
    m = _only(
        check_consistency(invoice, packing, dataclasses.replace(peb, quantity=800)), "quantity"
    )
    assert m.documents == ("invoice", "peb")
    assert "PEB" in m.message and "*invoice*" in m.message


def test_cartons_mismatch():
    invoice, packing, peb = make_docs()
    m = _only(check_consistency(invoice, packing, dataclasses.replace(peb, cartons=61)), "cartons")
    assert m.documents == ("packing_list", "peb")
    assert (
        "jumlah karton" in m.message.lower()
        and "*packing list*" in m.message
        and "PEB" in m.message
    )


@pytest.mark.parametrize(
    ("field", "kind"), [("net_weight", "net_weight"), ("gross_weight", "gross_weight")]
)
def test_weight_mismatch(field, kind):
    invoice, packing, peb = make_docs()
    wrong = getattr(peb, field) + 1.5
    m = _only(check_consistency(invoice, packing, dataclasses.replace(peb, **{field: wrong})), kind)
    assert m.documents == ("packing_list", "peb")
    assert "berat" in m.message.lower()


def test_weight_rounding_is_tolerated():
    invoice, packing, peb = make_docs()
    assert check_consistency(invoice, packing, dataclasses.replace(peb, net_weight=530.004)) == []


def test_value_mismatch():
    invoice, packing, peb = make_docs()
    m = _only(
        check_consistency(invoice, packing, dataclasses.replace(peb, value=13_230.0)), "value"
    )
    assert m.documents == ("invoice", "peb")
    assert "13.320,00" in m.message and "13.230,00" in m.message


def test_currency_mismatch():
    invoice, packing, peb = make_docs()
    m = _only(
        check_consistency(invoice, packing, dataclasses.replace(peb, currency="EUR")), "currency"
    )
    assert "mata uang" in m.message.lower() and "USD" in m.message and "EUR" in m.message


def test_hs_code_mismatch_with_peb():
    invoice, packing, peb = make_docs()
    m = _only(
        check_consistency(invoice, packing, dataclasses.replace(peb, hs_codes=("6404.19",))),
        "hs_code",
    )
    assert m.documents == ("invoice", "peb")
    assert "6403.99" in m.message and "6404.19" in m.message


def test_hs_code_mismatch_with_packing_list():
    invoice, packing, peb = make_docs()
    lines = tuple(dataclasses.replace(line, hs_code="6402.99") for line in packing.lines)
    m = _only(check_consistency(invoice, dataclasses.replace(packing, lines=lines), peb), "hs_code")
    assert m.documents == ("invoice", "packing_list")


def test_hs_extra_code_in_peb_is_a_mismatch():
    invoice, packing, peb = make_docs()
    found = check_consistency(
        invoice, packing, dataclasses.replace(peb, hs_codes=("6403.99.90", "6405.10"))
    )
    _only(found, "hs_code")


def test_incoterm_mismatch():
    invoice, packing, peb = make_docs()
    m = _only(
        check_consistency(invoice, packing, dataclasses.replace(peb, incoterm="CIF")), "incoterm"
    )
    assert "FOB" in m.message and "CIF" in m.message


def test_consignee_mismatch_both_pairs():
    invoice, packing, peb = make_docs()
    found = check_consistency(
        invoice,
        dataclasses.replace(packing, consignee="Baltic Shoes"),
        dataclasses.replace(peb, consignee="Baltic Shoes"),
    )
    assert [(m.kind, m.documents) for m in found] == [
        ("consignee", ("invoice", "packing_list")),
        ("consignee", ("invoice", "peb")),
    ]
    assert "*consignee*" in found[0].message


def test_several_mismatches_are_all_reported():
    invoice, packing, peb = make_docs()
    peb = dataclasses.replace(peb, cartons=59, currency="IDR", incoterm="EXW")
    assert {m.kind for m in check_consistency(invoice, packing, peb)} == {
        "cartons",
        "currency",
        "incoterm",
    }


def test_models_reject_nonsense():
    with pytest.raises(ValueError, match="Berat kotor"):
        PackingLine("x", 1, 12, 10.0, 9.0)
    with pytest.raises(ValueError, match="Jumlah pasang"):
        InvoiceLine("x", "6403.99", 0, 1.0)
    with pytest.raises(ValueError, match="belum punya"):
        CommercialInvoice("I", "a", "b", "USD", "FOB", ())
