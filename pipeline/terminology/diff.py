"""`mtpipe glossary diff`: what changed per concept and field, and which corpus segments it touches."""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..languages import CODES, SOURCE
from .finder import TermFinder
from .glossary import Concept, Glossary, load_glossary
from .validate import Problem

WHOLE_CONCEPT_FIELDS = {"status", "type", SOURCE}
"""Fields (and `vi.variants`) whose change alters the concept's output in every language."""


@dataclass(frozen=True)
class AffectedLine:
    """A corpus line a change touches: its source text and, given a run, its current translations."""

    line: int
    source: str
    translations: dict[str, str]

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "source": self.source, "translations": self.translations}


@dataclass
class GlossaryDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[dict[str, Any]] = field(default_factory=list)
    concepts: dict[str, Concept] = field(default_factory=dict)
    """Added concepts as they are now, removed ones as they were."""
    languages: dict[str, list[str]] = field(default_factory=dict)
    """Per affected concept, the target languages whose output its change can alter."""
    impact: dict[str, list[int]] | None = None
    lines: dict[str, list[AffectedLine]] | None = None
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "added": self.added,
            "removed": self.removed,
            "changed": self.changed,
            "concepts": {cid: concept_fields(concept) for cid, concept in self.concepts.items()},
            "warnings": self.warnings,
        }
        if self.impact is not None:
            data["impact"] = self.impact
        if self.lines is not None:
            data["lines"] = {cid: [line.to_json() for line in lines] for cid, lines in self.lines.items()}
        return data

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    @property
    def affected(self) -> list[str]:
        return sorted({*self.added, *self.removed, *(c["id"] for c in self.changed)})


def load_revision(spec: str) -> Glossary:
    """A glossary from a file path, or from a git revision such as `HEAD~1:glossary/quangtri.tsv`."""
    path = Path(spec)
    if path.is_file():
        return load_glossary(path)
    revision, sep, _ = spec.partition(":")
    if not sep or not revision:
        raise InputError("no such file, and not a git revision of the form REV:PATH", spec)
    shown = subprocess.run(["git", "show", spec], capture_output=True)
    if shown.returncode != 0:
        raise InputError(f"git cannot show it: {shown.stderr.decode(errors='replace').strip()}", spec)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / Path(spec.split(":", 1)[1]).name
        copy.write_bytes(shown.stdout)
        glossary = load_glossary(copy)
    glossary.path = Path(spec)
    return glossary


def concept_fields(concept: Concept) -> dict[str, Any]:
    """A concept as flat reviewable fields: status, type, note, each language and its variants."""
    fields: dict[str, Any] = {"status": concept.status, "type": concept.type, "note": concept.note}
    for lang in sorted({*concept.forms, *concept.variants}):
        fields[lang] = concept.forms.get(lang, "")
        fields[f"{lang}.variants"] = list(concept.variants.get(lang, ()))
    return fields


def diff_glossaries(old: Glossary, new: Glossary) -> GlossaryDiff:
    """Concepts added, removed and changed field by field, and the forms `new` no longer knows."""
    old_by_id, new_by_id = old.by_id(), new.by_id()
    result = GlossaryDiff(
        added=sorted(new_by_id.keys() - old_by_id.keys()),
        removed=sorted(old_by_id.keys() - new_by_id.keys()),
    )
    result.concepts = {cid: new_by_id[cid] for cid in result.added} | {
        cid: old_by_id[cid] for cid in result.removed
    }
    result.languages = {cid: _targets(concept) for cid, concept in result.concepts.items()}
    for concept_id in sorted(old_by_id.keys() & new_by_id.keys()):
        before, after = concept_fields(old_by_id[concept_id]), concept_fields(new_by_id[concept_id])
        changes = [
            {"field": name, "old": before.get(name), "new": after.get(name)}
            for name in sorted(before.keys() | after.keys(), key=_field_order)
            if before.get(name) != after.get(name)
        ]
        if changes:
            result.changed.append({"id": concept_id, "changes": changes})
            fields = {change["field"].split(".")[0] for change in changes}
            whole = {*_targets(old_by_id[concept_id]), *_targets(new_by_id[concept_id])}
            result.languages[concept_id] = [
                lang for lang in CODES if lang in whole and (fields & WHOLE_CONCEPT_FIELDS or lang in fields)
            ]
    result.warnings = [problem.render(new.path) for problem in dropped_forms(old, new)]
    return result


def _targets(concept: Concept) -> list[str]:
    return [lang for lang in CODES if lang != SOURCE and lang in concept.languages()]


def dropped_forms(old: Glossary, new: Glossary) -> list[Problem]:
    """A warning for each old canonical form that the concept's new version neither has nor lists as a
    variant: text written with it would no longer be recognised as the concept."""
    new_by_id = new.by_id()
    problems = []
    for before in old.concepts:
        after = new_by_id.get(before.id)
        if after is None:
            continue
        for lang, form in before.forms.items():
            if form != after.forms.get(lang) and form not in after.variants.get(lang, ()):
                problems.append(
                    Problem(
                        after.line,
                        "warning",
                        f"concept {after.id!r}: the old {lang} form {form!r} is neither its {lang} form "
                        f"nor one of its {lang} variants any more, so text written with it is no longer "
                        f"recognised (keep it in {lang}_variants)",
                    )
                )
    return problems


def forms_line(concept: Concept) -> str:
    """`vi: … | en: … | ar: … | lo: …` for a concept, in the glossary's language order."""
    return " | ".join(f"{lang}: {form}" for lang, form in concept.forms.items())


def _field_order(name: str) -> tuple[int, str]:
    order = ["status", "type", *CODES]
    base = name.split(".")[0]
    return (order.index(base) if base in order else len(order), name)


def corpus_impact(
    diff: GlossaryDiff, old: Glossary, new: Glossary, source_lines: list[str]
) -> dict[str, list[int]]:
    """For each affected concept, the 1-based source lines where its old or new Vietnamese forms occur."""
    affected = set(diff.affected)
    concepts = [c for c in (*old.concepts, *new.concepts) if c.id in affected]
    finder = TermFinder(Glossary(new.path, concepts, ""), include_forbidden=True)
    impact: dict[str, set[int]] = {concept_id: set() for concept_id in diff.affected}
    for number, line in enumerate(source_lines, start=1):
        for _, _, concept in finder.find(line):
            impact[concept.id].add(number)
    return {concept_id: sorted(lines) for concept_id, lines in impact.items()}


def affected_lines(
    diff: GlossaryDiff, source_lines: list[str], translations: dict[str, dict[int, str]]
) -> dict[str, list[AffectedLine]]:
    """For each concept in `diff.impact`, its lines' source text and the current translation
    (`translations`: per language, by 1-based line) in each language its change can alter."""
    return {
        concept_id: [
            AffectedLine(
                number,
                source_lines[number - 1],
                {
                    lang: translations[lang][number]
                    for lang in diff.languages[concept_id]
                    if number in translations.get(lang, {})
                },
            )
            for number in numbers
        ]
        for concept_id, numbers in (diff.impact or {}).items()
    }
