"""Each language pair's model: the registry names one per pair (a registered name or a model
directory relative to the registry file), `default_model` covers the pairs it does not list, and a
job's `name_or_path` (`--model`) overrides them all; every mistake is one error naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import JobConfig, load_job_config
from pipeline.errors import InputError, MtpipeError
from pipeline.mt.options import ModelOptions
from pipeline.mt.registry import load_registry
from pipeline.mt.resolve import pair_models
from pipeline.runner import validate_sections

MODEL = """
[models.base]
repo = "org/base"
revision = "0123456789abcdef0123456789abcdef01234567"
licence = "Apache-2.0"
files = ["*.json"]
"""


def registry(tmp_path: Path, head: str, models: str = MODEL) -> Path:
    path = tmp_path / "models" / "registry.toml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(head + models)
    return path


def test_each_pair_gets_the_model_the_registry_names(tmp_path):
    path = registry(tmp_path, 'default_model = "base"\n[pairs]\nvi-lo = "lao/ct2"\nvi-ar = "base"\n')
    (tmp_path / "models" / "lao" / "ct2").mkdir(parents=True)
    options = ModelOptions(registry=path)
    assert pair_models(options, "vi", ["ar", "en", "lo"]) == {
        "ar": "base",
        "en": "base",  # not listed: the default
        "lo": str(tmp_path / "models" / "lao" / "ct2"),  # a path, from the registry's directory
    }


def test_the_jobs_model_overrides_the_registry(tmp_path):
    path = registry(tmp_path, '[pairs]\nvi-lo = "base"\n')
    options = ModelOptions(name_or_path="tiny", registry=path)
    assert pair_models(options, "vi", ["ar", "lo"]) == {"ar": "tiny", "lo": "tiny"}


def test_mtpipes_own_registry_names_nllb_for_every_pair():
    options = validate_sections(JobConfig(corpus=Path("c"), out=Path("o")))["model"]
    assert options.name_or_path is None
    assert pair_models(options, "vi", ["ar", "en", "lo"]) == dict.fromkeys(
        ["ar", "en", "lo"], "nllb-200-distilled-600M"
    )


def test_a_pair_without_a_model_is_named_with_the_registry(tmp_path):
    path = registry(tmp_path, '[pairs]\nvi-ar = "base"\n')
    with pytest.raises(MtpipeError, match=r"registry.toml: no model for vi-lo: name one under \[pairs\]"):
        pair_models(ModelOptions(registry=path), "vi", ["ar", "lo"])


def test_a_missing_model_directory_is_named_only_for_the_pairs_translated(tmp_path):
    path = registry(tmp_path, '[pairs]\nvi-ar = "base"\nvi-lo = "lao/ct2"\n')
    assert pair_models(ModelOptions(registry=path), "vi", ["ar"]) == {"ar": "base"}
    with pytest.raises(MtpipeError, match=r"registry.toml: the model of vi-lo, .*/ct2, is not a directory"):
        pair_models(ModelOptions(registry=path), "vi", ["lo"])


@pytest.mark.parametrize(
    ("head", "message"),
    [
        ('[pairs]\nvi-lo = "lao"\n', r"pair 'vi-lo' names unknown model 'lao' \(known: base\)"),
        ('default_model = "nllb"\n', r"default_model names unknown model 'nllb'"),
        ("[pairs]\nvi-lo = 3\n", r"pair 'vi-lo': expected a model name or directory, got 3"),
    ],
)
def test_a_pair_naming_nothing_known_is_an_error(tmp_path, head, message):
    with pytest.raises(InputError, match=message) as raised:
        load_registry(registry(tmp_path, head))
    assert "registry.toml" in str(raised.value)


def test_a_registry_without_models_says_so(tmp_path):
    with pytest.raises(InputError, match=r"names unknown model 'lao' \(the registry names no models\)"):
        load_registry(registry(tmp_path, '[pairs]\nvi-lo = "lao"\n', models=""))


def test_a_job_files_registry_resolves_from_the_job_files_directory(tmp_path):
    registry(tmp_path, "")
    job_file = tmp_path / "job.toml"
    job_file.write_text('corpus = "c"\nout = "o"\n[model]\nregistry = "models/registry.toml"\n')
    options = validate_sections(load_job_config(job_file, {}))["model"]
    assert options.registry == tmp_path / "models" / "registry.toml"


def test_an_llm_backend_needs_its_model_named():
    with pytest.raises(ValueError, match="name_or_path\n.*backend 'openai' needs the model name"):
        ModelOptions(backend="openai")
