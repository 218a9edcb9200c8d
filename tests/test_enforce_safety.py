"""Enforcing approved terms never makes a translation worse: whole words only, never across
punctuation, never another word's letters; Lao ligatures read as their two-letter spellings; term
accuracy counts only forms that stand as whole words. The damage cases are real tiny-model outputs
that an earlier enforcement spoiled."""

import json
import re
from itertools import accumulate
from pathlib import Path

import pytest
from conftest import CORPUS_DIR, GLOSSARY, cache_holding, run_strategy
from laonlp.tokenize import word_tokenize
from sacrebleu.metrics import CHRF

from pipeline.evaluation.metrics import preprocess
from pipeline.evaluation.terms import term_accuracy
from pipeline.terminology.enforce import TermEnforcer
from pipeline.terminology.glossary import load_glossary

TARGETS = ("ar", "en", "lo")
STRATEGIES = ("none", "enforce")
FOUNDING_DAY = {"ar": "يوم تأسيس جيش الشعب الفيتنامي", "en": "Founding Day of the Vietnam People's Army"}


@pytest.fixture(scope="module")
def enforcers() -> dict[str, TermEnforcer]:
    glossary = load_glossary(GLOSSARY)
    return {lang: TermEnforcer(glossary, lang) for lang in TARGETS}


@pytest.mark.parametrize(
    ("lang", "output", "required"),
    [
        pytest.param(  # "founding anniversary" is right; replacing the rest glued the term on
            "en",
            "On the occasion of the 80th founding anniversary of the Vietnam People's Army, the province"
            " held many activities to express gratitude.",
            [("vpa-founding-day", FOUNDING_DAY["en"])],
            id="en-founding-day-not-glued",
        ),
        pytest.param(  # the replacement swallowed "، " and glued الفيتنامي to نظمت
            "ar",
            "بمناسبة مرور 80 عامًا على تأسيس جيش الشعب الفيتنامي، نظمت المقاطعة العديد من أنشطة العرفان.",
            [("vpa-founding-day", FOUNDING_DAY["ar"])],
            id="ar-comma-kept",
        ),
        pytest.param(  # "press institutions": the adjective الصحفية is not the noun الصحافة
            "ar",
            "نشرت المؤسسات الصحفية في المقاطعة خلال العام الماضي أكثر من 900 خبر ومقال حول الإعلام الخارجي.",
            [("press", "الصحافة"), ("external-information", "الإعلام الخارجي")],
            id="ar-adjective-kept",
        ),
        pytest.param(  # wind farms are not wind power
            "ar",
            "أُنشئ خط نقل الكهرباء لاو باو – دونغ ها بجهد 220 كيلوفولت لتصريف الطاقة المولّدة من محطات الرياح.",
            [("lao-bao", "لاو باو"), ("dong-ha", "دونغ ها"), ("wind-power", "طاقة الرياح")],
            id="ar-wind-farms-kept",
        ),
        pytest.param(  # Đakrông is not Đông Hà
            "ar",
            "تدعم منطقة داكرونغ هوا باري بعد المستثمرين على فانسافان.",
            [("dong-ha", "دونغ ها")],
            id="ar-other-name-kept",
        ),
        pytest.param(  # "Provincial Party Committee" is right; "province Party Committee" is not English
            "en",
            "The Quang Tri Provincial Party Committee and the province to become an attractive destination.",
            [("quang-tri-province", "Quang Tri province")],
            id="en-inflected-word-kept",
        ),
    ],
)
def test_a_right_translation_is_left_alone(enforcers, lang, output, required):
    assert enforcers[lang](output, required) == (output, [])


@pytest.mark.parametrize(
    ("output", "required", "expected"),
    [
        pytest.param(  # ໍາ is ຳ: the whole name is replaced, not all but its last letter (ແຂວງງ)
            "ວັນທີ 6 ມີນາ ຄະນະຊີ້ນໍາວຽກງານໂຄສະນາຕ່າງປະເທດຂອງແຂວງ ໄດ້ຈັດກອງປະຊຸມ.",
            [("external-information-steering-committee", "ຄະນະຊີ້ນຳວຽກງານໂຄສະນາຕ່າງປະເທດຂອງແຂວງ")],
            "ວັນທີ 6 ມີນາ ຄະນະຊີ້ນຳວຽກງານໂຄສະນາຕ່າງປະເທດຂອງແຂວງ ໄດ້ຈັດກອງປະຊຸມ.",
            id="lo-am-ligature",
        ),
        pytest.param(  # ຫນ is ໜ: not ຫນໜ່ວຍ..., and the space after the name stays
            "ຫນ່ວຍງານພາສີດ່ານລາວບາວ ໄດ້ນໍາໃຊ້ພິທີການພາສີເອເລັກໂຕຣນິກ.",
            [("lao-bao-customs-branch", "ໜ່ວຍງານພາສີດ່ານລາວບາວ")],
            "ໜ່ວຍງານພາສີດ່ານລາວບາວ ໄດ້ນໍາໃຊ້ພິທີການພາສີເອເລັກໂຕຣນິກ.",
            id="lo-hn-ligature",
        ),
        pytest.param(  # ຫມ is ໝ
            "ບຸນປີໃຫມ່ລາວ ຈັດຂຶ້ນທີ່ແຂວງ.",
            [("bunpimay", "ບຸນປີໃໝ່ລາວ")],
            "ບຸນປີໃໝ່ລາວ ຈັດຂຶ້ນທີ່ແຂວງ.",
            id="lo-hm-ligature",
        ),
    ],
)
def test_lao_two_letter_spellings_are_the_ligatures(enforcers, output, required, expected):
    text, edits = enforcers["lo"](output, required)
    assert text == expected
    assert [edit.reason for edit in edits] == ["term-variant"]


@pytest.mark.parametrize(
    ("output", "form", "hit"),
    [
        ("the 80th founding anniversaryFounding Day of the Vietnam People's Army", FOUNDING_DAY["en"], False),
        ("Founding Day of the Vietnam People's Army, celebrated", FOUNDING_DAY["en"], True),
        ("على يوم تأسيس جيش الشعب الفيتنامينظمت المقاطعة", FOUNDING_DAY["ar"], False),
        ("في يوم تأسيس جيش الشعب الفيتنامي، نظمت", FOUNDING_DAY["ar"], True),
        ("زار الوفد وكوانغ تري أمس", "كوانغ تري", True),  # a proclitic stays attached
        ("زار الوفد الكوانغ تريين", "كوانغ تري", False),
        ("ຄະນະຊີ້ນຳວຽກງານໂຄສະນາຕ່າງປະເທດຂອງແຂວງງ ໄດ້ຈັດ", "ຄະນະຊີ້ນຳວຽກງານໂຄສະນາຕ່າງປະເທດຂອງແຂວງ", False),
        ("ແຂວງກວາງຈິງ ແລະ", "ກວາງຈິ", False),  # ຈິງ is a syllable of its own
        ("ເຂດອຸດສາຫະກຳກວາງຈິ ຢູ່", "ກວາງຈິ", True),
    ],
    ids=["en-glued", "en", "ar-glued", "ar", "ar-proclitic", "ar-suffix", "lo-doubled", "lo-syllable", "lo"],
)
def test_a_term_counts_only_as_whole_words(output, form, hit):
    accuracy = term_accuracy([output], [[("concept", form)]])
    assert accuracy["hits"] == hit


# Both runs of the whole corpus: the model's translations are the same (one cache), so every
# difference between them is enforcement's.
@pytest.fixture(scope="module")
def runs(tiny_model, tmp_path_factory) -> dict[str, Path]:
    cache = cache_holding(tiny_model, tmp_path_factory.mktemp("cache"))
    return {
        strategy: run_strategy(strategy, "all", cache, tmp_path_factory) for strategy in ("none", "enforce")
    }


def hypotheses(out: Path, lang: str) -> list[str]:
    return (out / f"hyp.{lang}.txt").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("lang", TARGETS)
def test_enforce_lowers_no_lines_chrf(runs, lang):
    references = (CORPUS_DIR / f"ref.{lang}.txt").read_text(encoding="utf-8").splitlines()
    none, enforced = (hypotheses(runs[strategy], lang) for strategy in STRATEGIES)
    chrf = CHRF(word_order=2)
    lines = zip(*(preprocess(lang, texts) for texts in (none, enforced, references)), strict=True)
    worse = [
        (number, none[number - 1], enforced[number - 1])
        for number, (before, after, reference) in enumerate(lines, 1)
        if chrf.sentence_score(after, [reference]).score < chrf.sentence_score(before, [reference]).score
    ]
    assert worse == []


def term_edits(out: Path) -> list[dict]:
    edits = [json.loads(line) for line in (out / "edits.jsonl").read_text(encoding="utf-8").splitlines()]
    return [edit for edit in edits if edit["stage"] == "terms"]


def texts_around_edits(final: str, edits: list[dict]):
    """For each edit of one field, last first: the text just before it and just after it."""
    after_edit = final
    for edit in reversed(edits):
        start, end = edit["start"], edit["start"] + len(edit["after"])
        before_edit = after_edit[:start] + edit["before"] + after_edit[end:]
        yield edit, before_edit, after_edit
        after_edit = before_edit


ARABIC_PROCLITICS = re.compile("[وف]?[بكل]?(ال)?")


def joined(lang: str, text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is glued to a neighbouring word (Arabic: proclitics may precede)."""
    if lang == "lo":
        offsets = [0, *accumulate(map(len, word_tokenize(text)))]
        return start not in offsets or end not in offsets
    letters_before = re.search(r"\w*$", text[:start]).group()
    attached = lang == "ar" and ARABIC_PROCLITICS.fullmatch(letters_before) is not None
    return (letters_before != "" and not attached) or (end < len(text) and text[end].isalnum())


def doubled(text: str, start: int, end: int) -> bool:
    """Whether a letter is written twice across an edge of text[start:end]."""
    return (start > 0 and text[start - 1] == text[start] and text[start].isalpha()) or (
        end < len(text) and text[end - 1] == text[end] and text[end].isalpha()
    )


@pytest.mark.parametrize("lang", TARGETS)
def test_term_edits_join_no_words_and_double_no_letters(runs, lang):
    final = hypotheses(runs["enforce"], lang)
    edits = [edit for edit in term_edits(runs["enforce"]) if edit["field"] == f"hyp.{lang}"]
    damaged = []
    for number in sorted({edit["line"] for edit in edits}):
        line_edits = [edit for edit in edits if edit["line"] == number]
        for edit, before_edit, after_edit in texts_around_edits(final[number - 1], line_edits):
            start, end = edit["start"], edit["start"] + len(edit["after"])
            introduced_doubling = doubled(after_edit, start, end) and not doubled(
                before_edit, start, edit["end"]
            )
            if joined(lang, after_edit, start, end) or introduced_doubling:
                damaged.append((number, edit["before"], edit["after"], after_edit))
    assert damaged == []
