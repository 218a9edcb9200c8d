"""XLIFF 2 (2.0, 2.1, 2.2): each segment's `<source>` translated into a `<target>`, the segment
marked `state="translated"` with `subState="mtpipe:machine-translated"`, and the document's
`trgLang` set.

Inline elements are kept as in XLIFF 1.2 (`inline`): the text inside `<pc>` and `<mrk>` is
translated (except in `<mrk translate="no">`); `<ph/>`, `<sc/>`, `<ec/>`, `<cp/>`, `<sm/>`,
`<em/>` are copied. Units with `translate="no"` (on the unit or inherited from its group or file)
are left alone, and so are segments whose target is not empty, unless overwriting. The edits that
put glossary forms into a translation become `<note category="mtpipe">`s of its unit.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import InputError
from .base import ReadOptions, SourceText, Translation
from .inline import filled_slots, localname, source_texts, term_notes, translated_copy

NS = "urn:oasis:names:tc:xliff:document:2.0"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
STATE = "translated"
SUB_STATE = "mtpipe:machine-translated"
NOTE_CATEGORY = "mtpipe"
TRANSLATED_INSIDE = {"pc", "mrk"}


def _tag(name: str) -> str:
    return f"{{{NS}}}{name}"


@dataclass
class Xliff2File:
    root: etree._Element
    overwrite: bool
    texts: list[SourceText]
    notes: list[str]

    def render(self, translations: list[Translation], lang: str) -> bytes:
        root = deepcopy(self.root)
        root.set("trgLang", lang)
        remaining = iter(translations)
        for unit in _units(root):
            segments = _segments_to_translate(unit, self.overwrite)
            unit_translations = []
            for segment in segments:
                source = segment.find(_tag("source"))
                translated = [next(remaining) for _ in filled_slots(source, _translated_inside)]
                _set_target(segment, source, translated)
                unit_translations += translated
            if segments:
                _set_notes(unit, term_notes(unit_translations))
        return etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8")


def read_xliff2(root: etree._Element, path: Path | str, options: ReadOptions) -> Xliff2File:
    """An XLIFF 2 document, parsed; another source language is an InputError."""
    version = root.get("version", "")
    if not version.startswith("2."):
        raise InputError(f"not an XLIFF 2 document (version {version!r})", path, root.sourceline)
    declared = root.get("srcLang", "")
    if declared.split("-")[0].lower() != options.source_lang:
        raise InputError(
            f"<xliff> declares srcLang {declared!r}, but the source language is {options.source_lang!r}",
            path,
            root.sourceline,
        )
    for segment in root.iter(_tag("segment")):
        if segment.find(_tag("source")) is None:
            raise InputError("<segment> without a <source>", path, segment.sourceline)
    texts = [
        text
        for unit in _units(root)
        for segment in _segments_to_translate(unit, options.overwrite)
        for text in source_texts(segment.find(_tag("source")), _translated_inside)
    ]
    return Xliff2File(root, options.overwrite, texts, [])


def _units(root: etree._Element) -> list[etree._Element]:
    """The units to translate, in document order: those not marked (or inside) `translate="no"`."""
    return [unit for unit in root.iter(_tag("unit")) if _translatable(unit)]


def _translatable(unit: etree._Element) -> bool:
    marked = next((e.get("translate") for e in unit.iterancestors() if e.get("translate")), None)
    return unit.get("translate", marked or "yes") == "yes"


def _segments_to_translate(unit: etree._Element, overwrite: bool) -> list[etree._Element]:
    return [segment for segment in unit.findall(_tag("segment")) if overwrite or not _has_target(segment)]


def _has_target(segment: etree._Element) -> bool:
    target = segment.find(_tag("target"))
    return target is not None and (len(target) > 0 or bool((target.text or "").strip()))


def _translated_inside(element: etree._Element) -> bool:
    return localname(element) in TRANSLATED_INSIDE and element.get("translate") != "no"


def _set_target(segment: etree._Element, source: etree._Element, translations: list[Translation]) -> None:
    target = translated_copy(source, _tag("target"), translations, _translated_inside)
    if source.get(XML_SPACE):
        target.set(XML_SPACE, source.get(XML_SPACE))
    target.tail = source.tail
    old = segment.find(_tag("target"))
    if old is not None:
        segment.replace(old, target)
    else:
        source.addnext(target)
    segment.set("state", STATE)
    segment.set("subState", SUB_STATE)


def _set_notes(unit: etree._Element, texts: list[str]) -> None:
    """The unit's mtpipe notes, replacing an earlier run's; `<notes>` goes before `<originalData>`
    and the segments, as the schema orders them."""
    notes = unit.find(_tag("notes"))
    if notes is not None:
        for note in notes.findall(_tag("note")):
            if note.get("category") == NOTE_CATEGORY:
                notes.remove(note)
    if texts and notes is None:
        notes = etree.Element(_tag("notes"))
        first = next(e for e in unit if localname(e) in ("originalData", "segment", "ignorable"))
        first.addprevious(notes)
    for text in texts:
        etree.SubElement(notes, _tag("note"), {"category": NOTE_CATEGORY, "appliesTo": "target"}).text = text
    if notes is not None and len(notes) == 0:
        unit.remove(notes)
