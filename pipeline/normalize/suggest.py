"""`mtpipe glossary suggest`: name-like Vietnamese sequences the glossary lacks, as proposed entries."""

from __future__ import annotations

from collections import Counter

from ..terminology.glossary import Concept, Glossary
from ..terminology.interchange import slug
from .engine import Normalizer

NOTE = "suggested from {count} occurrence(s) in the corpus; forms by the transliteration rules"


def suggest_concepts(glossary: Glossary, source_lines: list[str]) -> list[tuple[Concept, int]]:
    """Unknown names by frequency (then alphabetically), each a `proposed` concept with the
    transliterator's ar, en and lo forms."""
    normalizer = Normalizer(glossary, "vi")
    counts: Counter[str] = Counter()
    proposed: dict[str, dict[str, str]] = {}
    for line in source_lines:
        for entity in normalizer(line).entities:
            if entity.source == "transliteration":
                counts[entity.vi] += 1
                proposed[entity.vi] = entity.proposed or {}
    taken = {concept.id for concept in glossary.concepts}
    suggestions = []
    for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        concept_id = slug(name)
        while concept_id in taken:
            concept_id += "-x"
        taken.add(concept_id)
        forms = {"vi": name, **proposed[name]}
        suggestions.append(
            (Concept(concept_id, "term", "proposed", forms, note=NOTE.format(count=count)), count)
        )
    return suggestions
