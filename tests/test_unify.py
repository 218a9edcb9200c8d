"""The `unify` stage: known variants of names in the translations become the glossary's form, each
change an edit of that translation; text without names is left alone."""

from pathlib import Path

import pytest

from pipeline.document import Document, Segment
from pipeline.edits import apply_changes
from pipeline.stages import StageContext
from pipeline.stages.unify import OutputUnifier


def unified(lang: str, *outputs: str) -> Document:
    doc = Document("vi", [lang], [Segment(i + 1, "", translations={lang: t}) for i, t in enumerate(outputs)])
    return OutputUnifier(StageContext([lang], Path("o"), Path(".cache")))(doc)


@pytest.mark.parametrize(
    "lang, output, expected",
    [
        ("ar", "زار الوفد مقاطعة كوانج تري ومعبر لاوباو.", "زار الوفد مقاطعة كوانغ تري ومعبر لاو باو."),
        ("en", "Quangtri and Lao-Bao", "Quang Tri and Lao Bao"),
        ("ar", "وكوانج تري", "وكوانغ تري"),
    ],
)
def test_variants_become_the_glossary_form(lang, output, expected):
    segment = unified(lang, output).segments[0]
    assert segment.translations[lang] == expected
    assert segment.edits and {(e.stage, e.field, e.reason) for e in segment.edits} == {
        ("unify", f"hyp.{lang}", "unify")
    }
    text = output
    for edit in segment.edits:
        text = apply_changes(text, [(edit.start, edit.end, edit.after)])
    assert text == expected


def test_text_without_names_and_canonical_names_are_left_alone():
    doc = unified("ar", "الطقس ممطر اليوم.", "مقاطعة كوانغ تري")
    assert [s.translations["ar"] for s in doc.segments] == ["الطقس ممطر اليوم.", "مقاطعة كوانغ تري"]
    assert all(s.edits == [] for s in doc.segments)


def unified_with(options: dict, lang: str, sources: list[str], outputs: list[str]) -> Document:
    from pipeline.stages.base import NormalizeOptions

    segments = [
        Segment(i + 1, s, translations={lang: t})
        for i, (s, t) in enumerate(zip(sources, outputs, strict=True))
    ]
    context = StageContext([lang], Path("o"), Path(".cache"), {"normalize": NormalizeOptions(**options)})
    return OutputUnifier(context)(Document("vi", [lang], segments))


@pytest.mark.parametrize(
    "latin_names, expected",
    [
        ("replace", "زار الوفد مقاطعة كوانغ تري."),
        ("keep", "زار الوفد مقاطعة Quảng Trị."),
        ("annotate", "زار الوفد مقاطعة كوانغ تري (Quảng Trị)."),
    ],
)
def test_latin_names_in_arabic_follow_the_normalize_section(latin_names, expected):
    doc = unified_with(
        {"latin_names": latin_names}, "ar", ["Đoàn thăm tỉnh Quảng Trị."], ["زار الوفد مقاطعة Quảng Trị."]
    )
    segment = doc.segments[0]
    assert segment.translations["ar"] == expected
    assert {edit.reason for edit in segment.edits} == ({"latin-name"} if latin_names != "keep" else set())


def test_an_unknown_name_takes_the_rules_form_of_the_source_across_the_document():
    sources = ["Ông Lê Quang Vinh thăm Đông Hà.", "Ông Lê Quang Vinh phát biểu.", "Trời mưa."]
    outputs = ["زار لي كوانج فينه دونغ ها.", "وتحدث لى كوانغ فينة.", "الطقس ممطر."]
    doc = unified_with({}, "ar", sources, outputs)
    assert [s.translations["ar"] for s in doc.segments] == [
        "زار لي كوانغ فينه دونغ ها.",
        "وتحدث لي كوانغ فينه.",
        "الطقس ممطر.",
    ]
    reasons = [edit.reason for segment in doc.segments for edit in segment.edits]
    assert reasons == ["document", "document"]
