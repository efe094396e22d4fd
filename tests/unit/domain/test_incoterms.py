"""Every Incoterms 2020 fact, cell by cell, against the brief (§1.8)."""

from __future__ import annotations

import pytest

from alaskaki.domain import incoterms
from alaskaki.domain.incoterms import BUYER, SELLER, rule, rules_for_mode, segments

S, B = SELLER, BUYER

# Typed from BRIEF.md §1.8 table: code -> (English name, sea_only, named place, main carriage paid by)
BRIEF_TABLE = {
    "EXW": ("Ex Works", False, "tempat penyerahan", B),
    "FCA": ("Free Carrier", False, "tempat penyerahan", B),
    "CPT": ("Carriage Paid To", False, "tempat tujuan", S),
    "CIP": ("Carriage and Insurance Paid To", False, "tempat tujuan", S),
    "DAP": ("Delivered at Place", False, "tempat tujuan", S),
    "DPU": ("Delivered at Place Unloaded", False, "tempat tujuan", S),
    "DDP": ("Delivered Duty Paid", False, "tempat tujuan", S),
    "FAS": ("Free Alongside Ship", True, "pelabuhan muat", B),
    "FOB": ("Free On Board", True, "pelabuhan muat", B),
    "CFR": ("Cost and Freight", True, "pelabuhan tujuan", S),
    "CIF": ("Cost, Insurance and Freight", True, "pelabuhan tujuan", S),
}

# Risk column of the brief: where risk passes (point of the drawn chain).
BRIEF_RISK = {
    "EXW": "tempat_penjual",
    "FCA": "pengangkut",
    "CPT": "pengangkut",
    "CIP": "pengangkut",
    "DAP": "tiba_tujuan",
    "DPU": "dibongkar",
    "DDP": "tiba_tujuan",
    "FAS": "sisi_kapal",
    "FOB": "atas_kapal",
    "CFR": "atas_kapal",
    "CIF": "atas_kapal",
}


def test_eleven_rules():
    assert list(incoterms.RULES) == list(BRIEF_TABLE)
    assert len(incoterms.RULES) == 11


@pytest.mark.parametrize("code", list(BRIEF_TABLE))
def test_rule_matches_brief_table(code):
    name, sea_only, place, carriage = BRIEF_TABLE[code]
    r = rule(code)
    assert r.code == code
    assert r.name_en == name
    assert r.sea_only is sea_only
    assert r.mode == ("sea" if sea_only else "any")
    assert r.named_place == place
    assert r.main_carriage_paid_by == carriage
    assert r.risk_point == BRIEF_RISK[code]
    assert r.name_id and r.risk_passes_id


def test_four_sea_only_rules():
    assert incoterms.SEA_ONLY == ("FAS", "FOB", "CFR", "CIF")


@pytest.mark.parametrize("code", list(BRIEF_TABLE))
def test_insurance_only_cif_and_cip(code):
    r = rule(code)
    if code == "CIF":
        assert (r.insurance_by, r.min_cover, r.min_insured_percent) == (
            S,
            "Institute Cargo Clauses (C)",
            110,
        )
    elif code == "CIP":
        assert (r.insurance_by, r.min_cover, r.min_insured_percent) == (
            S,
            "Institute Cargo Clauses (A)",
            110,
        )
    else:
        assert (r.insurance_by, r.min_cover, r.min_insured_percent) == (None, None, None)


@pytest.mark.parametrize("code", list(BRIEF_TABLE))
def test_clearance(code):
    r = rule(code)
    # brief: EXW -> buyer does export clearance; DDP -> seller does import clearance
    assert r.export_clearance_by == (B if code == "EXW" else S)
    assert r.import_clearance_by == (S if code == "DDP" else B)


def test_risk_texts_carry_the_brief_keywords():
    assert "pengangkut pertama" in rule("CPT").risk_passes_id
    assert "Sama dengan CPT" in rule("CIP").risk_passes_id
    assert (
        "dibongkar" in rule("DPU").risk_passes_id and "satu-satunya" in rule("DPU").risk_passes_id
    )
    assert "izin impor" in rule("DDP").risk_passes_id
    assert "di atas kapal" in rule("FOB").risk_passes_id
    assert "sisi kapal" in rule("FAS").risk_passes_id
    assert "pembeli yang mengurus izin ekspor" in rule("EXW").risk_passes_id


def test_rules_for_mode():
    assert [r.code for r in rules_for_mode("any")] == [
        "EXW",
        "FCA",
        "CPT",
        "CIP",
        "DAP",
        "DPU",
        "DDP",
    ]
    assert len(rules_for_mode("sea")) == 11
    assert rules_for_mode("air") == rules_for_mode("any") == rules_for_mode("Multimodal")
    assert rules_for_mode("inland_waterway") == rules_for_mode("sea")
    assert not any(r.code in incoterms.SEA_ONLY for r in rules_for_mode("any"))
    with pytest.raises(ValueError, match="Moda angkut"):
        rules_for_mode("pipa")


def test_rule_lookup():
    assert rule(" fob ").code == "FOB"
    with pytest.raises(ValueError, match="tidak dikenal"):
        rule("DAT")  # renamed DPU in 2020


@pytest.mark.parametrize("code", list(BRIEF_TABLE))
def test_main_carriage_leg_agrees_with_table(code):
    main_leg = [s for s in segments(code) if s[:2] == ("atas_kapal", "tiba_tujuan")][0]
    assert main_leg[3] == rule(code).main_carriage_paid_by


def test_c_rules_split_risk_and_cost():
    for code in ("CPT", "CIP", "CFR", "CIF"):
        r = rule(code)
        assert r.risk_index < r.cost_index
    for code in ("EXW", "FCA", "FAS", "FOB", "DAP", "DPU", "DDP"):
        r = rule(code)
        assert r.risk_index == r.cost_index


def test_segments_fob():
    legs = segments("FOB")
    assert [leg[2] for leg in legs] == [S, S, S, B, B, B]
    assert [leg[3] for leg in legs] == [S, S, S, B, B, B]
    assert all(leg[2] == B for leg in segments("EXW"))
    assert [leg[3] for leg in segments("DPU")] == [S, S, S, S, S, B]
