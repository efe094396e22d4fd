"""Benchmark: `assess` on a city-sized nbgrader gradebook (SQLite and PostgreSQL), old vs new reader.

The gradebook is REAL nbgrader schema: the sample modules (m3 with a rubric cell, the pre- and
post-test, m0) are made with nbgrader's own Gradebook API, then N participants' students,
submissions, submitted notebooks and grades are inserted in bulk (grading 10,000 participants
for real would take hours; the reader does not care how the rows got there). Each participant
submits the four modules (15 grades); every third one's rubric cell waits for the trainer and
every seventh is late with a penalty.

    .venv/bin/python bench/bench_assess.py [--peserta 10000] [--banding 1000] [--baseline-tree DIR]
        [--postgres]

``--baseline-tree DIR`` is an older checkout (``git archive <commit> | tar -x -C DIR``): its
``assess`` runs on the ``--banding``-sized gradebook in the same run, in a subprocess like the new
one, so the ratio holds whatever the load; both results must be equal (``dibuat`` aside).
``--postgres`` starts a throwaway cluster on 127.0.0.1 (Debian's initdb/pg_ctl, as in
tests/integration/test_postgres.py) and copies the same rows there. Wall and CPU seconds (user +
sys of the assessing process; the PostgreSQL server's own CPU is not in it) and the load average
are printed. Never a timed test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from alaskaki.folder import GRADEBOOK_FILE, Folder

ROOT = Path(__file__).resolve().parents[1]
# the test helpers build the workshop (tests/competencykit.py)
sys.path.insert(0, str(ROOT / "tests"))


def build(folder: Path, n: int) -> Path:
    """A workshop folder with an nbgrader gradebook of ``n`` participants (see the docstring)."""
    import sqlalchemy as sa
    from competencykit import M3, sample_builder

    wb = sample_builder(folder)
    wdir = wb.close()
    rows = [
        {
            "id": f"p{i:05d}",
            "nama": f"Peserta {i}",
            "ikm": f"IKM {i % 97}",
            "kelurahan": "Miji",
            "jenis_kelamin": "LP"[i % 2],
            "peran": "pemilik",
        }
        for i in range(n)
    ]
    with (wdir / "peserta.csv").open("w", encoding="utf-8") as fh:
        fh.write("id,nama,ikm,kelurahan,jenis_kelamin,peran\n")
        fh.writelines(",".join(r.values()) + "\n" for r in rows)
    engine = sa.create_engine(f"sqlite:///{Folder(wdir).own_gradebook}")
    md = sa.MetaData()
    md.reflect(engine)
    t = md.tables
    with engine.begin() as con:
        nbs = {
            a: (
                nb,
                [
                    (cid, cname)
                    for cid, cname in list(
                        con.execute(
                            sa.select(t["base_cell"].c.id, t["base_cell"].c.name)
                            .where(t["base_cell"].c.notebook_id == nb)
                            .where(t["base_cell"].c.id.in_(sa.select(t["grade_cells"].c.id)))
                        )
                    )
                ],
            )
            for a, nb in list(
                con.execute(
                    sa.select(t["assignment"].c.id, t["notebook"].c.id).join(
                        t["notebook"], t["notebook"].c.assignment_id == t["assignment"].c.id
                    )
                )
            )
        }
        names = {
            a: n for a, n in con.execute(sa.select(t["assignment"].c.id, t["assignment"].c.name))
        }
        students, subs, snbs, grades = [], [], [], []
        when = dt.datetime(2026, 1, 12, 10, 0)
        for i, r in enumerate(rows):
            students.append({"id": r["id"], "first_name": r["nama"], "last_name": None})
            for aid, (nbid, cells) in nbs.items():
                sid, snid = uuid.uuid4().hex, uuid.uuid4().hex
                late = names[aid] == M3 and i % 7 == 0
                subs.append(
                    {
                        "id": sid,
                        "assignment_id": aid,
                        "student_id": r["id"],
                        "timestamp": when + dt.timedelta(days=2 if late else 0, minutes=i % 50),
                        "extension": None,
                    }
                )
                snbs.append(
                    {
                        "id": snid,
                        "assignment_id": sid,
                        "notebook_id": nbid,
                        "flagged": False,
                        "late_submission_penalty": 1.0 if late else None,
                    }
                )
                for k, (cid, cname) in enumerate(cells):
                    rubric = cname == "m3_studi_kasus"
                    waiting = rubric and i % 3 == 0
                    grades.append(
                        {
                            "id": uuid.uuid4().hex,
                            "notebook_id": snid,
                            "cell_id": cid,
                            "auto_score": None if rubric else float((i + k) % 3),
                            "manual_score": None if not rubric or waiting else float(i % 5),
                            "extra_credit": None,
                            "needs_manual_grade": waiting,
                        }
                    )
        con.execute(t["student"].insert(), students)
        con.execute(t["submitted_assignment"].insert(), subs)
        con.execute(t["submitted_notebook"].insert(), snbs)
        con.execute(t["grade"].insert(), grades)
    engine.dispose()
    return wdir


def copy_to_postgres(wdir: Path, pg_url: str, dest: Path) -> Path:
    """The same workshop on PostgreSQL: nbgrader makes the schema, the rows are copied."""
    import sqlalchemy as sa
    from nbgrader.api import Gradebook

    Gradebook(pg_url, course_id="alaskaki").close()
    src = sa.create_engine(f"sqlite:///{Folder(wdir).own_gradebook}")
    dst = sa.create_engine(pg_url)
    md = sa.MetaData()
    md.reflect(dst)
    order = [
        "course", "assignment", "notebook", "base_cell", "grade_cells", "solution_cells",
        "task_cells", "source_cell", "student", "submitted_assignment", "submitted_notebook",
        "grade", "comment",
    ]  # fmt: skip
    with src.connect() as s, dst.begin() as d:
        for name in order:
            table = md.tables[name]
            d.execute(table.delete())
        for name in order:
            table = md.tables[name]
            rows = [dict(r._mapping) for r in s.execute(sa.text(f"select * from {name}"))]
            if rows:
                d.execute(table.insert(), _typed(table, rows))
    src.dispose()
    dst.dispose()
    shutil.copytree(wdir, dest, ignore=shutil.ignore_patterns(GRADEBOOK_FILE))
    cfg = Folder(dest).config_file
    cfg.write_text(
        cfg.read_text(encoding="utf-8") + f"c.CourseDirectory.db_url = {pg_url!r}\n",
        encoding="utf-8",
    )
    return dest


def _typed(table, rows):
    """SQLite hands back text for dates and ints for booleans: give PostgreSQL real types."""
    import sqlalchemy as sa

    conv = {}
    for col in table.columns:
        if isinstance(col.type, sa.DateTime):
            conv[col.name] = lambda v: dt.datetime.fromisoformat(v) if isinstance(v, str) else v
        elif isinstance(col.type, sa.Boolean):
            conv[col.name] = lambda v: None if v is None else bool(v)
        elif isinstance(col.type, sa.Interval):
            conv[col.name] = lambda v: None if v is None else v
    return [{k: conv.get(k, lambda v: v)(v) for k, v in r.items()} for r in rows]


class Postgres:
    """A throwaway cluster on 127.0.0.1 (stops by itself at the end of the ``with``)."""

    def __enter__(self) -> str:
        from partskit import free_port, pg_bin

        self.bindir = pg_bin()
        if self.bindir is None:
            raise SystemExit("PostgreSQL binaries missing: apt-get install -y postgresql")
        self.base = Path(tempfile.mkdtemp(prefix="alaskaki-bench-pg-", dir="/var/tmp"))
        if os.geteuid() == 0:
            pg = pwd.getpwnam("postgres")
            os.chown(self.base, pg.pw_uid, pg.pw_gid)
        port = free_port()
        self._pg("initdb", "-D", str(self.base / "data"), "-U", "postgres", "--auth=trust")
        self._pg(
            "pg_ctl", "-D", str(self.base / "data"), "-l", str(self.base / "log"),
            "-o", f"-p {port} -k {self.base} -c listen_addresses=127.0.0.1", "-w", "start",
        )  # fmt: skip
        self.started = True
        self._pg("createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "alaskaki")
        return f"postgresql+psycopg2://postgres@127.0.0.1:{port}/alaskaki"

    def _pg(self, *cmd):
        full = [str(self.bindir / cmd[0]), *cmd[1:]]
        if os.geteuid() == 0:
            full = ["runuser", "-u", "postgres", "--", *full]
        subprocess.run(full, check=True, capture_output=True, timeout=120)

    def __exit__(self, *exc):
        if getattr(self, "started", False):
            self._pg("pg_ctl", "-D", str(self.base / "data"), "-m", "fast", "-w", "stop")
        shutil.rmtree(self.base, ignore_errors=True)


def measure(wdir: Path, tree: Path | None, out: Path) -> dict:
    """`assess(wdir)` in a fresh process (of ``tree``'s source when given): wall, CPU, result."""
    code = (
        "import json, os, sys, time\n"
        "t, c = time.perf_counter(), os.times()\n"
        "from alaskaki.competency import assess\n"
        f"r = assess({str(wdir)!r})\n"
        "w = time.perf_counter() - t; e = os.times()\n"
        "d = r.to_dict(); d.pop('dibuat')\n"
        f"open({str(out)!r}, 'w').write(json.dumps(d, sort_keys=True))\n"
        "print(json.dumps({'wall': w, 'cpu': (e.user + e.system) - (c.user + c.system),"
        " 'peserta': len(r.participants)}))\n"
    )
    env = dict(os.environ)
    if tree is not None:
        env["PYTHONPATH"] = str(tree / "src")
    res = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(res.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--peserta", type=int, default=10_000)
    ap.add_argument("--banding", type=int, default=1_000, help="gradebook size for old vs new")
    ap.add_argument("--baseline-tree", type=Path, help="older checkout to compare with")
    ap.add_argument("--postgres", action="store_true", help="also on a throwaway PostgreSQL")
    args = ap.parse_args(argv)
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"]
    print(f"load average at start: {os.getloadavg()}")
    with tempfile.TemporaryDirectory(dir="/var/tmp") as tmp:
        tmp = Path(tmp)
        sizes = sorted({args.banding, args.peserta}) if args.baseline_tree else [args.peserta]
        built = {}
        for n in sizes:
            t = time.perf_counter()
            built[n] = build(tmp / f"w{n}", n)
            print(
                f"gradebook of {n} participants × 4 modules built in {time.perf_counter() - t:.1f} s"
            )
        print("  database    peserta  code       wall s   CPU s")

        def row(db, n, label, r):
            print(f"  {db:10s} {n:7d}  {label:8s} {r['wall']:7.2f} {r['cpu']:7.2f}")

        if args.baseline_tree:
            n = args.banding
            old = measure(built[n], args.baseline_tree, tmp / "old.json")
            new = measure(built[n], None, tmp / "new.json")
            row("sqlite", n, "old", old)
            row("sqlite", n, "new", new)
            same = (tmp / "old.json").read_text() == (tmp / "new.json").read_text()
            print(f"  ratio old/new wall {old['wall'] / new['wall']:.1f}×, CPU "
                  f"{old['cpu'] / new['cpu']:.1f}×; results identical: {same}")  # fmt: skip
            if not same:
                return 1
        r = measure(built[args.peserta], None, tmp / "big.json")
        row("sqlite", args.peserta, "new", r)
        if args.postgres:
            with Postgres() as url:
                t = time.perf_counter()
                pg_dir = copy_to_postgres(built[args.peserta], url, tmp / "pg")
                print(f"  (copied to PostgreSQL in {time.perf_counter() - t:.1f} s)")
                r = measure(pg_dir, None, tmp / "pg.json")
                row("postgresql", args.peserta, "new", r)
                a, b = (json.loads((tmp / f).read_text()) for f in ("big.json", "pg.json"))
                a["lokakarya"] = b["lokakarya"] = None  # the folder's path differs
                print(f"  PostgreSQL result identical to SQLite's: {a == b}")
    print(f"load average at end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
