"""The `unify` stage: every known variant of a name in the translations becomes the glossary's form."""

from __future__ import annotations

from ..document import Document
from ..edits import label
from ..normalize.engine import Normalizer
from .base import Stage


class OutputUnifier(Stage):
    name = "unify"
    requires = ("translations",)

    def __call__(self, doc: Document) -> Document:
        for lang in doc.targets:
            normalizer = Normalizer(self.context.glossary, lang, entities=False)
            for segment in doc.segments:
                line = normalizer(segment.translations.get(lang, ""))
                segment.edits += label(line.edits, self.name, f"hyp.{lang}")
                segment.translations[lang] = line.text
        return doc
