"""The reviewer and office printed on every report: read from grading/peninjau.yml (or the file the
trainer names), never hard-coded, and a missing or broken file refused with its name."""

from __future__ import annotations

import secrets

import pytest
import yaml

from alaskaki.errors import EXIT_INPUT, EXIT_NOT_FOUND, AlaskakiError
from alaskaki.report.reviewer import DEFAULT_PATH, ENV, Reviewer, load_reviewer


def test_the_kit_default_is_what_peninjau_yml_says(monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    data = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    rev = load_reviewer()
    assert rev.kantor == data["kantor"]["nama"] and rev.singkatan == data["kantor"]["singkatan"]
    assert rev.header_lines[0] == rev.office_line and rev.kantor in rev.office_line


def test_the_environment_points_to_another_file_and_an_explicit_one_wins(tmp_path, monkeypatch):
    env_file, own = tmp_path / "env.yml", tmp_path / "own.yml"
    env_file.write_text("kantor: {nama: Kantor Env}\n", encoding="utf-8")
    own.write_text("kantor: Kantor Sendiri\npeninjau: Bu Sari\n", encoding="utf-8")
    monkeypatch.setenv(ENV, str(env_file))
    assert load_reviewer().kantor == "Kantor Env"
    rev = load_reviewer(own)
    assert (rev.kantor, rev.nama) == ("Kantor Sendiri", "Bu Sari")


def test_header_lines_name_the_office_once_and_the_person_when_given():
    rev = Reviewer(kantor="Dinas X", singkatan="DX", nama="Bu Sari", jabatan="Kepala Seksi")
    assert rev.header_lines == ["Dinas X (DX)", "Peninjau: Bu Sari, Kepala Seksi"]
    assert Reviewer(kantor="Dinas X (DX)", singkatan="DX").office_line == "Dinas X (DX)"
    assert Reviewer().header_lines == []  # nothing to print, no empty line


def test_a_missing_file_is_refused_naming_it(tmp_path):
    with pytest.raises(AlaskakiError) as exc:
        load_reviewer(tmp_path / "tidak-ada.yml")
    assert exc.value.exit_code == EXIT_NOT_FOUND and "tidak-ada.yml" in str(exc.value)


def test_a_file_that_is_no_yaml_is_refused_naming_it(tmp_path):
    bad = tmp_path / "peninjau.yml"
    bad.write_text("kantor: {nama: X\n", encoding="utf-8")
    with pytest.raises(AlaskakiError) as exc:
        load_reviewer(bad)
    assert exc.value.exit_code == EXIT_INPUT and str(bad) in str(exc.value)


@pytest.mark.parametrize("text", ["- a\n- b\n", "hanya teks\n", "kantor: [1, 2]\n"])
def test_a_yaml_of_the_wrong_shape_is_refused_in_indonesian(tmp_path, text):
    bad = tmp_path / "peninjau.yml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(AlaskakiError) as exc:
        load_reviewer(bad)
    assert exc.value.exit_code == EXIT_INPUT and str(bad) in str(exc.value)


def test_broken_yaml_is_one_indonesian_sentence_naming_the_line(tmp_path):
    bad = tmp_path / "peninjau.yml"
    bad.write_text("kantor:\n  nama: X\n peninjau: [\n", encoding="utf-8")
    with pytest.raises(AlaskakiError) as exc:
        load_reviewer(bad)
    said = str(exc.value)
    assert len(said.splitlines()) == 1 and "baris" in said and "bukan YAML yang sah" in said


def test_report_with_a_wrong_shaped_peninjau_file_is_refused_without_a_traceback(
    tmp_path, capsys, monkeypatch
):
    from competencykit import sample_workshop

    from alaskaki.cli import main

    bad = tmp_path / "peninjau.yml"
    bad.write_text("peninjau: 5\n", encoding="utf-8")
    monkeypatch.setenv(ENV, str(bad))
    wdir = sample_workshop(tmp_path / "w")
    code = main(["report", "-w", str(wdir), "--out", str(tmp_path / "lap"), "--format", "json"])
    err = capsys.readouterr().err
    assert code == EXIT_INPUT and str(bad) in err and "Traceback" not in err, err
    assert len(err.strip().splitlines()) == 1, err


@pytest.mark.parametrize(
    "key",
    [
        "mojokerto2026",
        "disperindag",
        "Dinas Perindustrian dan Perdagangan Kota Mojokerto",  # long, and on every report
        "0" * 32,
        "ab" * 20,
    ],
)
def test_a_guessable_anonim_kunci_is_refused_naming_the_file(tmp_path, key):
    path = tmp_path / "peninjau.yml"
    path.write_text(f'kantor:\n  nama: Dinas\nanonim_kunci: "{key}"\n', encoding="utf-8")
    with pytest.raises(AlaskakiError) as err:
        load_reviewer(path)
    assert str(path) in str(err.value) and "token_hex" in str(err.value)


def test_a_random_anonim_kunci_is_taken():
    key = secrets.token_hex(16)
    assert load_reviewer({"anonim_kunci": key}).anonim_kunci == key
