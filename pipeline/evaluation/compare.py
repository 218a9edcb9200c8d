"""Two systems on one test set: each metric's difference with paired significance tests, and the
segments that changed most, worse and better, beside their reference."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..errors import MtpipeError
from .metrics import corpus_scores, preprocess, segment_scores, test_set_hash
from .significance import PairedResult, paired_test

SHOWN = 5


@dataclass(frozen=True)
class SegmentChange:
    line: int
    reference: str
    a: str
    b: str
    chrf_a: float
    chrf_b: float

    @property
    def delta(self) -> float:
        return self.chrf_b - self.chrf_a


@dataclass
class LanguageComparison:
    lang: str
    results: list[PairedResult]
    worse: list[SegmentChange] = field(default_factory=list)
    better: list[SegmentChange] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "lang": self.lang,
            "metrics": [result.to_json() for result in self.results],
            "worse": [change.__dict__ for change in self.worse],
            "better": [change.__dict__ for change in self.better],
        }


def compare_language(
    lang: str,
    a: Sequence[str],
    b: Sequence[str],
    references: Sequence[str],
    lines: Sequence[int],
    metrics: Sequence[str] = ("BLEU", "chrF++", "TER"),
) -> LanguageComparison:
    """System `b` against system `a` (the baseline) on the same references."""
    if not (len(a) == len(b) == len(references)):
        raise MtpipeError(
            f"{lang}: the runs have {len(a)} and {len(b)} lines for {len(references)} references"
        )
    scored_a = corpus_scores(lang, a, references, metrics, n_bootstrap=1)
    hyps_b, refs = preprocess(lang, b), preprocess(lang, references)
    results = [paired_test(name, lang, scored_a[name].stats, hyps_b, refs) for name in metrics]
    chrf_a, chrf_b = (
        segment_scores("chrF++", lang, stats)
        for stats in (
            scored_a["chrF++"].stats if "chrF++" in scored_a else chrf_stats(lang, a, references),
            chrf_stats(lang, b, references),
        )
    )
    changes = sorted(
        (
            SegmentChange(line, ref, x, y, sa, sb)
            for line, ref, x, y, sa, sb in zip(lines, references, a, b, chrf_a, chrf_b, strict=True)
            if sa != sb
        ),
        key=lambda change: change.delta,
    )
    worse = [c for c in changes if c.delta < 0][:SHOWN]
    better = [c for c in reversed(changes) if c.delta > 0][:SHOWN]
    return LanguageComparison(lang, results, worse, better)


def chrf_stats(lang: str, hypotheses: Sequence[str], references: Sequence[str]):
    return corpus_scores(lang, hypotheses, references, ["chrF++"], n_bootstrap=1)["chrF++"].stats


def same_test_set(lang: str, refs_a: Sequence[str], refs_b: Sequence[str]) -> bool:
    return test_set_hash(lang, refs_a) == test_set_hash(lang, refs_b)
