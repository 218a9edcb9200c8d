"""What each fuzz target parses: the input parsers of mtpipe, given arbitrary bytes.

A target's `parse` may raise only MtpipeError (the documented, one-line user errors); the runner
(`fuzz/run.py`) reports anything else as a crash. `seeds` are the starting inputs, from tests/data
(and the project corpus, for the corpus reader).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.formats import FORMATS, ReadOptions
from pipeline.formats.base import Translation
from pipeline.formats.corpus import MANIFEST, load_corpus
from pipeline.normalize.decoding import ENCODINGS, decode_input, normalize_lines
from pipeline.normalize.engine import Normalizer
from pipeline.terminology.glossary import load_glossary
from pipeline.terminology.interchange import import_csv
from pipeline.terminology.tbx import import_tbx

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SEEDS = Path(__file__).resolve().parent / "seeds"
"""Seeds of the formats tests/data has no file of."""
GLOSSARY = ROOT / "glossary" / "quangtri.tsv"
PART_BREAK = b"\n----\n"
"""Splits a corpus input into its files: corpus.toml, source.vi.txt, ref.en.txt."""
ON_INVALID = ("error", "replace")


@dataclass(frozen=True)
class Target:
    parse: Callable[[bytes], object]
    seeds: Callable[[], Iterable[bytes]]


@cache
def _scratch_directory() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="mtpipe-fuzz-")


def _scratch() -> Path:
    """A directory for the files of an input, removed when the process ends."""
    return Path(_scratch_directory().name)


def _as_file(data: bytes, name: str) -> Path:
    """`data` written to a file called `name` (in a scratch directory reused by every input)."""
    path = _scratch() / name
    path.write_bytes(data)
    return path


def _files(*patterns: str) -> Callable[[], list[bytes]]:
    """The files of tests/data and fuzz/seeds that match any of `patterns`."""
    return lambda: [
        path.read_bytes()
        for root in (DATA, SEEDS)
        for pattern in patterns
        for path in sorted(root.glob(pattern))
    ]


def parse_corpus(data: bytes) -> None:
    """A corpus directory whose files are the input's parts."""
    manifest, source, reference = (data.split(PART_BREAK, 2) + [b"", b""])[:3]
    _as_file(manifest, MANIFEST)
    _as_file(source, "source.vi.txt")
    _as_file(reference, "ref.en.txt")
    corpus = load_corpus(_scratch())
    for split in corpus.splits:
        corpus.line_indices(split)


def corpus_seeds() -> list[bytes]:
    """The project corpus's first ten lines, with a manifest naming two splits."""
    corpus = ROOT / "corpora" / "quangtri"
    head = [
        b"".join((corpus / name).read_bytes().splitlines(keepends=True)[:10])
        for name in ("source.vi.txt", "ref.en.txt")
    ]
    manifest = b'source = "vi"\n[splits]\ntrain = "1-6"\ntest = "7-10"\n'
    return [PART_BREAK.join([manifest, *head]), PART_BREAK.join([b"", *head])]


def _read_format(name: str) -> Callable[[bytes], None]:
    """Read a file of the `mtpipe translate` format `name` and write it back, as the runner does."""
    file_format = next(f for f in FORMATS if f.name == name)

    def parse(data: bytes) -> None:
        read = file_format.read(data, f"fuzz{file_format.extensions[0]}", ReadOptions("vi"))
        translations = [Translation(text.translated(iter(text.words()))) for text in read.texts]
        read.render(translations, "en")

    return parse


@cache
def _normalizer() -> Normalizer:
    return Normalizer(load_glossary(GLOSSARY), "vi")


def parse_decoding(data: bytes) -> None:
    """`mtpipe normalize`: the first byte picks the encoding and the invalid-UTF-8 policy."""
    choice = data[0] if data else 0
    encoding = ENCODINGS[choice % len(ENCODINGS)]
    on_invalid = ON_INVALID[choice // len(ENCODINGS) % len(ON_INVALID)]
    decoded = decode_input(data[1:], "fuzz", encoding, on_invalid)
    for _ in normalize_lines(decoded, _normalizer()):
        pass


def decoding_seeds() -> list[bytes]:
    """Each legacy sample with the byte that picks its encoding (auto for the UTF-8 one)."""
    named = {"source.txt": "auto", **{f"source.{e}": e for e in ENCODINGS if e not in ("auto", "utf-8")}}
    return [
        bytes([ENCODINGS.index(encoding)]) + (DATA / "legacy" / name).read_bytes()
        for name, encoding in named.items()
    ]


TARGETS = {
    "corpus": Target(parse_corpus, corpus_seeds),
    "glossary": Target(lambda data: load_glossary(_as_file(data, "glossary.tsv")), _files("**/*.tsv")),
    "csv": Target(lambda data: import_csv(_as_file(data, "glossary.csv")), _files("terminology/*.csv")),
    "tbx": Target(
        lambda data: import_tbx(_as_file(data, "glossary.tbx")),
        _files("terminology/*.tbx", "terminology/*.xml"),
    ),
    "text": Target(_read_format("text"), _files("legacy/source.txt", "legacy/expected.tcvn3.txt")),
    "jsonl": Target(_read_format("JSON Lines"), _files("**/*.jsonl")),
    "xliff": Target(_read_format("XLIFF 1.2"), _files("**/*.xlf")),
    "decoding": Target(parse_decoding, decoding_seeds),
}
