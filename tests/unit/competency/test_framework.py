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
versi: 2
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
            uji: [post_1, m3_esai]
            latihan: [m3_a]
  - kode: EKS-01
    judul: Ekspor mandiri
    modul: [m1]
    elemen:
      - no: 1
        judul: Legalitas
        kriteria:
          - kode: EKS-01.1.1
            judul: NIB
            uji: []
pengenalan: [m0]
asesmen:
  awal: asesmen-awal
  akhir: asesmen-akhir
  butir: {pre_1: BYA-01, post_1: BYA-01}
"""

GOOD = {
    "m3": {"m3_a": "auto", "m3_esai": "manual"},
    "m0": {"m0_latihan": "auto"},
    "asesmen-awal": {"pre_1": "auto"},
    "asesmen-akhir": {"post_1": "auto"},
}


def test_valid_framework_with_unit_whose_module_does_not_exist_yet(tmp_path):
    src = _source(tmp_path, GOOD)
    fw = load_framework(_yml(tmp_path, BASE), source_dir=src)
    assert fw.unit_codes == ["BYA-01", "EKS-01"]
    crit = fw.unit("BYA-01").kriteria[0]
    assert crit.uji == ("post_1", "m3_esai") and crit.latihan == ("m3_a",)
    assert fw.unit("BYA-01").has_evidence and fw.unit("BYA-01").uji_lengkap
    assert not fw.unit("EKS-01").has_evidence and not fw.unit("EKS-01").uji_lengkap
    assert fw.butir == {"pre_1": "BYA-01", "post_1": "BYA-01"} and fw.pengenalan == ("m0",)
    assert graded_cells(src)["m3"] == {"m3_a": 1.0, "m3_esai": 3.0}
    assert fw.versi == 2


def _with(**changes):
    mods = {k: dict(v) for k, v in GOOD.items()}
    for k, v in changes.items():
        mods[k] = v
    return mods


@pytest.mark.parametrize(
    ("modules", "yml", "expected"),
    [
        # a latihan grade id that no notebook has
        (
            _with(m3={"m3_esai": "manual"}),
            BASE,
            "grade id m3_a (latihan) tidak ada di notebook modul m3",
        ),
        # an uji id that neither the post-test nor the modules have
        (
            _with(**{"asesmen-akhir": {}}),
            BASE.replace("post_1: BYA-01}", "post_1: BYA-01}").replace(
                "uji: [post_1,", "uji: [post_9,"
            ),
            "bukti uji post_9 tidak ada di asesmen akhir (asesmen-akhir) maupun di notebook modul m3",
        ),
        # an autograded module cell (it has a self-check) cannot decide
        (
            GOOD,
            BASE.replace(
                "uji: [post_1, m3_esai]\n            latihan: [m3_a]",
                "uji: [post_1, m3_esai, m3_a]",
            ),
            "m3_a di modul m3 dinilai otomatis dan punya cek mandiri, jadi hanya boleh menjadi bukti 'latihan'",
        ),
        # the pre-test is the baseline, never evidence
        (
            GOOD,
            BASE.replace("uji: [post_1, m3_esai]", "uji: [post_1, m3_esai, pre_1]"),
            "pre_1 adalah butir tes awal (asesmen-awal)",
        ),
        # a post-test item used by a criterion of another unit than asesmen.butir says
        (
            GOOD,
            BASE.replace("post_1: BYA-01}", "post_1: EKS-01}"),
            "butir uji post_1 dipetakan ke unit EKS-01 di asesmen.butir, bukan ke BYA-01",
        ),
        # a post-test item that is no criterion's uji evidence
        (
            _with(**{"asesmen-akhir": {"post_1": "auto", "post_2": "auto"}}),
            BASE.replace("post_1: BYA-01}", "post_1: BYA-01, post_2: EKS-01}"),
            "butir post_2 (unit EKS-01) bukan bukti uji kriteria mana pun",
        ),
        # a graded cell (here a manually graded rubric cell) that maps to nothing
        (
            _with(m3={"m3_a": "auto", "m3_esai": "manual", "m3_lupa": "manual"}),
            BASE,
            "sel bernilai m3_lupa bukan bukti (uji atau latihan) kriteria mana pun",
        ),
        # a module with graded cells that belongs to no unit
        (
            _with(**{"m9-baru": {"m9_x": "auto"}}),
            BASE,
            "modul m9-baru punya sel bernilai (m9_x)",
        ),
        # a pre-test item not mapped to a unit
        (
            _with(**{"asesmen-awal": {"pre_1": "auto", "pre_2": "auto"}}),
            BASE,
            "sel bernilai pre_2 tidak dipetakan ke unit",
        ),
        # the same cell as evidence of two criteria
        (
            GOOD,
            BASE.replace(
                "latihan: [m3_a]",
                "latihan: [m3_a]\n          - kode: BYA-01.1.2\n            judul: Lagi\n            latihan: [m3_a]",
            ),
            "grade id m3_a menjadi bukti dua kali: BYA-01.1.1 dan BYA-01.1.2 (latihan)",
        ),
        # version-1 keys in a version-2 file
        (
            GOOD,
            BASE.replace("latihan: [m3_a]", "bukti: [m3_a]"),
            "kriteria BYA-01.1.1: kunci 'bukti' milik skema versi 1",
        ),
        (GOOD, BASE.replace("versi: 2", "versi: 3"), "versi skema 3 tidak dikenal"),
        (GOOD, BASE.replace("ambang: 0.7", "ambang: 70"), "ambang 70.0"),
        (GOOD, BASE.replace("post_1: BYA-01}", "post_1: XYZ-09}"), "unit XYZ-09 yang tidak ada"),
        (
            GOOD,
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


V1 = """
versi: 1
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
            latihan: Ulangi perhitungan biaya kulit.
latihan: [m0]
asesmen:
  awal: asesmen-awal
  akhir: asesmen-akhir
  butir: {pre_1: BYA-01, post_1: BYA-01}
"""


def test_version_1_file_of_an_old_workshop_still_loads_with_module_cells_as_latihan(tmp_path):
    """A workshop pinned schema 1 at init: its autograded `bukti` become latihan, rubric cells uji;
    the post-test items had no criterion then, so they are not required to have one now."""
    src = _source(tmp_path, GOOD)
    fw = load_framework(_yml(tmp_path, V1), source_dir=src)
    c = fw.unit("BYA-01").kriteria[0]
    assert (c.uji, c.latihan, c.saran) == (
        ("m3_esai",),
        ("m3_a",),
        "Ulangi perhitungan biaya kulit.",
    )
    assert fw.pengenalan == ("m0",) and fw.versi == 1


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(AlaskakiError, match="tidak ditemukan"):
        load_framework(tmp_path / "tidak-ada.yml", source_dir=tmp_path)


def test_kit_framework_has_the_seven_units_and_the_m3_block(tmp_path):
    # against an empty source folder every listed evidence id is an error that names it
    with pytest.raises(AlaskakiError) as err:
        load_framework(source_dir=tmp_path)
    named = {d.split("grade id ")[1].split(" ")[0] for d in err.value.details if "grade id" in d}
    assert set(M3_IDS) <= named
    assert any("bukti uji post_bya01_kulit tidak ada" in d for d in err.value.details)
    fw = load_framework()
    assert fw.unit_codes == UNITS_IN_DESIGN
    bya = fw.unit("BYA-01")
    assert [e.judul for e in bya.elemen] == [
        "Menghitung kebutuhan dan biaya bahan",
        "Menghitung biaya tenaga kerja dan overhead",
        "Menetapkan HPP per pasang",
    ]
    assert [c.latihan for c in bya.kriteria] == [
        ("m3_luas_kulit", "m3_biaya_kulit"),
        ("m3_biaya_bahan", "m3_porsi_impor"),
        ("m3_upah",),
        ("m3_overhead",),
        ("m3_hpp", "m3_studi_kasus"),
    ]
    assert fw.asesmen_awal == "asesmen-awal" and fw.asesmen_akhir == "asesmen-akhir"
    assert set(fw.butir.values()) <= set(UNITS_IN_DESIGN)
    # K/BK evidence is summative only: post-test items and rubric cells, never module exercises
    auto = {m: ids for m, ids in graded_cells(paths.SOURCE_DIR).items() if m.startswith("m")}
    for c in fw.criteria:
        for gid in c.uji:
            assert gid.startswith("post_") or gid in {
                "m7a_swot_analisis",
                "m7b_rencana_kemitraan",
                "m7b_profil_penawaran",
            }, (c.kode, gid)
        assert all(any(gid in ids for ids in auto.values()) for gid in c.latihan), c.kode


def test_every_graded_cell_in_the_kit_maps_to_exactly_one_criterion():
    """The kit's own kompetensi.yml against the kit's assignments/source (grows with the curriculum)."""
    modules = graded_cells(paths.SOURCE_DIR)
    if "m3-biaya-produksi" not in modules:
        pytest.fail(
            "assignments/source/m3-biaya-produksi is missing: the BYA-01 evidence cannot be checked"
        )
    load_framework()  # raises, naming every unmapped or unknown grade id


def test_kit_uji_items_match_the_criterion_each_item_was_written_for():
    """kompetensi.yml's uji lists and the item bank's criterion per item say the same thing."""
    from alaskaki_kunci.asesmen import butir_kriteria

    fw = load_framework()
    in_yml = {gid: c.kode for c in fw.criteria for gid in c.uji if gid.startswith("post_")}
    in_bank = {gid: k for gid, k in butir_kriteria().items() if gid.startswith("post_")}
    assert in_yml == in_bank
    assert all(u.uji_lengkap for u in fw.units), "every criterion has uji evidence"


def test_competency_package_imports_neither_workshop_nor_report():
    """The engine's rules stay pure: alaskaki.competency never imports the layers above it."""
    import ast

    for path in (paths.KIT_ROOT / "src" / "alaskaki" / "competency").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith(("alaskaki.workshop", "alaskaki.report")), (
                    path.name,
                    name,
                )
