"""The languages mtpipe knows, written down once: the short codes users type, names, the
NLLB/FLORES-200 codes models use, scripts, and whether words are separated by spaces."""

from __future__ import annotations

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
        Language("vi", "Vietnamese", "vie_Latn", "Latin"),
        Language("en", "English", "eng_Latn", "Latin", plural_forms="nplurals=2; plural=(n != 1);"),
        Language(
            "ar",
            "Modern Standard Arabic",
            "arb_Arab",
            "Arabic",
            direction="rtl",
            plural_forms="nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
            "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
        ),
        Language("lo", "Lao", "lao_Laoo", "Lao", word_segmented=False),
    )
}
CODES: tuple[str, ...] = tuple(LANGUAGES)
"""Every language, in the glossary's column order."""
SOURCE = "vi"
TARGETS: tuple[str, ...] = tuple(sorted(code for code in CODES if code != SOURCE))


def language(code: str) -> Language:
    """The language for a short code, or a clear error naming the known ones."""
    try:
        return LANGUAGES[code]
    except KeyError:
        raise MtpipeError(f"unknown language code {code!r} (known: {', '.join(sorted(LANGUAGES))})") from None


def nllb_code(code: str) -> str:
    return language(code).nllb


def parse_languages(value: str | list[str]) -> list[str]:
    """Parse 'ar,en,lo' (or a list) into validated, de-duplicated short codes, order kept."""
    items = value.split(",") if isinstance(value, str) else value
    langs: list[str] = []
    for item in (i.strip() for i in items):
        if not item:
            continue
        language(item)
        if item not in langs:
            langs.append(item)
    if not langs:
        raise MtpipeError("no target language given")
    return langs
