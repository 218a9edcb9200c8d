"""A self-contained HTML report of a run: scores with signatures, then every segment and its edits."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from ..document import Document
from . import StageContext, register


def render_report(doc: Document) -> str:
    env = Environment(loader=PackageLoader("pipeline", "templates"), autoescape=select_autoescape(["j2"]))
    return env.get_template("report.html.j2").render(doc=doc)


@register("report")
class HtmlReport:
    name = "report"

    def __init__(self, context: StageContext):
        self.path: Path = context.job.out / "report.html"

    def __call__(self, doc: Document) -> Document:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(render_report(doc), encoding="utf-8")
        return doc
