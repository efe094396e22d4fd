"""The workshop folder: an nbgrader course root made by ``alaskaki init``.

See docs/architecture.md for the layout and :mod:`alaskaki.folder` for where its files are.
Everything here works in-process on nbgrader's own API (one Python start-up for a whole command
instead of one per ``nbgrader`` call).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import sys
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
    DEMO_SECRET,
    EVIDENCE_KEY,
    FOLDER_ID_KEY,
    GRADEBOOK_FILE,
    META_FILE,
    ORIGIN_KEY,
    ROSTER_FILE,
    SOURCE_DIR,
    STATE_DIR,
    WORKSHOP_DIRS,
    Folder,
    _atomic_write,
    _db_url_for_server,
    _venv_on_path,
)
from alaskaki.roster import ID_PATTERN, name_key, person_key
from alaskaki.workshop.lock import locked

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


INIT_BACKUP = "sesudah init"  # the tag of init's backup (`alaskaki pulihkan` column "saat")


@locked("init")  # on an existing workshop: it adds modules and may move its gradebook (R45)
def init_workshop(
    directory: str | Path,
    *,
    roster: str | Path | None = None,
    name: str | None = None,
    course_id: str | None = None,
    db_url: str | None = None,
    modules: list[str] | None = None,
    rahasia_soal: str | None = None,
    moved: bool = False,
) -> Workshop:
    """Create a workshop folder (an nbgrader course root) with the kit's modules and an empty gradebook.

    All or nothing: the roster and the modules are checked first, the folder is built beside its
    final place and renamed into it at the end, so a failure (bad roster, full disk) leaves no
    half-made workshop. Refuses a folder that already holds files other than a previous alaskaki
    workshop; on an existing workshop it only adds kit modules missing from ``source/``.

    The uji forms (asesmen-awal/akhir) are the workshop's own, generated from a secret kept in
    ``penilaian/`` (``rahasia_soal`` fixes it, for the demo); see :mod:`alaskaki_kunci.bengkel`.

    On an existing workshop, ``db_url`` moves its gradebook to a new, empty PostgreSQL database
    (a copy that becomes a separate workshop; :func:`_switch_database`), and ``moved`` makes
    this folder the owner of its server gradebook (the same workshop moved to another disk or
    computer; refused for another workshop, or while the recorded folder is still in place).
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
        from alaskaki.workshop.roster import read_named_roster

        read_named_roster(roster)  # a bad roster is refused before anything is written
    if root.exists() and not root.is_dir():
        raise AlaskakiError(
            f"{root} adalah sebuah berkas, bukan folder. Pilih nama folder lokakarya yang lain.",
            exit_code=EXIT_CONFLICT,
        )
    if (root / META_FILE).is_file():
        ws = Workshop(root)
        if db_url is not None and _db_url_for_server(db_url) != ws.db_url:
            _switch_database(ws, _db_url_for_server(db_url))
        elif moved:
            ws.claim_server(moved=True)
        if roster is not None:
            from alaskaki.workshop.roster import check_import

            # against this workshop's roster and gradebook (P01 beside p01, another person under
            # an id with work) before any module is added: a refused roster changes nothing
            check_import(ws, roster)
        wanted = _known_to_pinned(ws, wanted, explicit=modules is not None)
        refresh_config(ws)
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
        # The owner's only (mkdtemp's 0700, kept): the uji forms carry their key in hidden tests and
        # the gradebook holds them too, later everyone's work and grades. A new batch's folder made
        # on a running hub is otherwise open to every account until `hub users` (R36), which gives
        # the trainer group its 0750.
        os.chmod(build, 0o700)
        course_id = course_id or _slug(name or root.name)
        meta = {
            "nama": name or root.name,
            "course_id": course_id,
            "versi_kit": __version__,
            "dibuat": datetime.now(UTC).isoformat(timespec="seconds"),
            FOLDER_ID_KEY: uuid.uuid4().hex,
            # the final path and this folder's inode (a rename keeps it): a copy is told apart
            ORIGIN_KEY: {"path": str(root), "disk": str(build.stat().st_ino)},
        }
        (build / META_FILE).write_text(
            json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        line = f"c.CourseDirectory.db_url = {_db_url_for_server(db_url)!r}\n" if db_url else ""
        (build / CONFIG_FILE).write_text(
            CONFIG_TEMPLATE.format(course_id=course_id, db_url_line=line), encoding="utf-8"
        )
        ws = Workshop(build)
        if moved:
            ws.claim_server(moved=True)  # a new folder has a new id: only an unrecorded database
        _fill(ws, wanted, rahasia_soal)
        ws.pseudonym_secret()  # the key of its anonymous reports' pseudonyms, its own from the start
        if roster is not None:
            from alaskaki.workshop.roster import import_roster

            import_roster(ws, roster)
        with contextlib.suppress(FileNotFoundError):  # a server gradebook has no file
            # never readable by others; the group stays: `hub users` gives co-trainers (the
            # trainer group) read access to the folder, and their reports read the gradebook
            os.chmod(build / GRADEBOOK_FILE, 0o640)
        if root.exists():
            root.rmdir()  # empty (checked above); rename() cannot replace it otherwise on every OS
        os.rename(build, root)
    except OSError as err:
        shutil.rmtree(build, ignore_errors=True)
        # name the folder the trainer asked for, not the hidden one it was being built in
        raise from_os_error(err, doing="membuat folder lokakarya", path=root) from err
    except AlaskakiError as err:
        shutil.rmtree(build, ignore_errors=True)
        if isinstance(err.__cause__, OSError):  # e.g. disk full while copying a module
            cause = err.__cause__
            raise from_os_error(cause, doing="membuat folder lokakarya", path=root) from cause
        raise
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    ws = Workshop(root)
    # a gradebook on a server records the folder that uses it: the final path, not the hidden one
    # it was built in, so a later `cp -a` copy is told apart from this folder
    ws.check_gradebook(create=True)
    if ws.gradebook_file is not None and ws.gradebook_file.is_file():
        # the first backup: a gradebook lost right after init (with its roster) has a way back
        # (`alaskaki pulihkan`), as after every later command that writes it
        ws.before_write(INIT_BACKUP)
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

    from alaskaki.folder import _last_line, _libpq, _pg_dump, _pg_tool, _run_pg

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
    _pg_dump(dump, old, copy, backup_dir=ws.backup_dir)
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
    _drop_unfinished(ws)
    for modul in wanted:
        dest = ws.source(modul)
        if _whole(ws, modul) and _spent_form_aside(ws, modul):
            _retake_form_again(ws, modul, why="tertimpa formulir putaran yang sudah ditutup")
            continue
        if _whole(ws, modul):
            replace_public_form(ws, modul)
            continue
        if dest.exists():  # an init cut short before this fix (Ctrl-C, full disk): rebuild it
            aside = _put_aside(ws, modul)
            print(
                f"source/{modul}/ tidak lengkap (notebook {modul}.ipynb hilang atau terpotong, "
                f"mis. `alaskaki init` terhenti); dibuat ulang"
                + (f", isi lamanya disimpan di {aside}." if aside else "."),
                file=sys.stderr,
                flush=True,
            )
        if _retake_form_again(ws, modul):
            continue
        _build_module(ws, modul, dest, rahasia_soal)
    with ws.gradebook(create=True) as gb:
        for modul in ws.modules():
            gb.update_or_create_assignment(modul)
    _snapshot_framework(ws)


def _retake_form_again(ws: Workshop, modul: str, why: str = "hilang atau terpotong") -> bool:
    """A lost or cut uji form in a retake round (N > 1) is drawn again as a NEW form of round N.

    Rebuilding it from the workshop's secret would bring back round 1's form, whose key went out
    with the rapor (red team R49: a flashdisk pulled right after `ulang`). Round N's own form
    cannot be drawn again (its secret has a random part, R47); a form that never reached anyone
    loses nothing, and a sheet answered on a lost form is refused by name by the grader (another
    form's questions). True when drawn here."""
    if modul not in UJI_FORMS:
        return False
    from alaskaki.workshop import putaran

    nomor = putaran.read_round(ws.root, modul).nomor
    if nomor <= 1:
        return False  # round 1: the workshop's secret draws the very same form again
    putaran._new_form(Folder(ws.root), modul, nomor)
    print(
        f"Formulir {modul} putaran {nomor} {why}; dibuat formulir baru untuk "
        f"putaran {nomor} (bukan formulir putaran 1, yang kuncinya sudah keluar lewat rapor). "
        f"Bila formulir lama putaran {nomor} sudah dibagikan, minta peserta ulang mengerjakan "
        "formulir yang baru dirilis.",
        file=sys.stderr,
        flush=True,
    )
    return True


def _spent_form_aside(ws: Workshop, modul: str) -> bool:
    """A closed round's form back in source/ in a later round (red team R61: source/ copied back
    from a backup made before `ulang`) is put aside, so a new form of this round is drawn."""
    if modul not in UJI_FORMS:
        return False
    from alaskaki.workshop import putaran

    k = putaran.spent_form(ws.root, modul)
    if k is None:
        return False
    aside = _put_aside(ws, modul, why=f"putaran-{k}")
    print(
        f"source/{modul}/ berisi formulir putaran {k} yang sudah ditutup"
        + (f"; disimpan di {aside}." if aside else "."),
        file=sys.stderr,
        flush=True,
    )
    return True


UJI_FORMS = ("asesmen-awal", "asesmen-akhir")
_UNFINISHED = (
    ".dibuat-"  # source/.<modul>.dibuat-XXXX: a module being written (hidden from nbgrader)
)


def _whole(ws: Workshop, modul: str) -> bool:
    """A module counts as present only when its notebook is there and parses (red team R19)."""
    try:
        nb = json.loads(ws.source_notebook(modul).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(nb, dict) and isinstance(nb.get("cells"), list)


def _build_module(ws: Workshop, modul: str, dest: Path, rahasia: str | None) -> None:
    """Write ``source/<modul>/`` in a hidden folder beside it and rename it in at the end.

    All or nothing, as a new workshop is: Ctrl-C or a full disk while the form is drawn or
    written leaves no empty or cut module that a later ``init`` would keep and ``release`` refuse.
    """
    try:
        build = Path(tempfile.mkdtemp(prefix=f".{modul}{_UNFINISHED}", dir=dest.parent))
    except OSError as err:
        raise from_os_error(err, doing=f"menyalin modul {modul}", path=dest) from err
    try:
        os.chmod(build, 0o755)
        if not _own_form(ws, modul, build, rahasia):
            try:
                _copy_module(paths.SOURCE_DIR / modul, build)
            except OSError as err:
                raise from_os_error(err, doing=f"menyalin modul {modul}", path=dest) from err
        try:
            os.rename(build, dest)
        except OSError as err:
            raise from_os_error(err, doing=f"menyalin modul {modul}", path=dest) from err
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise


def _drop_unfinished(ws: Workshop) -> None:
    """Remove the hidden half-built modules a killed ``init`` left in ``source/`` (never released)."""
    with contextlib.suppress(OSError):
        for p in ws.source().glob(f".*{_UNFINISHED}*"):
            shutil.rmtree(p, ignore_errors=True)


def _put_aside(ws: Workshop, modul: str, *, why: str = "terpotong") -> Path | None:
    """Move ``source/<modul>/`` (cut, or a public form) into ``penilaian/`` (trainer-only);
    None when it held no file (just removed)."""
    dest = ws.source(modul)
    try:
        if not any(p.is_file() for p in dest.rglob("*")):
            shutil.rmtree(dest)
            return None
        aside = ws.state_dir / f"{modul}-{why}-{datetime.now(UTC):%Y%m%dT%H%M%S%f}"
        aside.parent.mkdir(parents=True, exist_ok=True)
        os.rename(dest, aside)
    except OSError as err:
        raise from_os_error(
            err, doing=f"memindahkan modul {modul} yang terpotong", path=dest
        ) from err
    return aside


def _own_form(ws: Workshop, modul: str, build: Path, rahasia: str | None) -> bool:
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
        bengkel.tulis_form(ws.root, modul, build, rahasia)
    except OSError as err:
        # name source/<modul>, not the hidden folder it is written in
        path = ws.source(modul)
        raise from_os_error(err, doing=f"menulis asesmen {modul} lokakarya", path=path) from err
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


# -- workshops made by an older kit -----------------------------------------------------------

_R13_MARK = "# nbgrader's own feedback"


def refresh_config(ws: Workshop) -> bool:
    """Add to an older ``nbgrader_config.py`` the blocks a later kit relies on for the key's safety.

    A workshop made before R13 keeps nbgrader's own Generate Feedback, which renders an uji form's
    hidden tests with their ``harapan=`` (red team R15). Run by ``init`` again and before every
    command that writes the gradebook; the trainer's own lines are kept. True when it changed.
    """
    path = ws.config_file
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return False  # no config (a bare folder) or unreadable: the command itself says so
    if "uji_feedback_refuser" in text:
        return False
    block = CONFIG_TEMPLATE[CONFIG_TEMPLATE.index(_R13_MARK) :]
    try:
        _atomic_write(path, text.rstrip("\n") + "\n" + block)
    except OSError as err:
        raise from_os_error(
            err, doing="memperbarui nbgrader_config.py lokakarya", path=path
        ) from err
    print(
        f"{path.name} diperbarui: tombol Generate Feedback nbgrader tidak lagi membuat umpan balik "
        "uji (kuncinya ada di tes tersembunyi); pakai `alaskaki feedback`.",
        file=sys.stderr,
        flush=True,
    )
    return True


def _public_key(ws: Workshop, modul: str) -> str | None:
    """Whose public key grades the workshop's ``modul`` form: ``"kit"`` (the committed form of the
    kit's repository), ``"demo"`` (``alaskaki demo``'s fixed secret), or None (its own, or a module).

    Judged by the key itself, not by the secret file: a workshop from before workshop forms, one
    whose ``penilaian/`` was emptied and a copied demo folder are all told apart this way.
    """
    if modul not in UJI_FORMS or not _whole(ws, modul):
        return None
    try:
        from alaskaki_kunci import asesmen, bengkel
        from alaskaki_kunci.arsip import KunciLamaTidakDikenal
    except ImportError:
        return None  # a participant install: it never releases
    try:
        rows = bengkel.kunci_form(ws.source_notebook(modul))
    except (AlaskakiError, KunciLamaTidakDikenal, ValueError, KeyError, SyntaxError):
        return None  # a form the kit cannot read: release and grading name it
    if not rows:
        return None
    for who, rahasia in (("kit", None), ("demo", DEMO_SECRET)):
        public = asesmen.kunci(modul, rahasia)
        right = sum(
            asesmen.benar(r["harapan"], public.get(r["grade_id"]), r["batas"]) for r in rows
        )
        if right * 2 > len(rows):  # a workshop's own form agrees on about one item in six
            return who
    return None


def _handed_out(ws: Workshop, modul: str) -> bool:
    """Has ``modul`` reached a participant (released, personal copies, submitted, graded)?"""
    if ws.release(modul).exists() or ws.personal(modul).exists():
        return True
    return any(
        any(top.glob(f"*/{modul}")) for top in (ws.submitted(), ws.autograded(), ws.feedback())
    )


def replace_public_form(ws: Workshop, modul: str) -> bool:
    """Replace an uji form graded by the kit's public key with the workshop's own, while no
    participant has seen it (red team R16: a workshop made before workshop forms keeps the
    committed asesmen-akhir, answered 37/37 from the kit's repository). True when replaced."""
    if _public_key(ws, modul) != "kit" or _handed_out(ws, modul):
        return False
    aside = _put_aside(ws, modul, why="publik")
    _build_module(ws, modul, ws.source(modul), None)
    print(
        f"source/{modul}/ adalah formulir bawaan kit (kuncinya publik di repositori kit) dan belum "
        f"dibagikan; diganti formulir lokakarya ini sendiri (yang lama di {aside}).",
        file=sys.stderr,
        flush=True,
    )
    return True


PRINTED = "{modul}-dicetak"  # penilaian/: `cetak` printed this form or its key (R34b)


@locked("cetak {modul}")
def mark_printed(ws: Workshop, modul: str) -> None:
    """Record that ``cetak`` printed ``modul``'s form or key from this folder: paper forms (and a
    key to score them by) are out, so the form is never drawn again (:func:`own_forms_for_a_copy`).
    The marker names the folder it was printed from (its disk identity): a marker that came along
    with a copy is told apart from one printed in the copy."""
    marker = ws.state_dir / PRINTED.format(modul=modul)
    try:
        disk = ws._disk_identity()
    except OSError:
        disk = None
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(json.dumps({"path": str(ws.root), "disk": disk}) + "\n", encoding="utf-8")
    except OSError as err:
        raise from_os_error(err, doing="mencatat formulir yang dicetak", path=marker) from err


@dataclass(frozen=True)
class _Verdict:
    """What :func:`own_forms_for_a_copy` decided for one uji form, and why (Indonesian)."""

    redraw: bool
    why: str
    unsure: str = ""  # the one sentence on what could not be known, when something could not
    ask: str = ""  # the ids it never reached: release asks which batch they are
    joined: tuple[str, ...] = ()  # late joiners the trainer named (--angkatan-sama): kept for them


HANDED = "{modul}-dibagikan.json"  # penilaian/: who the form in source/ was handed out to
SAME_BATCH, NEW_BATCH = "sama", "baru"  # `release --angkatan-sama` / `--angkatan-baru`


def record_handed_out(ws: Workshop, modul: str, also: set[str] | None = None) -> None:
    """At ``release`` of an uji form: add the roster's ids (and ``also``) to the record of whose
    the form in ``source/`` is, i.e. who it was handed out to, and late joiners the trainer said
    are the same batch (it travels with the form in copies; put aside when the form is drawn
    anew), so a copy tells a late joiner of the batch from a new batch by asking."""
    if modul not in UJI_FORMS:
        return
    path = ws.state_dir / HANDED.format(modul=modul)
    ids = (_read_handed(path) or set()) | set(ws.participant_ids()) | (also or set())
    names = _handed_names(path) | {p.id: person_key(p)[1] for p in ws.participants()}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"peserta": sorted(ids), "nama": names}, indent=1, ensure_ascii=False)
        _atomic_write(path, text + "\n")
    except OSError as err:
        raise from_os_error(err, doing=f"mencatat penerima formulir {modul}", path=path) from err


def _read_handed(path: Path) -> set[str] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {str(i) for i in data["peserta"]}
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _handed_names(path: Path) -> dict[str, str]:
    """{id: normalised name} of whom the record says the form went to (older records: {})."""
    try:
        names = json.loads(path.read_text(encoding="utf-8")).get("nama")
    except (OSError, ValueError, AttributeError):
        return {}
    # normalised again: a record written by an older kit normalised case and spacing only
    return {str(k): name_key(str(v)) for k, v in names.items()} if isinstance(names, dict) else {}


def _handed_to(ws: Workshop, modul: str, original: Path | None) -> set[str] | None:
    """Who ``modul``'s form was handed out to: the record :func:`record_handed_out` keeps, or for a
    form released by an older kit the roster of the original (still in its place); plus everyone
    whose work on it is in the folder. None when it cannot be known."""
    given = _read_handed(ws.state_dir / HANDED.format(modul=modul))
    if given is None and original is not None:
        try:
            given = {p.id for p in Workshop(original).participants()}
        except AlaskakiError:
            given = None
    if given is None:
        return None
    return given | {pid for _kind, pid, _p in _evidence(ws, modul) if pid is not None}


def _by_recipients(
    ws: Workshop,
    modul: str,
    verdict: _Verdict,
    given: set[str] | None,
    roster: set[str],
    same_place: bool,
    decided: str | None,
    changed: frozenset[str] = frozenset(),
) -> _Verdict:
    """In a folder that is not the one ``init`` made, a form already handed out is judged by who it
    was handed out to (red team R51, R52), never by how much two rosters overlap: handed out to
    everyone in this roster, it is kept; to no one in it, it is another batch's (drawn anew, even in
    a copy put at the recorded path); to some of them while others in the roster never got it, the
    folder cannot tell late joiners of the same batch from a new batch, so release asks (``ask``
    names them; without ``release``, e.g. ``cetak``, today's judgment stands). An id in ``changed``
    is in the original's roster under another name: another person, whom the form never reached
    (red team R66). ``--angkatan-baru`` is always honoured: a form only copied along is redrawn."""
    if given is None or not _evidence(ws, modul):
        return verdict
    reached, new = sorted((roster & given) - changed), sorted((roster - given) | (roster & changed))
    if not reached:
        if same_place and not verdict.redraw:
            return _Verdict(
                True, "yang sudah dibagikan tidak sampai ke seorang pun dalam daftar folder ini"
            )
        return verdict
    if not new:
        if verdict.redraw and decided != NEW_BATCH:
            return _Verdict(False, "sudah dibagikan kepada semua peserta dalam daftar folder ini")
        return verdict
    if decided == SAME_BATCH:
        why = f"peserta susulan angkatan yang sama ({_few(new)}), --angkatan-sama"
        return _Verdict(False, why, joined=tuple(new))
    if decided == NEW_BATCH:
        return _Verdict(True, f"angkatan baru ({_few(new)}), --angkatan-baru")
    return _Verdict(verdict.redraw, verdict.why, verdict.unsure, ask=", ".join(new))


def _evidence(ws: Workshop, modul: str) -> list[tuple[str, str | None, Path]]:
    """Where ``modul`` shows it was handed out or printed in this folder: (kind, participant id or
    None, path) for release/, each personal copy, each submission, grade and feedback, the print."""
    out: list[tuple[str, str | None, Path]] = []
    if ws.release(modul).exists():
        out.append(("rilis", None, ws.release(modul)))
    personal = ws.personal(modul)
    for f in sorted(personal.glob(f"*_{modul}.ipynb")) if personal.is_dir() else []:
        out.append(("pribadi", f.name[: -len(f"_{modul}.ipynb")], f))
    for top in (ws.submitted(), ws.autograded(), ws.feedback()):
        for d in sorted(top.glob(f"*/{modul}")) if top.is_dir() else []:
            out.append((top.name, d.parent.name, d))
    marker = ws.state_dir / PRINTED.format(modul=modul)
    if marker.exists():
        out.append(("cetak", None, marker))
    return out


def _files(path: Path) -> dict[str, Path]:
    if path.is_file():
        return {"": path}
    return {str(p.relative_to(path)): p for p in path.rglob("*") if p.is_file()}


def _newest(files: dict[str, Path]) -> int:
    return max((p.stat().st_mtime_ns for p in files.values()), default=0)


def _made_here(ws: Workshop, path: Path, original: Path) -> bool:
    """An item of evidence in this copy was made here after the copy: the original has nothing at
    its place, or something else (compared by content, so ``cp -r`` without times still counts as
    the same) that is older (the original's own later work makes its item the newer one)."""
    import filecmp

    there = original / path.relative_to(ws.root)
    try:
        mine, theirs = _files(path), _files(there) if there.exists() else {}
        if not theirs:
            return True
        if mine.keys() == theirs.keys() and all(
            filecmp.cmp(mine[k], theirs[k], shallow=False) for k in mine
        ):
            return False
        return _newest(mine) > _newest(theirs)
    except OSError:
        return False


def _printed_here(ws: Workshop, marker: Path) -> bool | None:
    """True/False when the print marker names the folder it was printed from; None for a marker of
    an older kit (an empty file)."""
    try:
        rec = json.loads(marker.read_text(encoding="utf-8") or "null")
        disk = ws._disk_identity()
    except (OSError, ValueError):
        return None
    if not isinstance(rec, dict) or not rec.get("disk"):
        return None
    return rec["disk"] == disk


def _judge_form(
    ws: Workshop, modul: str, original: Path | None, same_place: bool, roster: set[str]
) -> _Verdict:
    """Is ``modul`` this folder's batch's form (kept, with its key) or another batch's (redrawn)?"""
    items = _evidence(ws, modul)
    if not items:
        return _Verdict(True, "belum pernah dibagikan atau dicetak dari folder ini")
    if same_place:  # the recorded place itself: the original after a remount, or restored there
        return _Verdict(False, "sudah dibagikan atau dicetak dari folder di tempat ini")
    named = sorted({pid for _kind, pid, _p in items if pid is not None})
    ours = [pid for pid in named if pid in roster]
    marker = next((p for kind, _pid, p in items if kind == "cetak"), None)
    here = _printed_here(ws, marker) if marker is not None else False
    if original is not None:
        made = sorted(
            {
                pid
                for _kind, pid, p in items
                if pid is not None and pid in roster and _made_here(ws, p, original)
            }
        )
        if here is None and marker is not None:
            here = _made_here(ws, marker, original)
        if made:
            return _Verdict(False, f"sudah sampai ke peserta folder ini ({_few(made)})")
        if here:
            return _Verdict(False, "sudah dicetak dari folder ini")
        return _Verdict(
            True,
            f"yang sudah dibagikan atau dicetak adalah formulir lokakarya {original} (ikut "
            "tersalin), bukan untuk peserta folder ini",
        )
    if here:
        return _Verdict(False, "sudah dicetak dari folder ini")
    if ours:
        return _Verdict(
            False,
            f"sudah sampai ke peserta dalam daftar folder ini ({_few(ours)})",
            unsure=f"alaskaki tidak dapat memastikan bahwa formulir {modul} sampai ke {_few(ours)} "
            f"dari folder ini, bukan dari folder asalnya yang tidak ada lagi, jadi bila folder "
            "ini salinan lokakarya angkatan lain untuk angkatan baru, buat lokakarya baru untuk "
            f"angkatan ini: `alaskaki init FOLDER_BARU --roster {ws.roster_path}`.",
        )
    if named:
        return _Verdict(
            True,
            f"jawaban yang ada hanya dari peserta yang tidak ada di daftar folder ini ({_few(named)})",
        )
    return _Verdict(
        True,
        "sudah dirilis atau dicetak sebelum folder ini disalin atau dipindah",
        unsure=f"alaskaki tidak dapat mengetahui untuk angkatan mana formulir {modul} dirilis atau "
        "dicetak (folder asalnya tidak ada lagi dan belum ada jawaban peserta folder ini), jadi "
        "formulir itu dibuat baru agar tidak ada angkatan yang mengerjakan soal angkatan lain: bila "
        "folder ini lokakarya yang sama yang dipindah dan formulir lama sudah sampai ke pesertanya, "
        f"kembalikan formulir lama dari {STATE_DIR}/{modul}-salinan-... ke {SOURCE_DIR}/{modul}/; "
        f"bila untuk angkatan baru, rilis formulir baru (`alaskaki release {modul}`) dan lain kali "
        f"buat folder dengan `alaskaki init FOLDER_BARU --roster {ws.roster_path}`.",
    )


def _out_before(ws: Workshop, modul: str, original: Path | None) -> bool:
    """``modul``'s form was handed out or printed before this folder was copied or moved (its
    evidence is here or in the original, still in its place), and not printed from this folder."""
    marker = ws.state_dir / PRINTED.format(modul=modul)
    if marker.exists() and _printed_here(ws, marker):
        return False
    if _evidence(ws, modul):
        return True
    if original is None:
        return False
    try:
        return bool(_evidence(Workshop(original), modul))
    except (OSError, AlaskakiError):
        return False


def _few(ids: list[str]) -> str:
    return ", ".join(ids[:3]) + (f" dan {len(ids) - 3} lainnya" if len(ids) > 3 else "")


@locked("release {modul}")  # it may draw the copy's forms anew
def own_forms_for_a_copy(
    ws: Workshop, modul: str | None = None, angkatan: str | None = None, *, printing: bool = False
) -> bool:
    """A folder that is not the one ``init`` made (a template copied for each batch, R34, even when
    the template was removed or copied over from another computer, R34b) gets its own secret and
    uji forms: two batches never sit one form. Judged per form (red team, session 8):

    * kept, with its key (grades and printed keys never change): a form that reached this folder's
      batch, i.e. a personal copy, submission, grade or feedback of a participant in this roster
      made in this folder (compared with the original, when it is still in its place), or printed
      from this folder (``cetak``'s marker names the folder);
    * drawn anew (the old form, its release and personal copies and its round record put aside in
      ``penilaian/``): a form never handed out, and one whose evidence only came along with the
      copy (the original has the same, or it names only participants not in this roster); with the
      original gone and evidence naming nobody (only release/ or a print elsewhere), the safe side
      for competency, said in one sentence;
    * a folder at the recorded path itself (inode numbers changed by a remount of a FAT/exFAT or
      network disk, or a backup moved back into place) keeps every form handed out or printed;
    * a copy whose participants are all in the roster of the original, still in its place (a backup
      copy, the same batch going on in another folder), keeps everything, unless ``release`` says
      :data:`NEW_BATCH`. A participant is the (id, name) pair (:func:`alaskaki.roster.person_key`):
      an id of the original's roster with another name is another person (batch 2 numbered p01,
      p02 again, red team R66), whom no form of the original reached.

    Who a form was handed out to (:func:`record_handed_out`) then decides (:func:`_by_recipients`):
    handed out to some of this roster while others in it never got it, ``release`` of any uji
    form (``modul``) stops with the question before anything changes, until ``angkatan`` says
    :data:`SAME_BATCH` (late joiners: such forms kept) or :data:`NEW_BATCH` (drawn anew).

    ``printing`` (``cetak`` of the form ``modul``): paper goes to people the folder cannot know, so
    a form handed out or printed before the folder was copied or moved, and not printed from this
    folder since, is not printed before ``angkatan`` says which batch the paper is for (red team
    R53: a fresh copy printed before batch 2's roster came in printed batch 1's post-test).

    A kept form and a redrawn form grade by their own keys (each carries its key in its hidden
    tests); the new secret only draws forms and retake rounds from now on. The token secret is
    kept for the same batch (cards printed from the folder stay valid); a new batch (``release
    --angkatan-baru``, or ids of the original reused for other people) also gets a new token
    secret, so a card of the other batch never hands in a sheet here (red team R67), and the cards
    are printed anew. True when something was drawn again.
    """
    if ws.record_old_origin() == "asli":  # a workshop made before the record (session 6)
        explain_unrecorded_origin(ws)
    recorded = ws.moved_from()
    if recorded is None:
        return False
    original = _original_of(ws)
    people = {p.id: person_key(p) for p in ws.participants()}
    roster = set(people)
    changed: frozenset[str] = frozenset()  # ids of the original's roster, now other people
    forced = None  # cetak --angkatan-baru: the form printed is drawn anew
    if printing and modul in UJI_FORMS and _out_before(ws, modul, original):
        if angkatan is None:
            raise AlaskakiError(
                f"Folder {ws.root} bukan folder buatan `alaskaki init` (salinan atau pindahan) dan "
                f"formulir {modul} sudah dibagikan atau dicetak sebelum folder ini disalin atau "
                "dipindah, jadi alaskaki tidak tahu untuk angkatan mana kertas ini; pilih salah "
                f"satu: bila untuk angkatan yang sama, `alaskaki cetak {modul} --angkatan-sama` "
                f"(formulir dan kuncinya tetap); bila untuk angkatan baru, `alaskaki cetak {modul} "
                "--angkatan-baru` (formulir uji dibuat baru untuk folder ini, yang lama disimpan "
                f"di {STATE_DIR}/).",
                exit_code=EXIT_CONFLICT,
            )
        if angkatan == SAME_BATCH:
            return False
        forced = modul
    if printing:
        modul = None  # a print asks only about the form printed; release asks about the rest
    if original is not None and forced is None:
        try:
            theirs = {p.id: person_key(p) for p in Workshop(original).participants()}
        except AlaskakiError:
            theirs = {}  # an unreadable roster there: judge by this folder's own
        if angkatan != SAME_BATCH:
            changed = frozenset(pid for pid, who in people.items() if theirs.get(pid, who) != who)
        told_new = modul is not None and angkatan == NEW_BATCH
        if set(people.values()) <= set(theirs.values()) and not told_new:
            return False
    if angkatan != SAME_BATCH:  # the original gone: whom the forms went to, by the records
        for m in UJI_FORMS:
            names = _handed_names(ws.state_dir / HANDED.format(modul=m))
            changed |= {pid for pid, who in people.items() if names.get(pid, who[1]) != who[1]}
    present = [m for m in UJI_FORMS if ws.source(m).is_dir()]
    if not present:
        return False
    try:
        from alaskaki_kunci import bengkel
    except ImportError:
        return False
    secret = bengkel.rahasia_path(ws.root)
    if not secret.is_file():
        return False  # forms from before workshop secrets: replace_public_form's case
    rec = ws.meta().get(ORIGIN_KEY)
    same_place = (
        original is None
        and isinstance(rec, dict)
        and not rec.get(EVIDENCE_KEY)
        and bool(rec.get("path"))
        and Path(rec["path"]).resolve() == ws.root
    )
    verdicts = {
        m: _by_recipients(
            ws,
            m,
            _judge_form(ws, m, original, same_place, roster - changed),
            _handed_to(ws, m, original),
            roster,
            same_place,
            angkatan if modul is not None else None,
            changed,
        )
        for m in present
    }
    if forced in verdicts:
        verdicts[forced] = _Verdict(True, "kertas untuk angkatan baru, --angkatan-baru")
    asked = [m for m in present if verdicts[m].ask]
    if modul is not None and asked:  # release: the trainer says which batch this roster is
        new = sorted({i for m in asked for i in verdicts[m].ask.split(", ")})
        other = [i for i in new if i in changed]
        renamed = (
            f" ({_few(other)} ada di lokakarya asal dengan nama lain: orang lain dengan ID yang sama)"
            if other
            else ""
        )
        raise AlaskakiError(
            f"Folder {ws.root} bukan folder buatan `alaskaki init` (salinan atau pindahan) dan "
            f"formulir {' dan '.join(asked)} sudah dibagikan kepada sebagian peserta di daftarnya, "
            f"tetapi belum kepada {', '.join(new)}{renamed}, jadi alaskaki tidak dapat mengetahui apakah "
            "mereka angkatan yang sama; pilih salah satu: bila mereka peserta susulan angkatan "
            f"yang sama, `alaskaki release {modul} --angkatan-sama` (formulir yang sudah "
            f"dibagikan tetap, begitu juga kuncinya); bila ini angkatan baru, `alaskaki release "
            f"{modul} --angkatan-baru` (formulir uji dibuat baru untuk folder ini, yang lama "
            f"disimpan di {STATE_DIR}/).",
            exit_code=EXIT_CONFLICT,
        )
    for m in present:  # the same batch: asked once, not at each release of each form
        if verdicts[m].joined:
            record_handed_out(ws, m, _handed_to(ws, m, original))
    redraw = [m for m in present if verdicts[m].redraw]
    unsure = [v.unsure for v in verdicts.values() if v.unsure]
    if not redraw:
        for sentence in unsure:
            print(f"Catatan: {sentence}", file=sys.stderr, flush=True)
        return False
    when = f"{datetime.now(UTC):%Y%m%dT%H%M%S%f}"
    aside = ws.state_dir / f"{secret.name}-salinan-{when}"
    try:
        os.replace(secret, aside)
    except OSError as err:
        raise from_os_error(err, doing="membuat rahasia soal baru", path=secret) from err
    for m in redraw:
        _put_aside_handed_out(ws, m, when)
        _put_aside(ws, m, why="salinan")
        _build_module(ws, m, ws.source(m), None)
    new_batch = (modul is not None and angkatan == NEW_BATCH) or bool(changed)
    tokens = ""
    if new_batch:
        from alaskaki.workshop.release import new_token_secret

        # other people: pseudonyms of their own in anonymous reports (the old key put aside)
        ws.put_aside_pseudonym_secret(when)
        if new_token_secret(ws, when):
            tokens = (
                " Ini angkatan baru, jadi kunci token juga dibuat baru (yang lama di "
                f"{ws.state_dir}): kartu peserta angkatan lain tidak berlaku di folder ini; cetak "
                f"kartu baru untuk angkatan ini (`alaskaki kartu -w {ws.root}`) sebelum dibagikan, "
                "dan salinan pribadi yang lama disimpan di sana juga (buat lagi dengan `alaskaki "
                "release MODUL --pribadi` bila dipakai)."
            )
    ws.record_origin()
    where = (
        f"adalah salinan lokakarya {original}, yang masih ada"
        if original is not None
        else f"bukan folder yang dibuat `alaskaki init` ({recorded}): salinan atau pindahan"
    )
    said = "; ".join(
        f"{m} {'dibuat baru' if verdicts[m].redraw else 'tetap'}: {verdicts[m].why}"
        for m in present
    )
    print(
        f"Folder {ws.root} {where}. Formulir uji diperiksa satu per satu agar dua angkatan tidak "
        f"mendapat soal yang sama — {said}. Formulir yang dibuat baru memakai rahasia soal baru "
        f"(yang lama di {ws.state_dir}); formulir yang tetap dinilai dengan kuncinya sendiri, "
        "nilainya tidak berubah."
        + (tokens or " Token di kartu peserta tidak berubah.")
        + " Untuk angkatan baru, lain kali buat folder dengan `alaskaki init FOLDER_BARU`."
        + "".join(f" Catatan: {s}" for s in unsure),
        file=sys.stderr,
        flush=True,
    )
    return True


def _original_of(ws: Workshop) -> Path | None:
    """The workshop this folder is a copy of, still in its place: :meth:`Folder.copy_of`, or the
    folder at the recorded path with this workshop's id when that one holds another inode (inode
    numbers of a FAT/exFAT or network disk may change from one mount to the next; the folder there
    is then the original, or another copy of it: either way what came along is compared with it)."""
    found = ws.copy_of()
    if found is not None:
        return found
    rec = ws.meta().get(ORIGIN_KEY)
    if not isinstance(rec, dict) or rec.get(EVIDENCE_KEY) or not rec.get("path"):
        return None
    try:
        there = Path(rec["path"]).resolve()
        if there == ws.root or not (there / CONFIG_FILE).is_file():
            return None
        mine = ws.folder_id()
        if mine is None or Folder(there).folder_id() != mine:
            return None
    except (OSError, AlaskakiError):
        return None
    return there


def _put_aside_handed_out(ws: Workshop, modul: str, when: str) -> None:
    """Before ``modul`` is drawn anew in a copy: its release, personal copies, print marker, round
    record (``uji.json``) and archived rounds belong to the old form (another batch's): moved into
    ``penilaian/`` (nothing deleted), so the new form starts at round 1 and is released afresh."""
    from alaskaki.workshop import putaran

    moves = [
        (ws.release(modul), f"{modul}-rilis-salinan-{when}"),
        (ws.personal(modul), f"{modul}-pribadi-salinan-{when}"),
        (ws.state_dir / PRINTED.format(modul=modul), f"{modul}-dicetak-salinan-{when}"),
        (ws.state_dir / HANDED.format(modul=modul), f"{modul}-dibagikan-salinan-{when}.json"),
        *(
            (p, f"{p.name}-salinan-{when}")
            for p in sorted((ws.state_dir / putaran.ARCHIVE).glob(f"{modul}-*.ipynb"))
        ),
    ]
    try:
        for src, name in moves:
            if src.exists():
                src.parent.mkdir(parents=True, exist_ok=True)
                os.rename(src, ws.state_dir / name)
        state = putaran._read_all(ws.root)
        if modul in state:
            old = state.pop(modul)
            (ws.state_dir / f"{putaran.STATE_FILE}-{modul}-salinan-{when}").write_text(
                json.dumps(old, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
            putaran.write_all(ws.root, state)  # its copy in cadangan/ too (R57)
    except OSError as err:
        raise from_os_error(
            err, doing=f"menyimpan formulir {modul} lama", path=ws.state_dir
        ) from err


def _printed(ws: Workshop, modul: str) -> bool:
    return (ws.state_dir / PRINTED.format(modul=modul)).exists()


def explain_unrecorded_origin(ws: Workshop) -> None:
    """Say what alaskaki cannot know about a workshop made before ``init`` recorded its folder, once:
    when :meth:`Folder.record_old_origin` found no trace of a copy and recorded the folder as the
    workshop's own. A copy made by ``cp -r`` before the update leaves no trace, so a batch's folder
    copied from another batch's may still hold that batch's uji forms. Said only while a form could
    still be drawn anew (present, never handed out nor printed); the way out is a new folder."""
    try:
        from alaskaki_kunci import bengkel
    except ImportError:
        return  # a participant install: no forms
    if not bengkel.rahasia_path(ws.root).is_file():
        return  # forms from before workshop secrets: replace_public_form's case
    waiting = [
        m
        for m in UJI_FORMS
        if ws.source(m).is_dir() and not _handed_out(ws, m) and not _printed(ws, m)
    ]
    if not waiting:
        return
    print(
        f"Catatan (sekali saja): lokakarya {ws.root} dibuat dengan alaskaki versi lama yang belum "
        "mencatat folder lokakaryanya. Mulai sekarang folder ini tercatat sebagai lokakarya asli, "
        "jadi salinannya untuk angkatan lain akan mendapat formulir uji sendiri. Namun alaskaki "
        "tidak dapat mengetahui apakah folder ini sendiri dulu disalin dari lokakarya angkatan lain; "
        f"bila ya, formulir ujinya ({', '.join(waiting)}) sama dengan formulir angkatan itu. Dalam "
        "hal itu, sebelum formulir dibagikan atau dicetak, buat lokakarya baru untuk angkatan ini: "
        f"`alaskaki init FOLDER_BARU --roster {ws.roster_path}`.",
        file=sys.stderr,
        flush=True,
    )


def check_uji_release(ws: Workshop, modul: str, angkatan: str | None = None) -> None:
    """Before ``release``: an uji form whose key is public is never handed out to real participants.

    A never-released committed form is replaced by the workshop's own (:func:`replace_public_form`);
    one already handed out is refused with the way out (a new round with a new form). A form of
    ``alaskaki demo`` (its secret is in the kit's source, red team R23) is refused once the roster
    holds anyone who is not one of the demo's sample participants.
    """
    if modul not in UJI_FORMS:
        return
    own_forms_for_a_copy(ws, modul, angkatan)
    replace_public_form(ws, modul)
    who = _public_key(ws, modul)
    if who == "kit":
        raise AlaskakiError(
            f"Formulir {modul} lokakarya {ws.root} adalah formulir bawaan kit: kuncinya publik di "
            "repositori kit, dan formulir ini sudah dibagikan, jadi tidak dirilis lagi. Jawaban yang "
            f"sudah masuk tetap dapat dinilai; untuk uji yang sah tutup putaran ini (`alaskaki tutup "
            f"{modul}`) lalu beri formulir baru: `alaskaki ulang {modul} --peserta ID...`.",
            exit_code=EXIT_CONFLICT,
        )
    real = _real_participants(ws) if who == "demo" or ws.has_demo_secret() else []
    if real:
        raise AlaskakiError(
            f"Folder {ws.root} dibuat oleh `alaskaki demo`: formulir {modul}-nya (juga formulir "
            "ulangnya) berasal dari rahasia demo yang tertulis di kode sumber kit, jadi siapa pun "
            "dapat menghitung kuncinya, dan "
            f"daftar pesertanya sudah berisi peserta sungguhan ({', '.join(real[:3])}"
            f"{', ...' if len(real) > 3 else ''}). Buat lokakarya baru untuk mereka: "
            f"`alaskaki init FOLDER_BARU --roster {ws.roster_path}`.",
            exit_code=EXIT_CONFLICT,
        )


def _real_participants(ws: Workshop) -> list[str]:
    """Roster ids that are not the demo's sample participants (same id and name)."""
    from alaskaki.workshop.roster import not_in_sample

    return not_in_sample(ws.participants())
