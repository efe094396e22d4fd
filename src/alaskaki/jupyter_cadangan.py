"""Jupyter server extension: the gradebook is backed up while the trainer grades in the formgrader.

Manual grades (rubric points typed in nbgrader's formgrader) exist only in the gradebook, and the
formgrader is not an alaskaki command, so no command's backup covers them until the next one runs.
This extension, loaded in the trainer's Jupyter server (the hub's trainer server, ``make lab``),
backs the gradebook up when the server starts and then every few minutes, each time only when it
changed outside alaskaki since the last backup (:meth:`alaskaki.folder.Folder.backup_if_changed`).

The workshop is the server's nbgrader course root (``CourseDirectory.root``), else its root
folder, else the current folder; a server opened anywhere else (a participant's) does nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

INTERVAL_ENV = "ALASKAKI_CADANGAN_DETIK"
DEFAULT_INTERVAL = 300  # seconds: at most five minutes of manual grading at risk
DOING = "nilai manual formgrader"


def _jupyter_server_extension_points():
    return [{"module": "alaskaki.jupyter_cadangan"}]


def workshop_root(candidates: list[str | Path | None]) -> Path | None:
    """The first candidate folder that is an alaskaki workshop, or None."""
    from alaskaki.folder import CONFIG_FILE, META_FILE

    for c in candidates:
        if not c:
            continue
        p = Path(c).expanduser()
        if (p / CONFIG_FILE).is_file() and (p / META_FILE).is_file():
            return p.resolve()
    return None


def interval() -> int:
    try:
        n = int(os.environ.get(INTERVAL_ENV, DEFAULT_INTERVAL))
    except ValueError:
        return DEFAULT_INTERVAL
    return n if n > 0 else DEFAULT_INTERVAL


def backup_now(root: Path, log=None):
    """One check: a backup when the gradebook changed since the last one. Never raises."""
    from alaskaki.folder import Folder

    try:
        made = Folder(root).backup_if_changed(DOING)
    except Exception as err:  # the server keeps running; the trainer sees it in the log
        if log is not None:
            log.warning("alaskaki: buku nilai %s tidak dicadangkan: %s", root, err)
        return None
    if made is not None and log is not None:
        log.info("alaskaki: buku nilai dicadangkan ke %s", made.path)
    return made


def _load_jupyter_server_extension(serverapp) -> None:
    course_root = None
    try:
        course_root = serverapp.config.CourseDirectory.get("root")
    except Exception:
        course_root = None
    root = workshop_root([course_root, getattr(serverapp, "root_dir", None), os.getcwd()])
    if root is None:
        return

    from tornado.ioloop import PeriodicCallback

    log = serverapp.log

    def tick() -> None:
        # SQLite's backup API may wait for a formgrader write: off the server's event loop
        serverapp.io_loop.run_in_executor(None, backup_now, root, log)

    serverapp.io_loop.add_callback(tick)  # when the formgrader starts
    PeriodicCallback(tick, interval() * 1000).start()
    log.info("alaskaki: buku nilai %s dicadangkan bila berubah, tiap %d detik", root, interval())
