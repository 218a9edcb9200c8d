"""`mtpipe glossary validate`: every problem in a glossary file, each with its line."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..languages import CODES as LANGUAGES
from ..textio import read_lines
from .glossary import COLUMNS, STATUSES, TYPES, VARIANT_SEPARATOR, duplicate_ids

REQUIRED_LANGUAGES = LANGUAGES
SCRIPT_LETTERS = {
    "latin": re.compile(r"[A-Za-zÀ-ɏḀ-ỿ]"),
    "arabic": re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]"),
    "lao": re.compile(r"[\u0e80-\u0eff]"),
}
EXPECTED_SCRIPT = {"vi": "latin", "en": "latin", "ar": "arabic", "lo": "lao"}


@dataclass(frozen=True)
class Problem:
    line: int
    severity: Literal["error", "warning"]
    message: str

    def render(self, path: Path) -> str:
        return f"{path}:{self.line}: {self.severity}: {self.message}"


def validate_glossary(path: Path) -> list[Problem]:
    """All problems found, in line order; a file whose header is wrong yields that one problem."""
    lines = read_lines(path)
    header = lines[0].split("\t") if lines else []
    if header[: len(COLUMNS)] != list(COLUMNS):
        return [Problem(1, "error", f"header must start with the columns: {' '.join(COLUMNS)}")]
    rows = []
    problems: list[Problem] = []
    for number, text in enumerate(lines[1:], start=2):
        cells = text.split("\t")
        if len(cells) != len(header):
            problems.append(Problem(number, "error", f"expected {len(header)} fields, found {len(cells)}"))
            continue
        rows.append((number, dict(zip(header, cells, strict=True))))
    for check in (
        _check_fields,
        _check_duplicates,
        _check_conflicts,
        _check_own_variants,
        _check_variants,
        _check_order,
    ):
        problems += check(rows)
    return sorted(problems, key=lambda p: (p.line, p.severity, p.message))


def _variants(row: dict[str, str], lang: str) -> list[str]:
    return [v for v in row.get(f"{lang}_variants", "").split(VARIANT_SEPARATOR) if v]


def _check_fields(rows) -> list[Problem]:
    problems = []
    for number, row in rows:
        if row["status"] not in STATUSES:
            problems.append(
                Problem(number, "error", f"unknown status {row['status']!r} (known: {', '.join(STATUSES)})")
            )
        if row["type"] not in TYPES:
            problems.append(Problem(number, "error", f"unknown type {row['type']!r}"))
        if not row["id"]:
            problems.append(Problem(number, "error", "concept without an id"))
        missing = [lang for lang in REQUIRED_LANGUAGES if not row[lang]]
        if missing:
            severity = "error" if row["status"] == "approved" else "warning"
            problems.append(Problem(number, severity, f"missing required language(s): {', '.join(missing)}"))
        for lang, script in EXPECTED_SCRIPT.items():
            for value in [row[lang], *_variants(row, lang)]:
                for other, letters in SCRIPT_LETTERS.items():
                    if other != script and letters.search(value):
                        problems.append(
                            Problem(number, "error", f"{lang} field {value!r} contains {other} script")
                        )
    return problems


def _check_duplicates(rows) -> list[Problem]:
    return [
        Problem(number, "error", message)
        for number, message in duplicate_ids((number, row["id"]) for number, row in rows)
    ]


def _check_conflicts(rows) -> list[Problem]:
    """One Vietnamese term with different approved targets in two concepts."""
    by_term: dict[str, list[tuple[int, dict[str, str]]]] = defaultdict(list)
    for number, row in rows:
        if row["vi"] and row["status"] == "approved":
            by_term[row["vi"].lower()].append((number, row))
    problems = []
    for entries in by_term.values():
        (first_line, first), *others = entries
        for number, row in others:
            differing = [lang for lang in LANGUAGES[1:] if row[lang] != first[lang]]
            if differing:
                problems.append(
                    Problem(
                        number,
                        "error",
                        f"Vietnamese term {row['vi']!r} has conflicting approved "
                        f"{', '.join(differing)} targets (also line {first_line})",
                    )
                )
    return problems


def _check_own_variants(rows) -> list[Problem]:
    """A canonical form listed again among its own variants (after NFC): a leftover of an edit."""
    problems = []
    for number, row in rows:
        for lang in LANGUAGES:
            form = unicodedata.normalize("NFC", row[lang])
            if form and form in (unicodedata.normalize("NFC", v) for v in _variants(row, lang)):
                problems.append(
                    Problem(
                        number,
                        "error",
                        f"concept {row['id']!r}: the {lang} form {row[lang]!r} is also listed "
                        f"among its own {lang} variants (remove it from {lang}_variants)",
                    )
                )
    return problems


def _check_variants(rows) -> list[Problem]:
    """A variant that is another concept's canonical form would rewrite that concept away."""
    canonical: dict[tuple[str, str], tuple[int, str]] = {}
    for number, row in rows:
        for lang in LANGUAGES:
            if row[lang]:
                canonical.setdefault((lang, row[lang]), (number, row["id"]))
    problems = []
    for number, row in rows:
        for lang in LANGUAGES:
            for variant in _variants(row, lang):
                owner = canonical.get((lang, variant))
                if owner and owner[1] != row["id"]:
                    problems.append(
                        Problem(
                            number,
                            "error",
                            f"{lang} variant {variant!r} is the canonical form of {owner[1]!r} "
                            f"(line {owner[0]})",
                        )
                    )
    return problems


def _check_order(rows) -> list[Problem]:
    problems = []
    for (_, previous), (number, row) in zip(rows, rows[1:], strict=False):
        if row["id"] < previous["id"]:
            problems.append(Problem(number, "warning", f"id {row['id']!r} is out of order (keep ids sorted)"))
    return problems
