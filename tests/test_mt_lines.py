"""Lines through the MT library: sentence splitting, sentence units, the cache in front of the
model, term protection with fallback, and rejoining a line's translations. The translator here is
a recording test double that marks each text with its target (no translation is claimed), so the
library's own bookkeeping is what is tested."""

from pathlib import Path

from pipeline.document import TermMatch
from pipeline.edits import apply_changes
from pipeline.mt.cache import TranslationCache
from pipeline.mt.cached import CHUNK, CachedTranslator
from pipeline.mt.lines import joined, sentence_units, translate_lines
from pipeline.normalize.sentences import SentenceSplitter
from pipeline.terminology.placeholders import DEFAULT_STYLE


class Marking:
    """Returns `[target] text` for each text; `drop` makes it lose placeholders (as a model may)."""

    identity = "marking"

    def __init__(self, drop: bool = False):
        self.calls: list[list[str]] = []
        self.drop = drop

    def translate(self, texts, source, target, *, num_hypotheses=1, terms=None):
        self.calls.append(list(texts))
        out = [f"[{target}] {text}" for text in texts]
        if self.drop:
            out = [text.replace("⟦0⟧", "") for text in out]
        return [[text] * num_hypotheses for text in out]

    def options_key(self):
        return "marking"


def engine(tmp_path: Path, translator=None) -> CachedTranslator:
    return CachedTranslator(translator or Marking(), TranslationCache(tmp_path / "t.sqlite"))


QUANG_TRI = TermMatch("quang-tri", 5, 14, "Quảng Trị", {"en": "Quang Tri", "ar": "كوانغ تري"})
LINE = "Tỉnh Quảng Trị mở cửa. Trời mưa."
SENTENCES = ["Tỉnh Quảng Trị mở cửa.", "Trời mưa."]


def test_lines_split_into_sentences_as_written():
    assert SentenceSplitter()([LINE, "Một câu", "   "]) == [
        ["Tỉnh Quảng Trị mở cửa.", "Trời mưa."],
        ["Một câu"],
        [],
    ]


def test_units_protect_only_the_sentences_holding_terms():
    units = sentence_units(LINE, SENTENCES, [QUANG_TRI], ["en", "ar"], DEFAULT_STYLE)
    assert [(u.plain, u.protected) for u in units] == [
        ("Tỉnh Quảng Trị mở cửa.", "Tỉnh ⟦0⟧ mở cửa."),
        ("Trời mưa.", None),
    ]
    assert units[0].forms == {"en": ["Quang Tri"], "ar": ["كوانغ تري"]}
    unsplit = sentence_units("Trời mưa", [], [], ["en"], DEFAULT_STYLE)
    assert [(u.plain, u.protected) for u in unsplit] == [("Trời mưa", None)]


def test_a_lines_sentences_are_joined_by_a_space_and_terms_restored(tmp_path):
    lines = [sentence_units(LINE, SENTENCES, [QUANG_TRI], ["en"], DEFAULT_STYLE)]
    result = translate_lines(engine(tmp_path), lines, "vi", "en", style=DEFAULT_STYLE, protect_hypotheses=4)
    ((text, changes),) = result.lines
    assert text == "[en] Tỉnh ⟦0⟧ mở cửa. [en] Trời mưa."
    assert apply_changes(text, changes) == "[en] Tỉnh Quang Tri mở cửa. [en] Trời mưa."
    assert (result.protected_sentences, result.protect_fallbacks) == (1, 0)


def test_a_dropped_placeholder_falls_back_to_the_unprotected_sentence(tmp_path):
    lines = [sentence_units(LINE, SENTENCES, [QUANG_TRI], ["en"], DEFAULT_STYLE)]
    result = translate_lines(
        engine(tmp_path, Marking(drop=True)), lines, "vi", "en", style=DEFAULT_STYLE, protect_hypotheses=4
    )
    assert result.lines == [("[en] Tỉnh Quảng Trị mở cửa. [en] Trời mưa.", [])]
    assert (result.protected_sentences, result.protect_fallbacks) == (1, 1)


def test_blank_sentences_are_not_sent_and_leave_no_gap():
    units = sentence_units("  ", [], [], ["en"], None)
    assert joined(units, {}, {}) == ("", [])


def test_a_rerun_makes_no_model_calls_and_chunks_are_bounded(tmp_path):
    texts = [f"câu {n}" for n in range(CHUNK + 3)]
    first = engine(tmp_path)
    done = first.translate(texts, "vi", "en")
    assert done["câu 7"] == "[en] câu 7"
    assert [len(call) for call in first.translator.calls] == [CHUNK, 3]
    again = engine(tmp_path)
    assert again.translate(texts, "vi", "en") == done
    assert again.translator.calls == [] and (again.model_calls, again.cache_hits) == (0, CHUNK + 3)
    assert engine(tmp_path).translate(texts[:2], "vi", "ar") == {t: f"[ar] {t}" for t in texts[:2]}


def test_another_signature_is_another_cache_entry(tmp_path):
    engine(tmp_path).translate(["câu"], "vi", "en")
    other = CachedTranslator(Marking(), TranslationCache(tmp_path / "t.sqlite"), ";glossary=1234")
    other.translate(["câu"], "vi", "en")
    assert other.model_calls == 1
