"""Where a Vietnamese name may be restored: not inside URLs, e-mail addresses, codes or file names,
and not inside an English phrase."""

from __future__ import annotations

import re
from functools import cache

# Tested on whitespace-separated tokens that contain one of TOKEN_MARKERS.
PROTECTED_TOKEN = re.compile(
    r"""(?:https?://|www\.)                  # URLs
      | [\w.+-]@[\w-]+\.                     # e-mail addresses
      | \.(?:txt|pdf|docx?|xlsx?|pptx?|html?|jpe?g|png|gif|zip|csv|json|xml|md)\b  # file names
      | \w[-_/]\w*\d|\d\w*[-_]\w            # codes: QT-2024, quang_tri_01
      | \w\.(?:gov|com|org|net|edu|vn|la|info)\b  # bare domains
      | ^[#@]\w                              # hashtags, handles
      | \w_\w                                # snake_case identifiers
    """,
    re.VERBOSE,
)
# A cheap test before the token scan: "://", "www.", @ # _, or . / - between word characters. It
# starts with a character class, so the regex engine jumps from one candidate character to the next.
MAYBE_PROTECTED = re.compile(r"[./:@#_-](?:(?<=[@#_])|(?<=\w[./-])(?=\w)|(?<=:)//|(?<=www\.))")
TOKEN_WITH_MARKER = re.compile(r"(?<!\S)[^\s./@#_:-]*[./@#_:-]\S*")

ENGLISH_WORDS = frozenset(
    """the of and in on at to for from with by is was are were be been has have had this that these
    those it its as an or not but which who what when where province provinces city district town
    border gate river bridge island people committee council party visit visited visiting trip
    news report road port airport economic corridor festival peace office department tour travel
    welcome guide hotel beach north south east west central coast international""".split()
)
WORD = re.compile(r"\w+")


@cache
def english_only_words() -> frozenset[str]:
    """English words that are not also Vietnamese syllables written without marks."""
    from .syllable import parse_syllable

    return frozenset(word for word in ENGLISH_WORDS if parse_syllable(word) is None)


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the tokens that are URLs, e-mail addresses, file names, codes, domains or tags."""
    if not MAYBE_PROTECTED.search(text):
        return []
    tokens = TOKEN_WITH_MARKER.finditer(text)
    return [token.span() for token in tokens if PROTECTED_TOKEN.search(token.group())]


def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < span_end and span_start < end for span_start, span_end in spans)


def in_english_phrase(text: str, start: int, end: int, window: int = 2) -> bool:
    """True when one of the `window` words on either side is an English-only word."""
    before = WORD.findall(text[:start])[-window:]
    after = WORD.findall(text[end:])[:window]
    english = english_only_words()
    return any(word.lower() in english for word in before + after)


PLACES = frozenset(("province", "city", "district", "commune", "border-gate", "site", "country", "island"))
PLACE_CUES: dict[str, frozenset[str]] = {
    **dict.fromkeys(("về", "vào", "đến", "tới", "tại", "ở", "sang", "từ", "qua"), PLACES),
    "tỉnh": frozenset(("province",)),
    **dict.fromkeys(("thành phố", "tp", "tp."), frozenset(("city", "province"))),
    "thị xã": frozenset(("city", "district")),
    "huyện": frozenset(("district",)),
    "quận": frozenset(("district",)),
    **dict.fromkeys(("xã", "phường", "thị trấn"), frozenset(("commune",))),
    "sông": frozenset(("river",)),
    "đảo": frozenset(("island",)),
    "cửa khẩu": frozenset(("border-gate",)),
}
"""Words after which a one-word name of these types is meant (huyện Dakrong, vào Hue)."""
AMBIGUOUS_WORDS = frozenset(("lao",))
"""One-word names whose spelling without marks is also a common Vietnamese word (lao động:
labour), never restored on a cue alone."""
NEXT_WORD = re.compile(r"\s+(\w)")


def after_cue(text: str, start: int, end: int, concept_type: str) -> bool:
    """Whether a one-word name at text[start:end] follows a cue for its type (the cue's case aside)
    and does not begin a longer capitalized name (vào Hue Tower is another place); in all caps
    that cannot be told, so it is not restored before another word."""
    words = text[:start].lower().split()
    if not words or not text[start - 1].isspace() or text[start:end].lower() in AMBIGUOUS_WORDS:
        return False
    cued = any(concept_type in PLACE_CUES.get(" ".join(words[-n:]), ()) for n in (1, 2))
    following = NEXT_WORD.match(text, end)
    all_caps = text[start:end].isupper()
    return cued and not (following and (all_caps or following.group(1).isupper()))
