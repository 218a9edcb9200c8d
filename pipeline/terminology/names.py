"""Find glossary names in text by folded key (one Aho-Corasick automaton per language)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import ahocorasick

from ..words import ARABIC_LETTERS, ARABIC_PROCLITICS
from .folding import FOLDERS, Folder
from .glossary import NAME_TYPES, Concept, Glossary


@dataclass(frozen=True)
class NameEntry:
    """One concept's canonical form in one language."""

    concept: Concept
    form: str

    @property
    def is_name(self) -> bool:
        return self.concept.type in NAME_TYPES


@dataclass(slots=True, eq=False)
class NameMatch:
    start: int
    end: int
    entry: NameEntry
    folds_as_form: bool
    """Whether the spelling found folds like the canonical form, so replacing it keeps the folded
    text (and the matcher's view of the line) unchanged."""


class NameMatcher:
    """Longest, non-overlapping, boundary-respecting matches of every known spelling of a concept."""

    def __init__(self, glossary: Glossary, lang: str):
        self.lang = lang
        self.folder: Folder = FOLDERS[lang]
        self._automaton = ahocorasick.Automaton()
        self._ambiguous: set[str] = set()
        for concept in glossary.concepts:
            form = concept.forms.get(lang)
            if not form or concept.status == "forbidden":
                continue
            entry = NameEntry(concept, form)
            for spelling in (form, *concept.variants.get(lang, ())):
                self._add(spelling, entry, canonical=spelling == form)
        self.not_names = glossary.not_names.get(lang, frozenset())
        self.empty = len(self._automaton) == 0
        if not self.empty:
            self._automaton.make_automaton()

    def _add(self, spelling: str, entry: NameEntry, canonical: bool) -> None:
        key = self.folder.fold(spelling)
        if not key:
            return
        known = self._automaton.get(key, None)
        if known is not None and known[2].concept.id != entry.concept.id:
            self._ambiguous.add(key)
        if known is None or (canonical and known[1] is False):
            folds_as_form = key == self.folder.fold(entry.form)
            self._automaton.add_word(key, (len(key), canonical, entry, folds_as_form))

    def find(self, text: str) -> list[NameMatch]:
        """Every boundary-respecting match, overlapping ones included, in text order."""
        if self.empty:
            return []
        folded = self.folder.fold(text)
        hits = list(self._automaton.iter(folded))
        if not hits:
            return []
        gaps = self.folder.gaps(text, folded) if len(folded) != len(text) else None
        end_in_text = self.folder.end_in_text
        at_boundaries, not_names = self._at_boundaries, self.not_names
        matches = []
        for last, (length, _, entry, folds_as_form) in hits:
            start, end = last - length + 1, last + 1
            if gaps is not None:  # map folded positions back to the text (Folder.gaps)
                start += bisect_right(gaps, start)
                end = end_in_text(text, end + bisect_right(gaps, last))
            if at_boundaries(text, start, end) and text[start:end] not in not_names:
                matches.append(NameMatch(start, end, entry, folds_as_form))
        matches.sort(key=lambda match: (match.start, -match.end))
        return matches

    def ambiguous(self, spelling: str) -> bool:
        """Whether this spelling is a spelling of more than one concept."""
        return self.folder.fold(spelling) in self._ambiguous

    def spellings(self, text: str) -> list[tuple[str, str]]:
        """(canonical form, spelling as written) of each name in the text, leftmost-longest."""
        matches = leftmost_longest([match for match in self.find(text) if match.entry.is_name])
        return [(match.entry.form, text[match.start : match.end]) for match in matches]

    def _at_boundaries(self, text: str, start: int, end: int) -> bool:
        if self.lang == "lo":
            return True
        if self.lang == "ar":
            word_start = start
            while word_start > 0 and text[word_start - 1] in ARABIC_LETTERS:
                word_start -= 1
            after_ok = end == len(text) or text[end] not in ARABIC_LETTERS
            if not after_ok or word_start == start:
                return after_ok
            return ARABIC_PROCLITICS.fullmatch(text, word_start, start) is not None
        before_ok = start == 0 or not text[start - 1].isalnum()
        after_ok = end == len(text) or not text[end].isalnum()
        return before_ok and after_ok


def leftmost_longest(matches: list[NameMatch]) -> list[NameMatch]:
    """Non-overlapping matches: scanning left to right, the longest one starting at each point."""
    chosen: list[NameMatch] = []
    for match in sorted(matches, key=lambda m: (m.start, -m.end)):
        if not chosen or match.start >= chosen[-1].end:
            chosen.append(match)
    return chosen
