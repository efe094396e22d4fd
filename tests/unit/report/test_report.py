"""Cohort report and rapor on the sample cohort: files parse and hold the right numbers; anonymity."""

from __future__ import annotations

import csv
import json
import zipfile
from html.parser import HTMLParser

import openpyxl
import pytest
from competencykit import SAMPLE_PEOPLE, sample_framework, sample_workshop

from alaskaki.competency import CohortResult, assess
from alaskaki.errors import AlaskakiError
from alaskaki.folder import Folder
from alaskaki.report import load_reviewer, pseudonym, write_rapor, write_reports


class Tables(HTMLParser):
    """Collects every <table id=...> as a list of rows of cell texts, and every <img src>."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.images: list[str] = []
        self.text: list[str] = []
        self._table = None
        self._row = None
        self._cell = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self._table = self.tables.setdefault(a.get("id", f"t{len(self.tables)}"), [])
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "img":
            self.images.append(a.get("src", ""))

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self._table.append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def parse(path) -> Tables:
    t = Tables()
    t.feed(path.read_text(encoding="utf-8"))
    return t


def row_of(rows: list[list[str]], first: str) -> dict[str, str]:
    header = rows[0]
    for r in rows[1:]:
        if r[0] == first:
            return dict(zip(header, r, strict=True))
    raise KeyError(first)


@pytest.fixture(scope="module")
def result(tmp_path_factory) -> CohortResult:
    tmp = tmp_path_factory.mktemp("sample")
    wdir = sample_workshop(tmp / "w1")
    return assess(wdir, framework=sample_framework(tmp, Folder(wdir).source()))


@pytest.fixture(scope="module")
def files(result, tmp_path_factory):
    out = tmp_path_factory.mktemp("laporan")
    written = write_reports(result, out)
    return out, written


def test_all_formats_written(files):
    out, written = files
    names = {p.name for p in written}
    assert {
        "laporan-kompetensi.html",
        "laporan-kompetensi.xlsx",
        "laporan-kompetensi.json",
    } <= names
    assert "laporan-unit.csv" in names and "laporan-peserta.csv" in names
    assert all(p.exists() and p.stat().st_size > 0 for p in written)


def test_html_is_self_contained_and_has_the_right_numbers(files):
    out, _ = files
    t = parse(out / "laporan-kompetensi.html")
    # counts per unit: p01, p04 Kompeten; p02, p05 Belum Kompeten; p03, p06 Belum dinilai
    bya = row_of(t.tables["tabel-unit"], "BYA-01")
    assert (bya["Kompeten"], bya["Belum Kompeten"], bya["Belum dinilai"], bya["% Kompeten"]) == (
        "2",
        "2",
        "2",
        "50,0%",
    )
    people = t.tables["tabel-peserta"]
    assert row_of(people, "p02")["BYA-01"] == "Belum Kompeten"
    assert row_of(people, "p05")["Modul terlambat"] == "1"
    assert "EKS-02" not in people[0]  # no uji evidence yet: left out on paper (kept in XLSX/CSV)
    assert "EKS-01" in people[0]  # uji for one of its two criteria: shown
    assert "Unit yang belum punya bukti (EKS-02) tidak ditampilkan" in "".join(t.text)
    gain = row_of(t.tables["tabel-gain"], "BYA-01")
    assert (
        gain["Rata-rata tes awal"],
        gain["Rata-rata tes akhir"],
        gain["Gain ternormalisasi <g>"],
    ) == ("25,0%", "75,0%", "0,67")
    ikm = [
        r for r in t.tables["tabel-per_ikm"][1:] if r[0] == "CV Sepatu Contoh" and r[1] == "BYA-01"
    ][0]
    assert ikm[2:6] == ["3", "1", "2", "0"]  # peserta, K, BK, BD
    gender = [r for r in t.tables["tabel-per_jenis_kelamin"][1:] if r[0] == "Perempuan"][0]
    assert gender[2:6] == ["3", "1", "1", "1"]
    head = t.tables["tabel-modul"][0]
    m3 = [r for r in t.tables["tabel-modul"][1:] if r[1] == "m3-biaya-produksi"][0]
    m3 = dict(zip(head, m3, strict=True))
    assert (m3["Peserta"], m3["Dikumpulkan"], m3["Terlambat"]) == ("6", "5", "1")
    # p02 and p03 wait for the trainer's rubric score: not counted as graded
    assert (m3["Sudah dinilai"], m3["Menunggu penilaian pelatih"]) == ("3", "2")
    assert "belum lengkap" in "".join(t.text)  # and the report says so at the top
    assert len(t.images) >= 8 and all(src.startswith("data:image/png;base64,") for src in t.images)
    html = (out / "laporan-kompetensi.html").read_text(encoding="utf-8")
    assert "@page { size: A4" in html and "http://" not in html and "https://" not in html
    assert "Diskopukmperindag" in html  # the default reviewer office


def test_xlsx_typed_frozen_filtered(files):
    out, _ = files
    wb = openpyxl.load_workbook(out / "laporan-kompetensi.xlsx")
    assert {
        "keterangan",
        "peserta",
        "unit",
        "per_ikm",
        "per_kelurahan",
        "per_jenis_kelamin",
        "per_peran",
        "gain",
        "modul",
        "pengumpulan",
        "kriteria",
    } <= set(wb.sheetnames)
    ws = wb["unit"]
    header = [c.value for c in ws[1]]
    row = [c for c in ws[2]]
    assert header[:2] == ["Unit", "Judul unit"] and row[0].value == "BYA-01"
    k = row[header.index("Kompeten")]
    pct = row[header.index("% Kompeten")]
    assert k.value == 2 and isinstance(k.value, int)
    assert pct.value == pytest.approx(0.5) and pct.number_format == "0.0%"
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    ps = wb["peserta"]
    assert ps.freeze_panes == "C2"
    head = [c.value for c in ps[1]]
    p05 = [r for r in ps.iter_rows(min_row=2, values_only=True) if r[0] == "p05"][0]
    assert p05[head.index("BYA-01")] == "Belum Kompeten"
    assert p05[head.index("Penyelesaian modul")] == pytest.approx(0.5)  # m3 and the post-test
    sub = wb["pengumpulan"]
    head = [c.value for c in sub[1]]
    late = [
        r
        for r in sub.iter_rows(min_row=2, values_only=True)
        if r[0] == "p05" and r[3] == "m3-biaya-produksi"
    ][0]
    assert late[head.index("Terlambat (jam)")] == pytest.approx(24.0)
    assert late[head.index("Penalti (poin)")] == 2.0
    assert late[head.index("Waktu kumpul")].year == 2026  # a real date, not text
    kr = wb["kriteria"]
    head = [c.value for c in kr[1]]
    assert head[:2] == ["ID", "Nama"] and "BYA-01.1.2" in head
    row = [r for r in kr.iter_rows(min_row=2) if r[0].value == "p02"][0]
    upah = row[head.index("BYA-01.1.2")]
    assert upah.value == 0 and upah.number_format == "0.0%"
    assert row[head.index("BYA-01.2.1")].value is None  # not graded yet: empty, not zero
    kerangka = [r for r in wb["kerangka"].iter_rows(min_row=2, values_only=True)]
    assert ("BYA-01", "BYA-01.1.2", 0.5) in [(r[0], r[3], r[5]) for r in kerangka]
    head = [c.value for c in ps[1]]
    assert p05[head.index("Kriteria belum terpenuhi")] == "BYA-01.2.1"


def test_csv_and_json(files, result):
    out, _ = files
    with (out / "laporan-unit.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    bya = [r for r in rows if r["Unit"] == "BYA-01"][0]
    assert (bya["Kompeten"], bya["Belum Kompeten"], bya["Belum dinilai"]) == ("2", "2", "2")
    data = json.loads((out / "laporan-kompetensi.json").read_text(encoding="utf-8"))
    assert data["skema"] == 3 and data["anonim"] is False
    p02 = [p for p in data["participants"] if p["id"] == "p02"][0]
    assert p02["units"]["BYA-01"]["status"] == "Belum Kompeten"
    assert p02["units"]["BYA-01"]["belum_terpenuhi"] == ["BYA-01.1.2 Upah per pasang dihitung"]
    assert CohortResult.from_dict(data).participant("p05").late_count == 1


def test_anonymised_output_contains_no_real_name(result, tmp_path):
    written = write_reports(result, tmp_path, anonim=True, anonim_kunci="kunci-lokakarya")
    # a rapor always names its participant: there is no anonymous rapor (issue 14 req. 6)
    with pytest.raises(AlaskakiError, match="Rapor tidak dibuat"):
        write_rapor(result, tmp_path / "rapor", anonim=True)
    assert not (tmp_path / "rapor").exists()
    names = [v[0] for v in SAMPLE_PEOPLE.values()]
    words = {w for n in names for w in n.split()}
    texts = []
    for p in written:
        if p.suffix == ".xlsx":
            with zipfile.ZipFile(p) as z:
                texts += [z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")]
        elif p.suffix == ".pdf":
            texts.append(p.read_bytes().decode("latin-1"))
        else:
            texts.append(p.read_text(encoding="utf-8"))
    blob = "\n".join(texts)
    for w in words:
        assert w not in blob, f"nama asli '{w}' bocor ke laporan anonim"
    assert all(
        p.name.endswith(("-anonim.html", "-anonim.xlsx", "-anonim.json", "-anonim.csv"))
        for p in written
    )
    alias = pseudonym("p02", "kunci-lokakarya")  # keyed by the workshop's secret
    assert alias in blob
    t = parse(tmp_path / "laporan-kompetensi-anonim.html")
    assert row_of(t.tables["tabel-peserta"], alias)["BYA-01"] == "Belum Kompeten"


def test_pseudonyms_are_stable_and_keyed():
    assert pseudonym("p01") == pseudonym("p01") != pseudonym("p02")
    assert pseudonym("p01", "rahasia") != pseudonym("p01")
    assert pseudonym("p01").startswith("Peserta-")


def test_rapor_tells_what_to_practise(result, tmp_path):
    files = write_rapor(result, tmp_path, participant="p02")
    assert sorted(p.name for p in files) == ["rapor-p02.html", "rapor-p02.pdf"]
    t = parse(tmp_path / "rapor-p02.html")
    bya = row_of(t.tables["tabel-unit"], "BYA-01")
    assert bya["Status"] == "Belum Kompeten" and "Upah per pasang dihitung" in bya["Keterangan"]
    text = "".join(t.text)
    assert "Yang perlu dilatih berikutnya" in text and "Ulangi latihan di m3-biaya-produksi" in text
    assert "Budi Santoso" in text
    assert (tmp_path / "rapor-p02.pdf").read_bytes().startswith(b"%PDF")
    # pending manual grade: not a failure, says why
    write_rapor(result, tmp_path, participant="p03", formats=("html",))
    p03 = row_of(parse(tmp_path / "rapor-p03.html").tables["tabel-unit"], "BYA-01")
    assert p03["Status"] == "Belum dinilai" and "Menunggu penilaian pelatih" in p03["Keterangan"]
    with pytest.raises(AlaskakiError, match="p99"):
        write_rapor(result, tmp_path, participant="p99")


def test_reviewer_is_configurable(result, tmp_path):
    cfg = tmp_path / "peninjau.yml"
    cfg.write_text(
        "kantor:\n  nama: Diskoperindag Kota Mojokerto\npeninjau:\n  nama: Ibu Peninjau\n  jabatan: Kepala Bidang\n",
        encoding="utf-8",
    )
    write_reports(result, tmp_path, formats="html", reviewer=cfg)
    html = (tmp_path / "laporan-kompetensi.html").read_text(encoding="utf-8")
    assert (
        "Diskoperindag Kota Mojokerto" in html and "Peninjau: Ibu Peninjau, Kepala Bidang" in html
    )
    assert "Diskopukmperindag" not in html
    assert load_reviewer({"kantor": "Kantor X"}).kantor == "Kantor X"


def test_unknown_format_is_refused(result, tmp_path):
    with pytest.raises(AlaskakiError, match="docx"):
        write_reports(result, tmp_path, formats=("html", "docx"))
