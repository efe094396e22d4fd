"""Step 4, before the gradebook is written: a trainer's manual scores belong to the version they
were given for (red team R44).

nbgrader keeps ``Grade.manual_score`` (and ``extra_credit``, ``Comment.manual_comment``) when a
cell is autograded again, and the kit counts a manual score as the trainer's final word. So when
a NEW version of a participant's notebook is graded (another file, another timestamp, or another
form: a retake round), the scores the trainer gave the old version are taken off this submission,
except what a trainer expects to stay, in the same form: a manually graded answer cell (rubric)
whose text is byte-identical to the text the trainer scored, and a score given to an autograded test
cell while every answer of the notebook is byte-identical to the version he saw (R50: the same
answers handed in again with a cell added must not turn his lowered score into full marks). In the
same form, an item whose manual score was taken off waits for the trainer again ("menunggu
penilaian pelatih"), whatever the autograder says (R60: the same answers retyped with a comment or
a newline are a new version, and only the trainer can say his judgment still holds); only a retake
round's new form is scored by the autograder alone. Everything taken off is written
first to ``penilaian/<modul>/nilai-pelatih-lama/`` (and ``alaskaki grade`` backs the gradebook up
to ``cadangan/`` before it writes), so nothing the trainer typed is lost.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from alaskaki.workshop.grading import record
from alaskaki.workshop.putaran import FORMS

if TYPE_CHECKING:
    from alaskaki.workshop.grading.module import Course, Module
    from alaskaki.workshop.grading.sanitise import Work

#: under penilaian/<modul>/: the manual scores and comments of earlier versions, one file each time
OLD_MANUAL_DIR = "nilai-pelatih-lama"


@dataclass
class Earlier:
    """What the gradebook holds for this participant before this version is recorded."""

    new_version: bool = False
    new_round: bool = False  # graded before with another form (a retake's new form)
    timestamp: str | None = None  # of the version the gradebook's grades belong to
    file_sha: str | None = None  # of the file the done-marker says was graded
    answers: dict[str, str] = field(default_factory=dict)  # grade id -> answer text scored
    # grade ids whose earlier manual score was taken off in the same form: they wait for the
    # trainer again (set by drop_old, applied by record.save_grades)
    review: set[str] = field(default_factory=set)


def _utc(t):
    if t is None:
        return None
    return t if t.tzinfo is not None else t.replace(tzinfo=dt.UTC)


def earlier(gb, course: Course, mod: Module, work: Work) -> Earlier:
    """Read before ``autograded/`` and the gradebook are replaced by this version."""
    from nbgrader.api import MissingEntry

    pid, modul = work.peserta, mod.modul
    out = Earlier()
    marker = record.read_marker(course.root, modul, pid) or {}
    form_now = hashlib.sha256(mod.source_bytes).hexdigest()
    now_sha = getattr(work, "sha", None)  # the bytes being graded (R64), never re-read
    out.file_sha = marker.get("jawaban_dari")
    # an uji sheet graded with another form is a retake round's; a latihan's corrected source
    # regraded with --ulang is the same version (the trainer's scores stay)
    out.new_round = (
        modul in FORMS and bool(marker.get("formulir")) and marker.get("formulir") != form_now
    )
    try:
        graded_at = _utc(gb.find_submission(modul, pid).timestamp)
    except MissingEntry:
        return out  # nothing recorded for this participant yet: no manual score either
    now = _utc(work.timestamp)
    out.timestamp = graded_at.isoformat() if graded_at else None
    moved = (graded_at is None) != (now is None) or (
        graded_at is not None and now is not None and abs((now - graded_at).total_seconds()) > 1.0
    )
    other_file = bool(out.file_sha) and out.file_sha != now_sha
    out.new_version = moved or other_file or out.new_round
    if not out.new_round:
        out.review = _waiting(gb, modul, pid)
    if out.new_version and not out.new_round:
        out.answers = _scored_answers(course, mod, pid, graded_at)
    return out


def _waiting(gb, modul: str, pid: str) -> set[str]:
    """Items an earlier grading left waiting for the trainer after taking his score off (R60):
    they keep waiting, through regrades and later versions, until he scores them."""
    from nbgrader.api import MissingEntry

    try:
        sub = gb.find_submission_notebook(modul, modul, pid)
    except MissingEntry:
        return set()
    return {
        g.name
        for g in sub.grades
        if g.needs_manual_grade and g.manual_score is None and g.auto_score is not None
    }


def _sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _scored_answers(course: Course, mod: Module, pid: str, graded_at) -> dict[str, str]:
    """{grade id: answer text} of the autograded notebook of the version the gradebook holds (the
    one the trainer saw in the formgrader); empty when autograded/ is of another version."""
    folder = course.folder.autograded(pid, mod.modul)
    try:
        done_at = _utc(course.coursedir.get_existing_timestamp(str(folder)))
    except Exception:  # noqa: BLE001 - an unreadable timestamp: keep nothing
        return {}
    if done_at is None or graded_at is None or abs((done_at - graded_at).total_seconds()) > 1.0:
        return {}
    try:
        nb = json.loads((folder / f"{mod.modul}.ipynb").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return _answers(nb.get("cells") or [])


def _answers(cells) -> dict[str, str]:
    out = {}
    for cell in cells:
        meta = ((cell.get("metadata") or {}).get("nbgrader")) or {}
        gid = meta.get("grade_id")
        if gid and meta.get("solution") and gid not in out:
            text = cell.get("source", "")
            out[str(gid)] = "".join(text) if isinstance(text, list) else str(text)
    return out


def drop_old(gb, course: Course, mod: Module, work: Work, before: Earlier) -> list[str]:
    """Take the old version's manual scores and comments off this submission (session flushed,
    not committed: ``save_grades`` commits); returns Indonesian notes for the trainer."""
    from nbgrader.api import MissingEntry

    if not before.new_version:
        return []
    pid, modul = work.peserta, mod.modul
    try:
        sub = gb.find_submission_notebook(modul, modul, pid)
    except MissingEntry:
        return []
    now = _answers(work.nb.cells) if work.nb is not None else {}

    # A score the trainer gave an autograded test cell judged what the answers produced, so it
    # stays while every answer is the one he saw: a cell added or a file saved again is not new
    # work, and taking his (lowered) score off would hand the autograder's full marks back (R50).
    all_same = bool(before.answers) and now == before.answers

    def same_answer(gid: str) -> bool:
        if before.new_round:
            return False
        meta = mod.meta.get(gid) or {}
        if meta.get("solution"):
            return gid in before.answers and now.get(gid) == before.answers[gid]
        return all_same

    dropped, kept = [], []
    for g in sub.grades:
        if g.manual_score is None and g.extra_credit is None:
            continue
        row = {
            "grade_id": g.name,
            "manual_score": g.manual_score,
            "extra_credit": g.extra_credit,
            "max_score": g.max_score,
        }
        if same_answer(g.name):
            kept.append(row)
            continue
        dropped.append(row)
        g.manual_score = None
        g.extra_credit = None
        if not before.new_round:
            # The same item of the same form, with answers that differ in some way: whether the
            # difference matters (a comment, a newline, the answer typed one cell lower: red team
            # R60) is the trainer's judgment, never the autograder's full marks by default. So
            # the item waits for him again, as nbgrader itself marks a cell with a manual score.
            before.review.add(g.name)
    comments = []
    for c in sub.comments:
        if not c.manual_comment:
            continue
        if same_answer(c.name):
            continue
        comments.append({"grade_id": c.name, "manual_comment": c.manual_comment})
        c.manual_comment = None
    if not dropped and not comments:
        return []
    where = _keep(course, modul, pid, before, dropped, kept, comments)
    gb.db.flush()
    what = []
    if dropped:
        what.append(f"{len(dropped)} nilai")
    if comments:
        what.append(f"{len(comments)} komentar")
    if before.new_round:
        then = "formulir putaran baru dinilai tanpa nilai itu"
    else:
        then = "soal yang pernah dinilai pelatih menunggu penilaiannya lagi di formgrader"
    return [
        f"{pid}: {' dan '.join(what)} dari pelatih untuk versi lama {modul} tidak dipakai untuk "
        f"kiriman baru; {then}. Nilai lama tersimpan di {where}."
    ]


def _keep(course, modul, pid, before: Earlier, dropped, kept, comments) -> str:
    d = record.state_dir(course.root, modul) / OLD_MANUAL_DIR
    d.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    path = d / f"{pid}-{stamp}.json"
    data = {
        "peserta": pid,
        "modul": modul,
        "versi_lama": {
            "timestamp": before.timestamp,
            "jawaban_dari": before.file_sha,
            "putaran_baru": before.new_round,
        },
        "nilai_dilepas": dropped,
        "nilai_tetap": kept,
        "komentar_dilepas": comments,
    }
    record.atomic_write(path, json.dumps(data, ensure_ascii=False, indent=1))
    return str(path.relative_to(course.root))
