"""Helpers shared by the tests of copies: copied workshop folders (Issue 14), copied uji answers,
and second collects.

Imported like tests/partskit.py (``from copykit import ...``; tests/ is on sys.path through its
conftest.py), by tests/integration/test_attack_copies_session8.py, test_attack_fixes_session8.py,
test_attack_copied_template_released.py, test_attack_second_turn_graded.py and the uji copy
tests:

* :data:`BATCH2`: batch 2's roster (two new ids, q01 and q02), as the trainer imports it;
* :func:`form_key`: an uji form's key in a workshop, and :func:`same_form`, which tells the same
  form from a workshop's own draw;
* :func:`sheet`: a participant's sheet as ``collect`` leaves it in ``submitted/``;
* :func:`own_place`: batch 1's folder copied with ``cp -a`` and recorded as the folder it lives in;
* :func:`usb_stick`: a flashdisk folder with the given notebooks (``collect_module(..., source=)``);
* :func:`choice_letters`, :func:`honest_answers`, :func:`filled_sheet`: honest uji sheets among
  which a copied one hides (test_attack_copy.py, test_attack_uji_release.py);
* :func:`solution_answers`, :func:`judged_points`: an uji form's own solution, and the points its
  own hidden tests give some answers (a form copied from a template, tests/unit/kunci/test_bengkel.py).
"""

from __future__ import annotations

import json
import random
import re
import subprocess
from pathlib import Path

import nbformat

BATCH2 = (
    "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"
    "q01,Dwi Lestari,UD Alas Kaki Sentanan,Sentanan,P,pemilik\n"
    "q02,Eko Prasetyo,UD Alas Kaki Sentanan,Sentanan,L,penjahit\n"
)


def form_key(root, modul: str) -> dict:
    """{grade id: expected answer} of the form of ``modul`` in ``source/`` of workshop ``root``."""
    from alaskaki.folder import Folder
    from alaskaki_kunci.bengkel import kunci_form

    return {r["grade_id"]: r["harapan"] for r in kunci_form(Folder(root).source_notebook(modul))}


def same_form(k1: dict, k2: dict) -> bool:
    """More than half the answers equal (a workshop's own form agrees on ~1 in 6)."""
    return sum(k1[g] == k2.get(g) for g in k1) > len(k1) // 2


def sheet(ws, pid: str, modul: str, *, at: str = "2026-12-01 15:30:00.000000 UTC") -> None:
    """``pid``'s sheet of ``modul`` (the released copy, id filled in) as ``collect`` leaves it,
    handed in at ``at``."""
    nb = nbformat.read(ws.release_notebook(modul), as_version=4)
    for cell in nb.cells:
        cell.source = cell.source.replace('"isi-id-anda"', f'"{pid}"')
    dest = ws.submitted(pid, modul)
    dest.mkdir(parents=True)
    nbformat.write(nb, dest / f"{modul}.ipynb")
    (dest / "timestamp.txt").write_text(f"{at}\n", encoding="utf-8")


def own_place(src, dest) -> Path:
    """A private ``cp -a`` of ``src`` recorded as the folder it lives in (batch 1's original)."""
    from alaskaki.workshop.course import Workshop

    subprocess.run(["cp", "-a", str(src), str(dest)], check=True)
    Workshop(dest).record_origin()
    return Path(dest)


def usb_stick(tmp_path, name: str, files: dict) -> Path:
    """A flashdisk folder ``tmp_path/name`` holding ``files`` ({file name: notebook})."""
    stick = tmp_path / name
    stick.mkdir()
    for fname, nb in files.items():
        nbformat.write(nb, stick / fname)
    return stick


# --- copied answers on the uji (kerja sama): honest sheets to hide a copy among ------------------

_CHOICE = re.compile(
    r'^((?:pre|post)_[a-z0-9_]+) = None.*\n(?:.*\n)*?latihan\.cek_huruf\(\1, "([A-H]+)"\)', re.M
)
_STUB = re.compile(r"^((?:pre|post)_[a-z0-9_]+) = None(?=\s*#)", re.M)


def choice_letters(released) -> dict[str, str]:
    """{grade id: the letters it offers} of every choice item of a released uji form."""
    out = {}
    for cell in released.cells:
        m = _CHOICE.search(cell.source) if cell.cell_type == "code" else None
        if m:
            out[m[1]] = m[2]
    return out


def honest_answers(key: dict, letters: dict[str, str], pid: str, skill: float) -> dict:
    """Right with probability ``skill``; a wrong answer is the item's attractive distractor more
    often than not (people who share a misconception pick the same wrong option)."""
    r = random.Random(f"jujur:{pid}")
    out = {}
    for gid, right in key.items():
        if r.random() < skill:
            out[gid] = right
            continue
        item = random.Random(f"butir:{gid}")  # the same attractive distractors for everyone
        if gid in letters:
            wrong = [h for h in letters[gid] if h != right]
            item.shuffle(wrong)
            out[gid] = r.choices(wrong, weights=[6, 3, 1, 1, 1][: len(wrong)])[0]
        else:
            slips = [float(right) * f for f in (1.1, 0.9, 1.18, 0.5)]
            item.shuffle(slips)
            out[gid] = round(r.choices(slips, weights=[6, 3, 1, 1])[0], 2)
    return out


def filled_sheet(released, pid: str, answers: dict, line=None):
    """The released uji form with ``pid``'s id and ``answers`` ({grade id: value}) typed in, each as
    ``<gid> = <value>`` or as ``line(gid, value)`` writes it."""
    nb = nbformat.from_dict(json.loads(json.dumps(released)))
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.source = re.sub(r'"isi-id-anda"', json.dumps(pid), cell.source, flags=re.I)
        m = _STUB.search(cell.source)
        if m and m[1] in answers:
            v = answers[m[1]]
            text = f"{m[1]} = {v!r}" if line is None else line(m[1], v)
            cell.source = _STUB.sub(lambda _m, text=text: text, cell.source)
    return nb


# --- a form's own key: its solution and its hidden tests -------------------------------------------


def solution_answers(nb) -> dict[str, object]:
    """The instructor solution's answers of an uji form ({grade id: value})."""
    out = {}
    for cell in nb.cells:
        m = re.search(r"### BEGIN SOLUTION\n(\w+) = (.+)\n### END SOLUTION", cell.source)
        if m and m.group(1).startswith(("pre_", "post_")):
            out[m.group(1)] = eval(m.group(2))  # noqa: S307 - our own generated literal
    return out


def judged_points(nb, answers: dict[str, object]) -> int:
    """Points the form's own hidden tests give ``answers``, run as the judge runs them."""
    score = 0
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if not meta.get("grade"):
            continue
        gid = meta["grade_id"]
        ns = {gid: answers.get(gid)}
        try:
            exec(cell.source, ns)  # noqa: S102 - the form's own test cell, trainer side
        except AssertionError:
            continue
        score += 1
    return score
