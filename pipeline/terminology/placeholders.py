"""Term protection: source terms become numbered placeholders that the model carries through,
and the approved target form is put back after translation."""

from __future__ import annotations

import re
from collections import Counter

PLACEHOLDERS = tuple(f"⟦{index}⟧" for index in range(10))
PLACEHOLDER = re.compile(r"⟦(\d+)⟧")
BRACKETS = re.compile(r"[⟦⟧]")


def protect(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each (non-overlapping, ordered) span replaced by the next placeholder."""
    pieces, cursor = [], 0
    for index, (start, end) in enumerate(spans[: len(PLACEHOLDERS)]):
        pieces += [text[cursor:start], PLACEHOLDERS[index]]
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def restore(output: str, forms: list[str]) -> str | None:
    """Placeholders replaced by the approved forms, in the order they were protected; None when
    the model dropped, repeated or mangled one (then the segment is translated unprotected)."""
    found = Counter(int(match.group(1)) for match in PLACEHOLDER.finditer(output))
    if found != Counter(range(len(forms))):
        return None
    restored = PLACEHOLDER.sub(lambda match: forms[int(match.group(1))], output)
    return None if BRACKETS.search(restored) else restored
