"""The `normalize` stage: whitespace, Unicode, tone style and gazetteer names of the source."""

from __future__ import annotations

from typing import ClassVar

from ..document import Document
from ..edits import apply_changes, edits_for, label
from ..normalize.engine import Normalizer
from ..normalize.unicode import whitespace_changes
from .base import GlossaryOptions, NormalizeOptions, Stage, StageContext


class SourceNormalizer(Stage):
    name = "normalize"
    config: ClassVar = {"normalize": NormalizeOptions, "glossary": GlossaryOptions}
    assigns = ("source",)

    def __init__(self, context: StageContext):
        super().__init__(context)
        self.options: NormalizeOptions = context.sections.get("normalize", NormalizeOptions())

    def __call__(self, doc: Document) -> Document:
        normalizer = Normalizer(
            self.context.glossary, doc.source_lang, self.options.tone_style, entities=False
        )
        for segment in doc.segments:
            if self.options.collapse_whitespace:
                changes = whitespace_changes(segment.source)
                segment.edits += label(edits_for(segment.source, changes, "whitespace"), self.name, "source")
                segment.source = apply_changes(segment.source, changes)
            line = normalizer(segment.source)
            segment.edits += label(line.edits, self.name, "source")
            segment.source = line.text
        return doc
