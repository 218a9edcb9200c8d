"""A parallel corpus directory: `source.<lang>.txt`, `ref.<lang>.txt` and an optional `corpus.toml`.

`corpus.toml` names the source language and the line ranges of each split, e.g.::

    source = "vi"
    [splits]
    train = "1-150"
    test = "151-190"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from ..errors import InputError, describe_validation_error
from ..languages import language
from ..textio import read_lines

MANIFEST = "corpus.toml"


def parse_line_range(spec: str) -> range:
    """Parse a 1-based inclusive range such as '1-150' into 0-based indices."""
    first, sep, last = spec.partition("-")
    if not sep or not first.strip().isdigit() or not last.strip().isdigit():
        raise ValueError(f"line range {spec!r} is not of the form FIRST-LAST")
    start, stop = int(first), int(last)
    if start < 1 or stop < start:
        raise ValueError(f"line range {spec!r} must satisfy 1 <= FIRST <= LAST")
    return range(start - 1, stop)


class CorpusManifest(BaseModel):
    """The validated contents of `corpus.toml`."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    source: str = "vi"
    description: str | None = None
    splits: dict[str, str] = {}

    @field_validator("source")
    @classmethod
    def _known_language(cls, value: str) -> str:
        language(value)
        return value

    @field_validator("splits")
    @classmethod
    def _valid_ranges(cls, value: dict[str, str]) -> dict[str, str]:
        for spec in value.values():
            parse_line_range(spec)
        return value


def load_manifest(directory: Path) -> CorpusManifest:
    """Read `corpus.toml` (defaults when absent); unknown keys or bad values name the key."""
    path = directory / MANIFEST
    if not path.is_file():
        return CorpusManifest()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as err:
        raise InputError(f"not UTF-8 ({err.reason})", path) from None
    except tomllib.TOMLDecodeError as err:
        raise InputError(f"invalid TOML: {err}", path) from None
    try:
        return CorpusManifest.model_validate(data)
    except ValidationError as err:
        raise InputError(describe_validation_error(err), path) from None


@dataclass
class Corpus:
    """Source lines plus the references that exist for them, all line-aligned."""

    directory: Path
    source_lang: str
    source: list[str]
    references: dict[str, list[str]] = field(default_factory=dict)
    splits: dict[str, range] = field(default_factory=dict)

    @property
    def source_path(self) -> Path:
        return self.directory / f"source.{self.source_lang}.txt"

    def split_of(self, index: int) -> str | None:
        """The split holding 0-based line `index`, if the corpus names splits."""
        return next((name for name, lines in self.splits.items() if index in lines), None)

    def line_indices(self, split: str) -> list[int]:
        """0-based line indices of a split; 'all' is every line."""
        if split == "all":
            return list(range(len(self.source)))
        if split not in self.splits and not self.splits:
            raise InputError(
                f"unknown split {split!r}: this corpus names no splits (no [splits] in {MANIFEST}), "
                "so only 'all' is known; use --split all or add the ranges to its corpus.toml",
                self.directory,
            )
        if split not in self.splits:
            known = ", ".join(["all", *sorted(self.splits)])
            raise InputError(f"unknown split {split!r} (known: {known})", self.directory / MANIFEST)
        return list(self.splits[split])


def load_corpus(directory: Path) -> Corpus:
    """Load a corpus directory, checking that every reference has the source's line count."""
    if not directory.is_dir():
        raise InputError("corpus directory not found", directory)
    manifest = load_manifest(directory)
    source_path = directory / f"source.{manifest.source}.txt"
    source = read_lines(source_path)
    references: dict[str, list[str]] = {}
    for path in sorted(directory.glob("ref.*.txt")):
        lang = path.name.split(".")[1]
        try:
            language(lang)
        except Exception as err:
            raise InputError(str(err), path) from None
        lines = read_lines(path)
        if len(lines) != len(source):
            raise InputError(
                f"has {len(lines)} lines but {source_path} has {len(source)}: "
                "references must be line-aligned with the source",
                path,
            )
        references[lang] = lines
    splits = {name: parse_line_range(spec) for name, spec in manifest.splits.items()}
    for name, lines in splits.items():
        if lines.stop > len(source):
            raise InputError(
                f"split {name!r} ends at line {lines.stop} but the source has {len(source)} lines",
                directory / MANIFEST,
            )
    return Corpus(directory, manifest.source, source, references, splits)
