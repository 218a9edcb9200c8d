"""What every stage is: a named component with one call over the document, that declares the
config sections it reads and what it requires and assigns (as spaCy components do)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..document import Document, RunStats
from ..languages import SOURCE
from ..normalize import LatinNames
from ..paths import DEFAULT_GLOSSARY
from ..terminology.glossary import Glossary, load_glossary

Strategy = Literal["none", "enforce", "protect", "prompt"]


class GlossaryOptions(BaseModel):
    """The `[glossary]` section: the term base, and how its terms are applied in translation."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    path: Path = DEFAULT_GLOSSARY
    """A relative path in a job file resolves from the job file's directory."""
    strategy: Strategy = "enforce"
    fuzzy_threshold: float = Field(80.0, ge=50, le=100)
    protect_hypotheses: int = Field(16, ge=1, le=64)
    """With `protect`: how many of the model's best translations are searched for one that carries
    every placeholder, before the sentence falls back to unprotected translation."""


class NormalizeOptions(BaseModel):
    """The `[normalize]` section: the source's normalization, and names in the translations."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    collapse_whitespace: bool = True
    tone_style: Literal["traditional", "modern"] = "traditional"
    latin_names: LatinNames = "replace"
    """Names left in Latin script in Arabic and Lao translations: the glossary's form, kept, or
    the form annotated with the Vietnamese."""


@dataclass
class StageContext:
    """What stages are built from: the run's languages (targets, source) and locations, and the
    validated config sections (the glossary is read once, for all stages)."""

    targets: list[str]
    out: Path
    cache_dir: Path
    sections: Mapping[str, BaseModel] = field(default_factory=dict)
    stats: RunStats = field(default_factory=RunStats)
    source_lang: str = SOURCE

    def section(self, name: str) -> BaseModel:
        return self.sections[name]

    @property
    def glossary_options(self) -> GlossaryOptions:
        return self.sections.get("glossary", GlossaryOptions())

    @cached_property
    def glossary(self) -> Glossary:
        return load_glossary(self.glossary_options.path)


class Stage(ABC):
    """A pipeline component: built once from the context, then called on the document."""

    name: ClassVar[str]
    config: ClassVar[dict[str, type[BaseModel]]] = {"glossary": GlossaryOptions}
    """The config sections this stage reads, with their schemas."""
    requires: ClassVar[tuple[str, ...]] = ()
    """Document attributes an earlier stage must have assigned."""
    assigns: ClassVar[tuple[str, ...]] = ()
    follows: ClassVar[tuple[str, ...]] = ()
    """Stages that, when in the pipeline, must run before this one (they change what it reads)."""

    @classmethod
    def requirements(cls, sections: Mapping[str, BaseModel]) -> tuple[str, ...]:
        """What this stage requires under these settings (`requires` unless a stage says otherwise)."""
        return cls.requires

    @classmethod  # noqa: B027 (an optional hook: most stages have nothing to check)
    def check_config(cls, sections: Mapping[str, BaseModel]) -> None:
        """Raise ValueError for settings that do not fit together."""

    def __init__(self, context: StageContext):
        self.context = context

    @abstractmethod
    def __call__(self, doc: Document) -> Document:
        """The document with this stage's work done."""
