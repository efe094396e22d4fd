"""Red team (session 6, R36): a new workshop folder is readable by every account on the machine.

``alaskaki init`` makes the folder 0755 and its files 0644: ``source/asesmen-akhir`` with the key in
its hidden tests (``harapan=``), ``gradebook.db`` (nbgrader's copy of those tests, and later every
grade), ``submitted/`` (everyone's work, once collected). The kit itself says the gradebook "holds
hidden tests: never world-readable" (its backups are written 0600) and writes the form secret
0600, but the live files sit open. On a JupyterHub server ``alaskaki hub users --workshop`` closes a
workshop and the hub start checks the ONE workshop it serves; the next batch's folder, made on the
running server (``sudo alaskaki init /srv/alaskaki/angkatan-2``, the layout of docs/deploy.md), is
readable by every participant account of the batch before until ``hub users`` runs for it — days
when the trainer prepares ahead. ``cat /srv/alaskaki/angkatan-2/source/asesmen-akhir/*.ipynb``
from a participant's terminal gives the whole key.

What "other" (an account that is neither the owner nor in the folder's group) can reach is read
from the mode bits, as the kernel applies them (no ACLs are set by the kit). ~20 s: one init.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MODUL = "asesmen-akhir"


def _other_can_read(path: Path, top: Path) -> bool:
    """Could an account that is neither owner nor group member read ``path``, given that every
    folder above ``top`` is open (``/srv/alaskaki`` made by ``sudo mkdir -p``, 0755)?"""
    d = path.parent
    while True:
        if not os.stat(d).st_mode & stat.S_IXOTH:
            return False
        if d == top:
            break
        d = d.parent
    return bool(os.stat(path).st_mode & stat.S_IROTH)


def test_a_new_workshop_does_not_open_its_key_and_gradebook_to_every_account(tmp_path):
    from alaskaki.workshop.course import init_workshop

    srv = tmp_path / "srv-alaskaki"
    srv.mkdir(mode=0o755)
    os.chmod(srv, 0o755)
    ws = init_workshop(srv / "angkatan-2", modules=[MODUL])
    secret_files = {
        "formulir uji dengan kuncinya": ws.source_notebook(MODUL),
        "buku nilai": ws.own_gradebook,
    }
    assert "harapan=" in secret_files["formulir uji dengan kuncinya"].read_text(encoding="utf-8")
    open_to_all = {
        what: f"{oct(os.stat(p).st_mode & 0o777)} (folder {oct(os.statws.root.st_mode & 0o777)})"
        for what, p in secret_files.items()
        if _other_can_read(p, srv)
    }
    assert not open_to_all, (
        f"a workshop made by `alaskaki init` under an open folder (/srv/alaskaki, 0755): every "
        f"account on the machine reads {open_to_all}"
    )
