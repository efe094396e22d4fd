"""The kit's one exception type and its exit codes.

Every message is written for a trainer in Bahasa Indonesia and names the row, file, module or
participant concerned. ``cli.main`` prints it without a traceback.
"""

from __future__ import annotations

import re

EXIT_OK = 0
EXIT_ERROR = 1  # generic failure
EXIT_USAGE = 2  # wrong command line (argparse uses 2 as well)
EXIT_INPUT = 3  # bad input file: roster, submission, zip
EXIT_NOT_FOUND = 4  # unknown module, participant or workshop folder
EXIT_CONFLICT = 5  # would overwrite or lose something


class AlaskakiError(Exception):
    """An error a trainer can act on; ``str(err)`` is the Indonesian message."""

    def __init__(
        self, message: str, *, exit_code: int = EXIT_ERROR, details: list[str] | None = None
    ):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.details = list(details or [])

    def __str__(self) -> str:
        if not self.details:
            return self.message
        return self.message + "\n" + "\n".join(f"  - {d}" for d in self.details)


# errno families a trainer can act on, each with one Indonesian sentence: what went wrong, what to do.
_OS_REASONS: dict[int, str] = {
    28: "disk penuh. Kosongkan ruang disk (hapus berkas yang tidak perlu), lalu jalankan lagi",
    122: "kuota disk habis. Kosongkan ruang disk, lalu jalankan lagi",
    30: "disk atau folder hanya-baca (read-only). Pindahkan lokakarya ke disk yang bisa ditulis, "
    "lalu jalankan lagi",
    13: "tidak ada izin menulis atau membaca. Jalankan sebagai pemilik folder lokakarya atau "
    "perbaiki izinnya (chmod/chown)",
    1: "tidak ada izin menulis atau membaca. Jalankan sebagai pemilik folder lokakarya atau "
    "perbaiki izinnya (chmod/chown)",
    17: "sudah ada. Pilih nama lain atau hapus yang lama lebih dulu",
    20: "bagian dari jalurnya adalah berkas, bukan folder. Periksa lagi jalurnya",
    21: "jalur itu adalah folder, bukan berkas. Periksa lagi jalurnya",
    2: "tidak ditemukan. Periksa lagi jalurnya",
    36: "nama berkas terlalu panjang. Pakai nama atau folder yang lebih pendek",
    5: "galat baca/tulis dari disk (I/O). Periksa disk atau flashdisk-nya, lalu jalankan lagi",
}

# SQLite reports the same families in its own words (sqlite3.OperationalError has no errno).
_SQLITE_REASONS: list[tuple[str, str]] = [
    ("database or disk is full", _OS_REASONS[28]),
    ("disk is full", _OS_REASONS[28]),
    ("readonly database", _OS_REASONS[30]),
    ("read-only", _OS_REASONS[30]),
    (
        "database is locked",
        "buku nilai sedang dipakai perintah lain. Tunggu perintah itu selesai, lalu jalankan lagi",
    ),
    ("unable to open database", _OS_REASONS[13]),
    ("disk i/o error", _OS_REASONS[5]),
    ("malformed", "buku nilai rusak. Pulihkan dari cadangan dengan `alaskaki pulihkan`"),
    ("not a database", "buku nilai rusak. Pulihkan dari cadangan dengan `alaskaki pulihkan`"),
]


def os_reason(exc: BaseException) -> str | None:
    """The Indonesian cause-and-fix sentence for an OS or SQLite failure, or None when unknown.

    Walks ``__cause__``/``__context__`` (SQLAlchemy wraps sqlite3 errors) so a wrapped error is
    still named.
    """
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        if isinstance(cur, OSError) and cur.errno in _OS_REASONS:
            return _OS_REASONS[cur.errno]
        text = str(cur).lower()
        # Some wrappers keep only the text of the OSError (shutil.Error lists "[Errno 28] ...").
        m = re.search(r"\[errno (\d+)\]", text)
        if m and int(m.group(1)) in _OS_REASONS:
            return _OS_REASONS[int(m.group(1))]
        for needle, reason in _SQLITE_REASONS:
            if needle in text:
                return reason
        cur = cur.__cause__ or cur.__context__
    return None


# The fix of the families above whose fix names the workshop ("Pindahkan lokakarya", "pemilik folder
# lokakarya"): for a place the trainer chose for the output (``report --out``) the fix is another
# place, not the workshop.
_CHOSEN_PLACE_FIX = {
    30: "Pilih folder lain yang bisa ditulis untuk {option}, lalu jalankan lagi",
    13: "Pilih folder lain yang boleh Anda tulis untuk {option}, atau perbaiki izinnya (chmod/chown)",
}
_CHOSEN_PLACE_FIX[1] = _CHOSEN_PLACE_FIX[13]


def from_os_error(
    exc: BaseException, *, doing: str, path: object = None, option: str | None = None
) -> AlaskakiError:
    """Turn an OSError (or a wrapped SQLite error) into one Indonesian sentence naming the cause.

    ``doing`` says what the kit was doing, e.g. ``"menulis buku nilai"``; ``path`` names the file.
    ``option`` (e.g. ``"--out"``): the path is a place the trainer chose with that option, outside
    the workshop, so a read-only or forbidden place is fixed by choosing another one.
    """
    reason = os_reason(exc) or f"galat sistem: {exc.__class__.__name__}"
    if option is not None:
        for family, fix in _CHOSEN_PLACE_FIX.items():
            if reason == _OS_REASONS[family]:
                reason = reason.split(". ", 1)[0] + ". " + fix.format(option=option)
                break
    where = f" ({path})" if path is not None else ""
    code = EXIT_CONFLICT if getattr(exc, "errno", None) == 17 else EXIT_ERROR
    return AlaskakiError(f"Gagal {doing}{where}: {reason}.", exit_code=code)
