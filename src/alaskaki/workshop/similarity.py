"""*Indikasi kerja sama*: pairs of participants whose own writing in one module is very alike.

Variants stop participants copying each other's *numbers*, not each other's *working*. This
compares, per module, only what participants wrote themselves: the answer cells (nbgrader
``solution`` cells other than the setup cell), without the ``ID_PESERTA``/``TOKEN_PESERTA`` lines.
Method: winnowing (Schleimer, Wilkerson, Aiken 2003; the idea behind MOSS) over a token stream.
What everybody may legitimately share is discounted before comparing:

* fingerprints of the released stubs and of the instructor's solutions (the taught formula);
* fingerprints found in more than :func:`common_limit` submissions of the cohort (a common way of
  writing is not evidence that two people worked together).

A pair is shown when the fingerprints the two share cover at least :data:`THRESHOLD` of the smaller
one's own fingerprints and number at least :data:`MIN_SHARED`. It is shown to the trainer to judge;
it never changes a score. Calibration: the demo cohort (``alaskaki demo``) shows no pair; a
notebook copied with only ``ID_PESERTA`` changed is found (tests/unit/test_similarity.py).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from alaskaki.workshop.course import Workshop

K = 5  # tokens per k-gram: a short statement such as `biaya = luas * harga` is one or two
WINDOW = 4  # winnowing window: any shared run of K + WINDOW - 1 tokens is always detected
THRESHOLD = 0.5
MIN_SHARED = 12
_TOKEN = re.compile(r"\w+|[^\w\s]")
_IDENTITY_LINE = re.compile(r"^[ \t]*(ID_PESERTA|TOKEN_PESERTA)[ \t]*=.*$", re.M)
_MARKERS = re.compile(r"^[ \t]*###[ \t]*(BEGIN|END)[ \t]+(SOLUTION|HIDDEN TESTS)[ \t]*$", re.M)


@dataclass(frozen=True)
class Pair:
    modul: str
    a: str
    b: str
    skor: float  # share of the smaller submission's own fingerprints found in the other
    bersama: int  # fingerprints the two share (after discounting common ones)

    def __str__(self) -> str:
        return f"{self.a} & {self.b}: {self.skor:.0%} tulisan sendiri sama ({self.modul})"


def _cells(nb: dict) -> list[dict]:
    cells = nb.get("cells") if isinstance(nb, dict) else None
    return [c for c in cells or [] if isinstance(c, dict)]


def _src(cell: dict) -> str:
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else str(s)


def written_cells(nb: dict) -> list[str]:
    """What the participant wrote: answer cells, without the setup cell and identity lines."""
    parts = []
    for cell in _cells(nb):
        meta = (cell.get("metadata") or {}).get("nbgrader") or {}
        if not isinstance(meta, dict) or not meta.get("solution"):
            continue
        src = _src(cell)
        if str(meta.get("grade_id", "")).endswith("_id_peserta") or "alaskaki.exercises" in src:
            continue
        src = _MARKERS.sub("", _IDENTITY_LINE.sub("", src))
        parts.append(src)
    return parts


def document(nb: dict) -> set[int]:
    """A submission's fingerprints, cell by cell (no k-gram spans two cells, so a stub left as
    released matches the released stub exactly)."""
    return {h for src in written_cells(nb) for h in fingerprints(src)}


def _hash(gram: tuple[str, ...]) -> int:
    return int.from_bytes(hashlib.blake2b(" ".join(gram).encode(), digest_size=8).digest(), "big")


def fingerprints(text: str) -> set[int]:
    """Winnowed k-gram fingerprints of ``text`` (case and layout do not matter)."""
    tokens = _TOKEN.findall(text.lower())
    if not tokens:
        return set()
    if len(tokens) < K:
        return {_hash(tuple(tokens))}
    hashes = [_hash(tuple(tokens[i : i + K])) for i in range(len(tokens) - K + 1)]
    if len(hashes) <= WINDOW:
        return {min(hashes)}
    return {min(hashes[i : i + WINDOW]) for i in range(len(hashes) - WINDOW + 1)}


def common_limit(n: int) -> int:
    """A fingerprint in more than this many submissions is a common way of writing, not evidence."""
    return max(2, n // 5)


def _read(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def _boilerplate(workshop: Workshop, modul: str) -> set[int]:
    out: set[int] = set()
    for path in (workshop.source_notebook(modul), workshop.release_notebook(modul)):
        nb = _read(path)
        if nb:
            for cell in _cells(nb):
                meta = (cell.get("metadata") or {}).get("nbgrader") or {}
                if isinstance(meta, dict) and meta.get("solution"):
                    out |= fingerprints(_MARKERS.sub("", _IDENTITY_LINE.sub("", _src(cell))))
    return out


def compare(
    docs: dict[str, set[int]],
    modul: str,
    *,
    ignore: set[int] = frozenset(),
    threshold: float = THRESHOLD,
    min_shared: int = MIN_SHARED,
) -> list[Pair]:
    """Pairs among ``docs`` (participant -> fingerprints), strongest first."""
    counts: dict[int, int] = {}
    for fp in docs.values():
        for h in fp - ignore:
            counts[h] = counts.get(h, 0) + 1
    limit = common_limit(len(docs))
    own = {p: {h for h in fp if h not in ignore and counts[h] <= limit} for p, fp in docs.items()}
    pairs = []
    ids = sorted(own)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            if not own[a] or not own[b]:
                continue
            shared = len(own[a] & own[b])
            score = shared / min(len(own[a]), len(own[b]))
            if shared >= min_shared and score >= threshold:
                pairs.append(Pair(modul, a, b, round(score, 3), shared))
    return sorted(pairs, key=lambda p: (-p.skor, p.a, p.b))


def module_pairs(workshop: Workshop, modul: str) -> list[Pair]:
    """*Indikasi kerja sama* in ``modul`` among the submissions installed in ``submitted/``."""
    docs = {}
    for path in sorted(workshop.submitted().glob(f"*/{modul}/{modul}.ipynb")):
        nb = _read(path)
        if nb:
            docs[path.parent.parent.name] = document(nb)
    return compare(docs, modul, ignore=_boilerplate(workshop, modul))


def cohort_pairs(workshop: Workshop, modules: list[str] | None = None) -> list[Pair]:
    """Every module's pairs (the data ``alaskaki status`` and the reports render)."""
    return [p for m in modules or workshop.modules() for p in module_pairs(workshop, m)]
