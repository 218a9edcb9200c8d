"""Turn `--model` (a directory, a known model name, or `tiny`) into a CTranslate2 model directory."""

from __future__ import annotations

from pathlib import Path

from ..corpus import Corpus
from ..errors import InputError, ModelUnavailableError
from .hub import KNOWN_MODELS, cached_model_dir, fetch_model, hub_reachable

TINY = "tiny"


def resolve_model(spec: str, cache_dir: Path, corpus: Corpus, glossary_path: Path) -> Path:
    """The model directory for `spec`, fetching a known model only where the hub is reachable."""
    if spec == TINY:
        from ..glossary import load_glossary
        from .tiny import build_tiny_model

        return build_tiny_model(corpus, sorted(corpus.references), load_glossary(glossary_path), cache_dir)
    if spec in KNOWN_MODELS:
        cached = cached_model_dir(spec, cache_dir)
        if (cached / "model.bin").is_file():
            return cached
        if not hub_reachable():
            raise ModelUnavailableError(
                f"model {spec!r} is not in the cache ({cached}) and the model hub cannot be "
                f"reached. Fetch it on a connected machine with `mtpipe models fetch {spec}` "
                "(then copy the cache here), or pass --model PATH with a CTranslate2 model "
                "directory (`--model tiny` runs the offline demo model)."
            )
        return fetch_model(spec, cache_dir)
    path = Path(spec)
    if path.is_dir():
        return path
    raise InputError(
        f"--model {spec!r} is neither a model directory nor a known model "
        f"({', '.join([*KNOWN_MODELS, TINY])})"
    )
