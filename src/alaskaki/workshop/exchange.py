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

Who owns the course folder (red team R74). nbgrader checks, for every exchange command of every
account, that the exchange root is writable by that account (``Exchange.ensure_root``:
``os.access(root, W_OK | X_OK)``; a release even chmods the root back to ``0777``), so the root stays
``1777`` and any account can make ``<root>/<course_id>`` before the trainer's first release; the
release then fails (nbgrader: the course folder must be the releasing account's own) and the sticky
bit keeps the trainer from removing it. So ``hub users`` (as root, before any participant can log
in) makes the course folder and nbgrader's folders in it with nbgrader's own modes for the trainer
(:func:`make_course_folder`), and before a release, a collect and a feedback release :func:`check`
stops with one sentence naming the account that owns a folder (or the record) that is not the
running account's, and the way out.
"""

from __future__ import annotations

import grp
import hashlib
import json
import os
import pwd
import re
import stat
import sys
from pathlib import Path

from alaskaki.errors import EXIT_CONFLICT, AlaskakiError, from_os_error
from alaskaki.folder import CONFIG_FILE, _atomic_write
from alaskaki.roster import person_key
from alaskaki.workshop.course import NEW_BATCH, SAME_BATCH, Workshop, _slug

OWNER_FILE = "alaskaki-lokakarya.json"
# The folders nbgrader's release makes in a course, with its modes when not groupshared
# (release_assignment.py and release_feedback.py): "" is the course folder itself. inbound is
# 2733 so participants can drop submissions without listing each other's; feedback is 0711 so
# each finds only the file named by his own secret.
COURSE_DIRS = {"": 0o755, "outbound": 0o755, "inbound": 0o2733, "feedback": 0o711}
_COURSE_LINE = re.compile(r"^\s*c\.CourseDirectory\.course_id\s*=.*$", re.M)


def course_folder(ws: Workshop) -> Path:
    """``<Exchange.root>/<course_id>``: the exchange folder of this workshop's course."""
    return Path(ws.config().Exchange.root) / ws.course_id


def _parts(course: Path) -> list[Path]:
    return [course / name if name else course for name in COURSE_DIRS] + [course / OWNER_FILE]


def account_name(uid: int) -> str:
    """The account's name as ``ls -l`` shows it (the uid when the account is gone)."""
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def foreign_part(course: Path, uid: int) -> tuple[Path, int] | None:
    """The first of the course folder, nbgrader's folders in it and the record that the account
    ``uid`` does not own, with its owner: nbgrader refuses to release into a course folder that
    is not the releasing account's own. Links are judged by their own owner, never followed."""
    for part in _parts(course):
        try:
            st = os.lstat(part)
        except OSError:  # missing (nothing to own yet), or unreadable: nbgrader says so itself
            if part == course:
                return None
            continue
        if st.st_uid != uid:
            return part, st.st_uid
    return None


def trainer_side(uid: int, group: str | None = None) -> bool:
    """Root or an account of the trainers' group (``hub users``'): a folder such an account made
    is the trainer's work (an earlier `sudo alaskaki release`), handed over, never removed."""
    from alaskaki.workshop.hub import TRAINER_GROUP

    if uid == 0:
        return True
    try:
        pw = pwd.getpwuid(uid)
        g = grp.getgrnam(group or TRAINER_GROUP)
    except KeyError:
        return False
    return pw.pw_name in g.gr_mem or pw.pw_gid == g.gr_gid


def _refuse_foreign(ws: Workshop, modul: str, course: Path, part: Path, owner: int) -> None:
    who, me = account_name(owner), account_name(os.geteuid())
    if trainer_side(owner):
        fix = f"jalankan alaskaki sebagai akun {who}" + (
            ""
            if me == "root"
            else f", atau serahkan folder kursus itu ke akun {me} dengan `sudo "
            f"ALASKAKI_PELATIH={me} alaskaki hub users --workshop {ws.root}` (kiriman peserta di "
            "dalamnya tidak diubah)"
        )
    else:
        fix = (
            "folder itu bukan buatan rilis pelatih (akun peserta dapat membuatnya sebelum rilis "
            f"pertama), jadi hapus dengan `sudo rm -r {part}` lalu jalankan `alaskaki release "
            f"{modul} -w {ws.root}` lagi"
        )
    what = "Berkas" if part.name == OWNER_FILE else "Folder"
    raise AlaskakiError(
        f"{what} {part} di exchange nbgrader dimiliki akun {who}, bukan akun {me} yang menjalankan "
        f"alaskaki, jadi modul {modul} tidak dapat dirilis, dikumpulkan, atau diberi umpan balik "
        f"lewat kursus {ws.course_id}; {fix}.",
        exit_code=EXIT_CONFLICT,
    )


def check_course_makers(
    course: Path, uid: int | None, workshop: Path, group: str | None = None
) -> None:
    """Refuse (naming the account) a part of the course folder that :func:`make_course_folder`
    would not hand to the trainer's account ``uid`` (``None``: not made yet): a link, or a part
    made by an account that is neither the trainer's nor root nor in the trainers' group."""
    for part in _parts(course):
        try:
            st = os.lstat(part)
        except OSError:  # missing, or not searchable by this (dry) run: root judges it
            continue
        if st.st_uid != uid and (stat.S_ISLNK(st.st_mode) or not trainer_side(st.st_uid, group)):
            who = account_name(st.st_uid)
            trainer = account_name(uid) if uid is not None else "pelatih"
            raise AlaskakiError(
                f"{'Berkas' if part.name == OWNER_FILE else 'Folder'} {part} di exchange nbgrader "
                f"dibuat oleh akun {who}, bukan oleh pelatih "
                f"({trainer}), jadi rilis ke kursus {course.name} akan ditolak; folder itu bukan "
                "buatan rilis pelatih (akun peserta dapat membuatnya sebelum rilis pertama), "
                f"hapus dengan `sudo rm -r {part}` lalu jalankan `sudo alaskaki hub users "
                f"--workshop {workshop}` lagi.",
                exit_code=EXIT_CONFLICT,
            )


def make_course_folder(
    course: Path, uid: int, gid: int, workshop: Path, group: str | None = None
) -> list[Path]:
    """As root (``hub users``, before any participant can log in): make the course folder and
    nbgrader's folders in it for the trainer's account with nbgrader's own modes, so no other
    account can make them first (red team R74). Parts made by root or a trainer-side account (an
    earlier `sudo alaskaki release`) are handed to the trainer, participants' submissions in
    ``inbound`` untouched; a part any other account owns is refused by name, nothing changed.
    Returns the parts made or handed over."""
    check_course_makers(course, uid, workshop, group)
    changed = []
    for name, mode in COURSE_DIRS.items():
        part = course / name if name else course
        try:
            part.mkdir()
        except FileExistsError:
            check_course_makers(
                course, uid, workshop, group
            )  # made since the check (a race): named
            if os.lstat(part).st_uid == uid:
                continue  # nbgrader's or this run's own: its mode is nbgrader's business
        os.chown(part, uid, gid, follow_symlinks=False)
        os.chmod(part, mode)  # mkdir applies the umask and drops the setgid bit
        if name in ("outbound", "feedback"):  # the released modules and feedback pages
            for dirpath, dirnames, filenames in os.walk(part):
                for entry in dirnames + filenames:
                    path = os.path.join(dirpath, entry)
                    if trainer_side(os.lstat(path).st_uid, group):
                        os.lchown(path, uid, gid)
        changed.append(part)
    record = course / OWNER_FILE
    if record.exists() and os.lstat(record).st_uid != uid:
        os.lchown(record, uid, gid)
        changed.append(record)
    return changed


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
    foreign = foreign_part(course, os.geteuid())
    if foreign is not None:  # made by another account (R74): named, never nbgrader's English
        _refuse_foreign(ws, modul, course, *foreign)
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


def _free_course(root: Path, base: str, old: str) -> str:
    """A course id unused in the exchange ``root``, its folder made now for this account.

    The exchange root is writable by every account and the name follows from the folder's (which
    the course's record shows to all): a participant could make every candidate first (the
    choice ran out with a traceback), or leave a dangling link at the next one (chosen, then the
    release failed in nbgrader, or wrote into the folder the link came to point at). A name is
    only taken by making its folder, which no link or earlier folder survives (red team R87)."""
    import secrets

    names = [base, *(f"{base}-{n}" for n in range(2, 100))]
    names += [f"{base}-{secrets.token_hex(4)}" for _ in range(8)]  # every number taken by others
    for name in names:
        if name == old:
            continue
        try:
            os.mkdir(root / name, COURSE_DIRS[""])
        except FileExistsError:
            continue
        except OSError:  # the exchange is not writable from here: nbgrader's release says so
            if os.path.lexists(root / name):
                continue
            return name
        os.chmod(root / name, COURSE_DIRS[""])  # mkdir applied the umask
        return name
    raise AlaskakiError(
        f"Exchange nbgrader {root} sudah penuh dengan folder bernama {base}-…, jadi folder ini "
        "tidak bisa mendapat kode kursus sendiri; periksa siapa pembuat folder-folder itu "
        f"(`ls -l {root}`), hapus yang bukan buatan pelatih, lalu jalankan perintah ini lagi.",
        exit_code=EXIT_CONFLICT,
    )


def new_course_id(ws: Workshop) -> str:
    """Give this folder its own nbgrader course id (named after the folder, unused in the exchange),
    in nbgrader_config.py and lokakarya.json; the hub reads it at its next start."""
    old = ws.course_id
    root = Path(ws.config().Exchange.root)
    new = _free_course(root, _slug(ws.root.name), old)
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
