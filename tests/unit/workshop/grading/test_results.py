"""What `alaskaki grade` reports from a run: the failed participants, one sentence per cause with
who it concerns, the incidents by worker, and a JSON form without the debug trace."""

from __future__ import annotations

import json

from alaskaki.workshop.grading.results import GradeRun, ParticipantGrade


def run_of(*results):
    return GradeRun(modul="m3-biaya-produksi", results=list(results), sandboxed=True)


def test_failed_are_the_participants_whose_grading_failed():
    ok = ParticipantGrade("p01", score=3, max_score=4)
    same = ParticipantGrade("p02", status="tidak berubah")
    bad = ParticipantGrade("p03", status="gagal", error="Notebook rusak.")
    run = run_of(ok, same, bad)
    assert run.failed == [bad]
    assert run.by_participant()["p02"] is same


def test_one_sentence_per_cause_names_the_participants_it_concerns():
    broken = [
        ParticipantGrade(f"p{n:02d}", status="gagal", error="Notebook rusak.") for n in range(10)
    ]
    other = ParticipantGrade("p20", status="gagal")
    causes = run_of(*broken, other).causes()
    assert len(causes) == 2
    first = causes[0]
    assert first.startswith("Notebook rusak. (10 peserta: p00, p01")
    assert "p07" in first and "p08" not in first and first.endswith(" …)")  # at most 8 named
    assert causes[1] == "sebab tidak diketahui (1 peserta: p20)"
    assert run_of(ParticipantGrade("p01")).causes() == []


def test_incidents_name_the_worker_and_the_participant():
    run = run_of(
        ParticipantGrade("p01", incident="sandbox hangat berhenti", worker=2),
        ParticipantGrade("p02"),
    )
    assert run.incidents == ["pekerja 2: p01: sandbox hangat berhenti"]


def test_the_json_form_keeps_every_field_but_the_debug_trace():
    grade = ParticipantGrade("p01", score=1.5, max_score=2, flags=["Sel ke-3 ..."], notes=["n"])
    grade.trace = "Traceback ..."  # set by the grader for --debug only
    data = json.loads(json.dumps(run_of(grade).to_dict()))
    row = data["results"][0]
    assert row["participant"] == "p01" and row["score"] == 1.5 and row["flags"] == ["Sel ke-3 ..."]
    assert "trace" not in row
    assert data["modul"] == "m3-biaya-produksi" and data["sandboxed"] is True
