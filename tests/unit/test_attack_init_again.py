"""Red team (session 4), careless trainer: ``alaskaki init`` again on an existing workshop, interrupted.

A new workshop is built beside its final place and renamed in at the end (all or nothing). On an
existing workshop ``init`` only adds the modules missing from ``source/``, and a module counts as
present as soon as its folder exists. The trainer adds the post-test to a running workshop and
presses Ctrl-C while the workshop's own form is being drawn (or the disk fills while it is written),
then runs the same command again, as the error told them.
"""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from alaskaki import paths
from alaskaki.folder import SOURCE_DIR, Folder

UJI = "asesmen-akhir"


@pytest.fixture
def running(tmp_path):
    from alaskaki.workshop.course import init_workshop

    root = tmp_path / "lokakarya"
    init_workshop(root, roster=paths.dataset("contoh_peserta.csv"), modules=["m0-orientasi"])
    return root


def _items(root: Path) -> int:
    """Hidden-test items of the workshop's form; -1 when the notebook is cut (not JSON)."""
    try:
        nb = json.loads(Folder(root).source_notebook(UJI).read_text(encoding="utf-8"))
    except ValueError:
        return -1
    return sum(
        1
        for c in nb["cells"]
        if c.get("metadata", {}).get("nbgrader", {}).get("grade")
        and "kunci.uji(" in "".join(c["source"])
    )


def _interrupted(monkeypatch, how: str):
    from alaskaki_kunci import generate

    real = generate.form_notebook
    if how == "ctrl-c":

        def form_notebook(modul, rahasia):
            raise KeyboardInterrupt

        monkeypatch.setattr(generate, "form_notebook", form_notebook)
    else:  # the disk fills half-way through writing the notebook
        real_write = Path.write_text

        def write_text(self, data, *args, **kwargs):
            if self.name == f"{UJI}.ipynb" and self.parent.parent.name == SOURCE_DIR:
                real_write(self, data[: len(data) // 2], *args, **kwargs)
                raise OSError(errno.ENOSPC, "No space left on device")
            return real_write(self, data, *args, **kwargs)

        monkeypatch.setattr(Path, "write_text", write_text)
    return real


@pytest.mark.parametrize("how", ["ctrl-c", "disk-full"])
def test_init_again_after_an_interrupted_form_gives_the_whole_form(running, monkeypatch, how):
    from alaskaki.workshop.course import init_workshop

    _interrupted(monkeypatch, how)
    with pytest.raises((KeyboardInterrupt, Exception)):
        init_workshop(running, modules=[UJI])
    monkeypatch.undo()

    init_workshop(running, modules=[UJI])  # the trainer runs it again
    form = Folder(running).source_notebook(UJI)
    assert form.is_file(), f"after {how} and init again, source/{UJI}/ has no form: " + repr(
        sorted(p.name for p in form.parent.iterdir())
    )
    items = _items(running)
    assert items == 37, f"after {how} and init again (exit 0) the form has " + (
        "a cut notebook (not JSON)" if items < 0 else f"{items}/37 items"
    )
