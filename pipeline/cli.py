"""The `mtpipe` command line."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .errors import InputError, MtpipeError

app = typer.Typer(
    help="Terminology-aware MT of Vietnamese provincial news into ar, en and lo.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
models_app = typer.Typer(help="Get, build and list translation models.", no_args_is_help=True)
glossary_app = typer.Typer(help="Validate, compare and exchange glossaries.", no_args_is_help=True)
app.add_typer(models_app, name="models")
app.add_typer(glossary_app, name="glossary")


@app.command()
def run(
    corpus: Annotated[Path, typer.Argument(help="Corpus directory (source.vi.txt, ref.*.txt).")],
    out: Annotated[Path | None, typer.Option(help="Output directory.")] = None,
    targets: Annotated[str | None, typer.Option(help="Target languages, e.g. ar,en,lo.")] = None,
    model: Annotated[str | None, typer.Option(help="Model directory, known model name, or 'tiny'.")] = None,
    split: Annotated[str | None, typer.Option(help="Corpus split: all, train or test.")] = None,
    config: Annotated[Path | None, typer.Option(help="TOML job config.")] = None,
    cache_dir: Annotated[Path | None, typer.Option(help="Model and translation cache.")] = None,
) -> None:
    """Translate a corpus into every target language, score it and write a report."""
    from .config import load_job_config
    from .runner import run_job

    job = load_job_config(
        config,
        {
            "corpus": str(corpus),
            "out": str(out) if out else None,
            "targets": targets,
            "split": split,
            "cache_dir": str(cache_dir) if cache_dir else None,
            "model.name_or_path": model,
        },
    )
    doc = run_job(job)
    for lang, scores in doc.scores.items():
        parts = [f"{m} {scores[m]['score']}" for m in ("BLEU", "chrF++", "TER") if m in scores]
        typer.echo(f"{lang}: " + ", ".join(parts))
    typer.echo(f"wrote {job.out}")


class Lang(StrEnum):
    vi = "vi"
    en = "en"
    ar = "ar"
    lo = "lo"


class OutputFormat(StrEnum):
    text = "text"
    jsonl = "jsonl"


class ToneStyleOption(StrEnum):
    traditional = "traditional"
    modern = "modern"


class EncodingOption(StrEnum):
    auto = "auto"
    utf8 = "utf-8"
    tcvn3 = "tcvn3"
    vni = "vni"
    viscii = "viscii"
    cp1258 = "cp1258"


class OnInvalid(StrEnum):
    error = "error"
    replace = "replace"


@app.command()
def normalize(
    lang: Annotated[Lang, typer.Option(help="Language of the text.")],
    files: Annotated[list[Path] | None, typer.Argument(help="Input files; standard input when none.")] = None,
    glossary: Annotated[Path, typer.Option(help="Glossary TSV.")] = Path("glossary/quangtri.tsv"),
    format: Annotated[
        OutputFormat, typer.Option("--format", help="text, or jsonl with entities and edits.")
    ] = (OutputFormat.text),
    tone_style: Annotated[ToneStyleOption, typer.Option(help="Vietnamese tone-mark placement.")] = (
        ToneStyleOption.traditional
    ),
    encoding: Annotated[EncodingOption, typer.Option(help="Input encoding; auto detects legacy ones.")] = (
        EncodingOption.auto
    ),
    on_invalid: Annotated[OnInvalid, typer.Option(help="Invalid UTF-8: stop with an error, or replace.")] = (
        OnInvalid.error
    ),
) -> None:
    """Normalize names and spelling, one output line per input line."""
    from .glossary import load_glossary
    from .normalize.command import decode_input, format_line, normalize_lines
    from .normalize.engine import Normalizer

    normalizer = Normalizer(
        load_glossary(glossary),
        lang.value,
        tone_style.value,
        entities=format == OutputFormat.jsonl,
    )
    sources = (
        [(str(path), _read_bytes(path)) for path in files]
        if files
        else [("<stdin>", sys.stdin.buffer.read())]
    )
    out = sys.stdout.buffer
    for name, data in sources:
        decoded = decode_input(data, name, encoding.value, on_invalid.value)
        for note in decoded.notes:
            print(f"mtpipe: {name}: {note}", file=sys.stderr)
        for line in normalize_lines(decoded, normalizer):
            out.write((format_line(line, format.value) + "\n").encode("utf-8"))
    out.flush()


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"


@glossary_app.command("validate")
def glossary_validate(path: Annotated[Path, typer.Argument(help="Glossary TSV.")]) -> None:
    """Report duplicates, conflicts, variants that shadow other concepts, wrong scripts, missing
    languages and unknown values, each with its line. Exit 1 when any error is found."""
    from .terminology.validate import validate_glossary

    if not path.is_file():
        raise InputError("file not found", path)
    problems = validate_glossary(path)
    for problem in problems:
        typer.echo(problem.render(path))
    errors = sum(problem.severity == "error" for problem in problems)
    typer.echo(f"{errors} error(s), {len(problems) - errors} warning(s)", err=True)
    raise typer.Exit(1 if errors else 0)


@glossary_app.command("diff")
def glossary_diff(
    old: Annotated[
        str, typer.Argument(help="Old glossary: a file or REV:PATH (HEAD~1:glossary/quangtri.tsv).")
    ],
    new: Annotated[str, typer.Argument(help="New glossary: a file or REV:PATH.")],
    corpus: Annotated[Path | None, typer.Option(help="Corpus directory: list the affected segments.")] = None,
    format: Annotated[DiffFormat, typer.Option("--format", help="text, json or html.")] = DiffFormat.text,
) -> None:
    """What changed per concept and field, and which corpus segments the change affects."""
    from rich.console import Console

    from .terminology.diff import corpus_impact, diff_glossaries, load_revision
    from .terminology.diff_report import render_html, render_json, render_text

    before, after = load_revision(old), load_revision(new)
    diff = diff_glossaries(before, after)
    if corpus is not None:
        from .corpus import load_corpus

        diff.impact = corpus_impact(diff, before, after, load_corpus(corpus).source)
    if format == DiffFormat.json:
        typer.echo(render_json(diff))
    elif format == DiffFormat.html:
        typer.echo(render_html(diff, old, new))
    else:
        render_text(diff, Console(highlight=False))


class ExportFormat(StrEnum):
    tbx = "tbx"
    deepl = "deepl"
    google = "google"
    amazon = "amazon"


@glossary_app.command("export")
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
    from .glossary import load_glossary

    glossary = load_glossary(path)
    if to == ExportFormat.tbx:
        from .terminology.tbx import export_tbx

        export_tbx(glossary, output)
    else:
        from .terminology.services import export_service

        export_service(glossary, to.value, output, src=src, tgt=tgt)
    typer.echo(f"wrote {output}", err=True)


@glossary_app.command("import")
def glossary_import(
    source: Annotated[Path, typer.Argument(help="A .tbx or .csv glossary.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Glossary TSV to write.")],
) -> None:
    """Read TBX (TBX-Basic, DCA or DCT style) or CSV and write the project's glossary format."""
    from .glossary import write_glossary

    if not source.is_file():
        raise InputError("file not found", source)
    if source.suffix.lower() == ".tbx":
        from .terminology.tbx import import_tbx

        glossary = import_tbx(source)
    elif source.suffix.lower() == ".csv":
        from .terminology.interchange import import_csv

        glossary = import_csv(source)
    else:
        raise InputError("expected a .tbx or .csv file", source)
    write_glossary(glossary, output)
    typer.echo(f"{len(glossary.concepts)} concept(s) written to {output}", err=True)


@glossary_app.command("suggest")
def glossary_suggest(
    corpus: Annotated[Path, typer.Argument(help="Corpus directory.")],
    glossary: Annotated[Path, typer.Option(help="Glossary TSV.")] = Path("glossary/quangtri.tsv"),
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write the proposed entries here.")
    ] = None,
) -> None:
    """Name-like Vietnamese sequences the glossary lacks, by frequency, with proposed ar/en/lo forms,
    written as `proposed` glossary entries a reviewer can accept."""
    from .corpus import load_corpus
    from .glossary import Glossary, load_glossary, write_glossary
    from .terminology.suggest import suggest_concepts

    suggestions = suggest_concepts(load_glossary(glossary), load_corpus(corpus).source)
    concepts = [concept for concept, _ in suggestions]
    if output is not None:
        write_glossary(Glossary(output, concepts, ""), output)
        typer.echo(f"{len(concepts)} suggestion(s) written to {output}", err=True)
        return
    for concept, count in suggestions:
        forms = "  ".join(f"{lang}: {concept.forms.get(lang, '')}" for lang in ("ar", "en", "lo"))
        typer.echo(f"{count:4d}  {concept.forms['vi']}  →  {forms}")


def _read_bytes(path: Path) -> bytes:
    if not path.is_file():
        raise InputError("file not found", path)
    return path.read_bytes()


@models_app.command("fetch")
def models_fetch(
    name: Annotated[str, typer.Argument(help="Known model name.")] = "nllb-200-distilled-600M",
    cache_dir: Annotated[Path, typer.Option(help="Cache directory.")] = Path(".cache"),
) -> None:
    """Download a known model from the hub and convert it to CTranslate2 (int8)."""
    from .models.hub import fetch_model, hub_reachable

    if not hub_reachable():
        raise MtpipeError("the model hub cannot be reached from this machine")
    typer.echo(fetch_model(name, cache_dir))


@models_app.command("build-tiny")
def models_build_tiny(
    corpus: Annotated[Path, typer.Argument(help="Corpus directory.")] = Path("corpora/quangtri"),
    glossary: Annotated[Path, typer.Option(help="Glossary: its terms become placeholder examples.")] = Path(
        "glossary/quangtri.tsv"
    ),
    cache_dir: Annotated[Path, typer.Option(help="Cache directory.")] = Path(".cache"),
) -> None:
    """Train the tiny offline test model on the corpus's train split (cached by content hash)."""
    from .corpus import load_corpus
    from .glossary import load_glossary
    from .models.tiny import build_tiny_model

    loaded = load_corpus(corpus)
    typer.echo(build_tiny_model(loaded, sorted(loaded.references), load_glossary(glossary), cache_dir))


@models_app.command("list")
def models_list() -> None:
    """Known hub models and their licences."""
    from .models.hub import KNOWN_MODELS

    for name, info in KNOWN_MODELS.items():
        typer.echo(f"{name}\t{info.hub_id}\t{info.licence}")


def main() -> None:
    """Console entry point: user errors become one line on stderr and exit status 2."""
    try:
        app()
    except MtpipeError as err:
        print(f"mtpipe: error: {err}", file=sys.stderr)
        sys.exit(2)
