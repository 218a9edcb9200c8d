"""`mtpipe translate`: translators' files (text, JSON Lines, XLIFF, DOCX, PO, SRT, HTML) into every
target language."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..console import info
from .options import CacheDir, Config, Glossary, Model, Quiet, RegistryFile, Source, Targets, output

STDIN = Path("-")


class ExecutorOption(StrEnum):
    local = "local"
    ray = "ray"


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
    registry: RegistryFile = None,
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
    executor: Annotated[
        ExecutorOption,
        typer.Option(
            "--executor",
            help="Run the stages in this process, or on Ray actors (pip install 'mtpipe[ray]').",
        ),
    ] = ExecutorOption.local,
    ray_address: Annotated[
        str | None,
        typer.Option(
            "--ray-address",
            metavar="ADDR",
            help="With --executor ray: the cluster to join (HEAD:6379, auto); else a local one is started.",
        ),
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
    from ..formats import ReadOptions
    from ..formats.tree import find_inputs, read_input, read_inputs
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
            "executor": executor.value if executor != ExecutorOption.local else None,
            "ray_address": ray_address,
            "cache_dir": str(cache_dir) if cache_dir else None,
            "glossary.path": str(glossary) if glossary else None,
            "model.name_or_path": model,
            "model.registry": str(registry) if registry else None,
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
        files = [read_input(STDIN, STDIN, options, sys.stdin.buffer.read())]
    else:
        files = read_inputs(find_inputs(inputs, job.targets, out), options)
    for item in files:
        say_notes(item.path, item.notes)
    if STDIN in inputs:
        translate_files(job, files, lambda item, lang, data: sys.stdout.buffer.write(data), None)
        return
    translate_job(job, files, out)
    info(f"translated {len(files)} file(s) into {', '.join(job.targets)}: {out or 'beside the inputs'}")
