"""Self-contained HTML pages: the report of a run, and the comparison of two runs.

The report is one file that loads nothing: its Content-Security-Policy allows only its own inline
style and script, each by the sha256 hash of its text, and jinja2 escapes every string it shows.
"""

from __future__ import annotations

import base64
import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files
from statistics import fmean
from typing import Any, ClassVar

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..document import Document, Flag, Segment
from ..edits import Edit, pieces
from ..languages import language
from .qa import CHECKS
from .terms import missed_terms

Mark = tuple[int, int, str]
"""A glossary concept found at [start, end) of a text."""


@dataclass(frozen=True)
class Span:
    text: str
    concept: str | None = None
    """The glossary concept this span is a term of, if any."""


@dataclass(frozen=True)
class Stretch:
    """A stretch of a shown text: unchanged, or what edits made of `before` (and why)."""

    spans: list[Span]
    before: str | None = None
    reasons: str = ""


@dataclass(frozen=True)
class Row:
    """One translation of a segment, beside its reference."""

    lang: str
    direction: str
    score: float | None
    hypothesis: list[Stretch]
    reference: list[Stretch] | None
    misses: list[tuple[str, str]]
    """(concept id, approved form) of the source terms the translation lacks."""
    flags: list[Flag]


@dataclass(frozen=True)
class SegmentView:
    line: int
    split: str | None
    file: str | None
    source: list[Stretch]
    concepts: list[str]
    rows: list[Row]


@dataclass(frozen=True)
class Series:
    """One language's primary metric across the baselines and this run, in chart coordinates."""

    lang: str
    metric: str
    points: list[tuple[float, float, str]]
    """(x, y, tooltip) of each point."""

    @property
    def polyline(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in self.points)


@dataclass(frozen=True)
class Chart:
    """An SVG line chart: `left`/`right` are the plot's edges, labels are (position, text)."""

    series: list[Series]
    x_labels: list[tuple[float, str]]
    y_labels: list[tuple[float, str]]
    entries: list[dict[str, Any]]
    width: ClassVar[int] = 640
    height: ClassVar[int] = 180
    left: ClassVar[int] = 40
    right: ClassVar[int] = 620
    top: ClassVar[int] = 10
    bottom: ClassVar[int] = 150


@cache
def environment() -> Environment:
    return Environment(loader=PackageLoader("pipeline", "templates"), autoescape=select_autoescape(["j2"]))


def render_report(doc: Document, history: Sequence[dict[str, Any]] = ()) -> str:
    """The run's page: scores, the history of the primary metrics when there is one (a baseline's
    entries, `pipeline.evaluation.baseline.history`), and every segment with filters and sort."""
    style, script = asset("report.css"), asset("report.js")
    policy = (
        f"default-src 'none'; style-src {source_hash(style)}; script-src {source_hash(script)}; "
        "base-uri 'none'; form-action 'none'"
    )
    segments = [segment_view(doc, index, segment) for index, segment in enumerate(doc.segments)]
    return (
        environment()
        .get_template("report.html.j2")
        .render(
            doc=doc,
            policy=policy,
            style=Markup(style),
            script=Markup(script),
            segments=segments,
            checks=check_counts(doc),
            splits=split_summary(doc),
            concepts=concept_names(doc),
            chart=history_chart([*history, current_entry(doc)]) if history else None,
            direction=lambda lang: language(lang).direction,
        )
    )


def asset(name: str) -> str:
    return (files("pipeline") / "templates" / name).read_text(encoding="utf-8")


def source_hash(text: str) -> str:
    """The CSP source that allows exactly this inline script or style."""
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def segment_view(doc: Document, index: int, segment: Segment) -> SegmentView:
    """Segment `index` of the document: its source and one row per target language."""
    concepts = list(dict.fromkeys(term.concept_id for term in segment.terms))
    source_marks = [(term.start, term.end, term.concept_id) for term in segment.terms]
    source = marked(segment.source, edits_of(segment, "source"), source_marks)
    rows = [row_view(doc, index, segment, lang) for lang in doc.targets]
    return SegmentView(segment.line, segment.split, segment.file, source, concepts, rows)


def row_view(doc: Document, index: int, segment: Segment, lang: str) -> Row:
    text = segment.translations.get(lang, "")
    required = segment.required_terms(lang)
    references = doc.references.get(lang)
    reference = references[index] if references else None
    return Row(
        lang=lang,
        direction=language(lang).direction,
        score=segment.scores.get(lang),
        hypothesis=marked(text, edits_of(segment, f"hyp.{lang}"), found(text, required)),
        reference=None if reference is None else marked(reference, [], found(reference, required)),
        misses=missed_terms(text, required),
        flags=segment.flags.get(lang, []),
    )


def edits_of(segment: Segment, field_name: str) -> list[Edit]:
    return [edit for edit in segment.edits if edit.field == field_name]


def found(text: str, required: Iterable[tuple[str, str]]) -> list[Mark]:
    """Where each approved form occurs in `text` (case-insensitive); of overlapping ones, the first."""
    marks = [
        (match.start(), match.end(), concept)
        for concept, form in dict.fromkeys(required)  # a long line repeats its terms
        if form
        for match in re.finditer(re.escape(form), text, re.IGNORECASE)
    ]
    return without_overlaps(marks)


def without_overlaps(marks: Iterable[Mark]) -> list[Mark]:
    """The marks in text order, each dropped that overlaps one before it (the longer wins a tie)."""
    kept: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m[0], m[0] - m[1])):
        if not kept or mark[0] >= kept[-1][1]:
            kept.append(mark)
    return kept


def marked(text: str, edits: Sequence[Edit], marks: Sequence[Mark]) -> list[Stretch]:
    """`text` as stretches, changed ones with what they replaced, the glossary terms marked."""
    stretches, start, marks = [], 0, without_overlaps(marks)
    for piece in pieces(text, edits):
        stretches.append(Stretch(cut(piece.text, start, marks), piece.before, ", ".join(piece.reasons)))
        start += len(piece.text)
    return stretches


def cut(text: str, offset: int, marks: Sequence[Mark]) -> list[Span]:
    """`text` (found at `offset` of the whole) in spans, those inside a mark carrying its concept."""
    spans, position, end = [], offset, offset + len(text)
    for start, stop, concept in marks:
        start, stop = max(start, offset), min(stop, end)
        if start >= stop:
            continue
        if start > position:
            spans.append(Span(text[position - offset : start - offset]))
        spans.append(Span(text[start - offset : stop - offset], concept))
        position = stop
    if position < end or not spans:
        spans.append(Span(text[position - offset :]))
    return spans


def check_counts(doc: Document) -> list[tuple[str, int]]:
    """Each QA check that flagged something, with how many translations it flagged."""
    per_check = Counter(
        check
        for segment in doc.segments
        for flags in segment.flags.values()
        for check in {flag.check for flag in flags}
    )
    order = {check: position for position, check in enumerate(CHECKS)}
    return sorted(per_check.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))


def split_summary(doc: Document) -> list[tuple[str, int, dict[str, float]]]:
    """Per corpus split: its segments, and per language their mean segment chrF++."""
    splits = sorted({segment.split for segment in doc.segments if segment.split})
    summary = []
    for split in splits:
        members = [segment for segment in doc.segments if segment.split == split]
        means = {
            lang: round(fmean(scores), 2)
            for lang in doc.targets
            if (scores := [s.scores[lang] for s in members if lang in s.scores])
        }
        summary.append((split, len(members), means))
    return summary


def concept_names(doc: Document) -> dict[str, str]:
    """Each concept found in the source, by id, with its first source surface, sorted by id."""
    names: dict[str, str] = {}
    for segment in doc.segments:
        for term in segment.terms:
            names.setdefault(term.concept_id, term.surface)
    return dict(sorted(names.items()))


def current_entry(doc: Document) -> dict[str, Any]:
    """This run as a history entry: today, its model and each language's primary score."""
    scores = {
        lang: {"metric": s["primary"], "score": s[s["primary"]]["score"]}
        for lang, s in doc.scores.items()
        if s.get("primary") in s
    }
    return {"date": date.today().isoformat(), "model": doc.stats.model_id, "scores": scores, "current": True}


def history_chart(entries: Sequence[dict[str, Any]]) -> Chart | None:
    """Each language's primary metric across `entries` (oldest first), as an SVG's coordinates;
    None when no entry has a score."""
    values = [s["score"] for entry in entries for s in entry["scores"].values()]
    if not values:
        return None
    low, high = math.floor(min(values)) - 1, math.ceil(max(values)) + 1

    def x(i: int) -> float:
        share = i / (len(entries) - 1) if len(entries) > 1 else 0.5
        return Chart.left + (Chart.right - Chart.left) * share

    def y(value: float) -> float:
        return Chart.top + (Chart.bottom - Chart.top) * (high - value) / (high - low)

    languages = dict.fromkeys(lang for entry in entries for lang in entry["scores"])
    series = [line_of(lang, entries, x, y) for lang in languages]
    step = max(1, math.ceil(len(entries) / 6))
    shown = sorted({*range(0, len(entries), step), len(entries) - 1})
    x_labels = [(x(i), "this run" if entries[i].get("current") else entries[i]["date"]) for i in shown]
    y_labels = [(y(value), f"{value:g}") for value in (low, high)]
    return Chart(series, x_labels, y_labels, list(entries))


def line_of(
    lang: str, entries: Sequence[dict[str, Any]], x: Callable[[int], float], y: Callable[[float], float]
) -> Series:
    """`lang`'s points across the entries that scored it, placed by the `x` and `y` scales."""
    points, metric = [], ""
    for i, entry in enumerate(entries):
        if score := entry["scores"].get(lang):
            metric = score["metric"]
            tooltip = f"{label(entry)}: {lang} {metric} {score['score']:.2f}"
            points.append((x(i), y(score["score"]), tooltip))
    return Series(lang, metric, points)


def label(entry: dict[str, Any]) -> str:
    model = entry.get("model") or "unknown model"
    return f"this run ({model})" if entry.get("current") else f"baseline {entry['date']} ({model})"


def render_comparison(comparisons, a: str, b: str) -> str:
    """`mtpipe compare --format html`: metrics with significance, then the changed segments."""
    template = environment().get_template("compare.html.j2")
    return template.render(comparisons=comparisons, a=a, b=b, direction=lambda lang: language(lang).direction)
