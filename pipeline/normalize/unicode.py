"""Unicode normalization with a change per altered character cluster."""

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
