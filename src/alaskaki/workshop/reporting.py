"""``alaskaki report``: competency from the gradebook, rendered by :mod:`alaskaki.report`."""

from __future__ import annotations

from pathlib import Path

from alaskaki.workshop.course import Workshop


def make_reports(
    workshop: Workshop,
    *,
    formats: tuple[str, ...] = ("html", "xlsx", "csv", "json"),
    anonim: bool = False,
    rapor: bool = False,
    out_dir: str | Path | None = None,
) -> list[Path]:
    """Write the cohort report (and optionally a rapor per participant) into ``laporan/``."""
    from alaskaki.competency import assess
    from alaskaki.report import write_rapor, write_reports

    out = Path(out_dir) if out_dir else workshop.reports_dir
    out.mkdir(parents=True, exist_ok=True)
    result = assess(workshop.root)
    written = list(write_reports(result, out, formats=formats, anonim=anonim))
    if rapor:
        written += list(write_rapor(result, out / "rapor"))
    return written
