"""`mtpipe cache`: inspect and clear the translation cache."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .help import Command
from .options import CacheDir

app = typer.Typer(
    help="Inspect and clear the translation cache.\n\nExample: mtpipe cache stats", no_args_is_help=True
)


@app.command("stats", cls=Command)
def cache_stats(cache_dir: CacheDir = Path(".cache")) -> None:
    """Entries per model signature and language pair, and the cache's size on disk.

    Example: mtpipe cache stats --cache-dir .cache
    """
    from ..mt.cache import CACHE_FILE, TranslationCache

    cache = TranslationCache.existing(cache_dir / CACHE_FILE)
    groups = cache.groups()
    typer.echo(f"{cache.path}: {sum(g.entries for g in groups)} entries, {cache.size()} bytes")
    for group in groups:
        typer.echo(f"{group.entries:>8}  {group.source_lang}→{group.target_lang}  {group.signature}")


@app.command("clear", cls=Command)
def cache_clear(
    cache_dir: CacheDir = Path(".cache"),
    model_signature: Annotated[
        str | None,
        typer.Option(
            metavar="SIGNATURE",
            show_default="all",
            help="Remove only this signature's entries (as `stats` prints it, or its start).",
        ),
    ] = None,
) -> None:
    """Remove translations from the cache: all of them, or one model signature's.

    Example: mtpipe cache clear --model-signature 3f2a9c
    """
    from ..mt.cache import CACHE_FILE, TranslationCache

    cache = TranslationCache.existing(cache_dir / CACHE_FILE)
    removed = cache.clear(model_signature)
    typer.echo(f"removed {removed} entries from {cache.path}")
