"""Glossary diffs for people: coloured terminal text (rich) and one self-contained HTML page."""

from __future__ import annotations

import json
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from rich.console import Console
from rich.text import Text

from .diff import GlossaryDiff


def _value(value: Any) -> str:
    if isinstance(value, list):
        return " | ".join(value) if value else "∅"
    return "∅" if value in (None, "") else str(value)


def render_json(diff: GlossaryDiff) -> str:
    return json.dumps(diff.to_json(), ensure_ascii=False, indent=2)


def render_text(diff: GlossaryDiff, console: Console) -> None:
    """Added in green, removed in red, changes as old → new, impact as line numbers."""
    impact = diff.impact or {}
    for concept_id in diff.added:
        console.print(Text(f"+ {concept_id}", style="bold green"), _impact_text(impact.get(concept_id)))
        console.print(Text(f"    {diff.forms[concept_id]}", style="green"))
    for concept_id in diff.removed:
        console.print(Text(f"- {concept_id}", style="bold red"), _impact_text(impact.get(concept_id)))
        console.print(Text(f"    {diff.forms[concept_id]}", style="red"))
    for change in diff.changed:
        console.print(Text(f"~ {change['id']}", style="bold yellow"), _impact_text(impact.get(change["id"])))
        for item in change["changes"]:
            line = Text(f"    {item['field']}: ")
            line.append(_value(item["old"]), style="red")
            line.append(" → ")
            line.append(_value(item["new"]), style="green")
            console.print(line)
    summary = f"{len(diff.added)} added, {len(diff.removed)} removed, {len(diff.changed)} changed"
    console.print(Text(summary, style="bold"))


def _impact_text(lines: list[int] | None) -> Text:
    if lines is None:
        return Text("")
    shown = ", ".join(map(str, lines)) if lines else "none"
    return Text(f"({len(lines)} segment(s): {shown})", style="dim")


def render_html(diff: GlossaryDiff, old_name: str, new_name: str) -> str:
    env = Environment(loader=PackageLoader("pipeline", "templates"), autoescape=select_autoescape(["j2"]))
    env.filters["value"] = _value
    return env.get_template("glossary_diff.html.j2").render(diff=diff, old=old_name, new=new_name)
