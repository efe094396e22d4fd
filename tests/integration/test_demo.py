"""`alaskaki demo` end to end on the sample cohort: every module released, collected, graded, reported.

One demo run is shared by the tests of this file (it grades 24 participants on every module).
"""

from __future__ import annotations

import csv
import json
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from alaskaki import paths
from alaskaki.folder import Folder
from alaskaki.roster import read_roster
from alaskaki.workshop import Workshop, workshop_status
from alaskaki.workshop.demo import CORRUPT, LATE, run_demo, skills

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo") / "demo"
    first = run_demo(out, progress=False)
    return out, first


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.chunks: list[str] = []
        self.imgs = 0

    def handle_data(self, data):
        self.chunks.append(data)

    def handle_starttag(self, tag, attrs):
        if tag == "img" and dict(attrs).get("src", "").startswith("data:image/png;base64,"):
            self.imgs += 1


def test_every_module_released_collected_and_graded(demo):
    out, res = demo
    ids = [p.id for p in read_roster(paths.dataset("contoh_peserta.csv"))]
    assert res.participants == 24 and set(res.modules) == set(Workshop.open(out).modules())
    assert len(res.modules) >= 1
    for m in res.modules:
        # CORRUPT's cut file of the first module is held at collect, not submitted
        assert res.submitted[m] == (23 if m == res.modules[0] else 24), m
        # every submission is graded, nobody is stopped by the held file
        assert res.graded[m] == res.submitted[m], m
    sk = skills(ids)
    st = workshop_status(Workshop.open(out))
    by = {(e.peserta, e.modul): e for e in st.entries}
    for m in res.modules:
        for pid in ids:
            e = by[(pid, m)]
            if (pid, m) == (CORRUPT, res.modules[0]):
                continue  # held at collect, never graded (below)
            assert e.dinilai, (pid, m)
            if sk[pid] == 0:
                assert e.nilai == 0, f"blank submission of {pid} in {m} must grade to 0"
        full = [
            by[(p, m)] for p in ids if sk[p] == 1.0 and not (p == CORRUPT and m == res.modules[0])
        ]
        assert all(e.nilai > 0 for e in full), m
    # calibration of the similarity check: the demo cohort shows no indikasi kerja sama
    assert st.kerja_sama == [], st.kerja_sama
    # the demo's essays are their own words: none is flagged as the (public) contoh jawaban
    assert st.contoh_jawaban == [], st.contoh_jawaban
    assert (Folder(out).reports_dir / "indikasi-kerja-sama.csv").read_text(encoding="utf-8").count(
        "\n"
    ) == 1
    for pid in LATE:
        assert all(by[(pid, m)].terlambat for m in res.modules)
    assert sum(e.terlambat for e in st.entries) == len(LATE) * len(res.modules)
    # With tokens issued, a cut file cannot prove whose it is: it is held for the trainer
    # (arsip/<pid>/<modul>/tertahan/, collect R38), shown in status, and never graded as p23's.
    corrupt = by[(CORRUPT, res.modules[0])]
    assert corrupt.ditahan >= 1 and not corrupt.dinilai, (
        "the corrupt file is held and shown to the trainer, not graded"
    )


def test_reports_show_every_participant(demo):
    out, res = demo
    names = [p.nama for p in read_roster(paths.dataset("contoh_peserta.csv"))]
    html = next(p for p in res.reports if p.suffix == ".html" and "rapor" not in p.parts)
    parser = _Text()
    parser.feed(html.read_text(encoding="utf-8"))
    text = " ".join(parser.chunks)
    assert all(n in text for n in names)
    assert parser.imgs >= 2, "charts are embedded as images"
    assert "Kompeten" in text
    xlsx = next(p for p in res.reports if p.suffix == ".xlsx")
    wb = load_workbook(xlsx, read_only=True)
    cells = {
        str(c)
        for ws in wb.worksheets
        for row in ws.iter_rows(values_only=True)
        for c in row
        if c is not None
    }
    assert all(n in cells for n in names)
    csvs = [p for p in res.reports if p.suffix == ".csv"]
    assert csvs and all(list(csv.reader(p.open(encoding="utf-8"))) for p in csvs)
    data = json.loads(
        next(p for p in res.reports if p.suffix == ".json").read_text(encoding="utf-8")
    )
    assert len(data["participants"]) == 24
    rapor = [p for p in res.reports if "rapor" in p.parts]
    assert (
        len([p for p in rapor if p.suffix == ".html"]) == 24
        and len([p for p in rapor if p.suffix == ".pdf"]) == 24
    )


def test_units_have_competent_and_not_yet_competent_participants(demo):
    _, res = demo
    statuses = {s for counts in res.units.values() for s, n in counts.items() if n}
    assert {"Kompeten", "Belum Kompeten"} <= statuses
    # K/BK from uji, with a gain from the pre- to the post-test in every unit
    for unit, g in res.gains.items():
        assert g["awal"] is not None and g["akhir"] > g["awal"] and g["gain"] > 0, (unit, g)
        assert g["latihan"] is not None, unit  # latihan readiness shown beside it


def test_demo_report_is_complete_and_nothing_is_stale(demo):
    """Every submission is graded and every rubric cell scored: no warning, no false 'stale'
    (collect's timestamp.txt and the gradebook's submission time agree)."""
    out, res = demo
    data = json.loads(
        next(p for p in res.reports if p.suffix == ".json").read_text(encoding="utf-8")
    )
    # skema 3: a module record is a row of values in the order of data["kolom"]["modul"]
    at = data["kolom"]["modul"].index("keadaan")
    states = {(p["id"], m[0]): m[at] for p in data["participants"] for m in p["modul"]}
    # the cut file of CORRUPT's first module is held at collect (tokens issued), never graded
    held = {k: v for k, v in states.items() if k[0] == CORRUPT and v != "sudah dinilai"}
    assert set(states.values()) - {"belum dikumpulkan"} == {"sudah dinilai"}, states
    assert list(held.values()) == ["belum dikumpulkan"], held
    assert data["lengkap"] is True
    summary = res.summary_text()
    assert "gain <g>" in summary and "skor latihan" in summary


def test_second_run_changes_nothing(demo):
    out, first = demo
    archive = sorted(p.relative_to(out) for p in Folder(out).archive().rglob("*") if p.is_file())
    second = run_demo(out, progress=False)
    assert second.new_files == 0
    assert second.mean_score == first.mean_score
    assert second.units == first.units
    assert (
        sorted(p.relative_to(out) for p in Folder(out).archive().rglob("*") if p.is_file())
        == archive
    )


def test_demo_keeps_gradebook_backups_like_a_real_workshop(demo, capsys):
    """Trainer team T4: the demo writes the gradebook, so cadangan/ holds backups pulihkan lists."""
    import sqlite3

    from alaskaki.cli import main
    from alaskaki.folder import Folder

    out, _ = demo
    f = Folder(out)
    found = f.backups()
    assert 1 <= len(found) <= f.backups_kept()
    assert {"grade", "nilai-rubrik"} & {b.doing for b in found}
    for b in found:
        with sqlite3.connect(b.path) as db:
            assert db.execute("pragma integrity_check").fetchone() == ("ok",)
            assert db.execute("select count(*) from student").fetchone()[0] == 24
    assert main(["pulihkan", "-w", str(out)]) == 0
    listed = capsys.readouterr().out
    assert found[0].doing in listed and "alaskaki pulihkan NOMOR" in listed
