"""Vietnamese names the glossary does not know, found by shape and context, with proposed forms."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..languages import TARGETS
from .syllable import parse_syllable
from .transliterate import Transliterator

SURNAMES = frozenset(
    """Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trương Lâm Mai
    Trịnh Đoàn Lương Cao Tạ Hà Tôn Thái Văn Kiều Quách Lưu Chu Triệu Khổng""".split()
)
# Words after which a capitalized run is a name: titles, and kinds of places.
NAME_INTRODUCERS = frozenset(
    """ông bà anh chị em đồng_chí cụ tỉnh huyện xã thị_xã thị_trấn thành_phố phường thôn bản làng
    sông núi đèo cầu suối hồ đảo""".split()
)
UPPERCASE = "".join(chr(code) for code in range(0x41, 0x1F00) if chr(code).isupper())
_CAPITALIZED = f"(?<!\\w)[{re.escape(UPPERCASE)}]\\w*"
# The same, starting with the character class (so the regex engine skips to capitals) and with the
# lookbehind after it; within a sequence a space precedes each word.
CAPITALIZED_SEQUENCE = re.compile(f"[{re.escape(UPPERCASE)}](?<!\\w.)\\w*(?: [{re.escape(UPPERCASE)}]\\w*)+")
CAPITALIZED_WORD = re.compile(_CAPITALIZED)


@cache
def transliterator() -> Transliterator:
    return Transliterator()


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() and parse_syllable(word) is not None


def capitalized_runs(text: str) -> list[tuple[int, int]]:
    """Spans of two or more consecutive capitalized Vietnamese syllables separated by one space."""
    return [
        (sequence.start() + start, sequence.start() + end)
        for sequence in CAPITALIZED_SEQUENCE.finditer(text)  # most lines have few: the scan is in C
        for start, end in _syllable_runs(sequence.group())
    ]


@lru_cache(maxsize=65536)
def _syllable_runs(sequence: str) -> tuple[tuple[int, int], ...]:
    """The runs of two or more syllables in a sequence of capitalized words (names recur)."""
    runs, syllables = [], []
    for word in CAPITALIZED_WORD.finditer(sequence):
        if _is_name_word(word.group()):
            syllables.append(word)
            continue
        if len(syllables) >= 2:
            runs.append((syllables[0].start(), syllables[-1].end()))
        syllables = []
    if len(syllables) >= 2:
        runs.append((syllables[0].start(), syllables[-1].end()))
    return tuple(runs)


def introduced(text: str, start: int) -> bool:
    """Whether the words just before `start` are a title or a kind of place (ông, tỉnh, thị xã)."""
    words = text[:start].lower().split()
    return bool(words) and (words[-1] in NAME_INTRODUCERS or "_".join(words[-2:]) in NAME_INTRODUCERS)


def unknown_names(text: str, known: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of person or place names not covered by `known` (glossary) spans."""
    found, exactly_known = [], set(known)
    for start, end in capitalized_runs(text):
        if (start, end) in exactly_known:  # most runs are a glossary name, whole
            continue
        while text[start:end].split(" ", 1)[0].lower() in NAME_INTRODUCERS and text.find(" ", start, end) > 0:
            start = text.find(" ", start, end) + 1  # "Ông Nguyễn Văn Hùng": the title is not the name
        if text.find(" ", start, end) < 0 or any(start < k_end and k_start < end for k_start, k_end in known):
            continue
        first_word = text[start:end].split(" ", 1)[0]
        if first_word in SURNAMES or introduced(text, start):
            found.append((start, end))
    return found


def proposed_forms(name: str) -> dict[str, str]:
    """The transliterator's ar, en and lo forms of a Vietnamese name, for a reviewer."""
    return {lang: transliterator().transliterate(name, lang) for lang in TARGETS}
