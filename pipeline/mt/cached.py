"""A translator behind the persistent cache: only texts not translated before reach the model, in
chunks that are stored as soon as they are done (a killed run resumes where it stopped)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.progress import Progress

from .base import Terms, Translator
from .cache import TranslationCache

CHUNK = 64

Pick = Callable[[str, list[str]], str]
"""Chooses one of a text's hypotheses (best first) to keep."""


def best(text: str, hypotheses: list[str]) -> str:
    return hypotheses[0]


class CachedTranslator:
    """`translator` with `cache`; counts model calls and cache hits."""

    def __init__(self, translator: Translator, cache: TranslationCache, signature_suffix: str = ""):
        self.translator = translator
        self.cache = cache
        self.signature = f"{translator.identity};{translator.options_key()}{signature_suffix}"
        self.model_calls = 0
        self.cache_hits = 0

    def translate(
        self,
        texts: Sequence[str],
        source: str,
        target: str,
        *,
        num_hypotheses: int = 1,
        pick: Pick = best,
        pick_name: str = "",
        terms: dict[str, Terms] | None = None,
        progress: Progress | None = None,
    ) -> dict[str, str]:
        """Translations of the non-blank `texts`, from the cache or the model. With `num_hypotheses`
        above 1, `pick` (named by `pick_name` in the cache key) chooses among each text's hypotheses;
        `terms` gives a text's glossary entries to backends that take them. A task on `progress`
        counts the texts sent to the model."""
        texts = [text for text in texts if text.strip()]
        signature = self.signature + (f";{pick_name}={num_hypotheses}" if num_hypotheses > 1 else "")
        done = self.cache.lookup(signature, source, target, texts)
        self.cache_hits += len(done)
        missing = [text for text in texts if text not in done]
        task = progress.add_task(f"{source}→{target}", total=len(missing)) if progress else None
        for start in range(0, len(missing), CHUNK):
            chunk = missing[start : start + CHUNK]
            hypotheses = self.translator.translate(
                chunk,
                source,
                target,
                num_hypotheses=num_hypotheses,
                terms=[terms.get(text, ()) for text in chunk] if terms is not None else None,
            )
            fresh = {text: pick(text, found) for text, found in zip(chunk, hypotheses, strict=True)}
            self.model_calls += len(chunk)
            self.cache.store(signature, source, target, fresh)
            done.update(fresh)
            if progress is not None:
                progress.advance(task, len(chunk))
        return done
