"""Input bytes to lines for normalization: UTF-8, or a legacy Vietnamese encoding detected or named."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial

from ..edits import TextEdit
from ..textio import decode_lines
from .engine import NormalizedLine, Normalizer

ENCODINGS = ("auto", "utf-8", "tcvn3", "vni", "viscii", "cp1258")


@dataclass
class DecodedInput:
    lines: list[str]
    encoding: str
    notes: list[str] = field(default_factory=list)
    raw_lines: list[bytes] = field(default_factory=list)


def decode_input(data: bytes, name: str, encoding: str, on_invalid: str) -> DecodedInput:
    """Decode a whole input, detecting a legacy Vietnamese encoding when asked to."""
    from .legacy import decode_legacy, detect_encoding

    notes: list[str] = []
    if encoding == "auto":
        encoding = detect_encoding(data)
        if encoding != "utf-8":
            notes.append(f"detected legacy encoding {encoding}")
    decode = partial(decode_legacy, encoding=encoding) if encoding != "utf-8" else None
    lines = decode_lines(data, name, decode=decode, on_invalid=on_invalid, notes=notes)
    raw = data.split(b"\n") if encoding != "utf-8" else []
    return DecodedInput(lines, encoding, notes, raw)


def legacy_edit(raw: bytes, text: str) -> TextEdit | None:
    """The conversion of one legacy-encoded line, shown as its bytes read as Latin-1."""
    before = raw.rstrip(b"\r").decode("latin-1")
    if before == text:
        return None
    return TextEdit(0, len(before), before, text, "legacy-encoding")


def normalize_lines(decoded: DecodedInput, normalizer: Normalizer) -> Iterator[NormalizedLine]:
    for index, text in enumerate(decoded.lines):
        line = normalizer(text)
        if decoded.raw_lines:
            converted = legacy_edit(decoded.raw_lines[index], text)
            if converted is not None:
                line.edits.insert(0, converted)
        yield line
