"""The `qa` stage: quality checks on every translation, each finding a flag on its segment."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, field_validator

from ..document import Document
from ..evaluation.qa import CHECKS, DEFAULT_SEVERITIES, QaChecker, QaInput
from ..terminology.names import NameMatcher
from .base import GlossaryOptions, Stage, StageContext

Severity = Literal["error", "warning", "off"]


class QaOptions(BaseModel):
    """The `[qa]` section: a severity per check (`error`, `warning` or `off`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    severities: dict[str, Severity] = DEFAULT_SEVERITIES

    @field_validator("severities")
    @classmethod
    def _known_checks(cls, value: dict[str, Severity]) -> dict[str, Severity]:
        unknown = sorted(set(value) - set(CHECKS))
        if unknown:
            raise ValueError(f"unknown check(s) {unknown} (known: {', '.join(CHECKS)})")
        return DEFAULT_SEVERITIES | value


class QualityChecks(Stage):
    name = "qa"
    config: ClassVar = {"qa": QaOptions, "glossary": GlossaryOptions}
    requires = ("translations",)
    assigns = ("flags",)

    def __init__(self, context: StageContext):
        super().__init__(context)
        self.options: QaOptions = context.sections.get("qa", QaOptions())

    def __call__(self, doc: Document) -> Document:
        glossary = self.context.glossary
        for lang in doc.targets:
            checker = QaChecker(
                lang,
                dict(self.options.severities),
                glossary.forbidden_forms(lang),
                NameMatcher(glossary, lang).spellings,
            )
            inputs = [
                QaInput(s.source, s.translations.get(lang, ""), s.required_terms(lang)) for s in doc.segments
            ]
            for segment, flags in zip(doc.segments, checker(inputs), strict=True):
                segment.flags[lang] = [*segment.flags.get(lang, []), *flags]
        return doc
