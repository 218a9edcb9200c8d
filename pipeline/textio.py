"""Line-aligned text and JSONL files: one segment per line, line numbers preserved."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .errors import InputError

_BOM = "\ufeff"


def decode_lines(data: bytes, path: Path | str) -> list[str]:
    """Split UTF-8 bytes into lines (LF or CRLF), dropping a leading BOM.

    Invalid UTF-8 raises an InputError naming the file, the 1-based line and the byte offset
    within that line.
    """
    lines: list[str] = []
    raw_lines = data.split(b"\n")
    if raw_lines and raw_lines[-1] == b"":
        raw_lines.pop()
    for number, raw in enumerate(raw_lines, start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            raise InputError(
                f"invalid UTF-8 at byte {err.start} of the line ({err.reason})", path, number
            ) from None
        if text.endswith("\r"):
            text = text[:-1]
        if number == 1 and text.startswith(_BOM):
            text = text[1:]
        lines.append(text)
    return lines


def read_lines(path: Path) -> list[str]:
    """Read a line-aligned UTF-8 text file; a missing file is an InputError."""
    if not path.is_file():
        raise InputError("file not found", path)
    return decode_lines(path.read_bytes(), path)


def write_lines(path: Path, lines: Iterable[str]) -> None:
    """Write one line per item; newlines inside an item would break alignment and are refused."""
    out: list[str] = []
    for number, line in enumerate(lines, start=1):
        if "\n" in line or "\r" in line:
            raise InputError("a line break inside a segment would break line alignment", path, number)
        out.append(line + "\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(out), encoding="utf-8")


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Yield one object per non-empty line; a malformed line is an InputError with its number."""
    for number, line in enumerate(read_lines(path), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(f"invalid JSON: {err.msg} (column {err.colno})", path, number) from None
        if not isinstance(item, dict):
            raise InputError("each JSONL line must be an object", path, number)
        yield item


def write_jsonl(path: Path, items: Iterable[dict[str, Any]]) -> None:
    """Write one compact JSON object per line, UTF-8, non-ASCII kept readable."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for item in items:
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
