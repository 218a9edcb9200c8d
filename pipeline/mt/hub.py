"""Known hub models: where they come from, their licence, and the fetch-and-convert step."""

from __future__ import annotations

import os
import shutil
import socket
from dataclasses import dataclass
from pathlib import Path

from ..errors import MtpipeError

HUB_HOST = "huggingface.co"


@dataclass(frozen=True)
class HubModel:
    hub_id: str
    licence: str
    spm_file: str = "sentencepiece.bpe.model"


KNOWN_MODELS: dict[str, HubModel] = {
    "nllb-200-distilled-600M": HubModel("facebook/nllb-200-distilled-600M", "CC-BY-NC-4.0"),
    "nllb-200-distilled-1.3B": HubModel("facebook/nllb-200-distilled-1.3B", "CC-BY-NC-4.0"),
    "nllb-200-3.3B": HubModel("facebook/nllb-200-3.3B", "CC-BY-NC-4.0"),
}


def cached_model_dir(name: str, cache_dir: Path) -> Path:
    return cache_dir / "models" / name


def hub_reachable(timeout: float = 3.0) -> bool:
    """False at once when offline mode is set or the hub's host does not answer."""
    if os.environ.get("HF_HUB_OFFLINE", "") not in ("", "0"):
        return False
    try:
        with socket.create_connection((HUB_HOST, 443), timeout=timeout):
            return True
    except OSError:
        return False


def fetch_model(name: str, cache_dir: Path, quantization: str = "int8") -> Path:
    """Download a known model from the hub and convert it to CTranslate2 in the cache."""
    import ctranslate2

    if name not in KNOWN_MODELS:
        raise MtpipeError(f"unknown model {name!r} (known: {', '.join(KNOWN_MODELS)})")
    info = KNOWN_MODELS[name]
    out = cached_model_dir(name, cache_dir)
    staging = out.with_name(out.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    converter = ctranslate2.converters.TransformersConverter(info.hub_id, copy_files=[info.spm_file])
    converter.convert(str(staging), quantization=quantization)
    shutil.rmtree(out, ignore_errors=True)
    staging.rename(out)
    return out
