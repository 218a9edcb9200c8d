"""`mtpipe glossary suggest`: names the glossary lacks, as proposed entries: name-like Vietnamese
sequences of the source, and names the references spell more than one way."""

from __future__ import annotations

from collections import Counter

from ..terminology.glossary import Concept, Glossary
from ..terminology.interchange import slug
from .consistency import DocumentNames
from .engine import Normalizer

NOTE = "suggested from {count} occurrence(s) in the corpus; forms by the transliteration rules"
DOCUMENT_NOTE = (
    "spelled {ways} ways in the {lang} references ({count} occurrences); the most frequent is the form"
)


def suggest_concepts(
    glossary: Glossary, source_lines: list[str], references: dict[str, list[str]] | None = None
) -> list[tuple[Concept, int]]:
    """Unknown names by frequency (then alphabetically), each a `proposed` concept with the
    transliterator's ar, en and lo forms and, as variants, the other spellings the references
    give it; then the names only the references spell several ways, per language."""
    normalizer = Normalizer(glossary, "vi")
    counts: Counter[str] = Counter()
    forms: dict[str, dict[str, str]] = {}
    for line in source_lines:
        for entity in normalizer(line).entities:
            if entity.source == "transliteration":
                counts[entity.vi] += 1
                forms[entity.vi] = {"vi": entity.vi, **(entity.proposed or {})}
    variants: dict[str, dict[str, tuple[str, ...]]] = {name: {} for name in counts}
    others: list[tuple[str, dict[str, str], dict[str, tuple[str, ...]], int, str]] = []
    for lang, lines in sorted((references or {}).items()):
        for name in DocumentNames(glossary, lang).find(lines, counts):
            spellings = tuple(sorted(set(name.spellings) - {name.form}))
            total = sum(name.spellings.values())
            if name.vi:
                variants[name.vi][lang] = spellings
            else:
                note = DOCUMENT_NOTE.format(ways=len(name.spellings), lang=lang, count=total)
                others.append((f"{lang}-name", {lang: name.form}, {lang: spellings}, total, note))
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    entries = [
        (slug(name), forms[name], variants[name], count, NOTE.format(count=count)) for name, count in ordered
    ]
    taken = {concept.id for concept in glossary.concepts}
    suggestions = []
    for base_id, concept_forms, concept_variants, count, note in entries + others:
        concept_id = base_id
        while concept_id in taken:
            concept_id += "-x"
        taken.add(concept_id)
        concept = Concept(concept_id, "term", "proposed", concept_forms, concept_variants, note=note)
        suggestions.append((concept, count))
    return suggestions
