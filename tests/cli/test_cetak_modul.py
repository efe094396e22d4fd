"""``alaskaki cetak MODUL``: a module printed as participants receive it, for trainers and paper."""

from __future__ import annotations

import html
import re

import nbformat
import pytest

from alaskaki import cli, paths
from alaskaki.exercises import m3
from alaskaki.workshop.course import kit_modules


def test_printed_module_has_questions_and_answer_boxes_but_no_solution(tmp_path):
    out = tmp_path / "m3.html"
    assert cli.main(["cetak", "m3-biaya-produksi", "--out", str(out)]) == 0
    page = html.unescape(out.read_text(encoding="utf-8"))
    nb = nbformat.read(
        paths.SOURCE_DIR / "m3-biaya-produksi" / "m3-biaya-produksi.ipynb", as_version=4
    )
    answers = [
        c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id", "").endswith("_jawab")
    ]
    assert page.count('class="kotak"') >= len(answers) >= 5
    assert "Latihan 1" in page and "luas_kulit_ft2 = None" in page
    assert "BEGIN SOLUTION" not in page and "HIDDEN TESTS" not in page and "uji_" not in page
    assert (
        "9.290304" not in page.split("Latihan 1")[1].split("Latihan 2")[0]
    )  # the solution line is gone


def test_printed_module_for_one_participant_carries_their_numbers(tmp_path):
    out = tmp_path / "m3-p07.html"
    assert cli.main(["cetak", "m3-biaya-produksi", "--peserta", "p07", "--out", str(out)]) == 0
    page = html.unescape(out.read_text(encoding="utf-8"))
    s = m3.soal("p07")
    assert "Angka soal Anda" in page and "p07" in page
    assert s.ikm in page and s.kelurahan in page


def test_glossary_prints(tmp_path):
    out = tmp_path / "istilah.html"
    assert cli.main(["cetak", "istilah", "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "Daftar Istilah" in page and "<table>" in page and "Nomor Induk Berusaha" in page


def test_key_only_for_the_two_forms(tmp_path, capsys):
    assert (
        cli.main(["cetak", "m3-biaya-produksi", "--kunci", "--out", str(tmp_path / "x.html")]) != 0
    )
    assert "asesmen awal dan akhir" in capsys.readouterr().err


@pytest.mark.parametrize("modul", [m for m in kit_modules() if not m.startswith("asesmen")])
def test_every_module_prints_for_paper_without_any_answer(modul, tmp_path):
    """Issue 15 req. 5: each module prints for a participant who works on paper: every answer line and every
    frame of a written answer is on the page; no solution, model answer or hidden test is."""
    out = tmp_path / f"{modul}.html"
    assert cli.main(["cetak", modul, "--peserta", "p05", "--out", str(out)]) == 0
    page = html.unescape(out.read_text(encoding="utf-8"))
    for leak in ("BEGIN SOLUTION", "HIDDEN TESTS", "latihan.uji_", "Contoh jawaban", "harapan("):
        assert leak not in page, f"{modul}: {leak!r} printed"
    nb = nbformat.read(paths.SOURCE_DIR / modul / f"{modul}.ipynb", as_version=4)
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if not meta.get("solution") or meta.get("grade_id", "").endswith("_id_peserta"):
            continue
        released = cell.source.split("### BEGIN SOLUTION")[0]
        if cell.cell_type == "code":  # every answer line to fill in
            for name in re.findall(r"(?m)^(\w+ = None)", released):
                assert name in page, f"{modul}: {name!r} missing"
        else:  # the frame of a written answer (S, W, O, T …; Profil, Produk …)
            for label in re.findall(r"\*\*([^*]+)\*\*", released):
                assert f"<strong>{label}</strong>" in page, f"{modul}: frame {label!r} missing"
