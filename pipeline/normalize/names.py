"""Find glossary names in text by folded key (one Aho-Corasick automaton per language)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import ahocorasick

from ..glossary import Concept, Glossary
from .folding import FOLDERS, Folder

NAME_TYPES = frozenset(
    {"province", "city", "district", "commune", "border-gate", "river", "island", "site", "person", "country"}
)
ARABIC_PROCLITICS = re.compile(r"[وف]?(?:[بكل]|لل)?(?:ال)?")
ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]")


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


class NameMatcher:
    """Longest, non-overlapping, boundary-respecting matches of every known spelling of a concept."""

    def __init__(self, glossary: Glossary, lang: str):
        self.lang = lang
        self.folder: Folder = FOLDERS[lang]
        self._automaton = ahocorasick.Automaton()
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
        if known is None or (canonical and known[1] is False):
            self._automaton.add_word(key, (len(key), canonical, entry))

    def find(self, text: str) -> list[NameMatch]:
        """Every boundary-respecting match, overlapping ones included, in text order."""
        if self.empty:
            return []
        folded = self.folder.fold(text)
        hits = list(self._automaton.iter(folded))
        if not hits:
            return []
        dropped = self.folder.dropped_positions(text) if len(folded) != len(text) else None
        matches = []
        for last, (length, _, entry) in hits:
            if dropped is None:  # nothing dropped: folded positions are text positions
                start, end = last - length + 1, last + 1
            else:
                start = self.folder.original_index(last - length + 1, dropped)
                end = self._extend_over_dropped(text, self.folder.original_index(last, dropped) + 1)
            if self._at_boundaries(text, start, end) and text[start:end] not in self.not_names:
                matches.append(NameMatch(start, end, entry))
        matches.sort(key=lambda match: (match.start, -match.end))
        return matches

    def _extend_over_dropped(self, text: str, end: int) -> int:
        """Take marks written after the last letter (harakat, tatweel) into the match."""
        while end < len(text) and self.folder.is_dropped(text[end]) and not text[end].isspace():
            end += 1
        return end

    def _at_boundaries(self, text: str, start: int, end: int) -> bool:
        if self.lang == "lo":
            return True
        if self.lang == "ar":
            word_start = start
            while word_start > 0 and ARABIC_LETTER.match(text[word_start - 1]):
                word_start -= 1
            prefix = text[word_start:start]
            after_ok = end == len(text) or not ARABIC_LETTER.match(text[end])
            return after_ok and ARABIC_PROCLITICS.fullmatch(prefix) is not None
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
