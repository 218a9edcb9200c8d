"""Vietnamese syllables: parsing into onset, glide, nucleus, coda and tone, and tone-mark placement.

Two tone-mark styles are in use. They differ only in open syllables (no coda) whose vowel group is
oa, oe or uy: the traditional style marks the first vowel (hòa, khỏe, thủy), the modern style the
second (hoà, khoẻ, thuỷ). Every other syllable is written the same way in both styles.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, get_args

Tone = Literal["ngang", "huyen", "sac", "hoi", "nga", "nang"]
ToneStyle = Literal["traditional", "modern"]

TONES: tuple[Tone, ...] = get_args(Tone)
ONSETS = frozenset("b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x".split()) | {""}
GLIDES = frozenset({"", "o", "u"})
NUCLEI = frozenset("a ă â e ê i y o ô ơ u ư iê yê ia ya uô ua ươ ưa oo".split())
SEMIVOWEL_CODAS = frozenset("i y o u".split())
CONSONANT_CODAS = frozenset("c ch m n ng nh p t".split())
CODAS = CONSONANT_CODAS | SEMIVOWEL_CODAS | {""}

_TONE_OF_MARK: dict[str, Tone] = {
    "\u0300": "huyen",
    "\u0301": "sac",
    "\u0309": "hoi",
    "\u0303": "nga",
    "\u0323": "nang",
}
_MARK_OF_TONE = {tone: mark for mark, tone in _TONE_OF_MARK.items()}
_QUALITY_MARKS = "\u0302\u0306\u031b"  # circumflex (â ê ô), breve (ă), horn (ơ ư)
_ALPHABET = frozenset("abcdđeghiklmnopqrstuvxyăâêôơư")
_VOWELS = frozenset("aăâeêioôơuưy")
_ONSETS_LONGEST_FIRST = sorted(ONSETS - {""}, key=lambda onset: (-len(onset), onset))
_CODAS_LONGEST_FIRST = sorted(CONSONANT_CODAS, key=lambda coda: (-len(coda), coda))

# Which nuclei may follow each glide: hoa, hoặc, khoe; tuần, thuế, thủy, thuở, nguyên, khuya.
_GLIDE_NUCLEI = {"o": {"a", "ă", "e"}, "u": {"â", "ê", "y", "ơ", "yê", "ya"}}
# Which nuclei may precede each semivowel coda when there is no glide.
_SEMIVOWEL_NUCLEI = {
    "i": {"a", "o", "ô", "ơ", "u", "ư", "uô", "ươ"},
    "y": {"a", "â"},
    "o": {"a", "e"},
    "u": {"a", "â", "ê", "i", "ư", "iê", "yê", "ươ"},
}
# Glide + nucleus + semivowel coda: ngoài, xoay, ngoao, ngoéo, khuây, khuỷu.
_GLIDED_SEMIVOWEL_RHYMES = {"oai", "oay", "oao", "oeo", "uây", "uyu"}
_NEEDS_CODA = {"ă", "â", "iê", "yê", "uô", "ươ", "oo"}
_OPEN_ONLY = {"ia", "ya", "ua", "ưa"}
_PALATAL_CODA_NUCLEI = {"a", "ê", "i", "y"}  # the only nuclei before ch and nh
_NO_VELAR_CODA_NUCLEI = {"ê", "i", "y"}  # never before c and ng (those are written ch, nh)
STOP_CODAS = frozenset({"c", "ch", "p", "t"})
_NOT_ON_STOP_CODAS = {"huyen", "hoi", "nga"}
_FIRST_ELEMENT_TONED = {"ia", "ya", "ua", "ưa"}  # chìa, khuya, mùa, giữa; iê, uô, ươ mark the second
_STYLE_DEPENDENT_GROUPS = {"oa", "oe", "uy"}


@dataclass(frozen=True)
class Syllable:
    """One Vietnamese syllable, lowercase, tone separated from the letters."""

    onset: str
    glide: str
    nucleus: str
    coda: str
    tone: Tone


@lru_cache(maxsize=65536)  # running text repeats its words; callers parse every word of it
def parse_syllable(word: str) -> Syllable | None:
    """`word` (any case, NFC or NFD) as a syllable, or None when it is not one Vietnamese syllable.

    Lenient about where the tone mark sits (either style, or a misplaced mark) and about a missing
    mark on a syllable closed by c, ch, p or t (text written without marks); strict about letters,
    structure and a huyền, hỏi or ngã mark on such a closed syllable.
    """
    split = _split_tone(word)
    if split is None:
        return None
    letters, tone = split
    onset, rest = _split_onset(letters)
    vowels, coda = _split_coda(rest)
    if not vowels or not set(vowels) <= _VOWELS:
        return None
    if coda in STOP_CODAS and tone in _NOT_ON_STOP_CODAS:
        return None
    rhyme = _split_vowels(onset, vowels, coda)
    if rhyme is None:
        return None
    glide, nucleus, coda = rhyme
    return Syllable(onset, glide, nucleus, coda, tone)


def render(s: Syllable, style: ToneStyle = "traditional") -> str:
    """The syllable in lowercase NFC, its tone mark placed by `style`."""
    onset = "g" if s.onset == "gi" and (s.glide + s.nucleus).startswith("i") else s.onset
    rhyme = s.glide + s.nucleus + s.coda
    if s.tone != "ngang":
        at = _tone_index(s, style) + 1
        rhyme = rhyme[:at] + _MARK_OF_TONE[s.tone] + rhyme[at:]
    return unicodedata.normalize("NFC", onset + rhyme)


@lru_cache(maxsize=65536)
def retone(word: str, style: ToneStyle) -> str:
    """`word` with its tone mark placed by `style`, the case of every letter kept.

    `word` itself comes back when it is not a syllable or when both styles write it the same way.
    """
    s = parse_syllable(word)
    if s is None or render(s, "traditional") == render(s, "modern"):
        return word
    source = unicodedata.normalize("NFC", word)
    target = render(s, style)
    return "".join(t.upper() if o.isupper() else t for o, t in zip(source, target, strict=True))


def strip_marks(text: str) -> str:
    """`text` without Vietnamese tone and quality marks, đ→d and Đ→D; length-preserving for NFC."""
    return text.translate(_STRIP_TABLE)


def _split_tone(word: str) -> tuple[str, Tone] | None:
    """Lowercase NFC letters without the tone mark, and the tone; None if not Vietnamese letters."""
    tone: Tone = "ngang"
    kept: list[str] = []
    for char in unicodedata.normalize("NFD", word.lower()):
        if char not in _TONE_OF_MARK:
            kept.append(char)
            continue
        bases = [c for c in kept if not unicodedata.combining(c)]
        if tone != "ngang" or not bases or bases[-1] not in "aeiouy":
            return None
        tone = _TONE_OF_MARK[char]
    letters = unicodedata.normalize("NFC", "".join(kept))
    if not letters or not set(letters) <= _ALPHABET:
        return None
    return letters, tone


def _split_onset(letters: str) -> tuple[str, str]:
    """The onset and what follows it; the i of gi is also the nucleus's i in gì, gìn, giếng."""
    for onset in _ONSETS_LONGEST_FIRST:
        if letters.startswith(onset):
            rest = letters[len(onset) :]
            if onset == "gi" and (rest[:1] not in _VOWELS or rest.startswith("ê")):
                return onset, "i" + rest
            return onset, rest
    return "", letters


def _split_coda(rest: str) -> tuple[str, str]:
    """The vowels and the consonant coda ("" when the syllable ends in a vowel)."""
    for coda in _CODAS_LONGEST_FIRST:
        if rest.endswith(coda):
            return rest[: -len(coda)], coda
    return rest, ""


def _split_vowels(onset: str, vowels: str, coda: str) -> tuple[str, str, str] | None:
    """Glide, nucleus and coda (a semivowel coda split off the vowels), or None if ill-formed."""
    semivowels = [""] if coda else ["", *sorted(SEMIVOWEL_CODAS)]
    for glide in sorted(GLIDES):
        for semivowel in semivowels:
            if vowels.startswith(glide) and vowels.endswith(semivowel):
                nucleus = vowels[len(glide) : len(vowels) - len(semivowel)]
                if _is_rhyme(onset, glide, nucleus, coda or semivowel):
                    return glide, nucleus, coda or semivowel
    return None


def _is_rhyme(onset: str, glide: str, nucleus: str, coda: str) -> bool:
    """Whether glide + nucleus + coda is a Vietnamese rhyme after `onset`."""
    if nucleus not in NUCLEI or (nucleus == "ya" and glide != "u"):
        return False
    if glide and (onset in {"gi", "qu"} or nucleus not in _GLIDE_NUCLEI[glide]):
        return False
    if (nucleus in _OPEN_ONLY and coda) or (nucleus in _NEEDS_CODA and not coda):
        return False
    if nucleus == "y" and coda and not glide and onset != "qu":
        return False  # y before a final consonant only as uy (huỳnh, quýt); "vỵnh" is not a syllable
    if coda in SEMIVOWEL_CODAS:
        if glide:
            return glide + nucleus + coda in _GLIDED_SEMIVOWEL_RHYMES
        return nucleus in _SEMIVOWEL_NUCLEI[coda]
    if coda in {"ch", "nh"}:
        return nucleus in _PALATAL_CODA_NUCLEI
    if coda in {"c", "ng"}:
        return nucleus not in _NO_VELAR_CODA_NUCLEI
    return True


def _tone_index(s: Syllable, style: ToneStyle) -> int:
    """Index, in glide + nucleus, of the vowel that carries the tone mark."""
    if style == "traditional" and not s.coda and s.glide + s.nucleus in _STYLE_DEPENDENT_GROUPS:
        return 0
    if len(s.nucleus) == 2 and s.nucleus not in _FIRST_ELEMENT_TONED:
        return len(s.glide) + 1
    return len(s.glide)


def _strip_table() -> dict[int, str | None]:
    """Translate table: precomposed Latin letters lose their Vietnamese marks; lone marks go."""
    marks = set(_TONE_OF_MARK) | set(_QUALITY_MARKS)
    table: dict[int, str | None] = {ord("đ"): "d", ord("Đ"): "D", **dict.fromkeys(map(ord, marks))}
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        decomposed = unicodedata.normalize("NFD", chr(code))
        if marks & set(decomposed):
            kept = "".join(c for c in decomposed if c not in marks)
            table[code] = unicodedata.normalize("NFC", kept)
    return table


_STRIP_TABLE = _strip_table()
