"""Pipeline stages, registered by name and assembled from the job config (as spaCy components)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..document import Document
from ..errors import MtpipeError

if TYPE_CHECKING:
    from ..config import JobConfig
    from ..glossary import Glossary


class Stage(Protocol):
    """A pipeline component: one call over the whole document, changes recorded as edits."""

    name: str

    def __call__(self, doc: Document) -> Document: ...


@dataclass
class StageContext:
    """What stage factories may draw on: the job settings, the resolved model, and the glossary
    (read once for all stages)."""

    job: JobConfig
    model_dir: Path | None = None

    @cached_property
    def glossary(self) -> Glossary:
        from ..glossary import load_glossary

        return load_glossary(self.job.glossary.path)


StageFactory = Callable[[StageContext], Stage]
_REGISTRY: dict[str, StageFactory] = {}


def register(name: str) -> Callable[[StageFactory], StageFactory]:
    """Class decorator: make a stage available to job configs under `name`."""

    def decorate(factory: StageFactory) -> StageFactory:
        _REGISTRY[name] = factory
        return factory

    return decorate


def stage_names() -> list[str]:
    _load_builtin_stages()
    return sorted(_REGISTRY)


def get_stage_factory(name: str) -> StageFactory:
    _load_builtin_stages()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise MtpipeError(f"unknown stage {name!r} (known: {', '.join(sorted(_REGISTRY))})") from None


def _load_builtin_stages() -> None:
    from . import glossary, normalize, report, score, segment, terms, translate  # noqa: F401
