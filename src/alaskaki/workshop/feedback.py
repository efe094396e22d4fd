"""Per-participant feedback in Bahasa Indonesia, from the autograded notebook and the gradebook.

Unlike nbgrader's ``generate_feedback`` (which renders the whole autograded notebook, hidden tests
included: upstream issue #917), this page shows only what the participant may see: what each test
checks (the test cell's docstring), the points, and the participant-facing hint of a failed check.
Never a test's code, a traceback or an expected value.

Files land where nbgrader puts feedback, ``feedback/<peserta>/<modul>/<modul>.html``, together with
the submission's ``timestamp.txt`` and ``submission_secret.txt``, so nbgrader's exchange
(``release_feedback``) can hand them out.
"""

from __future__ import annotations

import ast
import contextlib
import html
import re
import sys
from datetime import datetime
from pathlib import Path

from alaskaki.errors import EXIT_NOT_FOUND, AlaskakiError
from alaskaki.text import number
from alaskaki.workshop.lock import locked

_NAME_ERROR = re.compile(r"name '([A-Za-z_][A-Za-z0-9_]*)' is not defined")

CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:50rem;margin:2rem auto;
padding:0 1rem;color:#1f2933;line-height:1.5}
h1{font-size:1.5rem;margin-bottom:.2rem} .meta{color:#52606d;margin-top:0}
.total{font-size:1.25rem;background:#f0f4f8;padding:.75rem 1rem;border-radius:.5rem}
.soal{border:1px solid #d9e2ec;border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0}
.soal h2{font-size:1.05rem;margin:.1rem 0 .4rem}
.benar{border-left:.4rem solid #2f9e44} .salah{border-left:.4rem solid #e8590c}
.manual{border-left:.4rem solid #1c7ed6}
.nilai{float:right;font-weight:600} pre{background:#f8f9fa;padding:.5rem;overflow-x:auto;font-size:.9rem}
"""


def _docstring(source: str) -> str:
    """The first line of the test cell's docstring: what the test checks."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return ""
    doc = ast.get_docstring(tree) if tree.body else None
    return (doc or "").strip().splitlines()[0] if doc else ""


def _hint(outputs: list) -> str:
    """A participant-facing reason for a failed test, never code or expected values."""
    for out in outputs:
        if out.get("output_type") != "error":
            continue
        ename, evalue = out.get("ename", ""), str(out.get("evalue", "")).strip()
        if ename == "AssertionError":
            return evalue or "Belum tepat. Periksa lagi perhitungan Anda."
        m = _NAME_ERROR.search(evalue)
        if ename == "NameError" and m:
            return (
                f"Variabel `{m.group(1)}` belum ada. Jalankan sel jawaban Anda (atau *Run All*), "
                "lalu kumpulkan lagi."
            )
        if ename == "TimeoutError":
            return "Notebook Anda berhenti (terlalu lama berjalan) sebelum jawaban ini terbaca."
        if ename == "TypeError":
            return "Jenis jawaban tidak sesuai (mis. teks padahal yang diminta angka, atau daftar yang salah bentuk)."
        return "Jawaban tidak bisa diperiksa karena terjadi galat. Jalankan ulang notebook Anda dari atas."
    return ""


_UJI_ITEM = re.compile(r"^(?:pre|post)_([a-z]+)(\d+)_")


def _uji_unit(grade_id: str) -> str | None:
    """``post_eks01_kbli`` -> ``EKS-01``: an item of the sealed uji forms (grade ids of docs/grading.md)."""
    m = _UJI_ITEM.match(grade_id)
    return f"{m.group(1).upper()}-{m.group(2)}" if m else None


def is_uji(nb) -> bool:
    """True for a sealed uji form (its grade ids are ``pre_…``/``post_…`` items of a unit)."""
    return any(
        _uji_unit(c.get("metadata", {}).get("nbgrader", {}).get("grade_id") or "") for c in nb.cells
    )


def uji_feedback_refuser():
    """An nbgrader preprocessor class for ``GenerateFeedback`` (set in every workshop's
    nbgrader_config.py): nbgrader's own feedback (the formgrader's *Generate Feedback* button,
    ``nbgrader generate_feedback``) renders a score per item, a group test on the key (red team R13);
    for an uji it refuses, so only ``alaskaki feedback`` writes that page."""
    from nbgrader.preprocessors import NbGraderPreprocessor

    class UjiTanpaUmpanBalikNbgrader(NbGraderPreprocessor):
        def preprocess(self, nb, resources):
            if is_uji(nb):
                raise ValueError(
                    "Umpan balik uji kompetensi tidak dibuat dengan tombol nbgrader (isinya nilai "
                    "per soal). Pakai `alaskaki feedback` untuk uji."
                )
            return nb, resources

    return UjiTanpaUmpanBalikNbgrader


def _fmt(x: float | None) -> str:
    if x is None:
        return "–"
    return number(x, 2, trim=True)


GENERATOR = '<meta name="generator" content="alaskaki feedback">'


def written_by_alaskaki(page: str) -> bool:
    """Was this feedback page written by ``alaskaki feedback`` (pages from before the generator tag
    end with "... oleh alaskaki.")? nbgrader's own page of an uji shows its key (red team R15)."""
    return GENERATOR in page or "oleh alaskaki.</p>" in page


def foreign_uji_pages(folder, modul: str) -> list[Path]:
    """Feedback pages of the uji form ``modul`` in ``feedback/`` not written by alaskaki: nbgrader's
    Generate Feedback in a workshop whose config predates R13 renders the hidden tests (the key)."""
    if not folder.source_notebook(modul).is_file():
        return []
    import nbformat

    if not is_uji(nbformat.read(folder.source_notebook(modul), as_version=4)):
        return []
    found = []
    for page in sorted(folder.feedback().glob(f"*/{modul}/*.html")):
        try:
            text = page.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if not written_by_alaskaki(text):
            found.append(page)
    return found


def _page(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8">{GENERATOR}'
        f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>\n{body}\n</body></html>\n"
    )


def _render(pid: str, nama: str, modul: str, nb, grades: dict, comments: dict, total, late) -> str:
    from nbgrader import utils as nbutils

    e = html.escape
    parts = [
        f"<h1>Umpan balik modul {e(modul)}</h1>",
        f'<p class="meta">Peserta: {e(nama or pid)} ({e(pid)})</p>',
    ]
    score, max_score = total
    waiting = [
        c.metadata["nbgrader"]["grade_id"]
        for c in nb.cells
        if nbutils.is_grade(c)
        and c.metadata.get("nbgrader", {}).get("grade_id") in grades
        and grades[c.metadata["nbgrader"]["grade_id"]][0] is None
    ]
    # The uji (sealed forms): no score at all on the page. Right/wrong per item, per-unit counts
    # and even the total are group tests: a few friends who note their answers and pool their pages
    # decode the key for everyone else and for a retake (red team R5, R5b). K/BK reaches the
    # participant in the rapor, from the trainer.
    uji = any(_uji_unit(c.metadata.get("nbgrader", {}).get("grade_id") or "") for c in nb.cells)
    if uji:
        parts.append(
            '<p class="total">Uji kompetensi Anda sudah diterima dan dinilai. Nilainya tidak '
            "ditampilkan di sini, baik per soal maupun per unit, supaya soal uji tetap adil untuk "
            "peserta lain dan untuk uji ulang. Keputusan Kompeten atau Belum Kompeten per unit ada "
            "di rapor yang dibagikan pelatih.</p>"
        )
        parts.append(
            f'<p class="meta">Dibuat {datetime.now().strftime("%d-%m-%Y %H:%M")} oleh alaskaki.</p>'
        )
        return _page(f"Umpan balik {modul} — {pid}", "\n".join(parts))
    text = f"Nilai Anda: <strong>{_fmt(score)}</strong> dari {_fmt(max_score)}"
    if late:
        text += f" (sudah dikurangi {_fmt(late)} karena terlambat mengumpulkan)"
    if waiting:
        text += f". Nilai ini sementara: {len(waiting)} jawaban masih menunggu penilaian pelatih"
    parts.append(f'<p class="total">{text}</p>')
    last_answer = ""
    benar, lagi = [], []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        gid = meta.get("grade_id")
        if not gid:
            continue
        if nbutils.is_solution(cell) and not nbutils.is_grade(cell):
            last_answer = cell.source
            continue
        if not nbutils.is_grade(cell):
            continue
        got, maxp = grades.get(gid, (None, float(meta.get("points", 0))))
        if nbutils.is_solution(cell):  # a manually graded answer
            status = "manual"
            what = "Jawaban yang dinilai pelatih"
            why = (
                "Sudah dinilai oleh pelatih."
                if got is not None
                else "Jawaban ini menunggu penilaian pelatih; nilainya menyusul."
            )
            mine = cell.source
        else:
            ok = got is not None and maxp and got >= maxp
            status = "benar" if ok else "salah"
            what = _docstring(cell.source) or gid
            why = "Benar. Bagus!" if ok else (_hint(cell.get("outputs", [])) or "Belum tepat.")
            if got and not ok:
                why = f"Sebagian benar. {why}"
            mine = last_answer
            (benar if ok else lagi).append(what.rstrip(". "))
        shown = (
            f"{_fmt(got)} / {_fmt(maxp)}"
            if got is not None or status != "manual"
            else f"menunggu penilaian pelatih (maks. {_fmt(maxp)})"
        )
        block = [
            f'<section class="soal {status}"><span class="nilai">{e(shown)}</span>',
            f"<h2>{e(what)}</h2>",
        ]
        if mine.strip():
            block.append(f"<p>Jawaban Anda:</p><pre>{e(mine)}</pre>")
        block.append(f"<p>{e(why)}</p>")
        if comments.get(gid):
            block.append(f"<p><em>Catatan pelatih:</em> {e(comments[gid])}</p>")
        block.append("</section>")
        parts.append("\n".join(block))
    summary = []
    if benar:
        summary.append("<p><strong>Yang sudah benar:</strong> " + e("; ".join(benar)) + ".</p>")
    if lagi:
        summary.append(
            "<p><strong>Yang perlu dilihat lagi:</strong> " + e("; ".join(lagi)) + ".</p>"
        )
    parts[3:3] = summary
    parts.append(
        f'<p class="meta">Dibuat {datetime.now().strftime("%d-%m-%Y %H:%M")} oleh alaskaki.</p>'
    )
    return _page(f"Umpan balik {modul} — {pid}", "\n".join(parts))


@locked("feedback {modul}")
def write_feedback(workshop_dir, modul: str, *, participants=None) -> list[Path]:
    """Write feedback pages for every graded participant of ``modul`` (or only ``participants``)."""
    from nbgrader.api import MissingEntry

    from alaskaki.folder import Folder

    folder = Folder.open(workshop_dir)
    if not folder.source_notebook(modul).is_file():
        raise AlaskakiError(
            f"Modul '{modul}' tidak ada di lokakarya ini.", exit_code=EXIT_NOT_FOUND
        )
    graded_root = folder.autograded()
    graded = (
        sorted(p.parent.parent.name for p in graded_root.glob(f"*/{modul}/{modul}.ipynb"))
        if graded_root.is_dir()
        else []
    )
    if participants is not None:
        missing = [p for p in participants if p not in graded]
        if missing:
            raise AlaskakiError(
                f"Modul {modul} belum dinilai untuk: {', '.join(missing)}. Jalankan dulu `alaskaki grade {modul}`.",
                exit_code=EXIT_NOT_FOUND,
            )
        graded = list(dict.fromkeys(participants))
    if not graded:
        raise AlaskakiError(
            f"Belum ada hasil penilaian modul {modul}. Jalankan dulu `alaskaki grade {modul}`.",
            exit_code=EXIT_NOT_FOUND,
        )
    for page in foreign_uji_pages(folder, modul):
        # nbgrader's own page of an uji (an older config's Generate Feedback) carries the key:
        # it is derived from the gradebook, so removing it loses nothing
        page.unlink()
        print(
            f"{page} dibuat oleh tombol Generate Feedback nbgrader dan memuat kunci uji; dihapus.",
            file=sys.stderr,
            flush=True,
        )
    written = []
    # through the Folder: a lost gradebook is refused, never recreated empty by nbgrader
    with folder.gradebook() as gb:
        for pid in graded:
            src_dir = folder.autograded(pid, modul)
            import nbformat  # here, not at the top: `alaskaki status` must not pay its import

            nb = nbformat.read(src_dir / f"{modul}.ipynb", as_version=4)
            try:
                sub = gb.find_submission_notebook(modul, modul, pid)
            except MissingEntry:
                continue
            # a rubric cell nobody has scored has Grade.score 0 in nbgrader: it is None here,
            # so the page says "menunggu penilaian pelatih" instead of "0 / 4"
            grades = {
                g.name: (
                    float(g.score)
                    if g.manual_score is not None
                    or (g.auto_score is not None and not g.needs_manual_grade)
                    else None,
                    float(g.max_score),
                )
                for g in sub.grades
            }
            comments = {c.name: c.manual_comment for c in sub.comments if c.manual_comment}
            nama = ""
            with contextlib.suppress(MissingEntry):
                nama = gb.find_student(pid).first_name or ""
            total = (float(sub.score), float(sub.max_score))
            late = float(sub.late_submission_penalty or 0)
            page = _render(pid, nama, modul, nb, grades, comments, total, late)
            dest = folder.feedback(pid, modul)
            dest.mkdir(parents=True, exist_ok=True)
            path = dest / f"{modul}.html"
            path.write_text(page, encoding="utf-8")
            for extra in ("timestamp.txt", "submission_secret.txt"):
                for where in (src_dir, folder.submitted(pid, modul)):
                    if (where / extra).is_file():
                        (dest / extra).write_bytes((where / extra).read_bytes()[:1000])
                        break
            written.append(path)
    return written


def feedback_text(path) -> str:
    """The readable text of a feedback page (tags and style removed), for reports and tests."""
    text = re.sub(r"<style>.*?</style>", "", Path(path).read_text(encoding="utf-8"), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))
