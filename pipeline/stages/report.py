"""The `report` stage: a self-contained HTML page of the run (`report.html` in the output); scores
are shown where a `score` stage made them (`mtpipe run`), not for files without references."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from ..document import Document
from ..evaluation.baseline import history, load_baseline
from ..evaluation.report import render_report
from ..textio import write_atomic
from .base import Stage, StageContext


class ReportOptions(BaseModel):
    """The `[report]` section."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    baseline: Path | None = None
    """A baseline JSON (`mtpipe baseline update`) whose history of primary scores the report charts
    beside this run's; `mtpipe run --baseline` sets it."""
    max_segments: int = Field(5000, ge=1)
    """The segments the page lists (the first ones), so that it stays one a browser opens."""


class HtmlReport(Stage):
    name = "report"
    config: ClassVar = {"report": ReportOptions}
    requires = ("translations",)
    follows = ("unify", "terms", "qa", "score")

    def __init__(self, context: StageContext):
        super().__init__(context)
        self.options: ReportOptions = context.sections.get("report", ReportOptions())

    def __call__(self, doc: Document) -> Document:
        baseline = self.options.baseline
        past = history(load_baseline(baseline)) if baseline else []
        shown = self.options.max_segments
        if len(doc.segments) > shown:
            total = doc.total_segments or len(doc.segments)
            doc = replace(doc, segments=doc.segments[:shown], total_segments=total)
        write_atomic(self.context.out / "report.html", render_report(doc, past).encode("utf-8"))
        return doc
