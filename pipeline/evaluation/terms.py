"""Term accuracy: the share of glossary terms in the source whose approved target form stands in
the output as whole words (the exact-match measure of the WMT terminology task, with word
boundaries: a form glued to a neighbour, or a prefix of a longer word, is no hit), overall and per
concept."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..words import WordBounds, script_of


def missed_terms(output: str, required: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (concept id, approved form) of `required` whose form does not stand in `output` as
    whole words: the term misses."""
    bounds = {script: WordBounds(script, output) for script in {script_of(form) for _, form in required}}
    return [(cid, form) for cid, form in required if not bounds[script_of(form)].occurrences(form)]


def term_accuracy(outputs: Sequence[str], required: Sequence[Sequence[tuple[str, str]]]) -> dict[str, Any]:
    """`required[i]` lists the (concept id, approved form) of each term in source line i. Word
    boundaries follow each form's script (Arabic proclitics attached, Lao segmented by laonlp)."""
    hits, totals = Counter(), Counter()
    for text, terms in zip(outputs, required, strict=True):
        totals.update(cid for cid, _ in terms)
        hits.update(cid for cid, _ in terms)
        hits.subtract(cid for cid, _ in missed_terms(text, terms))
    total = sum(totals.values())
    return {
        "score": round(100 * sum(hits.values()) / total, 2) if total else None,
        "hits": sum(hits.values()),
        "total": total,
        "per_concept": {cid: {"hits": hits[cid], "total": totals[cid]} for cid in sorted(totals)},
    }


def term_consistency(renderings: Sequence[Sequence[tuple[str, str | None]]]) -> dict[str, Any]:
    """Whether each source term is translated the same way across the document (the WMT
    terminology task's consistency): `renderings[i]` gives, for each term of source line i, the
    spelling its translation uses (None when none is found). Per concept seen at least twice, the
    share of occurrences with its most frequent rendering; overall, weighted by occurrences."""
    seen: dict[str, Counter[str | None]] = {}
    for line in renderings:
        for concept_id, rendering in line:
            seen.setdefault(concept_id, Counter())[rendering] += 1
    repeated = {cid: counts for cid, counts in seen.items() if counts.total() >= 2}
    total = sum(counts.total() for counts in repeated.values())
    majority = sum(counts.most_common(1)[0][1] for counts in repeated.values())
    return {
        "score": round(100 * majority / total, 2) if total else None,
        "concepts": len(repeated),
        "inconsistent": sorted(cid for cid, counts in repeated.items() if len(counts) > 1),
    }
