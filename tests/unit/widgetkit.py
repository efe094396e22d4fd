"""Helpers shared by the widget tests (tests/unit/widgets/test_*.py)."""

from __future__ import annotations

import base64


def png(output) -> bytes:
    """The one chart an ``Output`` widget shows, as PNG bytes (to tell a redraw by its content)."""
    (item,) = output.outputs
    data = base64.b64decode(item["data"]["image/png"])
    assert data.startswith(b"\x89PNG")
    return data
