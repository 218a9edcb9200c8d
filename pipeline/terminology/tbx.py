"""TBX-Basic (ISO 30042, namespace urn:iso:std:iso:30042:ed-2) export and import of glossaries.

Export writes the DCA style, valid against the TBX-Basic RELAX NG schema:

- one `conceptEntry` per concept, its `id` the concept's id, the concept's `type` as
  `<descrip type="subjectField">` and its `note` as the entry's `<note>`;
- one `langSec` per language, the canonical form first, as a `termSec` whose administrativeStatus
  says the concept's status: approved → preferredTerm-admn-sts, proposed → admittedTerm-admn-sts,
  forbidden → deprecatedTerm-admn-sts;
- each variant as a further `termSec` with deprecatedTerm-admn-sts (a spelling the pipeline
  replaces by the canonical form: "do not use") and `<termNote type="termType">variant</termNote>`.

Import reads that back exactly, and reads any TBX in DCA or DCT style:

- in each `langSec` the canonical form is the term with the best administrativeStatus (preferred,
  admitted, none, then deprecated or superseded; a termType other than variant wins a tie, then the
  first); the other terms become variants. A langSec whose terms are all termType variant has no
  canonical form, only variants;
- the concept's status is the one its canonical terms' statuses agree on (preferred → approved,
  admitted → proposed, deprecated or superseded → forbidden); `proposed` when they disagree or
  none has a status;
- the first subjectField is the type; every `note` (of the entry, a language, a term) goes into
  the note, joined by "; ", a language's prefixed "[es]", a term's "[es: término]";
- languages other than vi/en/ar/lo are kept; definitions, contexts, sources, part of speech,
  transactions and cross-references have no place in the TSV and are not kept.

Documents that declare entities in a DTD (billion laughs, external entities) are refused.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from lxml import etree

from ..errors import InputError
from ..safexml import parse_xml
from ..textio import write_atomic
from .glossary import Concept, Glossary, languages_of
from .interchange import clean_text, imported_glossary, language_tag

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ADMINISTRATIVE_STATUS = {
    "approved": "preferredTerm-admn-sts",
    "proposed": "admittedTerm-admn-sts",
    "forbidden": "deprecatedTerm-admn-sts",
}
STATUS_OF = {
    **{value: status for status, value in ADMINISTRATIVE_STATUS.items()},
    "supersededTerm-admn-sts": "forbidden",
}
_CANONICAL_RANK = {"approved": 0, "proposed": 1, None: 2, "forbidden": 3}
_GROUPS = {f"{{{TBX_NS}}}{name}" for name in ("descripGrp", "adminGrp", "termNoteGrp")}
_TYPED = {f"{{{TBX_NS}}}{name}" for name in ("descrip", "termNote", "admin")}
_XML_ID = re.compile(r"[^\W\d][\w.-]*")
NOTE_SEPARATOR = "; "


class _Term(NamedTuple):
    text: str
    status: str | None
    variant: bool


def export_tbx(glossary: Glossary, out: Path) -> None:
    """Write the glossary as DCA-style TBX-Basic, one conceptEntry per concept sorted by id."""
    _check_exportable(glossary)
    root = etree.Element(
        _tag("tbx"), {"type": "TBX-Basic", "style": "dca", XML_LANG: "en"}, nsmap={None: TBX_NS}
    )
    source = _sub(_sub(_sub(root, "tbxHeader"), "fileDesc"), "sourceDesc")
    _sub(source, "p", f"mtpipe glossary {glossary.path.name}")
    body = _sub(_sub(root, "text"), "body")
    for concept in sorted(glossary.concepts, key=lambda c: c.id):
        _concept_entry(body, concept)
    write_atomic(out, etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def import_tbx(path: Path) -> Glossary:
    """Read a TBX file (DCA or DCT style) into a glossary; see the module docstring for the mapping."""
    root = parse_xml(path)
    if root.tag != _tag("tbx"):
        raise InputError(f"not a TBX document: the root element is {root.tag}", path, root.sourceline)
    return imported_glossary(path, [_concept(entry, path) for entry in root.iter(_tag("conceptEntry"))])


def _tag(name: str) -> str:
    return f"{{{TBX_NS}}}{name}"


def _sub(parent: etree._Element, name: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, _tag(name), attrs)
    element.text = text
    return element


def _check_exportable(glossary: Glossary) -> None:
    """TBX needs at least one concept, each with a unique XML-name id and at least one term."""
    if not glossary.concepts:
        raise InputError("the glossary has no concepts to export", glossary.path)
    seen: set[str] = set()
    for concept in glossary.concepts:
        where = (glossary.path, concept.line or None)
        if not _XML_ID.fullmatch(concept.id) or concept.id in seen:
            raise InputError(f"concept id {concept.id!r} is not a unique XML name (as TBX needs)", *where)
        if not concept.languages():
            raise InputError(f"concept {concept.id} has no term in any language", *where)
        seen.add(concept.id)


def _concept_entry(body: etree._Element, concept: Concept) -> None:
    entry = _sub(body, "conceptEntry", id=concept.id)
    if concept.type:
        _sub(entry, "descrip", concept.type, type="subjectField")
    if concept.note:
        _sub(entry, "note", concept.note)
    for lang in languages_of([concept]):
        lang_sec = _sub(entry, "langSec")
        lang_sec.set(XML_LANG, lang)
        if lang in concept.forms:
            _term_sec(lang_sec, concept.forms[lang], ADMINISTRATIVE_STATUS[concept.status])
        for variant in concept.variants.get(lang, ()):
            _term_sec(lang_sec, variant, ADMINISTRATIVE_STATUS["forbidden"], term_type="variant")


def _term_sec(lang_sec: etree._Element, text: str, status: str, term_type: str | None = None) -> None:
    term_sec = _sub(lang_sec, "termSec")
    _sub(term_sec, "term", text)
    _sub(term_sec, "termNote", status, type="administrativeStatus")
    if term_type:
        _sub(term_sec, "termNote", term_type, type="termType")


def _concept(entry: etree._Element, path: Path) -> Concept:
    concept_id = entry.get("id")
    if not concept_id:
        raise InputError("a conceptEntry has no id", path, entry.sourceline)
    notes = _notes(entry, "")
    terms: dict[str, list[_Term]] = {}
    for lang_sec in entry.findall(_tag("langSec")):
        lang, lang_terms, lang_notes = _lang_sec(lang_sec, path)
        terms.setdefault(lang, []).extend(lang_terms)
        notes += lang_notes
    forms: dict[str, str] = {}
    variants: dict[str, tuple[str, ...]] = {}
    statuses: set[str] = set()
    for lang, lang_terms in terms.items():
        canonical = _canonical(lang_terms)
        if canonical:
            forms[lang] = canonical.text
            statuses |= {canonical.status} - {None}
        others = (term.text for term in lang_terms if canonical is None or term.text != canonical.text)
        variants[lang] = tuple(dict.fromkeys(others))
    return Concept(
        id=concept_id,
        type=_first(entry, "subjectField"),
        status=statuses.pop() if len(statuses) == 1 else "proposed",
        forms=forms,
        variants=variants,
        note=NOTE_SEPARATOR.join(notes),
        line=entry.sourceline or 0,
    )


def _lang_sec(lang_sec: etree._Element, path: Path) -> tuple[str, list[_Term], list[str]]:
    """The language, its terms in document order, and its notes and its terms' notes, prefixed."""
    lang = language_tag(lang_sec.get(XML_LANG, ""))
    if not lang:
        raise InputError("a langSec has no xml:lang", path, lang_sec.sourceline)
    notes = _notes(lang_sec, f"[{lang}] ")
    terms: list[_Term] = []
    for term_sec in lang_sec.findall(_tag("termSec")):
        terms.append(_term(term_sec, path))
        notes += _notes(term_sec, f"[{lang}: {terms[-1].text}] ")
    return lang, terms, notes


def _term(term_sec: etree._Element, path: Path) -> _Term:
    term = term_sec.find(_tag("term"))
    text = clean_text("".join(term.itertext())) if term is not None else ""
    if not text:
        raise InputError("a termSec has no term", path, term_sec.sourceline)
    status = STATUS_OF.get(_first(term_sec, "administrativeStatus"))
    return _Term(text, status, _first(term_sec, "termType") == "variant")


def _canonical(terms: list[_Term]) -> _Term | None:
    """Best status, then not a variant, then first; no canonical form when all terms are variants."""
    if all(term.variant for term in terms):
        return None
    return min(terms, key=lambda term: (_CANONICAL_RANK[term.status], term.variant))


def _first(element: etree._Element, category: str) -> str:
    """The text of the element's first data category of that name, or ""."""
    return next((text for name, text in _categories(element) if name == category), "")


def _notes(element: etree._Element, prefix: str) -> list[str]:
    return [prefix + text for name, text in _categories(element) if name == "note" and text]


def _categories(element: etree._Element) -> list[tuple[str, str]]:
    """(data category, text) of the element's own data categories, in DCA or DCT style, groups opened."""
    found: list[tuple[str, str]] = []
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if child.tag in _GROUPS:
            found += _categories(child)
        elif name := _category(child):
            found.append((name, clean_text("".join(child.itertext()))))
    return found


def _category(element: etree._Element) -> str | None:
    """`note`, a DCA element's `type` (termNote, descrip, admin) or a DCT element's local name."""
    qname = etree.QName(element)
    if qname.namespace != TBX_NS:
        return qname.localname
    if qname.localname == "note":
        return "note"
    return element.get("type") if element.tag in _TYPED else None
