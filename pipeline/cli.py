"""The `mtpipe` command line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .errors import MtpipeError

app = typer.Typer(
    help="Terminology-aware MT of Vietnamese provincial news into ar, en and lo.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
models_app = typer.Typer(help="Get, build and list translation models.", no_args_is_help=True)
app.add_typer(models_app, name="models")


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
    cache_dir: Annotated[Path, typer.Option(help="Cache directory.")] = Path(".cache"),
) -> None:
    """Train the tiny offline test model on the corpus's train split (cached by content hash)."""
    from .corpus import load_corpus
    from .models.tiny import build_tiny_model

    loaded = load_corpus(corpus)
    typer.echo(build_tiny_model(loaded, sorted(loaded.references), cache_dir))


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
