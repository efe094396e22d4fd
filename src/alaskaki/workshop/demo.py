"""``alaskaki demo``: the whole workshop on the bundled sample cohort, offline and repeatable.

24 fictional participants (datasets/contoh_peserta.csv) of different ability answer every module
(right, partly right, wrong, blank); two hand in late, one file arrives corrupt. The run collects,
grades, scores the rubric cells as a trainer would, computes competency and writes the reports.
Everything is derived from a fixed seed and fixed timestamps, so a second run finds every file
already collected and changes nothing.
"""

from __future__ import annotations

import ast
import json
import random
import re
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import nbformat

from alaskaki import paths
from alaskaki.folder import DEMO_SECRET, DEMO_SEED, INBOX_DIR
from alaskaki.text import percent
from alaskaki.workshop.course import Workshop, init_workshop
from alaskaki.workshop.demo_essays import own_essay
from alaskaki.workshop.release import issue_tokens, parse_due, release_module, with_token_line
from alaskaki.workshop.roster import SAMPLE_ROSTER

SEED = DEMO_SEED
DUE_WIB = "2026-12-01 17:00"
LATE = ("p06", "p17")  # hand in two and a half hours after the due time
LATE_BY = timedelta(hours=2, minutes=30)
ON_TIME_BEFORE = timedelta(hours=1)  # the on-time batch is collected an hour before the due time
CORRUPT = "p23"  # their file of the first module arrives truncated
PRE_TEST, PRE_TEST_FACTOR = "asesmen-awal", 0.5
SKILLS = [1.0] * 6 + [0.85] * 7 + [0.6] * 5 + [0.3] * 4 + [0.0] * 2

#: A participant's wrong answer for a right one, defined in their notebook. Every wrong answer must be
#: judged wrong by the module's checks, which forgive spelling: a transport document is read by its
#: letters only ("B/L (?)" is B/L) and a list of letters as a set (reversed is the same set). So a
#: document becomes the next one of the domain's table (a real mix-up), a list or a comma-separated
#: text loses its last item (one missed), any other text is a word that answers nothing.
WRONG_HELPER = """
def _salah(v):
    if isinstance(v, bool):
        return not v
    if isinstance(v, int | float):
        return v * 1.37 + 1
    if isinstance(v, str) and len(v) == 1 and v in "ABCDEFGH":
        return "ABCD"[("ABCD".index(v) + 1) % 4] if v in "ABCD" else "A"  # another valid letter
    if isinstance(v, str):
        from alaskaki.domain import transport_documents as _dok

        kunci = _dok.normalise_abbreviation(v)
        if kunci is not None:
            urutan = list(_dok.TRANSPORT_DOCUMENTS)
            lain = urutan[(urutan.index(kunci) + 1) % len(urutan)]
            return _dok.TRANSPORT_DOCUMENTS[lain].abbreviation
        bagian = [x.strip() for x in v.split(",") if x.strip()]
        return ", ".join(bagian[:-1]) if len(bagian) > 1 else "tidak tahu"
    if isinstance(v, list | tuple):
        return list(v)[:-1] if len(v) > 1 else list(v) + ["?"]
    if isinstance(v, dict):
        return {k: _salah(x) for k, x in v.items()}
    return None
"""


def skills(ids: list[str], seed: int = SEED) -> dict[str, float]:
    levels = list(SKILLS) + [0.85] * max(0, len(ids) - len(SKILLS))
    random.Random(seed).shuffle(levels)
    return dict(zip(ids, levels, strict=False))


def _nbg(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def _strip_markers(src: str) -> str:
    return "\n".join(
        line
        for line in src.splitlines()
        if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION")
    )


def answer_variables(released_src: str) -> list[str]:
    """Variables an answer cell asks for: the ``name = None`` lines left in the released stub."""
    return re.findall(r"^([A-Za-z_]\w*) = None\b", released_src, flags=re.M)


def simulate_submission(
    source: nbformat.NotebookNode,
    released: nbformat.NotebookNode,
    pid: str,
    skill: float,
    modul: str,
    seed: int = SEED,
) -> nbformat.NotebookNode:
    """A participant's notebook: each answer right with probability ``skill``, else wrong (or blank at 0)."""
    solutions = {_nbg(c)["grade_id"]: c.source for c in source.cells if _nbg(c).get("solution")}
    nb = nbformat.from_dict(json.loads(json.dumps(released)))
    if modul == PRE_TEST:
        skill = skill * PRE_TEST_FACTOR  # before the training the same person knows less
    # Wrong working is this participant's own: their mistake helper carries their id and sits in
    # the setup cell (which similarity ignores), so two participants who miss the same cells do
    # not share a run of identical, rare code a real pair of strangers would never write.
    helper = "_salah_" + re.sub(r"\W", "_", pid)
    id_cell = None
    for cell in nb.cells:
        meta = _nbg(cell)
        if not meta.get("solution"):
            continue
        gid = meta["grade_id"]
        if "ISI-ID-ANDA" in cell.source.upper():
            cell.source = re.sub(r'"isi-id-anda"', json.dumps(pid), cell.source, flags=re.I)
            id_cell = cell
            continue
        if skill <= 0:
            continue  # blank: the released stub stays as it is
        roll = random.Random(f"{seed}:{pid}:{modul}:{gid}").random()
        solution = _strip_markers(solutions.get(gid, ""))
        if cell.cell_type == "markdown":
            # their own words: the contoh jawaban is public, and pasting it is flagged
            cell.source = (
                own_essay(pid, gid, seed)
                if roll < skill
                else "Belum sempat saya kerjakan dengan lengkap."
            )
            continue
        if roll < skill:
            cell.source = solution
        else:
            names = answer_variables(cell.source) or _assigned(solution)
            wrong = "\n".join(f"{n} = {helper}({n})" for n in names)
            if id_cell is None:  # no setup cell to hold the helper: define it here
                wrong = WRONG_HELPER.replace("_salah", helper) + wrong
            elif helper not in id_cell.source:
                id_cell.source += "\n" + WRONG_HELPER.replace("_salah", helper)
            cell.source = solution + "\n" + wrong
    return nb


def _assigned(src: str) -> list[str]:
    try:
        tree = ast.parse(src)
    except SyntaxError:
        return []
    return [
        t.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for t in node.targets
        if isinstance(t, ast.Name)
    ]


@dataclass
class DemoResult:
    workshop: Path
    modules: list[str]
    participants: int
    submitted: dict[str, int] = field(default_factory=dict)
    graded: dict[str, int] = field(default_factory=dict)
    mean_score: dict[str, float] = field(default_factory=dict)
    units: dict[str, dict[str, int]] = field(default_factory=dict)
    # per unit: mean pre-test, mean post-test, cohort gain <g>, mean latihan score (readiness)
    gains: dict[str, dict[str, float | None]] = field(default_factory=dict)
    reports: list[Path] = field(default_factory=list)
    new_files: int = 0
    flags: dict[str, list[str]] = field(default_factory=dict)

    def summary_text(self) -> str:
        from alaskaki.text import number, table

        lines = [
            f"Lokakarya demo: {self.workshop}  ({self.participants} peserta, {len(self.modules)} modul)",
            f"File baru dikumpulkan pada jalan ini: {self.new_files}",
            "",
        ]
        lines.append(
            table(
                [
                    [
                        m,
                        self.submitted.get(m, 0),
                        self.graded.get(m, 0),
                        f"{percent(self.mean_score.get(m, 0), 0)}",
                    ]
                    for m in self.modules
                ],
                ["modul", "mengumpulkan", "dinilai", "rata-rata"],
            )
        )
        if self.units:

            def pct(x):
                return "–" if x is None else percent(x, 0)

            g = self.gains
            lines += [
                "",
                "Kompetensi per unit (keputusan dari uji; latihan = kesiapan):",
                table(
                    [
                        [
                            u,
                            c.get("Kompeten", 0),
                            c.get("Belum Kompeten", 0),
                            c.get("Belum dinilai", 0),
                            pct(g.get(u, {}).get("awal")),
                            pct(g.get(u, {}).get("akhir")),
                            "–" if g.get(u, {}).get("gain") is None else number(g[u]["gain"], 2),
                            pct(g.get(u, {}).get("latihan")),
                        ]
                        for u, c in self.units.items()
                    ],
                    [
                        "unit",
                        "Kompeten",
                        "Belum Kompeten",
                        "Belum dinilai",
                        "tes awal",
                        "tes akhir",
                        "gain <g>",
                        "skor latihan",
                    ],
                ),
            ]
        if self.flags:
            lines += ["", "Indikasi kecurangan / file bermasalah:"]
            lines += [f"  {k}: {'; '.join(v)}" for k, v in self.flags.items()]
        rapor = [p for p in self.reports if p.parent.name == "rapor"]
        lines += ["", "Laporan:"] + [f"  {p}" for p in self.reports if p not in rapor]
        if rapor:
            lines.append(
                f"  {rapor[0].parent}/  (rapor per peserta: {len(rapor)} berkas HTML dan PDF)"
            )
        return "\n".join(lines)


def _write_inbox(
    ws: Workshop, modul: str, ids: list[str], sk: dict[str, float], first: bool
) -> tuple[Path, Path]:
    """Write the participants' files: on time in ``masuk/<modul>/``, late in ``masuk/terlambat/<modul>/``.

    The trainer collects each batch with the time it was received (``received=``): a file's own
    date (mtime, zip header) is never what makes it late.
    """
    inbox = ws.root / INBOX_DIR / modul
    late = ws.root / INBOX_DIR / "terlambat" / modul
    for folder in (inbox, late):
        folder.mkdir(parents=True, exist_ok=True)
    source = nbformat.read(ws.source_notebook(modul), as_version=4)
    released = nbformat.read(ws.release_notebook(modul), as_version=4)
    tokens = issue_tokens(ws, modul)  # the uji has its own token on the card
    for pid in ids:
        nb = simulate_submission(source, released, pid, sk[pid], modul)
        for cell in nb.cells:  # the participant types the token from their card
            if cell.cell_type == "code" and "TOKEN_PESERTA" in cell.source:
                cell.source = with_token_line(cell.source, tokens[pid], pid)
        data = nbformat.writes(nb).encode("utf-8")
        if first and pid == CORRUPT:
            data = data[: len(data) // 2]
        path = (late if pid in LATE else inbox) / f"{pid}_{modul}.ipynb"
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
    return inbox, late


def _score_rubrics(ws: Workshop, modul: str, sk: dict[str, float]) -> None:
    """Score manually graded cells as a trainer would in the formgrader (once; never overwrites)."""
    with ws.gradebook() as gb:
        try:
            subs = gb.assignment_submissions(modul)
        except Exception:
            return
        for sub in subs:
            for nb in sub.notebooks:
                for grade in nb.grades:
                    if grade.auto_score is None and grade.manual_score is None and grade.max_score:
                        level = sk.get(sub.student_id, 0)
                        frac = (
                            0.0
                            if level <= 0
                            else (1.0 if level >= 0.85 else 0.5 if level >= 0.6 else 0.25)
                        )
                        grade.manual_score = round(grade.max_score * frac, 1)
        gb.db.commit()


def run_demo(
    out: str | Path = "demo",
    *,
    workers: int | None = None,
    progress: bool = True,
    modules: list[str] | None = None,
) -> DemoResult:
    from alaskaki.workshop import feedback, grade
    from alaskaki.workshop.grading.answers import keep_warm
    from alaskaki.workshop.reporting import make_reports

    ws = init_workshop(
        out,
        roster=paths.dataset(SAMPLE_ROSTER),
        name="Demo Lokakarya Ekspor Mandiri Mojokerto",
        modules=modules,
        rahasia_soal=DEMO_SECRET,  # the demo's own uji forms, the same on every run
    )
    ids = ws.participant_ids()
    issue_tokens(ws)  # offline collection of the uji proves identity by token (`alaskaki kartu`)
    sk = skills(ids)
    mods = modules or ws.modules()
    res = DemoResult(ws.root, mods, len(ids))
    # one warm sandbox per worker for every module, not two new ones per module (issue 17)
    with keep_warm(_coming_imports(ws, mods)):
        for i, modul in enumerate(mods):
            # The demo writes the gradebook as the CLI's commands do, so it backs it up as they do:
            # cadangan/ and `alaskaki pulihkan` can be shown on it (a backup per changed state).
            ws.before_write("release")
            release_module(ws, modul, due=DUE_WIB)
            inbox, late = _write_inbox(ws, modul, ids, sk, first=(i == 0))
            from alaskaki.workshop.collect import collect_module

            due = parse_due(DUE_WIB)
            ws.before_write("collect")
            got = collect_module(ws, modul, source=inbox, received=due - ON_TIME_BEFORE)
            res.new_files += len(got.collected)
            got = collect_module(ws, modul, source=late, received=due + LATE_BY)
            res.new_files += len(got.collected)
            ws.before_write("grade")
            run = grade(ws, modul, workers=workers, progress=progress)
            ws.before_write("nilai-rubrik")
            _score_rubrics(ws, modul, sk)
            feedback(ws, modul)
            for r in getattr(run, "results", []):
                if r.flags:
                    res.flags[f"{r.participant}/{modul}"] = list(r.flags)
    # Read back from the gradebook: auto and rubric scores together, the same on every run.
    from alaskaki.workshop.status import workshop_status

    status = workshop_status(ws)
    for modul in mods:
        rows = [e for e in status.entries if e.modul == modul]
        res.submitted[modul] = sum(e.dikumpulkan is not None for e in rows)
        res.graded[modul] = sum(e.dinilai for e in rows)
        scored = [e.nilai / e.nilai_maks for e in rows if e.nilai is not None and e.nilai_maks]
        res.mean_score[modul] = sum(scored) / len(scored) if scored else 0.0
    # the demo's rapor go out, so its uji rounds are closed first, as a trainer must (R5c)
    from alaskaki.workshop import putaran

    for modul in mods:
        if modul in putaran.FORMS:
            putaran.tutup(ws.root, modul)
    res.reports = make_reports(ws, rapor=True)
    res.units, res.gains = _unit_counts(ws)
    return res


def _coming_imports(ws: Workshop, mods: list[str]) -> list[str]:
    """What the demo's module notebooks import, for warm sandboxes that serve them all."""
    from alaskaki.workshop.grading.module import notebook_preload

    out: list[str] = []
    for modul in mods:
        try:
            nb = nbformat.read(ws.source_notebook(modul), as_version=4)
        except (OSError, ValueError):  # graded as before: its own list restarts the sandbox
            continue
        out += notebook_preload([c.source for c in nb.cells if c.cell_type == "code"])
    return list(dict.fromkeys(out))


def _unit_counts(ws: Workshop) -> tuple[dict[str, dict[str, int]], dict[str, dict]]:
    from alaskaki.competency import assess
    from alaskaki.report.views import gain_view

    result = assess(ws.root)
    counts: dict[str, dict[str, int]] = {}
    scores: dict[str, list[float]] = {}
    for participant in result.participants:
        for code, unit in participant.units.items():
            counts.setdefault(code, {}).setdefault(unit.status, 0)
            counts[code][unit.status] += 1
            if unit.latihan_skor is not None:
                scores.setdefault(code, []).append(unit.latihan_skor)

    def num(x):
        return None if x is None or x != x else float(x)  # NaN (empty cell) -> None

    gains: dict[str, dict] = {}
    for row in gain_view(result).to_dict("records"):
        code = row["Unit"]
        vals = scores.get(code, [])
        gains[code] = {
            "awal": num(row["Rata-rata tes awal"]),
            "akhir": num(row["Rata-rata tes akhir"]),
            "gain": num(row["Gain ternormalisasi <g>"]),
            "latihan": sum(vals) / len(vals) if vals else None,
        }
    return counts, gains
