"""Red team (session 4), careless trainer: a real workshop run in a folder made by ``alaskaki demo``.

The demo draws its uji forms from a FIXED secret (``demo-<SEED>``, in the kit's public source), so
anyone can draw the demo's forms and their key. The trainer practised with ``alaskaki demo
--out lokakarya``, then imports the real roster into that folder and releases the post-test there
(or copies the demo folder as a template). The participants' form must not be answerable from the
public source: the kit refuses to release it, or the form is not the demo's.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from alaskaki import paths
from alaskaki.folder import Folder

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "attack"))

import serangan  # noqa: E402

MODUL = serangan.MODUL

pytestmark = [pytest.mark.slow]


def test_the_demos_public_secret_never_reaches_a_released_uji(tmp_path):
    from alaskaki.errors import AlaskakiError
    from alaskaki.workshop import demo
    from alaskaki.workshop.course import init_workshop
    from alaskaki.workshop.release import release_module
    from alaskaki.workshop.roster import import_roster
    from alaskaki_kunci import asesmen, bengkel

    root = tmp_path / "lokakarya"
    # what `alaskaki demo` builds (its forms from the fixed secret), before any demo grading
    ws = init_workshop(
        root, roster=paths.dataset("contoh_peserta.csv"), modules=[MODUL],
        rahasia_soal=f"demo-{demo.SEED}",
    )  # fmt: skip
    real = tmp_path / "peserta-asli.csv"
    real.write_text(
        "id,nama,ikm,kelurahan,jenis_kelamin,peran\nq01,Sri Lestari,UD Maju,Miji,P,pemilik\n",
        encoding="utf-8",
    )
    import_roster(ws, real)
    try:
        release_module(ws, MODUL, due="2026-12-10 17:00")
    except AlaskakiError as err:  # refused, naming the demo's public forms: defended
        assert "demo" in str(err).lower(), err
        return
    public = asesmen.kunci(MODUL, f"demo-{demo.SEED}")  # anyone with the kit's source
    graded_by = bengkel.kunci_form(Folder(root).source_notebook(MODUL))
    right = sum(
        asesmen.benar(r["harapan"], public.get(r["grade_id"]), r["batas"]) for r in graded_by
    )
    assert right <= 12, (
        f"the post-test released in a folder made by `alaskaki demo` is answered {right}/"
        f"{len(graded_by)} by the demo's public secret"
    )
