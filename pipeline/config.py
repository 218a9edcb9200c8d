"""The TOML job config, validated with pydantic: an unknown key or a bad value names the key."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .corpus import describe_validation_error
from .errors import InputError
from .languages import parse_languages

DEFAULT_MODEL = "nllb-200-distilled-600M"
DEFAULT_PIPELINE = ["normalize", "segment", "glossary", "translate", "unify", "terms", "score", "report"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ModelConfig(_Strict):
    """Which model translates, and how: CTranslate2 (NLLB family) or an OpenAI-compatible LLM."""

    backend: Literal["ctranslate2", "openai"] = "ctranslate2"
    name_or_path: str = DEFAULT_MODEL
    base_url: str = "http://127.0.0.1:8000/v1"
    device: Literal["cpu", "cuda", "auto"] = "cpu"
    compute_type: str = "default"
    beam_size: int = Field(4, ge=1, le=16)
    max_batch_size: int = Field(32, ge=1)
    max_decoding_length: int = Field(256, ge=8)
    intra_threads: int = Field(0, ge=0)


class NormalizeConfig(_Strict):
    collapse_whitespace: bool = True
    tone_style: Literal["traditional", "modern"] = "traditional"


class GlossaryConfig(_Strict):
    """The term base, and how its terms are applied in translation."""

    path: Path = Path("glossary/quangtri.tsv")
    strategy: Literal["none", "enforce", "protect", "prompt"] = "enforce"
    fuzzy_threshold: float = Field(80.0, ge=50, le=100)
    protect_hypotheses: int = Field(16, ge=1, le=64)
    """With `protect`: how many of the model's best translations are searched for one that carries
    every placeholder, before the sentence falls back to unprotected translation."""


class JobConfig(_Strict):
    """A whole job: corpus, languages, output, stages and their settings."""

    corpus: Path
    targets: list[str] = ["ar", "en", "lo"]
    out: Path
    split: str = "all"
    cache_dir: Path = Path(".cache")
    pipeline: list[str] = DEFAULT_PIPELINE
    model: ModelConfig = ModelConfig()
    normalize: NormalizeConfig = NormalizeConfig()
    glossary: GlossaryConfig = GlossaryConfig()

    @field_validator("targets", mode="before")
    @classmethod
    def _known_targets(cls, value: str | list[str]) -> list[str]:
        try:
            return parse_languages(value)
        except Exception as err:
            raise ValueError(str(err)) from None

    @field_validator("pipeline")
    @classmethod
    def _known_stages(cls, value: list[str]) -> list[str]:
        from .stages import stage_names

        unknown = [name for name in value if name not in stage_names()]
        if unknown:
            raise ValueError(f"unknown stage(s) {unknown} (known: {stage_names()})")
        if {"segment", "normalize"} <= set(value) and value.index("segment") < value.index("normalize"):
            raise ValueError("'segment' must come after 'normalize': it splits the final text")
        return value

    @model_validator(mode="after")
    def _prompt_needs_llm(self) -> JobConfig:
        if self.glossary.strategy == "prompt" and self.model.backend != "openai":
            raise ValueError("glossary.strategy 'prompt' needs model.backend = 'openai' (an LLM)")
        return self


def load_job_config(path: Path | None, overrides: dict) -> JobConfig:
    """Read a TOML job file (optional) and apply command-line overrides on top."""
    data: dict = {}
    if path is not None:
        if not path.is_file():
            raise InputError("config file not found", path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as err:
            raise InputError(f"invalid TOML: {err}", path) from None
    for key, value in overrides.items():
        if value is None:
            continue
        section, _, name = key.rpartition(".")
        target = data.setdefault(section, {}) if section else data
        target[name] = value
    try:
        return JobConfig.model_validate(data)
    except ValidationError as err:
        raise InputError(describe_validation_error(err), path or "command line") from None
