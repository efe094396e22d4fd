"""Whether two demo folders hold the same results: reports (CSV, JSON, HTML), feedback and the
autograded notebooks, byte for byte once what differs by design is masked.

    .venv/bin/python bench/same_demo.py DEMO_A DEMO_B

Masked: the creation times (``"dibuat"``, "Dibuat ...", "Laporan dibuat ..."), the folder's own
path, the participants' tokens (random per workshop) and ``at 0x...`` addresses in reprs. PDF and
XLSX files are not compared (they embed their creation time); the JSON report holds the same
figures. The corrupt first file of p23 (restored cells get random cell ids) may differ.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

MASKS = [
    (rb'"dibuat": ?"[^"]*"', b'"dibuat":"T"'),
    (rb"Dibuat \d\d-\d\d-\d{4} \d\d:\d\d", b"Dibuat T"),
    (rb"Laporan dibuat: [0-9-]+ [0-9:]+ UTC", b"Laporan dibuat T"),
    (rb'TOKEN_PESERTA = \\"[^\\"]*\\"', b"TOKEN"),
    (rb'TOKEN_PESERTA = "[^"]*"', b"TOKEN"),
    (rb" at 0x[0-9a-f]+", b" at 0xADDR"),
]


def masked(data: bytes, root: Path) -> bytes:
    data = data.replace(str(root).encode(), b"ROOT")
    for pattern, repl in MASKS:
        data = re.sub(pattern, repl, data)
    return data


def main(a: Path, b: Path) -> int:
    compared, differ = 0, []
    for sub in ("laporan", "feedback", "autograded"):
        for p in sorted((a / sub).rglob("*")):
            if not p.is_file() or p.suffix in (".pdf", ".xlsx"):
                continue
            q = b / p.relative_to(a)
            compared += 1
            if not q.is_file() or masked(p.read_bytes(), a) != masked(q.read_bytes(), b):
                differ.append(str(p.relative_to(a)))
    for name in differ[:20]:
        print("differs:", name)
    print(f"{compared} files compared (PDF and XLSX skipped), {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
