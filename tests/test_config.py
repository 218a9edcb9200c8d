"""The job config: top-level keys checked on load, each stage section checked by the stages that
read it, and the stage order checked from what each stage requires, assigns and follows."""

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from pipeline.config import DEFAULT_PIPELINE, TranslateJob, load_job_config
from pipeline.errors import InputError
from pipeline.runner import check_order, validate_sections


def job(**overrides):
    return load_job_config(None, {"corpus": "c", "out": "o", **overrides})


def checked(config):
    return check_order(config, validate_sections(config))


def test_defaults_from_command_line_overrides():
    config = job(targets="lo,ar")
    assert config.targets == ["lo", "ar"]
    assert config.pipeline == DEFAULT_PIPELINE
    assert validate_sections(config)["model"].name_or_path is None  # each pair's from the registry


def test_unknown_key_in_a_section_is_named(tmp_path: Path):
    path = tmp_path / "job.toml"
    path.write_text('corpus = "c"\nout = "o"\n[model]\nbeam = 4\n')
    with pytest.raises(InputError, match=r"job.toml: model.beam: unknown key"):
        validate_sections(load_job_config(path, {}))


def test_bad_value_is_named(tmp_path: Path):
    path = tmp_path / "job.toml"
    path.write_text('corpus = "c"\nout = "o"\n[model]\nbeam_size = 0\n')
    with pytest.raises(InputError, match=r"model.beam_size: Input should be greater"):
        validate_sections(load_job_config(path, {}))


def test_unknown_top_level_key_and_unknown_section_are_named(tmp_path: Path):
    path = tmp_path / "job.toml"
    path.write_text('corpus = "c"\nout = "o"\nsplits = "all"\n')
    with pytest.raises(InputError, match=r"job.toml: splits: unknown key"):
        load_job_config(path, {})
    path.write_text('corpus = "c"\nout = "o"\n[modle]\nbeam_size = 2\n')
    with pytest.raises(InputError, match=r"job.toml: modle: unknown key"):
        validate_sections(load_job_config(path, {}))


def test_one_job_file_serves_both_commands(tmp_path: Path):
    """Each command ignores the top-level keys only the other reads (the README's example)."""
    path = tmp_path / "job.toml"
    path.write_text('corpus = "c"\nout = "o"\nsplit = "test"\nexecutor = "ray"\nchunk_segments = 50\n')
    assert load_job_config(path, {}).split == "test"
    translate = load_job_config(path, {}, TranslateJob)
    assert (translate.executor, translate.chunk_segments) == ("ray", 50)
    path.write_text('executor = "spark"\n')
    with pytest.raises(InputError, match="executor: Input should be 'local' or 'ray'"):
        load_job_config(path, {}, TranslateJob)


def test_a_section_of_a_stage_outside_the_pipeline_is_still_checked():
    config = job(pipeline=["normalize"], **{"model.beam_size": 0})
    with pytest.raises(InputError, match="model.beam_size"):
        validate_sections(config)


def test_unknown_language_code_is_named():
    with pytest.raises(InputError, match=r"targets: .*unknown language code 'xx'"):
        job(targets="ar,xx")


def test_unknown_stage_is_refused():
    with pytest.raises(InputError, match="unknown stage"):
        job(pipeline=["translate", "polish"])


@pytest.mark.parametrize(
    "pipeline, strategy, message",
    [
        (["segment", "normalize"], "enforce", "'normalize' must come before 'segment'"),
        (["translate", "glossary"], "protect", "'translate' needs 'terms', which 'glossary' assigns"),
        (["translate", "score", "report"], "protect", "'translate' needs 'terms', which 'glossary' assigns"),
        (["translate", "report", "score"], "none", "'score' must come before 'report'"),
        (["report"], "none", "'report' needs 'translations', which 'translate' assigns: add it"),
        (["score"], "none", "'score' needs 'translations', which 'translate' assigns"),
        (["translate", "terms"], "enforce", "'terms' needs 'terms', which 'glossary' assigns"),
    ],
)
def test_wrong_order_names_both_stages(pipeline, strategy, message):
    with pytest.raises(InputError, match=message):
        checked(job(pipeline=pipeline, **{"glossary.strategy": strategy}))


def test_orders_that_work_are_accepted():
    assert [c.name for c in checked(job())] == DEFAULT_PIPELINE
    assert len(checked(job(pipeline=["translate", "terms"], **{"glossary.strategy": "none"}))) == 2
    assert len(checked(job(pipeline=["normalize"]))) == 1
    assert len(checked(job(pipeline=["translate", "report"], **{"glossary.strategy": "none"}))) == 2


def test_prompt_strategy_needs_an_llm_backend():
    with pytest.raises(InputError, match="needs model.backend = 'openai'"):
        checked(job(**{"glossary.strategy": "prompt"}))


def test_relative_paths_in_a_job_file_resolve_from_its_directory(tmp_path: Path):
    (tmp_path / "jobs").mkdir()
    path = tmp_path / "jobs" / "job.toml"
    path.write_text(
        'corpus = "../c"\nout = "runs/o"\n[glossary]\npath = "g.tsv"\n[report]\nbaseline = "b.json"\n'
    )
    config = load_job_config(path, {})
    assert config.corpus == tmp_path / "jobs" / "../c"
    assert config.out == tmp_path / "jobs" / "runs/o"
    sections = validate_sections(config)
    assert sections["glossary"].path == tmp_path / "jobs" / "g.tsv"
    assert sections["report"].baseline == tmp_path / "jobs" / "b.json"


def test_the_default_glossary_is_the_projects_wherever_mtpipe_runs(tmp_path: Path):
    code = "from pipeline.stages.base import GlossaryOptions; print(GlossaryOptions().path)"
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert Path(result.stdout.strip()) == ROOT / "glossary" / "quangtri.tsv"


def test_loading_a_config_imports_no_stage_and_no_heavy_library():
    code = (
        "import sys; from pipeline.config import load_job_config;"
        "load_job_config(None, {'corpus': 'c', 'out': 'o', 'pipeline': ['normalize', 'translate']});"
        "print(sorted(m for m in sys.modules if m.startswith('pipeline.stages.') or m in"
        " ('ahocorasick', 'rapidfuzz', 'jinja2', 'ctranslate2', 'spacy', 'torch')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "['pipeline.stages.base']"


def test_latin_names_is_read_by_normalize_and_unify_and_checked():
    sections = validate_sections(job(pipeline=["unify"], **{"normalize.latin_names": "annotate"}))
    assert sections["normalize"].latin_names == "annotate"
    with pytest.raises(InputError, match="normalize.latin_names"):
        validate_sections(job(**{"normalize.latin_names": "translate"}))
