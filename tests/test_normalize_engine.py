"""The normalizer's behaviour per language, on a small fixture glossary."""

from pathlib import Path

import pytest

from pipeline.normalize.engine import Normalizer
from pipeline.terminology.glossary import load_glossary

GLOSSARY = load_glossary(Path(__file__).parent / "data" / "mini_glossary.tsv")


def norm(lang: str, text: str, **options) -> str:
    return Normalizer(GLOSSARY, lang, **options)(text).text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("زار الوفد كوانج تري أمس", "زار الوفد كوانغ تري أمس"),
        ("وكوانج تري", "وكوانغ تري"),
        ("بكوانغ ترى", "بكوانغ تري"),
        ("كوانغتري", "كوانغ تري"),
        ("كوانـغ تري", "كوانغ تري"),
        ("كُوانْغ تري", "كوانغ تري"),
        ("قال نجوين دانج كوانج إن لاوباو مهم", "قال نغوين دانغ كوانغ إن لاو باو مهم"),
        ("فينة لينة، ثم لاوس", "فينه لينه، ثم لاوس"),
    ],
)
def test_arabic_variants_become_canonical(text, expected):
    assert norm("ar", text) == expected


@pytest.mark.parametrize(
    "text",
    ["كوانغ تري", "اجتماع في العاصمة", "كوانجتريات", "مكوانج تري"],
)
def test_arabic_canonical_and_unrelated_text_is_untouched(text):
    assert norm("ar", text) == text


def test_arabic_entity_offsets_point_at_the_output_form():
    line = Normalizer(GLOSSARY, "ar")("زار وكوانج تري")
    (entity,) = line.entities
    assert entity.vi == "Quảng Trị" and entity.surface == "كوانج تري" and entity.form == "كوانغ تري"
    assert line.text[entity.start : entity.end] == "كوانغ تري"
    assert entity.source == "glossary"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Visit Quangtri now", "Visit Quang Tri now"),
        ("the Quang-Tri border", "the Quang Tri border"),
        ("in Quảng Trị province", "in Quang Tri province"),
        ("quang tri is green", "Quang Tri is green"),
        ("QUANG TRI NEWS", "QUANG TRI NEWS"),
        ("External information matters", "External information matters"),
        ("via Laobao gate", "via Lao Bao gate"),
    ],
)
def test_english_house_style(text, expected):
    assert norm("en", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tỉnh Quang Tri tổ chức hội nghị", "Tỉnh Quảng Trị tổ chức hội nghị"),
        ("QUANG TRI phát triển", "QUẢNG TRỊ phát triển"),
        ("Ông Nguyen Dang Quang phát biểu", "Ông Nguyễn Đăng Quang phát biểu"),
        ("Cửa khẩu Lao Bao đông xe", "Cửa khẩu Lao Bảo đông xe"),
        ("Tinh Quang Tri to chuc hoi nghi", "Tinh Quảng Trị to chuc hoi nghi"),
    ],
)
def test_vietnamese_names_get_their_diacritics(text, expected):
    assert norm("vi", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Xem https://quangtri.gov.vn/Quang Tri",
        "Liên hệ quang.tri@example.vn",
        "Mã hồ sơ QT-2024 và Quang_Tri_2024",
        "The Quang Tri province welcomes tourists",
        "Bài báo 'Visiting Quang Tri' đăng hôm qua",
        "quang tri viết thường",
        "Nước Lao",
    ],
)
def test_vietnamese_names_left_alone_outside_vietnamese_name_context(text):
    assert norm("vi", text) == text


def test_tone_style_changes_only_syllables_where_styles_differ():
    assert (
        norm("vi", "hòa bình, thủy lợi, khỏe, hoàng", tone_style="modern")
        == "hoà bình, thuỷ lợi, khoẻ, hoàng"
    )
    assert norm("vi", "hoà bình, thuỷ lợi, khoẻ, hoàng") == "hòa bình, thủy lợi, khỏe, hoàng"


def test_lao_variants_are_listed_ones():
    assert norm("lo", "ແຂວງກວາງຈີ ແລະ ລາວບາວ") == "ແຂວງກວາງຈິ ແລະ ລາວບາວ"


def test_every_edit_has_a_reason_and_replays_to_the_output():
    from pipeline.edits import apply_changes

    line = Normalizer(GLOSSARY, "vi", tone_style="modern")("Tinh Quang Tri va hòa binh")
    assert {edit.reason for edit in line.edits} == {"restore", "tone"}
    text = "Tinh Quang Tri va hòa binh"
    for edit in line.edits:
        assert text[edit.start : edit.end] == edit.before
        text = apply_changes(text, [(edit.start, edit.end, edit.after)])
    assert text == line.text


def test_unknown_vietnamese_names_are_reported_with_proposed_forms():
    line = Normalizer(GLOSSARY, "vi")("Ông Nguyễn Văn Hùng thăm Quảng Trị và xã Vĩnh Thủy.")
    sources = {entity.vi: entity for entity in line.entities}
    assert sources["Quảng Trị"].source == "glossary" and sources["Quảng Trị"].proposed is None
    person = sources["Nguyễn Văn Hùng"]
    assert person.source == "transliteration"
    assert person.proposed == {"ar": "نغوين فان هونغ", "en": "Nguyen Van Hung", "lo": "ຫງວຽນວັນຮຸ່ງ"}
    assert sources["Vĩnh Thủy"].source == "transliteration"
    assert line.text == "Ông Nguyễn Văn Hùng thăm Quảng Trị và xã Vĩnh Thủy."


@pytest.mark.parametrize(
    "text", ["Ngày Hội Văn Hóa diễn ra hôm nay.", "Hội Nghị tổng kết", "Ban Chỉ đạo họp"]
)
def test_capitalized_phrases_without_name_context_are_not_names(text):
    assert [e for e in Normalizer(GLOSSARY, "vi")(text).entities if e.source == "transliteration"] == []


def test_the_same_unknown_name_always_gets_the_same_forms():
    normalizer = Normalizer(GLOSSARY, "vi")
    first = normalizer("Bà Trần Thị Lan đến.").entities[0].proposed
    second = normalizer("Hôm qua, bà Trần Thị Lan phát biểu.").entities[0].proposed
    assert first == second
