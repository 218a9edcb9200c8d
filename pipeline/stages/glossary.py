"""Find glossary concepts in the source (one Aho-Corasick automaton over all Vietnamese forms)."""

from __future__ import annotations

import ahocorasick

from ..document import Document, TermMatch
from ..glossary import NAME_TYPES, Concept, Glossary
from ..normalize.engine import capitalized_like
from . import StageContext, register


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


@register("glossary")
class GlossaryAnnotator:
    """Records which approved or proposed terms each source segment contains."""

    name = "glossary"

    def __init__(self, context: StageContext):
        self.glossary = context.glossary
        self._finder = TermFinder(self.glossary)

    def __call__(self, doc: Document) -> Document:
        doc.stats["glossary"] = {"path": str(self.glossary.path), "hash": self.glossary.digest}
        for segment in doc.segments:
            segment.terms = [
                TermMatch(concept.id, start, end, segment.source[start:end], dict(concept.forms))
                for start, end, concept in self._finder.find(segment.source)
            ]
        return doc
