"""`mtpipe glossary diff`: what changed per concept and field, and which corpus segments it touches."""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..languages import CODES
from .finder import TermFinder
from .glossary import Concept, Glossary, load_glossary


@dataclass
class GlossaryDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[dict[str, Any]] = field(default_factory=list)
    impact: dict[str, list[int]] | None = None
    forms: dict[str, str] = field(default_factory=dict)
    """For added and removed concepts, their forms as one line for people (not in the JSON)."""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"added": self.added, "removed": self.removed, "changed": self.changed}
        if self.impact is not None:
            data["impact"] = self.impact
        return data

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
    old_by_id, new_by_id = old.by_id(), new.by_id()
    result = GlossaryDiff(
        added=sorted(new_by_id.keys() - old_by_id.keys()),
        removed=sorted(old_by_id.keys() - new_by_id.keys()),
    )
    for concept_id in result.added:
        result.forms[concept_id] = forms_line(new_by_id[concept_id])
    for concept_id in result.removed:
        result.forms[concept_id] = forms_line(old_by_id[concept_id])
    for concept_id in sorted(old_by_id.keys() & new_by_id.keys()):
        before, after = concept_fields(old_by_id[concept_id]), concept_fields(new_by_id[concept_id])
        changes = [
            {"field": name, "old": before.get(name), "new": after.get(name)}
            for name in sorted(before.keys() | after.keys(), key=_field_order)
            if before.get(name) != after.get(name)
        ]
        if changes:
            result.changed.append({"id": concept_id, "changes": changes})
    return result


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
