"""Result objects of the competency engine (data only; renderers live in ``alaskaki.report``).

Everything serialises to plain JSON (:meth:`CohortResult.to_dict` / :meth:`CohortResult.from_dict`),
and that JSON is the versioned contract of ``alaskaki report --format json``:

* ``skema: 2``: criteria carry ``uji`` (summative, decides K/BK) and ``latihan`` (formative, readiness)
  evidence; modules carry their grading state ``keadaan``.
* ``skema: 3`` (now): the same content, but each evidence item and each module record is a list of
  values in the order named once at the top in ``kolom`` (``kolom.bukti``, ``kolom.modul``) instead
  of an object repeating its keys — a city-wide history is then a third of the size (docs/benchmarks.md).
  :meth:`CohortResult.from_dict` reads skema 2 and 3.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from operator import attrgetter
from typing import Any

KOMPETEN = "Kompeten"
BELUM_KOMPETEN = "Belum Kompeten"
BELUM_DINILAI = "Belum dinilai"
STATUSES = (KOMPETEN, BELUM_KOMPETEN, BELUM_DINILAI)

# criterion states (from summative evidence only)
TERPENUHI = "terpenuhi"
TIDAK_TERPENUHI = "belum terpenuhi"
KRITERIA_BELUM_DINILAI = "belum dinilai"
KRITERIA_BELUM_ADA_UJI = "belum ada bukti uji"  # the framework lists no summative evidence yet

BELUM_ADA_BUKTI = (
    "Belum ada bukti uji"  # unit note: no criterion of the unit has summative evidence
)

# grading state of one participant's module (issue 14 req. 5): what the report really knows
BELUM_DIKUMPULKAN = "belum dikumpulkan"
BELUM_DINILAI_MODUL = "dikumpulkan, belum dinilai"  # in submitted/, not yet autograded
MENUNGGU_PELATIH = "menunggu penilaian pelatih"  # autograded; rubric cells not yet scored
SUDAH_DINILAI = "sudah dinilai"
PERLU_DINILAI_ULANG = "perlu dinilai ulang"  # resubmitted after grading, not regraded (stale)
MODULE_STATES = (
    BELUM_DIKUMPULKAN,
    BELUM_DINILAI_MODUL,
    MENUNGGU_PELATIH,
    SUDAH_DINILAI,
    PERLU_DINILAI_ULANG,
)

SCHEMA_VERSION = 3


@dataclass
class Evidence:
    """One graded cell of one participant (after late penalty)."""

    modul: str
    grade_id: str
    maks: float
    skor: float | None = None  # effective score (manual overrides auto, late penalty applied)
    skor_asli: float | None = None  # nbgrader's score before the late penalty
    dinilai: bool = False  # False: not submitted, or waits for manual grading
    manual: bool = False  # the trainer set the score
    lokakarya: str = ""
    waktu: str | None = None  # submission timestamp (ISO, UTC)
    basi: bool = False  # resubmitted after grading and not regraded: the score is of an old version


@dataclass
class CriterionResult:
    kode: str
    judul: str
    elemen: int
    status: str  # TERPENUHI | TIDAK_TERPENUHI | KRITERIA_BELUM_DINILAI | KRITERIA_BELUM_ADA_UJI
    skor: float  # summative (uji) points reached
    maks: float  # summative (uji) points possible
    ambang: float
    uji: list[Evidence] = field(default_factory=list)  # summative: decides the status
    latihan: list[Evidence] = field(default_factory=list)  # formative: readiness only
    latihan_jumlah: int = 0  # latihan cells the framework lists (found or not)

    @property
    def rasio(self) -> float | None:
        """Share of the summative points (None without uji evidence)."""
        return self.skor / self.maks if self.maks else None

    @property
    def latihan_rasio(self) -> float | None:
        """Share of the points on the graded latihan cells (None when none is graded)."""
        return _share([e for e in self.latihan if e.dinilai])


def _share(items: list[Evidence]) -> float | None:
    maks = sum(e.maks for e in items)
    return sum(e.skor or 0.0 for e in items) / maks if maks > 0 else None


@dataclass
class UnitResult:
    unit: str
    status: str  # one of STATUSES, from uji evidence only
    kriteria: list[CriterionResult] = field(default_factory=list)
    keterangan: str = ""  # e.g. BELUM_ADA_BUKTI
    awal: float | None = None  # pre-test share 0..1 for this unit's items
    akhir: float | None = None  # post-test share 0..1
    gain: float | None = None  # normalised gain <g>

    @property
    def latihan_selesai(self) -> float | None:
        """Readiness: share of the unit's latihan cells that are graded (None: no latihan)."""
        items = [e for c in self.kriteria for e in c.latihan]
        n = sum(c.latihan_jumlah for c in self.kriteria)
        return sum(e.dinilai for e in items) / n if n else None

    @property
    def latihan_skor(self) -> float | None:
        """Readiness: share of points on the graded latihan cells (None: none graded)."""
        return _share([e for c in self.kriteria for e in c.latihan if e.dinilai])

    @property
    def tanpa_uji(self) -> list[str]:
        """Criteria the framework gives no summative evidence yet ("belum ada bukti uji")."""
        return [f"{c.kode} {c.judul}" for c in self.kriteria if c.status == KRITERIA_BELUM_ADA_UJI]

    @property
    def belum_terpenuhi(self) -> list[str]:
        """Unmet criteria, by name (code and title)."""
        return [f"{c.kode} {c.judul}" for c in self.kriteria if c.status == TIDAK_TERPENUHI]

    @property
    def belum_dinilai(self) -> list[str]:
        return [f"{c.kode} {c.judul}" for c in self.kriteria if c.status == KRITERIA_BELUM_DINILAI]


@dataclass
class ModuleRecord:
    """One participant's submission of one module (assignment) in one workshop."""

    modul: str
    lokakarya: str
    dikumpulkan: bool
    waktu: str | None = None
    batas: str | None = None  # due date incl. extension (ISO, UTC)
    detik_terlambat: float = 0.0
    penalti: float = 0.0  # nbgrader late-submission penalty, points
    skor: float | None = None  # score after penalty (None until graded)
    maks: float = 0.0
    keadaan: str = ""  # one of MODULE_STATES ("" in results made before schema 2)
    menunggu_manual: int = 0  # rubric cells still waiting for the trainer
    waktu_baru: str | None = None  # newer submission not yet graded (stale), ISO UTC
    # self-check attempts read from the submitted notebook (readiness only, never K/BK evidence)
    cek_dicoba: int = 0  # self-checks run at least once
    cek_benar_pertama: int = 0  # right at the first try
    cek_benar_setelah_mencoba: int = 0  # right after one or more misses (persistence)

    def __post_init__(self):
        if not self.keadaan:
            self.keadaan = SUDAH_DINILAI if self.dikumpulkan else BELUM_DIKUMPULKAN

    @property
    def terlambat(self) -> bool:
        return self.dikumpulkan and self.detik_terlambat > 0

    @property
    def dinilai(self) -> bool:
        """Fully graded and current."""
        return self.keadaan == SUDAH_DINILAI


@dataclass
class ParticipantResult:
    id: str
    nama: str = ""
    ikm: str = ""
    kelurahan: str = ""
    jenis_kelamin: str = ""  # L / P
    peran: str = ""
    lokakarya: list[str] = field(default_factory=list)
    units: dict[str, UnitResult] = field(default_factory=dict)
    modul: list[ModuleRecord] = field(default_factory=list)

    @property
    def completion(self) -> float | None:
        """Share of the modules released to this participant that they submitted."""
        if not self.modul:
            return None
        return sum(m.dikumpulkan for m in self.modul) / len(self.modul)

    @property
    def late_count(self) -> int:
        return sum(m.terlambat for m in self.modul)

    @property
    def penalty_points(self) -> float:
        return sum(m.penalti for m in self.modul)


@dataclass
class WorkshopInfo:
    nama: str
    course_id: str = ""
    dibuat: str = ""
    folder: str = ""


@dataclass
class UnitInfo:
    kode: str
    judul: str
    ada_bukti: bool = True  # some criterion has summative (uji) evidence
    uji_lengkap: bool = True  # every criterion has uji evidence: only then Kompeten is reachable


@dataclass
class CohortResult:
    """Per participant × unit results of one workshop, or of a merged history."""

    units: list[UnitInfo]
    participants: list[ParticipantResult]
    lokakarya: list[WorkshopInfo] = field(default_factory=list)
    dibuat: str = ""  # when the result was computed (ISO, UTC)
    framework: dict[str, Any] = field(default_factory=dict)
    catatan: list[str] = field(default_factory=list)  # notes for every rendering (anonymity rule)

    @property
    def unit_codes(self) -> list[str]:
        return [u.kode for u in self.units]

    def participant(self, pid: str) -> ParticipantResult:
        for p in self.participants:
            if p.id == pid:
                return p
        raise KeyError(pid)

    def to_dict(self) -> dict[str, Any]:
        # Plain field copies (dataclasses.asdict deep-copies recursively and is several times
        # slower), evidence rows by one C-level attrgetter, and each unit's derived shares in one
        # pass over its criteria: the same values, added in the same order, as the properties
        # (rasio, latihan_rasio, latihan_selesai, latihan_skor, belum_terpenuhi) compute;
        # tests/unit/report/test_report_json_golden.py holds the bytes.
        ev_row = _EVIDENCE_ROW
        mod_row = _MODULE_ROW

        def unit_dict(u: UnitResult) -> dict:
            d = u.__dict__.copy()
            crits = []
            unmet = []
            graded: list[Evidence] = []  # every graded latihan cell, in criterion order
            lat_n = 0
            for c in u.kriteria:
                cd = c.__dict__.copy()
                cd["uji"] = [list(ev_row(e)) for e in c.uji]
                cd["latihan"] = [list(ev_row(e)) for e in c.latihan]
                cd["rasio"] = c.skor / c.maks if c.maks else None
                g = [e for e in c.latihan if e.dinilai]
                cd["latihan_rasio"] = _share(g)
                graded += g
                crits.append(cd)
                lat_n += c.latihan_jumlah
                if c.status == TIDAK_TERPENUHI:
                    unmet.append(f"{c.kode} {c.judul}")
            d["kriteria"] = crits
            d["belum_terpenuhi"] = unmet
            d["latihan_selesai"] = len(graded) / lat_n if lat_n else None
            d["latihan_skor"] = _share(graded)
            return d

        return {
            "skema": SCHEMA_VERSION,
            "kolom": {"bukti": list(EVIDENCE_COLUMNS), "modul": list(MODULE_COLUMNS)},
            "dibuat": self.dibuat,
            "lokakarya": [asdict(w) for w in self.lokakarya],
            "units": [asdict(u) for u in self.units],
            "framework": self.framework,
            "catatan": list(self.catatan),
            "participants": [
                {
                    "id": p.id,
                    "nama": p.nama,
                    "ikm": p.ikm,
                    "kelurahan": p.kelurahan,
                    "jenis_kelamin": p.jenis_kelamin,
                    "peran": p.peran,
                    "lokakarya": list(p.lokakarya),
                    "penyelesaian": p.completion,
                    "jumlah_terlambat": p.late_count,
                    "units": {k: unit_dict(u) for k, u in p.units.items()},
                    "modul": [list(mod_row(m)) for m in p.modul],
                }
                for p in self.participants
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CohortResult:
        kolom = data.get("kolom", {})  # skema 3: rows of values in these orders
        ecols = kolom.get("bukti", EVIDENCE_COLUMNS)
        mcols = kolom.get("modul", MODULE_COLUMNS)

        def evidence(e) -> Evidence:
            return (
                Evidence(**e)
                if isinstance(e, dict)
                else Evidence(**dict(zip(ecols, e, strict=True)))
            )

        def module(m) -> ModuleRecord:
            return (
                ModuleRecord(**m)
                if isinstance(m, dict)
                else ModuleRecord(**dict(zip(mcols, m, strict=True)))
            )

        def unit_from(d: dict) -> UnitResult:
            derived = ("bukti", "uji", "latihan", "rasio", "latihan_rasio")
            crit = [
                CriterionResult(
                    **{k: v for k, v in c.items() if k not in derived},
                    # skema 1 called the deciding evidence `bukti`
                    uji=[evidence(e) for e in c.get("uji", c.get("bukti", []))],
                    latihan=[evidence(e) for e in c.get("latihan", [])],
                )
                for c in d.get("kriteria", [])
            ]
            derived_u = ("kriteria", "belum_terpenuhi", "latihan_selesai", "latihan_skor")
            keep = {k: v for k, v in d.items() if k not in derived_u}
            return UnitResult(**keep, kriteria=crit)

        participants = [
            ParticipantResult(
                id=p["id"],
                nama=p.get("nama", ""),
                ikm=p.get("ikm", ""),
                kelurahan=p.get("kelurahan", ""),
                jenis_kelamin=p.get("jenis_kelamin", ""),
                peran=p.get("peran", ""),
                lokakarya=list(p.get("lokakarya", [])),
                units={k: unit_from(u) for k, u in p.get("units", {}).items()},
                modul=[module(m) for m in p.get("modul", [])],
            )
            for p in data.get("participants", [])
        ]
        return cls(
            units=[UnitInfo(**u) for u in data.get("units", [])],
            participants=participants,
            lokakarya=[WorkshopInfo(**w) for w in data.get("lokakarya", [])],
            dibuat=data.get("dibuat", ""),
            framework=data.get("framework", {}),
            catatan=list(data.get("catatan", [])),
        )


# skema 3: the order of the values of one evidence item / one module record in the JSON
EVIDENCE_COLUMNS = tuple(f.name for f in fields(Evidence))
MODULE_COLUMNS = tuple(f.name for f in fields(ModuleRecord))
_EVIDENCE_ROW = attrgetter(*EVIDENCE_COLUMNS)
_MODULE_ROW = attrgetter(*MODULE_COLUMNS)
