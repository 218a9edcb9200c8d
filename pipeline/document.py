"""The one object that flows through the pipeline: a document of segments, each with its edits."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .edits import Edit


@dataclass(frozen=True)
class TermMatch:
    """A glossary concept found in the source text at [start, end), with its required targets."""

    concept_id: str
    start: int
    end: int
    surface: str
    targets: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Flag:
    """A QA finding on one translation: which check, how serious, and the evidence."""

    check: str
    severity: str
    evidence: str


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
    split: str | None = None
    """The corpus split the line belongs to (`train`, `test`), where the corpus names splits."""
    file: str | None = None
    """The translated file the segment comes from (`mtpipe translate`), as its output names it."""
    scores: dict[str, float] = field(default_factory=dict)
    """Per language, the segment's own chrF++ against its reference (for reading, not gating)."""
    flags: dict[str, list[Flag]] = field(default_factory=dict)
    """Per language, what the QA checks (and safe decoding, in `translate`) found."""
    model_scores: dict[str, float] = field(default_factory=dict)
    """Per language, the model's score of its translation (log-probability per token, the mean
    over the segment's sentences), where the backend gives one."""

    def edit_records(self) -> list[dict[str, Any]]:
        """The edits as JSON-ready dicts, each carrying this segment's line number."""
        return [{"line": self.line, **asdict(edit)} for edit in self.edits]

    def required_terms(self, lang: str) -> list[tuple[str, str]]:
        """(concept id, approved form in `lang`) of each term found in the source."""
        return [(term.concept_id, term.targets[lang]) for term in self.terms if term.targets.get(lang)]


@dataclass
class RunStats:
    """What the stages of one run counted and identified; written to `run.json`."""

    model_id: str | None = None
    """The model's identity (content hash); where targets had different models, each target's."""
    models: dict[str, str] = field(default_factory=dict)
    """Target → the model that translated into it, as named (registered name or directory)."""
    glossary_path: str | None = None
    glossary_hash: str | None = None
    model_loads: int = 0
    model_calls: int = 0
    cache_hits: int = 0
    protected_sentences: int = 0
    protect_fallbacks: int = 0
    placeholder_form: str | None = None
    """The placeholder chosen for the model's vocabulary under strategy `protect` (`⟦0⟧`), or
    None where no form encodes without unknown pieces (then terms are enforced instead)."""
    notices: list[str] = field(default_factory=list)
    """What the user must be told once about the run (said on stderr and kept in run.json)."""
    term_replacements: int = 0
    split_inputs: int = 0
    """Sentences longer than the model's token budget, translated in pieces."""
    guarded_decodes: int = 0
    """Pieces whose output hit the decoding limit or looped, decoded again with the repetition guard."""
    truncated_outputs: int = 0
    """Pieces whose output kept hit the decoding limit, the guard tried or not (flagged `truncated`)."""
    looping_outputs: int = 0
    """Pieces whose output kept loops, the guard tried or not (flagged `looping`)."""
    removed_tokens: int = 0
    """Unknown and special tokens (`<unk>`, language codes) removed from the model's output."""


@dataclass
class Document:
    """A batch of segments with the run's languages, references and results."""

    source_lang: str
    targets: list[str]
    segments: list[Segment]
    references: dict[str, list[str]] = field(default_factory=dict)
    scores: dict[str, Any] = field(default_factory=dict)
    stats: RunStats = field(default_factory=RunStats)
    total_segments: int | None = None
    """The job's segments, where the document holds only the first of them (the report of a
    long `mtpipe translate`)."""
