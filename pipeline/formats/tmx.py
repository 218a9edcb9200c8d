"""Translation memories in TMX 1.4, read and written with translate-toolkit: a memory's exact
matches stand in for the model, and a run's segment pairs are exported as one."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from translate.misc.xml_helpers import getXMLlang
from translate.storage.tmx import tmxfile

from ..errors import InputError
from ..safexml import parse_xml

Memory = dict[str, dict[str, str]]
"""Source text → target language → its translation."""


def read_memory(path: Path, source_lang: str) -> Memory:
    """Every translation unit of a TMX file with a variant in `source_lang`, by its source text (the
    first unit of a text wins); a unit without a language or a text names its line."""
    data = path.read_bytes() if path.is_file() else None
    if data is None:
        raise InputError("translation memory not found", path)
    if not data.strip():
        raise InputError("empty file, not a TMX translation memory", path)
    root = parse_xml(path, data)
    if root.tag != "tmx":
        raise InputError(f"not a TMX document (root element {root.tag})", path, root.sourceline)
    memory: Memory = {}
    for unit in tmxfile.parsestring(data).units:
        variants = {}
        for node in unit.getlanguageNodes():
            lang, text = getXMLlang(node) or node.get("lang"), unit.getNodeText(node)
            if not lang or text is None:
                raise InputError("<tuv> without xml:lang or <seg>", path, node.sourceline)
            variants[_primary(lang)] = text
        source = variants.pop(source_lang, None)
        if source and variants:
            memory.setdefault(source, variants)
    if not memory:
        raise InputError(f"no translation unit with a {source_lang!r} variant and a translation", path)
    return memory


def _primary(lang: str) -> str:
    """`vi-VN` → `vi`: memories name regions, mtpipe languages do not."""
    return lang.split("-")[0].split("_")[0].lower()


def memory_bytes(pairs: Iterable[tuple[str, dict[str, str]]], source_lang: str) -> bytes:
    """A TMX 1.4 document of one unit per distinct source text, with a variant per language."""
    store = tmxfile(sourcelanguage=source_lang)
    seen = set()
    for source, translations in pairs:
        if source in seen:
            continue
        seen.add(source)
        unit = store.addsourceunit(source, source_lang)
        for lang, text in translations.items():
            unit.settarget(text, lang, append=True)
    return bytes(store)
