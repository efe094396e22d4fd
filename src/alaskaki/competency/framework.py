"""The competency framework (``grading/kompetensi.yml``): load, validate, look up.

The schema is documented at the top of ``grading/kompetensi.yml``. Validation errors are
:class:`~alaskaki.errors.AlaskakiError` with one Indonesian line per problem in ``details``.

Two kinds of evidence per criterion (DESIGN.md principle 9):

* ``uji`` (summative) decides K / BK: items of the sealed post-test form (``asesmen.akhir``) and
  trainer-scored rubric/practical cells (manually graded cells) of the unit's modules;
* ``latihan`` (formative) shows readiness: the autograded cells of the unit's modules.

Schema version 1 (``bukti`` per criterion, module cells deciding K/BK) is still read, so a workshop
that pinned it at init keeps working: its ``bukti`` become ``latihan``, except manually graded cells,
which become ``uji``; its criteria have no sealed items, so they stay "belum ada bukti uji".
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from alaskaki import paths
from alaskaki.errors import EXIT_INPUT, AlaskakiError

DEFAULT_PATH = paths.GRADING_DIR / "kompetensi.yml"
SCHEMA_VERSION = 2
KNOWN_VERSIONS = (1, 2)


@dataclass(frozen=True)
class Criterion:
    """A performance criterion (*kriteria unjuk kerja*) and its two kinds of evidence."""

    kode: str
    judul: str
    unit: str
    elemen: int
    uji: tuple[str, ...]  # summative grade ids: decide K / BK
    latihan: tuple[str, ...]  # formative grade ids: readiness only
    ambang: float
    saran: str = ""  # what to practise next when unmet (shown in the rapor)

    @property
    def has_evidence(self) -> bool:
        """True when the criterion can be decided (it has summative evidence)."""
        return bool(self.uji)


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
        """False while no criterion lists summative evidence ("belum ada bukti uji")."""
        return any(c.has_evidence for c in self.kriteria)

    @property
    def uji_lengkap(self) -> bool:
        """Every criterion has summative evidence: only then can the unit be Kompeten."""
        return bool(self.kriteria) and all(c.has_evidence for c in self.kriteria)


@dataclass(frozen=True)
class Framework:
    """The validated framework. ``units`` keep the file's order (the report order)."""

    units: tuple[Unit, ...]
    ambang: float
    pengenalan: tuple[str, ...] = ()  # modules without a unit: completion only
    asesmen_awal: str | None = None
    asesmen_akhir: str | None = None
    butir: dict[str, str] = field(default_factory=dict)
    path: Path | None = None
    versi: int = SCHEMA_VERSION

    @property
    def latihan(self) -> tuple[str, ...]:
        """Old name of :attr:`pengenalan` (schema 1's top-level ``latihan``)."""
        return self.pengenalan

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

    def uji_modules(self, unit: Unit) -> tuple[str, ...]:
        """Where a unit's summative evidence may live: the post-test form, then the unit's modules."""
        first = (self.asesmen_akhir,) if self.asesmen_akhir else ()
        return first + tuple(m for m in unit.modul if m != self.asesmen_akhir)

    @property
    def competency_modules(self) -> list[str]:
        return [m for u in self.units for m in u.modul]

    def to_dict(self) -> dict:
        return {
            "versi": self.versi,
            "ambang": self.ambang,
            "unit": [
                {
                    "kode": u.kode,
                    "judul": u.judul,
                    "modul": list(u.modul),
                    "ada_bukti": u.has_evidence,
                    "uji_lengkap": u.uji_lengkap,
                    "elemen": [
                        {
                            "no": e.no,
                            "judul": e.judul,
                            "kriteria": [
                                {
                                    "kode": c.kode,
                                    "judul": c.judul,
                                    "uji": list(c.uji),
                                    "latihan": list(c.latihan),
                                    "ambang": c.ambang,
                                    "saran": c.saran,
                                }
                                for c in e.kriteria
                            ],
                        }
                        for e in u.elemen
                    ],
                }
                for u in self.units
            ],
            "pengenalan": list(self.pengenalan),
            "asesmen": {
                "awal": self.asesmen_awal,
                "akhir": self.asesmen_akhir,
                "butir": dict(self.butir),
            },
        }

    @classmethod
    def from_dict(cls, data: dict) -> Framework:
        """Rebuild a framework from :meth:`to_dict` output (no notebook validation)."""
        data = dict(data)
        data.setdefault("versi", SCHEMA_VERSION)
        return _parse(data, Path("<json>"))[0]


def notebook_cells(source_dir: Path) -> dict[str, dict[str, tuple[float, bool]]]:
    """Graded cells of every module: ``{module: {grade_id: (points, manually_graded)}}``.

    A graded cell is an nbgrader cell with ``grade: true`` (autograded test cell or manually
    graded answer) or ``task: true``; it is manually graded when it is also a solution cell
    (nbgrader's rule) or a task.
    """
    found: dict[str, dict[str, tuple[float, bool]]] = {}
    source_dir = Path(source_dir)
    if not source_dir.is_dir():
        return found
    for module_dir in sorted(p for p in source_dir.iterdir() if p.is_dir()):
        cells: dict[str, tuple[float, bool]] = {}
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
                    manual = bool(meta.get("task") or meta.get("solution"))
                    cells[str(meta.get("grade_id"))] = (float(meta.get("points", 0) or 0), manual)
        found[module_dir.name] = cells
    return found


def graded_cells(source_dir: Path) -> dict[str, dict[str, float]]:
    """Graded cells of every module under ``source_dir``: ``{module: {grade_id: points}}``."""
    return {
        m: {gid: pts for gid, (pts, _) in cells.items()}
        for m, cells in notebook_cells(source_dir).items()
    }


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
    cells = notebook_cells(source_dir)
    if framework.versi == 1:
        framework = _upgrade_v1(framework, cells)
    problems += _check_against_notebooks(framework, cells)
    if problems:
        raise AlaskakiError(
            f"Kerangka kompetensi {path} tidak sah ({len(problems)} masalah):",
            exit_code=EXIT_INPUT,
            details=problems,
        )
    return framework


def _upgrade_v1(fw: Framework, cells: dict[str, dict[str, tuple[float, bool]]]) -> Framework:
    """Schema 1 → 2: module cells become latihan, except trainer-scored (manual) cells: uji."""

    def manual(unit: Unit, gid: str) -> bool:
        return any(cells.get(m, {}).get(gid, (0, False))[1] for m in unit.modul)

    units = []
    for u in fw.units:
        elements = []
        for e in u.elemen:
            crits = []
            for c in e.kriteria:
                ids = c.uji + c.latihan
                crits.append(
                    replace(
                        c,
                        uji=tuple(g for g in ids if manual(u, g)),
                        latihan=tuple(g for g in ids if not manual(u, g)),
                    )
                )
            elements.append(replace(e, kriteria=tuple(crits)))
        units.append(replace(u, elemen=tuple(elements)))
    return replace(fw, units=tuple(units))


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


def _ids(value, where: str, problems: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        problems.append(f"{where} harus berupa daftar grade id")
        return ()
    return tuple(str(b) for b in value)


def _parse(data, path: Path) -> tuple[Framework, list[str]]:
    problems: list[str] = []
    if not isinstance(data, dict):
        raise AlaskakiError(
            f"{path}: isi berkas harus berupa peta (mapping) YAML", exit_code=EXIT_INPUT
        )
    versi = data.get("versi", 1)
    if versi not in KNOWN_VERSIONS:
        problems.append(
            f"versi skema {versi} tidak dikenal (yang dikenal: {', '.join(map(str, KNOWN_VERSIONS))})"
        )
        versi = SCHEMA_VERSION
    ambang = _threshold(data.get("ambang"), "ambang bawaan", problems, 0.7)
    units: list[Unit] = []
    seen_units: set[str] = set()
    seen_criteria: set[str] = set()
    evidence_owner: dict[str, str] = {}
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
                if versi == 1:
                    # schema 1: `bukti` = module cells, `latihan` = advice text
                    uji: tuple[str, ...] = ()
                    latihan = _ids(c.get("bukti"), f"kriteria {ckode}: bukti", problems)
                    saran = str(c.get("latihan") or "")
                else:
                    if "bukti" in c:
                        problems.append(
                            f"kriteria {ckode}: kunci 'bukti' milik skema versi 1; pakai 'uji' "
                            "(bukti sumatif) dan 'latihan' (bukti formatif)"
                        )
                    uji = _ids(c.get("uji"), f"kriteria {ckode}: uji", problems)
                    latihan = _ids(c.get("latihan"), f"kriteria {ckode}: latihan", problems)
                    saran = str(c.get("saran") or "")
                if latihan and not modul:
                    problems.append(
                        f"kriteria {ckode} punya bukti latihan tetapi unit {ukode} tidak menyebut 'modul'"
                    )
                for kind, ids in (("uji", uji), ("latihan", latihan)):
                    for b in ids:
                        if b in evidence_owner:
                            problems.append(
                                f"grade id {b} menjadi bukti dua kali: {evidence_owner[b]} dan {ckode} ({kind})"
                            )
                        evidence_owner[b] = ckode
                crits.append(
                    Criterion(
                        kode=ckode,
                        judul=str(c.get("judul", ckode)),
                        unit=ukode,
                        elemen=eno,
                        uji=uji,
                        latihan=latihan,
                        ambang=_threshold(c.get("ambang"), f"kriteria {ckode}", problems, ambang),
                        saran=saran,
                    )
                )
            elements.append(Element(no=eno, judul=str(e.get("judul", "")), kriteria=tuple(crits)))
        units.append(
            Unit(kode=ukode, judul=str(u.get("judul", ukode)), modul=modul, elemen=tuple(elements))
        )
    top = data.get("latihan") if versi == 1 else data.get("pengenalan")
    if versi != 1 and "latihan" in data:
        problems.append(
            "kunci 'latihan' di tingkat atas milik skema versi 1; modul tanpa unit (m0) ditulis di 'pengenalan'"
        )
    pengenalan = tuple(str(m) for m in (top or []))
    for m in pengenalan:
        if m in module_owner:
            problems.append(
                f"modul {m} tercatat sebagai pengenalan dan sebagai modul unit {module_owner[m]}"
            )
    asesmen = data.get("asesmen") or {}
    butir = {str(k): str(v) for k, v in (asesmen.get("butir") or {}).items()}
    for gid, ukode in butir.items():
        if ukode not in seen_units:
            problems.append(f"asesmen: butir {gid} menunjuk unit {ukode} yang tidak ada")
    fw = Framework(
        units=tuple(units),
        ambang=ambang,
        pengenalan=pengenalan,
        asesmen_awal=asesmen.get("awal"),
        asesmen_akhir=asesmen.get("akhir"),
        butir=butir,
        path=path,
        versi=versi,
    )
    return fw, problems


def _check_against_notebooks(
    fw: Framework, cells: dict[str, dict[str, tuple[float, bool]]]
) -> list[str]:
    """Every evidence id exists where its kind allows; every graded cell is used exactly once."""
    problems: list[str] = []
    akhir = fw.asesmen_akhir
    awal = fw.asesmen_awal
    post_items = cells.get(akhir, {}) if akhir else {}
    pre_items = cells.get(awal, {}) if awal else {}
    used: set[tuple[str, str]] = set()
    for u in fw.units:
        where = ", ".join(u.modul) or "(tidak ada)"
        in_modules = {
            gid: (m, manual) for m in u.modul for gid, (_, manual) in cells.get(m, {}).items()
        }
        for c in u.kriteria:
            for gid in c.uji:
                if gid in post_items:
                    used.add((akhir, gid))
                    if fw.butir.get(gid) not in (None, u.kode):
                        problems.append(
                            f"kriteria {c.kode}: butir uji {gid} dipetakan ke unit {fw.butir[gid]} "
                            f"di asesmen.butir, bukan ke {u.kode}"
                        )
                elif gid in in_modules:
                    m, manual = in_modules[gid]
                    used.add((m, gid))
                    if not manual:
                        problems.append(
                            f"kriteria {c.kode}: {gid} di modul {m} dinilai otomatis dan punya cek mandiri, "
                            "jadi hanya boleh menjadi bukti 'latihan'; bukti 'uji' adalah butir asesmen "
                            f"akhir ({akhir}) atau sel rubrik yang dinilai pelatih"
                        )
                elif gid in pre_items:
                    problems.append(
                        f"kriteria {c.kode}: {gid} adalah butir tes awal ({awal}); tes awal hanya "
                        "untuk gain, bukan bukti uji"
                    )
                else:
                    problems.append(
                        f"kriteria {c.kode}: bukti uji {gid} tidak ada di asesmen akhir ({akhir}) "
                        f"maupun di notebook modul {where}"
                    )
            for gid in c.latihan:
                if gid in in_modules:
                    used.add((in_modules[gid][0], gid))
                else:
                    problems.append(
                        f"kriteria {c.kode}: grade id {gid} (latihan) tidak ada di notebook modul {where}"
                    )
    asesmen = {awal, akhir} - {None}
    owned = set(fw.competency_modules)
    for module, ids in cells.items():
        if module in fw.pengenalan:
            continue
        if module in asesmen:
            for gid in ids:
                if gid not in fw.butir:
                    problems.append(
                        f"asesmen {module}: sel bernilai {gid} tidak dipetakan ke unit (asesmen.butir)"
                    )
                elif module == akhir and fw.versi >= 2 and (module, gid) not in used:
                    problems.append(
                        f"asesmen {module}: butir {gid} (unit {fw.butir[gid]}) bukan bukti uji "
                        "kriteria mana pun; tulis di 'uji' sebuah kriteria unit itu"
                    )
            continue
        if module not in owned:
            if ids:
                problems.append(
                    f"modul {module} punya sel bernilai ({', '.join(sorted(ids))}) tetapi bukan modul unit mana pun"
                )
            continue
        for gid in ids:
            if (module, gid) not in used:
                problems.append(
                    f"modul {module}: sel bernilai {gid} bukan bukti (uji atau latihan) kriteria mana pun"
                )
    if fw.butir and asesmen:
        in_tests = {gid for m in asesmen for gid in cells.get(m, {})}
        if any(m in cells for m in asesmen):
            for gid in fw.butir:
                if gid not in in_tests:
                    problems.append(f"asesmen.butir: grade id {gid} tidak ada di notebook asesmen")
    return problems
