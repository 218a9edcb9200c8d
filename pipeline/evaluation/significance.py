"""Paired significance tests between two systems on one test set, through sacrebleu's own
implementations: paired bootstrap resampling (1,000 resamples, seed 12345) and paired approximate
randomization (10,000 trials). The first system is given by its per-segment statistics, so a
committed baseline needs no hypotheses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .metrics import LOWER_IS_BETTER, N_BOOTSTRAP, SEED, make_metric

N_TRIALS = 10_000


@dataclass(frozen=True)
class PairedResult:
    """One metric: baseline and candidate scores, the candidate's 95% bootstrap interval, and the
    p-values of both paired tests for the difference."""

    metric: str
    baseline: float
    candidate: float
    ci: tuple[float, float]
    p_bootstrap: float
    p_randomization: float

    @property
    def delta(self) -> float:
        return self.candidate - self.baseline

    @property
    def drop(self) -> float:
        """How much worse the candidate is, in points (negative when it is better)."""
        return self.delta if self.metric in LOWER_IS_BETTER else -self.delta

    def to_json(self) -> dict:
        return {
            "metric": self.metric,
            "baseline": round(self.baseline, 2),
            "candidate": round(self.candidate, 2),
            "delta": round(self.delta, 2),
            "ci": [round(self.ci[0], 2), round(self.ci[1], 2)],
            "p_bootstrap": round(self.p_bootstrap, 4),
            "p_randomization": round(self.p_randomization, 4),
        }


def paired_test(
    metric_name: str,
    lang: str,
    baseline_stats: Sequence[Sequence[float]],
    hypotheses: Sequence[str],
    references: Sequence[str],
) -> PairedResult:
    """Both paired tests of `hypotheses` (preprocessed, as scored) against a baseline's statistics."""
    import numpy as np
    from sacrebleu.significance import _paired_ar_test, _paired_bs_test

    metric = make_metric(metric_name, lang)
    metric._check_corpus_score_args(hypotheses, [references])
    stats = np.array(baseline_stats, dtype="float32")
    baseline = metric._aggregate_and_compute(stats)
    info = {metric_name: (stats, baseline)}
    _, bootstrap = _paired_bs_test(
        info, "candidate", hypotheses, [references], {metric_name: metric}, n_samples=N_BOOTSTRAP, seed=SEED
    )
    _, randomization = _paired_ar_test(
        info, "candidate", hypotheses, [references], {metric_name: metric}, n_samples=N_TRIALS, seed=SEED
    )
    result = bootstrap[metric_name]
    identical = np.array_equal(stats, np.array(metric._extract_corpus_statistics(hypotheses, [references])))
    return PairedResult(
        metric_name,
        float(baseline.score),
        float(result.score),
        (float(result.mean - result.ci), float(result.mean + result.ci)),
        1.0 if identical else float(result.p_value),  # the tests' lowest p for equal systems is wrong
        1.0 if identical else float(randomization[metric_name].p_value),
    )
