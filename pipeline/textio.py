"""Line-aligned text and JSONL files: one segment per line, line numbers preserved."""

from __future__ import annotations

import codecs
import json
import logging
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from .errors import InputError

NOTES = logging.getLogger("pipeline.input")
"""What reading input changed (a BOM, NUL bytes, line ends removed): one warning per change."""
_BOM_BYTES = codecs.BOM_UTF8
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
NUL_SHARE = 0.01
"""Above this share of NUL bytes (in the first 8 KiB) bytes are UTF-16, UTF-32 or binary, not text
with a stray NUL."""
_HEAD = 8192
_WIDE_CODECS = (("utf-32-le", 4, 0), ("utf-32-be", 4, 3), ("utf-16-le", 2, 0), ("utf-16-be", 2, 1))
"""Codecs without a byte-order mark: code unit size, and where a unit's low byte is."""
_STRAY_NULS = 0.05
"""The share of NULs allowed in low bytes (of characters such as U+0100)."""
_LINE_END = re.compile(rb"\r\n|\r|\n")
LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
"""Every character `str.splitlines()` splits at."""
_INNER_BREAK = re.compile(f"[{LINE_BREAKS[2:]}]")
"""The line breaks besides CR and LF: inside a line, each becomes a space."""
_ESCAPED = re.compile("[\udc80-\udcff]")
_TEXT_CONTROLS = frozenset("\t" + LINE_BREAKS)


def wide_encoding(data: bytes) -> tuple[str, str] | None:
    """The codec of UTF-16 or UTF-32 bytes and what shows it: a byte-order mark, or NUL bytes that
    fall only where that codec puts them (the high bytes of ASCII characters), in bytes that read
    as text in it and are not UTF-8 with stray NULs; None for other bytes."""
    for bom, codec in _WIDE_BOMS:
        if data.startswith(bom):
            return codec, "byte-order mark"
    head = data[:_HEAD]
    nuls = head.count(0)
    if nuls <= NUL_SHARE * len(head) or _utf8_with_nuls(head):
        return None
    codec = next(
        (
            codec
            for codec, unit, low_byte in _WIDE_CODECS
            if head[low_byte::unit].count(0) <= _STRAY_NULS * nuls and _reads_as_text(head, codec)
        ),
        None,
    )
    return (codec, "NUL bytes") if codec else None


def _utf8_with_nuls(head: bytes) -> bool:
    """UTF-8 with non-ASCII letters once its NULs are removed (UTF-16 or UTF-32 text would not be)."""
    stripped = head.replace(b"\x00", b"")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(stripped, final=False)
    except UnicodeDecodeError:
        return False
    return not stripped.isascii()


def encoding_name(codec: str) -> str:
    """A Unicode codec's name as people write it: `utf-16-le` is UTF-16LE."""
    return codec.upper().replace("-LE", "LE").replace("-BE", "BE")


def _reads_as_text(head: bytes, codec: str) -> bool:
    try:
        text = codecs.getincrementaldecoder(codec)().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return bool(text) and not any(
        unicodedata.category(char) in ("Cc", "Cn", "Cs") and char not in _TEXT_CONTROLS for char in text
    )


def mostly_utf8(data: bytes) -> bool:
    """Whether the bytes are UTF-8, perhaps with a few invalid bytes: at least as many valid
    non-ASCII characters as invalid bytes (text in a legacy 8-bit encoding has next to none)."""
    text = data.decode("utf-8", errors="surrogateescape")
    invalid = len(_ESCAPED.findall(text))
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    return non_ascii - invalid >= invalid


def decode_lines(
    data: bytes,
    path: Path | str,
    *,
    decode: Callable[[bytes], str] | None = None,
    on_invalid: str = "error",
    notes: list[str] | None = None,
    first_line: int = 1,
) -> list[str]:
    """Split bytes into lines (at CRLF, CR or LF alike) and decode each one, keeping every line.

    Lines are UTF-8, or UTF-16 or UTF-32 with a byte-order mark or the NUL bytes of one (see
    `wide_encoding`), unless `decode` (a legacy-encoding decoder) is given. A leading BOM and NUL
    bytes are removed, and the other characters `str.splitlines()` breaks at (VT, FF, U+0085,
    U+2028, U+2029...) become spaces, so that every reader sees the same lines. Invalid UTF-8 raises
    an InputError naming the file, the 1-based line and the byte offset within it, or with
    ``on_invalid="replace"`` becomes U+FFFD. Each of these is said in `notes` when given.
    `first_line`: the number of the first line, where `data` is a window of a longer file.
    """
    notes = notes if notes is not None else []
    wide = wide_encoding(data) if decode is None else None
    if wide:
        data = _wide_to_utf8(data, *wide, path, on_invalid)
        notes.append(f"decoded {encoding_name(wide[0])} text (found by its {wide[1]})")
    if data.startswith(_BOM_BYTES):
        data = data[len(_BOM_BYTES) :]
        notes.append("removed a byte-order mark")
    raw_lines, crlf, cr = split_lines(data)
    nul = replaced = 0
    breaks: dict[str, int] = {}
    lines: list[str] = []
    for number, raw in enumerate(raw_lines, start=first_line):
        if b"\x00" in raw:
            nul += raw.count(b"\x00")
            raw = raw.replace(b"\x00", b"")
        text, was_replaced = _decode_line(raw, decode, on_invalid, path, number)
        replaced += was_replaced
        for found in _INNER_BREAK.findall(text):
            breaks[found] = breaks.get(found, 0) + 1
        lines.append(_INNER_BREAK.sub(" ", text))
    if crlf:
        notes.append(f"converted {crlf} CRLF line end(s) to LF")
    if cr:
        notes.append(f"converted {cr} CR line end(s) to LF")
    if nul:
        notes.append(f"removed {nul} NUL byte(s)")
    if breaks:
        kinds = ", ".join(f"U+{ord(char):04X}" for char in breaks)
        notes.append(f"replaced {sum(breaks.values())} line break(s) inside a line ({kinds}) with a space")
    if replaced:
        notes.append(f"replaced invalid UTF-8 on {replaced} line(s)")
    return lines


def split_lines(data: bytes) -> tuple[list[bytes], int, int]:
    """The lines of `data` without their line ends (CRLF, CR or LF; a final one ends the last
    line), and how many were CRLF and lone CR."""
    lines = _LINE_END.split(data)
    if lines[-1] == b"":
        lines.pop()
    ends = _LINE_END.findall(data)
    return lines, ends.count(b"\r\n"), ends.count(b"\r")


def _wide_to_utf8(data: bytes, codec: str, evidence: str, path: Path | str, on_invalid: str) -> bytes:
    """UTF-16 or UTF-32 bytes as UTF-8; invalid data is an InputError naming its line, or with
    ``on_invalid="replace"`` becomes U+FFFD."""
    try:
        text = data.decode(codec, errors="replace" if on_invalid == "replace" else "strict")
        return text.removeprefix("\ufeff").encode("utf-8")
    except UnicodeDecodeError as err:
        before = data[: err.start].decode(codec, errors="replace")
        line = len(_LINE_END.findall(before.encode("utf-8"))) + 1
        problem = f"invalid {encoding_name(codec)} ({err.reason}; found by its {evidence})"
        raise InputError(problem, path, line) from None


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
    """Read a line-aligned UTF-8 text file (see `decode_lines`), saying what reading changed; a
    missing file is an InputError."""
    if not path.is_file():
        raise InputError("file not found", path)
    notes: list[str] = []
    lines = decode_lines(path.read_bytes(), path, notes=notes)
    say_notes(path, notes)
    return lines


def say_notes(path: Path | str, notes: list[str]) -> None:
    """Tell the user what reading a file changed, one warning of the `NOTES` logger per note (the
    CLI prints them on stderr)."""
    for note in notes:
        NOTES.warning("%s: %s", path, note)


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
