"""A self-contained HTML report of a run: scores with signatures, then every segment and its edits."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from ..document import Document


def render_report(doc: Document) -> str:
    env = Environment(loader=PackageLoader("pipeline", "templates"), autoescape=select_autoescape(["j2"]))
    return env.get_template("report.html.j2").render(doc=doc)
