"""Term accuracy: the share of glossary terms in the source whose approved target form stands in
the output as whole words (the exact-match measure of the WMT terminology task, with word
boundaries: a form glued to a neighbour, or a prefix of a longer word, is no hit), overall and per
concept."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..words import WordBounds, script_of


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
