"""`mtpipe glossary`: validate, compare, suggest and exchange glossaries."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import InputError, MtpipeError
from ..languages import TARGETS
from ..paths import DEFAULT_GLOSSARY

app = typer.Typer(help="Validate, compare and exchange glossaries.", no_args_is_help=True)


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"


@app.command("validate")
def glossary_validate(path: Annotated[Path, typer.Argument(help="Glossary TSV.")]) -> None:
    """Report duplicates, conflicts, variants that shadow other concepts, wrong scripts, missing
    languages and unknown values, each with its line. Exit 1 when any error is found."""
    from ..terminology.validate import validate_glossary

    if not path.is_file():
        raise InputError("file not found", path)
    problems = validate_glossary(path)
    for problem in problems:
        typer.echo(problem.render(path))
    errors = sum(problem.severity == "error" for problem in problems)
    typer.echo(f"{errors} error(s), {len(problems) - errors} warning(s)", err=True)
    raise typer.Exit(1 if errors else 0)


@app.command("proposed")
def glossary_proposed(
    path: Annotated[Path, typer.Argument(help="Glossary TSV.")] = DEFAULT_GLOSSARY,
) -> None:
    """List the concepts still `proposed`, for a reviewer: id, type, the forms in each language and
    the note that says what is unconfirmed. The count goes to standard error."""
    from ..terminology.glossary import load_glossary

    if not path.is_file():
        raise InputError("file not found", path)
    proposed = [concept for concept in load_glossary(path).concepts if concept.status == "proposed"]
    for concept in proposed:
        forms = " | ".join(f"{lang}: {concept.forms.get(lang, '-')}" for lang in ("vi", *TARGETS))
        typer.echo(f"{concept.id} ({concept.type})\n  {forms}\n  {concept.note}")
    typer.echo(f"{len(proposed)} proposed concept(s)", err=True)


@app.command("diff")
def glossary_diff(
    old: Annotated[
        str, typer.Argument(help="Old glossary: a file or REV:PATH (HEAD~1:glossary/quangtri.tsv).")
    ],
    new: Annotated[str, typer.Argument(help="New glossary: a file or REV:PATH.")],
    corpus: Annotated[
        Path | None, typer.Option(help="Corpus directory: list the affected lines with their source text.")
    ] = None,
    run: Annotated[
        Path | None,
        typer.Option(help="Output directory of `mtpipe run` on --corpus: show the current translations."),
    ] = None,
    format: Annotated[DiffFormat, typer.Option("--format", help="text, json or html.")] = DiffFormat.text,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when the glossaries differ, 0 when they do not.")
    ] = False,
) -> None:
    """What changed per concept and field, which corpus lines the change affects, and old forms the
    new version no longer recognises (warnings, on standard error)."""
    from rich.console import Console

    from ..terminology.diff import affected_lines, corpus_impact, diff_glossaries, load_revision
    from ..terminology.diff_report import render_html, render_json, render_text

    if run is not None and corpus is None:
        raise MtpipeError("--run needs --corpus: the corpus that run translated")
    before, after = load_revision(old), load_revision(new)
    diff = diff_glossaries(before, after)
    if corpus is not None:
        from ..formats.corpus import load_corpus
        from ..formats.run import load_run_translations

        loaded = load_corpus(corpus)
        translations = load_run_translations(run, loaded) if run is not None else {}
        diff.impact = corpus_impact(diff, before, after, loaded.source)
        diff.lines = affected_lines(diff, loaded.source, translations)
    for warning in diff.warnings:
        typer.echo(warning, err=True)
    if format == DiffFormat.json:
        typer.echo(render_json(diff))
    elif format == DiffFormat.html:
        typer.echo(render_html(diff, old, new))
    else:
        render_text(diff, Console(highlight=False, soft_wrap=True))
    raise typer.Exit(1 if exit_code and not diff.empty else 0)


class ExportFormat(StrEnum):
    tbx = "tbx"
    deepl = "deepl"
    google = "google"
    amazon = "amazon"


@app.command("export")
def glossary_export(
    path: Annotated[Path, typer.Argument(help="Glossary TSV.")],
    to: Annotated[
        ExportFormat, typer.Option("--to", help="tbx (TBX-Basic), or a service's glossary format.")
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write.")],
    src: Annotated[str, typer.Option(help="Source language (service exports).")] = "vi",
    tgt: Annotated[str | None, typer.Option(help="Target language (required for deepl).")] = None,
) -> None:
    """Write the glossary as TBX-Basic, or for DeepL, Google Cloud Translation or Amazon Translate."""
    from ..terminology.glossary import load_glossary

    glossary = load_glossary(path)
    if to == ExportFormat.tbx:
        from ..terminology.tbx import export_tbx

        export_tbx(glossary, output)
    else:
        from ..terminology.services import export_service

        export_service(glossary, to.value, output, src=src, tgt=tgt)
    typer.echo(f"wrote {output}", err=True)


@app.command("import")
def glossary_import(
    source: Annotated[Path, typer.Argument(help="A .tbx or .csv glossary.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Glossary TSV to write.")],
) -> None:
    """Read TBX (TBX-Basic, DCA or DCT style) or CSV and write the project's glossary format."""
    from ..terminology.glossary import write_glossary

    if not source.is_file():
        raise InputError("file not found", source)
    if source.suffix.lower() == ".tbx":
        from ..terminology.tbx import import_tbx

        glossary = import_tbx(source)
    elif source.suffix.lower() == ".csv":
        from ..terminology.interchange import import_csv

        glossary = import_csv(source)
    else:
        raise InputError("expected a .tbx or .csv file", source)
    write_glossary(glossary, output)
    typer.echo(f"{len(glossary.concepts)} concept(s) written to {output}", err=True)


@app.command("suggest")
def glossary_suggest(
    corpus: Annotated[Path, typer.Argument(help="Corpus directory.")],
    glossary: Annotated[Path, typer.Option(help="Glossary TSV.")] = DEFAULT_GLOSSARY,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write the proposed entries here.")
    ] = None,
) -> None:
    """Name-like Vietnamese sequences the glossary lacks, by frequency, with proposed ar/en/lo forms,
    written as `proposed` glossary entries a reviewer can accept."""
    from ..formats.corpus import load_corpus
    from ..normalize.suggest import suggest_concepts
    from ..terminology.glossary import Glossary, load_glossary, write_glossary

    suggestions = suggest_concepts(load_glossary(glossary), load_corpus(corpus).source)
    concepts = [concept for concept, _ in suggestions]
    if output is not None:
        write_glossary(Glossary(output, concepts, ""), output)
        typer.echo(f"{len(concepts)} suggestion(s) written to {output}", err=True)
        return
    for concept, count in suggestions:
        forms = "  ".join(f"{lang}: {concept.forms.get(lang, '')}" for lang in TARGETS)
        typer.echo(f"{count:4d}  {concept.forms['vi']}  →  {forms}")
