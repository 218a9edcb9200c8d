"""`mtpipe glossary`: validate, compare, suggest and exchange glossaries."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..console import info, working
from ..errors import InputError, MtpipeError
from ..languages import TARGETS
from ..paths import DEFAULT_GLOSSARY
from .help import Command
from .options import Glossary, Quiet, Source, Target, format_option, output

app = typer.Typer(
    help="Validate, compare and exchange glossaries.\n\n"
    "Example: mtpipe glossary validate glossary/quangtri.tsv",
    no_args_is_help=True,
)


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"


GlossaryFile = Annotated[Path, typer.Argument(metavar="GLOSSARY", help="Glossary TSV.")]


@app.command("validate", cls=Command)
def glossary_validate(path: GlossaryFile, quiet: Quiet = False) -> None:
    """Report duplicates, conflicts, variants that shadow other concepts, wrong scripts, missing
    languages and unknown values, each with its line. Exit 1 when any error is found.

    Example: mtpipe glossary validate glossary/quangtri.tsv
    """
    from ..terminology.validate import validate_glossary

    if not path.is_file():
        raise InputError("file not found", path)
    problems = validate_glossary(path)
    for problem in problems:
        typer.echo(problem.render(path))
    errors = sum(problem.severity == "error" for problem in problems)
    info(f"{errors} error(s), {len(problems) - errors} warning(s)")
    raise typer.Exit(1 if errors else 0)


@app.command("proposed", cls=Command)
def glossary_proposed(path: GlossaryFile = DEFAULT_GLOSSARY, quiet: Quiet = False) -> None:
    """List the concepts still `proposed`, for a reviewer: id, type, the forms in each language and
    the note that says what is unconfirmed. The count goes to standard error.

    Example: mtpipe glossary proposed glossary/quangtri.tsv
    """
    from ..terminology.glossary import load_glossary

    if not path.is_file():
        raise InputError("file not found", path)
    proposed = [concept for concept in load_glossary(path).concepts if concept.status == "proposed"]
    for concept in proposed:
        forms = " | ".join(f"{lang}: {concept.forms.get(lang, '-')}" for lang in ("vi", *TARGETS))
        typer.echo(f"{concept.id} ({concept.type})\n  {forms}\n  {concept.note}")
    info(f"{len(proposed)} proposed concept(s)")


@app.command("diff", cls=Command)
def glossary_diff(
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD", help="Old glossary: a file or REV:PATH (HEAD~1:glossary/quangtri.tsv)."
        ),
    ],
    new: Annotated[str, typer.Argument(metavar="NEW", help="New glossary: a file or REV:PATH.")],
    corpus: Annotated[
        Path | None,
        typer.Option(metavar="DIR", help="Corpus directory: list the affected lines with their source text."),
    ] = None,
    run: Annotated[
        Path | None,
        typer.Option(
            metavar="DIR", help="Output directory of `mtpipe run` on --corpus: show the current translations."
        ),
    ] = None,
    format: Annotated[DiffFormat, format_option("Output format.")] = DiffFormat.text,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when the glossaries differ, 0 when they do not.")
    ] = False,
    quiet: Quiet = False,
) -> None:
    """What changed per concept and field, which corpus lines the change affects, and old forms the
    new version no longer recognises (warnings, on standard error).

    Example: mtpipe glossary diff HEAD~1:glossary/quangtri.tsv glossary/quangtri.tsv --corpus corpora/quangtri
    """
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

        with working("finding the affected lines"):
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


@app.command("export", cls=Command)
def glossary_export(
    path: GlossaryFile,
    format: Annotated[ExportFormat, format_option("tbx (TBX-Basic), or a service's glossary format.")],
    out: Annotated[Path, output("File to write.")],
    src: Source = "vi",
    tgt: Target = None,
    quiet: Quiet = False,
) -> None:
    """Write the glossary as TBX-Basic, or for DeepL, Google Cloud Translation or Amazon Translate;
    a service export goes from --from to --to (required for deepl; every other language if not given).

    Example: mtpipe glossary export glossary/quangtri.tsv --format deepl --from vi --to ar -o vi-ar.tsv
    """
    from ..terminology.glossary import load_glossary

    glossary = load_glossary(path)
    if format == ExportFormat.tbx:
        from ..terminology.tbx import export_tbx

        export_tbx(glossary, out)
    else:
        from ..terminology.services import export_service

        export_service(glossary, format.value, out, src=src, tgt=tgt)
    info(f"wrote {out}")


@app.command("import", cls=Command)
def glossary_import(
    source: Annotated[Path, typer.Argument(metavar="FILE", help="A .tbx or .csv glossary.")],
    out: Annotated[Path, output("Glossary TSV to write.")],
    quiet: Quiet = False,
) -> None:
    """Read TBX (TBX-Basic, DCA or DCT style) or CSV and write the project's glossary format.

    Example: mtpipe glossary import some.tbx -o imported.tsv
    """
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
    write_glossary(glossary, out)
    info(f"{len(glossary.concepts)} concept(s) written to {out}")


@app.command("suggest", cls=Command)
def glossary_suggest(
    corpus: Annotated[Path, typer.Argument(metavar="CORPUS", help="Corpus directory.")],
    glossary: Glossary = DEFAULT_GLOSSARY,
    out: Annotated[Path | None, output("Write the proposed entries here (a glossary TSV).")] = None,
    quiet: Quiet = False,
) -> None:
    """Name-like Vietnamese sequences the glossary lacks, by frequency, with proposed ar/en/lo forms
    (and the other spellings the references give them), then names the references spell several
    ways, written as `proposed` glossary entries a reviewer can accept.

    Example: mtpipe glossary suggest corpora/quangtri -o proposed.tsv
    """
    from ..formats.corpus import load_corpus
    from ..normalize.suggest import suggest_concepts
    from ..terminology.glossary import Glossary as TermBase
    from ..terminology.glossary import load_glossary, write_glossary

    with working("looking for names the glossary lacks"):
        found = load_corpus(corpus)
        suggestions = suggest_concepts(load_glossary(glossary), found.source, found.references)
    concepts = [concept for concept, _ in suggestions]
    if out is not None:
        write_glossary(TermBase(out, concepts, ""), out)
        info(f"{len(concepts)} suggestion(s) written to {out}")
        return
    for concept, count in suggestions:
        forms = "  ".join(f"{lang}: {concept.forms.get(lang, '')}" for lang in TARGETS)
        typer.echo(f"{count:4d}  {concept.forms.get('vi', '—')}  →  {forms}")
