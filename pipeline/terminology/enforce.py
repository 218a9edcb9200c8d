"""Enforce approved target terms in MT output: a wrong rendering of a source term is replaced.

For every glossary term found in the source, the approved target form must appear in the output.
Where it does not, a wrong rendering of it is looked for and replaced: first a known variant
(folded matching, as normalization does: ج/غ, spacing, case...), then a near match found with
rapidfuzz. Arabic proclitics stay attached; Lao is matched without word boundaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..edits import TextEdit, apply_changes, edits_for
from .glossary import Glossary
from .names import ARABIC_PROCLITICS, NameMatcher

WORD_CHAR = re.compile(r"\w")


@dataclass(frozen=True)
class EnforceOptions:
    fuzzy_threshold: float = 80.0
    fuzzy_min_length: int = 5


class TermEnforcer:
    """Replaces wrong renderings of the source's terms in one target language."""

    def __init__(self, glossary: Glossary, lang: str, options: EnforceOptions = EnforceOptions()):
        self.lang = lang
        self.options = options
        self._matcher = NameMatcher(glossary, lang)

    def __call__(self, output: str, required_terms: list[tuple[str, str]]) -> tuple[str, list[TextEdit]]:
        """The output with wrong renderings of the required (concept id, approved form) terms
        replaced, and the edits that did it."""
        required = dict(required_terms)
        missing = {cid: form for cid, form in required.items() if form.casefold() not in output.casefold()}
        if not missing:
            return output, []
        edits: list[TextEdit] = []
        for reason, find in (("term-variant", self._variant_changes), ("term-fuzzy", self._fuzzy_changes)):
            changes = find(output, missing)
            edits += edits_for(output, changes, reason)
            output = apply_changes(output, changes)
            missing = {cid: form for cid, form in missing.items() if form.casefold() not in output.casefold()}
            if not missing:
                break
        return output, edits

    def _variant_changes(self, output: str, missing: dict[str, str]) -> list[tuple[int, int, str]]:
        """Known spellings of a missing concept (its listed variants, folded) become its approved form."""
        changes, end = [], -1
        for match in self._matcher.find(output):
            concept_id = match.entry.concept.id
            if concept_id in missing and match.start >= end:
                changes.append((match.start, match.end, missing[concept_id]))
                end = match.end
        return changes

    def _fuzzy_changes(self, output: str, missing: dict[str, str]) -> list[tuple[int, int, str]]:
        """The closest stretch of the output to each missing form, when it is close enough."""
        changes: list[tuple[int, int, str]] = []
        for form in missing.values():
            if len(form) < self.options.fuzzy_min_length:
                continue
            found = fuzz.partial_ratio_alignment(form, output, score_cutoff=self.options.fuzzy_threshold)
            if found is None:
                continue
            start, end = self._word_span(output, found.dest_start, found.dest_end, form)
            if all(end <= s or e <= start for s, e, _ in changes):
                changes.append((start, end, form))
        return sorted(changes)

    def _word_span(self, text: str, start: int, end: int, form: str) -> tuple[int, int]:
        """The whole-word span around a fuzzy alignment that is most like `form` (Lao, written
        without spaces, keeps the alignment), leaving out an Arabic proclitic (و ف ب ك ل ال) that
        the approved form does not begin with."""
        if self.lang == "lo":
            return start, end
        while start < end and _outside(text[start], form[0]):
            start += 1
        while end > start and _outside(text[end - 1], form[-1]):
            end -= 1
        starts = {_word_start(text, start), _word_end(text, start)}
        ends = {_word_start(text, end), _word_end(text, end)}
        start, end = max(
            ((s, e) for s in starts for e in ends if s < e),
            key=lambda span: fuzz.ratio(text[span[0] : span[1]], form),
            default=(start, end),
        )
        if self.lang == "ar":
            for split in range(start + 1, min(start + 5, end)):
                if ARABIC_PROCLITICS.fullmatch(text, start, split) and text.startswith(form[:2], split):
                    return split, end
        return start, end


def _outside(char: str, form_edge: str) -> bool:
    """Whether a character at the edge of an alignment is no part of the term: a space, or
    punctuation where the approved form has a letter at that edge."""
    return char.isspace() or (not WORD_CHAR.match(char) and WORD_CHAR.match(form_edge) is not None)


def _word_start(text: str, index: int) -> int:
    while index > 0 and WORD_CHAR.match(text[index - 1]):
        index -= 1
    return index


def _word_end(text: str, index: int) -> int:
    while index < len(text) and WORD_CHAR.match(text[index]):
        index += 1
    return index
