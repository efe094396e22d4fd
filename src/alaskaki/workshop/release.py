"""Release a module: nbgrader's generate_assignment (solutions and hidden tests removed)."""

from __future__ import annotations

import contextlib
import functools
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from alaskaki.errors import EXIT_ERROR, EXIT_INPUT, AlaskakiError, from_os_error
from alaskaki.folder import PERSONAL_DIR
from alaskaki.lab import place_reference_notebooks
from alaskaki.workshop import exchange as exchange_mod
from alaskaki.workshop import putaran
from alaskaki.workshop.course import Workshop, _whole, check_uji_release, record_handed_out


@dataclass(frozen=True)
class Release:
    modul: str
    notebook: Path
    due: datetime | None
    exchange: bool
    personal: list[Path] = field(default_factory=list)  # pribadi/<modul>/<peserta>_<modul>.ipynb


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


def release_module(
    workshop: Workshop,
    modul: str,
    *,
    due: str | datetime | None = None,
    personal: bool = False,
    angkatan: str | None = None,
) -> Release:
    """:func:`_release_module` under the workshop's writer lock (R45)."""
    from alaskaki.workshop.lock import writer_lock

    with writer_lock(workshop.root, f"release {modul}"):
        return _release_module(workshop, modul, due=due, personal=personal, angkatan=angkatan)


def _release_module(
    workshop: Workshop,
    modul: str,
    *,
    due: str | datetime | None = None,
    personal: bool = False,
    angkatan: str | None = None,
) -> Release:
    """Make the participant version of ``modul`` in ``release/`` and, on a hub, put it in the exchange.

    ``personal``: also write one copy per participant with their ID and token filled in
    (offline workshops; see :func:`personal_releases`). Once tokens are issued, the released
    notebook carries an empty ``TOKEN_PESERTA`` line to fill from the participant's card.
    ``angkatan`` (``"sama"``/``"baru"``, ``--angkatan-sama``/``--angkatan-baru``): in a copied or
    moved folder, whether participants an uji form was not handed out to are late joiners of the
    batch (the form is kept) or a new batch (its own form is drawn); asked when it matters.
    """
    workshop.require_module(modul)
    if uses_exchange(workshop):  # never into another batch's exchange course (issue 14)
        exchange_mod.check(workshop, modul, angkatan)
    if not _whole(workshop, modul):  # cut by a pulled flashdisk or a power cut (red team R49)
        raise workshop.cut_source(modul, "dirilis")
    check_uji_release(workshop, modul, angkatan)  # never a public key (R16, R23), nor another
    # batch's form (R34, R51), nor a new form under a batch sitting the old one (R52)
    putaran.check_release(workshop.root, modul)  # never while a retake form is half made (R20)
    due_dt = parse_due(due) if isinstance(due, str) or due is None else due
    with workshop.gradebook() as gb:
        # each round of an uji form keeps its own due date (red team R41): nbgrader keeps one
        from nbgrader.api import MissingEntry

        try:
            before = gb.find_assignment(modul).duedate
        except MissingEntry:
            before = None
        putaran.record_due(workshop.root, modul, due_dt, before)
        if due_dt is not None:
            gb.update_or_create_assignment(modul, duedate=due_dt)
        else:
            gb.update_or_create_assignment(modul)
        putaran.set_extensions(gb, workshop.root, modul)
        gb.db.commit()
    api = workshop.api()
    result = api.generate_assignment(modul, force=True, create=True)
    if not result.get("success"):
        raise AlaskakiError(
            f"Modul {modul} gagal disiapkan untuk peserta (nbgrader generate_assignment):\n"
            + (result.get("error") or result.get("log") or "")[-2000:],
            exit_code=EXIT_ERROR,
        )
    record_handed_out(workshop, modul)
    exchange = uses_exchange(workshop)
    notebook = workshop.release_notebook(modul)
    if personal and exchange:
        raise AlaskakiError(
            "Salinan pribadi (--pribadi) hanya untuk lokakarya tanpa server: di server JupyterHub "
            "identitas peserta adalah akun Linux-nya.",
            exit_code=EXIT_ERROR,
        )
    if personal:
        issue_tokens(workshop)
    if tokens_issued(workshop) and not exchange:
        add_token_line(notebook)
    written = personal_releases(workshop, modul) if personal else []
    # Each module links ../istilah.ipynb: the glossary and the reference sheet sit beside the
    # module folders wherever they are opened (release/, pribadi/; on a hub: each home).
    place_reference_notebooks(workshop.release())
    if written:
        place_reference_notebooks(written[0].parent.parent)
    if exchange:
        # a module released again (new due date, a retake round) replaces its outbound copy
        api = workshop.api(ExchangeReleaseAssignment={"force": True})
        res = api.release_assignment(modul)
        if not res.get("success"):
            raise AlaskakiError(
                f"Modul {modul} gagal dikirim ke exchange:\n{res.get('log', '')[-2000:]}"
            )
        exchange_mod.claim(workshop)
    return Release(modul, notebook, due_dt, exchange, written)


def uses_exchange(workshop: Workshop) -> bool:
    """True when the workshop's config names an nbgrader exchange (a JupyterHub server)."""
    cfg = workshop.config()
    return "Exchange" in cfg and "root" in cfg.Exchange


# --------------------------------------------------------------------------------------------
# Participant tokens: identity for offline collection (USB, chat, LMS)
# --------------------------------------------------------------------------------------------
#
# Offline, a file name and ID_PESERTA are only claims: anyone can type another person's id. A
# token is a short code derived from a secret that lives only in the workshop folder (HMAC, so
# nothing per participant is stored) and given to each participant privately: printed on their
# card (`alaskaki kartu`) and typed into the setup cell, or written into their personalised copy
# (`alaskaki release MODUL --pribadi`). Collect then checks that file name, ID_PESERTA and
# TOKEN_PESERTA agree. It proves "made by someone holding this participant's token", no more.

TOKEN_SECRET = "kunci-token.txt"  # in penilaian/, readable by the trainer only
TOKEN_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # no look-alikes (0/O, 1/l/I): read from a card
TOKEN_LINE = 'TOKEN_PESERTA = "{token}"  # token dari kartu peserta Anda (dari pelatih)'


# Beside the secret, in the workshop's root (not in penilaian/, which a trainer may empty to
# "grade afresh"): the fact that tokens were handed out, with the secret's fingerprint. Without it
# a lost or replaced secret would silently switch token checks off, or make every card wrong
# (trainer team T10).
TOKEN_MARK = "token-dibagikan.txt"


def _secret_path(workshop: Workshop) -> Path:
    return workshop.state_dir / TOKEN_SECRET


def _mark_path(workshop: Workshop) -> Path:
    return workshop.root / TOKEN_MARK


def _fingerprint(secret: bytes) -> str:
    import hashlib

    return hashlib.sha256(b"alaskaki-token:" + secret).hexdigest()[:16]


# Each uji form (asesmen-awal, asesmen-akhir) has its own token per participant, derived from
# "<id>:uji:<form>": p02 lent his latihan notebook, which carries his latihan token (red team R6),
# or his asesmen-awal after the pre-test, which carries his pre-test token (R24); neither opens
# his asesmen-akhir. The card prints the post-test token in its own column, to be cut off and
# handed out on the day of the post-test. Older workshops keep the cards already in hand: before
# session 4 one token for everything ("satu"), in session 5 one uji token for both forms ("uji",
# UJI_SCOPE_LINE). The scheme is written on the secret's second line (penilaian/kunci-token.txt,
# where the cards' key is: it goes where the key goes) and in the mark; either one, or a personal
# uji copy in pribadi/, says which. The mark alone is not enough: a trainer deletes it as clutter
# or Notepad saves it as UTF-16 (red team R22), and the cards in participants' hands do not change.
UJI_SCOPE_LINE = "token uji: terpisah"  # session 5: one uji token for both forms
FORM_SCOPE_LINE = "token uji: per formulir"
SCHEME_ONE, SCHEME_UJI, SCHEME_FORM = "satu", "uji", "formulir"
_SCHEME_LINES = {SCHEME_FORM: FORM_SCOPE_LINE, SCHEME_UJI: UJI_SCOPE_LINE, SCHEME_ONE: ""}


def _read_text(path: Path) -> str | None:
    """A small text file however an editor saved it (UTF-8 with or without BOM, UTF-16 with BOM
    or without, CRLF); None when missing or unreadable."""
    try:
        data = path.read_bytes()[:100_000]
    except OSError:
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data:  # UTF-16 without a BOM (ASCII text: every other byte is zero)
        return data.decode("utf-16-be" if data[:1] == b"\x00" else "utf-16-le", errors="replace")
    return data.decode("utf-8-sig", errors="replace")


def _lines(path: Path) -> list[str] | None:
    text = _read_text(path)
    return None if text is None else [line.strip() for line in text.splitlines() if line.strip()]


def _scheme_in(lines: list[str]) -> str | None:
    """The uji-token scheme a key or mark records on its lines, or None."""
    for scheme in (SCHEME_FORM, SCHEME_UJI):
        if _SCHEME_LINES[scheme] in lines:
            return scheme
    return None


def _write_mark(workshop: Workshop, secret: bytes, *, scheme: str = SCHEME_FORM) -> None:
    line = _SCHEME_LINES[scheme]
    text = (
        "Token peserta lokakarya ini sudah dibagikan (kartu peserta / salinan pribadi).\n"
        "Kuncinya ada di penilaian/kunci-token.txt: jangan dihapus; bila hilang, salin kembali.\n"
        f"sidik: {_fingerprint(secret)}\n" + (f"{line}\n" if line else "")
    )
    with contextlib.suppress(OSError):  # a read-only copy still checks tokens with its secret
        _mark_path(workshop).write_text(text, encoding="utf-8")


def _recorded_fingerprint(workshop: Workshop) -> str | None:
    lines = _lines(_mark_path(workshop))
    if lines is None:
        return None
    for line in lines:
        if line.startswith("sidik:"):
            return line.split(":", 1)[1].strip()
    return ""


def _token_traces(workshop: Workshop) -> bool:
    """Tokens left traces beyond the secret and the mark: a released notebook with a
    ``TOKEN_PESERTA`` line, or personal copies in ``pribadi/``. With the secret AND the mark gone
    (penilaian/ emptied, the workshop copied without its root files), these still say that cards
    are in participants' hands."""
    pribadi = workshop.root / PERSONAL_DIR
    if pribadi.is_dir() and any(pribadi.glob("*/*.ipynb")):
        return True
    release = workshop.release()
    for nb in sorted(release.glob("*/*.ipynb")) if release.is_dir() else []:
        try:
            if "TOKEN_PESERTA" in nb.read_text(encoding="utf-8", errors="replace"):
                return True
        except OSError:
            continue
    return False


def tokens_issued(workshop: Workshop) -> bool:
    return (
        _secret_path(workshop).is_file()
        or _mark_path(workshop).is_file()
        or _token_traces(workshop)
    )


def _read_secret(path: Path) -> tuple[bytes, str | None]:
    """(the secret, the uji-token scheme its file records or None)."""
    lines = _lines(path) or [""]
    try:
        secret = lines[0].encode("ascii")
    except UnicodeEncodeError as err:
        raise AlaskakiError(
            f"Kunci token {path} rusak (bukan kunci dari alaskaki). Salin kembali "
            "penilaian/kunci-token.txt yang asli dari salinan lokakarya atau dari cadangan.",
            exit_code=EXIT_INPUT,
        ) from err
    return secret, _scheme_in(lines[1:])


def _write_secret(path: Path, secret: str, *, scheme: str) -> None:
    import os

    tmp = path.with_name(f".{path.name}.part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        line = _SCHEME_LINES[scheme]
        fh.write(secret + "\n" + (f"{line}\n" if line else ""))
    os.replace(tmp, path)


def _personal_uji_scheme(workshop: Workshop, secret: bytes) -> str | None:
    """The scheme the personal uji copies in pribadi/ show by the token they carry: the form's
    own, the one uji token, the latihan token; None when no copy tells."""
    import json

    from alaskaki.exercises.asesmen import FORMS

    for modul in FORMS:
        folder = workshop.root / PERSONAL_DIR / modul
        rounds = {int(r.get("nomor", 1)) for r in _rounds_recorded(workshop, modul)}
        for path in sorted(folder.glob(f"*_{modul}.ipynb")) if folder.is_dir() else []:
            pid = path.name.split("_", 1)[0]
            try:
                token = claimed_token(json.loads(_read_text(path) or ""))
            except (ValueError, AttributeError, TypeError):
                continue
            if not token:
                continue
            given = _norm_token(token)
            for scheme, scope in (
                (SCHEME_FORM, f"uji:{modul}"),
                *((SCHEME_FORM, _round_scope(modul, n)) for n in sorted(rounds) if n > 1),
                (SCHEME_UJI, "uji"),
                (SCHEME_ONE, ""),
            ):
                if given == _norm_token(_derive(secret, pid, scope)):
                    return scheme
    return None


def _rounds_recorded(workshop: Workshop, modul: str) -> list[dict]:
    from alaskaki.workshop import putaran

    p = putaran.read_round(workshop.root, modul)
    return [*p.sebelumnya, {"nomor": p.nomor, "peserta": p.peserta}]


def _uji_scheme(workshop: Workshop) -> str | None:
    """Which uji tokens the cards carry: SCHEME_FORM, SCHEME_UJI, SCHEME_ONE (cards printed before
    the uji had a token of its own), or None (nothing says; a lost mark beside an old secret)."""
    path = _secret_path(workshop)
    secret, recorded = _read_secret(path) if path.is_file() else (b"", None)
    mark = _lines(_mark_path(workshop))
    marked = _scheme_in(mark) if mark is not None else None
    if SCHEME_FORM in (recorded, marked):
        return SCHEME_FORM
    if recorded or marked:
        return SCHEME_UJI
    personal = _personal_uji_scheme(workshop, secret) if secret else None
    if personal is not None:
        return personal
    return SCHEME_ONE if mark is not None else None


def _secret(workshop: Workshop, *, create: bool) -> bytes | None:
    import secrets

    path = _secret_path(workshop)
    recorded = _recorded_fingerprint(workshop)
    if path.is_file():
        secret, scheme_recorded = _read_secret(path)
        if recorded and recorded != _fingerprint(secret):
            raise AlaskakiError(
                f"Kunci token {path} bukan kunci yang dipakai untuk kartu peserta yang sudah "
                f"dibagikan (lihat {TOKEN_MARK}): token di kartu tidak akan cocok. Salin kembali "
                "penilaian/kunci-token.txt yang asli dari salinan lokakarya atau dari cadangan.",
                exit_code=EXIT_INPUT,
            )
        scheme = _uji_scheme(workshop)
        if scheme in (SCHEME_FORM, SCHEME_UJI) and scheme != scheme_recorded:
            # a key written before the scheme was kept with it: record it where the key is
            with contextlib.suppress(OSError):
                _write_secret(path, secret.decode("ascii"), scheme=scheme)
        if recorded is None:
            # the mark is gone (or the workshop predates it): write it again with what the key,
            # the personal copies or, failing both, the old default (one token) say
            _write_mark(workshop, secret, scheme=scheme or SCHEME_ONE)
        return secret
    if recorded is not None or _token_traces(workshop):
        raise AlaskakiError(
            f"Kunci token hilang: {path} tidak ada, padahal token peserta sudah dibagikan (lihat "
            f"{TOKEN_MARK}). Tanpa kunci itu token di kartu tidak bisa diperiksa, dan kunci baru "
            "membuat semua kartu salah. Salin kembali penilaian/kunci-token.txt dari salinan "
            "lokakarya atau cadangan, lalu jalankan perintah ini lagi.",
            exit_code=EXIT_INPUT,
        )
    if not create:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_secret(path, secrets.token_hex(32), scheme=SCHEME_FORM)
    secret, _ = _read_secret(path)
    _write_mark(workshop, secret)
    return secret


def _uji_scope(workshop: Workshop, modul: str | None, pid: str | None = None) -> str:
    """What a token of ``modul`` is derived from besides the id: "uji:<modul>" for a module whose
    file is uji evidence (a form, or a module with essays the trainer scores), "" for a latihan
    module; on older cards, what those cards carry. A form's retaker (``pid``) in round 2 or later
    has that round's token, "uji:<modul>:<round>" (red team R24b)."""
    if modul is None:
        return ""
    form = modul in _uji_forms()
    if not form and not _trainer_scored(workshop, modul):
        return ""
    scheme = _uji_scheme(workshop)
    if scheme == SCHEME_ONE or (scheme == SCHEME_UJI and not form):
        return ""  # cards printed before: an essay module had no token of its own on them
    if scheme == SCHEME_UJI:
        return "uji"
    return _round_scope(modul, _round_of(workshop, modul).get(pid, 1) if form and pid else 1)


# A form's token is per ROUND too (red team R24b): p02 fails round 1 of asesmen-akhir, lends his
# round-1 sheet once the round is closed ("it is over"), retakes in round 2; the token on the lent
# sheet must not hand in a blank round-2 form as him. Round 1 keeps "<id>:uji:<form>" (the cards
# printed before stay valid); a retaker's round n >= 2 token is "<id>:uji:<form>:<n>", printed by
# `alaskaki kartu --formulir <form>`. Only cards with a token per form (SCHEME_FORM) get it: older
# cards carry one uji token whatever the round, and collect says what that proves.
def _round_scope(modul: str, nomor: int) -> str:
    return f"uji:{modul}" if nomor <= 1 else f"uji:{modul}:{nomor}"


def _round_of(workshop: Workshop, modul: str) -> dict[str, int]:
    """Per participant, the last round of form ``modul`` they sat (absent: round 1)."""
    from alaskaki.workshop import putaran

    p = putaran.read_round(workshop.root, modul)
    last: dict[str, int] = {}
    for r in [*p.sebelumnya, {"nomor": p.nomor, "peserta": p.peserta}]:
        for pid in r.get("peserta") or []:
            last[str(pid)] = int(r.get("nomor", 1))
    return last


def _earlier_round_scopes(workshop: Workshop, modul: str, pid: str) -> list[tuple[int, str]]:
    """(round, scope) of the rounds of form ``modul`` before ``pid``'s current one."""
    now = _round_of(workshop, modul).get(pid, 1)
    return [(n, _round_scope(modul, n)) for n in range(now - 1, 0, -1)]


def _uji_forms() -> tuple[str, ...]:
    from alaskaki.exercises.asesmen import FORMS

    return FORMS


# The uji is not only the forms: kompetensi.yml's uji evidence outside them is the trainer-scored
# cells of a module (the framework's checker allows no other), e.g. m7a's and m7b's essays. A
# latihan notebook lent to a friend must not hand those in either (red team R35): such a module
# has its own token too.
@functools.lru_cache(maxsize=64)
def _holds_trainer_scored(path: str, stamp: tuple[int, int]) -> bool:
    import json

    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    for cell in nb.get("cells", []) if isinstance(nb, dict) else []:
        meta = (cell.get("metadata") or {}).get("nbgrader") or {} if isinstance(cell, dict) else {}
        if isinstance(meta, dict) and (
            meta.get("task") or (meta.get("grade") and meta.get("solution"))
        ):
            return True
    return False


def _trainer_scored(workshop: Workshop, modul: str) -> bool:
    path = workshop.source_notebook(modul)
    try:
        st = path.stat()
    except OSError:
        return False
    return _holds_trainer_scored(str(path), (st.st_mtime_ns, st.st_size))


def uji_modules(workshop: Workshop) -> list[str]:
    """The modules whose files are uji evidence, each with its own token on the card: the two
    forms, then the workshop's modules with trainer-scored cells."""
    forms = list(_uji_forms())
    rubric = sorted(
        m for m in workshop.modules() if m not in forms and _trainer_scored(workshop, m)
    )
    return forms + rubric


def _derive(secret: bytes, pid: str, scope: str = "") -> str:
    import hashlib
    import hmac

    message = pid.lower() + (f":{scope}" if scope else "")
    digest = hmac.new(secret, message.encode("utf-8"), hashlib.sha256).digest()
    chars = [TOKEN_ALPHABET[b % len(TOKEN_ALPHABET)] for b in digest[:8]]
    return "".join(chars[:4]) + "-" + "".join(chars[4:])


def _norm_token(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def new_token_secret(workshop: Workshop, when: str) -> bool:
    """A copy of a workshop for a new batch (:func:`alaskaki.workshop.course.own_forms_for_a_copy`):
    the token secret, its mark and the personal copies made with it belong to the other batch's
    cards (red team R67: batch 1's p01 card would hand in a sheet as batch 2's p01). They are put
    aside in ``penilaian/`` (nothing deleted) and a new secret is made; the cards are printed anew.
    False when the copy had no secret (the first ``kartu`` makes one)."""
    import os
    import secrets

    path = _secret_path(workshop)
    if not path.is_file():
        return False
    state = workshop.state_dir
    moves = [
        (path, state / f"{TOKEN_SECRET}-salinan-{when}"),
        (_mark_path(workshop), state / f"{TOKEN_MARK}-salinan-{when}"),
        (workshop.root / PERSONAL_DIR, state / f"{PERSONAL_DIR}-salinan-{when}"),
    ]
    try:
        for src, dest in moves:
            if src.exists():
                os.rename(src, dest)
        _write_secret(path, secrets.token_hex(32), scheme=SCHEME_FORM)
    except OSError as err:
        raise from_os_error(err, doing="membuat kunci token baru", path=path) from err
    _write_mark(workshop, _read_secret(path)[0])
    return True


def issue_tokens(workshop: Workshop, modul: str | None = None) -> dict[str, str]:
    """Every participant's token for ``modul`` (default: the latihan token; an uji form has its
    own). Made once per workshop; the same on every call."""
    from alaskaki.workshop.lock import writer_lock

    # the first call writes the secret: two at once would print cards of two secrets
    with writer_lock(workshop.root, "kartu"):
        secret = _secret(workshop, create=True)
    scope = _uji_scope(workshop, modul)
    rounds = (
        _round_of(workshop, modul) if modul in _uji_forms() and scope.startswith("uji:") else {}
    )
    return {
        pid: _derive(secret, pid, _round_scope(modul, rounds[pid]) if pid in rounds else scope)
        for pid in workshop.participant_ids()
    }


def retake_round(workshop: Workshop, modul: str) -> tuple[int, list[str]] | None:
    """(round, retakers) when form ``modul`` is in a retake round whose retakers have a token of
    that round on their card (kartu --formulir says so); None otherwise."""
    if modul not in _uji_forms() or not _uji_scope(workshop, modul).startswith("uji:"):
        return None
    from alaskaki.workshop import putaran

    p = putaran.read_round(workshop.root, modul)
    return (p.nomor, list(p.peserta or [])) if p.nomor > 1 else None


def uji_scheme(workshop: Workshop) -> str:
    """Which uji tokens this workshop's cards carry (SCHEME_FORM for a new workshop)."""
    return _uji_scheme(workshop) or SCHEME_FORM


def shared_uji_token_note(workshop: Workshop, modul: str | None = None) -> str | None:
    """For a workshop whose cards carry one token for both uji forms (or one for everything):
    what the token then proves, for collect (of an uji ``modul``) and kartu to say; None for
    per-form tokens or a latihan module."""
    scheme = uji_scheme(workshop)
    if scheme == SCHEME_FORM or (modul is not None and modul not in uji_modules(workshop)):
        return None
    which = (
        "satu token untuk semua modul"
        if scheme == SCHEME_ONE
        else "satu token uji untuk asesmen-awal dan asesmen-akhir"
    )
    return (
        f"Kartu peserta lokakarya ini dicetak dengan {which} (kartu lama, tetap berlaku): token "
        "yang terbaca di notebook yang dipinjamkan (mis. asesmen-awal sesudah uji awal, atau "
        "notebook latihan) juga membuka asesmen-akhir atau esai rubrik pemiliknya. Kumpulkan uji "
        "langsung di kelas dan periksa sendiri siapa yang menyerahkan."
    )


def participant_token(workshop: Workshop, pid: str, modul: str | None = None) -> str | None:
    secret = _secret(workshop, create=False)
    return _derive(secret, pid, _uji_scope(workshop, modul, pid)) if secret else None


def token_check(
    workshop: Workshop, pid: str, token: str | None, modul: str | None = None
) -> str | None:
    """Why a file of ``modul`` for ``pid`` carrying ``token`` must be held back, or None."""
    secret = _secret(workshop, create=False)
    if secret is None:
        return None  # no tokens issued in this workshop: nothing to check
    if not token:
        return "TOKEN_PESERTA tidak diisi (token sudah dibagikan lewat kartu peserta)"
    scope = _uji_scope(workshop, modul, pid)
    given = _norm_token(token)
    if given == _norm_token(_derive(secret, pid, scope)):
        return None
    if modul in _uji_forms() and scope.startswith("uji:"):
        # the token of a closed round's sheet (lent once the round was over) names itself
        now = _round_of(workshop, modul).get(pid, 1)
        for n, earlier in _earlier_round_scopes(workshop, modul, pid):
            if given == _norm_token(_derive(secret, pid, earlier)):
                return (
                    f"TOKEN_PESERTA adalah token {modul} putaran {n} {pid} (putaran yang sudah "
                    f"ditutup); {modul} putaran {now} memakai token putaran {now} {pid} dari "
                    f"`alaskaki kartu --formulir {modul}`"
                )
    if scope == "" and modul in _uji_forms() and given == _norm_token(_derive(secret, pid, "uji")):
        return None  # a card reprinted with the uji token: only the key's holder could make it
    ids = workshop.participant_ids()
    owner = next((q for q in ids if _norm_token(_derive(secret, q, scope)) == given), None)
    if owner:
        return f"TOKEN_PESERTA milik {owner}, bukan {pid}"
    if scope:
        # another kind of token of the card: name it, so the trainer sees a lent notebook
        own = f"token {modul}" if scope.startswith("uji:") else "token uji"
        kinds = [("token latihan", "")]
        kinds += [(f"token {m}", f"uji:{m}") for m in uji_modules(workshop) if f"uji:{m}" != scope]
        for kind, other in kinds:
            q = next((q for q in ids if _norm_token(_derive(secret, q, other)) == given), None)
            if q:
                return (
                    f"TOKEN_PESERTA adalah {kind} {q}; {modul} memakai {own} {pid} dari kartu "
                    "peserta"
                )
    return f"TOKEN_PESERTA '{token[:20]}' bukan token {pid}"


_TOKEN_ASSIGN = re.compile(r"^[ \t]*TOKEN_PESERTA[ \t]*=[ \t]*([\"'])(.*?)\1", re.M)


def claimed_token(nb: dict) -> str | None:
    """``TOKEN_PESERTA`` as a notebook (its JSON, as read) sets it: the last assignment."""
    found = []
    for cell in nb["cells"]:
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            src = cell.get("source", "")
            src = "".join(src) if isinstance(src, list) else str(src)
            found += [m[1].strip() for m in _TOKEN_ASSIGN.findall(src)]
    return found[-1] if found else None


def _setup_index(nb) -> int | None:
    for i, cell in enumerate(nb.cells):
        if (
            cell.cell_type == "code"
            and "ID_PESERTA" in cell.source
            and "alaskaki.exercises" in cell.source
        ):
            return i
    return None


def with_token_line(source: str, token: str, pid: str | None) -> str:
    """The setup cell with ``TOKEN_PESERTA`` after the ID line (and the id filled in when given)."""

    lines = source.splitlines()
    out = []
    for line in lines:
        if line.lstrip().startswith("TOKEN_PESERTA"):
            continue
        if re.match(r"^\s*ID_PESERTA\s*=", line):
            if pid is not None:
                line = re.sub(r"([\"']).*?\1", f'"{pid}"', line, count=1)
            out.append(line)
            out.append(TOKEN_LINE.format(token=token))
            continue
        out.append(line)
    return "\n".join(out)


def add_token_line(release_nb: Path) -> None:
    """Give the released notebook an empty ``TOKEN_PESERTA`` line to fill from the card."""
    import nbformat

    nb = nbformat.read(release_nb, as_version=4)
    i = _setup_index(nb)
    if i is None:
        return
    nb.cells[i].source = with_token_line(nb.cells[i].source, "", None)
    nbformat.write(nb, release_nb)


def personal_releases(workshop: Workshop, modul: str) -> list[Path]:
    """One copy of the released notebook per participant with ID and token filled in."""
    import nbformat

    released = workshop.release_notebook(modul)
    tokens = issue_tokens(workshop, modul)
    out_dir = workshop.root / PERSONAL_DIR / modul
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for pid, token in tokens.items():
        nb = nbformat.read(released, as_version=4)
        i = _setup_index(nb)
        if i is not None:
            nb.cells[i].source = with_token_line(nb.cells[i].source, token, pid)
        path = out_dir / f"{pid}_{modul}.ipynb"
        nbformat.write(nb, path)
        written.append(path)
    return written
