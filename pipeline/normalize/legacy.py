"""Legacy Vietnamese 8-bit encodings (TCVN3, VNI, VISCII, Windows-1258): decoding to NFC, and detection.

Python has a codec only for Windows-1258; the TCVN3, VISCII and VNI tables below are written out from
their standards. Every byte of every legacy encoding decodes to some character, so decoding never fails:
a byte an encoding leaves unassigned decodes as in Windows-1252 (TCVN3, VNI), or as the C1 control of the
same number where Windows-1252 or Windows-1258 has none.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import get_args

from .syllable import ToneStyle, parse_syllable, render

LEGACY_ENCODINGS = ("tcvn3", "vni", "viscii", "cp1258")

_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRCUMFLEX, _BREVE = "\u0302", "\u0306"
_TONE_MARKS = frozenset((_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT))


def _codec_table(codec: str) -> tuple[str, ...]:
    """The character of each byte in a Python single-byte codec; an undefined byte keeps its C1 code."""
    return tuple(bytes([byte]).decode(codec, errors="ignore") or chr(byte) for byte in range(256))


# VISCII, RFC 1456 (1993): ASCII with all 134 precomposed Vietnamese letters, six of them on C0 controls.
_VISCII_C0 = {0x02: "Ẳ", 0x05: "Ẵ", 0x06: "Ẫ", 0x14: "Ỷ", 0x19: "Ỹ", 0x1E: "Ỵ"}
_VISCII_HIGH = (
    "ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐ"  # 0x80
    "ỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲ"  # 0x90
    "Õắằặấầẩậẽẹếềểễệố"  # 0xA0
    "ồổỗỠƠộờởịỰỨỪỬơớƯ"  # 0xB0
    "ÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳ"  # 0xC0
    "ĐứÒÓÔạỷừửÙÚỹỵÝỡư"  # 0xD0
    "àáâãảăữẫèéêẻìíĩỉ"  # 0xE0
    "đựòóôõỏọụùúũủýợỮ"  # 0xF0
)
_VISCII = tuple(_VISCII_C0.get(byte, chr(byte)) for byte in range(0x80)) + tuple(_VISCII_HIGH)

# TCVN3: the VN3 set of TCVN 5712:1993 ("ABC", the .VnTime fonts), 0xA0-0xFF. VN3 keeps ASCII and the C0
# and C1 controls and adds 75 characters: no-break space, the capitals Ă Â Ê Ô Ơ Ư Đ and all 67 small
# letters. "_" marks the bytes VN3 leaves unassigned (VN2 and VN1, which glibc's TCVN5712-1 implements,
# put capitals with tone marks and combining marks there); they, and 0x80-0x9F, decode as in Windows-1252,
# the code page under the ABC fonts. Capitals with tone marks were written in a separate all-caps font
# with the small letters' bytes: see _restore_capitals.
_UNASSIGNED = "_"
_VN3_HIGH = (
    "\u00a0ĂÂÊÔƠƯĐăâêôơưđ_"  # 0xA0
    "_____àảãáạ_ằẳẵắ_"  # 0xB0
    "______ặầẩẫấậè_ẻẽ"  # 0xC0
    "éẹềểễếệìỉ___ĩíịò"  # 0xD0
    "_ỏõóọồổỗốộờởỡớợù"  # 0xE0
    "_ủũúụừửữứựỳỷỹýỵ_"  # 0xF0
)
_TCVN3 = tuple(
    vn3 if vn3 != _UNASSIGNED else cp1252
    for cp1252, vn3 in zip(_codec_table("cp1252"), _UNASSIGNED * 0xA0 + _VN3_HIGH, strict=True)
)
# The 60 small letters with a tone mark, whose capitals VN3 lacks: their case is unknown.
_TCVN3_CASELESS = frozenset(c for c in _VN3_HIGH if c.islower() and c not in "ăâêôơưđ")

# VNI Windows (the VNI fonts, VNI Software): Windows-1252 with Vietnamese letters written as a base letter
# followed by one byte holding its marks. Keys are the bytes of the small-letter forms; each capital
# form is the same Windows-1252 letter in upper case, 0x20 lower (ñ 0xF1 is đ, Ñ 0xD1 is Đ).
# ì í Ì Í are their Windows-1252 selves.
_VNI_LETTERS = {0xF1: "đ", 0xF4: "ơ", 0xF6: "ư", 0xE6: "ỉ", 0xF3: "ĩ", 0xF2: "ị", 0xEE: "ỵ"}
_VNI_MARKS = {
    0xF8: _GRAVE,  # ø
    0xF9: _ACUTE,  # ù
    0xFB: _HOOK,  # û
    0xF5: _TILDE,  # õ
    0xEF: _DOT,  # ï
    0xE2: _CIRCUMFLEX,  # â
    0xE0: _CIRCUMFLEX + _GRAVE,  # à
    0xE1: _CIRCUMFLEX + _ACUTE,  # á
    0xE5: _CIRCUMFLEX + _HOOK,  # å
    0xE3: _CIRCUMFLEX + _TILDE,  # ã
    0xE4: _CIRCUMFLEX + _DOT,  # ä
    0xEA: _BREVE,  # ê
    0xE8: _BREVE + _GRAVE,  # è
    0xE9: _BREVE + _ACUTE,  # é
    0xFA: _BREVE + _HOOK,  # ú
    0xFC: _BREVE + _TILDE,  # ü
    0xEB: _BREVE + _DOT,  # ë
}
_VNI_MARKS |= {byte - 0x20: marks for byte, marks in _VNI_MARKS.items()}
_VNI_LETTERS |= {byte - 0x20: letter.upper() for byte, letter in _VNI_LETTERS.items()}
_VNI = tuple(_VNI_LETTERS.get(byte, char) for byte, char in enumerate(_codec_table("cp1252")))
_VNI_BASES = {"": "aeiouy", _CIRCUMFLEX: "aeo", _BREVE: "a"}  # the letters each quality mark goes on

_CP1258 = _codec_table("cp1258")  # tone marks are combining characters after the letter

_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"[^\W\d_]+")
_TYPOGRAPHY = frozenset("\u00a0“”‘’–—…•«»°·₫")
# Windows-1252 symbols that Vietnamese text hardly uses: in a decoding, they are mojibake.
_MOJIBAKE_SYMBOLS = frozenset(c for c in _codec_table("cp1252")[0x80:0xC0] if not c.isalpha()) - _TYPOGRAPHY


CONFIDENT = 0.7
"""The share of well-formed syllables (among non-ASCII words and mojibake characters) above which a
legacy decoding is trusted."""


@dataclass(frozen=True)
class Reading:
    """How Vietnamese a decoding looks. ASCII words read the same in every encoding and do not count;
    nor do words in another script (the UTF-8 of Arabic or Lao text), which no legacy decoding makes."""

    encoding: str
    syllables: int
    """Non-ASCII words that are well-formed Vietnamese syllables."""
    words: int
    """Non-ASCII Latin words."""
    mojibake: int
    """Control or unassigned characters, unattached combining marks, unlikely symbols."""

    @property
    def score(self) -> int:
        """Syllables, less malformed words and mojibake characters."""
        return 2 * self.syllables - self.words - self.mojibake

    @property
    def confident(self) -> bool:
        return self.syllables > CONFIDENT * (self.words + self.mojibake)

    def evidence(self) -> str:
        return (
            f"{self.syllables} of {self.words} non-ASCII words are Vietnamese syllables in {self.encoding}, "
            f"{self.mojibake} unlikely character(s)"
        )


def decode_legacy(data: bytes, encoding: str) -> str:
    """Decode bytes in one of LEGACY_ENCODINGS (or "utf-8") to NFC Unicode text.

    Legacy decoding never fails (see the module docstring). UTF-8 loses a leading BOM, and invalid UTF-8
    raises UnicodeDecodeError. An unknown encoding is a ValueError.
    """
    decoder = _DECODERS.get(encoding.lower())
    if decoder is None:
        raise ValueError(
            f"unknown encoding {encoding!r}: expected utf-8 or one of {', '.join(LEGACY_ENCODINGS)}"
        )
    return unicodedata.normalize("NFC", decoder(data))


def guess_legacy(data: bytes) -> Reading:
    """The legacy encoding whose decoding of `data` reads most like Vietnamese, with its evidence.

    A tie, which only very short texts produce (the VISCII bytes of "Quảng Trị" read as the
    well-formed "Quọng Trá" in TCVN3), goes to the earlier of LEGACY_ENCODINGS, which runs from the
    most to the least common of them.
    """
    return max((read_as(data, encoding) for encoding in LEGACY_ENCODINGS), key=lambda r: r.score)


def read_as(data: bytes, encoding: str) -> Reading:
    """How Vietnamese `data` reads in `encoding`."""
    text = decode_legacy(data, encoding)
    words = [w for w in _WORD.findall(text) if not w.isascii() and not _is_foreign(w)]
    return Reading(encoding, sum(map(_is_syllable, words)), len(words), sum(map(_is_mojibake, text)))


def _decode_tcvn3(data: bytes) -> str:
    """TCVN3 (VN3) bytes as text, capitals with tone marks restored where a line or word is all caps."""
    return _restore_capitals("".join([_TCVN3[byte] for byte in data]))


def _restore_capitals(text: str) -> str:
    """The caseless small letters of TCVN3 in upper case inside all-caps lines and all-caps words.

    "QU¶NG TRÞ" (QUẢNG TRỊ in an all-caps font) decodes as "QUẢNG TRỊ"; a capital with a tone mark
    among small letters ("Ở Vĩnh Linh", "Ấn tượng") stays small ("ở", "ấn"), and so does one in a short
    all-caps word in a mixed-case line ("CỬA KHẨU QUỐC TẾ" in a sentence gives "... QUỐC Tế").
    """

    def in_line(line: re.Match[str]) -> str:
        if _is_all_caps(line.group()):
            return _upper_caseless(line.group())
        return _WORD.sub(
            lambda w: _upper_caseless(w.group()) if _is_all_caps(w.group()) else w.group(), line.group()
        )

    return _LINE.sub(in_line, text)


def _is_all_caps(span: str) -> bool:
    """At least two capitals and no small letter, apart from TCVN3's caseless ones."""
    cased = [c for c in span if c.isalpha() and c not in _TCVN3_CASELESS]
    return sum(c.isupper() for c in cased) >= 2 and not any(c.islower() for c in cased)


def _upper_caseless(span: str) -> str:
    return "".join(c.upper() if c in _TCVN3_CASELESS else c for c in span)


def _decode_vni(data: bytes) -> str:
    """VNI bytes as text: a mark byte after a vowel that can take it joins that vowel."""
    units: list[str] = []
    for byte in data:
        marks = _VNI_MARKS.get(byte)
        if marks and units and _takes_marks(units[-1], marks):
            units[-1] += marks
        else:
            units.append(_VNI[byte])
    return "".join(units)


def _takes_marks(unit: str, marks: str) -> bool:
    """Whether a letter (with the marks it has so far) can take a VNI mark byte's marks."""
    letter, *present = unicodedata.normalize("NFD", unit.lower())
    quality = marks[0] if marks[0] in (_CIRCUMFLEX, _BREVE) else ""
    if letter not in _VNI_BASES[quality] or (quality and present):
        return False
    return len(marks) == len(quality) or not _TONE_MARKS.intersection(present)


def _decode_table(table: tuple[str, ...]) -> Callable[[bytes], str]:
    """A decoder that maps each byte through a 256-entry table."""
    return lambda data: "".join([table[byte] for byte in data])


_DECODERS: dict[str, Callable[[bytes], str]] = {
    "utf-8": lambda data: data.decode("utf-8-sig"),
    "tcvn3": _decode_tcvn3,
    "vni": _decode_vni,
    "viscii": _decode_table(_VISCII),
    "cp1258": _decode_table(_CP1258),
}


def _is_syllable(word: str) -> bool:
    """A syllable, tone mark where a style puts it ("haì" is not), cased like a word ("HaÌ" is not)."""
    syllable = parse_syllable(word)
    if syllable is None or word not in (word.lower(), word.upper(), word.capitalize()):
        return False
    return unicodedata.normalize("NFC", word.lower()) in {
        render(syllable, style) for style in get_args(ToneStyle)
    }


def _is_mojibake(char: str) -> bool:
    """A control or unassigned character, an unattached combining mark, or an unlikely symbol."""
    if char in "\t\n\r":
        return False
    return unicodedata.category(char)[0] == "C" or "\u0300" <= char <= "\u036f" or char in _MOJIBAKE_SYMBOLS


def _is_foreign(word: str) -> bool:
    """Whether the word has a letter outside the Latin blocks (Vietnamese letters included)."""
    return any(ord(c) >= 0x370 and not 0x1E00 <= ord(c) <= 0x1EFF for c in word)
