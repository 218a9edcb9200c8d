"""Where words start and end, per script: a term may be replaced, or counted as present, only
where it stands as whole words.

Latin: between a word character (letter, digit, combining mark) and anything else. Arabic: the
same, except that a word may also start after attached proclitics (و ف ب ك ل ال). Lao, written
without spaces: where laonlp's dictionary segmenter puts a word boundary, never inside a syllable
(before a vowel sign, tone mark or following vowel, after a leading vowel) and never before a
vowelless letter that repeats the one before it (ແຂວງງ). Lao ligatures ໜ ໝ ຳ and their
two-letter spellings ຫນ ຫມ ໍາ are the same letters to the segmenter.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from functools import cached_property

ARABIC_PROCLITICS = re.compile(r"[وف]?(?:[بكل]|لل)?(?:ال)?")
ARABIC_LETTER_RANGES = ((0x620, 0x64A), (0x66E, 0x6D3), (0x6FA, 0x6FF))
ARABIC_LETTERS = frozenset(chr(code) for low, high in ARABIC_LETTER_RANGES for code in range(low, high + 1))

LAO_LIGATURES = {"ຫນ": "ໜ", "ຫມ": "ໝ", "\u0ecd\u0eb2": "\u0eb3"}
"""Two-letter spellings (what NFKC and sentencepiece models write) and the one letter they are."""
_LAO_LIGATURE = re.compile("|".join(LAO_LIGATURES))
LAO_LEADING_VOWELS = frozenset("ເແໂໃໄ")
LAO_FOLLOWING_SIGNS = frozenset("ະາຳຽໆ")
"""Spacing signs that end a syllable and never start one."""
LAO_VOWELS = frozenset("ະັາຳິີຶືຸູົຽເແໂໃໄໍອວ")
"""Vowel signs, and the letters ອ ວ that write a vowel inside a syllable (ຂອງ, ມວນ)."""


def is_lao(char: str) -> bool:
    return "\u0e80" <= char <= "\u0eff"


def is_word_char(char: str) -> bool:
    """A letter, a digit or a combining mark."""
    return char.isalnum() or unicodedata.category(char) == "Mn"


_MARKS = "".join(char for char in map(chr, range(0x300, 0x10000)) if unicodedata.category(char) == "Mn")
WORD_RUN = re.compile(f"(?:[^\\W_]|[{re.escape(_MARKS)}])+")
"""A run of word characters (`is_word_char`)."""


def script_of(text: str) -> str:
    """The script a term is written in, as `pipeline.languages` names it: Arabic, Lao or Latin."""
    if any(char in ARABIC_LETTERS for char in text):
        return "Arabic"
    return "Lao" if any(is_lao(char) for char in text) else "Latin"


def compose_lao(text: str) -> tuple[str, list[int]]:
    """`text` with ຫນ ຫມ ໍາ written as ໜ ໝ ຳ, and for each of its characters (and its end) the
    index in `text` it comes from."""
    composed, origin, cursor = [], [], 0
    for match in _LAO_LIGATURE.finditer(text):
        composed.append(text[cursor : match.start()])
        origin += range(cursor, match.start())
        composed.append(LAO_LIGATURES[match.group()])
        origin.append(match.start())
        cursor = match.end()
    composed.append(text[cursor:])
    origin += range(cursor, len(text) + 1)
    return "".join(composed), origin


def _lao_segmenter_bounds(text: str) -> frozenset[int]:
    """Word boundaries laonlp finds in the text (read with ligatures composed), except before
    letters without a vowel that repeat the letter before them (the second ງ of ແຂວງງ is no word)."""
    from laonlp.tokenize import word_tokenize

    composed, origin = compose_lao(text)
    bounds, stray, cursor = {0}, set(), 0
    for token in word_tokenize(composed):
        found = composed.find(token, cursor)
        if found < 0:  # the segmenter changed the text: trust only what was matched so far
            break
        cursor = found + len(token)
        bounds |= {origin[found], origin[cursor]}
        if found and composed[found - 1] == token[0] and _vowelless(token):
            stray.add(origin[found])
    return frozenset(bounds - stray)


def _vowelless(token: str) -> bool:
    return all(is_lao(char) and char not in LAO_VOWELS and not char.isdigit() for char in token)


class WordBounds:
    """Where words may start and end in one text written in one script."""

    def __init__(self, script: str, text: str):
        self.script = script
        self.text = text
        self._occurrences: dict[str, list[tuple[int, int]]] = {}

    def is_end(self, index: int) -> bool:
        """Whether a word may end (or start) at `index`: not between two word characters, or (Lao)
        at a boundary of the segmenter that does not split a syllable."""
        text = self.text
        if index <= 0 or index >= len(text):
            return 0 <= index <= len(text)
        before, after = text[index - 1], text[index]
        if not (is_word_char(before) and is_word_char(after)):
            return True
        return (
            self.script == "Lao"
            and is_lao(before)
            and is_lao(after)
            and index in self._lao_bounds
            and unicodedata.category(after) != "Mn"
            and after not in LAO_FOLLOWING_SIGNS
            and before not in LAO_LEADING_VOWELS
            and before + after not in LAO_LIGATURES
        )

    def is_start(self, index: int) -> bool:
        """A word boundary, or (Arabic) the end of proclitics attached to a word."""
        if self.is_end(index):
            return True
        if self.script != "Arabic" or index >= len(self.text) or self.text[index] not in ARABIC_LETTERS:
            return False
        word_start = index
        while word_start > 0 and self.text[word_start - 1] in ARABIC_LETTERS:
            word_start -= 1
        return (
            self.is_end(word_start) and ARABIC_PROCLITICS.fullmatch(self.text, word_start, index) is not None
        )

    def stands_alone(self, start: int, end: int) -> bool:
        """Whether text[start:end] begins and ends on word boundaries."""
        return start < end and self.is_start(start) and self.is_end(end)

    def occurrences(self, form: str) -> list[tuple[int, int]]:
        """Spans where `form` (any case) stands alone; each form searched once per text (a long
        line names the same terms hundreds of times)."""
        if form not in self._occurrences:
            pattern = re.compile(re.escape(form), re.IGNORECASE)
            found = (match.span() for match in pattern.finditer(self.text))
            self._occurrences[form] = [(start, end) for start, end in found if self.stands_alone(start, end)]
        return self._occurrences[form]

    @cached_property
    def starts(self) -> list[int]:
        """Where words start, in text order: runs of word characters, after Arabic proclitics,
        and between Lao words."""
        text, found = self.text, {start for start, _ in self._runs}
        if self.script == "Arabic":
            found |= {
                start + length
                for start, end in self._runs
                for length in range(1, min(5, end - start))
                if ARABIC_PROCLITICS.fullmatch(text, start, start + length)
                and text[start + length] in ARABIC_LETTERS
            }
        if self.script == "Lao":
            found |= {
                i for i in self._lao_bounds if i < len(text) and is_word_char(text[i]) and self.is_end(i)
            }
        return sorted(found)

    @cached_property
    def ends(self) -> list[int]:
        """Where words end, in text order."""
        found = {end for _, end in self._runs}
        if self.script == "Lao":
            found |= {
                i for i in self._lao_bounds if i > 0 and is_word_char(self.text[i - 1]) and self.is_end(i)
            }
        return sorted(found)

    def ends_between(self, low: int, high: int) -> list[int]:
        """Word ends from `low` to `high`, both included."""
        return self.ends[bisect_left(self.ends, low) : bisect_right(self.ends, high)]

    @cached_property
    def _runs(self) -> list[tuple[int, int]]:
        return [match.span() for match in WORD_RUN.finditer(self.text)]

    @cached_property
    def _lao_bounds(self) -> frozenset[int]:
        return _lao_segmenter_bounds(self.text)
