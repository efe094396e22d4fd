"""Module m3 (production cost): answers a participant can give with a calculator, worked examples
before each kind of exercise, hints that teach the idea (never an expected value)."""

from __future__ import annotations

import contextlib
import io
import re

import nbformat
import pytest

from alaskaki import paths
from alaskaki.exercises import m3

SOURCE = paths.SOURCE_DIR / m3.MODUL / f"{m3.MODUL}.ipynb"


def _nb():
    return nbformat.read(SOURCE, as_version=4)


def test_import_share_by_hand_from_the_printed_table_is_right():
    """A participant with a calculator: sum the imported rows, divide by all materials, × 100."""
    for pid in ("p01", "p02", "p17"):
        s, h = m3.soal(pid), m3.harapan(pid)
        by_hand = sum(
            round(b["jumlah"] * (1 + b["susut"]) * b["harga_satuan"]) for b in s.bahan if b["impor"]
        )
        m3.uji_porsi_impor(pid, round(by_hand / h["biaya_bahan"] * 100, 1))


def test_every_exercise_has_a_worked_example_before_it_and_no_pandas_selection_is_asked():
    cells = _nb().cells
    text = [c.source for c in cells]
    first = {
        needle: next(i for i, t in enumerate(text) if needle in t)
        for needle in (
            "### Contoh: daftar bahan",
            "### Contoh: porsi bahan impor",
            "### Contoh: upah per menit",
            "### Contoh: overhead per pasang",
            "### Contoh: HPP per pasang",
            "### Latihan 3",
            "### Latihan 4",
            "### Latihan 5",
            "### Latihan 6",
            "### Latihan 7",
        )
    }
    for kind, exercise in [
        ("daftar bahan", "3"),
        ("porsi bahan impor", "4"),
        ("upah per menit", "5"),
        ("overhead per pasang", "6"),
        ("HPP per pasang", "7"),
    ]:
        assert first[f"### Contoh: {kind}"] < first[f"### Latihan {exercise}"], kind
    markdown = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    assert ".loc" not in markdown and "soal." not in markdown


def test_the_chart_beside_the_largest_part_claim_shows_that_part():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    cells = _nb().cells
    i = next(i for i, c in enumerate(cells) if "bagian terbesar adalah" in c.source)
    assert (
        "latihan.gambar_hpp_contoh()" in cells[i + 1].source
    )  # one line, not a page of plotting code
    plt.close("all")
    with contextlib.redirect_stdout(io.StringIO()):
        m3.gambar_hpp_contoh()
    bars = [t.get_text() for t in plt.gcf().axes[0].get_yticklabels()]
    assert bars[0] == "Kulit atasan" and "Bahan lain" in bars
    plt.close("all")


def test_worked_example_figures_in_the_text_are_the_domains_on_the_example_table():
    """The notebook's text states the worked example's figures (Rp182.610, ...); the chart and the
    tests compute them from the one example table, m3.CONTOH_BAHAN. A number changed in either
    place alone fails here."""
    hpp = m3.hpp_contoh()
    cells = _nb().cells
    markdown = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    bom = next(c.source for c in cells if c.source.startswith("### Contoh: daftar bahan"))

    def rp(x: float) -> str:
        return f"{x:,.0f}".replace(",", ".")

    kulit, *lain = m3.CONTOH_BAHAN
    for line in lain:  # each row of the printed table ends with its cost
        assert f"= {rp(line.cost())} |" in bom or f"| {rp(line.cost())} |" in bom, line.name
    assert f"**{rp(sum(line.cost() for line in lain))}**" in bom  # jumlah bahan lain
    for shown in (
        rp(kulit.cost()),
        rp(hpp.materials),
        rp(hpp.imported_materials),
        rp(hpp.labour),
        rp(hpp.overhead),
        rp(hpp.total),
        f"{hpp.imported_share * 100:.1f}".replace(".", ","),
    ):
        assert shown in markdown, shown
    # and the domain's sums are the plain arithmetic of the table
    assert hpp.materials == pytest.approx(
        sum(x.quantity * (1 + x.loss) * x.unit_price for x in lain) + kulit.cost()
    )


def test_case_study_hints_the_idea_and_counts_a_blank_sheet_as_unanswered(capsys):
    pid = "p05"
    h = m3.harapan(pid)
    m3.uji_studi_kasus(pid, h["hpp_baru"], h["total_pesanan"])
    with pytest.raises(AssertionError, match="hanya biaya kulit atasan yang berubah") as err:
        m3.uji_studi_kasus(pid, h["hpp"], h["total_pesanan"])
    assert "hpp_baru" not in str(err.value)
    with pytest.raises(AssertionError, match="× jumlah pasang"):
        m3.uji_studi_kasus(pid, h["hpp_baru"], h["hpp_baru"])
    m3.mulai(pid)
    capsys.readouterr()
    m3.cek_studi_kasus(None, None)
    assert "belum Anda jawab" in capsys.readouterr().out


def test_hints_point_at_the_worked_example_and_never_at_a_number():
    pid = "p09"
    h = m3.harapan(pid)
    checks = {
        "luas_kulit_ft2": m3.uji_luas_kulit,
        "biaya_kulit": m3.uji_biaya_kulit,
        "biaya_bahan": m3.uji_biaya_bahan,
        "porsi_impor": m3.uji_porsi_impor,
        "upah_per_pasang": m3.uji_upah,
        "overhead_per_pasang": m3.uji_overhead,
        "hpp": m3.uji_hpp,
    }
    for key, uji in checks.items():
        with pytest.raises(AssertionError) as err:
            uji(pid, h[key] * 1.3 + 7)
        msg = str(err.value)
        assert "contoh" in msg or "Latihan" in msg, key
        if h[key] >= 100:  # small numbers (1, 2) appear in any sentence
            assert not re.search(rf"\b{int(h[key])}\b", msg.replace(".", "")), key
