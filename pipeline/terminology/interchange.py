"""Glossaries from CSV files, and what every glossary importer shares.

Two CSV layouts are read, each with a header row (UTF-8, or UTF-16 or UTF-32; a BOM is allowed):

- the TSV's own columns, comma-separated: `id` is required, the others optional (`type`,
  `status`, `note`, `<lang>`, `<lang>_variants` for any language); an empty or missing status is
  `proposed`, as nobody has reviewed an import yet, and an empty or missing type is `term`, so
  that every import passes `mtpipe glossary validate`'s type check;
- a header of language codes only (`vi,ar`): one concept per row, status `proposed`, type `term`,
  the id a slug of the first form that gives one (Vietnamese first), made unique with `-2`, `-3`.

Line breaks (of any kind) and tabs inside a cell become one space; blank rows are skipped.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from collections.abc import Iterator
from itertools import chain, count
from pathlib import Path

from ..errors import InputError
from ..languages import SOURCE
from ..textio import LINE_BREAKS, read_lines
from .glossary import COLUMNS, LANGUAGE_TAG, STATUSES, TYPES, Concept, Glossary, split_variants

_CONCEPT_FIELDS = ("id", "type", "status", "note")
DEFAULT_TYPE = "term"
"""The type of an imported concept that names none."""
_BREAKS = re.compile(f"[ \t{LINE_BREAKS}]*[\t{LINE_BREAKS}][ \t{LINE_BREAKS}]*")


def import_csv(path: Path) -> Glossary:
    """Read a CSV glossary in either layout; a malformed line is an InputError naming it."""
    rows = _read_csv(path)
    header_line, columns = next(rows, (1, []))
    if "id" in columns:
        langs = _full_header(columns, path, header_line)
        concepts = [
            _full_concept(dict(zip(columns, cells, strict=True)), langs, path, n) for n, cells in rows
        ]
    else:
        langs = _simple_header(columns, path, header_line)
        concepts = _simple_concepts(langs, rows)
    return imported_glossary(path, concepts)


def imported_glossary(path: Path, concepts: list[Concept]) -> Glossary:
    """A glossary read by an importer: its digest is the imported file's, it has no not-names."""
    return Glossary(path, concepts, hashlib.sha256(path.read_bytes()).hexdigest()[:16])


def clean_text(text: str) -> str:
    """`text` trimmed, each line break or tab (with the spaces around it) made one space."""
    return _BREAKS.sub(" ", text).strip()


def language_tag(tag: str) -> str:
    """A language tag with its primary subtag in lowercase (`EN` and `en` are one language)."""
    primary, _, rest = tag.strip().partition("-")
    return f"{primary.lower()}-{rest}" if rest else primary.lower()


def slug(text: str) -> str:
    """Lowercase ASCII slug (`Sông Bến Hải` → `song-ben-hai`); empty for text without Latin letters."""
    latin = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return re.sub(r"[^a-z0-9]+", "-", latin.encode("ascii", "ignore").decode().lower()).strip("-")


def _read_csv(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of each non-blank row, the row's width checked against the header's."""
    reader = csv.reader(io.StringIO("\n".join(read_lines(path)), newline=""), strict=True)
    width = None
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            width = width or len(cells)
            if len(cells) != width:
                raise InputError(
                    f"expected {width} comma-separated fields, found {len(cells)}", path, reader.line_num
                )
            yield reader.line_num, [clean_text(cell) for cell in cells]
    except csv.Error as err:
        raise InputError(f"malformed CSV: {err}", path, reader.line_num) from None


def _full_header(columns: list[str], path: Path, line: int) -> list[str]:
    """The languages of a header made of the TSV's column names."""
    for column in columns:
        lang = column.removesuffix("_variants")
        if column not in _CONCEPT_FIELDS and not LANGUAGE_TAG.fullmatch(lang):
            known = ", ".join(COLUMNS)
            raise InputError(f"unknown column {column!r} (known: {known}, or a language code)", path, line)
    if len(set(columns)) != len(columns):
        raise InputError("a column appears twice in the header", path, line)
    return list(dict.fromkeys(c.removesuffix("_variants") for c in columns if c not in _CONCEPT_FIELDS))


def _full_concept(row: dict[str, str], langs: list[str], path: Path, line: int) -> Concept:
    status = row.get("status") or "proposed"
    if status not in STATUSES:
        raise InputError(f"unknown status {status!r} (known: {', '.join(STATUSES)})", path, line)
    if not row["id"]:
        raise InputError("a concept needs an id", path, line)
    concept_type = row.get("type") or DEFAULT_TYPE
    if concept_type not in TYPES:
        raise InputError(f"unknown type {concept_type!r} (known: {', '.join(TYPES)})", path, line)
    return Concept(
        id=row["id"],
        type=concept_type,
        status=status,
        forms={lang: row.get(lang, "") for lang in langs},
        variants={lang: split_variants(row.get(f"{lang}_variants", "")) for lang in langs},
        note=row.get("note", ""),
        line=line,
    )


def _simple_header(columns: list[str], path: Path, line: int) -> list[str]:
    """The language of each column of a header made of language codes only."""
    langs = [language_tag(column) for column in columns]
    if len(langs) < 2 or not all(LANGUAGE_TAG.fullmatch(lang) for lang in langs):
        raise InputError(
            f"the header must name the TSV columns ({', '.join(COLUMNS)}) with `id` among them, "
            "or be two or more language codes such as vi,ar",
            path,
            line,
        )
    if len(set(langs)) != len(langs):
        raise InputError("a language appears twice in the header", path, line)
    return langs


def _simple_concepts(langs: list[str], rows: Iterator[tuple[int, list[str]]]) -> list[Concept]:
    """One proposed concept per row, its id a unique slug of its forms."""
    slug_order = sorted(langs, key=lambda lang: lang != SOURCE)
    concepts: list[Concept] = []
    taken: set[str] = set()
    for line, cells in rows:
        forms = dict(zip(langs, cells, strict=True))
        base = next((s for s in (slug(forms[lang]) for lang in slug_order) if s), f"concept-{line}")
        concept_id = next(c for c in chain([base], (f"{base}-{n}" for n in count(2))) if c not in taken)
        taken.add(concept_id)
        concepts.append(Concept(concept_id, DEFAULT_TYPE, "proposed", forms, line=line))
    return concepts
