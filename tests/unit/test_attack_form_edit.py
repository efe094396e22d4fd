"""Red team (session 5): uji forms edited by hand, against the frozen table of old keys (T8).

A form made before forms carried their key (hidden tests ``kunci.uji(id, x)``) is graded by the
key of ITS items, looked up by grade id + question text (``alaskaki_kunci.arsip.lengkapi``).
Attacked as a careless trainer: options of an old item put in another order by hand (the letter of
the right text changes), and a form mixing items with and without ``harapan=`` (an old item pasted
into a new form, or the reverse). Defended here: a reordered old item is refused by name; in a mixed
form only the key-less items are completed, each with the key of its own text, and an edited one is
refused by name alone. Fast: no workshop, no grading.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from alaskaki import paths

OLD = Path(__file__).parents[1] / "fixtures" / "trainerteam" / "asesmen-akhir-f917dfc.ipynb"
NEW = paths.SOURCE_DIR / "asesmen-akhir" / "asesmen-akhir.ipynb"
OPTION = re.compile(r"^\*\*([A-D])\.\*\* (.*?)(  )?$", re.M)


def swap_options(md: str, a: str, b: str) -> str:
    """The question with the TEXTS of options ``a`` and ``b`` exchanged (letters stay in order)."""
    texts = {m[1]: m[2] for m in OPTION.finditer(md)}
    assert a in texts and b in texts, md
    texts[a], texts[b] = texts[b], texts[a]
    return OPTION.sub(lambda m: f"**{m[1]}.** {texts[m[1]]}{m[3] or ''}", md)


def item_cells(nb, gid: str) -> tuple[int, int]:
    """(index of the question markdown, index of the hidden test cell) of item ``gid``."""
    test = next(
        i
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and f'kunci.uji("{gid}"' in c.source
    )
    question = max(i for i in range(test) if nb.cells[i].cell_type == "markdown")
    return question, test


def test_an_old_item_with_its_options_reordered_by_hand_is_refused_by_name():
    from alaskaki_kunci.arsip import KunciLamaTidakDikenal, lengkapi

    nb = nbformat.read(OLD, as_version=4)
    q, _ = item_cells(nb, "post_eks01_kbli")
    nb.cells[q].source = swap_options(nb.cells[q].source, "A", "B")
    with pytest.raises(KunciLamaTidakDikenal) as err:
        lengkapi(nb)
    assert err.value.butir == ["post_eks01_kbli"]


def _mixed():
    """The committed form (keys in its hidden tests) with item post_eks01_alasan replaced by the
    f917dfc form's item (question, answer cell, key-less hidden test), as a trainer pasting it."""
    new, old = nbformat.read(NEW, as_version=4), nbformat.read(OLD, as_version=4)
    nq, nt = item_cells(new, "post_eks01_alasan")
    oq, ot = item_cells(old, "post_eks01_alasan")
    new.cells[nq : nt + 1] = old.cells[oq : ot + 1]
    return new


def test_a_mixed_form_completes_only_its_keyless_items_each_by_its_own_text():
    from alaskaki_kunci.arsip import lengkapi

    nb = _mixed()
    before = [c.source for c in nb.cells]
    assert lengkapi(nb) == 1
    changed = [i for i, c in enumerate(nb.cells) if c.source != before[i]]
    assert len(changed) == 1
    assert "harapan='A'" in nb.cells[changed[0]].source  # f917dfc's own key for its own text
    keyless = [c for c in nb.cells if re.search(r"kunci\.uji\(\"\w+\", \w+\)", c.source)]
    assert not keyless


def test_a_mixed_form_with_its_old_item_reordered_is_refused_naming_that_item_only():
    from alaskaki_kunci.arsip import KunciLamaTidakDikenal, lengkapi

    nb = _mixed()
    q, _ = item_cells(nb, "post_eks01_alasan")
    nb.cells[q].source = swap_options(nb.cells[q].source, "A", "C")
    with pytest.raises(KunciLamaTidakDikenal) as err:
        lengkapi(nb)
    assert err.value.butir == ["post_eks01_alasan"]
