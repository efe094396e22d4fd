"""Red team (session 5): copying inside a retake round (R5c rounds + R21's per-round comparison).

After `tutup` and `ulang asesmen-akhir --peserta p05 p06 p07`, the retake round has three sheets
on a NEW form; since R21 each round's sheets are compared only among themselves, against that
round's key. The late group sits together: p06 copies p05's retake sheet (20 wrong answers) and
puts right three of p05's wrong answers. A round of three must still show the pair, and only it;
the 24 round-1 sheets show none. One workshop, no grading (the sheets are what participants hand in).
"""

from __future__ import annotations

import nbformat
import pytest

from alaskaki import paths
from alaskaki.folder import Folder

pytestmark = [pytest.mark.slow]

FORM = "asesmen-akhir"


def test_a_copy_inside_a_small_retake_round_shows_kerja_sama(tmp_path):
    from copykit import choice_letters, filled_sheet, honest_answers

    from alaskaki.workshop import demo, putaran
    from alaskaki.workshop.course import init_workshop
    from alaskaki.workshop.release import release_module
    from alaskaki.workshop.similarity import module_pairs
    from alaskaki_kunci.bengkel import kunci_form

    root = tmp_path / "lokakarya"
    ws = init_workshop(root, roster=paths.dataset("contoh_peserta.csv"), modules=[FORM])

    def sheets(due: str, answers_of) -> dict:
        release_module(ws, FORM, due=due)
        released = nbformat.read(Folder(root).release_notebook(FORM), as_version=4)
        key = {r["grade_id"]: r["harapan"] for r in kunci_form(ws.source_notebook(FORM))}
        answers = answers_of(key, choice_letters(released))
        for pid, ans in answers.items():
            dest = Folder(root).submitted(pid, FORM)
            dest.mkdir(parents=True, exist_ok=True)
            nbformat.write(filled_sheet(released, pid, ans), dest / f"{FORM}.ipynb")
        return key

    retakers = ["p05", "p06", "p07"]
    skills = {p: 0.2 if p in retakers else s for p, s in demo.skills(ws.participant_ids()).items()}
    sheets(
        "2026-12-01 17:00",
        lambda key, letters: {p: honest_answers(key, letters, p, s) for p, s in skills.items()},
    )
    assert module_pairs(ws, FORM) == [], "premise: an honest round 1 shows no pair"
    putaran.tutup(root, FORM)
    putaran.ulang(root, FORM, retakers)

    def retake(key, letters):
        out = {
            "p05": honest_answers(key, letters, "p05", 0.4),
            "p07": honest_answers(key, letters, "p07", 0.5),
        }
        copied = dict(out["p05"])
        for gid in [g for g in key if copied[g] != key[g]][:3]:
            copied[gid] = key[gid]  # three of p05's wrong answers put right
        out["p06"] = copied
        return out

    key2 = sheets("2026-12-02 17:00", retake)
    pairs = {tuple(sorted((p.a, p.b))) for p in module_pairs(ws, FORM)}
    assert pairs == {("p05", "p06")}, (
        f"a copy inside a retake round of three (p06 copied p05's sheet on the new form, 3 of its "
        f"wrong answers corrected; {len(key2)} items): pairs shown {pairs or 'none'}"
    )
