"""`mtpipe models`: get, build and list translation models."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import MtpipeError
from ..paths import DEFAULT_CORPUS, DEFAULT_GLOSSARY

app = typer.Typer(help="Get, build and list translation models.", no_args_is_help=True)


@app.command("fetch")
def models_fetch(
    name: Annotated[str, typer.Argument(help="Known model name.")] = "nllb-200-distilled-600M",
    cache_dir: Annotated[Path, typer.Option(help="Cache directory.")] = Path(".cache"),
) -> None:
    """Download a known model from the hub and convert it to CTranslate2 (int8)."""
    from ..mt.hub import fetch_model, hub_reachable

    if not hub_reachable():
        raise MtpipeError("the model hub cannot be reached from this machine")
    typer.echo(fetch_model(name, cache_dir))


@app.command("build-tiny")
def models_build_tiny(
    corpus: Annotated[Path, typer.Argument(help="Corpus directory.")] = DEFAULT_CORPUS,
    glossary: Annotated[
        Path, typer.Option(help="Glossary: its terms become placeholder examples.")
    ] = DEFAULT_GLOSSARY,
    cache_dir: Annotated[Path, typer.Option(help="Cache directory.")] = Path(".cache"),
) -> None:
    """Train the tiny offline test model on the corpus's train split (cached by content hash)."""
    from ..formats.corpus import load_corpus
    from ..mt.tiny import build_tiny_model
    from ..terminology.glossary import load_glossary

    loaded = load_corpus(corpus)
    typer.echo(build_tiny_model(loaded, sorted(loaded.references), load_glossary(glossary), cache_dir))


@app.command("list")
def models_list() -> None:
    """Known hub models and their licences."""
    from ..mt.hub import KNOWN_MODELS

    for name, info in KNOWN_MODELS.items():
        typer.echo(f"{name}\t{info.hub_id}\t{info.licence}")
