"""Which model translates each language pair, and the directory a backend loads for it:
CTranslate2 (a registered model converted into the cache, fetched when missing) or Hugging Face
format (for transformers)."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, ModelUnavailableError
from .options import ModelOptions
from .registry import load_registry

TINY = "tiny"
"""Built by the project from a corpus (`pipeline.mt.tiny`), then passed on as a directory."""
HF_SUBDIR = "hf"
"""Where a CTranslate2 directory keeps its Hugging Face copy (the tiny model does)."""


def pair_models(options: ModelOptions, source: str, targets: list[str]) -> dict[str, str]:
    """Target → the model that translates into it: `options.name_or_path` for every target where
    set, else the registry's model of each pair."""
    if options.name_or_path is not None:
        return dict.fromkeys(targets, options.name_or_path)
    registry = load_registry(options.registry)
    return {lang: registry.for_pair(source, lang) for lang in targets}


def resolve_model_dir(spec: str, cache_dir: Path, registry_path: Path | None = None) -> Path:
    """The CTranslate2 directory for `spec`: a directory, or a registered model from the cache,
    fetched and converted first where it is not there yet."""
    from .hub import cached_model_dir, fetch_model

    registry = load_registry(registry_path)
    if spec not in registry.models:
        return _directory(spec, [*registry.models, TINY])
    cached = cached_model_dir(spec, cache_dir)
    if (cached / "model.bin").is_file():
        return cached
    try:
        return fetch_model(spec, cache_dir, registry_path)
    except ModelUnavailableError as err:
        raise ModelUnavailableError(
            f"{err}; or run `mtpipe models fetch {spec}` where the hub is reachable and copy "
            f"{cached} here, or pass --model PATH with a CTranslate2 model directory "
            "(`--model tiny` runs the offline test model)"
        ) from None


def resolve_hf_dir(spec: str, cache_dir: Path, registry_path: Path | None = None) -> Path:
    """The Hugging Face directory for `spec`: a directory in that format, a CTranslate2 directory
    with its `hf/` copy, or a registered model's snapshot (from the Hugging Face cache)."""
    from .hub import download

    registry = load_registry(registry_path)
    if spec in registry.models:
        return download(registry.model(spec))
    path = _directory(spec, [*registry.models, TINY])
    for candidate in (path / HF_SUBDIR, path):
        if (candidate / "config.json").is_file() and not (candidate / "model.bin").is_file():
            return candidate
    raise InputError("not a Hugging Face model directory (config.json and weights, or an hf/ copy)", path)


def _directory(spec: str, known: list[str]) -> Path:
    path = Path(spec)
    if path.is_dir():
        return path
    raise InputError(f"model {spec!r} is neither a model directory nor a known model ({', '.join(known)})")
