"""Apply the glossary to the translations: enforce approved forms of the source's terms."""

from __future__ import annotations

from ..document import Document
from ..terminology.enforce import EnforceOptions, TermEnforcer
from . import StageContext, register


@register("terms")
class EnforceTerms:
    """With strategy `enforce` or `protect` (after its placeholders), wrong renderings of source
    terms become the approved forms; every replacement is an edit."""

    name = "terms"

    def __init__(self, context: StageContext):
        options = context.job.glossary
        self.active = options.strategy in ("enforce", "protect")
        self._glossary = context.glossary if self.active else None
        self._options = EnforceOptions(fuzzy_threshold=options.fuzzy_threshold)

    def __call__(self, doc: Document) -> Document:
        if not self.active:
            return doc
        for lang in doc.targets:
            enforcer = TermEnforcer(self._glossary, lang, self._options)
            for segment in doc.segments:
                text, edits = enforcer(segment.translations.get(lang, ""), segment.terms, f"hyp.{lang}")
                segment.translations[lang] = text
                segment.edits += edits
                doc.count("term_replacements", len(edits))
        return doc
