"""Self-contained HTML pages: the report of a run, and the comparison of two runs."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from ..document import Document
from ..languages import language


@cache
def environment() -> Environment:
    return Environment(loader=PackageLoader("pipeline", "templates"), autoescape=select_autoescape(["j2"]))


def render_report(doc: Document) -> str:
    return environment().get_template("report.html.j2").render(doc=doc)


def render_comparison(comparisons, a: str, b: str) -> str:
    """`mtpipe compare --format html`: metrics with significance, then the changed segments."""
    template = environment().get_template("compare.html.j2")
    return template.render(comparisons=comparisons, a=a, b=b, direction=lambda lang: language(lang).direction)
