"""User-facing errors: each says what is wrong and where, and the CLI prints it without a traceback."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import ValidationError


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


OS_ADVICE = {
    errno.ENOSPC: "free disk space or write elsewhere",
    errno.EDQUOT: "free disk space or write elsewhere",
    errno.EROFS: "choose a writable location",
    errno.EACCES: "choose a location you may write to, or change its permissions",
    errno.EPERM: "choose a location you may write to, or change its permissions",
    errno.ENOTDIR: "a part of the path is a file: choose another path",
    errno.EEXIST: "it exists already: choose another path or remove it",
    errno.EISDIR: "it is a directory: choose another path",
}


def describe_os_error(err: OSError) -> str:
    """An operating-system error as one line: the path, what went wrong and what to do."""
    where = f"{err.filename}: " if err.filename is not None else ""
    advice = OS_ADVICE.get(err.errno, "check the path and try again")
    return f"{where}{err.strerror or err}: {advice}"


def describe_validation_error(err: ValidationError, prefix: str = "") -> str:
    """A pydantic error as one line per problem, each naming the offending key (after `prefix`)."""
    problems = []
    for item in err.errors():
        key = prefix + ".".join(str(part) for part in item["loc"])
        message = "unknown key" if item["type"] == "extra_forbidden" else item["msg"]
        problems.append(f"{key}: {message}")
    return "; ".join(problems)
