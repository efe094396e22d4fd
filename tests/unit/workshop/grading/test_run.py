"""grading.run: what `grade` does before any submission is graded (module checks), with the real
nbgrader gradebook and, once the module is released, a real kernel."""

from __future__ import annotations

import subprocess
import sys

import nbformat
import pytest

pytestmark = pytest.mark.slow  # a real gradebook, a real grading run

MOD = "m3-biaya-produksi"


def test_grading_a_module_collected_before_its_release_says_to_release_it_first(tmp_path):
    """The trainer hands out m3 from the kit's folder on a flashdisk (not with `alaskaki release`),
    collects p01's file, then runs `alaskaki grade m3`. `init` entered the module in the gradebook
    but only `release` enters its notebook and graded cells, so grading used to fail per
    participant with "galat tak terduga (MissingEntry)". Wanted: one sentence naming the module
    and the way on (release, then grade), a non-zero exit, nothing collected lost or half-graded;
    after `release` the same grade command grades p01."""
    from alaskaki.workshop import collect_module, grade, import_roster, init_workshop
    from alaskaki.workshop import release_module as release
    from alaskaki.workshop.grading.record import read_marker

    ws = init_workshop(tmp_path / "lokakarya", modules=[MOD])
    roster = tmp_path / "r.csv"
    roster.write_text("id,nama,ikm,kelurahan,jenis_kelamin,peran\np01,Ani,A,Miji,P,admin\n")
    import_roster(ws, roster)
    nb = nbformat.read(ws.source_notebook(MOD), as_version=4)
    stick = tmp_path / "usb"
    stick.mkdir()
    nbformat.write(nb, stick / f"p01_{MOD}.ipynb")
    collect_module(ws, MOD, source=stick, received="2026-12-01 15:00")
    installed = sorted((p.name, p.read_bytes()) for p in ws.submitted("p01", MOD).iterdir())
    archived = sorted((p.name, p.read_bytes()) for p in ws.archive("p01", MOD).iterdir())

    cmd = [sys.executable, "-m", "alaskaki", "grade", MOD, "--workshop", str(ws.root)]
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert res.returncode == 4, res
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"galat: Modul {MOD} belum dirilis"), lines
    assert f"`alaskaki release {MOD}`" in lines[0] and "1 kiriman" in lines[0], lines
    assert "tak terduga" not in res.stderr and "MissingEntry" not in res.stderr
    # nothing lost, nothing half-done: the files stay, no score, no done-marker
    assert sorted((p.name, p.read_bytes()) for p in ws.submitted("p01", MOD).iterdir()) == installed
    assert sorted((p.name, p.read_bytes()) for p in ws.archive("p01", MOD).iterdir()) == archived
    assert read_marker(ws.root, MOD, "p01") is None and not ws.autograded("p01", MOD).exists()

    release(ws, MOD)
    run = grade(ws, MOD, progress=False, workers=1)
    assert run.by_participant()["p01"].status == "dinilai", run


def test_grade_puts_back_a_version_a_cut_install_left_aside(tmp_path, monkeypatch):
    """On a vfat flashdisk collect cannot swap folders: it moves p01's installed version aside,
    then renames the new one in. The power goes between the two renames. The trainer's next
    command is `grade`: p01 is graded (his installed version put back), never skipped as not
    handed in; the next collect installs his new version."""
    from alaskaki.workshop import collect as collect_mod
    from alaskaki.workshop import collect_module, grade, import_roster, init_workshop
    from alaskaki.workshop import release_module as release

    ws = init_workshop(tmp_path / "lokakarya", modules=[MOD])
    roster = tmp_path / "r.csv"
    roster.write_text(
        "id,nama,ikm,kelurahan,jenis_kelamin,peran\np01,Ani,A,Miji,P,admin\np02,B,A,Miji,L,admin\n"
    )
    import_roster(ws, roster)
    release(ws, MOD)
    nb = nbformat.read(ws.source_notebook(MOD), as_version=4)
    stick = tmp_path / "usb"
    stick.mkdir()
    for pid in ("p01", "p02"):
        nbformat.write(nb, stick / f"{pid}_{MOD}.ipynb")
    collect_module(ws, MOD, source=stick, received="2026-12-01 15:00")
    first = (ws.submitted("p01", MOD) / f"{MOD}.ipynb").read_bytes()

    class PowerCut(BaseException):
        pass

    def cut(step):
        if step == "pasang.pindah":
            raise PowerCut

    nb.cells.append(nbformat.v4.new_markdown_cell("versi 2"))
    nbformat.write(nb, stick / f"p01_{MOD}.ipynb")
    monkeypatch.setattr(collect_mod, "_exchange", lambda a, b: False)
    monkeypatch.setattr(collect_mod, "_fault", cut)
    with pytest.raises(PowerCut):
        collect_module(ws, MOD, source=stick, received="2026-12-01 16:00")
    monkeypatch.setattr(collect_mod, "_fault", None)
    assert not ws.submitted("p01", MOD).exists()  # the moment the power went

    run = grade(ws, MOD, progress=False, workers=1)
    assert run.by_participant()["p01"].status == "dinilai", run
    assert (ws.submitted("p01", MOD) / f"{MOD}.ipynb").read_bytes() == first
    collect_module(ws, MOD, source=stick, received="2026-12-01 17:00")
    assert b"versi 2" in (ws.submitted("p01", MOD) / f"{MOD}.ipynb").read_bytes()


def test_the_progress_line_counts_the_submissions_and_writes_seconds_the_indonesian_way(
    capsys, monkeypatch
):
    import types

    from alaskaki.workshop.grading import run

    now = iter([100.0, 112.25, 125.5, 200.0])
    # run's own clock only (time.monotonic itself also serves pytest)
    monkeypatch.setattr(run, "time", types.SimpleNamespace(monotonic=lambda: next(now)))
    bar = run.Progress(2, enabled=True)
    bar.step("p01")
    bar.step("p02")
    err = capsys.readouterr().err
    assert "1/2  12,2 dtk  p01" in err  # 12.25 rounds half to even, as f"{x:.1f}" did
    assert "2/2  25,5 dtk  p02" in err and err.endswith("\n")
    quiet = run.Progress(1, enabled=False)
    quiet.step("p01")
    assert capsys.readouterr().err == ""
