"""``alaskaki cetak``: a form printed from its markdown, the key printed from the grader's own key."""

from __future__ import annotations

import html
import sys

from alaskaki import cli
from alaskaki_kunci import bank


def _plain(text: str) -> str:
    return html.unescape(text)


def test_printed_form_holds_every_question_and_option_and_no_answer(tmp_path):
    out = tmp_path / "akhir.html"
    assert cli.main(["cetak", "asesmen-akhir", "--out", str(out)]) == 0
    page = _plain(out.read_text(encoding="utf-8"))
    for b in bank.form(bank.AKHIR):
        first = b.teks.split("*")[0][:60]
        assert first in page, b.grade_id
        for opsi in b.opsi:
            assert opsi.split("*")[0][:50] in page
    assert page.count('class="jawab"') == len(bank.form(bank.AKHIR))
    assert "BEGIN SOLUTION" not in page and "alaskaki_kunci" not in page and "kunci.uji" not in page


def test_key_printout_is_the_graders_key(tmp_path):
    out = tmp_path / "kunci.html"
    assert cli.main(["cetak", "asesmen-awal", "--kunci", "--out", str(out)]) == 0
    page = _plain(out.read_text(encoding="utf-8"))
    for b in bank.form(bank.AWAL):
        row = page[page.index(f"<td>{b.grade_id}</td>") :].split("</tr>")[0]
        assert b.kriteria in row
        if b.jenis == "huruf":
            assert f"<b>{b.jawaban}</b>" in row
        else:
            assert bank.num(float(b.jawaban), 2) in row


def test_key_printout_needs_the_trainer_install(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "alaskaki_kunci.cetak", None)  # as if not installed
    rc = cli.main(["cetak", "asesmen-akhir", "--kunci", "--out", str(tmp_path / "k.html")])
    assert rc != 0
    assert "instalasi pelatih" in capsys.readouterr().err
    assert not (tmp_path / "k.html").exists()


def test_reference_sheet_prints(tmp_path):
    out = tmp_path / "ref.html"
    assert cli.main(["cetak", "lembar-rujukan", "--out", str(out)]) == 0
    page = _plain(out.read_text(encoding="utf-8"))
    assert "Tabel II-A" in page and "Catatan 4(a)" in page and "01-01-2027" in page


def test_printed_form_has_paper_instructions_not_notebook_ones(tmp_path):
    out = tmp_path / "akhir.html"
    assert cli.main(["cetak", "asesmen-akhir", "--out", str(out)]) == 0
    page = _plain(out.read_text(encoding="utf-8"))
    for screen_only in ("None", "Shift", "Ctrl + S", "jalankan sel", "tanda petik"):
        assert screen_only not in page, screen_only
    assert "Menjawab di kertas" in page and "1.234,5" in page


def test_key_printout_is_readable_by_the_trainer_only(tmp_path):
    import stat

    out = tmp_path / "kunci.html"
    out.write_text("lama", encoding="utf-8")
    out.chmod(0o644)
    assert cli.main(["cetak", "asesmen-akhir", "--kunci", "--out", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "KUNCI" in out.read_text(encoding="utf-8")


def test_workshop_form_and_key_are_the_workshops_own(tmp_path):
    """--workshop prints that workshop's form and the key its hidden tests grade with."""
    from alaskaki.workshop import course
    from alaskaki_kunci import bengkel

    ws = course.init_workshop(tmp_path / "ws", modules=[bank.AKHIR])
    rahasia = bengkel.baca_rahasia(ws.root)
    own = bank.form(bank.AKHIR, rahasia)
    form_out, key_out = tmp_path / "form.html", tmp_path / "kunci.html"
    assert cli.main(["cetak", "asesmen-akhir", "-w", str(ws.root), "--out", str(form_out)]) == 0
    assert (
        cli.main(["cetak", "asesmen-akhir", "--kunci", "-w", str(ws.root), "--out", str(key_out)])
        == 0
    )
    page = _plain(form_out.read_text(encoding="utf-8"))
    key = _plain(key_out.read_text(encoding="utf-8"))
    differ = 0
    for b, c in zip(own, bank.form(bank.AKHIR), strict=True):
        assert b.teks.split("*")[0][:60] in page, b.grade_id
        row = key[key.index(f"<td>{b.grade_id}</td>") :].split("</tr>")[0]
        if b.jenis == "huruf":
            assert f"<b>{b.jawaban}</b>" in row and b.opsi[bank.HURUF.index(b.jawaban)] in row
        else:
            assert bank.num(float(b.jawaban), 2) in row
        differ += b.teks != c.teks
    assert differ >= 30  # not the kit's committed form
