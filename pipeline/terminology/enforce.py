"""Enforce approved target terms in MT output, only where that cannot make the output worse.

For every glossary term found in the source whose approved form the output lacks, a wrong
rendering of it is replaced by the approved form:

- `term-variant`: a known spelling (the approved form or a listed variant, matched with the
  folding normalization uses: ج/غ, spacing, case, Lao ຫນ/ໜ...), standing as whole words and not
  part of a longer known name;
- `term-fuzzy`: whole words of one known spelling's shape that differ from it by one letter inside
  a word (Coridor → Corridor). Never at a word's edge, where inflection and misplaced boundaries
  are (Corridors, الخارجية, ແຂວ|ງ), never punctuation, and for a common term (not a name) only in
  spellings of two words or more: one changed letter turns a one-word term into another word.

Words end where `pipeline.words` says (Arabic proclitics stay attached; Lao by laonlp). Nothing
changes where the approved form is already in the output, over another required term's approved
form, or where there are more near matches than the source has occurrences: a missed replacement
is acceptable, damage is not.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import pairwise

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ..edits import Change, TextEdit, apply_changes, edits_for
from ..languages import language
from ..words import WordBounds, compose_lao, is_word_char
from .glossary import NAME_TYPES, Glossary
from .names import NameMatcher, leftmost_longest

Span = tuple[int, int]
Edges = tuple[dict[str, list[int]], dict[int, str]]
"""Word starts by their first letter, and each word end's last letter."""


@dataclass(frozen=True)
class EnforceOptions:
    fuzzy_threshold: float = 80.0
    fuzzy_min_length: int = 5


@dataclass(frozen=True)
class Line:
    """One output as a pass of enforcement sees it."""

    text: str
    bounds: WordBounds
    missing: dict[str, str]
    """Concept id → approved form, for each required term the text lacks."""
    occurrences: Counter
    """Concept id → how often the source holds it."""
    taken: list[Span]
    """Where the text holds a required term's approved form."""


@dataclass(frozen=True)
class Spelling:
    """A known spelling of a concept, as near matches are compared with it."""

    key: str
    bounds: WordBounds


class TermEnforcer:
    """Replaces wrong renderings of the source's terms in one target language."""

    def __init__(self, glossary: Glossary, lang: str, options: EnforceOptions = EnforceOptions()):
        self.lang = lang
        self.script = language(lang).script
        self.options = options
        self._matcher = NameMatcher(glossary, lang)
        self._concepts = {concept.id: concept for concept in glossary.concepts}
        self._spellings: dict[str, list[Spelling]] = {}

    def __call__(self, output: str, required_terms: list[tuple[str, str]]) -> tuple[str, list[TextEdit]]:
        """The output with wrong renderings of the required (concept id, approved form) terms
        replaced, and the edits that did it."""
        forms, occurrences = dict(required_terms), Counter(cid for cid, _ in required_terms)
        edits: list[TextEdit] = []
        for reason, find in (("term-variant", self._variant_changes), ("term-fuzzy", self._fuzzy_changes)):
            missing = {cid: form for cid, form in forms.items() if not _holds(output, form)}
            if not missing:
                break
            approved = [m.span() for form in forms.values() for m in _pattern(form).finditer(output)]
            changes = find(Line(output, WordBounds(self.script, output), missing, occurrences, approved))
            edits += edits_for(output, changes, reason)
            output = apply_changes(output, changes)
        return output, edits

    def _variant_changes(self, line: Line) -> list[Change]:
        """Known spellings of a missing concept that stand as whole words become its approved form."""
        changes = []
        for match in leftmost_longest(self._matcher.find(line.text)):
            form = line.missing.get(match.entry.concept.id)
            span = (match.start, match.end)
            if form and line.bounds.stands_alone(*span) and _free(span, line.taken):
                changes.append((*span, form))
        return changes

    def _fuzzy_changes(self, line: Line) -> list[Change]:
        """Near matches of each missing concept, where they are few enough to be its renderings."""
        changes: list[Change] = []
        taken, edges = line.taken, self._edge_letters(line.bounds)
        for concept_id, form in line.missing.items():
            spellings = self._near_match_spellings(concept_id)
            spans = sorted(
                {span for spelling in spellings for span in self._near(line.bounds, edges, spelling)}
            )
            spans = [span for span in spans if _free(span, taken)]
            if spans and len(spans) <= line.occurrences[concept_id] and _disjoint(spans):
                changes += [(start, end, form) for start, end in spans]
                taken = taken + spans
        return sorted(changes)

    def _edge_letters(self, bounds: WordBounds) -> Edges:
        """Word starts by their first letter, and the last letter before each word end (as keys
        compare them): a near match has a spelling's first and last letters."""
        text, starts = bounds.text, defaultdict(list)
        for start in bounds.starts:
            starts[self._key(text[start : start + 2])[0]].append(start)
        return starts, {end: self._key(text[max(0, end - 2) : end])[-1] for end in bounds.ends}

    def _near(self, bounds: WordBounds, edges: Edges, spelling: Spelling) -> list[Span]:
        """Whole-word spans of the text one letter inside a word away from the spelling."""
        (starts, last_letters), length = edges, len(spelling.key)
        longest = 2 * length + 1 if self.script == "Lao" else length + 1  # Lao ligatures: 2 → 1
        found = []
        for start in starts.get(spelling.key[0], ()):
            for end in bounds.ends_between(start + length - 1, start + longest):
                if last_letters[end] != spelling.key[-1]:
                    continue
                key = self._key(bounds.text[start:end])
                if Levenshtein.distance(spelling.key, key, score_cutoff=1) == 1 and self._inside_a_word(
                    spelling, key
                ):
                    found.append((start, end))
        return found

    def _inside_a_word(self, spelling: Spelling, key: str) -> bool:
        """Whether `key`, one edit away from the spelling, differs from it by a letter inside one of
        its words (not at a word's edge, not punctuation), close enough by `fuzzy_threshold`."""
        op = Levenshtein.editops(spelling.key, key)[0]
        removed = "" if op.tag == "insert" else spelling.key[op.src_pos]
        added = "" if op.tag == "delete" else key[op.dest_pos]
        edges = (op.src_pos,) if op.tag == "insert" else (op.src_pos, op.src_pos + 1)
        return (
            all(map(is_word_char, removed + added))
            and not any(spelling.bounds.is_end(edge) for edge in edges)
            and fuzz.ratio(spelling.key, key) >= self.options.fuzzy_threshold
        )

    def _near_match_spellings(self, concept_id: str) -> list[Spelling]:
        """The approved form and listed variants that near matches may be compared with: long
        enough, and (common terms) of two words or more."""
        if concept_id in self._spellings:
            return self._spellings[concept_id]
        concept = self._concepts[concept_id]
        spellings = []
        for text in dict.fromkeys((concept.forms[self.lang], *concept.variants.get(self.lang, ()))):
            key = self._key(text)
            bounds = WordBounds(self.script, key)
            if len(key) >= self.options.fuzzy_min_length and (
                concept.type in NAME_TYPES or len(bounds.ends) >= 2
            ):
                spellings.append(Spelling(key, bounds))
        self._spellings[concept_id] = spellings
        return spellings

    def _key(self, text: str) -> str:
        """What near matches compare: case folded, Lao ligatures composed."""
        key = text.casefold()
        return compose_lao(key)[0] if self.script == "Lao" else key


def _pattern(form: str) -> re.Pattern[str]:
    return re.compile(re.escape(form), re.IGNORECASE)


def _holds(output: str, form: str) -> bool:
    """Whether the output holds the approved form anywhere (any case): then it is left alone."""
    return _pattern(form).search(output) is not None


def _free(span: Span, taken: list[Span]) -> bool:
    return all(span[1] <= start or end <= span[0] for start, end in taken)


def _disjoint(spans: list[Span]) -> bool:
    return all(earlier[1] <= later[0] for earlier, later in pairwise(spans))
