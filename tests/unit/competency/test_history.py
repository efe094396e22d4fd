"""Several workshops of one cohort merged into one record per participant (competency/history.py),
on hand-made nbgrader gradebooks: the rules of the module docstring that test_engine's merge test
does not reach."""

from __future__ import annotations

import pytest
from competencykit import M3, sample_builder, sample_framework

from alaskaki.competency import merge_history
from alaskaki.errors import EXIT_NOT_FOUND, AlaskakiError
from alaskaki.folder import Folder

FULL_M3 = {"m3_luas_kulit": 1, "m3_biaya_kulit": 1, "m3_upah": 2}


def test_no_workshop_to_merge_is_refused_in_indonesian():
    with pytest.raises(AlaskakiError) as exc:
        merge_history([])
    assert exc.value.exit_code == EXIT_NOT_FOUND and "folder lokakarya" in str(exc.value)


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hist")
    w1 = sample_builder(tmp / "w1", name="w1", created="2026-01-10T08:00:00+00:00")
    w1.participant("p01", nama="Siti Aminah", ikm="CV Lama", kelurahan="Miji", peran="admin")
    w1.submit("p01", M3, FULL_M3, timestamp="2026-01-12 16:00:00")
    w1.submit("p01", "m0-orientasi", {"m0_coba": 1}, timestamp="2026-01-11 10:00:00")
    d1 = w1.close()
    # the retake batch: p01 again, with a new firm but the kelurahan and role left blank
    w2 = sample_builder(tmp / "w2", name="w2", created="2026-03-01T08:00:00+00:00")
    w2.participant("p01", nama="Siti Aminah", ikm="CV Baru")
    w2.submit(
        "p01",
        M3,
        {"m3_luas_kulit": 0, "m3_biaya_kulit": 1, "m3_upah": 2},
        timestamp="2026-01-12 15:00:00",  # an older timestamp than w1's (a clock set wrong)
    )
    d2 = w2.close()
    fw = sample_framework(tmp, Folder(d1).source())
    return merge_history([d1, d2], framework=fw)


def test_a_later_workshop_s_blank_roster_field_does_not_erase_an_earlier_one(merged):
    p = merged.participant("p01")
    assert p.ikm == "CV Baru"  # a later non-empty value wins
    assert (p.kelurahan, p.peran) == ("Miji", "admin")  # blanks keep what was known


def test_a_module_done_only_in_the_earlier_workshop_still_counts_as_submitted(merged):
    p = merged.participant("p01")
    done = {m.modul: m for m in p.modul}
    assert done["m0-orientasi"].dikumpulkan and done["m0-orientasi"].lokakarya == "w1"
    assert len(p.modul) == len({m.modul for m in p.modul})  # each module counted once


def test_equally_graded_evidence_is_decided_by_submission_time_not_by_workshop(merged):
    # w2's m3 says it was submitted before w1's: w1's graded answer is the newest evidence
    p = merged.participant("p01")
    leather = [
        e
        for u in p.units.values()
        for c in u.kriteria
        for e in c.latihan
        if e.grade_id == "m3_luas_kulit"
    ]
    assert leather and {e.lokakarya for e in leather} == {"w1"}
    assert [e.skor for e in leather] == [1]
