"""`mtpipe translate`: translators' files (text, JSON Lines, XLIFF 1.2) into every target language."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

STDIN = Path("-")


def translate(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            help="Files and folders to translate (folders recursed), or - for standard input (text).",
            metavar="INPUT...",
        ),
    ],
    to: Annotated[str, typer.Option("--to", metavar="LANGS", help="Target languages, e.g. ar,en,lo.")],
    source: Annotated[
        str | None, typer.Option("--from", metavar="LANG", help="Source language.", show_default="vi")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="OUT",
            help="Output directory: OUT/<lang>/<input path>, run.json and report.html; replaced whole "
            "by each run. Without it, each translation is written beside its input as NAME.<lang>.EXT.",
        ),
    ] = None,
    glossary: Annotated[
        Path | None,
        typer.Option(
            metavar="PATH", help="Glossary TSV.", show_default="the project's glossary/quangtri.tsv"
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            metavar="NAME|PATH|tiny",
            help="Known model name, model directory, or tiny (the project's test model).",
            show_default="nllb-200-distilled-600M",
        ),
    ] = None,
    config: Annotated[
        Path | None, typer.Option(metavar="JOB.toml", help="TOML job config: the stages and their options.")
    ] = None,
    cache_dir: Annotated[
        Path | None, typer.Option(metavar="DIR", help="Model and translation cache.", show_default=".cache")
    ] = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Also translate XLIFF units that already have a target.")
    ] = False,
) -> None:
    """Translate files into every target language with the pipeline of `mtpipe run`, without scoring.

    Formats by extension: .txt (line by line), .jsonl (each line's "text"), .xlf/.xliff (XLIFF 1.2).

    Example: mtpipe translate news/ --to ar,en,lo -o out/
    """
    from ..config import TranslateJob, load_job_config
    from ..errors import InputError
    from ..formats import TEXT, ReadOptions
    from ..formats.tree import InputFile, find_inputs, read_inputs
    from ..runner import translate_files, translate_job
    from ..textio import say_notes

    job = load_job_config(
        config,
        {
            "targets": to,
            "source_lang": source,
            "overwrite": overwrite or None,
            "cache_dir": str(cache_dir) if cache_dir else None,
            "glossary.path": str(glossary) if glossary else None,
            "model.name_or_path": model,
        },
        TranslateJob,
    )
    options = ReadOptions(job.source_lang, job.overwrite)
    if STDIN in inputs:
        if len(inputs) > 1 or len(job.targets) > 1 or output:
            raise InputError(
                "standard input is translated alone, into one target language, to standard output (no -o)",
                "-",
            )
        files = [InputFile(STDIN, STDIN, TEXT.read(sys.stdin.buffer.read(), "-", options))]
    else:
        files = read_inputs(find_inputs(inputs, job.targets, output), options)
    for item in files:
        say_notes(item.path, item.content.notes)
    if STDIN in inputs:
        sys.stdout.buffer.write(translate_files(job, files, None)[0][job.targets[0]])
        return
    translate_job(job, files, output)
    where = output if output else "beside the inputs"
    typer.echo(f"translated {len(files)} file(s) into {', '.join(job.targets)}: {where}", err=True)
