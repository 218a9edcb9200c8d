"""Names left in Latin script inside Arabic or Lao text (what MT does with a name it does not know:
"مقاطعة Quảng Trị", "ແຂວງ Quang Tri"), found by their Vietnamese or English glossary spellings."""

from __future__ import annotations

import re

from ..terminology.glossary import Glossary
from ..terminology.names import NameMatch, NameMatcher, leftmost_longest
from .context import overlaps, protected_spans

LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")


class LatinNameFinder:
    """Glossary names written in Latin letters in text of another script, with their form there."""

    def __init__(self, glossary: Glossary, lang: str):
        self.lang = lang
        self._matchers = (NameMatcher(glossary, "vi"), NameMatcher(glossary, "en"))

    def find(self, text: str) -> list[tuple[NameMatch, str]]:
        """(match, the name's form to write) for each capitalized Latin name that stands
        alone: not within a longer Latin phrase (Quang Tri Province), and not already annotated
        after its form (كوانغ تري (Quảng Trị))."""
        if not LATIN_LETTER.search(text):
            return []
        spans = protected_spans(text)  # URLs, e-mail addresses, domains, codes
        candidates = [
            match
            for matcher in self._matchers
            for match in matcher.find(text)
            if match.entry.is_name
            and self._stands_alone(text, match)
            and not overlaps(match.start, match.end, spans)
        ]
        return [(match, self._form(text, match)) for match in leftmost_longest(candidates)]

    def _form(self, text: str, match: NameMatch) -> str:
        """The form, less a first word the text has just before it (مقاطعة Quang Tri Province)."""
        form = match.entry.concept.forms[self.lang]
        first, _, rest = form.partition(" ")
        preceding = text[: match.start].split()[-1:]
        return rest if rest and preceding == [first] else form

    def _stands_alone(self, text: str, match: NameMatch) -> bool:
        form = match.entry.concept.forms.get(self.lang)
        surface = text[match.start : match.end]
        latin = all(LATIN_LETTER.match(char) for char in surface if char.isalpha())
        if not form or not surface[:1].isupper() or not latin:
            return False
        before, after = text[: match.start].rstrip(), text[match.end :].lstrip()
        if (before and LATIN_LETTER.match(before[-1])) or (after and LATIN_LETTER.match(after[0])):
            return False
        return not (before.endswith("(") and before[:-1].rstrip().endswith(form))
