"""The kit's one exception type and its exit codes.

Every message is written for a trainer in Bahasa Indonesia and names the row, file, module or
participant concerned. ``cli.main`` prints it without a traceback.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_ERROR = 1  # generic failure
EXIT_USAGE = 2  # wrong command line (argparse uses 2 as well)
EXIT_INPUT = 3  # bad input file: roster, submission, zip
EXIT_NOT_FOUND = 4  # unknown module, participant or workshop folder
EXIT_CONFLICT = 5  # would overwrite or lose something


class AlaskakiError(Exception):
    """An error a trainer can act on; ``str(err)`` is the Indonesian message."""

    def __init__(
        self, message: str, *, exit_code: int = EXIT_ERROR, details: list[str] | None = None
    ):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.details = list(details or [])

    def __str__(self) -> str:
        if not self.details:
            return self.message
        return self.message + "\n" + "\n".join(f"  - {d}" for d in self.details)
