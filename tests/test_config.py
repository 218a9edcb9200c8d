from pathlib import Path

import pytest

from pipeline.config import DEFAULT_PIPELINE, load_job_config
from pipeline.errors import InputError


def test_defaults_from_command_line_overrides():
    job = load_job_config(None, {"corpus": "c", "out": "o", "targets": "lo,ar"})
    assert job.targets == ["lo", "ar"]
    assert job.pipeline == DEFAULT_PIPELINE
    assert job.model.name_or_path == "nllb-200-distilled-600M"


def test_unknown_key_is_named(tmp_path: Path):
    path = tmp_path / "job.toml"
    path.write_text('corpus = "c"\nout = "o"\n[model]\nbeam = 4\n')
    with pytest.raises(InputError, match=r"job.toml: model.beam: unknown key"):
        load_job_config(path, {})


def test_bad_value_is_named(tmp_path: Path):
    path = tmp_path / "job.toml"
    path.write_text('corpus = "c"\nout = "o"\n[model]\nbeam_size = 0\n')
    with pytest.raises(InputError, match=r"model.beam_size: Input should be greater"):
        load_job_config(path, {})


def test_unknown_language_code_is_named():
    with pytest.raises(InputError, match=r"targets: .*unknown language code 'xx'"):
        load_job_config(None, {"corpus": "c", "out": "o", "targets": "ar,xx"})


def test_unknown_stage_and_wrong_order_are_refused():
    with pytest.raises(InputError, match="unknown stage"):
        load_job_config(None, {"corpus": "c", "out": "o", "pipeline": ["translate", "polish"]})
    with pytest.raises(InputError, match="'segment' must come after 'normalize'"):
        load_job_config(None, {"corpus": "c", "out": "o", "pipeline": ["segment", "normalize"]})
