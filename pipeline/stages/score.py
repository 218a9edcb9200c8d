"""Score every target language that has references."""

from __future__ import annotations

from ..document import Document
from ..metrics import string_scores, term_accuracy
from . import StageContext, register


class Score:
    """String metrics against the references, and term accuracy of the model's raw output (`mt`)
    and of the final output (after the glossary strategy)."""

    name = "score"

    def __init__(self, strategy: str):
        self.strategy = strategy

    def __call__(self, doc: Document) -> Document:
        for lang in doc.targets:
            hypotheses = [s.translations.get(lang, "") for s in doc.segments]
            result = {"lines": len(hypotheses)}
            if lang in doc.references:
                result |= string_scores(lang, hypotheses, doc.references[lang])
            raw = [s.mt.get(lang, "") for s in doc.segments]
            result["term_accuracy"] = {
                "strategy": self.strategy,
                **term_accuracy(lang, doc.segments, hypotheses),
            }
            result["term_accuracy_mt"] = term_accuracy(lang, doc.segments, raw)
            doc.scores[lang] = result
        return doc


@register("score")
def make_score(context: StageContext) -> Score:
    return Score(context.job.glossary.strategy)
