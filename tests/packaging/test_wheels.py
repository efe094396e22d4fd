"""The two installs: what each wheel carries, what the participant one can import, and that they run.

Participant install (``alaskaki-peserta``): no answer key — no ``alaskaki_kunci``, no instructor
source notebook (solutions, hidden tests), no grader-side module (grading, workshop, reports, CLI),
checked on the wheel's file list, on its import graph, and in a venv that has only that wheel.
Trainer install (``alaskaki``): every data folder of the checkout, and ``alaskaki demo`` runs from a
folder outside the clone.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import tarfile
import textwrap
import zipfile
from pathlib import Path, PurePosixPath

import pytest
from wheelkit import ROOT, kit, wheel_env_vars

pytestmark = pytest.mark.slow

# What an instructor notebook or the key leaves in a file; none of it may reach a participant.
# (Python files may name alaskaki_kunci in prose; their imports are checked on the import graph.)
KEY_MARKERS = ("BEGIN HIDDEN TESTS", "BEGIN SOLUTION", "kunci.uji(")
DATA_KEY_MARKERS = (*KEY_MARKERS, "alaskaki_kunci")
PARTICIPANT_DATA_FORBIDDEN = (
    "alaskaki/kit/assignments/",
    "alaskaki/kit/grading/kompetensi.yml",
    "alaskaki/kit/grading/peninjau.yml",
    "alaskaki/kit/grading/hub/",
    "alaskaki/kit/grading/dasbor.ipynb",
)
# Third-party imports the participant side may use: its dependencies in kitbuild/kit.py (and theirs).
PARTICIPANT_THIRD_PARTY = {"ipywidgets", "IPython", "matplotlib", "numpy", "pandas"}


def _wheel_files(whl: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(whl) as z:
        return {n: z.read(n) for n in z.namelist() if not n.endswith("/")}


def _module_name(path: str) -> str | None:
    p = PurePosixPath(path)
    if p.suffix != ".py" or ".dist-info" in path or "/kit/" in path:
        return None
    parts = list(p.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports(source: str, module: str, is_package: bool) -> set[str]:
    """Every module a piece of Python names in an import (top level or inside functions)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            found.add(prefix)
            found.update(f"{prefix}.{a.name}" for a in node.names)  # submodules named this way
    return found


def _notebook_code(data: bytes) -> str:
    nb = json.loads(data)
    cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    code = "\n".join("".join(c["source"]) for c in cells)
    return "\n".join(line for line in code.splitlines() if not line.lstrip().startswith(("%", "!")))


def _grader_side(name: str) -> bool:
    return any(name == g or name.startswith(g + ".") for g in kit.GRADER_SIDE)


def test_participant_wheel_holds_no_key_or_grader_side_file(dists):
    files = _wheel_files(dists["peserta.whl"])
    allowed = tuple(f"alaskaki/{m}" for m in kit.PARTICIPANT_MODULES)
    bad = []
    for name, data in files.items():
        if ".dist-info/" in name:
            continue
        if name.startswith("alaskaki/kit/"):
            if name.startswith(PARTICIPANT_DATA_FORBIDDEN) or not name.startswith(
                tuple(f"alaskaki/kit/{d}/" for d in kit.PARTICIPANT_DATA)
            ):
                bad.append(f"{name}: data the participant install must not carry")
        elif not name.startswith(allowed):
            bad.append(f"{name}: not a participant module")
        mod = _module_name(name)
        if mod and _grader_side(mod):
            bad.append(f"{name}: grader-side module")
        text = data.decode("utf-8", errors="replace")
        markers = KEY_MARKERS if name.endswith(".py") else DATA_KEY_MARKERS
        bad += [f"{name}: contains {m!r}" for m in markers if m in text]
        if name.endswith(".ipynb"):
            for cell in json.loads(data)["cells"]:
                meta = cell.get("metadata", {}).get("nbgrader", {})
                if meta.get("solution") or meta.get("grade"):
                    bad.append(f"{name}: nbgrader solution/grade cell {meta.get('grade_id')}")
    assert not bad, "\n".join(bad)
    # and it does carry what a participant needs
    assert "alaskaki/kit/grading/lab/labconfig/default_setting_overrides.json" in files
    assert "alaskaki/kit/datasets/hs_bab64.csv" in files
    assert "alaskaki/exercises/m3.py" in files and "alaskaki/widgets/costing.py" in files


def test_participant_wheel_import_graph_stays_inside_it(dists):
    files = _wheel_files(dists["peserta.whl"])
    modules = {m for n in files if (m := _module_name(n))}
    bad = []
    for name, data in files.items():
        if name.endswith(".py") and (mod := _module_name(name)):
            names = _imports(data.decode(), mod, name.endswith("__init__.py"))
        elif name.endswith(".ipynb"):
            names = _imports(_notebook_code(data), "__main__", False)
        else:
            continue
        for imp in sorted(names):
            top = imp.split(".")[0]
            if _grader_side(imp):
                bad.append(f"{name} imports grader-side {imp}")
            elif top == "alaskaki" and imp not in modules:
                # `from alaskaki.domain import costing` names alaskaki.domain.costing (a module)
                # and `from alaskaki.exercises.base import Hasil` names ...base.Hasil (not one)
                parent = imp.rsplit(".", 1)[0]
                if parent not in modules:
                    bad.append(f"{name} imports {imp}, which the participant wheel lacks")
            elif (
                top not in ("alaskaki", "__future__")
                and top not in sys.stdlib_module_names
                and top not in PARTICIPANT_THIRD_PARTY
            ):
                bad.append(f"{name} imports {top}, not a participant dependency")
    assert not bad, "\n".join(bad)


def test_participant_install_has_no_key_and_works(peserta_env, tmp_path):
    """A venv with only the participant wheel: every module imports, the key is not there."""
    script = textwrap.dedent(
        """
        import importlib, json, pkgutil, sys
        import alaskaki
        for m in pkgutil.walk_packages(alaskaki.__path__, "alaskaki."):
            importlib.import_module(m.name)
        from alaskaki import paths
        from alaskaki.domain import incoterms, quality
        from alaskaki.exercises import m3
        out = {
            "origin": paths.KIT_ORIGIN,
            "kit_root": str(paths.KIT_ROOT),
            "package": alaskaki.__file__,
            "source_dir_exists": paths.SOURCE_DIR.exists(),
            "lab_settings": (paths.LAB_SETTINGS_DIR / "labconfig" / "default_setting_overrides.json").is_file(),
            "incoterms": len(incoterms.RULES),
            "soal": bool(m3.soal("p01")),
            "loaded": sorted(n for n in sys.modules if n.startswith("alaskaki")),
        }
        for name in ("alaskaki_kunci", "alaskaki.workshop", "alaskaki.cli", "alaskaki.competency", "alaskaki.report"):
            try:
                importlib.import_module(name)
                out.setdefault("importable", []).append(name)
            except ModuleNotFoundError:
                pass
        print(json.dumps(out))
        """
    )
    res = subprocess.run(
        [str(peserta_env / "bin" / "python"), "-c", script],
        cwd=tmp_path,
        env=wheel_env_vars(peserta_env, tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.returncode == 0, res.stderr[-3000:]
    out = json.loads(res.stdout.strip().splitlines()[-1])
    assert out["origin"] == "paket" and out["package"].startswith(str(peserta_env))
    assert out["kit_root"].startswith(str(peserta_env))
    assert out["source_dir_exists"] is False, (
        "instructor source notebooks in the participant install"
    )
    assert out["lab_settings"] and out["soal"] and out["incoterms"] == 11
    assert "importable" not in out, f"grader side importable: {out.get('importable')}"
    assert not [m for m in out["loaded"] if _grader_side(m)]
    assert (peserta_env / "bin" / "alaskaki-lab").is_file()
    assert not (peserta_env / "bin" / "alaskaki").exists()


def _checkout_files(rel: str) -> list[str]:
    res = subprocess.run(
        ["git", "ls-files", rel], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if res.returncode == 0 and res.stdout.strip():
        return [line for line in res.stdout.splitlines() if (ROOT / line).is_file()]
    return [str(p.relative_to(ROOT)) for p in (ROOT / rel).rglob("*") if p.is_file()]


def test_trainer_wheel_and_sdist_carry_every_kit_data_file(dists):
    wheel = set(_wheel_files(dists["alaskaki.whl"]))
    with tarfile.open(dists["alaskaki.sdist"]) as t:
        sdist = {n.split("/", 1)[1] for n in t.getnames() if "/" in n}
    missing = []
    for rel in kit.TRAINER_DATA:
        for f in _checkout_files(rel):
            if f"alaskaki/kit/{f}" not in wheel:
                missing.append(f"wheel: {f}")
            if f not in sdist:
                missing.append(f"sdist: {f}")
    assert not missing, "\n".join(missing)
    assert "alaskaki_kunci/asesmen.py" in wheel and "alaskaki/cli.py" in wheel
    assert not [n for n in wheel if "__pycache__" in n or ".ipynb_checkpoints" in n]


def test_trainer_install_sets_up_a_workshop_from_any_folder(pelatih_env, tmp_path):
    """`alaskaki init` from a folder outside the clone, the kit read from the installed wheel.

    (.ci/run runs the whole `alaskaki demo` from wheels installed with their dependencies.)
    """
    elsewhere = tmp_path / "di-mana-saja"
    elsewhere.mkdir()
    env = wheel_env_vars(pelatih_env, tmp_path)
    py = str(pelatih_env / "bin" / "python")
    where = subprocess.run(
        [
            py,
            "-c",
            "from alaskaki import paths; print(paths.KIT_ORIGIN, paths.dataset('contoh_peserta.csv'))",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert where[0] == "paket" and where[1].startswith(str(pelatih_env))
    cmd = ["alaskaki", "init", "lokakarya", "--roster", where[1]]
    res = subprocess.run(
        cmd, cwd=elsewhere, env=env, capture_output=True, text=True, check=False, timeout=600
    )
    assert res.returncode == 0, (cmd, res.stdout[-2000:], res.stderr[-3000:])
    ws = elsewhere / "lokakarya"
    from alaskaki.folder import Folder

    assert sorted(p.name for p in Folder(ws).source().iterdir()) == sorted(
        p.name for p in (ROOT / "assignments" / "source").iterdir() if p.is_dir()
    )
    assert (
        Folder(ws).framework_file.read_bytes() == (ROOT / "grading" / "kompetensi.yml").read_bytes()
    )
    assert Folder(ws).roster_file.is_file()
