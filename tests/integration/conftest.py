"""Integration-test helpers shared by the hub, PostgreSQL, browser and red-team tests.

The ``require_part`` fixture, called as ``require_part(ok, reason)``: skip with ``reason`` when a part (npm proxy, PostgreSQL binaries,
root for useradd, a browser) is missing, except when ALASKAKI_REQUIRE_ALL=1 (set by .ci/run):
then the test fails, so CI never passes by skipping (``partskit.check_part``, tests/partskit.py,
with ``free_port`` and ``pg_bin``).

One PostgreSQL cluster per test run (``pg_cluster``; initdb and a server start cost seconds):
``pg_url`` is its database ``alaskaki``, used by test_postgres.py alone; every other test makes
its own database with ``pg_cluster.new_db()`` (or test_postgres._new_database with a name no other
file uses).

Workshops built once per test run (``init`` + ``release`` cost seconds each, a folder copy does
not): ``released_akhir``, ``released_uji_personal``, ``released_latihan_uji_personal`` and
``released_module(modul)``. They are shared by many files, so a test
never writes into them: it copies the folder first (``shutil.copytree(ws.root, tmp_path / ...)``),
as every red-team test does.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import nbformat
import pytest
from partskit import check_part, free_port, pg_bin

from alaskaki import paths


@pytest.fixture(scope="session")
def require_part():
    """``require_part(ok, reason)``: see the module docstring."""
    return check_part


@pytest.fixture(scope="session")
def released_akhir(tmp_path_factory):
    """(workshop, source, released notebook): the sample roster and the real asesmen-akhir,
    released by the kit as a trainer does. Copy ``ws.root`` before writing to it."""
    from alaskaki.workshop.course import init_workshop
    from alaskaki.workshop.release import release_module

    modul = "asesmen-akhir"
    root = tmp_path_factory.mktemp("akhir-dirilis") / "lokakarya"
    ws = init_workshop(root, roster=paths.dataset("contoh_peserta.csv"), modules=[modul])
    release_module(ws, modul, due="2026-12-01 17:00")
    source = nbformat.read(ws.source_notebook(modul), as_version=4)
    released = nbformat.read(ws.release_notebook(modul), as_version=4)
    return ws, source, released


@pytest.fixture(scope="session")
def released_module(tmp_path_factory):
    """``released_module(modul)`` -> (workshop, source, released notebook): the sample roster with
    ``modul`` alone, released the ordinary way (due 2026-12-01 17:00); built once per module per
    run. Copy ``ws.root`` before writing to it."""
    from alaskaki.workshop.course import init_workshop
    from alaskaki.workshop.release import release_module

    built: dict[str, tuple] = {}

    def get(modul: str):
        if modul not in built:
            root = tmp_path_factory.mktemp(f"dirilis-{modul}") / "lokakarya"
            ws = init_workshop(root, roster=paths.dataset("contoh_peserta.csv"), modules=[modul])
            release_module(ws, modul, due="2026-12-01 17:00")
            built[modul] = (
                ws,
                nbformat.read(ws.source_notebook(modul), as_version=4),
                nbformat.read(ws.release_notebook(modul), as_version=4),
            )
        return built[modul]

    return get


@pytest.fixture(scope="session")
def released_uji_personal(tmp_path_factory):
    """The sample roster with both uji forms (asesmen-awal, asesmen-akhir) released as personal
    copies (one notebook and token per participant). Copy ``ws.root`` before writing to it."""
    from alaskaki.workshop.course import init_workshop
    from alaskaki.workshop.release import release_module

    ws = init_workshop(
        tmp_path_factory.mktemp("uji-pribadi") / "lokakarya",
        roster=paths.dataset("contoh_peserta.csv"),
        modules=["asesmen-awal", "asesmen-akhir"],
    )
    release_module(ws, "asesmen-awal", due="2026-11-30 10:00", personal=True)
    release_module(ws, "asesmen-akhir", due="2026-12-01 17:00", personal=True)
    return ws


@pytest.fixture(scope="session")
def released_latihan_uji_personal(tmp_path_factory):
    """The sample roster with a latihan (m3-biaya-produksi) and the post-test (asesmen-akhir), both
    released as personal copies (tokens issued). Copy ``ws.root`` before writing to it; read the
    copies with :func:`personal_copies`."""
    from alaskaki.workshop.course import init_workshop
    from alaskaki.workshop.release import release_module

    ws = init_workshop(
        tmp_path_factory.mktemp("latihan-uji-pribadi") / "lokakarya",
        roster=paths.dataset("contoh_peserta.csv"),
        modules=["m3-biaya-produksi", "asesmen-akhir"],
    )
    release_module(ws, "m3-biaya-produksi", due="2026-11-30 17:00", personal=True)
    release_module(ws, "asesmen-akhir", due="2026-12-01 17:00", personal=True)
    return ws


def personal_copies(ws, modul: str) -> dict[str, nbformat.NotebookNode]:
    """participant id -> their personal copy of ``modul`` (``pribadi/<modul>/<id>_<modul>.ipynb``)."""
    return {
        p.name.split("_", 1)[0]: nbformat.read(p, as_version=4)
        for p in sorted(ws.personal(modul).glob(f"*_{modul}.ipynb"))
    }


class PgCluster:
    """A throwaway PostgreSQL cluster (Debian's initdb/pg_ctl, as the ``postgres`` account when
    root) on a free port of 127.0.0.1."""

    def __init__(self, bindir: Path, base: Path, port: int):
        self.bindir, self.base, self.port = bindir, base, port

    def as_pg(self, *cmd: str) -> subprocess.CompletedProcess:
        full = [str(self.bindir / cmd[0]), *cmd[1:]]
        if os.geteuid() == 0:
            full = ["runuser", "-u", "postgres", "--", *full]
        return subprocess.run(full, capture_output=True, text=True, check=False, timeout=120)

    def url(self, name: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def new_db(self, name: str | None = None) -> str:
        """The URL of a new empty database (a random name unless ``name``)."""
        name = name or "tt_" + uuid.uuid4().hex[:10]
        res = self.as_pg(
            "createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name
        )
        assert res.returncode == 0, res.stderr
        return self.url(name)


@pytest.fixture(scope="session")
def pg_cluster(require_part):
    bindir = pg_bin()
    require_part(bindir is not None, "PostgreSQL binaries missing: apt-get install -y postgresql")
    try:
        pg_user = pwd.getpwnam("postgres")
    except KeyError:
        pg_user = None
    require_part(
        os.geteuid() != 0 or pg_user is not None,
        "running as root but there is no `postgres` account to run the cluster as",
    )
    base = Path(tempfile.mkdtemp(prefix="alaskaki-pg-", dir="/tmp"))
    port = free_port()
    cluster = PgCluster(bindir, base, port)
    if os.geteuid() == 0:
        os.chown(base, pg_user.pw_uid, pg_user.pw_gid)
    data = base / "data"
    started = False
    try:
        res = cluster.as_pg(
            "initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"
        )
        assert res.returncode == 0, res.stderr
        res = cluster.as_pg(
            "pg_ctl",
            "-D",
            str(data),
            "-l",
            str(base / "postgres.log"),
            "-o",
            f"-p {port} -k {base} -c listen_addresses=127.0.0.1",
            "-w",
            "start",
        )
        assert res.returncode == 0, res.stderr + (base / "postgres.log").read_text()
        started = True
        yield cluster
    finally:
        if started:
            cluster.as_pg("pg_ctl", "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_url(pg_cluster):
    """The cluster's database ``alaskaki`` (test_postgres.py's sample cohort runs in it)."""
    return pg_cluster.new_db("alaskaki")
