"""Step 3, judge (grader process): the instructor's test cells run on the decoded answers; flags
and incidents come from what the trusted side saw, never from the participant's own report."""

from __future__ import annotations

import ast
import contextlib
import hashlib
import io
import traceback
import warnings

import nbformat
from nbformat.notebooknode import NotebookNode

from alaskaki.text import number
from alaskaki.workshop import sandbox as sb
from alaskaki.workshop.grading.module import Module, trusted_namespace
from alaskaki.workshop.grading.sanitise import Work
from alaskaki.workshop.limits import megabytes

RUNNER_CHECKS = {
    "settrace": "Notebook memasang sys.settrace (pelacak eksekusi).",
    "setprofile": "Notebook memasang sys.setprofile (pelacak eksekusi).",
    "transformer": "Notebook memasang *input transformer* IPython (mengubah sel sebelum dijalankan).",
    "exception_handler": "Notebook memasang penangan galat (*exception handler*) khusus.",
    "processes": "Notebook menjalankan proses lain yang masih hidup di akhir; semuanya dihentikan paksa.",
    "broken": "Notebook merusak interpreter Python sehingga pemeriksaan akhir gagal.",
}


# What the trusted side (the sandbox's manager or this process) saw; never reported by the notebook.
EVENTS = {
    "timeout": "Notebook berjalan melebihi batas waktu ({t} detik) dan dihentikan.",
    "flood": "Notebook menghasilkan keluaran terlalu besar dan dihentikan.",
    "processes": RUNNER_CHECKS["processes"],
    "exited": "Proses notebook berhenti sendiri sebelum semua sel selesai; jawaban sesudahnya tidak terbaca.",
    "cpu": "Notebook memakai waktu CPU melebihi batas dan dihentikan.",
    "fsize": "Notebook menulis berkas melebihi batas ukuran dan dihentikan.",
    "crash": "Proses notebook berhenti tidak wajar sebelum mulai.",
    "garbage": "Notebook menulis data palsu ke saluran penilai.",
    "answers_too_big": "Jawaban yang dikirim notebook melebihi batas ukuran ({a}); sisanya tidak dinilai.",
}


# Events that are not the participant's doing: the submission is not recorded (it is graded again
# next run) and the trainer sees an incident on the worker, never a flag on the participant.
INCIDENTS = {
    "outside": "proses sandbox dihentikan dari luar penilai (sinyal {sig}, mis. komputer kehabisan memori atau dihentikan administrator)",
    "manager": "pengelola sandbox berhenti tidak wajar ({sig}; mis. dihentikan dari luar penilai)",
    "setup": "sandbox tidak bisa disiapkan (namespace, mount atau pembatasan hak gagal)",
    "lost": "sandbox hangat berhenti atau macet (dihentikan dari luar penilai)",
    "forged": "saluran sandbox mengirim data tanpa kode rahasia penilai",
}


def incident(events: list[str]) -> str | None:
    for ev in events:
        kind, _, sig = ev.partition(":")
        if kind in INCIDENTS:
            return INCIDENTS[kind].format(sig=sig or "?")
    return None


def run_tests(mod: Module, work: Work, result: sb.SandboxResult) -> None:
    """Run the instructor's test cells on the returned values, in this (trusted) process."""
    from nbgrader import utils as nbutils

    ns = trusted_namespace(mod.setup, work.peserta)
    for cell in work.nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if (
            cell.cell_type != "code"
            or gid not in mod.tests
            or not nbutils.is_grade(cell)
            or nbutils.is_solution(cell)
        ):
            continue
        test = mod.tests[gid]
        values = result.points.get(gid) or {}
        for name in test.names:
            enc = values.get(name, {"t": "missing"})
            if isinstance(enc, dict) and enc.get("t") == "missing":
                ns.pop(name, None)
            else:
                ns[name] = sb.decode_value(enc)
        cell.source = test.source
        cell.outputs = exec_test(test.source, ns)
        if not result.points.get(gid) and not result.finished and test.names:
            cell.outputs = [
                error_output(
                    "TimeoutError", "Notebook berhenti sebelum sel ini; jawaban tidak terbaca."
                )
            ]


def sha_of(path) -> str | None:
    """sha256 of a file (None when unreadable): which submission a marker's readings are of."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def readings(result: sb.SandboxResult, tests) -> dict[str, dict[str, object]]:
    """{grade_id: {name: value}}: the short plain answers (a letter, a number, a short text) the
    judge received for each test cell. The similarity check compares these, not how the answers
    were written (red team R14); a value is what was scored, so a copier cannot change it without
    changing their score. Only the module's own test cells (``tests``: their grade ids): a point
    under another id was never scored (red team R70)."""
    out: dict[str, dict[str, object]] = {}
    for gid, values in result.points.items():
        if not isinstance(values, dict) or gid not in tests:
            continue
        kept: dict[str, object] = {}
        for name, enc in values.items():
            value = sb.decode_value(enc)
            if isinstance(value, bool) or not isinstance(value, str | int | float):
                continue
            if isinstance(value, float) and value != value:  # NaN: equal to nothing
                continue
            if isinstance(value, str) and len(value) > 200:
                # the judge reads a letter stripped and a number without its spaces, so padding
                # changes nothing it scores; keep what it reads (red team R14c), and of a text
                # still long, a digest: equal texts stay equal without filling the marker
                value = "".join(value.split())
                if len(value) > 200:
                    value = "#sha256:" + hashlib.sha256(value.encode()).hexdigest()[:32]
            if isinstance(value, int) and abs(value) > 10**18:
                continue
            kept[str(name)] = value
        if kept:
            out[str(gid)] = kept
    return out


def error_output(ename: str, evalue: str, tb: list[str] | None = None) -> NotebookNode:
    return nbformat.v4.new_output(
        "error", ename=ename, evalue=evalue, traceback=tb or [f"{ename}: {evalue}"]
    )


def exec_test(source: str, ns: dict) -> list:
    """Execute one test cell like a kernel would: stdout kept, last expression as result, errors.

    Warnings and stderr never fail a test here (they are dropped); only an exception does.
    """
    outputs = []
    out = io.StringIO()
    try:
        tree = ast.parse(source)
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            last = ast.Expression(tree.body.pop().value)
        with (
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(io.StringIO()),
            warnings.catch_warnings(),
        ):
            warnings.simplefilter("ignore")
            exec(compile(tree, "<sel uji>", "exec"), ns)  # noqa: S102 - instructor's test code
            value = eval(compile(last, "<sel uji>", "eval"), ns) if last is not None else None  # noqa: S307
    except BaseException as exc:  # noqa: BLE001 - a failed test, whatever it raised
        if out.getvalue():
            outputs.append(nbformat.v4.new_output("stream", name="stdout", text=out.getvalue()))
        tb = traceback.format_exception_only(type(exc), exc)
        outputs.append(
            error_output(type(exc).__name__, str(exc), [line.rstrip("\n") for line in tb])
        )
        return outputs
    if out.getvalue():
        outputs.append(nbformat.v4.new_output("stream", name="stdout", text=out.getvalue()))
    if value is not None:
        outputs.append(
            nbformat.v4.new_output(
                "execute_result", data={"text/plain": repr(value)}, execution_count=None
            )
        )
    return outputs


def runtime_flags(work: Work, result: sb.SandboxResult, run_timeout: float) -> list[str]:
    flags = []
    for code in result.checks:
        if code.startswith("kunci:!oracle:"):  # a check asked over and over (R76)
            flags.append(
                f"Notebook memanggil pemeriksa jawaban `{code[14:]}` berkali-kali saat dinilai, "
                "cara menebak kunci jawaban; periksa notebook ini."
            )
        elif code.startswith("kunci:!"):  # an attempt on the key recorder itself (R76)
            flags.append(
                f"Notebook mencoba mengakali pencatat kunci jawaban saat dinilai "
                f"(`{code[7:]}`); periksa notebook ini dan nilai ulang bila perlu."
            )
        elif code.startswith("kunci:"):  # the key recorder heard a call into the answer key
            flags.append(
                f"Notebook memanggil kunci jawaban modul (`{code[6:]}`) saat dinilai; "
                "jawabannya mungkin diambil dari kunci, periksa notebook ini."
            )
        elif code.startswith("monkeypatch:"):
            flags.append(
                f"Notebook mengganti fungsi di modul `{code.split(':', 1)[1]}` (*monkeypatching*)."
            )
        elif code in RUNNER_CHECKS:
            flags.append(RUNNER_CHECKS[code])
    for ev in dict.fromkeys(result.events):
        kind, _, sig = ev.partition(":")
        if kind in INCIDENTS:
            continue
        if kind == "crash" and sig:
            flags.append(f"Proses notebook berhenti karena galat fatal ({sig}), mis. lewat ctypes.")
            continue
        text = EVENTS.get(ev, "Kejadian tak dikenal di sandbox: {e}.")
        flags.append(text.format(t=int(run_timeout), a=megabytes(result.answer_cap), e=ev[:40]))
    for cell in result.cells:
        n = (work.cell_index.get(cell.get("i"), -1)) + 1
        if cell.get("status") == "timeout":
            flags.append(f"Sel ke-{n} berjalan melebihi batas waktu per sel dan dihentikan.")
        elif cell.get("ename") == "MemoryError":
            flags.append(f"Sel ke-{n} kehabisan memori (batas memori sandbox).")
        if cell.get("size", 0) > sb.HUGE_OUTPUT:
            flags.append(
                f"Sel ke-{n} menghasilkan keluaran sangat besar ({number(cell['size'], 0)} karakter); dipotong."
            )
    claimed = (result.points.get("__akhir__") or {}).get("ID_PESERTA")
    if isinstance(claimed, str) and claimed.strip() and claimed.strip() != work.peserta:
        flags.append(
            f"ID_PESERTA di notebook ('{claimed.strip()[:40]}') bukan ID peserta yang mengumpulkan "
            f"({work.peserta}); dinilai dengan soal milik {work.peserta}."
        )
    return list(dict.fromkeys(flags))


def fill_answer_outputs(work: Work, result: sb.SandboxResult) -> None:
    for cell in result.cells:
        idx = work.cell_index.get(cell.get("i"))
        if idx is None:
            continue
        nbcell = work.nb.cells[idx]
        outs = []
        if cell.get("out"):
            outs.append(nbformat.v4.new_output("stream", name="stdout", text=cell["out"]))
        if cell.get("status") in ("error", "timeout"):
            outs.append(error_output(cell.get("ename") or "Error", cell.get("evalue") or ""))
        nbcell.outputs = outs
