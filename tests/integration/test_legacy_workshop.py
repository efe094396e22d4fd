"""A workshop made before m4, m5 and m7 were split into two sessions each keeps working (issue 15).

Such a workshop holds its own ``source/`` copy of the old notebooks (``m4-harga-ekspor`` ...) and the
competency framework pinned at init with the old grade ids (``m4_harga_exw`` ...). After the kit
update its old notebooks must still grade (their hidden tests import the legacy exercise modules,
whose variants must not change), the pinned framework must still validate against its source, and
competency and reports must still be computed from the old ids. The fixture (tests/fixtures/pra-pecah)
holds the old notebooks and the old units; the rest of the workshop is the current kit.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest

from alaskaki import paths
from alaskaki.workshop import Workshop, feedback, grade, workshop_status
from alaskaki.workshop.collect import collect_module
from alaskaki.workshop.course import init_workshop, kit_modules
from alaskaki.workshop.demo import simulate_submission
from alaskaki.workshop.release import release_module

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parents[1] / "fixtures" / "pra-pecah"
OLD_MODULES = sorted(p.name for p in (FIXTURE / "source").iterdir() if p.is_dir())
#: old module -> the kit's modules that replaced it (same unit)
SPLIT = {m: [k for k in kit_modules() if k.startswith(m.split("-")[0])] for m in OLD_MODULES}
FULL, BLANK = "p01", "p02"
UJI = "asesmen-akhir"


def _unit_blocks(text: str) -> dict[str, str]:
    """``kode`` -> the text of that unit's block in a kompetensi.yml (comments and layout kept)."""
    starts = [m.start() for m in re.finditer(r"^  - kode: ", text, flags=re.M)]
    ends = [*starts[1:], text.index("\npengenalan:")]
    return {
        re.match(r"  - kode: (\S+)", text[s:]).group(1): text[s:e].rstrip() + "\n"
        for s, e in zip(starts, ends, strict=True)
    }


def pinned_before_split() -> str:
    """The kit's kompetensi.yml with the split units as they were before the split."""
    kit = (paths.GRADING_DIR / "kompetensi.yml").read_text(encoding="utf-8")
    old = _unit_blocks(
        (FIXTURE / "unit-pra-pecah.yml").read_text(encoding="utf-8").replace("unit:\n", "", 1)
        + "\npengenalan:"
    )
    for kode, block in _unit_blocks(kit).items():
        if kode in old:
            kit = kit.replace(block, old[kode])
    return kit


@pytest.fixture(scope="module")
def old_workshop(tmp_path_factory):
    base = tmp_path_factory.mktemp("lama")
    new_ids = {k for m in OLD_MODULES for k in SPLIT[m]}
    ws = init_workshop(
        base / "lokakarya",
        roster=paths.dataset("contoh_peserta.csv"),
        name="Lokakarya sebelum pemecahan modul",
        modules=[m for m in kit_modules() if m not in new_ids],
    )
    for m in OLD_MODULES:
        shutil.copytree(FIXTURE / "source" / m, ws.source(m))
    ws.framework_file.write_text(pinned_before_split(), encoding="utf-8")
    init_workshop(ws.root, modules=[])  # gradebook rows for the copied modules, as init did then
    for m in OLD_MODULES:
        release_module(ws, m)
        source = nbformat.read(ws.source_notebook(m), as_version=4)
        released = nbformat.read(ws.release_notebook(m), as_version=4)
        inbox = base / "masuk" / m
        inbox.mkdir(parents=True)
        for pid, skill in ((FULL, 1.0), (BLANK, 0.0)):
            nbformat.write(
                simulate_submission(source, released, pid, skill, m), inbox / f"{pid}_{m}.ipynb"
            )
        collect_module(ws, m, source=inbox)
        grade(ws, m, progress=False)
        feedback(ws, m)
    return Workshop.open(ws.root)


def test_fixture_holds_only_modules_the_kit_replaced():
    assert OLD_MODULES, "fixture without old notebooks"
    for m in OLD_MODULES:
        assert m not in kit_modules(), f"{m} is still a kit module: the fixture would test nothing"
        assert len(SPLIT[m]) == 2, f"{m} must be replaced by two sessions: {SPLIT[m]}"


def test_old_notebooks_still_grade(old_workshop):
    st = workshop_status(old_workshop)
    by = {(e.peserta, e.modul): e for e in st.entries}
    for m in OLD_MODULES:
        assert m in old_workshop.modules()
        full, blank = by[(FULL, m)], by[(BLANK, m)]
        assert full.dinilai and blank.dinilai, m
        # the legacy exercise modules keep their variants: the source's right answers score full marks
        auto = full.nilai_maks - _manual_points(old_workshop, m)
        assert full.nilai == pytest.approx(auto), m
        assert blank.nilai == 0, m


def _manual_points(ws: Workshop, modul: str) -> float:
    nb = nbformat.read(ws.source_notebook(modul), as_version=4)
    return sum(
        c.metadata["nbgrader"].get("points", 0)
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade") and c.metadata["nbgrader"].get("solution")
    )


def test_pinned_framework_and_competency_use_the_old_ids(old_workshop):
    from alaskaki.competency import assess

    result = assess(old_workshop.root)
    p = next(x for x in result.participants if x.id == FULL)
    codes = {
        u["kode"]
        for u in __import__("yaml").safe_load((FIXTURE / "unit-pra-pecah.yml").read_text())["unit"]
    }
    for code in codes:
        unit = p.units[code]
        assert unit.latihan_selesai == pytest.approx(1.0), code
        assert unit.latihan_skor == pytest.approx(1.0), code
    blank = next(x for x in result.participants if x.id == BLANK)
    for code in codes:
        assert blank.units[code].latihan_skor == pytest.approx(0.0), code


def test_reports_of_the_old_workshop(old_workshop):
    from alaskaki.workshop.reporting import make_reports

    written = make_reports(old_workshop, rapor=True)
    html = [p for p in written if p.suffix == ".html"]
    assert html
    assert any("EKS-03" in p.read_text(encoding="utf-8") for p in html)


def test_the_old_workshop_copied_before_the_folder_record_gets_its_own_uji_form(
    old_workshop, tmp_path, capsys
):
    """Issue 14, R34 for a workshop made before session 6 (lokakarya.json without folder_asal):
    used as the template of another batch (`cp -a`), the copy's first command reads the trace (its
    gradebook.db is another file with the size and time alaskaki last left) and its first `cetak`
    of the uji form draws its own; the template is recorded as its own at its first command, says
    once what cannot be known, and keeps its form."""
    import json
    import subprocess

    from alaskaki.cli import main
    from alaskaki.folder import ORIGIN_KEY
    from alaskaki_kunci.bengkel import kunci_form

    def form(ws: Workshop) -> dict:
        return {r["grade_id"]: r["harapan"] for r in kunci_form(ws.source_notebook(UJI))}

    template = tmp_path / "templat"
    subprocess.run(["cp", "-a", str(old_workshop.root), str(template)], check=True)
    template = Workshop(template)
    meta = template.meta()
    del meta[ORIGIN_KEY]  # as a kit from before session 6 wrote it
    template.meta_file.write_text(json.dumps(meta), encoding="utf-8")
    template.before_write("grade")  # the old kit's last command recorded the gradebook's state
    copy = tmp_path / "angkatan-2"
    subprocess.run(["cp", "-a", str(template.root), str(copy)], check=True)
    copy = Workshop(copy)
    theirs = form(template)
    assert main(["cetak", UJI, "-w", str(copy.root), "--out", str(tmp_path / "f.html")]) == 0
    err = capsys.readouterr().err
    assert "bukan folder yang dibuat `alaskaki init`" in err and "sekali saja" not in err, err
    assert form(copy) != theirs
    assert main(["status", "-w", str(template.root)]) == 0
    err = capsys.readouterr().err
    assert "sekali saja" in err and UJI in err, err
    assert main(["status", "-w", str(template.root)]) == 0
    assert "sekali saja" not in capsys.readouterr().err
    assert form(template) == theirs
