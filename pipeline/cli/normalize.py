"""`mtpipe normalize`: one normalized line (text or JSONL) out per input line."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import InputError
from ..languages import CODES
from ..paths import DEFAULT_GLOSSARY

STAGE = "normalize"
Lang = StrEnum("Lang", {code: code for code in CODES})


class OutputFormat(StrEnum):
    text = "text"
    jsonl = "jsonl"


class ToneStyleOption(StrEnum):
    traditional = "traditional"
    modern = "modern"


class EncodingOption(StrEnum):
    auto = "auto"
    utf8 = "utf-8"
    tcvn3 = "tcvn3"
    vni = "vni"
    viscii = "viscii"
    cp1258 = "cp1258"


class OnInvalid(StrEnum):
    error = "error"
    replace = "replace"


def normalize(
    lang: Annotated[Lang, typer.Option(help="Language of the text.")],
    files: Annotated[list[Path] | None, typer.Argument(help="Input files; standard input when none.")] = None,
    glossary: Annotated[Path, typer.Option(help="Glossary TSV.")] = DEFAULT_GLOSSARY,
    format: Annotated[
        OutputFormat, typer.Option("--format", help="text, or jsonl with entities and edits.")
    ] = (OutputFormat.text),
    tone_style: Annotated[ToneStyleOption, typer.Option(help="Vietnamese tone-mark placement.")] = (
        ToneStyleOption.traditional
    ),
    encoding: Annotated[EncodingOption, typer.Option(help="Input encoding; auto detects legacy ones.")] = (
        EncodingOption.auto
    ),
    on_invalid: Annotated[OnInvalid, typer.Option(help="Invalid UTF-8: stop with an error, or replace.")] = (
        OnInvalid.error
    ),
) -> None:
    """Normalize names and spelling, one output line per input line."""
    from ..normalize.decoding import decode_input, normalize_lines
    from ..normalize.engine import Normalizer
    from ..terminology.glossary import load_glossary
    from ..textio import say_notes

    normalizer = Normalizer(
        load_glossary(glossary),
        lang.value,
        tone_style.value,
        entities=format == OutputFormat.jsonl,
    )
    sources = (
        [(str(path), read_bytes(path)) for path in files] if files else [("<stdin>", sys.stdin.buffer.read())]
    )
    out = sys.stdout.buffer
    for name, data in sources:
        decoded = decode_input(data, name, encoding.value, on_invalid.value)
        say_notes(name, decoded.notes)
        for line in normalize_lines(decoded, normalizer):
            out.write((format_line(line, format) + "\n").encode("utf-8"))
    out.flush()


def format_line(line, fmt: OutputFormat) -> str:
    """The line's text, or its JSONL record: text, entities and the edits labelled as this command's."""
    if fmt != OutputFormat.jsonl:
        return line.text
    record = {
        "text": line.text,
        "entities": [entity.to_json() for entity in line.entities],
        "edits": [asdict(edit.labelled(STAGE, "text")) for edit in line.edits],
    }
    return json.dumps(record, ensure_ascii=False)


def read_bytes(path: Path) -> bytes:
    if not path.is_file():
        raise InputError("file not found", path)
    return path.read_bytes()
