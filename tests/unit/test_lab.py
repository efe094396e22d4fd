"""The glossary and the assessment reference sheet sit beside the module folders (issue 15 req. 5).

Each module's first cell links ``../istilah.ipynb``. Released for a laptop or USB workshop, the
module lives in ``release/<modul>/`` (or ``pribadi/<modul>/``): the link must open there, and in
the folder ``alaskaki-lab`` opens on a participant's laptop. On a hub the same function puts them
in each participant's home (tests/integration/test_hub.py).
"""

from __future__ import annotations

import os
import re
import stat

import nbformat
import pytest

from alaskaki import paths
from alaskaki.lab import REFERENCE_NOTEBOOKS, place_reference_notebooks
from alaskaki.workshop import init_workshop, release_module

MODUL = "m3-biaya-produksi"
LINK = re.compile(r"\]\((\.\./[^)#\s]+\.ipynb)")


def _links(nb_path) -> set[str]:
    nb = nbformat.read(nb_path, as_version=4)
    return {m for c in nb.cells if c.cell_type == "markdown" for m in LINK.findall(c.source)}


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("rujukan")
    roster = tmp / "peserta.csv"
    roster.write_text(
        "id,nama,ikm,kelurahan,jenis_kelamin,peran\np01,Siti,UD Contoh,Miji,P,pemilik\n",
        encoding="utf-8",
    )
    ws = init_workshop(tmp / "lokakarya", roster=roster, modules=[MODUL])
    rel = release_module(ws, MODUL, personal=True)
    return ws, rel


def test_every_relative_link_of_a_released_module_opens(released):
    ws, rel = released
    for nb_path in [rel.notebook, rel.personal[0]]:
        links = _links(nb_path)
        assert "../istilah.ipynb" in links, links
        for link in links:
            target = nb_path.parent / link
            assert target.is_file(), f"{link} of {nb_path} leads nowhere"
            assert target.read_bytes() == (paths.NOTEBOOKS_DIR / target.name).read_bytes()


def test_release_folder_carries_both_notebooks_read_only(released):
    ws, _ = released
    for name in REFERENCE_NOTEBOOKS:
        for folder in (ws.release(), ws.personal()):
            mode = stat.S_IMODE((folder / name).stat().st_mode)
            assert mode == 0o444, (folder / name, oct(mode))
            nbformat.read(folder / name, as_version=4)  # a notebook JupyterLab opens


def test_a_second_release_replaces_the_read_only_copies(released):
    ws, _ = released
    (ws.release() / "istilah.ipynb").chmod(0o444)  # as the first release left it
    assert place_reference_notebooks(ws.release())  # what the next release_module calls
    assert (ws.release() / "istilah.ipynb").is_file()


def test_a_planted_link_is_replaced_never_written_through(tmp_path):
    """In a participant's home the participant owns the folder: a link named istilah.ipynb pointing
    at another file must not make the copy (root's, on a hub) write into that file."""
    victim = tmp_path / "rahasia.txt"
    victim.write_text("jangan diubah")
    home = tmp_path / "rumah"
    home.mkdir()
    (home / "istilah.ipynb").symlink_to(victim)
    (home / "lembar-rujukan.ipynb").mkdir()  # the participant's own folder of that name stays
    placed = place_reference_notebooks(home)
    assert victim.read_text() == "jangan diubah"
    assert placed == [home / "istilah.ipynb"]
    assert not (home / "istilah.ipynb").is_symlink()
    assert (home / "lembar-rujukan.ipynb").is_dir()
    assert not os.access(home / "istilah.ipynb", os.W_OK) or os.geteuid() == 0
    assert stat.S_IMODE((home / "istilah.ipynb").stat().st_mode) == 0o444


def test_alaskaki_lab_adds_the_glossary_beside_copied_modules(released, tmp_path, monkeypatch):
    """A participant copied only the module folder from the stick: ``alaskaki-lab FOLDER`` puts the
    glossary and the reference sheet beside it, and keeps a copy the participant already has."""
    import shutil
    import subprocess

    from alaskaki import lab

    ws, rel = released
    folder = tmp_path / "dari-usb"
    shutil.copytree(rel.notebook.parent, folder / MODUL)
    (folder / "lembar-rujukan.ipynb").write_text("{}")  # the participant's own, kept
    started = []
    monkeypatch.setattr(subprocess, "call", lambda cmd, env: started.append(cmd) or 0)
    assert lab.main([str(folder)]) == 0
    assert f"--notebook-dir={folder}" in started[0]
    assert (folder / "istilah.ipynb").read_bytes() == (
        paths.NOTEBOOKS_DIR / "istilah.ipynb"
    ).read_bytes()
    assert (folder / "lembar-rujukan.ipynb").read_text() == "{}"
    for link in _links(folder / MODUL / f"{MODUL}.ipynb"):
        assert (folder / MODUL / link).is_file(), link
    empty = tmp_path / "kosong"  # not a folder of modules: nothing is added
    empty.mkdir()
    assert lab.main([str(empty)]) == 0 and not list(empty.iterdir())
