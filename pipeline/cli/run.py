"""`mtpipe run`: translate, score and report a corpus directory."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..console import info
from .options import Baseline, CacheDir, Config, MaxDrop, Model, Quiet, RegistryFile, Targets, output


def run(
    corpus: Annotated[
        Path, typer.Argument(metavar="CORPUS", help="Corpus directory (source.vi.txt, ref.*.txt).")
    ],
    out: Annotated[Path | None, output("Output directory (the job config's out).", metavar="DIR")] = None,
    targets: Targets = None,
    model: Model = None,
    registry: RegistryFile = None,
    split: Annotated[
        str | None,
        typer.Option(
            metavar="all|train|test", show_default="all", help="Corpus split (ranges in corpus.toml)."
        ),
    ] = None,
    config: Config = None,
    cache_dir: CacheDir = None,
    baseline: Baseline = None,
    max_drop: MaxDrop = 1.0,
    allow_outside: Annotated[
        bool,
        typer.Option(
            "--allow-outside",
            help="Let the job file's out lie outside its directory and the current directory.",
        ),
    ] = False,
    quiet: Quiet = False,
) -> None:
    """Translate a corpus into every target language, score it and write a report; with --baseline,
    exit 1 when a metric drops by more than --max-drop points and the drop is significant, and
    chart the baseline's history of primary scores in the report.

    Example: mtpipe run corpora/quangtri --to ar,en,lo --model tiny -o runs/demo
    """
    from ..config import load_job_config
    from ..evaluation.baseline import load_baseline
    from ..runner import run_job
    from .evaluate import gate_lines

    job = load_job_config(
        config,
        {
            "corpus": str(corpus),
            "out": str(out) if out else None,
            "targets": targets,
            "split": split,
            "cache_dir": str(cache_dir) if cache_dir else None,
            "model.name_or_path": model,
            "model.registry": str(registry) if registry else None,
            "report.baseline": str(baseline) if baseline else None,
        },
        allow_outside=allow_outside,
    )
    saved = load_baseline(baseline) if baseline else None
    doc = run_job(job)
    for lang, scores in doc.scores.items():
        parts = [f"{m} {scores[m]['score']}" for m in ("BLEU", "chrF++", "TER") if m in scores]
        typer.echo(f"{lang}: " + ", ".join(parts))
    info(f"wrote {job.out}")
    if saved is None:
        return
    failed = False
    for lang, references in doc.references.items():
        hypotheses = [segment.translations.get(lang, "") for segment in doc.segments]
        failed |= any(r.failed for r in gate_lines(saved, baseline, lang, hypotheses, references, max_drop))
    raise typer.Exit(1 if failed else 0)
