"""glossary/CONVENTIONS.md holds: every approved name of Vietnamese origin is spelled, in Arabic
and in Lao, as the transliteration rules (pipeline/normalize/rules) spell its Vietnamese, unless
CONVENTIONS.md lists the concept as an exception with its reason; Thai ph is Arabic ب."""

from __future__ import annotations

import re

import pytest
from conftest import GLOSSARY, ROOT

from pipeline.normalize.syllable import parse_syllable
from pipeline.normalize.transliterate import Transliterator
from pipeline.terminology.glossary import load_glossary

CONVENTIONS = ROOT / "glossary" / "CONVENTIONS.md"
NAME_TYPES = {"province", "city", "district", "commune", "border-gate", "river", "island", "site", "person"}
CONCEPTS = load_glossary(GLOSSARY).concepts
TRANSLITERATOR = Transliterator()

# Lao writes a tone with marks and by the class of the first consonant (ຫ before a sonorant, ຫ or
# ຮ for h, ໝ, ຝ for ຟ, ...). CONVENTIONS.md leaves both open, so the Lao check compares the other
# letters only: tone marks, ຫ and ຮ dropped, each high/low consonant pair written one way.
LAO_TONE_MARKS = re.compile("[\u0ec8-\u0ecb]")
LAO_CLASS_PAIRS = [
    ("ໜ", "ນ"), ("ໝ", "ມ"), ("ຫຼ", "ລ"), ("ຫ", ""), ("ຮ", ""), ("ຄ", "ຂ"), ("ສ", "ຊ"), ("ຖ", "ທ"),
    ("ຜ", "ພ"), ("ຝ", "ຟ"),
]  # fmt: skip


def lao_letters(text: str) -> str:
    """`text` without tone marks or h, each high- or low-class consonant pair written one way."""
    text = LAO_TONE_MARKS.sub("", text)
    for tonal, plain in LAO_CLASS_PAIRS:
        text = text.replace(tonal, plain)
    return text


def exceptions() -> dict[tuple[str, str], str]:
    """(concept id, language) → reason, from the table under '## Exceptions' in CONVENTIONS.md."""
    text = CONVENTIONS.read_text(encoding="utf-8").split("## Exceptions", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| (ar|lo|ar, lo) \| (.+?) \|$", text, re.MULTILINE)
    return {(cid, lang): reason for cid, langs, reason in rows for lang in langs.split(", ")}


EXCEPTIONS = exceptions()


def vietnamese_name(vi: str) -> str:
    """The trailing capitalized Vietnamese syllables of a form: "Hiền Lương" in "cầu Hiền Lương";
    "" when the form does not end in one (a foreign name such as Savannakhet)."""
    words = vi.replace("–", " ").split()
    name: list[str] = []
    for word in reversed(words):
        if not (word[:1].isupper() and parse_syllable(word)):
            break
        name.insert(0, word)
    return " ".join(name)


def spelled_by_rules(form: str, name: str, lang: str) -> bool:
    """Whether the rules' spelling of `name` is in `form` (Arabic: as whole words)."""
    ruled = TRANSLITERATOR.transliterate(name, lang)
    if lang == "ar":
        return f" {ruled} " in f" {form.replace(' - ', ' ')} "
    return lao_letters(ruled) in lao_letters(form).replace("-", "")


CHECKED = [
    (concept, lang, name)
    for concept in CONCEPTS
    if concept.status == "approved" and concept.type in NAME_TYPES
    if (name := vietnamese_name(concept.forms.get("vi", "")))
    for lang in ("ar", "lo")
    if lang in concept.forms
]


def test_the_check_covers_the_gazetteer():
    assert len(CHECKED) >= 60
    assert {concept.type for concept, _, _ in CHECKED} >= {"province", "district", "person", "site"}


@pytest.mark.parametrize(
    ("concept", "lang", "name"), CHECKED, ids=[f"{c.id}-{lang}" for c, lang, _ in CHECKED]
)
def test_approved_names_follow_the_rules_or_are_listed_exceptions(concept, lang, name):
    if (concept.id, lang) in EXCEPTIONS:
        assert not spelled_by_rules(concept.forms[lang], name, lang), (
            f"{concept.id} {lang} now follows the rules: remove it from the exceptions in CONVENTIONS.md"
        )
        return
    assert spelled_by_rules(concept.forms[lang], name, lang), (
        f"{concept.id}: {lang} {concept.forms[lang]!r} is not the rules' "
        f"{TRANSLITERATOR.transliterate(name, lang)!r} for {name!r}: "
        "change the form (the old one becomes a variant) or list an exception with its reason"
    )


def test_every_exception_is_a_concept_with_a_reason():
    ids = {concept.id for concept in CONCEPTS}
    assert EXCEPTIONS, "no exceptions table found in CONVENTIONS.md"
    for (cid, lang), reason in EXCEPTIONS.items():
        assert cid in ids, cid
        assert len(reason.split()) >= 3, (cid, lang)


def test_thai_ph_is_an_aspirated_p_in_arabic():
    thai = [c for c in CONCEPTS if c.type == "province" and "Thai province" in c.note]
    assert len(thai) >= 6
    for concept in thai:
        if concept.forms["en"].startswith("Ph"):
            assert concept.forms["ar"].startswith("ب"), concept.id
            assert any(v.startswith("ف") for v in concept.variants["ar"]), concept.id


@pytest.mark.parametrize(
    ("name", "ar", "lo"),
    [
        ("Bến Hải", "بن هاي", "ເບ້ນຮາຍ"),  # Bến: بن, never بين ("between")
        ("Thạch Hãn", "تاك هان", "ແທັກຮານ"),  # th ت; final ch ك; ach ແ-ັກ
        ("Hướng Hóa", "هونغ هوا", "ເຮືອງຮວາ"),  # ươ one letter
        ("Hiền Lương", "هين لونغ", "ຮ່ຽນເລືອງ"),  # iê one letter
        ("Gia Lai", "جيا لاي", "ຢ່າລາຍ"),  # gi جي
        ("Bình Dương", "بينه دونغ", "ບິ່ງເຢື່ອງ"),  # d د
        ("Thanh Hóa", "تانه هوا", "ແທັງຮວາ"),  # anh ແ-ັງ, not ທາງ ("road")
        ("Triệu Phong", "تريو فونغ", "ຈ້ຽວຟອງ"),  # nặng ້
        ("La Lay", "لا لاي", "ລາໄລ"),  # ay ໄ-
        ("Tô Lâm", "تو لام", "ໂຕ່ລຳ"),  # âm ຳ
        ("Trần Thanh Mẫn", "تران تانه مان", "ເຈີ່ນແທັງເມີນ"),  # â ເ-ີ
        ("Lệ Thủy", "لي توي", "ເລ້ທວິ"),  # uy ວິ
    ],
)
def test_the_conventions_examples(name, ar, lo):
    assert TRANSLITERATOR.transliterate(name, "ar") == ar
    assert TRANSLITERATOR.transliterate(name, "lo") == lo
