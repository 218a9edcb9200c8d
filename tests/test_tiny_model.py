"""The MT stage is wired right: the tiny model reproduces its train split in every target language,
and only when asked for that language."""

import pytest
from sacrebleu.metrics import CHRF

from pipeline.evaluation.metrics import preprocess

TARGETS = ["ar", "en", "lo"]


def train_chrf(corpus, translator, asked: str, scored_against: str) -> float:
    lines = corpus.line_indices("train")
    sources = [corpus.source[i] for i in lines]
    hyps = [best for best, *_ in translator.translate(sources, "vi", asked)]
    refs = [corpus.references[scored_against][i] for i in lines]
    metric = CHRF(word_order=2)
    return metric.corpus_score(preprocess(scored_against, hyps), [preprocess(scored_against, refs)]).score


@pytest.mark.parametrize("lang", TARGETS)
def test_tiny_model_reproduces_train_split(corpus, tiny_translator, lang):
    assert train_chrf(corpus, tiny_translator, lang, lang) >= 70


@pytest.mark.parametrize("lang", TARGETS)
def test_wrong_target_code_drops_chrf(corpus, tiny_translator, lang):
    right = train_chrf(corpus, tiny_translator, lang, lang)
    wrong_code = next(other for other in TARGETS if other != lang)
    assert right - train_chrf(corpus, tiny_translator, wrong_code, lang) >= 30


def test_runtime_tokenization_matches_training_tokenizer(corpus, tiny_model):
    """The sentencepiece pieces the translator feeds CTranslate2 are the ones the model learned."""
    import json

    import sentencepiece

    spm = sentencepiece.SentencePieceProcessor(model_file=str(tiny_model / "sentencepiece.bpe.model"))
    vocabulary = set(json.loads((tiny_model / "shared_vocabulary.json").read_text()))
    for text in corpus.source[:20] + corpus.references["lo"][:20]:
        pieces = spm.encode(text, out_type=str)
        assert pieces and set(pieces) <= vocabulary


def test_model_is_cached_by_content(corpus, tiny_model, tmp_path):
    from conftest import GLOSSARY

    from pipeline.mt.tiny import TinyRecipe, cache_key
    from pipeline.terminology.glossary import load_glossary

    glossary = load_glossary(GLOSSARY)
    targets = sorted(corpus.references)
    assert tiny_model.name == f"tiny-{cache_key(corpus, targets, glossary, TinyRecipe())}"
    assert cache_key(corpus, targets, glossary, TinyRecipe(epochs=1)) != cache_key(
        corpus, targets, glossary, TinyRecipe()
    )
