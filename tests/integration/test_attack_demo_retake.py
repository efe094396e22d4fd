"""Red team (session 5), OPEN on main when written (owner: folder/sealed; R23b, around R23's fix):
the demo folder's RETAKE form is just as public as its first form.

R23's fix refuses to release an uji of a folder made by `alaskaki demo` once real participants
are in the roster, by comparing the form's key with the demo's public key (round 1). `alaskaki
ulang` draws a new form from sha256(workshop secret + ":putaran-N"), and the demo's workshop
secret is the public `demo-<SEED>`: the retake form of a demo folder is computable by anyone with
the kit's source, and the check does not know it. The trainer practised with the demo (which
closes its uji), imports the real roster there, and, told the form is spent, gives everyone a new
form with `ulang` as the guide says for a spent form; `release` hands it out. Suggest: judge the
SECRET (a workshop secret equal to the demo's, or any round derived from it) rather than round 1's
key; or `ulang` refuses in a demo folder with real participants.
"""

from __future__ import annotations

import hashlib

import pytest

from alaskaki import paths
from alaskaki.folder import Folder

pytestmark = [pytest.mark.slow]

MODUL = "asesmen-akhir"


def test_the_demos_public_secret_never_reaches_a_released_retake_form(tmp_path):
    from alaskaki.errors import AlaskakiError
    from alaskaki.workshop import demo, putaran
    from alaskaki.workshop.course import init_workshop
    from alaskaki.workshop.release import release_module
    from alaskaki.workshop.roster import import_roster
    from alaskaki_kunci import asesmen, bengkel

    root = tmp_path / "lokakarya"
    secret = f"demo-{demo.SEED}"
    ws = init_workshop(
        root, roster=paths.dataset("contoh_peserta.csv"), modules=[MODUL], rahasia_soal=secret
    )
    putaran.tutup(root, MODUL)  # the demo closes its uji before its rapor
    real = tmp_path / "peserta-asli.csv"
    real.write_text(
        "id,nama,ikm,kelurahan,jenis_kelamin,peran\nq01,Sri Lestari,UD Maju,Miji,P,pemilik\n",
        encoding="utf-8",
    )
    import_roster(ws, real)
    try:
        putaran.ulang(root, MODUL, ["q01"])
        release_module(ws, MODUL, due="2026-12-10 17:00")
    except AlaskakiError as err:  # refused, naming the demo's public secret: defended
        assert "demo" in str(err).lower(), err
        return
    round2 = hashlib.sha256(f"{secret}:putaran-2".encode()).hexdigest()[:32]
    public = asesmen.kunci(MODUL, round2)  # anyone with the kit's source
    graded_by = bengkel.kunci_form(Folder(root).source_notebook(MODUL))
    right = sum(
        asesmen.benar(r["harapan"], public.get(r["grade_id"]), r["batas"]) for r in graded_by
    )
    assert right <= 12, (
        f"the retake form released to a real participant in a folder made by `alaskaki demo` is "
        f"answered {right}/{len(graded_by)} from the demo's public secret (round 2 = "
        f"sha256('demo-<SEED>:putaran-2'))"
    )
