"""CTranslate2 against transformers fp32, the same inputs and options (2 threads, beam 4): target
tokens per second (fastest of `PASSES`) and peak memory, each measurement in a child process of
its own so that no engine's memory counts for another.

- Tiny model: the project's trained tiny model (d_model 192) through the project's translators,
  the corpus translated into English; target tokens are the output texts' sentencepiece pieces.
- Bench models: engine speed depends on the architecture's shape, not on the weights, and at the
  tiny model's size int8's quantize/dequantize overhead dominates. Each bench model
  (`BENCH_MODELS`) is the M2M100 (NLLB) architecture at a given shape (`BenchShape`) with random
  weights (fixed seed): Transformer-base on the tiny model's vocabulary, and the shape of the
  registry's default model, NLLB-200-distilled-600M, its vocabulary padded to NLLB's 256,206
  entries. Each is converted to CTranslate2 int8 and cached under `.cache/bench-models`. Random
  weights emit arbitrary tokens, so both engines are called without safe decoding's re-decoding
  and made to decode exactly `FIXED_TOKENS` tokens after the language token for each of the first
  `sentences` corpus sentences: the same work on both sides. No translation quality is claimed.

    python bench/backends.py                                  # build what is missing, print the rows
    python bench/backends.py ENGINE COMPUTE MODEL_DIR [SENTENCES]  # one measurement, as JSON
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from memory import peak_mib  # noqa: E402

from pipeline.formats.corpus import load_corpus  # noqa: E402
from pipeline.mt.resolve import HF_SUBDIR  # noqa: E402

CORPUS = ROOT / "corpora" / "quangtri"
THREADS = 2
BEAM = 4
PASSES = 3
FIXED_TOKENS = 32
TOKENIZER_FILES = ("sentencepiece.bpe.model", "tokenizer.json", "tokenizer_config.json")


@dataclass(frozen=True)
class BenchShape:
    """A bench model's shape and seed: its cache key. `vocab_size` None keeps the tiny model's."""

    d_model: int
    layers: int
    heads: int
    ffn_dim: int
    vocab_size: int | None = None
    seed: int = 1234

    def describe(self) -> str:
        vocabulary = f"vocabulary {self.vocab_size:,}" if self.vocab_size else "the tiny model's vocabulary"
        return (
            f"d_model {self.d_model}, {self.layers}+{self.layers} layers, {self.heads} heads, "
            f"ffn {self.ffn_dim}, {vocabulary}"
        )


@dataclass(frozen=True)
class BenchModel:
    """A bench model: its name, shape, and how many corpus sentences each pass decodes."""

    name: str
    shape: BenchShape
    sentences: int


BENCH_MODELS = (
    BenchModel("Transformer-base", BenchShape(d_model=512, layers=6, heads=8, ffn_dim=2048), sentences=64),
    # 16 sentences: at 64, transformers' beam search over NLLB's vocabulary peaked at 22 GB
    BenchModel(
        "NLLB-200-distilled-600M",
        BenchShape(d_model=1024, layers=12, heads=16, ffn_dim=4096, vocab_size=256_206),
        sentences=16,
    ),
)


def build_bench_model(tiny_dir: Path, cache_dir: Path, shape: BenchShape) -> Path:
    """A bench model's CTranslate2 int8 directory (its Hugging Face copy in `hf/`), built from the
    tiny model's vocabulary (padded with unused tokens to `vocab_size`) and configuration only if
    not cached."""
    key = json.dumps({**asdict(shape), "vocabulary": tiny_dir.name}, sort_keys=True)
    out = cache_dir / "bench-models" / f"bench-{hashlib.sha256(key.encode()).hexdigest()[:16]}"
    if (out / "model.bin").is_file() and (out / HF_SUBDIR / "config.json").is_file():
        return out
    import torch
    from transformers import AutoConfig, AutoTokenizer, M2M100ForConditionalGeneration

    from pipeline.mt.hub import convert_model

    config = AutoConfig.from_pretrained(tiny_dir / HF_SUBDIR)
    config.update(
        {
            "d_model": shape.d_model,
            "encoder_layers": shape.layers,
            "decoder_layers": shape.layers,
            "encoder_attention_heads": shape.heads,
            "decoder_attention_heads": shape.heads,
            "encoder_ffn_dim": shape.ffn_dim,
            "decoder_ffn_dim": shape.ffn_dim,
            "vocab_size": shape.vocab_size or config.vocab_size,
        }
    )
    torch.manual_seed(shape.seed)
    with tempfile.TemporaryDirectory(prefix="mtpipe-bench-") as tmp:
        hf_dir = Path(tmp) / HF_SUBDIR
        M2M100ForConditionalGeneration(config).save_pretrained(hf_dir)
        for name in TOKENIZER_FILES:
            shutil.copy(tiny_dir / HF_SUBDIR / name, hf_dir / name)
        if shape.vocab_size:  # CTranslate2 takes its vocabulary from the tokenizer
            tokenizer = AutoTokenizer.from_pretrained(hf_dir)
            tokenizer.add_tokens([f"<bench{index}>" for index in range(shape.vocab_size - len(tokenizer))])
            tokenizer.save_pretrained(hf_dir)
        staging = convert_model(hf_dir, Path(tmp) / "ct2", quantization="int8")
        shutil.move(str(hf_dir), staging / HF_SUBDIR)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(out, ignore_errors=True)
        shutil.move(str(staging), out)
    return out


def _translator(engine: str, compute_type: str, model_dir: Path, max_decoding_length: int = 256):
    """The project's translator for `engine` (transformers always float32), with the bench's options."""
    if engine == "ctranslate2":
        from pipeline.mt.ctranslate2 import CTranslate2Translator

        return CTranslate2Translator(
            model_dir,
            compute_type=compute_type,
            beam_size=BEAM,
            intra_threads=THREADS,
            max_decoding_length=max_decoding_length,
        )
    from pipeline.mt.transformers import TransformersTranslator

    return TransformersTranslator(
        model_dir / HF_SUBDIR, beam_size=BEAM, intra_threads=THREADS, max_decoding_length=max_decoding_length
    )


def _translated_tokens(engine: str, compute_type: str, model_dir: Path) -> Callable[[], int]:
    """The corpus translated into English with the project's translator; the outputs' pieces."""
    sources = load_corpus(CORPUS).source
    translator = _translator(engine, compute_type, model_dir)
    return lambda: sum(
        len(translator._encode(hypotheses[0])) for hypotheses in translator.translate(sources, "vi", "en")
    )


def _fixed_tokens(engine: str, compute_type: str, model_dir: Path, sentences: int) -> Callable[[], int]:
    """The first `sentences` corpus sentences decoded into English by the engine's batch call
    alone (no re-decoding), the end token forbidden until `FIXED_TOKENS` tokens follow the
    language token and decoding stopped there; the tokens decoded after the language token."""
    from pipeline.languages import nllb_code

    limit = FIXED_TOKENS + 1  # both engines count the language token in their lengths
    translator = _translator(engine, compute_type, model_dir, max_decoding_length=limit)
    minimum = {"min_decoding_length" if engine == "ctranslate2" else "min_new_tokens": limit}
    inputs = [
        [nllb_code("vi"), *translator._encode(text), "</s>"]
        for text in load_corpus(CORPUS).source[:sentences]
    ]
    return lambda: sum(
        len(decoded.hypotheses[0]) - 1 for decoded in translator._batch(inputs, nllb_code("en"), 1, **minimum)
    )


def measure(
    engine: str, compute_type: str, model_dir: Path, sentences: int | None = None
) -> dict[str, float]:
    """Target tokens per second of the fastest of `PASSES` passes and the process's peak resident
    memory: the corpus through the project's translator, or with `sentences` the first ones
    decoded to `FIXED_TOKENS` tokens each."""
    if sentences is None:
        run = _translated_tokens(engine, compute_type, model_dir)
    else:
        run = _fixed_tokens(engine, compute_type, model_dir, sentences)
    best, tokens = float("inf"), 0
    for _ in range(PASSES):
        started = time.perf_counter()
        tokens = run()
        best = min(best, time.perf_counter() - started)
    return {"tokens": tokens, "tokens_per_second": tokens / best, "peak_mib": peak_mib()}


def _measured(
    engine: str, compute_type: str, model_dir: Path, sentences: int | None = None
) -> dict[str, float]:
    """`measure` in a fresh process."""
    child = subprocess.run(
        [
            sys.executable,
            __file__,
            engine,
            compute_type,
            str(model_dir),
            *([] if sentences is None else [str(sentences)]),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(child.stdout.strip().splitlines()[-1])


def _row(what: str, found: dict[str, float], ratio: str = "") -> tuple[str, str, str]:
    return (
        f"{what}, beam {BEAM}, {THREADS} threads: target tokens/s, peak memory",
        f"{found['tokens_per_second']:,.0f} tokens/s, {found['peak_mib']:,.0f} MiB",
        ratio,
    )


def _against(ct2: dict[str, float], hf: dict[str, float], target: bool = True) -> str:
    """CTranslate2's speed and memory as multiples of transformers'; against the 3× target (int8)."""
    speedup = ct2["tokens_per_second"] / hf["tokens_per_second"]
    verdict = f" ({'meets' if speedup >= 3 else 'misses'} the 3× target)" if target else ""
    return f"{speedup:.1f}× transformers{verdict}; {ct2['peak_mib'] / hf['peak_mib']:.2f}× its memory"


def bench_backends(tiny_dir: Path, cache_dir: Path) -> list[tuple[str, str, str]]:
    """The tiny model through both translators, then each bench model with fixed-length decoding
    in transformers fp32, CTranslate2 int8 and (for context) CTranslate2 float32."""
    tiny_hf = _measured("transformers", "float32", tiny_dir)
    tiny_ct2 = _measured("ctranslate2", "int8", tiny_dir)
    rows = [
        _row("tiny model, transformers fp32", tiny_hf),
        _row("tiny model, CTranslate2 int8", tiny_ct2, _against(tiny_ct2, tiny_hf)),
    ]
    for bench in BENCH_MODELS:
        bench_dir = build_bench_model(tiny_dir, cache_dir, bench.shape)
        fixed = [
            _measured(engine, compute, bench_dir, bench.sentences)
            for engine, compute in (
                ("transformers", "float32"),
                ("ctranslate2", "int8"),
                ("ctranslate2", "float32"),
            )
        ]
        if len({found["tokens"] for found in fixed}) != 1:
            raise RuntimeError(f"the engines decoded different numbers of tokens: {fixed}")
        hf, ct2_int8, ct2_float = fixed
        what = f"{bench.name}-shaped bench model ({FIXED_TOKENS} tokens × {bench.sentences} sentences)"
        rows += [
            _row(f"{what}, transformers fp32", hf),
            _row(f"{what}, CTranslate2 int8", ct2_int8, _against(ct2_int8, hf)),
            _row(f"{what}, CTranslate2 float32", ct2_float, _against(ct2_float, hf, target=False)),
        ]
    return rows


if __name__ == "__main__":
    if len(sys.argv) > 1:
        sentences = int(sys.argv[4]) if len(sys.argv) > 4 else None
        print(json.dumps(measure(sys.argv[1], sys.argv[2], Path(sys.argv[3]), sentences)))
    else:
        from run import CACHE, tiny_model

        for row in bench_backends(tiny_model(), CACHE):
            print(" | ".join(row))
