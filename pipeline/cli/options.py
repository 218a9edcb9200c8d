"""Every option that more than one command takes, defined once, so each is spelled one way:
`--from`/`--to` for languages, `-o/--output` for what a command writes, `--format` for formats."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ..console import set_quiet
from ..languages import language

CODES_HELP = "ar, ara, arb_Arab and ar-SA all name Arabic"


def _code(value: str | None) -> str | None:
    """The short code of a language as the user wrote it (`ara` → `ar`)."""
    return language(value).code if value else value


def output(help: str, metavar: str = "FILE") -> Any:
    """`-o/--output`: where the command writes."""
    return typer.Option("-o", "--output", metavar=metavar, help=help)


def format_option(help: str) -> Any:
    """`--format`: the form of the command's output."""
    return typer.Option("--format", help=help)


Source = Annotated[
    str,
    typer.Option(
        "--from",
        metavar="LANG",
        callback=_code,
        show_default="vi",
        help=f"Language of the source text ({CODES_HELP}).",
    ),
]
Target = Annotated[
    str | None,
    typer.Option("--to", metavar="LANG", callback=_code, help=f"Target language ({CODES_HELP})."),
]
Targets = Annotated[
    str | None,
    typer.Option(
        "--to",
        metavar="LANGS",
        show_default="the job config's targets, else ar,en,lo",
        help=f"Target languages, comma-separated ({CODES_HELP}).",
    ),
]
Glossary = Annotated[
    Path,
    typer.Option(metavar="TSV", show_default="the project's glossary/quangtri.tsv", help="Glossary TSV."),
]
CacheDir = Annotated[
    Path, typer.Option(metavar="DIR", show_default=".cache", help="Model and translation cache.")
]
Config = Annotated[
    Path | None, typer.Option(metavar="JOB.toml", help="TOML job config: the stages and their options.")
]
Model = Annotated[
    str | None,
    typer.Option(
        metavar="NAME|PATH|tiny",
        show_default="each language pair's model in the registry",
        help="One model for every target: known model name, model directory, or tiny (the "
        "project's test model).",
    ),
]
RegistryFile = Annotated[
    Path | None,
    typer.Option(
        "--registry",
        metavar="FILE",
        help="Model registry (TOML): models by name and each language pair's.",
        show_default="mtpipe's own registry.toml",
    ),
]
Baseline = Annotated[
    Path | None,
    typer.Option(metavar="FILE", help="Baseline JSON (`mtpipe baseline update`) to gate against."),
]
MaxDrop = Annotated[float, typer.Option(metavar="POINTS", help="With --baseline: points a metric may drop.")]
Quiet = Annotated[
    bool,
    typer.Option(
        "-q",
        "--quiet",
        callback=set_quiet,
        expose_value=False,
        is_eager=True,
        help="No progress bars and no info lines (warnings and errors still show).",
    ),
]
