"""Formative feedback (issue 19 req. 3): hints instead of counts, a worked case after repeated misses,
and self-check attempts recorded in the notebook where the grader can read them."""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import re

import nbformat
import pytest

from alaskaki import paths
from alaskaki.exercises import attempts, base
from alaskaki.workshop.course import kit_modules

MODULES = [m for m in kit_modules() if re.match(r"m\d-", m)]


def _ex(modul):
    return importlib.import_module(f"alaskaki.exercises.{modul.split('-')[0]}")


@pytest.mark.parametrize("modul", MODULES)
def test_every_self_check_knows_its_grade_id_and_has_a_worked_case(modul):
    ex = _ex(modul)
    nb = nbformat.read(paths.SOURCE_DIR / modul / f"{modul}.ipynb", as_version=4)
    gids = {c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells}
    ceks = [getattr(ex, n) for n in dir(ex) if n.startswith("cek_")]
    assert ceks
    for cek in ceks:
        assert cek.grade_id in gids, cek.grade_id
        assert cek.contoh and len(cek.contoh) > 40, cek.grade_id


def test_list_feedback_gives_a_hint_not_a_count():
    h = base.periksa_himpunan(["A", "X"], {"A", "B", "C"}, petunjuk="pikirkan aturannya.")
    assert not h.benar and not re.search(r"\d", h.pesan) and "Petunjuk" in h.pesan
    u = base.periksa_urutan(["B", "A", "C"], ["A", "B", "C"])
    assert not u.benar and not re.search(r"\d", u.pesan)


@pytest.mark.parametrize("modul", MODULES)
def test_no_self_check_counts_wrong_items(modul):
    """'n belum benar', '1 belum ditemukan, 2 tidak termasuk' turn a self-check into an oracle."""
    src = (
        paths.KIT_ROOT / "src" / "alaskaki" / "exercises" / f"{modul.split('-')[0]}.py"
    ).read_text()
    assert not re.search(r'f"Belum tepat: \{', src)
    assert "belum ditemukan" not in src and "belum benar." not in src


def test_worked_case_after_the_third_miss_and_warm_success(monkeypatch):
    from alaskaki.exercises import m3

    monkeypatch.setattr(base, "_RIWAYAT", {})
    with contextlib.redirect_stdout(io.StringIO()):
        m3.mulai("p-coba")
    outs = []
    for wrong in (1.0, 2.0, 3.0):
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            m3.cek_overhead(wrong)
        outs.append(buf.getvalue())
    assert (
        "Tidak apa-apa" in outs[0] and "kasus lain" not in outs[0] and "kasus lain" not in outs[1]
    )
    assert "kasus lain (bukan soal Anda)" in outs[2] and m3.CONTOH_KERJA["overhead"] in outs[2]
    right = m3.harapan("p-coba")["overhead_per_pasang"]
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        m3.cek_overhead(right)
    assert "✅" in buf.getvalue() and "percobaan ke-4" in buf.getvalue()
    # an empty answer is not a try
    with contextlib.redirect_stdout(io.StringIO()):
        m3.cek_hpp(None)
    assert "m3_hpp" not in base._RIWAYAT
    assert base._RIWAYAT["m3_overhead"] == [False, False, False, True]


def _nb_with(outputs: list[dict]) -> dict:
    return {
        "cells": [
            {"cell_type": "markdown", "source": "x", "metadata": {}},
            {"cell_type": "code", "source": "latihan.cek_x(x)", "metadata": {}, "outputs": outputs},
        ]
    }


def test_read_attempts_from_a_saved_notebook():
    out = [
        {
            "output_type": "display_data",
            "data": {"text/plain": "✅ Benar."},
            "metadata": attempts.metadata("m3_hpp", [False, False, True]),
        }
    ]
    first = [
        {
            "output_type": "display_data",
            "data": {"text/plain": "✅"},
            "metadata": attempts.metadata("m3_upah", [True]),
        }
    ]
    nb = _nb_with(out)
    nb["cells"].append(_nb_with(first)["cells"][1])
    nb["cells"].append(
        _nb_with([{"output_type": "stream", "name": "stdout", "text": "hi"}])["cells"][1]
    )
    nb["cells"].append(
        _nb_with([{"output_type": "display_data", "metadata": {"alaskaki": "rusak"}}])["cells"][1]
    )
    got = attempts.read_attempts(nbformat.from_dict(json.loads(json.dumps(nb))))
    assert got == {
        "m3_hpp": {"percobaan": 3, "benar": True, "benar_pada": 3, "pertama_benar": False},
        "m3_upah": {"percobaan": 1, "benar": True, "benar_pada": 1, "pertama_benar": True},
    }
    assert attempts.read_attempts({"cells": []}) == {}


def test_attempts_survive_a_real_kernel_run_and_save(tmp_path):
    """Run a module's self-check in a real kernel, save the notebook, read the attempts back."""
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            'from alaskaki.exercises import m3 as latihan\nsoal = latihan.mulai("p01")'
        ),
        nbformat.v4.new_code_cell("latihan.cek_overhead(1.0)\nlatihan.cek_overhead(2.0)"),
        nbformat.v4.new_code_cell("latihan.cek_hpp(None)"),
    ]
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    path = tmp_path / "kumpul.ipynb"
    nbformat.write(nb, path)
    got = attempts.read_attempts(nbformat.read(path, as_version=4))
    assert got == {
        "m3_overhead": {"percobaan": 2, "benar": False, "benar_pada": None, "pertama_benar": False}
    }
    shown = "".join(o.get("data", {}).get("text/plain", "") for o in nb.cells[1].outputs)
    assert "Tidak apa-apa" in shown


def test_a_number_typed_as_on_paper_gets_told_how_python_writes_it():
    """10,59 is the tuple (10, 59) and "Rp1.500.000" is text: say so, not "not a number" (reader, m7a)."""
    from alaskaki.exercises.base import periksa_angka

    comma = periksa_angka((10, 59), 10.59)
    assert not comma.benar and "10.59" in comma.pesan and "koma" in comma.pesan
    text = periksa_angka("Rp1.500.000", 1_500_000)
    assert not text.benar and "tanda petik" in text.pesan and "1500000" in text.pesan
    assert periksa_angka(10.59, 10.59).benar
