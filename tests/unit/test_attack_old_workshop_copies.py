"""Red team (session 7, issue 14 R34 for old workshops): a workshop made before session 6 (no
``folder_asal`` in lokakarya.json) copied by a careless trainer, and the original itself.

The first command after the update records the folder (``Folder.record_old_origin``). Copied with
the usual tools, a copy must be told apart at its first command (so its first uji release or
``cetak`` draws its own form), or at least be told that it cannot be known, with the way out; the
original must never be taken for a copy after the things that happen to a folder that stays put.

* copies that keep the gradebook's times — ``cp -rp``, ``tar --format=posix`` (nanosecond times),
  a move to another disk (``mv`` across file systems): recorded as not the folder init made, no note;
* copies that do not — ``tar`` (GNU format: whole seconds), ``zip``/``unzip`` on another laptop:
  nothing to tell them by, so the first command says so once (the note with ``alaskaki init``);
* the original after a reboot (nothing changes), ``touch gradebook.db``, SQLite's ``VACUUM`` (a
  DB browser's "compact"), ``alaskaki pulihkan 1`` as the first command: recorded as its own.

One workshop is made (module fixture); each case copies it with the real tool and runs the real CLI.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from alaskaki import paths

UJI = "asesmen-akhir"
NOTE = "sekali saja"


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A workshop as an older kit left it: no folder_asal, the gradebook's state recorded by its
    last command (what the kit has done since cadangan/ existed)."""
    from alaskaki.folder import ORIGIN_KEY
    from alaskaki.workshop.course import Workshop, init_workshop

    root = tmp_path_factory.mktemp("lama") / "lokakarya"
    init_workshop(root, roster=paths.dataset("contoh_peserta.csv"), modules=[UJI])
    ws = Workshop(root)
    meta = ws.meta()
    del meta[ORIGIN_KEY]
    ws.meta_file.write_text(json.dumps(meta), encoding="utf-8")
    ws.before_write("roster")
    return root


def _sh(cmd: str, cwd: Path) -> None:
    subprocess.run(cmd, shell=True, check=True, cwd=cwd)


def _copy(template: Path, tmp_path: Path, how: str) -> Path:
    """``template`` copied to tmp_path/salinan with ``how`` (the shell tools a trainer uses)."""
    src, dest = template.parent, tmp_path / "salinan"
    if how == "cp -rp":
        _sh(f"cp -rp {template} {dest}", tmp_path)
    elif how.startswith("tar"):
        fmt = "--format=posix" if "posix" in how else "--format=gnu"
        dest.mkdir()
        _sh(
            f"tar {fmt} -C {src} -cf - {template.name} | tar -C {dest} -xf - --strip-components=1",
            tmp_path,
        )
    elif how == "zip":
        if shutil.which("zip") is None or shutil.which("unzip") is None:
            pytest.skip("zip/unzip not installed")
        _sh(f"zip -qr {tmp_path}/lokakarya.zip {template.name}", src)
        _sh(f"unzip -q lokakarya.zip && mv {template.name} {dest}", tmp_path)
    elif how == "mv to another disk":
        shm = Path("/dev/shm")
        if not shm.is_dir() or shm.stat().st_dev == tmp_path.stat().st_dev:
            pytest.skip("no second file system to move to")
        here = tmp_path / "dulu"
        _sh(f"cp -a {template} {here}", tmp_path)  # a workshop of its own, as the old kit left it
        from alaskaki.workshop.course import Workshop

        Workshop(here).before_write("roster")
        dest = shm / f"alaskaki-redteam-{os.getpid()}-{tmp_path.name}"
        _sh(f"mv {here} {dest}", tmp_path)
    else:
        raise AssertionError(how)
    return dest


def _first_command(root: Path, capsys) -> str:
    from alaskaki.cli import main

    assert main(["status", "-w", str(root)]) == 0
    return capsys.readouterr().err


def _key(root: Path) -> dict:
    from alaskaki.workshop.course import Workshop
    from alaskaki_kunci.bengkel import kunci_form

    return {r["grade_id"]: r["harapan"] for r in kunci_form(Workshop(root).source_notebook(UJI))}


@pytest.mark.parametrize("how", ["cp -rp", "tar posix", "mv to another disk"])
def test_a_copy_that_keeps_the_gradebooks_times_is_told_apart(template, tmp_path, capsys, how):
    from alaskaki.folder import Folder

    copy = _copy(template, tmp_path, how)
    try:
        err = _first_command(copy, capsys)
        assert Folder(copy).moved_from() is not None, f"{how}: taken for the workshop init made"
        assert NOTE not in err, err  # a trace: nothing left unknown
        if how == "tar posix":  # the whole way once: the first uji release draws its own form
            from alaskaki.workshop.course import Workshop, own_forms_for_a_copy

            form = _key(template)
            assert own_forms_for_a_copy(Workshop(copy)) is True
            assert _key(copy) != form and _key(template) == form
    finally:
        if how == "mv to another disk":
            shutil.rmtree(copy, ignore_errors=True)


@pytest.mark.parametrize("how", ["tar gnu", "zip"])
def test_a_copy_without_a_trace_is_told_what_cannot_be_known(template, tmp_path, capsys, how):
    copy = _copy(template, tmp_path, how)
    err = _first_command(copy, capsys)
    assert NOTE in err and UJI in err and "alaskaki init FOLDER_BARU" in err, f"{how}: {err!r}"
    assert NOTE not in _first_command(copy, capsys), "said once"


def _touch(root: Path) -> None:
    from alaskaki.folder import Folder

    os.utime(Folder(root).own_gradebook)


def _vacuum(root: Path) -> None:
    from alaskaki.folder import Folder

    con = sqlite3.connect(Folder(root).own_gradebook)
    con.execute("VACUUM")
    con.close()


def _pulihkan(root: Path) -> None:
    from alaskaki.cli import main

    assert main(["pulihkan", "1", "-w", str(root)]) == 0


@pytest.mark.parametrize("what", ["reboot", "touch", "vacuum", "pulihkan"])
def test_the_original_is_not_taken_for_a_copy(template, tmp_path, capsys, what):
    from alaskaki.folder import Folder
    from alaskaki.workshop.course import Workshop, own_forms_for_a_copy

    original = tmp_path / "lokakarya"
    shutil.copytree(template, original, symlinks=True)
    Workshop(original).before_write("roster")  # its own last state, in its own place
    form = _key(original)
    {
        "reboot": lambda root: None,
        "touch": _touch,
        "vacuum": _vacuum,
        "pulihkan": _pulihkan,
    }[what](original)
    capsys.readouterr()
    _first_command(original, capsys)
    assert Folder(original).moved_from() is None, f"after {what}: taken for a copy"
    assert own_forms_for_a_copy(Workshop(original)) is False
    assert _key(original) == form
