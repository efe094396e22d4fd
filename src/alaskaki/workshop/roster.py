"""Importing a participant list into a workshop: merge it with the roster and the gradebook.

The schema, the reader and the writer of a roster are :mod:`alaskaki.roster`; this module is the
workshop's use of them (``alaskaki roster import``, ``alaskaki init --roster``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from alaskaki import paths
from alaskaki.errors import EXIT_INPUT, AlaskakiError
from alaskaki.folder import ROSTER_FILE, Folder
from alaskaki.roster import (
    Participant,
    RosterFile,
    free_id,
    name_key,
    read_roster,
    read_roster_file,
    write_roster,
)

__all__ = ["RosterImport", "import_roster", "not_in_sample", "read_named_roster"]
SAMPLE_ROSTER = "contoh_peserta.csv"  # datasets/: the demo's 24 fictional participants


def read_named_roster(path: str | Path) -> RosterFile:
    """A roster file the trainer names (``roster import``, ``init --roster``). When it is a
    workshop's own ``peserta.csv``, however it is reached, the messages say to fix that file."""
    path = Path(path)
    stored = path.name == ROSTER_FILE and Folder(path.parent).config_file.is_file()
    return read_roster_file(path, stored=stored)


@dataclass(frozen=True)
class RosterImport:
    added: list[str]
    updated: list[str]
    unchanged: list[str]
    kept: list[str]  # in the workshop but not in this file; kept so no grade is lost
    sheet: str | None = None
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what the trainer must know before the day


def _has_work(ws: Folder, gb, pid: str) -> bool:
    """True when the folder holds work of ``pid``: a submission, a grade or feedback."""
    for top in (ws.submitted(pid), ws.autograded(pid), ws.feedback(pid), ws.archive(pid)):
        try:
            if top.is_dir() and any(top.iterdir()):
                return True
        except OSError:
            return True  # unreadable: the safe side, the trainer is asked
    from nbgrader.api import SubmittedAssignment

    return gb.db.query(SubmittedAssignment).filter_by(student_id=pid).first() is not None


def _recorded_name(student) -> str:
    """The name a gradebook student row was recorded under ("" when none: rows made by grading)."""
    return " ".join(x for x in (student.first_name, student.last_name) if x)


def _refused(
    ws: Folder, gb, incoming: RosterFile, path: str | Path, fix_names, current: dict
) -> None:
    """Raise the one refusal of a roster file that cannot be merged into the workshop (case
    clashes, an id whose work belongs to another name, unknown --perbaiki-nama ids)."""
    new_ids = {p.id for p in incoming.people}
    known = {pid.lower(): pid for pid in [s.id for s in gb.students] + list(current)}
    clashes = [
        f"baris {n}, kolom id: {p.id!r} sudah ada di lokakarya sebagai {known[p.id.lower()]!r} "
        f"(huruf besar/kecil dianggap sama). Tulis {known[p.id.lower()]!r} di file"
        for p, n in zip(incoming.people, incoming.rows, strict=True)
        if known.get(p.id.lower(), p.id) != p.id
    ]
    # the name each id's work was recorded under (the gradebook's, written here at import):
    # a hand edit of peserta.csv changes the roster but not this (R68 through the back door)
    recorded = {s.id: _recorded_name(s) for s in gb.students}
    fixes = set(fix_names)
    unknown_fixes = sorted(fixes - set(current))
    clashes += [
        f"--perbaiki-nama {pid}: id {pid!r} tidak ada di daftar peserta lokakarya ini"
        for pid in unknown_fixes
    ]
    # an id dropped from peserta.csv by hand still has its recorded name and its work
    was = {pid: p.nama for pid, p in current.items()} | {k: v for k, v in recorded.items() if v}
    clashes += [
        f"baris {n}, id {p.id}: nama di file {p.nama!r} lain dengan {was[p.id]!r}, "
        f"yang sudah punya hasil (kiriman atau nilai) di folder ini; bila {p.nama} orang lain, "
        f"beri dia id baru yang belum dipakai (mis. {free_id(set(current) | new_ids)}) agar "
        f"tidak mewarisi hasil {was[p.id]}; bila hanya ejaan nama orang yang sama "
        f"diperbaiki, impor dengan `alaskaki roster import {Path(path).name} --perbaiki-nama "
        f"{p.id}`"
        for p, n in zip(incoming.people, incoming.rows, strict=True)
        if p.id in was
        and p.id not in fixes
        and name_key(p.nama) != name_key(was[p.id])
        and _has_work(ws, gb, p.id)
    ]
    if clashes:
        raise AlaskakiError(
            f"File {Path(path).name} ditolak: {len(clashes)} masalah. Tidak ada data yang diimpor. "
            "Perbaiki lalu impor lagi:",
            exit_code=EXIT_INPUT,
            details=clashes,
        )


def check_import(ws: Folder, path: str | Path) -> None:
    """Refuse ``path`` as :func:`import_roster` would, writing nothing: ``init WS --roster`` on an
    existing workshop checks the file against it before adding any module."""
    incoming = read_named_roster(path)
    with ws.gradebook() as gb:
        _refused(ws, gb, incoming, path, (), {p.id: p for p in ws.participants()})


def import_roster(
    ws: Folder, path: str | Path, *, fix_names: list[str] | tuple[str, ...] = ()
) -> RosterImport:
    """:func:`_import_roster` under the workshop's writer lock (R45)."""
    from alaskaki.workshop.lock import writer_lock

    with writer_lock(ws.root, "roster import"):
        return _import_roster(ws, path, fix_names=fix_names)


def _import_roster(
    ws: Folder, path: str | Path, *, fix_names: list[str] | tuple[str, ...] = ()
) -> RosterImport:
    """Validate ``path`` and merge it into the roster and gradebook of the open workshop ``ws``
    (``Workshop.open(dir)``, or what ``init_workshop`` returns).

    New ids are added, known ids get their details updated, ids missing from the file are kept
    (their grades stay). Grades are never touched. Ids are unique regardless of case across the
    merged roster and the gradebook; that is checked before anything is written.

    An id whose person already has work in the folder (a submission, a grade, feedback) keeps its
    name: another name under that id is another person (batch 2 numbered p01, p02 again, red team
    R68), who would inherit the earlier person's results and rapor, so the file is refused unless the
    id is in ``fix_names`` (``--perbaiki-nama``: a spelling fix of the same person). Case and spacing
    of a name never count as another name (:func:`alaskaki.roster.name_key`).
    """
    incoming = read_named_roster(path)
    current = {p.id: p for p in ws.participants()}
    new_ids = {p.id for p in incoming.people}
    with ws.gradebook() as gb:
        _refused(ws, gb, incoming, path, fix_names, current)
        added, updated, unchanged = [], [], []
        merged = dict(current)
        for p in incoming.people:
            old = current.get(p.id)
            if old is None:
                added.append(p.id)
            elif old != p:
                updated.append(p.id)
            else:
                unchanged.append(p.id)
            merged[p.id] = p
        kept = [pid for pid in current if pid not in new_ids]
        for p in incoming.people:
            gb.update_or_create_student(p.id, first_name=p.nama, last_name="")
    write_roster(list(merged.values()), ws.roster_file)
    warnings = []
    real = not_in_sample(incoming.people) if Folder(ws.root).has_demo_secret() else []
    if real:
        # release refuses the demo's uji forms for them (R23); said now, not on the day
        warnings.append(
            f"folder {ws.root} dibuat oleh `alaskaki demo`: formulir uji-nya (asesmen-awal/akhir, "
            "juga formulir ulang) berasal dari rahasia demo yang tertulis di kode sumber kit, jadi "
            "siapa pun dapat menghitung kuncinya, dan formulir itu tidak akan dirilis untuk peserta "
            f"sungguhan ({', '.join(real[:3])}{', ...' if len(real) > 3 else ''}). Buat lokakarya "
            f"baru untuk mereka: `alaskaki init FOLDER_BARU --roster {Path(path).resolve()}`"
        )
    return RosterImport(added, updated, unchanged, kept, incoming.sheet, incoming.notes, warnings)


def not_in_sample(people: list[Participant]) -> list[str]:
    """Ids of ``people`` who are not the demo's sample participants (the same id and name)."""
    sample = {(p.id, p.nama) for p in read_roster(paths.dataset(SAMPLE_ROSTER))}
    return [p.id for p in people if (p.id, p.nama) not in sample]
