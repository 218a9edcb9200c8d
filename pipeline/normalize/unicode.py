"""Unicode and whitespace normalization, as changes (one per altered character cluster or run)."""

from __future__ import annotations

import re
import unicodedata

# NFC never changes ASCII, and combines or reorders only within a run of non-ASCII characters
# and the one character before it.
_RUN = re.compile(r"[\x00-\x7f]?[^\x00-\x7f]+")


def nfc_changes(text: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) for every non-ASCII run whose NFC form differs."""
    if unicodedata.is_normalized("NFC", text):
        return []
    changes = []
    for match in _RUN.finditer(text):
        composed = unicodedata.normalize("NFC", match.group())
        if composed != match.group():
            changes.append((match.start(), match.end(), composed))
    return changes


_SPACES = re.compile(r"\s{2,}|^\s+|\s+$")


def whitespace_changes(text: str) -> list[tuple[int, int, str]]:
    """Runs of whitespace become one space; leading and trailing whitespace goes."""
    changes = []
    for match in _SPACES.finditer(text):
        at_edge = match.start() == 0 or match.end() == len(text)
        replacement = "" if at_edge else " "
        if match.group() != replacement:
            changes.append((match.start(), match.end(), replacement))
    return changes
