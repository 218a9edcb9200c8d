"""Language codes: the short ISO 639-1 codes users type, and the NLLB/FLORES-200 codes models use."""

from __future__ import annotations

from .errors import MtpipeError

NLLB_CODES: dict[str, str] = {
    "vi": "vie_Latn",
    "ar": "arb_Arab",
    "en": "eng_Latn",
    "lo": "lao_Laoo",
}


def nllb_code(lang: str) -> str:
    """Return the NLLB code for a short language code, or raise a clear error."""
    try:
        return NLLB_CODES[lang]
    except KeyError:
        known = ", ".join(sorted(NLLB_CODES))
        raise MtpipeError(f"unknown language code {lang!r} (known: {known})") from None


def parse_languages(value: str | list[str]) -> list[str]:
    """Parse 'ar,en,lo' (or a list) into validated, de-duplicated short codes, order kept."""
    items = value.split(",") if isinstance(value, str) else value
    langs: list[str] = []
    for item in (i.strip() for i in items):
        if not item:
            continue
        nllb_code(item)
        if item not in langs:
            langs.append(item)
    if not langs:
        raise MtpipeError("no target language given")
    return langs
