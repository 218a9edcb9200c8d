"""The `report` stage: a self-contained HTML page of the run (`report.html` in the output); scores
are shown where a `score` stage made them (`mtpipe run`), not for files without references."""

from __future__ import annotations

from ..document import Document
from ..evaluation.report import render_report
from .base import Stage


class HtmlReport(Stage):
    name = "report"
    config = {}
    requires = ("translations",)
    follows = ("unify", "terms", "qa", "score")

    def __call__(self, doc: Document) -> Document:
        path = self.context.out / "report.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_report(doc), encoding="utf-8")
        return doc
