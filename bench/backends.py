"""CTranslate2 int8 against transformers fp32 on the same model (the tiny model and its Hugging
Face copy), the same inputs and options (2 threads, beam 4): target tokens per second and peak
memory, each backend in a child process of its own so that neither's memory counts for the other.

    python bench/backends.py ENGINE MODEL_DIR    # one measurement, printed as JSON
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
THREADS = 2
BEAM = 4
PASSES = 3


def measure(engine: str, model_dir: Path) -> dict[str, float]:
    """Translate the corpus into English `PASSES` times; the fastest pass's target tokens per
    second and the process's peak resident memory."""
    sys.path.insert(0, str(ROOT))
    from pipeline.formats.corpus import load_corpus

    sources = load_corpus(ROOT / "corpora" / "quangtri").source
    if engine == "ctranslate2":
        from pipeline.mt.ctranslate2 import CTranslate2Translator

        options = {"beam_size": BEAM, "intra_threads": THREADS}
        translator = CTranslate2Translator(model_dir, compute_type="int8", **options)
    else:
        from pipeline.mt.transformers import TransformersTranslator

        translator = TransformersTranslator(model_dir / "hf", beam_size=BEAM, intra_threads=THREADS)
    best, tokens = float("inf"), 0
    for _ in range(PASSES):
        started = time.perf_counter()
        outputs = translator.translate(sources, "vi", "en")
        best = min(best, time.perf_counter() - started)
        tokens = sum(len(translator._encode(hypotheses[0])) for hypotheses in outputs)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"tokens_per_second": tokens / best, "peak_mib": peak_kib / 1024}


def bench_backends(model_dir: Path) -> list[tuple[str, str, str]]:
    """The two backends measured one after the other, each in a fresh process."""
    found = {}
    for engine in ("ctranslate2", "transformers"):
        child = subprocess.run(
            [sys.executable, __file__, engine, str(model_dir)], capture_output=True, text=True, check=True
        )
        found[engine] = json.loads(child.stdout.strip().splitlines()[-1])
    ct2, hf = found["ctranslate2"], found["transformers"]
    speedup = ct2["tokens_per_second"] / hf["tokens_per_second"]
    verdict = "meets" if speedup >= 3 else "misses"
    return [
        (
            f"transformers fp32, beam {BEAM}, {THREADS} threads: target tokens/s, peak memory",
            f"{hf['tokens_per_second']:,.0f} tokens/s, {hf['peak_mib']:,.0f} MiB",
            "",
        ),
        (
            f"CTranslate2 int8, beam {BEAM}, {THREADS} threads: target tokens/s, peak memory",
            f"{ct2['tokens_per_second']:,.0f} tokens/s, {ct2['peak_mib']:,.0f} MiB",
            f"{speedup:.1f}× transformers ({verdict} the 3× target); "
            f"{ct2['peak_mib'] / hf['peak_mib']:.2f}× its memory",
        ),
    ]


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1], Path(sys.argv[2]))))
