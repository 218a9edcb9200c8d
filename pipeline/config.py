"""The TOML job config, shared by `mtpipe run` and `mtpipe translate`: the run's corpus, languages,
output and stages at the top level, and one section per stage setting (`[model]`, `[glossary]`,
`[normalize]`), which the stages declare and validate themselves
(`pipeline.runner.validate_sections`). Relative paths in a job file resolve from the job file's
directory."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from .errors import InputError, describe_validation_error
from .languages import SOURCE, TARGETS, language, parse_languages
from .paths import resolve, within

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
PATH_KEYS = (
    "corpus",
    "out",
    "cache_dir",
    "glossary.path",
    "model.registry",
    "report.baseline",
    "tm",
    "write_tm",
)
"""Keys whose relative values in a job file are relative to that file."""


class JobOptions(BaseModel):
    """What `mtpipe run` and `mtpipe translate` share: languages, cache, stages and stage sections
    (keys beyond these are stage sections, tables, checked against the stages)."""

    model_config = ConfigDict(extra="allow")

    targets: list[str] = list(TARGETS)
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


class JobConfig(JobOptions):
    """An `mtpipe run` job: a corpus directory with references, scored into `out`."""

    corpus: Path
    out: Path
    split: str = "all"


RUN_ONLY = ("corpus", "out", "split")
"""Top-level keys of a job file that only `mtpipe run` reads."""


class TranslateJob(JobOptions):
    """An `mtpipe translate` job: files without references, so the pipeline never scores."""

    pipeline: list[str] = Field(DEFAULT_PIPELINE, validate_default=True)
    source_lang: str = Field(SOURCE, validate_default=True)
    overwrite: bool = False
    """Translate XLIFF units that already have a target too."""
    tm: Path | None = None
    """A TMX translation memory whose exact matches are taken instead of the model's translations."""
    write_tm: Path | None = None
    """Where to export the run's segment pairs as TMX."""
    executor: Literal["local", "ray"] = "local"
    """Where the per-segment stages run: this process, or a Ray cluster's actors."""
    ray_address: str | None = None
    """The Ray cluster to join (`HEAD:6379`, `auto`); none starts a local one."""
    chunk_segments: int = Field(2000, ge=1)
    """Segments per chunk: the stages see one chunk at a time (memory stays flat however long the
    input), and names are made consistent within a chunk."""

    @field_validator("source_lang")
    @classmethod
    def _known_source(cls, value: str, info: ValidationInfo) -> str:
        try:
            code = language(value).code
        except Exception as err:
            raise ValueError(str(err)) from None
        if code in info.data.get("targets", ()):
            raise ValueError(f"{code!r} is also a target language")
        return code

    @field_validator("pipeline")
    @classmethod
    def _without_score(cls, value: list[str]) -> list[str]:
        """`score` needs references, which files to translate do not have."""
        return [name for name in value if name != "score"]


Job = TypeVar("Job", bound=JobOptions)


def load_job_config(
    path: Path | None, overrides: dict, schema: type[Job] = JobConfig, allow_outside: bool = False
) -> Job:
    """Read a TOML job file (optional) and apply command-line overrides on top, as a `schema` job
    (`JobConfig` for `mtpipe run`; each ignores the top-level keys only the other reads). The file's
    `out` must lie inside the file's directory or the current directory unless `allow_outside`."""
    data: dict = {}
    if path is not None:
        if not path.is_file():
            raise InputError("config file not found", path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as err:
            raise InputError(f"invalid TOML: {err}", path) from None
        _resolve_paths(data, path.parent)
        if isinstance(data.get("out"), str) and overrides.get("out") is None and not allow_outside:
            _check_inside(Path(data["out"]), path)
        data = {key: value for key, value in data.items() if key not in _read_by_others(schema)}
    for key, value in overrides.items():
        if value is None:
            continue
        section, _, name = key.rpartition(".")
        target = data.setdefault(section, {}) if section else data
        target[name] = value
    not_tables = [
        key for key, value in data.items() if key not in schema.model_fields and not isinstance(value, dict)
    ]
    if not_tables:
        raise InputError("; ".join(f"{key}: unknown key" for key in not_tables), path or "command line")
    try:
        job = schema.model_validate(data)
    except ValidationError as err:
        raise InputError(describe_validation_error(err), path or "command line") from None
    job._source = str(path) if path else "command line"
    return job


def _read_by_others(schema: type[JobOptions]) -> set[str]:
    """Top-level keys of a job file that only the other command reads."""
    if schema is JobConfig:
        return set(TranslateJob.model_fields) - set(JobOptions.model_fields)
    return set(RUN_ONLY)


def _check_inside(out: Path, job_file: Path) -> None:
    """A job file may not send a run's output outside its own directory or the current one."""
    if not within(out, job_file.parent, Path.cwd()):
        raise InputError(
            f"out = {str(out)!r} lies outside the job file's directory and the current directory: "
            "pass --allow-outside to write there",
            job_file,
        )


def _resolve_paths(data: dict, base: Path) -> None:
    for key in PATH_KEYS:
        section, _, name = key.rpartition(".")
        table = data.get(section, {}) if section else data
        if isinstance(table, dict) and isinstance(table.get(name), str):
            table[name] = str(resolve(Path(table[name]), base))
