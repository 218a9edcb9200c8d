"""Machine translation: the `Translator` protocol, its backends (looked up by name and imported only
when used), model resolution and the translation cache."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from ..errors import MtpipeError
from .base import Translator
from .options import ModelOptions

BACKENDS: dict[str, str] = {
    "ctranslate2": "pipeline.mt.ctranslate2:CTranslate2Translator",
    "transformers": "pipeline.mt.transformers:TransformersTranslator",
    "openai": "pipeline.mt.openai:OpenAICompatibleTranslator",
}
"""Backend name → `module:class`; importing one backend never imports the others."""


def make_translator(options: ModelOptions, cache_dir: Path) -> Translator:
    """The backend `options.backend`, built from the model options (it resolves its own model,
    `options.name_or_path`: `resolve.pair_models` gives each language pair's)."""
    if options.name_or_path is None:
        raise MtpipeError("no model named: pass --model, or take each pair's from the registry")
    try:
        module_name, _, class_name = BACKENDS[options.backend].partition(":")
    except KeyError:
        raise MtpipeError(f"unknown backend {options.backend!r} (known: {', '.join(BACKENDS)})") from None
    return getattr(import_module(module_name), class_name).from_options(options, cache_dir)


__all__ = ["BACKENDS", "ModelOptions", "Translator", "make_translator"]
