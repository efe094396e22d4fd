"""The AQL planner widget (widgets/aql.py), driven in-process (no kernel)."""

from __future__ import annotations

from widgetkit import png

from alaskaki.domain import quality
from alaskaki.widgets.aql import perencana_aql

# ------------------------------------------------------------------------- AQL planner


def test_aql_planner_shows_the_plan_for_the_chosen_lot():
    box = perencana_aql()
    k = box.kontrol
    k["ukuran_lot"].value = 2000
    k["tingkat"].value = "II"
    k["aql"].value = 4.0
    assert "Kode huruf: K" in box.hasil.value
    assert "Ukuran sampel: 125 pasang" in box.hasil.value
    assert "≤ <b>10</b>" in box.hasil.value and "≥ <b>11</b>" in box.hasil.value
    assert box.rencana == quality.sampling_plan(2000, 4.0, "II")


def test_aql_planner_explains_an_arrow():
    box = perencana_aql(ukuran_lot=60, aql=2.5)
    assert "Kode huruf: F" in box.hasil.value and "Ukuran sampel: 20 pasang" in box.hasil.value
    assert "kode <b>E</b>" in box.hasil.value and "↓" in box.hasil.value


def test_aql_planner_full_inspection_message():
    box = perencana_aql()
    box.kontrol["aql"].value = 0.65
    box.kontrol["ukuran_lot"].value = 10
    assert "periksa semua 10 pasang" in box.hasil.value


def test_aql_planner_level_changes_the_plan():
    box = perencana_aql(ukuran_lot=1000, aql=2.5)
    assert "Kode huruf: J" in box.hasil.value
    box.kontrol["tingkat"].value = "S-2"  # C -> 2.5 is 0/1 at C, n = 5
    assert "Kode huruf: C" in box.hasil.value and "Ukuran sampel: 5 pasang" in box.hasil.value


def test_aql_chart_redraws_when_plan_or_defect_rate_changes():
    box = perencana_aql(ukuran_lot=1000, aql=2.5)
    first = png(box.grafik)
    box.kontrol["persen_cacat"].value = 10.0
    second = png(box.grafik)
    assert second != first
    box.kontrol["ukuran_lot"].value = 50_000
    assert png(box.grafik) != second


def test_aql_decision_follows_ac_and_re():
    box = perencana_aql(ukuran_lot=1000, aql=2.5)  # J: 5/6
    box.kontrol["cacat_ditemukan"].value = 5
    assert "DITERIMA" in box.keputusan.value
    box.kontrol["cacat_ditemukan"].value = 6
    assert "DITOLAK" in box.keputusan.value
    box.kontrol["cacat_ditemukan"].value = 500  # more than the sample
    assert "lebih banyak" in box.keputusan.value


def test_aql_simulator_draws_a_sample():
    box = perencana_aql(ukuran_lot=1000, aql=2.5, seed=3)
    box.kontrol["persen_cacat"].value = 0.0
    box.kontrol["ambil_sampel"].click()
    assert "Dari 80 pasang" in box.simulasi.value and "<b>0</b> cacat" in box.simulasi.value
    assert "diterima" in box.simulasi.value
    box.kontrol["persen_cacat"].value = 30.0
    box.kontrol["ambil_sampel"].click()
    assert "ditolak" in box.simulasi.value
