"""What safe decoding checks in a model's output and notes about each translation: output cut at
the decoding limit, looping output, and special tokens removed from it."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

from ..document import Flag

LOOP_REPEATS = 4
"""An n-gram of output tokens standing this many times in a row is looping output (the QA
`repetition` check's count, for words)."""
LOOP_MAX_N = 8
"""The longest n-gram (in tokens) looked for."""
GUARD = {"repetition_penalty": 1.2, "no_repeat_ngram_size": 4}
"""The repetition guard of a second decoding (CTranslate2's option names)."""

Problem = tuple[str, str]
"""(check, evidence): `truncated` or `looping`, and what was seen."""


def repeated_ngram(tokens: Sequence[str], repeats: int = LOOP_REPEATS, max_n: int = LOOP_MAX_N) -> str | None:
    """The first n-gram (1 ≤ n ≤ `max_n`) that stands `repeats` times in a row, as text, or None."""
    for n in range(1, max_n + 1):
        for start in range(len(tokens) - n * repeats + 1):
            unit = tokens[start : start + n]
            if all(tokens[start + k * n : start + (k + 1) * n] == unit for k in range(1, repeats)):
                return "".join(unit).replace("▁", " ").strip()
    return None


def problems(tokens: Sequence[str], limit: int) -> list[Problem]:
    """What is wrong with one output (its tokens, the target-language token included): cut at the
    decoding limit of `limit` tokens, looping."""
    found = []
    if len(tokens) >= limit:
        found.append(("truncated", f"cut at the decoding limit of {limit} tokens"))
    loop = repeated_ngram(tokens[1:])
    if loop is not None:
        found.append(("looping", f"{loop!r} repeated {LOOP_REPEATS} times or more in a row"))
    return found


@dataclass(frozen=True)
class DecodeNote:
    """What safe decoding did for one translation."""

    pieces: int = 1
    """Input pieces the text was cut into to fit the model's token budget."""
    retried: int = 0
    """Pieces decoded again with the repetition guard."""
    guarded: tuple[Problem, ...] = ()
    """Problems of the first output that made a piece be decoded again with the repetition guard."""
    failed: tuple[Problem, ...] = ()
    """Problems in the output kept (after the guard, where it was tried)."""
    removed: tuple[str, ...] = ()
    """Unknown and special tokens (`<unk>`, language codes) removed from the output."""
    score: float | None = None
    """The model's score (log-probability per token; the mean over pieces)."""

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> DecodeNote:
        data = json.loads(text)
        return cls(
            pieces=data["pieces"],
            retried=data["retried"],
            guarded=tuple(tuple(p) for p in data["guarded"]),
            failed=tuple(tuple(p) for p in data["failed"]),
            removed=tuple(data["removed"]),
            score=data["score"],
        )


def combined(notes: Iterable[DecodeNote]) -> DecodeNote:
    """The notes of several pieces or sentences as one; the score is their mean."""
    notes = list(notes)
    scores = [n.score for n in notes if n.score is not None]
    return DecodeNote(
        pieces=sum(n.pieces for n in notes),
        retried=sum(n.retried for n in notes),
        guarded=tuple(p for n in notes for p in n.guarded),
        failed=tuple(p for n in notes for p in n.failed),
        removed=tuple(t for n in notes for t in n.removed),
        score=sum(scores) / len(scores) if scores else None,
    )


def decode_flags(note: DecodeNote) -> list[Flag]:
    """QA-style flags for what safe decoding met in one translation: output cut at the decoding
    limit (`truncated`) or looping (`looping`), an error where the output kept has it and a warning
    where the repetition guard cured it; tokens removed from the output (`removed-tokens`, a
    warning)."""
    flags = []
    for check in ("truncated", "looping"):
        failed = [evidence for name, evidence in note.failed if name == check]
        guarded = [evidence for name, evidence in note.guarded if name == check]
        if failed:
            cure = ", even with the repetition guard" if guarded else ""
            flags.append(Flag(check, "error", f"{failed[0]} ({len(failed)} piece(s)){cure}"))
        elif guarded:
            flags.append(Flag(check, "warning", f"{guarded[0]}; decoded again with the repetition guard"))
    if note.removed:
        flags.append(Flag("removed-tokens", "warning", f"removed from the output: {' '.join(note.removed)}"))
    return flags
