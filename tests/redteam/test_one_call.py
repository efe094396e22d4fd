"""No uji item is answered by ONE call of a function the participant has (issue 19 req. 2).

For every item, every public function of ``alaskaki.domain`` is called with every ordering of the
case's own inputs (as many as the function requires, up to three); no single call may return the
numeric answer (within the grading tolerance) or a text that picks the right option and no other.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import inspect
import io
import itertools
import pkgutil
import warnings
from datetime import date

import pytest

import alaskaki.domain
from alaskaki_kunci import bank

ITEMS = bank.form(bank.AWAL) + bank.form(bank.AKHIR)


def _functions():
    out = []
    for info in pkgutil.iter_modules(alaskaki.domain.__path__, "alaskaki.domain."):
        mod = importlib.import_module(info.name)
        for name, fn in vars(mod).items():
            if name.startswith("_") or not inspect.isfunction(fn) or fn.__module__ != mod.__name__:
                continue
            params = [
                p
                for p in inspect.signature(fn).parameters.values()
                if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
            ]
            if 1 <= len(params) <= 3:
                out.append((f"{info.name}.{name}", fn, len(params)))
    return out


FUNCTIONS = _functions()


class _Text(str):
    """An input text that refuses to be repeated into more than a million characters: ``s * n``
    with an input number (``wage_per_minute("potong", 2900000, 25)`` multiplies days by hours)
    would build gigabytes and then fail on the next line anyway (and such a text is in no option);
    refused at once, the call ends the same way (an exception: no value to judge) in microseconds
    instead of a minute. Repeated texts stay guarded (``s * a * b``)."""

    def __mul__(self, n):
        if isinstance(n, int) and n * len(self) > 1_000_000:
            raise MemoryError("teks input diulang terlalu banyak")
        return _Text(str.__mul__(self, n))

    __rmul__ = __mul__


def _inputs(b: bank.Butir) -> list:
    vals = []

    def add(v):
        if isinstance(v, dict):
            vals.append(v)
            for x in v.values():
                add(x)
        elif isinstance(v, list | tuple):
            for x in v:
                add(x)
        elif isinstance(v, str):
            vals.append(_Text(v))
            with contextlib.suppress(ValueError):
                vals.append(date.fromisoformat(v))
        elif isinstance(v, int | float) and not isinstance(v, bool):
            vals.append(v)

    add(b.data)
    out = []
    for v in vals:  # dedupe, keep order
        if not any(type(v) is type(o) and v == o for o in out):
            out.append(v)
    return out[:8]


def _outputs(value) -> list:
    out = [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out += [getattr(value, f.name) for f in dataclasses.fields(value)]
        for name in dir(type(value)):
            if isinstance(getattr(type(value), name, None), property):
                with contextlib.suppress(Exception):
                    out.append(getattr(value, name))
    return out


def _answers(b: bank.Butir, value, pool: list = ()) -> bool:
    for v in _outputs(value):
        if b.jenis == "angka":
            if not isinstance(v, int | float) or isinstance(v, bool) or not b.benar(v):
                continue
            if float(b.jawaban).is_integer() and abs(b.jawaban) < 20:
                continue  # a count of 3 or 5 comes out of many calls by chance, not by judgment
            if any(isinstance(p, int | float) and p == v for p in pool):
                continue  # an input handed back (an identity), not an answer computed
            return True
        elif isinstance(v, str) and len(v.strip()) >= 2:
            right = b.opsi[bank.HURUF.index(b.jawaban)].lower()
            wrong = [o.lower() for o in b.opsi if o.lower() != right]
            s = v.strip().lower()
            if s in right and not any(s in w for w in wrong):
                return True
    return False


@pytest.mark.parametrize("b", ITEMS, ids=lambda x: x.grade_id)
def test_no_single_library_call_answers_the_item(b):
    pool = _inputs(b)
    hits = []
    for name, fn, arity in FUNCTIONS:
        for args in itertools.permutations(pool, arity):
            with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    value = fn(*args)
                except Exception:  # noqa: BLE001 - wrong inputs for this function
                    continue
            if _answers(b, value, pool):
                hits.append(f"{name}{args!r}")
    assert not hits, f"{b.grade_id} is answered by one call: {hits[:3]}"


def test_the_check_can_fail():
    """A made-up item whose answer one call gives is caught."""
    from alaskaki.domain import quality

    fake = dataclasses.replace(
        bank.item("post_mtu01_sampel"),
        jawaban=float(quality.sampling_plan(400, 2.5).sample_size),
        data={"lot": 400, "aql": 2.5},
    )
    pool = _inputs(fake)
    fn = next(f for name, f, _ in FUNCTIONS if name.endswith("quality.sampling_plan"))
    assert _answers(fake, fn(400, 2.5), pool)
