"""errors.from_os_error: one sentence, cause and the fix that fits the place that failed."""

from __future__ import annotations

import errno

import pytest

from alaskaki.errors import EXIT_CONFLICT, from_os_error


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
