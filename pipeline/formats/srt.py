"""SubRip subtitles (SRT), read and written by the `srt` library, which refuses a garbled cue (pysrt
reads a garbled timecode as zero): only the text of each cue is translated; its number, timecodes
and position are written back as they were (a file srt would write back otherwise, such as one
with a timecode without milliseconds, is refused).

A cue's lines are translated as one text, so a sentence wrapped over two lines reads whole, except
that a line starting with a dash (a new speaker) starts a new text; each translation is broken again
into as many lines as its source had, at the spaces nearest to equal lengths (Lao, written without
spaces, may keep fewer). Tags (`<i>`, `<b>`, `<u>`, `<font …>`, `{\\an8}`) and a speaker's dash
are protected spans."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import srt

from ..errors import InputError
from ..textio import decode_lines
from .base import ReadOptions, SourceText, Translation
from .spans import Protected

TAGS = re.compile(r"</?(?:i|b|u|font)\b[^>]*>|\{\\[^}]*\}|\A-\s*", re.IGNORECASE)
"""Protected spans: tags, and the dash that opens a speaker's line."""
EXPECTED = "a cue is its number, then 'HH:MM:SS,mmm --> HH:MM:SS,mmm', then its text"
DASH = "-"
"""A line starting with it is a new speaker's."""


@dataclass
class SrtFile:
    subtitles: list[srt.Subtitle]
    texts: list[SourceText]
    notes: list[str]

    def render(self, translations: list[Translation], lang: str) -> bytes:
        texts = (translation.text for translation in translations)
        cues = [
            srt.Subtitle(cue.index, cue.start, cue.end, _translated(cue.content, texts), cue.proprietary)
            for cue in self.subtitles
        ]
        return srt.compose(cues, reindex=False, strict=False).encode("utf-8")


def read_srt(data: bytes, path: Path | str, options: ReadOptions) -> SrtFile:
    """Cues of a UTF-8 SRT file; anything between cues that is not one is an InputError naming its
    line."""
    notes: list[str] = []
    text = "".join(line + "\n" for line in decode_lines(data, path, notes=notes))
    try:
        subtitles = list(srt.parse(text))
    except srt.SRTParseError as err:
        start = err.expected_start + len(err.unmatched_content) - len(err.unmatched_content.lstrip())
        first = text[start:].split("\n", 1)[0]
        raise InputError(
            f"malformed SRT: {first[:60]!r} ({EXPECTED})", path, text.count("\n", 0, start) + 1
        ) from None
    if not subtitles:
        raise InputError("empty file: no subtitles", path)
    _check_layout(subtitles, text, path)
    texts, line = [], 1
    for cue in subtitles:
        texts += [
            piece for block, _ in _blocks(cue.content) for piece in Protected.cut(block, TAGS).texts(line + 2)
        ]
        line += 3 + cue.content.count("\n")
    return SrtFile(subtitles, texts, notes)


def _check_layout(subtitles: list[srt.Subtitle], text: str, path: Path | str) -> None:
    """Every line that is not blank must be written back as it was: srt also reads a timecode
    without milliseconds, or with a letter in it (the rest taken as position data), which would
    then change."""
    written = [line.rstrip() for line in srt.compose(subtitles, reindex=False, strict=False).split("\n")]
    read = [(number, line.rstrip()) for number, line in enumerate(text.split("\n"), start=1)]
    for (number, line), expected in zip(
        (item for item in read if item[1]), (line for line in written if line), strict=False
    ):
        if line != expected:
            raise InputError(f"malformed SRT: {line[:60]!r} ({EXPECTED})", path, number)


def _blocks(content: str) -> list[tuple[str, int]]:
    """The texts of a cue, each with its number of lines: lines joined by spaces, a line starting
    with a dash starting anew."""
    groups: list[list[str]] = []
    for line in content.split("\n"):
        if not groups or line.lstrip().startswith(DASH):
            groups.append([])
        groups[-1].append(line.strip())
    return [(" ".join(lines), len(lines)) for lines in groups]


def _translated(content: str, texts: Iterator[str]) -> str:
    return "\n".join(
        line
        for block, count in _blocks(content)
        for line in _wrapped(Protected.cut(block, TAGS).joined(texts), count)
    )


def _wrapped(text: str, count: int) -> list[str]:
    """`text` in `count` lines, broken at the spaces outside tags nearest to equal lengths."""
    outside = TAGS.sub(lambda tag: "x" * len(tag.group()), text)
    spaces = [index for index, char in enumerate(outside) if char == " "]
    breaks = sorted(
        {min(spaces, key=lambda i: abs(i - len(text) * k / count)) for k in range(1, count)} if spaces else ()
    )
    lines, start = [], 0
    for end in breaks:
        lines.append(text[start:end])
        start = end + 1
    return [*lines, text[start:]]
