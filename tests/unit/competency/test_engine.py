"""Competency rules on hand-built nbgrader gradebooks (the real Gradebook API, no mocks)."""

from __future__ import annotations

import pytest
from competencykit import (
    M3,
    M3_CELLS,
    SAMPLE_FRAMEWORK_YML,
    sample_builder,
    sample_framework,
    sample_workshop,
)

from alaskaki.competency import (
    BELUM_ADA_BUKTI,
    BELUM_DINILAI,
    BELUM_KOMPETEN,
    KOMPETEN,
    CohortResult,
    assess,
    load_framework,
    merge_history,
    normalised_gain,
)
from alaskaki.folder import Folder


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("cohort")
    wdir = sample_workshop(tmp_path / "w1")
    return assess(wdir, framework=sample_framework(tmp_path, Folder(wdir).source()))


def _fw(tmp_path, source):
    return sample_framework(tmp_path, source)


def test_all_criteria_met_is_kompeten(cohort):
    u = cohort.participant("p01").units["BYA-01"]
    assert u.status == KOMPETEN
    assert u.belum_terpenuhi == []
    assert [c.status for c in u.kriteria] == ["terpenuhi"] * 3
    # the decision rests on uji evidence: post-test items and the rubric cell
    assert [[e.grade_id for e in c.uji] for c in u.kriteria] == [
        ["as_bya_1"],
        ["as_bya_2"],
        ["m3_studi_kasus"],
    ]
    # latihan rides along as readiness: every m3 autograded cell graded and right
    assert u.latihan_selesai == 1.0 and u.latihan_skor == 1.0


def test_unmet_criterion_is_named_even_when_another_is_ungraded(cohort):
    u = cohort.participant("p02").units["BYA-01"]
    assert u.status == BELUM_KOMPETEN
    assert u.belum_terpenuhi == ["BYA-01.1.2 Upah per pasang dihitung"]
    assert u.belum_dinilai == ["BYA-01.2.1 Studi kasus HPP diselesaikan"]
    assert u.latihan_skor == pytest.approx(2 / 4)  # upah 0 of 2 in the module as well


def test_pending_manual_grade_is_not_failure(cohort):
    u = cohort.participant("p03").units["BYA-01"]
    assert u.status == BELUM_DINILAI
    assert u.belum_terpenuhi == []
    studi = [c for c in u.kriteria if c.kode == "BYA-01.2.1"][0]
    assert studi.status == "belum dinilai"


def test_manual_score_overrides_failed_autograde(cohort):
    u = cohort.participant("p04").units["BYA-01"]
    assert u.status == KOMPETEN
    kulit = [c for c in u.kriteria if c.kode == "BYA-01.1.1"][0]
    assert kulit.skor == 2 and kulit.maks == 2
    assert any(e.manual for e in kulit.uji)
    # the m3 latihan cell the autograder failed stays failed: it is readiness, not the decision
    assert kulit.latihan_rasio == pytest.approx(1 / 2)


def test_late_penalty_is_applied_and_shown(cohort):
    p = cohort.participant("p05")
    u = p.units["BYA-01"]
    assert u.status == BELUM_KOMPETEN
    assert u.belum_terpenuhi == ["BYA-01.2.1 Studi kasus HPP diselesaikan"]
    studi = [c for c in u.kriteria if c.kode == "BYA-01.2.1"][0]
    assert studi.skor == pytest.approx(3 * 5 / 7)
    assert u.status != BELUM_DINILAI and len(u.belum_terpenuhi) == 1
    m3 = [m for m in p.modul if m.modul == M3][0]
    assert m3.terlambat and m3.detik_terlambat == pytest.approx(24 * 3600)
    assert m3.penalti == 2.0 and m3.skor == pytest.approx(5.0)
    assert p.late_count == 1


def test_no_submission_is_belum_dinilai_and_counts_in_completion(cohort):
    p = cohort.participant("p06")
    assert p.units["BYA-01"].status == BELUM_DINILAI
    assert p.completion == 0
    assert cohort.participant("p01").completion == pytest.approx(3 / 4)  # m0 not submitted
    m3 = [m for m in p.modul if m.modul == M3][0]
    assert m3.keadaan == "belum dikumpulkan" and p.units["BYA-01"].latihan_selesai == 0


def test_unit_without_uji_evidence_is_reported_as_such(cohort):
    u = cohort.participant("p01").units["EKS-02"]
    assert u.status == BELUM_DINILAI and u.keterangan == BELUM_ADA_BUKTI == "Belum ada bukti uji"
    assert [c.status for c in u.kriteria] == ["belum ada bukti uji"]
    assert [(x.ada_bukti, x.uji_lengkap) for x in cohort.units] == [
        (True, True),
        (True, False),
        (False, False),
    ]


def test_a_criterion_without_uji_keeps_the_unit_from_kompeten(cohort):
    """EKS-01: its one item is right, but EKS-01.1.2 has no uji evidence in the framework."""
    u = cohort.participant("p01").units["EKS-01"]
    assert [c.status for c in u.kriteria] == ["terpenuhi", "belum ada bukti uji"]
    assert u.status == BELUM_DINILAI and u.keterangan == ""
    assert u.tanpa_uji == ["EKS-01.1.2 Akses kepabeanan disiapkan"]
    # a failed uji item still makes it Belum Kompeten
    p2 = cohort.participant("p02").units["EKS-01"]
    assert p2.status == BELUM_KOMPETEN and p2.belum_terpenuhi == [
        "EKS-01.1.1 Alasan ekspor mandiri dijelaskan"
    ]


def _latihan_only(tmp_path, latihan, uji_post, studi):
    """One participant with the given m3 latihan scores, post-test scores and rubric score."""
    wb = sample_builder(tmp_path / "w")
    wb.participant("p01", nama="Siti Aminah")
    wb.submit("p01", M3, latihan, manual={"m3_studi_kasus": studi} if studi is not None else None)
    if uji_post is not None:
        wb.submit("p01", "asesmen-akhir", uji_post)
    wdir = wb.close()
    return assess(wdir, framework=_fw(tmp_path, Folder(wdir).source())).participant("p01")


def test_perfect_latihan_without_uji_is_not_kompeten(tmp_path):
    p = _latihan_only(tmp_path, {"m3_luas_kulit": 1, "m3_biaya_kulit": 1, "m3_upah": 2}, None, None)
    u = p.units["BYA-01"]
    assert u.status == BELUM_DINILAI and u.belum_terpenuhi == []
    assert u.latihan_selesai == 1.0 and u.latihan_skor == 1.0


def test_failed_latihan_does_not_stop_kompeten_on_uji(tmp_path):
    p = _latihan_only(
        tmp_path,
        {"m3_luas_kulit": 0, "m3_biaya_kulit": 0, "m3_upah": 0},
        {"as_bya_1": 2, "as_bya_2": 2, "as_eks_1": 2},
        4,
    )
    u = p.units["BYA-01"]
    assert u.status == KOMPETEN
    assert u.latihan_selesai == 1.0 and u.latihan_skor == 0.0


def test_pre_post_gain_per_unit(cohort):
    u = cohort.participant("p01").units["BYA-01"]
    assert (u.awal, u.akhir) == (pytest.approx(0.25), pytest.approx(0.75))
    assert u.gain == pytest.approx((0.75 - 0.25) / (1 - 0.25))
    # pre already at the maximum: gain undefined, not a division error
    e = cohort.participant("p01").units["EKS-01"]
    assert e.awal == 1.0 and e.gain is None
    # missing pre-test
    b = cohort.participant("p02").units["BYA-01"]
    assert b.awal is None and b.akhir == 0.5 and b.gain is None


def test_pre_and_post_forms_with_different_grade_ids(tmp_path):
    """The kit's parallel forms use pre_* and post_* ids: each form counts only its own items."""
    from competencykit import WorkshopBuilder

    yml = (
        SAMPLE_FRAMEWORK_YML.replace(
            "butir: {as_bya_1: BYA-01, as_bya_2: BYA-01, as_eks_1: EKS-01}",
            "butir: {pre_bya: BYA-01, post_bya: BYA-01}",
        )
        .replace("uji: [as_bya_1]", "uji: [post_bya]")
        .replace("uji: [as_bya_2]", "uji: []")
        .replace("uji: [as_eks_1]", "uji: []")
    )
    wb = WorkshopBuilder(tmp_path / "w", name="w")
    wb.module(M3, M3_CELLS, manual=["m3_studi_kasus"])
    wb.module("asesmen-awal", {"pre_bya": 4})
    wb.module("asesmen-akhir", {"post_bya": 4})
    wb.participant("p01", nama="Siti Aminah")
    wb.submit("p01", "asesmen-awal", {"pre_bya": 1})
    wb.submit("p01", "asesmen-akhir", {"post_bya": 3})
    wdir = wb.close()
    (tmp_path / "kompetensi.yml").write_text(yml, encoding="utf-8")
    fw = load_framework(tmp_path / "kompetensi.yml", source_dir=Folder(wdir).source())
    u = assess(wdir, framework=fw).participant("p01").units["BYA-01"]
    assert (u.awal, u.akhir) == (0.25, 0.75) and u.gain == pytest.approx(2 / 3)


def test_gain_edge_cases():
    assert normalised_gain(0.5, 0.75) == pytest.approx(0.5)
    assert normalised_gain(10, 15, 20) == pytest.approx(0.5)
    assert normalised_gain(1.0, 1.0) is None
    assert normalised_gain(None, 0.8) is None
    assert normalised_gain(0.6, 0.4) == pytest.approx(-0.5)


def test_roster_attributes_and_json_round_trip(cohort):
    p = cohort.participant("p02")
    assert (p.nama, p.ikm, p.kelurahan, p.jenis_kelamin, p.peran) == (
        "Budi Santoso",
        "CV Sepatu Contoh",
        "Miji",
        "L",
        "penjahit",
    )
    again = CohortResult.from_dict(cohort.to_dict())
    assert again.to_dict() == cohort.to_dict()


def test_merge_two_workshops_newest_wins_nothing_double_counted(tmp_path):
    w1 = sample_builder(tmp_path / "w1", name="w1", created="2026-01-10T08:00:00+00:00")
    w1.participant("p01", nama="Siti Aminah", ikm="CV Lama", kelurahan="Miji")
    w1.participant("p02", nama="Budi Santoso")
    w1.submit(
        "p01",
        M3,
        {"m3_luas_kulit": 0, "m3_biaya_kulit": 0, "m3_upah": 2},
        manual={"m3_studi_kasus": 4},
        timestamp="2026-01-12 10:00:00",
    )
    w1.submit(
        "p02",
        M3,
        {"m3_luas_kulit": 1, "m3_biaya_kulit": 1, "m3_upah": 2},
        manual={"m3_studi_kasus": 4},
        timestamp="2026-01-12 10:00:00",
    )
    w1.submit("p01", "asesmen-awal", {"as_bya_1": 0, "as_bya_2": 0, "as_eks_1": 0})
    w1.submit(
        "p01",
        "asesmen-akhir",
        {"as_bya_1": 0, "as_bya_2": 2, "as_eks_1": 0},
        timestamp="2026-01-13 10:00:00",
    )
    w1.submit("p02", "asesmen-akhir", {"as_bya_1": 2, "as_bya_2": 2, "as_eks_1": 2})
    d1 = w1.close()
    w2 = sample_builder(tmp_path / "w2", name="w2", created="2026-03-01T08:00:00+00:00")
    w2.participant("p01", nama="Siti Aminah", ikm="CV Baru", kelurahan="Miji")
    w2.participant("p03", nama="Dewi Lestari")
    w2.submit(
        "p01",
        M3,
        {"m3_luas_kulit": 1, "m3_biaya_kulit": 1, "m3_upah": 2},
        timestamp="2026-03-03 10:00:00",
    )
    w2.submit("p01", "asesmen-awal", {"as_bya_1": 2, "as_bya_2": 2, "as_eks_1": 2})
    w2.submit(
        "p01",
        "asesmen-akhir",
        {"as_bya_1": 2, "as_bya_2": 1, "as_eks_1": 2},
        timestamp="2026-03-04 10:00:00",
    )
    d2 = w2.close()
    fw = _fw(tmp_path, Folder(d1).source())

    merged = merge_history([d2, d1], framework=fw)  # order given does not matter: by date
    assert [p.id for p in merged.participants] == ["p01", "p02", "p03"]
    p1 = merged.participant("p01")
    assert p1.lokakarya == ["w1", "w2"]
    assert p1.ikm == "CV Baru"  # newest roster wins
    u = p1.units["BYA-01"]
    # leather criterion: newest (w2) graded post-test item wins; studi kasus: only w1 graded
    # it, and w2's ungraded copy does not erase it
    assert u.status == KOMPETEN
    kulit = [c for c in u.kriteria if c.kode == "BYA-01.1.1"][0]
    assert (kulit.skor, kulit.maks) == (2, 2)  # counted once, not 2 + 0 over 4
    assert {e.lokakarya for e in kulit.uji} == {"w2"}
    assert {e.lokakarya for e in kulit.latihan} == {"w2"}
    studi = [c for c in u.kriteria if c.kode == "BYA-01.2.1"][0]
    assert [e.lokakarya for e in studi.uji] == ["w1"]
    # baseline = earliest pre-test (w1: 0), post from w2
    assert u.awal == 0.0 and u.akhir == 0.75 and u.gain == pytest.approx(0.75)
    # modules counted once for completion: 4 distinct modules, 3 submitted (m3, awal, akhir)
    assert len(p1.modul) == 4 and p1.completion == pytest.approx(3 / 4)
    assert merged.participant("p02").units["BYA-01"].status == KOMPETEN
    assert merged.participant("p03").units["BYA-01"].status == BELUM_DINILAI


def test_a_hand_edited_roster_never_credits_one_persons_results_to_another(tmp_path):
    """peserta.csv edited by hand (not through `roster import`, whose id-reuse check it skips):
    p01's name changed from Siti Aminah (whose graded work is in the folder) to Dwi Lestari. The
    report would show Dwi Kompeten on Siti's work; it stops naming the id, both names and both
    fixes. A change of case or spacing is the same person; a spelling fix through
    `roster import --perbaiki-nama` records the new name and the report goes on."""
    from alaskaki.errors import AlaskakiError
    from alaskaki.workshop.roster import import_roster

    wdir = sample_workshop(tmp_path / "w1")
    fw = sample_framework(tmp_path, Folder(wdir).source())
    roster = Folder(wdir).roster_file
    text = roster.read_text(encoding="utf-8")
    roster.write_text(text.replace("Siti Aminah", "  siti  AMINAH "), encoding="utf-8")
    assert assess(wdir, framework=fw).participant("p01").nama.split() == ["siti", "AMINAH"]
    roster.write_text(text.replace("Siti Aminah", "Dwi Lestari"), encoding="utf-8")
    with pytest.raises(AlaskakiError) as err:
        assess(wdir, framework=fw)
    said = str(err.value)
    assert "id p01:" in said and "'Dwi Lestari'" in said and "'Siti Aminah'" in said, said
    assert "id baru" in said and f"--perbaiki-nama p01 -w {wdir}" in said, said
    assert "p02" not in said.split("Perbaiki dulu:")[1]  # only the id that changed
    # `roster import` of that same file is no way around it: the recorded name is compared
    with pytest.raises(AlaskakiError, match="--perbaiki-nama p01"):
        import_roster(Folder.open(wdir), roster)
    import_roster(Folder.open(wdir), roster, fix_names=["p01"])  # the trainer's word
    assert assess(wdir, framework=fw).participant("p01").nama == "Dwi Lestari"
