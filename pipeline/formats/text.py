"""Plain text: one segment per line, line count kept (an empty line stays empty); UTF-8 only."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..textio import decode_lines
from .base import ReadOptions, SourceText, Translation


@dataclass
class TextFile:
    texts: list[SourceText]
    notes: list[str]

    def render(self, translations: list[Translation], lang: str) -> bytes:
        return "".join(t.text + "\n" for t in translations).encode("utf-8")


def read_text(data: bytes, path: Path | str, options: ReadOptions) -> TextFile:
    """Lines of UTF-8 text; a BOM, CRLF line ends and stray NUL bytes are removed and said."""
    notes: list[str] = []
    lines = decode_lines(data, path, notes=notes, first_line=options.first_line)
    first = options.first_line
    return TextFile([SourceText(line, number) for number, line in enumerate(lines, start=first)], notes)
