"""grading/kompetensi.yml: schema, validation errors that name the item, the kit's own file."""

from __future__ import annotations

import textwrap

import pytest

from alaskaki import authoring, paths
from alaskaki.competency import graded_cells, load_framework
from alaskaki.errors import AlaskakiError

UNITS_IN_DESIGN = ["EKS-01", "EKS-02", "BYA-01", "EKS-03", "MTU-01", "EKS-04", "STR-01"]
M3_IDS = [
    "m3_luas_kulit",
    "m3_biaya_kulit",
    "m3_biaya_bahan",
    "m3_porsi_impor",
    "m3_upah",
    "m3_overhead",
    "m3_hpp",
    "m3_studi_kasus",
]


def _source(tmp_path, modules):
    src = tmp_path / "source"
    for module, cells in modules.items():
        nb_cells = [authoring.code("x = 1")]
        for gid, kind in cells.items():
            if kind == "manual":
                nb_cells.append(authoring.manual(gid, 3))
            else:
                nb_cells.append(authoring.test(gid, 1, '"""Memeriksa."""\nassert True'))
        authoring.write_notebook(authoring.notebook(nb_cells), src / module / f"{module}.ipynb")
    return src


def _yml(tmp_path, text):
    p = tmp_path / "kompetensi.yml"
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


BASE = """
ambang: 0.7
unit:
  - kode: BYA-01
    judul: Menghitung HPP
    modul: [m3]
    elemen:
      - no: 1
        judul: Bahan
        kriteria:
          - kode: BYA-01.1.1
            judul: Biaya kulit
            bukti: [m3_a, m3_esai]
  - kode: EKS-01
    judul: Ekspor mandiri
    modul: [m1]
    elemen:
      - no: 1
        judul: Legalitas
        kriteria:
          - kode: EKS-01.1.1
            judul: NIB
            bukti: []
latihan: [m0]
asesmen:
  awal: asesmen-awal
  akhir: asesmen-akhir
  butir: {q1: BYA-01}
"""


def test_valid_framework_with_unit_whose_module_does_not_exist_yet(tmp_path):
    src = _source(
        tmp_path,
        {
            "m3": {"m3_a": "auto", "m3_esai": "manual"},
            "m0": {"m0_latihan": "auto"},
            "asesmen-awal": {"q1": "auto"},
            "asesmen-akhir": {"q1": "auto"},
        },
    )
    fw = load_framework(_yml(tmp_path, BASE), source_dir=src)
    assert fw.unit_codes == ["BYA-01", "EKS-01"]
    assert fw.unit("BYA-01").kriteria[0].bukti == ("m3_a", "m3_esai")
    assert fw.unit("BYA-01").has_evidence and not fw.unit("EKS-01").has_evidence
    assert fw.butir == {"q1": "BYA-01"} and fw.latihan == ("m0",)
    assert graded_cells(src)["m3"] == {"m3_a": 1.0, "m3_esai": 3.0}


@pytest.mark.parametrize(
    ("modules", "yml", "expected"),
    [
        # a grade id that no notebook has
        ({"m3": {"m3_a": "auto"}}, BASE, "grade id m3_esai tidak ada di notebook modul m3"),
        # a graded cell (here a manually graded rubric cell) that maps to nothing
        (
            {"m3": {"m3_a": "auto", "m3_esai": "manual", "m3_lupa": "manual"}},
            BASE,
            "sel bernilai m3_lupa bukan bukti kriteria mana pun",
        ),
        # a module with graded cells that belongs to no unit
        (
            {"m3": {"m3_a": "auto", "m3_esai": "manual"}, "m9-baru": {"m9_x": "auto"}},
            BASE,
            "modul m9-baru punya sel bernilai (m9_x)",
        ),
        # a pre-test item not mapped to a unit
        (
            {
                "m3": {"m3_a": "auto", "m3_esai": "manual"},
                "asesmen-awal": {"q1": "auto", "q2": "auto"},
            },
            BASE,
            "sel bernilai q2 tidak dipetakan ke unit",
        ),
        # the same cell as evidence of two criteria
        (
            {"m3": {"m3_a": "auto", "m3_esai": "manual"}},
            BASE.replace(
                "bukti: [m3_a, m3_esai]",
                "bukti: [m3_a, m3_esai]\n          - kode: BYA-01.1.2\n            judul: Lagi\n            bukti: [m3_a]",
            ),
            "grade id m3_a menjadi bukti dua kali: BYA-01.1.1 dan BYA-01.1.2",
        ),
        (
            {"m3": {"m3_a": "auto", "m3_esai": "manual"}},
            BASE.replace("ambang: 0.7", "ambang: 70"),
            "ambang 70.0",
        ),
        (
            {"m3": {"m3_a": "auto", "m3_esai": "manual"}},
            BASE.replace("q1: BYA-01", "q1: XYZ-09"),
            "unit XYZ-09 yang tidak ada",
        ),
        (
            {"m3": {"m3_a": "auto", "m3_esai": "manual"}},
            BASE.replace("kode: EKS-01.1.1", "kode: BYA-01.1.1"),
            "kode kriteria BYA-01.1.1 dipakai dua kali",
        ),
    ],
)
def test_validation_errors_name_the_item(tmp_path, modules, yml, expected):
    src = _source(tmp_path, modules)
    with pytest.raises(AlaskakiError) as err:
        load_framework(_yml(tmp_path, yml), source_dir=src)
    assert any(expected in d for d in err.value.details), err.value.details
    assert "tidak sah" in str(err.value)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(AlaskakiError, match="tidak ditemukan"):
        load_framework(tmp_path / "tidak-ada.yml", source_dir=tmp_path)


def test_kit_framework_has_the_seven_units_and_the_m3_block(tmp_path):
    # against an empty source folder every listed evidence id is an error that names it
    with pytest.raises(AlaskakiError) as err:
        load_framework(source_dir=tmp_path)
    named = {d.split("grade id ")[1].split(" ")[0] for d in err.value.details if "grade id" in d}
    assert set(M3_IDS) <= named
    fw = load_framework()
    assert fw.unit_codes == UNITS_IN_DESIGN
    bya = fw.unit("BYA-01")
    assert [e.judul for e in bya.elemen] == [
        "Menghitung kebutuhan dan biaya bahan",
        "Menghitung biaya tenaga kerja dan overhead",
        "Menetapkan HPP per pasang",
    ]
    assert [c.bukti for c in bya.kriteria] == [
        ("m3_luas_kulit", "m3_biaya_kulit"),
        ("m3_biaya_bahan", "m3_porsi_impor"),
        ("m3_upah",),
        ("m3_overhead",),
        ("m3_hpp", "m3_studi_kasus"),
    ]
    assert fw.asesmen_awal == "asesmen-awal" and fw.asesmen_akhir == "asesmen-akhir"
    assert set(fw.butir.values()) <= set(UNITS_IN_DESIGN)


def test_every_graded_cell_in_the_kit_maps_to_exactly_one_criterion():
    """The kit's own kompetensi.yml against the kit's assignments/source (grows with the curriculum)."""
    modules = graded_cells(paths.SOURCE_DIR)
    if "m3-biaya-produksi" not in modules:
        pytest.fail(
            "assignments/source/m3-biaya-produksi is missing: the BYA-01 evidence cannot be checked"
        )
    load_framework()  # raises, naming every unmapped or unknown grade id
