"""Export figures from datasets/ekspor_alas_kaki.csv and the growth and share arithmetic the kit
teaches on them: values come from the dataset (read here with the csv module), conflicting rows never
enter a series, and a broken dataset is refused naming its row."""

from __future__ import annotations

import csv

import pytest

from alaskaki.domain import export_stats as es
from alaskaki.paths import dataset


def rows():
    with dataset(es.DATASET).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_every_row_of_the_dataset_is_read_with_its_source():
    figures = es.figures()
    assert len(figures) == len(rows())
    for f, row in zip(figures, rows(), strict=True):
        assert (f.series, f.year, f.destination) == (row["seri"], int(row["tahun"]), row["tujuan"])
        assert f.value_musd == float(row["nilai_juta_usd"])
        assert f.source.strip(), f  # every figure says where it comes from


def test_a_conflicting_row_never_enters_a_series():
    conflicting = [f for f in es.figures() if f.tag == "C"]
    assert conflicting, "the dataset keeps a conflicting figure for teaching"
    for f in conflicting:  # (series, year, destination) is unique: the year is that row's
        assert f.year not in es.series(f.series, f.destination)
        with pytest.raises(ValueError):
            es.figure(f.year, f.series, f.destination)


def test_a_series_holds_the_dataset_s_world_figures_by_year():
    world = {
        int(r["tahun"]): float(r["nilai_juta_usd"])
        for r in rows()
        if r["seri"] == "tahunan" and r["tujuan"] == es.WORLD and r["tag"] != "C"
    }
    assert es.series() == world
    year = min(world)
    assert es.value(year) == world[year]
    assert es.figure(year).value_musd == world[year]


def test_growth_between_two_years_is_new_minus_old_over_old():
    years = sorted(es.series())
    a, b = years[0], years[-1]
    old, new = es.value(a), es.value(b)
    assert es.growth_between(a, b) == pytest.approx((new - old) / old * 100)
    assert es.growth_percent(200, 250) == pytest.approx(25)
    assert es.growth_percent(200, 150) == pytest.approx(-25)


def test_average_growth_compounds_to_the_last_value():
    assert es.average_growth_percent(100, 121, 2) == pytest.approx(10)
    years = sorted(es.series())
    a, b = years[0], years[-1]
    rate = es.average_growth_between(a, b) / 100
    assert es.value(a) * (1 + rate) ** (b - a) == pytest.approx(es.value(b))


def test_the_shares_of_a_destination_series_add_up_to_the_whole_of_its_named_parts():
    multi = [
        n for n in es.series_names() if len([d for d in es.destinations(n) if d != es.WORLD]) >= 2
    ]
    assert multi, "the dataset has destination series"
    for name in multi:
        parts = [d for d in es.destinations(name) if d != es.WORLD]
        assert sum(es.share_in(name, d, whole=None) for d in parts) == pytest.approx(100)
    assert es.share_percent(1, 4) == pytest.approx(25)


@pytest.mark.parametrize(
    "call",
    [
        lambda: es.growth_percent(0, 5),
        lambda: es.average_growth_percent(10, 20, 0),
        lambda: es.average_growth_percent(-1, 20, 2),
        lambda: es.share_percent(1, 0),
        lambda: es.series("tidak_ada"),
        lambda: es.value(1900),
        lambda: es.share_in(es.series_names()[0], "Atlantis"),
    ],
)
def test_impossible_questions_are_refused_in_indonesian(call):
    with pytest.raises(ValueError) as exc:
        call()
    assert any(w in str(exc.value) for w in ("harus", "tidak ada", "Tidak ada", "tidak memuat"))


def _broken(tmp_path, monkeypatch, extra_row):
    text = dataset(es.DATASET).read_text(encoding="utf-8")
    path = tmp_path / es.DATASET
    path.write_text(text.rstrip("\n") + "\n" + extra_row + "\n", encoding="utf-8")
    monkeypatch.setattr(es, "dataset", lambda name: path)
    es.figures.cache_clear()
    return len(text.rstrip("\n").splitlines()) + 1  # the line number of the added row


@pytest.fixture(autouse=True)
def _fresh_cache():
    yield
    es.figures.cache_clear()


def test_a_row_with_an_unknown_tag_is_refused_naming_its_line(tmp_path, monkeypatch):
    line = _broken(tmp_path, monkeypatch, "tahunan,2030,2030,Dunia,1,X,contoh,")
    with pytest.raises(ValueError, match=f"baris {line}: tag"):
        es.figures()


def test_a_figure_given_twice_is_refused_naming_its_line(tmp_path, monkeypatch):
    first = es.figures()[0]
    line = _broken(
        tmp_path,
        monkeypatch,
        f"{first.series},{first.period},{first.year},{first.destination},1,S,contoh,",
    )
    with pytest.raises(ValueError, match=f"baris {line}: .*dua kali"):
        es.figures()
