"""Protected spans in a string (format placeholders, subtitle tags): only the text between them is
translated, each piece on its own, and the spans are put back in their places, in order, as they
were (the string counterpart of the inline elements of XLIFF and HTML, see `inline`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .base import SourceText


@dataclass(frozen=True)
class Protected:
    """A string cut around the matches of a pattern: text, span, text, span, …, text."""

    parts: list[str]

    @classmethod
    def cut(cls, text: str, spans: re.Pattern[str]) -> Protected:
        parts, start = [], 0
        for match in spans.finditer(text):
            parts += [text[start : match.start()], match.group()]
            start = match.end()
        return cls([*parts, text[start:]])

    def texts(self, line: int) -> list[SourceText]:
        """The pieces to translate: those between spans that are not blank."""
        return [SourceText(piece, line) for piece in self.parts[0::2] if piece.strip()]

    def joined(self, translations: Iterator[str]) -> str:
        """The string with each of its `texts()` replaced by the next translation."""
        return "".join(
            next(translations) if index % 2 == 0 and part.strip() else part
            for index, part in enumerate(self.parts)
        )
