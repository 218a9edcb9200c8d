"""`mtpipe models`: get, build and list translation models."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..console import working
from ..errors import MtpipeError
from ..paths import DEFAULT_CORPUS, DEFAULT_GLOSSARY
from .help import Command
from .options import CacheDir, Glossary, Quiet

app = typer.Typer(
    help="Get, build and list translation models.\n\nExample: mtpipe models fetch nllb-200-distilled-600M",
    no_args_is_help=True,
)


@app.command("fetch", cls=Command)
def models_fetch(
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="Known model name (`mtpipe models list`).")
    ] = "nllb-200-distilled-600M",
    cache_dir: CacheDir = Path(".cache"),
    quiet: Quiet = False,
) -> None:
    """Download a known model from the hub and convert it to CTranslate2 (int8).

    Example: mtpipe models fetch nllb-200-distilled-600M
    """
    from ..mt.hub import fetch_model, hub_reachable

    if not hub_reachable():
        raise MtpipeError("the model hub cannot be reached from this machine")
    with working(f"fetching and converting {name}"):
        path = fetch_model(name, cache_dir)
    typer.echo(path)


@app.command("build-tiny", cls=Command)
def models_build_tiny(
    corpus: Annotated[
        Path, typer.Argument(metavar="[CORPUS]", show_default="corpora/quangtri", help="Corpus directory.")
    ] = DEFAULT_CORPUS,
    glossary: Glossary = DEFAULT_GLOSSARY,
    cache_dir: CacheDir = Path(".cache"),
    quiet: Quiet = False,
) -> None:
    """Train the tiny offline test model on the corpus's train split (cached by content hash); the
    glossary's terms become placeholder examples.

    Example: mtpipe models build-tiny corpora/quangtri
    """
    from ..formats.corpus import load_corpus
    from ..mt.tiny import build_tiny_model
    from ..terminology.glossary import load_glossary

    loaded = load_corpus(corpus)
    with working("building the tiny model (minutes the first time)"):
        path = build_tiny_model(loaded, sorted(loaded.references), load_glossary(glossary), cache_dir)
    typer.echo(path)


@app.command("list", cls=Command)
def models_list() -> None:
    """Known hub models and their licences.

    Example: mtpipe models list
    """
    from ..mt.hub import KNOWN_MODELS

    for name, info in KNOWN_MODELS.items():
        typer.echo(f"{name}\t{info.hub_id}\t{info.licence}")
