"""Release a module: nbgrader's generate_assignment (solutions and hidden tests removed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alaskaki.errors import EXIT_ERROR, AlaskakiError
from alaskaki.workshop.course import Workshop


@dataclass(frozen=True)
class Release:
    modul: str
    notebook: Path
    due: datetime | None
    exchange: bool


def parse_due(text: str | None) -> datetime | None:
    """Parse a due date like ``2026-12-01 17:00`` (local WIB, UTC+7) into naive UTC as nbgrader stores it."""
    if not text:
        return None
    from datetime import timedelta, timezone

    try:
        dt = datetime.fromisoformat(text.strip())
    except ValueError:
        raise AlaskakiError(
            f"Batas waktu {text!r} tidak dapat dibaca. Tulis seperti 2026-12-01 17:00 (waktu WIB).",
        ) from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone(timedelta(hours=7)))  # Mojokerto is on WIB
    return dt.astimezone(UTC).replace(tzinfo=None)


def release_module(workshop: Workshop, modul: str, *, due: str | datetime | None = None) -> Release:
    """Make the participant version of ``modul`` in ``release/`` and, on a hub, put it in the exchange."""
    workshop.require_module(modul)
    due_dt = parse_due(due) if isinstance(due, str) or due is None else due
    with workshop.gradebook() as gb:
        if due_dt is not None:
            gb.update_or_create_assignment(modul, duedate=due_dt)
        else:
            gb.update_or_create_assignment(modul)
    api = workshop.api()
    result = api.generate_assignment(modul, force=True, create=True)
    if not result.get("success"):
        raise AlaskakiError(
            f"Modul {modul} gagal disiapkan untuk peserta (nbgrader generate_assignment):\n"
            + (result.get("error") or result.get("log") or "")[-2000:],
            exit_code=EXIT_ERROR,
        )
    exchange = uses_exchange(workshop)
    if exchange:
        res = api.release_assignment(modul)
        if not res.get("success"):
            raise AlaskakiError(
                f"Modul {modul} gagal dikirim ke exchange:\n{res.get('log', '')[-2000:]}"
            )
    return Release(modul, workshop.root / "release" / modul / f"{modul}.ipynb", due_dt, exchange)


def uses_exchange(workshop: Workshop) -> bool:
    """True when the workshop's config names an nbgrader exchange (a JupyterHub server)."""
    cfg = workshop.config()
    return "Exchange" in cfg and "root" in cfg.Exchange
