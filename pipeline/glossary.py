"""The project's term base: one concept per TSV line, with canonical forms and variants per language."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .textio import read_lines

LANGUAGES = ("vi", "en", "ar", "lo")
COLUMNS = (
    "id",
    "type",
    "status",
    *LANGUAGES,
    *(f"{lang}_variants" for lang in LANGUAGES),
    "note",
)
STATUSES = ("approved", "proposed", "forbidden")
VARIANT_SEPARATOR = "|"


@dataclass(frozen=True)
class Concept:
    """A named entity or term with its form in each language."""

    id: str
    type: str
    status: str
    forms: dict[str, str]
    variants: dict[str, tuple[str, ...]] = field(default_factory=dict)
    note: str = ""
    line: int = 0


@dataclass
class Glossary:
    path: Path
    concepts: list[Concept]
    digest: str
    not_names: dict[str, frozenset[str]] = field(default_factory=dict)
    """Per language, common words that fold like a name but are not one (Arabic هوى is not Huế)."""

    def by_id(self) -> dict[str, Concept]:
        return {concept.id: concept for concept in self.concepts}


def load_glossary(path: Path) -> Glossary:
    """Parse a glossary TSV; a malformed line is an InputError naming its line number."""
    lines = read_lines(path)
    if not lines or tuple(lines[0].split("\t")) != COLUMNS:
        raise InputError(f"header must be the columns: {' '.join(COLUMNS)}", path, 1)
    concepts = [_parse_line(text, path, number) for number, text in enumerate(lines[1:], start=2)]
    digest = hashlib.sha256(path.read_bytes())
    not_names_path = path.with_name(f"{path.stem}.not-names.tsv")
    not_names: dict[str, set[str]] = {}
    if not_names_path.is_file():
        digest.update(not_names_path.read_bytes())
        not_names = _parse_not_names(not_names_path)
    return Glossary(
        path, concepts, digest.hexdigest()[:16], {lang: frozenset(w) for lang, w in not_names.items()}
    )


def _parse_not_names(path: Path) -> dict[str, set[str]]:
    """`lang<TAB>word<TAB>note` lines after a header; the word is matched exactly as written."""
    words: dict[str, set[str]] = {}
    for number, text in enumerate(read_lines(path)[1:], start=2):
        cells = text.split("\t")
        if len(cells) != 3 or cells[0] not in LANGUAGES or not cells[1]:
            raise InputError("expected: language, word, note (tab-separated)", path, number)
        words.setdefault(cells[0], set()).add(cells[1])
    return words


def _parse_line(text: str, path: Path, number: int) -> Concept:
    cells = text.split("\t")
    if len(cells) != len(COLUMNS):
        raise InputError(f"expected {len(COLUMNS)} tab-separated fields, found {len(cells)}", path, number)
    row = dict(zip(COLUMNS, cells, strict=True))
    if row["status"] not in STATUSES:
        raise InputError(f"unknown status {row['status']!r} (known: {', '.join(STATUSES)})", path, number)
    if not row["id"] or not row["vi"]:
        raise InputError("a concept needs an id and a Vietnamese form", path, number)
    return Concept(
        id=row["id"],
        type=row["type"],
        status=row["status"],
        forms={lang: row[lang] for lang in LANGUAGES if row[lang]},
        variants={
            lang: tuple(v for v in row[f"{lang}_variants"].split(VARIANT_SEPARATOR) if v)
            for lang in LANGUAGES
        },
        note=row["note"],
        line=number,
    )
