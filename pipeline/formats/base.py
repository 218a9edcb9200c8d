"""What every file format gives the pipeline: the texts to translate, each with its line, and a way
to write the file again with their translations. Texts are translated line by line, each line
without its surrounding spaces, which are put back around its translation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..edits import Edit
from ..errors import InputError
from ..textio import NUL_SHARE, wide_encoding

_EDGES = re.compile(r"^(\s*)(.*?)(\s*)$", re.DOTALL)


@dataclass(frozen=True)
class SourceText:
    """One translatable text of a file (a line, a JSON `text`, the text between two inline tags)."""

    text: str
    line: int
    """Where the text starts in the file (1-based), for the report."""

    def words(self) -> list[str]:
        """What the model is given: each line of the text that has a letter, stripped (a line of
        punctuation or digits alone, such as the "." after an inline tag, is kept as it is)."""
        return [core for _, core, _ in self._pieces() if _has_letter(core)]

    def translated(self, translations: Iterator[str]) -> str:
        """The text with each of its `words()` replaced by the next translation, spaces and line
        breaks kept."""
        return "\n".join(
            lead + (next(translations) if _has_letter(core) else core) + trail
            for lead, core, trail in self._pieces()
        )

    def _pieces(self) -> list[tuple[str, str, str]]:
        return [_EDGES.fullmatch(line).groups() for line in self.text.split("\n")]


def _has_letter(text: str) -> bool:
    return any(char.isalpha() for char in text)


@dataclass(frozen=True)
class Translation:
    """A text's translation into one language, and the edits the stages made to it."""

    text: str
    edits: list[Edit] = field(default_factory=list)


@dataclass(frozen=True)
class ReadOptions:
    """What readers need to know beyond the bytes."""

    source_lang: str
    overwrite: bool = False
    """Translate units that already have a translation too (XLIFF, PO)."""
    first_line: int = 1
    """The number of the data's first line, where it is a window of a longer file."""


class ReadFile(Protocol):
    """A file as read: its texts in order, what reading changed (said to the user), and its writer."""

    texts: list[SourceText]
    notes: list[str]

    def render(self, translations: list[Translation], lang: str) -> bytes:
        """The file in `lang`: one translation per text, in the order of `texts`."""
        ...


_SIGNATURES = (
    (b"PK\x03\x04", "a ZIP archive (a DOCX, XLSX or ODT document, for example)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"%PDF-", "a PDF document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE2 document (DOC, XLS or PPT)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
)


def refuse_binary(data: bytes, path: Path | str, expected: str) -> None:
    """Refuse a file that is not `expected` text but something else (so it is never decoded as a
    legacy encoding), naming what it looks like; UTF-16 and UTF-32 text is not refused."""
    kind = next((name for magic, name in _SIGNATURES if data.startswith(magic)), None)
    head = data[:8192]
    if kind is None and head.count(0) > NUL_SHARE * len(head) and wide_encoding(data) is None:
        kind = "binary data (NUL bytes, and not UTF-16 or UTF-32 text)"
    if kind:
        raise InputError(f"refused: this is {kind}, not {expected}", path)
