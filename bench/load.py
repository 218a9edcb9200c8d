"""Load: `mtpipe translate` of 200,000 generated segments with the tiny model, in a child process.

    python bench/load.py [--segments N]     # also run by `make bench` (bench/run.py)

Each segment is two lines of the project corpus drawn at random and joined, so the sentences are
the corpus's own. The translation cache starts empty, and a run sends each distinct sentence to the
model once per language: the model translates only the corpus's sentences (the fresh model calls,
reported) and the repeats cost no model call, so this measures the pipeline around the model. The
throughput of each stage is the segments over its seconds in `run.json`; peak memory is the child's
own high-water mark of resident memory (bench/memory.py). A run of a tenth of the segments shows
how each stage scales, and that memory stays flat: the input is read, translated and written chunk
by chunk (target: peak memory at most 1.2× that of the tenth). The `report` stage is left out: it
renders the first 5,000 segments whatever the input's length, so it adds the same to both runs.
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
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
CORPUS = ROOT / "corpora" / "quangtri"
MODELS = ROOT / ".cache" / "models"
SEGMENTS = 200_000
MEMORY_TARGET = 1.2
SEED = 12345
TARGETS = "ar,en,lo"
PIPELINE = ["normalize", "segment", "glossary", "translate", "unify", "terms", "qa"]
MTPIPE = (
    "import atexit, os; from pathlib import Path; from memory import peak_mib; "
    "atexit.register(lambda: Path(os.environ['MTPIPE_BENCH_PEAK']).write_text(str(peak_mib()))); "
    "from pipeline.cli import main; main()"
)
"""`mtpipe`, writing its peak memory (bench/memory.py) to the file $MTPIPE_BENCH_PEAK at exit."""


def generated_segments(count: int) -> list[str]:
    """`count` segments, each two different corpus lines joined by a space."""
    lines = [line for line in (CORPUS / "source.vi.txt").read_text(encoding="utf-8").splitlines() if line]
    rng = random.Random(SEED)
    return [" ".join(rng.sample(lines, 2)) for _ in range(count)]


class Load(NamedTuple):
    """One `mtpipe translate` child: its segments, wall seconds, peak resident MiB and run.json."""

    segments: int
    seconds: float
    peak_mib: float
    run: dict

    def rates(self) -> dict[str, float]:
        """Segments per second of each stage (setup, the model load, aside)."""
        spent = self.run["seconds"]
        return {stage: self.segments / spent[stage] for stage in spent if stage != "setup" and spent[stage]}


def translate(count: int) -> Load:
    """`count` generated segments through `mtpipe translate` in a child process, with an empty
    translation cache (the models directory linked, so the built tiny model is reused)."""
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        source = tmp / "load.txt"
        source.write_text("".join(line + "\n" for line in generated_segments(count)), encoding="utf-8")
        job = tmp / "job.toml"
        job.write_text(f"pipeline = {json.dumps(PIPELINE)}\n", encoding="utf-8")
        cache = tmp / "cache"
        cache.mkdir()
        (cache / "models").symlink_to(MODELS)
        command = [sys.executable, "-c", MTPIPE, "translate", str(source), "--to", TARGETS, "--model", "tiny"]
        command += ["--config", str(job), "--cache-dir", str(cache), "-o", str(tmp / "out")]
        peak = tmp / "peak"
        env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{BENCH}", "MTPIPE_BENCH_PEAK": str(peak)}
        started = time.perf_counter()
        child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
        status = child.wait()
        seconds = time.perf_counter() - started
        if status != 0:
            sys.exit(f"load bench: mtpipe translate failed (status {status})")
        run = json.loads((tmp / "out" / "run.json").read_text(encoding="utf-8"))
        return Load(run["segments"], seconds, float(peak.read_text(encoding="ascii")), run)


def bench_load(count: int = SEGMENTS) -> list[tuple[str, str, str]]:
    """The load of `count` segments, each stage's rate against its rate at a tenth of them (how
    the pipeline scales)."""
    small, full = translate(count // 10), translate(count)
    verdict = "meets" if full.peak_mib <= MEMORY_TARGET * small.peak_mib else "misses"
    rows = [
        (
            f"load: translate {full.segments:,} generated segments into {TARGETS} (one process)",
            f"{full.seconds:.0f} s, {full.segments / full.seconds:.0f} segments/s",
            f"{full.run['model_calls']:,} fresh model calls, {full.run['cache_hits']:,} cache hits",
        ),
        (
            f"load: peak memory, {full.segments:,} segments",
            f"{full.peak_mib:,.0f} MiB",
            f"{full.peak_mib / small.peak_mib:.2f}× the {small.peak_mib:,.0f} MiB at "
            f"{small.segments:,} segments ({verdict} the {MEMORY_TARGET}× target)",
        ),
    ]
    small_rates = small.rates()
    rows += [
        (
            f"load: stage {stage}",
            f"{rate:,.0f} segments/s",
            f"{rate / small_rates[stage]:.2f}× its rate at {small.segments:,} segments",
        )
        for stage, rate in full.rates().items()
        if stage in small_rates
    ]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=SEGMENTS)
    for row in bench_load(parser.parse_args().segments):
        print(f"| {' | '.join(row)} |")


if __name__ == "__main__":
    main()
