"""Red team: the feedback oracle of the uji (issue 19, BOARD R5).

Four friends with no skill answer every choice item of the post-test with A, B, C and D, then pool
what their feedback pages say. The pages show per-unit scores only, so the pooled pages must not let a
fifth participant (or a retake) score better than chance. The other red-team attacks that are still
open (a participant's Linux account on the hub, a copied uji not flagged) wait on the branch
``redteam-pending`` until their defence lands.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import nbformat
import pytest

from alaskaki import paths

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "attack"))

import serangan  # noqa: E402

MODUL = serangan.MODUL

pytestmark = [pytest.mark.slow]


@pytest.fixture(scope="module")
def workshop(released_akhir):
    """A workshop with the real asesmen-akhir, released by the kit (as a trainer does); built once
    per test run (tests/integration/conftest.py), so every test copies it before writing."""
    return released_akhir


# ------------------------------------------------------------------------------------------
# on a workshop server: the participant's Linux account, a real kernel, the kit's venv
# ------------------------------------------------------------------------------------------


# ------------------------------------------------------------------------------------------
# feedback as an oracle: four friends pool their feedback pages
# ------------------------------------------------------------------------------------------

CHOICE_CELL = re.compile(
    r'^((?:pre|post)_[a-z0-9_]+) = None.*\n(?:.*\n)*?latihan\.cek_huruf\(\1, "([A-H]+)"\)', re.M
)


def _answered(released, pid: str, answers: dict[str, str]) -> nbformat.NotebookNode:
    """The released notebook with the id and the given letters (every other answer left blank)."""
    nb = nbformat.from_dict(json.loads(json.dumps(released)))
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.source = re.sub(r'"isi-id-anda"', json.dumps(pid), cell.source, flags=re.I)
        m = serangan.ANSWER_STUB.search(cell.source)
        if m and m[1] in answers:
            cell.source = serangan.ANSWER_STUB.sub(f"{m[1]} = {answers[m[1]]!r}", cell.source)
    return nb


def _choices(released) -> dict[str, str]:
    """Choice items and their letters, as a participant reads them in the released notebook."""
    out = {}
    for cell in released.cells:
        m = CHOICE_CELL.search(cell.source) if cell.cell_type == "code" else None
        if m:
            out[m[1]] = m[2]
    return out


def _submit(ws, pid: str, nb, when: str) -> None:
    dest = ws.submitted(pid, MODUL)
    dest.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, dest / f"{MODUL}.ipynb")
    (dest / "timestamp.txt").write_text(when)


def test_pooled_feedback_gives_no_key(workshop, tmp_path):
    """Four friends answer every choice item with A, B, C and D; what their feedback pages say,
    pooled, must not let a fifth (or a retake) score better than guessing."""
    from alaskaki.workshop import demo
    from alaskaki.workshop.feedback import write_feedback
    from alaskaki.workshop.grader import grade_module

    ws, source, released = workshop
    ws = type(ws)(shutil.copytree(ws.root, tmp_path / "lokakarya"))
    ids = ws.participant_ids()
    friends, fifth, honest = ids[:4], ids[4], ids[5]
    choices = _choices(released)
    assert len(choices) >= 20, "the attack reads the choice items from the released notebook"
    for pid, letter in zip(friends, "ABCD", strict=True):
        answers = {g: letter for g, letters in choices.items() if letter in letters}
        _submit(ws, pid, _answered(released, pid, answers), "2026-12-01 05:00:00.000000 UTC")
    _submit(
        ws,
        honest,
        demo.simulate_submission(source, released, honest, 1.0, MODUL),
        "2026-12-01 05:00:00.000000 UTC",
    )
    run = grade_module(ws.root, MODUL, participants=[*friends, honest], progress=False)
    assert {r.participant: r.score for r in run.results}[honest] == len(serangan.key())

    pooled: dict[str, str] = {}
    for page in write_feedback(ws.root, MODUL, participants=friends):
        text = Path(page).read_text(encoding="utf-8")
        # what a participant reads: a section per item, marked right, with "Jawaban Anda"
        for section in re.findall(r'<section class="soal benar">(.*?)</section>', text, re.S):
            for gid, letter in re.findall(
                r"((?:pre|post)_[a-z0-9_]+) = (?:&#x27;|&#39;|')([A-H])", section
            ):
                pooled[gid] = letter
        for gid, letter in re.findall(
            r"((?:pre|post)_[a-z0-9_]+) = (?:&#x27;|&#39;|')([A-H])(?:&#x27;|&#39;|')[^<]*</pre>\s*<p>Benar",
            text,
        ):
            pooled[gid] = letter
    _submit(ws, fifth, _answered(released, fifth, pooled), "2026-12-01 06:00:00.000000 UTC")
    run = grade_module(ws.root, MODUL, participants=[fifth], progress=False)
    score = run.results[0].score
    chance = sum(1 / len(letters) for letters in choices.values())
    assert score <= chance + 2 * (chance * 0.75) ** 0.5 + 1, (
        f"pooled feedback gave {score} of {len(serangan.key())} ({len(pooled)} items read as right)"
    )


def _unit_scores(page: Path) -> dict[str, int]:
    """What the uji's feedback page says per unit (``<td>EKS-01</td><td>3 dari 7</td>``)."""
    text = page.read_text(encoding="utf-8")
    return {
        u: round(float(g.replace(",", ".")))
        for u, g in re.findall(r"<td>([A-Z]{3}-\d\d)</td><td>([\d,]+) dari [\d,]+</td>", text)
    }


def _decode(choices: dict[str, str], answered: dict[str, dict[str, str]], said) -> dict[str, str]:
    """Group testing: every page is a count of right answers over a group of items (a unit). Per group, keep the keys consistent with every friend's count and take, per
    item, the letter most of them have."""
    import itertools

    groups: dict[str, list[str]] = {}
    for gid in choices:
        m = re.match(r"(?:pre|post)_([a-z]+)(\d+)_", gid)
        groups.setdefault(f"{m[1].upper()}-{m[2]}", []).append(gid)
    out: dict[str, str] = {}
    for unit, gids in groups.items():
        counts = {f: s[unit] for f, s in said.items() if unit in s}
        if not counts or len(gids) > 9:
            continue
        consistent = [
            combo
            for combo in itertools.product(*(choices[g] for g in gids))
            if all(
                sum(answered[f].get(g) == c for g, c in zip(gids, combo, strict=True)) == n
                for f, n in counts.items()
            )
        ]
        for i, g in enumerate(gids):
            if consistent:
                out[g] = max(choices[g], key=lambda h, i=i: sum(c[i] == h for c in consistent))
    return out


def test_per_unit_feedback_of_friends_gives_no_key(workshop, tmp_path):
    """Eight friends with no skill answer the choice items at random (each keeps a note of what
    they answered) and pool the per-unit scores of their feedback pages. A count of right answers
    per unit is a group test: the friends' notes and counts leave one key per unit. A ninth (or a
    retake of the same form) must still score no better than guessing."""
    import random

    from alaskaki.workshop.feedback import write_feedback
    from alaskaki.workshop.grader import grade_module

    ws, source, released = workshop
    ws = type(ws)(shutil.copytree(ws.root, tmp_path / "lokakarya"))
    ids = ws.participant_ids()
    friends, ninth = ids[:8], ids[8]
    choices = _choices(released)
    r = random.Random(20261202)
    answered = {pid: {g: r.choice(letters) for g, letters in choices.items()} for pid in friends}
    for pid in friends:
        _submit(ws, pid, _answered(released, pid, answered[pid]), "2026-12-01 05:00:00.000000 UTC")
    grade_module(ws.root, MODUL, participants=friends, progress=False)
    pages = {
        Path(p).parent.parent.name: Path(p)
        for p in write_feedback(ws.root, MODUL, participants=friends)
    }
    said = {pid: _unit_scores(page) for pid, page in pages.items()}
    decoded = _decode(choices, answered, said)
    _submit(ws, ninth, _answered(released, ninth, decoded), "2026-12-01 06:00:00.000000 UTC")
    run = grade_module(ws.root, MODUL, participants=[ninth], progress=False)
    score = run.results[0].score
    chance = sum(1 / len(letters) for letters in choices.values())
    assert score <= chance + 2 * (chance * 0.75) ** 0.5 + 1, (
        f"eight friends' per-unit feedback gave a ninth {score} of {len(choices)} choice items "
        f"(chance {chance:.1f}; {len(decoded)} items decoded)"
    )


def test_pooled_rapor_gives_no_key(workshop, tmp_path):
    """Four friends answer every choice item with A, B, C and D and pool their rapor. The rapor
    names each unmet criterion; a criterion whose only uji item is a choice item is met exactly
    when that item is right, so the pooled rapor must not let a fifth score better than guessing.

    Policy (R5c, docs/grading.md): no rapor while the uji round is open; once the trainer closes
    it, a submission of that form is refused by name, and a retake sits a NEW form. The attack is
    run in full: the rapor is tried before closing, pooled after, handed in on the same form and,
    refused there, carried to the retake form by grade id."""
    import yaml

    from alaskaki.competency.engine import assess
    from alaskaki.errors import AlaskakiError
    from alaskaki.report.rapor import write_rapor
    from alaskaki.workshop import putaran
    from alaskaki.workshop.grader import grade_module
    from alaskaki.workshop.release import release_module

    ws, source, released = workshop
    ws = type(ws)(shutil.copytree(ws.root, tmp_path / "lokakarya"))
    ids = ws.participant_ids()
    friends, fifth = ids[:4], ids[4]
    choices = _choices(released)
    answered = {
        pid: {g: letter for g, letters in choices.items() if letter in letters}
        for pid, letter in zip(friends, "ABCD", strict=True)
    }
    for pid in friends:
        _submit(ws, pid, _answered(released, pid, answered[pid]), "2026-12-01 05:00:00.000000 UTC")
    grade_module(ws.root, MODUL, participants=friends, progress=False)
    # an open round gives no rapor at all
    with pytest.raises(AlaskakiError, match=f"alaskaki tutup {MODUL}"):
        write_rapor(assess(ws.root), tmp_path / "rapor-dini", participant=friends[0])
    assert not list(tmp_path.glob("rapor-dini/*")), "a rapor was written for an open round"

    putaran.tutup(ws.root, MODUL)
    result = assess(ws.root)
    raw = yaml.safe_load((paths.GRADING_DIR / "kompetensi.yml").read_text(encoding="utf-8"))
    fw = {
        c["kode"]: list(c.get("uji") or [])
        for u in raw["unit"]
        for e in u["elemen"]
        for c in e["kriteria"]
    }
    pooled: dict[str, str] = {}
    for pid in friends:
        (page,) = write_rapor(result, tmp_path / "rapor", participant=pid, formats=("html",))
        text = page.read_text(encoding="utf-8")
        unmet = set(re.findall(r"[A-Z]{3}-\d\d\.\d\.\d", text))
        for kode, uji in fw.items():
            if len(uji) == 1 and uji[0] in choices and kode not in unmet:
                pooled[uji[0]] = answered[pid][uji[0]]
    read = len(pooled)
    guessed = {g: "A" for g in choices} | pooled  # the other items: a guess
    chance = sum(1 / len(letters) for letters in choices.values())
    bound = chance + 2 * (chance * 0.75) ** 0.5 + 1

    # the same form handed in after the rapor went out: refused by name, nothing graded
    _submit(ws, fifth, _answered(released, fifth, guessed), "2026-12-01 06:00:00.000000 UTC")
    run = grade_module(ws.root, MODUL, participants=[fifth], progress=False)
    (late,) = run.results
    assert late.score is None and late.status == "gagal", late
    assert fifth in (late.error or "") and "ditutup" in (late.error or ""), late.error

    # the retake sits a new form; the pooled letters are all the attacker has
    putaran.ulang(ws.root, MODUL, [fifth])
    release_module(ws, MODUL, due="2026-12-02 17:00")
    retake = nbformat.read(ws.release_notebook(MODUL), as_version=4)
    assert _choices(retake).keys() == choices.keys()
    _submit(ws, fifth, _answered(retake, fifth, guessed), "2026-12-02 06:00:00.000000 UTC")
    run = grade_module(ws.root, MODUL, participants=[fifth], progress=False)
    (again,) = run.results
    assert again.status == "dinilai", again
    assert again.score <= bound, (
        f"four friends' rapor gave a fifth {again.score} of {len(choices)} choice items on the "
        f"retake form (chance {chance:.1f}; {read} items read from the criteria met)"
    )
    # the friends keep the result of the round they sat
    run = grade_module(ws.root, MODUL, participants=friends, progress=False)
    assert all(r.status == "tidak berubah" for r in run.results), run.results


def test_nbgraders_own_feedback_button_shows_no_key(workshop, tmp_path):
    """The formgrader's "Generate Feedback" button (``nbgrader generate_feedback``) writes into the
    same ``feedback/`` folder the kit releases. It renders the autograded notebook as it is: the
    hidden tests (with a workshop form: ``kunci.uji(..., harapan='B')``, the key) and a score per
    item. Whatever button the trainer presses, the page of an uji must hold neither."""
    import html
    import subprocess

    from alaskaki.workshop import demo
    from alaskaki.workshop.grader import grade_module

    ws, source, released = workshop
    ws = type(ws)(shutil.copytree(ws.root, tmp_path / "lokakarya"))
    pid = ws.participant_ids()[0]
    _submit(
        ws,
        pid,
        demo.simulate_submission(source, released, pid, 0.5, MODUL),
        "2026-12-01 05:00:00.000000 UTC",
    )
    grade_module(ws.root, MODUL, participants=[pid], progress=False)
    done = subprocess.run(
        [sys.executable, "-m", "nbgrader", "generate_feedback", MODUL, "--student", pid, "--force"],
        cwd=ws.root,
        capture_output=True,
        text=True,
        check=False,
    )
    page = ws.feedback(pid, MODUL) / f"{MODUL}.html"
    if done.returncode != 0 or not page.is_file():
        # the kit refused nbgrader's own feedback for the uji, saying what to use instead
        assert "alaskaki feedback" in done.stdout + done.stderr, done.stdout + done.stderr
        return
    raw = page.read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<style.*?</style>", "", raw, flags=re.S)))
    shown = {
        "hidden tests": "BEGIN HIDDEN TESTS" in text,
        "harapan": len(re.findall(r"harapan=", text)),
        "scores per item": len(re.findall(r"Score: [\d.]+ / 1\.0", text)),
    }
    assert not any(shown.values()), f"nbgrader's feedback page of {MODUL} shows: {shown}"


# ------------------------------------------------------------------------------------------
# copying a friend's uji with the ID changed (issue 13 req. 3)
# ------------------------------------------------------------------------------------------


# ------------------------------------------------------------------------------------------
# copying a friend's uji with the ID changed (issue 13 req. 3, BOARD R8; landed by collect)
# ------------------------------------------------------------------------------------------


def test_a_friends_uji_copied_with_the_id_changed_shows_kerja_sama(workshop, tmp_path):
    """p08 takes p03's asesmen-akhir and changes only ID_PESERTA: the pair is an *indikasi kerja
    sama*; honest participants of every skill level form no pair."""
    from alaskaki.workshop import demo
    from alaskaki.workshop.similarity import module_pairs

    ws, source, released = workshop
    ws = type(ws)(shutil.copytree(ws.root, tmp_path / "lokakarya"))
    ids = ws.participant_ids()
    skills = [1.0, 0.85, 0.6, 0.6, 0.45, 0.3, 0.0]
    subs = {
        pid: demo.simulate_submission(source, released, pid, s, MODUL)
        for pid, s in zip(ids, skills, strict=False)
    }
    friend, copier = ids[2], ids[len(skills)]
    copy = nbformat.from_dict(json.loads(json.dumps(subs[friend])))
    for cell in copy.cells:
        cell.source = re.sub(rf'ID_PESERTA = "{friend}"', f'ID_PESERTA = "{copier}"', cell.source)
    subs[copier] = copy
    for pid, nb in subs.items():
        dest = ws.submitted(pid, MODUL)
        dest.mkdir(parents=True)
        nbformat.write(nb, dest / f"{MODUL}.ipynb")
    pairs = {tuple(sorted((p.a, p.b))) for p in module_pairs(ws, MODUL)}
    assert pairs == {tuple(sorted((friend, copier)))}, pairs
