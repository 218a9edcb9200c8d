"""The `score` stage: string metrics against the references, and term accuracy of the model's raw
output (`mt`) and of the final output (after the glossary strategy)."""

from __future__ import annotations

from ..document import Document
from ..evaluation.metrics import string_scores
from ..evaluation.terms import term_accuracy
from .base import Stage


class Score(Stage):
    name = "score"
    requires = ("translations",)
    assigns = ("scores",)

    def __call__(self, doc: Document) -> Document:
        strategy = self.context.glossary_options.strategy
        for lang in doc.targets:
            hypotheses = [s.translations.get(lang, "") for s in doc.segments]
            required = [s.required_terms(lang) for s in doc.segments]
            result = {"lines": len(hypotheses)}
            if lang in doc.references:
                result |= string_scores(lang, hypotheses, doc.references[lang])
            raw = [s.mt.get(lang, "") for s in doc.segments]
            result["term_accuracy"] = {"strategy": strategy, **term_accuracy(hypotheses, required)}
            result["term_accuracy_mt"] = term_accuracy(raw, required)
            doc.scores[lang] = result
        return doc
