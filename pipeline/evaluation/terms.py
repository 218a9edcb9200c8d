"""Term accuracy: the share of glossary terms in the source whose approved target form appears in
the output (the exact-match measure of the WMT terminology task), overall and per concept."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any


def is_hit(form: str, output: str) -> bool:
    """Whether the approved `form` appears in `output` (case-insensitive): a term hit."""
    return form.casefold() in output.casefold()


def term_accuracy(outputs: Sequence[str], required: Sequence[Sequence[tuple[str, str]]]) -> dict[str, Any]:
    """`required[i]` lists the (concept id, approved form) of each term in source line i."""
    hits, totals = Counter(), Counter()
    for output, terms in zip(outputs, required, strict=True):
        for concept_id, form in terms:
            totals[concept_id] += 1
            hits[concept_id] += is_hit(form, output)
    total = sum(totals.values())
    return {
        "score": round(100 * sum(hits.values()) / total, 2) if total else None,
        "hits": sum(hits.values()),
        "total": total,
        "per_concept": {cid: {"hits": hits[cid], "total": totals[cid]} for cid in sorted(totals)},
    }
