"""Red team (issue 19 req. 4): a participant hunts for the uji key from the participant side.

``attack.py`` runs in a fresh Python process under bubblewrap, where the grader side (the key
package ``alaskaki_kunci`` and the instructor sources ``assignments/source``) is an empty folder,
as for a participant OS user on the hub (the key unreadable) or in a participant install (the key
not shipped). It runs both released assessment notebooks, types each one-liner of issue 19, walks
every object reachable from the notebook namespaces and from every importable ``alaskaki`` module,
calls every participant-side exercise function with the participant's id and the module id, and
reads every file under the kit. This test then judges the harvest with the key.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import nbformat
import pytest

from alaskaki import paths
from alaskaki.workshop import sandbox
from alaskaki_kunci import bank
from tests.redteam import attack

HIDDEN = ("src/alaskaki_kunci", "assignments/source")  # the trainer-only parts of the kit
ITEMS = bank.form(bank.AWAL) + bank.form(bank.AKHIR)
# attacks that reach for the key itself: each must end in an exception
MUST_FAIL = {
    "harapan_asesmen",
    "harapan_awal",
    "harapan_modul",
    "soal_display",
    "soal_item",
    "butir_periksa",
    "getattr_concat",
    "m3_harapan_for_uji",
    "exec_base64",
    "import_key",
    "import_bank",
    "uji_oracle",
    "read_source_nb",
    "read_key_file",
}


def _release(modul: str, out: Path) -> Path:
    from nbgrader.preprocessors import ClearHiddenTests, ClearSolutions

    nb = nbformat.read(paths.SOURCE_DIR / modul / f"{modul}.ipynb", as_version=4)
    nb, _ = ClearSolutions().preprocess(copy.deepcopy(nb), {"language": "python"})
    nb, _ = ClearHiddenTests().preprocess(nb, {})
    path = out / f"{modul}.ipynb"
    nbformat.write(nb, path)
    text = path.read_text(encoding="utf-8")
    assert "BEGIN SOLUTION" not in text and "alaskaki_kunci" not in text
    return path


@pytest.fixture(scope="module")
def harvest(tmp_path_factory) -> dict:
    if not sandbox.bwrap_available():
        pytest.skip("bubblewrap is needed to hide the grader side from the attacker process")
    tmp = tmp_path_factory.mktemp("redteam")
    released = [_release(m, tmp) for m in (bank.AWAL, bank.AKHIR)]
    kit = paths.KIT_ROOT.resolve()
    cmd = [
        sandbox.BWRAP,
        "--ro-bind",
        "/",
        "/",
        "--dev",
        "/dev",
        "--proc",
        "/proc",
        "--tmpfs",
        "/tmp",
    ]
    cmd += ["--ro-bind", str(tmp), str(tmp), "--unshare-net", "--die-with-parent"]
    for rel in HIDDEN:
        cmd += ["--tmpfs", str(kit / rel)]
    cmd += ["--setenv", "HOME", str(tmp), "--chdir", str(tmp)]
    cmd += [
        sys.executable,
        "-I",
        str(Path(attack.__file__).resolve()),
        str(kit),
        *map(str, released),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


def test_the_key_package_is_neither_importable_nor_readable(harvest):
    assert harvest["import_kunci"] != "imported"
    assert all(v == [] for v in harvest["hidden_dirs"].values()), harvest["hidden_dirs"]
    assert any(f.startswith("src/alaskaki/") for f in harvest["files"])  # the walk did read the kit
    assert any(f.startswith("notebooks/") for f in harvest["files"])


@pytest.mark.parametrize("name", sorted(attack.ONE_LINERS))
def test_one_liner_attack(harvest, name):
    """Each one-liner of issue 19, typed in both released assessment notebooks, yields nothing."""
    result = harvest["attacks"][name]
    if name in MUST_FAIL:
        assert result != "value", f"{name}: {attack.ONE_LINERS[name]} returned a value"
    # whatever it returned was walked into the harvest that the tests below judge
    assert not _numeric_leaks(harvest) and not _keyed_leaks(harvest)


def _public_numbers(b: bank.Butir) -> set[float]:
    return attack._numbers(b.teks + " " + " ".join(b.opsi))


def _numeric_leaks(
    harvest, handed_out: set[float] = frozenset(), items=ITEMS, *, exact: bool = False
) -> list[str]:
    """Numbers near a key value. ``handed_out``: numbers printed in the forms the participant was given
    (a workshop draws its own form, whose question figures may lie near the committed form's answers).
    ``items``: the forms whose key is judged (a workshop's own, on a workshop; the committed ones here).
    ``exact``: only the key's own value (to the cent) counts — for a key drawn afresh each run, where
    the kit's ~650 public figures fall within an item's tolerance of some key in ~40 % of draws by
    chance, but on the value itself in ~1 of 300."""
    found = [x for x in harvest["numbers"] if not any(abs(x - p) < 1e-9 for p in handed_out)]
    leaks = []
    for b in items:
        if b.jenis != "angka" or abs(float(b.jawaban)) < 100:
            continue  # small numbers (a sample size, a shoe size) are everywhere; judged by _keyed_leaks
        public = _public_numbers(b)
        # round hundreds are everyday inputs (prices, wages, lots) all over the kit; an answer that is
        # itself a round number is judged only next to its item id (_keyed_leaks)
        if float(b.jawaban) % 100 == 0:
            continue
        near = [
            x
            for x in found
            if abs(x - float(b.jawaban)) <= (0.005 if exact else b.batas())
            and x % 100 != 0
            and not any(abs(x - p) < 1e-9 for p in public)
        ]
        if near:
            leaks.append(f"{b.grade_id}: {near[:5]} (expected {b.jawaban})")
    return leaks


def _keyed_leaks(harvest, items=ITEMS) -> list[str]:
    """Item id → answer mappings: numbers near an item's id, or letters better than a constant guess.
    ``items`` as in :func:`_numeric_leaks`."""
    contexts = harvest["contexts"]
    leaks, right, choice = [], 0, 0
    for b in items:
        ctx = contexts.get(b.grade_id, [])
        if b.jenis == "angka":
            public = _public_numbers(b)
            for c in ctx:
                for x in attack._numbers(c):
                    if abs(x - float(b.jawaban)) <= b.batas() and x not in public:
                        leaks.append(f"{b.grade_id}: {x} next to the item id: {c[:80]!r}")
            continue
        choice += 1
        firsts = [m.group(1) for c in ctx if (m := re.search(r"[\"']([A-H])[\"']", c))]
        if firsts and Counter(firsts).most_common(1)[0][0] == b.jawaban:
            right += 1
    best_constant = max(Counter(b.jawaban for b in items if b.jenis == "huruf").values())
    if right > best_constant + 2:
        leaks.append(
            f"letters next to item ids match the key {right}/{choice} (answering one letter: {best_constant})"
        )
    return leaks


def test_a_traceback_line_number_is_no_leak_but_a_value_in_its_message_is():
    """The judge once read `collect.py`, line 1020 in a traceback as the answer 1019.2 of an item."""
    b = next(
        b
        for b in ITEMS
        if b.jenis == "angka"
        and abs(float(b.jawaban)) >= 100
        and float(b.jawaban) % 100
        and b.batas() >= abs(round(float(b.jawaban)) - float(b.jawaban))
    )
    line = round(float(b.jawaban))
    trace = (
        "Traceback (most recent call last):\n"
        f'  File "/kit/src/alaskaki/workshop/collect.py", line {line}, in collect_module\n'
        "    raise AlaskakiError(text)\n"
        f"src/alaskaki/workshop/collect.py:{line}: AlaskakiError\n"
        "alaskaki.errors.AlaskakiError: kiriman ditolak\n"
    )
    assert not _numeric_leaks({"numbers": sorted(attack._numbers(trace))})
    leaked = trace + f"ValueError: harapan {bank.num(float(b.jawaban))}\n"
    assert _numeric_leaks({"numbers": sorted(attack._numbers(leaked))})


def test_a_criterion_code_next_to_an_item_id_is_no_leak_but_a_value_is():
    """test_hub once failed when a workshop drew 12 pairs for str01_kapasitas: its test cell's
    docstring `(STR-01.2.1)` was read as the number 12 next to the item id."""
    b = next(b for b in ITEMS if b.jenis == "angka" and b.kriteria.count(".") == 2)
    code = b.kriteria  # e.g. STR-01.2.1
    read_as = float(attack.NUM.search(code).group(0).replace(".", ""))  # "01.2" read as 12
    fake = dataclasses.replace(b, jawaban=read_as, opsi=())
    items = [fake, next(c for c in ITEMS if c.jenis == "huruf")]
    cell = f'{b.grade_id} = None  # ({code}): isi jawaban"""\nassert {b.grade_id} is not None'
    assert not _keyed_leaks({"contexts": {b.grade_id: [cell]}}, items)
    leaked = cell + f"\n# harapan {bank.num(float(fake.jawaban))}"
    assert _keyed_leaks({"contexts": {b.grade_id: [leaked]}}, items)


def test_no_reachable_object_function_or_file_yields_a_numeric_answer(harvest):
    assert not _numeric_leaks(harvest)


def test_no_item_to_answer_mapping_better_than_chance(harvest):
    assert not _keyed_leaks(harvest)


def test_the_judge_finds_a_planted_key(harvest):
    """The judge can fail: a harvest with the key planted in it is caught."""
    planted = json.loads(json.dumps(harvest))
    for b in ITEMS:
        planted["contexts"].setdefault(b.grade_id, []).append(
            f' = "{b.jawaban}"' if b.jenis == "huruf" else f" = {float(b.jawaban)!r}"
        )
    planted["numbers"] = sorted(
        {*planted["numbers"], *(float(b.jawaban) for b in ITEMS if b.jenis == "angka")}
    )
    assert _numeric_leaks(planted) and _keyed_leaks(planted)
