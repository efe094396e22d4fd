"""The competency engine and the reviewer dashboard read a workshop only through alaskaki.folder.

A report or the Voila dashboard on a lost gradebook must refuse with the file's path and the way
back, and must leave the damaged file exactly as it was (nbgrader's Gradebook would silently
recreate empty tables in it). Issue 14, requirements 1 and 2.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from competencykit import sample_framework, sample_workshop

from alaskaki.competency import assess, merge_history, read_workshop
from alaskaki.errors import EXIT_CONFLICT, EXIT_INPUT, EXIT_NOT_FOUND, AlaskakiError
from alaskaki.folder import Folder
from alaskaki.report import dashboard


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    return sample_workshop(tmp_path_factory.mktemp("sample") / "w1")


@pytest.fixture
def copy(sample, tmp_path) -> Path:
    dst = tmp_path / "salinan"
    shutil.copytree(sample, dst, symlinks=True)
    return dst


def _fw(tmp_path, wdir):
    return sample_framework(tmp_path, Folder(wdir).source())


def _truncate(path: Path, size: int) -> None:
    with path.open("r+b") as fh:
        fh.truncate(size)


@pytest.mark.parametrize("size", [0, 4096])
def test_assess_refuses_an_empty_or_truncated_gradebook_and_leaves_it_as_it_was(
    copy, tmp_path, size
):
    gb = Folder(copy).own_gradebook
    _truncate(gb, size)
    before = gb.read_bytes()
    with pytest.raises(AlaskakiError) as err:
        assess(copy, framework=_fw(tmp_path, copy))
    assert err.value.exit_code == EXIT_CONFLICT
    assert str(gb) in str(err.value)  # the file is named (trainer team's T3)
    assert "alaskaki pulihkan" in str(err.value) or "salinan" in str(err.value)
    assert gb.read_bytes() == before  # never recreated empty


def test_read_workshop_refuses_a_missing_gradebook_without_making_one(copy):
    gb = Folder(copy).own_gradebook
    gb.unlink()
    with pytest.raises(AlaskakiError) as err:
        read_workshop(copy)
    assert "gradebook.db" in str(err.value)
    assert not gb.exists()


def test_a_reader_never_creates_a_gradebook_in_a_bare_course(tmp_path):
    bare = tmp_path / "kursus"
    bare.mkdir()
    Folder(bare).config_file.write_text("c = get_config()  # noqa: F821\n", encoding="utf-8")
    with pytest.raises(AlaskakiError) as err:
        read_workshop(bare)
    assert err.value.exit_code == EXIT_NOT_FOUND
    assert str(Folder(bare).own_gradebook) in str(err.value)
    assert not Folder(bare).own_gradebook.exists()


def test_merge_history_refuses_when_one_workshop_lost_its_gradebook(sample, copy, tmp_path):
    _truncate(Folder(copy).own_gradebook, 0)
    with pytest.raises(AlaskakiError) as err:
        merge_history([sample, copy], framework=_fw(tmp_path, sample))
    assert str(Folder(copy).own_gradebook) in str(err.value)


def test_dashboard_from_env_refuses_an_empty_gradebook(sample, copy, monkeypatch):
    gb = Folder(copy).own_gradebook
    _truncate(gb, 0)
    monkeypatch.setenv(dashboard.ENV, f"{sample}:{copy}")
    with pytest.raises(AlaskakiError) as err:
        dashboard.Data.load()
    assert str(gb) in str(err.value)
    assert gb.stat().st_size == 0


def test_dashboard_notebook_shows_the_refusal_in_indonesian_not_a_traceback(copy, monkeypatch):
    """What grading/dasbor.ipynb runs under Voila: the reviewer sees the sentence, not a traceback."""
    import IPython.display

    _truncate(Folder(copy).own_gradebook, 0)
    monkeypatch.setenv(dashboard.ENV, str(copy))
    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj))
    dashboard.tampilkan()
    (view,) = shown
    text = view.value if hasattr(view, "value") else view.data
    assert "dapat dibuka" in text and str(Folder(copy).own_gradebook) in text
    assert "alaskaki pulihkan" in text or "salinan" in text


def test_the_engine_reads_the_roster_with_the_one_reader(copy, tmp_path):
    """A roster the kit would refuse (P01 beside p01) is refused by reports too, naming the row."""
    roster = Folder(copy).roster_file
    lines = roster.read_text(encoding="utf-8").splitlines()
    lines.append(lines[1].replace("p01", "P01", 1))
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(AlaskakiError) as err:
        assess(copy, framework=_fw(tmp_path, copy))
    assert err.value.exit_code == EXIT_INPUT
    assert str(roster) in str(err.value)
    assert f"baris {len(lines)}" in str(err.value) and "'P01'" in str(err.value)


def test_the_engine_refuses_a_db_url_into_another_workshop(sample, copy):
    """The engine's own db_url regex is gone: the Folder's rule applies to reports too."""
    cfg = Folder(copy).config_file
    cfg.write_text(
        cfg.read_text(encoding="utf-8")
        + f"c.CourseDirectory.db_url = 'sqlite:///{Folder(sample).own_gradebook}'\n",
        encoding="utf-8",
    )
    with pytest.raises(AlaskakiError) as err:
        read_workshop(copy)
    assert err.value.exit_code == EXIT_CONFLICT
    assert "lokakarya lain" in str(err.value)


def test_a_moved_workshop_with_an_old_absolute_db_url_reports_its_own_grades(sample, tmp_path):
    """An old init's absolute db_url names the original; after a move the report reads the copy."""
    moved = tmp_path / "pindah"
    shutil.copytree(sample, moved)
    cfg = Folder(moved).config_file
    cfg.write_text(
        "# nbgrader configuration of an alaskaki workshop (made by `alaskaki init`).\n"
        + cfg.read_text(encoding="utf-8")
        + "c.CourseDirectory.db_url = 'sqlite:////tidak/ada/lagi/gradebook.db'\n",
        encoding="utf-8",
    )
    data = read_workshop(moved)
    assert data.evidence["p01"]  # the copy's own grades
    assert Folder(moved).db_url == f"sqlite:///{Folder(moved).own_gradebook}"
