"""A rapor batch written by forked workers is the batch written in one process: the same files,
in the participants' order, byte for byte (the PDF's creation time and /ID aside). A rapor made in
a batch reads as the one made alone, and the font cut once per process draws what the whole DejaVu
draws (text, places, pages, embedded glyphs), read back from the PDF by a small reader of fpdf2's
output. The unit table, laid out by our own one-pass line breaking, draws what fpdf2's table()
draws (the same reading, the same rectangles)."""

from __future__ import annotations

import re
import zlib

from competencykit import synthetic_result

from alaskaki.report import write_rapor
from alaskaki.report.rapor import PARALLEL_FROM, _full_fonts, render_pdf
from alaskaki.report.reviewer import load_reviewer


def _bytes(path):
    """The file without the PDF's creation time and the /ID fpdf2 derives from it."""
    data = re.sub(rb"/CreationDate \(D:[^)]*\)", b"", path.read_bytes())
    return re.sub(rb"/ID \[<[0-9A-F]+><[0-9A-F]+>\]", b"", data)


def test_parallel_rapor_batch_equals_the_sequential_one(tmp_path):
    result = synthetic_result(5, workshops=2)
    one = write_rapor(result, tmp_path / "satu", workers=1, reviewer={})
    two = write_rapor(result, tmp_path / "dua", workers=2, reviewer={})
    assert [p.name for p in one] == [p.name for p in two]
    assert [p.name for p in one][:2] == [f"rapor-{result.participants[0].id}.html",
                                         f"rapor-{result.participants[0].id}.pdf"]  # fmt: skip
    assert len(one) == 2 * len(result.participants)
    for a, b in zip(one, two, strict=True):
        assert _bytes(a) == _bytes(b), a.name


def test_a_workshop_batch_stays_in_one_process_by_default():
    # forking is for a city's batch; a workshop's few dozen rapor take seconds in one process
    assert PARALLEL_FROM > 30


def _pdf_objects(data: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    """fpdf2's objects: number -> (dictionary, stream decompressed or None)."""
    objs, i = {}, 0
    while m := re.compile(rb"(\d+) 0 obj\s*").search(data, i):
        end = data.index(b"endobj", m.end())
        head, stream = data[m.end() : end], None
        if (at := head.find(b">>\nstream")) >= 0:
            head = head[: at + 3]
            start = m.end() + at + len(b">>\nstream\n")
            stream = data[start : start + int(re.search(rb"/Length (\d+)", head).group(1))]
            end = data.index(b"endobj", start + len(stream))
            if b"/FlateDecode" in head:
                stream = zlib.decompress(stream)
        objs[int(m.group(1))] = (head, stream)
        i = end
    return objs


def _literal(s: bytes, i: int) -> tuple[bytes, int]:
    """The PDF literal string starting after the '(' at s[i-1]; returns it and the index past ')'."""
    out, depth = bytearray(), 1
    escapes = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
    while True:
        c = s[i : i + 1]
        if c == b"\\":
            n = s[i + 1 : i + 2]
            if n.isdigit():
                octal = re.match(rb"[0-7]{1,3}", s[i + 1 : i + 4]).group()
                out.append(int(octal, 8))
                i += 1 + len(octal)
                continue
            out += escapes.get(n, n)
            i += 2
            continue
        if c == b"(":
            depth += 1
        elif c == b")":
            depth -= 1
            if depth == 0:
                return bytes(out), i + 1
        out += c
        i += 1


def pdf_reading(path) -> dict:
    """What a reader of the PDF gets: the text of each page as drawn (font, size, position, the
    characters through the font's ToUnicode map), the page count and the embedded fonts (name,
    the characters each carries, the widths it declares)."""
    objs = _pdf_objects(path.read_bytes())
    ref = lambda head, key: int(re.search(rb"/" + key + rb" (\d+) 0 R", head).group(1))  # noqa: E731
    pages = [h for h, _ in objs.values() if re.search(rb"/Type /Page\n", h)]
    text, fonts = [], {}
    for page in pages:
        resources = objs[ref(page, b"Resources")][0]
        names = {k.decode(): int(v) for k, v in re.findall(rb"/(F\d+) (\d+) 0 R", resources)}
        unicode_of = {}
        for name, num in names.items():
            head = objs[num][0]
            cmap = objs[ref(head, b"ToUnicode")][1].decode("latin-1")
            unicode_of[name] = {
                int(a, 16): bytes.fromhex(b).decode("utf-16-be")
                for a, b in re.findall(r"<([0-9A-F]{4})> <([0-9A-F]+)>", cmap)
            }
            cid = objs[int(re.search(rb"/DescendantFonts \[(\d+) 0 R", head).group(1))][0]
            base = re.search(rb"/BaseFont /(\S+)", head).group(1).decode()
            widths = re.search(rb"/W \[(.*?)\]\n>>", cid, re.S).group(1)
            descriptor = objs[ref(cid, b"FontDescriptor")][0]
            descriptor = re.sub(rb"/FontFile2 \d+ 0 R", b"", descriptor)
            fonts[base] = (sorted(unicode_of[name].values()), widths, descriptor)
        content = objs[ref(page, b"Contents")][1]
        font, pos, i = None, None, 0
        for m in re.finditer(rb"/(F\d+) ([\d.]+) Tf|([\d.-]+) ([\d.-]+) Td|\(", content):
            if m.start() < i:
                continue  # inside a string already read
            if m.group(1):
                font = (m.group(1).decode(), m.group(2).decode())
            elif m.group(3):
                pos = (m.group(3).decode(), m.group(4).decode())
            else:
                raw, i = _literal(content, m.end())
                codes = [int.from_bytes(raw[k : k + 2], "big") for k in range(0, len(raw), 2)]
                text.append((font, pos, "".join(unicode_of[font[0]][c] for c in codes)))
    return {"pages": len(pages), "text": text, "fonts": fonts}


def test_a_rapor_made_in_a_batch_reads_as_the_one_made_alone(tmp_path):
    result = synthetic_result(6, workshops=3)
    batch = write_rapor(result, tmp_path / "batch", workers=2, formats=("pdf",), reviewer={})
    for p, pdf in zip(result.participants, batch, strict=True):
        (alone,) = write_rapor(
            result, tmp_path / "alone", participant=p.id, formats=("pdf",), reviewer={}
        )
        assert alone.name == pdf.name
        assert pdf_reading(pdf) == pdf_reading(alone)
    reading = pdf_reading(batch[0])
    assert reading["pages"] >= 1 and sorted(reading["fonts"]) == [
        "MPDFAA+DejaVuSansBold",
        "MPDFAA+DejaVuSansBook",
    ]
    drawn = "".join(t for _, _, t in reading["text"])
    assert f"Rapor Kompetensi: {result.participants[0].nama}" in drawn
    assert "Yang perlu dilatih berikutnya" in drawn


def test_the_cut_font_draws_what_the_whole_dejavu_draws(tmp_path):
    # the prepared font (DejaVu cut to PDF_CHARS) must change nothing a reader sees: same text at the
    # same places (so the same line breaks), same pages, same embedded glyphs and widths; a name
    # with a letter outside the cut (Greek, Cyrillic) makes the rapor fall back to the whole font
    result = synthetic_result(3, workshops=2)
    result.participants[1].nama = "Ώρα Ёлка Nguyễn – “Sepatu” • 5 ≤ 7"
    result.participants[2].nama = "Siti Ayu Müller-Øberg ½ €"
    rev = load_reviewer({})
    for p in result.participants:
        whole = render_pdf(result, p, rev, tmp_path / f"whole-{p.id}.pdf", _full_fonts())
        cut = render_pdf(result, p, rev, tmp_path / f"cut-{p.id}.pdf")
        assert pdf_reading(cut) == pdf_reading(whole), p.nama
        assert p.nama in "".join(t for _, _, t in pdf_reading(cut)["text"])


def _rectangles(path) -> list[tuple[float, ...]]:
    """Every rectangle the PDF draws (cell borders, status fills): corners in points, filled or not."""
    out = []
    for _, stream in _pdf_objects(path.read_bytes()).values():
        for m in re.finditer(rb"([\d.-]+) ([\d.-]+) ([\d.-]+) ([\d.-]+) re (\w)", stream or b""):
            x, y, w, h = map(float, m.group(1, 2, 3, 4))
            out.append((x, min(y, y + h), x + w, max(y, y + h), float(m.group(5) in (b"B", b"f"))))
    return sorted(out)


def _same_drawing(a, b) -> bool:
    ra, rb = _rectangles(a), _rectangles(b)
    # fpdf2's table and rect() round the same corner in a different order: 0.01 pt apart at most
    if len(ra) != len(rb):
        return False
    close = all(
        max(abs(u - v) for u, v in zip(p, q, strict=True)) <= 0.011
        for p, q in zip(ra, rb, strict=True)
    )
    return close and pdf_reading(a) == pdf_reading(b)


def test_the_unit_table_breaks_its_lines_as_fpdf2s_table(tmp_path):
    # the rapor's unit table is laid out by our one-pass line breaking (rapor._wrap); it must draw
    # what fpdf2's own table() draws: the same lines at the same places, the same borders and
    # fills, the heading repeated after a page break, a word wider than its column cut
    from fpdf import FPDF

    from alaskaki.report.rapor import UNIT_FILLS, UNIT_HEADING, _unit_table, _unit_table_fpdf

    note = (
        "Kerjakan dan kumpulkan asesmen-akhir agar unit ini dapat dinilai. Kriteria: EKS-01.1.1 "
        "Alasan ekspor mandiri dan akibat ekspor lewat perantara dijelaskan; EKS-01.2.1 NIB "
        "melalui OSS dan kode KBLI usaha alas kaki ditentukan"
    )
    rows = [UNIT_HEADING]
    statuses = list(UNIT_FILLS) + ["Belum ada bukti"]
    for i in range(24):
        status = statuses[i % len(statuses)]
        rows.append(
            (
                f"EKS-{i:02d}",
                "Menyiapkan dokumen ekspor" + " dan cara pembayaran" * (i % 3),
                status,
                note[: 40 + 17 * i] + ("  dua  spasi " if i == 5 else ""),
                "selesai 100 %, skor 87,5 %" if i % 2 else "–",
                "" if i == 7 else f"{i} %",
                "Panjangsekalitanpaspasi" * (i == 9) or "–",
            )
        )
    fills = [None] + [UNIT_FILLS.get(r[2]) for r in rows[1:]]
    files = []
    for name, table in (("own", _unit_table), ("fpdf", _unit_table_fpdf)):
        pdf = FPDF(format="A4")
        pdf.add_font("DejaVu", "", str(_full_fonts().files[""]))
        pdf.add_font("DejaVu", "B", str(_full_fonts().files["B"]))
        pdf.set_margins(15, 15, 15)
        pdf.add_page()
        pdf.set_font("DejaVu", "", 8)
        pdf.ln(150)  # the table starts low: the heading must not stay alone at the page's foot
        table(pdf, rows, fills)
        pdf.cell(0, 7, "sesudah tabel")  # where the table leaves the cursor
        files.append(tmp_path / f"{name}.pdf")
        pdf.output(str(files[-1]))
    own, ref = files
    assert pdf_reading(ref)["pages"] >= 3
    assert _same_drawing(own, ref)
    drawn = [t for _, _, t in pdf_reading(own)["text"]]
    # the heading and first row did not fit under the 150 mm: the table starts on page 2, and its
    # heading is repeated on every page after that
    assert drawn.count("Keterangan") == pdf_reading(own)["pages"] - 1


def test_a_rapor_with_its_own_line_breaking_reads_as_fpdf2s(tmp_path):
    import dataclasses

    from alaskaki.report.rapor import _layout_pdf, _prepared_fonts

    plain = synthetic_result(6, workshops=2)
    plain.participants[3].nama = "Siti Ayu Müller-Øberg “Sepatu” – 5 ≤ 7"
    odd = synthetic_result(2, workshops=2)
    # a unit title with a line break: that table is left to fpdf2's table()
    odd.units[1] = dataclasses.replace(odd.units[1], judul="Judul\ndua baris")
    rev = load_reviewer({})
    for result in (plain, odd):
        for p in result.participants:
            files = []
            for own in (True, False):
                pdf = _layout_pdf(result, p, rev, _prepared_fonts(), own_lines=own)
                files.append(tmp_path / f"{p.id}-{own}.pdf")
                pdf.output(str(files[-1]))
            assert _same_drawing(*files), p.id
