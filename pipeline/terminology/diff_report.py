"""Glossary diffs for people: coloured terminal text (rich) and one self-contained HTML page."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from rich.console import Console
from rich.text import Text

from ..languages import LANGUAGES
from .diff import GlossaryDiff, forms_line

WORDS = re.compile(r"\s+|[^\s|]+|\|")
"""Words, runs of white space and the variants separator, which together rebuild the text."""


@dataclass(frozen=True)
class Piece:
    """A stretch of an old or new value; `changed` when it is not in the other value."""

    text: str
    changed: bool


def _text(value: Any) -> str:
    """A field's value as one string: variants joined by ` | `, nothing as ``."""
    if isinstance(value, list):
        return " | ".join(value)
    return "" if value is None else str(value)


def _value(value: Any) -> str:
    return _text(value) or "∅"


def _words(text: str, lang: str | None) -> list[str]:
    """`text` as words: laonlp's segmentation where words are not separated by spaces (Lao)."""
    if lang in LANGUAGES and not LANGUAGES[lang].word_segmented:
        from laonlp.tokenize import word_tokenize

        return word_tokenize(text)
    return WORDS.findall(text)


def word_diff(old: str, new: str, lang: str | None = None) -> tuple[list[Piece], list[Piece]]:
    """`old` and `new` in pieces, the words removed from `old` and those added in `new` marked."""
    before, after = _words(old, lang), _words(new, lang)
    old_pieces: list[Piece] = []
    new_pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        _append(old_pieces, "".join(before[i1:i2]), tag != "equal")
        _append(new_pieces, "".join(after[j1:j2]), tag != "equal")
    return old_pieces, new_pieces


def _append(pieces: list[Piece], text: str, changed: bool) -> None:
    """Add `text`, joined to the last piece when both are (un)changed alike."""
    if not text:
        return
    if pieces and pieces[-1].changed == changed:
        pieces[-1] = Piece(pieces[-1].text + text, changed)
    else:
        pieces.append(Piece(text, changed))


def field_language(name: str) -> str | None:
    """The language a diff field is written in (`ar`, `ar.variants` → `ar`); None for status etc."""
    base = name.split(".")[0]
    return None if base in ("status", "type", "note") else base


def render_json(diff: GlossaryDiff) -> str:
    return json.dumps(diff.to_json(), ensure_ascii=False, indent=2)


def render_text(diff: GlossaryDiff, console: Console) -> None:
    """Added in green with status, removed in red, changes as old → new, then the affected lines
    with their source text and current translations."""
    for concept_id in diff.added:
        _print_concept(diff, console, "+", concept_id, "green")
    for concept_id in diff.removed:
        _print_concept(diff, console, "-", concept_id, "red")
    for change in diff.changed:
        _print_header(diff, console, "~", change["id"], "yellow")
        for item in change["changes"]:
            line = Text(f"    {item['field']}: ")
            line.append(_value(item["old"]), style="red")
            line.append(" → ")
            line.append(_value(item["new"]), style="green")
            console.print(line)
        _print_lines(diff, console, change["id"])
    summary = f"{len(diff.added)} added, {len(diff.removed)} removed, {len(diff.changed)} changed"
    console.print(Text(summary, style="bold"))


def _print_concept(diff: GlossaryDiff, console: Console, sign: str, concept_id: str, colour: str) -> None:
    concept = diff.concepts[concept_id]
    _print_header(diff, console, sign, concept_id, colour, f" [{concept.status}]")
    console.print(Text(f"    {forms_line(concept)}", style=colour))
    _print_lines(diff, console, concept_id)


def _print_header(
    diff: GlossaryDiff, console: Console, sign: str, concept_id: str, colour: str, status: str = ""
) -> None:
    header = Text(f"{sign} {concept_id}", style=f"bold {colour}")
    header.append(status, style=colour)
    lines = (diff.impact or {}).get(concept_id)
    if lines is not None:
        shown = ", ".join(map(str, lines)) if lines else "none"
        header.append(f" ({len(lines)} segment(s): {shown})", style="dim")
    console.print(header)


def _print_lines(diff: GlossaryDiff, console: Console, concept_id: str) -> None:
    for affected in (diff.lines or {}).get(concept_id, []):
        console.print(Text(f"    {affected.line}  vi: {affected.source}", style="dim"))
        for lang, text in affected.translations.items():
            console.print(Text(f"    {' ' * len(str(affected.line))}  {lang}: {text}"))


def render_html(diff: GlossaryDiff, old_name: str, new_name: str) -> str:
    env = Environment(
        loader=PackageLoader("pipeline", "templates"),
        autoescape=select_autoescape(["j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["text"] = _text
    env.globals |= {"word_diff": word_diff, "field_language": field_language, "direction": direction}
    return env.get_template("glossary_diff.html.j2").render(
        diff=diff, old=old_name, new=new_name, line_languages=_line_languages(diff)
    )


def direction(lang: str | None) -> str:
    """HTML's `dir` for text in `lang`; `auto` for languages mtpipe does not know."""
    return LANGUAGES[lang].direction if lang in LANGUAGES else "auto"


def _line_languages(diff: GlossaryDiff) -> dict[str, list[str]]:
    """Per concept, the languages its affected lines have translations in (the table's columns)."""
    return {
        concept_id: [
            lang for lang in diff.languages[concept_id] if any(lang in line.translations for line in affected)
        ]
        for concept_id, affected in (diff.lines or {}).items()
    }
