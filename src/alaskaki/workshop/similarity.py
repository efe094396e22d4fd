"""*Indikasi kerja sama*: pairs of participants whose own writing in one module is very alike.

Variants stop participants copying each other's *numbers*, not each other's *working*. This
compares, per module, only what participants wrote themselves: the answer cells (nbgrader
``solution`` cells other than the setup cell), without the ``ID_PESERTA``/``TOKEN_PESERTA`` lines.
Method: winnowing (Schleimer, Wilkerson, Aiken 2003; the idea behind MOSS) over a token stream.
What everybody may legitimately share is discounted before comparing:

* fingerprints of the released stubs and of the instructor's solutions of autograded cells (the
  taught formula). The *contoh jawaban* of a written (rubric) answer is NOT discounted: it is
  public in the kit's repository, so two essays matching it are two copies (red team R9); each
  such cell is also flagged per participant, "sama dengan contoh jawaban" (:func:`model_matches`);
* fingerprints found in more than :func:`common_limit` submissions of the cohort (a common way of
  writing is not evidence that two people worked together).

A pair is shown when the fingerprints the two share cover at least :data:`THRESHOLD` of the smaller
one's own fingerprints and number at least :data:`MIN_SHARED`. It is shown to the trainer to judge;
it never changes a score. Calibration: the demo cohort (``alaskaki demo``) shows no pair; a
notebook copied with only ``ID_PESERTA`` changed is found (tests/unit/workshop/test_similarity.py).

**Forms** (asesmen-awal/akhir, and any module with at least :data:`MIN_ITEMS` items whose
instructor solution is a literal such as ``post_x = 'B'``) leave almost nothing to fingerprint:
there the *answer vector* is compared (:func:`answer_pairs`): per item the value the judge reads
(:func:`answers`: ``'b'.upper()``, a helper variable, ``'1.234,5'`` and ``617.25 + 617.25`` are
the answers they evaluate to, red team R14; once graded, the values the grader's judge received,
:func:`judged_values`), not the way it is written. Model: under independent work,
participant b gives the key on item i with probability r_bi (b's own share right, moved by the
item's difficulty in the rest of the cohort: logit r_bi = logit s_b + logit q_i - mean logit q),
and a given wrong answer v with probability (1 - r_bi) * w_i(v), w_i(v) the share of v among the
wrong answers the rest of the cohort gave on i (add-one smoothed). The number of items where b
gives a's answer is then a sum of independent Bernoulli variables (Poisson binomial); a pair is
shown when the chance of at least that many matches is below :data:`ALPHA` divided by the number
of pairs in the module (at most one false pair in 1/ALPHA honest modules), in both directions,
and the two share at least :data:`MIN_SHARED_WRONG` identical wrong answers. Identical right
answers on items most got right barely count; identical wrong answers nobody else gave count most.
Figures on the demo cohort and on planted copies: docs/panduan-pelatih.md ("Indikasi kerja sama").
"""

from __future__ import annotations

import ast
import contextlib
import functools
import hashlib
import json
import math
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from alaskaki.text import percent
from alaskaki.workshop.course import Workshop

K = 5  # tokens per k-gram: a short statement such as `biaya = luas * harga` is one or two
WINDOW = 4  # winnowing window: any shared run of K + WINDOW - 1 tokens is always detected
# prose keeps only content words (about half its tokens): a denser window keeps an essay's count of
# fingerprints near what it had with every word (MIN_SHARED holds for both)
PROSE_WINDOW = 2
THRESHOLD = 0.5
MIN_SHARED = 12
_TOKEN = re.compile(r"\w+|[^\w\s]")
_IDENTITY_LINE = re.compile(r"^[ \t]*(ID_PESERTA|TOKEN_PESERTA)[ \t]*=.*$", re.M)
_MARKERS = re.compile(r"^[ \t]*###[ \t]*(BEGIN|END)[ \t]+(SOLUTION|HIDDEN TESTS)[ \t]*$", re.M)
_SOLUTION = re.compile(
    r"^[ \t]*### BEGIN SOLUTION[ \t]*\n(.*?)^[ \t]*### END SOLUTION", re.M | re.S
)
# A passage of the contoh jawaban pasted beside own words (red team R27a: two of five SWOT bullets,
# 35 % of the contoh jawaban) is shown whatever its share: an unbroken run of at least
# PASSAGE_WORDS content words (a sentence or more) found in the contoh jawaban. Honest demo essays
# share at most 6 in a row with it (tests/unit/workshop/test_similarity.py, 24 x 20 seeds per cell).
PASSAGE_WORDS = 10
# A light paraphrase (red team R27b: 10 of 69 words swapped for synonyms) breaks every run into
# pieces; pieces of at least K content words covering RUN_SHARE of the cell (and 2 x PASSAGE_WORDS
# tokens) are shown too. Honest demo essays: at most 10 tokens in runs (28 % of a short essay).
# A paraphrase that changes a word in every five is not found (docs/panduan-pelatih.md).
RUN_SHARE = 0.4
MIN_ITEMS = 8  # a module with fewer literal-answer items is compared by its writing only
ALPHA = 0.001  # family-wise: chance of one false pair in a module of honest participants
MIN_SHARED_WRONG = 3  # identical wrong answers a pair must share to be shown


@dataclass(frozen=True)
class Pair:
    modul: str
    a: str
    b: str
    skor: float  # share of the smaller submission's own fingerprints found in the other
    bersama: int  # fingerprints the two share (after discounting common ones)

    keterangan: str = ""  # what the pair shares, in words the trainer reads

    def __str__(self) -> str:
        if self.keterangan:
            return f"{self.a} & {self.b}: {self.keterangan} ({self.modul})"
        return f"{self.a} & {self.b}: {percent(self.skor, 0)} tulisan sendiri sama ({self.modul})"

    @property
    def uraian(self) -> str:
        return self.keterangan or f"{percent(self.skor, 0)} tulisan sendiri sama"


def _cells(nb: dict) -> list[dict]:
    cells = nb.get("cells") if isinstance(nb, dict) else None
    return [c for c in cells or [] if isinstance(c, dict)]


def _src(cell: dict) -> str:
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else str(s)


def _written(nb: dict) -> list[tuple[str, bool]]:
    """(text, is prose) of every answer cell the participant wrote, without the setup cell and
    identity lines; prose is a markdown (essay) answer."""
    parts = []
    for cell in _cells(nb):
        meta = (cell.get("metadata") or {}).get("nbgrader") or {}
        if not isinstance(meta, dict) or not meta.get("solution"):
            continue
        src = _src(cell)
        if str(meta.get("grade_id", "")).endswith("_id_peserta") or "alaskaki.exercises" in src:
            continue
        src = _MARKERS.sub("", _IDENTITY_LINE.sub("", src))
        parts.append((src, _is_prose(cell)))
    return parts


def written_cells(nb: dict) -> list[str]:
    """What the participant wrote: answer cells, without the setup cell and identity lines."""
    return [src for src, _ in _written(nb)]


def document(nb: dict) -> set[int]:
    """A submission's fingerprints, cell by cell (no k-gram spans two cells, so a stub left as
    released matches the released stub exactly)."""
    return {h for src, prose in _written(nb) for h in fingerprints(src, prose)}


def _is_prose(cell: dict) -> bool:
    return cell.get("cell_type") == "markdown"


# Prose (essay answers) is compared by its content words (red team R9b: the public contoh jawaban
# pasted in SMS spelling, "yg", "dgn", "utk", "&", kept only a third of its fingerprints). Before
# fingerprinting, common SMS spellings are read as the word they stand for, and the function words
# of Indonesian (and their SMS forms), punctuation and markdown marks are dropped: what is left is
# what the essay says. A paraphrase in other words (by hand or by a chatbot) is still not found.
_SMS_WORDS = {
    "hrg": "harga", "hrga": "harga", "spt": "sepatu", "sptu": "sepatu", "pkrja": "pekerja",
    "pkerja": "pekerja", "bhn": "bahan", "bhan": "bahan", "psr": "pasar", "psar": "pasar",
    "pmbli": "pembeli", "pmbeli": "pembeli", "psnan": "pesanan", "psanan": "pesanan",
    "ekspr": "ekspor", "prshaan": "perusahaan", "usha": "usaha", "ush": "usaha", "mtu": "mutu",
    "kpd": "kepada", "tsb": "tersebut", "sbg": "sebagai", "sbgai": "sebagai", "org": "orang",
    "bbrp": "beberapa", "brp": "berapa", "sgt": "sangat", "bnyk": "banyak", "byk": "banyak",
    "skrg": "sekarang", "hrs": "harus", "prlu": "perlu", "mnjadi": "menjadi", "jd": "jadi",
    "jdi": "jadi", "klo": "kalau", "kl": "kalau", "tp": "tapi", "tpi": "tapi", "sj": "saja",
    "aj": "saja", "aja": "saja", "lg": "lagi", "lgi": "lagi", "th": "tahun", "thn": "tahun",
    "bln": "bulan", "hr": "hari", "pasang2": "pasang", "mslh": "masalah", "kmd": "kemudian",
}  # fmt: skip
_FUNCTION_WORDS = frozenset(
    [
        "yang", "yg", "dengan", "dgn", "dg", "untuk", "utk", "tidak", "tdk", "gak", "ga", "nggak",
        "karena", "krn", "krna", "karna", "sudah", "sdh", "udh", "udah", "telah", "tlh", "belum",
        "blm", "dan", "n", "dari", "dr", "pada", "pd", "akan", "akn", "bisa", "bs", "dapat", "dpt",
        "juga", "jg", "atau", "atw", "ato", "kami", "kmi", "km", "kita", "kt", "di", "d", "ke",
        "k", "dalam", "dlm", "lebih", "lbh", "ini", "ni", "itu", "tu", "ada", "adalah", "sebagai",
        "oleh", "agar", "supaya", "spy", "lalu", "maka", "saja", "pun", "serta", "bahwa", "bhw",
        "jika", "jk", "kalau", "sehingga", "shg", "tetapi", "tapi", "namun", "para", "se", "nya",
        "the", "a", "of", "per", "oleh", "hanya", "masih", "sangat", "yaitu", "yakni", "seperti",
        "sprt", "spti", "secara", "adlh", "scr", "antara", "setelah", "stlh", "sebelum", "sblm",
    ]
)  # fmt: skip
_WORD = re.compile(r"\w+")


# Letters that read the same on screen (red team R27c: Cyrillic а/е/о for Latin a/e/o, zero-width
# spaces between letters): NFKC, format characters dropped, common look-alikes read as Latin.
# Kept as two strings and turned into a table only inside _plain: a module-level table is a dict of
# code points that the red team's judge, walking every reachable object, reads as numbers.
# R27d: a list of letters is a hint, never a defence; marks (Mn, Me: the combining grapheme
# joiner, variation selectors) are dropped like format characters, a few more look-alikes
# (Armenian, Latin ı ɑ ɡ) are read as Latin, and a cell whose writing still needs a letter beyond
# Latin-1, or hides a mark between two letters, is named to the trainer (:func:`disguised`).
_LOOK_ALIKE = ("аеорсухіјѕАВЕКМНОРСТХοαεΟΑΕոսօհցıɑɡ", "aeopcyxijsABEKMHOPCTXoaeOAEnuohgiag")
_HIDDEN = ("Cf", "Mn", "Me")
# R27e: NFKC turns a hair or thin space into a plain space, so the contoh jawaban with one pasted
# between every two letters was pure ASCII after NFKC (never "disguised") and fell apart into
# one-letter words. Every blank that is not a word space as typed (every Unicode space, Zs, Zl,
# Zp, but the ASCII and the no-break space) and the glyphs that show nothing (braille blank,
# Hangul fillers, the null notehead) is handled like a format character: dropped between two word
# characters (the letters join again), a space elsewhere, and named when it sits between two
# letters of the text as written (:func:`disguised`). The class is checked against unicodedata
# (tests/unit/workshop/test_similarity.py).
_BLANKS = (
    "[\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"  # spaces (Zs, Zl, Zp)
    "\u2800\u3164\u115f\u1160\uffa0\U0001d159]+"  # glyphs that show nothing
)
_BLANK_INSIDE_WORD = rf"(?<=\w){_BLANKS}(?=\w)"
_BLANK_BETWEEN_LETTERS = rf"(?<=[^\W\d_]){_BLANKS}(?=[^\W\d_])"


def _unblank(text: str) -> str:
    """Blanks that are not word spaces (:data:`_BLANKS`): gone inside a word, a space elsewhere."""
    return re.sub(_BLANKS, " ", re.sub(_BLANK_INSIDE_WORD, "", text))


def _plain(text: str) -> str:
    import unicodedata

    if not text.isascii():
        text = _unblank(text)
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():
        text = "".join(ch for ch in text if unicodedata.category(ch) not in _HIDDEN)
        text = text.translate(str.maketrans(*_LOOK_ALIKE))
    return text


def disguised(text: str) -> bool:
    """Writing that reads as Latin on screen but is not: a letter beyond Latin-1 (after NFKC), an
    invisible mark between two letters, or a blank other than a word space between two letters as
    written (R27e: a hair space, a braille blank). Indonesian prose needs none of them."""
    import unicodedata

    if text.isascii():
        return False
    if re.search(_BLANK_BETWEEN_LETTERS, text):
        return True
    text = unicodedata.normalize("NFKC", text)
    for i, ch in enumerate(text):
        cat = unicodedata.category(ch)
        if cat.startswith("L") and ord(ch) > 0xFF:
            return True
        between = 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()
        if cat in _HIDDEN and between:
            return True
    return False


def _prose_tokens(text: str) -> list[str]:
    out = []
    for word in _WORD.findall(text.lower()):
        word = _SMS_WORDS.get(word, word)
        if word not in _FUNCTION_WORDS and word != "_":
            out.append(word)
    return out


def _hash(gram: tuple[str, ...]) -> int:
    return int.from_bytes(hashlib.blake2b(" ".join(gram).encode(), digest_size=8).digest(), "big")


@functools.lru_cache(maxsize=8192)
def fingerprints(text: str, prose: bool = False) -> frozenset[int]:
    """Winnowed k-gram fingerprints of ``text`` (case and layout do not matter; ``prose``: only
    its content words, SMS spellings read in full, see :func:`_prose_tokens`).

    Cached by text: a cohort repeats the same cells (stubs, taught code, equal answers), and the
    hashing was most of ``alaskaki status``'s time (622 distinct texts in 3,889 cells of the demo)."""
    text = _plain(text)
    tokens = _prose_tokens(text) if prose else _TOKEN.findall(text.lower())
    window = PROSE_WINDOW if prose else WINDOW
    if not tokens:
        return frozenset()
    if len(tokens) < K:
        return frozenset({_hash(tuple(tokens))})
    hashes = [_hash(tuple(tokens[i : i + K])) for i in range(len(tokens) - K + 1)]
    if len(hashes) <= window:
        return frozenset({min(hashes)})
    return frozenset(min(hashes[i : i + window]) for i in range(len(hashes) - window + 1))


def common_limit(n: int) -> int:
    """A fingerprint in more than this many submissions is a common way of writing, not evidence."""
    return max(2, n // 5)


def _read(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def is_written_answer(cell: dict) -> bool:
    """A rubric answer the participant writes in their own words (a markdown answer cell, or an
    answer cell the trainer scores by hand), as against an autograded answer cell."""
    meta = (cell.get("metadata") or {}).get("nbgrader") or {}
    if not isinstance(meta, dict) or not meta.get("solution"):
        return False
    return cell.get("cell_type") == "markdown" or bool(meta.get("grade"))


def _cell_fingerprints(cell: dict) -> set[int]:
    return fingerprints(_MARKERS.sub("", _IDENTITY_LINE.sub("", _src(cell))), _is_prose(cell))


_SOLUTION_REGION = re.compile(
    r"^[ \t]*### BEGIN SOLUTION[ \t]*\n.*?^[ \t]*### END SOLUTION[ \t]*$", re.M | re.S
)


def _stub_of(cell: dict) -> set[int]:
    """Fingerprints of what a source answer cell releases: its text outside the solution
    region (a fill-in frame such as "Kekuatan (S): ..." that every participant starts from)."""
    return fingerprints(
        _IDENTITY_LINE.sub("", _SOLUTION_REGION.sub("", _src(cell))), _is_prose(cell)
    )


def _stub_fingerprints(workshop: Workshop, modul: str) -> set[int]:
    """Fingerprints of the answer stubs everybody starts from: the released notebook's, and the
    source's text outside the solution regions (the same, also before any release)."""
    out: set[int] = set()
    for path, whole in (
        (workshop.release_notebook(modul), True),
        (workshop.source_notebook(modul), False),
    ):
        for cell in _cells(_read(path) or {}):
            meta = (cell.get("metadata") or {}).get("nbgrader") or {}
            if isinstance(meta, dict) and meta.get("solution"):
                out |= _cell_fingerprints(cell) if whole else _stub_of(cell)
    return out


def _boilerplate(workshop: Workshop, modul: str) -> set[int]:
    """What everybody may share: the released stubs, and the instructor's solutions of the
    autograded cells (the taught formula). The *contoh jawaban* of a written (rubric) answer is
    never discounted: it is public in the kit's repository, and two essays that both match it are
    two copies of one text (red team R9), not a taught way of writing."""
    out = _stub_fingerprints(workshop, modul)
    for cell in _cells(_read(workshop.source_notebook(modul)) or {}):
        meta = (cell.get("metadata") or {}).get("nbgrader") or {}
        if isinstance(meta, dict) and meta.get("solution") and not is_written_answer(cell):
            out |= _cell_fingerprints(cell)
    return out


def model_answers(workshop: Workshop, modul: str) -> dict[str, set[int]]:
    """grade_id -> fingerprints of the instructor's *contoh jawaban* of each written (rubric)
    answer cell, without what the released stub already holds."""
    source = _read(workshop.source_notebook(modul))
    released = _read(workshop.release_notebook(modul))
    stub: dict[str, set[int]] = {}
    for cell in _cells(released or {}):
        meta = (cell.get("metadata") or {}).get("nbgrader") or {}
        if isinstance(meta, dict) and meta.get("grade_id"):
            stub[str(meta["grade_id"])] = _cell_fingerprints(cell)
    out = {}
    for cell in _cells(source or {}):
        if is_written_answer(cell):
            gid = str(cell["metadata"]["nbgrader"].get("grade_id", ""))
            fps = _cell_fingerprints(cell) - stub.get(gid, set()) - _stub_of(cell)
            if gid and fps:
                out[gid] = fps
    return out


@dataclass(frozen=True)
class ModelMatch:
    """A written (rubric) answer that matches the kit's public *contoh jawaban*: an *indikasi*
    for the trainer (the grading guide scores a pasted contoh jawaban 0 for that cell); it never
    changes a score by itself."""

    modul: str
    peserta: str
    sel: str  # grade_id of the answer cell
    skor: float  # share of the participant's own writing in that cell found in the contoh jawaban
    bersama: int
    baris: tuple[str, ...] = ()  # the participant's lines holding a passage of the contoh jawaban
    disamarkan: bool = False  # the writing hides behind look-alike letters or invisible marks

    @property
    def uraian(self) -> str:
        text = f"{self.sel}: {percent(self.skor, 0)} tulisan sama dengan contoh jawaban"
        if self.disamarkan:
            text = (
                f"{self.sel}: teks disamarkan (huruf bukan Latin atau tanda tak terlihat di antara "
                f"huruf; terbaca sebagai {percent(self.skor, 0)} sama dengan contoh jawaban)"
            )
        if self.baris:
            shown = [b if len(b) <= 80 else b[:77] + "..." for b in self.baris[:3]]
            more = f" (+{len(self.baris) - 3} baris)" if len(self.baris) > 3 else ""
            text += "; baris yang sama: " + " | ".join(f"«{b}»" for b in shown) + more
        return text

    def __str__(self) -> str:
        return f"{self.peserta}: {self.uraian} ({self.modul})"


def _tokens_by_line(text: str, prose: bool) -> tuple[list[str], list[int]]:
    """The tokens :func:`fingerprints` reads from ``text``, each with the index of its line."""
    tokens: list[str] = []
    lines: list[int] = []
    for n, line in enumerate(text.split("\n")):
        line = _plain(line)
        got = _prose_tokens(line) if prose else _TOKEN.findall(line.lower())
        tokens += got
        lines += [n] * len(got)
    return tokens, lines


@dataclass(frozen=True)
class Passages:
    """What a written cell shares with the contoh jawaban in unbroken runs."""

    longest: int  # tokens in the longest run
    covered: int  # tokens of the cell inside a run
    tokens: int  # tokens of the cell
    lines: tuple[str, ...]  # the cell's lines holding a run, longest run first


def shared_passages(cell: dict, model: set[int], stub: set[int] = frozenset()) -> Passages:
    """The runs of the cell's writing through the contoh jawaban. Winnowing keeps at least one of
    every ``window`` consecutive k-grams of the contoh jawaban, so a pasted passage shows a k-gram
    of the contoh jawaban at least every ``window`` positions: hits that close are one run."""
    text = _MARKERS.sub("", _IDENTITY_LINE.sub("", _src(cell)))
    prose = _is_prose(cell)
    tokens, where = _tokens_by_line(text, prose)
    window = PROSE_WINDOW if prose else WINDOW
    hits = [
        i
        for i in range(len(tokens) - K + 1)
        if (h := _hash(tuple(tokens[i : i + K]))) in model and h not in stub
    ]
    runs: list[list[int]] = []
    for i in hits:
        if runs and i - runs[-1][1] <= window:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    spans = sorted(((first, last + K) for first, last in runs), key=lambda r: r[0] - r[1])
    covered = set().union(*(range(a, b) for a, b in spans)) if spans else set()
    texts = text.split("\n")
    shown: dict[int, None] = {}
    for a, b in spans:
        per_line: dict[int, int] = {}
        for t in range(a, b):
            per_line[where[t]] = per_line.get(where[t], 0) + 1
        # a line with a few words of the run (a frame's label just before it) is no evidence
        lines = [n for n, c in per_line.items() if c >= K] or [max(per_line, key=per_line.get)]
        shown.update(dict.fromkeys(sorted(lines)))
    return Passages(
        max((b - a for a, b in spans), default=0),
        len(covered),
        len(tokens),
        tuple(texts[n].strip() for n in shown if texts[n].strip()),
    )


def model_matches(
    notebooks: dict[str, dict],
    model: dict[str, set[int]],
    modul: str,
    *,
    stub: set[int] = frozenset(),
    threshold: float = THRESHOLD,
    min_shared: int = MIN_SHARED,
) -> list[ModelMatch]:
    """Per participant and written answer cell: shown when the fingerprints the cell shares with
    the contoh jawaban number at least ``min_shared`` and cover ``threshold`` of the cell's own
    writing or of the contoh jawaban (half an essay pasted, the rest own words, is still shown),
    or when the cell holds an unbroken passage of the contoh jawaban of at least
    :data:`PASSAGE_WORDS` tokens whatever its share (red team R27a), or runs of it covering
    :data:`RUN_SHARE` of the cell (R27b). The lines holding the runs are shown with it."""
    out = []
    for pid in sorted(notebooks):
        for cell in _cells(notebooks[pid]):
            meta = (cell.get("metadata") or {}).get("nbgrader") or {}
            gid = str(meta.get("grade_id", "")) if isinstance(meta, dict) else ""
            if gid not in model:
                continue
            own = _cell_fingerprints(cell) - stub
            if not own:
                continue
            shared = len(own & model[gid])
            share = max(shared / len(own), shared / len(model[gid]))
            runs = shared_passages(cell, model[gid], stub)
            pasted = runs.longest >= PASSAGE_WORDS or (
                runs.covered >= 2 * PASSAGE_WORDS and runs.covered >= RUN_SHARE * runs.tokens
            )
            hidden = disguised(_src(cell))
            if hidden or pasted or (shared >= min_shared and share >= threshold):
                # the words in runs say better than the winnowed share how much was pasted
                skor = max(shared / len(own), runs.covered / max(runs.tokens, 1))
                out.append(ModelMatch(modul, pid, gid, round(skor, 3), shared, runs.lines, hidden))
    return out


def compare(
    docs: dict[str, set[int]],
    modul: str,
    *,
    ignore: set[int] = frozenset(),
    never_common: set[int] = frozenset(),
    threshold: float = THRESHOLD,
    min_shared: int = MIN_SHARED,
) -> list[Pair]:
    """Pairs among ``docs`` (participant -> fingerprints), strongest first. A fingerprint in
    ``never_common`` (the public contoh jawaban) is never discounted as a common way of writing,
    however many hold it: five people pasting one essay are five copies, not a shared style."""
    counts: dict[int, int] = {}
    for fp in docs.values():
        for h in fp - ignore:
            counts[h] = counts.get(h, 0) + 1
    limit = common_limit(len(docs))
    own = {
        p: {h for h in fp if h not in ignore and (counts[h] <= limit or h in never_common)}
        for p, fp in docs.items()
    }
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


# --------------------------------------------------------------------------------------------
# Forms: the answer vector
# --------------------------------------------------------------------------------------------

BLANK = None


def _literal(node: ast.expr) -> object:
    value = ast.literal_eval(node)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return float(f"{float(value):.6g}")  # 12 and 12.0 are one answer
    if isinstance(value, str):
        return value.strip().casefold()
    raise ValueError("not a short answer")


def answer_key(source_nb: dict) -> dict[str, tuple[str, object]]:
    """Items whose instructor solution assigns one literal: grade_id -> (variable, key value)."""
    out = {}
    for cell in _cells(source_nb):
        meta = (cell.get("metadata") or {}).get("nbgrader") or {}
        gid = str(meta.get("grade_id", "")) if isinstance(meta, dict) else ""
        if (
            not meta.get("solution")
            or cell.get("cell_type") != "code"
            or gid.endswith("_id_peserta")
        ):
            continue
        found = _SOLUTION.search(_src(cell))
        try:
            body = ast.parse(found.group(1) if found else "").body
        except SyntaxError:
            continue
        if (
            len(body) == 1
            and isinstance(body[0], ast.Assign)
            and len(body[0].targets) == 1
            and isinstance(body[0].targets[0], ast.Name)
        ):
            try:
                out[gid] = (body[0].targets[0].id, _literal(body[0].value))
            except (ValueError, TypeError, SyntaxError, RecursionError):
                continue
    return out


# A number is right within the item's tolerance (red team R32): the judge accepts any reading
# within ``batas`` of ``harapan``, both written in the form's own hidden test
# (``kunci.uji("post_x", post_x, harapan=1234.5, batas=6.17)``, from the bank's
# ``Butir.batas``). Read from there, the one place the judge reads them: a copier who nudges every
# number of a friend's sheet inside that tolerance keeps every right answer right and must not
# share "no number" with the friend. A form made before forms carried their key has its frozen key
# written into its tests first, as the grader does (``alaskaki_kunci.arsip.lengkapi``).


def _key_calls(nb: dict) -> dict[str, dict[str, object]]:
    """variable -> the literal keywords of the hidden test ``kunci.uji(id, variable, ...)``."""
    out: dict[str, dict[str, object]] = {}
    for cell in _cells(nb):
        meta = (cell.get("metadata") or {}).get("nbgrader") or {}
        if cell.get("cell_type") != "code" or not isinstance(meta, dict) or not meta.get("grade"):
            continue
        tree = _parse(_src(cell))
        for node in ast.walk(tree) if tree is not None else ():
            if not (
                isinstance(node, ast.Call)
                and getattr(node.func, "attr", getattr(node.func, "id", None)) == "uji"
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Name)
            ):
                continue
            kw = {}
            for k in node.keywords:
                with contextlib.suppress(ValueError, TypeError, SyntaxError, RecursionError):
                    if k.arg:
                        kw[k.arg] = ast.literal_eval(k.value)
            out[node.args[1].id] = kw
    return out


def tolerances(source_nb: dict) -> dict[str, tuple[float, float]]:
    """grade_id -> (expected number, accepted distance) of every number item of a form, as its
    hidden tests grade it (``harapan=``, ``batas=``; no ``batas``: exact). Letter items, and items
    whose key the tests do not hold, are left out (compared exactly)."""
    calls = _key_calls(source_nb)
    if any("harapan" not in kw for kw in calls.values()):
        calls = {**calls, **_old_form_calls(source_nb)}
    out = {}
    for gid, (var, _) in answer_key(source_nb).items():
        kw = calls.get(var, {})
        harapan, batas = kw.get("harapan"), kw.get("batas") or 0.0
        if (
            isinstance(harapan, int | float)
            and not isinstance(harapan, bool)
            and isinstance(batas, int | float)
            and math.isfinite(float(harapan))
            and math.isfinite(float(batas))
        ):
            out[gid] = (float(harapan), abs(float(batas)))
    return out


def _old_form_calls(source_nb: dict) -> dict[str, dict[str, object]]:
    """The hidden tests of a key-less old form once its frozen key is written in (none when the
    kit does not know its questions, or the grader-side package is absent)."""
    try:
        import nbformat

        from alaskaki_kunci.arsip import lengkapi

        nb = nbformat.from_dict(json.loads(json.dumps(source_nb)))
        lengkapi(nb)
    except Exception:  # noqa: BLE001 - no key known: the numbers are compared exactly, as before
        return {}
    return {var: kw for var, kw in _key_calls(nb).items() if "harapan" in kw}


def _within(x: float, within: tuple[float, float]) -> bool:
    harapan, batas = within
    return abs(x - harapan) <= batas + 1e-9


# What the judge reads (red team R14): the value an item variable holds when its cell has run, not
# the way it is written. A copier who rewrites every answer (a letter through a helper variable,
# ``'b'.upper()``, a number as Indonesian text ``'1.234,5'`` or as a sum ``617.25 + 617.25``)
# hands in the same values, so the cells are evaluated, without running anything: constants,
# arithmetic, names assigned earlier in the notebook, a few pure built-ins and string methods.
# Anything else (a call of the participant's own function, a loop, ``globals()``) leaves the
# value unknown, and the cell's code is the answer (as before). Numbers are read with the kit's
# own number reader (:func:`alaskaki.exercises.asesmen.baca_angka`), as the judge reads them.


class _Unknown(Exception):
    """A value this evaluator does not compute (the participant's code decides it)."""


_CALLS = {
    "int": int, "float": float, "str": str, "round": round, "abs": abs, "chr": chr, "ord": ord,
    "min": min, "max": max, "sum": sum, "len": len, "bool": bool, "tuple": tuple, "list": tuple,
}  # fmt: skip
_STR_METHODS = {
    "upper", "lower", "strip", "lstrip", "rstrip", "casefold", "replace", "title", "capitalize",
    "swapcase", "format", "join", "removeprefix", "removesuffix", "zfill", "center", "ljust",
    "rjust",
}  # fmt: skip
_OPS = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.FloorDiv: lambda a, b: a // b,
    ast.Mod: lambda a, b: a % b,
    ast.Pow: lambda a, b: a**b,
}
# names that reach the namespace in ways the evaluator does not follow: after a cell using one,
# nothing computed so far is trusted
_OPAQUE = {"globals", "locals", "vars", "exec", "eval", "setattr", "__import__", "__builtins__"}
_MAX_TEXT = 200


def _small(value: object) -> object:
    """Keep every intermediate value small (a cell may say ``'a' * 10**9``)."""
    if isinstance(value, str | tuple) and len(value) > _MAX_TEXT:
        raise _Unknown
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**18:
        raise _Unknown
    if isinstance(value, tuple):
        for v in value:
            _small(v)
    elif not isinstance(value, str | int | float | bool | type(None)):
        raise _Unknown
    return value


def _eval(node: ast.expr, env: dict[str, object]) -> object:
    try:
        return _small(_eval_node(node, env))
    except _Unknown:
        raise
    except (ArithmeticError, ValueError, TypeError, IndexError, KeyError, RecursionError):
        raise _Unknown from None


def _eval_node(node: ast.expr, env: dict[str, object]) -> object:
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str | int | float | bool | type(None)):
            return node.value
        raise _Unknown
    if isinstance(node, ast.Name):
        if node.id in env:
            return env[node.id]
        raise _Unknown
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        left, right = _eval(node.left, env), _eval(node.right, env)
        if isinstance(node.op, ast.Pow) and (not isinstance(right, int | float) or abs(right) > 64):
            raise _Unknown
        if isinstance(node.op, ast.Mult) and isinstance(left, str | tuple) != isinstance(
            right, str | tuple
        ):
            count = right if isinstance(left, str | tuple) else left
            if not isinstance(count, int) or count > _MAX_TEXT:
                raise _Unknown
        return _OPS[type(node.op)](left, right)
    if isinstance(node, ast.UnaryOp):
        value = _eval(node.operand, env)
        if isinstance(node.op, ast.USub):
            return -value  # type: ignore[operator]
        if isinstance(node.op, ast.UAdd):
            return +value  # type: ignore[operator]
        if isinstance(node.op, ast.Not):
            return not value
        raise _Unknown
    if isinstance(node, ast.BoolOp):
        value = _eval(node.values[0], env)
        for nxt in node.values[1:]:
            if isinstance(node.op, ast.And) == bool(value):
                value = _eval(nxt, env)
        return value
    if isinstance(node, ast.IfExp):
        return _eval(node.body if _eval(node.test, env) else node.orelse, env)
    if isinstance(node, ast.Tuple | ast.List):
        return tuple(_eval(e, env) for e in node.elts)
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Dict):
        # a lookup in a dict written on the spot: ``{"jawab": 'B'}["jawab"]``
        wanted = _eval(node.slice, env)
        for k, v in reversed(list(zip(node.value.keys, node.value.values, strict=True))):
            if k is not None and _eval(k, env) == wanted:
                return _eval(v, env)
        raise _Unknown
    if isinstance(node, ast.Subscript):
        target = _eval(node.value, env)
        if isinstance(node.slice, ast.Slice):
            parts = [
                None if p is None else _eval(p, env)
                for p in (node.slice.lower, node.slice.upper, node.slice.step)
            ]
            return target[slice(*parts)]  # type: ignore[index]
        return target[_eval(node.slice, env)]  # type: ignore[index]
    if isinstance(node, ast.JoinedStr):
        return "".join(str(_eval(v, env)) for v in node.values)
    if isinstance(node, ast.FormattedValue):
        value = _eval(node.value, env)
        value = {115: str, 114: repr, 97: ascii}.get(node.conversion, lambda v: v)(value)
        spec = str(_eval(node.format_spec, env)) if node.format_spec else ""
        return format(value, spec)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Lambda)
        and not node.args
        and not node.keywords
        and not (node.func.args.args or node.func.args.posonlyargs or node.func.args.vararg)
        and not (node.func.args.kwonlyargs or node.func.args.kwarg)
    ):
        return _eval(node.func.body, env)  # ``(lambda: 'B')()``
    if isinstance(node, ast.Call) and not node.keywords:
        args = [_eval(a, env) for a in node.args if not isinstance(a, ast.Starred)]
        if len(args) != len(node.args):
            raise _Unknown
        if isinstance(node.func, ast.Name) and node.func.id in _CALLS and node.func.id not in env:
            return _CALLS[node.func.id](*args)
        if isinstance(node.func, ast.Attribute) and node.func.attr in _STR_METHODS:
            target = _eval(node.func.value, env)
            if isinstance(target, str):
                return getattr(target, node.func.attr)(*args)
    raise _Unknown


def _bound(node: ast.AST) -> set[str]:
    """Every name a statement may bind (assignments, loops, imports, definitions)."""
    out = set()
    for n in ast.walk(node):
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store | ast.Del):
            out.add(n.id)
        elif isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            out.add(n.name)
        elif isinstance(n, ast.alias):
            out.add((n.asname or n.name).split(".")[0])
        elif isinstance(n, ast.Global | ast.Nonlocal):
            out.update(n.names)
    return out


def _assign(target: ast.expr, value: object, env: dict[str, object]) -> None:
    if isinstance(target, ast.Name):
        env[target.id] = value
    elif (
        isinstance(target, ast.Tuple | ast.List)
        and isinstance(value, tuple)
        and len(value) == len(target.elts)
        and not any(isinstance(e, ast.Starred) for e in target.elts)
    ):
        for t, v in zip(target.elts, value, strict=True):
            _assign(t, v, env)
    else:
        for name in _bound(target):
            env.pop(name, None)


def _run(tree: ast.Module, env: dict[str, object]) -> None:
    """Follow a cell's statements: ``env`` ends with the names whose value is known."""
    if any(isinstance(n, ast.Name) and n.id in _OPAQUE for n in ast.walk(tree)):
        env.clear()
        return
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign):
            try:
                value = _eval(stmt.value, env)
            except _Unknown:
                for t in stmt.targets:
                    for name in _bound(t):
                        env.pop(name, None)
                continue
            for t in stmt.targets:
                _assign(t, value, env)
        elif isinstance(stmt, ast.AnnAssign | ast.AugAssign) and isinstance(stmt.target, ast.Name):
            name = stmt.target.id
            try:
                if isinstance(stmt, ast.AugAssign):
                    op = ast.BinOp(ast.Name(name, ast.Load()), stmt.op, stmt.value)
                    env[name] = _eval(op, env)
                elif stmt.value is not None:
                    env[name] = _eval(stmt.value, env)
            except _Unknown:
                env.pop(name, None)
        elif isinstance(stmt, ast.Expr):
            # a method call may change the object it is called on (``xs.append(..)``)
            for n in ast.walk(stmt):
                if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name):
                    env.pop(n.value.id, None)
        else:
            for name in _bound(stmt):
                env.pop(name, None)


@functools.lru_cache(maxsize=8192)  # a pure function of the cell's text; cohorts repeat cells
def _parse(src: str) -> ast.Module | None:
    try:
        return ast.parse(src)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _as_answer(
    value: object, expected: object = None, within: tuple[float, float] | None = None
) -> object:
    """One answer as the judge reads it: a letter case-blind, a number by the kit's reader
    (``'1.234,5'`` is 1234.5; of two readings, the one the judge accepts, else the one of the key's
    size). ``within``: the item's (expected number, accepted distance); a number the judge accepts
    is the key (R32)."""
    from alaskaki.exercises.asesmen import baca_angka

    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str) and not isinstance(expected, int | float):
        return value.strip().casefold()
    if isinstance(value, int | float | str):
        raw = baca_angka(value)
        if within is not None and any(_within(x, within) for x in raw):
            return expected
        readings = [float(f"{x:.6g}") for x in raw]
        if not readings:
            return value.strip().casefold() if isinstance(value, str) else repr(value)
        if expected in readings:
            return expected
        return min(readings, key=lambda x: _magnitude_gap(x, expected))
    return repr(value)


def _magnitude_gap(x: float, expected: object) -> float:
    """How far a reading lies from the key's size (red team R32, '35.805'). The judge accepts
    either reading of an ambiguous text, so the vector must hold the one the writer meant, or a
    shared wrong amount written '35.805' becomes a number nobody else wrote: the reading of the
    key's order of magnitude (the two readings are 1000 apart; a slip is not)."""
    if not isinstance(expected, int | float) or isinstance(expected, bool):
        return 0.0  # no key to go by: the first reading, as the judge lists them
    if x and expected and (x > 0) == (expected > 0):
        return abs(math.log(abs(x) / abs(float(expected))))
    return math.inf if x else abs(float(expected))


def _code_answer(tree: ast.Module) -> str:
    # Computed in a way not followed: the whole cell without the kit's check call is the answer.
    kept = [
        n
        for n in tree.body
        if not (
            isinstance(n, ast.Expr)
            and isinstance(n.value, ast.Call)
            and isinstance(n.value.func, ast.Attribute)
            and isinstance(n.value.func.value, ast.Name)
            and n.value.func.value.id == "latihan"
        )
    ]
    return "kode: " + ast.unparse(ast.Module(body=kept, type_ignores=[]))


def _answer_in(
    src: str,
    var: str,
    env: dict[str, object],
    expected: object = None,
    within: tuple[float, float] | None = None,
) -> object:
    """Run one item cell on ``env`` and return its answer to ``var`` (see :func:`answer_of`)."""
    tree = _parse(src)
    if tree is None:
        env.clear()  # whatever the cell meant to assign is not known
        text = " ".join(_TOKEN.findall(src.lower()))
        return f"kode: {text}" if text else BLANK
    assigned = var in {name for stmt in tree.body for name in _bound(stmt)}
    _run(tree, env)
    if var in env:
        return _as_answer(env[var], expected, within)
    return _code_answer(tree) if assigned else BLANK


def answer_of(src: str, var: str, expected: object = None) -> object:
    """What a participant answered in an item cell: the value ``var`` holds after the cell, as the
    judge reads it (``expected``: the key, whose type says letter or number); the cell's code
    (comments and layout dropped) when the value depends on code not followed; None when blank."""
    return _answer_in(src, var, {}, expected)


def answers(
    nb: dict,
    key: dict[str, tuple[str, object]],
    judged: dict[str, object] | None = None,
    tolerance: dict[str, tuple[float, float]] | None = None,
) -> dict[str, object]:
    """A submission's answer vector over the items of ``key`` (blank items left out): the code
    cells are followed in order, so a helper variable of an earlier cell is known. ``judged``
    (variable -> value the grader's judge received for this very file, :func:`judged_values`)
    wins over that reading: it is what was scored, however it was computed. ``tolerance``
    (:func:`tolerances`): a number the judge accepts is read as the key."""
    out: dict[str, object] = {}
    env: dict[str, object] = {}
    judged = judged or {}
    tolerance = tolerance or {}
    for cell in _cells(nb):
        if cell.get("cell_type") != "code":
            continue
        meta = (cell.get("metadata") or {}).get("nbgrader") or {}
        gid = str(meta.get("grade_id", "")) if isinstance(meta, dict) else ""
        if gid in key:
            var, expected = key[gid]
            value = _answer_in(_src(cell), var, env, expected, tolerance.get(gid))
            if var in judged:
                value = _as_answer(judged[var], expected, tolerance.get(gid))
            if value is not BLANK:
                out[gid] = value
        else:
            tree = _parse(_src(cell))
            if tree is None:
                env.clear()
            else:
                _run(tree, env)
    return out


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


def _tail(probs: list[float], observed: int) -> float:
    """P(at least ``observed`` successes) for independent Bernoulli(probs) (Poisson binomial)."""
    dist = [1.0]
    for p in probs:
        nxt = [0.0] * (len(dist) + 1)
        for k, mass in enumerate(dist):
            nxt[k] += mass * (1 - p)
            nxt[k + 1] += mass * p
        dist = nxt
    return min(1.0, sum(dist[observed:]))


class _Cohort:
    """Per-item counts of the whole cohort, so each pair's 'rest of the cohort' is a subtraction."""

    def __init__(self, vectors: dict[str, dict[str, object]], key: dict[str, object]) -> None:
        self.key = key
        self.vectors = vectors
        self.given = {i: 0 for i in key}
        self.right = {i: 0 for i in key}
        self.wrong: dict[str, dict[object, int]] = {i: {} for i in key}
        for vec in vectors.values():
            for i, v in vec.items():
                self.given[i] += 1
                if v == key[i]:
                    self.right[i] += 1
                else:
                    self.wrong[i][v] = self.wrong[i].get(v, 0) + 1

    def rest(self, i: str, a: str, b: str) -> tuple[int, int, dict[object, int]]:
        """(answered, right, wrong answers by value) on item i by everyone but a and b."""
        given, right, wrong = self.given[i], self.right[i], dict(self.wrong[i])
        for p in (a, b):
            v = self.vectors[p].get(i, BLANK)
            if v is BLANK:
                continue
            given -= 1
            if v == self.key[i]:
                right -= 1
            else:
                wrong[v] -= 1
                if not wrong[v]:
                    del wrong[v]
        return given, right, wrong


def _match_chance(cohort: _Cohort, a: str, b: str) -> tuple[float, int, int]:
    """(chance under independent work that b gives a's answer on at least as many items as
    observed, matches, identical wrong answers), over the items both answered."""
    va, vb, key = cohort.vectors[a], cohort.vectors[b], cohort.key
    items = sorted(set(va) & set(vb))
    if not items:
        return 1.0, 0, 0
    right_b = sum(vb[i] == key[i] for i in vb)
    s_b = min(0.99, max(0.01, (right_b + 0.5) / (len(vb) + 1)))
    rest = {i: cohort.rest(i, a, b) for i in key}
    q = {i: (right + 1) / (given + 2) for i, (given, right, _) in rest.items()}
    centre = sum(_logit(v) for v in q.values()) / len(q)
    probs, matches, wrong = [], 0, 0
    for i in items:
        r = 1 / (1 + math.exp(-(_logit(s_b) + _logit(q[i]) - centre)))
        r = min(0.99, max(0.01, r))
        if va[i] == key[i]:
            p = r
        else:
            _, _, wrongs = rest[i]
            n_wrong = sum(wrongs.values())
            kinds = len(wrongs) + 1  # a wrong answer nobody else gave is one more kind
            p = (1 - r) * (wrongs.get(va[i], 0) + 1) / (n_wrong + kinds)
            wrong += va[i] == vb[i]
        probs.append(p)
        matches += va[i] == vb[i]
    return _tail(probs, matches), matches, wrong


def _near(x: float, y: float, batas: float) -> bool:
    """Within the accepted distance; the vectors hold numbers to 6 significant digits, so that
    rounding is allowed on top."""
    return abs(x - y) <= batas + 1e-9 + 5e-6 * max(abs(x), abs(y))


def judge_alike(
    vectors: dict[str, dict[str, object]],
    key: dict[str, object],
    tolerance: dict[str, tuple[float, float]],
) -> dict[str, dict[str, object]]:
    """The vectors with numbers compared as the judge compares them (red team R32): per number
    item, a number within the item's accepted distance of the expected one is the key, and wrong
    numbers linked by steps within that distance are one number (the most common of them; of two
    equally common, the smaller). A copier who nudges a friend's numbers inside the tolerance gives
    the friend's answers, right and wrong; honest slips (another formula, a missed step) lie far
    further apart than a rounding margin."""
    out = {p: dict(v) for p, v in vectors.items()}
    for gid, (harapan, batas) in tolerance.items():
        if gid not in key:
            continue
        counts: dict[float, int] = {}
        for vec in out.values():
            v = vec.get(gid)
            if isinstance(v, int | float) and not isinstance(v, bool):
                if v != key[gid] and _near(float(v), harapan, batas):
                    vec[gid] = v = key[gid]
                if v != key[gid]:
                    counts[v] = counts.get(v, 0) + 1
        # chains, not balls around a centre: a friend's w and two copies at w+0.9b and w-0.9b are
        # one answer, whoever of them is the more common (red team R32, session 7)
        groups: list[list[float]] = []
        for v in sorted(counts):
            if groups and _near(groups[-1][-1], v, batas):
                groups[-1].append(v)
            else:
                groups.append([v])
        centre = {u: min(group, key=lambda x: (-counts[x], x)) for group in groups for u in group}
        for vec in out.values():
            v = vec.get(gid)
            if v in centre and not isinstance(v, bool):
                vec[gid] = centre[v]
    return out


def answer_pairs(
    vectors: dict[str, dict[str, object]],
    key: dict[str, object],
    modul: str,
    *,
    tolerance: dict[str, tuple[float, float]] | None = None,
    alpha: float = ALPHA,
    min_shared_wrong: int = MIN_SHARED_WRONG,
) -> list[Pair]:
    """Pairs among ``vectors`` (participant -> answers) whose shared answers are too many for
    independent work (module docstring), strongest first. ``tolerance`` (:func:`tolerances`):
    numbers are compared within each item's accepted distance (:func:`judge_alike`)."""
    vectors = {p: v for p, v in vectors.items() if v}
    if tolerance:
        vectors = judge_alike(vectors, key, tolerance)
    cohort = _Cohort(vectors, key)
    ids = sorted(vectors)
    n_pairs = len(ids) * (len(ids) - 1) // 2
    pairs = []
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            shared_wrong = sum(
                v != key[g] and vectors[b].get(g, BLANK) == v for g, v in vectors[a].items()
            )
            if shared_wrong < min_shared_wrong:
                continue  # cheap first: most pairs stop here
            ab = _match_chance(cohort, a, b)
            ba = _match_chance(cohort, b, a)
            chance = max(ab[0], ba[0])  # both ways: who copied whom is not known
            _, matches, wrong = ab
            if chance * n_pairs < alpha:
                both = len(set(vectors[a]) & set(vectors[b]))
                pairs.append(
                    Pair(
                        modul,
                        a,
                        b,
                        round(matches / both, 3),
                        wrong,
                        f"{matches} dari {both} jawaban sama, {wrong} di antaranya jawaban salah "
                        f"yang sama; peluang kebetulan {_odds(chance)}",
                    )
                )
    return sorted(pairs, key=lambda p: (-p.bersama, -p.skor, p.a, p.b))


def _odds(chance: float) -> str:
    if chance <= 0:
        return "hampir nol"
    one_in = 1 / chance
    for size, word in ((1e12, "triliun"), (1e9, "miliar"), (1e6, "juta"), (1e3, "ribu")):
        if one_in >= size:
            return f"1 banding {one_in / size:.0f} {word}"
    return f"1 banding {one_in:.0f}"


def judged_values(
    workshop: Workshop, modul: str, pid: str, sha: str | None = None
) -> dict[str, object]:
    """variable -> the value the judge received when it graded ``pid``'s installed file of
    ``modul`` (the grader's marker); empty when that file was not graded as it is now. ``sha``:
    the installed file's sha256 when the caller has just read it."""
    from alaskaki.workshop.grading.record import read_marker

    marker = read_marker(workshop.root, modul, pid) or {}
    readings = marker.get("jawaban")
    if not isinstance(readings, dict):
        return {}
    if sha is None:
        from alaskaki.workshop.grading.judge import sha_of

        sha = sha_of(workshop.submitted(pid, modul) / f"{modul}.ipynb")
    if marker.get("jawaban_dari") != sha:
        return {}
    out: dict[str, object] = {}
    for values in readings.values():
        if isinstance(values, dict):
            for name, value in values.items():
                if isinstance(value, str | int | float) and not isinstance(value, bool):
                    out[str(name)] = value
    return out


def _round_forms(workshop: Workshop, modul: str) -> dict[str, dict]:
    """The forms of ``modul``'s rounds: ``"source"`` (the current one) and every archived round's
    form (``penilaian/putaran/<modul>-<n>.ipynb``, written by ``alaskaki ulang``)."""
    from alaskaki.workshop.putaran import ARCHIVE, FORMS

    forms = {}
    source = _read(workshop.source_notebook(modul))
    if source:
        forms["source"] = source
    if modul in FORMS:
        archive = workshop.state_dir / ARCHIVE
        for path in sorted(archive.glob(f"{modul}-*.ipynb")) if archive.is_dir() else []:
            nb = _read(path)
            if nb:
                forms[path.stem] = nb
    return forms


def _questions(nb: dict) -> set[str]:
    """The form's own text (its markdown cells: the questions and their options)."""
    return {_src(c).strip() for c in _cells(nb) if c.get("cell_type") == "markdown"}


def _form_of(nb: dict, forms: dict[str, dict]) -> str:
    """Which round's form a sheet was written on: the one sharing most of its questions (a retake
    form has new numbers and options); the current form when none tells (red team R21)."""
    mine = _questions(nb)
    best, shared = "source", -1
    for label, form in forms.items():
        n = len(mine & _questions(form))
        if n > shared or (n == shared and label == "source"):
            best, shared = label, n
    return best


def _form_boilerplate(form: dict) -> set[int]:
    """What every sheet of an archived round's form shares: its stubs and taught solutions."""
    out: set[int] = set()
    for cell in _cells(form):
        meta = (cell.get("metadata") or {}).get("nbgrader") or {}
        if isinstance(meta, dict) and meta.get("solution"):
            out |= _stub_of(cell)
            if not is_written_answer(cell):
                out |= _cell_fingerprints(cell)
    return out


def module_pairs(workshop: Workshop, modul: str) -> list[Pair]:
    """*Indikasi kerja sama* in ``modul`` among the submissions installed in ``submitted/``.

    An uji with a retake (``alaskaki ulang``) holds sheets of different forms: each sheet's answers
    are compared only with the sheets of its own form, against that form's key (red team R21:
    round-1 sheets judged with the retake's key shared many 'wrong' answers)."""
    docs, notebooks, shas = {}, {}, {}
    for path in sorted(workshop.submitted().glob(f"*/{modul}/{modul}.ipynb")):
        try:
            data = path.read_bytes()
            nb = json.loads(data.decode("utf-8"))
        except (OSError, ValueError, UnicodeDecodeError):
            continue
        if nb:
            pid = path.parent.parent.name
            docs[pid] = document(nb)
            notebooks[pid] = nb
            shas[pid] = hashlib.sha256(data).hexdigest()
    model = model_answers(workshop, modul)
    forms = _round_forms(workshop, modul)
    ignore = _boilerplate(workshop, modul)
    for label, form in forms.items():
        if label != "source":
            ignore |= _form_boilerplate(form)
    pairs = compare(
        docs,
        modul,
        ignore=ignore,
        never_common=set().union(*model.values()) if model else set(),
    )
    found = {(p.a, p.b) for p in pairs}
    by_form: dict[str, list[str]] = {}
    for pid, nb in notebooks.items():
        label = _form_of(nb, forms) if len(forms) > 1 else "source"
        by_form.setdefault(label, []).append(pid)
    for label, pids in sorted(by_form.items()):
        key = answer_key(forms[label]) if label in forms else {}
        if len(key) < MIN_ITEMS or len(pids) < 2:
            continue
        sheets = {p: (notebooks[p], shas[p]) for p in pids}
        tolerance = tolerances(forms[label]) if label in forms else {}
        vectors = _cached_answers(workshop, f"{modul}/{label}", modul, key, sheets, tolerance)
        values = {g: v for g, (_, v) in key.items()}
        pairs += [
            p
            for p in answer_pairs(vectors, values, modul, tolerance=tolerance)
            if (p.a, p.b) not in found
        ]
    return pairs


# The answer vectors of an uji's sheets are ~60 % of `alaskaki status` when followed afresh
# (issue 17 goal 4: every item cell's code walked on every call), so they are kept in
# penilaian/cache/jawaban.json, each under a hash of everything it is a function of: the sheet's
# bytes (sha256: a new collect installs a new file, hence a new entry, never an old answer), the
# answer key of its form, the values the grader's judge received for that very file, and this
# module's own code. An entry that is not a plain {item: value} is recomputed; a folder that cannot
# be written (a read-only copy) just recomputes.
_CACHE = ("cache", "jawaban.json")
_CACHE_VERSION = 1


@functools.cache
def _code_digest() -> str:
    try:
        return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    except OSError:
        return "?"


def _cache_path(workshop: Workshop) -> Path:
    return workshop.state_dir.joinpath(*_CACHE)


def _load_cache(workshop: Workshop) -> dict[str, dict]:
    try:
        data = json.loads(_cache_path(workshop).read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return {}
    if not isinstance(data, dict) or data.get("versi") != _CACHE_VERSION:
        return {}
    groups = data.get("isi")
    return groups if isinstance(groups, dict) else {}


def _save_cache(workshop: Workshop, groups: dict[str, dict]) -> None:
    path = _cache_path(workshop)
    text = json.dumps({"versi": _CACHE_VERSION, "isi": groups}, ensure_ascii=False)
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".jawaban-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _plain_vector(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(v, str | int | float | bool | type(None)) for v in value.values()
    )


def _cached_answers(
    workshop: Workshop,
    group: str,
    modul: str,
    key: dict[str, tuple[str, object]],
    sheets: dict[str, tuple[dict, str]],
    tolerance: dict[str, tuple[float, float]] | None = None,
) -> dict[str, dict[str, object]]:
    """:func:`answers` of each sheet (participant -> (notebook, sha256 of its bytes)), read from
    the cache when the very same sheet was read with the same key (and tolerances) and judged
    values before."""
    groups = _load_cache(workshop)
    old = groups.get(group) if isinstance(groups.get(group), dict) else {}
    tolerance = tolerance or {}
    key_digest = hashlib.sha256(
        repr((sorted(key.items()), sorted(tolerance.items()))).encode("utf-8")
    ).hexdigest()
    kept: dict[str, dict] = {}
    out: dict[str, dict[str, object]] = {}
    for pid, (nb, sha) in sheets.items():
        judged = judged_values(workshop, modul, pid, sha)
        entry = hashlib.sha256(
            f"{_code_digest()}|{sha}|{key_digest}|{sorted(judged.items())!r}".encode()
        ).hexdigest()
        vector = old.get(entry)
        if not _plain_vector(vector):
            vector = answers(nb, key, judged, tolerance)
        kept[entry] = out[pid] = vector
    if kept != old:
        groups[group] = kept
        _save_cache(workshop, groups)
    return out


def cohort_pairs(workshop: Workshop, modules: list[str] | None = None) -> list[Pair]:
    """Every module's pairs (the data ``alaskaki status`` and the reports render)."""
    return [p for m in modules or workshop.modules() for p in module_pairs(workshop, m)]


def module_model_matches(workshop: Workshop, modul: str) -> list[ModelMatch]:
    """Written answers in ``modul`` that match the kit's public contoh jawaban."""
    model = model_answers(workshop, modul)
    if not model:
        return []
    notebooks = {}
    for path in sorted(workshop.submitted().glob(f"*/{modul}/{modul}.ipynb")):
        nb = _read(path)
        if nb:
            notebooks[path.parent.parent.name] = nb
    return model_matches(notebooks, model, modul, stub=_stub_fingerprints(workshop, modul))


def cohort_model_matches(workshop: Workshop, modules: list[str] | None = None) -> list[ModelMatch]:
    """Every module's written answers that match the contoh jawaban (status and reports)."""
    return [x for m in modules or workshop.modules() for x in module_model_matches(workshop, m)]
