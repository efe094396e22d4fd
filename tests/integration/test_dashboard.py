"""Reviewer dashboard: filters, views and XLSX download on real gradebooks; Voila serves it without code."""

from __future__ import annotations

import base64
import io
import os
import re
import subprocess
import time
import urllib.request

import openpyxl
import pytest
from competencykit import (
    M3,
    SAMPLE_PEOPLE,
    sample_builder,
    sample_framework,
    sample_workshop,
)
from partskit import free_port

from alaskaki.folder import Folder
from alaskaki.report import dashboard


@pytest.fixture(scope="module")
def workshops(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("dasbor")
    w1 = sample_workshop(tmp / "w1", name="w1")
    wb = sample_builder(tmp / "w2", name="w2", created="2026-03-01T08:00:00+00:00")
    wb.participant(
        "p02",
        nama="Budi Santoso",
        ikm="CV Sepatu Contoh",
        kelurahan="Miji",
        jenis_kelamin="L",
        peran="penjahit",
    )
    wb.participant(
        "p07",
        nama="Wulan Sari",
        ikm="CV Baru Contoh",
        kelurahan="Wates",
        jenis_kelamin="P",
        peran="admin",
    )
    full = {"m3_luas_kulit": 1, "m3_biaya_kulit": 1, "m3_upah": 2}
    wb.submit("p02", M3, full, manual={"m3_studi_kasus": 4}, timestamp="2026-03-02 10:00:00")
    # the retaken post-test (uji) is what turns p02 Kompeten, not the module (latihan)
    wb.submit(
        "p02",
        "asesmen-akhir",
        {"as_bya_1": 2, "as_bya_2": 2, "as_eks_1": 2},
        timestamp="2026-03-02 11:00:00",
    )
    w2 = wb.close()
    fw = sample_framework(tmp, Folder(w1).source())
    # the kit's framework needs the kit's modules; the dashboard takes the sample one here
    return [w1, w2], fw


def _rows(box) -> list[tuple]:
    box.controls["unduh"].click()  # the XLSX is built on request
    data = re.search(r"base64,([^\"]+)\"", box.outputs["download"].value).group(1)
    wb = openpyxl.load_workbook(io.BytesIO(base64.b64decode(data)))
    return list(wb["peserta"].iter_rows(min_row=2, values_only=True))


def test_workshop_dirs_from_env(workshops, monkeypatch):
    dirs, _ = workshops
    monkeypatch.setenv(dashboard.ENV, os.pathsep.join(str(d) for d in dirs))
    assert dashboard.workshop_dirs() == dirs
    monkeypatch.setenv(dashboard.ENV, "")
    with pytest.raises(Exception, match="ALASKAKI_WORKSHOPS"):
        dashboard.workshop_dirs()


def test_filters_views_and_download(workshops):
    dirs, fw = workshops
    box = dashboard.build(dirs, framework=fw)
    c, out = box.controls, box.outputs
    # all workshops merged: p01..p06 from w1 plus p07 from w2; p02 is Kompeten after w2
    assert c["lokakarya"].options[0] == dashboard.SEMUA_LOKAKARYA
    assert "<b>7</b> peserta" in out["info"].value
    assert len(_rows(box)) == 7
    assert "tabel-unit" in out["content"].value and "data:image/png;base64," in out["content"].value
    head_p02 = [r for r in _rows(box) if r[0] == "p02"][0]
    assert "Kompeten" in head_p02
    # one workshop: its own gradebook, p02 still Belum Kompeten there
    c["lokakarya"].value = "w1"
    rows = _rows(box)
    assert len(rows) == 6 and "Belum Kompeten" in [r for r in rows if r[0] == "p02"][0]
    # attribute filters
    c["jenis_kelamin"].value = "P"
    assert "<b>3</b> peserta" in out["info"].value
    c["ikm"].value = "CV Sepatu Contoh"
    rows = _rows(box)
    assert sorted(r[0] for r in rows) == ["p01", "p05"]
    c["unit"].value = "BYA-01"
    assert "EKS-01" not in out["content"].value.split("tabel-peserta")[1].split("</table>")[0]
    # anonymous view of two participants: refused, the filter itself would point at them
    c["anonim"].value = True
    assert "kurang dari 5" in out["content"].value and "Siti" not in out["content"].value
    # anonymous view of the whole cohort (7): no real name in the page or the download
    c["ikm"].value = ""
    c["jenis_kelamin"].value = ""
    assert all("Siti" not in str(r) for r in _rows(box))
    page = out["content"].value
    assert "Siti" not in out["content"].value and "Rina" not in out["content"].value
    assert "Peserta-" in out["content"].value and "k = 5" in out["content"].value
    # nothing matches
    c["anonim"].value = False
    c["ikm"].value = "CV Sepatu Contoh"
    c["kelurahan"].value = ""
    c["peran"].value = "pemilik"
    assert "Tidak ada peserta" in out["content"].value
    assert page  # the workbook decoded


def test_voila_command_has_the_denylist():
    cmd = dashboard.voila_command(port=9999)
    assert (
        cmd[1].endswith("grading/dasbor.ipynb") and "--port=9999" in cmd and "--no-browser" in cmd
    )
    assert "--VoilaConfiguration.extension_denylist=@jupyter/nbgrader" in cmd


@pytest.mark.slow
def test_voila_serves_the_dashboard_without_code(workshops, tmp_path):
    """The real Voila server renders grading/dasbor.ipynb on the kit's framework; no source shown."""
    import shutil

    from alaskaki import authoring, paths
    from alaskaki.competency import graded_cells

    # a workshop whose modules fit the kit's own kompetensi.yml: m3 with the kit's grade ids
    ids = graded_cells(paths.SOURCE_DIR)["m3-biaya-produksi"]
    from competencykit import WorkshopBuilder

    wb = WorkshopBuilder(tmp_path / "kit", name="Lokakarya kit")
    wb.module(M3, ids, write_source=False)
    for pid, (nama, ikm, kel, jk, peran) in list(SAMPLE_PEOPLE.items())[:3]:
        wb.participant(pid, nama=nama, ikm=ikm, kelurahan=kel, jenis_kelamin=jk, peran=peran)
    wb.submit("p01", M3, ids, timestamp="2026-01-12 10:00:00")
    wdir = wb.close()
    assert authoring  # notebook hygiene is checked by the notebook tests
    port = free_port()
    env = dict(os.environ, **{dashboard.ENV: str(wdir)})
    proc = subprocess.Popen(
        dashboard.voila_command(port=port),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        cwd=tmp_path,
    )
    try:
        deadline = time.time() + 120
        page = None
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=60) as r:
                    page = r.read().decode("utf-8")
                    break
            except OSError:
                time.sleep(1)
        assert page is not None, "Voila did not answer"
        assert "application/vnd.jupyter.widget-view+json" in page
        assert "tampilkan" not in page and "from alaskaki" not in page  # no code visible
        assert "Traceback" not in page, page[
            page.index("Traceback") - 1500 : page.index("Traceback") + 1500
        ]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    assert shutil  # noqa


def test_anonymous_view_uses_each_workshops_own_pseudonyms(workshops, monkeypatch):
    """The dashboard's anonymous view shows the pseudonyms of the workshop's `report --anonim`
    files, never ones recomputable from the ids with the kit's empty ``anonim_kunci``."""
    from alaskaki.report import pseudonym

    monkeypatch.delenv("ALASKAKI_PENINJAU", raising=False)
    dirs, fw = workshops
    data = dashboard.Data.load(dirs, framework=fw)
    one = dashboard.select(data, lokakarya="w1", anonim=True)
    secret = Folder(dirs[0]).pseudonym_secret()
    assert {p.id for p in one.participants} == {pseudonym(pid, secret) for pid in SAMPLE_PEOPLE}
    every = dashboard.select(data, anonim=True)
    ids = {p.id for p in data.merged.participants}
    assert not {pseudonym(pid, "") for pid in ids} & {p.id for p in every.participants}
    assert {p.id for p in dashboard.select(data, anonim=True).participants} == {
        p.id for p in every.participants
    }
