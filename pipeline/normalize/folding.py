"""Folding: map text to a matching key per language, and map key positions back to the text.

A folder drops some characters (harakat, tatweel, spaces, hyphens) and replaces others
(ج→غ, ى→ي, ة→ه, alef and hamza forms) so that every known spelling of a name folds to the same
key. `fold` is a fast `str.translate`; positions are mapped back only for lines that matched.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

ARABIC_HARAKAT = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0670"
TATWEEL = "\u0640"
ARABIC_LETTER_FOLDS = {
    "ج": "غ",  # Vietnamese "ng" is written both ways by MT systems
    "ى": "ي",
    "ة": "ه",
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ؤ": "و",
    "ئ": "ي",
}
SPACES = " \u00a0\u200b\u200c\u200d\u2009\u202f"
SHORT_TABLE = 16


def _latin_fold_table() -> dict[int, str]:
    """Lowercase letters without diacritics, for every precomposed Latin letter (đ→d)."""
    table: dict[int, str] = {ord("đ"): "d", ord("Đ"): "d"}
    for code in range(0xC0, 0x2000):
        char = chr(code)
        if not char.isalpha():
            continue
        base = unicodedata.normalize("NFD", char)[0].lower()
        if base != char and len(base) == 1 and base.isascii():
            table[code] = base
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code).lower()
    return table


_LATIN = _latin_fold_table()


@dataclass(frozen=True)
class Folder:
    """One language's folding: a translate table; characters mapped to None are dropped."""

    table: dict[int, str | None]

    def fold(self, text: str) -> str:
        if self._replacements is None:
            return text.translate(self.table)
        if self._dropped is not None:
            text = self._dropped.sub("", text)
        for old, new in self._replacements:
            if old in text:
                text = text.replace(old, new)
        return text

    def __post_init__(self) -> None:
        assert all(value is None or len(value) == 1 for value in self.table.values()), "1:1 or dropped"
        dropped = "".join(chr(code) for code, value in self.table.items() if value is None)
        object.__setattr__(self, "_dropped", re.compile(f"[{re.escape(dropped)}]") if dropped else None)
        # A short table is faster as a few str.replace calls than as str.translate (slow off ASCII).
        replacements = [(chr(code), value) for code, value in self.table.items() if value is not None]
        object.__setattr__(self, "_replacements", replacements if len(replacements) <= SHORT_TABLE else None)

    def dropped_positions(self, text: str) -> list[int]:
        """Indices of the text characters that `fold` drops, ascending."""
        return [m.start() for m in self._dropped.finditer(text)] if self._dropped else []

    @staticmethod
    def original_index(folded_index: int, dropped: list[int]) -> int:
        """The text index of the character at `folded_index` of the folded text.

        It is the least fixed point of index = folded_index + (dropped characters up to index),
        reached from below in a few steps.
        """
        index = folded_index
        while (shifted := folded_index + bisect_right(dropped, index)) != index:
            index = shifted
        return index

    def is_dropped(self, char: str) -> bool:
        return ord(char) in self.table and self.table[ord(char)] is None


def _drop(chars: str) -> dict[int, None]:
    return dict.fromkeys(map(ord, chars))


VIETNAMESE = Folder(dict(_LATIN))
"""Diacritics and case folded, nothing dropped: `fold` keeps positions."""

APOSTROPHES = {ord(q): "'" for q in "\u2019\u2018\u02bc\u00b4`"}
ENGLISH = Folder({**_LATIN, **APOSTROPHES, **_drop(SPACES + "-\u2010\u2011\u2013")})
ARABIC = Folder(
    {
        **{ord(k): v for k, v in ARABIC_LETTER_FOLDS.items()},
        **_drop(ARABIC_HARAKAT + TATWEEL + SPACES),
    }
)
LAO = Folder(_drop(SPACES))

FOLDERS = {"vi": VIETNAMESE, "en": ENGLISH, "ar": ARABIC, "lo": LAO}
