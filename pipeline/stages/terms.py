"""The `terms` stage: with strategy `enforce` or `protect` (after its placeholders), wrong
renderings of source terms in the translations become the approved forms."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel

from ..document import Document
from ..edits import label
from ..terminology.enforce import EnforceOptions, TermEnforcer
from .base import GlossaryOptions, Stage, StageContext

ENFORCING = ("enforce", "protect")


class EnforceTerms(Stage):
    name = "terms"

    @classmethod
    def requirements(cls, sections: Mapping[str, BaseModel]) -> tuple[str, ...]:
        enforcing = sections.get("glossary", GlossaryOptions()).strategy in ENFORCING
        return ("translations", "terms") if enforcing else ("translations",)

    def __init__(self, context: StageContext):
        super().__init__(context)
        options = context.glossary_options
        self.active = options.strategy in ENFORCING
        self._options = EnforceOptions(fuzzy_threshold=options.fuzzy_threshold)

    def __call__(self, doc: Document) -> Document:
        if not self.active:
            return doc
        for lang in doc.targets:
            enforcer = TermEnforcer(self.context.glossary, lang, self._options)
            for segment in doc.segments:
                text, edits = enforcer(segment.translations.get(lang, ""), segment.required_terms(lang))
                segment.translations[lang] = text
                segment.edits += label(edits, self.name, f"hyp.{lang}")
                doc.stats.term_replacements += len(edits)
        return doc
