"""Benchmarks, measured as ratios within one run, written to BENCHMARKS.md.

    make bench        # = python bench/run.py

Each benchmark is a function returning rows of (what, measurement, ratio) for the table.
"""

from __future__ import annotations

import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ctranslate2  # noqa: E402
from backends import BENCH_MODELS, FIXED_TOKENS, bench_backends  # noqa: E402
from load import bench_load  # noqa: E402
from normalization import bench_normalization  # noqa: E402
from scoring import bench_scoring  # noqa: E402
from terms import bench_terms  # noqa: E402

from pipeline.config import load_job_config  # noqa: E402
from pipeline.formats.corpus import load_corpus  # noqa: E402
from pipeline.mt.ctranslate2 import CTranslate2Translator  # noqa: E402
from pipeline.mt.tiny import build_tiny_model  # noqa: E402
from pipeline.runner import run_job  # noqa: E402
from pipeline.terminology.glossary import load_glossary  # noqa: E402

CORPUS = ROOT / "corpora" / "quangtri"
CACHE = ROOT / ".cache"


def bench_batching(model_dir: Path, sources: list[str]) -> list[tuple[str, str, str]]:
    """CTranslate2 batching by length against one sentence per call, same model and options."""
    translator = CTranslate2Translator(model_dir)
    started = time.perf_counter()
    translator.translate(sources, "vi", "en")
    batched = time.perf_counter() - started
    started = time.perf_counter()
    for text in sources:
        translator.translate([text], "vi", "en")
    single = time.perf_counter() - started
    return [
        (
            f"translate vi→en, batched by length ({translator.max_batch_size})",
            f"{len(sources) / batched:.0f} segments/s",
            "",
        ),
        (
            "translate vi→en, one segment per call",
            f"{len(sources) / single:.0f} segments/s",
            f"batched is {single / batched:.1f}× faster",
        ),
    ]


def bench_cache(model_dir: Path) -> list[tuple[str, str, str]]:
    """A rerun of an unchanged corpus against the first run (translate stage only)."""
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        (cache / "models").mkdir(parents=True)
        (cache / "models" / model_dir.name).symlink_to(model_dir)
        seconds = []
        for attempt in ("cold", "warm"):
            job = load_job_config(
                None,
                {
                    "corpus": str(CORPUS),
                    "out": f"{tmp}/{attempt}",
                    "model.name_or_path": "tiny",
                    "cache_dir": str(cache),
                    "pipeline": ["normalize", "segment", "translate"],
                },
            )
            started = time.perf_counter()
            run_job(job)
            seconds.append(time.perf_counter() - started)
        shutil.rmtree(cache)
    cold, warm = seconds
    return [
        ("whole run (3 targets), empty translation cache", f"{cold:.2f} s", ""),
        (
            "whole run, unchanged corpus, warm cache",
            f"{warm:.2f} s",
            f"rerun is {cold / warm:.1f}× faster",
        ),
    ]


def cpu_name() -> str:
    """The CPU's model name, as Linux reports it (else the platform's processor)."""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    return platform.processor() or "unknown"


def tiny_model() -> Path:
    """The project's tiny model, built from the corpus unless cached."""
    corpus = load_corpus(CORPUS)
    glossary = load_glossary(ROOT / "glossary" / "quangtri.tsv")
    return build_tiny_model(corpus, sorted(corpus.references), glossary, CACHE)


def header() -> list[str]:
    """BENCHMARKS.md's account of the machine and of what each benchmark measures."""
    return [
        "# Benchmarks",
        "",
        "Made by `make bench` (`python bench/run.py`); ratios measured within one run on one machine.",
        f"Machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}.",
        "Normalization: one process pinned to one core; segments of 150 characters cut from the corpus;",
        "rates from the fastest of 5 passes (this machine's speed varies by up to a third between runs).",
        "Translation: CTranslate2 on the CPU with its default threads (the machine has 2 cores); the",
        "backends compared with 2 threads and beam 4 each, fastest of 3 passes, each in a process of",
        "its own (its peak memory: VmHWM), on three models. The tiny model: the project's translators on",
        "its CTranslate2 and Hugging Face copies (the numbers are about the pipeline, not translation",
        "quality). The bench models: engine speed depends on the architecture's shape, not on the",
        "weights, so each is the same M2M100 (NLLB) architecture with random weights at a given shape.",
        *(f"{bench.name}: {bench.shape.describe()}, seed {bench.shape.seed}." for bench in BENCH_MODELS),
        "A vocabulary larger than the tiny model's is the tiny model's padded with unused tokens.",
        "NLLB-200-distilled-600M is the registry's default model; the smaller models show a smaller",
        "gap between the engines.",
        "Random weights emit arbitrary tokens, so each engine's batch call decodes exactly",
        f"{FIXED_TOKENS} tokens after the language token for each of the first "
        + " or ".join(f"{bench.sentences} ({bench.name})" for bench in BENCH_MODELS),
        "corpus sentences, without re-decoding: the same work on both sides. No translation quality is",
        "claimed.",
        f"CPU: {cpu_name()}; CTranslate2 {ctranslate2.__version__}.",
        "Scoring: 10,000 English segments (the corpus repeated), fastest of 3 passes each.",
        "Load (`python bench/load.py`): `mtpipe translate` of 200,000 segments, each two corpus lines",
        "drawn at random, into ar, en, lo in one child process, translation cache empty at the start.",
        "A run sends each distinct sentence to the model once per language, so the model sees only the",
        "corpus's sentences (the fresh model calls) and repeats cost no model call: this measures the",
        "pipeline around the model, not the model. Stage rates are segments over the stage's seconds",
        "in run.json; the report stage is left out (it lists the first 5,000 segments at any length).",
        "Each rate is also given against the same stage's at 20,000 segments: about 1× is linear;",
        "segment (loading spaCy) and translate (the same fresh model calls) have a fixed cost that a",
        "longer run spreads. The input is read, translated and written in chunks of 2,000 segments,",
        "so peak memory (the child's own VmHWM: bench/memory.py) should not grow with the input.",
    ]


def main() -> None:
    corpus = load_corpus(CORPUS)
    model_dir = tiny_model()
    with tempfile.TemporaryDirectory() as tmp:
        rows = bench_normalization(ROOT, Path(tmp)) + bench_terms(ROOT, Path(tmp))
    rows += (
        bench_batching(model_dir, corpus.source) + bench_backends(model_dir, CACHE) + bench_cache(model_dir)
    )
    rows += bench_scoring(ROOT) + bench_load()
    table = ["| benchmark | measurement | ratio |", "| --- | --- | --- |"]
    table += [f"| {what} | {value} | {ratio} |" for what, value, ratio in rows]
    text = "\n".join([*header(), "", *table, ""])
    (ROOT / "BENCHMARKS.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
