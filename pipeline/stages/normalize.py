"""Source normalization: Unicode NFC and whitespace, each change recorded as an edit."""

from __future__ import annotations

import re
import unicodedata

from ..document import Document, Edit
from . import StageContext, register

_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_CLUSTER = re.compile(f".[{_COMBINING}]*", re.DOTALL)
_SPACES = re.compile(r"\s{2,}|^\s+|\s+$")


def nfc_edits(text: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) for every character cluster whose NFC form differs."""
    changes = []
    for match in _CLUSTER.finditer(text):
        composed = unicodedata.normalize("NFC", match.group())
        if composed != match.group():
            changes.append((match.start(), match.end(), composed))
    return changes


def whitespace_edits(text: str) -> list[tuple[int, int, str]]:
    """Runs of whitespace become one space; leading and trailing whitespace goes."""
    changes = []
    for match in _SPACES.finditer(text):
        at_edge = match.start() == 0 or match.end() == len(text)
        replacement = "" if at_edge else " "
        if match.group() != replacement:
            changes.append((match.start(), match.end(), replacement))
    return changes


def apply_changes(text: str, changes: list[tuple[int, int, str]]) -> str:
    """Apply non-overlapping (start, end, replacement) changes given in text order."""
    pieces, cursor = [], 0
    for start, end, replacement in changes:
        pieces += [text[cursor:start], replacement]
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


@register("normalize")
class SourceNormalizer:
    name = "normalize"

    def __init__(self, context: StageContext):
        self.collapse_whitespace = context.job.normalize.collapse_whitespace

    def __call__(self, doc: Document) -> Document:
        steps = [("unicode", nfc_edits)]
        if self.collapse_whitespace:
            steps.append(("whitespace", whitespace_edits))
        for segment in doc.segments:
            for reason, find in steps:
                changes = find(segment.source)
                segment.edits += [
                    Edit(self.name, "source", start, end, segment.source[start:end], after, reason)
                    for start, end, after in changes
                ]
                segment.source = apply_changes(segment.source, changes)
        return doc
