"""Find glossary concepts in source text (one Aho-Corasick automaton over all Vietnamese forms)."""

from __future__ import annotations

import ahocorasick

from .glossary import NAME_TYPES, Concept, Glossary


def capitalized_like(surface: str, canonical: str) -> bool:
    """Every word capitalized in the canonical form is capitalized in the surface."""
    pairs = zip(surface.split(" "), canonical.split(" "), strict=False)
    return all(written[:1].isupper() for written, proper in pairs if proper[:1].isupper())


def _is_word_char(char: str) -> bool:
    return char.isalnum()


class TermFinder:
    """Longest, non-overlapping, whole-word matches of every non-forbidden concept's vi forms, in
    any case, except that a name's capitalized words must be capitalized."""

    def __init__(self, glossary: Glossary, include_forbidden: bool = False):
        self._automaton = ahocorasick.Automaton()
        for concept in glossary.concepts:
            if concept.status == "forbidden" and not include_forbidden:
                continue
            canonical = [concept.forms["vi"]] if "vi" in concept.forms else []
            for form in (*canonical, *concept.variants.get("vi", ())):
                key = form.lower()
                if key not in self._automaton:
                    self._automaton.add_word(key, (len(key), concept, form))
        self._automaton.make_automaton()
        self._empty = len(self._automaton) == 0

    def find(self, text: str) -> list[tuple[int, int, Concept]]:
        if self._empty:
            return []
        folded = text.lower()
        if len(folded) != len(text):
            folded = text
        matches = []
        for end_index, (length, concept, form) in self._automaton.iter_long(folded):
            start, end = end_index - length + 1, end_index + 1
            before = text[start - 1] if start > 0 else " "
            after = text[end] if end < len(text) else " "
            if _is_word_char(before) or _is_word_char(after):
                continue
            if concept.type in NAME_TYPES and not capitalized_like(text[start:end], form):
                continue  # a name written in lower case is a common word: hòa bình (peace), not Hòa Bình
            matches.append((start, end, concept))
        return matches
