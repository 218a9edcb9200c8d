"""The `glossary` stage: which approved or proposed terms each source segment contains."""

from __future__ import annotations

from ..document import Document, TermMatch
from ..terminology.finder import TermFinder
from .base import Stage, StageContext


class GlossaryAnnotator(Stage):
    name = "glossary"
    assigns = ("terms",)
    follows = ("normalize",)

    def __init__(self, context: StageContext):
        super().__init__(context)
        self._finder = TermFinder(context.glossary)

    def __call__(self, doc: Document) -> Document:
        glossary = self.context.glossary
        doc.stats.glossary_path, doc.stats.glossary_hash = str(glossary.path), glossary.digest
        for segment in doc.segments:
            segment.terms = [
                TermMatch(concept.id, start, end, segment.source[start:end], dict(concept.forms))
                for start, end, concept in self._finder.find(segment.source)
            ]
        return doc
