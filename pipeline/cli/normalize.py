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
from ..formats import refuse_binary
from ..paths import DEFAULT_GLOSSARY
from .options import Glossary, Quiet, Source, format_option

STAGE = "normalize"


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


class LatinNamesOption(StrEnum):
    replace = "replace"
    keep = "keep"
    annotate = "annotate"


class OnInvalid(StrEnum):
    error = "error"
    replace = "replace"


def normalize(
    files: Annotated[
        list[Path] | None, typer.Argument(metavar="[FILE]...", help="Input files; standard input when none.")
    ] = None,
    lang: Source = "vi",
    glossary: Glossary = DEFAULT_GLOSSARY,
    format: Annotated[OutputFormat, format_option("text, or jsonl with entities and edits.")] = (
        OutputFormat.text
    ),
    tone_style: Annotated[ToneStyleOption, typer.Option(help="Vietnamese tone-mark placement.")] = (
        ToneStyleOption.traditional
    ),
    encoding: Annotated[EncodingOption, typer.Option(help="Input encoding; auto detects legacy ones.")] = (
        EncodingOption.auto
    ),
    on_invalid: Annotated[OnInvalid, typer.Option(help="Invalid UTF-8: stop with an error, or replace.")] = (
        OnInvalid.error
    ),
    latin_names: Annotated[
        LatinNamesOption,
        typer.Option(help="Latin-script names in ar/lo text: the glossary's form, kept, or annotated."),
    ] = LatinNamesOption.replace,
    quiet: Quiet = False,
) -> None:
    """Normalize names and spelling, one output line per input line; in ar, en and lo, names the
    glossary lacks are also written one way throughout each file. Binary input (a DOCX is a ZIP
    archive, a PDF, UTF-16) is refused, never decoded as a legacy encoding.

    Example: mtpipe normalize --from ar --format jsonl corpora/quangtri/noisy.ar.txt
    """
    from ..normalize.consistency import DocumentNames
    from ..normalize.decoding import decode_input, normalize_lines
    from ..normalize.engine import Normalizer
    from ..terminology.glossary import load_glossary
    from ..textio import say_notes

    terms = load_glossary(glossary)
    normalizer = Normalizer(
        terms,
        lang,
        tone_style.value,
        entities=format == OutputFormat.jsonl,
        latin_names=latin_names.value,
    )
    document = DocumentNames(terms, lang) if lang != "vi" else None
    sources = (
        [(str(path), read_bytes(path)) for path in files] if files else [("<stdin>", sys.stdin.buffer.read())]
    )
    out = sys.stdout.buffer
    for name, data in sources:
        refuse_binary(data, name, "text")
        decoded = decode_input(data, name, encoding.value, on_invalid.value)
        say_notes(name, decoded.notes)
        lines = list(normalize_lines(decoded, normalizer))
        if document is not None:
            document.unify(lines)
        for line in lines:
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
