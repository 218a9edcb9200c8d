"""Turn a model name or directory into a CTranslate2 model directory (the backend's resolution)."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, ModelUnavailableError
from .hub import KNOWN_MODELS, cached_model_dir, fetch_model, hub_reachable

TINY = "tiny"
"""Built by the project from a corpus (`pipeline.mt.tiny`), then passed on as a directory."""


def resolve_model_dir(spec: str, cache_dir: Path) -> Path:
    """The model directory for `spec`, fetching a known model only where the hub is reachable."""
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
