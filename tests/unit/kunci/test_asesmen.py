"""The uji kompetensi (asesmen-awal/akhir): items, parallel forms, coverage, generator, form checks."""

from __future__ import annotations

import contextlib
import io
import re
from collections import Counter

import nbformat
import pytest
import yaml

from alaskaki import paths
from alaskaki.exercises import asesmen as peserta
from alaskaki_kunci import asesmen as kunci
from alaskaki_kunci import bank, generate

FORMS = (bank.AWAL, bank.AKHIR)
PRE, POST = bank.form(bank.AWAL), bank.form(bank.AKHIR)


def _framework() -> dict:
    return yaml.safe_load((paths.GRADING_DIR / "kompetensi.yml").read_text(encoding="utf-8"))


def test_generator_reproduces_the_committed_notebooks_byte_for_byte():
    for path, text in generate.outputs().items():
        assert path.is_file(), f"{path} is missing: run python -m alaskaki_kunci.generate"
        assert path.read_text(encoding="utf-8") == text, (
            f"{path} differs from the generator's output: run python -m alaskaki_kunci.generate"
        )
    assert generate.outputs() == generate.outputs()


@pytest.mark.parametrize("modul", FORMS)
def test_at_least_five_items_per_unit(modul):
    per_unit = Counter(b.unit for b in bank.form(modul))
    assert set(per_unit) == set(bank.UNITS)
    assert min(per_unit.values()) >= 5, per_unit


def test_every_item_names_an_existing_criterion_of_its_unit():
    fw = _framework()
    criteria = {
        k["kode"]: u["kode"] for u in fw["unit"] for e in u["elemen"] for k in e["kriteria"]
    }
    for b in PRE + POST:
        assert criteria.get(b.kriteria) == b.unit, (
            f"{b.grade_id}: {b.kriteria} is not a criterion of {b.unit}"
        )


def test_every_criterion_of_every_unit_has_uji_or_rubric_evidence():
    """K/BK comes from summative evidence only: each criterion needs an uji item (both forms) or a rubric cell."""
    fw = _framework()
    uji = {b.kriteria for b in POST} & {b.kriteria for b in PRE}
    rubric = set()
    for u in fw["unit"]:
        for modul in u.get("modul") or []:
            nb = nbformat.read(paths.SOURCE_DIR / modul / f"{modul}.ipynb", as_version=4)
            for c in nb.cells:
                m = c.metadata.get("nbgrader", {})
                if m.get("grade") and m.get("solution"):  # manually graded (trainer, rubric)
                    rubric.add(m["grade_id"])
    missing = []
    for u in fw["unit"]:
        for e in u["elemen"]:
            for k in e["kriteria"]:
                if k["kode"] not in uji and not rubric & set(k.get("bukti") or []):
                    missing.append(k["kode"])
    assert not missing, f"criteria without uji or rubric evidence: {missing}"


def test_kompetensi_yml_maps_every_uji_item_to_its_unit():
    butir = _framework()["asesmen"]["butir"]
    assert butir == {b.grade_id: b.unit for b in PRE + POST}


@pytest.mark.parametrize("a,b", list(zip(PRE, POST, strict=True)), ids=lambda x: x.slot)
def test_forms_are_parallel_by_the_difficulty_model(a, b):
    """Same slot: same unit, criterion, answer type, number of options and tingkat (langkah + rujukan)."""
    assert (a.slot, a.unit, a.kriteria, a.jenis, len(a.opsi)) == (
        b.slot,
        b.unit,
        b.kriteria,
        b.jenis,
        len(b.opsi),
    )
    assert a.tingkat == b.tingkat, f"{a.slot}: pre tingkat {a.tingkat}, post {b.tingkat}"
    assert a.teks != b.teks, f"{a.slot}: the same question in both forms"
    assert not a.data or a.data != b.data, f"{a.slot}: the same case in both forms"
    if a.jenis == "angka":
        assert a.jawaban != b.jawaban, f"{a.slot}: the same answer in both forms"


def test_unit_difficulty_is_equal_in_both_forms():
    for unit in bank.UNITS:
        pre = sum(b.tingkat for b in PRE if b.unit == unit)
        post = sum(b.tingkat for b in POST if b.unit == unit)
        assert pre == post, unit


@pytest.mark.parametrize("b", PRE + POST, ids=lambda x: x.grade_id)
def test_no_literal_match_between_question_and_right_option(b):
    """The right option's wording is not copied from the question (a reader cannot match text)."""
    if b.jenis != "huruf":
        return
    right = b.opsi[bank.HURUF.index(b.jawaban)]
    assert right.lower() not in b.teks.lower()
    for chunk in re.split(r"[;:.]\s+", right):
        if len(chunk) >= 40:
            assert chunk.lower() not in b.teks.lower(), (
                f"{b.grade_id}: {chunk!r} is in the question"
            )


def _module_texts() -> str:
    out = []
    for d in sorted(paths.SOURCE_DIR.iterdir()):
        if d.name.startswith("asesmen"):
            continue
        nb = nbformat.read(d / f"{d.name}.ipynb", as_version=4)
        out += [c.source for c in nb.cells]
    return "\n".join(out).lower()


def test_no_item_repeats_a_module_worked_example():
    text = _module_texts()
    for b in PRE + POST:
        words = b.teks.lower().split()
        for i in range(0, max(1, len(words) - 8)):
            window = " ".join(words[i : i + 8])
            assert window not in text, f"{b.grade_id}: {window!r} is copied from a module"
    worked_lots = {60, 500, 1000, 2000}  # the brief's and m5's worked look-ups
    for b in PRE + POST:
        lot = b.data.get("lot") or b.data.get("karton", 0) * b.data.get("isi", 0)
        if lot and b.unit == "MTU-01":
            assert lot not in worked_lots, b.grade_id
            assert f"lot {lot} pasang" not in text, b.grade_id


@pytest.mark.parametrize("modul", FORMS)
def test_every_question_is_readable_in_markdown_without_running_code(modul):
    nb = nbformat.read(paths.SOURCE_DIR / modul / f"{modul}.ipynb", as_version=4)
    md = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for b in bank.form(modul):
        assert b.teks in md
        for opsi in b.opsi:
            assert opsi in md
    tests = {
        c.metadata["nbgrader"]["grade_id"]: c
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade")
        and not c.metadata["nbgrader"].get("solution")
    }
    assert list(tests) == [b.grade_id for b in bank.form(modul)]
    for b in bank.form(modul):
        assert tests[b.grade_id].metadata["alaskaki"]["kriteria"] == b.kriteria
        assert (
            "alaskaki_kunci" in tests[b.grade_id].source
        )  # the key is reached only by hidden tests
    code = "\n".join(
        c.source
        for c in nb.cells
        if c.cell_type == "code" and not c.metadata.get("nbgrader", {}).get("grade")
    )
    assert "alaskaki_kunci" not in code, "only hidden tests may import the key"


def _kw(b) -> dict:
    """The key arguments the generated hidden test passes to kunci.uji."""
    return {"harapan": b.jawaban, "batas": b.batas() if b.jenis == "angka" else None}


@pytest.mark.parametrize("b", PRE + POST, ids=lambda x: x.grade_id)
def test_uji_accepts_the_key_and_rejects_a_wrong_answer_without_revealing_it(b):
    kunci.uji(b.grade_id, b.jawaban, **_kw(b))
    wrong = (
        float(b.jawaban) * 1.1 + 1
        if b.jenis == "angka"
        else next(h for h in bank.HURUF[: len(b.opsi)] if h != b.jawaban)
    )
    with pytest.raises(AssertionError) as exc:
        kunci.uji(b.grade_id, wrong, **_kw(b))
    message = str(exc.value)
    if b.jenis == "angka":
        assert f"{float(b.jawaban):.0f}" not in message and f"{float(b.jawaban):.2f}" not in message
    else:
        assert not re.search(rf"\b{b.jawaban}\b", message)
    with pytest.raises(AssertionError):
        kunci.uji(b.grade_id, None, **_kw(b))


def test_numeric_tolerance_accepts_rounding_and_rejects_a_slip():
    b = kunci.item("post_bya01_hpp")
    kunci.uji(b.grade_id, round(float(b.jawaban)), **_kw(b))  # rounded to whole rupiah
    with pytest.raises(AssertionError):
        kunci.uji(b.grade_id, float(b.jawaban) * 1.02, **_kw(b))
    s = kunci.item("post_mtu01_sampel")
    with pytest.raises(AssertionError):
        kunci.uji(s.grade_id, float(s.jawaban) + 1, **_kw(s))  # a sample size is exact


def _checked(fn, *args) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        fn(*args)
    return out.getvalue()


@pytest.mark.parametrize("b", PRE + POST, ids=lambda x: x.grade_id)
def test_form_check_says_the_same_for_a_right_and_a_wrong_answer(b):
    """The participant's check is no oracle: right and wrong answers of the same form read alike."""
    if b.jenis == "angka":
        right = _checked(peserta.cek_angka, float(b.jawaban))
        wrong = _checked(peserta.cek_angka, float(b.jawaban) * 1.37 + 1)
    else:
        letters = bank.HURUF[: len(b.opsi)]
        right = _checked(peserta.cek_huruf, b.jawaban, letters)
        wrong = _checked(peserta.cek_huruf, next(h for h in letters if h != b.jawaban), letters)
    assert right == wrong
    assert "tersimpan" in right


def test_form_checks_refuse_the_wrong_form():
    assert "belum diisi" in _checked(peserta.cek_angka, None)
    assert "angka" in _checked(peserta.cek_angka, "dua belas")
    assert "tersimpan" in _checked(peserta.cek_angka, "1.234,5")  # a decimal comma, as on paper
    assert "tanda petik" in _checked(peserta.cek_angka, (1.234, 5))  # 1.234,5 typed without quotes
    assert "angka" in _checked(peserta.cek_angka, True)
    assert "satu huruf" in _checked(peserta.cek_huruf, "E", "ABCD")
    assert "satu huruf" in _checked(peserta.cek_huruf, 1, "ABCD")
    assert "tersimpan" in _checked(peserta.cek_huruf, " b ", "ABCD")
    with pytest.raises(ValueError):
        peserta.mulai_form("asesmen-tengah", "p01")


def test_answer_letters_are_spread_over_the_options():
    letters = Counter(b.jawaban for b in PRE + POST if b.jenis == "huruf")
    assert len(letters) >= 4 and max(letters.values()) <= 0.5 * sum(letters.values()), letters


@pytest.mark.parametrize("modul", FORMS)
def test_test_wise_strategies_do_no_better_than_chance(modul):
    """Picking the longest (or shortest) option, or the option whose halves recur most, is no strategy."""
    choice = [b for b in bank.form(modul) if b.jenis == "huruf"]
    chance = sum(1 / len(b.opsi) for b in choice)

    def picked(b, pick) -> bool:
        lens = [len(o) for o in b.opsi]
        right = lens[bank.HURUF.index(b.jawaban)]
        return right == pick(lens) and lens.count(right) == 1

    assert sum(picked(b, max) for b in choice) <= chance, (
        "the right option is too often the longest"
    )
    assert sum(picked(b, min) for b in choice) <= chance, (
        "the right option is too often the shortest"
    )
    halves = 0
    for b in choice:
        parts = Counter(p.strip(" .") for o in b.opsi for p in o.split("; "))
        right = [p.strip(" .") for p in b.opsi[bank.HURUF.index(b.jawaban)].split("; ")]
        if len(right) > 1 and all(parts[p] == max(parts.values()) for p in right):
            halves += (
                1 if sum(parts[p] for p in right) > 2 * min(parts.values()) * len(right) else 0
            )
    assert halves <= chance
