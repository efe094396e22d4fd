"""Red team: copying that decides a Kompeten, against the *indikasi kerja sama* (issue 13 req. 3).

* The rubric cells (m7's essays: ``uji`` ids of grading/kompetensi.yml that are no form item) are
  uji evidence of STR-01, scored by the trainer. Their model answers ("Contoh jawaban") are in
  the kit's instructor notebook, which is public in the kit's repository. Two participants paste the
  same public model essay (firm name changed): the two identical essays must show as a pair.
"""

from __future__ import annotations

import json
import random
import re
import shutil

import nbformat
import pytest
from copykit import choice_letters, filled_sheet, honest_answers

from alaskaki import paths

pytestmark = [pytest.mark.slow]

_VOCAB = (
    "kami usaha sepatu kulit sandal pesanan pembeli ekspor pasar harga mutu pekerja bahan impor "
    "lokal sentra kota mojokerto pelatihan modal mesin jahit sol karet kiriman kontainer dinas "
    "pameran daring toko pemasok pabrik mitra risiko peluang ancaman kekuatan kelemahan strategi "
    "untuk dengan karena supaya lalu juga belum sudah akan bisa perlu banyak sedikit baru lama"
)
WORDS = _VOCAB.split()


def _rubric_modules() -> dict[str, list[str]]:
    """Modules holding trainer-scored uji cells (kompetensi.yml ``uji`` ids that are no form item),
    with those cells' grade ids, found in the kit's instructor notebooks."""
    import yaml

    fw = yaml.safe_load((paths.GRADING_DIR / "kompetensi.yml").read_text(encoding="utf-8"))
    rubric = {
        g
        for u in fw["unit"]
        for e in u["elemen"]
        for c in e["kriteria"]
        for g in c.get("uji") or []
        if not g.startswith(("pre_", "post_"))
    }
    out: dict[str, list[str]] = {}
    for nb_path in sorted(paths.SOURCE_DIR.glob("*/*.ipynb")):
        nb = nbformat.read(nb_path, as_version=4)
        ids = [
            c.metadata["nbgrader"]["grade_id"]
            for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade_id") in rubric
        ]
        if ids:
            out[nb_path.parent.name] = ids
    return out


RUBRIC = _rubric_modules()


def _model_answers(source, ids) -> dict[str, str]:
    """The public "Contoh jawaban" of each rubric cell (the instructor notebook in the repo)."""
    out = {}
    for cell in source.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in ids:
            body = re.sub(r"^### (BEGIN|END) SOLUTION\s*$", "", cell.source, flags=re.M)
            out[gid] = body.strip()
    return out


def _own_essay(pid: str, gid: str) -> str:
    r = random.Random(f"{pid}:{gid}")
    return "\n\n".join(
        " ".join(r.choice(WORDS) for _ in range(r.randrange(14, 26))).capitalize() + "."
        for _ in range(6)
    )


def _submission(released, pid: str, essays: dict[str, str]):
    nb = nbformat.from_dict(json.loads(json.dumps(released)))
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if cell.cell_type == "code" and "ISI-ID-ANDA" in cell.source.upper():
            cell.source = re.sub(r'"isi-id-anda"', json.dumps(pid), cell.source, flags=re.I)
        elif gid in essays:
            cell.source = essays[gid]
    return nb


@pytest.mark.parametrize("modul", sorted(RUBRIC))
def test_the_public_model_essay_pasted_by_two_shows_kerja_sama(released_module, tmp_path, modul):
    """Two participants paste the public model essays (firm name changed) into the rubric (uji)
    cells; six write their own. The two identical essays must show as a pair, and only they."""
    from alaskaki.workshop.similarity import module_pairs

    base, source, released = released_module(modul)  # shared: copied before writing
    ws = type(base)(shutil.copytree(base.root, tmp_path / "lokakarya", symlinks=True))
    model = _model_answers(source, RUBRIC[modul])
    assert set(model) == set(RUBRIC[modul])
    ids = ws.participant_ids()[:8]
    pasters = ids[:2]
    for pid in ids:
        if pid in pasters:
            essays = {
                g: t.replace("UD Sepatu Surodinawan Jaya", f"UD Sepatu {pid.upper()} Jaya")
                for g, t in model.items()
            }
        else:
            essays = {g: _own_essay(pid, g) for g in RUBRIC[modul]}
        dest = ws.submitted(pid, modul)
        dest.mkdir(parents=True)
        nbformat.write(_submission(released, pid, essays), dest / f"{modul}.ipynb")
    pairs = {tuple(sorted((p.a, p.b))) for p in module_pairs(ws, modul)}
    assert pairs == {tuple(sorted(pasters))}, (
        f"two participants with the same public model essays in the rubric (uji) cells "
        f"{RUBRIC[modul]} of {modul}: pairs shown {pairs or 'none'}"
    )


# ------------------------------------------------------------------------------------------
# the uji: a friend's answers copied, with the id and a few answers changed (issue 13 req. 3)
# ------------------------------------------------------------------------------------------

UJI = "asesmen-akhir"


@pytest.fixture(scope="module")
def uji_workshop(released_akhir):
    """The released asesmen-akhir workshop (tests/integration/conftest.py, built once per run):
    every test copies it before writing."""
    ws, _source, released = released_akhir
    return ws, released


def _changed(answers: dict, key: dict, letters: dict[str, str], k: int, seed: str) -> dict:
    """``k`` answers changed to another plausible answer (the copier's cover)."""
    r = random.Random(seed)
    out = dict(answers)
    for gid in r.sample(sorted(out), k):
        if gid in letters:
            out[gid] = r.choice([h for h in letters[gid] if h != out[gid]])
        else:
            out[gid] = round(float(key[gid]) * r.choice((0.8, 1.25)), 2)
    return out


def _cohort(ws, released, extra: dict[str, dict]) -> None:
    """The demo's 24 participants with the demo's skill mix, honest, plus ``extra`` answer sheets
    (which replace those participants' own), written to ``submitted/``."""
    sheets = _sheets_and_key(ws, released)[0]
    sheets.update(extra)
    for pid, answers in sheets.items():
        dest = ws.submitted(pid, UJI)
        dest.mkdir(parents=True, exist_ok=True)
        nbformat.write(filled_sheet(released, pid, answers), dest / f"{UJI}.ipynb")


def _pairs(ws) -> set[tuple[str, str]]:
    from alaskaki.workshop.similarity import module_pairs

    return {tuple(sorted((p.a, p.b))) for p in module_pairs(ws, UJI)}


def _sheets_and_key(ws, released):
    import sys
    from pathlib import Path

    from alaskaki.workshop import demo

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "attack"))
    import serangan

    key = serangan.key(ws.root)  # the workshop's own form (b682374): right by its key
    letters = choice_letters(released)
    skill = demo.skills(ws.participant_ids())
    return (
        {pid: honest_answers(key, letters, pid, s) for pid, s in skill.items()},
        key,
        letters,
        skill,
    )


@pytest.mark.parametrize("k", [0, 3, 6])
def test_a_friends_uji_copied_with_k_answers_changed_shows_kerja_sama(uji_workshop, tmp_path, k):
    """A friend of middling skill (0.6: about fifteen wrong answers) hands over the sheet; the
    copier changes the id and ``k`` answers. The pair is shown; honest participants form none."""
    import shutil

    ws, released = uji_workshop
    ws = type(ws)(shutil.copytree(ws.root, tmp_path / "lokakarya"))
    sheets, key, letters, skill = _sheets_and_key(ws, released)
    friend = next(p for p, s in sorted(skill.items()) if s == 0.6)
    copier = next(p for p, s in sorted(skill.items()) if s == 0.0)
    copy = _changed(sheets[friend], key, letters, k, f"salin:{k}")
    _cohort(ws, released, {copier: copy})
    pairs = _pairs(ws)
    same = sum(copy[g] == sheets[friend][g] for g in key)
    wrong_same = sum(copy[g] == sheets[friend][g] != key[g] for g in key)
    assert pairs == {tuple(sorted((friend, copier)))}, (
        f"{copier} copied {friend}'s uji, changed the id and {k} answers ({same}/{len(key)} "
        f"answers identical, {wrong_same} identical WRONG answers): pairs shown {pairs or 'none'}"
    )


def test_five_friends_sharing_one_uji_sheet_show_kerja_sama(uji_workshop, tmp_path):
    """Five participants with no skill copy the sheet of a sixth (ids changed). A fingerprint held
    by many is discounted as 'a common way of writing'; a shared answer sheet must not be."""
    import shutil

    ws, released = uji_workshop
    ws = type(ws)(shutil.copytree(ws.root, tmp_path / "lokakarya"))
    sheets, key, letters, skill = _sheets_and_key(ws, released)
    friend = next(p for p, s in sorted(skill.items()) if s == 0.6)
    copiers = [p for p, s in sorted(skill.items()) if s in (0.0, 0.3)][:5]
    _cohort(ws, released, {c: dict(sheets[friend]) for c in copiers})
    pairs = _pairs(ws)
    missed = [c for c in copiers if not any(c in p for p in pairs)]
    assert not missed, f"{len(missed)} of 5 who copied {friend}'s uji are in no pair: {missed}"


def test_honest_participants_with_shared_misconceptions_form_no_pair(uji_workshop, tmp_path):
    """The demo's skill mix, wrong answers concentrated on each item's attractive distractor: a
    shared misconception is not copying."""
    import shutil

    ws, released = uji_workshop
    ws = type(ws)(shutil.copytree(ws.root, tmp_path / "lokakarya"))
    _cohort(ws, released, {})
    assert _pairs(ws) == set()
