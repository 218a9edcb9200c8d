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


def carries_placeholders(output: str, count: int) -> bool:
    """Whether the output holds placeholders 0..count-1 exactly once each, and no stray bracket."""
    found = Counter(int(match.group(1)) for match in PLACEHOLDER.finditer(output))
    return found == Counter(range(count)) and not BRACKETS.search(PLACEHOLDER.sub("", output))


def placeholder_count(protected: str) -> int:
    """How many placeholders a protected source holds."""
    return len(PLACEHOLDER.findall(protected))


def first_carrying(hypotheses: list[str], count: int) -> str:
    """The best hypothesis that carries every placeholder (constraint-aware n-best selection),
    or the best one when none does (then restoring fails and the sentence falls back)."""
    return next(
        (hypothesis for hypothesis in hypotheses if carries_placeholders(hypothesis, count)), hypotheses[0]
    )


def restoration_changes(output: str, forms: list[str]) -> list[tuple[int, int, str]] | None:
    """(start, end, approved form) for each placeholder in the output, which restore the terms
    protected in that order; None when the model dropped, repeated or mangled one (then the
    sentence is translated unprotected)."""
    if not carries_placeholders(output, len(forms)):
        return None
    return [
        (match.start(), match.end(), forms[int(match.group(1))]) for match in PLACEHOLDER.finditer(output)
    ]


STRAY = re.compile(r"\s*(?:⟦\d*⟧?|⟧)\s*")


def stray_placeholder_changes(output: str) -> list[tuple[int, int, str]]:
    """Changes that remove placeholders (with the spaces around them, leaving one between words)
    from a translation that should hold none: a model trained to carry placeholders can write one
    into an unprotected sentence."""
    return [
        (m.start(), m.end(), " " if 0 < m.start() and m.end() < len(output) and " " in m.group() else "")
        for m in STRAY.finditer(output)
    ]
