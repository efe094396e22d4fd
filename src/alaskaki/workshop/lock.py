"""One lock for everything that writes a workshop folder or its gradebook (issue 14, R45).

Two trainers may share a workshop (a hub server, or one laptop with two terminals). Without a lock
`tutup` could close a round while `grade` or `collect` was half-way through it, `collect` could
install a sheet while `grade` recorded the one before, `ulang`/`pulihkan`/`release`/`roster import`
could change what another command was reading. Every writer (release, collect, grade, feedback,
tutup, ulang, pulihkan, roster import, init on an existing folder, kartu, cetak's print marker,
hub) takes :func:`writer_lock`; readers (status, report, dashboard) never do, so a trainer can
always look at a workshop while it is being graded.

Design (docs/architecture.md, "The workshop folder's files"):

* an OS advisory lock, ``fcntl.flock`` on the workshop folder itself and on
  :data:`alaskaki.folder.LOCK_FILE` in it. The kernel drops it when the holder's last descriptor
  closes, which includes the process dying in any way (power cut, ``kill -9``, Ctrl-C, a closed
  terminal): there is never a stale lock a trainer has to find and delete by hand. The folder's
  own lock cannot be deleted, replaced or made a folder under a running holder (a worried
  trainer's ``rm .sedang-dipakai``, ``rsync --delete`` from a copy: red team R83); the file's
  lock serves where a folder cannot be locked (NFS locks only descriptors open for writing) and
  kit versions that locked only the file. The file's content is only a note of who holds it; a
  note left by a dead holder means nothing, since the lock is free. A reader's side write (a
  backup ``status`` makes) notes that it is a reader, so a second reader is not told that the
  workshop is being changed (R84).
* reentrant within one process, whatever the thread: ``grade`` calls helpers that take it too,
  tests call library functions inside others (and a test's fault hook runs another command inside
  a running one, on purpose). ``flock`` itself would deadlock there: a second open of the file in
  the same process is another lock owner.
* the descriptor is not inherited by programs the command starts (the grading sandbox, a kernel):
  a sandbox left running after its parent died must not keep the workshop locked.
* a second writer waits up to :data:`WAIT_SECONDS` (env ``ALASKAKI_LOCK_WAIT`` overrides), which
  is kind to a co-trainer's quick `collect` or `tutup`; then it is refused with one Indonesian
  sentence naming the holder (command, pid, user, since when) and what to do.
* where no lock can be had (a read-only folder or disk, a file system without ``flock``) the
  command runs as it did before the lock existed, unlocked: it then fails with the clear message
  the kit already gives for a read-only folder, or, on a network disk without locks, works as
  before. Never a new traceback.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import functools
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from alaskaki.errors import EXIT_CONFLICT, AlaskakiError
from alaskaki.folder import CONFIG_FILE, LOCK_FILE, META_FILE

WAIT_SECONDS = 5.0  # a co-trainer's quick collect ends within it; grade does not (refused then)
WAIT_ENV = "ALASKAKI_LOCK_WAIT"
_POLL = 0.1
# flock is refused by some network and FUSE file systems: the command runs unlocked, as before
# (NFS emulates it with byte-range locks, which need a descriptor open for writing: EBADF)
_NO_LOCKS = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EINVAL, errno.ENOSYS, errno.EBADF}


class WorkshopBusy(AlaskakiError):
    """Another process holds the workshop's writer lock (the message names it)."""


class _Held:
    def __init__(self, fds: list[int], note: int | None, path: Path):
        self.fds = fds  # locked descriptors: the folder's and the lock file's, where each could be
        self.note = note  # the lock file's descriptor (among fds), written with the holder's note
        self.path = path
        self.depth = 0


_registry: dict[tuple[int, int], _Held] = {}
_registry_guard = threading.RLock()


def lock_file(root: str | Path) -> Path:
    return Path(root) / LOCK_FILE


def _wait_seconds(wait: float | None) -> float:
    if wait is not None:
        return max(0.0, wait)
    try:
        return max(0.0, float(os.environ.get(WAIT_ENV, WAIT_SECONDS)))
    except ValueError:
        return WAIT_SECONDS


def _open(path: Path) -> int | None:
    """A descriptor to flock, or None when the folder cannot hold a lock (read-only, no rights)."""
    flags = os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | flags, 0o664)
    except OSError:
        pass
    else:
        _give_to_folder_owner(fd, path)
        return fd
    try:  # flock needs no write access: a co-trainer without it still waits for the holder
        return os.open(path, os.O_RDONLY | flags)
    except OSError:
        return None


def _give_to_folder_owner(fd: int, path: Path) -> None:
    """A lock file root made or holds (`sudo alaskaki release`) belongs to the folder's owner: a
    root-owned 0644 file left the trainer's own commands unable to write their note, so a second
    command was told "perintah alaskaki lain" instead of who holds the folder (red team R91)."""
    if os.geteuid() != 0:
        return
    with contextlib.suppress(OSError):
        folder = os.stat(path.parent)
        if folder.st_uid != 0 and os.fstat(fd).st_uid == 0:
            os.fchown(fd, folder.st_uid, folder.st_gid)


def _open_folder(root: Path) -> int | None:
    """A descriptor of the workshop folder itself, to flock (None when it cannot be opened)."""
    try:
        return os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return None


def _user() -> str:
    try:
        import pwd

        return pwd.getpwuid(os.geteuid()).pw_name
    except (ImportError, KeyError, OSError):
        return str(os.geteuid())


def _write_note(fd: int, command: str, reader: bool = False) -> None:
    note = {
        "command": f"alaskaki {command}",
        "pid": os.getpid(),
        "started": datetime.now().astimezone().isoformat(timespec="seconds"),
        "user": _user(),
        "host": socket.gethostname(),
    }
    if reader:  # a reader's side write: it changes nothing a reader shows (R84)
        note["pembaca"] = True
    # best effort: a read-only descriptor or a full disk leaves the lock held, the note empty
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
        os.pwrite(fd, (json.dumps(note, ensure_ascii=False) + "\n").encode("utf-8"), 0)


def holder(root: str | Path) -> dict | None:
    """The note of the command holding ``root``'s lock, or None (free, unreadable, or stale)."""
    try:
        data = json.loads(lock_file(root).read_bytes().decode("utf-8") or "null")
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("pid"), int):
        return None
    if data.get("host") in (None, socket.gethostname()):
        try:
            os.kill(data["pid"], 0)
        except ProcessLookupError:  # the note of a holder that died; someone else holds it now
            return None
        except OSError:  # alive, another user's process
            pass
    return data


def _since(started: object) -> str:
    try:
        when = datetime.fromisoformat(str(started)).astimezone()
    except ValueError:
        return ""
    today = datetime.now().astimezone().date()
    return when.strftime("%H:%M" if when.date() == today else "%Y-%m-%d %H:%M")


def _who(note: dict | None) -> str:
    """The holder as a trainer reads it: `alaskaki grade m3` (pid 4242, pengguna budi, sejak 14:05)."""
    if note is None:
        return "perintah alaskaki lain"
    parts = [f"pid {note['pid']}"]
    if note.get("user"):
        parts.append(f"pengguna {note['user']}")
    if note.get("host") and note["host"] != socket.gethostname():
        parts.append(f"komputer {note['host']}")
    if _since(note.get("started")):
        parts.append(f"sejak {_since(note.get('started'))}")
    return f"`{note.get('command') or 'alaskaki'}` ({', '.join(parts)})"


def busy_message(root: Path, command: str) -> str:
    """One sentence: who writes the workshop now, and what the second trainer does."""
    who = _who(holder(root))
    with contextlib.suppress(OSError):
        root = root.resolve()  # `--workshop .` names the folder the trainer knows
    return (
        f"Lokakarya {root} sedang dipakai {who}; tunggu sampai perintah itu selesai, lalu "
        f"jalankan lagi `alaskaki {command}`."
    )


def running_writer(root: str | Path) -> str | None:
    """For a reader (status, report): one sentence saying another process is writing ``root``
    now, so what it shows may still change; None when nobody else writes it."""
    with unless_busy(root, "status") as free:
        if free:
            return None
    note = holder(root)
    if note is not None and note.get("pembaca") is True:
        return None  # another reader's backup (status, the formgrader's server): nothing changes
    return (
        f"{_who(holder(root))} sedang mengubah lokakarya ini, jadi hasil di bawah bisa berubah; "
        "lihat lagi sesudah perintah itu selesai."
    )


def _acquire(fd: int, root: Path, command: str, deadline: float) -> bool:
    """True when locked, False when the file system has no locks; raises when someone holds it."""
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise WorkshopBusy(busy_message(root, command), exit_code=EXIT_CONFLICT) from None
            time.sleep(_POLL)
        except OSError as err:
            if err.errno in _NO_LOCKS:
                return False
            raise


@contextlib.contextmanager
def writer_lock(
    root: str | Path, command: str, *, wait: float | None = None, reader: bool = False
) -> Iterator[None]:
    """Hold the workshop ``root``'s writer lock for the block (reentrant within this process).

    ``command`` is what the trainer typed after ``alaskaki`` (e.g. ``"grade m3"``): it is written
    into the lock file for a second writer's message, and named in this one's when refused.
    A folder that does not exist yet, or is not a workshop, is not locked (the command reports it).
    ``reader``: a reader's side write (:func:`unless_busy`), noted as such.
    """
    root = Path(root)
    try:
        st = os.stat(root)
    except OSError:
        yield
        return
    key = (st.st_dev, st.st_ino)
    # the guard is held while taking the flock: two threads of one process never open the file
    # twice (a second open description would wait for the first, its own process, and be refused)
    with _registry_guard:
        held = _registry.get(key)
        if held is not None:
            held.depth += 1
        elif (root / META_FILE).is_file() or (root / CONFIG_FILE).is_file():
            held = _registry[key] = _take(root, command, wait, reader)
    if held is None:
        yield
        return
    try:
        yield
    finally:
        _release(key, held)


def _take(root: Path, command: str, wait: float | None, reader: bool = False) -> _Held:
    # the folder first, then the file, in every process: no two writers wait for each other
    deadline = time.monotonic() + _wait_seconds(wait)
    fds: list[int] = []
    note = None
    try:
        for fd, is_file in ((_open_folder(root), False), (_open(lock_file(root)), True)):
            if fd is None:
                continue
            try:
                locked_now = _acquire(fd, root, command, deadline)
            except BaseException:
                os.close(fd)
                raise
            if not locked_now:
                os.close(fd)
                continue
            fds.append(fd)
            if is_file:
                note = fd
    except BaseException:
        for fd in fds:
            os.close(fd)
        raise
    if note is not None:
        _write_note(note, command, reader)
    held = _Held(fds, note, lock_file(root))
    held.depth = 1
    return held


def _release(key: tuple[int, int], held: _Held) -> None:
    with _registry_guard:
        held.depth -= 1
        if held.depth > 0:
            return
        if _registry.get(key) is held:
            del _registry[key]
    if held.note is not None:
        with contextlib.suppress(OSError):
            os.ftruncate(held.note, 0)  # the note goes with the lock; a kill leaves a stale note
    for fd in reversed(held.fds):
        os.close(fd)  # closing drops the flock


@contextlib.contextmanager
def unless_busy(root: str | Path, command: str) -> Iterator[bool]:
    """The writer lock when it is free now (True), else nothing (False), never waiting: for a
    side write a reader makes that the running writer makes anyway (a backup of manual grades,
    which the writer's own backup at its end covers)."""
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(writer_lock(root, command, wait=0, reader=True))
        except WorkshopBusy:
            yield False
            return
        yield True


def locked(command: str):
    """Decorator: run the function under the writer lock of the workshop that is its first
    argument (a :class:`~alaskaki.folder.Folder` or a folder path). ``command`` may hold
    ``{modul}``, filled from the second argument (or ``modul=``)."""

    def wrap(fn):
        @functools.wraps(fn)
        def run(first, *args, **kwargs):
            modul = args[0] if args and isinstance(args[0], str) else kwargs.get("modul")
            name = command.format(modul=modul or "").strip()
            with writer_lock(getattr(first, "root", first), name):
                return fn(first, *args, **kwargs)

        return run

    return wrap


def holds(root: str | Path) -> bool:
    """True when this process holds ``root``'s writer lock (for tests and assertions)."""
    try:
        st = os.stat(root)
    except OSError:
        return False
    with _registry_guard:
        return (st.st_dev, st.st_ino) in _registry
