"""`mtpipe normalize`: bytes in, one normalized line (text or JSONL) out per input line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..document import Edit
from ..textio import decode_lines
from .engine import STAGE, NormalizedLine, Normalizer

ENCODINGS = ("auto", "utf-8", "tcvn3", "vni", "viscii", "cp1258")


@dataclass
class DecodedInput:
    lines: list[str]
    encoding: str
    notes: list[str] = field(default_factory=list)
    raw_lines: list[bytes] = field(default_factory=list)


def decode_input(data: bytes, name: str, encoding: str, on_invalid: str) -> DecodedInput:
    """Decode a whole input, detecting a legacy Vietnamese encoding when asked to."""
    notes: list[str] = []
    if encoding == "auto":
        from .legacy import detect_encoding

        encoding = detect_encoding(data)
        if encoding != "utf-8":
            notes.append(f"detected legacy encoding {encoding}")
    lines = decode_lines(data, name, encoding=encoding, on_invalid=on_invalid, notes=notes)
    raw = data.split(b"\n") if encoding != "utf-8" else []
    return DecodedInput(lines, encoding, notes, raw)


def legacy_edit(raw: bytes, text: str, encoding: str) -> Edit | None:
    """The conversion of one legacy-encoded line, shown as its bytes read as Latin-1."""
    before = raw.rstrip(b"\r").decode("latin-1")
    if before == text:
        return None
    return Edit(STAGE, "text", 0, len(before), before, text, "legacy-encoding")


def normalize_lines(decoded: DecodedInput, normalizer: Normalizer) -> Iterator[NormalizedLine]:
    for index, text in enumerate(decoded.lines):
        line = normalizer(text)
        if decoded.raw_lines:
            converted = legacy_edit(decoded.raw_lines[index], text, decoded.encoding)
            if converted is not None:
                line.edits.insert(0, converted)
        yield line


def format_line(line: NormalizedLine, fmt: str) -> str:
    if fmt == "jsonl":
        return json.dumps(line.to_json(), ensure_ascii=False)
    return line.text
