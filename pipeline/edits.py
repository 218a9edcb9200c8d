"""Changes to a text and the edits that record them.

Library functions return `TextEdit`s (what changed, where, why); the stage that called them labels
each one with its own name and the field it changed, making an `Edit` for `edits.jsonl`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Change = tuple[int, int, str]
"""Replace text[start:end] with the string."""


@dataclass(slots=True)
class TextEdit:
    """One change to a text, with the reason for it. `start`/`end` are offsets of `before` in the
    text as it was just before this edit: applying edits in order reproduces the result."""

    start: int
    end: int
    before: str
    after: str
    reason: str

    def labelled(self, stage: str, field: str) -> Edit:
        return Edit(stage, field, self.start, self.end, self.before, self.after, self.reason)


@dataclass(slots=True)
class Edit:
    """A `TextEdit` made by a stage to one field of a segment (`source`, `hyp.<lang>`)."""

    stage: str
    field: str
    start: int
    end: int
    before: str
    after: str
    reason: str


def label(edits: Iterable[TextEdit], stage: str, field: str) -> list[Edit]:
    return [edit.labelled(stage, field) for edit in edits]


def apply_changes(text: str, changes: list[Change]) -> str:
    """Apply non-overlapping (start, end, replacement) changes given in text order."""
    pieces, cursor = [], 0
    for start, end, replacement in changes:
        pieces += [text[cursor:start], replacement]
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def edits_for(text: str, changes: list[Change], reason: str) -> list[TextEdit]:
    """Edits for one pass of changes; each edit's offsets refer to the text after all earlier edits,
    so applying the edits one after another reproduces the pass."""
    edits, delta = [], 0
    for start, end, after in changes:
        edits.append(TextEdit(start + delta, end + delta, text[start:end], after, reason))
        delta += len(after) - (end - start)
    return edits


def edges_to_input(changes: list[Change], edges: list[tuple[int, Literal["start", "end"]]]) -> list[int]:
    """Where span edges in the output of `changes` were in their input, in one sweep (edges in
    ascending order); an edge inside a replacement moves to that replaced span's edge."""
    mapped, index, delta = [], 0, 0
    for position, side in edges:
        while index < len(changes):
            start, end, replacement = changes[index]
            out_end = start + delta + len(replacement)
            if out_end < position or (side == "start" and out_end == position):
                delta += len(replacement) - (end - start)
                index += 1
                continue
            break
        if index < len(changes):
            start, end, replacement = changes[index]
            out_start, out_end = start + delta, start + delta + len(replacement)
            if side == "start" and out_start <= position < out_end:
                mapped.append(start)
                continue
            if side == "end" and out_start < position <= out_end:
                mapped.append(end)
                continue
        mapped.append(position - delta)
    return mapped
