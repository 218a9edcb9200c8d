"""Translation through an OpenAI-compatible chat-completions endpoint (a hosted LLM or a local
server such as vLLM or llama.cpp), with the relevant glossary entries in the prompt."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence

from .errors import MtpipeError

LANGUAGE_NAMES = {"vi": "Vietnamese", "ar": "Modern Standard Arabic", "en": "English", "lo": "Lao"}
PROMPT_VERSION = "1"


def system_prompt(source_lang: str, target_lang: str, terms: Sequence[tuple[str, str]]) -> str:
    """The instruction: translate, and use exactly these target forms for these source terms."""
    lines = [
        f"Translate the user's {LANGUAGE_NAMES[source_lang]} text into {LANGUAGE_NAMES[target_lang]}.",
        "Reply with the translation only, on one line.",
    ]
    if terms:
        lines.append("Use exactly these translations for these terms:")
        lines += [f"- {source} → {target}" for source, target in terms]
    return "\n".join(lines)


class OpenAICompatibleTranslator:
    """One chat completion per segment; every request option explicit."""

    supports_n_best = False  # temperature 0: one answer per request

    def __init__(
        self, base_url: str, model: str, *, api_key_env: str = "OPENAI_API_KEY", timeout: float = 60.0
    ):
        import httpx

        self.model = model
        self.identity = hashlib.sha256(f"{base_url}|{model}|{PROMPT_VERSION}".encode()).hexdigest()[:16]
        headers = (
            {"Authorization": f"Bearer {os.environ[api_key_env]}"} if os.environ.get(api_key_env) else {}
        )
        self._client = httpx.Client(base_url=base_url.rstrip("/"), headers=headers, timeout=timeout)

    def options_key(self) -> str:
        return f"llm;temperature=0;prompt={PROMPT_VERSION}"

    def translate_batch(
        self,
        texts: Sequence[str],
        source_lang: str,
        target_lang: str,
        terms: Sequence[Sequence[tuple[str, str]]] | None = None,
    ) -> list[str]:
        """Translate each text; `terms[i]` are the (source, approved target) pairs found in text i."""
        return [
            self._complete(text, system_prompt(source_lang, target_lang, terms[i] if terms else ()))
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
