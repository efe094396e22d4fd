"""*Indikasi kerja sama*: a copy with only ID_PESERTA changed is found; honest work, the taught
formula and a common way of writing are not."""

from __future__ import annotations

import json
import random

import pytest

from alaskaki.workshop import similarity as sim

MOD = "m3-biaya-produksi"
TAUGHT = [  # the instructor's solutions: every participant may write these
    "biaya_kulit = soal.luas_kulit_dm2 * soal.harga_kulit_per_dm2",
    "biaya_bahan = biaya_kulit + soal.biaya_sol + soal.biaya_lem",
    "upah = soal.menit_per_pasang * soal.upah_per_menit",
    "hpp = biaya_bahan + upah + soal.overhead_per_pasang",
    "harga_jual = hpp * (1 + soal.margin)",
    "porsi_impor = soal.bahan_impor / biaya_bahan",
]
STYLES = ["# hitung {w}", "# {w} per pasang", "# {w}, lihat tabel", "", "# rumus {w} dari modul"]


def nb(pid: str, cells: list[str]) -> dict:
    def cell(gid, src):
        return {
            "cell_type": "code",
            "metadata": {"nbgrader": {"grade_id": gid, "solution": True}},
            "source": src,
            "outputs": [],
            "execution_count": None,
        }

    setup = f'from alaskaki.exercises import m3 as latihan\nID_PESERTA = "{pid}"\nsoal = latihan.mulai(ID_PESERTA)'
    return {
        "cells": [cell("m3_id_peserta", setup)]
        + [cell(f"m3_c{i}_jawab", src) for i, src in enumerate(cells)],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def own_work(pid: str) -> list[str]:
    """A participant's own writing: their numbers (variants), their comments, their layout."""
    r = random.Random(pid)
    out = []
    for i, taught in enumerate(TAUGHT):
        name = taught.split(" =")[0]
        a, b = round(r.uniform(10, 60), 1), r.randrange(1_000, 90_000, 50)
        style = r.choice(STYLES).format(w=name.replace("_", " "))
        out.append(f"{style}\n{name} = {a} * {b}  # angka saya sendiri\nprint({name}, {i})")
    return out


def fingerprints_of(docs: dict[str, dict]) -> dict[str, set[int]]:
    return {pid: sim.document(d) for pid, d in docs.items()}


def boilerplate() -> set[int]:
    return {h for src in TAUGHT for h in sim.fingerprints(src)} | sim.fingerprints(
        "biaya_kulit = None  # ganti None dengan perhitungan Anda"
    )


def cohort(n=8) -> dict[str, dict]:
    docs = {f"p{i:02d}": nb(f"p{i:02d}", own_work(f"p{i:02d}")) for i in range(1, n + 1)}
    docs["p07"] = nb("p07", TAUGHT)  # the taught formula, written exactly as shown
    docs["p08"] = nb("p08", TAUGHT)
    return docs


def test_a_copy_with_only_the_id_changed_is_found():
    docs = cohort()
    copied = json.loads(json.dumps(docs["p01"]))
    copied["cells"][0]["source"] = copied["cells"][0]["source"].replace('"p01"', '"p05"')
    docs["p05"] = copied
    pairs = sim.compare(fingerprints_of(docs), MOD, ignore=boilerplate())
    assert [(p.a, p.b) for p in pairs] == [("p01", "p05")]
    assert pairs[0].skor == 1.0 and pairs[0].bersama >= sim.MIN_SHARED
    assert "p01 & p05" in str(pairs[0])


def test_a_copy_with_renamed_comments_and_a_token_line_is_still_found():
    docs = cohort()
    copied = json.loads(json.dumps(docs["p02"]))
    copied["cells"][0]["source"] = 'ID_PESERTA = "p06"\nTOKEN_PESERTA = "abcd-efgh"'
    for c in copied["cells"][1:3]:
        c["source"] = "# dikerjakan sendiri\n" + c["source"].upper()  # case does not hide it
    docs["p06"] = copied
    pairs = sim.compare(fingerprints_of(docs), MOD, ignore=boilerplate())
    assert [(p.a, p.b) for p in pairs] == [("p02", "p06")]


def test_honest_work_and_the_taught_formula_are_no_pair():
    docs = cohort(12)
    assert sim.compare(fingerprints_of(docs), MOD, ignore=boilerplate()) == []
    # the identical taught solutions of p07 and p08 are discounted as boilerplate
    fp = fingerprints_of(docs)
    assert fp["p07"] - boilerplate() == set()


def test_a_common_way_of_writing_is_not_evidence():
    """Five people share one helper they all learnt elsewhere: not a pair among them."""
    helper = "def bulat(x):\n    return round(x / 100) * 100\n" * 3
    docs = {pid: nb(pid, [*own_work(pid), helper]) for pid in (f"p{i:02d}" for i in range(1, 11))}
    assert sim.compare(fingerprints_of(docs), MOD, ignore=boilerplate()) == []


def test_written_cells_leave_out_setup_and_identity_lines():
    d = nb("p01", ['ID_PESERTA = "p09"\nx = 1', "### BEGIN SOLUTION\ny = 2\n### END SOLUTION"])
    assert sim.written_cells(d) == ["\nx = 1", "\ny = 2\n"]


@pytest.mark.slow
def test_status_shows_pairs_and_never_changes_a_score(tmp_path):
    from alaskaki.workshop import import_roster, init_workshop, workshop_status

    ws = init_workshop(tmp_path / "ws", modules=[MOD])
    roster = tmp_path / "r.csv"
    ids = [f"p{i:02d}" for i in range(1, 9)]
    roster.write_text(
        "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"
        + "".join(f"{p},Nama {p},A,Miji,P,admin\n" for p in ids)
    )
    import_roster(ws, roster)
    docs = cohort()
    copied = json.loads(json.dumps(docs["p03"]))
    copied["cells"][0]["source"] = copied["cells"][0]["source"].replace('"p03"', '"p04"')
    docs["p04"] = copied
    for pid, d in docs.items():
        dest = ws.submitted(pid, MOD)
        dest.mkdir(parents=True)
        (dest / f"{MOD}.ipynb").write_text(json.dumps(d))
    st = workshop_status(ws)
    assert [(p.a, p.b) for p in st.kerja_sama] == [("p03", "p04")]
    assert st.by_module()[MOD]["indikasi_kerja_sama"] == 1
    by = {e.peserta: e for e in st.entries}
    assert by["p03"].kerja_sama == ("p04",) and by["p04"].kerja_sama == ("p03",)
    assert by["p04"].nilai is None  # shown to the trainer; the score is untouched


# ------------------------------------------------------------------ forms: the answer vector


def letter_cohort(seed: int, n: int = 24, items: int = 37) -> tuple[dict, dict]:
    """Answers to choice items: abilities and difficulties vary, and one distractor per item
    draws most wrong answers (a shared misconception): honest, yet many identical wrong answers."""
    r = random.Random(seed)
    key = {f"post_{i:02d}": "abcd"[r.randrange(4)] for i in range(items)}
    difficulty = {g: r.gauss(0, 1) for g in key}
    vectors = {}
    for p in (f"p{i:02d}" for i in range(1, n + 1)):
        ability, vec = r.gauss(0.3, 1.2), {}
        for g, right in key.items():
            if r.random() < 1 / (1 + 2.718281828 ** (difficulty[g] - ability)):
                vec[g] = right
            else:
                wrong = [x for x in "abcd" if x != right]
                vec[g] = r.choices(wrong, [0.6, 0.2, 0.2])[0]
        vectors[p] = vec
    return vectors, key


def test_honest_answers_form_no_pair_even_with_a_shared_misconception():
    for seed in range(5):
        vectors, key = letter_cohort(seed)
        assert sim.answer_pairs(vectors, key, "asesmen-akhir") == [], seed


def test_a_copied_form_is_found_even_with_some_answers_corrected():
    vectors, key = letter_cohort(1)
    source = next(p for p, v in vectors.items() if 10 <= sum(v[g] != key[g] for g in v) <= 20)
    copy = dict(vectors[source])
    for g in [g for g, v in copy.items() if v != key[g]][:3]:
        copy[g] = key[g]  # the copier corrects three answers
    vectors["p24"] = copy
    pairs = sim.answer_pairs(vectors, key, "asesmen-akhir")
    assert [tuple(sorted((p.a, p.b))) for p in pairs] == [tuple(sorted((source, "p24")))]
    assert "jawaban salah yang sama" in pairs[0].uraian and "peluang kebetulan" in pairs[0].uraian


def test_copying_an_all_right_form_is_no_evidence():
    """Identical right answers are what a good participant gives: no pair from them alone."""
    vectors, key = letter_cohort(2)
    vectors["p01"], vectors["p02"] = dict(key), dict(key)
    assert sim.answer_pairs(vectors, key, "asesmen-akhir") == []


def test_answers_read_from_cells_as_written():
    assert sim.answer_of("x = 'b'  # huruf saya\nlatihan.cek_huruf(x, 'ABCD')", "x") == "b"
    assert sim.answer_of("x = None  # ganti None", "x") is None
    assert sim.answer_of("x = 12\n", "x") == sim.answer_of("x = 12.0", "x")
    computed = sim.answer_of("x = 'A'\nx = salah(x)  # ubah\nlatihan.cek_huruf(x, 'AB')", "x")
    assert computed == "kode: x = 'A'\nx = salah(x)"
    assert sim.answer_of("x = (", "x") == "kode: x = ("


def _item(src: str, gid: str) -> dict:
    meta = {"nbgrader": {"grade_id": gid, "solution": True, "grade": True}}
    return {"cell_type": "code", "source": src, "metadata": meta}


def test_answers_are_the_values_the_judge_reads_not_the_writing():
    """Red team R14: a copier rewrites every answer so the judge reads the same value; the vector
    holds that value (a letter case-blind, a number by the kit's own reader)."""
    letter = sim.answer_of("x = 'B'", "x", "b")
    assert letter == "b"
    for src in (
        "x = 'b'.upper()",
        "p = 'B'\nx = p",
        "x = ' b '.strip()",
        "x = 'AB'[1]",
        'x = {"jawab": "B"}["jawab"]',
        "x = (lambda: 'B')()",
    ):
        assert sim.answer_of(src, "x", "b") == letter, src
    number = sim.answer_of("x = 1234.5", "x", 1234.5)
    for src in ("x = '1.234,5'", "x = 617.25 + 617.25", "x = 'Rp 1.234,5'", "x = 2469 / 2"):
        assert sim.answer_of(src, "x", 1234.5) == number, src
    assert sim.answer_of("x = '1.234'", "x", 1234.0) == 1234.0  # the reading the judge accepts
    # a helper variable from an earlier cell counts; code not followed stays code, never a value
    nb = {
        "cells": [
            {"cell_type": "code", "source": "pilihan = 'c'", "metadata": {}},
            _item("x = pilihan.upper()", "post_x"),
            _item("y = hitung()", "post_y"),
            _item("z = 'a' * 10**9", "post_z"),
        ]
    }
    key = {"post_x": ("x", "c"), "post_y": ("y", 1.0), "post_z": ("z", "a")}
    got = sim.answers(nb, key)
    assert got["post_x"] == "c"
    assert got["post_y"] == "kode: y = hitung()" and got["post_z"].startswith("kode: ")
    opaque = {"cells": [_item("globals()['p'] = 'd'\nx = 'c'", "post_x")]}
    assert sim.answers(opaque, key)["post_x"].startswith("kode: ")


def test_cached_answer_vectors_never_outlive_the_sheet_they_were_read_from(tmp_path):
    """Issue 17 goal 4: the answer vectors are kept in penilaian/ between `status` calls; a new
    collect (new bytes) or a new grading of the very file (the judge's values) is read afresh."""
    import hashlib

    from alaskaki.workshop import init_workshop
    from alaskaki.workshop.grading.record import write_marker

    ws = init_workshop(tmp_path / "ws", modules=[MOD])
    key = {f"post_{i:02d}": (f"x{i}", "b") for i in range(6)}

    def sheet(pid: str, letters: str) -> tuple[dict, str]:
        nb = {"cells": [_item(f"x{i} = {c!r}", f"post_{i:02d}") for i, c in enumerate(letters)]}
        dest = ws.submitted(pid, MOD)
        dest.mkdir(parents=True, exist_ok=True)
        data = json.dumps(nb).encode("utf-8")
        (dest / f"{MOD}.ipynb").write_bytes(data)
        return nb, hashlib.sha256(data).hexdigest()

    sheets = {"p01": sheet("p01", "aaaaaa"), "p02": sheet("p02", "cccccc")}
    fresh = {p: sim.answers(nb, key) for p, (nb, _) in sheets.items()}
    assert sim._cached_answers(ws, "g", MOD, key, sheets) == fresh
    cache = ws.state_dir / "cache" / "jawaban.json"
    assert cache.is_file()
    # what the cache holds is what is served for the same sheets (so the test below can fail)
    data = json.loads(cache.read_text(encoding="utf-8"))
    for vector in data["isi"]["g"].values():
        vector.update({g: "dari-cache" for g in vector})
    cache.write_text(json.dumps(data), encoding="utf-8")
    served = sim._cached_answers(ws, "g", MOD, key, sheets)
    assert set(served["p01"].values()) == {"dari-cache"}

    # a new collect: p01's file replaced; his vector is read from the new file, p02's unchanged
    sheets["p01"] = sheet("p01", "dddddd")
    got = sim._cached_answers(ws, "g", MOD, key, sheets)
    assert got["p01"] == sim.answers(sheets["p01"][0], key) == {g: "d" for g in key}
    assert set(got["p02"].values()) == {"dari-cache"}
    # graded since: the values the judge received for that very file win, read afresh
    write_marker(
        ws.root, MOD, "p01", {"jawaban": {"c": {"x0": "B"}}, "jawaban_dari": sheets["p01"][1]}
    )
    assert sim._cached_answers(ws, "g", MOD, key, sheets)["p01"]["post_00"] == "b"
    # another key (a retake form) never reads this key's entries
    other = {g: (var, "a") for g, (var, _) in key.items()}
    assert sim._cached_answers(ws, "g", MOD, other, sheets)["p02"] == {g: "c" for g in key}


def test_the_forms_are_compared_by_answers():
    import nbformat

    from alaskaki import paths

    for modul in ("asesmen-awal", "asesmen-akhir"):
        source = nbformat.read(paths.SOURCE_DIR / modul / f"{modul}.ipynb", as_version=4)
        assert len(sim.answer_key(source)) >= sim.MIN_ITEMS
    m3 = nbformat.read(paths.SOURCE_DIR / MOD / f"{MOD}.ipynb", as_version=4)
    assert len(sim.answer_key(m3)) < sim.MIN_ITEMS


@pytest.mark.parametrize(
    "form",
    [
        "assignments/source/asesmen-akhir/asesmen-akhir.ipynb",
        "assignments/source/asesmen-awal/asesmen-awal.ipynb",
        "tests/fixtures/trainerteam/asesmen-akhir-9861413.ipynb",  # an old, key-less form
    ],
)
def test_the_tolerance_of_a_number_item_is_the_one_the_judge_grades_with(form):
    """Red team R32: the answer vector takes each number item's ``harapan``/``batas`` from the
    form's own hidden tests, the key the grader reads (kunci_form; an old form's frozen key)."""
    from alaskaki import paths
    from alaskaki_kunci.bengkel import kunci_form

    path = paths.KIT_ROOT / form
    source = json.loads(path.read_text(encoding="utf-8"))
    key = sim.answer_key(source)
    graded = {r["grade_id"]: (r["harapan"], r["batas"]) for r in kunci_form(path)}
    numbers = {
        gid: graded[var] for gid, (var, _) in key.items() if not isinstance(graded[var][0], str)
    }
    assert len(numbers) >= 10
    assert sim.tolerances(source) == {g: (h, b or 0.0) for g, (h, b) in numbers.items()}


def test_numbers_within_the_items_tolerance_are_one_answer_as_the_judge_reads_them():
    """R32: a copier nudges every number of a friend's sheet inside the item's tolerance. A right
    number stays the key; a wrong one is the friend's wrong number; numbers further apart than the
    tolerance (another slip) stay apart."""
    key = {"post_a": ("a", 1234.5), "post_b": ("b", 40.0)}
    tol = {"post_a": (1234.5, 6.17), "post_b": (40.0, 0.0)}
    sheet = {"cells": [_item("a = '1.238,0'", "post_a"), _item("b = 40.004", "post_b")]}
    assert sim.answers(sheet, key, tolerance=tol) == {"post_a": 1234.5, "post_b": 40.004}
    vectors = {
        "p01": {"post_a": 1358.0},  # a wrong number (x 1.1), given by two
        "p06": {"post_a": 1358.0},
        "p02": {"post_a": 1359.0},  # the same, nudged by one
        "p03": {"post_a": 1357.5},  # and by half
        "p04": {"post_a": 1111.0},  # another slip (x 0.9)
        "p05": {"post_a": 1230.0, "post_b": 40.004},  # right, and wrong by a hair on an exact item
    }
    values = {g: v for g, (_, v) in key.items()}
    got = sim.judge_alike(vectors, values, tol)
    assert {got[p]["post_a"] for p in ("p01", "p02", "p03", "p06")} == {1358.0}
    # of two equally common, the smaller: a nudged pair meets whichever way it was nudged
    pair = sim.judge_alike({"x": {"post_a": 1359.0}, "y": {"post_a": 1358.0}}, values, tol)
    assert pair["x"] == pair["y"] == {"post_a": 1358.0}
    assert got["p04"]["post_a"] == 1111.0
    assert got["p05"] == {"post_a": 1234.5, "post_b": 40.004}
    assert vectors["p02"]["post_a"] == 1359.0  # the caller's vectors are left as read


# ------------------------------------------- written (rubric) answers: the public contoh jawaban


def _essay_workshop(tmp_path):
    """m7a's rubric cell (uji evidence of STR-01): p01 pastes the kit's contoh jawaban (firm name
    changed), p02 pastes two thirds of it and writes the rest, the others write their own."""
    from alaskaki.workshop import import_roster, init_workshop

    modul = "m7a-daya-saing"
    ws = init_workshop(tmp_path / "ws", modules=[modul])
    roster = tmp_path / "r.csv"
    ids = [f"p{i:02d}" for i in range(1, 9)]
    roster.write_text(
        "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"
        + "".join(f"{p},Nama {p},A,Miji,P,admin\n" for p in ids)
    )
    import_roster(ws, roster)
    source = json.loads(ws.source_notebook(modul).read_text(encoding="utf-8"))
    essay = next(
        c for c in source["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == GID
    )
    text = "".join(essay["source"])
    model = text[text.index("### BEGIN SOLUTION") + 18 : text.index("### END SOLUTION")]
    words = [
        "kami",
        "usaha",
        "sepatu",
        "sandal",
        "pesanan",
        "pembeli",
        "harga",
        "mutu",
        "pekerja",
        "bahan",
        "pasar",
        "modal",
    ]
    for pid in ids:
        r = random.Random(pid)
        own = " ".join(r.choice(words) for _ in range(120))
        text = {
            "p01": model.replace("Surodinawan Jaya", "Maju Terus"),
            "p02": model[: 2 * len(model) // 3] + "\n\n" + own,
        }.get(pid, own)
        cell = dict(essay, source=text)
        dest = ws.submitted(pid, modul)
        dest.mkdir(parents=True)
        (dest / f"{modul}.ipynb").write_text(json.dumps(dict(source, cells=[cell])))
    return ws, modul


GID = "m7a_swot_analisis"


def test_a_pasted_contoh_jawaban_is_shown_per_participant_and_never_changes_a_score(tmp_path):
    from alaskaki.workshop import workshop_status
    from alaskaki.workshop.reporting import write_model_answer_csv

    ws, modul = _essay_workshop(tmp_path)
    st = workshop_status(ws)
    assert [(x.peserta, x.sel) for x in st.contoh_jawaban] == [("p01", GID), ("p02", GID)]
    by = {e.peserta: e for e in st.entries}
    assert by["p01"].contoh_jawaban == (GID,) and by["p03"].contoh_jawaban == ()
    assert by["p01"].nilai is None  # shown to the trainer; the score is untouched
    assert st.by_module()[modul]["sama_dengan_contoh_jawaban"] == 2
    # the contoh jawaban is no "taught formula": the two pasters form a pair too
    assert [(p.a, p.b) for p in st.kerja_sama] == [("p01", "p02")]
    csv = write_model_answer_csv(ws, tmp_path).read_text(encoding="utf-8")
    assert "p01" in csv and "p02" in csv and "p03" not in csv and "bernilai 0" in csv


def test_status_names_a_pasted_contoh_jawaban(tmp_path, capsys):
    from alaskaki.cli import main

    ws, modul = _essay_workshop(tmp_path)
    assert main(["status", "-w", str(ws.root)]) == 0
    out = capsys.readouterr().out
    section = out[out.index("Sama dengan contoh jawaban") :]
    assert "p01" in section and "p02" in section and "p03" not in section
    assert "bernilai 0" in section


def test_the_demos_essays_are_own_writing_no_pair_and_no_flag(tmp_path):
    """The demo's participants write their essays in their own words (they pasted the contoh
    jawaban until R9): on the demo's seed no pair and no "sama dengan contoh jawaban"."""
    import re

    import nbformat

    from alaskaki import paths
    from alaskaki.workshop import demo, init_workshop

    mods = ["m7a-daya-saing", "m7b-kemitraan"]
    ws = init_workshop(tmp_path / "ws", roster=paths.dataset("contoh_peserta.csv"), modules=mods)
    skill = demo.skills(ws.participant_ids())
    for m in mods:
        source = nbformat.read(ws.source_notebook(m), as_version=4)
        released = nbformat.from_dict(json.loads(json.dumps(source)))
        for c in released.cells:  # what nbgrader's release leaves of an answer cell
            c.source = re.sub(r"### BEGIN SOLUTION.*?### END SOLUTION\n?", "", c.source, flags=re.S)
        for pid, s in skill.items():
            dest = ws.submitted(pid, m)
            dest.mkdir(parents=True)
            nbformat.write(
                demo.simulate_submission(source, released, pid, s, m), dest / f"{m}.ipynb"
            )
        essays = [
            c.source
            for c in nbformat.read(ws.submitted("p01", m) / f"{m}.ipynb", as_version=4).cells
            if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("solution")
        ]
        assert essays and all(len(e.split()) > 15 for e in essays), essays
        assert sim.module_pairs(ws, m) == [] and sim.module_model_matches(ws, m) == []


def test_a_pasted_passage_is_shown_with_its_lines_whatever_its_share():
    """Red team R27a: one bullet of the public contoh jawaban pasted among own sentences (a small
    share of the cell) is shown, with the pasted line for the trainer to read; calibration: the
    demo's own essays (24 participants x 20 seeds, every rubric cell) are never shown, their
    longest run through the contoh jawaban stays well below PASSAGE_WORDS."""
    import re

    from alaskaki import paths
    from alaskaki.workshop.demo_essays import own_essay

    cells = {}
    for modul in ("m7a-daya-saing", "m7b-kemitraan"):
        nb = json.loads((paths.SOURCE_DIR / modul / f"{modul}.ipynb").read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if sim.is_written_answer(cell):
                cells[cell["metadata"]["nbgrader"]["grade_id"]] = cell
    assert len(cells) == 3
    longest = 0
    for gid, cell in cells.items():
        src = sim._src(cell)
        frame = src.split("### BEGIN SOLUTION")[0]
        body = re.search(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", src, re.S)[1]
        model = {gid: sim._cell_fingerprints(cell) - sim._stub_of(cell)}
        stub = set(sim._stub_of(cell))

        def written(text, cell=cell, frame=frame):
            return {"cells": [dict(cell, source=frame + text)]}

        for seed in range(20):
            essays = {f"p{i:02d}": written(own_essay(f"p{i:02d}", gid, seed)) for i in range(1, 25)}
            assert sim.model_matches(essays, model, "m7", stub=stub) == [], (gid, seed)
            for nb in essays.values():
                longest = max(
                    longest, sim.shared_passages(nb["cells"][0], model[gid], stub).longest
                )
        # the longest bullet (it may run over two lines), below the participant's own essay
        bullet = max((b.strip() for b in re.split(r"\n(?=- )", body) if "- " in b), key=len)
        own = own_essay("p03", gid, 0)
        (hit,) = sim.model_matches({"p05": written(own + "\n" + bullet)}, model, "m7", stub=stub)
        lines = tuple(line.strip() for line in bullet.split("\n"))
        assert hit.baris == lines and lines[0][:40] in hit.uraian, hit
    assert longest < sim.PASSAGE_WORDS - 2, longest


def test_an_essay_in_sms_spelling_is_the_same_essay():
    """Red team R9b: the contoh jawaban written as an SMS ("yg", "dgn", "utk", "&") keeps its
    content words, so its fingerprints are the essay's; code is fingerprinted as written."""
    essay = (
        "Kami menjadi pemasok pabrik mitra selama setahun, lalu ekspor bersama dalam sentra. Yang "
        "kami berikan adalah kapasitas sekitar seribu tujuh ratus pasang sebulan dengan mutu "
        "standar pabrik dan pengiriman tepat waktu; dari pabrik kami harapkan pesanan rutin, "
        "standar mutu tertulis dan pendampingan ekspor untuk pekerja di bengkel kami."
    )
    sms = (
        "Kmi menjadi pemasok pabrik mitra selama setahun, lalu ekspor bersama dlm sentra. Yg kmi "
        "berikan adlh kapasitas sekitar seribu tujuh ratus pasang sebulan dgn mutu standar pabrik "
        "& pengiriman tepat waktu; dr pabrik kmi harapkan pesanan rutin, standar mutu tertulis & "
        "pendampingan ekspor utk pkrja d bengkel kmi."
    )
    model, pasted = sim.fingerprints(essay, True), sim.fingerprints(sms, True)
    assert len(model) >= sim.MIN_SHARED and len(model & pasted) / len(model) >= 0.8
    assert len(sim.fingerprints(essay) & sim.fingerprints(sms)) / len(sim.fingerprints(essay)) < 0.5
    assert sim.fingerprints("d = a & b") != sim.fingerprints("a b", True)  # code keeps its tokens


def test_disguised_writing_is_named_and_ordinary_typography_is_not():
    """Red team R27d: letters beyond Latin-1 or invisible marks between letters are named to the
    trainer ("teks disamarkan"); what an Indonesian essay really holds (dashes, curly quotes,
    ×, €, accents, an emoji) is not."""
    ordinary = "Harga naik 10% — “kutip” 2×3 ±5 € café naïve • poin ❤️ ok"
    assert not sim.disguised(ordinary)
    assert sim.disguised("ha\u034frga") and sim.disguised("s\u0435patu")  # CGJ; Cyrillic е
    cell = {
        "cell_type": "markdown",
        "metadata": {"nbgrader": {"grade_id": "m7a_swot_analisis", "solution": True}},
        "source": "Kekuatan kami: pengrajin berpengalaman di Miji, ha\ufe0frga bersaing.",
    }
    (hit,) = sim.model_matches({"p05": {"cells": [cell]}}, {"m7a_swot_analisis": {1}}, "m7a")
    assert hit.disamarkan and "teks disamarkan" in hit.uraian, hit


def test_every_blank_but_the_word_spaces_is_read_like_a_hidden_mark():
    """R27e: a hair/thin space, a braille blank or a Hangul filler between two letters is named and
    dropped (the letters join again); the ASCII and the no-break space stay word spaces, and a thin
    space in a number or before a unit ("Rp 12 000", "12 kg") is not named. The class is every
    Unicode space (Zs, Zl, Zp) but those two, as unicodedata has it."""
    import sys
    import unicodedata

    spaces = {
        chr(c)
        for c in range(sys.maxunicode + 1)
        if unicodedata.category(chr(c)) in ("Zs", "Zl", "Zp")
    }
    for ch in sorted(spaces - {" ", "\u00a0"}) + list("\u2800\u3164\u115f\u1160\uffa0"):
        assert sim.disguised(f"ha{ch}rga"), hex(ord(ch))
        assert sim._plain(f"ha{ch}rga sepatu") == "harga sepatu", hex(ord(ch))
    assert not sim.disguised("Harga\u00a0bahan Rp 12\u2009000 per 12\u202fkg, 10:00\u202fWIB")
    assert sim._plain("harga\u00a0bahan") == "harga bahan"
