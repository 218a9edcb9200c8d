"""Score every target language that has references."""

from __future__ import annotations

from ..document import Document
from ..metrics import string_scores, term_accuracy
from . import StageContext, register


class Score:
    name = "score"

    def __call__(self, doc: Document) -> Document:
        for lang in doc.targets:
            hypotheses = [s.translations.get(lang, "") for s in doc.segments]
            result = {"lines": len(hypotheses)}
            if lang in doc.references:
                result |= string_scores(lang, hypotheses, doc.references[lang])
            result["term_accuracy"] = term_accuracy(lang, doc.segments)
            doc.scores[lang] = result
        return doc


@register("score")
def make_score(context: StageContext) -> Score:
    return Score()
