"""Self-check attempts, recorded in the notebook itself so the grader can read them after collection.

Every ``cek_*`` run shows its message as a display output whose metadata carries the history of that
self-check in the current kernel session::

    {"alaskaki": {"cek": "m3_biaya_kulit", "percobaan": 3, "benar": true,
                  "riwayat": [false, false, true], "benar_pada": 3}}

A re-run replaces the cell's output, so the newest output carries the whole history (``riwayat``)
of the session; a kernel restart starts a new history. Nothing here is a key: only whether the
participant's own tries were right, which the participant already saw.

:func:`read_attempts` is pure: it takes a notebook (``nbformat.NotebookNode`` or the plain dict of the
JSON) and returns ``{grade_id: {...}}`` for the trainer's status and reports (first-try success vs
persistence). It never trusts the shape blindly: malformed metadata is skipped, not raised.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["KEY", "metadata", "read_attempts", "read_submission", "summarise"]

KEY = "alaskaki"


def metadata(grade_id: str, riwayat: list[bool]) -> dict[str, Any]:
    """The display metadata of one self-check run, given the session's history including this run."""
    benar_pada = next((i + 1 for i, ok in enumerate(riwayat) if ok), None)
    return {
        KEY: {
            "cek": grade_id,
            "percobaan": len(riwayat),
            "benar": bool(riwayat[-1]) if riwayat else False,
            "riwayat": [bool(x) for x in riwayat],
            "benar_pada": benar_pada,
        }
    }


def _records(nb: Mapping[str, Any]):
    for cell in nb.get("cells", []) or []:
        if not isinstance(cell, Mapping) or cell.get("cell_type") != "code":
            continue
        for out in cell.get("outputs", []) or []:
            if not isinstance(out, Mapping):
                continue
            meta = out.get("metadata")
            rec = meta.get(KEY) if isinstance(meta, Mapping) else None
            if isinstance(rec, Mapping) and isinstance(rec.get("cek"), str):
                yield rec


def read_attempts(nb: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Self-check attempts per grade id found in a saved notebook.

    For each grade id: ``percobaan`` (self-check runs seen), ``benar`` (the last run was right),
    ``benar_pada`` (which run was first right, None if never), ``pertama_benar`` (right at the first
    try). When a self-check appears in several outputs (copied cells), the longest history wins.
    """
    out: dict[str, dict[str, Any]] = {}
    for rec in _records(nb):
        item = _item(rec)
        if item is None:
            continue
        prev = out.get(rec["cek"])
        if prev is None or item["percobaan"] > prev["percobaan"]:
            out[rec["cek"]] = item
    return out


def _item(rec: Mapping[str, Any]) -> dict[str, Any] | None:
    riwayat = rec.get("riwayat")
    if isinstance(riwayat, list) and riwayat and all(isinstance(x, bool) for x in riwayat):
        benar_pada = next((i + 1 for i, ok in enumerate(riwayat) if ok), None)
        count, last = len(riwayat), riwayat[-1]
    else:  # no usable history: only the count and the last result
        count, last = rec.get("percobaan"), bool(rec.get("benar"))
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            return None
        benar_pada = 1 if count == 1 and last else None
    return {
        "percobaan": count,
        "benar": last,
        "benar_pada": benar_pada,
        "pertama_benar": benar_pada == 1,
    }


def read_submission(folder: Path) -> dict[str, dict[str, Any]]:
    """Attempts per grade id across the notebooks of one submitted module folder.

    A file that cannot be read or parsed is skipped: attempts are readiness information for the
    trainer, and a damaged notebook is reported by grading, not here.
    """
    out: dict[str, dict[str, Any]] = {}
    try:
        paths = sorted(Path(folder).glob("*.ipynb"))
    except OSError:
        return out
    for path in paths:
        try:
            raw = path.read_bytes()
            # A self-check's record is an output's metadata key "cek"; JSON writes a quote inside
            # a string as \", so a file without the bytes "cek" holds no record and is not parsed
            # (a notebook nobody ran: parsing them all was ≈ 10 % of `alaskaki status`, issue 17).
            if b'"cek"' not in raw:
                continue
            nb = json.loads(raw.decode("utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(nb, Mapping):
            continue
        for gid, item in read_attempts(nb).items():
            if gid not in out or item["percobaan"] > out[gid]["percobaan"]:
                out[gid] = item
    return out


def summarise(items: Mapping[str, Mapping[str, Any]]) -> dict[str, int]:
    """Counts for a report: self-checks tried, right at the first try, right after misses, never right."""
    pertama = sum(1 for x in items.values() if x.get("pertama_benar"))
    setelah = sum(
        1 for x in items.values() if not x.get("pertama_benar") and x.get("benar_pada") is not None
    )
    return {
        "dicoba": len(items),
        "benar_pertama": pertama,
        "benar_setelah_mencoba": setelah,
        "belum_benar": len(items) - pertama - setelah,
        "percobaan": sum(int(x.get("percobaan") or 0) for x in items.values()),
    }
