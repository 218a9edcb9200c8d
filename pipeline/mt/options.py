"""Which model translates, and how: the `[model]` section of a job config."""

from __future__ import annotations

from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_serializer, field_validator

DEFAULT_KEY_ENV = "MTPIPE_API_KEY"
MAX_BATCH_SIZE = 64
"""Sentences per model call. CTranslate2 int8 on 2 AVX2 cores decoded about 25% more tokens per
second at 64 than at 32 or 128 (Transformer-base shape, beam 4), for about 230 MiB more peak
memory (556 against 328 MiB); transformers was as fast at 32 as at 64."""


def public_url(url: str) -> str:
    """`url` without user, password, query or fragment: what may be shown or written."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if parts.port is not None:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


class ModelOptions(BaseModel):
    """An NLLB-family model in CTranslate2 or transformers, or an OpenAI-compatible LLM, with every
    decoding option explicit."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    backend: Literal["ctranslate2", "transformers", "openai"] = "ctranslate2"
    name_or_path: str | None = Field(None, validate_default=True)
    """One model for every language pair (a registered name or a directory; the LLM's name with
    `openai`); none: the registry's model of each pair."""
    registry: Path | None = None
    """The model registry (TOML) naming models and each pair's; mtpipe's own by default. A
    relative path in a job file resolves from the job file's directory."""
    base_url: str = "http://127.0.0.1:8000/v1"
    device: Literal["cpu", "cuda", "auto"] = "cpu"
    compute_type: str = "default"
    beam_size: int = Field(4, ge=1, le=16)
    max_batch_size: int = Field(MAX_BATCH_SIZE, ge=1)
    max_decoding_length: int = Field(256, ge=8)
    intra_threads: int = Field(0, ge=0)
    api_key_env: str = Field(DEFAULT_KEY_ENV, pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    max_tokens: int = Field(1024, ge=1)
    concurrency: int = Field(4, ge=1, le=64)
    connect_timeout: float = Field(10.0, gt=0)
    read_timeout: float = Field(120.0, gt=0)
    max_attempts: int = Field(6, ge=1, le=20)
    retry_base_delay: float = Field(1.0, ge=0)
    retry_max_delay: float = Field(60.0, ge=0, validate_default=True)

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, url: str) -> str:
        parts = urlsplit(url)
        try:
            parts.port  # noqa: B018 (raises on a port that is not a number)
        except ValueError:
            raise ValueError("the port is not a number") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("must be an http:// or https:// URL")
        return url

    @field_validator("retry_max_delay")
    @classmethod
    def _not_below_base_delay(cls, value: float, info: ValidationInfo) -> float:
        if value < info.data.get("retry_base_delay", 0):
            raise ValueError("smaller than retry_base_delay")
        return value

    @field_validator("name_or_path")
    @classmethod
    def _llm_named(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None and info.data.get("backend") == "openai":
            raise ValueError("backend 'openai' needs the model name the server serves")
        return value

    @field_serializer("base_url")
    def _without_credentials(self, url: str) -> str:
        """Dumps (the run signature in run.json) never hold the URL's user, password or query."""
        return public_url(url)
