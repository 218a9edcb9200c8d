"""The translations in an `mtpipe run` output directory, by corpus line.

`hyp.<lang>.txt` holds one line per segment of the run's split (`run.json` names it; `all` when
absent), in corpus order, so line k of the file is the k-th line of that split.
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
    path = directory / "run.json"
    if not path.is_file():
        return "all"
    try:
        summary = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise InputError(f"invalid JSON: {err}", path) from None
    split = summary.get("split", "all") if isinstance(summary, dict) else None
    if not isinstance(split, str):
        raise InputError('expected a JSON object whose "split" is a string', path)
    return split
