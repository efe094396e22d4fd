"""Writing one report file whole, or not at all.

A report is written beside its final name (``.<name>.tmp``) and renamed into place, so a reader
(the reviewer opening ``laporan-kompetensi.html``, a script reading the JSON) never sees half a
file, and an older report stays as it was. When the disk is full, read-only or the folder not
writable, the temporary file is removed (a full disk stays as full as it was, no ``.tmp`` left for
the trainer to find) and the error becomes one Indonesian sentence naming the report file: an
OSError raised by ``write()`` carries no file name, so the CLI alone could not name it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path

from alaskaki.errors import from_os_error

DOING = "membuat laporan"  # the CLI's word for `report` (cli.DOING)
# the option the trainer chose the output folder with (``report --out``), while one is in use: a
# read-only or forbidden folder is then fixed by choosing another, not by moving the workshop
_CHOSEN_WITH: ContextVar[str | None] = ContextVar("alaskaki_report_out", default=None)


@contextlib.contextmanager
def chosen_with(option: str | None) -> Iterator[None]:
    """Reports written inside go to a folder chosen with ``option`` (None: the workshop's own)."""
    token = _CHOSEN_WITH.set(option)
    try:
        yield
    finally:
        _CHOSEN_WITH.reset(token)


def temporary(path: Path) -> Path:
    """Where ``path`` is written before it is renamed into place."""
    return path.with_name(f".{path.name}.tmp")


@contextlib.contextmanager
def written(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path to write ``path``'s content to; renamed to ``path`` at the end.

    On any failure the temporary file is removed; an OSError is raised again as the kit's
    one-sentence error naming ``path``.
    """
    path = Path(path)
    tmp = temporary(path)
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise from_os_error(exc, doing=DOING, path=path, option=_CHOSEN_WITH.get()) from exc
        raise


def write_text(path: str | Path, text: str) -> Path:
    """``path`` with ``text`` (UTF-8), written whole or not at all."""
    with written(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)
