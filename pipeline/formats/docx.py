"""DOCX (Word): the text of every paragraph of the body, its tables, headers and footers
translated, with every run kept, so bold, italic, underlined text, hyperlinks and styles stay
where they were.

Runs work as XLIFF's inline elements: adjacent runs of the same formatting are merged first (Word
splits runs for spell checking and revision marks), then only the text of each run is translated,
each on its own, and put back into its run. Fields, drawings, tabs and breaks are copied."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.exceptions import OpcError
from docx.opc.part import XmlPart
from docx.oxml.ns import qn
from lxml import etree

from ..errors import InputError
from .base import ReadOptions, SourceText, Translation

PARTS = (CT.WML_DOCUMENT_MAIN, CT.WML_HEADER, CT.WML_FOOTER)
"""The parts whose paragraphs are translated: the body (tables included), headers and footers."""
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass
class DocxFile:
    data: bytes
    texts: list[SourceText]
    notes: list[str]

    def render(self, translations: list[Translation], lang: str) -> bytes:
        document = _open(self.data, "")
        for (_, text), translation in zip(_run_texts(document), translations, strict=True):
            text.text = translation.text
            text.set(XML_SPACE, "preserve")
        out = BytesIO()
        document.save(out)
        return out.getvalue()


def read_docx(data: bytes, path: Path | str, options: ReadOptions) -> DocxFile:
    """A Word document's run texts; a file that is not one (or a damaged one) is an InputError."""
    texts = [SourceText(text.text, line) for line, text in _run_texts(_open(data, path))]
    return DocxFile(data, texts, [])


def _open(data: bytes, path: Path | str) -> Document:
    if not data:
        raise InputError("empty file, not a DOCX document", path)
    try:
        return docx.Document(BytesIO(data))
    except (zipfile.BadZipFile, OpcError, KeyError, ValueError, etree.XMLSyntaxError) as err:
        raise InputError(f"not a readable DOCX document: {err}", path) from None


def _run_texts(document: Document) -> Iterator[tuple[int, etree._Element]]:
    """(paragraph number, `<w:t>`) of every run text that is not blank, paragraphs numbered through
    the body, then headers and footers."""
    parts = [document.part] + [
        part
        for part in document.part.package.iter_parts()
        if isinstance(part, XmlPart) and part.content_type in PARTS[1:]
    ]
    number = 0
    for part in parts:
        _merge_runs(part.element)
        for paragraph in part.element.iter(qn("w:p")):
            number += 1
            for text in paragraph.iter(qn("w:t")):
                if next(text.iterancestors(qn("w:p"))) is paragraph and (text.text or "").strip():
                    yield number, text


def _merge_runs(element: etree._Element) -> None:
    """Join each run of text alone to the run before it where both have the same formatting."""
    for marker in list(element.iter(qn("w:proofErr"))):
        marker.getparent().remove(marker)
    for run in list(element.iter(qn("w:r"))):
        previous = run.getprevious()
        if previous is None or previous.tag != qn("w:r") or not (_text_only(previous) and _text_only(run)):
            continue
        if _formatting(previous) == _formatting(run):
            previous.find(qn("w:t")).text = (previous.find(qn("w:t")).text or "") + (
                run.find(qn("w:t")).text or ""
            )
            previous.find(qn("w:t")).set(XML_SPACE, "preserve")
            run.getparent().remove(run)


def _text_only(run: etree._Element) -> bool:
    return [child.tag for child in run if child.tag != qn("w:rPr")] == [qn("w:t")]


def _formatting(run: etree._Element) -> bytes:
    properties = run.find(qn("w:rPr"))
    return b"" if properties is None else etree.tostring(properties)
