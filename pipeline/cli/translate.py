"""`mtpipe translate`: translators' files (text, JSON Lines, XLIFF, DOCX, PO, SRT, HTML) into every
target language."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..console import info
from .options import CacheDir, Config, Glossary, Model, Quiet, Source, Targets, output

STDIN = Path("-")


def translate(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            help="Files and folders to translate (folders recursed), or - for standard input (text).",
            metavar="INPUT...",
        ),
    ],
    to: Targets = None,
    source: Source = None,
    out: Annotated[
        Path | None,
        output(
            "Output directory: OUT/LANG/INPUT_PATH, run.json and report.html; replaced whole by each "
            "run. Without it, each translation is written beside its input as NAME.LANG.EXT.",
            metavar="OUT",
        ),
    ] = None,
    glossary: Glossary = None,
    model: Model = None,
    config: Config = None,
    cache_dir: CacheDir = None,
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
    quiet: Quiet = False,
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
    from ..textio import say_notes

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
        if len(inputs) > 1 or len(job.targets) > 1 or out:
            raise InputError(
                "standard input is translated alone, into one target language, to standard output (no -o)",
                "-",
            )
        files = [InputFile(STDIN, STDIN, TEXT.read(sys.stdin.buffer.read(), "-", options))]
    else:
        files = read_inputs(find_inputs(inputs, job.targets, out), options)
    for item in files:
        say_notes(item.path, item.content.notes)
    if STDIN in inputs:
        sys.stdout.buffer.write(translate_files(job, files, None)[0][job.targets[0]])
        return
    translate_job(job, files, out)
    info(f"translated {len(files)} file(s) into {', '.join(job.targets)}: {out or 'beside the inputs'}")
