"""Folding: map text to a matching key per language, and map key positions back to the text.

A folder drops some characters (harakat, tatweel, spaces, hyphens) and replaces others
(ج→غ, ى→ي, ة→ه, alef and hamza forms) so that every known spelling of a name folds to the same
key. Folding runs in C (a charmap codec, `str.replace` or `str.translate`); positions are mapped
back only for lines that matched.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from itertools import accumulate

from ..words import LAO_LIGATURES

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


VIETNAMESE_LETTERS = (
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"
)
BYTE_CHARACTERS = "\t" + "".join(map(chr, range(0x20, 0x7F)))  # then the table's own, up to 256


class ByteFolding:
    """A folding table run in C for text written with at most 256 known characters: each character
    is encoded as one byte (a charmap codec), the bytes translated or deleted, the result decoded.

    Folding Vietnamese this way is several times faster than `str.translate`, which looks every
    non-ASCII character up in a dict. Text with another character raises UnicodeEncodeError.
    """

    def __init__(self, table: dict[int, str | None]):
        extra = sorted(
            (chr(code) for code in table if chr(code) not in BYTE_CHARACTERS),
            key=lambda char: (char.isalpha(), char not in VIETNAMESE_LETTERS, char),
        )  # separators and Vietnamese letters first: they are the ones lines hold
        characters = (BYTE_CHARACTERS + "".join(extra))[:256]
        self._charmap = codecs.charmap_build(characters.ljust(256, "\ufffe"))
        folded = [table.get(ord(char), char) for char in characters]
        self._table = bytes(0 if value is None else ord(value) for value in folded).ljust(256, b"\0")
        self._deleted = bytes(index for index, value in enumerate(folded) if value is None)

    def __call__(self, text: str) -> str:
        encoded = codecs.charmap_encode(text, "strict", self._charmap)[0]
        return encoded.translate(self._table, self._deleted).decode("ascii")

    @staticmethod
    def suits(table: dict[int, str | None]) -> bool:
        """Whether every value is ASCII or dropped (so that folded bytes decode as ASCII)."""
        return all(value is None or value.isascii() for value in table.values())


class Folder:
    """One language's folding, from a table of 1:1 replacements; characters mapped to None are dropped.
    `ligatures` fold two adjacent letters into one (Lao ຫນ → ໜ), before the table: the second
    letter counts as dropped.

    `marks` are the dropped characters other than spaces (harakat, tatweel), which a name may carry
    after its last letter; `trailing_marks` matches a run of them.
    """

    def __init__(self, table: dict[int, str | None], ligatures: dict[str, str] | None = None):
        assert all(value is None or len(value) == 1 for value in table.values()), "1:1 or dropped"
        assert all(len(pair) == 2 and len(one) == 1 for pair, one in (ligatures or {}).items())
        self.table = table
        self.ligatures = ligatures or {}
        self._ligature = re.compile("|".join(map(re.escape, self.ligatures))) if self.ligatures else None
        dropped = "".join(chr(code) for code, value in table.items() if value is None)
        self._dropped = re.compile(f"[{re.escape(dropped)}]") if dropped else None
        second_letters = [f"(?<={re.escape(pair[0])}){re.escape(pair[1])}" for pair in self.ligatures]
        gapped = ([f"[{re.escape(dropped)}]"] if dropped else []) + second_letters
        self._gapped = re.compile("|".join(gapped)) if gapped else None
        self._drops_space = " " in dropped
        self.marks = frozenset(char for char in dropped if not char.isspace())
        self.trailing_marks = re.compile(f"[{re.escape(''.join(sorted(self.marks)))}]*" if self.marks else "")
        # A short table is faster as a few str.replace calls than as str.translate (slow off ASCII).
        replacements = [(chr(code), value) for code, value in table.items() if value is not None]
        self._replacements = replacements if len(replacements) <= SHORT_TABLE else None
        self._byte_folding = (
            ByteFolding(table) if self._replacements is None and ByteFolding.suits(table) else None
        )

    def fold(self, text: str) -> str:
        if self._ligature is not None:
            text = self._ligature.sub(lambda match: self.ligatures[match.group()], text)
        if self._byte_folding is not None:
            try:
                return self._byte_folding(text)
            except UnicodeEncodeError:  # a character outside the byte table: rare, exact either way
                return text.translate(self.table)
        if self._replacements is None:
            return text.translate(self.table)
        if self._dropped is not None:
            text = self._dropped.sub("", text)
        for old, new in self._replacements:
            if old in text:
                text = text.replace(old, new)
        return text

    def gaps(self, text: str, folded: str) -> list[int]:
        """For each dropped character, in text order, the folded index of the next kept one.

        Ascending, so the text index of folded index f is f + bisect_right(gaps, f): the dropped
        characters before a kept one are exactly those whose gap is at or before its folded index.
        """
        if self._drops_space and len(text) - len(folded) == text.count(" "):
            # Only spaces were dropped (most lines): the gaps are the running lengths of the words.
            return list(accumulate(map(len, text.split(" "))))[:-1]
        return [m.start() - n for n, m in enumerate(self._gapped.finditer(text))] if self._gapped else []

    def end_in_text(self, text: str, end: int) -> int:
        """The text end of a match mapped back from folded text: past the second letter of a
        ligature it ends with, and past marks (harakat, tatweel) after its last letter."""
        if 0 < end < len(text) and text[end - 1 : end + 1] in self.ligatures:
            end += 1
        if end < len(text) and text[end] in self.marks:
            end = self.trailing_marks.match(text, end).end()
        return end


def _drop(chars: str) -> dict[int, None]:
    return dict.fromkeys(map(ord, chars))


TYPOGRAPHIC = {
    ord(k): v for k, v in {"–": "-", "—": "-", "“": '"', "”": '"', "‘": "'", "’": "'", "…": "."}.items()
}
"""Typographic punctuation folds to ASCII, so that lines holding it stay on the fast byte path."""

VIETNAMESE = Folder({**_LATIN, **TYPOGRAPHIC})
"""Diacritics, case and typographic punctuation folded, nothing dropped: `fold` keeps positions."""

APOSTROPHES = {ord(q): "'" for q in "\u2019\u2018\u02bc\u00b4`"}
ENGLISH = Folder({**_LATIN, **TYPOGRAPHIC, **APOSTROPHES, **_drop(SPACES + "-\u2010\u2011\u2013")})
ARABIC = Folder(
    {
        **{ord(k): v for k, v in ARABIC_LETTER_FOLDS.items()},
        **_drop(ARABIC_HARAKAT + TATWEEL + SPACES),
    }
)
LAO = Folder(_drop(SPACES), LAO_LIGATURES)
"""Spaces dropped; ຫນ ຫມ ໍາ are the letters ໜ ໝ ຳ."""

FOLDERS = {"vi": VIETNAMESE, "en": ENGLISH, "ar": ARABIC, "lo": LAO}
