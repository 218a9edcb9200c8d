"""Inline markup kept through translation (XLIFF 1.2, HTML): only the text between inline elements
is translated, each piece on its own, and each piece is replaced in a copy of the tree, so every
element comes back in its place, in order, with its attributes and content."""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from .base import SourceText

Slot = tuple[etree._Element, str]
"""Where a text lies: an element and `text` (its first text) or `tail` (the text after it)."""
Inside = Callable[[etree._Element], bool]
"""Whether an element's own text is translated (`<g>`, `<b>`) or copied (native code, `<script>`)."""


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
    """Where the translatable texts under `element` (or its copy) lie, in document order."""
    return [(node, side) for node, side in _slots(element, inside) if (getattr(node, side) or "").strip()]


def source_texts(element: etree._Element, inside: Inside) -> list[SourceText]:
    return [
        SourceText(getattr(node, side), node.sourceline or 0) for node, side in filled_slots(element, inside)
    ]
