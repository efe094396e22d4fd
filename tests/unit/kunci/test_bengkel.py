"""A workshop's own uji forms (issue 19, the public-repository threat): made from a per-workshop
secret, graded with their own key, useless to a participant who holds the public repository.

The attacker here holds everything public: the committed forms (questions, options, letters, the
instructor notebooks' answers) and the bank's source. Without the workshop's secret they answer the
workshop's form with the committed key, letter for letter or by the option text nearest to the
committed right option, and the committed numbers.
"""

from __future__ import annotations

import ast
import re
import stat
import statistics
from pathlib import Path

import nbformat
import pytest
from copykit import judged_points, solution_answers

from alaskaki.folder import Folder
from alaskaki_kunci import asesmen as kunci
from alaskaki_kunci import bank, bengkel
from alaskaki_kunci.asesmen import benar

SECRETS = [f"uji-rahasia-{i:02d}" for i in range(24)]


def _words(s: str) -> set[str]:
    return set(re.findall(r"\w+", s.lower()))


def _right_text(b: bank.Butir) -> str | float:
    return b.opsi[bank.HURUF.index(b.jawaban)] if b.jenis == "huruf" else round(float(b.jawaban), 6)


def _public_key_points(modul: str, rahasia: str) -> dict[str, dict[str, float]]:
    """Per strategy, the points per item of a workshop's form answered with the committed key
    (expected value, ties split as a coin would)."""
    committed = {b.slot: b for b in bank.form(modul)}
    got: dict[str, dict[str, float]] = {"huruf_sama": {}, "teks_terdekat": {}}
    for b in bank.form(modul, rahasia):
        c = committed[b.slot]
        if b.jenis == "angka":  # the committed number, for both strategies
            for g in got.values():
                g[b.grade_id] = float(b.benar(float(c.jawaban)))
            continue
        got["huruf_sama"][b.grade_id] = float(b.jawaban == c.jawaban)
        key_words = _words(_right_text(c))  # type: ignore[arg-type]
        sim = [len(_words(o) & key_words) / max(1, len(_words(o) | key_words)) for o in b.opsi]
        best = [bank.HURUF[i] for i, x in enumerate(sim) if x == max(sim)]
        got["teks_terdekat"][b.grade_id] = (b.jawaban in best) / len(best)
    return got


def _chance(modul: str) -> float:
    return sum(1 / len(b.opsi) for b in bank.form(modul) if b.jenis == "huruf")


@pytest.mark.parametrize("modul", [bank.AWAL, bank.AKHIR])
def test_workshop_forms_keep_the_blueprint_and_difficulty(modul):
    committed = bank.form(modul)
    for rahasia in SECRETS[:8]:
        items = bank.form(modul, rahasia)
        assert [b.grade_id for b in items] == [b.grade_id for b in committed]
        for a, b in zip(committed, items, strict=True):
            assert (a.unit, a.kriteria, a.jenis, len(a.opsi), a.tingkat) == (
                b.unit,
                b.kriteria,
                b.jenis,
                len(b.opsi),
                b.tingkat,
            ), b.grade_id
            assert b.benar(b.jawaban if b.jenis == "huruf" else float(b.jawaban))
            assert len(set(b.opsi)) == len(b.opsi)


@pytest.mark.parametrize("modul", [bank.AWAL, bank.AKHIR])
def test_two_workshops_get_different_right_answers(modul):
    """Slot by slot, the right answer (its text or number, not only its letter) differs between
    workshops in most items."""
    differ_text, differ_letter = [], []
    for r1, r2 in zip(SECRETS[0::2], SECRETS[1::2], strict=True):
        a, b = bank.form(modul, r1), bank.form(modul, r2)
        differ_text.append(sum(_right_text(x) != _right_text(y) for x, y in zip(a, b, strict=True)))
        differ_letter.append(
            sum(x.jawaban != y.jawaban for x, y in zip(a, b, strict=True) if x.jenis == "huruf")
        )
    n = len(bank.form(modul))
    assert statistics.mean(differ_text) / n >= 0.75, (statistics.mean(differ_text), n)
    choice = sum(1 for b in bank.form(modul) if b.jenis == "huruf")
    assert statistics.mean(differ_letter) / choice >= 0.6


def test_the_public_key_scores_near_chance_on_a_workshop_form():
    """The committed forms' key (letters, right option texts, numbers) on 24 workshops' asesmen-akhir,
    letter for letter or by the option text nearest to the committed right option: near blind
    guessing (which scores the choice items' 1/4 and no number)."""
    chance = _chance(bank.AKHIR)
    for name in ("huruf_sama", "teks_terdekat"):
        scores = [sum(_public_key_points(bank.AKHIR, r)[name].values()) for r in SECRETS]
        mean = statistics.mean(scores)
        print(
            f"public key ({name}) on a workshop's asesmen-akhir: {mean:.2f}/37 (blind {chance:.2f})"
        )
        assert mean <= chance * 1.4, (name, mean, chance)


def test_test_wise_strategies_stay_near_chance_on_workshop_forms():
    from test_attack_forms import _scores  # tests/unit/ is on sys.path (pytest's prepend mode)

    choice_n = sum(1 for b in bank.form(bank.AKHIR) if b.jenis == "huruf")
    totals: dict[str, list[float]] = {}
    for r in SECRETS:
        per: dict[str, float] = {}
        for b in bank.form(bank.AKHIR, r):
            if b.jenis != "huruf":
                continue
            for name, sc in _scores(b.opsi).items():
                best = [bank.HURUF[i] for i, x in enumerate(sc) if x == max(sc)]
                per[name] = per.get(name, 0.0) + (b.jawaban in best) / len(best)
        for name, x in per.items():
            totals.setdefault(name, []).append(x)
    means = {k: round(statistics.mean(v), 2) for k, v in totals.items()}
    print(f"test-wise strategies on workshop forms (of {choice_n} choice items): {means}")
    assert max(means.values()) <= choice_n * 0.34, means


def test_a_workshop_gets_its_own_forms_and_secret_and_a_copy_keeps_them(tmp_path):
    import shutil

    from alaskaki.workshop import course

    ws = course.init_workshop(tmp_path / "a", modules=list(bengkel.FORMS))
    ws2 = course.init_workshop(tmp_path / "b", modules=list(bengkel.FORMS))
    secret = bengkel.rahasia_path(ws.root)
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    r1, r2 = bengkel.baca_rahasia(ws.root), bengkel.baca_rahasia(ws2.root)
    assert r1 and r2 and r1 != r2
    nb_path = ws.source_notebook(bank.AKHIR)
    rows = bengkel.kunci_form(nb_path)
    assert [r["harapan"] for r in rows] == [b.jawaban for b in bank.form(bank.AKHIR, r1)]
    assert rows != bengkel.kunci_form(ws2.source_notebook(bank.AKHIR))
    # a moved/copied workshop: same forms, same secret, same key
    shutil.copytree(ws.root, tmp_path / "salinan", symlinks=True)
    copy = tmp_path / "salinan"
    assert bengkel.baca_rahasia(copy) == r1
    assert bengkel.kunci_form(Folder(copy).source_notebook(bank.AKHIR)) == rows
    # init again on the workshop adds nothing and changes no form
    before = nb_path.read_bytes()
    course.init_workshop(ws.root, modules=list(bengkel.FORMS))
    assert nb_path.read_bytes() == before


def test_a_moved_workshop_draws_its_forms_again_unless_printed_or_handed_out(tmp_path, capsys):
    """R34b: a folder that is not the one init made (its template removed, or copied over from
    another computer) gets its own forms at their first use, and `cetak` in such a folder prints
    its own forms. A form printed in ANOTHER folder (the marker names the folder it was printed
    from) whose folder is gone cannot be told apart from another batch's paper form: since
    session 8 the safe side for competency, said in one sentence with the way back."""
    import shutil

    from alaskaki.cli import main
    from alaskaki.workshop import course

    def moved(src: Path, name: str) -> course.Workshop:
        dst = shutil.copytree(src, tmp_path / name, symlinks=True)
        shutil.rmtree(src)
        return course.Workshop(dst)

    def key(w: course.Workshop) -> list:
        return bengkel.kunci_form(w.source_notebook(bank.AKHIR))

    ws = course.init_workshop(tmp_path / "templat", modules=[bank.AKHIR])
    before = key(ws)
    a = moved(ws.root, "laptop")
    assert course.own_forms_for_a_copy(a) and key(a) != before
    assert not course.own_forms_for_a_copy(a)  # now the folder recorded: drawn once
    printed = key(a)
    out = tmp_path / "kunci.html"
    assert main(["cetak", bank.AKHIR, "--kunci", "-w", str(a.root), "--out", str(out)]) == 0
    capsys.readouterr()
    b = moved(a.root, "server")
    assert course.own_forms_for_a_copy(b) and key(b) != printed
    said = capsys.readouterr().err
    assert "tidak dapat mengetahui" in said and f"penilaian/{bank.AKHIR}-salinan-" in said, said
    c = moved(course.init_workshop(tmp_path / "templat-2", modules=[bank.AKHIR]).root, "c")
    first = key(c)
    assert main(["cetak", bank.AKHIR, "-w", str(c.root), "--out", str(tmp_path / "f.html")]) == 0
    assert key(c) != first and not course.own_forms_for_a_copy(c)
    capsys.readouterr()


def test_each_workshop_grades_with_its_own_key(tmp_path):
    """Instructor solution: full marks; blank: 0; another workshop's solution, and the committed
    forms' solution: near chance."""
    from alaskaki.workshop import course

    a = course.init_workshop(tmp_path / "a", modules=[bank.AKHIR])
    b = course.init_workshop(tmp_path / "b", modules=[bank.AKHIR])
    nb_a = nbformat.read(a.source_notebook(bank.AKHIR), as_version=4)
    nb_b = nbformat.read(b.source_notebook(bank.AKHIR), as_version=4)
    committed = nbformat.read(_kit(bank.AKHIR), as_version=4)
    assert judged_points(nb_a, solution_answers(nb_a)) == 37
    assert judged_points(nb_a, {}) == 0
    assert judged_points(nb_b, solution_answers(nb_b)) == 37
    assert judged_points(nb_a, solution_answers(nb_b)) <= 15
    assert judged_points(nb_a, solution_answers(committed)) <= 15


def _kit(modul: str):
    from alaskaki import paths

    return paths.SOURCE_DIR / modul / f"{modul}.ipynb"


def test_decimal_commas_are_read_like_the_key():
    b = next(x for x in bank.form(bank.AKHIR) if x.jenis == "angka" and float(x.jawaban) > 1000)
    x = float(b.jawaban)
    indo = f"{x:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    assert b.benar(indo) and b.benar(f"{x:.2f}") and b.benar(x)
    assert benar(x, indo, b.batas()) and not benar(x, "abc", b.batas())
    assert not b.benar(f"{x * 1.1:.2f}")
    kunci.uji(b.grade_id, indo, harapan=x, batas=b.batas())
    with pytest.raises(AssertionError):
        kunci.uji(b.grade_id, "12", harapan=x, batas=b.batas())


def test_cif_tolerance_tells_the_110_percent_insurance_step():
    for rahasia in [None, *SECRETS[:10]]:
        for modul in (bank.AWAL, bank.AKHIR):
            b = bank.item(f"{bank.FORMS[modul]}_eks03_cif", rahasia)
            from alaskaki.domain import pricing

            d = b.data
            cfr = d["fob"] * d["pasang"] + d["ongkos"]
            tanpa_110 = pricing.cif_from_cfr(cfr, d["premi"] / 1.1)
            assert b.benar(float(b.jawaban)) and not b.benar(tanpa_110), (rahasia, modul)


OLD_FORMS = Path(__file__).parents[2] / "fixtures" / "trainerteam"


@pytest.mark.parametrize("commit", ["9861413", "f917dfc"])
def test_an_old_form_is_graded_by_the_key_of_its_own_items(commit):
    """Hidden tests without harapan= (forms generated before) get the frozen key of THEIR items,
    looked up by the question text (T8): the CIF item of 9861413 (one pair) and of f917dfc (the
    whole shipment) have one grade id and two keys; each form's own solution is right by it."""
    import nbformat

    from alaskaki_kunci.arsip import lengkapi
    from alaskaki_kunci.bengkel import kunci_form

    path = OLD_FORMS / f"asesmen-akhir-{commit}.ipynb"
    nb = nbformat.read(path, as_version=4)
    assert lengkapi(nb) == 37
    solutions = {}
    for cell in nb.cells:
        m = re.search(r"### BEGIN SOLUTION\n(\w+) = (.+)\n### END SOLUTION", cell.source)
        if m:
            solutions[m.group(1)] = ast.literal_eval(m.group(2))
    rows = kunci_form(path)
    assert len(rows) == 37
    for row in rows:
        kunci.uji(row["grade_id"], solutions[row["grade_id"]], row["harapan"], row["batas"])
        wrong = "Z" if isinstance(row["harapan"], str) else row["harapan"] * 1.5 + 10
        with pytest.raises(AssertionError):
            kunci.uji(row["grade_id"], wrong, row["harapan"], row["batas"])
    cif = next(r for r in rows if r["grade_id"] == "post_eks03_cif")["harapan"]
    assert (cif < 100) == (commit == "9861413"), cif


def test_an_old_form_whose_question_was_edited_is_refused_by_name():
    import nbformat

    from alaskaki_kunci.arsip import KunciLamaTidakDikenal, lengkapi

    nb = nbformat.read(OLD_FORMS / "asesmen-akhir-f917dfc.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "markdown" and "post_eks03_cif" in c.source)
    cell.source = cell.source.replace("USD", "EUR", 1)
    with pytest.raises(KunciLamaTidakDikenal) as err:
        lengkapi(nb)
    assert err.value.butir == ["post_eks03_cif"]


def test_a_hidden_test_without_its_key_never_guesses_one():
    with pytest.raises(RuntimeError, match="alaskaki grade"):
        kunci.uji("post_eks03_cif", 16.5)
