"""HTML, read and written by lxml.html: the text of the page is translated piece by piece between
inline elements (see `inline`), and so are the `alt` and `title` attributes (text a reader sees or
hears); `<script>`, `<style>`, `<code>`, `<pre>`, `<kbd>`, `<samp>`, `<var>`, `<textarea>`,
`<template>` and any element marked `translate="no"` are copied as they are, and so are every other
attribute and comments. `<html>` gets `lang` set to the target, and `dir="rtl"` for a right-to-left
language (Arabic); other `lang` attributes naming the source language name the target."""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from lxml import etree

from ..errors import InputError
from ..languages import language
from ..textio import decode_lines
from .base import ReadOptions, SourceText, Translation
from .inline import filled_slots, localname

COPIED = {"script", "style", "code", "pre", "kbd", "samp", "var", "textarea", "template"}
ATTRIBUTES = ("alt", "title")
SLOTS = ("text", "tail")
DOCTYPE = re.compile(r"\s*<!doctype", re.IGNORECASE)


@dataclass
class HtmlFile:
    root: lxml.html.HtmlElement
    source_lang: str
    doctype: str | None
    texts: list[SourceText]
    notes: list[str]

    def render(self, translations: list[Translation], lang: str) -> bytes:
        root = deepcopy(self.root)
        for (element, place), translation in zip(_places(root), translations, strict=True):
            if place in SLOTS:
                setattr(element, place, translation.text)
            else:
                element.set(place, translation.text)
        for element in root.iter():
            if (element.get("lang") or "").split("-")[0].lower() == self.source_lang:
                element.set("lang", lang)
        root.set("lang", lang)
        if language(lang).direction == "rtl":
            root.set("dir", "rtl")
        html = lxml.html.tostring(root, encoding="unicode", doctype=self.doctype)
        return (html + "\n").encode("utf-8")


def read_html(data: bytes, path: Path | str, options: ReadOptions) -> HtmlFile:
    """A UTF-8 HTML document (a fragment is put in `<html><body>`)."""
    notes: list[str] = []
    text = "".join(line + "\n" for line in decode_lines(data, path, notes=notes))
    if not text.strip():
        raise InputError("empty file: no HTML", path)
    parser = lxml.html.HTMLParser(encoding="utf-8", no_network=True)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except etree.ParserError as err:
        raise InputError(f"not an HTML document: {err}", path) from None
    doctype = root.getroottree().docinfo.doctype if DOCTYPE.match(text) else None
    texts = [
        SourceText(
            getattr(element, place) if place in SLOTS else element.get(place),
            element.sourceline or 0,
        )
        for element, place in _places(root)
    ]
    return HtmlFile(root, options.source_lang, doctype, texts, notes)


def _translated_inside(element: etree._Element) -> bool:
    return localname(element) not in (None, *COPIED) and element.get("translate") != "no"


def _places(root: lxml.html.HtmlElement) -> list[tuple[etree._Element, str]]:
    """Where the texts to translate lie, in order: text slots (`text`, `tail`), then attributes."""
    if not _translated_inside(root):
        return []
    attributes = [
        (element, name)
        for element in root.iter()
        if all(_translated_inside(e) for e in (element, *element.iterancestors()))
        for name in ATTRIBUTES
        if (element.get(name) or "").strip()
    ]
    return [*filled_slots(root, _translated_inside), *attributes]
