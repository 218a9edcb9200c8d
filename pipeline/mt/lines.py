"""Translating lines made of sentences: each sentence goes to the model on its own, and a line's
translations are joined by a space. With term protection, a sentence's glossary terms become
placeholders; the best of the model's n-best translations that carries every placeholder is kept
and the approved forms put back, and a sentence for which none does is translated unprotected."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.progress import Progress

from ..document import TermMatch
from ..edits import Change
from ..terminology.placeholders import PlaceholderStyle
from .base import Terms
from .cached import PLAIN, CachedTranslator
from .safety import DecodeNote

PROTECT_PICK = "placeholder-nbest"


@dataclass
class Unit:
    """One sentence to translate, and its protected form where it holds glossary terms."""

    plain: str
    protected: str | None = None
    forms: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class LinesResult:
    """Per line: the joined translation (placeholders still in where they were carried) and the
    changes that put the approved forms in their place; and what protection did."""

    lines: list[tuple[str, list[Change]]]
    notes: list[list[DecodeNote]] = field(default_factory=list)
    """Per line, what safe decoding noted about each of its sentences' translations."""
    protected_sentences: int = 0
    protect_fallbacks: int = 0


def sentence_units(
    source: str,
    sentences: Sequence[str],
    terms: Sequence[TermMatch],
    targets: Sequence[str],
    style: PlaceholderStyle | None,
) -> list[Unit]:
    """A line's sentences (the line itself when it was not split) as units to translate; with a
    placeholder `style`, sentences whose terms have a form in every target are protected."""
    units, cursor = [], 0
    for sentence in sentences or [source]:
        start = source.find(sentence, cursor)
        cursor = end = start + len(sentence)
        inside = [
            t
            for t in terms
            if start <= t.start and t.end <= end and all(t.targets.get(lang) for lang in targets)
        ]
        unit = Unit(sentence)
        if style and inside and start >= 0 and style.can_protect(sentence):
            unit.protected = style.protect(sentence, [(t.start - start, t.end - start) for t in inside])
            unit.forms = {lang: [t.targets[lang] for t in inside] for lang in targets}
        units.append(unit)
    return units


def prompt_terms(
    lines: Sequence[Sequence[Unit]], terms: Sequence[Sequence[TermMatch]], lang: str
) -> dict[str, Terms]:
    """For each sentence, the (source term, approved target) pairs of its line that it contains."""
    prompts: dict[str, Terms] = {}
    for units, line_terms in zip(lines, terms, strict=True):
        for unit in units:
            pairs = {
                (t.surface, t.targets[lang])
                for t in line_terms
                if t.targets.get(lang) and t.surface in unit.plain
            }
            prompts[unit.plain] = sorted(pairs)
    return prompts


def translate_lines(
    engine: CachedTranslator,
    lines: Sequence[Sequence[Unit]],
    source: str,
    target: str,
    *,
    style: PlaceholderStyle | None = None,
    protect_hypotheses: int = 1,
    prompts: dict[str, Terms] | None = None,
    progress: Progress | None = None,
) -> LinesResult:
    """Translate every line's units into `target`, through the cache (protected units with the
    placeholder `style` they were protected with)."""
    units = [unit for line in lines for unit in line]
    plain = sorted({u.plain for u in units if u.protected is None})
    protected = sorted({u.protected for u in units if u.protected is not None})
    done = engine.translate(plain, source, target, terms=prompts, progress=progress)
    done |= engine.translate(
        protected,
        source,
        target,
        num_hypotheses=protect_hypotheses,
        pick=lambda text, found: style.first_carrying(found, style.count(text)),
        pick_name=PROTECT_PICK,
        progress=progress,
    )
    restorations = {
        id(u): style.restoration_changes(done[u.protected], u.forms[target])
        for u in units
        if u.protected is not None
    }
    fallback = sorted({u.plain for u in units if restorations.get(id(u), ()) is None})
    done |= engine.translate(fallback, source, target, progress=progress)
    return LinesResult(
        [joined(line, done, restorations) for line in lines],
        [[engine.notes.get((target, text), PLAIN) for text in used(line, restorations)] for line in lines],
        protected_sentences=len(restorations),
        protect_fallbacks=len(fallback),
    )


def used(units: Sequence[Unit], restorations: dict[int, list[Change] | None]) -> list[str]:
    """The texts whose translations make up a line: each sentence, protected where its
    placeholders were carried."""
    return [
        unit.plain if restorations.get(id(unit)) is None else unit.protected
        for unit in units
        if unit.plain.strip()
    ]


def joined(
    units: Sequence[Unit], done: dict[str, str], restorations: dict[int, list[Change] | None]
) -> tuple[str, list[Change]]:
    """A line's translated sentences joined by a space, placeholders still in where they were
    carried, and the changes that put the approved forms in their place."""
    pieces, changes, offset = [], [], 0
    for unit in units:
        if not unit.plain.strip():
            continue
        restoring = restorations.get(id(unit))
        piece = done[unit.plain] if restoring is None else done[unit.protected]
        changes += [(offset + start, offset + end, form) for start, end, form in restoring or ()]
        pieces.append(piece)
        offset += len(piece) + 1
    return " ".join(pieces), changes
