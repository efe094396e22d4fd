"""One nbgrader exchange course, one batch (issue 14).

nbgrader's exchange keeps a course's releases and submissions in ``<Exchange.root>/<course_id>/``
(``outbound``, ``inbound``, ``feedback``). A ``cp -a`` copy of a workshop keeps the original's
course id, so on one hub batch 2's copy would release into batch 1's course and its collect would
take batch 1's ``p01`` submission as batch 2's ``p01`` (the same hub account), on time.

So the exchange course records which batch uses it: :data:`OWNER_FILE` in the course folder (made
by the trainer's release, never writable by participants) names the last folder that released to
or collected from it (path, workshop id and inode, as for a PostgreSQL gradebook) and the batch's
participants (id and name, hashed: the file is readable by every account). Before a release into
the exchange, a collect from it and a feedback release (:func:`check`):

* the recorded folder itself (renamed too), or a folder of the same workshop whose roster is all in
  the recorded batch (the same batch's working copy, a backup moved back): used, no question;
* otherwise (a copy whose roster holds other people, or another workshop with the same course id):
  refused with one sentence naming the course id and both answers: ``release MODUL
  --angkatan-baru`` gives the folder its own course id (:func:`new_course_id`; the hub's
  participant config follows at the hub's next start), ``--angkatan-sama`` adds its roster to the
  batch.

An exchange course without the record (made by an older kit) is taken by the first folder that
uses it, unless that folder is a copy whose original, still in its place, has other participants.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

from alaskaki.errors import EXIT_CONFLICT, AlaskakiError, from_os_error
from alaskaki.folder import CONFIG_FILE, _atomic_write
from alaskaki.roster import person_key
from alaskaki.workshop.course import NEW_BATCH, SAME_BATCH, Workshop, _slug

OWNER_FILE = "alaskaki-lokakarya.json"
_COURSE_LINE = re.compile(r"^\s*c\.CourseDirectory\.course_id\s*=.*$", re.M)


def course_folder(ws: Workshop) -> Path:
    """``<Exchange.root>/<course_id>``: the exchange folder of this workshop's course."""
    return Path(ws.config().Exchange.root) / ws.course_id


def _people(ws: Workshop, course: str) -> set[str]:
    """The roster as hashes of (course id, participant id, name): who, without the names."""
    out = set()
    for p in ws.participants():
        pid, nama = person_key(p)
        text = f"{course}\0{pid}\0{nama}"
        out.add(hashlib.sha256(text.encode("utf-8")).hexdigest()[:20])
    return out


def _read(course: Path) -> dict | None:
    try:
        rec = json.loads((course / OWNER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return rec if isinstance(rec, dict) else None


def _same_batch(ws: Workshop, rec: dict | None, fid: str, disk: str) -> bool:
    course = ws.course_id
    if rec is None:  # no record (an older kit): a copy is judged by its original, if in place
        original = ws.copy_of()
        if original is None:
            return True
        try:
            return _people(ws, course) <= _people(Workshop(original), course)
        except AlaskakiError:
            return False
    if rec.get("id_folder") == fid and rec.get("disk") == disk:
        return True  # the folder itself (a rename keeps its inode)
    known = {rec.get("id_folder"), *(rec.get("id_berbagi") or ())} - {None, ""}
    if known and fid not in known:
        # another workshop (a new `init`, even at the same path with the same people): its work is
        # not this folder's (red team R75), unless the trainer said they share (`--angkatan-sama`);
        # copies and backups keep the folder id
        return False
    return _people(ws, course) <= set(rec.get("peserta") or ())


def check(ws: Workshop, modul: str, angkatan: str | None = None) -> None:
    """Raise unless this folder's batch may use its exchange course (see the module docstring).

    ``angkatan`` is the trainer's answer (``release --angkatan-sama`` / ``--angkatan-baru``):
    :data:`NEW_BATCH` gives this folder its own course id when the course is another batch's or
    this folder is a copy, :data:`SAME_BATCH` lets it share the course. Nothing in the exchange
    changes here; :func:`claim` records the folder once the release or collect goes ahead.
    """
    course = course_folder(ws)
    rec = _read(course)
    fid = ws.folder_id(create=True) or ""
    disk = ws._disk_identity()
    ours = _same_batch(ws, rec, fid, disk)
    if rec is None:  # no record: this folder is the course's when it is the folder init made
        itself = ws.moved_from() is None
    else:
        itself = (rec.get("id_folder"), rec.get("disk")) == (fid, disk)
    if angkatan == NEW_BATCH and course.exists() and not itself:
        new_course_id(ws)  # the trainer's word: another batch is (or was) in this course
        return
    if ours or angkatan == SAME_BATCH:
        return
    owner = (rec or {}).get("folder") or str(ws.copy_of() or "")
    copied = rec is None or rec.get("id_folder") == fid
    who = f"lokakarya {owner} (daftar pesertanya lain)" if copied else f"lokakarya lain ({owner})"
    raise AlaskakiError(
        f"Kursus {ws.course_id} di exchange nbgrader ({course.parent}) dipakai oleh {who}, dan "
        f"folder {ws.root} memakai kode kursus yang sama"
        + (" karena disalin dari lokakarya itu" if copied else "")
        + ", jadi kiriman dan umpan balik kedua angkatan akan tercampur; pilih salah satu: bila folder ini "
        f"untuk angkatan baru, `alaskaki release {modul} --angkatan-baru -w {ws.root}` (folder ini "
        "mendapat kode kursus sendiri, lalu mulai ulang JupyterHub); bila peserta folder ini "
        f"angkatan yang sama, `alaskaki release {modul} --angkatan-sama -w {ws.root}`.",
        exit_code=EXIT_CONFLICT,
    )


def claim(ws: Workshop) -> None:
    """Record this folder and its batch in the exchange course (after :func:`check`)."""
    course = course_folder(ws)
    if not course.is_dir():
        return  # nothing released here yet: the release that makes it claims it
    fid = ws.folder_id(create=True) or ""
    rec = _read(course)
    people = _people(ws, ws.course_id) | set((rec or {}).get("peserta") or ())
    shared = {*((rec or {}).get("id_berbagi") or ()), (rec or {}).get("id_folder")} - {
        None,
        "",
        fid,
    }
    new = {
        "folder": str(ws.root),
        "id_folder": fid,
        "id_berbagi": sorted(shared),  # other folders' ids that share this course with consent
        "disk": ws._disk_identity(),
        "peserta": sorted(people),
    }
    if rec == new:
        return
    path = course / OWNER_FILE
    try:
        _atomic_write(path, json.dumps(new, indent=1) + "\n")
        path.chmod(0o644)
    except OSError as err:  # e.g. the course folder made by root (`sudo alaskaki release`)
        print(
            f"Catatan: {from_os_error(err, doing='mencatat lokakarya pemakai kursus', path=path)}"
            " Tanpa catatan itu salinan folder ini untuk angkatan lain tidak dapat dikenali di "
            "exchange; jalankan alaskaki sebagai akun pelatih pemilik folder kursus itu.",
            file=sys.stderr,
            flush=True,
        )


def new_course_id(ws: Workshop) -> str:
    """Give this folder its own nbgrader course id (named after the folder, unused in the exchange),
    in nbgrader_config.py and lokakarya.json; the hub reads it at its next start."""
    old = ws.course_id
    root = Path(ws.config().Exchange.root)
    base = _slug(ws.root.name)
    candidates = [base, *(f"{base}-{n}" for n in range(2, 1000))]
    new = next(c for c in candidates if c != old and not (root / c).exists())
    path = ws.config_file
    try:
        text = path.read_text(encoding="utf-8")
        line = f"c.CourseDirectory.course_id = {new!r}"
        text, n = _COURSE_LINE.subn(line, text, count=1)
        _atomic_write(path, text if n else text.rstrip("\n") + "\n" + line + "\n")
        meta = ws.meta()
        if meta:
            _atomic_write(
                ws.meta_file,
                json.dumps({**meta, "course_id": new}, indent=2, ensure_ascii=False) + "\n",
            )
    except OSError as err:
        raise from_os_error(err, doing="mengganti kode kursus", path=path) from err
    print(
        f"Kode kursus nbgrader folder {ws.root} diganti dari {old} menjadi {new} ({CONFIG_FILE}) "
        "agar angkatan ini memakai exchange sendiri; mulai ulang JupyterHub (`sudo systemctl "
        "restart alaskaki-hub`, dengan ALASKAKI_LOKAKARYA menunjuk folder ini) agar peserta "
        "mengambil dan mengirim lewat kursus baru.",
        file=sys.stderr,
        flush=True,
    )
    return new
