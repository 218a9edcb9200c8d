"""Term accuracy: the share of glossary terms in the source whose approved target form stands in
the output as whole words (the exact-match measure of the WMT terminology task, with word
boundaries: a form glued to a neighbour, or a prefix of a longer word, is no hit), overall and per
concept."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..words import WordBounds, script_of


def is_hit(form: str, output: str) -> bool:
    """Whether the approved `form` stands in `output` as whole words: a term hit."""
    return bool(WordBounds(script_of(form), output).occurrences(form))


def term_accuracy(outputs: Sequence[str], required: Sequence[Sequence[tuple[str, str]]]) -> dict[str, Any]:
    """`required[i]` lists the (concept id, approved form) of each term in source line i. Word
    boundaries follow each form's script (Arabic proclitics attached, Lao segmented by laonlp)."""
    hits, totals = Counter(), Counter()
    for text, terms in zip(outputs, required, strict=True):
        bounds: dict[str, WordBounds] = {}
        for concept_id, form in terms:
            script = script_of(form)
            words = bounds.setdefault(script, WordBounds(script, text))
            totals[concept_id] += 1
            hits[concept_id] += bool(words.occurrences(form))
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
