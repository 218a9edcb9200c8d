"""Pipeline stages, registered by name in a lazy table (a stage module is imported only when a job
uses it) and assembled from the job config, as spaCy components are."""

from __future__ import annotations

from importlib import import_module

from ..errors import MtpipeError
from .base import Stage, StageContext

STAGES: dict[str, str] = {
    "normalize": "normalize:SourceNormalizer",
    "segment": "segment:SentenceSegmenter",
    "glossary": "glossary:GlossaryAnnotator",
    "translate": "translate:Translate",
    "unify": "unify:OutputUnifier",
    "terms": "terms:EnforceTerms",
    "qa": "qa:QualityChecks",
    "score": "score:Score",
    "report": "report:HtmlReport",
}
"""Stage name → `module:class` inside this package."""


def stage_names() -> list[str]:
    return sorted(STAGES)


def stage_class(name: str) -> type[Stage]:
    try:
        module_name, _, class_name = STAGES[name].partition(":")
    except KeyError:
        raise MtpipeError(f"unknown stage {name!r} (known: {', '.join(stage_names())})") from None
    return getattr(import_module(f"{__name__}.{module_name}"), class_name)


__all__ = ["STAGES", "Stage", "StageContext", "stage_class", "stage_names"]
