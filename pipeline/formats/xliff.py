"""XLIFF 1.2: each `<source>` translated into a `<target state="needs-review-translation">`, with
the file's `target-language` set.

Inline elements are protected by splitting around them (`inline`). The text inside `<g>` and `<mrk>` is
translated (except in `<mrk mtype="protected">`); `<ph>`, `<bpt>`, `<ept>`, `<it>` hold native
code and `<x/>`, `<bx/>`, `<ex/>` nothing, so they are copied as they are. Units with
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
from .base import ReadOptions, SourceText, Translation
from .inline import filled_slots, localname, source_texts

NS = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2.0"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TRANSLATED_INSIDE = {"g", "mrk"}
"""Inline elements whose text is translated; the others' content is copied."""
STATE = "needs-review-translation"
NOTE_FROM = "mtpipe"
TERM_REASONS = ("term-protect", "term-variant", "term-fuzzy", "unify")
"""Edit reasons that put a glossary form into a translation."""


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


def read_xliff(data: bytes, path: Path | str, options: ReadOptions) -> XliffFile:
    """An XLIFF 1.2 document; other XML, XLIFF 2 or another source language is an InputError."""
    root = parse_xml(Path(path), data)
    _check_document(root, path, options.source_lang)
    texts = [
        text
        for unit in _units_to_translate(root, options.overwrite)
        for text in source_texts(unit.find(_tag("source")), _translated_inside)
    ]
    return XliffFile(root, options.overwrite, texts, [])


def _check_document(root: etree._Element, path: Path | str, source_lang: str) -> None:
    if root.tag == f"{{{XLIFF2_NS}}}xliff":
        raise InputError("XLIFF 2.0 is not supported yet (only XLIFF 1.2)", path)
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
    target = deepcopy(source)
    target.tag = _tag("target")
    target.attrib.clear()
    target.set("state", STATE)
    target.set(XML_LANG, lang)
    for (node, side), translation in zip(filled_slots(target, _translated_inside), translations, strict=True):
        setattr(node, side, translation.text)
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
    for edit in (e for t in translations for e in t.edits if e.reason in TERM_REASONS):
        note = etree.Element(_tag("note"), {"from": NOTE_FROM, "annotates": "target"})
        note.text = f"glossary ({edit.reason}): «{edit.before}» → «{edit.after}»"
        note.tail = target.tail
        previous.addnext(note)
        previous = note
