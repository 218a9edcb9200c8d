"""Rule-based transliteration of Vietnamese names into Arabic, English and Lao.

Arabic and Lao are written syllable by syllable from the tables in `rules/<lang>.toml`, whose
comments document each convention. English is the house style: marks stripped, words capitalized.
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .syllable import (
    CODAS,
    GLIDES,
    NUCLEI,
    ONSETS,
    SEMIVOWEL_CODAS,
    STOP_CODAS,
    TONES,
    Syllable,
    parse_syllable,
    render,
    strip_marks,
)

Lang = Literal["ar", "lo", "en"]
RULES_DIR = Path(__file__).parent / "rules"
SCRIPT_LANGS = ("ar", "lo")
CONSONANT_CLASSES = ("low", "mid", "high")
_SLOT = "-"  # where a nucleus template puts the onset cluster
_UNMARKED_LETTERS = frozenset("abcdeghiklmnopqrstuvxy")


@dataclass(frozen=True)
class ScriptRules:
    """One language's tables (see `rules/ar.toml` and `rules/lo.toml` for their meaning)."""

    separator: str
    onset: dict[str, str]
    glide: dict[str, str]
    nucleus: dict[str, str]
    nucleus_open: dict[str, str]
    nucleus_semivowel: dict[str, str]
    coda: dict[str, str]
    rhyme: dict[str, str]
    initial: dict[str, str]
    contract: dict[str, str]
    syllables: dict[str, str]
    tone: dict[str, dict[str, str]]
    tone_stop: dict[str, dict[str, str]]
    consonant_class: dict[str, str]

    @classmethod
    def load(cls, path: Path) -> ScriptRules:
        """Read and check a rules file: every onset, glide, nucleus, coda and tone has an entry."""
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        _checked(data, ["separator"], str(path))
        tone = _checked(data.get("tone", {}), TONES if "tone" in data else (), f"{path} [tone]")
        for table in ("tone", "tone_stop"):
            for name, marks in data.get(table, {}).items():
                _checked(marks, CONSONANT_CLASSES, f"{path} [{table}] {name}")
        onset = _checked(data.get("onset", {}), ONSETS, f"{path} [onset]")
        classes = {char: name for name, chars in data.get("consonant_class", {}).items() for char in chars}
        if tone:
            _checked(classes, {onset[o][:1] for o in ONSETS}, f"{path} [consonant_class]")
        return cls(
            separator=data["separator"],
            onset=onset,
            glide=_checked(data.get("glide", {}), GLIDES, f"{path} [glide]"),
            nucleus=_checked(data.get("nucleus", {}), NUCLEI, f"{path} [nucleus]"),
            nucleus_open=data.get("nucleus_open", {}),
            nucleus_semivowel=data.get("nucleus_semivowel", {}),
            coda=_checked(data.get("coda", {}), CODAS, f"{path} [coda]"),
            rhyme=data.get("rhyme", {}),
            initial=data.get("initial", {}),
            contract=data.get("contract", {}),
            syllables=data.get("syllable", {}),
            tone=tone,
            tone_stop=data.get("tone_stop", {}),
            consonant_class=classes,
        )

    def syllable(self, s: Syllable) -> str:
        """One syllable: a listed exception as written ([syllable]); else the nucleus template
        around the cluster, the tone mark, the coda (or a [rhyme] template in place of nucleus
        and coda), the vowel carrier, then the [contract] replacements."""
        exception = self.syllables.get(render(s))
        if exception is not None:
            return exception
        rhyme = self.rhyme.get(s.glide + s.nucleus + s.coda)
        cluster = self.onset[s.onset] + self.glide[s.glide]
        before, slot, after = (self._nucleus(s) if rhyme is None else rhyme).partition(_SLOT)
        if not slot:
            before, after = "", before
        signs = next((i for i, char in enumerate(after) if unicodedata.category(char) != "Mn"), len(after))
        text = before + cluster + after[:signs] + self._tone_mark(s, cluster) + after[signs:]
        if rhyme is None:
            text += self.coda[s.coda]
        if not s.onset and text[:1] in self.initial:
            text = self.initial[text[0]] + text[1:]
        for letters, shorter in self.contract.items():
            text = text.replace(letters, shorter)
        return text

    def _nucleus(self, s: Syllable) -> str:
        if not s.coda:
            return self.nucleus_open.get(s.nucleus, self.nucleus[s.nucleus])
        if s.coda in SEMIVOWEL_CODAS:
            return self.nucleus_semivowel.get(s.nucleus, self.nucleus[s.nucleus])
        return self.nucleus[s.nucleus]

    def _tone_mark(self, s: Syllable, cluster: str) -> str:
        if not self.tone:
            return ""
        table = self.tone_stop if s.coda in STOP_CODAS and s.tone in self.tone_stop else self.tone
        return table[s.tone][self.consonant_class[cluster[:1]]]


class Transliterator:
    """Vietnamese names in Arabic, English or Lao by rule; the same name always gives the same text."""

    def __init__(self, rules_dir: Path | None = None):
        directory = RULES_DIR if rules_dir is None else rules_dir
        self._rules = {lang: ScriptRules.load(directory / f"{lang}.toml") for lang in SCRIPT_LANGS}

    def rules(self, lang: str) -> ScriptRules:
        """The tables of a script language (ar, lo)."""
        return self._rules[lang]

    def transliterate(self, name: str, lang: Lang) -> str:
        """`name`, syllables separated by spaces, in `lang`; ValueError names a word it cannot take."""
        words = name.split()
        if not words:
            raise ValueError("empty name")
        if lang == "en":
            return " ".join(_english_word(word) for word in words)
        if lang not in self._rules:
            raise ValueError(f"no transliteration rules for {lang!r}")
        rules = self._rules[lang]
        return rules.separator.join(rules.syllable(_syllable(word)) for word in words)


def _syllable(word: str) -> Syllable:
    s = parse_syllable(word)
    if s is None:
        raise ValueError(f"not a Vietnamese syllable: {word!r}")
    return s


def _english_word(word: str) -> str:
    """Marks stripped, capitalized. A word in Vietnamese spelling that is not one syllable passes
    when it carries a Vietnamese mark (Đakrông → Dakrong); a foreign word (Savannakhet) does not."""
    composed = unicodedata.normalize("NFC", word)
    plain = strip_marks(composed)
    vietnamese_spelling = plain != composed and set(plain.lower()) <= _UNMARKED_LETTERS
    if parse_syllable(composed) is None and not vietnamese_spelling:
        raise ValueError(f"not a Vietnamese syllable: {word!r}")
    return plain.capitalize()


def _checked(table: dict[str, Any], required: Iterable[str], where: str) -> dict[str, Any]:
    """`table`, or ValueError naming the required keys it lacks."""
    missing = sorted(set(required) - set(table))
    if missing:
        raise ValueError(f"{where} lacks {', '.join(map(repr, missing))}")
    return table
