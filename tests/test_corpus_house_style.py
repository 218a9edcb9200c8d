"""The corpus references follow the house style in corpora/quangtri/README.md ("Conventions"):
Arabic without harakat (tanween excepted) or tatweel and with one adjective for Lao, English in
one spelling variety (US) and one date style ("March 6", "January 27, 2023,"), and Lao with the
glossary's one spelling of liệt sĩ (martyrs)."""

from __future__ import annotations

import re
import unicodedata

import pytest
from conftest import CORPUS_DIR, GLOSSARY


def numbered_lines(name: str) -> list[tuple[int, str]]:
    text = (CORPUS_DIR / name).read_text(encoding="utf-8")
    return list(enumerate(text.splitlines(), start=1))


def offences(name: str, pattern: re.Pattern[str]) -> list[str]:
    """'line N: match' for every match of pattern in the file, in line order."""
    return [
        f"line {number}: {match.group()!r}"
        for number, line in numbered_lines(name)
        for match in pattern.finditer(line)
    ]


def fail_if_any(found: list[str], what: str) -> None:
    """Fail with every offence listed, one per line, without a traceback."""
    if found:
        pytest.fail(f"{len(found)} {what}:\n  " + "\n  ".join(found), pytrace=False)


# --- Arabic -------------------------------------------------------------------------------------

# Tanween (U+064B–U+064D) is allowed; every other Arabic combining mark is not: fatha, damma,
# kasra, shadda, sukun (U+064E–U+0652), maddah, hamza above or below and the rarer marks up to
# U+065F, superscript alef (U+0670); nor is tatweel (U+0640).
FORBIDDEN_ARABIC_MARKS = re.compile("[\u064e-\u065f\u0670\u0640]")


def test_arabic_has_no_harakat_except_tanween_and_no_tatweel():
    found = []
    for number, line in numbered_lines("ref.ar.txt"):
        for match in FORBIDDEN_ARABIC_MARKS.finditer(line):
            start = line.rfind(" ", 0, match.start()) + 1
            end = line.find(" ", match.end())
            word = line[start : end if end >= 0 else len(line)]
            mark = match.group()
            found.append(f"line {number}: U+{ord(mark):04X} {unicodedata.name(mark)} in {word!r}")
    fail_if_any(found, "harakat or tatweel in ref.ar.txt (only tanween is allowed)")


def test_arabic_uses_one_adjective_for_lao():
    """اللاوي / اللاوية (by gender agreement), never the اللاوسي family."""
    found = offences("ref.ar.txt", re.compile(r"\S*لاوسي\S*"))
    fail_if_any(found, "uses of اللاوسي in ref.ar.txt (write اللاوي / اللاوية)")


# --- English ------------------------------------------------------------------------------------

# The chosen variety is US English; each entry is (UK pattern, US form), and a UK form anywhere
# fails. Patterns are whole words, case-insensitive.
UK_TO_US = [
    (r"centres?", "center"),
    (r"tonnes?", "ton"),
    (r"programmes?", "program"),
    (r"labour\w*", "labor"),
    (r"defences?", "defense"),
    (r"offences?", "offense"),
    (r"licence", "license"),
    (r"harbours?", "harbor"),
    (r"colour\w*", "color"),
    (r"favour\w*", "favor"),
    (r"honour\w*", "honor"),
    (r"neighbour\w*", "neighbor"),
    (r"behaviour\w*", "behavior"),
    (r"(?:kilo|centi|milli)?metres?", "meter"),
    (r"litres?", "liter"),
    (r"travell(?:ed|ing|ers?)", "traveled, traveling, traveler"),
    (r"(?:cancell|labell|modell|fuell|signall)(?:ed|ing)", "canceled, labeled, modeled, fueled, signaled"),
    (r"fulfil|fulfils|enrol|enrols|enrolment|instalment", "fulfill, enroll, enrollment, installment"),
    (r"ageing", "aging"),
    (r"judgement", "judgment"),
    (r"catalogue", "catalog"),
    (r"whilst", "while"),
    (r"amongst", "among"),
    (r"per cent", "percent (or %)"),
    (r"at (?:the )?weekends?", "on weekends"),
    (
        r"(?:organ|central|priorit|mobil|demilitar|modern|real|recogn|util|special|optim|standard|"
        r"stabil|digital|industrial|urban|normal|global|capital|commercial|international|harmon|"
        r"symbol|memorial|civil|critic|character|public|local|emphas|minim|maxim|final|subsid)"
        r"is(?:e|es|ed|ing|ation|ations|er|ers)",
        "-ize, -ization (organize, centralized, prioritized, mobilization, ...)",
    ),
]
UK_PATTERN = re.compile(r"\b(?:" + "|".join(f"(?:{uk})" for uk, _ in UK_TO_US) + r")\b", re.IGNORECASE)


def test_english_uses_us_spelling_only():
    found = []
    for number, line in numbered_lines("ref.en.txt"):
        for match in UK_PATTERN.finditer(line):
            us = next(us for uk, us in UK_TO_US if re.fullmatch(uk, match.group(), re.IGNORECASE))
            found.append(f"line {number}: {match.group()!r} (US: {us})")
    fail_if_any(found, "UK spellings in ref.en.txt (the house style is US English)")


def test_the_spelling_check_knows_both_varieties():
    pairs = [
        ("centre", "center"),
        ("organised", "organized"),
        ("programme", "program"),
        ("tonnes", "tons"),
        ("travelled", "traveled"),
        ("harbour", "harbor"),
        ("labelled", "labeled"),
    ]
    for uk, us in pairs:
        assert UK_PATTERN.search(f"The {uk} was new.") and not UK_PATTERN.search(f"The {us} was new."), uk
    for common in ("raised", "promise", "exercise", "enterprise", "emphasis", "otherwise", "premises"):
        assert not UK_PATTERN.search(common), common


MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
DATE_STYLE_ERRORS = [
    (re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)? {MONTH}\b"), 'day before month (write "March 6")'),
    (re.compile(rf"\b{MONTH} \d{{1,2}}(?:st|nd|rd|th)\b"), 'ordinal day (write "March 6")'),
    (
        re.compile(rf"\b{MONTH} \d{{1,2}}, \d{{4}}(?= [^\s,])"),
        'no comma after the year in mid-sentence (write "On January 27, 2023, the ...")',
    ),
]


def test_english_uses_one_date_style():
    """US dates: "March 6", "January 27, 2023," (a comma after the year in mid-sentence)."""
    found = [
        f"line {number}: {match.group()!r}: {why}"
        for number, line in numbered_lines("ref.en.txt")
        for pattern, why in DATE_STYLE_ERRORS
        for match in pattern.finditer(line)
    ]
    fail_if_any(found, "dates off the house style in ref.en.txt")


def test_the_date_check_accepts_the_house_style():
    for good in ("On March 6, the", "On January 27, 2023, the", "on December 22, 1944.", "in May 2024."):
        assert not any(pattern.search(good) for pattern, _ in DATE_STYLE_ERRORS), good
    for bad in ("On 6 March, the", "On 6th March, the", "On March 6th, the", "April 30, 1975 ended"):
        assert any(pattern.search(bad) for pattern, _ in DATE_STYLE_ERRORS), bad


# --- Lao ----------------------------------------------------------------------------------------

LAO_SACRIFICE = "ເສຍສະຫຼະ"  # the glossary's spelling (concept martyrs: ນັກຮົບເສຍສະຫຼະ)
LAO_SACRIFICE_VARIANT = "ເສຍສະລະ"


def test_lao_spells_martyrs_one_way_as_the_glossary_does():
    header, *rows = (line.split("\t") for line in GLOSSARY.read_text(encoding="utf-8").splitlines())
    canonical = {cells[0]: cells[header.index("lo")] for cells in rows}
    assert LAO_SACRIFICE in canonical["martyrs"], (
        f"the glossary's Lao form of martyrs is {canonical['martyrs']!r}: if the spelling changed, "
        "change the corpus, this test and the README together"
    )
    found = offences("ref.lo.txt", re.compile(LAO_SACRIFICE_VARIANT))
    fail_if_any(found, f"uses of {LAO_SACRIFICE_VARIANT} in ref.lo.txt (write {LAO_SACRIFICE})")
