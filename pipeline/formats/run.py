"""An `mtpipe run` output directory as other commands read it.

`hyp.<lang>.txt` holds one line per segment of the run's split (`run.json` names it; `all` when
absent), in corpus order, so line k of the file is the k-th line of that split; `ref.<lang>.txt`
holds the references it was scored against, line-aligned with it.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import InputError
from ..languages import LANGUAGES
from ..textio import read_lines
from .corpus import Corpus


def load_run_translations(directory: Path, corpus: Corpus) -> dict[str, dict[int, str]]:
    """Per language, the run's translation of each 1-based corpus line it translated."""
    if not directory.is_dir():
        raise InputError("run directory not found", directory)
    lines = [index + 1 for index in corpus.line_indices(_split(directory))]
    translations = {}
    for path in sorted(directory.glob("hyp.*.txt")):
        lang = path.name.split(".")[1]
        if lang not in LANGUAGES:
            continue
        hyps = read_lines(path)
        if len(hyps) != len(lines):
            raise InputError(
                f"has {len(hyps)} lines but the run's split of {corpus.source_path} has {len(lines)}: "
                "not a run of this corpus",
                path,
            )
        translations[lang] = dict(zip(lines, hyps, strict=True))
    if not translations:
        raise InputError("no hyp.<lang>.txt here: not the output directory of `mtpipe run`", directory)
    return translations


def _split(directory: Path) -> str:
    """The split that `run.json` names; `all` when the file is absent."""
    split = run_summary(directory).get("split", "all")
    if not isinstance(split, str):
        raise InputError('expected a JSON object whose "split" is a string', directory / "run.json")
    return split


def run_summary(directory: Path) -> dict:
    """`run.json`, or an empty summary when the directory has none."""
    path = directory / "run.json"
    if not path.is_file():
        return {}
    try:
        summary = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise InputError(f"invalid JSON: {err}", path) from None
    if not isinstance(summary, dict):
        raise InputError("expected a JSON object", path)
    return summary


def run_model(directory: Path) -> str | None:
    """The model identity the run's signature names, if any."""
    signature = run_summary(directory).get("signature")
    return signature.get("model") if isinstance(signature, dict) else None


def read_pair(hyp_path: Path, ref_path: Path) -> tuple[list[str], list[str]]:
    """Line-aligned hypotheses and references; different line counts are an error."""
    hyps, refs = read_lines(hyp_path), read_lines(ref_path)
    if len(hyps) != len(refs):
        raise InputError(f"has {len(hyps)} lines but {ref_path} has {len(refs)}", hyp_path)
    return hyps, refs


def scored_texts(directory: Path) -> dict[str, tuple[list[str], list[str]]]:
    """Each language the run scored: (hypotheses, references)."""
    if not directory.is_dir():
        raise InputError("run directory not found", directory)
    texts = {}
    for ref_path in sorted(directory.glob("ref.*.txt")):
        lang = ref_path.name.split(".")[1]
        hyp_path = directory / f"hyp.{lang}.txt"
        if hyp_path.is_file():
            texts[lang] = read_pair(hyp_path, ref_path)
    if not texts:
        raise InputError(
            "no hyp.<lang>.txt with its ref.<lang>.txt: not a scored `mtpipe run` output", directory
        )
    return texts


def segment_lines(directory: Path, count: int) -> list[int]:
    """The corpus line number of each scored segment (from segments.jsonl), else 1..count."""
    path = directory / "segments.jsonl"
    if path.is_file():
        lines = [json.loads(line)["line"] for line in read_lines(path) if line.strip()]
        if len(lines) == count:
            return lines
    return list(range(1, count + 1))
