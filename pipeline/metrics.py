"""Corpus-level quality metrics: sacrebleu's BLEU, chrF++ and TER, and glossary term accuracy.

Lao is written without spaces between words, so Lao text is word-segmented with laonlp before
scoring and chrF++ is its primary metric; every result says how it was computed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import Any

from .document import Segment

UNSEGMENTED_LANGUAGES = {"lo"}


@cache
def _string_metrics(pre_segmented: bool):
    """sacrebleu metrics; text that mtpipe segmented itself is not tokenized again."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    bleu = BLEU(tokenize="none", force=True) if pre_segmented else BLEU()
    return {"BLEU": bleu, "chrF++": CHRF(word_order=2), "TER": TER()}


def segment_lao(text: str) -> str:
    """Lao words separated by single spaces (laonlp's dictionary-based segmenter)."""
    from laonlp.tokenize import word_tokenize

    return " ".join(token for token in word_tokenize(text) if token.strip())


def preprocess(lang: str, texts: Sequence[str]) -> list[str]:
    return [segment_lao(t) for t in texts] if lang in UNSEGMENTED_LANGUAGES else list(texts)


def string_scores(lang: str, hypotheses: Sequence[str], references: Sequence[str]) -> dict[str, Any]:
    """BLEU, chrF++ and TER with their sacrebleu signatures."""
    hyps, refs = preprocess(lang, hypotheses), preprocess(lang, references)
    result: dict[str, Any] = {
        "primary": "chrF++" if lang in UNSEGMENTED_LANGUAGES else "BLEU",
        "preprocessing": "laonlp word segmentation" if lang in UNSEGMENTED_LANGUAGES else "none",
    }
    for name, metric in _string_metrics(lang in UNSEGMENTED_LANGUAGES).items():
        score = metric.corpus_score(hyps, [refs])
        result[name] = {"score": round(score.score, 2), "signature": str(metric.get_signature())}
    return result


def term_accuracy(lang: str, segments: Sequence[Segment], outputs: Sequence[str]) -> dict[str, Any]:
    """Share of source term occurrences whose required target form appears in the output
    (the exact-match measure of the WMT terminology task), overall and per concept."""
    hits, totals = Counter(), Counter()
    for segment, text in zip(segments, outputs, strict=True):
        output = text.casefold()
        for term in segment.terms:
            required = term.targets.get(lang)
            if not required:
                continue
            totals[term.concept_id] += 1
            hits[term.concept_id] += required.casefold() in output
    total = sum(totals.values())
    return {
        "score": round(100 * sum(hits.values()) / total, 2) if total else None,
        "hits": sum(hits.values()),
        "total": total,
        "per_concept": {cid: {"hits": hits[cid], "total": totals[cid]} for cid in sorted(totals)},
    }
