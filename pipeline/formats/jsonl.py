"""JSON Lines: each line an object whose string `text` is translated; its other fields are copied
through, and blank lines stay blank."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..textio import decode_lines, json_object
from .base import ReadOptions, SourceText, Translation

FIELD = "text"


@dataclass
class JsonlFile:
    records: list[dict[str, Any] | None]
    """Each line's object; None for a blank line."""
    texts: list[SourceText]
    notes: list[str]

    def render(self, translations: list[Translation], lang: str) -> bytes:
        translated = iter(translations)
        lines = [
            "" if record is None else json.dumps({**record, FIELD: next(translated).text}, ensure_ascii=False)
            for record in self.records
        ]
        return "".join(line + "\n" for line in lines).encode("utf-8")


def read_jsonl(data: bytes, path: Path | str, options: ReadOptions) -> JsonlFile:
    """One object per non-blank line, each with a string `text`; any other line is an InputError
    naming the file and line."""
    notes: list[str] = []
    records: list[dict[str, Any] | None] = []
    texts = []
    lines = decode_lines(data, path, notes=notes, first_line=options.first_line)
    for number, line in enumerate(lines, start=options.first_line):
        if not line.strip():
            records.append(None)
            continue
        record = json_object(line, path, number)
        if not isinstance(record.get(FIELD), str):
            raise InputError(f'expected an object with a string "{FIELD}" field', path, number)
        records.append(record)
        texts.append(SourceText(record[FIELD], number))
    return JsonlFile(records, texts, notes)
