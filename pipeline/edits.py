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


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of an edited text: unchanged (`before` is None), or what edits made of `before`."""

    text: str
    before: str | None = None
    reasons: tuple[str, ...] = ()


def original_text(text: str, edits: Iterable[Edit | TextEdit]) -> str:
    """The text before `edits`, given the text they produced (the edits undone, last first)."""
    for edit in reversed(list(edits)):
        end = edit.start + len(edit.after)
        if text[edit.start : end] != edit.after:
            raise ValueError(f"edit {edit.before!r} → {edit.after!r} at {edit.start} does not match the text")
        text = text[: edit.start] + edit.before + text[end:]
    return text


def pieces(text: str, edits: Iterable[Edit | TextEdit]) -> list[Piece]:
    """`text`, the result of `edits` applied in order, cut into unchanged and changed pieces; each
    changed piece holds the original text it replaced, and edits that overlap become one piece."""
    edits = list(edits)
    original = original_text(text, edits)
    result = [Piece(original)] if original else []
    for edit in edits:
        result = _applied(_split(_split(result, edit.start), edit.end), edit)
    return result


def _split(pieces: list[Piece], at: int) -> list[Piece]:
    """The pieces with the unchanged one that spans offset `at` cut in two there."""
    out, start = [], 0
    for piece in pieces:
        end = start + len(piece.text)
        if piece.before is None and start < at < end:
            out += [Piece(piece.text[: at - start]), Piece(piece.text[at - start :])]
        else:
            out.append(piece)
        start = end
    return out


def _applied(pieces: list[Piece], edit: Edit | TextEdit) -> list[Piece]:
    """The pieces after `edit`: those it overlaps merge into one changed piece."""
    head, merged, tail, start = [], [], [], 0
    for piece in pieces:
        end = start + len(piece.text)
        if start < edit.end and end > edit.start:
            merged.append((start, piece))
        elif end <= edit.start:
            head.append(piece)
        else:
            tail.append(piece)
        start = end
    if not merged:
        return [*head, Piece(edit.after, edit.before, (edit.reason,)), *tail]
    first = merged[0][0]
    current = "".join(piece.text for _, piece in merged)
    text = current[: edit.start - first] + edit.after + current[edit.end - first :]
    before = "".join(piece.text if piece.before is None else piece.before for _, piece in merged)
    reasons = dict.fromkeys([*(r for _, piece in merged for r in piece.reasons), edit.reason])
    return [*head, Piece(text, before, tuple(reasons)), *tail]
