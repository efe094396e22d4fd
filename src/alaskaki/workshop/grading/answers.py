"""Step 2, produce answers: the participant's cells run in a sandbox (one warm sandbox per worker
when grading as root with bubblewrap, else one bubblewrap or plain process per submission), and
only encoded plain data comes back. See :mod:`alaskaki.workshop.sandbox` for the sandbox itself."""

from __future__ import annotations

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
            [sb.Zygote(preload=preload, uid=u) for u in self.uids]
            if sb.zygotes_usable(sandboxed)
            else None
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

    def close(self) -> None:
        """Stop every warm sandbox now (also from Ctrl-C); safe to call twice."""
        for z in self.warm or []:
            z.close()
