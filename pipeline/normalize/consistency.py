"""Document-level consistency for names the glossary lacks: spellings of one name that fold
together (ج/غ, ي/ى, spacing, case, diacritics) are written one way throughout a document, in the
transliteration rules' form where the name's Vietnamese is known, else the most frequent."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import product
from pathlib import Path

from ..terminology.folding import FOLDERS
from ..terminology.glossary import Concept, Glossary
from ..terminology.names import NameMatch, NameMatcher, leftmost_longest
from .engine import Entity, NormalizedLine, extend
from .syllable import CODAS, GLIDES, NUCLEI, ONSETS, Syllable, parse_syllable
from .unknown import transliterator

MAX_WORDS = 4
WORD = {
    "ar": re.compile(r"[\u0621-\u063a\u0640-\u0655\u0670-\u06d3]+"),
    "en": re.compile(r"[^\W\d_]+"),
    "lo": re.compile(r"[\u0e81-\u0edf]+"),
}
ARABIC_PROCLITIC = re.compile(r"[وفبلك](?=..)")
FUNCTION_WORDS = {
    "ar": frozenset("في فى لا ما هو هي كان بين ثم لو يا أن إن ان أو كي رأى سوى مئات أيام".split()),
    "lo": frozenset("ທ່ານ ນາງ ແລະ ທີ່ ໃນ ຂອງ ໄດ້ ແມ່ນ ກັບ ຈາກ ເປັນ ວ່າ ໃຫ້ ຈະ ມີ ຢູ່ ນີ້ ນັ້ນ ຕໍ່ ແຕ່".split()),
}
"""Words (and titles) that are also the rules' spelling of a Vietnamese syllable (phi, la, ma...)."""


@cache
def syllable_keys(lang: str) -> frozenset[str]:
    """The folded spelling of every Vietnamese syllable in Arabic or Lao by the transliteration
    rules (tones aside, which only Lao writes: every tone is tried there)."""
    rules = transliterator().rules(lang)
    tones = list(rules.tone) or ["ngang"]
    fold = FOLDERS[lang].fold
    return frozenset(
        fold(rules.syllable(Syllable(*parts)))
        for parts in product(sorted(ONSETS), sorted(GLIDES), sorted(NUCLEI), sorted(CODAS), tones)
    )


def _name_word(lang: str, word: str) -> bool:
    """Whether a word may be one syllable of a transliterated Vietnamese name."""
    if lang == "en":
        return word[:1].isupper() and parse_syllable(word) is not None
    return word not in FUNCTION_WORDS[lang] and FOLDERS[lang].fold(word) in syllable_keys(lang)


@dataclass
class DocumentName:
    """One name the glossary lacks, as the document spells it."""

    form: str
    vi: str = ""
    spellings: Counter[str] = field(default_factory=Counter)
    occurrences: list[tuple[int, NameMatch]] = field(default_factory=list)
    """(line index, match) of each occurrence."""


class DocumentNames:
    """Finds and unifies, in one language, the names a document spells more than one way."""

    def __init__(self, glossary: Glossary, lang: str):
        self.lang = lang
        self.glossary = glossary
        self.folder = FOLDERS[lang]
        self.known = NameMatcher(glossary, lang)

    def find(self, lines: list[str], vietnamese: Iterable[str] = ()) -> list[DocumentName]:
        """Names spelled two or more ways, by first occurrence. `vietnamese`: names the glossary
        lacks that the source holds, whose rules' form is then the one chosen."""
        ruled = {self.folder.fold(form): (form, vi) for vi in vietnamese if (form := self._rules_form(vi))}
        keys = dict.fromkeys(self.folder.fold(run) for line in lines for run in self._runs(line))
        keys |= dict.fromkeys(ruled)
        keys = [key for key in keys if key]
        if not keys:
            return []
        concepts = [Concept(str(i), "person", "proposed", {self.lang: key}) for i, key in enumerate(keys)]
        matcher = NameMatcher(Glossary(Path("<document>"), concepts, "", self.glossary.not_names), self.lang)
        matches = [self._unknown(line, matcher) for line in lines]
        spellings: dict[str, set[str]] = {}
        for line, line_matches in zip(lines, matches, strict=True):
            for match in line_matches:
                spellings.setdefault(match.entry.form, set()).add(line[match.start : match.end])
        names: dict[str, DocumentName] = {}
        for index, (line, line_matches) in enumerate(zip(lines, matches, strict=True)):
            for match in _ruled_first([m for m in line_matches if len(spellings[m.entry.form]) > 1], ruled):
                key = match.entry.form
                name = names.setdefault(key, DocumentName(*ruled.get(key, ("", ""))))
                surface = line[match.start : match.end]
                if not (self.lang == "en" and surface.isupper()):  # all caps stays all caps
                    name.spellings[surface] += 1
                    name.occurrences.append((index, match))
        found = [name for name in names.values() if len(name.spellings) > 1]
        for name in found:
            name.form = name.form or self._house_style(name.spellings.most_common(1)[0][0])
        return found

    def _house_style(self, spelling: str) -> str:
        """English: the rules' form of a spelling (marks stripped, words capitalized) where it has
        one; otherwise, and in Arabic and Lao, the spelling itself."""
        if self.lang != "en":
            return spelling
        return self._rules_form(spelling.replace("-", " ")) or spelling

    def unify(self, lines: list[NormalizedLine], vietnamese: Iterable[str] = ()) -> None:
        """Write every name of `find` in its one form, each change a `document` edit and each
        occurrence an entity with source `document`."""
        names = self.find([line.text for line in lines], vietnamese)
        per_line: dict[int, list[tuple[NameMatch, DocumentName]]] = {}
        for name in names:
            for index, match in name.occurrences:
                per_line.setdefault(index, []).append((match, name))
        for index, occurrences in per_line.items():
            line = lines[index]
            changes, found, delta = [], [], 0
            for match, name in sorted(occurrences, key=lambda item: item[0].start):
                surface = line.text[match.start : match.end]
                if surface != name.form:
                    changes.append((match.start, match.end, name.form))
                start = match.start + delta
                delta += len(name.form) - len(surface)
                found.append(Entity(name.vi, surface, name.form, start, start + len(name.form), "document"))
            extend(line, "document", changes, found)

    def _rules_form(self, vi: str) -> str | None:
        try:
            return transliterator().transliterate(vi, self.lang)
        except ValueError:
            return None

    def _runs(self, text: str) -> Iterator[str]:
        """Runs of two to MAX_WORDS name-like words, one space apart, outside glossary names."""
        taken = Spans(leftmost_longest(self.known.find(text)))
        words = []
        for word in WORD[self.lang].finditer(text):
            start = word.start()
            if self.lang == "ar" and not _name_word("ar", word.group()):
                start += bool(ARABIC_PROCLITIC.match(word.group()))
            name_like = _name_word(self.lang, text[start : word.end()])
            inside = taken.overlap(start, word.end())
            if not name_like or inside or (words and text[words[-1][1] : start] != " "):
                yield from _ngrams(text, words)
                words = []
            if name_like and not inside:
                words.append((start, word.end()))
        yield from _ngrams(text, words)

    def _unknown(self, text: str, matcher: NameMatcher) -> list[NameMatch]:
        """The document names in a line (overlapping ones too) that overlap no glossary name."""
        taken = Spans(leftmost_longest(self.known.find(text)))
        return [match for match in matcher.find(text) if not taken.overlap(match.start, match.end)]


class Spans:
    """Non-overlapping matches in text order, asked (by bisection) whether a span overlaps one."""

    def __init__(self, matches: list[NameMatch]):
        self.starts = [match.start for match in matches]
        self.ends = [match.end for match in matches]

    def overlap(self, start: int, end: int) -> bool:
        last = bisect_left(self.starts, end) - 1  # the last one starting before `end`
        return last >= 0 and self.ends[last] > start


def _ruled_first(matches: list[NameMatch], ruled: dict) -> list[NameMatch]:
    """Leftmost-longest matches, those of names whose Vietnamese is known taken first (a longer
    run around one, such as a title, gives way)."""
    first = leftmost_longest([match for match in matches if match.entry.form in ruled])
    taken = Spans(first)
    rest = [match for match in matches if not taken.overlap(match.start, match.end)]
    return sorted(first + leftmost_longest(rest), key=lambda match: match.start)


def _ngrams(text: str, words: list[tuple[int, int]]) -> Iterator[str]:
    for size in range(2, MAX_WORDS + 1):
        for first in range(len(words) - size + 1):
            yield text[words[first][0] : words[first + size - 1][1]]
