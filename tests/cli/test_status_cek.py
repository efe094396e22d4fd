"""Self-check attempts (first-try success vs persistence) in `alaskaki status` and the trainer's report.

Read from the collected notebook's outputs (issue 19 req. 3); readiness information only.
"""

from __future__ import annotations

import json

from alaskaki import cli, paths
from alaskaki.competency.engine import read_workshop
from alaskaki.competency.model import ModuleRecord
from alaskaki.exercises import attempts
from alaskaki.folder import Folder
from alaskaki.workshop.status import Entry

MODUL = "m3-biaya-produksi"


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _tried(nb: dict, call: str, history: list[bool], gid: str) -> None:
    cell = next(c for c in nb["cells"] if "".join(c["source"]).strip() == call)
    cell["outputs"] = [
        {
            "output_type": "display_data",
            "data": {"text/plain": "✅ Benar." if history[-1] else "❌ Belum tepat."},
            "metadata": attempts.metadata(gid, history),
        }
    ]


def test_status_and_report_show_first_try_success_and_persistence(capsys, tmp_path):
    ws = tmp_path / "ws"
    roster = paths.dataset("contoh_peserta.csv")
    assert run(capsys, "init", str(ws), "--roster", str(roster), "--nama", "Uji cek")[0] == 0
    assert run(capsys, "release", MODUL, "--workshop", str(ws))[0] == 0
    nb = json.loads(Folder(ws).release_notebook(MODUL).read_text(encoding="utf-8"))
    _tried(nb, "latihan.cek_luas_kulit(luas_kulit_ft2)", [True], "m3_luas_kulit")
    _tried(nb, "latihan.cek_upah(upah_per_pasang)", [False, False, True], "m3_upah")
    _tried(nb, "latihan.cek_hpp(hpp)", [False, False], "m3_hpp")
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    (inbox / f"p01_{MODUL}.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    code, _, err = run(capsys, "collect", MODUL, "--from", str(inbox), "--workshop", str(ws))
    assert code == 0, err

    code, out, _ = run(capsys, "--json", "status", "--modul", MODUL, "--workshop", str(ws))
    assert code == 0
    data = json.loads(out)
    p01 = next(r for r in data["rincian"] if r["peserta"] == "p01")
    assert (p01["cek_dicoba"], p01["cek_benar_pertama"], p01["cek_benar_setelah_mencoba"]) == (
        3,
        1,
        1,
    )
    assert data["ringkasan"][MODUL]["cek_benar_setelah_mencoba"] == 1
    code, text, _ = run(capsys, "status", "--modul", MODUL, "--workshop", str(ws))
    assert "3 dicek: 1 benar langsung, 1 benar setelah mencoba lagi, 1 belum benar" in text
    assert "kesiapan, bukan bukti K/BK" in text

    # the trainer's report reads the same file (graded or not)
    wd = read_workshop(ws)
    rec = next(m for m in wd.modules["p01"] if m.modul == MODUL)
    assert (rec.cek_dicoba, rec.cek_benar_pertama, rec.cek_benar_setelah_mencoba) == (3, 1, 1)
    assert all(m.cek_dicoba == 0 for pid, ms in wd.modules.items() if pid != "p01" for m in ms)


def test_report_table_columns_and_entry_phrase():
    e = Entry("p01", "Ani", MODUL, None, 1, False, True, False, 5, 9, cek_dicoba=4)
    assert e.cek.startswith("4 dicek: 0 benar langsung")
    assert Entry("p02", "Budi", MODUL, None, 0, False, False, False, None, None).cek == ""
    rec = ModuleRecord(MODUL, "L1", True, cek_dicoba=2, cek_benar_pertama=1)
    assert ModuleRecord(**dict(rec.__dict__)) == rec  # survives the JSON round trip of reports


def test_unreadable_or_foreign_files_are_skipped(tmp_path):
    (tmp_path / "a.ipynb").write_text("{rusak", encoding="utf-8")
    (tmp_path / "b.ipynb").write_text("[1, 2]", encoding="utf-8")
    assert attempts.read_submission(tmp_path) == {}
    assert attempts.read_submission(tmp_path / "tidak-ada") == {}
    assert attempts.summarise({}) == {
        "dicoba": 0,
        "benar_pertama": 0,
        "benar_setelah_mencoba": 0,
        "belum_benar": 0,
        "percobaan": 0,
    }
