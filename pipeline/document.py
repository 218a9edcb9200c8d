"""The one object that flows through the pipeline: a document of segments, each with its edits."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class Edit:
    """One change a stage made to a text field of a segment, with the reason for it.

    `start`/`end` are character offsets of `before` in the field as it was just before this edit:
    applying a segment's edits one after another, in order, reproduces the final text.
    """

    stage: str
    field: str
    start: int
    end: int
    before: str
    after: str
    reason: str


@dataclass(frozen=True)
class TermMatch:
    """A glossary concept found in the source text at [start, end), with its required targets."""

    concept_id: str
    start: int
    end: int
    surface: str
    targets: dict[str, str] = field(default_factory=dict)


@dataclass
class Segment:
    """One source line and everything the pipeline learns about it."""

    line: int
    source: str
    sentences: list[str] = field(default_factory=list)
    translations: dict[str, str] = field(default_factory=dict)
    mt: dict[str, str] = field(default_factory=dict)
    """The model's output per language, before any post-editing stage (unify, terms)."""
    terms: list[TermMatch] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)

    def edit_records(self) -> list[dict[str, Any]]:
        """The edits as JSON-ready dicts, each carrying this segment's line number."""
        return [{"line": self.line, **asdict(edit)} for edit in self.edits]


@dataclass
class Document:
    """A batch of segments with the run's languages, references and results."""

    source_lang: str
    targets: list[str]
    segments: list[Segment]
    references: dict[str, list[str]] = field(default_factory=dict)
    scores: dict[str, Any] = field(default_factory=dict)
    stats: dict[str, Any] = field(default_factory=dict)

    def count(self, key: str, amount: int = 1) -> None:
        """Add to a run statistic (model calls, cache hits, ...)."""
        self.stats[key] = self.stats.get(key, 0) + amount
