"""Reports say what is known (issue 14 req. 5) and anonymous reports are k-anonymous (req. 6).

Grading states per participant × module: belum dikumpulkan · dikumpulkan, belum dinilai ·
menunggu penilaian pelatih · perlu dinilai ulang (resubmitted after grading) · sudah dinilai.
Every format (HTML, XLSX, CSV, JSON, rapor) shows them and warns when the report is incomplete.
Built on nbgrader's real Gradebook API (WorkshopBuilder), no mocks.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from competencykit import (
    M3,
    sample_builder,
    sample_framework,
    synthetic_result,
)

from alaskaki.competency import assess
from alaskaki.competency.model import (
    BELUM_DIKUMPULKAN,
    BELUM_DINILAI,
    BELUM_DINILAI_MODUL,
    KOMPETEN,
    MENUNGGU_PELATIH,
    PERLU_DINILAI_ULANG,
    SUDAH_DINILAI,
)
from alaskaki.errors import AlaskakiError
from alaskaki.folder import Folder
from alaskaki.report import anonymise, write_rapor, write_reports
from alaskaki.report.views import QUASI_IDENTIFIERS

FULL = {"m3_luas_kulit": 1, "m3_biaya_kulit": 1, "m3_upah": 2}
POST = {"as_bya_1": 2, "as_bya_2": 2, "as_eks_1": 2}
ON_TIME = "2026-01-12 10:00:00"


def _submitted(wdir: Path, pid: str, module: str, when: str) -> None:
    """What collect leaves in nbgrader's submitted/ folder: the notebook and timestamp.txt."""
    folder = Folder(wdir).submitted(pid, module)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{module}.ipynb").write_text("{}", encoding="utf-8")
    (folder / "timestamp.txt").write_text(f"{when}.000000 UTC", encoding="utf-8")


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    """One participant per grading state of m3 (and p01 complete everywhere)."""
    tmp = tmp_path_factory.mktemp("keadaan")
    wb = sample_builder(tmp / "w")
    for pid, nama in [
        ("p01", "Siti Aminah"),
        ("p02", "Budi Santoso"),
        ("p03", "Dewi Lestari"),
        ("p04", "Agus Salim"),
        ("p05", "Rina Wati"),
    ]:
        wb.participant(pid, nama=nama)
    for pid in ("p01", "p02", "p03"):
        wb.submit(pid, "asesmen-akhir", POST, timestamp=ON_TIME)
    wb.submit("p01", M3, FULL, manual={"m3_studi_kasus": 4}, timestamp=ON_TIME)  # graded
    wb.submit("p02", M3, FULL, timestamp=ON_TIME)  # the rubric cell waits for the trainer
    wb.submit("p03", M3, FULL, manual={"m3_studi_kasus": 4}, timestamp=ON_TIME)
    wdir = wb.close()
    for pid in ("p01", "p02", "p03"):
        _submitted(wdir, pid, M3, ON_TIME)
        _submitted(wdir, pid, "asesmen-akhir", ON_TIME)
    _submitted(wdir, "p03", M3, "2026-01-13 08:00:00")  # resubmitted after grading
    _submitted(wdir, "p04", M3, ON_TIME)  # collected, grading not run yet
    result = assess(wdir, framework=sample_framework(tmp, Folder(wdir).source()))
    return tmp, result


def _m3(result, pid):
    return next(m for m in result.participant(pid).modul if m.modul == M3)


def test_each_grading_state_is_distinct(states):
    _, r = states
    assert [_m3(r, p).keadaan for p in ("p01", "p02", "p03", "p04", "p05")] == [
        SUDAH_DINILAI,
        MENUNGGU_PELATIH,
        PERLU_DINILAI_ULANG,
        BELUM_DINILAI_MODUL,
        BELUM_DIKUMPULKAN,
    ]
    assert _m3(r, "p02").menunggu_manual == 1
    assert _m3(r, "p03").waktu_baru.startswith("2026-01-13T08:00")
    assert _m3(r, "p04").dikumpulkan and _m3(r, "p04").skor is None
    assert not _m3(r, "p05").dikumpulkan


def test_stale_grade_does_not_keep_the_old_kompeten(states):
    _, r = states
    assert r.participant("p01").units["BYA-01"].status == KOMPETEN
    u = r.participant("p03").units["BYA-01"]
    assert u.status == BELUM_DINILAI, "a resubmission not regraded must not keep 'Kompeten'"
    studi = next(c for c in u.kriteria if c.kode == "BYA-01.2.1")
    assert studi.status == "belum dinilai" and all(e.basi for e in studi.uji)


@pytest.fixture(scope="module")
def files(states):
    tmp, r = states
    out = tmp / "laporan"
    write_reports(r, out)
    return out, r


def test_module_view_counts_each_state_in_csv_and_xlsx(files):
    out, _ = files
    with (out / "laporan-modul.csv").open(encoding="utf-8") as fh:
        m3 = next(row for row in csv.DictReader(fh) if row["Modul"] == M3)
    assert (
        m3["Peserta"],
        m3["Dikumpulkan"],
        m3["Sudah dinilai"],
        m3["Dikumpulkan, belum dinilai"],
        m3["Menunggu penilaian pelatih"],
        m3["Perlu dinilai ulang"],
    ) == ("5", "4", "1", "1", "1", "1")
    wb = openpyxl.load_workbook(out / "laporan-kompetensi.xlsx", read_only=True)
    rows = list(wb["pengumpulan"].iter_rows(values_only=True))
    head = rows[0]
    keadaan = {r[0]: r[head.index("Keadaan")] for r in rows[1:] if r[head.index("Modul")] == M3}
    assert keadaan == {
        "p01": SUDAH_DINILAI,
        "p02": MENUNGGU_PELATIH,
        "p03": PERLU_DINILAI_ULANG,
        "p04": BELUM_DINILAI_MODUL,
        "p05": BELUM_DIKUMPULKAN,
    }


def test_participant_row_names_what_is_not_yet_graded(files):
    out, _ = files
    with (out / "laporan-peserta.csv").open(encoding="utf-8") as fh:
        rows = {row["ID"]: row for row in csv.DictReader(fh)}
    assert rows["p01"]["Keadaan penilaian"] == "lengkap"
    assert f"{M3}: {MENUNGGU_PELATIH}" in rows["p02"]["Keadaan penilaian"]
    assert f"{M3}: {PERLU_DINILAI_ULANG}" in rows["p03"]["Keadaan penilaian"]
    assert f"{M3}: {BELUM_DINILAI_MODUL}" in rows["p04"]["Keadaan penilaian"]


def test_incomplete_report_warns_in_every_format(files):
    out, _ = files
    warning = "belum lengkap"
    assert warning in (out / "laporan-kompetensi.html").read_text(encoding="utf-8")
    assert 'class="peringatan"' in (out / "laporan-kompetensi.html").read_text(encoding="utf-8")
    wb = openpyxl.load_workbook(out / "laporan-kompetensi.xlsx", read_only=True)
    first = [r[0] for r in wb["keterangan"].iter_rows(values_only=True) if r and r[0]]
    assert any(warning in str(x) for x in first[:6]), (
        "the warning is near the top of the first sheet"
    )
    catatan = (out / "laporan-catatan.csv").read_text(encoding="utf-8")
    assert warning in catatan and "perlu dinilai ulang" in catatan
    data = json.loads((out / "laporan-kompetensi.json").read_text(encoding="utf-8"))
    assert data["lengkap"] is False and any(warning in c for c in data["catatan"])


def test_rapor_says_the_module_waits_for_regrading(states, tmp_path):
    _, r = states
    write_rapor(r, tmp_path, participant="p03", formats=("html",))
    text = (tmp_path / "rapor-p03.html").read_text(encoding="utf-8")
    assert "perlu dinilai ulang" in text and "belum lengkap" in text


def test_complete_report_says_so(tmp_path):
    wb = sample_builder(tmp_path / "w")
    wb.participant("p01", nama="Siti Aminah")
    wb.submit("p01", M3, FULL, manual={"m3_studi_kasus": 4}, timestamp=ON_TIME)
    wdir = wb.close()
    r = assess(wdir, framework=sample_framework(tmp_path, Folder(wdir).source()))
    out = tmp_path / "laporan"
    write_reports(r, out, formats="html,json")
    html = (out / "laporan-kompetensi.html").read_text(encoding="utf-8")
    assert 'class="peringatan"' not in html
    assert json.loads((out / "laporan-kompetensi.json").read_text(encoding="utf-8"))["lengkap"]


# ---- uji and latihan side by side --------------------------------------------------------------


def test_every_format_shows_uji_status_and_latihan_readiness(files):
    out, _ = files
    with (out / "laporan-kesiapan.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["Unit"] == "BYA-01"]
    p01 = next(r for r in rows if r["ID"] == "p01")
    assert p01["Status (uji)"] == KOMPETEN
    assert float(p01["Latihan selesai"]) == 1.0 and float(p01["Skor latihan"]) == 1.0
    html = (out / "laporan-kompetensi.html").read_text(encoding="utf-8")
    assert "tabel-kesiapan" in html and "Skor latihan" in html
    data = json.loads((out / "laporan-kompetensi.json").read_text(encoding="utf-8"))
    unit = next(p for p in data["participants"] if p["id"] == "p01")["units"]["BYA-01"]
    assert unit["status"] == KOMPETEN and unit["latihan_skor"] == 1.0
    with (out / "laporan-unit.csv").open(encoding="utf-8") as fh:
        bya = next(r for r in csv.DictReader(fh) if r["Unit"] == "BYA-01")
    assert "Rata-rata skor latihan" in bya


# ---- anonymous reports: only anonymous files, k-anonymous over the quasi-identifiers ---------


def _all_text(paths: list[Path]) -> str:
    chunks = []
    for p in paths:
        if p.suffix == ".xlsx":
            wb = openpyxl.load_workbook(p, read_only=True)
            for ws in wb.worksheets:
                for row in ws.iter_rows(values_only=True):
                    chunks += [str(c) for c in row if c is not None]
        else:
            chunks.append(p.read_text(encoding="utf-8"))
    return "\n".join(chunks)


def _classes(rows: list[dict]) -> Counter:
    return Counter(tuple(r[c] for c in QUASI_IDENTIFIERS.values()) for r in rows)


@pytest.mark.parametrize("k", [5, 8])
def test_anonymous_report_has_no_name_and_every_group_has_k(tmp_path, k):
    result = synthetic_result(60, workshops=2, seed=3)
    names = [p.nama for p in result.participants]
    ids = [p.id for p in result.participants]
    written = write_reports(result, tmp_path, anonim=True, anonim_k=k)
    assert written and all("-anonim" in p.name for p in written)
    text = _all_text(written)
    leaked = [n for n in names + ids if n in text]
    assert not leaked, leaked[:5]
    with (tmp_path / "laporan-peserta-anonim.csv").open(encoding="utf-8") as fh:
        people = list(csv.DictReader(fh))
    assert len(people) == 60
    assert min(_classes(people).values()) >= k
    for attr, label in QUASI_IDENTIFIERS.items():
        with (tmp_path / f"laporan-per_{attr}-anonim.csv").open(encoding="utf-8") as fh:
            groups = list(csv.DictReader(fh))
        assert groups and all(int(g["Peserta"]) >= k for g in groups), (label, groups[:3])
    # the rule is stated in the files
    assert f"k = {k}" in (tmp_path / "laporan-catatan-anonim.csv").read_text(encoding="utf-8")
    assert f"k = {k}" in (tmp_path / "laporan-kompetensi-anonim.html").read_text(encoding="utf-8")


def test_rare_values_are_merged_not_everything_hidden():
    """Common values survive; a kelurahan with fewer than k participants becomes '(lainnya)'."""
    result = synthetic_result(200, workshops=1, seed=5)
    anon = anonymise(result, k=5)
    assert {p.jenis_kelamin for p in anon.participants} <= {"L", "P"}
    assert anon.catatan and any("k = 5" in c for c in anon.catatan)
    assert min(_classes([_qi(p) for p in anon.participants]).values()) >= 5


def _qi(p) -> dict:
    return {label: getattr(p, attr) for attr, label in QUASI_IDENTIFIERS.items()}


def test_fewer_participants_than_k_is_refused(tmp_path):
    result = synthetic_result(4, workshops=1)
    with pytest.raises(AlaskakiError, match="kurang dari 5"):
        write_reports(result, tmp_path, anonim=True)
    assert not list(tmp_path.iterdir())


def test_there_is_no_anonymous_rapor(tmp_path):
    result = synthetic_result(10, workshops=1)
    with pytest.raises(AlaskakiError, match="rapor"):
        write_rapor(result, tmp_path, anonim=True)
    assert not list(tmp_path.iterdir())


# ---- participant feedback and `alaskaki status` on rubric cells nobody has graded --------------


def test_feedback_says_waiting_for_the_trainer_not_zero():
    from alaskaki import authoring
    from alaskaki.workshop.feedback import _render

    nb = authoring.notebook(
        [
            authoring.answer("m7_a_jawab", "a = 1"),
            authoring.test("m7_a", 1, '"""Memeriksa a."""\nassert a == 1'),
            authoring.manual("m7_esai", 4),
        ]
    )
    grades = {"m7_a": (1.0, 1.0), "m7_esai": (None, 4.0)}
    page = _render("p01", "Siti", "m7-daya-saing", nb, grades, {}, (1.0, 5.0), 0.0)
    text = page.split("</style>")[1]
    assert "menunggu penilaian pelatih" in text
    assert "0 / 4" not in text and "– / 4" not in text
    assert "sementara" in text  # the total is not final while a rubric cell waits


def test_status_does_not_call_pending_rubric_cells_graded(tmp_path):
    from alaskaki.workshop import Workshop, workshop_status

    wb = sample_builder(tmp_path / "w")
    attrs = {"ikm": "CV Contoh", "kelurahan": "Miji", "jenis_kelamin": "P", "peran": "admin"}
    wb.participant("p01", nama="Siti Aminah", **attrs)
    wb.participant("p02", nama="Budi Santoso", **attrs)
    wb.submit("p01", M3, FULL, timestamp=ON_TIME)  # studi kasus (rubric) not scored
    wb.submit("p02", M3, FULL, manual={"m3_studi_kasus": 4}, timestamp=ON_TIME)
    wdir = wb.close()
    Folder(wdir).config_file.write_text(
        'c = get_config()\nc.CourseDirectory.course_id = "alaskaki"\n', encoding="utf-8"
    )
    for pid in ("p01", "p02"):
        _submitted(wdir, pid, M3, ON_TIME)
        Folder(wdir).autograded(pid, M3).mkdir(parents=True)
    st = workshop_status(Workshop.open(wdir), modul=M3)
    by = {e.peserta: e for e in st.entries}
    assert by["p01"].keadaan == MENUNGGU_PELATIH and by["p01"].menunggu == 1
    assert by["p02"].keadaan == SUDAH_DINILAI
    summary = st.by_module()[M3]
    assert summary["dinilai"] == 1 and summary["menunggu_pelatih"] == 1


def test_cli_report_anonim_with_rapor_writes_only_anonymous_files_and_says_so(tmp_path, capsys):
    from competencykit import SAMPLE_PEOPLE, sample_workshop

    from alaskaki.cli import main

    wdir = sample_workshop(tmp_path / "w")
    Folder(wdir).config_file.write_text(
        'c = get_config()\nc.CourseDirectory.course_id = "alaskaki"\n', encoding="utf-8"
    )
    out = tmp_path / "laporan"
    code = main(["report", "--anonim", "--rapor", "--workshop", str(wdir), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "Rapor tidak dibuat" in err
    files = [p for p in out.rglob("*") if p.is_file()]
    assert files and all("-anonim" in p.name for p in files), files
    text = _all_text(files)
    assert not [n for n, *_ in SAMPLE_PEOPLE.values() if n in text]
    # k is configurable; six participants cannot be 7-anonymous: refused, nothing written
    again = tmp_path / "lagi"
    code = main(
        ["report", "--anonim", "--anonim-k", "7", "--workshop", str(wdir), "--out", str(again)]
    )
    assert code != 0 and "kurang dari 7" in capsys.readouterr().err
    assert not any(again.rglob("*.csv"))


# ---- pseudonyms: keyed by a secret of the workshop, never recomputable from the ids -----------


def _anonim_report(wdir: Path, out: Path, capsys, *extra: str) -> tuple[str, set[str]]:
    """`alaskaki report --anonim` into ``out``: (every file's text, the pseudonyms in it)."""
    import re

    from alaskaki.cli import main

    code = main(["report", "--anonim", *extra, "--workshop", str(wdir), "--out", str(out)])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    files = [p for p in out.rglob("*") if p.is_file()]
    assert {p.suffix for p in files} == {".csv", ".xlsx", ".html", ".json"}
    text = _all_text(files)
    return text + printed.out + printed.err, set(re.findall(r"Peserta-[0-9A-F]{6}", text))


def _bare_config(wdir: Path) -> None:
    Folder(wdir).config_file.write_text(
        'c = get_config()\nc.CourseDirectory.course_id = "alaskaki"\n', encoding="utf-8"
    )


def test_pseudonyms_cannot_be_recomputed_from_the_ids_and_are_the_workshops_own(
    tmp_path, capsys, monkeypatch
):
    """The kit ships ``anonim_kunci: ""``: a pseudonym keyed by it is HMAC('', id), which anyone
    with the kit computes for p01…p99 and so names every participant of an 'anonymous' file."""
    from competencykit import SAMPLE_PEOPLE, sample_workshop

    from alaskaki.report import pseudonym

    monkeypatch.delenv("ALASKAKI_PENINJAU", raising=False)  # the kit's file: anonim_kunci ""
    w1, w2 = sample_workshop(tmp_path / "w1"), sample_workshop(tmp_path / "w2", name="w2")
    for w in (w1, w2):
        _bare_config(w)
    text, first = _anonim_report(w1, tmp_path / "a", capsys)
    assert len(first) == len(SAMPLE_PEOPLE)
    reversible = {pseudonym(pid, "") for pid in SAMPLE_PEOPLE}
    assert not reversible & first and not [r for r in reversible if r in text]
    # the key is the workshop's, kept in its folder for the owner only, and never printed
    secret_file = Folder(w1).pseudonym_secret_file
    secret = secret_file.read_text(encoding="utf-8").strip()
    assert len(secret) >= 32 and secret_file.stat().st_mode & 0o077 == 0
    assert secret not in text
    assert str(w1) not in text  # the folder path names the trainer's account
    assert first == {pseudonym(pid, secret) for pid in SAMPLE_PEOPLE}
    # pre and post: a second report of the same workshop gives each person the same pseudonym
    _, again = _anonim_report(w1, tmp_path / "b", capsys)
    assert again == first
    # and so does a copy of the folder (the secret travels with it)
    copy = tmp_path / "salinan"
    import shutil

    shutil.copytree(w1, copy)
    _, copied = _anonim_report(copy, tmp_path / "c", capsys)
    assert copied == first
    # another workshop with the same ids: other pseudonyms, nothing links the two batches
    _, other = _anonim_report(w2, tmp_path / "d", capsys)
    assert len(other) == len(SAMPLE_PEOPLE) and not other & first


def test_a_configured_anonim_kunci_keeps_pseudonyms_across_workshops(tmp_path, capsys, monkeypatch):
    from competencykit import SAMPLE_PEOPLE, sample_workshop

    from alaskaki.report import pseudonym

    peninjau = tmp_path / "peninjau.yml"
    peninjau.write_text(
        "kantor: Kantor Contoh\nanonim_kunci: 5c1e9a7f3b2d48e6a0c4f8b1d7e3a962\n", encoding="utf-8"
    )
    monkeypatch.setenv("ALASKAKI_PENINJAU", str(peninjau))
    w1, w2 = sample_workshop(tmp_path / "w1"), sample_workshop(tmp_path / "w2", name="w2")
    for w in (w1, w2):
        _bare_config(w)
    _, first = _anonim_report(w1, tmp_path / "a", capsys)
    _, other = _anonim_report(w2, tmp_path / "b", capsys)
    assert (
        first
        == other
        == {pseudonym(pid, "5c1e9a7f3b2d48e6a0c4f8b1d7e3a962") for pid in SAMPLE_PEOPLE}
    )


def test_write_reports_without_a_key_never_uses_the_empty_one(tmp_path):
    from alaskaki.report import pseudonym

    result = synthetic_result(12, workshops=1, seed=2)
    text = _all_text(write_reports(result, tmp_path, anonim=True, reviewer={}))
    assert not [p.id for p in result.participants if pseudonym(p.id, "") in text]


@pytest.mark.parametrize("k", ["1", "0", "-3"])
def test_anonim_k_below_two_is_refused_in_one_sentence(tmp_path, capsys, k):
    from competencykit import sample_workshop

    from alaskaki.cli import main

    wdir = sample_workshop(tmp_path / "w")
    _bare_config(wdir)
    out = tmp_path / "lap"
    code = main(["report", "--anonim", "--anonim-k", k, "--workshop", str(wdir), "--out", str(out)])
    err = capsys.readouterr().err.strip()
    assert code == 2 and "tidak melindungi siapa pun" in err and "--anonim-k 2" in err
    assert len(err.splitlines()) == 1
    assert not out.exists() and not Folder(wdir).pseudonym_secret_file.exists()


# ---- the console says an incomplete report is incomplete -----------------------------------------


def test_cli_report_says_on_the_console_when_the_report_is_incomplete(tmp_path, capsys):
    """A trainer who reads only the console (the list of files) is warned too, exit 0."""
    from competencykit import sample_workshop

    from alaskaki.cli import main

    wdir = sample_workshop(tmp_path / "w")  # rubric cells still wait for the trainer
    _bare_config(wdir)
    out = tmp_path / "laporan"
    code = main(["report", "--workshop", str(wdir), "--out", str(out), "--format", "csv"])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    warning = [line for line in printed.err.splitlines() if line.startswith("PERHATIAN")]
    assert (
        len(warning) == 1 and "belum lengkap" in warning[0] and "menunggu penilaian" in warning[0]
    )
    # the very sentence the files carry
    assert warning[0] in (out / "laporan-catatan.csv").read_text(encoding="utf-8")
    assert "PERHATIAN" not in printed.out and str(out / "laporan-catatan.csv") in printed.out


def test_cli_report_of_a_complete_workshop_warns_nothing(tmp_path, capsys):
    from alaskaki.cli import main

    wb = sample_builder(tmp_path / "w")
    wb.participant("p01", nama="Siti Aminah")
    wb.submit("p01", M3, FULL, manual={"m3_studi_kasus": 4}, timestamp=ON_TIME)
    wdir = wb.close()
    _bare_config(wdir)
    out = tmp_path / "laporan"
    code = main(["report", "--workshop", str(wdir), "--out", str(out), "--format", "json"])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert json.loads((out / "laporan-kompetensi.json").read_text(encoding="utf-8"))["lengkap"]
    assert "PERHATIAN" not in printed.err and "belum lengkap" not in printed.err


def test_two_participants_never_share_a_pseudonym():
    """Six hex digits: among 10,000 ids about four pairs would share one name (two people shown
    as one in a city-wide anonymous report); those get a longer pseudonym, the rest keep theirs."""
    from alaskaki.report.views import pseudonym, pseudonyms

    key = "kunci-uji"
    first: dict[str, str] = {}
    for i in range(200_000):  # a pair sharing six digits under this key (birthday: ~5,000 ids)
        pid = f"x{i}"
        alias = pseudonym(pid, key)
        if alias in first:
            pair = (first[alias], pid)
            break
        first[alias] = pid
    ids = [*pair, "p01", "p02", "p03"]
    got = pseudonyms(ids, key)
    assert len(set(got.values())) == len(ids)
    assert got[pair[0]] != got[pair[1]] and len(got[pair[0]]) > len(pseudonym(pair[0], key))
    assert all(got[p] == pseudonym(p, key) for p in ("p01", "p02", "p03"))
    from dataclasses import replace

    result = synthetic_result(5, workshops=1, seed=2)
    people = [replace(p, id=pid) for p, pid in zip(result.participants, ids, strict=True)]
    anon = anonymise(replace(result, participants=people), key=key, k=2)
    assert sorted(p.id for p in anon.participants) == sorted(got.values())


def test_a_lost_pseudonym_key_is_said_not_silently_replaced(tmp_path, capsys, monkeypatch):
    """The key is deleted (a trainer tidying penilaian/): the next anonymous report names
    everyone anew, and says so, with the way back (the copy of the key)."""
    from competencykit import sample_workshop

    monkeypatch.delenv("ALASKAKI_PENINJAU", raising=False)
    wdir = sample_workshop(tmp_path / "w")
    _bare_config(wdir)
    said, first = _anonim_report(wdir, tmp_path / "a", capsys)
    assert "kunci nama samaran" not in said  # made the first time: nothing lost
    key = Folder(wdir).pseudonym_secret_file
    kept = key.read_bytes()
    key.unlink()
    said, second = _anonim_report(wdir, tmp_path / "b", capsys)
    note = [line for line in said.splitlines() if "kunci nama samaran" in line]
    assert (
        len(note) == 1
        and str(key) in note[0]
        and "berbeda" in note[0]
        and "salin kembali" in note[0]
    )
    assert not first & second
    said, third = _anonim_report(wdir, tmp_path / "c", capsys)
    assert third == second and "kunci nama samaran" not in said  # said once
    key.write_bytes(kept)  # the way back: the copy put in place
    said, again = _anonim_report(wdir, tmp_path / "d", capsys)
    assert again == first and "kunci nama samaran" not in said


def test_an_anonymous_report_holds_no_submission_time(tmp_path):
    """No submission time in any anonymous file: not the modules' and not the one each graded
    cell's evidence carries into the JSON (16 exact times in the sample's file before), and
    lateness in whole days (R90)."""
    from competencykit import sample_workshop

    wdir = sample_workshop(tmp_path / "w")
    _bare_config(wdir)
    named = assess(wdir)
    evidence = [
        e
        for p in named.participants
        for u in p.units.values()
        for c in u.kriteria
        for e in [*c.uji, *c.latihan]
    ]
    times = {e.waktu for e in evidence if e.waktu}
    times |= {m.waktu for p in named.participants for m in p.modul if m.waktu}
    assert times
    write_reports(named, tmp_path / "a", anonim=True, anonim_kunci="k" * 32, reviewer={})
    text = _all_text(list((tmp_path / "a").iterdir()))
    shown = {t[:16] for t in times} | {t[:16].replace("T", " ") for t in times}
    assert not [t for t in shown if t in text], sorted(t for t in shown if t in text)
    data = json.loads((tmp_path / "a" / "laporan-kompetensi-anonim.json").read_text("utf-8"))
    at = data["kolom"]["modul"].index("detik_terlambat")
    late = [m[at] for p in data["participants"] for m in p["modul"] if m[at]]
    assert late and all(s % 86400 == 0 for s in late)
    # the named result keeps its times (anonymise changes copies only)
    assert {e.waktu for e in evidence if e.waktu} | {
        m.waktu for p in named.participants for m in p.modul if m.waktu
    } == times
