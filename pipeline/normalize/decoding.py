"""Input bytes to lines for normalization: UTF-8, or a legacy Vietnamese encoding detected or named."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial

from ..edits import TextEdit
from ..errors import InputError
from ..textio import decode_lines, encoding_name, mostly_utf8, split_lines, wide_encoding
from .engine import NormalizedLine, Normalizer
from .legacy import decode_legacy, guess_legacy, read_as

ENCODINGS = ("auto", "utf-8", "tcvn3", "vni", "viscii", "cp1258")


@dataclass
class DecodedInput:
    lines: list[str]
    encoding: str
    notes: list[str] = field(default_factory=list)
    raw_lines: list[bytes] = field(default_factory=list)


def decode_input(data: bytes, name: str, encoding: str, on_invalid: str) -> DecodedInput:
    """Decode a whole input: Unicode when the bytes are (see `unicode_encoding`), a legacy Vietnamese
    encoding detected (`auto`) or named only when they are not and it reads as Vietnamese."""
    notes: list[str] = []
    if encoding == "auto":
        encoding = _detect(data, name, on_invalid, notes)
    elif encoding != "utf-8":
        _check_fits(data, name, encoding)
    decode = partial(decode_legacy, encoding=encoding) if encoding != "utf-8" else None
    lines = decode_lines(data, name, decode=decode, on_invalid=on_invalid, notes=notes)
    raw = split_lines(data)[0] if decode else []
    return DecodedInput(lines, encoding, notes, raw)


def unicode_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 (`wide_encoding`), or UTF-8 for bytes that are mostly UTF-8 (a few invalid
    bytes are damage to report, not another encoding); None for bytes in no Unicode encoding."""
    wide = wide_encoding(data)
    if wide:
        return wide[0]
    return "utf-8" if mostly_utf8(data) else None


def _detect(data: bytes, name: str, on_invalid: str, notes: list[str]) -> str:
    """ "utf-8" (which `decode_lines` reads as UTF-16 or UTF-32 too), or the legacy encoding whose
    reading of bytes that are not Unicode is confidently Vietnamese; otherwise the UTF-8 error."""
    if unicode_encoding(data):
        return "utf-8"
    reading = guess_legacy(data)
    if reading.confident:
        notes.append(f"detected legacy encoding {reading.encoding} ({reading.evidence()})")
        return reading.encoding
    if on_invalid == "error":
        try:
            decode_lines(data, name)
        except InputError as err:
            raise InputError(
                f"{err.problem}; nor is it in a legacy Vietnamese encoding (best: {reading.evidence()})",
                name,
                err.line,
            ) from None
    return "utf-8"


def _check_fits(data: bytes, name: str, encoding: str) -> None:
    """A legacy encoding named for bytes in a Unicode encoding, or that does not read as Vietnamese,
    is an InputError: decoding would make mojibake."""
    if data.isascii():
        return
    found = unicode_encoding(data)
    if found:
        raise InputError(f"--encoding {encoding} does not fit: this is {encoding_name(found)} text", name)
    reading = read_as(data, encoding)
    if not reading.confident:
        raise InputError(f"--encoding {encoding} does not fit: {reading.evidence()}", name)


def legacy_edit(raw: bytes, text: str) -> TextEdit | None:
    """The conversion of one legacy-encoded line, shown as its bytes read as Latin-1."""
    before = raw.decode("latin-1")
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
