"""QA checks: for each check a translation that trips it and one that must not, and the references
of the whole corpus (correct translations) trip none."""

import pytest
from conftest import CORPUS_DIR, GLOSSARY

from pipeline.evaluation.qa import QaChecker, QaInput, numbers_in
from pipeline.terminology.glossary import load_glossary
from pipeline.terminology.names import NameMatcher


def checks(lang, *segments, **options) -> list[set[str]]:
    return [{flag.check for flag in found} for found in QaChecker(lang, **options)(list(segments))]


CASES = [
    # check, lang, source, good translation, bad translation
    (
        "numbers",
        "en",
        "Ngày 23/8/1945, thu 312 triệu USD.",
        "On August 23, 1945, it raised USD 312 million.",
        "On August 13, 1945, it raised USD 321 million.",
    ),
    (
        "numbers",
        "ar",
        "Ngày 6/3 có 96.500 lượt xe.",
        "في ٦ مارس، سُجل ٩٦٬٥٠٠ عبور.",
        "في 6 مايو، سُجل 96500 عبور.",
    ),
    (
        "numbers",
        "lo",
        "Tháng 12/2024 đạt 1,2 tỷ USD.",
        "ໃນເດືອນ ທັນວາ 2024 ບັນລຸ 1,2 ຕື້ໂດລາ.",
        "ໃນປີ 2024 ບັນລຸ 12 ຕື້ໂດລາ.",
    ),
    ("script", "ar", "Tỉnh Quảng Trị", "مقاطعة كوانغ تري", "Quang Tri province"),
    (
        "script",
        "en",
        "Tỉnh Quảng Trị đẩy mạnh hợp tác.",
        "Quang Tri steps up cooperation.",
        "Tỉnh Quảng Trị đẩy mạnh hợp tác.",
    ),
    ("script", "lo", "Tỉnh Quảng Trị", "ແຂວງກວາງຈິ", "province of Quang Tri"),
    ("artifacts", "en", "Lao Bảo", "Lao Bao border gate", "⟦0⟧ border gate ⁇"),
    ("artifacts", "ar", "Lao Bảo", "معبر لاو باو", "arb_Arab معبر لاو باو"),
    ("repetition", "en", "Mỗi lần", "Each time", "each time each time each time each time"),
    ("repetition", "lo", "Mỗi lần", "ແຕ່ລະຄັ້ງ", "ແຕ່ລະຄັ້ງແຕ່ລະຄັ້ງແຕ່ລະຄັ້ງແຕ່ລະຄັ້ງ"),
]


@pytest.mark.parametrize("check, lang, source, good, bad", CASES)
def test_each_check_trips_on_the_bad_translation_only(check, lang, source, good, bad):
    assert check not in checks(lang, QaInput(source, good))[0]
    assert check in checks(lang, QaInput(source, bad))[0]


def test_term_miss_and_forbidden_term():
    required = [("lao-bao", "Lao Bao")]
    assert "term-miss" not in checks("en", QaInput("Lao Bảo", "Lao Bao gate", required))[0]
    assert "term-miss" in checks("en", QaInput("Lao Bảo", "Laobao gate", required))[0]
    forbidden = {"forbidden": ["Annam", "Siam"]}
    assert "forbidden-term" not in checks("en", QaInput("Trung Kỳ", "Central Vietnam"), **forbidden)[0]
    assert "forbidden-term" in checks("en", QaInput("Trung Kỳ", "Annam"), **forbidden)[0]


def test_length_outliers_against_the_document():
    segments = [QaInput("Một câu tiếng Việt khá dài.", "A rather long English sentence.") for _ in range(10)]
    assert checks("en", *segments) == [set()] * 10
    odd = QaInput("Một câu tiếng Việt khá dài.", "A rather long English sentence, " * 8)
    assert "length" in checks("en", *segments, odd)[-1]


def test_a_name_spelled_two_ways_in_one_document():
    matcher = NameMatcher(load_glossary(GLOSSARY), "ar")
    same = [QaInput("Quảng Trị", "مقاطعة كوانغ تري")] * 3
    assert all("names" not in found for found in checks("ar", *same, name_key=matcher.spellings))
    mixed = [*same, QaInput("Quảng Trị", "مقاطعة كوانج تري")]
    found = checks("ar", *mixed, name_key=matcher.spellings)
    assert "names" in found[-1] and all("names" not in f for f in found[:-1])


def test_severity_off_silences_a_check():
    severities = {"script": "off"}
    assert checks("ar", QaInput("Tỉnh Quảng Trị", "Quang Tri province"), severities=severities) == [set()]


def test_numbers_are_read_in_each_languages_convention():
    assert numbers_in("96.500 và 1,2", "vi") == ["96500", "1.2"]
    assert numbers_in("96,500 and 1.2", "en") == ["96500", "1.2"]
    assert numbers_in("٩٦٬٥٠٠ و١٫٢", "ar") == ["96500", "1.2"]
    assert numbers_in("໙໖.໕໐໐", "lo") == ["96500"]


@pytest.mark.parametrize("lang", ["ar", "en", "lo"])
def test_the_corpus_references_trip_no_check(lang):
    glossary = load_glossary(GLOSSARY)
    sources = (CORPUS_DIR / "source.vi.txt").read_text(encoding="utf-8").splitlines()
    references = (CORPUS_DIR / f"ref.{lang}.txt").read_text(encoding="utf-8").splitlines()
    checker = QaChecker(
        lang, forbidden=glossary.forbidden_forms(lang), name_key=NameMatcher(glossary, lang).spellings
    )
    found = checker([QaInput(s, r) for s, r in zip(sources, references, strict=True)])
    assert [(n, f) for n, flags in enumerate(found, start=1) for f in flags] == []
