"""A workshop's own uji forms and their key (GRADER SIDE).

The kit's repository is public, so the key of the committed forms (``assignments/source/asesmen-*``)
is public too. ``alaskaki init`` therefore writes each workshop its own asesmen-awal/akhir from a
per-workshop secret (:data:`alaskaki.folder.UJI_SECRET_FILE` in ``penilaian/``, trainer-only, never
released): the same slots, templates and difficulty as the committed forms, with the deciding facts
of every case and the option order drawn from the secret (:func:`alaskaki_kunci.bank.form`).

Each form carries its key in its own hidden tests (``kunci.uji(id, answer, harapan=...)``), so it is
graded with that key wherever the workshop folder goes (copy, move, backup): the secret and the
forms travel together, and a later kit never changes an old workshop's grades. A workshop made
before this existed has no secret and keeps its committed forms.
"""

from __future__ import annotations

import ast
import os
import re
import secrets
from pathlib import Path

import nbformat

from alaskaki.errors import from_os_error
from alaskaki.folder import read_uji_secret as baca_rahasia
from alaskaki.folder import uji_secret_file as rahasia_path

# baca_rahasia, rahasia_path: the secret's reader and file are the folder's, so that
# Folder.has_demo_secret reads it without reaching up into this package
FORMS = ("asesmen-awal", "asesmen-akhir")
_UJI = re.compile(r'kunci\.uji\("(?P<gid>\w+)",\s*\w+(?P<rest>[^)\n]*)\)')


def buat_rahasia(root: str | Path, rahasia: str | None = None) -> str:
    """The workshop's secret, made (readable by the owner only) when it has none yet."""
    old = baca_rahasia(root)
    if old:
        return old
    path = rahasia_path(root)
    value = rahasia or secrets.token_hex(16)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(value + "\n")
    except OSError as err:
        raise from_os_error(err, doing="menyimpan rahasia soal lokakarya", path=path) from err
    return value


def tulis_form(root: str | Path, modul: str, folder: Path, rahasia: str | None = None) -> Path:
    """Write the workshop's own ``modul`` form into ``folder`` (its ``source/<modul>/``)."""
    from alaskaki_kunci.generate import tulis_form_bengkel

    return tulis_form_bengkel(folder, modul, buat_rahasia(root, rahasia))


def kunci_form(notebook: str | Path) -> list[dict]:
    """The key of a form as its hidden tests grade it, read from the (instructor) notebook.

    One row per item, in order: ``grade_id``, ``kriteria``, ``harapan`` (letter or number),
    ``batas`` (accepted distance of a number, None for a letter), ``opsi`` (the right option's text).
    Forms without ``harapan=`` in their tests (made before forms carried their key) get the frozen
    key of their own items (:func:`alaskaki_kunci.arsip.lengkapi`), as the grader does.
    """
    from alaskaki.errors import AlaskakiError
    from alaskaki_kunci.arsip import (
        KunciLamaTidakDikenal,
        SoalDiubah,
        cocokkan,
        lengkapi,
        soal_diubah,
    )

    nb = nbformat.read(Path(notebook), as_version=4)
    try:
        lengkapi(nb)
    except KunciLamaTidakDikenal as err:
        raise AlaskakiError(
            f"Formulir {Path(notebook).name} dibuat dengan kit lama, dan teks soal butir "
            f"{', '.join(err.butir)} tidak dikenal kit ini, sehingga kuncinya tidak bisa dicetak."
        ) from err
    try:
        cocokkan(nb)  # a key printed for a question edited since would be wrong (red team R29)
    except SoalDiubah as err:
        raise AlaskakiError(soal_diubah(Path(notebook).stem, err.butir)) from err
    soal: dict[str, str] = {}
    rows = []
    last_md = ""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            last_md = cell.source
            continue
        meta = cell.metadata.get("nbgrader", {})
        m = _UJI.search(cell.source) if meta.get("grade") else None
        if not m:
            continue
        gid = m.group("gid")
        kw = _kwargs(m.group("rest"))
        harapan, batas = kw["harapan"], kw.get("batas")
        opsi = ""
        if isinstance(harapan, str):
            hit = re.search(rf"^\*\*{re.escape(harapan)}\.\*\* (.*?)\s*$", last_md, flags=re.M)
            opsi = hit.group(1) if hit else ""
        soal[gid] = last_md
        rows.append(
            dict(
                grade_id=gid,
                kriteria=cell.metadata.get("alaskaki", {}).get("kriteria", ""),
                harapan=harapan,
                batas=batas,
                opsi=opsi,
            )
        )
    return rows


def _kwargs(rest: str) -> dict:
    """``, harapan='B', batas=0.5`` -> {"harapan": "B", "batas": 0.5} (literals only)."""
    call = ast.parse(f"f(x{rest})", mode="eval").body
    assert isinstance(call, ast.Call)
    return {k.arg: ast.literal_eval(k.value) for k in call.keywords if k.arg}
