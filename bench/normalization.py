"""Normalization throughput, and how it scales from a 100- to a 10,000-concept gazetteer."""

from __future__ import annotations

import os
import random
from pathlib import Path

from timing import fastest

from pipeline.normalize.engine import Normalizer
from pipeline.terminology.glossary import COLUMNS, Glossary, load_glossary

SEGMENT_CHARS = 150
TARGET_RATE = 20_000  # segments per second on one core
ONSETS = [
    "b",
    "c",
    "d",
    "đ",
    "g",
    "h",
    "kh",
    "l",
    "m",
    "n",
    "ng",
    "nh",
    "ph",
    "qu",
    "s",
    "t",
    "th",
    "tr",
    "v",
    "x",
]
RHYMES = [
    "a",
    "an",
    "ang",
    "anh",
    "ao",
    "ây",
    "ên",
    "iên",
    "inh",
    "ong",
    "ông",
    "ơn",
    "ương",
    "uy",
    "ai",
    "ôi",
]
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
ARABIC = "ابتثدرزسشغفكلمنهوي"


def segments_of(lines: list[str], count: int) -> list[str]:
    """`count` segments of about SEGMENT_CHARS characters cut from the corpus lines."""
    text = " ".join(lines)
    out = []
    for i in range(count):
        start = (i * 97) % max(1, len(text) - SEGMENT_CHARS)
        out.append(text[start : start + SEGMENT_CHARS])
    return out


def synthetic_glossary(base: Glossary, extra: int, path: Path) -> Glossary:
    """The project glossary plus `extra` random two-syllable names with Arabic forms."""
    import unicodedata

    rng = random.Random(extra)
    rows = ["\t".join(COLUMNS)]
    for i in range(extra):
        syllables = [
            unicodedata.normalize("NFC", rng.choice(ONSETS) + rng.choice(RHYMES) + rng.choice(TONES)).title()
            for _ in range(2)
        ]
        arabic = " ".join("".join(rng.choices(ARABIC, k=4)) for _ in range(2))
        variant = arabic.replace("غ", "ج")
        rows.append(
            f"syn-{i:05d}\tcommune\tproposed\t{' '.join(syllables)}\tSyn {i}\t{arabic}\t\t\t\t{variant}\t\t"
        )
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    synthetic = load_glossary(path)
    return Glossary(path, base.concepts + synthetic.concepts, synthetic.digest)


def throughput(normalizer: Normalizer, segments: list[str]) -> float:
    """Segments per second."""
    return len(segments) / fastest(lambda: [normalizer(text) for text in segments])


def against_target(rate: float) -> str:
    return f"{rate / TARGET_RATE:.2f}× the {TARGET_RATE:,} segments/s target"


def bench_normalization(root: Path, tmp: Path) -> list[tuple[str, str, str]]:
    """Throughput pinned to one core, per language and input kind, and the gazetteer-size ratio."""
    cores = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(cores)})
    try:
        return _measure(root, tmp)
    finally:
        os.sched_setaffinity(0, cores)


def _measure(root: Path, tmp: Path) -> list[tuple[str, str, str]]:
    glossary = load_glossary(root / "glossary" / "quangtri.tsv")
    corpus = root / "corpora" / "quangtri"
    rows = []
    for lang, file in (("vi", "source.vi.txt"), ("ar", "ref.ar.txt"), ("ar", "noisy.ar.txt")):
        segments = segments_of((corpus / file).read_text(encoding="utf-8").splitlines(), 20_000)
        text_rate = throughput(Normalizer(glossary, lang, entities=False), segments)
        what = f"normalize --from {lang} (text), {file}"
        rows.append((what, f"{text_rate:,.0f} segments/s", against_target(text_rate)))
        if lang == "vi":
            jsonl_rate = throughput(Normalizer(glossary, lang), segments)
            rows.append(
                (
                    f"normalize --from {lang} --format jsonl (entities), {file}",
                    f"{jsonl_rate:,.0f} segments/s",
                    against_target(jsonl_rate),
                )
            )
    segments = segments_of((corpus / "noisy.ar.txt").read_text(encoding="utf-8").splitlines(), 20_000)
    sizes = {size: synthetic_glossary(glossary, size, tmp / f"g{size}.tsv") for size in (100, 10_000)}
    small, large = (throughput(Normalizer(sizes[size], "ar", entities=False), segments) for size in sizes)
    rows += [
        ("normalize --from ar (text), noisy.ar.txt, +100 synthetic concepts", f"{small:,.0f} segments/s", ""),
        (
            "normalize --from ar (text), noisy.ar.txt, +10,000 synthetic concepts",
            f"{large:,.0f} segments/s",
            f"10,000 concepts cost {small / large:.2f}× the time of 100",
        ),
    ]
    return rows
