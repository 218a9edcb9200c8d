"""The languages mtpipe knows, written down once: the short codes users type, names, the
NLLB/FLORES-200 codes models use, scripts, and whether words are separated by spaces; and the one
parser of the codes users type (ISO 639-1 or 639-3, NLLB, BCP-47)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .errors import MtpipeError


@dataclass(frozen=True)
class Language:
    code: str
    """ISO 639-1 code, the one users type and files are named by (`ref.ar.txt`)."""
    name: str
    """English name, as an LLM prompt says it."""
    nllb: str
    """NLLB/FLORES-200 code: language and script."""
    iso3: tuple[str, ...]
    """ISO 639-3 (and 639-2) codes: the macrolanguage and, for Arabic, Standard Arabic (`arb`)."""
    script: str
    word_segmented: bool = True
    """False where words are written without spaces between them (Lao): scoring segments first."""
    direction: str = "ltr"
    """Writing direction, as HTML's `dir` attribute says it: `rtl` for Arabic."""
    plural_forms: str = "nplurals=1; plural=0;"
    """gettext's `Plural-Forms` (the number of forms and the C expression choosing one for n), as
    GNU gettext and CLDR give them."""


LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("vi", "Vietnamese", "vie_Latn", ("vie",), "Latin"),
        Language("en", "English", "eng_Latn", ("eng",), "Latin", plural_forms="nplurals=2; plural=(n != 1);"),
        Language(
            "ar",
            "Modern Standard Arabic",
            "arb_Arab",
            ("ara", "arb"),
            "Arabic",
            direction="rtl",
            plural_forms="nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
            "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
        ),
        Language("lo", "Lao", "lao_Laoo", ("lao",), "Lao", word_segmented=False),
    )
}
CODES: tuple[str, ...] = tuple(LANGUAGES)
"""Every language, in the glossary's column order."""
SOURCE = "vi"
TARGETS: tuple[str, ...] = tuple(sorted(code for code in CODES if code != SOURCE))


ALIASES: dict[str, str] = {
    alias.lower(): lang.code for lang in LANGUAGES.values() for alias in (lang.code, *lang.iso3, lang.nllb)
}
"""Every spelling of a language code, lower case, to its short code."""
BCP47 = re.compile(r"([a-z]{2,3})(?:[-_][a-z0-9]{2,8})+")
"""A BCP-47 tag: a language subtag, then script, region or variant subtags (`ar-SA`, `en_US`)."""


def language(code: str) -> Language:
    """The language of a code as users write it: `ar`, `ara`, `arb_Arab`, `ar-SA` (any case); an
    unknown code is an error naming the known ones and the closest spelling."""
    key = code.strip().lower()
    tag = BCP47.fullmatch(key)
    found = ALIASES.get(key) or (ALIASES.get(tag.group(1)) if tag else None)
    if found:
        return LANGUAGES[found]
    message = f"unknown language code {code!r} (known: {', '.join(sorted(LANGUAGES))})"
    close = difflib.get_close_matches(key, ALIASES, n=1, cutoff=0.6)
    if close:
        message += f"; did you mean {LANGUAGES[ALIASES[close[0]]].code!r}?"
    raise MtpipeError(message)


def nllb_code(code: str) -> str:
    return language(code).nllb


def parse_languages(value: str | list[str]) -> list[str]:
    """Parse 'ar,en,lo' (or a list, any spelling `language` takes) into de-duplicated short codes,
    order kept."""
    items = value.split(",") if isinstance(value, str) else value
    langs: list[str] = []
    for item in (i.strip() for i in items):
        if not item:
            continue
        code = language(item).code
        if code not in langs:
            langs.append(code)
    if not langs:
        raise MtpipeError("no target language given")
    return langs
