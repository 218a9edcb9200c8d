"""XLIFF 1.2: each `<source>` translated into a `<target state="needs-review-translation">`, with
the file's `target-language` set; an XLIFF 2 document (by its namespace) is read by `xliff2`.

Inline elements are protected by splitting around them (`inline`). The text inside `<g>` and
`<mrk>` is translated (except in `<mrk mtype="protected">`); `<ph>`, `<bpt>`, `<ept>`, `<it>` hold
native code and `<x/>`, `<bx/>`, `<ex/>` nothing, so they are copied as they are. Units with
`translate="no"` are left alone, and so are units whose target is not empty, unless overwriting.
The edits that put glossary forms into a translation become `<note from="mtpipe">`s of its unit.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import InputError
from ..safexml import parse_xml
from .base import ReadFile, ReadOptions, SourceText, Translation
from .inline import filled_slots, localname, source_texts, term_notes, translated_copy
from .xliff2 import NS as XLIFF2_NS
from .xliff2 import read_xliff2

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TRANSLATED_INSIDE = {"g", "mrk"}
"""Inline elements whose text is translated; the others' content is copied."""
STATE = "needs-review-translation"
NOTE_FROM = "mtpipe"


def _tag(name: str) -> str:
    return f"{{{NS}}}{name}"


@dataclass
class XliffFile:
    root: etree._Element
    overwrite: bool
    texts: list[SourceText]
    notes: list[str]

    def render(self, translations: list[Translation], lang: str) -> bytes:
        root = deepcopy(self.root)
        for file in root.iter(_tag("file")):
            file.set("target-language", lang)
        remaining = iter(translations)
        for unit in _units_to_translate(root, self.overwrite):
            source = unit.find(_tag("source"))
            unit_translations = [next(remaining) for _ in filled_slots(source, _translated_inside)]
            _set_target(unit, source, lang, unit_translations)
        return etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8")


def read_xliff(data: bytes, path: Path | str, options: ReadOptions) -> ReadFile:
    """An XLIFF 1.2 or 2 document; other XML or another source language is an InputError."""
    root = parse_xml(Path(path), data)
    if root.tag == f"{{{XLIFF2_NS}}}xliff":
        return read_xliff2(root, path, options)
    _check_document(root, path, options.source_lang)
    texts = [
        text
        for unit in _units_to_translate(root, options.overwrite)
        for text in source_texts(unit.find(_tag("source")), _translated_inside)
    ]
    return XliffFile(root, options.overwrite, texts, [])


def _check_document(root: etree._Element, path: Path | str, source_lang: str) -> None:
    if root.tag != _tag("xliff") or root.get("version") != "1.2":
        raise InputError(f"not an XLIFF 1.2 document (root element {root.tag})", path, root.sourceline)
    for file in root.iter(_tag("file")):
        declared = file.get("source-language", "")
        if declared.split("-")[0].lower() != source_lang:
            raise InputError(
                f"<file> declares source-language {declared!r}, but the source language is {source_lang!r}",
                path,
                file.sourceline,
            )
    for unit in root.iter(_tag("trans-unit")):
        if unit.find(_tag("source")) is None:
            raise InputError("<trans-unit> has no <source>", path, unit.sourceline)


def _units_to_translate(root: etree._Element, overwrite: bool) -> list[etree._Element]:
    """The trans-units to translate, in document order."""
    return [
        unit
        for unit in root.iter(_tag("trans-unit"))
        if unit.get("translate", "yes") == "yes" and (overwrite or not _has_target(unit))
    ]


def _has_target(unit: etree._Element) -> bool:
    target = unit.find(_tag("target"))
    return target is not None and (len(target) > 0 or bool((target.text or "").strip()))


def _translated_inside(element: etree._Element) -> bool:
    return localname(element) in TRANSLATED_INSIDE and element.get("mtype") != "protected"


def _set_target(
    unit: etree._Element, source: etree._Element, lang: str, translations: list[Translation]
) -> None:
    """The unit's target: a copy of its source with each text translated; its term edits as notes."""
    target = translated_copy(source, _tag("target"), translations, _translated_inside)
    target.set("state", STATE)
    target.set(XML_LANG, lang)
    old = unit.find(_tag("target"))
    if old is not None:
        unit.replace(old, target)
    else:
        anchor = unit.find(_tag("seg-source"))
        (source if anchor is None else anchor).addnext(target)
    for note in unit.findall(_tag("note")):
        if note.get("from") == NOTE_FROM:
            unit.remove(note)
    previous = target
    for text in term_notes(translations):
        note = etree.Element(_tag("note"), {"from": NOTE_FROM, "annotates": "target"})
        note.text = text
        note.tail = target.tail
        previous.addnext(note)
        previous = note
