"""Parts a test needs from the machine, shared by the integration, browser and unit tests and bench/.

* :func:`check_part` skips a test whose part (npm proxy, PostgreSQL binaries, root for useradd or
  mount, a browser) is missing, except when ``ALASKAKI_REQUIRE_ALL=1`` (set by ``.ci/run``): then the
  test fails, so CI never passes by skipping. Integration tests get it as the ``require_part``
  fixture (tests/integration/conftest.py), browser tests as ``browserkit.need``.
* :func:`free_port`: a free TCP port on 127.0.0.1 for a server a test starts.
* :func:`pg_bin`: the folder of Debian's newest PostgreSQL server binaries (initdb, pg_ctl), or None.
"""

from __future__ import annotations

import glob
import os
import socket
from pathlib import Path

import pytest


def require_all() -> bool:
    return os.environ.get("ALASKAKI_REQUIRE_ALL", "") == "1"


def check_part(ok: bool, reason: str) -> None:
    """Skip (or, under ALASKAKI_REQUIRE_ALL=1, fail) when a part the test needs is missing."""
    if ok:
        return
    if require_all():
        pytest.fail(f"ALASKAKI_REQUIRE_ALL=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_bin() -> Path | None:
    """``/usr/lib/postgresql/<newest>/bin``, or None without Debian's PostgreSQL server packages."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    return Path(found[-1]).parent if found else None
