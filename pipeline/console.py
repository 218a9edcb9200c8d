"""Progress and info lines on standard error: progress only on a terminal, both silenced by
`--quiet`; warnings and errors are never silenced."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TimeElapsedColumn

_quiet = False


def set_quiet(quiet: bool) -> None:
    """Silence (or not) progress and info lines for the rest of the process (`--quiet`)."""
    global _quiet
    _quiet = quiet


def progress() -> Progress:
    """A transient progress display on standard error, disabled off a terminal and by `--quiet`."""
    console = Console(stderr=True)
    columns = (SpinnerColumn(), *Progress.get_default_columns(), TimeElapsedColumn())
    return Progress(*columns, transient=True, console=console, disable=_quiet or not console.is_terminal)


def working(description: str):
    """A progress display with one task of unknown length, for a job that may take seconds."""
    display = progress()
    display.add_task(description, total=None)
    return display


def info(message: str) -> None:
    """An info line (what was written, how many), unless `--quiet`."""
    if not _quiet:
        print(message, file=sys.stderr)
