"""Red team (session 6, R34, careless trainer): one workshop folder copied as the template of
every batch.

A trainer who runs several batches (the kit's setting: many IKM in Kota Mojokerto) makes the
folder once with ``alaskaki init``, then copies it for each batch (``cp -r templat angkatan-2``)
and imports that batch's roster: issue 14 promises that copy, move and rename "just work". Each
copy carries the template's ``penilaian/kunci-soal.txt`` and the forms drawn from it: batch 1 and
batch 2 sit the SAME asesmen-akhir, so a batch-1 participant who passed (or batch 1's pooled rapor,
R5c) gives batch 2 the key, the very thing a workshop's own secret exists to prevent
(docs/grading.md, "Workshop forms"). (The token secret is made by the first ``kartu``/``--pribadi``,
so copies of a template that never issued cards get their own.) ``release`` of an uji form in a copy must not hand out another live workshop's form
(give the copy its own secret and forms, or refuse by name with the way out: ``alaskaki init`` a
new folder). ~40 s: one init, two copies, two releases; no grading.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from alaskaki import paths

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "attack"))

import serangan  # noqa: E402

MODUL = "asesmen-akhir"

pytestmark = [pytest.mark.slow]
_key = serangan.form_key


def test_two_batches_copied_from_one_template_never_sit_the_same_form(tmp_path):
    from alaskaki.errors import AlaskakiError
    from alaskaki.workshop.course import Workshop, init_workshop
    from alaskaki.workshop.release import release_module
    from alaskaki.workshop.roster import import_roster

    template = init_workshop(tmp_path / "templat", modules=[MODUL])
    batch2_roster = tmp_path / "angkatan-2.csv"
    batch2_roster.write_text(
        "id,nama,ikm,kelurahan,jenis_kelamin,peran\n"
        "p01,Dwi Lestari,UD Alas Kaki Sentanan,Sentanan,P,pemilik\n"
        "p02,Eko Prasetyo,UD Alas Kaki Sentanan,Sentanan,L,penjahit\n",
        encoding="utf-8",
    )
    released, refused = {}, {}
    for name, roster in (
        ("angkatan-1", paths.dataset("contoh_peserta.csv")),
        ("angkatan-2", batch2_roster),
    ):
        ws = Workshop(shutil.copytree(template.root, tmp_path / name, symlinks=True))
        import_roster(ws, roster)
        try:
            release_module(ws, MODUL, due="2026-12-01 17:00")
        except AlaskakiError as err:
            refused[name] = str(err)
            continue
        released[name] = ws
    if len(released) < 2:
        assert refused and all("init" in why for why in refused.values()), refused
        return
    one, two = released["angkatan-1"], released["angkatan-2"]
    k1, k2 = _key(one), _key(two)
    same = sum(k1[g] == k2.get(g) for g in k1)
    same_form = one.source_notebook(MODUL).read_bytes() == two.source_notebook(MODUL).read_bytes()
    assert not same_form and same <= len(k1) // 2, (
        f"two batches copied from one template sit {'the same form' if same_form else 'forms'} "
        f"with {same}/{len(k1)} answers equal"
    )
