"""A participant with no skill, hunting for the uji key. Runs in a FRESH process that sees only the
participant side (the test starts it under bubblewrap with the key package and the instructor sources
hidden, as on a participant's laptop install or as a participant OS user on the hub).

It never judges anything itself (it has no key): it harvests what it can reach and prints JSON
for the test to judge: every number and every item-keyed snippet it found.

    python attack.py KIT_ROOT RELEASED_NB... > harvest.json
"""

from __future__ import annotations

import base64
import contextlib
import importlib
import io
import json
import os
import pkgutil
import re
import sys
import types

PID = "p01"
FORMS = ("asesmen-awal", "asesmen-akhir")
GID = re.compile(r"\b(?:pre|post)_[a-z]{3}\d\d_[a-z0-9_]+")
NUM = re.compile(
    r"(?<![\w.])-?\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?(?![\w])|(?<![\w.])-?\d+(?:[.,]\d+)?(?![\w])"
)

#: where code is, not what it holds: a traceback's `File "…/collect.py", line 1020`, a code object's
#: `file "…", line 1044>` or a warning's
#: `collect.py:1020:` (a line number read as an answer 1019.2 was a false leak)
CODE_PLACE = re.compile(
    r'[Ff]ile "[^"\n]*", line \d+|\b[\w./\\-]+\.py(?::\d+)+|\bline \d+(?=, in\b)'
    # a unit or criterion code (`STR-01.2.1`) is a label printed in every form, not a quantity: read
    # as 12 it met a drawn key of 12 pairs next to the item id (a flaky test_hub, sessions 8-9)
    r"|\b[A-Z]{3}-\d\d(?:\.\d+)*\b"
)  # also a code object's repr: <code object f at 0x…, file "…/collect.py", line 1044>

texts: list[str] = []
attacks: dict[str, str] = {}


def _numbers(text: str) -> set[float]:
    out = set()
    for m in NUM.finditer(CODE_PLACE.sub(" ", text)):
        s = m.group(0)
        cands = {s.replace(",", ""), s.replace(".", "").replace(",", "."), s.replace(",", ".")}
        for c in cands:
            with contextlib.suppress(ValueError):
                out.add(round(float(c), 4))
    return out


def _capture(fn, *args):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
        try:
            value = fn(*args)
        except BaseException as exc:  # noqa: BLE001 - a refused attack is a result
            value = exc
    texts.append(buf.getvalue())
    return value


def run_notebook(path: str) -> dict:
    with open(path, encoding="utf-8") as fh:
        nb = json.load(fh)
    ns: dict = {"__name__": "__main__"}
    for cell in nb["cells"]:
        src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] != "code":
            continue
        src = src.replace('"isi-id-anda"', f'"{PID}"')
        _capture(exec, compile(src, path, "exec"), ns)
    return ns


# the one-liners of issue 19, as a participant would type them in a scratch cell
ONE_LINERS = {
    "harapan_modul": "latihan.harapan(ID_PESERTA)",
    "harapan_asesmen": 'latihan.harapan(ID_PESERTA, "asesmen-akhir")',
    "harapan_awal": 'latihan.harapan(ID_PESERTA, "asesmen-awal")',
    "soal_display": "soal",
    "soal_item": 'soal["post_eks01_kbli"]',
    "butir_periksa": "latihan.Butir.periksa",
    "getattr_concat": 'getattr(latihan, "hara" + "pan")(ID_PESERTA, "asesmen-akhir")',
    "module_dict": "{k: v for k, v in vars(latihan).items() if not k.startswith('__')}",
    "m3_harapan_for_uji": 'importlib.import_module("alaskaki.exercises.m3").harapan(ID_PESERTA, "asesmen-akhir")',
    "exec_base64": "exec(base64.b64decode("
    + repr(
        base64.b64encode(
            b"import alaskaki_kunci.asesmen as k; R = k.kunci('asesmen-akhir')"
        ).decode()
    )
    + "), globals()) or R",
    "import_key": "importlib.import_module('alaskaki_kunci.asesmen').kunci('asesmen-akhir')",
    "import_bank": "[ (b.grade_id, b.jawaban) for b in importlib.import_module('alaskaki_kunci.bank').form('asesmen-akhir') ]",
    "uji_oracle": 'latihan.uji_post_eks01_kbli(ID_PESERTA, "A")',
    "private_helpers": "[getattr(latihan, n) for n in dir(latihan) if n.startswith('_') and not n.startswith('__')]",
    "defect_examples": "[(e.text, e.answer) for e in importlib.import_module('alaskaki.domain.inspection').DEFECT_EXAMPLES]",
    "swot_statements": "dict(importlib.import_module('alaskaki.exercises.m7').PERNYATAAN_SWOT)",
    "read_source_nb": "open(os.path.join(KIT, 'assignments/source/asesmen-akhir/asesmen-akhir.ipynb')).read()",
    "read_key_file": "open(os.path.join(KIT, 'src/alaskaki_kunci/bank.py')).read()",
    "find_key_spec": "importlib.util.find_spec('alaskaki_kunci')",
}


def walk(roots: list, limit: int = 200_000) -> None:
    """Every object reachable from the roots: attributes, items, defaults, closures, constants."""
    seen: set[int] = set()
    stack = list(roots)
    n = 0
    while stack and n < limit:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        n += 1
        if isinstance(obj, str):
            texts.append(obj[:5000])
            continue
        if isinstance(obj, bool | int | float):
            texts.append(repr(obj))
            continue
        if isinstance(obj, bytes | bytearray):
            continue
        if isinstance(obj, types.ModuleType):
            name = getattr(obj, "__name__", "")
            if not name.startswith("alaskaki"):
                continue  # the stdlib and third-party libraries hold no key
        with contextlib.suppress(Exception):
            texts.append(repr(obj)[:5000])
        if isinstance(obj, dict):
            for k, v in list(obj.items()):
                if isinstance(k, str) and GID.search(k):
                    with contextlib.suppress(Exception):
                        texts.append(f"{k} = {v!r}"[:2000])
                stack += [k, v]
            continue
        if isinstance(obj, list | tuple | set | frozenset):
            stack += list(obj)[:5000]
            continue
        if isinstance(obj, types.FunctionType):
            stack += [obj.__defaults__ or (), obj.__kwdefaults__ or {}, obj.__code__.co_consts]
            for cell in obj.__closure__ or ():
                with contextlib.suppress(ValueError):
                    stack.append(cell.cell_contents)
            continue
        if isinstance(obj, types.CodeType):
            stack += list(obj.co_consts)
            continue
        for attr in ("__dict__", "__slots__"):
            with contextlib.suppress(Exception):
                d = getattr(obj, attr)
                if isinstance(d, dict):
                    stack.append(dict(d))
                elif attr == "__slots__":
                    stack += [getattr(obj, s, None) for s in d]
        if isinstance(obj, type):
            stack.append(dict(vars(obj)))


def call_everything(modules: list) -> list:
    results = []
    for mod in modules:
        if not mod.__name__.startswith("alaskaki.exercises"):
            continue
        for fn in list(vars(mod).values()):
            if (
                not callable(fn)
                or isinstance(fn, type)
                or getattr(fn, "__module__", "") != mod.__name__
            ):
                continue
            for args in (
                (PID,),
                (PID, FORMS[0]),
                (PID, FORMS[1]),
                (FORMS[0],),
                (FORMS[1],),
                (FORMS[0], PID),
                (FORMS[1], PID),
                (),
            ):
                results.append(_capture(fn, *args))
    return results


def read_files(root: str) -> list[str]:
    # docs/ is maintainer documentation, in no install: its measured figures (e.g. "10.43 s" in
    # docs/benchmarks.md, read the Indonesian way as 1043) matched answers by coincidence.
    skip = {
        "node_modules",
        "tests",
        "bench",
        "build",
        "__pycache__",
        "docs",
        "artifacts",
        "demo",
        "dist",
    }
    read = []
    for dirpath, dirnames, filenames in os.walk(root):
        # Only the kit as installed: no test output (artifacts/, .hypothesis/, .pytest_cache/), no
        # venv or git, no npm files of the browser and hub tests (their hashes and versions are full of
        # numbers), no demo workshop (a trainer's folder, closed on a server).
        dirnames[:] = [
            d
            for d in dirnames
            if d not in skip and not d.startswith(".") and not d.endswith(".egg-info")
        ]
        for f in filenames:
            if dirpath == root and f in ("package.json", "package-lock.json"):
                continue
            p = os.path.join(dirpath, f)
            with contextlib.suppress(OSError):
                with open(p, "rb") as fh:
                    data = fh.read(4_000_000)
                texts.append(data.decode("utf-8", "ignore"))
                read.append(os.path.relpath(p, root))
    return read


def main() -> None:
    kit, released = sys.argv[1], sys.argv[2:]
    report: dict = {}
    try:
        # an empty folder still imports as a namespace package; the key is in its modules
        importlib.import_module("alaskaki_kunci.asesmen")
        report["import_kunci"] = "imported"
    except ImportError as exc:
        report["import_kunci"] = type(exc).__name__
    namespaces = [run_notebook(p) for p in released]
    for ns in namespaces:
        ns.update(importlib=importlib, base64=base64, os=os, KIT=kit)
        for name, code in ONE_LINERS.items():
            value = _capture(eval, code, ns)
            attacks[f"{ns.get('__form__', '')}{name}"] = (
                type(value).__name__ if isinstance(value, BaseException) else "value"
            )
            walk([value])
    modules = []
    import alaskaki

    for info in pkgutil.walk_packages(alaskaki.__path__, "alaskaki."):
        with contextlib.suppress(BaseException):
            modules.append(importlib.import_module(info.name))
    results = call_everything(modules)
    walk([*namespaces, *modules, *results])
    report["files"] = read_files(kit)
    report["hidden_dirs"] = {
        d: sorted(os.listdir(os.path.join(kit, d))) if os.path.isdir(os.path.join(kit, d)) else None
        for d in ("src/alaskaki_kunci", "assignments/source")
    }
    report["attacks"] = attacks
    numbers: set[float] = set()
    contexts: dict[str, list[str]] = {}
    for t in texts:
        numbers |= _numbers(t)
        for m in GID.finditer(t):
            contexts.setdefault(m.group(0), []).append(t[m.end() : m.end() + 160])
    report["numbers"] = sorted(numbers)
    report["contexts"] = {k: sorted(set(v))[:400] for k, v in contexts.items()}
    json.dump(report, sys.stdout)


if __name__ == "__main__":
    main()
