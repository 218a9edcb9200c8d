"""Corpus-level string metrics: sacrebleu's BLEU, chrF++ and TER.

Lao is written without spaces between words, so Lao text is word-segmented with laonlp before
scoring and chrF++ is its primary metric; every result says how it was computed.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from ..languages import language


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
    return list(texts) if language(lang).word_segmented else [segment_lao(t) for t in texts]


def string_scores(lang: str, hypotheses: Sequence[str], references: Sequence[str]) -> dict[str, Any]:
    """BLEU, chrF++ and TER with their sacrebleu signatures."""
    hyps, refs = preprocess(lang, hypotheses), preprocess(lang, references)
    segmented_here = not language(lang).word_segmented
    result: dict[str, Any] = {
        "primary": "chrF++" if segmented_here else "BLEU",
        "preprocessing": "laonlp word segmentation" if segmented_here else "none",
    }
    for name, metric in _string_metrics(segmented_here).items():
        score = metric.corpus_score(hyps, [refs])
        result[name] = {"score": round(score.score, 2), "signature": str(metric.get_signature())}
    return result
