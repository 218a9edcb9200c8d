"""Baselines for the regression gate: a run's scores, signatures, per-segment statistics and
test-set hashes, kept in the repository; and the gate itself, which fails only on a drop that is
larger than allowed and significant."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import InputError
from .metrics import MetricScore, corpus_scores, describe, preprocess, score_metric, test_set_hash
from .significance import PairedResult, paired_test

FORMAT = "mtpipe-baseline/1"
SIGNIFICANCE = 0.05


class BaselineMismatch(InputError):
    """The baseline was scored differently (metric signature or test set): never compared."""


@dataclass(frozen=True)
class GateResult:
    lang: str
    result: PairedResult
    failed: bool

    def message(self) -> str:
        r = self.result
        verdict = "FAIL" if self.failed else "ok"
        return (
            f"{verdict} {self.lang} {r.metric}: {r.baseline:.2f} → {r.candidate:.2f} "
            f"(Δ {r.delta:+.2f}, 95% CI {r.ci[0]:.2f}–{r.ci[1]:.2f}, p = {r.p_bootstrap:.4f})"
        )


def language_entry(lang: str, scores: dict[str, MetricScore], references: Sequence[str]) -> dict[str, Any]:
    return {
        "test_set": test_set_hash(lang, references),
        "lines": len(references),
        "metrics": {
            name: {"score": round(s.score, 4), "signature": s.signature, "stats": s.stats.tolist()}
            for name, s in scores.items()
        },
    }


def make_baseline(
    texts: dict[str, tuple[list[str], list[str]]], model: str | None, metrics: Sequence[str]
) -> dict[str, Any]:
    """A baseline from each language's (hypotheses, references)."""
    languages = {
        lang: language_entry(lang, corpus_scores(lang, hyps, refs, metrics), refs)
        for lang, (hyps, refs) in sorted(texts.items())
    }
    return {"format": FORMAT, "date": date.today().isoformat(), "model": model, "languages": languages}


def history_entry(baseline: dict[str, Any]) -> dict[str, Any]:
    """A baseline in brief: its date, model and each language's primary metric and score."""
    scores = {}
    for lang, entry in baseline["languages"].items():
        metric = describe(lang)["primary"]
        if metric in entry["metrics"]:
            scores[lang] = {"metric": metric, "score": entry["metrics"][metric]["score"]}
    return {"date": baseline["date"], "model": baseline["model"], "scores": scores}


def with_history(baseline: dict[str, Any], replaced: dict[str, Any]) -> dict[str, Any]:
    """`baseline` keeping the history of the baseline it replaces, that one's own entry last."""
    return baseline | {"history": [*replaced.get("history", []), history_entry(replaced)]}


def history(baseline: dict[str, Any]) -> list[dict[str, Any]]:
    """The primary scores of every baseline so far, oldest first, this one last."""
    return [*baseline.get("history", []), history_entry(baseline)]


def load_baseline(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise InputError("baseline file not found", path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise InputError(f"not a baseline: {err}", path) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(
            f"not a baseline (expected format {FORMAT!r}; make one with `mtpipe baseline update`)", path
        )
    return data


PRECISION = 2
"""Decimals of every reported score."""


def gate(
    baseline: dict[str, Any],
    path: Path,
    lang: str,
    hypotheses: Sequence[str],
    references: Sequence[str],
    max_drop: float,
) -> list[GateResult]:
    """Each of the baseline's metrics for `lang`, compared by paired tests; a result fails when
    the candidate is worse by more than `max_drop` points (at the two decimals scores are reported
    with, so a drop shown as 0.00 is none) and the difference is significant."""
    entry = baseline["languages"].get(lang)
    if entry is None:
        raise BaselineMismatch(f"the baseline has no {lang!r} scores", path)
    here = test_set_hash(lang, references)
    if entry["test_set"] != here:
        raise BaselineMismatch(
            f"{lang}: the baseline was scored on another test set ({entry['test_set']}, "
            f"{entry['lines']} lines; this one is {here}, {len(references)} lines)",
            path,
        )
    hyps, refs = preprocess(lang, hypotheses), preprocess(lang, references)
    results = []
    for name, saved in entry["metrics"].items():
        current = score_metric(name, lang, hyps, refs, n_bootstrap=1)
        if current.signature != saved["signature"]:
            raise BaselineMismatch(
                f"{lang} {name}: the baseline's signature {saved['signature']!r} differs from "
                f"this scoring's {current.signature!r}; make a new baseline",
                path,
            )
        result = paired_test(name, lang, saved["stats"], hyps, refs)
        failed = round(result.drop, PRECISION) > max_drop and result.p_bootstrap < SIGNIFICANCE
        results.append(GateResult(lang, result, failed))
    return results
