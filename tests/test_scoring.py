"""Corpus scores come from sacrebleu: the same scores, and the same 95% bootstrap intervals as
sacrebleu's own `corpus_score(n_bootstrap=1000)`."""

import pytest
import sacrebleu
from conftest import CORPUS_DIR

from pipeline.errors import MtpipeError
from pipeline.evaluation.metrics import corpus_scores, parse_metrics


@pytest.fixture(scope="module")
def texts():
    references = (CORPUS_DIR / "ref.en.txt").read_text(encoding="utf-8").splitlines()
    return [line.replace(" the ", " a ") for line in references], references


@pytest.mark.parametrize(
    "name, metric",
    [("BLEU", sacrebleu.BLEU()), ("chrF++", sacrebleu.CHRF(word_order=2)), ("TER", sacrebleu.TER())],
)
def test_scores_and_intervals_equal_sacrebleus(texts, name, metric):
    hypotheses, references = texts
    ours = corpus_scores("en", hypotheses, references, [name])[name]
    theirs = metric.corpus_score(hypotheses, [references], n_bootstrap=1000)
    assert ours.score == pytest.approx(theirs.score, abs=1e-9)
    assert ours.ci == pytest.approx((theirs._mean - theirs._ci, theirs._mean + theirs._ci), abs=1e-3)
    signature = str(metric.get_signature()).replace("|bs:1000|seed:12345", "")
    assert ours.signature == signature + "|invisible:removed"


def test_metric_names_on_the_command_line():
    assert parse_metrics("bleu, chrf") == ["BLEU", "chrF++"]
    with pytest.raises(MtpipeError, match="unknown metric"):
        parse_metrics("bleu,meteor")


def test_nothing_to_score_is_an_error():
    with pytest.raises(MtpipeError, match="nothing to score"):
        corpus_scores("en", [], [])
