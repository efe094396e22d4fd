"""The workshop folder: an nbgrader course root made by ``alaskaki init``.

See docs/architecture.md for the layout and :mod:`alaskaki.folder` for where its files are.
Everything here works in-process on nbgrader's own API (one Python start-up for a whole command
instead of one per ``nbgrader`` call).
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alaskaki import __version__, paths
from alaskaki.errors import (
    EXIT_CONFLICT,
    EXIT_ERROR,
    EXIT_NOT_FOUND,
    AlaskakiError,
    from_os_error,
)
from alaskaki.folder import (
    _DB_URL_LINE,
    CONFIG_FILE,
    FOLDER_ID_KEY,
    ID_PATTERN,
    META_FILE,
    ROSTER_FILE,
    WORKSHOP_DIRS,
    Folder,
    _atomic_write,
    _db_url_for_server,
    _venv_on_path,
)

__all__ = ["CONFIG_FILE", "ID_PATTERN", "META_FILE", "ROSTER_FILE", "Workshop", "init_workshop"]

# No db_url for SQLite: nbgrader computes <root>/gradebook.db at run time, so a copied, moved or
# renamed workshop keeps its own gradebook. A database server's URL is written when given.
CONFIG_TEMPLATE = """\
# nbgrader configuration of an alaskaki workshop (made by `alaskaki init`).
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = {course_id!r}
{db_url_line}c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]
# Released notebooks: an Indonesian stub that never stops `Run All`.
c.ClearSolutions.code_stub = {{"python": "# TULIS JAWABAN ANDA DI SINI"}}
c.ClearSolutions.text_stub = "TULIS JAWABAN ANDA DI SINI"
# Restore test cells a participant deleted (nbgrader's default leaves them out).
c.OverwriteCells.add_missing_cells = True
# Harmless warnings on stderr must not turn a right answer into zero.
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = ".*(Warning|warning|WARNING).*"
c.Execute.timeout = 60
# nbgrader's own feedback (formgrader button) never shows hidden tests, and refuses an uji form:
# a score per item of a sealed form is a key for the next participant (alaskaki feedback instead).
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor  # noqa: E402
from nbgrader.preprocessors import ClearHiddenTests, GetGrades  # noqa: E402

from alaskaki.workshop.feedback import uji_feedback_refuser  # noqa: E402

c.GenerateFeedback.preprocessors = [
    uji_feedback_refuser(), GetGrades, CSSHTMLHeaderPreprocessor, ClearHiddenTests
]
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
class Workshop(Folder):
    """An existing workshop folder: :class:`alaskaki.folder.Folder` plus nbgrader's API on it."""

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
    def course_id(self) -> str:
        return self.config().CourseDirectory.course_id

    @property
    def roster_path(self) -> Path:
        return self.roster_file

    def modules(self) -> list[str]:
        return sorted(super().modules(), key=teaching_order)

    def require_module(self, modul: str) -> str:
        mods = self.modules()
        if modul not in mods:
            raise AlaskakiError(
                f"Modul {modul!r} tidak ada di lokakarya ini. Modul yang ada: {', '.join(mods) or '(belum ada)'}.",
                exit_code=EXIT_NOT_FOUND,
            )
        return modul

    def participant_ids(self) -> list[str]:
        return [p.id for p in self.participants()]

    def api(self, **extra):
        """nbgrader's own API object for this course."""
        from nbgrader.apps.api import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory

        _venv_on_path()
        self.check_gradebook()
        cfg = self.config()
        for section, values in extra.items():
            for key, value in values.items():
                setattr(getattr(cfg, section), key, value)
        coursedir = CourseDirectory(config=cfg)
        api = NbGraderAPI(coursedir=coursedir, config=cfg)
        api.log.setLevel(logging.ERROR)
        return api


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
    rahasia_soal: str | None = None,
    take_over: bool = False,
) -> Workshop:
    """Create a workshop folder (an nbgrader course root) with the kit's modules and an empty gradebook.

    All or nothing: the roster and the modules are checked first, the folder is built beside its
    final place and renamed into it at the end, so a failure (bad roster, full disk) leaves no
    half-made workshop. Refuses a folder that already holds files other than a previous alaskaki
    workshop; on an existing workshop it only adds kit modules missing from ``source/``.

    The uji forms (asesmen-awal/akhir) are the workshop's own, generated from a secret kept in
    ``penilaian/`` (``rahasia_soal`` fixes it, for the demo); see :mod:`alaskaki_kunci.bengkel`.

    On an existing workshop, ``db_url`` moves its gradebook to a new, empty PostgreSQL database
    (a copy that becomes a separate workshop; :func:`_switch_database`), and ``take_over`` makes
    this folder the owner of its server gradebook (a workshop moved to another disk or computer).
    """
    root = Path(directory).resolve()
    demo_dir = paths.KIT_ROOT.resolve() / "demo"  # `make demo`'s workshop; ignored by git
    if paths.KIT_ROOT.resolve() in (root, *root.parents) and demo_dir not in (root, *root.parents):
        raise AlaskakiError(
            f"Folder lokakarya {root} berada di dalam folder kit ({paths.KIT_ROOT}). "
            "Pilih folder di luar kit, mis. ~/lokakarya/mojokerto-2026.",
            exit_code=EXIT_CONFLICT,
        )
    wanted = modules if modules is not None else kit_modules()
    unknown = [m for m in wanted if not (paths.SOURCE_DIR / m / f"{m}.ipynb").is_file()]
    if unknown:
        raise AlaskakiError(
            f"Modul {', '.join(map(repr, unknown))} tidak ada di kit.", exit_code=EXIT_NOT_FOUND
        )
    if roster is not None:
        from alaskaki.workshop.roster import read_roster

        read_roster(roster)  # a bad roster is refused before anything is written
    if root.exists() and not root.is_dir():
        raise AlaskakiError(
            f"{root} adalah sebuah berkas, bukan folder. Pilih nama folder lokakarya yang lain.",
            exit_code=EXIT_CONFLICT,
        )
    if (root / META_FILE).is_file():
        ws = Workshop(root)
        if db_url is not None and _db_url_for_server(db_url) != ws.db_url:
            _switch_database(ws, _db_url_for_server(db_url))
        elif take_over:
            ws.claim_server(take_over=True)
        wanted = _known_to_pinned(ws, wanted, explicit=modules is not None)
        _fill(ws, wanted, rahasia_soal)
        if roster is not None:
            from alaskaki.workshop.roster import import_roster

            import_roster(ws, roster)
        return ws
    if root.exists() and any(root.iterdir()):
        raise AlaskakiError(
            f"Folder {root} sudah berisi file lain. Pilih folder baru yang kosong agar tidak ada yang tertimpa.",
            exit_code=EXIT_CONFLICT,
        )
    try:
        root.parent.mkdir(parents=True, exist_ok=True)
        build = Path(tempfile.mkdtemp(prefix=f".{root.name}.dibuat-", dir=root.parent))
    except OSError as err:
        raise from_os_error(err, doing="membuat folder lokakarya", path=root) from err
    try:
        os.chmod(build, 0o755)
        course_id = course_id or _slug(name or root.name)
        meta = {
            "nama": name or root.name,
            "course_id": course_id,
            "versi_kit": __version__,
            "dibuat": datetime.now(UTC).isoformat(timespec="seconds"),
            FOLDER_ID_KEY: uuid.uuid4().hex,
        }
        (build / META_FILE).write_text(
            json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        line = f"c.CourseDirectory.db_url = {_db_url_for_server(db_url)!r}\n" if db_url else ""
        (build / CONFIG_FILE).write_text(
            CONFIG_TEMPLATE.format(course_id=course_id, db_url_line=line), encoding="utf-8"
        )
        ws = Workshop(build)
        if take_over:
            ws.claim_server(take_over=True)
        _fill(ws, wanted, rahasia_soal)
        if roster is not None:
            from alaskaki.workshop.roster import import_roster

            import_roster(ws, roster)
        if root.exists():
            root.rmdir()  # empty (checked above); rename() cannot replace it otherwise on every OS
        os.rename(build, root)
    except OSError as err:
        shutil.rmtree(build, ignore_errors=True)
        # name the folder the trainer asked for, not the hidden one it was being built in
        raise from_os_error(err, doing="membuat folder lokakarya", path=root) from err
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    ws = Workshop(root)
    # a gradebook on a server records the folder that uses it: the final path, not the hidden one
    # it was built in, so a later `cp -a` copy is told apart from this folder
    ws.check_gradebook(create=True)
    return ws


def _switch_database(ws: Workshop, url: str) -> None:
    """Point an existing workshop at a new, empty PostgreSQL database (``init FOLDER --db-url``).

    For a ``cp -a`` copy of a workshop on a server that becomes a workshop of its own: the
    gradebook it shared is copied into the new database (``pg_dump``/``pg_restore``), as copying a
    folder copies its gradebook.db; the shared database is only read. A database that already
    holds a gradebook is refused (it would be overwritten).
    """
    import sqlalchemy
    from sqlalchemy.exc import SQLAlchemyError

    from alaskaki.folder import BACKUP_DIR, _last_line, _libpq, _pg_dump, _pg_tool, _run_pg

    if not url.startswith("postgresql"):
        raise AlaskakiError(
            f"Lokakarya {ws.root} sudah ada; `--db-url` di sini hanya untuk memindah buku nilainya ke "
            "database PostgreSQL baru (postgresql://...).",
            exit_code=EXIT_CONFLICT,
        )
    old = ws.db_url
    if not old.startswith("postgresql"):
        raise AlaskakiError(
            f"Buku nilai lokakarya {ws.root} adalah berkas {ws.gradebook_file}; memindahnya ke server "
            "belum didukung. Buat lokakarya baru dengan `alaskaki init FOLDER_BARU --db-url URL`.",
            exit_code=EXIT_CONFLICT,
        )
    safe = sqlalchemy.engine.make_url(url).render_as_string(hide_password=True)
    engine = sqlalchemy.create_engine(url)
    try:
        with engine.connect() as con:
            used = con.execute(
                sqlalchemy.text("select to_regclass('public.assignment') is not null")
            ).scalar()
    except SQLAlchemyError as err:
        first = str(getattr(err, "orig", None) or err).strip().splitlines()[0]
        raise AlaskakiError(
            f"Database baru {safe} tidak dapat dipakai: {first}. Buat dulu databasenya (mis. "
            "`createdb NAMA`), lalu jalankan lagi.",
            exit_code=EXIT_ERROR,
        ) from None
    finally:
        engine.dispose()
    if used:
        raise AlaskakiError(
            f"Database {safe} sudah berisi buku nilai; memakainya akan menimpa nilai di sana. Buat "
            "database baru yang kosong lalu jalankan lagi dengan alamatnya.",
            exit_code=EXIT_CONFLICT,
        )
    dump, restore = _pg_tool("pg_dump"), _pg_tool("pg_restore")
    if dump is None or restore is None:
        raise AlaskakiError(
            "pg_dump/pg_restore tidak ditemukan, jadi buku nilai tidak dapat disalin ke database baru. "
            "Pasang klien PostgreSQL (mis. `sudo apt-get install postgresql-client`), lalu jalankan lagi.",
            exit_code=EXIT_NOT_FOUND,
        )
    when = datetime.now(UTC)
    copy = ws.backup_dir / f"gradebook-{when:%Y%m%dT%H%M%S%f}Z-sebelum-database-baru.dump"
    _pg_dump(dump, old, copy, backup_dir=ws.root / BACKUP_DIR)
    conn, env = _libpq(url)
    done = _run_pg(
        [
            restore,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "--dbname",
            conn,
            str(copy),
        ],
        env,
    )
    if done.returncode != 0:
        raise AlaskakiError(
            f"Gagal menyalin buku nilai ke database baru {safe} (pg_restore: {_last_line(done.stderr)}). "
            f"{CONFIG_FILE} tidak diubah.",
            exit_code=EXIT_ERROR,
        )
    text = ws.config_file.read_text(encoding="utf-8")
    line = f"c.CourseDirectory.db_url = {url!r}"
    new, n = _DB_URL_LINE.subn(line, text)
    _atomic_write(ws.config_file, new if n else text.rstrip("\n") + "\n" + line + "\n")
    ws.claim_server(take_over=True)


def _known_to_pinned(ws: Workshop, wanted: list[str], *, explicit: bool) -> list[str]:
    """On an existing workshop with a pinned ``kompetensi.yml``, only the kit modules that framework
    knows: a workshop made before a module split keeps its old ids, and a new module beside them
    would make every report refuse the pinned file (trainer team T9)."""
    from alaskaki.competency.framework import load_framework

    if not ws.framework_file.exists():
        return wanted
    try:
        fw = load_framework(ws.framework_file, source_dir=ws.source())
    except AlaskakiError:
        return wanted  # a pinned file that does not validate is reported by `report` itself
    known = {*fw.competency_modules, *fw.pengenalan, fw.asesmen_awal, fw.asesmen_akhir}
    alien = [m for m in wanted if m not in known and not ws.source(m).exists()]
    if alien and explicit:
        raise AlaskakiError(
            f"Lokakarya {ws.root} memakai kerangka kompetensi yang disematkan saat dibuat "
            f"({ws.framework_file.name}), dan kerangka itu tidak mengenal modul "
            f"{', '.join(alien)}. Buat lokakarya baru untuk modul ini: `alaskaki init FOLDER_BARU`.",
            exit_code=EXIT_CONFLICT,
        )
    return [m for m in wanted if m not in alien]


def _fill(ws: Workshop, wanted: list[str], rahasia_soal: str | None = None) -> None:
    """The nbgrader folders, the kit modules missing from ``source/``, their gradebook rows."""
    for sub in WORKSHOP_DIRS:
        (ws.root / sub).mkdir(exist_ok=True)
    for modul in wanted:
        dest = ws.source(modul)
        if not dest.exists() and not _own_form(ws, modul, dest, rahasia_soal):
            _copy_module(paths.SOURCE_DIR / modul, dest)
    with ws.gradebook(create=True) as gb:
        for modul in ws.modules():
            gb.update_or_create_assignment(modul)
    _snapshot_framework(ws)


UJI_FORMS = ("asesmen-awal", "asesmen-akhir")


def _own_form(ws: Workshop, modul: str, dest: Path, rahasia: str | None) -> bool:
    """Write the workshop's own uji form (the kit's committed key is public); False for a module.

    Needs the trainer install's key package; without it (never the case for a trainer's
    ``alaskaki init``) the kit's committed form is copied, as before.
    """
    if modul not in UJI_FORMS:
        return False
    try:
        from alaskaki_kunci import bengkel
    except ImportError:
        return False
    try:
        bengkel.tulis_form(ws.root, modul, dest, rahasia)
    except OSError as err:
        raise from_os_error(err, doing=f"menulis asesmen {modul} lokakarya", path=dest) from err
    return True


def _copy_module(src: Path, dest: Path) -> None:
    """Copy a kit module; unlike shutil.copytree, the first OSError (disk full) is raised as is."""
    for p in sorted(src.rglob("*")):
        rel = p.relative_to(src)
        if any(part in (".ipynb_checkpoints", "__pycache__") for part in rel.parts):
            continue
        target = dest / rel
        if p.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(p, target)
    dest.mkdir(parents=True, exist_ok=True)


def _snapshot_framework(ws: Workshop) -> None:
    """Pin the competency framework the workshop's notebooks were written for.

    ``DIR/kompetensi.yml`` is read by :func:`alaskaki.competency.assess` instead of the kit's file,
    so a later kit with other grade ids never breaks an old workshop. Written once, and only when
    it validates against this workshop's ``source/`` (a workshop with a subset of the modules keeps
    using the kit's file).
    """
    from alaskaki.competency.framework import DEFAULT_PATH, load_framework

    target = ws.framework_file
    if target.exists() or not DEFAULT_PATH.is_file():
        return
    try:
        load_framework(DEFAULT_PATH, source_dir=ws.source())
    except AlaskakiError:
        return
    shutil.copyfile(DEFAULT_PATH, target)
