"""Load: `mtpipe translate` of 100,000 generated segments with the tiny model, in a child process.

    python bench/load.py [--segments N]     # also run by `make bench` (bench/run.py)

Each segment is two lines of the project corpus drawn at random and joined, so the sentences are
the corpus's own. The translation cache starts empty, and a run sends each distinct sentence to the
model once per language: the model translates only the corpus's sentences (the fresh model calls,
reported) and the repeats cost no model call, so this measures the pipeline around the model. The
throughput of each stage is the segments over its seconds in `run.json`; peak memory is the child's
maximum resident set. The `report` stage is left out: one page of 100,000 segments (about 3.9 KB
each) is not a page anyone reads.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora" / "quangtri"
MODELS = ROOT / ".cache" / "models"
SEGMENTS = 100_000
SEED = 12345
TARGETS = "ar,en,lo"
PIPELINE = ["normalize", "segment", "glossary", "translate", "unify", "terms", "qa"]
MTPIPE = "from pipeline.cli import main; main()"


def generated_segments(count: int) -> list[str]:
    """`count` segments, each two different corpus lines joined by a space."""
    lines = [line for line in (CORPUS / "source.vi.txt").read_text(encoding="utf-8").splitlines() if line]
    rng = random.Random(SEED)
    return [" ".join(rng.sample(lines, 2)) for _ in range(count)]


def translate(tmp: Path, count: int) -> tuple[dict, float, int]:
    """run.json, wall seconds and peak resident kilobytes of one `mtpipe translate` child with an
    empty translation cache (the models directory linked, so the built tiny model is reused)."""
    source = tmp / "load.txt"
    source.write_text("".join(line + "\n" for line in generated_segments(count)), encoding="utf-8")
    job = tmp / "job.toml"
    job.write_text(f"pipeline = {json.dumps(PIPELINE)}\n", encoding="utf-8")
    cache = tmp / "cache"
    cache.mkdir()
    (cache / "models").symlink_to(MODELS)
    command = [sys.executable, "-c", MTPIPE, "translate", str(source), "--to", TARGETS, "--model", "tiny"]
    command += ["--config", str(job), "--cache-dir", str(cache), "-o", str(tmp / "out")]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"load bench: mtpipe translate failed (status {status})")
    return json.loads((tmp / "out" / "run.json").read_text(encoding="utf-8")), seconds, usage.ru_maxrss


def bench_load(count: int = SEGMENTS) -> list[tuple[str, str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        run, seconds, peak_kb = translate(Path(tmp), count)
    segments = run["segments"]
    rows = [
        (
            f"load: translate {segments:,} generated segments into {TARGETS} (one process)",
            f"{seconds:.0f} s, {segments / seconds:.0f} segments/s",
            f"{run['model_calls']:,} fresh model calls, {run['cache_hits']:,} cache hits",
        ),
        (f"load: peak memory, {segments:,} segments", f"{peak_kb / 1024:,.0f} MiB", "maximum resident set"),
    ]
    rows += [
        (f"load: stage {stage}", f"{segments / spent:,.0f} segments/s" if spent else "—", f"{spent:.2f} s")
        for stage, spent in run["seconds"].items()
        if stage != "setup"
    ]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=SEGMENTS)
    for row in bench_load(parser.parse_args().segments):
        print(f"| {' | '.join(row)} |")


if __name__ == "__main__":
    main()
