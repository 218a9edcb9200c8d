"""`mtpipe cache`: inspect and clear the translation cache."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(help="Inspect and clear the translation cache.", no_args_is_help=True)

CacheDir = Annotated[Path, typer.Option(help="Cache directory (as `mtpipe run --cache-dir`).")]


@app.command("stats")
def cache_stats(cache_dir: CacheDir = Path(".cache")) -> None:
    """Entries per model signature and language pair, and the cache's size on disk."""
    from ..mt.cache import CACHE_FILE, TranslationCache

    cache = TranslationCache.existing(cache_dir / CACHE_FILE)
    groups = cache.groups()
    typer.echo(f"{cache.path}: {sum(g.entries for g in groups)} entries, {cache.size()} bytes")
    for group in groups:
        typer.echo(f"{group.entries:>8}  {group.source_lang}→{group.target_lang}  {group.signature}")


@app.command("clear")
def cache_clear(
    cache_dir: CacheDir = Path(".cache"),
    model_signature: Annotated[
        str | None,
        typer.Option(help="Remove only this signature's entries (as `stats` prints it, or its start)."),
    ] = None,
) -> None:
    """Remove translations from the cache: all of them, or one model signature's."""
    from ..mt.cache import CACHE_FILE, TranslationCache

    cache = TranslationCache.existing(cache_dir / CACHE_FILE)
    removed = cache.clear(model_signature)
    typer.echo(f"removed {removed} entries from {cache.path}")
