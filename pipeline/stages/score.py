"""The `score` stage: string metrics against the references with their intervals and signatures,
each segment's chrF++, and term accuracy of the model's raw output (`mt`) beside the final output
(after the glossary strategy), so the strategy's effect on quality and terms is seen together."""

from __future__ import annotations

from ..document import Document
from ..evaluation.metrics import corpus_scores, describe, segment_scores, test_set_hash
from ..evaluation.terms import term_accuracy, term_consistency
from ..terminology.names import NameMatcher
from .base import Stage


class Score(Stage):
    name = "score"
    requires = ("translations",)
    assigns = ("scores",)

    def __call__(self, doc: Document) -> Document:
        strategy = self.context.glossary_options.strategy
        for lang in doc.targets:
            hypotheses = [s.translations.get(lang, "") for s in doc.segments]
            raw = [s.mt.get(lang, "") for s in doc.segments]
            required = [s.required_terms(lang) for s in doc.segments]
            result = {"lines": len(hypotheses), "model": doc.stats.model_id}
            if lang in doc.references and doc.segments:
                references = doc.references[lang]
                scores = corpus_scores(lang, hypotheses, references)
                result |= describe(lang) | {"test_set": test_set_hash(lang, references)}
                result |= {name: score.to_json() for name, score in scores.items()}
                per_segment = segment_scores("chrF++", lang, scores["chrF++"].stats)
                for segment, value in zip(doc.segments, per_segment, strict=True):
                    segment.scores[lang] = value
                result["chrF++_mt"] = corpus_scores(lang, raw, references, ["chrF++"], n_bootstrap=1)[
                    "chrF++"
                ].to_json()
            result["term_accuracy"] = {"strategy": strategy, **term_accuracy(hypotheses, required)}
            result["term_accuracy_mt"] = term_accuracy(raw, required)
            result["term_consistency"] = term_consistency(self._renderings(lang, hypotheses, required))
            doc.scores[lang] = result
        return doc

    def _renderings(self, lang: str, outputs: list[str], required: list[list[tuple[str, str]]]):
        """Per line, each term's spelling in the output: its approved form or a known variant."""
        matcher = NameMatcher(self.context.glossary, lang)
        lines = []
        for output, terms in zip(outputs, required, strict=True):
            found = {
                match.entry.concept.id: output[match.start : match.end] for match in matcher.find(output)
            }
            lines.append([(concept_id, found.get(concept_id)) for concept_id, _ in terms])
        return lines
