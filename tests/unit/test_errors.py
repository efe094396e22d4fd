"""The kit's one exception and its OS-failure sentences (errors.from_os_error): one sentence, the
file, the cause and the fix that fits the place that failed, for the OS's own errno values and for
SQLite's wording behind a wrapper."""

from __future__ import annotations

import errno
import shutil
import sqlite3

import pytest

from alaskaki import errors
from alaskaki.errors import EXIT_CONFLICT, EXIT_ERROR, AlaskakiError, from_os_error, os_reason


@pytest.mark.parametrize(
    ("code", "cause"),
    [
        (errno.EROFS, "hanya-baca"),
        (errno.EACCES, "tidak ada izin"),
        (errno.EPERM, "tidak ada izin"),
    ],
)
def test_a_place_chosen_with_an_option_is_fixed_by_choosing_another(code, cause):
    exc = OSError(code, "x", "/media/flashdisk/lap")
    said = str(from_os_error(exc, doing="membuat laporan", path=exc.filename, option="--out"))
    assert cause in said and "Pilih folder lain" in said and "--out" in said
    assert "lokakarya" not in said  # the workshop is not what failed
    assert said.startswith("Gagal membuat laporan (/media/flashdisk/lap): ") and said.endswith(".")
    # the same failure in the workshop itself keeps the workshop's fix
    own = str(from_os_error(exc, doing="membuat laporan", path=exc.filename))
    assert "lokakarya" in own and "--out" not in own


def test_other_families_keep_their_fix_wherever_they_happen():
    full = OSError(errno.ENOSPC, "x", "/media/flashdisk/lap")
    said = str(from_os_error(full, doing="membuat laporan", path=full.filename, option="--out"))
    assert "disk penuh" in said and "Kosongkan ruang disk" in said
    exists = from_os_error(FileExistsError(errno.EEXIST, "x"), doing="x", option="--out")
    assert exists.exit_code == EXIT_CONFLICT and "sudah ada" in str(exists)


def test_exit_codes_are_distinct():
    codes = [getattr(errors, n) for n in dir(errors) if n.startswith("EXIT_")]
    assert len(codes) == len(set(codes))


def test_details_are_listed_under_the_sentence():
    err = AlaskakiError("Dua baris salah.", details=["baris 3: ID kosong", "baris 7: ID ganda"])
    assert str(err) == "Dua baris salah.\n  - baris 3: ID kosong\n  - baris 7: ID ganda"
    assert str(AlaskakiError("Satu.")) == "Satu." and AlaskakiError("x").exit_code == EXIT_ERROR


@pytest.mark.parametrize(
    ("code", "says"),
    [
        (errno.ENOSPC, "disk penuh"),
        (errno.EDQUOT, "kuota disk habis"),
        (errno.EROFS, "hanya-baca"),
        (errno.EACCES, "tidak ada izin"),
        (errno.EPERM, "tidak ada izin"),
        (errno.EEXIST, "sudah ada"),
        (errno.ENOTDIR, "bukan folder"),
        (errno.EISDIR, "adalah folder"),
        (errno.ENOENT, "tidak ditemukan"),
        (errno.ENAMETOOLONG, "terlalu panjang"),
        (errno.EIO, "galat baca/tulis"),
    ],
)
def test_each_os_failure_is_one_sentence_naming_the_file_cause_and_fix(code, says):
    err = from_os_error(
        OSError(code, "os text"), doing="menulis buku nilai", path="/ws/gradebook.db"
    )
    msg = str(err)
    assert msg.startswith("Gagal menulis buku nilai (/ws/gradebook.db): ") and says in msg
    assert msg.endswith(".") and "\n" not in msg and "os text" not in msg
    assert err.exit_code == (EXIT_CONFLICT if code == errno.EEXIST else EXIT_ERROR)


def test_sqlite_s_own_words_behind_a_wrapper_are_named():
    try:
        try:
            raise sqlite3.OperationalError("database or disk is full")
        except sqlite3.OperationalError as inner:
            raise RuntimeError("(sqlalchemy) commit failed") from inner
    except RuntimeError as outer:
        assert "disk penuh" in os_reason(outer)
    assert "alaskaki pulihkan" in os_reason(sqlite3.DatabaseError("file is not a database"))
    assert "sedang dipakai" in os_reason(sqlite3.OperationalError("database is locked"))


def test_a_copy_failure_that_kept_only_the_errno_text_is_named():
    exc = shutil.Error([("a", "b", f"[Errno {errno.ENOSPC}] No space left on device")])
    assert "disk penuh" in os_reason(exc)


def test_an_unknown_failure_still_names_what_was_done_and_the_error_kind():
    err = from_os_error(ValueError("aneh"), doing="membaca roster")
    assert str(err) == "Gagal membaca roster: galat sistem: ValueError."
    assert os_reason(ValueError("aneh")) is None
