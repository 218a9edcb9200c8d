"""The `unify` stage: every known variant of a name in the translations becomes the glossary's form,
Latin-script names in Arabic and Lao become it too (`[normalize] latin_names`), and names the
glossary lacks are written one way across the document."""

from __future__ import annotations

from typing import ClassVar

from ..document import Document
from ..edits import label
from ..normalize.consistency import DocumentNames
from ..normalize.engine import Normalizer
from .base import GlossaryOptions, NormalizeOptions, Stage


class OutputUnifier(Stage):
    name = "unify"
    config: ClassVar = {"normalize": NormalizeOptions, "glossary": GlossaryOptions}
    requires = ("translations",)

    def __call__(self, doc: Document) -> Document:
        glossary = self.context.glossary
        options: NormalizeOptions = self.context.sections.get("normalize", NormalizeOptions())
        source = Normalizer(glossary, doc.source_lang)
        vietnamese = [
            entity.vi
            for segment in doc.segments
            for entity in source(segment.source).entities
            if entity.source == "transliteration"
        ]
        for lang in doc.targets:
            normalizer = Normalizer(glossary, lang, entities=False, latin_names=options.latin_names)
            lines = [normalizer(segment.translations.get(lang, "")) for segment in doc.segments]
            DocumentNames(glossary, lang).unify(lines, vietnamese)
            for segment, line in zip(doc.segments, lines, strict=True):
                segment.edits += label(line.edits, self.name, f"hyp.{lang}")
                segment.translations[lang] = line.text
        return doc
