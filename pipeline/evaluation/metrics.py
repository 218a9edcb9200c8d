"""Corpus-level string metrics from sacrebleu (BLEU, chrF++, TER), with 95% bootstrap confidence
intervals, each metric's signature, and the per-segment statistics the paired tests resample.

Lao is written without spaces between words, so Lao text is word-segmented with laonlp before
scoring and chrF++ is its primary metric; every result says how it was computed. Invisible format
characters are removed from hypotheses and references alike before scoring (visually identical text
scores the same), and every signature says so.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..errors import MtpipeError
from ..languages import language

METRICS = {"bleu": "BLEU", "chrf": "chrF++", "ter": "TER"}
"""Command-line name → the name sacrebleu reports."""
LOWER_IS_BETTER = frozenset({"TER"})
N_BOOTSTRAP = 1000
SEED = 12345
"""sacrebleu's own defaults for bootstrap resampling."""
INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
"""Format characters that change no letter: soft hyphen, Arabic letter mark, zero-width space, ZWNJ,
ZWJ, LRM, RLM, bidirectional embeddings, overrides and isolates, word joiner, BOM."""
INVISIBLE_SIGNATURE = "|invisible:removed"
"""Appended to sacrebleu's signature: what mtpipe did to the text before sacrebleu saw it."""


def make_metric(name: str, lang: str):
    """A fresh sacrebleu metric (they keep state); text mtpipe segmented itself is not re-tokenized."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    if name == "BLEU":
        return BLEU(tokenize="none", force=True) if segmented_by_mtpipe(lang) else BLEU()
    if name == "chrF++":
        return CHRF(word_order=2)
    if name == "TER":
        return TER()
    raise MtpipeError(f"unknown metric {name!r} (known: {', '.join(METRICS)})")


def parse_metrics(value: str) -> list[str]:
    """'bleu,chrf' → ['BLEU', 'chrF++']."""
    names = [item.strip().lower() for item in value.split(",") if item.strip()]
    unknown = [name for name in names if name not in METRICS]
    if unknown or not names:
        raise MtpipeError(f"unknown metric(s) {unknown or value!r} (known: {', '.join(METRICS)})")
    return [METRICS[name] for name in names]


def segmented_by_mtpipe(lang: str) -> bool:
    return not language(lang).word_segmented


def segment_lao(text: str) -> str:
    """Lao words separated by single spaces (laonlp's dictionary-based segmenter)."""
    from laonlp.tokenize import word_tokenize

    return " ".join(token for token in word_tokenize(text) if token.strip())


def preprocess(lang: str, texts: Sequence[str]) -> list[str]:
    """The text as scored: invisible format characters removed, Lao then word-segmented."""
    visible = [INVISIBLE.sub("", text) for text in texts]
    return [segment_lao(t) for t in visible] if segmented_by_mtpipe(lang) else visible


def test_set_hash(lang: str, references: Sequence[str]) -> str:
    """Identifies a reference set: a baseline is only ever compared on the same one."""
    digest = hashlib.sha256(f"{lang}\n{len(references)}\n".encode())
    for line in references:
        digest.update(line.encode("utf-8") + b"\n")
    return digest.hexdigest()[:16]


@dataclass
class MetricScore:
    """One metric on one corpus: the score, its 95% bootstrap interval, the sacrebleu signature,
    and the per-segment sufficient statistics (for paired tests and segment scores)."""

    name: str
    score: float
    ci: tuple[float, float] | None
    signature: str
    stats: Any
    """numpy array, one row per segment."""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"score": round(self.score, 2), "signature": self.signature}
        if self.ci is not None:
            data["ci"] = [round(self.ci[0], 2), round(self.ci[1], 2)]
        return data


def score_metric(
    name: str, lang: str, hypotheses: Sequence[str], references: Sequence[str], n_bootstrap: int = N_BOOTSTRAP
) -> MetricScore:
    """`name` on already preprocessed texts, from sacrebleu's own statistics. The signature is the
    metric's without the bootstrap fields (the interval is reported beside it), and says that
    invisible characters were removed."""
    import numpy as np

    metric = make_metric(name, lang)
    metric._check_corpus_score_args(hypotheses, [references])
    stats = np.asarray(metric._extract_corpus_statistics(hypotheses, [references]), dtype="float64")
    score = metric._compute_score_from_stats(stats.sum(0))
    signature = str(metric.get_signature()) + INVISIBLE_SIGNATURE
    ci = bootstrap_interval(metric, stats, n_bootstrap) if n_bootstrap > 1 and len(stats) > 1 else None
    return MetricScore(name, float(score.score), ci, signature, stats)


def bootstrap_interval(metric, stats, n_bootstrap: int) -> tuple[float, float]:
    """sacrebleu's 95% bootstrap interval (`corpus_score(n_bootstrap=...)`: the same resampled
    indices from the same seed, the same percentile rule), with each resample's statistics summed
    by one matrix product instead of materializing every resample (10,000 segments × 1,000
    resamples would take gigabytes)."""
    counts = resample_counts(len(stats), n_bootstrap)
    resampled = [metric._compute_score_from_stats(row) for row in counts @ stats]
    score = metric._compute_score_from_stats(stats.sum(0))
    score.estimate_ci(resampled)
    return float(score._mean - score._ci), float(score._mean + score._ci)


@lru_cache(maxsize=1)
def resample_counts(segments: int, n_bootstrap: int):
    """How often each segment is drawn in each resample: sacrebleu draws the same indices for every
    metric (one seed), so the metrics of one corpus share them."""
    import numpy as np

    rng = np.random.default_rng(SEED)
    indices = rng.choice(segments, size=(n_bootstrap, segments), replace=True)
    rows = np.arange(n_bootstrap)[:, None] * segments
    counts = np.bincount((indices + rows).ravel(), minlength=n_bootstrap * segments)
    return counts.reshape(n_bootstrap, segments).astype("float64")


def segment_scores(name: str, lang: str, stats: Sequence[Sequence[float]]) -> list[float]:
    """Each segment's own score from its statistics (sentence-level, for reading, not for gating)."""
    metric = make_metric(name, lang)
    return [round(metric._compute_score_from_stats(list(s)).score, 2) for s in stats]


def corpus_scores(
    lang: str,
    hypotheses: Sequence[str],
    references: Sequence[str],
    metrics: Sequence[str] = ("BLEU", "chrF++", "TER"),
    n_bootstrap: int = N_BOOTSTRAP,
) -> dict[str, MetricScore]:
    """Every metric on the corpus, Lao segmented first."""
    if not hypotheses:
        raise MtpipeError("nothing to score: no lines")
    hyps, refs = preprocess(lang, hypotheses), preprocess(lang, references)
    return {name: score_metric(name, lang, hyps, refs, n_bootstrap) for name in metrics}


def describe(lang: str) -> dict[str, str]:
    """How a language is scored: its primary metric and preprocessing."""
    segmented = segmented_by_mtpipe(lang)
    return {
        "primary": "chrF++" if segmented else "BLEU",
        "preprocessing": "laonlp word segmentation" if segmented else "none",
    }
