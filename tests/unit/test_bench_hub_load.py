"""What can break silently in bench/hub_load.py without a hub: the figures' arithmetic, the
arguments, the pacing, the /proc parsing and the table. The real run stays out of `make test`."""

from __future__ import annotations

import argparse
import importlib.util
import sys

import pytest

from alaskaki import paths


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location(
        "hub_load", paths.KIT_ROOT / "bench" / "hub_load.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["hub_load"] = module  # its dataclasses look their module up there
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop("hub_load", None)


def test_percentiles_interpolate_between_ranks_as_numpy_does(bench):
    assert bench.percentile([3.0, 1.0, 2.0, 4.0], 50) == 2.5
    assert bench.percentile(list(range(1, 21)), 95) == pytest.approx(19.05)
    assert bench.percentile([7.0], 95) == 7.0
    assert bench.percentile([1.0, 2.0], 0) == 1.0 and bench.percentile([1.0, 2.0], 100) == 2.0
    assert bench.percentile([], 50) is None
    with pytest.raises(ValueError):
        bench.percentile([1.0], 101)


def test_a_summary_of_nothing_says_so(bench):
    assert bench.summary([]) == {"n": 0, "p50": None, "p95": None, "max": None, "mean": None}
    s = bench.summary([1.0, 2.0, 3.0, 10.0])
    assert s["n"] == 4 and s["max"] == 10.0 and s["mean"] == 4.0 and s["p50"] == 2.5


def test_defaults_are_one_class_of_thirty_starting_over_a_minute(bench):
    args = bench.parse_args([])
    assert args.langkah == [30] and args.sebar == 60.0 and args.modul == "m3-biaya-produksi"
    assert args.batas_run_all == 10.0 and args.batas_waktu > 0
    assert bench.parse_args(["--peserta", "7"]).langkah == [7]
    # steps override --peserta, come out ascending and without repeats
    assert bench.parse_args(["--peserta", "7", "--langkah", "20,5,10,5"]).langkah == [5, 10, 20]
    assert bench.parse_args(["--sebar", "0"]).sebar == 0.0  # everyone at once is allowed


@pytest.mark.parametrize(
    "argv",
    [
        ["--peserta", "0"],
        ["--langkah", "0,5"],
        ["--langkah", "lima"],
        ["--langkah", ","],
        ["--sebar", "-1"],
        ["--batas-waktu", "0"],
        ["--sampel", "0"],
        ["--pes", "5"],  # no abbreviations: a typo must not silently pick another flag
    ],
)
def test_bad_arguments_stop_before_any_account_is_made(bench, argv):
    with pytest.raises(SystemExit):
        bench.parse_args(argv)


def test_parse_steps_names_the_bad_list(bench):
    with pytest.raises(argparse.ArgumentTypeError, match="1..500"):
        bench.parse_steps("5,1000")


def test_participants_start_spread_over_the_given_seconds(bench):
    offsets = bench.start_offsets(30, 60.0)
    assert len(offsets) == 30 and offsets[0] == 0.0 and max(offsets) < 60.0
    assert offsets == sorted(offsets) and offsets[1] == pytest.approx(2.0)
    assert bench.start_offsets(5, 0.0) == [0.0] * 5
    assert bench.start_offsets(0, 60.0) == []


def _step(n, p95, errors=()):
    none = {"p50": None, "p95": None, "max": None, "mean": None, "n": 0}
    return {
        "n": n,
        "sel": {**none, "p50": 0.1, "p95": 0.4},
        "run_all": {**none, "p50": p95 / 2, "p95": p95},
        "server": {**none, "p95": 8.0},
        "memori_mb": {
            "per_peserta_rss": {**none, "max": 250.0},
            "total_rss_puncak": 250.0 * n,
            "total_pss_puncak": 150.0 * n,
        },
        "cpu_detik": {"peserta": 10.0 * n, "hub": 2.0},
        "wall_detik": 90.0,
        "load_awal": [1.0, 1.0, 1.0],
        "load_akhir": [3.5, 2.0, 1.0],
        "errors": list(errors),
    }


def test_the_first_n_over_the_limit_is_the_smallest_one_over(bench):
    steps = [_step(5, 3.0), _step(10, 6.0), _step(20, 12.0), _step(30, 25.0)]
    assert bench.first_over(steps, 10.0) == 20
    assert bench.first_over(steps, 30.0) is None
    assert bench.first_over([_step(5, 10.0)], 10.0) is None  # "passes" means above
    # a step whose Run All never finished (no figures) does not count as under or over
    empty = _step(40, 0.0)
    empty["run_all"]["p95"] = None
    assert bench.first_over([empty], 10.0) is None


def test_the_table_shows_each_step_and_the_verdict(bench):
    text = bench.format_table([_step(5, 3.0), _step(20, 12.0, [{"peserta": "p1"}])], 10.0)
    lines = text.splitlines()
    assert lines[0].split()[0] == "N" and len(lines) == 4
    assert lines[2].split()[0] == "20" and lines[2].split()[-1] == "1"  # one error named
    assert lines[-1] == "p95 Run All passes 10 s at N = 20"
    assert bench.format_table([_step(5, 3.0)], 10.0).endswith("stays under 10 s up to N = 5")


def test_proc_parsing(bench):
    status = "Name:\tpython\nVmPeak:\t  900 kB\nVmRSS:\t  123456 kB\nRssAnon:\t 1 kB\n"
    assert bench.rss_kb(status) == 123456
    assert bench.rss_kb("Name:\tzombie\nState:\tZ\n") == 0
    assert bench.pss_kb("Rss:  2000 kB\nPss:   1500 kB\nPss_Anon: 10 kB\n") == 1500
    # a command name with spaces and parentheses: fields are counted after the last ')'
    stat = "4242 (py (x) y) S 17 4242 4242 0 -1 4194560 1 0 0 0 250 75 0 0 20 0 3 0 99 1 2"
    assert bench.stat_fields(stat) == (17, 325)
