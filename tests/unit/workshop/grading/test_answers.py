"""Warm sandboxes kept over several modules (grading.answers.keep_warm), without bubblewrap: the
zygotes are stand-ins that record what they were asked to import."""

from __future__ import annotations

from alaskaki.workshop import sandbox as sb
from alaskaki.workshop.grading import answers


class _Stub:
    def __init__(self, *, preload, uid):
        self.preload, self.uid, self.closed = list(preload), uid, False

    def serves(self, preload):
        return set(preload) <= set(self.preload)

    def prestart(self):
        pass

    def close(self):
        self.closed = True


def test_the_coming_modules_imports_make_one_zygote_serve_them_all(monkeypatch):
    monkeypatch.setattr(sb, "Zygote", _Stub)
    coming = ["pandas", "matplotlib.pyplot", "alaskaki.exercises.m3"]
    with answers.keep_warm(coming):
        first = answers._zygote(1, ["alaskaki.exercises.asesmen"])
        later = answers._zygote(1, ["pandas", "matplotlib.pyplot"])
        last = answers._zygote(1, ["alaskaki.exercises.m3"])
    assert later is first and last is first and first.closed  # one start, stopped after the block
    assert set(coming) <= set(first.preload)
    assert answers._coming == [] and answers._kept is None


def test_without_the_coming_modules_a_zygote_is_replaced_when_a_module_needs_more(monkeypatch):
    monkeypatch.setattr(sb, "Zygote", _Stub)
    with answers.keep_warm():
        first = answers._zygote(1, ["alaskaki.exercises.asesmen"])
        later = answers._zygote(1, ["pandas"])
    assert later is not first and first.closed and later.closed
    assert "alaskaki.exercises.asesmen" in later.preload  # it serves the earlier list too


def test_a_notebooks_preload_leaves_out_the_judge_only_packages():
    from alaskaki.workshop.grading.module import notebook_preload

    got = notebook_preload(
        ["import pandas as pd\nfrom alaskaki.exercises import m3", "import alaskaki_kunci.arsip"]
    )
    assert "pandas" in got and "alaskaki.exercises" in got
    assert not any(m.startswith("alaskaki_kunci") for m in got)
