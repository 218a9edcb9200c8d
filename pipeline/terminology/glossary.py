"""The project's term base: one concept per TSV line, with canonical forms and variants per language."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..languages import CODES as LANGUAGES
from ..textio import read_lines, write_lines

COLUMNS = (
    "id",
    "type",
    "status",
    *LANGUAGES,
    *(f"{lang}_variants" for lang in LANGUAGES),
    "note",
)
STATUSES = ("approved", "proposed", "forbidden")
NAME_TYPES = (
    "province",
    "city",
    "district",
    "commune",
    "border-gate",
    "river",
    "sea",
    "island",
    "site",
    "person",
    "country",
)
"""Concept types that are names: restored, unified and matched only where capitalized like a name."""
TYPES = (*NAME_TYPES, "title", "organization", "event", "term")
VARIANT_SEPARATOR = "|"
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
"""What an extra language column may be called: a BCP 47 tag such as `es` or `pt-BR`."""


@dataclass(frozen=True)
class Concept:
    """A named entity or term with its form in each language.

    `forms` holds only non-empty forms; `variants` has an entry (maybe empty) for every project
    language and, for other languages, only non-empty ones, so that equal content compares equal.
    `line` says where the concept was read and takes no part in comparisons.
    """

    id: str
    type: str
    status: str
    forms: dict[str, str]
    variants: dict[str, tuple[str, ...]] = field(default_factory=dict)
    note: str = ""
    line: int = field(default=0, compare=False)

    def __post_init__(self) -> None:
        variants = {lang: tuple(self.variants.get(lang, ())) for lang in LANGUAGES}
        variants |= {lang: tuple(v) for lang, v in self.variants.items() if v and lang not in LANGUAGES}
        object.__setattr__(self, "forms", {lang: form for lang, form in self.forms.items() if form})
        object.__setattr__(self, "variants", variants)

    def languages(self) -> set[str]:
        """Every language with a form or a variant."""
        return set(self.forms) | {lang for lang, spellings in self.variants.items() if spellings}


@dataclass
class Glossary:
    path: Path
    concepts: list[Concept]
    digest: str
    not_names: dict[str, frozenset[str]] = field(default_factory=dict)
    """Per language, common words that fold like a name but are not one (Arabic هوى is not Huế)."""

    def by_id(self) -> dict[str, Concept]:
        return {concept.id: concept for concept in self.concepts}

    def forbidden_forms(self, lang: str) -> list[str]:
        """Every spelling in `lang` of the concepts the glossary forbids."""
        return [
            spelling
            for concept in self.concepts
            if concept.status == "forbidden"
            for spelling in (concept.forms.get(lang, ""), *concept.variants.get(lang, ()))
            if spelling
        ]


def duplicate_ids(ids: Iterable[tuple[int, str]]) -> list[tuple[int, str]]:
    """(line, message) for each (line, concept id) whose id an earlier line has already."""
    first_line: dict[str, int] = {}
    found = []
    for number, concept_id in ids:
        if concept_id in first_line:
            first = first_line[concept_id]
            found.append((number, f"duplicate concept id {concept_id!r} (first on line {first})"))
        first_line.setdefault(concept_id, number)
    return found


def load_glossary(path: Path) -> Glossary:
    """Parse a glossary TSV; a malformed line or a duplicate concept id (an error of `mtpipe
    glossary validate` too) is an InputError naming its line number."""
    lines = read_lines(path)
    columns = _header(lines[0] if lines else "", path)
    concepts = [_parse_line(text, columns, path, number) for number, text in enumerate(lines[1:], start=2)]
    for number, problem in duplicate_ids((concept.line, concept.id) for concept in concepts)[:1]:
        raise InputError(problem, path, number)
    digest = hashlib.sha256(path.read_bytes())
    not_names_path = path.with_name(f"{path.stem}.not-names.tsv")
    not_names: dict[str, set[str]] = {}
    if not_names_path.is_file():
        digest.update(not_names_path.read_bytes())
        not_names = _parse_not_names(not_names_path)
    return Glossary(
        path, concepts, digest.hexdigest()[:16], {lang: frozenset(w) for lang, w in not_names.items()}
    )


def write_glossary(glossary: Glossary, path: Path) -> None:
    """Write the TSV format: header, one concept per line sorted by id, LF line ends.

    Languages beyond the project's four get a `<lang>`, `<lang>_variants` column pair after `note`,
    in alphabetical order, only when some concept has a form or variant in them.
    """
    extra = [lang for lang in languages_of(glossary.concepts) if lang not in LANGUAGES]
    unusable = [lang for lang in extra if lang in COLUMNS or not LANGUAGE_TAG.fullmatch(lang)]
    if unusable:
        raise InputError(f"language(s) {', '.join(unusable)} cannot be glossary columns", glossary.path)
    columns = (*COLUMNS, *(name for lang in extra for name in (lang, f"{lang}_variants")))
    rows = (_row(concept, glossary.path) for concept in sorted(glossary.concepts, key=lambda c: c.id))
    write_lines(
        path, ["\t".join(columns), *("\t".join(row.get(name, "") for name in columns) for row in rows)]
    )


def languages_of(concepts: Iterable[Concept]) -> list[str]:
    """The languages that `concepts` use: the project's four first, then the others alphabetically."""
    used = {lang for concept in concepts for lang in concept.languages()}
    return [lang for lang in LANGUAGES if lang in used] + sorted(used - set(LANGUAGES))


def _header(text: str, path: Path) -> tuple[str, ...]:
    """The file's columns: the project's, then optional `<lang>`, `<lang>_variants` pairs."""
    cells = tuple(text.split("\t"))
    extra = cells[len(COLUMNS) :]
    valid_pairs = len(extra) % 2 == 0 and all(
        LANGUAGE_TAG.fullmatch(lang) and name == f"{lang}_variants"
        for lang, name in zip(extra[::2], extra[1::2], strict=True)
    )
    if cells[: len(COLUMNS)] != COLUMNS or not valid_pairs:
        raise InputError(
            f"header must be the columns: {' '.join(COLUMNS)}, then optional pairs <lang> <lang>_variants",
            path,
            1,
        )
    if len(set(cells)) != len(cells):
        raise InputError("a column appears twice in the header", path, 1)
    return cells


def _parse_not_names(path: Path) -> dict[str, set[str]]:
    """`lang<TAB>word<TAB>note` lines after a header; the word is matched exactly as written."""
    words: dict[str, set[str]] = {}
    for number, text in enumerate(read_lines(path)[1:], start=2):
        cells = text.split("\t")
        if len(cells) != 3 or cells[0] not in LANGUAGES or not cells[1]:
            raise InputError("expected: language, word, note (tab-separated)", path, number)
        words.setdefault(cells[0], set()).add(cells[1])
    return words


def _parse_line(text: str, columns: tuple[str, ...], path: Path, number: int) -> Concept:
    """One concept; a concept without a Vietnamese form loads (validation reports it)."""
    cells = text.split("\t")
    if len(cells) != len(columns):
        raise InputError(f"expected {len(columns)} tab-separated fields, found {len(cells)}", path, number)
    row = dict(zip(columns, cells, strict=True))
    if row["status"] not in STATUSES:
        raise InputError(f"unknown status {row['status']!r} (known: {', '.join(STATUSES)})", path, number)
    if not row["id"]:
        raise InputError("a concept needs an id", path, number)
    langs = [*LANGUAGES, *columns[len(COLUMNS) :: 2]]
    return Concept(
        id=row["id"],
        type=row["type"],
        status=row["status"],
        forms={lang: row[lang] for lang in langs},
        variants={lang: split_variants(row[f"{lang}_variants"]) for lang in langs},
        note=row["note"],
        line=number,
    )


def split_variants(cell: str) -> tuple[str, ...]:
    """The `|`-separated spellings of a variants cell, empty ones dropped."""
    return tuple(v for v in cell.split(VARIANT_SEPARATOR) if v)


def _row(concept: Concept, source: Path) -> dict[str, str]:
    """A concept's cells by column name; a value that would break the format is an InputError."""
    where = (source, concept.line or None)
    row = {"id": concept.id, "type": concept.type, "status": concept.status, "note": concept.note}
    row |= concept.forms
    for lang, spellings in concept.variants.items():
        if any(VARIANT_SEPARATOR in v or not v for v in spellings):
            raise InputError(f"concept {concept.id}: a {lang} variant is empty or contains '|'", *where)
        row[f"{lang}_variants"] = VARIANT_SEPARATOR.join(spellings)
    if any("\t" in cell or "\n" in cell or "\r" in cell for cell in row.values()):
        raise InputError(f"concept {concept.id}: a field contains a tab or a line break", *where)
    return row
