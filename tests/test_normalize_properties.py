"""Properties of normalization over generated text: idempotent, line-preserving, and changing
nothing outside its recorded edits."""

import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.edits import apply_changes
from pipeline.normalize.decoding import DecodedInput, normalize_lines
from pipeline.normalize.engine import Normalizer
from pipeline.terminology.glossary import load_glossary

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = load_glossary(ROOT / "glossary" / "quangtri.tsv")
LANGS = ("vi", "ar", "en", "lo")
NORMALIZERS = {
    (lang, style): Normalizer(GLOSSARY, lang, style) for lang in LANGS for style in ("traditional", "modern")
}


def spellings(lang: str) -> list[str]:
    forms = []
    for concept in GLOSSARY.concepts:
        if lang in concept.forms:
            forms.append(concept.forms[lang])
        forms += concept.variants.get(lang, ())
    return forms


FILLERS = {
    "vi": [
        "tỉnh",
        "hòa bình",
        "thuỷ lợi",
        "khoẻ",
        "năm 2024",
        "ông",
        "tại",
        "www.quangtri.gov.vn",
        "QT-2024",
    ],
    "ar": ["في", "و", "مؤتمر", "عام 2024", "الشعبُ", "ـ", "\u064e", "،"],
    "en": ["the", "of", "Lao", "province", "www.quangtri.gov.vn", "2024", "-"],
    "lo": ["ແຂວງ", "ແລະ", "ປີ 2024", "ໄດ້"],
}


def line_strategy(lang: str):
    pieces = st.sampled_from(spellings(lang) + FILLERS[lang])
    separators = st.sampled_from([" ", "", "  ", ", ", "و", "\u200b"])
    decompose = st.booleans()

    @st.composite
    def build(draw):
        words = draw(st.lists(st.tuples(pieces, separators), max_size=8))
        text = "".join(word + sep for word, sep in words)
        return unicodedata.normalize("NFD", text) if draw(decompose) else text

    return build()


any_line = st.sampled_from(LANGS).flatmap(lambda lang: st.tuples(st.just(lang), line_strategy(lang)))
style = st.sampled_from(["traditional", "modern"])
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(any_line, style)
def test_idempotent(lang_and_text, tone_style):
    lang, text = lang_and_text
    normalizer = NORMALIZERS[(lang, tone_style)]
    once = normalizer(text)
    twice = normalizer(once.text)
    assert twice.text == once.text
    assert twice.edits == []


@SETTINGS
@given(any_line, style)
def test_text_outside_edits_is_untouched(lang_and_text, tone_style):
    """Replaying the edits one by one on the input, each at its recorded span, gives the output."""
    lang, text = lang_and_text
    line = NORMALIZERS[(lang, tone_style)](text)
    for edit in line.edits:
        assert text[edit.start : edit.end] == edit.before
        text = apply_changes(text, [(edit.start, edit.end, edit.after)])
    assert text == line.text


@SETTINGS
@given(any_line, style)
def test_entities_point_at_their_form(lang_and_text, tone_style):
    lang, text = lang_and_text
    line = NORMALIZERS[(lang, tone_style)](text)
    for entity in line.entities:
        assert line.text[entity.start : entity.end] == entity.form
        assert entity.surface and entity.surface in unicodedata.normalize("NFC", text)


@SETTINGS
@given(st.sampled_from(LANGS).flatmap(lambda lang: st.tuples(st.just(lang), st.lists(line_strategy(lang)))))
def test_line_count_preserved(lang_and_lines):
    lang, lines = lang_and_lines
    lines = [line.replace("\n", " ") for line in lines]
    out = list(normalize_lines(DecodedInput(lines, "utf-8"), NORMALIZERS[(lang, "traditional")]))
    assert len(out) == len(lines)
    assert all((not o.text) == (not i) for o, i in zip(out, lines, strict=True))
