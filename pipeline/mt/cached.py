"""A translator behind the persistent cache: only texts not translated before reach the model, and
each translation is stored as soon as the model hands it back (a killed or failed run resumes
where it stopped)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from rich.progress import Progress

from .base import IncrementalTranslator, NotingTranslator, Terms, Translator
from .cache import TranslationCache
from .safety import DecodeNote

CHUNK = 64
"""Texts per call to a batch backend (one that hands back a whole batch at once)."""

Pick = Callable[[str, list[str]], str]
"""Chooses one of a text's hypotheses (best first) to keep."""
PLAIN = DecodeNote()
"""The note of a translation that safe decoding had nothing to say about."""


def best(text: str, hypotheses: list[str]) -> str:
    return hypotheses[0]


def answers(
    translator: Translator,
    texts: Sequence[str],
    source: str,
    target: str,
    *,
    num_hypotheses: int,
    terms: Sequence[Terms] | None,
) -> Iterator[tuple[int, list[tuple[str, DecodeNote]]]]:
    """(index in `texts`, hypotheses with their decoding notes) for every text: one by one as an
    incremental backend hands them back, or from a batch backend in calls of `CHUNK` texts."""
    if isinstance(translator, IncrementalTranslator):
        for index, hypotheses in translator.translate_each(
            texts, source, target, num_hypotheses=num_hypotheses, terms=terms
        ):
            yield index, [(hypothesis, PLAIN) for hypothesis in hypotheses]
        return
    for start in range(0, len(texts), CHUNK):
        chunk = texts[start : start + CHUNK]
        chunk_terms = terms[start : start + CHUNK] if terms is not None else None
        if isinstance(translator, NotingTranslator):
            found = translator.translate_noted(
                chunk, source, target, num_hypotheses=num_hypotheses, terms=chunk_terms
            )
        else:
            plain = translator.translate(
                chunk, source, target, num_hypotheses=num_hypotheses, terms=chunk_terms
            )
            found = [[(hypothesis, PLAIN) for hypothesis in hypotheses] for hypotheses in plain]
        yield from enumerate(found, start)


class CachedTranslator:
    """`translator` with `cache`; counts model calls and cache hits."""

    def __init__(self, translator: Translator, cache: TranslationCache, signature_suffix: str = ""):
        self.translator = translator
        self.cache = cache
        self.signature = f"{translator.identity};{translator.options_key()}{signature_suffix}"
        self.model_calls = 0
        self.cache_hits = 0
        self.notes: dict[tuple[str, str], DecodeNote] = {}
        """(target language, text) → what safe decoding noted about its translation, where it did."""

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
        for text, note in self.cache.lookup_notes(signature, source, target, done).items():
            self.notes[target, text] = DecodeNote.from_json(note)
        self.cache_hits += len(done)
        missing = [text for text in texts if text not in done]
        task = progress.add_task(f"{source}→{target}", total=len(missing)) if progress else None
        for index, hypotheses in answers(
            self.translator,
            missing,
            source,
            target,
            num_hypotheses=num_hypotheses,
            terms=[terms.get(text, ()) for text in missing] if terms is not None else None,
        ):
            text = missing[index]
            done[text] = pick(text, [hypothesis for hypothesis, _ in hypotheses])
            note = next(n for hypothesis, n in hypotheses if hypothesis == done[text])
            notes = {} if note == PLAIN else {text: note.to_json()}
            self.cache.store(signature, source, target, {text: done[text]}, notes)
            if notes:
                self.notes[target, text] = note
            self.model_calls += 1
            if progress is not None:
                progress.advance(task)
        return done
