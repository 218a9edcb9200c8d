"""Which model translates, and how: the `[model]` section of a job config."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DEFAULT_MODEL = "nllb-200-distilled-600M"


class ModelOptions(BaseModel):
    """CTranslate2 (NLLB family) or an OpenAI-compatible LLM, with every decoding option explicit."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    backend: Literal["ctranslate2", "openai"] = "ctranslate2"
    name_or_path: str = DEFAULT_MODEL
    base_url: str = "http://127.0.0.1:8000/v1"
    device: Literal["cpu", "cuda", "auto"] = "cpu"
    compute_type: str = "default"
    beam_size: int = Field(4, ge=1, le=16)
    max_batch_size: int = Field(32, ge=1)
    max_decoding_length: int = Field(256, ge=8)
    intra_threads: int = Field(0, ge=0)
