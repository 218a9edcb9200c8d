"""Signatures from the objects' own state: every option that changes output changes the run
signature, and every one that changes the model's output changes the translation-cache key."""

import pytest

from pipeline.config import load_job_config
from pipeline.document import Document
from pipeline.mt.base import code_version
from pipeline.mt.cache import TranslationCache
from pipeline.mt.cached import CachedTranslator
from pipeline.mt.ctranslate2 import CTranslate2Translator
from pipeline.runner import run_signature, validate_sections


def signature(**overrides) -> dict:
    job = load_job_config(None, {"corpus": "c", "out": "o", **overrides})
    return run_signature(job, validate_sections(job), Document("vi", job.targets, []), split=job.split)


@pytest.mark.parametrize(
    "key, value",
    [
        ("glossary.strategy", "protect"),
        ("glossary.fuzzy_threshold", 90.0),
        ("glossary.protect_hypotheses", 4),
        ("normalize.tone_style", "modern"),
        ("normalize.collapse_whitespace", False),
        ("model.compute_type", "int8"),
        ("model.device", "cuda"),
        ("model.beam_size", 2),
        ("model.max_decoding_length", 128),
        ("model.backend", "transformers"),
        ("split", "test"),
        ("targets", "ar,en"),
        ("pipeline", ["normalize", "segment", "glossary", "translate", "score"]),
    ],
)
def test_every_option_that_changes_output_changes_the_run_signature(key, value):
    assert signature(**{key: value}) != signature()


def test_the_run_signature_names_the_code_that_processed(tmp_path):
    assert len(signature()["processing"]) == 12
    module = tmp_path / "m.py"
    module.write_text("A = 1\n")
    before = code_version(module)
    module.write_text("A = 2\n")
    assert code_version(module) != before


@pytest.fixture(scope="module")
def cache_key(tiny_model, tmp_path_factory):
    cache = TranslationCache(tmp_path_factory.mktemp("cache") / "t.sqlite")

    def key(**options) -> str:
        return CachedTranslator(CTranslate2Translator(tiny_model, **options), cache).signature

    return key


@pytest.mark.parametrize(
    "option, value",
    [("beam_size", 2), ("max_decoding_length", 128), ("compute_type", "int8"), ("device", "auto")],
)
def test_every_decoding_option_changes_the_cache_key(cache_key, option, value):
    assert cache_key(**{option: value}) != cache_key()


def test_the_cache_key_holds_the_model_and_the_backends_processing_version(cache_key, tiny_model):
    import pipeline.mt.ctranslate2 as backend
    from pipeline.mt import safety, seq2seq, splitting

    key = cache_key()
    assert key.startswith(backend.model_identity(tiny_model))
    assert f"processing={code_version(backend, seq2seq, splitting, safety)}" in key
