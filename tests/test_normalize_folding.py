"""Folding: the fast paths give exactly what the folding table says, and positions map back."""

import re
from bisect import bisect_right

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.normalize.context import MAYBE_PROTECTED, PROTECTED_TOKEN, protected_spans
from pipeline.terminology.folding import ARABIC, ENGLISH, LAO, VIETNAMESE, Folder

# Letters the byte path knows, separators, characters it does not know (Arabic, ü, control).
LATIN_TEXT = st.text(alphabet="aQuảngTrịĐđ ÀỵỸ-–“’…\u00a0\u200bçüß\x01ا0.", max_size=40)
ARABIC_TEXT = st.text(alphabet="كوانغجتريىة \u0640\u064e\u0651\u00a0\u200c-a", max_size=40)


@pytest.mark.parametrize("folder", [VIETNAMESE, ENGLISH])
@given(text=LATIN_TEXT)
def test_byte_folding_equals_the_table(folder: Folder, text: str):
    assert folder.fold(text) == text.translate(folder.table)


def test_vietnamese_folds_marks_case_and_typographic_punctuation():
    assert VIETNAMESE.fold("Quảng Trị – “Đông Hà”") == 'quang tri - "dong ha"'
    assert VIETNAMESE.fold("Zürich") == "zurich"  # outside the byte table: the table still applies


@pytest.mark.parametrize(
    ("folder", "alphabet"), [(ARABIC, ARABIC_TEXT), (ENGLISH, LATIN_TEXT), (LAO, ARABIC_TEXT)]
)
@given(data=st.data())
def test_gaps_map_every_kept_character_back(folder: Folder, alphabet, data):
    text = data.draw(alphabet)
    folded = folder.fold(text)
    gaps = folder.gaps(text, folded)
    kept = [index for index, char in enumerate(text) if folder.table.get(ord(char), char) is not None]
    assert [index + bisect_right(gaps, index) for index in range(len(folded))] == kept


@given(text=st.text(alphabet="aw.:/@#_- 1ạ", max_size=12))
def test_protected_prefilter_never_misses_a_protected_token(text: str):
    if any(PROTECTED_TOKEN.search(token) for token in text.split()):
        assert MAYBE_PROTECTED.search(text)
        assert protected_spans(text)


@given(text=st.text(alphabet="ຫນມໍາໜຳກ່ \u00a0", max_size=30))
def test_lao_two_letter_spellings_fold_as_their_ligature_and_map_back(text: str):
    """ຫນ ຫມ ໍາ fold as ໜ ໝ ຳ; each folded character maps back to where its letters begin."""
    folded = LAO.fold(text)
    assert folded == LAO.fold(text.replace("ຫນ", "ໜ").replace("ຫມ", "ໝ").replace("ໍາ", "ຳ"))
    gaps = LAO.gaps(text, folded)
    second_letters = {m.start() + 1 for m in re.finditer("ຫນ|ຫມ|ໍາ", text)}
    kept = [i for i, char in enumerate(text) if char not in " \u00a0" and i not in second_letters]
    assert [index + bisect_right(gaps, index) for index in range(len(folded))] == kept


def test_a_lao_match_ending_in_a_two_letter_spelling_takes_both_letters():
    assert LAO.end_in_text("ແມ່ນ້ໍາ ແລະ", 6) == 7
