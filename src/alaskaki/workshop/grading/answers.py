"""Step 2, produce answers: the participant's cells run in a sandbox (one warm sandbox per worker
when grading as root with bubblewrap, else one bubblewrap or plain process per submission), and
only encoded plain data comes back. See :mod:`alaskaki.workshop.sandbox` for the sandbox itself."""

from __future__ import annotations

import contextlib
import os
import tempfile

from alaskaki.errors import AlaskakiError
from alaskaki.workshop import sandbox as sb

UID_BASE = 420_000  # sandboxed submissions run as uid UID_BASE + worker slot (when graded as root)

UNSANDBOXED_WARNING = (
    "bubblewrap (/usr/bin/bwrap) tidak tersedia, jadi kode peserta dijalankan TANPA "
    "sandbox. Nilai tetap dihitung di luar kernel peserta, tetapi kode peserta bisa membaca atau "
    "mengubah berkas di komputer ini dan memakai jaringan. Pasang dengan: sudo apt-get install bubblewrap"
)


def choose_sandbox(sandbox) -> tuple[bool, str | None]:
    if sandbox in (False, "off", "tidak"):
        return False, UNSANDBOXED_WARNING
    ok = sb.bwrap_available()
    if sandbox in (True, "on", "ya", "wajib") and not ok:
        raise AlaskakiError(
            "Sandbox diminta, tetapi bubblewrap (/usr/bin/bwrap) tidak tersedia atau tidak bisa dipakai. "
            "Pasang dengan: sudo apt-get install bubblewrap"
        )
    return ok, None if ok else UNSANDBOXED_WARNING


class Workers:
    """``n`` worker slots that run one job each at a time (called from a thread pool)."""

    def __init__(
        self, n: int, *, sandboxed: bool, preload: list[str], run_timeout: float, answer_bytes: int
    ):
        self.sandboxed = sandboxed
        self.run_timeout = run_timeout
        self.answer_bytes = answer_bytes
        self.uids = [UID_BASE + (os.getpid() % 1000) * 64 + slot for slot in range(n)]
        self.warm = (
            [_zygote(u, preload) for u in self.uids] if sb.zygotes_usable(sandboxed) else None
        )

    def run(self, slot: int, job: dict) -> sb.SandboxResult:
        if self.warm is not None:
            return self.warm[slot].run(
                job, run_timeout=self.run_timeout, answer_bytes=self.answer_bytes
            )
        scratch = None if self.sandboxed else tempfile.mkdtemp(prefix="alaskaki-peserta-")
        try:
            return sb.run_in_sandbox(
                job,
                sandboxed=self.sandboxed,
                uid=self.uids[slot],
                run_timeout=self.run_timeout,
                scratch_dir=scratch,
                answer_bytes=self.answer_bytes,
            )
        finally:
            sb.cleanup_scratch(scratch)

    def close(self, *, keep: bool = True) -> None:
        """Stop every warm sandbox now; safe to call twice. Inside :func:`keep_warm` they stay
        for the next module unless ``keep`` is False (Ctrl-C, a crash)."""
        for z in self.warm or []:
            if keep and _kept is not None and _kept.get(z.uid) is z:
                continue
            z.close()
            if _kept is not None and _kept.get(z.uid) is z:
                del _kept[z.uid]


# Warm sandboxes kept from one module's grading to the next while :func:`keep_warm` is open, by
# worker uid. A zygote never runs participant code (every submission runs in a child of a child,
# in namespaces of its own, see sandbox.Zygote), so the next module's submissions start from the
# same clean state as the next participant's; only the set of preloaded modules differs.
_kept: dict[int, sb.Zygote] | None = None
_coming: list[str] = []  # what the coming modules' notebooks import (keep_warm's ``preload``)


@contextlib.contextmanager
def keep_warm(preload: list[str] | None = None):
    """Grade several modules in a row without starting the warm sandboxes again for each.

    A zygote's start (bubblewrap, Python, IPython, pandas, matplotlib, the kit's exercises) is
    ≈ 1.2 s of CPU; the demo grades 13 modules with 2 workers each (issue 17 goal 6). Inside this
    block a worker's zygote stays up after a module and serves the next one when it has already
    imported every module the next notebook needs; otherwise it is replaced by one that imports
    both modules' lists and the kit's participant-side packages, so it serves the later ones.
    ``preload``: what the coming modules' notebooks import (:func:`.module.notebook_preload`),
    when the caller knows them (the demo): the first zygote imports them all, so one start per
    worker serves every module (6 starts → 2 in the demo). Only names the instructor notebooks
    import, as each module's own list; the judge-only packages are never among them.
    Everything is stopped when the block ends.
    """
    global _kept, _coming
    if _kept is not None:  # nested: the outer block keeps and stops them
        yield
        return
    _kept, _coming = {}, list(preload or [])
    try:
        yield
    finally:
        kept, _kept, _coming = _kept, None, []
        for z in kept.values():
            z.close()


KIT_PACKAGES = ("alaskaki.exercises", "alaskaki.domain", "alaskaki.widgets")


def _kit_modules() -> list[str]:
    """Every module of the kit's participant-side packages (what the module notebooks import),
    named from the files, without importing them here."""
    import importlib.util
    import pkgutil

    out = []
    for pkg in KIT_PACKAGES:
        spec = importlib.util.find_spec(pkg)
        if spec is None or not spec.submodule_search_locations:
            continue
        out.append(pkg)
        out += [f"{pkg}.{m.name}" for m in pkgutil.iter_modules(spec.submodule_search_locations)]
    return out


def _zygote(uid: int, preload: list[str]) -> sb.Zygote:
    if _kept is None:
        return sb.Zygote(preload=preload, uid=uid)
    old = _kept.get(uid)
    if old is not None and old.serves(preload):
        return old
    wanted = list(preload) + (old.preload if old is not None else []) + _coming + _kit_modules()
    if old is not None:
        old.close()
    _kept[uid] = z = sb.Zygote(preload=list(dict.fromkeys(wanted)), uid=uid)
    z.prestart()  # from this (the main) thread: it must outlive this run's worker threads
    return z
