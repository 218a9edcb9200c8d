"""Run one atheris fuzz target: only MtpipeError may escape its parser, anything else is a crash.

    python fuzz/run.py TARGET [libFuzzer options] [INPUT...]

Without INPUT, the target fuzzes from `.fuzz/TARGET/corpus` (its seeds copied there the first
time; new inputs are added to it) and writes a crashing input to `.fuzz/TARGET/crash-*`. With
INPUT files, it runs just those (to replay a crash). `make fuzz` runs every target in turn for
FUZZ_SECONDS each.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".fuzz"
sys.path.insert(0, str(ROOT))

with atheris.instrument_imports(include=["pipeline"]):
    from targets import TARGETS, Target

    from pipeline.errors import MtpipeError


def checked(parse: Callable[[bytes], object]) -> Callable[[bytes], None]:
    """`parse` with its documented errors ignored."""

    def one_input(data: bytes) -> None:
        try:
            parse(data)
        except MtpipeError:
            pass

    return one_input


def corpus_dir(name: str, target: Target) -> Path:
    """The target's working corpus, filled with its seeds when new."""
    corpus = WORK / name / "corpus"
    if not corpus.is_dir():
        corpus.mkdir(parents=True)
        for number, seed in enumerate(target.seeds()):
            (corpus / f"seed-{number}").write_bytes(seed)
    return corpus


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: python fuzz/run.py {{{','.join(TARGETS)}}} [libFuzzer options] [INPUT...]")
    name, options = sys.argv[1], sys.argv[2:]
    target = TARGETS[name]
    scratch = WORK / name / "tmp"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    tempfile.tempdir = str(scratch)  # libFuzzer exits without cleaning up: keep the input files here
    with atheris.instrument_imports(include=["pipeline"]):
        for seed in target.seeds():  # imports, instrumented, the modules the parser imports lazily
            checked(target.parse)(seed)
    args = [sys.argv[0], f"-artifact_prefix={WORK / name}/", *options]
    if not any(not option.startswith("-") for option in options):
        args.append(str(corpus_dir(name, target)))
    atheris.Setup(args, checked(target.parse))
    atheris.Fuzz()


if __name__ == "__main__":
    main()
