"""Inline markup kept through translation (XLIFF 1.2 and 2): only the text between inline elements
is translated, each piece on its own, and the target is a copy of the source with each piece
replaced, so every element comes back in its place, in order, with its attributes and content."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from copy import deepcopy

from lxml import etree

from .base import SourceText, Translation

Slot = tuple[etree._Element, str]
"""Where a text lies: an element and `text` (its first text) or `tail` (the text after it)."""
Inside = Callable[[etree._Element], bool]
"""Whether an inline element's own text is translated (`<g>`, `<pc>`) or copied (native code)."""
TERM_REASONS = ("term-protect", "term-variant", "term-fuzzy", "unify")
"""Edit reasons that put a glossary form into a translation."""


def localname(element: etree._Element) -> str | None:
    """An element's name without its namespace; None for comments and processing instructions."""
    return etree.QName(element).localname if isinstance(element.tag, str) else None


def _slots(element: etree._Element, inside: Inside) -> list[Slot]:
    slots: list[Slot] = [(element, "text")]
    for child in element:
        if inside(child):
            slots += _slots(child, inside)
        slots.append((child, "tail"))
    return slots


def filled_slots(element: etree._Element, inside: Inside) -> list[Slot]:
    """Where the translatable texts of a source (or its copy) lie, in document order."""
    return [(node, side) for node, side in _slots(element, inside) if (getattr(node, side) or "").strip()]


def source_texts(source: etree._Element, inside: Inside) -> list[SourceText]:
    return [
        SourceText(getattr(node, side), node.sourceline or 0) for node, side in filled_slots(source, inside)
    ]


def translated_copy(
    source: etree._Element, tag: str, translations: list[Translation], inside: Inside
) -> etree._Element:
    """A copy of `source` named `tag`, without attributes, each of its texts replaced by the next
    translation."""
    target = deepcopy(source)
    target.tag = tag
    target.attrib.clear()
    for (node, side), translation in zip(filled_slots(target, inside), translations, strict=True):
        setattr(node, side, translation.text)
    return target


def term_notes(translations: Iterable[Translation]) -> list[str]:
    """The edits that put glossary forms into the translations, one note each."""
    return [
        f"glossary ({edit.reason}): «{edit.before}» → «{edit.after}»"
        for translation in translations
        for edit in translation.edits
        if edit.reason in TERM_REASONS
    ]
