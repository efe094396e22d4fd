"""Collect submissions: from a folder or zip (USB stick, chat, LMS download) or from the exchange.

Every file is archived as received under ``arsip/<peserta>/<modul>/`` before anything else happens;
an identical file collected again is recognised and not duplicated; a resubmission is a new
version and the newest one goes to ``submitted/`` for grading. Nothing is ever overwritten in the archive.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from alaskaki.errors import EXIT_INPUT, EXIT_NOT_FOUND, AlaskakiError
from alaskaki.workshop.course import Workshop

TS_FORMAT = "%Y-%m-%d %H:%M:%S.%f UTC"  # what nbgrader writes to timestamp.txt


@dataclass
class Incoming:
    name: str  # path as found, for messages
    data: bytes
    received: datetime  # naive UTC
    secret: str | None = None  # nbgrader's submission_secret.txt (exchange only): feedback key


@dataclass
class CollectResult:
    modul: str
    collected: dict[str, str] = field(default_factory=dict)  # participant -> archived file name
    duplicates: list[str] = field(default_factory=list)  # files already in the archive
    older: list[str] = field(
        default_factory=list
    )  # archived, but a newer version is already submitted
    unknown: list[str] = field(default_factory=list)  # files whose participant is not in the roster
    ignored: list[str] = field(default_factory=list)  # files of another module

    @property
    def problems(self) -> list[str]:
        return [f"{name}: peserta tidak ada di daftar peserta" for name in self.unknown]


def _iter_folder(folder: Path):
    for path in sorted(folder.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        rel = path.relative_to(folder).as_posix()
        mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(tzinfo=None)
        yield Incoming(rel, path.read_bytes(), mtime)


def _iter_zip(path: Path):
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise AlaskakiError(
            f"File {path.name} bukan file zip yang dapat dibuka.", exit_code=EXIT_INPUT
        ) from None
    with zf:
        for info in sorted(zf.infolist(), key=lambda i: i.filename):
            name = info.filename
            if (
                info.is_dir()
                or not name.endswith(".ipynb")
                or "__MACOSX" in name
                or ".ipynb_checkpoints" in name
            ):
                continue
            # zip times are local wall-clock time; Mojokerto is WIB (UTC+7)
            local = datetime(*info.date_time)
            yield Incoming(name, zf.read(info), local.replace(microsecond=0) - _WIB)


from datetime import timedelta  # noqa: E402

_WIB = timedelta(hours=7)


def _match_participant(name: str, ids: list[str]) -> str | None:
    """Find the participant a file belongs to: a folder named by the id, or a file name starting with it."""
    parts = name.split("/")
    lowered = {i.lower(): i for i in ids}
    for folder in parts[:-1]:
        if folder.lower() in lowered:
            return lowered[folder.lower()]
    stem = parts[-1][: -len(".ipynb")].lower()
    for pid in sorted(ids, key=len, reverse=True):
        p = pid.lower()
        if stem == p or re.match(re.escape(p) + r"[ _.\-]", stem):
            return pid
    return None


def _belongs_to(name: str, modul: str, all_modules: list[str]) -> bool:
    lowered = name.lower()
    if modul.lower() in lowered:
        return True
    # A file that names no module is taken as this module's (trainers often get "p01.ipynb").
    if any(m.lower() in lowered for m in all_modules):
        return False
    return not re.search(r"(?<![a-z0-9])(m\d+|asesmen)-[a-z]", lowered)


def archive_dir(workshop: Workshop, pid: str, modul: str) -> Path:
    return workshop.root / "arsip" / pid / modul


def _submitted_ts(path: Path) -> datetime | None:
    ts = path / "timestamp.txt"
    if not ts.is_file():
        return None
    from dateutil.parser import parse

    dt = parse(ts.read_text().strip())
    return dt.astimezone(UTC).replace(tzinfo=None) if dt.tzinfo else dt


def _archive(workshop: Workshop, pid: str, modul: str, item: Incoming) -> tuple[Path, bool]:
    """Store a received file; return (path, is_new). Identical content is stored once."""
    folder = archive_dir(workshop, pid, modul)
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(item.data).hexdigest()[:12]
    for existing in folder.glob(f"*_{digest}.ipynb"):
        return existing, False
    target = folder / f"{item.received.strftime('%Y%m%dT%H%M%S')}_{digest}.ipynb"
    tmp = target.with_suffix(".part")
    tmp.write_bytes(item.data)
    os.replace(tmp, target)
    (target.with_suffix(".asal.txt")).write_text(
        f"file: {item.name}\nditerima: {item.received.strftime(TS_FORMAT)}\nsha256: {hashlib.sha256(item.data).hexdigest()}\n",
        encoding="utf-8",
    )
    if item.secret is not None:
        target.with_suffix(".secret.txt").write_text(item.secret, encoding="utf-8")
    return target, True


def _versions(workshop: Workshop, pid: str, modul: str) -> list[tuple[datetime, Path]]:
    out = []
    for path in archive_dir(workshop, pid, modul).glob("*.ipynb"):
        meta = path.with_suffix(".asal.txt").read_text(encoding="utf-8")
        stamp = re.search(r"diterima: (.+)", meta).group(1)
        out.append((datetime.strptime(stamp, TS_FORMAT), path))
    return sorted(out)


def _install_newest(workshop: Workshop, pid: str, modul: str) -> bool:
    """Copy the newest archived version into submitted/ when it is newer than what is there."""
    versions = _versions(workshop, pid, modul)
    if not versions:
        return False
    newest_ts, newest = versions[-1]
    dest = workshop.root / "submitted" / pid / modul
    current = _submitted_ts(dest)
    if current is not None and current >= newest_ts and (dest / f"{modul}.ipynb").is_file():
        return False
    dest.mkdir(parents=True, exist_ok=True)
    tmp = dest / f".{modul}.ipynb.part"
    shutil.copyfile(newest, tmp)
    os.replace(tmp, dest / f"{modul}.ipynb")
    (dest / "timestamp.txt").write_text(newest_ts.strftime(TS_FORMAT), encoding="utf-8")
    secret = newest.with_suffix(".secret.txt")
    if secret.is_file():  # lets `release_feedback` reach the participant through the exchange
        shutil.copyfile(secret, dest / "submission_secret.txt")
    else:
        (dest / "submission_secret.txt").unlink(missing_ok=True)
    return True


def collect_module(
    workshop: Workshop, modul: str, *, source: str | Path | None = None
) -> CollectResult:
    """Collect ``modul`` from a folder or zip (``source``) or, on a hub, from nbgrader's exchange."""
    from alaskaki.workshop.release import uses_exchange

    workshop.require_module(modul)
    ids = workshop.participant_ids()
    if not ids:
        raise AlaskakiError(
            "Daftar peserta masih kosong. Impor dulu: `alaskaki roster import FILE`.",
            exit_code=EXIT_NOT_FOUND,
        )
    if source is None:
        if not uses_exchange(workshop):
            raise AlaskakiError(
                "Sebutkan dari mana file dikumpulkan: `alaskaki collect MODUL --from FOLDER_ATAU_ZIP`.",
                exit_code=EXIT_INPUT,
            )
        items = list(_from_exchange(workshop, modul))
    else:
        src = Path(source)
        if src.is_dir():
            items = list(_iter_folder(src))
        elif src.is_file():
            items = list(_iter_zip(src))
        else:
            raise AlaskakiError(
                f"Folder atau file zip {src} tidak ditemukan.", exit_code=EXIT_NOT_FOUND
            )
    if not items:
        raise AlaskakiError(
            f"Tidak ada file notebook (.ipynb) di {source or 'exchange'}: tidak ada yang dikumpulkan.",
            exit_code=EXIT_INPUT,
        )
    result = CollectResult(modul)
    from alaskaki.workshop.course import kit_modules

    all_modules = sorted(set(workshop.modules()) | set(kit_modules()))
    touched: set[str] = set()
    for item in items:
        if not _belongs_to(item.name, modul, all_modules):
            result.ignored.append(item.name)
            continue
        pid = _match_participant(item.name, ids)
        if pid is None:
            result.unknown.append(item.name)
            continue
        path, new = _archive(workshop, pid, modul, item)
        if not new:
            result.duplicates.append(item.name)
            continue
        touched.add(pid)
        result.collected.setdefault(pid, path.name)
    for pid in sorted(touched):
        if not _install_newest(workshop, pid, modul):
            result.older.append(pid)
    return result


def _from_exchange(workshop: Workshop, modul: str):
    """Run nbgrader's collect into a staging folder, then treat it like a folder of submissions."""
    staging = workshop.root / ".kumpul" / modul
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    api = workshop.api(
        CourseDirectory={
            "submitted_directory": str(staging.relative_to(workshop.root) / "submitted")
        }
    )
    res = api.collect(modul, update=True)
    if not res.get("success"):
        raise AlaskakiError(f"Gagal mengumpulkan dari exchange:\n{res.get('log', '')[-2000:]}")
    base = staging / "submitted"
    for pid_dir in sorted(base.iterdir()) if base.is_dir() else []:
        nb = pid_dir / modul / f"{modul}.ipynb"
        if nb.is_file():
            ts = _submitted_ts(pid_dir / modul) or datetime.now(UTC).replace(tzinfo=None)
            secret = pid_dir / modul / "submission_secret.txt"
            yield Incoming(
                f"{pid_dir.name}/{modul}.ipynb",
                nb.read_bytes(),
                ts,
                secret.read_text(encoding="utf-8") if secret.is_file() else None,
            )
