"""Red team, quick cases: a participant with no skill probes the participant side of the uji.

* the form checks (``cek_huruf``/``cek_angka``) are no oracle: the right answer and every wrong
  one get the same words;
* importing and walking everything participant-side (the exercises, the domain library, the
  widgets) neither loads the grader-side key package nor reaches any object holding an answer;
  calling every public function of ``alaskaki.exercises.asesmen`` with the participant's id and the
  form id says nothing about answers;
* test-wiseness: choosing options by their look (the longest, the one sharing most with the
  others) never makes a unit Kompeten.

The real-kernel, sandbox and Linux-account attacks are in tests/integration/test_attack_participant.py.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import subprocess
import sys

import pytest
import yaml
from test_attack_testwise import _clauses, _p_met, _words  # the same text statistics

from alaskaki import paths

FORMS = ("asesmen-awal", "asesmen-akhir")
PID = "p07"


def _items(modul):
    from alaskaki_kunci.bank import form

    return form(modul)


def _printed(fn, *args) -> str:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        try:
            ret = fn(*args)
        except Exception as exc:  # noqa: BLE001 - the message is what a participant sees
            ret = f"{type(exc).__name__}: {exc}"
    return buf.getvalue() + ("" if ret is None else repr(ret))


@pytest.mark.parametrize("modul", FORMS)
def test_form_checks_say_the_same_to_right_and_wrong_answers(modul):
    from alaskaki.exercises import asesmen as latihan
    from alaskaki_kunci.bank import HURUF

    for b in _items(modul):
        if b.jenis == "huruf":
            letters = HURUF[: len(b.opsi)]
            said = {_printed(latihan.cek_huruf, h, letters) for h in letters}
            said |= {_printed(latihan.cek_huruf, h.lower(), letters) for h in letters}
        else:
            key = float(b.jawaban)
            tries = [key, key * 1.001, key * 0.999, key + 1, key * 2, 0.0, -key, round(key)]
            said = {_printed(latihan.cek_angka, x) for x in tries}
        assert len(said) == 1, (b.grade_id, said)


PARTICIPANT_SIDE = """
import gc, importlib, json, pkgutil, sys
import alaskaki.domain, alaskaki.exercises
names = []
for pkg in (alaskaki.domain, alaskaki.exercises):
    names += [m.name for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + ".")]
for extra in ("alaskaki.widgets", "alaskaki.paths", "alaskaki.errors"):
    names.append(extra)
for name in names:
    try:
        importlib.import_module(name)
    except ImportError:
        pass
from alaskaki.exercises import asesmen as latihan
for form in ("asesmen-awal", "asesmen-akhir"):
    latihan.mulai_form(form, "p07")
found = []
for o in gc.get_objects():
    try:
        if isinstance(o, type):
            continue
        if hasattr(o, "grade_id") and hasattr(o, "jawaban"):
            found.append(repr(o)[:80])
        elif isinstance(o, dict) and any(isinstance(k, str) and k.startswith(("post_", "pre_")) for k in o):
            found.append(repr(o)[:80])
    except Exception:
        pass
print("HASIL", json.dumps({
    "kunci": sorted(m for m in sys.modules if m.startswith("alaskaki_kunci")),
    "objek": found,
}))
"""


def test_participant_side_never_loads_or_holds_the_key():
    done = subprocess.run(
        [sys.executable, "-c", PARTICIPANT_SIDE], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    line = next(ln for ln in done.stdout.splitlines() if ln.startswith("HASIL "))
    result = json.loads(line.split(" ", 1)[1])
    assert result == {"kunci": [], "objek": []}


def test_every_participant_function_called_with_own_id_says_no_answer():
    """Every public function of alaskaki.exercises.asesmen, with every order of (id, form id)."""
    import inspect
    import itertools

    from alaskaki.exercises import asesmen as latihan

    out = []
    for name, fn in inspect.getmembers(latihan, callable):
        if name.startswith("_") or getattr(fn, "__module__", "") != latihan.__name__:
            continue
        for modul in FORMS:
            for n in range(3):
                for args in itertools.permutations([PID, modul], n):
                    out.append(_printed(fn, *args))
    text = "\n".join(out)
    for modul in FORMS:
        for b in _items(modul):
            assert b.grade_id not in text
            if b.jenis == "angka" and abs(float(b.jawaban)) >= 10:
                shown = {f"{float(b.jawaban):.2f}", f"{round(float(b.jawaban))}"}
                assert not any(re.search(rf"(?<![\d.]){re.escape(s)}(?![\d])", text) for s in shown)
            else:
                correct = b.opsi[ord(str(b.jawaban)) - ord("A")] if b.jenis == "huruf" else None
                assert correct is None or correct not in text


# ------------------------------------------------------------------------------------------
# test-wiseness: choosing by the look of the options
# ------------------------------------------------------------------------------------------


def _scores(opts: tuple[str, ...]) -> dict[str, list[float]]:
    cl = [_clauses(o) for o in opts]
    idx = range(len(opts))
    length = [float(len(o)) for o in opts]
    shared = [
        sum(
            len(_words(opts[i]) & _words(opts[j])) / len(_words(opts[i]) | _words(opts[j]))
            for j in idx
            if j != i
        )
        for i in idx
    ]
    return {
        "terpanjang": length,
        "klausa_bersama": [
            float(sum(sum(c in cl[j] for c in cl[i]) for j in idx if j != i)) for i in idx
        ],
        "kata_bersama": shared,
        # when the key is made never to be the longest, leave the longest out, then converge
        "kata_bersama_bukan_terpanjang": [
            -1.0 if length[i] == max(length) and length.count(max(length)) == 1 else shared[i]
            for i in idx
        ],
        "terpendek": [-x for x in length],
        # the odd one out: the option sharing least with the others
        "paling_beda": [-x for x in shared],
        # the most specific wording: most numbers, codes, names and bracketed terms
        "paling_spesifik": [float(_specific(o)) for o in opts],
        # avoid absolute words ("selalu", "semua", "hanya", ...), a classic test-wise rule
        "tanpa_kata_mutlak": [-float(len(_words(o) & MUTLAK)) for o in opts],
        # with numbers in the options, the one nearest the middle
        "angka_tengah": _middle_number(opts),
        **{f"selalu_{h}": [float(i == k) for i in idx] for k, h in enumerate("ABCD")},
    }


MUTLAK = {
    "selalu",
    "semua",
    "hanya",
    "pasti",
    "tidak",
    "pernah",
    "wajib",
    "harus",
    "cukup",
    "seluruh",
}


def _specific(s: str) -> int:
    return len(re.findall(r"\d+", s)) + len(re.findall(r"\b[A-Z][\w/.-]*", s)) + s.count("(")


def _middle_number(opts: tuple[str, ...]) -> list[float]:
    nums = []
    for o in opts:
        found = re.findall(r"\d+(?:[.,]\d+)*", o)
        nums.append(float(found[0].replace(".", "").replace(",", ".")) if found else None)
    known = sorted(x for x in nums if x is not None)
    if not known:
        return [0.0] * len(opts)
    mid = (known[0] + known[-1]) / 2
    return [-abs(x - mid) if x is not None else -1e18 for x in nums]


def _strategies(modul) -> dict[str, dict[str, float]]:
    """Per strategy, the expected points per choice item (ties split evenly, as a coin would)."""
    from alaskaki_kunci.bank import HURUF

    got: dict[str, dict[str, float]] = {}
    for b in _items(modul):
        if b.jenis != "huruf":
            continue
        for name, sc in _scores(b.opsi).items():
            best = [HURUF[i] for i, x in enumerate(sc) if x == max(sc)]
            got.setdefault(name, {})[b.grade_id] = (b.jawaban in best) / len(best)
    return got


def test_choosing_options_by_their_look_makes_no_unit_kompeten():
    """The engine's rule (every criterion ≥ ambang on its uji items) with a test-wise guesser who
    leaves every numeric item blank and gets every rubric cell at zero."""
    fw = yaml.safe_load((paths.GRADING_DIR / "kompetensi.yml").read_text(encoding="utf-8"))
    ambang_default = float(fw.get("ambang", 0.7))
    for name, points in _strategies("asesmen-akhir").items():
        for unit in fw["unit"]:
            crits = [c for e in unit["elemen"] for c in e["kriteria"]]
            met = [
                c.get("uji")
                and sum(points.get(g, 0.0) for g in c["uji"]) / len(c["uji"])
                >= float(c.get("ambang", ambang_default))
                for c in crits
            ]
            assert not all(met), f"{name}: unit {unit['kode']} Kompeten without any skill"


def test_no_unit_kompeten_by_luck_with_a_test_wise_strategy():
    """Ties broken by a coin: the chance that a test-wise guesser (numeric items blank, rubric
    cells zero) is Kompeten in a unit stays at most 5% (pure guessing: about 0.1%)."""
    fw = yaml.safe_load((paths.GRADING_DIR / "kompetensi.yml").read_text(encoding="utf-8"))
    ambang_default = float(fw.get("ambang", 0.7))
    lucky = {}
    for name, points in _strategies("asesmen-akhir").items():
        for unit in fw["unit"]:
            p_unit = 1.0
            for c in (c for e in unit["elemen"] for c in e["kriteria"]):
                ids = c.get("uji") or []
                p_unit *= (
                    _p_met(
                        [points.get(g, 0.0) for g in ids], float(c.get("ambang", ambang_default))
                    )
                    if ids
                    else 0.0
                )
            if p_unit > 0.05:
                lucky[(name, unit["kode"])] = round(p_unit, 3)
    assert not lucky, f"a unit is Kompeten by test-wise guessing with these chances: {lucky}"


def test_a_keyed_form_edited_by_hand_is_refused_by_name(tmp_path):
    """R29: every hidden test carries its question's fingerprint beside the key; a question edited
    by hand (options exchanged, a number changed) is refused by name, by the grader and by
    ``cetak --kunci``, never graded or printed with the stale key. The untouched form passes."""
    import nbformat

    from alaskaki.errors import AlaskakiError
    from alaskaki.workshop.grading.module import _frozen_key
    from alaskaki_kunci.arsip import SoalDiubah, cocokkan

    path = paths.SOURCE_DIR / "asesmen-akhir" / "asesmen-akhir.ipynb"
    nb = nbformat.read(path, as_version=4)
    assert cocokkan(nb) == 37
    q = {
        c.metadata["nbgrader"]["grade_id"].removesuffix("_jawab"): i - 1
        for i, c in enumerate(nb.cells)
        if c.metadata.get("nbgrader", {}).get("grade_id", "").endswith("_jawab")
    }
    kbli, cif = nb.cells[q["post_eks01_kbli"]], nb.cells[q["post_eks03_cif"]]
    kbli.source = kbli.source.replace("**A.**", "**X.**").replace("**C.**", "**A.**")
    kbli.source = kbli.source.replace("**X.**", "**C.**")
    cif.source = re.sub(r"\d", lambda m: str((int(m[0]) + 1) % 10), cif.source, count=1)
    with pytest.raises(SoalDiubah) as err:
        cocokkan(nb)
    assert err.value.butir == ["post_eks01_kbli", "post_eks03_cif"]
    with pytest.raises(AlaskakiError, match="post_eks01_kbli, post_eks03_cif") as refused:
        _frozen_key(nb, "asesmen-akhir")
    assert "alaskaki ulang asesmen-akhir" in str(refused.value)
    # the key printout refuses it in the same words
    from alaskaki_kunci.bengkel import kunci_form

    edited = tmp_path / "asesmen-akhir.ipynb"
    nbformat.write(nb, edited)
    with pytest.raises(AlaskakiError) as printed:
        kunci_form(edited)
    assert str(printed.value) == str(refused.value)


def test_a_sheet_answered_to_another_question_names_the_item():
    """R29b: the trainer edits the COPY he hands out (``release/``), not ``source/``, or a
    participant types into a question cell. The sheet carries the question each answer was given
    to; each item whose question text is not the one its key was made for is named to the trainer
    (a flag per item: the rest of the sheet is graded as usual). A sheet of the form as handed out
    names nothing; an old form without ``sidik=`` is left as it is."""
    import copy
    from types import SimpleNamespace

    import nbformat
    from nbgrader.preprocessors import ClearHiddenTests, ClearSolutions

    from alaskaki.workshop.grading.sanitise import question_flags
    from alaskaki_kunci.arsip import sidik_form, soal_kiriman_berbeda

    source = nbformat.read(paths.SOURCE_DIR / "asesmen-akhir" / "asesmen-akhir.ipynb", 4)
    kunci = sidik_form(source)
    assert len(kunci) == 37
    given = ClearHiddenTests().preprocess(copy.deepcopy(source), {})[0]
    given = ClearSolutions(enforce_metadata=False).preprocess(given, {})[0]
    assert soal_kiriman_berbeda(given, kunci) == []
    q = {
        c.metadata["nbgrader"]["grade_id"].removesuffix("_jawab"): i - 1
        for i, c in enumerate(given.cells)
        if c.metadata.get("nbgrader", {}).get("grade_id", "").endswith("_jawab")
    }
    sheet = copy.deepcopy(given)
    kbli = sheet.cells[q["post_eks01_kbli"]]
    kbli.source = kbli.source.replace("**A.**", "**X.**").replace("**C.**", "**A.**")
    kbli.source = kbli.source.replace("**X.**", "**C.**")
    sheet.cells[q["post_eks03_cif"]].source += "\n\nsaya kira jawabannya B"  # typed by p07
    assert soal_kiriman_berbeda(sheet, kunci) == ["post_eks01_kbli", "post_eks03_cif"]
    flags = question_flags(sheet, SimpleNamespace(sidik=kunci), PID)
    assert len(flags) == 2
    assert flags[0].startswith(f"Soal butir post_eks01_kbli di kiriman {PID} berbeda dari soal")
    # a sheet whose answer cell lost its metadata is still read at its test cell
    del sheet.cells[q["post_eks01_kbli"] + 1].metadata["nbgrader"]
    assert soal_kiriman_berbeda(sheet, kunci) == ["post_eks01_kbli", "post_eks03_cif"]
    # a form made before sidik= existed: nothing to compare, nothing named
    assert question_flags(sheet, SimpleNamespace(sidik={}), PID) == []
