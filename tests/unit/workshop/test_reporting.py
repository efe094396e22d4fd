"""`alaskaki report` from a workshop (workshop/reporting.py) on the sample cohort's real gradebook:
the trainer's run adds the files that name pairs of participants; an anonymous run writes only
anonymous files, never a rapor or a file naming participants."""

from __future__ import annotations

import json

import pytest
from competencykit import SAMPLE_PEOPLE, sample_workshop

from alaskaki.report import FORMATS
from alaskaki.workshop import Workshop
from alaskaki.workshop.reporting import make_reports


@pytest.fixture(scope="module")
def workshop(tmp_path_factory):
    return Workshop.open(sample_workshop(tmp_path_factory.mktemp("rep") / "w1"))


def test_the_trainer_s_report_has_every_format_and_the_cooperation_list(workshop, tmp_path):
    names = {p.name for p in make_reports(workshop, out_dir=tmp_path)}
    for fmt in FORMATS:
        assert any(n.startswith("laporan-") and n.endswith("." + fmt) for n in names), fmt
    assert "indikasi-kerja-sama.csv" in names
    header = (tmp_path / "indikasi-kerja-sama.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "modul,peserta_a,peserta_b,kemiripan,keterangan"


def test_an_anonymous_report_names_nobody_even_when_a_rapor_is_asked(workshop, tmp_path):
    written = make_reports(workshop, out_dir=tmp_path, anonim=True, anonim_k=2, rapor=True)
    assert written and all("-anonim" in p.stem for p in written)
    on_disk = {p.name for p in tmp_path.rglob("*") if p.is_file()}
    assert on_disk == {p.name for p in written}  # no pair list, no rapor, nothing else
    (report,) = [p for p in written if p.suffix == ".json"]
    text = report.read_text(encoding="utf-8")
    assert len(json.loads(text)["participants"]) == len(SAMPLE_PEOPLE)  # everyone, pseudonymous
    for pid, (nama, ikm, *_rest) in SAMPLE_PEOPLE.items():
        assert f'"{pid}"' not in text and nama not in text and ikm not in text, pid


def test_a_stale_list_of_pasted_model_answers_is_removed(workshop, tmp_path):
    stale = tmp_path / "sama-dengan-contoh-jawaban.csv"
    stale.write_text("modul,peserta\nm3,p01\n", encoding="utf-8")
    unverified = tmp_path / "identitas-tidak-diverifikasi.csv"
    unverified.write_text("modul,peserta\nasesmen-akhir,p01\n", encoding="utf-8")
    names = {p.name for p in make_reports(workshop, out_dir=tmp_path, formats=("json",))}
    # the sample cohort pasted nothing and collected nothing without a token
    assert not stale.exists() and not unverified.exists()
    assert stale.name not in names and unverified.name not in names
