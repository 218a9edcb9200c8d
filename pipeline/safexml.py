"""XML parsed without fetching or expanding anything: documents that declare entities in a DTD
(billion laughs, external entities) are refused, whatever reads them (TBX, XLIFF)."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from .errors import InputError


class XmlRefusedError(InputError):
    """An XML document refused for safety: it declares entities (expansion bombs, external files)."""


def parse_xml(path: Path, data: bytes | None = None) -> etree._Element:
    """The root element of `data` (read from `path` when not given), parsed without fetching or
    expanding anything.

    A document whose DTD declares entities is an XmlRefusedError, even where the parser gave up on
    it first (libxml2 stops a billion-laughs expansion on its own); other errors are InputErrors.
    """
    if data is None:
        if not path.is_file():
            raise InputError("file not found", path)
        data = path.read_bytes()
    parser = etree.XMLPullParser(
        events=("start",), resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        parser.feed(data)
        root = parser.close()
    except etree.XMLSyntaxError as err:
        _refuse_entities(parser, path)
        raise InputError(f"not well-formed XML: {err.msg}", path, err.lineno or None) from None
    _refuse_entities(parser, path)
    return root


def _refuse_entities(parser: etree.XMLPullParser, path: Path) -> None:
    """Refuse the document if the DTD before its root element declares any entity."""
    first = next(iter(parser.read_events()), None)
    dtd = first[1].getroottree().docinfo.internalDTD if first else None
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise XmlRefusedError(
            "refused: the document's DTD declares entities (entity expansion and external entities "
            "are not allowed)",
            path,
        )
