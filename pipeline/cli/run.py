"""`mtpipe run`: translate, score and report a corpus directory."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


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
    from ..config import load_job_config
    from ..runner import run_job

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
