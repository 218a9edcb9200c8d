"""Readers and writers of the files mtpipe takes and makes: corpus directories and run outputs
(`corpus`, `run`), and the files `mtpipe translate` translates, one module per format, chosen by
extension in `FORMATS` (a module is imported only when a file of its format is read)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from ..errors import InputError
from .base import ReadFile, ReadOptions, refuse_binary


@dataclass(frozen=True)
class FileFormat:
    name: str
    extensions: tuple[str, ...]
    reader: str
    """`module:function` inside this package: (bytes, path, ReadOptions) → ReadFile."""
    binary: bool = False
    """A binary format (DOCX), whose reader takes the bytes as they are."""
    line_aligned: bool = False
    """Read and translated in windows of lines (`windows`): one line's text never spans two."""

    def read(self, data: bytes, path: Path | str, options: ReadOptions) -> ReadFile:
        """The file's texts; binary data in a text format (a DOCX is a ZIP archive) is refused
        before decoding."""
        if not self.binary:
            refuse_binary(data, path, self.name)
        module_name, _, function = self.reader.partition(":")
        return getattr(import_module(f"{__name__}.{module_name}"), function)(data, path, options)


FORMATS = (
    FileFormat("text", (".txt",), "text:read_text", line_aligned=True),
    FileFormat("JSON Lines", (".jsonl",), "jsonl:read_jsonl", line_aligned=True),
    FileFormat("XLIFF 1.2", (".xlf", ".xliff"), "xliff:read_xliff"),
    FileFormat("DOCX", (".docx",), "docx:read_docx", binary=True),
    FileFormat("gettext PO", (".po",), "po:read_po"),
    FileFormat("SubRip", (".srt",), "srt:read_srt"),
    FileFormat("HTML", (".html", ".htm"), "html:read_html"),
)
TEXT = FORMATS[0]
"""Standard input's format."""


def supported_extensions() -> list[str]:
    return [extension for file_format in FORMATS for extension in file_format.extensions]


def format_for(path: Path) -> FileFormat:
    """The format of a file, from its extension; an unsupported one names the supported ones."""
    suffix = path.suffix.lower()
    for file_format in FORMATS:
        if suffix in file_format.extensions:
            return file_format
    supported = ", ".join(supported_extensions())
    raise InputError(f"unsupported file type {suffix or '(no extension)'!r} (supported: {supported})", path)
