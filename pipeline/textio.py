"""Line-aligned text and JSONL files: one segment per line, line numbers preserved."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from .errors import InputError

_BOM_BYTES = b"\xef\xbb\xbf"


def decode_lines(
    data: bytes,
    path: Path | str,
    *,
    decode: Callable[[bytes], str] | None = None,
    on_invalid: str = "error",
    notes: list[str] | None = None,
) -> list[str]:
    """Split bytes into lines (LF or CRLF) and decode each one, keeping every line.

    Lines are UTF-8 unless `decode` (a legacy-encoding decoder) is given.
    A leading BOM, NUL bytes and CR line ends are removed. Invalid UTF-8 raises an InputError
    naming the file, the 1-based line and the byte offset within it, or with
    ``on_invalid="replace"`` becomes U+FFFD. Each of these is said in `notes` when given.
    """
    notes = notes if notes is not None else []
    if data.startswith(_BOM_BYTES):
        data = data[len(_BOM_BYTES) :]
        notes.append("removed a byte-order mark")
    raw_lines = data.split(b"\n")
    if raw_lines[-1] == b"":
        raw_lines.pop()
    crlf = nul = replaced = 0
    lines: list[str] = []
    for number, raw in enumerate(raw_lines, start=1):
        if raw.endswith(b"\r"):
            raw, crlf = raw[:-1], crlf + 1
        if b"\x00" in raw:
            nul += raw.count(b"\x00")
            raw = raw.replace(b"\x00", b"")
        text, was_replaced = _decode_line(raw, decode, on_invalid, path, number)
        replaced += was_replaced
        lines.append(text)
    if crlf:
        notes.append(f"converted {crlf} CRLF line end(s) to LF")
    if nul:
        notes.append(f"removed {nul} NUL byte(s)")
    if replaced:
        notes.append(f"replaced invalid UTF-8 on {replaced} line(s)")
    return lines


def _decode_line(
    raw: bytes, decode: Callable[[bytes], str] | None, on_invalid: str, path: Path | str, number: int
) -> tuple[str, bool]:
    if decode is not None:
        return decode(raw), False
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError as err:
        if on_invalid == "replace":
            return raw.decode("utf-8", errors="replace"), True
        raise InputError(
            f"invalid UTF-8 at byte {err.start} of the line ({err.reason})", path, number
        ) from None


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
    write_atomic(path, "".join(out).encode("utf-8"))


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Yield one object per non-empty line; a malformed line is an InputError with its number."""
    for number, line in enumerate(read_lines(path), start=1):
        if line.strip():
            yield json_object(line, path, number)


def json_object(line: str, path: Path | str, number: int) -> dict[str, Any]:
    """One JSONL line as an object; anything else is an InputError naming the file and line."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(f"invalid JSON: {err.msg} (column {err.colno})", path, number) from None
    if not isinstance(item, dict):
        raise InputError("each JSONL line must be an object", path, number)
    return item


def write_jsonl(path: Path, items: Iterable[dict[str, Any]]) -> None:
    """Write one compact JSON object per line, UTF-8, non-ASCII kept readable."""
    write_atomic(path, "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items).encode("utf-8"))


def write_atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file renamed into place, so that neither a reader nor a failed
    write (a full disk) leaves half a file: `path` holds its old content or the new, whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_bytes(data)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
