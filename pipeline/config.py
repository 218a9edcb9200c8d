"""The TOML job config: the run's corpus, languages, output and stages at the top level, and one
section per stage setting (`[model]`, `[glossary]`, `[normalize]`), which the stages declare and
validate themselves (`pipeline.runner.validate_sections`). Relative paths in a job file resolve
from the job file's directory."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, PrivateAttr, ValidationError, field_validator

from .errors import InputError, describe_validation_error
from .languages import TARGETS, parse_languages
from .paths import resolve

DEFAULT_PIPELINE = [
    "normalize",
    "segment",
    "glossary",
    "translate",
    "unify",
    "terms",
    "qa",
    "score",
    "report",
]
PATH_KEYS = ("corpus", "out", "cache_dir", "glossary.path", "report.baseline")
"""Keys whose relative values in a job file are relative to that file."""


class JobConfig(BaseModel):
    """A whole job. Keys beyond these are stage sections (tables), checked against the stages."""

    model_config = ConfigDict(extra="allow")

    corpus: Path
    targets: list[str] = list(TARGETS)
    out: Path
    split: str = "all"
    cache_dir: Path = Path(".cache")
    pipeline: list[str] = DEFAULT_PIPELINE
    _source: str = PrivateAttr("command line")

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
        return value

    @property
    def sections(self) -> dict[str, Any]:
        """The stage sections as written (tables); validated by the stages that read them."""
        return dict(self.model_extra or {})

    @property
    def source(self) -> str:
        """Where the config came from, for error messages: the job file, or 'command line'."""
        return self._source


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
        _resolve_paths(data, path.parent)
    for key, value in overrides.items():
        if value is None:
            continue
        section, _, name = key.rpartition(".")
        target = data.setdefault(section, {}) if section else data
        target[name] = value
    not_tables = [
        key
        for key, value in data.items()
        if key not in JobConfig.model_fields and not isinstance(value, dict)
    ]
    if not_tables:
        raise InputError("; ".join(f"{key}: unknown key" for key in not_tables), path or "command line")
    try:
        job = JobConfig.model_validate(data)
    except ValidationError as err:
        raise InputError(describe_validation_error(err), path or "command line") from None
    job._source = str(path) if path else "command line"
    return job


def _resolve_paths(data: dict, base: Path) -> None:
    for key in PATH_KEYS:
        section, _, name = key.rpartition(".")
        table = data.get(section, {}) if section else data
        if isinstance(table, dict) and isinstance(table.get(name), str):
            table[name] = str(resolve(Path(table[name]), base))
