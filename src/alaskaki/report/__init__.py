"""Renderers of a :class:`~alaskaki.competency.CohortResult` for the reviewer and the participants.

Public, keyword-only API (``alaskaki report`` and the dashboard call only these):

* :func:`write_reports` ``(result, out_dir, *, formats=("html","xlsx","csv","json"), anonim=False,
  anonim_k=5, reviewer=None, anonim_kunci=None) -> list[Path]``: the cohort report.
* :func:`write_rapor` ``(result, out_dir, *, participant=None, formats=("html","pdf"),
  reviewer=None) -> list[Path]``: one *rapor* per participant (always named: there is no
  anonymous rapor).
* :mod:`alaskaki.report.views`: the tables every renderer shows (pandas DataFrames).
* :mod:`alaskaki.report.dashboard`: the Voila dashboard's helpers.

File names (in ``out_dir``): ``laporan-kompetensi.html``, ``laporan-kompetensi.xlsx``,
``laporan-kompetensi.json``, ``laporan-<view>.csv`` (one CSV per view); with ``anonim=True`` every
name gets the suffix ``-anonim`` and the result is k-anonymous (:func:`~alaskaki.report.views.anonymise`).
Rapor: ``rapor-<id>.html`` / ``rapor-<id>.pdf``.
"""

from __future__ import annotations

import contextlib
import gc
import json
from pathlib import Path

from alaskaki.competency.model import CohortResult
from alaskaki.errors import EXIT_USAGE, AlaskakiError

from . import html as html_mod
from . import output
from . import xlsx as xlsx_mod
from .reviewer import Reviewer, load_reviewer
from .views import ANONIM_K, all_views, anonymise, filter_result, is_complete, notes, pseudonym

FORMATS = ("html", "xlsx", "csv", "json")


def _check_formats(formats, allowed) -> list[str]:
    if isinstance(formats, str):
        formats = [f.strip() for f in formats.split(",") if f.strip()]
    bad = [f for f in formats if f not in allowed]
    if bad:
        raise AlaskakiError(
            f"Format laporan tidak dikenal: {', '.join(bad)} (pilihan: {', '.join(allowed)})",
            exit_code=EXIT_USAGE,
        )
    return list(formats)


def write_reports(
    result: CohortResult,
    out_dir: str | Path,
    *,
    formats=FORMATS,
    anonim: bool = False,
    anonim_k: int = ANONIM_K,
    reviewer: str | Path | dict | Reviewer | None = None,
    anonim_kunci: str | None = None,
) -> list[Path]:
    """Write the cohort report in the given formats; returns the files written.

    ``formats`` is a sequence or a comma-separated string of ``html``, ``xlsx``, ``csv``, ``json``.
    ``anonim=True`` replaces every participant id and name by a pseudonym
    (:func:`~alaskaki.report.views.pseudonym`), keyed by ``anonim_kunci`` of the reviewer file
    when set (the same pseudonyms in every workshop), else by the ``anonim_kunci`` argument (the
    workshop's own secret, :meth:`alaskaki.folder.Folder.pseudonym_secret`), else by a random key
    for this call only; and makes the result ``anonim_k``-anonymous over IKM, kelurahan, jenis kelamin and peran
    (fewer participants than ``anonim_k``: refused before anything is written).
    ``reviewer`` is a :class:`Reviewer`, a dict or a YAML path (default ``grading/peninjau.yml``).
    """
    formats = _check_formats(formats, FORMATS)
    with _gc_frozen():
        rev = load_reviewer(reviewer)
        key = rev.anonim_kunci or anonim_kunci
        return _write_reports(result, out_dir, formats, anonim, anonim_k, rev, key)


@contextlib.contextmanager
def _gc_frozen():
    """Keep Python's cyclic garbage collector off the result while the reports are written.

    A city-wide result is millions of small objects; every full collection walks them all, and
    writing the reports allocates enough to trigger many: 80 % of the JSON's time at 10,000
    participants (docs/benchmarks.md). Frozen objects are not collected until unfrozen here.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextlib.contextmanager
def _gc_paused():
    """No cyclic collection at all while the JSON tree is built and encoded (it holds no cycles)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _write_reports(result, out_dir, formats, anonim, anonim_k, rev, key) -> list[Path]:
    if anonim:
        result = anonymise(result, key=key, k=anonim_k)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    suffix = "-anonim" if anonim else ""
    # JSON alone needs no tables: a city-wide JSON export skips building them
    views = all_views(result) if set(formats) - {"json"} else []
    written: list[Path] = []
    if "html" in formats:
        p = out / f"laporan-kompetensi{suffix}.html"
        written.append(output.write_text(p, html_mod.render(result, views, rev, anonim=anonim)))
    if "xlsx" in formats:
        written.append(
            xlsx_mod.write(
                result, views, rev, out / f"laporan-kompetensi{suffix}.xlsx", anonim=anonim
            )
        )
    if "csv" in formats:
        for v in views:
            p = out / f"laporan-{v.key}{suffix}.csv"
            with output.written(p) as tmp:
                v.frame.to_csv(tmp, index=False, encoding="utf-8")
            written.append(p)
    if "json" in formats:
        p = out / f"laporan-kompetensi{suffix}.json"
        with _gc_paused():
            data = result.to_dict()
            data["peninjau"] = {
                "kantor": rev.office_line,
                "nama": rev.nama,
                "jabatan": rev.jabatan,
            }
            data["anonim"] = anonim
            data["lengkap"] = is_complete(result)
            data["catatan"] = notes(result)
            text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            del data
        written.append(output.write_text(p, text))
    return written


from .rapor import write_rapor  # noqa: E402  (rapor imports helpers defined above)

__all__ = [
    "ANONIM_K",
    "FORMATS",
    "Reviewer",
    "all_views",
    "anonymise",
    "filter_result",
    "load_reviewer",
    "pseudonym",
    "write_rapor",
    "write_reports",
]
