"""`mtpipe translate`: translators' files (text, JSON Lines, XLIFF, DOCX, PO, SRT, HTML) into every
target language."""

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
        bool,
        typer.Option(
            "--overwrite",
            help="Also translate XLIFF units and PO entries that already have a translation.",
        ),
    ] = False,
    tm: Annotated[
        Path | None,
        typer.Option(
            "--tm",
            metavar="FILE.tmx",
            help="Translation memory: its exact matches are used instead of the model.",
        ),
    ] = None,
    write_tm: Annotated[
        Path | None,
        typer.Option("--write-tm", metavar="OUT.tmx", help="Export the run's segment pairs as TMX 1.4."),
    ] = None,
) -> None:
    """Translate files into every target language with the pipeline of `mtpipe run`, without scoring.

    Formats by extension: .txt (line by line), .jsonl (each line's "text"), .xlf/.xliff (XLIFF 1.2
    or 2), .docx (Word), .po (gettext), .srt (subtitles), .html/.htm.

    Example: mtpipe translate news/ --to ar,en,lo -o out/
    """
    from ..config import TranslateJob, load_job_config
    from ..errors import InputError
    from ..formats import TEXT, ReadOptions
    from ..formats.tree import InputFile, find_inputs, read_inputs
    from ..runner import translate_files, translate_job

    job = load_job_config(
        config,
        {
            "targets": to,
            "source_lang": source,
            "overwrite": overwrite or None,
            "tm": str(tm) if tm else None,
            "write_tm": str(write_tm) if write_tm else None,
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
        for note in item.content.notes:
            typer.echo(f"mtpipe: {item.path}: {note}", err=True)
    if STDIN in inputs:
        sys.stdout.buffer.write(translate_files(job, files, None)[0][job.targets[0]])
        return
    translate_job(job, files, output)
    where = output if output else "beside the inputs"
    typer.echo(f"translated {len(files)} file(s) into {', '.join(job.targets)}: {where}", err=True)
