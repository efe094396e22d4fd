"""The judge's own parts that need no sandbox run: a test cell executed like a kernel would, the
flags and incidents the trainer reads, and the answers kept for the similarity check. (Whole runs:
tests/integration/test_attack_session9*.py and tests/redteam/.)"""

from __future__ import annotations

import nbformat

from alaskaki.text import number
from alaskaki.workshop import sandbox as sb
from alaskaki.workshop.grading import judge
from alaskaki.workshop.grading.sanitise import Work


def test_a_passing_test_cell_keeps_its_output_and_last_value():
    outs = judge.exec_test("print('cek')\n1 + 1", {})
    assert [o["output_type"] for o in outs] == ["stream", "execute_result"]
    assert outs[0]["text"] == "cek\n" and outs[1]["data"]["text/plain"] == "2"


def test_a_failing_test_cell_is_an_error_with_the_participant_facing_hint():
    outs = judge.exec_test("x = 3\nassert x == 4, 'Hitung ulang luas kulit.'", {})
    assert outs[-1]["output_type"] == "error"
    assert (
        outs[-1]["ename"] == "AssertionError" and outs[-1]["evalue"] == "Hitung ulang luas kulit."
    )


def test_a_test_cell_reads_the_namespace_it_is_given():
    assert judge.exec_test("assert jawaban == 5", {"jawaban": 5}) == []
    assert judge.exec_test("assert jawaban == 5", {"jawaban": 6})[-1]["ename"] == "AssertionError"


def test_what_is_not_the_participant_s_doing_is_an_incident_not_a_flag():
    assert "sinyal 9" in judge.incident(["timeout", "outside:9"])
    assert judge.incident(["timeout", "flood"]) is None
    work = Work(peserta="p01", key="p01")
    flags = judge.runtime_flags(work, sb.SandboxResult(events=["outside:9", "lost"]), 60)
    assert flags == []


def test_a_timeout_flag_gives_the_time_limit():
    work = Work(peserta="p01", key="p01")
    flags = judge.runtime_flags(work, sb.SandboxResult(events=["timeout", "timeout"]), 90)
    assert flags == ["Notebook berjalan melebihi batas waktu (90 detik) dan dihentikan."]


def test_a_huge_output_names_its_cell_and_size_in_indonesian_notation():
    work = Work(peserta="p01", key="p01", cell_index={7: 4})  # job cell 7 is the 5th cell
    size = sb.HUGE_OUTPUT + 1234
    flags = judge.runtime_flags(work, sb.SandboxResult(cells=[{"i": 7, "size": size}]), 60)
    assert flags == [
        f"Sel ke-5 menghasilkan keluaran sangat besar ({number(size, 0)} karakter); dipotong."
    ]
    assert "." in number(size, 0) and "," not in flags[0].split("(")[1]


def test_a_notebook_claiming_another_participant_s_id_is_flagged_naming_both():
    work = Work(peserta="p01", key="p01")
    other = sb.SandboxResult(points={"__akhir__": {"ID_PESERTA": " p02 "}})
    (flag,) = judge.runtime_flags(work, other, 60)
    assert "'p02'" in flag and "(p01)" in flag and "soal milik p01" in flag
    own = sb.SandboxResult(points={"__akhir__": {"ID_PESERTA": "p01"}})
    assert judge.runtime_flags(work, own, 60) == []


def test_a_call_into_the_answer_key_is_flagged_with_its_name():
    work = Work(peserta="p01", key="p01")
    result = sb.SandboxResult(checks=["kunci:harapan", "kunci:!oracle:cek_upah", "settrace"])
    flags = judge.runtime_flags(work, result, 60)
    assert "`harapan`" in flags[0] and "`cek_upah`" in flags[1] and "berkali-kali" in flags[1]
    assert flags[2] == judge.RUNNER_CHECKS["settrace"]


def test_readings_keep_the_short_plain_answers_of_the_module_s_own_tests():
    enc = sb.encode_value
    result = sb.SandboxResult(
        points={
            "m3_upah": {
                "upah": enc(12500),
                "huruf": enc("B"),
                "ya": enc(True),  # a bool is no reading: every yes looks alike
                "tabel": enc([1, 2]),
                "nan": enc(float("nan")),
                "panjang": enc("A " * 150),
            },
            "lain": {"x": enc(1)},  # not a test cell of the module: never scored (R70)
        }
    )
    got = judge.readings(result, {"m3_upah"})
    assert set(got) == {"m3_upah"}
    assert got["m3_upah"] == {"upah": 12500, "huruf": "B", "panjang": "A" * 150}


def test_a_long_text_reading_padded_with_spaces_reads_the_same():
    enc = sb.encode_value
    a = sb.SandboxResult(points={"g": {"t": enc("kata " * 100)}})
    b = sb.SandboxResult(points={"g": {"t": enc("kata  \n" * 100)}})
    ra, rb = judge.readings(a, {"g"}), judge.readings(b, {"g"})
    assert ra == rb and ra["g"]["t"].startswith("#sha256:")


def test_answer_cells_get_the_output_the_sandbox_saw():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    work = Work(peserta="p01", key="p01", nb=nb, cell_index={3: 0})
    result = sb.SandboxResult(
        cells=[{"i": 3, "out": "halo\n", "status": "error", "ename": "NameError", "evalue": "y"}]
    )
    judge.fill_answer_outputs(work, result)
    outs = nb.cells[0].outputs
    assert outs[0]["text"] == "halo\n" and outs[1]["ename"] == "NameError"
