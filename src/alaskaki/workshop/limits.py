"""Size caps shared by collect and grade: one home for every limit on what a participant hands in.

Generous for real work (the biggest honest demo notebook is well under 1 MB with outputs), small
enough that one file cannot stall or exhaust the trainer's laptop. A workshop may raise or lower
them in ``lokakarya.json`` under ``"batas"`` (same keys as :class:`Limits`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields, replace
from pathlib import Path

from alaskaki.errors import EXIT_INPUT, AlaskakiError
from alaskaki.folder import Folder


@dataclass(frozen=True)
class Limits:
    notebook_bytes: int = 8 * 1024 * 1024  # one submitted .ipynb on disk
    cells: int = 2_000  # cells in one notebook
    output_bytes: int = 4 * 1024 * 1024  # all outputs of one notebook together
    answer_bytes: int = 1024 * 1024  # all answer values one submission sends to the judge
    zip_bytes: int = 512 * 1024 * 1024  # one zip offered to collect (uncompressed total)


DEFAULT = Limits()


def for_workshop(workshop_dir: str | Path | None) -> Limits:
    """The workshop's limits: the defaults, overridden by ``lokakarya.json``'s ``"batas"``.

    Read through :meth:`alaskaki.folder.Folder.meta`. A value the kit cannot use (an unknown key,
    a text, zero or a negative number) is refused with the key named, since silently keeping the
    default would let a trainer believe the limit was changed.
    """
    if workshop_dir is None:
        return DEFAULT
    folder = Folder(workshop_dir)
    given = folder.meta().get("batas") or {}
    known = [f.name for f in fields(Limits)]
    if not isinstance(given, dict):
        raise AlaskakiError(
            f'{folder.meta_file}: "batas" harus berisi pasangan nama dan angka, mis. '
            f'{{"notebook_bytes": 8388608}}. Nama yang dikenal: {", ".join(known)}.',
            exit_code=EXIT_INPUT,
        )
    problems = []
    for key, value in given.items():
        if key not in known:
            problems.append(f"{key!r} tidak dikenal (yang dikenal: {', '.join(known)})")
        elif isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            problems.append(f"{key!r} = {value!r} harus bilangan bulat lebih dari 0 (dalam byte)")
    if problems:
        raise AlaskakiError(
            f'{folder.meta_file}: isian "batas" tidak dapat dipakai. Perbaiki lalu jalankan lagi:',
            exit_code=EXIT_INPUT,
            details=problems,
        )
    return replace(DEFAULT, **given)


def megabytes(n: int) -> str:
    """``8388608`` -> ``"8 MB"`` for messages."""
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def notebook_problem(raw: bytes | None, nb: dict | None, limits: Limits = DEFAULT) -> str | None:
    """Why a notebook is over a cap (Indonesian, for a flag or a collect message), or None.

    Pass the raw bytes (checked before parsing) and/or the parsed notebook dict.
    """
    if raw is not None and len(raw) > limits.notebook_bytes:
        return f"berkas terlalu besar ({megabytes(len(raw))}; batas {megabytes(limits.notebook_bytes)})"
    if nb is not None:
        cells = nb.get("cells") or []
        if len(cells) > limits.cells:
            return f"terlalu banyak sel ({len(cells)}; batas {limits.cells})"
        out = sum(len(json.dumps(c.get("outputs", []))) for c in cells if isinstance(c, dict))
        if out > limits.output_bytes:
            return f"keluaran sel terlalu besar ({megabytes(out)}; batas {megabytes(limits.output_bytes)})"
    return None
