"""Rounds of an uji form: closed before any rapor goes out, a retake sits a new form (red team R5c).

The rapor names every unmet criterion, and a criterion whose only uji item is a choice item is met
exactly when that item is right. Four friends answering all-A/B/C/D and pooling their rapor read
the key of those items; a fifth who hands the same form in later scored 16/23 choice items. No
wording of the rapor can close that: the key of a form is spent once per-criterion results reach
participants. So the kit enforces a policy (docs/grading.md, "Threat model of the key"):

* ``alaskaki tutup asesmen-akhir`` closes the round: it records, per participant, the submission
  that was graded (a hash of the file the grader judged, from its done-marker). A rapor is
  written only for a closed round (:func:`check_rapor`, called by
  :func:`alaskaki.report.rapor.write_rapor`).
* After closing, a submission of that form is graded only when it is the very file recorded at
  closing (a regrade of the same work); anything else is refused with a sentence naming the
  participant (:func:`refusals`, called by the grader before it grades).
* ``alaskaki ulang asesmen-akhir --peserta p05`` opens a new round for the retakers only, with a
  NEW form from a new secret (the old form is archived in ``penilaian/putaran/``); it is released
  again and graded with its own key. The others keep their result of the earlier round.

* Each round keeps its own due date (``batas``, red team R41): nbgrader has one due date per
  form, the last release's, so ``release`` records the round's date here (and an earlier round's
  from nbgrader before it moves), ``status`` judges a sheet by its round (:func:`participant_due`),
  and every gradebook submission of the form gets its round's date as nbgrader's per-participant
  extension (:func:`set_extensions`, at release and before the grader records a sheet), so
  nbgrader's late penalty and the reports agree.

The state is ``uji.json`` at the workshop's root (it travels with the folder, like the forms),
written durably after its copy ``cadangan/uji.json``, which puts it back when it is cut or lost.
Only the kit's uji forms (:data:`FORMS`) have rounds; modules never do.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import secrets
import sys
from dataclasses import dataclass, field
from pathlib import Path

from alaskaki.errors import EXIT_USAGE, AlaskakiError, from_os_error
from alaskaki.folder import BACKUP_DIR, STATE_DIR, Folder

FORMS = ("asesmen-awal", "asesmen-akhir")
#: the form whose items decide K/BK per criterion (what a rapor shows)
RAPOR_FORM = "asesmen-akhir"
STATE_FILE = "uji.json"
#: the way back when the record of the rounds is gone with its copy (a workshop made before
#: session 9 has no copy until its first round is recorded)
LOST_RECORD = (
    f"bila {STATE_FILE} dan salinannya {BACKUP_DIR}/{STATE_FILE} hilang, salin keduanya dari "
    "salinan folder lokakarya ini (mis. flashdisk cadangan)"
)
ARCHIVE = "putaran"


@dataclass
class Round:
    """The current round of one uji form in a workshop.

    Its fields are the keys of the form's record in ``uji.json`` (a stored format: older workshops
    keep it) under the same names, so they stay Indonesian, like a report's fields.
    """

    modul: str
    nomor: int = 1
    ditutup: str | None = None  # ISO time the trainer closed it
    peserta: list[str] | None = None  # who sits this round (None: everyone, round 1)
    dinilai: dict[str, str] = field(default_factory=dict)  # pid -> sha256 of the graded file
    sebelumnya: list[dict] = field(default_factory=list)  # earlier rounds, as recorded
    # True from the moment a retake round is recorded until its form sits in source/: `ulang`
    # records the round BEFORE it touches source/, so an interruption (Ctrl-C) leaves a state that
    # says so, and running `ulang` again finishes the same round (red team R20)
    dibuat: bool = False
    # this round's due date (naive UTC ISO, as nbgrader stores it), "" when released without one,
    # None when not recorded (a round released before session 8): nbgrader keeps ONE due date per
    # form, the last release's, so each round keeps its own here (red team R41)
    batas: str | None = None

    @property
    def terbuka(self) -> bool:
        return self.ditutup is None


def _path(root: Path) -> Path:
    return Path(root) / STATE_FILE


def _copy_path(root: Path) -> Path:
    """The second copy of ``uji.json``, in the workshop's backup folder (red team R57)."""
    return Path(root) / BACKUP_DIR / STATE_FILE


def _parse(path: Path) -> dict | None:
    """The record in ``path``; None when it is missing or not a record (cut, emptied, not JSON)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        return None
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def _position(record: object) -> tuple[int, bool]:
    """How far one form's record has gone: (round number, closed)."""
    if not isinstance(record, dict):
        return (1, False)
    try:
        nomor = int(record.get("nomor", 1))
    except (TypeError, ValueError):
        nomor = 1
    return (nomor, bool(record.get("ditutup")))


def _behind(data: dict, copy: dict) -> list[str]:
    """Forms whose round ``data`` shows earlier than its copy does (open where the copy is closed,
    or an earlier round): an older uji.json put back over the current one (a backup stick).
    Rounds only move forward and the copy is written first, so the copy is the record."""
    return [m for m, rec in copy.items() if _position(rec) > _position(data.get(m))]


def _read_all(root: Path) -> dict:
    """Every form's record. ``uji.json`` is written durably with a copy in ``cadangan/`` (written
    first, see :func:`write_all`); when ``uji.json`` is cut, emptied or deleted (a power cut on a
    disk that ignores fsync, a trainer clearing it to go on), or an older one is put back over it,
    the copy is read and written back, so a closed round never reopens (red team R57)."""
    path = _path(root)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        text = None
    except UnicodeDecodeError:
        text = ""  # not text: as broken as a cut file
    except OSError as err:
        raise from_os_error(err, doing="membaca catatan putaran uji", path=path) from err
    if text is not None:
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if isinstance(data, dict):
            saved = _parse(_copy_path(root))
            older = _behind(data, saved) if saved is not None else []
            if not older:
                return data
            what = (
                f"lebih lama dari salinannya untuk {', '.join(older)} (mis. {STATE_FILE} lama "
                "dari flashdisk cadangan disalin ke sini)"
            )
            return _put_back(root, saved, what)
    copy = _copy_path(root)
    saved = _parse(copy)
    if saved is None:
        if text is None:
            return {}  # no round was ever recorded (a new workshop, or one made before rounds)
        raise AlaskakiError(
            f"{path} rusak (terpotong atau bukan JSON yang sah) dan salinannya {copy} "
            f"{'juga rusak' if copy.exists() else 'tidak ada'}: berkas ini mencatat putaran uji "
            f"yang sudah ditutup, jadi salin {STATE_FILE} dari salinan folder lokakarya ini (mis. "
            "flashdisk cadangan) ke tempatnya, dan jangan menghapusnya (tanpa catatan itu putaran "
            "yang sudah ditutup terbuka lagi)."
        )
    what = "hilang" if text is None else "rusak (terpotong atau bukan JSON yang sah)"
    return _put_back(root, saved, what)


def _put_back(root: Path, saved: dict, what: str) -> dict:
    """uji.json written again from its copy (said once per command on stderr)."""
    path, copy = _path(root), _copy_path(root)
    try:
        _durable(path, _dump(saved))
        done = "dan dikembalikan dari"
    except OSError:
        done = "; dipakai isi"  # a read-only workshop: read from the copy, nothing written
    if str(path) not in _told:  # once per command, however often the record is read
        _told.add(str(path))
        print(
            f"Catatan: {path} {what} {done} salinannya {copy} (catatan putaran uji terakhir "
            "yang utuh; putaran yang sudah ditutup tetap tertutup).",
            file=sys.stderr,
        )
    return saved


_told: set[str] = set()


def _dump(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _durable(path: Path, data: bytes) -> None:
    """temp + fsync + rename + fsync of the folder: a power cut leaves the old file or the new one,
    never a name without its bytes. The new file keeps the old one's mode and group (co-trainers
    read the workshop through the trainer group)."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(FileNotFoundError):
            st = path.stat()
            os.chmod(tmp, st.st_mode & 0o7777)
            with contextlib.suppress(OSError):
                os.chown(tmp, -1, st.st_gid)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()  # a full disk keeps no half-written file
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_all(root: str | Path, data: dict) -> None:
    """Write every form's record: the copy in ``cadangan/`` first, then ``uji.json``. When
    ``uji.json`` cannot be written the copy is put back as it was (best effort), so a failed
    command leaves the record as before; a copy left one step ahead holds only what the failed
    command was doing (a closing, a retake being made) and is read as the record."""
    root = Path(root)
    path = _path(root)
    blob = _dump(data)
    copy = _copy_path(root)
    try:
        before = copy.read_bytes()
    except OSError:
        before = None
    try:
        if not copy.parent.is_dir():
            copy.parent.mkdir(parents=True, exist_ok=True)
            _fsync_dir(root)
        _durable(copy, blob)
        try:
            _durable(path, blob)
        except OSError:
            with contextlib.suppress(OSError):
                if before is None:
                    copy.unlink()
                    _fsync_dir(copy.parent)
                else:
                    _durable(copy, before)
            raise
    except OSError as err:
        raise from_os_error(err, doing="menyimpan catatan putaran uji", path=path) from err


def read_round(root: str | Path, modul: str) -> Round:
    raw = _read_all(Path(root)).get(modul) or {}
    return Round(
        modul=modul,
        nomor=int(raw.get("nomor", 1)),
        ditutup=raw.get("ditutup"),
        peserta=raw.get("peserta"),
        dinilai=dict(raw.get("dinilai") or {}),
        sebelumnya=list(raw.get("sebelumnya") or []),
        dibuat=bool(raw.get("dibuat", False)),
        batas=raw.get("batas"),
    )


def _write(root: Path, p: Round) -> None:
    data = _read_all(root)
    data[p.modul] = {
        "nomor": p.nomor,
        "ditutup": p.ditutup,
        "peserta": p.peserta,
        "dinilai": p.dinilai,
        "sebelumnya": p.sebelumnya,
    }
    if p.dibuat:
        data[p.modul]["dibuat"] = True
    if p.batas is not None:
        data[p.modul]["batas"] = p.batas
    write_all(root, data)


def _sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _check_form(modul: str) -> None:
    if modul not in FORMS:
        raise AlaskakiError(
            f"{modul} bukan formulir uji ({', '.join(FORMS)}); hanya uji yang ditutup dan diulang.",
            exit_code=EXIT_USAGE,
        )


def _graded(folder: Folder, modul: str) -> dict[str, str]:
    """{pid: sha of the file the grader judged} for every participant graded with the form now in
    source/ (this round's form).

    The file is the one the done-marker names (``jawaban_dari``), not whatever sits in submitted/
    now (red team R33: a second sheet collected after grading was recorded as the graded result
    and then graded after closing). A marker of another form is an earlier round's (every retaker
    has one from round 1), so it is not this round's result. A marker written before the grader
    recorded the file counts for the file in submitted/ only when that file is not newer.
    """
    from alaskaki.workshop.grading.record import read_marker, state_dir

    p = read_round(folder.root, modul)
    form = _sha(folder.source_notebook(modul))
    out = {}
    sub = folder.submitted()
    for d in sorted(sub.glob(f"*/{modul}")) if sub.is_dir() else []:
        pid = d.parent.name
        marker = read_marker(folder.root, modul, pid)
        if marker is None:
            continue
        graded_with = marker.get("formulir")
        if graded_with and form and graded_with != form:
            continue
        judged = marker.get("jawaban_dari")
        if not judged:
            nb = d / f"{modul}.ipynb"
            path = state_dir(folder.root, modul) / "selesai" / f"{pid}.json"
            try:
                if nb.stat().st_mtime > path.stat().st_mtime:
                    continue
            except OSError:
                continue
            judged = _sha(nb)
        if not judged or any((r.get("dinilai") or {}).get(pid) == judged for r in p.sebelumnya):
            continue
        out[pid] = judged
    return out


def ungraded(root: str | Path, modul: str) -> list[str]:
    """Participants of the current round whose submission is not graded as it sits (new or changed
    since grading, compared by content): closing now refuses it."""
    folder = Folder.open(root)
    p = read_round(folder.root, modul)
    graded = _graded(folder, modul)
    out = []
    sub = folder.submitted()
    for d in sorted(sub.glob(f"*/{modul}")) if sub.is_dir() else []:
        pid = d.parent.name
        if p.peserta is not None and pid not in p.peserta:
            continue
        sha = _sha(d / f"{modul}.ipynb")
        if sha is None or graded.get(pid) != sha:
            out.append(pid)
    return out


def tutup(root: str | Path, modul: str) -> Round:
    """Close the current round of ``modul``: what is graded now is its result; rapor may go out.

    Under the workshop's writer lock: a `grade` or `collect` running now finishes first, so the
    result is never read half-way through either (R45)."""
    from alaskaki.workshop.lock import writer_lock

    _check_form(modul)
    folder = Folder.open(root)
    with writer_lock(folder.root, f"tutup {modul}"):
        return _tutup(folder, modul)


def _tutup(folder: Folder, modul: str) -> Round:
    p = read_round(folder.root, modul)
    if not p.terbuka:
        return p
    graded = _graded(folder, modul)
    if p.peserta is not None:
        graded = {k: v for k, v in graded.items() if k in p.peserta}
    p.dinilai = graded
    p.ditutup = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    _write(folder.root, p)
    return p


def ulang(root: str | Path, modul: str, peserta: list[str]) -> tuple[Round, Path]:
    """Open a new round of ``modul`` for ``peserta`` with a NEW form; returns it and the form.

    Order matters (red team R20: Ctrl-C between writing the form and recording the round let the
    grader regrade everyone's closed work with the new form): (1) archive the closed round's form,
    never over an archive already there; (2) record the new round as *being made*; (3) write the
    form (temp file + rename); (4) record it as made. Interrupted anywhere, running ``ulang`` again
    finishes the same round; the grader never grades a submission with a form it was not graded
    with (:func:`refusals`, and the markers under ``penilaian/`` — :func:`other_form_reason`).
    """
    from alaskaki.workshop.lock import writer_lock

    _check_form(modul)
    folder = Folder.open(root)
    with writer_lock(folder.root, f"ulang {modul}"):
        return _ulang(folder, modul, peserta)


def _ulang(folder: Folder, modul: str, peserta: list[str]) -> tuple[Round, Path]:
    p = read_round(folder.root, modul)
    if p.dibuat:  # an earlier `ulang` was interrupted: finish that round, same retakers
        asked = list(dict.fromkeys(peserta))
        if asked and sorted(asked) != sorted(p.peserta or []):
            raise AlaskakiError(
                f"Formulir ulang {modul} putaran {p.nomor} untuk {', '.join(p.peserta or [])} "
                "belum selesai dibuat (perintah sebelumnya terhenti). Selesaikan dulu dengan "
                f"`alaskaki ulang {modul} --peserta {' '.join(p.peserta or [])}`.",
                exit_code=EXIT_USAGE,
            )
        return _finish(folder, p)
    if p.terbuka:
        raise AlaskakiError(
            f"Uji {modul} putaran {p.nomor} masih terbuka. Tutup dulu dengan `alaskaki tutup "
            f"{modul}` (sesudah semua kiriman dinilai), baru buka putaran ulang.",
            exit_code=EXIT_USAGE,
        )
    known = {x.id for x in folder.participants()}
    unknown = [x for x in peserta if x not in known]
    if not peserta or unknown:
        raise AlaskakiError(
            "Sebutkan peserta yang mengulang dengan --peserta ID (ID dari daftar peserta)"
            + (f"; tidak ada di daftar: {', '.join(unknown)}." if unknown else "."),
            exit_code=EXIT_USAGE,
        )
    source = folder.source_notebook(modul)
    archive = archived_form(folder.root, modul, p.nomor)
    try:
        archive.parent.mkdir(parents=True, exist_ok=True)
        # the first archive of a round is its form; a later copy could already be another round's
        if source.is_file() and not archive.exists():
            _durable(archive, source.read_bytes())
    except OSError as err:
        raise from_os_error(err, doing="mengarsipkan formulir putaran lama", path=archive) from err
    p.sebelumnya.append(
        {
            "nomor": p.nomor,
            "ditutup": p.ditutup,
            "peserta": p.peserta,
            "dinilai": p.dinilai,
            "batas": p.batas,
        }
    )
    p.nomor, p.ditutup, p.peserta, p.dinilai = p.nomor + 1, None, list(dict.fromkeys(peserta)), {}
    p.batas = None
    p.dibuat = True
    _write(folder.root, p)
    return _finish(folder, p)


def _finish(folder: Folder, p: Round) -> tuple[Round, Path]:
    form = _new_form(folder, p.modul, p.nomor)
    p.dibuat = False
    _write(folder.root, p)
    return p, form


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def archived_form(root: str | Path, modul: str, round_no: int) -> Path:
    """Where the form of round ``round_no`` is kept once a later round replaced it in source/."""
    return Path(root) / STATE_DIR / ARCHIVE / f"{modul}-{round_no}.ipynb"


def _new_form(folder: Folder, modul: str, round_no: int) -> Path:
    """The round's form from a secret of its own (derived from the workshop's, never released)."""
    try:
        from alaskaki_kunci.bengkel import buat_rahasia
        from alaskaki_kunci.generate import tulis_form_bengkel
    except ImportError as err:  # a participant install: no generator of forms
        raise AlaskakiError(
            "Formulir ulang hanya bisa dibuat dengan instalasi pelatih (paket alaskaki_kunci)."
        ) from err
    workshop_secret = buat_rahasia(folder.root)
    # A random part, never derived: a copy of the folder from between rounds (a flashdisk backup,
    # or uji.json brought back) that opens its own round N must not draw the form another retaker
    # already sat in round N (red team R47). Nothing re-derives it: each form carries its own key.
    random_part = secrets.token_hex(16)
    secret = hashlib.sha256(
        f"{workshop_secret}:putaran-{round_no}:{random_part}".encode()
    ).hexdigest()[:32]
    # written beside, then renamed over the old form: an interruption never leaves half a form
    # (or half of the new form over the old one) in source/ (red team R20)
    made_dir = folder.root / STATE_DIR / ARCHIVE / f".{modul}-{round_no}-baru"
    target = folder.source_notebook(modul)
    try:
        made = tulis_form_bengkel(made_dir, modul, secret)
        _fsync(made)  # on disk before it replaces the old form: a pulled flashdisk (R49)
        target.parent.mkdir(parents=True, exist_ok=True)
        made.replace(target)
        _fsync(target.parent)
        made_dir.rmdir()
    except OSError as err:
        raise from_os_error(err, doing="menulis formulir putaran ulang", path=target) from err
    return target


def other_form_reason(root: str | Path, modul: str, pid: str, sha: str | None) -> str | None:
    """Why this very submission must not be graded again with the form now in source/, or None.

    The grader's marker (``penilaian/<modul>/selesai/<pid>.json``) records the form a submission
    was graded with and the submission itself. When the same submission meets another form, the
    form was replaced (a retake's new form; ``uji.json`` lost, or ``ulang`` interrupted), and
    grading it again would judge the answers to one form with another form's key (red team R20:
    37/37 -> 8/37). This needs no ``uji.json``: the markers travel with the graded work.
    """
    from alaskaki.workshop.grading.record import read_marker

    marker = read_marker(Path(root), modul, pid) or {}
    graded_with, graded = marker.get("formulir"), marker.get("jawaban_dari")
    if not graded_with or not sha or graded != sha:
        return None  # new work, or a marker from before forms were recorded
    now = _sha(Folder.open(root).source_notebook(modul))
    if now is None or now == graded_with:
        return None
    return (
        f"Kiriman {pid} sudah dinilai dengan formulir {modul} yang lain (formulir di source/ sudah "
        "diganti sesudahnya, mis. oleh `alaskaki ulang`); nilainya tetap dan tidak dinilai ulang "
        f"dengan formulir sekarang. Bila {pid} mengulang, kumpulkan kirimannya pada formulir baru; "
        f"{LOST_RECORD} (formulir putaran lama ada di {STATE_DIR}/{ARCHIVE}/)."
    )


def refusals(root: str | Path, modul: str, found: list[str]) -> dict[str, tuple[bool, str]]:
    """{pid: (kept, Indonesian sentence)} for submissions of ``modul`` the grader must not grade now.

    ``kept`` is True for work of an earlier, closed round (or graded with another form): its
    recorded result stands as it is.
    """
    if modul not in FORMS:
        return {}
    root = Path(root)
    p = read_round(root, modul)
    folder = Folder.open(root)
    out = {}
    forms = _FormCheck(folder, modul, p.nomor)
    for pid in found:
        sha = _sha(folder.submitted(pid, modul) / f"{modul}.ipynb")
        other = other_form_reason(root, modul, pid, sha)
        if other is not None:
            out[pid] = (True, other)
            continue
        if pid in p.dinilai and p.dinilai[pid] == sha:
            # the very work graded before closing: grading it again changes nothing, unless it is
            # another form's sheet (red team R33b: a round's record must never let one through)
            if (wrong := forms.other_form(pid)) is not None:
                out[pid] = (False, wrong)
            continue
        earlier = next(
            (r for r in reversed(p.sebelumnya) if (r.get("dinilai") or {}).get(pid) == sha), None
        )
        if earlier is not None:  # also a retaker's earlier sheet: never judged with the new key
            out[pid] = (
                True,
                (
                    f"Kiriman {pid} adalah formulir {modul} putaran {earlier['nomor']} yang sudah "
                    "ditutup; nilainya tetap dan tidak dinilai ulang dengan formulir putaran "
                    f"{p.nomor}."
                ),
            )
        elif p.dibuat:
            out[pid] = (
                False,
                (
                    f"Kiriman {pid} belum dinilai: formulir ulang {modul} putaran {p.nomor} belum "
                    f"selesai dibuat (perintah `alaskaki ulang` terhenti). Jalankan lagi `alaskaki "
                    f"ulang {modul} --peserta {' '.join(p.peserta or [])}`, rilis, lalu nilai."
                ),
            )
        elif (wrong := forms.other_form(pid)) is not None:
            out[pid] = (False, wrong)
        elif p.nomor == 1 and p.terbuka:
            continue
        elif p.terbuka and pid in (p.peserta or []):
            continue  # a retaker of this round, on this round's form
        elif p.terbuka:
            out[pid] = (
                False,
                (
                    f"Kiriman {pid} ditolak: uji {modul} putaran {p.nomor} hanya untuk peserta yang "
                    f"mengulang ({', '.join(p.peserta or [])})."
                ),
            )
        else:
            out[pid] = (
                False,
                (
                    f"Kiriman {pid} ditolak: uji {modul} sudah ditutup (putaran {p.nomor}) dan rapor "
                    f"mungkin sudah dibagikan. Untuk mengulang, buka formulir baru: `alaskaki ulang "
                    f"{modul} --peserta {pid}`."
                ),
            )
    return out


def form_questions(nb: dict) -> dict[str, str]:
    """{item: its question text} of a form: the markdown cell right before each answer cell (grade
    id ``<item>_jawab``), line ends trimmed (an editor may trim them). Question text only: public."""
    cells = nb.get("cells") or []
    out = {}
    for prev, cell in zip(cells, cells[1:], strict=False):
        gid = str(((cell.get("metadata") or {}).get("nbgrader") or {}).get("grade_id") or "")
        if not gid.endswith("_jawab") or prev.get("cell_type") != "markdown":
            continue
        text = prev.get("source", "")
        text = "".join(text) if isinstance(text, list) else str(text)
        out[gid.removesuffix("_jawab")] = "\n".join(ln.rstrip() for ln in text.strip().splitlines())
    return out


def _questions_in(path: Path) -> dict[str, str] | None:
    try:
        return form_questions(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, AttributeError, TypeError):
        return None  # unreadable: the grader names it when it reads the file


def _same_questions(a: dict[str, str], b: dict[str, str]) -> tuple[int, int]:
    """(items of ``a`` whose question is the same in ``b``, items of ``a`` also in ``b``)."""
    shared = [k for k in a if k in b]
    return sum(a[k] == b[k] for k in shared), len(shared)


class _FormCheck:
    """Which form a submission's questions are (red team R31: a retaker handed in round 1's form
    in round 2 and was graded 6/37 with round 2's key, no flag). The released test cells are equal
    across rounds; the questions are not. Read lazily: only uji submissions that would be graded."""

    def __init__(self, folder: Folder, modul: str, round_no: int):
        self.folder, self.modul, self.round_no = folder, modul, round_no
        self._now: dict[str, str] | None = None
        self._rounds: dict[int, dict[str, str]] | None = None

    def other_form(self, pid: str) -> str | None:
        """Why ``pid``'s submission is another form than the one in source/, or None."""
        modul = self.modul
        if self._now is None:
            self._now = _questions_in(self.folder.source_notebook(modul)) or {}
        mine = _questions_in(self.folder.submitted(pid, modul) / f"{modul}.ipynb")
        if not mine or not self._now:
            return None
        same, shared = _same_questions(mine, self._now)
        # a participant who typed into one question cell by mistake still sits this form
        if shared and same * 2 > shared:
            return None
        if self._rounds is None:  # every archived round: uji.json may be lost (nomor reads 1)
            self._rounds = {}
            for path in self.folder.root.glob(f"{STATE_DIR}/{ARCHIVE}/{modul}-*.ipynb"):
                n = path.stem.removeprefix(f"{modul}-")
                got = _questions_in(path) if n.isdigit() else None
                if got:
                    self._rounds[int(n)] = got
        for n, qs in sorted(self._rounds.items(), reverse=True):
            hit, both = _same_questions(mine, qs)
            if both and hit * 2 > both:
                return (
                    f"Kiriman {pid} ditolak: isinya formulir {modul} putaran {n} (soal-soalnya "
                    "sama dengan formulir putaran itu), sedangkan formulir di source/ sekarang "
                    "formulir lain. Jawaban untuk soal lain tidak dinilai dengan kunci formulir "
                    f"ini. Bila {pid} mengulang: rilis formulir sekarang (`alaskaki release "
                    f"{modul}`), minta {pid} mengerjakannya, lalu kumpulkan dan nilai lagi. Bila "
                    f"{pid} tidak mengulang, hasil putaran {n}-nya tetap; {LOST_RECORD}."
                )
        return (
            f"Kiriman {pid} ditolak: soal-soal di dalamnya bukan soal formulir {modul} lokakarya "
            f"ini (hanya {same} dari {len(self._now)} soal sama dengan source/{modul}/{modul}.ipynb; "
            "formulir lokakarya lain, atau formulir lama?). Jawaban untuk soal lain tidak dinilai "
            f"dengan kunci formulir ini. Minta {pid} mengerjakan formulir yang dirilis (`alaskaki "
            f"release {modul}`), lalu kumpulkan dan nilai lagi."
        )


def hold_reason(root: str | Path, modul: str, pid: str, data: bytes) -> str | None:
    """Why collect must hold (not install) this file of ``pid`` for ``modul``, or None.

    A closed round's result stays in ``submitted/``: a later file never replaces the graded one
    (the engine would otherwise count the result as replaced, not graded).
    """
    if modul not in FORMS:
        return None
    p = read_round(root, modul)
    if p.nomor == 1 and p.terbuka:
        return None
    if p.dinilai.get(pid) == hashlib.sha256(data).hexdigest():
        return None
    if p.terbuka:
        if pid in (p.peserta or []):
            return None
        return (
            f"uji {modul} putaran {p.nomor} hanya untuk peserta yang mengulang "
            f"({', '.join(p.peserta or [])}); kiriman {pid} tidak dipasang, hasil sebelumnya tetap"
        )
    return (
        f"uji {modul} sudah ditutup (putaran {p.nomor}); kiriman baru {pid} tidak dipasang dan "
        f"hasil yang sudah dinilai tetap. Bila {pid} mengulang: `alaskaki ulang {modul} "
        f"--peserta {pid}`"
    )


def record_due(
    root: str | Path, modul: str, due: dt.datetime | None, previous_due: dt.datetime | None
) -> None:
    """Record the due date of the round being released (``release --batas``; naive UTC).

    ``previous_due`` is the form's due date in nbgrader before this release (the last release's):
    an earlier round released before rounds kept their own gets it, so a retake's release never
    moves it (red team R41). A retake round released without --batas has no due date of its own
    (""), never the earlier round's.
    """
    if modul not in FORMS:
        return
    root = Path(root)
    p = read_round(root, modul)
    if p.nomor == 1:
        return  # round 1 alone: nbgrader's due date is the round's
    lacking = [r for r in p.sebelumnya if r.get("batas") is None]
    if lacking and previous_due is not None:
        lacking[-1]["batas"] = _iso(previous_due)
    if due is not None:
        p.batas = _iso(due)
    elif p.batas is None:
        p.batas = ""
    _write(root, p)


def _iso(when: dt.datetime) -> str:
    return when.replace(tzinfo=None).isoformat(sep=" ")


def participant_due(root: str | Path, modul: str, pid: str) -> tuple[bool, dt.datetime | None]:
    """(recorded, due date) of the round ``pid``'s sheet in submitted/ belongs to: the round that
    recorded that very file as graded, else the latest round ``pid`` sits. (False, None) when no
    round recorded one: nbgrader's due date of the form holds (red team R41)."""
    if modul not in FORMS:
        return False, None
    root = Path(root)
    if not _path(root).is_file():
        return False, None
    p = read_round(root, modul)
    rounds = [
        *p.sebelumnya,
        {"nomor": p.nomor, "peserta": p.peserta, "dinilai": p.dinilai, "batas": p.batas},
    ]
    sha = _sha(Folder.open(root).submitted(pid, modul) / f"{modul}.ipynb")
    mine = next(
        (r for r in reversed(rounds) if sha and (r.get("dinilai") or {}).get(pid) == sha), None
    )
    if mine is None:
        mine = next(
            (r for r in reversed(rounds) if r.get("peserta") is None or pid in r["peserta"]), None
        )
    batas = mine.get("batas") if mine else None
    if batas is None:
        return False, None
    if not batas:
        return True, None
    try:
        return True, dt.datetime.fromisoformat(batas).replace(tzinfo=None)
    except ValueError:
        return False, None


def set_extensions(gb, root: str | Path, modul: str, pids: list[str] | None = None) -> None:
    """Give each gradebook submission of an uji form its round's due date as nbgrader's
    per-participant extension (round's due date minus the form's one due date, the last
    release's; None when they are equal or either is missing), so nbgrader's lateness, its late
    penalty and the reports (``SubmittedAssignment.duedate``) judge a sheet against its own round
    (red team R41). ``pids``: only these (the grader, before it records a sheet), creating their
    submission when a round's date differs. Flushed, not committed: the caller commits."""
    from nbgrader.api import MissingEntry

    root = Path(root)
    if modul not in FORMS or not _path(root).is_file():
        return
    try:
        assignment = gb.find_assignment(modul)
    except MissingEntry:
        return
    form_due = assignment.duedate
    wanted = pids if pids is not None else [s.student.id for s in assignment.submissions]
    for pid in wanted:
        recorded, due = participant_due(root, modul, pid)
        ext = due - form_due if recorded and due is not None and form_due is not None else None
        ext = ext or None
        try:
            sub = gb.find_submission(modul, pid)
        except MissingEntry:
            if ext is None:
                continue
            gb.update_or_create_student(pid)
            sub = gb.update_or_create_submission(modul, pid)
        if sub.extension != ext:
            sub.extension = ext
    gb.db.flush()


def spent_form(root: str | Path, modul: str) -> int | None:
    """The closed round whose form sits in source/ again in a later round (red team R61: source/
    copied back from a backup made before `ulang`), by its bytes or its questions; None if none.
    That form's key may have gone out with the rapor: it is never handed to a retaker."""
    if modul not in FORMS:
        return None
    nomor = read_round(root, modul).nomor
    if nomor <= 1:
        return None
    folder = Folder(Path(root))
    now = folder.source(modul) / f"{modul}.ipynb"
    now_sha, now_q, now_t = _sha(now), _questions_in(now), _tests_in(now)
    for k in range(1, nomor):
        old = archived_form(root, modul, k)
        if not old.is_file():
            continue
        if now_sha and now_sha == _sha(old):
            return k
        # most of its questions or of its hidden tests (the keys) are the closed round's: one
        # question retouched by hand does not make it another form (red team R69)
        for a, b in ((now_q, _questions_in(old)), (now_t, _tests_in(old))):
            if a and b:
                same, shared = _same_questions(a, b)
                if shared and 2 * same > shared:
                    return k
    return None


def _tests_in(path: Path) -> dict[str, str]:
    """{grade id: source} of the form's test cells (the hidden tests hold the keys); {} if unreadable."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells") or []
    except (OSError, ValueError, AttributeError):
        return {}
    out = {}
    for cell in cells:
        meta = (cell.get("metadata") or {}).get("nbgrader") or {}
        if meta.get("grade") and not meta.get("solution") and meta.get("grade_id"):
            text = cell.get("source", "")
            out[str(meta["grade_id"])] = "".join(text) if isinstance(text, list) else str(text)
    return out


def check_not_spent(root: str | Path, modul: str, doing: str) -> None:
    """Refuse to hand out (release, print, print the key of) a closed round's form that sits in
    source/ again in a later round (red team R61, R65); ``doing``: "dirilis", "dicetak" ..."""
    k = spent_form(root, modul)
    if k is None:
        return
    nomor = read_round(root, modul).nomor
    raise AlaskakiError(
        f"Formulir {modul} tidak {doing}: yang ada di source/{modul}/ adalah formulir putaran "
        f"{k} yang sudah ditutup (kuncinya bisa sudah keluar lewat rapor), padahal sekarang "
        f"putaran {nomor} (mis. source/ disalin kembali dari cadangan lama). Jalankan "
        f"`alaskaki init {Path(root)}`: dibuat formulir baru putaran {nomor} (formulir "
        "lama disimpan di penilaian/), lalu ulangi perintah ini.",
        exit_code=EXIT_USAGE,
    )


def check_release(root: str | Path, modul: str) -> None:
    """Refuse to release ``modul`` while its retake form is being made (red team R20 gap): the form
    in source/ may still be the closed round's, whose key the rapor may already have spent; and
    when source/ holds a closed round's form again (R61)."""
    if modul not in FORMS:
        return
    p = read_round(root, modul)
    if not p.dibuat:
        check_not_spent(root, modul, "dirilis")
    if p.dibuat:
        raise AlaskakiError(
            f"Formulir {modul} belum dirilis: formulir ulang putaran {p.nomor} untuk "
            f"{', '.join(p.peserta or [])} belum selesai dibuat (perintah `alaskaki ulang` "
            f"terhenti), jadi formulir di source/ bisa masih formulir putaran yang sudah ditutup. "
            f"Selesaikan dulu dengan `alaskaki ulang {modul} --peserta {' '.join(p.peserta or [])}`"
            ", lalu rilis lagi.",
            exit_code=EXIT_USAGE,
        )


def check_rapor(folders: list[str | Path]) -> None:
    """Refuse a rapor while a workshop's post-test round that has graded work is still open."""
    for f in folders:
        root = Path(f)
        if not f or not root.is_dir():
            continue
        p = read_round(root, RAPOR_FORM)
        if not p.terbuka:
            continue
        try:
            graded = _graded(Folder.open(root), RAPOR_FORM)
        except AlaskakiError:
            continue
        if p.peserta is not None:
            graded = {k: v for k, v in graded.items() if k in p.peserta}
        if graded:
            raise AlaskakiError(
                f"Rapor belum bisa dibuat: uji {RAPOR_FORM} (putaran {p.nomor}) di {root.name} "
                "masih terbuka. Rapor menyebut kriteria yang belum terpenuhi, jadi beberapa rapor "
                "yang dikumpulkan bersama bisa membuka kunci formulir ini bagi peserta yang belum "
                f"mengumpulkan. Tutup dulu dengan `alaskaki tutup {RAPOR_FORM}` (sesudah itu kiriman "
                f"baru formulir ini ditolak; peserta yang mengulang mendapat formulir baru lewat "
                f"`alaskaki ulang {RAPOR_FORM} --peserta ID`).",
                exit_code=EXIT_USAGE,
            )
