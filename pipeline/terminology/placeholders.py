"""Term protection: source terms become numbered placeholders that the model carries through,
and the approved target form is put back after translation.

A placeholder is a digit between two rare brackets (`⟦0⟧`). Which brackets depends on the model:
the project's tiny model learned `⟦0⟧`…`⟦9⟧` as single vocabulary pieces, while NLLB's
vocabulary has no `⟦`; `choose_style` takes the first style whose placeholders the model's
vocabulary encodes without unknown pieces, or none (then terms are enforced after translation)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

SLOTS = 10
"""Placeholders per sentence; further terms in a sentence are left to enforcement."""


@dataclass(frozen=True)
class PlaceholderStyle:
    """Placeholders `{open}{digit}{close}`; brackets that news text does not use."""

    open: str
    close: str
    tokens: tuple[str, ...] = field(init=False)
    _pattern: re.Pattern = field(init=False, repr=False)
    _brackets: re.Pattern = field(init=False, repr=False)
    _stray: re.Pattern = field(init=False, repr=False)

    def __post_init__(self) -> None:
        o, c = re.escape(self.open), re.escape(self.close)
        set_ = object.__setattr__
        set_(self, "tokens", tuple(f"{self.open}{index}{self.close}" for index in range(SLOTS)))
        set_(self, "_pattern", re.compile(rf"{o}(\d+){c}"))
        set_(self, "_brackets", re.compile(rf"{o}|{c}"))
        set_(self, "_stray", re.compile(rf"\s*(?:{o}\d*(?:{c})?|{c})\s*"))

    def protect(self, text: str, spans: list[tuple[int, int]]) -> str:
        """`text` with each (non-overlapping, ordered) span replaced by the next placeholder."""
        pieces, cursor = [], 0
        for index, (start, end) in enumerate(spans[:SLOTS]):
            pieces += [text[cursor:start], self.tokens[index]]
            cursor = end
        pieces.append(text[cursor:])
        return "".join(pieces)

    def can_protect(self, text: str) -> bool:
        """Whether a sentence is free of this style's brackets (else its placeholders would be
        ambiguous, and it is left to enforcement)."""
        return not self._brackets.search(text)

    def count(self, protected: str) -> int:
        """How many placeholders a protected source holds."""
        return len(self._pattern.findall(protected))

    def carried(self, output: str, count: int) -> bool:
        """Whether the output holds placeholders 0..count-1 exactly once each, and no stray bracket."""
        found = Counter(int(match.group(1)) for match in self._pattern.finditer(output))
        return found == Counter(range(count)) and not self._brackets.search(self._pattern.sub("", output))

    def first_carrying(self, hypotheses: list[str], count: int) -> str:
        """The best hypothesis that carries every placeholder (constraint-aware n-best selection),
        or the best one when none does (then restoring fails and the sentence falls back)."""
        return next((h for h in hypotheses if self.carried(h, count)), hypotheses[0])

    def restoration_changes(self, output: str, forms: list[str]) -> list[tuple[int, int, str]] | None:
        """(start, end, approved form) for each placeholder in the output, which restore the terms
        protected in that order; None when the model dropped, repeated or mangled one (then the
        sentence is translated unprotected)."""
        if not self.carried(output, len(forms)):
            return None
        return [(m.start(), m.end(), forms[int(m.group(1))]) for m in self._pattern.finditer(output)]

    def stray_changes(self, output: str) -> list[tuple[int, int, str]]:
        """Changes that remove placeholders (with the spaces around them, leaving one between
        words) from a translation that should hold none: a model trained to carry placeholders
        can write one into an unprotected sentence."""
        return [
            (m.start(), m.end(), " " if 0 < m.start() and m.end() < len(output) and " " in m.group() else "")
            for m in self._stray.finditer(output)
        ]


STYLES = (PlaceholderStyle("⟦", "⟧"), PlaceholderStyle("【", "】"), PlaceholderStyle("《", "》"))
"""Tried in order: the tiny model's own symbols, then CJK brackets, which multilingual
vocabularies such as NLLB's hold as known pieces."""
DEFAULT_STYLE = STYLES[0]
PLACEHOLDERS = DEFAULT_STYLE.tokens


def choose_style(encodes: Callable[[str], bool]) -> PlaceholderStyle | None:
    """The first style all of whose placeholders `encodes` (the model's vocabulary holds every
    piece of them), or None when the model can carry none."""
    return next((style for style in STYLES if all(map(encodes, style.tokens))), None)
