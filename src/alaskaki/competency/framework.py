"""The competency framework (``grading/kompetensi.yml``): load, validate, look up.

The schema is documented at the top of ``grading/kompetensi.yml``. Validation errors are
:class:`~alaskaki.errors.AlaskakiError` with one Indonesian line per problem in ``details``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from alaskaki import paths
from alaskaki.errors import EXIT_INPUT, AlaskakiError

DEFAULT_PATH = paths.GRADING_DIR / "kompetensi.yml"


@dataclass(frozen=True)
class Criterion:
    """A performance criterion (*kriteria unjuk kerja*) and its evidence grade ids."""

    kode: str
    judul: str
    unit: str
    elemen: int
    bukti: tuple[str, ...]
    ambang: float
    latihan: str = ""

    @property
    def has_evidence(self) -> bool:
        return bool(self.bukti)


@dataclass(frozen=True)
class Element:
    no: int
    judul: str
    kriteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class Unit:
    kode: str
    judul: str
    modul: tuple[str, ...]
    elemen: tuple[Element, ...]

    @property
    def kriteria(self) -> tuple[Criterion, ...]:
        return tuple(c for e in self.elemen for c in e.kriteria)

    @property
    def has_evidence(self) -> bool:
        """False while curriculum authors have not listed any evidence ("belum ada bukti")."""
        return any(c.has_evidence for c in self.kriteria)


@dataclass(frozen=True)
class Framework:
    """The validated framework. ``units`` keep the file's order (the report order)."""

    units: tuple[Unit, ...]
    ambang: float
    latihan: tuple[str, ...] = ()
    asesmen_awal: str | None = None
    asesmen_akhir: str | None = None
    butir: dict[str, str] = field(default_factory=dict)
    path: Path | None = None

    @property
    def unit_codes(self) -> list[str]:
        return [u.kode for u in self.units]

    def unit(self, kode: str) -> Unit:
        for u in self.units:
            if u.kode == kode:
                return u
        raise KeyError(kode)

    @property
    def criteria(self) -> list[Criterion]:
        return [c for u in self.units for c in u.kriteria]

    def evidence_index(self) -> dict[tuple[str, str], Criterion]:
        """``(module, grade_id) -> criterion`` for every evidence cell."""
        index: dict[tuple[str, str], Criterion] = {}
        for u in self.units:
            for c in u.kriteria:
                for gid in c.bukti:
                    for m in u.modul:
                        index[(m, gid)] = c
        return index

    @property
    def competency_modules(self) -> list[str]:
        return [m for u in self.units for m in u.modul]

    def to_dict(self) -> dict:
        return {
            "ambang": self.ambang,
            "unit": [
                {
                    "kode": u.kode,
                    "judul": u.judul,
                    "modul": list(u.modul),
                    "ada_bukti": u.has_evidence,
                    "elemen": [
                        {
                            "no": e.no,
                            "judul": e.judul,
                            "kriteria": [
                                {
                                    "kode": c.kode,
                                    "judul": c.judul,
                                    "bukti": list(c.bukti),
                                    "ambang": c.ambang,
                                    "latihan": c.latihan,
                                }
                                for c in e.kriteria
                            ],
                        }
                        for e in u.elemen
                    ],
                }
                for u in self.units
            ],
            "latihan": list(self.latihan),
            "asesmen": {
                "awal": self.asesmen_awal,
                "akhir": self.asesmen_akhir,
                "butir": dict(self.butir),
            },
        }

    @classmethod
    def from_dict(cls, data: dict) -> Framework:
        """Rebuild a framework from :meth:`to_dict` output (no notebook validation)."""
        return _parse(data, Path("<json>"))[0]


def graded_cells(source_dir: Path) -> dict[str, dict[str, float]]:
    """Graded cells of every module under ``source_dir``: ``{module: {grade_id: points}}``.

    A graded cell is an nbgrader cell with ``grade: true`` (autograded test cell or manually
    graded answer) or ``task: true``.
    """
    found: dict[str, dict[str, float]] = {}
    source_dir = Path(source_dir)
    if not source_dir.is_dir():
        return found
    for module_dir in sorted(p for p in source_dir.iterdir() if p.is_dir()):
        cells: dict[str, float] = {}
        for nb_path in sorted(module_dir.glob("*.ipynb")):
            try:
                nb = json.loads(nb_path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as err:
                raise AlaskakiError(
                    f"Notebook {nb_path} tidak dapat dibaca: {err}", exit_code=EXIT_INPUT
                ) from err
            for cell in nb.get("cells", []):
                meta = cell.get("metadata", {}).get("nbgrader", {})
                if meta.get("grade") or meta.get("task"):
                    cells[str(meta.get("grade_id"))] = float(meta.get("points", 0) or 0)
        found[module_dir.name] = cells
    return found


def load_framework(
    path: str | Path | None = None, *, source_dir: str | Path | None = None
) -> Framework:
    """Load and validate ``grading/kompetensi.yml`` against the notebooks in ``source_dir``.

    ``path`` defaults to the kit's ``grading/kompetensi.yml``, ``source_dir`` to the kit's
    ``assignments/source``. Raises :class:`AlaskakiError` listing every problem found.
    """
    path = Path(path) if path is not None else DEFAULT_PATH
    source_dir = Path(source_dir) if source_dir is not None else paths.SOURCE_DIR
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise AlaskakiError(
            f"Berkas kerangka kompetensi tidak ditemukan: {path}", exit_code=4
        ) from err
    except yaml.YAMLError as err:
        raise AlaskakiError(f"{path} bukan YAML yang sah: {err}", exit_code=EXIT_INPUT) from err
    framework, problems = _parse(data, path)
    problems += _check_against_notebooks(framework, graded_cells(source_dir))
    if problems:
        raise AlaskakiError(
            f"Kerangka kompetensi {path} tidak sah ({len(problems)} masalah):",
            exit_code=EXIT_INPUT,
            details=problems,
        )
    return framework


def _threshold(value, where: str, problems: list[str], default: float) -> float:
    if value is None:
        return default
    try:
        x = float(value)
    except (TypeError, ValueError):
        problems.append(f"{where}: ambang '{value}' bukan angka")
        return default
    if not 0 < x <= 1:
        problems.append(f"{where}: ambang {x} harus di antara 0 (tidak termasuk) dan 1")
    return x


def _parse(data, path: Path) -> tuple[Framework, list[str]]:
    problems: list[str] = []
    if not isinstance(data, dict):
        raise AlaskakiError(
            f"{path}: isi berkas harus berupa peta (mapping) YAML", exit_code=EXIT_INPUT
        )
    if data.get("versi", 1) != 1:
        problems.append(f"versi skema {data.get('versi')} tidak dikenal (yang dikenal: 1)")
    ambang = _threshold(data.get("ambang"), "ambang bawaan", problems, 0.7)
    units: list[Unit] = []
    seen_units: set[str] = set()
    seen_criteria: set[str] = set()
    evidence_owner: dict[tuple[str, str], str] = {}
    module_owner: dict[str, str] = {}
    for i, u in enumerate(data.get("unit") or [], start=1):
        if not isinstance(u, dict) or not u.get("kode"):
            problems.append(f"unit ke-{i} tidak punya 'kode'")
            continue
        ukode = str(u["kode"])
        if ukode in seen_units:
            problems.append(f"kode unit {ukode} dipakai dua kali")
        seen_units.add(ukode)
        if not u.get("judul"):
            problems.append(f"unit {ukode} tidak punya 'judul'")
        modul = tuple(str(m) for m in (u.get("modul") or []))
        for m in modul:
            if m in module_owner:
                problems.append(f"modul {m} dipakai oleh dua unit: {module_owner[m]} dan {ukode}")
            module_owner[m] = ukode
        elements: list[Element] = []
        for j, e in enumerate(u.get("elemen") or [], start=1):
            if not isinstance(e, dict):
                problems.append(f"unit {ukode}: elemen ke-{j} tidak sah")
                continue
            eno = int(e.get("no", j))
            crits: list[Criterion] = []
            for k, c in enumerate(e.get("kriteria") or [], start=1):
                if not isinstance(c, dict) or not c.get("kode"):
                    problems.append(
                        f"unit {ukode} elemen {eno}: kriteria ke-{k} tidak punya 'kode'"
                    )
                    continue
                ckode = str(c["kode"])
                if ckode in seen_criteria:
                    problems.append(f"kode kriteria {ckode} dipakai dua kali")
                seen_criteria.add(ckode)
                if not c.get("judul"):
                    problems.append(f"kriteria {ckode} tidak punya 'judul'")
                bukti_raw = c.get("bukti") or []
                if isinstance(bukti_raw, str):
                    bukti_raw = [bukti_raw]
                bukti = tuple(str(b) for b in bukti_raw)
                if bukti and not modul:
                    problems.append(
                        f"kriteria {ckode} punya bukti tetapi unit {ukode} tidak menyebut 'modul'"
                    )
                for b in bukti:
                    key = (ukode, b)
                    if key in evidence_owner:
                        problems.append(
                            f"grade id {b} menjadi bukti dua kali: {evidence_owner[key]} dan {ckode}"
                        )
                    evidence_owner[key] = ckode
                crits.append(
                    Criterion(
                        kode=ckode,
                        judul=str(c.get("judul", ckode)),
                        unit=ukode,
                        elemen=eno,
                        bukti=bukti,
                        ambang=_threshold(c.get("ambang"), f"kriteria {ckode}", problems, ambang),
                        latihan=str(c.get("latihan") or ""),
                    )
                )
            elements.append(Element(no=eno, judul=str(e.get("judul", "")), kriteria=tuple(crits)))
        units.append(
            Unit(kode=ukode, judul=str(u.get("judul", ukode)), modul=modul, elemen=tuple(elements))
        )
    latihan = tuple(str(m) for m in (data.get("latihan") or []))
    for m in latihan:
        if m in module_owner:
            problems.append(
                f"modul {m} tercatat sebagai latihan dan sebagai bukti unit {module_owner[m]}"
            )
    asesmen = data.get("asesmen") or {}
    butir = {str(k): str(v) for k, v in (asesmen.get("butir") or {}).items()}
    for gid, ukode in butir.items():
        if ukode not in seen_units:
            problems.append(f"asesmen: butir {gid} menunjuk unit {ukode} yang tidak ada")
    fw = Framework(
        units=tuple(units),
        ambang=ambang,
        latihan=latihan,
        asesmen_awal=asesmen.get("awal"),
        asesmen_akhir=asesmen.get("akhir"),
        butir=butir,
        path=path,
    )
    return fw, problems


def _check_against_notebooks(fw: Framework, cells: dict[str, dict[str, float]]) -> list[str]:
    """Every evidence id exists; every graded cell maps to exactly one criterion or test item."""
    problems: list[str] = []
    for u in fw.units:
        available = {gid for m in u.modul for gid in cells.get(m, {})}
        for c in u.kriteria:
            for gid in c.bukti:
                if gid not in available:
                    where = ", ".join(u.modul)
                    problems.append(
                        f"kriteria {c.kode}: grade id {gid} tidak ada di notebook modul {where}"
                    )
    index = fw.evidence_index()
    asesmen = {fw.asesmen_awal, fw.asesmen_akhir} - {None}
    owned = set(fw.competency_modules)
    for module, ids in cells.items():
        if module in fw.latihan:
            continue
        if module in asesmen:
            for gid in ids:
                if gid not in fw.butir:
                    problems.append(
                        f"asesmen {module}: sel bernilai {gid} tidak dipetakan ke unit (asesmen.butir)"
                    )
            continue
        if module not in owned:
            if ids:
                problems.append(
                    f"modul {module} punya sel bernilai ({', '.join(sorted(ids))}) tetapi bukan modul unit mana pun"
                )
            continue
        for gid in ids:
            if (module, gid) not in index:
                problems.append(f"modul {module}: sel bernilai {gid} bukan bukti kriteria mana pun")
    if fw.butir and asesmen:
        in_tests = {gid for m in asesmen for gid in cells.get(m, {})}
        if any(m in cells for m in asesmen):
            for gid in fw.butir:
                if gid not in in_tests:
                    problems.append(f"asesmen.butir: grade id {gid} tidak ada di notebook asesmen")
    return problems
