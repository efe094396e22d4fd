"""Integration-test helpers shared by the hub, PostgreSQL and browser tests.

The ``require_part`` fixture, called as ``require_part(ok, reason)``: skip with ``reason`` when a part (npm proxy, PostgreSQL binaries,
root for useradd, a browser) is missing, except when ALASKAKI_REQUIRE_ALL=1 (set by .ci/run):
then the test fails, so CI never passes by skipping.
"""

from __future__ import annotations

import os

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


@pytest.fixture(scope="session")
def require_part():
    """``require_part(ok, reason)``: see the module docstring."""
    return check_part
