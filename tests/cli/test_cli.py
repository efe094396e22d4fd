"""The `alaskaki` command through its real entry point, in-process."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from alaskaki import paths
from alaskaki.cli import main
from alaskaki.errors import EXIT_CONFLICT, EXIT_INPUT, EXIT_NOT_FOUND
from alaskaki.folder import Folder


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_help_lists_commands_in_indonesian(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "cara pakai:" in out and "pilihan:" in out
    for cmd in (
        "init",
        "roster",
        "release",
        "collect",
        "grade",
        "feedback",
        "report",
        "status",
        "demo",
        "dashboard",
    ):
        assert cmd in out
    assert "kumpulkan jawaban peserta" in out and "usage:" not in out


def test_console_script_is_installed():
    exe = paths.KIT_ROOT / ".venv" / "bin" / "alaskaki"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "alaskaki"]
    res = subprocess.run([*cmd, "--version"], capture_output=True, text=True, check=True)
    assert res.stdout.startswith("alaskaki ")


def test_unknown_command_is_refused_in_indonesian(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["terbang"])
    assert exc.value.code == 2
    assert "pilihan tidak dikenal" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["release", "cetak"])
def test_the_two_batch_answers_together_are_refused_in_indonesian(capsys, command):
    with pytest.raises(SystemExit) as exc:
        main([command, "asesmen-akhir", "--angkatan-sama", "--angkatan-baru"])
    err = capsys.readouterr().err
    assert exc.value.code == 2
    assert "--angkatan-baru tidak boleh dipakai bersama --angkatan-sama" in err, err
    assert "not allowed" not in err and "argument" not in err and "usage:" not in err, err


def test_workshop_commands_outside_a_workshop_say_what_to_do(capsys, tmp_path):
    code, _, err = run(capsys, "status", "--workshop", str(tmp_path))
    assert code == EXIT_NOT_FOUND
    assert "bukan folder lokakarya" in err and "alaskaki init" in err
    assert "Traceback" not in err


def test_init_refuses_a_folder_with_other_files(capsys, tmp_path):
    (tmp_path / "penting.txt").write_text("jangan ditimpa")
    code, _, err = run(capsys, "init", str(tmp_path))
    assert code == EXIT_CONFLICT and "sudah berisi file lain" in err
    assert (tmp_path / "penting.txt").read_text() == "jangan ditimpa"


def test_init_refuses_the_kit_tree(capsys):
    code, _, err = run(capsys, "init", str(paths.KIT_ROOT / "lokakarya-salah"))
    assert code == EXIT_CONFLICT and "di dalam folder kit" in err
    assert not (paths.KIT_ROOT / "lokakarya-salah").exists()


@pytest.mark.slow
def test_workshop_flow_errors_and_status(capsys, tmp_path):
    ws = tmp_path / "ws"
    roster = paths.dataset("contoh_peserta.csv")
    code, out, err = run(capsys, "init", str(ws), "--roster", str(roster), "--nama", "Uji CLI")
    assert code == 0, err
    assert "Lokakarya dibuat" in out

    bad = tmp_path / "rusak.csv"
    bad.write_text("id,nama,ikm,kelurahan,jenis_kelamin,peran\np01,Ani,,,X,\n")
    code, _, err = run(capsys, "roster", "import", str(bad), "--workshop", str(ws))
    assert code == EXIT_INPUT and "baris 2, kolom jenis_kelamin" in err

    code, _, err = run(capsys, "release", "m9-tidak-ada", "--workshop", str(ws))
    assert code == EXIT_NOT_FOUND and "m9-tidak-ada" in err and "m3-biaya-produksi" in err

    code, out, err = run(
        capsys, "release", "m3-biaya-produksi", "--batas", "2026-12-01 17:00", "--workshop", str(ws)
    )
    assert code == 0, err
    assert Folder(ws).release_notebook("m3-biaya-produksi").is_file()

    empty = tmp_path / "kosong"
    empty.mkdir()
    code, _, err = run(
        capsys, "collect", "m3-biaya-produksi", "--from", str(empty), "--workshop", str(ws)
    )
    assert code == EXIT_INPUT and "Tidak ada file notebook" in err

    inbox = tmp_path / "masuk"
    inbox.mkdir()
    released = Folder(ws).release_notebook("m3-biaya-produksi").read_text()
    (inbox / "p01_m3-biaya-produksi.ipynb").write_text(released)
    (inbox / "x99_m3-biaya-produksi.ipynb").write_text(released)
    code, out, err = run(
        capsys, "collect", "m3-biaya-produksi", "--from", str(inbox), "--workshop", str(ws)
    )
    assert code != 0 and "x99" in out and "tidak ada di daftar peserta" in out
    assert (Folder(ws).submitted("p01", "m3-biaya-produksi") / "m3-biaya-produksi.ipynb").is_file()

    code, out, _ = run(
        capsys, "--json", "status", "--modul", "m3-biaya-produksi", "--workshop", str(ws)
    )
    assert code == 0
    data = json.loads(out)
    assert data["ringkasan"]["m3-biaya-produksi"]["peserta"] == 24
    assert data["ringkasan"]["m3-biaya-produksi"]["mengumpulkan"] == 1

    # tokens: the card, a file with another participant's token is held, the trainer chooses
    code, out, _ = run(capsys, "--json", "kartu", "--workshop", str(ws))
    tokens = {r["id"]: r["token"] for r in json.loads(out)}
    assert code == 0 and len(tokens) == 24
    for pid, tok in (("p02", tokens["p03"]), ("p04", tokens["p04"])):
        nb = json.loads(released)
        setup = next(c for c in nb["cells"] if "ID_PESERTA" in "".join(c["source"]))
        setup["source"] = f'ID_PESERTA = "{pid}"\nTOKEN_PESERTA = "{tok}"\n'
        (inbox / f"{pid}_m3-biaya-produksi.ipynb").write_text(json.dumps(nb))
    (inbox / "x99_m3-biaya-produksi.ipynb").unlink()
    code, out, err = run(
        capsys,
        "collect",
        "m3-biaya-produksi",
        "--from",
        str(inbox),
        "--workshop",
        str(ws),
        "--diterima",
        "2026-12-01 16:55",
    )
    assert code != 0, out
    assert "DITAHAN p02_m3-biaya-produksi.ipynb (untuk p02): TOKEN_PESERTA milik p03" in out
    assert "--pilih" in out and "p04" in out
    code, out, err = run(
        capsys,
        "collect",
        "m3-biaya-produksi",
        "--pilih",
        "p02_m3-biaya-produksi.ipynb",
        "--workshop",
        str(ws),
    )
    assert code == 0 and "Dipasang untuk dinilai: p02" in out, out + err


@pytest.mark.slow
def test_init_pins_the_competency_framework_of_its_notebooks(tmp_path):
    from alaskaki.competency import assess
    from alaskaki.workshop import init_workshop

    full = init_workshop(tmp_path / "penuh")
    snapshot = full.framework_file
    assert snapshot.read_bytes() == (paths.GRADING_DIR / "kompetensi.yml").read_bytes()
    assert assess(full.root).units  # the pinned copy validates against the workshop's own notebooks
    part = init_workshop(tmp_path / "sebagian", modules=["m3-biaya-produksi"])
    assert not part.framework_file.exists()  # a subset keeps the kit's file


@pytest.mark.slow
def test_release_in_a_copy_asks_which_batch_and_the_flags_answer(tmp_path, capsys):
    """A copy of a folder whose asesmen-akhir went out, with one participant added to its roster:
    `release` stops with one sentence naming the form, the new id and both flags (nothing changed);
    `--angkatan-sama` keeps the form the batch is sitting (same key), `--angkatan-baru` in another
    such copy draws a form of its own; the two flags together are refused by the parser."""
    from alaskaki.workshop.course import init_workshop
    from alaskaki_kunci.bengkel import kunci_form

    def key(root):
        nb = Folder(root).source_notebook("asesmen-akhir")
        return {r["grade_id"]: r["harapan"] for r in kunci_form(nb)}

    home = tmp_path / "lokakarya"
    init_workshop(home, roster=paths.dataset("contoh_peserta.csv"), modules=["asesmen-akhir"])
    assert run(capsys, "release", "asesmen-akhir", "--workshop", str(home))[0] == 0
    sitting = key(home)
    joiner = tmp_path / "susulan.csv"
    joiner.write_text(
        "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"
        "p99,Rina Susanti,UD Alas Kaki Sentanan,Sentanan,P,penjahit\n",
        encoding="utf-8",
    )
    copies = {}
    for name in ("sama", "baru"):
        copies[name] = tmp_path / f"salinan-{name}"
        subprocess.run(["cp", "-a", str(home), str(copies[name])], check=True)
        assert run(capsys, "roster", "import", str(joiner), "--workshop", str(copies[name]))[0] == 0

    code, _, err = run(capsys, "release", "asesmen-akhir", "--workshop", str(copies["sama"]))
    assert code == EXIT_CONFLICT, err
    assert "asesmen-akhir" in err and "p99" in err, err
    assert "--angkatan-sama" in err and "--angkatan-baru" in err, err
    assert key(copies["sama"]) == sitting

    with pytest.raises(SystemExit) as exc:
        main(["release", "asesmen-akhir", "--angkatan-sama", "--angkatan-baru"])
    assert exc.value.code == 2
    capsys.readouterr()

    same = ["release", "asesmen-akhir", "--angkatan-sama", "--workshop", str(copies["sama"])]
    code, _, err = run(capsys, *same)
    assert code == 0, err
    assert key(copies["sama"]) == sitting

    new = ["release", "asesmen-akhir", "--angkatan-baru", "--workshop", str(copies["baru"])]
    code, _, err = run(capsys, *new)
    assert code == 0, err
    mine = key(copies["baru"])
    assert sum(mine[g] == sitting.get(g) for g in mine) <= len(mine) // 2, err
    assert key(home) == sitting


def test_roster_import_keeps_a_persons_work_under_their_id_and_fixes_a_spelling_on_request(
    capsys, tmp_path
):
    """R68 through the command: p01 (Siti Aminah) has a sheet in the folder; a file giving p01
    another name is refused, naming the row, both names and the two ways out, and nothing is
    written; `--perbaiki-nama p01` (a spelling fix of the same person) imports it."""
    from alaskaki.workshop import init_workshop

    ws = init_workshop(tmp_path / "ws", roster=paths.dataset("contoh_peserta.csv"), modules=[])
    sheet = ws.submitted("p01", "m3-biaya-produksi")
    sheet.mkdir(parents=True)
    (sheet / "m3-biaya-produksi.ipynb").write_text("{}", encoding="utf-8")
    other = tmp_path / "ejaan.csv"
    other.write_text("id,nama,ikm,kelurahan,jenis_kelamin,peran\np01,Siti Aminnah,,,P,\n")
    before = ws.roster_path.read_bytes()
    code, _, err = run(capsys, "roster", "import", str(other), "-w", str(ws.root))
    assert code == EXIT_INPUT, err
    assert "baris 2, id p01" in err and "'Siti Aminnah'" in err and "'Siti Aminah'" in err, err
    assert "id baru" in err and "--perbaiki-nama p01" in err, err
    assert ws.roster_path.read_bytes() == before
    code, out, err = run(
        capsys, "roster", "import", str(other), "--perbaiki-nama", "p01", "-w", str(ws.root)
    )
    assert code == 0 and "1 diperbarui" in out, err
    assert {p.id: p.nama for p in ws.participants()}["p01"] == "Siti Aminnah"


def test_report_without_format_writes_every_report_format(capsys, tmp_path):
    """`alaskaki report` with no --format writes each of the report package's formats (the CLI
    keeps no list of its own that could fall behind)."""
    from competencykit import sample_workshop

    from alaskaki.report import FORMATS

    ws = sample_workshop(tmp_path / "w1")
    out = tmp_path / "laporan"
    code, _, err = run(capsys, "report", "-w", str(ws), "--out", str(out))
    assert code == 0, err
    made = {p.suffix.lstrip(".") for p in out.iterdir() if p.name.startswith("laporan-")}
    assert made == set(FORMATS)
    code, _, err = run(
        capsys, "report", "-w", str(ws), "--out", str(tmp_path / "b"), "--format", "json"
    )
    assert code == 0, err
    assert [p.name for p in (tmp_path / "b").glob("laporan-*")] == ["laporan-kompetensi.json"]
