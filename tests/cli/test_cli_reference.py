"""docs/cli.md is the parser's own help; regenerate with UPDATE_GOLDENS=1 when a command changes."""

import os

from alaskaki import paths
from alaskaki.cli import reference

GOLDEN = paths.KIT_ROOT / "docs" / "cli.md"


def test_cli_reference_matches_the_parser(monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")  # argparse wraps help to the terminal width
    text = reference()
    if os.environ.get("UPDATE_GOLDENS") == "1":
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.read_text(encoding="utf-8") == text, (
        "run: UPDATE_GOLDENS=1 pytest tests/cli/test_cli_reference.py"
    )
    assert "## `alaskaki roster import`" in text and "usage:" not in text
