"""Glossary files for MT services: DeepL, Google Cloud Translation and Amazon Translate.

Only approved concepts are exported: forbidden ones never, proposed ones not until a reviewer
approves them (a service applies its glossary without asking). A concept goes out only when it
has a form in every language of the file, so no service is told to translate a term as nothing.
Target-language variants never go out (they are the spellings to avoid).

- DeepL (https://developers.deepl.com/docs/customize/managing-glossaries, "Entry formats": TSV,
  one `source<TAB>target` entry per line, no header; one language pair per glossary): each
  concept's source form, and each of its source-language variants as a further entry with the
  same target, since DeepL matches the source literally and the variants are spellings seen in
  real input.
- Amazon Translate custom terminology CSV
  (https://docs.aws.amazon.com/translate/latest/dg/creating-custom-terminology.html: a header of
  language codes, the source language first, then one term per row): rows as for DeepL, source
  variants included, so upload it with the default directionality UNI (first column is source).
- Google Cloud Translation equivalent term sets glossary
  (https://cloud.google.com/translate/docs/advanced/glossary, "Equivalent term sets glossary": a
  header of language codes, then one row per set of equivalent terms): one row per concept,
  canonical forms only, since every cell of a set is also a translation of the others.

A source spelling shared by concepts with different targets is an InputError: the service would
reject the duplicate (DeepL) or apply one of them at random.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Literal

from ..errors import InputError, MtpipeError
from ..textio import write_atomic, write_lines
from .glossary import Concept, Glossary, languages_of

Service = Literal["deepl", "google", "amazon"]
SERVICES: tuple[Service, ...] = ("deepl", "google", "amazon")


def export_service(
    glossary: Glossary, service: Service, out: Path, src: str = "vi", tgt: str | None = None
) -> None:
    """Write the glossary file `service` imports, from `src` to `tgt` (all other languages if None)."""
    if service not in SERVICES:
        raise MtpipeError(f"unknown service {service!r} (known: {', '.join(SERVICES)})")
    approved = [c for c in sorted(glossary.concepts, key=lambda c: c.id) if c.status == "approved"]
    langs = [src, *_targets(approved, service, src, tgt)]
    rows = _rows(approved, langs, with_variants=service != "google", path=glossary.path)
    if not rows:
        raise InputError(f"no approved concept has a form in each of {', '.join(langs)}", glossary.path)
    if service == "deepl":
        write_lines(out, ["\t".join(row) for row in rows])
    else:
        _write_csv(out, [langs, *rows])


def _targets(concepts: list[Concept], service: Service, src: str, tgt: str | None) -> list[str]:
    if tgt == src:
        raise MtpipeError(f"the source and target language are both {src}")
    if tgt is not None:
        return [tgt]
    if service == "deepl":
        raise MtpipeError("a DeepL glossary is for one language pair: name the target language")
    return [lang for lang in languages_of(concepts) if lang != src]


def _rows(concepts: list[Concept], langs: list[str], with_variants: bool, path: Path) -> list[list[str]]:
    """`[source, *targets]` per concept that has every language, then per source variant if asked."""
    src, targets = langs[0], langs[1:]
    seen: dict[str, tuple[str, list[str]]] = {}
    rows: list[list[str]] = []
    for concept in concepts:
        if not all(lang in concept.forms for lang in langs):
            continue
        forms = [concept.forms[lang] for lang in targets]
        variants = concept.variants.get(src, ()) if with_variants else ()
        for source in (concept.forms[src], *variants):
            if source in seen and seen[source][1] != forms:
                first = seen[source][0]
                problem = f"{source!r} is a source spelling of {first} and {concept.id}, with other targets"
                raise InputError(problem, path, concept.line or None)
            if source not in seen:
                seen[source] = (concept.id, forms)
                rows.append([source, *forms])
    return rows


def _write_csv(out: Path, rows: list[list[str]]) -> None:
    """UTF-8 CSV with LF line ends, fields quoted only where needed."""
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    write_atomic(out, text.getvalue().encode("utf-8"))
