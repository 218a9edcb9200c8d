"""The backends run the same model alike, and term protection works with any vocabulary: the
transformers backend (the reference) and CTranslate2 give the same greedy translations of the
tiny model; a tiny model trained without placeholder symbols, as NLLB's vocabulary has none, gets
no placeholder in any output and loses no term accuracy under `protect`."""

from __future__ import annotations

import json

import pytest
from conftest import CACHE_DIR, CORPUS_DIR, GLOSSARY, cache_holding, run_cli, run_strategy

TARGETS = ("ar", "en", "lo")


@pytest.fixture(scope="module")
def both_backends(tiny_model):
    from pipeline.mt.ctranslate2 import CTranslate2Translator
    from pipeline.mt.transformers import TransformersTranslator

    greedy = {"beam_size": 1}
    return CTranslate2Translator(tiny_model, **greedy), TransformersTranslator(tiny_model / "hf", **greedy)


@pytest.mark.parametrize("lang", TARGETS)
def test_ctranslate2_and_transformers_give_the_same_greedy_translations(both_backends, corpus, lang):
    """Every line's greedy translation is the same; the lines that loop are the same, and the
    repetition guard then decodes them again in each engine's own way (their repetition
    penalties differ in detail), so those may differ."""
    ct2, hf = both_backends
    found = {engine: engine.translate_noted(corpus.source, "vi", lang) for engine in both_backends}
    guarded = {e: [i for i, ((_, note),) in enumerate(found[e]) if note.retried] for e in found}
    assert guarded[ct2] == guarded[hf]
    unguarded = [i for i in range(len(corpus.source)) if i not in guarded[ct2]]
    assert [found[hf][i][0][0] for i in unguarded] == [found[ct2][i][0][0] for i in unguarded]


def test_transformers_gives_the_n_best_that_protect_needs(tiny_model, corpus):
    from pipeline.mt.transformers import TransformersTranslator

    hf = TransformersTranslator(tiny_model / "hf", beam_size=4)
    (hypotheses,) = hf.translate(corpus.source[:1], "vi", "en", num_hypotheses=4)
    assert len(hypotheses) == 4 and len(set(hypotheses)) == 4
    assert hypotheses[0] == hf.translate(corpus.source[:1], "vi", "en")[0][0]


def test_the_transformers_backend_runs_the_pipeline_as_ctranslate2_does(tiny_model, tmp_path):
    document = tmp_path / "news.txt"
    document.write_text("\n".join(CORPUS_DIR.joinpath("source.vi.txt").read_text().splitlines()[:5]) + "\n")
    outputs = {}
    for backend in ("ctranslate2", "transformers"):
        config = tmp_path / f"{backend}.toml"
        config.write_text(f'[model]\nbackend = "{backend}"\nbeam_size = 1\n')
        out = tmp_path / backend
        cache = cache_holding(tiny_model, tmp_path / f"cache-{backend}")
        result = run_cli(
            "translate", str(document), "--to", "ar,lo", "--model", "tiny", "--config", str(config),
            "-o", str(out), "--cache-dir", str(cache),
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        outputs[backend] = [(out / lang / "news.txt").read_text() for lang in ("ar", "lo")]
    assert outputs["transformers"] == outputs["ctranslate2"]


@pytest.fixture(scope="module")
def bare_model(corpus):
    """The tiny model trained with no placeholder symbol in its vocabulary or data."""
    from pipeline.mt.tiny import TinyRecipe, build_tiny_model
    from pipeline.terminology.glossary import load_glossary

    recipe = TinyRecipe(placeholders=False)
    return build_tiny_model(corpus, sorted(corpus.references), load_glossary(GLOSSARY), CACHE_DIR, recipe)


@pytest.fixture(scope="module")
def bare_runs(bare_model, tmp_path_factory):
    cache = tmp_path_factory.mktemp("bare-cache")
    return {
        strategy: run_strategy(strategy, "all", cache, tmp_path_factory, model=str(bare_model))
        for strategy in ("enforce", "protect")
    }


def test_a_vocabulary_without_placeholders_switches_protect_to_enforce(bare_model, bare_runs):
    from pipeline.mt.ctranslate2 import CTranslate2Translator

    assert not CTranslate2Translator(bare_model).encodes("⟦0⟧")
    summary = json.loads((bare_runs["protect"] / "run.json").read_text())
    assert summary["placeholder_form"] is None and summary["protected_sentences"] == 0
    assert summary["placeholder_survival"] is None
    assert len(summary["notices"]) == 1 and "enforced after translation instead" in summary["notices"][0]


def test_protect_on_a_vocabulary_without_placeholders_loses_nothing(bare_runs):
    protect, enforce = (
        json.loads((bare_runs[strategy] / "scores.json").read_text()) for strategy in ("protect", "enforce")
    )
    for lang in TARGETS:
        text = (bare_runs["protect"] / f"hyp.{lang}.txt").read_text(encoding="utf-8")
        assert not any(mark in text for mark in ("⟦", "⟧", "⁇", "<unk>"))
        assert protect[lang]["term_accuracy"]["score"] >= enforce[lang]["term_accuracy"]["score"]


def test_each_pair_is_translated_by_the_registrys_model(tiny_model, bare_model, tmp_path):
    """A registry naming the placeholder-trained tiny model for vi-ar and the bare one for vi-lo:
    each target is translated by its own model (as that model alone translates it), both are
    loaded once, and `protect` is switched off, said once, only for the bare model's target."""
    document = tmp_path / "news.txt"
    document.write_text("\n".join(CORPUS_DIR.joinpath("source.vi.txt").read_text().splitlines()[:8]) + "\n")
    registry = tmp_path / "registry.toml"
    registry.write_text(f'[pairs]\nvi-ar = "{tiny_model}"\nvi-lo = "{bare_model}"\n')
    config = tmp_path / "job.toml"
    config.write_text('[glossary]\nstrategy = "protect"\n')
    common = ("--config", str(config), "--cache-dir", str(tmp_path / "cache"))
    mixed = run_cli(
        "translate", str(document), "--to", "ar,lo", "--registry", str(registry),
        "-o", str(tmp_path / "mixed"), *common,
    )  # fmt: skip
    assert mixed.returncode == 0, mixed.stderr
    summary = json.loads((tmp_path / "mixed" / "run.json").read_text())
    assert summary["models"] == {"ar": str(tiny_model), "lo": str(bare_model)}
    assert summary["model_loads"] == 2 and summary["placeholder_form"] == "⟦0⟧"
    identities = summary["signature"]["model"].split(", ")
    assert [identity.split("=")[0] for identity in identities] == ["ar", "lo"]
    assert summary["notices"] == [
        f"glossary strategy 'protect': model {bare_model}'s vocabulary encodes none of the placeholder "
        "forms (⟦0⟧, 【0】, 《0》) without unknown pieces; terms are enforced after translation instead"
    ]
    for lang, model in (("ar", tiny_model), ("lo", bare_model)):
        alone = tmp_path / f"alone-{lang}"
        result = run_cli(
            "translate", str(document), "--to", lang, "--model", str(model), "-o", str(alone), *common
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert (tmp_path / "mixed" / lang / "news.txt").read_text() == (alone / lang / "news.txt").read_text()
