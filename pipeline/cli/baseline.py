"""`mtpipe baseline`: make the baseline file the regression gate compares against."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ..console import info
from .help import Command
from .options import Quiet, output

app = typer.Typer(
    help="Baselines for the regression gate.\n\n"
    "Example: mtpipe baseline update runs/quangtri -o baselines/quangtri.json",
    no_args_is_help=True,
)


@app.command("update", cls=Command)
def update(
    run_dir: Annotated[Path, typer.Argument(metavar="RUN_DIR", help="A `mtpipe run` output directory.")],
    out: Annotated[Path, output("Baseline JSON to write.")],
    quiet: Quiet = False,
) -> None:
    """Write a baseline (scores, signatures, per-segment statistics, test-set hashes, model id,
    date) from a run, for CI to keep in the repository. Overwriting a baseline keeps its history:
    the date, model and primary scores of each baseline it replaces.

    Example: mtpipe baseline update runs/quangtri -o baselines/quangtri.json
    """
    from ..evaluation.baseline import load_baseline, make_baseline, with_history
    from ..formats.run import run_model, scored_texts
    from ..textio import write_atomic

    baseline = make_baseline(scored_texts(run_dir), run_model(run_dir), ("BLEU", "chrF++", "TER"))
    if out.exists():
        baseline = with_history(baseline, load_baseline(out))
    write_atomic(out, (json.dumps(baseline, ensure_ascii=False) + "\n").encode("utf-8"))
    info(f"wrote {out} ({', '.join(baseline['languages'])})")
