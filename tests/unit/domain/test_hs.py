"""HS 2022 Chapter 64 classification: one case per subheading the classifier returns, one per note."""

from __future__ import annotations

import itertools

import pytest

from alaskaki.domain import hs

# (upper, outsole, features) -> expected subheading; one realistic shoe per subheading.
CASES = [
    # 6401: rubber/plastics, waterproof, not stitched or nailed
    (
        "rubber_plastics",
        "rubber_plastics",
        {"waterproof_unstitched": True, "metal_toe_cap": True},
        "6401.10",
    ),
    (
        "rubber_plastics",
        "rubber_plastics",
        {"waterproof_unstitched": True, "covers_ankle": True},
        "6401.92",
    ),
    ("rubber_plastics", "rubber_plastics", {"waterproof_unstitched": True}, "6401.99"),
    (
        "rubber_plastics",
        "rubber_plastics",
        {"waterproof_unstitched": True, "covers_ankle": True, "covers_knee": True},
        "6401.99",
    ),
    # 6402: other rubber/plastics
    ("rubber_plastics", "rubber_plastics", {"sports": True, "ski": True}, "6402.12"),
    ("rubber_plastics", "rubber_plastics", {"sports": True}, "6402.19"),
    ("rubber_plastics", "rubber_plastics", {"toe_post_plugged": True}, "6402.20"),
    ("rubber_plastics", "rubber_plastics", {"covers_ankle": True}, "6402.91"),
    ("rubber_plastics", "rubber_plastics", {}, "6402.99"),
    # 6403: leather uppers
    ("leather", "rubber_plastics", {"sports": True, "ski": True}, "6403.12"),
    ("leather", "rubber_plastics", {"sports": True}, "6403.19"),
    ("leather", "leather", {"instep_toe_straps": True}, "6403.20"),
    ("leather", "rubber_plastics", {"metal_toe_cap": True, "covers_ankle": True}, "6403.40"),
    ("leather", "leather", {"covers_ankle": True}, "6403.51"),
    ("leather", "leather", {}, "6403.59"),
    ("leather", "rubber_plastics", {"covers_ankle": True}, "6403.91"),
    ("leather", "rubber_plastics", {}, "6403.99"),
    ("leather", "composition_leather", {}, "6403.99"),
    # 6404: textile uppers
    ("textile", "rubber_plastics", {"sports": True}, "6404.11"),
    ("textile", "rubber_plastics", {}, "6404.19"),
    ("textile", "leather", {}, "6404.20"),
    ("textile", "composition_leather", {"covers_ankle": True}, "6404.20"),
    # 6405: other footwear
    ("composition_leather", "rubber_plastics", {}, "6405.10"),
    ("leather", "other", {}, "6405.10"),
    ("textile", "other", {}, "6405.20"),
    ("other", "rubber_plastics", {}, "6405.90"),
    ("rubber_plastics", "leather", {}, "6405.90"),
]


@pytest.mark.parametrize(("upper", "outsole", "features", "code"), CASES)
def test_classify_case(upper, outsole, features, code):
    assert hs.classify_footwear(upper, outsole, **features) == code
    result = hs.explain_footwear(upper, outsole, **features)
    assert result.code == code and result.heading == code[:4]
    assert f"subpos {code}" in result.reason
    assert f"pos {code[:4]}" in result.reason


def test_every_returnable_subheading_has_a_case():
    assert {c[-1] for c in CASES} == set(hs.returnable_codes())
    assert len(hs.returnable_codes()) == 22


def test_every_combination_returns_a_listed_subheading_under_the_right_heading():
    flag_names = [
        "sports",
        "covers_ankle",
        "metal_toe_cap",
        "waterproof_unstitched",
        "toe_post_plugged",
        "ski",
        "instep_toe_straps",
        "covers_knee",
    ]

    def expected_heading(upper, outsole, waterproof):
        rubber_upper = upper in ("rubber_plastics", "coated_textile")  # Note 3
        if rubber_upper and outsole == "rubber_plastics":
            return "6401" if waterproof else "6402"
        if upper == "leather" and outsole != "other":
            return "6403"
        if upper == "textile" and outsole != "other":
            return "6404"
        return "6405"

    allowed = set(hs.returnable_codes())
    for upper, outsole in itertools.product(hs.UPPER_MATERIALS, hs.OUTSOLE_MATERIALS):
        for values in itertools.product([False, True], repeat=len(flag_names)):
            kw = dict(zip(flag_names, values, strict=True))
            code = hs.classify_footwear(upper, outsole, **kw)
            assert code in allowed
            expected = expected_heading(upper, outsole, kw["waterproof_unstitched"])
            assert code[:4] == expected, (upper, outsole, kw, code)


def test_note_3_coated_textile_counts_as_rubber_or_plastics():
    for features in ({}, {"covers_ankle": True}, {"waterproof_unstitched": True}, {"sports": True}):
        coated = hs.explain_footwear("coated_textile", "rubber_plastics", **features)
        assert coated.code == hs.classify_footwear("rubber_plastics", "rubber_plastics", **features)
        assert hs.NOTE_3 in coated.notes_applied and "Catatan 3" in coated.reason
    # plain textile with the same sole is heading 6404, not 6402
    assert hs.classify_footwear("textile", "rubber_plastics") == "6404.19"
    assert hs.NOTE_3 not in hs.explain_footwear("textile", "rubber_plastics").notes_applied


def test_note_4a_upper_by_greatest_external_area_accessories_ignored():
    # leather 160 vs textile 130 with the ankle patch counted; ignoring it, textile wins
    areas = {
        "leather:vamp": 120.0,
        "textile:quarter": 100.0,
        "textile:tongue": 30.0,
        "leather:ankle_patch": 40.0,
        "buckle": 5.0,
    }
    assert hs.upper_material(areas) == "textile"
    assert hs.upper_material({"leather": 120.0, "textile": 100.0}) == "leather"
    # Note 3 inside Note 4(a): coated textile is added to rubber/plastics
    assert (
        hs.upper_material({"coated_textile": 60, "rubber_plastics": 50, "leather": 100})
        == "rubber_plastics"
    )
    # the helper's result feeds the classifier
    shoe = hs.upper_material(areas)
    assert hs.classify_footwear(shoe, "rubber_plastics") == "6404.19"
    assert hs.NOTE_4A in hs.explain_footwear("leather", "leather").notes_applied


def test_note_4b_outsole_by_ground_contact_attachments_ignored():
    contact = {"leather": 80.0, "rubber_plastics": 60.0, "rubber_plastics:protector": 40.0}
    assert hs.outsole_material(contact) == "leather"
    assert (
        hs.outsole_material({"rubber": 50.0, "leather": 20.0, "spikes": 90.0}) == "rubber_plastics"
    )
    assert hs.classify_footwear("leather", hs.outsole_material(contact)) == "6403.59"
    assert hs.NOTE_4B in hs.explain_footwear("leather", "leather").notes_applied


def test_sports_subheading_note_only_where_hs_2022_applies_it():
    for upper, outsole, code in [
        ("rubber_plastics", "rubber_plastics", "6402.19"),
        ("leather", "leather", "6403.19"),
        ("textile", "rubber_plastics", "6404.11"),
    ]:
        result = hs.explain_footwear(upper, outsole, sports=True)
        assert result.code == code and hs.SPORTS_NOTE in result.notes_applied
    # no sports subheading in 6401, 6404.20 or 6405
    for upper, outsole, code in [
        ("rubber_plastics", "rubber_plastics", "6401.99"),
        ("textile", "leather", "6404.20"),
        ("other", "other", "6405.90"),
    ]:
        result = hs.explain_footwear(upper, outsole, sports=True, waterproof_unstitched=True)
        assert result.code == code and hs.SPORTS_NOTE not in result.notes_applied


def test_subheading_order_sports_before_metal_toe_cap_before_ankle():
    assert (
        hs.classify_footwear("leather", "rubber_plastics", sports=True, metal_toe_cap=True)
        == "6403.19"
    )
    assert (
        hs.classify_footwear("leather", "leather", metal_toe_cap=True, covers_ankle=True)
        == "6403.40"
    )
    # leather straps need a leather sole
    assert hs.classify_footwear("leather", "rubber_plastics", instep_toe_straps=True) == "6403.99"


def test_explanation_is_indonesian_and_warns_about_unused_features():
    r = hs.explain_footwear("leather", "rubber_plastics", waterproof_unstitched=True)
    assert r.code == "6403.99"
    assert "kedap air" in r.reason and "hanya menentukan pos 6401" in r.reason
    assert str(r).startswith("6403.99: ")
    assert r.description_en.startswith("Other footwear, with outer soles of rubber")
    assert "kulit komposisi" in r.description_id


def test_descriptions_for_every_heading_and_subheading_in_both_languages():
    lines = hs.hs_lines()
    headings = [c for c, line in lines.items() if line.level == "pos"]
    assert headings == ["6401", "6402", "6403", "6404", "6405", "6406"]
    assert len(lines) == 6 + 22 + 3  # 6406.10/.20/.90 are listed but never returned for a shoe
    for code, line in lines.items():
        assert line.description_id and line.description_en
        assert len(code) == (4 if line.level == "pos" else 7)
        assert "." not in code or code[:4] in lines  # every subheading under a listed heading
    assert hs.description("6406.20", "en") == "Outer soles and heels, of rubber or plastics"
    assert hs.description("6402").startswith("Alas kaki lainnya")


def test_no_eight_digit_lines():
    assert all(len(code.replace(".", "")) in (4, 6) for code in hs.hs_lines())


@pytest.mark.parametrize(
    ("call", "fragment"),
    [
        (lambda: hs.classify_footwear("suede", "rubber_plastics"), "tidak dikenal"),
        (lambda: hs.classify_footwear("leather", "textile"), "tidak dikenal"),
        (lambda: hs.classify_footwear("leather", "leather", sports="ya"), "True atau False"),
        (lambda: hs.upper_material({}), "dict"),
        (lambda: hs.upper_material({"buckle": 3.0}), "Tidak ada luas"),
        (lambda: hs.upper_material({"leather": 5.0, "textile": 5.0}), "sama besar"),
        (lambda: hs.upper_material({"leather": -1.0}), "tidak negatif"),
        (lambda: hs.description("6403.99.90"), "tidak ada"),
        (lambda: hs.description("6403", "fr"), "Bahasa"),
    ],
)
def test_bad_input_raises_indonesian_valueerror(call, fragment):
    with pytest.raises(ValueError, match=fragment):
        call()


def test_indonesian_material_names_are_accepted():
    assert hs.classify_footwear("kulit", "karet") == "6403.99"
    assert hs.classify_footwear("tekstil", "kulit") == "6404.20"


def test_chapter_note_1_and_2_lists_are_there_for_teaching():
    assert any("9021" in where for _, where in hs.CHAPTER_EXCLUSIONS)
    assert any("tali sepatu" in item for item in hs.NOT_PARTS)
