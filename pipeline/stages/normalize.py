"""Normalization inside a run: the source before MT (`normalize`), the outputs after it (`unify`)."""

from __future__ import annotations

import re

from ..document import Document, Edit
from ..normalize.engine import STAGE, Normalizer, apply_changes, edits_for
from . import StageContext, register

_SPACES = re.compile(r"\s{2,}|^\s+|\s+$")


def whitespace_changes(text: str) -> list[tuple[int, int, str]]:
    """Runs of whitespace become one space; leading and trailing whitespace goes."""
    changes = []
    for match in _SPACES.finditer(text):
        at_edge = match.start() == 0 or match.end() == len(text)
        replacement = "" if at_edge else " "
        if match.group() != replacement:
            changes.append((match.start(), match.end(), replacement))
    return changes


def _relabel(edits: list[Edit], stage: str, field: str) -> list[Edit]:
    """The normalizer's edits as edits of one segment field by one stage."""
    return [Edit(stage, field, e.start, e.end, e.before, e.after, e.reason) for e in edits]


@register("normalize")
class SourceNormalizer:
    """Whitespace, Unicode, tone style and gazetteer names of the source text."""

    name = STAGE

    def __init__(self, context: StageContext):
        options = context.job.normalize
        self.collapse_whitespace = options.collapse_whitespace
        self._glossary = context.glossary
        self._tone_style = options.tone_style

    def __call__(self, doc: Document) -> Document:
        normalizer = Normalizer(self._glossary, doc.source_lang, self._tone_style, entities=False)
        for segment in doc.segments:
            if self.collapse_whitespace:
                changes = whitespace_changes(segment.source)
                segment.edits += edits_for(segment.source, changes, STAGE, "source", "whitespace")
                segment.source = apply_changes(segment.source, changes)
            line = normalizer(segment.source)
            segment.edits += _relabel(line.edits, STAGE, "source")
            segment.source = line.text
        return doc


@register("unify")
class OutputUnifier:
    """Every known variant of a name in the translations becomes the glossary's form."""

    name = "unify"

    def __init__(self, context: StageContext):
        self._glossary = context.glossary

    def __call__(self, doc: Document) -> Document:
        for lang in doc.targets:
            normalizer = Normalizer(self._glossary, lang, entities=False)
            for segment in doc.segments:
                line = normalizer(segment.translations.get(lang, ""))
                segment.edits += _relabel(line.edits, self.name, f"hyp.{lang}")
                segment.translations[lang] = line.text
        return doc
