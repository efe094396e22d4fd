"""The workshop folder: an nbgrader course root made by ``alaskaki init``.

See docs/architecture.md for the layout. Everything here works in-process on nbgrader's own API
(one Python start-up for a whole command instead of one per ``nbgrader`` call).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alaskaki import __version__, paths
from alaskaki.errors import EXIT_CONFLICT, EXIT_NOT_FOUND, AlaskakiError

META_FILE = "lokakarya.json"
ROSTER_FILE = "peserta.csv"
CONFIG_FILE = "nbgrader_config.py"
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")

CONFIG_TEMPLATE = """\
# nbgrader configuration of an alaskaki workshop (made by `alaskaki init`).
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = {course_id!r}
c.CourseDirectory.db_url = {db_url!r}
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]
# Released notebooks: an Indonesian stub that never stops `Run All`.
c.ClearSolutions.code_stub = {{"python": "# TULIS JAWABAN ANDA DI SINI"}}
c.ClearSolutions.text_stub = "TULIS JAWABAN ANDA DI SINI"
# Restore test cells a participant deleted (nbgrader's default leaves them out).
c.OverwriteCells.add_missing_cells = True
# Harmless warnings on stderr must not turn a right answer into zero.
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = ".*(Warning|warning|WARNING).*"
c.Execute.timeout = 60
"""


def teaching_order(modul: str) -> tuple[int, str]:
    """Sort key: the pre-assessment first, then m0..m7 by name, the post-assessment last."""
    return ({"asesmen-awal": 0, "asesmen-akhir": 2}.get(modul, 1), modul)


def kit_modules() -> list[str]:
    """Module ids the kit ships, in teaching order."""
    if not paths.SOURCE_DIR.is_dir():
        return []
    found = [p.name for p in paths.SOURCE_DIR.iterdir() if (p / f"{p.name}.ipynb").is_file()]
    return sorted(found, key=teaching_order)


@dataclass(frozen=True)
class Workshop:
    """An existing workshop folder."""

    root: Path

    @classmethod
    def open(cls, directory: str | Path | None = None) -> Workshop:
        root = Path(directory or ".").resolve()
        if not (root / CONFIG_FILE).is_file() or not (root / META_FILE).is_file():
            raise AlaskakiError(
                f"Folder {root} bukan folder lokakarya alaskaki (tidak ada {CONFIG_FILE} dan {META_FILE}). "
                "Buat dulu dengan `alaskaki init FOLDER`, atau tunjuk foldernya dengan `--workshop FOLDER`.",
                exit_code=EXIT_NOT_FOUND,
            )
        return cls(root)

    @property
    def meta(self) -> dict:
        return json.loads((self.root / META_FILE).read_text(encoding="utf-8"))

    @property
    def course_id(self) -> str:
        return self.meta["course_id"]

    @property
    def roster_path(self) -> Path:
        return self.root / ROSTER_FILE

    @property
    def reports_dir(self) -> Path:
        return self.root / "laporan"

    def modules(self) -> list[str]:
        src = self.root / "source"
        if not src.is_dir():
            return []
        return sorted(
            (p.name for p in src.iterdir() if (p / f"{p.name}.ipynb").is_file()), key=teaching_order
        )

    def require_module(self, modul: str) -> str:
        mods = self.modules()
        if modul not in mods:
            raise AlaskakiError(
                f"Modul {modul!r} tidak ada di lokakarya ini. Modul yang ada: {', '.join(mods) or '(belum ada)'}.",
                exit_code=EXIT_NOT_FOUND,
            )
        return modul

    def participant_ids(self) -> list[str]:
        from alaskaki.workshop.roster import read_roster

        if not self.roster_path.is_file():
            return []
        return [p.id for p in read_roster(self.roster_path)]

    def config(self):
        """The workshop's nbgrader config, with the course root set to this folder."""
        from traitlets.config.loader import PyFileConfigLoader

        cfg = PyFileConfigLoader(CONFIG_FILE, path=str(self.root)).load_config()
        cfg.CourseDirectory.root = str(self.root)
        return cfg

    def api(self, **extra):
        """nbgrader's own API object for this course."""
        from nbgrader.apps.api import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory

        _ensure_venv_on_path()
        cfg = self.config()
        for section, values in extra.items():
            for key, value in values.items():
                setattr(getattr(cfg, section), key, value)
        coursedir = CourseDirectory(config=cfg)
        api = NbGraderAPI(coursedir=coursedir, config=cfg)
        api.log.setLevel(logging.ERROR)
        return api

    @contextlib.contextmanager
    def gradebook(self):
        from nbgrader.api import Gradebook

        _ensure_venv_on_path()
        gb = Gradebook(self.config().CourseDirectory.db_url, course_id=self.course_id)
        try:
            yield gb
        finally:
            gb.close()


def _ensure_venv_on_path() -> None:
    # A new gradebook shells out to `alembic`, which lives next to this Python (STACK.md).
    bindir = str(Path(sys.executable).parent)
    if bindir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")


def _db_url(url: str | None) -> str | None:
    """SQLAlchemy 2.1 reads plain ``postgresql://`` as psycopg 3; the kit uses psycopg2 (docs/deploy.md)."""
    if url and re.match(r"^postgres(ql)?://", url):
        return "postgresql+psycopg2://" + url.split("://", 1)[1]
    return url


def _slug(text: str) -> str:
    s = re.sub(r"[^A-Za-z0-9]+", "-", text.strip().lower()).strip("-")
    return s or "lokakarya"


def init_workshop(
    directory: str | Path,
    *,
    roster: str | Path | None = None,
    name: str | None = None,
    course_id: str | None = None,
    db_url: str | None = None,
    modules: list[str] | None = None,
) -> Workshop:
    """Create a workshop folder (an nbgrader course root) with the kit's modules and an empty gradebook.

    Refuses a folder that already holds files other than a previous alaskaki workshop, and never
    overwrites an existing workshop's gradebook or submissions; on an existing workshop it only adds
    kit modules that are missing from ``source/``.
    """
    root = Path(directory).resolve()
    demo_dir = paths.KIT_ROOT.resolve() / "demo"  # `make demo`'s workshop; ignored by git
    if paths.KIT_ROOT.resolve() in (root, *root.parents) and demo_dir not in (root, *root.parents):
        raise AlaskakiError(
            f"Folder lokakarya {root} berada di dalam folder kit ({paths.KIT_ROOT}). "
            "Pilih folder di luar kit, mis. ~/lokakarya/mojokerto-2026.",
            exit_code=EXIT_CONFLICT,
        )
    existing = (root / META_FILE).is_file()
    if root.exists() and not existing and any(root.iterdir()):
        raise AlaskakiError(
            f"Folder {root} sudah berisi file lain. Pilih folder baru yang kosong agar tidak ada yang tertimpa.",
            exit_code=EXIT_CONFLICT,
        )
    root.mkdir(parents=True, exist_ok=True)
    if not existing:
        course_id = course_id or _slug(name or root.name)
        meta = {
            "nama": name or root.name,
            "course_id": course_id,
            "versi_kit": __version__,
            "dibuat": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        (root / META_FILE).write_text(
            json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        db_url = _db_url(db_url) or f"sqlite:///{root / 'gradebook.db'}"
        (root / CONFIG_FILE).write_text(
            CONFIG_TEMPLATE.format(course_id=course_id, db_url=db_url), encoding="utf-8"
        )
    for sub in ("source", "release", "submitted", "autograded", "feedback", "arsip", "laporan"):
        (root / sub).mkdir(exist_ok=True)
    ws = Workshop(root)
    wanted = modules if modules is not None else kit_modules()
    for modul in wanted:
        src = paths.SOURCE_DIR / modul
        if not (src / f"{modul}.ipynb").is_file():
            raise AlaskakiError(f"Modul {modul!r} tidak ada di kit.", exit_code=EXIT_NOT_FOUND)
        dest = root / "source" / modul
        if not dest.exists():
            shutil.copytree(
                src, dest, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
            )
    with ws.gradebook() as gb:
        for modul in ws.modules():
            gb.update_or_create_assignment(modul)
    _snapshot_framework(ws)
    if roster is not None:
        from alaskaki.workshop.roster import import_roster

        import_roster(ws, roster)
    return ws


def _snapshot_framework(ws: Workshop) -> None:
    """Pin the competency framework the workshop's notebooks were written for.

    ``DIR/kompetensi.yml`` is read by :func:`alaskaki.competency.assess` instead of the kit's file,
    so a later kit with other grade ids never breaks an old workshop. Written once, and only when
    it validates against this workshop's ``source/`` (a workshop with a subset of the modules keeps
    using the kit's file).
    """
    from alaskaki.competency.framework import DEFAULT_PATH, load_framework

    target = ws.root / "kompetensi.yml"
    if target.exists() or not DEFAULT_PATH.is_file():
        return
    try:
        load_framework(DEFAULT_PATH, source_dir=ws.root / "source")
    except AlaskakiError:
        return
    shutil.copyfile(DEFAULT_PATH, target)
