"""Collect submissions: from a folder or zip (USB stick, chat, LMS download) or from the exchange.

Who and when come from the collector, never from what a file claims (DESIGN principle 11):

* **When**: the time a file is *received* is the collect run's clock, or the time the trainer states
  for a batch (``received=``, e.g. a USB stick handed in at the deadline); on a hub it is the
  exchange's server-side time (the inode change time of the submission, which its owner can only
  move later). Zip dates, mtimes and notebook metadata are kept in ``.asal.txt`` for the record only.
* **Who**: on a hub, the OS user owning the submission in the exchange; offline, the file name,
  ``ID_PESERTA`` in the notebook and (once tokens are issued, see :mod:`alaskaki.workshop.release`)
  ``TOKEN_PESERTA`` must agree. A disagreement, or two different new files for one participant in
  one run, is held back (``arsip/<peserta>/<modul>/tertahan/``) until the trainer chooses
  (``choose=[FILE]``, CLI ``--pilih FILE``); never resolved silently.

Collect is a transaction. A received file is archived under ``arsip/<peserta>/<modul>/`` as
``<received>_<sha12>.ipynb`` with its ``.asal.txt`` sidecar written *first*; the archive file name
alone carries the received time, so a lost sidecar is derived, never fatal. Every run then
reconciles the archive with ``submitted/``: the newest received version is installed whenever
what is installed differs from it. An interruption at any step loses nothing; the next run
completes it.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import pwd
import re
import shutil
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path, PurePosixPath

from alaskaki.errors import (
    EXIT_CONFLICT,
    EXIT_INPUT,
    EXIT_NOT_FOUND,
    AlaskakiError,
    os_reason,
)
from alaskaki.folder import INBOX_DIR, parse_timestamp
from alaskaki.workshop import limits as limits_mod
from alaskaki.workshop.course import Workshop

TS_FORMAT = "%Y-%m-%d %H:%M:%S.%f UTC"  # what nbgrader writes to timestamp.txt
NAME_TS = "%Y%m%dT%H%M%S%f"  # received time inside an archive file name
HELD = "tertahan"
NOTEBOOK_SUFFIXES = (".ipynb", ".ipynb.json", ".ipynb.txt")  # the latter two: browser downloads
JUNK = {".ds_store", "thumbs.db", "desktop.ini"}
# Decorations file managers, browsers and chat apps add to a copied file's name.
_DECORATIONS = [
    re.compile(r"^(salinan dari|salinan|copy of|kopi dari)\s+", re.I),
    re.compile(r"\s*-\s*(salinan|copy|kopi)(\s*\(\d+\))?$", re.I),
    re.compile(r"\s*\(\d+\)$"),
    re.compile(r"\s+(salinan|copy)$", re.I),
]
_ID_LINE = re.compile(r"^[ \t]*ID_PESERTA[ \t]*=[ \t]*([\"'])(.*?)\1", re.M)
UNFILLED_IDS = {"", "isi-id-anda", "contoh-01"}
UNVERIFIED = "identitas tidak diverifikasi"  # what status and reports say of a --tanpa-token file
WRONG_MODULE = "isi notebook adalah modul"

# Fault injection for tests: called with the name of each step of the transaction.
_fault = None


def _step(name: str) -> None:
    if _fault is not None:
        _fault(name)


@dataclass
class Incoming:
    name: str  # path as found, for messages
    data: bytes
    received: datetime  # naive UTC, the collector's time
    secret: str | None = None  # nbgrader's submission_secret.txt (exchange only): feedback key
    claimed: str | None = None  # a time the file itself claims (zip header, mtime): record only
    pid: str | None = None  # identity proved by the collector (exchange: the OS user)
    unverified: bool = False  # an uji form collected offline with --tanpa-token


@dataclass(frozen=True)
class Skipped:
    name: str
    reason: str
    # a file no participant hands in (desktop.ini, Thumbs.db, .ipynb_checkpoints, __MACOSX):
    # one quiet line, never a problem that sets collect's exit code (trainer team T13)
    junk: bool = False

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}"


@dataclass(frozen=True)
class Held:
    peserta: str
    name: str  # as found in the source
    archived: str  # file name under arsip/<peserta>/<modul>/tertahan/
    reason: str

    def __str__(self) -> str:
        return f"{self.name} (untuk {self.peserta}): {self.reason}"


@dataclass
class CollectResult:
    modul: str
    collected: dict[str, str] = field(default_factory=dict)  # participant -> archived file name
    duplicates: list[str] = field(default_factory=list)  # files already received (not again)
    duplicate_reasons: list[str] = field(default_factory=list)  # each: file, participant, why
    older: list[str] = field(default_factory=list)  # archived; a later received one is installed
    skipped: list[Skipped] = field(default_factory=list)  # not collected, each with its reason
    held: list[Held] = field(default_factory=list)  # archived aside until the trainer chooses
    chosen: list[str] = field(default_factory=list)  # held files released by the trainer
    installed: list[str] = field(default_factory=list)  # participants whose submission changed
    notes: list[str] = field(default_factory=list)  # collected, with something worth knowing
    # not archived or not installed for a cause outside the file (disk full, read-only): each a
    # sentence naming the file or participant, the module, the cause and the fix
    failed: list[str] = field(default_factory=list)

    @property
    def unknown(self) -> list[str]:
        return [s.name for s in self.skipped if "daftar peserta" in s.reason]

    @property
    def ignored(self) -> list[str]:
        return [s.name for s in self.skipped if s.reason.startswith("untuk modul lain")]

    @property
    def junk(self) -> list[str]:
        return [s.name for s in self.skipped if s.junk]

    @property
    def problems(self) -> list[str]:
        """What the trainer must look at: refused files (other modules' files and system junk
        excepted) and holds."""
        out = [
            str(s)
            for s in self.skipped
            if not s.junk and not s.reason.startswith("untuk modul lain")
        ]
        # A wrong module's notebook first: the participant likely handed in the wrong file.
        out.sort(key=lambda text: WRONG_MODULE not in text)
        return out + [f"DITAHAN {h}" for h in self.held]


# --------------------------------------------------------------------------------------------
# Reading a source: every entry is either an Incoming file or a Skipped one with its reason
# --------------------------------------------------------------------------------------------


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _is_notebook_name(name: str) -> bool:
    return name.lower().endswith(NOTEBOOK_SUFFIXES)


def _junk(parts: list[str]) -> str | None:
    if any(p == ".ipynb_checkpoints" for p in parts):
        return "salinan otomatis Jupyter (.ipynb_checkpoints), bukan jawaban"
    if any(p == "__MACOSX" for p in parts) or parts[-1].startswith("._"):
        return "berkas tambahan macOS, bukan jawaban"
    if parts[-1].lower() in JUNK:
        return "berkas sistem, bukan jawaban"
    return None


def _not_notebook(name: str) -> str:
    suffix = PurePosixPath(name).suffix or "(tanpa akhiran)"
    return f"bukan file notebook ({suffix}); hanya .ipynb yang dikumpulkan"


def _iter_folder(
    folder: Path, received: datetime, lim: limits_mod.Limits
) -> Iterator[Incoming | Skipped]:
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        base = Path(dirpath)
        for d in sorted(dirnames):
            if (base / d).is_symlink():
                rel = (base / d).relative_to(folder).as_posix()
                yield Skipped(rel, "tautan (symlink) ke folder lain: tidak diikuti")
        dirnames[:] = sorted(d for d in dirnames if not (base / d).is_symlink())
        for fname in sorted(filenames):
            path = base / fname
            rel = path.relative_to(folder).as_posix()
            junk = _junk(rel.split("/"))
            if junk:
                yield Skipped(rel, junk, junk=True)
                continue
            st = os.lstat(path)
            if stat.S_ISLNK(st.st_mode):
                yield Skipped(rel, "tautan (symlink): tidak diikuti, tidak disalin")
                continue
            if not stat.S_ISREG(st.st_mode):
                yield Skipped(rel, "bukan berkas biasa (perangkat, pipa atau soket): tidak dibuka")
                continue
            if not _is_notebook_name(fname):
                yield Skipped(rel, _not_notebook(fname))
                continue
            if st.st_size > lim.notebook_bytes:
                yield Skipped(rel, _too_big(st.st_size, lim))
                continue
            try:
                # O_NOFOLLOW/O_NONBLOCK: a file swapped for a symlink or a pipe after lstat is not followed.
                fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
            except OSError as exc:
                yield Skipped(rel, f"tidak dapat dibuka ({exc.strerror})")
                continue
            with os.fdopen(fd, "rb") as fh:
                if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                    yield Skipped(rel, "bukan berkas biasa: tidak dibuka")
                    continue
                data = fh.read(lim.notebook_bytes + 1)
            if len(data) > lim.notebook_bytes:
                yield Skipped(rel, _too_big(len(data), lim))
                continue
            claimed = datetime.fromtimestamp(st.st_mtime, UTC).strftime(TS_FORMAT)
            yield Incoming(rel, data, received, claimed=f"waktu ubah berkas {claimed}")


def _too_big(size: int, lim: limits_mod.Limits) -> str:
    return (
        f"berkas terlalu besar ({limits_mod.megabytes(size)}; "
        f"batas {limits_mod.megabytes(lim.notebook_bytes)})"
    )


def _zip_kind(info: zipfile.ZipInfo) -> str | None:
    mode = info.external_attr >> 16
    if info.create_system == 3 and stat.S_IFMT(mode):  # made on Unix: file type recorded
        if stat.S_ISLNK(mode):
            return "tautan (symlink) di dalam zip: tidak diikuti, tidak disalin"
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            return "bukan berkas biasa di dalam zip: tidak dibuka"
    return None


def _iter_zip(
    path: Path, received: datetime, lim: limits_mod.Limits
) -> Iterator[Incoming | Skipped]:
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise AlaskakiError(
            f"File {path.name} bukan file zip yang dapat dibuka.", exit_code=EXIT_INPUT
        ) from None
    with zf:
        infos = sorted(zf.infolist(), key=lambda i: i.filename)
        total = sum(i.file_size for i in infos)
        if total > lim.zip_bytes:
            raise AlaskakiError(
                f"Isi zip {path.name} terlalu besar ({limits_mod.megabytes(total)} setelah dibuka; "
                f"batas {limits_mod.megabytes(lim.zip_bytes)}). Tidak ada yang dikumpulkan.",
                exit_code=EXIT_INPUT,
            )
        for info in infos:
            if info.is_dir():
                continue
            # Zips made on Windows may hold "C:\Users\...\p05_m3.ipynb": treat "\" as a separator.
            name = info.filename.replace("\\", "/")
            parts = [p for p in name.split("/") if p]
            junk = _junk(parts)
            if junk:
                yield Skipped(name, junk, junk=True)
                continue
            kind = _zip_kind(info)
            if kind:
                yield Skipped(name, kind)
                continue
            if not _is_notebook_name(parts[-1]):
                yield Skipped(name, _not_notebook(parts[-1]))
                continue
            if info.file_size > lim.notebook_bytes:
                yield Skipped(name, _too_big(info.file_size, lim))
                continue
            try:
                data = zf.read(info)
            except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
                yield Skipped(name, f"rusak di dalam zip ({exc})")
                continue
            claimed = datetime(*info.date_time).strftime("%Y-%m-%d %H:%M:%S")
            yield Incoming(name, data, received, claimed=f"tanggal di zip {claimed} (waktu lokal)")


# --------------------------------------------------------------------------------------------
# Whose and which module: from the name (tolerating copy decorations) and from the content
# --------------------------------------------------------------------------------------------


def _stem(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    lowered = base.lower()
    for suffix in NOTEBOOK_SUFFIXES:
        if lowered.endswith(suffix):
            base = base[: -len(suffix)]
            break
    base = base.strip()
    changed = True
    while changed:
        changed = False
        for pattern in _DECORATIONS:
            new = pattern.sub("", base).strip()
            if new != base:
                base, changed = new, True
    return base.lower()


def _match_participant(name: str, ids: list[str], modules: list[str] | None = None) -> str | None:
    """The participant a file's name points to (see :func:`_named_by`)."""
    return _named_by(name, ids, modules)[0]


def _named_by(
    name: str, ids: list[str], modules: list[str] | None = None
) -> tuple[str | None, str]:
    """(participant, what named them) for a path as found in a source.

    The file name (after the last ``/`` or ``\\``) decides: the id as a word of it (``p01_m3…``,
    ``m3…_p01``, ``Salinan dari P01 - m3 (1)``). Only a file name without an id falls back to a
    folder named by the id (``p01/m3.ipynb`` from an LMS download); a folder such as
    ``C:\\Users\\p04\\`` never beats the file name. None when no id or more than one id is named.
    """
    parts = [p for p in name.replace("\\", "/").split("/") if p]
    by_file = _id_in_file_name(parts[-1], ids, modules)
    if by_file is not None:
        return by_file, f"nama berkas {parts[-1]}"
    lowered = {i.lower(): i for i in ids}
    for folder in reversed(parts[:-1]):
        if folder.strip().lower() in lowered:
            return lowered[folder.strip().lower()], f"folder {folder.strip()}"
    return None, f"nama berkas {parts[-1]}"


def _folder_id(name: str, ids: list[str]) -> str | None:
    """The roster id named by the nearest folder of a path as found (``C:\\Users\\p04\\…``), if any."""
    lowered = {i.lower(): i for i in ids}
    parts = [p for p in name.replace("\\", "/").split("/") if p]
    for folder in reversed(parts[:-1]):
        if folder.strip().lower() in lowered:
            return lowered[folder.strip().lower()]
    return None


def _id_in_file_name(fname: str, ids: list[str], modules: list[str] | None) -> str | None:
    stem = _stem(fname)
    for m in sorted(modules or [], key=len, reverse=True):
        stem = stem.replace(m.lower(), " ")
    found = set()
    for pid in sorted(ids, key=len, reverse=True):
        p = re.escape(pid.lower())
        if re.search(rf"(?<![a-z0-9]){p}(?![a-z0-9])", stem):
            found.add(pid)
    # "p1" inside "p1-a" is not a second id when "p1-a" is on the roster
    found = {f for f in found if not any(f != g and f.lower() in g.lower() for g in found)}
    return found.pop() if len(found) == 1 else None


def _named_modules(name: str, modules: list[str]) -> set[str]:
    lowered = name.replace("\\", "/").lower()
    return {m for m in modules if m.lower() in lowered}


def _load(data: bytes) -> dict | None:
    """The notebook in ``data``, or None when it is not one collect can read: not JSON, no list of
    cells, or JSON as no Jupyter writes it (a cell that is not an object, a source of numbers, a
    lone surrogate escape such as ``"\\ud800"``). Such a file is taken as unreadable (named, held
    over collected work, red team R38), never a crash of the whole batch (R46)."""
    try:
        nb = json.loads(data.decode("utf-8"))
        if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
            return None
        if nb.get("nbformat") != 4 or not isinstance(nb.get("metadata"), dict):
            return None  # R56: `{"cells": []}` is no notebook Jupyter opens or nbgrader grades
        for cell in nb["cells"]:
            src = cell["source"] if isinstance(cell, dict) else None
            if not (
                isinstance(src, str)
                or isinstance(src, list)
                and all(isinstance(x, str) for x in src)
            ):
                return None
        json.dumps(nb, ensure_ascii=False).encode("utf-8")  # a lone surrogate cannot be written
    except (UnicodeError, ValueError, KeyError, TypeError, RecursionError):
        return None
    return nb


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def _code_cells(nb: dict) -> list[str]:
    return [_source(c) for c in nb["cells"] if isinstance(c, dict) and c.get("cell_type") == "code"]


def claimed_id(nb: dict) -> str | None:
    """``ID_PESERTA`` as the notebook sets it (the last assignment in its setup cell)."""
    for src in _code_cells(nb):
        if "ID_PESERTA" in src:
            found = _ID_LINE.findall(src)
            if found:
                return found[-1][1].strip()
    return None


def grade_ids(nb: dict) -> set[str]:
    out = set()
    for cell in nb.get("cells", []):
        if isinstance(cell, dict):
            meta = (cell.get("metadata") or {}).get("nbgrader") or {}
            if isinstance(meta, dict) and meta.get("grade_id"):
                out.add(str(meta["grade_id"]))
    return out


def _module_grade_ids(workshop: Workshop, modules: list[str]) -> dict[str, set[str]]:
    from alaskaki import paths

    out = {}
    for m in modules:
        for f in (workshop.source_notebook(m), paths.SOURCE_DIR / m / f"{m}.ipynb"):
            if f.is_file():
                nb = _load(f.read_bytes())
                out[m] = {
                    g for g in grade_ids(nb or {"cells": []}) if not g.endswith("_id_peserta")
                }
                break
    return out


def content_module(nb: dict, known: dict[str, set[str]]) -> str | None:
    """The module whose graded cells this notebook carries (None when it carries none we know)."""
    ids = grade_ids(nb)
    best = max(known, key=lambda m: (len(ids & known[m]), m), default=None)
    return best if best is not None and ids & known[best] else None


# --------------------------------------------------------------------------------------------
# The archive: sidecar first, the file name carries the received time, held files aside
# --------------------------------------------------------------------------------------------


def archive_dir(workshop: Workshop, pid: str, modul: str) -> Path:
    return workshop.archive(pid, modul)


def _write_atomic(path: Path, data: bytes) -> None:
    """Write durably: a temp file, fsync'd, renamed over ``path``, then the folder fsync'd. A power
    cut (or a flashdisk pulled out) leaves the old file or the new one, never the name without
    its data (red team R40: ext4's delayed allocation, vfat)."""
    tmp = path.with_name(f".{path.name}.part")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()  # a full disk or an interruption keeps no half-written temp file
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Make a rename or a new entry in ``folder`` durable (a no-op where folders cannot be opened)."""
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


def _make_dirs(folder: Path) -> None:
    """``mkdir -p`` whose new entries survive a power cut (each new folder's parent fsync'd)."""
    missing = []
    for d in (folder, *folder.parents):
        if d.is_dir():
            break
        missing.append(d)
    folder.mkdir(parents=True, exist_ok=True)
    for d in reversed(missing):
        _fsync_dir(d.parent)


def _name_hash(path: Path) -> str:
    """The content hash an archived file's name carries (``<received>_<sha12>.ipynb``)."""
    return path.name.split(".", 1)[0].rsplit("_", 1)[-1]


def _fits(path: Path, data: bytes) -> bool:
    """True when ``data`` is what the archived ``path`` says it holds: its name's hash and, when its
    sidecar records one, the full sha256."""
    digest = _digest(data)
    if not digest.startswith(_name_hash(path)):
        return False
    try:
        meta = path.with_suffix(".asal.txt").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return True
    full = re.search(r"^sha256: ([0-9a-f]{64})$", meta, flags=re.M)
    return full is None or full.group(1) == digest


def _stored(path: Path) -> bytes | None:
    """An archived notebook's bytes when they are what its name says (None when a power cut
    cut them, or the file is gone): a damaged copy is never installed nor taken as received."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data if _fits(path, data) else None


def _repair(folder: Path, data: bytes) -> list[Path]:
    """Give archived copies of ``data``'s content that lost their bytes (a power cut) the bytes at
    hand: they are what those names say. Returns the copies repaired."""
    fixed = []
    short = _digest(data)[:12]
    for path in sorted(folder.glob(f"*_{short}.ipynb")) if folder.is_dir() else []:
        if _stored(path) is None and _fits(path, data):
            _step("arsip.perbaiki")
            _write_atomic(path, data)
            fixed.append(path)
    return fixed


def _received_from_name(path: Path) -> datetime | None:
    stamp = path.name.split("_", 1)[0]
    for fmt in (NAME_TS, "%Y%m%dT%H%M%S"):
        try:
            return datetime.strptime(stamp, fmt)
        except ValueError:
            continue
    return None


def _received(path: Path) -> datetime | None:
    """A version's received time: from its sidecar, else from its file name (a lost sidecar is fine)."""
    try:
        meta = path.with_suffix(".asal.txt").read_text(encoding="utf-8")
        found = re.search(r"^diterima: (.+)$", meta, flags=re.M)
        if found:
            return datetime.strptime(found.group(1).strip(), TS_FORMAT)
    except (OSError, ValueError, UnicodeDecodeError):
        pass
    return _received_from_name(path)


def _chosen_at(path: Path) -> str:
    """When the trainer chose this version with ``--pilih`` ('' when never): among versions received
    at the same time, the one chosen last counts."""
    try:
        meta = path.with_suffix(".asal.txt").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    found = re.findall(r"^dipilih: (.+)$", meta, flags=re.M)
    return found[-1].strip() if found else ""


def _versions(workshop: Workshop, pid: str, modul: str) -> list[tuple[datetime, Path]]:
    """Received versions (held ones excluded), oldest first; at an equal received time the one
    the trainer chose last sorts last."""
    folder = archive_dir(workshop, pid, modul)
    out = []
    for path in folder.glob("*.ipynb") if folder.is_dir() else []:
        when = _received(path)
        if when is not None:
            out.append((when, _chosen_at(path), path))
    return [(when, path) for when, _, path in sorted(out)]


def _wib(when: datetime) -> str:
    wib = timezone(timedelta(hours=7))  # Mojokerto; what the trainer typed with --diterima
    return when.replace(tzinfo=UTC).astimezone(wib).strftime("%Y-%m-%d %H:%M:%S WIB")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _find(folder: Path, short: str, suffix: str) -> Path | None:
    for p in sorted(folder.glob(f"*_{short}{suffix}")) if folder.is_dir() else []:
        if suffix != ".ipynb" or _stored(p) is not None:  # a notebook counts when intact (R40)
            return p
    return None


def _archive(
    workshop: Workshop, pid: str, modul: str, item: Incoming, *, held: str | None = None
) -> tuple[Path, bool]:
    """Store a received file; return (path, is_new). The same content received at another time
    is another received version (a participant going back to his first version, R39).

    The sidecar goes first: when a run stops before the notebook lands, the next run finds the
    sidecar by its hash and keeps the original received time.
    """
    folder = archive_dir(workshop, pid, modul)
    if held:
        folder = folder / HELD
    _make_dirs(folder)
    full = _digest(item.data)
    short = full[:12]
    received = item.received
    for side in sorted(folder.glob(f"*_{short}.asal.txt")):
        notebook = side.with_suffix("").with_suffix(".ipynb")
        moved = held and (folder.parent / notebook.name).exists()  # chosen: its sidecar follows
        if not notebook.exists() and not moved:
            received = _received(notebook) or received  # an interrupted run received it first
            break
    target = folder / f"{received.strftime(NAME_TS)}_{short}.ipynb"
    if _stored(target) is not None:
        return target, False
    lines = [
        f"file: {item.name}",
        f"diterima: {received.strftime(TS_FORMAT)}",
        f"sha256: {full}",
    ]
    if item.claimed:
        lines.append(f"klaim berkas (tidak dipakai): {item.claimed}")
    if held:
        lines.append(f"ditahan: {held}")
    if item.unverified:
        lines.append(f"identitas: {UNVERIFIED} (dikumpulkan dengan --tanpa-token)")
    _step("arsip.asal")
    _write_atomic(target.with_suffix(".asal.txt"), ("\n".join(lines) + "\n").encode("utf-8"))
    if item.secret is not None:
        _step("arsip.secret")
        _write_atomic(target.with_suffix(".secret.txt"), item.secret.encode("utf-8"))
    _step("arsip.ipynb")
    _write_atomic(target, item.data)
    return target, True


def _submitted_ts(path: Path) -> datetime | None:
    ts = path / "timestamp.txt"
    try:
        text = ts.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    try:
        dt = parse_timestamp(text)
    except (ValueError, OverflowError):
        return None
    return dt.astimezone(UTC).replace(tzinfo=None) if dt.tzinfo else dt


def _install_newest(
    workshop: Workshop, pid: str, modul: str, damaged: list[str] | None = None
) -> bool:
    """Make submitted/ hold the newest received version; True when anything had to change.

    Up to date means: same bytes, same received time, same feedback secret. Anything else (a
    newer version, a half-finished earlier install) is (re)installed whole (:func:`_swap_in`).
    """
    _finish_interrupted(workshop, pid, modul)
    versions = _versions(workshop, pid, modul)
    if not versions:
        return False
    newest_ts, newest = versions[-1]
    dest = workshop.submitted(pid, modul)
    target = dest / f"{modul}.ipynb"
    want = _stored(newest)
    if want is None:
        # The archived copy lost its bytes (a power cut, R40): never installed. The installed copy,
        # when it is that very version, gives the archive its bytes back.
        try:
            installed = target.read_bytes()
        except OSError:
            installed = None
        if installed is None or not _fits(newest, installed):
            if damaged is not None:
                damaged.append(
                    f"arsip {pid} {newest.name} rusak (isinya tidak sesuai namanya, mis. terpotong "
                    f"saat listrik padam): tidak dipasang, yang terpasang untuk {pid} tidak diubah. "
                    f"Kumpulkan lagi file asli {pid} dari flashdisk-nya"
                )
            return False
        _step("arsip.perbaiki")
        _write_atomic(newest, installed)
        want = installed
    secret_src = newest.with_suffix(".secret.txt")
    secret = secret_src.read_bytes() if secret_src.is_file() else None
    secret_dest = dest / "submission_secret.txt"
    try:
        same = (
            target.read_bytes() == want
            and _submitted_ts(dest) == newest_ts
            and (secret_dest.read_bytes() if secret_dest.is_file() else None) == secret
        )
    except OSError:
        same = False
    if same:
        return False
    _swap_in(workshop, pid, modul, want, secret, newest_ts)
    return True


# An install is a folder swap: the new version is written complete in a hidden folder beside
# submitted/ (never matched by nbgrader's or the kit's `*/<modul>` globs) and swapped in with one
# rename, so submitted/<pid>/<modul> holds the complete old version or the complete new one at
# every moment (red team R42: a full disk used to leave it without timestamp.txt, "belum
# dikumpulkan"). Linux swaps two folders in one step (renameat2 RENAME_EXCHANGE: ext4, xfs,
# btrfs, tmpfs); where the file system cannot (vfat, exFAT) the old folder is moved aside, the new
# one renamed in, and the old one put back when that fails; a power cut between those two renames
# is put right by the next collect, grade or status (`finish_interrupted_installs`).
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _aside(workshop: Workshop, pid: str, modul: str, kind: str) -> Path:
    """``submitted/.<pid>.<modul>.<kind>``: ``baru`` (being written), ``lama`` (moved aside)."""
    return workshop.submitted() / f".{pid}.{modul}.{kind}"


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step; False where the system or file system cannot."""
    import ctypes

    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # not Linux, or a C library without renameat2
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _remove_tree(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)


def _finish_interrupted(workshop: Workshop, pid: str, modul: str) -> None:
    """Put right an install a power cut or a kill stopped: the old version moved aside while the
    new one was not yet in goes back; leftovers are removed (they are copies of archived files)."""
    dest = workshop.submitted(pid, modul)
    old = _aside(workshop, pid, modul, "lama")
    if old.is_dir():
        if not dest.exists():
            _make_dirs(dest.parent)
            os.rename(old, dest)
            _fsync_dir(dest.parent)
            _fsync_dir(old.parent)
        else:
            _remove_tree(old)
    _remove_tree(_aside(workshop, pid, modul, "baru"))


def finish_interrupted_installs(folder, modul: str) -> list[str]:
    """Put back every participant's installed ``modul`` that a cut between the two renames of an
    install without a folder swap (vfat) left aside; called by `grade` before it lists the
    submissions, so a participant is never skipped as "not handed in". Returns their ids.

    Only when no other process writes the workshop (R45): a `collect` running now has the old
    version aside on purpose, between its two renames; putting it back then (from `status` in a
    second terminal) would make the collect's own rename fail. Its own run ends the install."""
    from alaskaki.workshop.lock import unless_busy

    with unless_busy(folder.root, "status") as free:
        return _finish_interrupted_installs(folder, modul) if free else []


def _finish_interrupted_installs(folder, modul: str) -> list[str]:
    top = folder.submitted()
    found = []
    suffix = f".{modul}.lama"
    for aside in sorted(top.glob(f".*{suffix}")) if top.is_dir() else []:
        pid = aside.name[1 : -len(suffix)]
        if aside.is_dir() and not folder.submitted(pid, modul).exists():
            _finish_interrupted(folder, pid, modul)
            found.append(pid)
    return found


def _writable(folder: Path) -> None:
    """Refuse, naming ``folder``, an installed version the kit may not replace (a read-only
    mount, a folder copied from a CD): checked before anything is written."""
    if folder.is_dir() and not os.access(folder, os.W_OK):
        try:
            ro = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
        except OSError:
            ro = False
        code = errno.EROFS if ro else errno.EACCES
        raise OSError(code, os.strerror(code), str(folder))


def _swap_in(
    workshop: Workshop, pid: str, modul: str, data: bytes, secret: bytes | None, when: datetime
) -> None:
    dest = workshop.submitted(pid, modul)
    _finish_interrupted(workshop, pid, modul)
    _writable(dest)
    stage = _aside(workshop, pid, modul, "baru")
    _make_dirs(stage)
    try:
        _step("pasang.ipynb")
        _write_atomic(stage / f"{modul}.ipynb", data)
        _step("pasang.secret")
        if secret is not None:  # lets `release_feedback` reach the participant through the exchange
            _write_atomic(stage / "submission_secret.txt", secret)
        _step("pasang.timestamp")
        _write_atomic(stage / "timestamp.txt", when.strftime(TS_FORMAT).encode("utf-8"))
        _step("pasang.tukar")
        _make_dirs(dest.parent)
        if not dest.exists():
            os.rename(stage, dest)
        elif _exchange(stage, dest):
            pass  # the stage now holds the old version
        else:
            old = _aside(workshop, pid, modul, "lama")
            os.rename(dest, old)
            _fsync_dir(dest.parent)
            try:
                _step("pasang.pindah")
                os.rename(stage, dest)
            except OSError:
                os.rename(old, dest)  # the old version goes back
                raise
            _fsync_dir(dest.parent)
            _remove_tree(old)
        _fsync_dir(dest.parent)
        _fsync_dir(stage.parent)
    except OSError:
        _remove_tree(stage)  # a full disk gets its room back now; a kill leaves it to the next run
        raise
    _step("pasang.selesai")
    _remove_tree(stage)


def _move_sidecars(held: Path, dest: Path) -> None:
    """Sidecars in ``tertahan/`` whose notebook was already chosen follow it."""
    for side in list(held.glob("*.txt")) if held.is_dir() else []:
        stem = side.name.split(".", 1)[0]
        if (dest / f"{stem}.ipynb").is_file() and not (held / f"{stem}.ipynb").is_file():
            os.replace(side, dest / side.name)


def reconcile(
    workshop: Workshop,
    modul: str,
    notes: list[str] | None = None,
    failed: dict[str, str] | None = None,
) -> list[str]:
    """Install, for every participant with an archive of ``modul``, the newest received version
    (``notes`` gets a sentence for each one whose archived copy is damaged and not installed).

    With ``failed``, a participant whose install fails (disk full, read-only) gets a sentence
    there (by id) and the others are still installed; without it the OSError is raised."""
    done = []
    base = workshop.archive()
    for pid_dir in sorted(base.iterdir()) if base.is_dir() else []:
        if not (pid_dir / modul).is_dir():
            continue
        try:
            _move_sidecars(pid_dir / modul / HELD, pid_dir / modul)
            if _install_newest(workshop, pid_dir.name, modul, notes):
                done.append(pid_dir.name)
        except OSError as err:
            if failed is None:
                raise
            failed[pid_dir.name] = _not_installed(workshop, pid_dir.name, modul, err)
    return done


def _os_cause(err: OSError) -> str:
    """The cause and the fix of an OS failure, in the trainer's words."""
    reason = os_reason(err)
    if reason is None:
        reason = f"galat sistem ({err.__class__.__name__}: {err})"
    return reason


def _not_installed(workshop: Workshop, pid: str, modul: str, err: OSError) -> str:
    versions = _versions(workshop, pid, modul)
    got = f"yang diterima {_wib(versions[-1][0])} " if versions else ""
    ts = _submitted_ts(workshop.submitted(pid, modul))
    kept = (
        f"yang dipakai tetap versi yang diterima {_wib(ts)}"
        if ts is not None
        else "belum ada versi yang terpasang"
    )
    where = f" ({err.filename})" if getattr(err, "filename", None) else ""
    return (
        f"{pid}, modul {modul}: versi {got}sudah aman di arsip tetapi BELUM dipasang untuk "
        f"dinilai ({kept}){where}: {_os_cause(err)} (perintah collect yang sama memasangnya, "
        "tanpa mengumpulkan apa pun dua kali)"
    )


def _not_archived(pid: str, modul: str, item: Incoming, err: OSError) -> str:
    where = f" ({err.filename})" if getattr(err, "filename", None) else ""
    return (
        f"{item.name} (untuk {pid}, modul {modul}) TIDAK dikumpulkan{where}: {_os_cause(err)}; "
        "kumpulkan lagi dari flashdisk yang sama (yang sudah terkumpul tetap utuh)"
    )


class CollectIncomplete(AlaskakiError):
    """Some files could not be archived or installed (disk full, read-only); every other file of
    the batch was. ``result`` says what was done; each sentence names the file or participant,
    the module, the cause and the fix."""

    def __init__(self, result: CollectResult):
        failed = result.failed
        if len(failed) == 1:
            super().__init__(f"Pengumpulan belum selesai: {failed[0]}.")
        else:
            super().__init__(
                f"Pengumpulan {result.modul} belum selesai untuk {len(failed)} file atau "
                "peserta (yang lain sudah dikumpulkan):",
                details=failed,
            )
        self.result = result


def unverified_identity(workshop: Workshop, modul: str) -> set[str]:
    """Participants whose installed (newest received) version of ``modul`` was collected with
    ``--tanpa-token``: nothing but the file name and ID_PESERTA says who wrote it."""
    out = set()
    base = workshop.archive()
    for pid_dir in sorted(base.iterdir()) if base.is_dir() else []:
        versions = _versions(workshop, pid_dir.name, modul)
        if not versions:
            continue
        try:
            meta = versions[-1][1].with_suffix(".asal.txt").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if f"identitas: {UNVERIFIED}" in meta:
            out.add(pid_dir.name)
    return out


def _require_tokens(workshop: Workshop, modul: str, tanpa_token: bool) -> bool:
    """An uji form from a folder or zip proves who wrote it only with tokens (see
    :mod:`alaskaki.workshop.release`). Without them, collect refuses unless the trainer says
    ``--tanpa-token``; then every file is marked :data:`UNVERIFIED`. True when files are marked."""
    from alaskaki.exercises.asesmen import FORMS
    from alaskaki.workshop.release import tokens_issued

    if tokens_issued(workshop):
        if tanpa_token:
            # The check must never be switched off for a whole batch once cards are out: a file
            # without its owner's token is held, and the trainer accepts it by name (--pilih).
            raise AlaskakiError(
                "Token peserta lokakarya ini sudah dibagikan, jadi --tanpa-token tidak berlaku: "
                "kumpulkan tanpa --tanpa-token, maka file yang tokennya kosong atau salah DITAHAN "
                f"dan Anda terima satu per satu setelah diperiksa dengan `alaskaki collect {modul} "
                "--pilih FILE` (ditandai 'identitas tidak diverifikasi').",
                exit_code=EXIT_INPUT,
            )
        return False
    if modul not in FORMS:
        return False
    if tanpa_token:
        return True
    raise AlaskakiError(
        f"{modul} adalah uji kompetensi, dan token peserta belum dibagikan: dari folder atau zip "
        "tidak dapat dipastikan siapa yang membuat tiap file (siapa pun dapat menulis ID_PESERTA "
        "teman). Bagikan token dulu dengan `alaskaki kartu` (kartu peserta berisi token, diisi "
        f"peserta di TOKEN_PESERTA) atau `alaskaki release {modul} --pribadi` (salinan per peserta "
        "berisi ID dan token), lalu kumpulkan lagi. Bila tetap ingin mengumpulkan tanpa bukti "
        f"identitas, tambahkan --tanpa-token: hasilnya ditandai '{UNVERIFIED}' di status dan "
        "laporan.",
        exit_code=EXIT_INPUT,
    )


def held_files(workshop: Workshop, modul: str) -> list[tuple[str, Path, str, str]]:
    """Held files of ``modul``: (participant, archived path, name as found, reason)."""
    out = []
    base = workshop.archive()
    for folder in sorted(base.glob(f"*/{modul}/{HELD}")) if base.is_dir() else []:
        for path in sorted(folder.glob("*.ipynb")):
            try:
                meta = path.with_suffix(".asal.txt").read_text(encoding="utf-8")
            except OSError:
                meta = ""
            name = re.search(r"^file: (.+)$", meta, flags=re.M)
            why = re.search(r"^ditahan: (.+)$", meta, flags=re.M)
            out.append(
                (
                    folder.parent.parent.name,
                    path,
                    name.group(1) if name else path.name,
                    why.group(1) if why else "ditahan",
                )
            )
    return out


def _same_bytes(path: Path, full: str) -> bool:
    """True when the archived ``path`` holds, intact, the content whose sha256 is ``full``."""
    data = _stored(path)
    return data is not None and _digest(data) == full


def _duplicate_of(
    folder: Path, pid: str, item: Incoming, full: str, versions: list[tuple[datetime, Path]]
) -> str | None:
    """Why ``item`` is no new receipt (Indonesian, for the trainer), or None.

    Only the newest version handed in again, a version received at the very time stated again (a
    stick or an exchange record collected again) and a file already held are duplicates; an
    earlier version handed in again later is a new receipt and is installed (red team R39), the
    very copy received before is held (see the caller). Every comparison is with the bytes
    actually stored (R40)."""
    if versions and _same_bytes(versions[-1][1], full):
        return (
            f"sama persis dengan versi terbaru {pid} (diterima {_wib(versions[-1][0])}); dilewati"
        )
    for when, path in versions:
        if when == item.received and _same_bytes(path, full):
            return f"sama persis dengan versi {pid} yang diterima {_wib(when)}; dilewati"
    for path in sorted((folder / HELD).glob(f"*_{full[:12]}.ipynb")):
        if _same_bytes(path, full) and _same_copy(path, item):  # a new copy is judged anew
            return (
                f"sama persis dengan file {pid} yang sedang ditahan ({path.name}); dilewati, "
                f"terima yang ditahan dengan --pilih bila benar"
            )
    return None


def _same_copy(path: Path, item: Incoming) -> bool:
    """True when ``item`` is the very copy the archived ``path`` was received as: the same name as
    found and the same time the file claims (mtime, zip date). A new copy (saved, copied, zipped
    again) is a new hand-in; the same copy may be an old stick collected again. No record: the
    same copy (cannot be told apart)."""
    try:
        lines = set(path.with_suffix(".asal.txt").read_text(encoding="utf-8").splitlines())
    except (OSError, UnicodeDecodeError):
        return True
    claim = f"klaim berkas (tidak dipakai): {item.claimed}" if item.claimed else None
    return f"file: {item.name}" in lines and (claim is None or claim in lines)


def _unchosen_hold(pid: str, full: str, versions: list[tuple[datetime, Path]]) -> str | None:
    """A version the trainer set aside with --pilih (another one received at the same time was
    chosen) handed in again: held, the trainer's choice is never undone without him."""
    if not versions or not _chosen_at(versions[-1][1]):
        return None
    when, chosen = versions[-1]
    for other_when, path in versions[:-1]:
        if other_when == when and _same_bytes(path, full):
            return (
                f"sama persis dengan versi {pid} yang tidak Anda pilih (diterima {_wib(when)}; "
                f"Anda memilih {chosen.name}); bila {pid} memang menyerahkannya lagi sebagai "
                "versi terakhir, terima dengan --pilih"
            )
    return None


def _unreadable_hold(
    workshop: Workshop, pid: str, modul: str, item: Incoming, token_check
) -> str | None:
    """Why a file of ``pid`` that is not a readable notebook must be held, or None (then it is
    collected, graded 0 and flagged: the participant's only hand-in so far, nothing is lost)."""
    if item.pid is None and token_check(workshop, pid, None, modul):  # tokens are issued
        return (
            f"tidak terbaca sebagai notebook (kosong, terpotong atau bukan notebook), jadi "
            f"TOKEN_PESERTA {pid} tidak dapat diperiksa; tidak dipasang"
        )
    if (
        _versions(workshop, pid, modul)
        or (workshop.submitted(pid, modul) / f"{modul}.ipynb").exists()
    ):
        return (
            f"tidak terbaca sebagai notebook (kosong, terpotong atau bukan notebook); jawaban {pid} "
            "yang sudah dikumpulkan tetap dipakai"
        )
    return None


def _graded_essay_hold(workshop: Workshop, modul: str, pid: str, data: bytes) -> str | None:
    """Why a new file of a graded essay module (uji evidence the trainer scored; no `tutup`
    closes it) must wait for the trainer: its token may be read off the graded notebook lent
    afterwards (red team R35b). The very file graded is no new file."""
    from alaskaki.workshop.grading.record import read_marker

    if read_marker(workshop.root, modul, pid) is None:
        return None
    installed = workshop.submitted(pid, modul) / f"{modul}.ipynb"
    try:
        if installed.read_bytes() == data:
            return None
    except OSError:
        pass
    return (
        f"esai uji {modul} milik {pid} sudah dinilai; kiriman baru tidak dipasang sampai Anda "
        "memeriksanya (token bisa terbaca dari notebook yang dipinjamkan sesudah dinilai)"
    )


def _graded_form_hold(modul: str, pid: str, data: bytes, graded: dict[str, str]) -> str | None:
    """Why a new file of an uji form ``pid``'s sheet of this round was graded for must wait for
    the trainer, before `tutup` too (red team R48: the token can be read off the graded sheet lent
    afterwards). The very sheet graded is no new file; an earlier round's grading does not count
    (a retaker's round-2 sheet is not held for his round-1 result)."""
    judged = graded.get(pid)
    if judged is None or judged == _digest(data):
        return None
    return (
        f"uji {modul} milik {pid} sudah dinilai; kiriman baru tidak dipasang sampai Anda "
        "memeriksanya (token bisa terbaca dari lembar yang dipinjamkan sesudah dinilai)"
    )


def _choose(workshop: Workshop, modul: str, wanted: list[str], result: CollectResult) -> None:
    """Release held files the trainer chose: each moves, with its received time, into the versions."""
    from alaskaki.workshop import putaran
    from alaskaki.workshop.release import claimed_token, token_check

    held = held_files(workshop, modul)
    for want in wanted:
        w = want.replace("\\", "/").strip()
        hits = [
            h
            for h in held
            if w in (h[2], h[1].name, str(h[1]))
            or PurePosixPath(w).name.lower() == PurePosixPath(h[2]).name.lower()
        ]
        if len(hits) != 1:
            names = ", ".join(f"{h[2]} ({h[0]})" for h in held) or "tidak ada"
            raise AlaskakiError(
                f"--pilih {want}: "
                + (
                    "tidak cocok dengan file yang ditahan"
                    if not hits
                    else "cocok dengan lebih dari satu file"
                )
                + f". File yang ditahan untuk {modul}: {names}.",
                exit_code=EXIT_NOT_FOUND if not hits else EXIT_CONFLICT,
            )
        pid, path, name, _ = hits[0]
        dest = path.parent.parent
        try:
            data = path.read_bytes()
        except OSError as err:
            raise AlaskakiError(f"--pilih {want}: file {name} tidak bisa dibaca ({err}).") from err
        # A closed uji round keeps its graded file, whoever chooses (red team R26).
        closed = putaran.hold_reason(workshop.root, modul, pid, data)
        if closed:
            raise AlaskakiError(f"--pilih {want} ditolak: {closed}.", exit_code=EXIT_CONFLICT)
        # Whatever it was held for, its token is checked now: a file held for its name whose
        # token is not this participant's is accepted on the trainer's word only (R25).
        nb = _load(data)
        token_hold = token_check(workshop, pid, claimed_token(nb) if nb else None, modul)
        if token_hold and nb is None:  # not a notebook (R38): no token to check, it proves nothing
            token_hold = "tidak terbaca sebagai notebook, TOKEN_PESERTA tidak dapat diperiksa"
        # Recorded first: at a received time equal to another version's, the chosen one counts.
        side = path.with_suffix(".asal.txt")
        try:
            meta = side.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            meta = f"file: {name}\n"
        extra = f"dipilih: {_now().strftime(TS_FORMAT)}\n"
        if (token_hold or "TOKEN_PESERTA" in hits[0][3]) and f"identitas: {UNVERIFIED}" not in meta:
            # Accepted by the trainer's word: the token proved nothing.
            why = token_hold or "token tidak cocok"
            extra += f"identitas: {UNVERIFIED} ({why}; diterima pelatih dengan --pilih)\n"
        _write_atomic(side, (meta + extra).encode("utf-8"))
        # The notebook first: from that instant it is a received version (its name carries the
        # time); sidecars left behind by an interruption are moved by the next reconcile.
        os.replace(path, dest / path.name)
        _step("pilih.sidecar")
        _move_sidecars(path.parent, dest)
        result.chosen.append(
            f"{name} ({pid}; {UNVERIFIED}: {token_hold})" if token_hold else f"{name} ({pid})"
        )


# --------------------------------------------------------------------------------------------
# The exchange (hub): the OS user owning a submission is its identity, the inode time its time
# --------------------------------------------------------------------------------------------


def _owner(path: Path) -> str | None:
    try:
        return pwd.getpwuid(os.lstat(path).st_uid).pw_name
    except (KeyError, OSError):
        return None


def _from_exchange(workshop: Workshop, modul: str, lim: limits_mod.Limits):
    """Every submission of ``modul`` in nbgrader's inbound folder, with its owner and server time.

    nbgrader's own collect takes only the newest record per *claimed* name and time (both written
    by the participant's process) and only warns when the owner differs (``check_owner``). Here
    every record is read: the owner must be the participant it names, every file in it must be
    theirs, and the received time is the latest inode change time in it (set by the server's
    kernel; its owner can move it later, never earlier).
    """
    from alaskaki.workshop import exchange

    exchange.check(workshop, modul)  # never another batch's submissions (issue 14)
    cfg = workshop.config()
    root = Path(cfg.Exchange.root)
    inbound = root / workshop.course_id / "inbound"
    if not inbound.is_dir():
        raise AlaskakiError(
            f"Folder exchange {inbound} tidak ada: modul belum pernah dirilis ke exchange?",
            exit_code=EXIT_NOT_FOUND,
        )
    exchange.claim(workshop)
    for rec in sorted(inbound.iterdir()):
        parts = rec.name.rsplit("+", 3)
        if len(parts) < 3 or parts[1] != modul:
            continue
        claimed_user = parts[0]
        label = f"exchange/{rec.name}"
        st = os.lstat(rec)
        if not stat.S_ISDIR(st.st_mode):
            yield Skipped(label, "bukan folder kiriman nbgrader: tidak dibuka")
            continue
        owner = _owner(rec)
        if owner != claimed_user:
            yield Skipped(
                label,
                f"dikirim oleh akun {owner or st.st_uid} atas nama {claimed_user}: ditolak "
                "(identitas di server adalah akun Linux pengirim)",
            )
            continue
        entries = [rec, *sorted(rec.rglob("*"))]
        bad = [p for p in entries if os.lstat(p).st_uid != st.st_uid]
        if bad:
            yield Skipped(
                label,
                f"berisi berkas milik akun lain ({bad[0].name}, akun {_owner(bad[0])}): ditolak",
            )
            continue
        links = [p for p in entries if stat.S_ISLNK(os.lstat(p).st_mode)]
        if links:
            yield Skipped(label, f"berisi tautan (symlink) {links[0].name}: ditolak")
            continue
        received = max(datetime.fromtimestamp(os.lstat(p).st_ctime, UTC) for p in entries)
        # Read what was checked, never what a link swapped in since (red team R77: the record is
        # its owner's, so he can replace the notebook, or the record, by a symlink to the trainer's
        # source/ between the checks above and the read): the record and the file are opened
        # without following links, and the open file must be his regular file.
        data, why = _read_own(rec, f"{modul}.ipynb", st, lim)
        if why:
            yield Skipped(label, why)
            continue
        secret, odd = _secret(rec / "submission_secret.txt")
        if odd:
            yield Skipped(label, f"submission_secret.txt {odd}: ditolak")
            continue
        claimed_ts = parts[2] if len(parts) > 2 else ""
        yield Incoming(
            f"{claimed_user}/{modul}.ipynb ({label})",
            data,
            received.replace(tzinfo=None),
            secret,
            claimed=f"waktu kirim menurut nbgrader {claimed_ts}",
            pid=claimed_user,
        )


def _read_own(
    rec: Path, name: str, st: os.stat_result, lim: limits_mod.Limits
) -> tuple[bytes, str | None]:
    """(bytes of ``rec/name``, None) or (b"", why it is refused): ``rec`` must still be the
    directory lstat'ed as ``st`` and ``name`` a regular file of the same owner, neither a link."""
    try:
        dfd = os.open(rec, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        return b"", "berubah menjadi tautan (symlink) atau hilang saat dibaca: ditolak"
    try:
        dst = os.fstat(dfd)
        if (dst.st_dev, dst.st_ino, dst.st_uid) != (st.st_dev, st.st_ino, st.st_uid):
            return b"", "diganti folder lain saat dibaca: ditolak"
        try:
            fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=dfd)
        except FileNotFoundError:
            return b"", f"tidak berisi {name}"
        except OSError:
            return b"", f"{name} berupa tautan (symlink) atau tidak dapat dibuka: ditolak"
        with os.fdopen(fd, "rb") as fh:
            fst = os.fstat(fh.fileno())
            if not stat.S_ISREG(fst.st_mode) or fst.st_uid != st.st_uid:
                return b"", f"{name} bukan berkas milik pengirim: ditolak"
            if fst.st_size > lim.notebook_bytes:
                return b"", _too_big(fst.st_size, lim)
            data = fh.read(lim.notebook_bytes + 1)
        if len(data) > lim.notebook_bytes:
            return b"", _too_big(len(data), lim)
        return data, None
    finally:
        os.close(dfd)


#: nbgrader writes a short random hex string; anything longer is not its secret
_SECRET_MAX = 256


def _secret(path: Path) -> tuple[str | None, str | None]:
    """(nbgrader's feedback secret of an exchange record, or None; why it is refused, or None).
    The file is the participant's own (red team R73: two bytes that are no UTF-8 stopped the whole
    collect; a sparse file of gigabytes was read whole): read at most a little, printable ASCII."""
    if not path.is_file():
        return None, None
    try:
        with open(path, "rb") as fh:
            raw = fh.read(_SECRET_MAX + 1)
    except OSError as err:
        return None, f"tidak dapat dibaca ({err.strerror or err})"
    text = raw.strip()
    if len(raw) > _SECRET_MAX or not all(0x21 <= b < 0x7F for b in text):
        return None, "bukan kode rahasia nbgrader (terlalu panjang atau berisi karakter aneh)"
    return text.decode("ascii") or None, None


# --------------------------------------------------------------------------------------------
# collect_module
# --------------------------------------------------------------------------------------------


def _inside(child: Path, parent: Path) -> bool:
    return child == parent or parent in child.parents


def _check_source(workshop: Workshop, src: Path) -> None:
    real = src.resolve()
    root = workshop.root.resolve()
    inbox = root / INBOX_DIR  # the one folder inside a workshop that may be a source (demo)
    if _inside(real, root) and not _inside(real, inbox) or (real != root and _inside(root, real)):
        raise AlaskakiError(
            f"{src} ada di dalam (atau memuat) folder lokakarya {workshop.root}. Kumpulkan dari "
            "folder atau zip di luar folder lokakarya (mis. flashdisk), bukan dari hasil kerja "
            "kit sendiri (submitted/, autograded/, arsip/).",
            exit_code=EXIT_INPUT,
        )


def collect_module(
    workshop: Workshop,
    modul: str,
    *,
    source: str | Path | None = None,
    received: datetime | str | None = None,
    choose: list[str] | None = None,
    tanpa_token: bool = False,
) -> CollectResult:
    """:func:`_collect_module` under the workshop's writer lock (a `tutup` or `grade` never runs
    between its checks and its installs, R45)."""
    from alaskaki.workshop.lock import writer_lock

    with writer_lock(workshop.root, f"collect {modul}"):
        return _collect_module(
            workshop,
            modul,
            source=source,
            received=received,
            choose=choose,
            tanpa_token=tanpa_token,
        )


def _collect_module(
    workshop: Workshop,
    modul: str,
    *,
    source: str | Path | None = None,
    received: datetime | str | None = None,
    choose: list[str] | None = None,
    tanpa_token: bool = False,
) -> CollectResult:
    """Collect ``modul`` from a folder or zip (``source``) or, on a hub, from nbgrader's exchange.

    ``received``: the time the trainer states for this batch (naive UTC, or text in WIB like
    ``2026-12-01 16:55``); default the clock of this run. ``choose``: held files to release.
    ``tanpa_token``: collect an uji form from a folder or zip although no tokens were issued
    (refused otherwise); its files are marked :data:`UNVERIFIED`.
    """
    from alaskaki.exercises.asesmen import FORMS
    from alaskaki.workshop import putaran
    from alaskaki.workshop.release import (
        claimed_token,
        parse_due,
        shared_uji_token_note,
        token_check,
        tokens_issued,
        uji_modules,
        uses_exchange,
    )

    workshop.require_module(modul)
    ids = workshop.participant_ids()
    if not ids:
        raise AlaskakiError(
            "Daftar peserta masih kosong. Impor dulu: `alaskaki roster import FILE`.",
            exit_code=EXIT_NOT_FOUND,
        )
    when = parse_due(received) if isinstance(received, str) else received
    when = when or _now()
    lim = limits_mod.for_workshop(workshop.root)
    result = CollectResult(modul)
    items: list[Incoming | Skipped] = []
    if source is None and not choose:
        if not uses_exchange(workshop):
            raise AlaskakiError(
                "Sebutkan dari mana file dikumpulkan: `alaskaki collect MODUL --from FOLDER_ATAU_ZIP`.",
                exit_code=EXIT_INPUT,
            )
        items = list(_from_exchange(workshop, modul, lim))
    elif source is not None:
        src = Path(source)
        if not src.exists():
            raise AlaskakiError(
                f"Folder atau file zip {src} tidak ditemukan.", exit_code=EXIT_NOT_FOUND
            )
        _check_source(workshop, src)
        unverified = _require_tokens(workshop, modul, tanpa_token)
        if tokens_issued(workshop):
            old_cards = shared_uji_token_note(workshop, modul)  # one token opens both: say so
            if old_cards:
                result.notes.append(old_cards)
        if src.is_dir():
            items = list(_iter_folder(src, when, lim))
        elif src.is_file():
            items = list(_iter_zip(src, when, lim))
        else:
            raise AlaskakiError(f"{src} bukan folder atau file zip biasa.", exit_code=EXIT_INPUT)
        if not items:
            raise AlaskakiError(
                f"Tidak ada file notebook (.ipynb) di {source}: tidak ada yang dikumpulkan.",
                exit_code=EXIT_INPUT,
            )
        for item in items:
            if isinstance(item, Incoming):
                item.unverified = unverified
        if unverified:
            result.notes.append(
                f"{modul} dikumpulkan tanpa token (--tanpa-token): {UNVERIFIED}; "
                "tercatat di arsip dan ditampilkan di status dan laporan"
            )
    from alaskaki.workshop.course import kit_modules

    all_modules = sorted(set(workshop.modules()) | set(kit_modules()))
    essays = set(uji_modules(workshop)) - set(FORMS)  # uji evidence that has no round to close
    known = _module_grade_ids(workshop, all_modules)
    accepted: dict[str, list[tuple[Incoming, str | None]]] = {}
    graded_forms: dict[str, str] | None = None  # {pid: sha graded} of this round's uji form
    for item in items:
        if isinstance(item, Skipped):
            result.skipped.append(item)
            continue
        nb = _load(item.data)
        # Content first: a notebook of another module is refused for this one, whatever its name.
        owner_mod = content_module(nb, known) if nb else None
        named = _named_modules(item.name, all_modules)
        if owner_mod is not None and owner_mod != modul:
            if named and modul not in named:
                why = f"untuk modul lain ({owner_mod})"
            else:  # named (or taken) as this module, but it is another module's notebook
                why = f"{WRONG_MODULE} {owner_mod}, bukan {modul}"
            result.skipped.append(Skipped(item.name, why))
            continue
        if owner_mod is None and named and modul not in named:
            result.skipped.append(
                Skipped(item.name, f"untuk modul lain (nama berkas: {', '.join(sorted(named))})")
            )
            continue
        if nb is not None:
            problem = limits_mod.notebook_problem(None, nb, lim)
            if problem:
                result.skipped.append(Skipped(item.name, problem))
                continue
        note = None
        if nb is None:
            note = "tidak terbaca sebagai notebook; tetap dikumpulkan (dinilai 0 dan ditandai)"
        elif item.pid is None and not item.name.lower().endswith(".ipynb"):
            # (an exchange item is nbgrader's own <modul>.ipynb; its name carries the record's label)
            note = "nama berakhiran selain .ipynb (unduhan peramban); dikumpulkan sebagai notebook"
        if item.pid is not None and item.pid not in ids:
            result.skipped.append(Skipped(item.name, "peserta tidak ada di daftar peserta"))
            continue
        pid, named_by = _named_by(item.name, ids, all_modules)
        if item.pid is not None:
            pid, named_by = item.pid, f"akun pengirim {item.pid}"
        hold = None
        content_id = claimed_id(nb) if nb else None
        if content_id is not None and content_id.lower() in UNFILLED_IDS:
            content_id = None
        by_content = next((i for i in ids if content_id and i.lower() == content_id.lower()), None)
        if pid is None:
            if by_content is None:
                why = "peserta tidak ada di daftar peserta"
                if content_id:
                    why += f" (nama berkas tidak memuat ID; ID_PESERTA di dalamnya '{content_id}')"
                result.skipped.append(Skipped(item.name, why))
                continue
            pid = by_content
            hold = f"nama berkas tidak memuat ID peserta; ID_PESERTA di dalamnya '{content_id}'"
        elif content_id is not None and by_content != pid:
            hold = f"{named_by} menunjuk {pid}, tetapi ID_PESERTA di dalamnya '{content_id}'"
        if hold is None and item.pid is None:
            # A roster id as a folder that disagrees with the file name (p04's zip holding
            # C:\Users\p04\p02_m3.ipynb): someone may be handing in for another; the trainer decides.
            other = _folder_id(item.name, ids)
            if other is not None and other != pid:
                hold = f"{named_by} menunjuk {pid}, tetapi folder {other} menunjuk {other}"
        if hold is None and item.pid is None and nb is not None:
            hold = token_check(workshop, pid, claimed_token(nb), modul)
        if hold is None and nb is None:
            # Not a notebook (empty, `{}`, cut, text): no token and no ID can be read from it, so
            # who made it cannot be checked; a check that cannot be done has failed (red team R38)
            # and such a file never replaces work already collected.
            hold = _unreadable_hold(workshop, pid, modul, item, token_check)
        # A closed uji round keeps its graded file (R5c, workshop/putaran.py). Its reason comes
        # first: no --pilih releases such a file, whatever else held it (R26).
        closed = putaran.hold_reason(workshop.root, modul, pid, item.data)
        if closed:
            hold = closed + (f" (juga: {hold})" if hold else "")
        if hold is None and modul in essays:
            hold = _graded_essay_hold(workshop, modul, pid, item.data)
        if hold is None and modul in FORMS:
            if graded_forms is None:
                graded_forms = putaran._graded(workshop, modul)  # this round's form only
            hold = _graded_form_hold(modul, pid, item.data, graded_forms)
        accepted.setdefault(pid, []).append((item, hold))
        if note and hold is None:
            result.notes.append(f"{item.name} (untuk {pid}): {note}")
    for pid, got in sorted(accepted.items()):
        # A file is received now unless it is the newest version again, a version received at
        # this same time (the same stick or exchange record collected again) or a held file.
        fresh: list[tuple[Incoming, str | None]] = []
        seen: set[tuple[str, datetime]] = set()
        folder = archive_dir(workshop, pid, modul)
        for item, hold in got:
            full = _digest(item.data)
            try:
                repaired = _repair(folder, item.data) + _repair(folder / HELD, item.data)
            except OSError as err:
                result.failed.append(_not_archived(pid, modul, item, err))
                continue
            for fixed in repaired:
                result.notes.append(
                    f"{item.name} (untuk {pid}): arsip {fixed.name} rusak (terpotong, mis. listrik "
                    "padam) dan diperbaiki dengan file ini (isinya sama persis)"
                )
            versions = _versions(workshop, pid, modul)
            same = _duplicate_of(folder, pid, item, full, versions)
            if same is None and (full, item.received) in seen:
                same = "sama persis dengan file lain di kiriman ini"
            if same is not None:
                result.duplicates.append(item.name)
                result.duplicate_reasons.append(f"{item.name} (untuk {pid}): {same}")
                continue
            hold = hold or _unchosen_hold(pid, full, versions)
            earlier = [(when, path) for when, path in versions if _same_bytes(path, full)]
            if earlier and hold is None:
                # An earlier version arriving again: an old stick (or a fresh copy of it, R58)
                # collected again, or the participant going back to it? Never decided silently.
                newest = versions[-1][0]
                if item.received <= newest and any(_same_copy(p, item) for _, p in earlier):
                    result.duplicates.append(item.name)
                    result.duplicate_reasons.append(
                        f"{item.name} (untuk {pid}): berkas yang sama (isi, nama dan waktu "
                        f"berkas) dengan versi {pid} yang diterima {_wib(earlier[-1][0])}; "
                        "dilewati"
                    )
                    continue
                if item.received > newest:
                    hold = (
                        f"sama persis dengan versi {pid} yang diterima {_wib(earlier[-1][0])}, "
                        f"bukan versi terbaru ({_wib(newest)}): bila ini flashdisk lama (atau "
                        f"salinannya) yang dikumpulkan lagi, biarkan; bila {pid} memang "
                        "menyerahkannya lagi sebagai versi terakhir, terima dengan --pilih"
                    )
            seen.add((full, item.received))
            fresh.append((item, hold))
        # On the exchange every submission is its own received version (server time); offline,
        # two different new files in one batch cannot be told apart by time: the trainer chooses.
        offline = [x for x in fresh if x[0].pid is None]
        if len(offline) > 1:
            names = ", ".join(i.name for i, _ in offline)
            why = f"{len(offline)} file berbeda untuk {pid} dalam satu pengumpulan ({names}); pilih satu"
            fresh = [(i, h or (why if i.pid is None else None)) for i, h in fresh]
        same_time = {when for when, _ in _versions(workshop, pid, modul)}
        for item, hold in fresh:
            if hold is None and item.pid is None and item.received in same_time:
                # Another run stated the same time (two USB sticks handed in at the deadline):
                # which file is the later one cannot be told, so the trainer chooses.
                hold = (
                    "diterima pada waktu yang sama dengan versi lain yang sudah dikumpulkan "
                    f"({_wib(item.received)}); pilih satu"
                )
            try:
                path, _ = _archive(workshop, pid, modul, item, held=hold)
            except OSError as err:
                result.failed.append(_not_archived(pid, modul, item, err))
                continue
            if hold:
                result.held.append(Held(pid, item.name, path.name, hold))
            else:
                result.collected[pid] = path.name
    if choose:
        _choose(workshop, modul, choose, result)
    # Archive first, install last: whatever this run or an interrupted earlier one archived, the
    # reconcile installs the newest received version of each participant (issue 13 req. 4), so
    # a run cut off anywhere above is completed by the next one.
    not_installed: dict[str, str] = {}
    result.installed = reconcile(workshop, modul, result.notes, not_installed)
    result.failed += not_installed.values()
    for pid in result.collected:
        if pid not in result.installed and pid not in not_installed:
            result.older.append(pid)
    if source is not None and not any(isinstance(i, Incoming) for i in items):
        raise AlaskakiError(
            f"Tidak ada file notebook (.ipynb) di {source}: tidak ada yang dikumpulkan.\n"
            + "\n".join(f"  {s}" for s in result.skipped),
            exit_code=EXIT_INPUT,
        )
    if result.failed:
        raise CollectIncomplete(result)
    return result
