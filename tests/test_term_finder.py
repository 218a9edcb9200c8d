"""Term finding in the source: longest whole-word matches, any case for terms, names only where
capitalized like a name."""

import pytest
from conftest import GLOSSARY

from pipeline.terminology.finder import TermFinder
from pipeline.terminology.glossary import load_glossary


@pytest.fixture(scope="module")
def find():
    finder = TermFinder(load_glossary(GLOSSARY))
    return lambda text: [(text[start:end], concept.id) for start, end, concept in finder.find(text)]


def test_names_and_terms_are_found_with_their_concepts(find):
    assert find("Tỉnh Quảng Trị đẩy mạnh thông tin đối ngoại tại cửa khẩu Lao Bảo.") == [
        ("Tỉnh Quảng Trị", "quang-tri-province"),
        ("thông tin đối ngoại", "external-information"),
        ("cửa khẩu", "border-gate"),
        ("Lao Bảo", "lao-bao"),
    ]
    assert find("Đông Hà thuộc Quảng Trị") == [("Đông Hà", "dong-ha"), ("Quảng Trị", "quang-tri")]


def test_a_name_in_lower_case_is_a_common_word(find):
    assert find("Hai nước vì hòa bình và hợp tác.") == []
    assert [concept for _, concept in find("Tỉnh Hòa Bình") if concept == "hoa-binh"] == ["hoa-binh"]


def test_the_longest_match_wins(find):
    assert find("Thái Bình Dương") == [("Thái Bình Dương", "pacific-ocean")]


def test_only_whole_words_match(find):
    assert all(surface != "Lao Bảo" for surface, _ in find("XLao Bảoy"))


def test_terms_match_in_any_case(find):
    assert find("THÔNG TIN ĐỐI NGOẠI") == [("THÔNG TIN ĐỐI NGOẠI", "external-information")]
