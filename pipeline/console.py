"""Progress and info lines on standard error: progress only on a terminal, both silenced by
`--quiet`; warnings and errors are never silenced."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TimeElapsedColumn

_quiet = False


def set_quiet(quiet: bool) -> None:
    """Silence (or not) progress and info lines for the rest of the process (`--quiet`)."""
    global _quiet
    _quiet = quiet


_shown: Progress | None = None
"""The progress display in use, which a display opened inside it joins (one live display at a time)."""


@contextmanager
def progress() -> Iterator[Progress]:
    """A transient progress display on standard error, disabled off a terminal and by `--quiet`.
    Opened inside another, it is that one, and the tasks added inside are removed at the end."""
    global _shown
    if _shown is not None:
        outer, before = _shown, set(_shown.task_ids)
        try:
            yield outer
        finally:
            for task in set(outer.task_ids) - before:
                outer.remove_task(task)
        return
    console = Console(stderr=True)
    columns = (SpinnerColumn(), *Progress.get_default_columns(), TimeElapsedColumn())
    _shown = Progress(*columns, transient=True, console=console, disable=_quiet or not console.is_terminal)
    try:
        with _shown:
            yield _shown
    finally:
        _shown = None


@contextmanager
def working(description: str) -> Iterator[Progress]:
    """A progress display with one task of unknown length, for a job that may take seconds."""
    with progress() as display:
        display.add_task(description, total=None)
        yield display


def info(message: str) -> None:
    """An info line (what was written, how many), unless `--quiet`."""
    if not _quiet:
        print(message, file=sys.stderr)
