"""Applying the glossary in translation: placeholders, enforcement, and term accuracy per strategy."""

import json
from pathlib import Path

import pytest
from conftest import CORPUS_DIR, GLOSSARY, cache_holding, run_strategy

from pipeline.document import TermMatch
from pipeline.edits import apply_changes
from pipeline.evaluation.terms import term_accuracy
from pipeline.terminology.enforce import TermEnforcer
from pipeline.terminology.finder import TermFinder
from pipeline.terminology.glossary import load_glossary
from pipeline.terminology.placeholders import DEFAULT_STYLE, STYLES, choose_style

protect = DEFAULT_STYLE.protect
first_carrying = DEFAULT_STYLE.first_carrying
restoration_changes = DEFAULT_STYLE.restoration_changes
stray_placeholder_changes = DEFAULT_STYLE.stray_changes

EXTERNAL_INFORMATION = TermMatch(
    "external-information", 0, 18, "thông tin đối ngoại", {"ar": "الإعلام الخارجي"}
)
QUANG_TRI = TermMatch("quang-tri", 0, 9, "Quảng Trị", {"ar": "كوانغ تري", "en": "Quang Tri", "lo": "ກວາງຈິ"})
CORRIDOR = TermMatch(
    "east-west-economic-corridor",
    0,
    9,
    "x",
    {"ar": "الممر الاقتصادي بين الشرق والغرب", "en": "East–West Economic Corridor"},
)


def required(terms: list[TermMatch], lang: str) -> list[tuple[str, str]]:
    return [(term.concept_id, term.targets[lang]) for term in terms if term.targets.get(lang)]


def test_placeholders_round_trip_and_failures_are_detected():
    protected = protect("Tỉnh Quảng Trị và Lao Bảo", [(5, 14), (18, 25)])
    assert protected == "Tỉnh ⟦0⟧ và ⟦1⟧"
    output = "مقاطعة ⟦1⟧ و⟦0⟧"  # the model may reorder them
    changes = restoration_changes(output, ["كوانغ تري", "لاو باو"])
    assert changes == [(7, 10, "لاو باو"), (12, 15, "كوانغ تري")]
    assert apply_changes(output, changes) == "مقاطعة لاو باو وكوانغ تري"
    assert restoration_changes("مقاطعة ⟦0⟧", ["كوانغ تري", "لاو باو"]) is None  # dropped
    assert restoration_changes("⟦0⟧ ⟦0⟧ ⟦1⟧", ["a", "b"]) is None  # repeated
    assert restoration_changes("⟦0⟧ ⟦1", ["a", "b"]) is None  # mangled


def test_the_best_hypothesis_that_carries_every_placeholder_is_taken():
    hypotheses = ["مقاطعة ⟦0⟧", "مقاطعة ⟦0⟧ و⟦1", "مقاطعة ⟦1⟧ و⟦0⟧", "⟦0⟧ و⟦1⟧"]
    assert first_carrying(hypotheses, 2) == "مقاطعة ⟦1⟧ و⟦0⟧"
    assert first_carrying(hypotheses[:2], 2) == "مقاطعة ⟦0⟧"  # none does: the best, which then falls back


def test_the_placeholder_style_is_the_first_the_vocabulary_encodes():
    assert choose_style(lambda text: True) is STYLES[0]
    assert choose_style(lambda text: "⟦" not in text) is STYLES[1]
    assert choose_style(lambda text: text.isascii()) is None
    style = STYLES[1]
    protected = style.protect("Tỉnh Quảng Trị", [(5, 14)])
    assert protected == "Tỉnh 【0】"
    assert style.restoration_changes("Quảng Trị province: 【0】", ["Quang Tri"]) == [(20, 23, "Quang Tri")]
    assert not style.can_protect("Báo 【Nhân Dân】")  # its own brackets would make placeholders ambiguous


@pytest.mark.parametrize(
    ("lang", "output", "expected", "reason"),
    [
        ("ar", "زار الوفد وكوانج ترى أمس", "زار الوفد وكوانغ تري أمس", "term-variant"),
        ("lo", "ແຂວງກວາງຈີ ແລະ", "ແຂວງກວາງຈິ ແລະ", "term-variant"),
        (
            "en",
            "the East-West Economic Coridor opened",
            "the East–West Economic Corridor opened",
            "term-fuzzy",
        ),
        # one letter inside a word (ح for ج); the full stop stays
        ("ar", "تعزيز الإعلام الخارحي.", "تعزيز الإعلام الخارجي.", "term-fuzzy"),
        (
            "ar",
            "عبر والممر الاقتصادى بين الشرق و الغرب",
            "عبر والممر الاقتصادي بين الشرق والغرب",
            "term-variant",
        ),
    ],
)
def test_wrong_renderings_become_the_approved_form(lang, output, expected, reason):
    enforcer = TermEnforcer(load_glossary(GLOSSARY), lang)
    text, edits = enforcer(output, required([QUANG_TRI, CORRIDOR, EXTERNAL_INFORMATION], lang))
    assert text == expected
    assert edits and {edit.reason for edit in edits} == {reason}


def test_correct_output_is_left_alone():
    enforcer = TermEnforcer(load_glossary(GLOSSARY), "ar")
    assert enforcer("مقاطعة كوانغ تري", required([QUANG_TRI], "ar")) == ("مقاطعة كوانغ تري", [])


# enforce can only fix what the model renders, so it is measured on the lines the tiny model
# knows; protect carries terms through any sentence, so it is measured on the whole corpus.
@pytest.fixture(scope="module", params=[("enforce", "train"), ("protect", "all")], ids=lambda p: "-".join(p))
def strategy_run(request, tiny_model, tmp_path_factory):
    strategy, split = request.param
    cache = cache_holding(tiny_model, tmp_path_factory.mktemp("cache"))
    return strategy, run_strategy(strategy, split, cache, tmp_path_factory)


def reference_term_accuracy(out: Path, lang: str) -> float:
    """The references' own term accuracy on the run's lines: the most a faithful translation gets
    (whole words are counted, and the Arabic references inflect a few terms, as the dual المعبرين)."""
    finder = TermFinder(load_glossary(GLOSSARY))
    lines = [json.loads(line)["line"] for line in (out / "segments.jsonl").read_text().splitlines()]
    sources = (CORPUS_DIR / "source.vi.txt").read_text(encoding="utf-8").splitlines()
    required = [
        [(c.id, c.forms[lang]) for _, _, c in finder.find(sources[n - 1]) if c.forms.get(lang)] for n in lines
    ]
    return term_accuracy((out / f"ref.{lang}.txt").read_text(encoding="utf-8").splitlines(), required)[
        "score"
    ]


# enforce on the lines the model memorized comes within 1.5 points of the references; protect over
# the whole corpus within 5 (the tiny model writes broken words around placeholders on the 30
# lines it never saw, and only whole-word forms count).
SLACK = {"enforce": 1.5, "protect": 5.0}


def test_term_accuracy_comes_close_to_the_references_own(strategy_run):
    strategy, out = strategy_run
    scores = json.loads((out / "scores.json").read_text())
    for lang in ("ar", "en", "lo"):
        accuracy = scores[lang]["term_accuracy"]
        assert accuracy["strategy"] == strategy and accuracy["total"] > 50
        ceiling = reference_term_accuracy(out, lang)
        assert ceiling >= 94 and accuracy["score"] >= ceiling - SLACK[strategy], (
            lang,
            accuracy["score"],
            ceiling,
        )
        assert accuracy["score"] >= scores[lang]["term_accuracy_mt"]["score"]


def test_placeholders_never_reach_the_output(strategy_run):
    _, out = strategy_run
    for path in Path(out).glob("hyp.*.txt"):
        text = path.read_text(encoding="utf-8")
        assert "⟦" not in text and "⟧" not in text


def test_every_restored_placeholder_is_an_edit(strategy_run):
    strategy, out = strategy_run
    edits = [json.loads(line) for line in (out / "edits.jsonl").read_text(encoding="utf-8").splitlines()]
    restored = [edit for edit in edits if edit["reason"] == "term-protect"]
    if strategy == "enforce":
        assert restored == []
        return
    summary = json.loads((out / "run.json").read_text())
    assert len({(edit["line"], edit["field"]) for edit in restored}) > 300
    assert summary["protected_sentences"] - summary["protect_fallbacks"] <= len(restored)
    for edit in restored:
        assert edit["stage"] == "translate" and edit["before"] in {f"⟦{n}⟧" for n in range(10)}
        assert "⟦" not in edit["after"]


def test_protect_carries_placeholders_through_the_model(strategy_run):
    """The tiny model learned placeholder copies, and one of its best translations carries them:
    most protected sentences, unseen ones included, need no fallback."""
    strategy, out = strategy_run
    summary = json.loads((out / "run.json").read_text())
    if strategy == "enforce":
        assert summary["protected_sentences"] == 0
    else:
        assert summary["segments"] == 194 and summary["protected_sentences"] > 450
        assert summary["protect_fallbacks"] < 0.1 * summary["protected_sentences"]
        assert summary["placeholder_form"] == "⟦0⟧" and summary["placeholder_survival"] > 0.9


@pytest.mark.parametrize(
    "output, cleaned",
    [
        ("Quang Tri ⟦0⟧ province", "Quang Tri province"),
        ("⟦0⟧ Quang Tri", "Quang Tri"),
        ("Quang Tri ⟦1", "Quang Tri"),
        ("Quang Tri province.", "Quang Tri province."),
    ],
)
def test_a_placeholder_in_an_unprotected_translation_is_removed(output, cleaned):
    assert apply_changes(output, stray_placeholder_changes(output)) == cleaned
