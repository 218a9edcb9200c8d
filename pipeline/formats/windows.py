"""Line-aligned files (text, JSON Lines) read in windows of lines, so that a file of any length is
read and translated in constant memory. Each window is read by the format's own reader, its lines
numbered from where the window starts, and the windows' renderings, one after another, are the
file's. UTF-16 and UTF-32 files (whose line ends are not single bytes) are read whole."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..textio import wide_encoding

WINDOW_LINES = 2000
"""Lines per window: what one window's texts and translations hold in memory at a time."""
_HEAD = 8192


def raw_windows(path: Path, lines: int | None = None) -> Iterator[tuple[int, bytes]]:
    """(first line number, bytes) of each window of `lines` (WINDOW_LINES) lines of the file; an
    empty file is one empty window, and a UTF-16 or UTF-32 file one window of the whole file."""
    lines = lines or WINDOW_LINES
    with path.open("rb") as handle:
        if wide_encoding(handle.read(_HEAD)) is not None:
            yield 1, path.read_bytes()
            return
        handle.seek(0)
        first, window = 1, []
        for raw in handle:
            window.append(raw)
            if len(window) == lines:
                yield first, b"".join(window)
                first, window = first + lines, []
        if window or first == 1:
            yield first, b"".join(window)


_COUNT = re.compile(r"\d+")


def merged_notes(notes: list[str]) -> list[str]:
    """The notes of a file's windows as one file's: notes that differ only in their first number
    ("converted 3 CRLF line end(s) to LF") become one with the numbers added up."""
    totals: dict[str, int | None] = {}
    for note in notes:
        found = _COUNT.search(note)
        key = _COUNT.sub("{}", note, count=1) if found else note
        if found:
            totals[key] = (totals.get(key) or 0) + int(found.group())
        else:
            totals.setdefault(key, None)
    return [key if total is None else key.replace("{}", str(total), 1) for key, total in totals.items()]
