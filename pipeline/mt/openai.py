"""Translation through an OpenAI-compatible chat-completions endpoint (a hosted LLM or a local
server such as vLLM or llama.cpp), with the relevant glossary entries in the prompt."""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from ..errors import MtpipeError
from ..languages import language
from .base import Terms, code_version
from .options import ModelOptions


def system_prompt(source_lang: str, target_lang: str, terms: Terms) -> str:
    """The instruction: translate, and use exactly these target forms for these source terms."""
    lines = [
        f"Translate the user's {language(source_lang).name} text into {language(target_lang).name}.",
        "Reply with the translation only, on one line.",
    ]
    if terms:
        lines.append("Use exactly these translations for these terms:")
        lines += [f"- {source} → {target}" for source, target in terms]
    return "\n".join(lines)


class OpenAICompatibleTranslator:
    """One chat completion per text, at temperature 0 (so one hypothesis); every option explicit."""

    def __init__(
        self, base_url: str, model: str, *, api_key_env: str = "OPENAI_API_KEY", timeout: float = 60.0
    ):
        import httpx

        self.model = model
        self.identity = hashlib.sha256(f"{base_url}|{model}".encode()).hexdigest()[:16]
        headers = (
            {"Authorization": f"Bearer {os.environ[api_key_env]}"} if os.environ.get(api_key_env) else {}
        )
        self._client = httpx.Client(base_url=base_url.rstrip("/"), headers=headers, timeout=timeout)

    @classmethod
    def from_options(cls, options: ModelOptions, cache_dir: Path) -> OpenAICompatibleTranslator:
        return cls(options.base_url, options.name_or_path)

    def options_key(self) -> str:
        """Temperature, and the version of this module's prompt and post-processing."""
        return f"llm;temperature=0;processing={code_version(sys.modules[__name__])}"

    def translate(
        self,
        texts: Sequence[str],
        source: str,
        target: str,
        *,
        num_hypotheses: int = 1,
        terms: Sequence[Terms] | None = None,
    ) -> list[list[str]]:
        """One translation of each text; `terms[i]` are the (source, approved target) pairs of text i."""
        return [
            [self._complete(text, system_prompt(source, target, terms[i] if terms else ()))]
            for i, text in enumerate(texts)
        ]

    def _complete(self, text: str, instruction: str) -> str:
        import httpx

        payload = {
            "model": self.model,
            "temperature": 0,
            "messages": [{"role": "system", "content": instruction}, {"role": "user", "content": text}],
        }
        try:
            response = self._client.post("/chat/completions", json=payload)
            response.raise_for_status()
            content = response.json()["choices"][0]["message"]["content"]
        except (httpx.HTTPError, KeyError, IndexError, ValueError) as err:
            raise MtpipeError(f"LLM endpoint {self._client.base_url}: {err}") from None
        return " ".join(content.split())
