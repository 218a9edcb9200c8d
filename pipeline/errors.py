"""User-facing errors: each says what is wrong and where, and the CLI prints it without a traceback."""

from __future__ import annotations

from pathlib import Path


class MtpipeError(Exception):
    """An error caused by the user's input or environment, shown as one clear message."""


class InputError(MtpipeError):
    """Bad input data, located by file and (where known) line."""

    def __init__(self, problem: str, path: Path | str | None = None, line: int | None = None):
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(f"{where}{problem}")
        self.path = path
        self.line = line
        self.problem = problem


class ModelUnavailableError(MtpipeError):
    """No usable model weights are reachable (offline and not cached)."""
