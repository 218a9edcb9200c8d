"""The normalizer: one configured object that makes every name in a line come out one way.

Passes, in order, each recording its changes as edits relative to its own input:
``unicode`` (NFC) → ``restore`` (vi: diacritics of gazetteer names) or ``unify`` (ar, en, lo:
known variants to the canonical form) → ``tone`` (vi: tone-mark placement style).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any, Literal

from ..edits import Change, TextEdit, apply_changes, edges_to_input, edits_for
from ..terminology.finder import capitalized_like
from ..terminology.folding import VIETNAMESE
from ..terminology.glossary import Glossary
from ..terminology.names import NameMatch, NameMatcher, leftmost_longest
from . import LatinNames
from .context import after_cue, in_english_phrase, overlaps, protected_spans
from .latin import LatinNameFinder
from .syllable import ToneStyle, retone
from .unicode import nfc_changes
from .unknown import proposed_forms, unknown_names

MAX_NAME_PASSES = 3

# Where a tone mark may sit differently in the traditional and modern styles: oa, oe, uy + tone,
# ending the syllable (hòa/hoà, thủy/thuỷ; "hoạt" and "khuyến" are written alike in both).
_TONE_CANDIDATE = re.compile(
    r"(?:[oO][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|[òóỏõọÒÓỎÕỌ][aAeE]|[uU][ỳýỷỹỵỲÝỶỸỴ]|[ùúủũụÙÚỦŨỤ][yY])(?!\w)"
)
_TONE_PREFILTER = re.compile(
    r"[oOuUòóỏõọÒÓỎÕỌùúủũụÙÚỦŨỤ][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸaAeEỳýỷỹỵỲÝỶỸỴyY](?!\w)"
)  # a fast superset: it starts with a character class
_WORD_AROUND = re.compile(r"\w*")


@dataclass(slots=True)
class Entity:
    """A name found in the line: its canonical Vietnamese form, how it was written, how it is now."""

    vi: str
    surface: str
    form: str
    start: int
    end: int
    source: Literal["glossary", "transliteration", "document"]
    proposed: dict[str, str] | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        if self.proposed is None:
            del data["proposed"]
        return data


@dataclass
class NormalizedLine:
    text: str
    entities: list[Entity] = field(default_factory=list)
    edits: list[TextEdit] = field(default_factory=list)


def with_case_of(surface: str, canonical: str) -> str | None:
    """The canonical spelling with the surface's case, or None where the surface carries a
    mark the canonical form lacks (then it is another word, not this name without marks)."""
    if len(surface) != len(canonical):
        return None
    restored = []
    for written, proper, bare in zip(surface, canonical, VIETNAMESE.fold(canonical), strict=True):
        if written.lower() not in (proper.lower(), bare):
            return None
        restored.append(proper.upper() if written.isupper() else proper.lower())
    return "".join(restored)


def extend(line: NormalizedLine, reason: str, changes: list[Change], found: list[Entity]) -> None:
    """One more pass over a line whose entities the changes do not touch: the entities after a
    change move with it, and `found` (offsets in the changed text) joins them."""
    line.edits += edits_for(line.text, changes, reason)
    line.text = apply_changes(line.text, changes)
    for entity in line.entities:
        shift = sum(len(after) - (end - start) for start, end, after in changes if end <= entity.start)
        entity.start, entity.end = entity.start + shift, entity.end + shift
    line.entities = sorted(line.entities + found, key=lambda entity: entity.start)


@lru_cache(maxsize=65536)
def styled(text: str, tone_style: ToneStyle) -> str:
    """`text` with every tone mark placed by the style."""
    return " ".join(retone(word, tone_style) for word in text.split(" "))


class Normalizer:
    """Normalize lines of one language against a glossary."""

    def __init__(
        self,
        glossary: Glossary,
        lang: str,
        tone_style: ToneStyle = "traditional",
        *,
        entities: bool = True,
        latin_names: LatinNames = "replace",
    ):
        self.lang = lang
        self.latin_names = latin_names
        in_script = lang in ("ar", "lo") and latin_names != "keep"
        self.latin = LatinNameFinder(glossary, lang) if in_script else None
        self.tone_style = tone_style
        self.matcher = NameMatcher(glossary, lang)
        self.entities = entities
        self._vi_forms: dict[str, str] = {}  # concept id → Vietnamese form in the tone style

    def __call__(self, text: str) -> NormalizedLine:
        line = NormalizedLine(text)
        self._run_pass(line, "unicode", nfc_changes(line.text))
        if self.latin is not None:
            self._latin_pass(line)
        self._name_passes(line)
        tone_changes = self._tone_changes(line.text) if self.lang == "vi" else []
        if tone_changes:
            self._run_pass(line, "tone", tone_changes)
            line.entities = [
                Entity(e.vi, e.surface, line.text[e.start : e.end], e.start, e.end, e.source, e.proposed)
                for e in line.entities
            ]
        if self.entities and self.lang == "vi" and (unknown := self._unknown_names(line)):
            line.entities = sorted(line.entities + unknown, key=lambda e: e.start)
        return line

    def _latin_pass(self, line: NormalizedLine) -> None:
        """Latin-script names become the glossary's form (annotated with the Vietnamese if asked),
        before the name passes, which then unify the result with its neighbours (ແຂວງ ກວາງຈິ)."""
        changes = [
            (
                match.start,
                match.end,
                f"{form} ({self._vi_form(match)})" if self.latin_names == "annotate" else form,
            )
            for match, form in self.latin.find(line.text)
        ]
        self._run_pass(line, "latin-name", changes)

    def _unknown_names(self, line: NormalizedLine) -> list[Entity]:
        """Names the glossary lacks, with the transliterator's proposed ar/en/lo forms."""
        known = [(entity.start, entity.end) for entity in line.entities]
        entities = []
        for start, end in unknown_names(line.text, known):
            name = line.text[start:end]
            entities.append(Entity(name, name, name, start, end, "transliteration", proposed_forms(name)))
        return entities

    def _name_passes(self, line: NormalizedLine) -> None:
        """Restore (vi) or unify names until nothing changes: a replacement can make a longer name
        appear across its edge. Entity surfaces are taken from the text before the first pass."""
        decide = self._restoration if self.lang == "vi" else self._unification
        reason = "restore" if self.lang == "vi" else "unify"
        before_names, history = line.text, []
        for remaining in reversed(range(MAX_NAME_PASSES)):
            resolved = self._resolve(line.text, decide)
            changes = [(match.start, match.end, form) for match, surface, form in resolved if form != surface]
            # A change that keeps the folded text (ج→غ, spacing, case...) shows the matcher the same
            # line again, so another pass could find nothing new.
            final = not remaining or all(match.folds_as_form for match, old, new in resolved if new != old)
            if final:
                line.entities = list(self._entities(resolved, history, before_names)) if self.entities else []
            self._run_pass(line, reason, changes)
            if final:
                break
            history.append(changes)

    def _entities(
        self, resolved: list[tuple[NameMatch, str, str]], history: list[list[Change]], original: str
    ) -> Iterator[Entity]:
        """Entities at their offsets in the text after this pass (one sweep, in text order), with
        the surface they had in `original`, the text before the first of the `history` passes."""
        if history:
            edges = [(p, side) for m, _, _ in resolved for p, side in ((m.start, "start"), (m.end, "end"))]
            for changes in reversed(history):
                edges = list(zip(edges_to_input(changes, edges), (side for _, side in edges), strict=True))
        delta = 0
        for index, (match, surface, form) in enumerate(resolved):
            start = match.start + delta
            delta += len(form) - (match.end - match.start)
            if history:
                surface = original[edges[2 * index][0] : edges[2 * index + 1][0]]
            yield Entity(self._vi_form(match), surface, form, start, start + len(form), "glossary")

    def _vi_form(self, match: NameMatch) -> str:
        concept = match.entry.concept
        form = self._vi_forms.get(concept.id)
        if form is None:
            form = self._vi_forms[concept.id] = styled(concept.forms.get("vi", ""), self.tone_style)
        return form

    def _styled(self, text: str) -> str:
        return styled(text, self.tone_style)

    def _run_pass(self, line: NormalizedLine, reason: str, changes: list[Change]) -> None:
        line.edits += edits_for(line.text, changes, reason)
        line.text = apply_changes(line.text, changes)

    def _restoration(self, text: str, match: NameMatch) -> str | None:
        """Vietnamese: the name's proper spelling at this match (diacritics of a gazetteer name
        written without them), or None where it must not be touched."""
        surface, canonical = text[match.start : match.end], self._vi_form(match)
        if surface == canonical:
            return surface
        if match.entry.is_name and not capitalized_like(surface, canonical):
            return None  # "hòa bình" (peace) is not the province Hòa Bình
        styled = self._styled(surface)
        if styled.lower() == canonical.lower():
            return surface
        restored = with_case_of(styled, canonical)
        if (
            restored is None
            or not match.entry.is_name
            or (" " not in canonical and not self._cued(text, match))
            or in_english_phrase(text, match.start, match.end)
        ):
            return None
        return restored

    def _cued(self, text: str, match: NameMatch) -> bool:
        """A one-word name is restored only after a cue for its type (huyện Dakrong, vào Hue),
        capitalized, and where its spelling names no other concept."""
        surface = text[match.start : match.end]
        return (
            surface[:1].isupper()
            and not self.matcher.ambiguous(surface)
            and after_cue(text, match.start, match.end, match.entry.concept.type)
        )

    def _unification(self, text: str, match: NameMatch) -> str | None:
        """Arabic, English, Lao: every known variant becomes the canonical form."""
        surface, canonical = text[match.start : match.end], match.entry.form
        if surface == canonical or self._acceptable_case_variant(surface, match):
            return surface
        if self.lang == "en" and surface.isupper() and self.folder_key(surface) == self.folder_key(canonical):
            return canonical.upper()
        return canonical

    def _resolve(self, text: str, decide) -> list[tuple[NameMatch, str, str]]:
        """Decide every candidate match; keep the leftmost-longest accepted ones as
        (match, surface, decided form)."""
        candidates = self.matcher.find(text)
        if not candidates:
            return []
        spans = protected_spans(text)
        decided = {}
        for match in candidates:
            if not spans or not overlaps(match.start, match.end, spans):
                form = decide(text, match)
                if form is not None:
                    decided[match] = form
        return [
            (match, text[match.start : match.end], decided[match])
            for match in leftmost_longest(list(decided))
        ]

    def folder_key(self, text: str) -> str:
        return self.matcher.folder.fold(text)

    def _acceptable_case_variant(self, surface: str, match: NameMatch) -> bool:
        """English keeps all-caps names and the sentence case of common terms."""
        canonical = match.entry.form
        if self.lang != "en":
            return False
        if surface.isupper() and surface == canonical.upper():
            return True
        return not match.entry.is_name and surface.lower() == canonical.lower()

    def _tone_changes(self, text: str) -> list[Change]:
        changes: list[Change] = []
        for hit in _TONE_PREFILTER.finditer(text):
            if not _TONE_CANDIDATE.match(text, hit.start()):
                continue
            start = hit.start()
            while start > 0 and text[start - 1].isalnum():
                start -= 1
            if changes and start < changes[-1][1]:
                continue
            end = _WORD_AROUND.match(text, hit.start()).end()
            styled = retone(text[start:end], self.tone_style)
            if styled != text[start:end]:
                changes.append((start, end, styled))
        return changes
